"""Recall of the fact check on injected conflicts: real agreeing stories, one outlet's figure or speaker changed.

The hand-labelled sets hold few real conflicts, so their recall moves by a tenth with every
flag. This measurement needs no labels: in BASIL stories, passages the aligner links where
two outlets agree (the same figure, "23 executive actions" / "23 actions"; the same speaker of
the same statement) are found, one outlet's text is changed so they disagree (the figure
rewritten in the same form, "23" -> "35", "twenty" -> "thirty", "$447 billion" -> "$671 billion";
the speaker's surname swapped for another person the article names; "in a statement" turned
into "on Twitter"), the story is aligned and checked again, and a conflict on that pair counts
as found. Everything else in the texts stays byte-identical. Each changed story is also checked
against the unchanged story's links (spans shifted), which tells a miss of the check rules from
a link the aligner drops because the passages now disagree (it links partly on shared figures
and names). Partial links often join two statements of one speaker, not one statement, so
recall is given per link kind, and per whether the extractor reads both figures as one thing.

Two controls: the same figures rewritten to the same value in another form ("23" -> "twenty-three",
"1,500" -> "1500"), which must raise nothing; and, after every change, conflicts that appear
or vanish elsewhere in the story (they show a change that broke the alignment, not a finding).

Events: every BASIL event but those of the fourth, fifth and sixth blind sets (``tests/data/``; only
their ``events`` lists are read, never their labels), so that this measurement never runs on a set kept blind. Injections
are drawn with a fixed seed, so runs repeat.

Run from the repository root: ``.venv/bin/python bench/factcheck_injected.py [--per-event N] [--seed S]``.
Reads ``../shared/corpora/basil-triplets/basil.jsonl``; writes nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.align import AlignInput, align_corpus  # noqa: E402
from index.attribution import Attribution, extract_attributions  # noqa: E402
from index.attribution_checks import MIN_QUOTE_CHARS, QUOTE_OVERLAP, attribution_at, same_fact, story_topic_names  # noqa: E402
from index.attribution_checks import _quote_overlap  # noqa: E402  (the engine's own guard, to say why a pair was passed over)
from index.collate import Alignment, CorpusLink  # noqa: E402
from index.factcheck import FactCheck, Flag, FlagSide, check_story  # noqa: E402
from index.quantities import Quantity, extract_quantities, same_thing  # noqa: E402
from index.similarity import quote_regions  # noqa: E402

from injections import NOT_NAMES, number_in, person, rewrite_figure, surname  # noqa: E402  (bench/, beside this file)

BASIL = ROOT.parent / "shared" / "corpora" / "basil-triplets" / "basil.jsonl"
BLIND_SETS = [ROOT / "tests" / "data" / f"factcheck_gold_basil_{name}.json" for name in ("blind4", "blind5", "blind6")]
"""Sets labelled blind: their events are left out (only the ``events`` key is read)."""
PER_EVENT = 3
"""Injections of each kind drawn per event, so a few long stories do not dominate."""
SEED = 11
SPEECH_VERBS = frozenset({"said", "says", "told", "added", "stated"})
"""Reporting verbs that name someone speaking (not "according to", not a document)."""
EXAMPLES = 10

Span = tuple[int, int]


# -- the corpus ----------------------------------------------------------------------------------


def load_events() -> dict[str, list[AlignInput]]:
    """The BASIL events to measure on: all but the fourth, fifth and sixth blind sets', in id order."""
    blind = {e.removeprefix("basil-") for path in BLIND_SETS if path.exists() for e in json.loads(path.read_text())["events"]}
    clusters: dict[str, list[AlignInput]] = defaultdict(list)
    for line in BASIL.open(encoding="utf-8"):
        row = json.loads(line)
        if row["cluster"] in blind:
            continue
        clusters[row["cluster"]].append(AlignInput(row["id"], row["text"], row["source"], date=row["date"]))
    return {event: clusters[event] for event in sorted(clusters)}


def overlaps(a: Span, b: Span) -> bool:
    """Half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def trimmed(text: str, span: Span, mark: Span | None = None, width: int = 240) -> str:
    """A sentence for a reader, the changed figure or name in [[ ]], cut to ``width`` around it."""
    start, end = span
    if mark is not None:
        shown = text[start:mark[0]] + "[[" + text[mark[0]:mark[1]] + "]]" + text[mark[1]:end]
        centre = mark[0] - start
    else:
        shown, centre = text[start:end], 0
    shown = " ".join(shown.split())
    if len(shown) > width:
        lo = max(0, min(centre - width // 2, len(shown) - width))
        shown = ("…" if lo else "") + shown[lo:lo + width] + ("…" if lo + width < len(shown) else "")
    return shown


# -- one check -----------------------------------------------------------------------------------


def run(articles: Sequence[AlignInput]) -> tuple[FactCheck, Alignment]:
    """Align and check a story, as the app does."""
    alignment = align_corpus(articles)
    return check_story(articles, alignment), alignment


def replaced(articles: Sequence[AlignInput], article_id: str, text: str) -> list[AlignInput]:
    """The story with one article's text replaced."""
    return [AlignInput(a.id, text, a.source) if a.id == article_id else a for a in articles]


def shifted(alignment: Alignment, article_id: str, old: Span, delta: int) -> Alignment:
    """The unchanged story's alignment with one article's spans moved past a stretch that grew by ``delta``.

    Checking the changed text against it separates what the check rules miss from what the
    aligner loses when the change breaks the link between the passages.
    """
    def move(span: Span) -> Span:
        return tuple(pos + delta if pos >= old[1] else pos for pos in span)  # type: ignore[return-value]

    data = alignment.to_dict()
    for link in data["links"]:
        for side in "ab":
            if link[f"{side}_id"] == article_id:
                link[f"{side}_span"] = move(link[f"{side}_span"])
    for group in data["groups"]:
        if article_id in group["members"]:
            group["members"][article_id] = [move(span) for span in group["members"][article_id]]
    if article_id in data["only_in"]:
        data["only_in"][article_id] = [move(span) for span in data["only_in"][article_id]]
    return Alignment.from_dict(data)


def unshift(span: Span, at: Span, delta: int) -> Span:
    """A span of the changed text mapped back onto the original, ``at`` being the changed stretch (new offsets)."""
    def one(pos: int) -> int:
        return pos if pos <= at[0] else at[0] if pos < at[1] else pos - delta
    return one(span[0]), one(span[1])


def side_span(side: FlagSide) -> Span:
    """What a flag side points at: the figure for numbers, the passage for attributions."""
    return side.quantity.span if side.quantity else side.span


def signatures(check: FactCheck, article_id: str | None = None, at: Span | None = None, delta: int = 0) -> dict[tuple, Flag]:
    """Conflicts keyed by kind and sides, spans of ``article_id`` mapped back onto its original text."""
    out = {}
    for flag in check.conflicts:
        sides = []
        for side in flag.sides:
            span = side_span(side)
            if side.article_id == article_id and at is not None:
                span = unshift(span, at, delta)
            sides.append((side.article_id, span))
        out[(flag.kind, tuple(sorted(sides)))] = flag
    return out


def attribution_flags(check: FactCheck, mine: tuple[str, Span], other: tuple[str, Span]) -> list[Flag]:
    """The attribution flags with a side on the changed passage and a side on the other outlet's passage."""
    found = []
    for flag in check.flags:
        if flag.kind != "attribution":
            continue
        spans = [(s.article_id, s.span) for s in flag.sides]
        for (a_id, a_span), (b_id, b_span) in (spans, spans[::-1]):
            if a_id == mine[0] and overlaps(a_span, mine[1]) and b_id == other[0] and overlaps(b_span, other[1]):
                found.append(flag)
                break
    return found


def figure_flags(check: FactCheck, text: str, mine: tuple[str, Span], other: tuple[str, Quantity]) -> list[Flag]:
    """The number flags setting the rewritten figure against the other outlet's figure.

    The rewritten side is the figure whose own number is the rewritten one (not a figure
    around it: "Fifteen of the 19 hijackers" also holds "19"); the other side is the other
    figure itself, its text being unchanged.
    """
    found = []
    for flag in check.flags:
        if flag.kind != "number":
            continue
        sides = [(s.article_id, s.quantity) for s in flag.sides if s.quantity]
        for (a_id, qa), (b_id, qb) in (sides, sides[::-1]) if len(sides) == 2 else ():
            number = number_in(text, qa) if a_id == mine[0] else None
            if number is not None and overlaps(number.span(), mine[1]) and b_id == other[0] and qb.span == other[1].span:
                found.append(flag)
                break
    return found


def verdict_of(flags: list[Flag]) -> tuple[bool, str]:
    """(found, ``status:code``) of the engine's flags on the pair; a conflict wins over a look-alike."""
    conflict = next((f for f in flags if f.status == "conflict"), None)
    if conflict is not None:
        return True, f"conflict:{conflict.code}"
    return False, f"{flags[0].status}:{flags[0].code}" if flags else ""


_STRENGTH = {"quote": 3, "paraphrase": 2, "partial": 1}


def links_between(alignment: Alignment, mine: tuple[str, Span], other: tuple[str, Span]) -> list[CorpusLink]:
    """The aligner's links between the passage holding one stretch and the passage holding the other, strongest first."""
    found = []
    for link in alignment.links:
        if {link.a_id, link.b_id} != {mine[0], other[0]} or link.a_id == link.b_id:
            continue
        m_span, o_span = (link.a_span, link.b_span) if link.a_id == mine[0] else (link.b_span, link.a_span)
        if overlaps(m_span, mine[1]) and overlaps(o_span, other[1]):
            found.append(link)
    return sorted(found, key=lambda link: (-_STRENGTH.get(link.kind, 0), -link.score))


def link_name(links: list[CorpusLink]) -> str:
    """The strongest link kind, or "none"."""
    return links[0].kind if links else "none"


def side_effects(before: dict[tuple, Flag], after: dict[tuple, Flag], touches: Callable[[tuple], bool]) -> tuple[list[Flag], list[Flag]]:
    """Conflicts raised or lost elsewhere in the story by a change (not those on the changed stretch)."""
    new = [flag for key, flag in after.items() if key not in before and not touches(key)]
    lost = [flag for key, flag in before.items() if key not in after and not touches(key)]
    return new, lost


@dataclass(slots=True)
class Outcome:
    """What the engine made of one injection."""

    found: bool
    verdict: str
    """``status:code`` of the engine's flag on the pair, or ``no flag (why)``."""
    frozen_found: bool
    frozen_verdict: str
    """The same, checked against the unchanged story's links (the aligner not re-run)."""
    link_before: str
    link_after: str
    new: list[Flag]
    lost: list[Flag]
    lines: list[str]
    one_digit: bool = False
    """The rewritten figure and the other one are written with the same digits but one ("60,000" / "90,000")."""


@dataclass(slots=True)
class Story:
    """One event's articles, with what the unchanged story gives, so each injection is compared against it."""

    event: str
    articles: list[AlignInput]
    texts: dict[str, str]
    check: FactCheck
    alignment: Alignment
    conflicts: dict[tuple, Flag]
    quantities: dict[str, list[Quantity]]


# -- number injections ---------------------------------------------------------------------------


@dataclass(slots=True)
class NumberPair:
    """Two agreeing figures of two outlets in passages the aligner links."""

    mutate_id: str
    mutate: Quantity
    other_id: str
    other: Quantity


def agreeing_figures(story: Story) -> list[NumberPair]:
    """Pairs of equal figures (same dimension, value and unit; no dates) in linked passages of two articles."""
    quantities = story.quantities
    seen: dict[tuple, NumberPair] = {}
    for link in story.alignment.links:
        if link.a_id == link.b_id:
            continue
        in_a = [q for q in quantities[link.a_id] if overlaps(q.span, link.a_span)]
        in_b = [q for q in quantities[link.b_id] if overlaps(q.span, link.b_span)]
        for qa in in_a:
            for qb in in_b:
                if qa.dimension == "date" or qa.dimension != qb.dimension or qa.unit != qb.unit or abs(qa.value - qb.value) > 1e-9:
                    continue
                key = (link.a_id, qa.span, link.b_id, qb.span)
                seen.setdefault(key, NumberPair(link.a_id, qa, link.b_id, qb))
    return [seen[key] for key in sorted(seen)]


def diagnose_number(alignment: Alignment, text: str, at: Span, pair: NumberPair) -> str:
    """Why no flag was raised on the changed pair, from what the engine's inputs show about it."""
    figure = next((q for q in extract_quantities(text) if (n := number_in(text, q)) is not None and overlaps(n.span(), at)), None)
    if figure is None:
        return "no flag (changed figure not extracted)"
    other = pair.other
    if abs(figure.value - pair.mutate.value) < 1e-9:
        return "no flag (changed figure reads as the old value)"
    links = links_between(alignment, (pair.mutate_id, figure.span), (pair.other_id, other.span))
    if not links:
        return "no flag (passages no longer linked)"
    if figure.dimension == "duration":
        if links[0].kind == "partial":
            return "no flag (duration in a partial link: not compared, by design)"
        return "no flag (duration in a quote/paraphrase link)"
    if figure.dimension not in ("duration", "temperature") and not (figure.measured and other.measured):
        return "no flag (what is counted unknown)"
    if not same_thing(figure, other):
        return "no flag (different things counted)"
    return "no flag (other)"


def alike(a: Quantity, b: Quantity) -> str:
    """Whether the extractor reads two figures as about one thing, before any change: what recall can be asked of."""
    if a.dimension == "duration":
        return "no counted thing"
    if not (a.measured and b.measured):
        return "thing unknown on a side"
    return "same thing" if same_thing(a, b) else "different things"


def inject_number(story: Story, pair: NumberPair, noop: bool) -> Outcome | None:
    """Rewrite one figure, check the story again and judge the pair; None when the figure cannot be rewritten."""
    seen = frozenset(q.value for article_id, figure in ((pair.mutate_id, pair.mutate), (pair.other_id, pair.other))
                     for q in story.quantities[article_id] if q.sentence == figure.sentence and q.dimension == figure.dimension)
    done = rewrite_figure(story.texts[pair.mutate_id], pair.mutate, pair.other, noop, seen)
    if done is None:
        return None
    text, at, old = done
    check, alignment = run(replaced(story.articles, pair.mutate_id, text))
    delta = (at[1] - at[0]) - len(old)
    found, verdict = verdict_of(figure_flags(check, text, (pair.mutate_id, at), (pair.other_id, pair.other)))
    verdict = verdict or diagnose_number(alignment, text, at, pair)
    old_at = (at[0], at[0] + len(old))
    frozen = shifted(story.alignment, pair.mutate_id, old_at, delta)
    frozen_check = check_story(replaced(story.articles, pair.mutate_id, text), frozen)
    frozen_found, frozen_verdict = verdict_of(figure_flags(frozen_check, text, (pair.mutate_id, at), (pair.other_id, pair.other)))
    frozen_verdict = frozen_verdict or diagnose_number(frozen, text, at, pair)

    def touches(key: tuple) -> bool:
        return key[0] == "number" and any(a_id == pair.mutate_id and overlaps(span, old_at) for a_id, span in key[1])

    new, lost = side_effects(story.conflicts, signatures(check, pair.mutate_id, at, delta), touches)
    before = link_name(links_between(story.alignment, (pair.mutate_id, pair.mutate.span), (pair.other_id, pair.other.span)))
    after = link_name(links_between(alignment, (pair.mutate_id, at), (pair.other_id, pair.other.span)))
    sentence = (pair.mutate.sentence[0], pair.mutate.sentence[1] + delta)
    lines = [f"{pair.mutate_id[-12:]} {trimmed(text, sentence, at)!r}  ({old!r} -> {text[at[0]:at[1]]!r})",
             f"{pair.other_id[-12:]} {trimmed(story.texts[pair.other_id], pair.other.sentence, pair.other.span)!r}"]
    return Outcome(found, verdict, frozen_found, frozen_verdict, before, after, new, lost, lines,
                   one_digit_apart(text[at[0]:at[1]], story.texts[pair.other_id], pair.other))


def one_digit_apart(new: str, other_text: str, other: Quantity) -> bool:
    """Whether the rewritten number and the other figure's number differ in one digit of as many (4 digits at least)."""
    match = number_in(other_text, other)
    digits_a, digits_b = re.sub(r"\D", "", new), re.sub(r"\D", "", match.group() if match else "")
    return len(digits_a) == len(digits_b) >= 4 and sum(x != y for x, y in zip(digits_a, digits_b)) == 1


# -- attribution injections ----------------------------------------------------------------------


@dataclass(slots=True)
class AttributionPair:
    """Two outlets giving one statement to the same named speaker, and the change to make on one side."""

    mutate_id: str
    mutate: Attribution
    other_id: str
    other: Attribution
    what: str
    """``speaker`` or ``venue``."""
    at: Span
    """The words to replace in the changed article."""
    new: str


_STATEMENT = re.compile(r"\bin (?:a|an|his|her|their|its) (?:[\w-]+\s+){0,2}?statement\b")


def attribution_pairs(story: Story, rng: random.Random) -> list[AttributionPair]:
    """Linked passages giving one statement to the same speaker, each with the change that makes them disagree.

    Speaker: both name the speaker with a speech verb; the surname, written once in the changed
    sentence, becomes that of another person the article quotes (not named in either passage).
    Venue: "in a statement" becomes "on Twitter" where both outlets say it was a statement.
    """
    attributions = {a.id: extract_attributions(a.text) for a in story.articles}
    found: dict[tuple, AttributionPair] = {}
    for link in story.alignment.links:
        if link.a_id == link.b_id:
            continue
        for m_id, m_span, o_id, o_span in ((link.a_id, link.a_span, link.b_id, link.b_span), (link.b_id, link.b_span, link.a_id, link.a_span)):
            mine, other = attribution_at(attributions[m_id], m_span), attribution_at(attributions[o_id], o_span)
            if mine is None or other is None or not mine.speaker_key or mine.speaker_key != other.speaker_key:
                continue
            m_sentence = story.texts[m_id][mine.sentence[0]:mine.sentence[1]]
            o_sentence = story.texts[o_id][other.sentence[0]:other.sentence[1]]
            name = surname(mine)
            if name and name not in NOT_NAMES and surname(other) and mine.verb in SPEECH_VERBS and other.verb in SPEECH_VERBS:
                hits = list(re.finditer(rf"\b{re.escape(name)}\b", m_sentence))
                people = sorted({surname(a) for a in attributions[m_id].values()
                                 if person(a) and a.speaker_key != mine.speaker_key
                                 and not re.search(rf"\b{re.escape(surname(a))}\b", m_sentence + " " + o_sentence)})
                if len(hits) == 1 and people:
                    at = (mine.sentence[0] + hits[0].start(), mine.sentence[0] + hits[0].end())
                    found.setdefault(("speaker", m_id, mine.sentence, o_id, other.sentence),
                                     AttributionPair(m_id, mine, o_id, other, "speaker", at, rng.choice(people)))
            if mine.venue_kind == other.venue_kind == "statement" and mine.venue_key == other.venue_key:
                hits = list(_STATEMENT.finditer(m_sentence))
                if len(hits) == 1:
                    at = (mine.sentence[0] + hits[0].start(), mine.sentence[0] + hits[0].end())
                    found.setdefault(("venue", m_id, mine.sentence, o_id, other.sentence),
                                     AttributionPair(m_id, mine, o_id, other, "venue", at, "on Twitter"))
    return [found[key] for key in sorted(found)]


def _quoted_chars(sentence: Span, regions: list[Span]) -> int:
    """Characters of a sentence inside the given quotations."""
    return sum(max(0, min(e, sentence[1]) - max(s, sentence[0])) for s, e in regions)


def diagnose_attribution(texts: dict[str, str], alignment: Alignment, pair: AttributionPair, sentence: Span) -> str:
    """Why no flag was raised on the changed pair: the gate of :func:`index.factcheck.check_story` it stopped at."""
    links = links_between(alignment, (pair.mutate_id, sentence), (pair.other_id, pair.other.sentence))
    if not links:
        return "no flag (passages no longer linked)"
    link = links[0]
    if link.kind == "partial" and not same_fact(texts, link, story_topic_names(list(texts), texts)):
        return "no flag (partial link sharing no name beyond the story's topic)"
    m_span, o_span = (link.a_span, link.b_span) if link.a_id == pair.mutate_id else (link.b_span, link.a_span)
    text, other_text = texts[pair.mutate_id], texts[pair.other_id]
    mine, other = attribution_at(extract_attributions(text), m_span), attribution_at(extract_attributions(other_text), o_span)
    if mine is None or other is None:
        return "no flag (no attribution read on one side)"
    if pair.what == "speaker" and mine.speaker_key == other.speaker_key:
        return f"no flag (speaker still read as {mine.speaker!r})"
    if pair.what == "venue" and mine.venue_key == other.venue_key:
        return f"no flag (venue still read as {mine.venue!r})"
    if pair.what == "speaker" and (mine.inherited or other.inherited or other.speaker.lower() in ("he", "she", "they")):
        return "no flag (a pronoun or carried-over speaker)"
    if mine.quoted and other.quoted and _quote_overlap(mine, other, text, other_text) < QUOTE_OVERLAP:
        sides = ((text, mine), (other_text, other))
        clipped = [_quoted_chars(a.sentence, quote_regions(t, a.sentence[0], a.sentence[1])) for t, a in sides]
        whole = [_quoted_chars(a.sentence, quote_regions(t)) for t, a in sides]
        if any(c < w for c, w in zip(clipped, whole)):
            return "no flag (quote guard: quotation opened before the sentence not seen)"
        if min(clipped) < MIN_QUOTE_CHARS:
            return f"no flag (quote guard: quoted words under {MIN_QUOTE_CHARS} chars on a side)"
        return "no flag (quote guard: quoted words differ)"
    return "no flag (other)"


def inject_attribution(story: Story, pair: AttributionPair) -> Outcome:
    """Replace the speaker's surname or the venue on one side, check again and judge the pair."""
    original = story.texts[pair.mutate_id]
    text = original[:pair.at[0]] + pair.new + original[pair.at[1]:]
    at = (pair.at[0], pair.at[0] + len(pair.new))
    delta = len(pair.new) - (pair.at[1] - pair.at[0])
    articles = replaced(story.articles, pair.mutate_id, text)
    check, alignment = run(articles)
    sentence = (pair.mutate.sentence[0], pair.mutate.sentence[1] + delta)
    found, verdict = verdict_of(attribution_flags(check, (pair.mutate_id, sentence), (pair.other_id, pair.other.sentence)))
    new_texts = {a.id: a.text for a in articles}
    verdict = verdict or diagnose_attribution(new_texts, alignment, pair, sentence)
    frozen = shifted(story.alignment, pair.mutate_id, pair.at, delta)
    frozen_found, frozen_verdict = verdict_of(attribution_flags(check_story(articles, frozen), (pair.mutate_id, sentence), (pair.other_id, pair.other.sentence)))
    frozen_verdict = frozen_verdict or diagnose_attribution(new_texts, frozen, pair, sentence)
    old_sentence = pair.mutate.sentence

    def touches(key: tuple) -> bool:
        return key[0] == "attribution" and any(a_id == pair.mutate_id and overlaps(span, old_sentence) for a_id, span in key[1])

    new, lost = side_effects(story.conflicts, signatures(check, pair.mutate_id, at, delta), touches)
    before = link_name(links_between(story.alignment, (pair.mutate_id, old_sentence), (pair.other_id, pair.other.sentence)))
    after = link_name(links_between(alignment, (pair.mutate_id, sentence), (pair.other_id, pair.other.sentence)))
    lines = [f"{pair.mutate_id[-12:]} {trimmed(text, sentence, at)!r}  ({original[pair.at[0]:pair.at[1]]!r} -> {pair.new!r})",
             f"{pair.other_id[-12:]} {trimmed(story.texts[pair.other_id], pair.other.sentence)!r}"]
    return Outcome(found, verdict, frozen_found, frozen_verdict, before, after, new, lost, lines)


# -- report --------------------------------------------------------------------------------------


def share(part: int, whole: int) -> str:
    """ "found/total (rate)", the rate kept next to its counts so small groups read as small."""
    return f"{part}/{whole} ({part / whole if whole else 0:.2f})"


def report(title: str, outcomes: list[tuple[str, Outcome]], examples: int) -> None:
    """Recall overall and by group, misses by what the engine said instead, link changes, side effects, example misses."""
    total = len(outcomes)
    found = sum(1 for _, o in outcomes if o.found)
    frozen = sum(1 for _, o in outcomes if o.frozen_found)
    print(f"{title}")
    print(f"  injections {total}, found {found}, recall {found / total if total else 0:.2f}")
    by_group: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for group, outcome in outcomes:
        by_group[group].append((outcome.found, outcome.frozen_found))
    for group, hits in sorted(by_group.items()):
        print(f"    {group:40s} {share(sum(h for h, _ in hits), len(hits)):12s} (links frozen {sum(f for _, f in hits)})")
    by_link: dict[str, list[bool]] = defaultdict(list)
    for _, outcome in outcomes:
        by_link[outcome.link_before].append(outcome.found)
    print("  by the aligner's link before the injection: " + ", ".join(f"{k} {share(sum(v), len(v))}" for k, v in sorted(by_link.items())))
    codes = Counter(o.verdict for _, o in outcomes if o.found)
    digit = sum(1 for _, o in outcomes if o.found and o.one_digit)
    print("  found as: " + (", ".join(f"{k} {v}" for k, v in codes.most_common()) or "-")
          + (f"; {digit} of them with figures one digit apart ('2,000' / '3,000')" if digit else ""))
    misses = Counter(o.verdict for _, o in outcomes if not o.found)
    print("  misses, by what the engine said of the pair:")
    for verdict, count in misses.most_common():
        print(f"    {count:4d}  {verdict}")
    moves = Counter(f"{o.link_before}->{o.link_after}" for _, o in outcomes if o.link_before != o.link_after)
    print(f"  link between the two passages changed by the injection in {sum(moves.values())} of {total}: "
          + (", ".join(f"{k} {v}" for k, v in moves.most_common()) or "-"))
    frozen_misses = Counter(o.frozen_verdict for _, o in outcomes if not o.frozen_found)
    print(f"  with the unchanged story's links (aligner not re-run, spans shifted): found {frozen}, "
          f"recall {frozen / total if total else 0:.2f}; misses: " + (", ".join(f"{k} {v}" for k, v in frozen_misses.most_common()) or "-"))
    print_side_effects(outcomes)
    shown = round_robin([o for _, o in outcomes if not o.found], examples)
    if shown:
        print(f"  example misses ({len(shown)} of {total - found}, spread over the reasons):")
    for outcome in shown:
        print(f"    {outcome.verdict} (link {outcome.link_before} -> {outcome.link_after})")
        for line in outcome.lines:
            print(f"      {line}")


def round_robin(misses: list[Outcome], limit: int) -> list[Outcome]:
    """Up to ``limit`` misses taken in turn from each reason, most frequent reason first, so the print shows every kind."""
    by_reason: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in misses:
        by_reason[outcome.verdict].append(outcome)
    queues = sorted(by_reason.values(), key=len, reverse=True)
    shown: list[Outcome] = []
    while len(shown) < limit and any(queues):
        for queue in queues:
            if queue and len(shown) < limit:
                shown.append(queue.pop(0))
    return shown


def print_side_effects(outcomes: list[tuple[str, Outcome]]) -> None:
    """Conflicts raised or lost away from the changed pair: a sanity check that the change broke nothing else."""
    new = sum(len(o.new) for _, o in outcomes)
    lost = sum(len(o.lost) for _, o in outcomes)
    print(f"  elsewhere in the story (a changed-text side effect, or a running quote inheriting the change): {new} new conflicts (in {sum(1 for _, o in outcomes if o.new)} injections), "
          f"{lost} conflicts lost (in {sum(1 for _, o in outcomes if o.lost)})")
    for _, outcome in outcomes:
        for flag in outcome.new[:1]:
            print(f"    new: {flag.kind}:{flag.code} {flag.reason[:150]}")
        for flag in outcome.lost[:1]:
            print(f"    lost: {flag.kind}:{flag.code} {flag.reason[:150]}")


def report_noop(outcomes: list[tuple[str, Outcome]]) -> None:
    """The no-op control: any conflict on a figure only rewritten in another form is wrong."""
    wrong = [o for _, o in outcomes if o.found]
    looks = Counter(o.verdict for _, o in outcomes if not o.found and not o.verdict.startswith("no flag"))
    print("No-op control (the drawn figures rewritten to the same value in another form: '23' -> 'twenty-three', '1,500' -> '1500')")
    print(f"  rewrites {len(outcomes)}, conflicts raised on the rewritten figure {len(wrong)} (any is wrong)"
          + ("; look-alike flags: " + ", ".join(f"{k} {v}" for k, v in looks.most_common()) if looks else ""))
    moves = Counter(f"{o.link_before}->{o.link_after}" for _, o in outcomes if o.link_before != o.link_after)
    print(f"  link between the two passages changed in {sum(moves.values())} of {len(outcomes)}: "
          + (", ".join(f"{k} {v}" for k, v in moves.most_common()) or "-"))
    print_side_effects(outcomes)
    for outcome in wrong[:5]:
        print(f"    wrong: {outcome.verdict}")
        for line in outcome.lines:
            print(f"      {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--per-event", type=int, default=PER_EVENT, help="injections of each kind drawn per event")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--examples", type=int, default=EXAMPLES, help="example misses printed per kind")
    args = parser.parse_args()
    started = time.perf_counter()
    events = load_events()
    print(f"BASIL events: {len(events)} ({sum(len(a) for a in events.values())} articles; the blind 4, 5 and 6 events left out)")
    numbers: list[tuple[str, Outcome]] = []
    noops: list[tuple[str, Outcome]] = []
    speakers: list[tuple[str, Outcome]] = []
    venues: list[tuple[str, Outcome]] = []
    candidates: Counter[str] = Counter()
    unusable = 0
    baseline = 0.0
    for event, articles in events.items():
        rng = random.Random(f"{args.seed}:{event}")
        start = time.perf_counter()
        check, alignment = run(articles)
        baseline += time.perf_counter() - start
        story = Story(event, articles, {a.id: a.text for a in articles}, check, alignment, signatures(check),
                      {a.id: extract_quantities(a.text) for a in articles})
        pairs = agreeing_figures(story)
        candidates["number"] += len(pairs)
        for pair in rng.sample(pairs, min(args.per_event, len(pairs))):
            if rng.random() < 0.5:
                pair = NumberPair(pair.other_id, pair.other, pair.mutate_id, pair.mutate)
            outcome = inject_number(story, pair, noop=False)
            if outcome is None:
                unusable += 1
                continue
            numbers.append((f"{pair.mutate.dimension}, {alike(pair.mutate, pair.other)}", outcome))
            control = inject_number(story, pair, noop=True)
            if control is not None:
                noops.append((pair.mutate.dimension, control))
        found = attribution_pairs(story, rng)
        for what, into in (("speaker", speakers), ("venue", venues)):
            of_kind = [p for p in found if p.what == what]
            candidates[what] += len(of_kind)
            for pair in rng.sample(of_kind, min(args.per_event, len(of_kind))):
                outcome = inject_attribution(story, pair)
                quoted = ("quotation on both sides", "quotation on one side", "no quotation")[2 - pair.mutate.quoted - pair.other.quoted]
                into.append((quoted, outcome))
    print(f"Agreeing pairs in linked passages: figures {candidates['number']}, the same named speaker {candidates['speaker']}, "
          f"'in a statement' in both {candidates['venue']}; up to {args.per_event} of each drawn per event (seed {args.seed}); "
          f"{unusable} drawn figures had no number to rewrite")
    report("Number injections (one figure rewritten to a clearly different value in the same form)", numbers, args.examples)
    report_noop(noops)
    report("Speaker injections (the surname replaced by another person's the article quotes)", speakers, args.examples)
    report("Venue injections ('in a statement' -> 'on Twitter', where both outlets say statement)", venues, args.examples)
    checked = len(numbers) + len(noops) + len(speakers) + len(venues)
    total = time.perf_counter() - started
    print(f"Time: {total:.1f} s in all; unchanged stories {baseline:.1f} s ({len(events)}), "
          f"{checked} changed stories re-aligned and re-checked {total - baseline:.1f} s "
          f"({(total - baseline) / checked * 1000 if checked else 0:.0f} ms each, with the pair search)")


if __name__ == "__main__":
    main()
