"""Cross-source fact check: figures and attributions on which the outlets of one story disagree.

For every pair of passages from different articles of a story, figures about the same thing
are compared (:mod:`index.quantities`), and for passages the aligner links as the same quote
or statement, who said it, where and to whom (:mod:`index.attribution`). Each compared pair
that differs becomes a :class:`Flag`: ``conflict`` when a careful reader should look, or
``not-conflict`` with the reason it only looks like one (different thing counted, different
time scope or place, approximate figures within tolerance, compatible bounds, an unstated
venue). Flag ids are derived from the article ids and offsets, so they are stable while the
texts are.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from index.attribution import DOCUMENT_WORDS, GENERIC_SPEAKERS, OUTLET_WORDS, Attribution, extract_attributions, speaker_key
from index.normalize import fold, term
from index.quantities import (
    Quantity,
    compared_in_sentence,
    dated_votes,
    extract_quantities,
    parse_number,
    predicate_of,
    same_thing,
    when_in_clause,
)
from index.segment import all_sentences

if TYPE_CHECKING:
    from index.align import ArticleLike
    from index.collate import Alignment

Span = tuple[int, int]
Status = Literal["conflict", "not-conflict"]

__all__ = ["FACTCHECK_VERSION", "FactCheck", "Flag", "FlagSide", "cached_check_story", "check_story", "compare_quantities"]

FACTCHECK_VERSION = "factcheck-15"
"""Changes whenever flags would change; part of every cache key (with the aligner's version)."""
APPROX_RELATIVE = 0.10
"""Approximate counts ("about", "nearly", "roughly") within this share of each other agree."""
EXACT_RELATIVE = 0.005
"""Exact counts this close are the same figure rounded."""
BOUND_RELATIVE = 0.5
"""Two bounds in the same direction ("over 100" / "over 120") are flagged only beyond this share."""
TEMPERATURE_TOLERANCE = 1.5
"""Degrees Celsius within which two temperatures agree (conversion rounding, forecasts)."""
TEMPERATURE_BOUND_TOLERANCE = 10.0
"""Two temperature bounds in the same direction are flagged only beyond this many degrees."""
SHARE_TOLERANCE = 1.0
"""Percentage points within which exact shares agree; approximate ones get three times this."""
ATTRIBUTION_PARTIAL_SCORE = 0.85
"""A partial link below this score shows two passages give the same statement only if they share quoted words."""


@dataclass(slots=True)
class FlagSide:
    """One passage of a flag and what was compared in it."""

    article_id: str
    span: Span
    """The passage (sentence) in the article."""
    quantity: Quantity | None = None
    attribution: Attribution | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "span": list(self.span),
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlagSide:
        return cls(
            data["article"],
            (int(data["span"][0]), int(data["span"][1])),
            Quantity.from_dict(data["quantity"]) if data.get("quantity") else None,
            Attribution.from_dict(data["attribution"]) if data.get("attribution") else None,
        )


@dataclass(slots=True)
class Flag:
    """A compared pair of passages: a conflict, or a look-alike with the reason it is not one."""

    id: str
    kind: Literal["number", "attribution"]
    status: Status
    code: str
    """Machine-readable reason: ``different-value``, ``different-bounds``, ``different-speaker``,
    ``different-venue``, ``different-addressee``, ``attributed-vs-unattributed``, ``verdict-vs-attributed`` (conflicts);
    ``different-thing``, ``different-scope``, ``different-place``, ``within-tolerance``,
    ``compatible-bound``, ``vague-amount``, ``unconfirmed-same-thing``, ``venue-unstated``, ``vaguer-speaker``,
    ``speaker-named-in-both``, ``quoted-unnamed``, ``unconfirmed-same-statement``, ``figure-also-given`` (not conflicts)."""
    reason: str
    """One sentence a reader can check against the passages."""
    relation: str
    """How the aligner relates the passages: ``link:quote``, ``link:paraphrase``, ``link:partial``,
    ``group`` (same claim), ``story`` (same story only) or ``story:sole`` (same story only, each
    figure its article's one count of the thing)."""
    group: str | None
    sides: list[FlagSide]
    difference: dict[str, Any] | None = None
    """For numbers: ``absolute`` and ``relative`` difference of the normalised values, and ``unit``."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "status": self.status, "code": self.code, "reason": self.reason,
            "relation": self.relation, "group": self.group, "sides": [side.to_dict() for side in self.sides],
            "difference": self.difference,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        return cls(
            data["id"], data["kind"], data["status"], data["code"], data["reason"], data["relation"], data.get("group"),
            [FlagSide.from_dict(side) for side in data["sides"]], data.get("difference"),
        )


@dataclass(slots=True)
class FactCheck:
    """The flags of one story, conflicts first, each pair in text order."""

    article_ids: list[str]
    flags: list[Flag] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Flag]:
        """The flags a reader should look at."""
        return [flag for flag in self.flags if flag.status == "conflict"]

    def by_passage(self, status: Status | None = "conflict") -> dict[tuple[str, Span], list[str]]:
        """Flag ids per passage ``(article id, sentence span)``, for marking a reader or compare view."""
        out: dict[tuple[str, Span], list[str]] = defaultdict(list)
        for flag in self.flags:
            if status is None or flag.status == status:
                for side in flag.sides:
                    out[(side.article_id, side.span)].append(flag.id)
        return dict(out)

    def get(self, flag_id: str) -> Flag | None:
        """The flag with this id, if any."""
        return next((flag for flag in self.flags if flag.id == flag_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"article_ids": list(self.article_ids), "flags": [flag.to_dict() for flag in self.flags]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FactCheck:
        return cls(list(data["article_ids"]), [Flag.from_dict(flag) for flag in data["flags"]])


# -- numbers ---------------------------------------------------------------------------------


def _unit_label(q: Quantity) -> str:
    return {"": "", "days": " days", "date": ""}.get(q.unit, " " + q.unit if q.unit != "%" else "%")


def _shown(q: Quantity) -> str:
    value = f"{q.value:.1f}" if q.value != int(q.value) else f"{int(q.value):,}"
    return f"{q.text!r} ({value}{_unit_label(q)})" if q.dimension != "date" else repr(q.text)


def compare_quantities(a: Quantity, b: Quantity, relation: str) -> tuple[Status, str, str, dict[str, Any] | None] | None:
    """Whether two figures from different outlets conflict, and why (or why not).

    Args:
        a: A figure of one article.
        b: A figure of another article of the same story.
        relation: How the aligner relates their passages (``link:<kind>``, ``group`` or ``story``).

    Returns:
        ``(status, code, reason, difference)``, or ``None`` when the pair is not worth
        reporting: different dimensions, the same value, or unrelated passages about
        different things.
    """
    if a.dimension != b.dimension or a.unit != b.unit and a.dimension in ("money", "temperature"):
        if a.dimension == b.dimension == "temperature" and "°" in (a.unit, b.unit) and relation.startswith("link"):
            return "not-conflict", "different-thing", f"{_shown(a)} and {_shown(b)}: one figure gives no scale (°F or °C)", None
        return None
    if a.dimension in ("duration", "date") and relation not in ("link:quote", "link:paraphrase"):
        return None  # spans of time without a subject are compared only in passages telling the same thing
    if a.dimension == "date":
        if relation not in ("link:quote", "link:paraphrase"):
            return None  # dates in loosely related passages mostly date different events
        (a_year, a_day), (b_year, b_day) = divmod(int(a.value), 10000), divmod(int(b.value), 10000)
        if a_day % 100 == 0 or b_day % 100 == 0 or (a_day == b_day and not (a_year and b_year)):
            return None  # a year or month against a day, or a day given with and without its year
    difference = abs(a.value - b.value)
    if difference < 1e-9:
        return None
    largest = max(abs(a.value), abs(b.value)) or 1.0
    relative = difference / largest
    diff = {"absolute": round(difference, 3), "relative": round(relative, 3), "unit": a.unit}
    if a.dimension == "date":
        diff = None
    if relation == "story" and not _same_report(a, b):
        return None  # unrelated passages; "story:sole" (each article's one count of the thing) goes on
    if a.dimension not in ("duration", "date", "temperature") and not (a.measured and b.measured):
        return None  # a figure whose subject is unknown is compared with nothing
    if not same_thing(a, b):
        if relation.startswith("story") or not (a.measured and b.measured):
            return None
        return "not-conflict", "different-thing", f"different things counted: {a.measured!r} ({a.text!r}) vs {b.measured!r} ({b.text!r})", diff
    if a.scope and b.scope and a.scope != b.scope:
        return "not-conflict", "different-scope", f"different time scope: {a.text!r} is {a.scope}, {b.text!r} is {b.scope}", diff
    if a.place and b.place and a.place != b.place and a.place not in b.place and b.place not in a.place:
        return "not-conflict", "different-place", f"different places: {a.text!r} in {a.place}, {b.text!r} in {b.place}", diff
    if ">~" in (a.bound, b.bound) or (a.dimension == "temperature" and (a.qualifier.lower() in _THRESHOLDS or b.qualifier.lower() in _THRESHOLDS)):
        return "not-conflict", "vague-amount", f"{_shown(a)} and {_shown(b)}: a vague amount is consistent with the other figure", diff
    tolerance_hit, bound_note = _within(a, b, difference, relative)
    if tolerance_hit:
        code = "compatible-bound" if bound_note else "within-tolerance"
        return "not-conflict", code, f"{_shown(a)} and {_shown(b)} {bound_note or 'agree within the tolerance for approximate figures'}", diff
    code = "different-bounds" if bound_note else "different-value"
    size = f"{diff['absolute']:g}{_unit_label(a)}" if diff else "different dates"
    note = f"; {bound_note}" if bound_note else ""
    return "conflict", code, f"{_shown(a)} vs {_shown(b)}: differ by {size}{note}", diff


def _same_report(a: Quantity, b: Quantity) -> bool:
    """Whether two figures in passages the aligner does not relate are still worth comparing.

    A story has one weather, so temperatures always are; other figures only when both name the
    same time scope or place, or when they count the same thing with different scopes or places
    (reported as a look-alike, so the reader sees why they differ).
    """
    if a.dimension == "temperature":
        return True
    if (a.scope and a.scope == b.scope) or (a.place and a.place == b.place):
        return same_thing(a, b)
    return (
        a.dimension == "count" and same_thing(a, b)
        and bool((a.scope and b.scope and a.scope != b.scope) or (a.place and b.place and a.place != b.place))
    )


_THRESHOLDS = frozenset({"below freezing", "subzero", "sub-zero", "below zero"})


def _scope_words(q: Quantity) -> str:
    return ", ".join(x for x in (q.scope, q.place) if x) or "none"


def _within(a: Quantity, b: Quantity, difference: float, relative: float) -> tuple[bool, str]:
    """(agree?, a note on bounds) for two figures about the same thing."""
    approximate = _approximate(a) or _approximate(b)
    if a.dimension == "temperature":
        if a.bound == b.bound and a.bound in "<>" and a.bound != "=":
            side = "below" if a.bound == "<" else "above"
            ok = difference <= TEMPERATURE_BOUND_TOLERANCE
            return ok, (f"are both '{side}' bounds" + (", close enough to agree" if ok else ", but describe very different cold"))
        return difference <= TEMPERATURE_TOLERANCE * (2 if approximate else 1), ""
    if a.dimension == "share":
        return difference <= SHARE_TOLERANCE * (3 if approximate else 1), ""
    if a.dimension == "date":
        return False, ""
    if a.bound in "<>" and a.bound == b.bound and a.bound != "=":
        ok = relative <= BOUND_RELATIVE
        word = "lower" if a.bound == ">" else "upper"
        return ok, f"are both {word} bounds" + (" and can both hold" if ok else ", far apart")
    for bound_q, other in ((a, b), (b, a)):
        if bound_q.bound in "<>" and bound_q.bound != "=" and other.bound in "=~":
            consistent = other.value >= bound_q.value if bound_q.bound == ">" else other.value <= bound_q.value
            if consistent and relative <= BOUND_RELATIVE:
                return True, f"are consistent: {bound_q.text!r} is a bound"
            if consistent:
                return False, f"{bound_q.text!r} is a bound, but the figures are far apart"
            return False, ""
    return relative <= (APPROX_RELATIVE if approximate else EXACT_RELATIVE), ""


_HEDGES_BELOW = frozenset({"nearly", "almost", "close to"})
"""Qualifiers that say the true count is a little under the figure, whatever the figure."""


def _approximate(q: Quantity) -> bool:
    """Whether a figure is given as approximate: a hedge on a round figure, or "nearly"/"almost".

    "About 60,000" or "roughly two dozen" is a rounded figure, but "some 16 bills" is a precise
    count with a hedge of style: it does not stretch to 15.
    """
    if q.bound != "~":
        return False
    if q.dimension != "count" or q.qualifier.lower() in _HEDGES_BELOW or "dozen" in q.text.lower():
        return True
    return _round(q.value)


def _round(value: float) -> bool:
    """Whether a figure looks rounded: one significant digit, a multiple of five, or two digits from 100 up."""
    if value != int(value) or value <= 0:
        return False
    digits = int(value)
    while digits % 10 == 0:
        digits //= 10
    return digits < 10 or digits % 5 == 0 or (value >= 100 and digits < 100)


# -- attributions ------------------------------------------------------------------------------


def compare_attributions(a: Attribution, b: Attribution, text_a: str, text_b: str, relation: str) -> tuple[Status, str, str] | None:
    """Whether two outlets attribute the same quote or statement differently.

    Returns:
        ``(status, code, reason)``, or ``None`` when both agree or neither says anything.
    """
    passage_a, passage_b = text_a[a.sentence[0]:a.sentence[1]].lower(), text_b[b.sentence[0]:b.sentence[1]].lower()
    strong = relation in ("link:quote", "link:paraphrase")
    if a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key:
        weak = next((x for x in (a, b) if x.inherited or x.speaker.lower() in _PRONOUN_WORDS), None)
        if weak is not None:
            return None  # a pronoun or a carried-over speaker is too uncertain to contradict anyone
        if relation == "link:quote" and _quote_overlap(a, b, text_a, text_b) < QUOTE_OVERLAP:
            return None  # neighbouring quotes of different people, not one quote given to two
        outlet = next((x for x in (a, b) if OUTLET_WORDS.search(x.speaker)), None)
        if outlet is not None:
            return "not-conflict", "cites-outlet", f"{outlet.speaker!r} is a news organisation relaying the report, not a different speaker"
        role = next((x for x in (a, b) if x.role and not x.resolved), None)
        if role is not None:
            return "not-conflict", "vaguer-speaker", (
                f"{role.speaker!r} is a role the article does not tie to a name, so it may well be "
                f"{(b if role is a else a).speaker!r}"
            )
        document = next((x for x in (a, b) if x.speaker_key in _DOCUMENT_KEYS), None)
        if document is not None and relation == "link:quote":
            person = b if document is a else a
            if _person_not_in_document_story(person, text_a if document is a else text_b) and not _issuer_named(
                    document, text_a if document is a else text_b):
                return "conflict", "different-speaker", (
                    f"one outlet gives these words to {person.speaker!r}, the other to {document.speaker!r} "
                    f"and never names {person.speaker!r}")
        if a.speaker_key in GENERIC_SPEAKERS or b.speaker_key in GENERIC_SPEAKERS or not all(_named(x) for x in (a, b)):
            return "not-conflict", "vaguer-speaker", f"one outlet names the source ({a.speaker!r} / {b.speaker!r}), the other is vaguer"
        if _mentions_speaker(passage_b, a) or _mentions_speaker(passage_a, b):
            return "not-conflict", "speaker-named-in-both", f"{a.speaker!r} and {b.speaker!r} are both named in these passages"
        return "conflict", "different-speaker", f"attributed to {a.speaker!r} by one outlet and to {b.speaker!r} by the other"
    if bool(a.speaker_key) != bool(b.speaker_key):
        said, silent = (a, b) if a.speaker_key else (b, a)
        silent_text = passage_b if silent is b else passage_a
        if strong and not (a.quoted and b.quoted) and not _REPORTING.search(silent_text):
            if silent.quoted and _quotes_within(text_b if silent is b else text_a, silent.sentence):
                return "not-conflict", "quoted-unnamed", (
                    f"one outlet attributes this to {said.speaker!r}; the other quotes it, so it too gives it as someone's words"
                )
            return "conflict", "attributed-vs-unattributed", f"one outlet attributes this to {said.speaker!r}; the other states it without a source"
        return None
    if a.venue_key and b.venue_key and a.venue_key != b.venue_key:
        if {a.venue_kind, b.venue_kind} <= {"interview", "outlet"} and (
            "interview" in (a.venue_key, b.venue_key) or a.venue_key in b.venue_key or b.venue_key in a.venue_key
            or fold(a.addressee or a.venue).split()[-1:] == fold(b.addressee or b.venue).split()[-1:]
        ):
            return None  # "told The Times" and "in an interview": the same interview, said two ways
        if a.quoted and b.quoted and _quote_overlap(a, b, text_a, text_b) < QUOTE_OVERLAP:
            return None  # two different quotes of one speaker may well come from two venues
        if "social media" in (a.venue_key, b.venue_key) and a.venue_kind == b.venue_kind == "platform":
            return "not-conflict", "venue-unstated", f"'social media' ({a.venue!r} / {b.venue!r}) does not name the platform"
        return "conflict", "different-venue", f"said {_venue_words(a)} according to one outlet, {_venue_words(b)} according to the other"
    if bool(a.venue_key) != bool(b.venue_key) and relation == "link:quote" and not (a.inherited or b.inherited):
        given = a if a.venue_key else b
        return "not-conflict", "venue-unstated", f"only one outlet says where ({_venue_words(given)}); the other does not say"
    if a.addressee and b.addressee and a.addressee.lower() != b.addressee.lower():
        return "conflict", "different-addressee", f"said to {a.addressee!r} according to one outlet, to {b.addressee!r} according to the other"
    return None


_DOCUMENT_KEYS = frozenset(speaker_key(word) for word in DOCUMENT_WORDS)
_WRITING = frozenset({"wrote", "writes", "posted", "posts", "tweeted", "tweets"})


def _person_not_in_document_story(person: Attribution, document_text: str) -> bool:
    """Whether words one outlet gives to a person speaking are given by the other only to a document that never names them.

    "“...,” said Father Roe" against "“...,” says the letter": a contradiction only when the
    person is named (not a role or a group), is not said to have written it ("Roe wrote in
    the letter") and the other article names them nowhere (else it may well make them the
    letter's author).
    """
    if not _named(person) or person.role or person.speaker_key in GENERIC_SPEAKERS or person.verb in _WRITING:
        return False
    if person.venue_kind in ("statement", "platform"):
        return False
    surname = re.sub(r"[’']s$", "", person.speaker.split()[-1]).strip(".,")
    return len(surname) > 2 and not re.search(rf"\b{re.escape(surname)}\b", document_text)


def _issuer_named(document: Attribution, text: str) -> bool:
    """Whether a quoted document is given a named issuer ("a statement from Senator Roe's office", "Roe's letter").

    A named issuer may well speak through the person the other outlet quotes (a spokesman, an
    aide), so words given to one and to the other are no contradiction.
    """
    passage = text[document.sentence[0]:document.sentence[1]]
    head = document.speaker.split()[-1]
    for match in re.finditer(rf"\b{re.escape(head)}\b", passage):
        after, before = passage[match.end():match.end() + 40], passage[max(0, match.start() - 40):match.start()]
        if re.match(r"\s+(?:from|by|of)\s+(?:the\s+)?[A-Z]", after) or re.search(r"[A-Z][\w.-]*(?:’s|'s)\s+(?:[\w-]+\s+)?$", before):
            return True
    return False


_REPORTING = re.compile(r"\b(?:said|says|told|tweeted|wrote|posted|statement|report\w*|announc\w*|according|claim\w*|stated|added)\b")
"""Words showing a passage attributes what it says, even when no speaker was recognised."""
_PRONOUN_WORDS = frozenset({"he", "she", "they", "it", "we", "i"})
MIN_QUOTE_CHARS = 25
"""Shorter quoted fragments ("deeply troubled") are too common to identify one quote."""
QUOTE_OVERLAP = 70.0
"""Least rapidfuzz partial ratio of two passages' quoted words for them to be one quote."""


def _named(attribution: Attribution) -> bool:
    """Whether a speaker is named ("Ukrainian emergency services", "Goelman"), not a role ("the attorney", "Prosecutors")."""
    if attribution.role:
        return attribution.resolved
    return any(ch.isupper() for ch in re.sub(r"^(?:the|a|an)\s+", "", attribution.speaker, flags=re.I))


def _mentions_speaker(passage: str, attribution: Attribution) -> bool:
    """Whether a (lower-cased) passage names a speaker, by its key or its last word as written ("comey", not only "comei")."""
    written = fold(re.sub(r"[’']s$", "", attribution.speaker.split()[-1])).strip(".,").lower() if attribution.speaker else ""
    return attribution.speaker_key.split()[-1][:5] in passage or bool(written) and len(written) > 2 and written in passage


def _quotes_within(text: str, sentence: Span) -> bool:
    """Whether a sentence quotes someone inside words of its own ('officials warned that inaction would "raise the risk"').

    A quotation framed by the sentence's own words relays someone's words even when no speaker
    was recognised; a sentence that lies wholly inside a quotation has no such frame.
    """
    from index.similarity import quote_regions

    regions = quote_regions(text, sentence[0], sentence[1])
    if not regions:
        return False
    outside = list(text[sentence[0]:sentence[1]])
    for start, end in regions:
        for at in range(max(start, sentence[0]), min(end, sentence[1])):
            outside[at - sentence[0]] = " "
    return len(re.findall(r"[A-Za-z]{2,}", "".join(outside))) >= 3


def _quote_overlap(a: Attribution, b: Attribution, text_a: str, text_b: str) -> float:
    from rapidfuzz import fuzz

    from index.normalize import fold
    from index.similarity import quote_regions

    def quoted(text: str, span: Span) -> str:
        return " ".join(fold(text[s:e]) for s, e in quote_regions(text, span[0], span[1]))

    first, second = quoted(text_a, a.sentence), quoted(text_b, b.sentence)
    if min(len(first), len(second)) < MIN_QUOTE_CHARS:
        return 0.0
    return float(fuzz.partial_ratio(first, second))


def _same_statement(a: Attribution, b: Attribution, text_a: str, text_b: str, relation: str, score: float, code: str) -> bool:
    """Whether two passages are shown to report one statement, so diverging attributions contradict each other.

    A quote or paraphrase link shows it; a partial link only shares part of the content (two
    statements about one event often do), so it needs a high score or the same quoted words.
    A venue or addressee differs only between statements of one speaker, who often says
    related things in several places, so there a high score is not enough.
    """
    if relation in ("link:quote", "link:paraphrase"):
        return True
    if score >= ATTRIBUTION_PARTIAL_SCORE and code not in ("different-venue", "different-addressee"):
        return True
    return _quote_overlap(a, b, text_a, text_b) >= QUOTE_OVERLAP


def _venue_words(a: Attribution) -> str:
    prefix = {"platform": "on", "meeting": "at", "interview": "in an interview with", "statement": "in a", "outlet": "to"}.get(a.venue_kind, "at")
    return f"{prefix} {a.venue}"


# -- the story -----------------------------------------------------------------------------------


def _flag_id(kind: str, side_a: tuple[str, Span], side_b: tuple[str, Span]) -> str:
    first, second = sorted([side_a, side_b])
    key = f"{kind}|{first[0]}|{first[1][0]}:{first[1][1]}|{second[0]}|{second[1][0]}:{second[1][1]}"
    return ("fn-" if kind == "number" else "fa-") + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _passage_of(spans: list[Span], inner: Span) -> Span:
    for span in spans:
        if span[0] <= inner[0] and inner[1] <= span[1] or span[0] <= inner[0] < span[1]:
            return span
    return inner


def check_story(articles: Sequence[ArticleLike], alignment: Alignment) -> FactCheck:
    """Compare the figures and attributions of one story's articles.

    Args:
        articles: The story's articles (``.id``, ``.text``), as given to the aligner.
        alignment: Their :class:`index.collate.Alignment`.

    Returns:
        The story's flags: conflicts first, then look-alikes, each in text order.
    """
    texts = {article.id: article.text for article in articles}
    ids = [article.id for article in articles]
    order = {article_id: n for n, article_id in enumerate(ids)}
    units: dict[str, set[Span]] = defaultdict(set)
    for link in alignment.links:
        units[link.a_id].add(link.a_span)
        units[link.b_id].add(link.b_span)
    for article_id, spans in alignment.only_in.items():
        units[article_id].update(spans)
    sorted_units = {article_id: sorted(spans) for article_id, spans in units.items()}
    link_kind: dict[tuple[str, Span, str, Span], tuple[str, float]] = {}
    for link in alignment.links:
        link_kind[(link.a_id, link.a_span, link.b_id, link.b_span)] = (link.kind, link.score)
        link_kind[(link.b_id, link.b_span, link.a_id, link.a_span)] = (link.kind, link.score)
    group_of: dict[tuple[str, Span], str] = {}
    for group in alignment.groups:
        for article_id, spans in group.members.items():
            for span in spans:
                group_of.setdefault((article_id, span), group.id)

    def relation(a_id: str, a_span: Span, b_id: str, b_span: Span) -> tuple[str, str | None]:
        """How the aligner relates two passages, and their shared group if any."""
        found = link_kind.get((a_id, a_span, b_id, b_span))
        group = group_of.get((a_id, a_span))
        same_group = group if group is not None and group == group_of.get((b_id, b_span)) else None
        if found:
            return f"link:{found[0]}", same_group
        return ("group", same_group) if same_group else ("story", None)

    flags: dict[str, Flag] = {}
    quantities = {article_id: [(q, _passage_of(sorted_units.get(article_id, []), q.span)) for q in extract_quantities(texts[article_id])] for article_id in ids}
    by_sentence: dict[tuple[str, Span], list[Quantity]] = defaultdict(list)
    for article_id in ids:
        for q, _ in quantities[article_id]:
            by_sentence[(article_id, q.sentence)].append(q)
    by_dimension: dict[str, list[tuple[str, Quantity, Span]]] = defaultdict(list)
    for article_id in ids:
        for q, passage in quantities[article_id]:
            by_dimension[q.dimension].append((article_id, q, passage))
    counts = {article_id: [q for q, _ in quantities[article_id] if q.dimension == "count" and q.measured] for article_id in ids}

    def one_count(article_id: str, q: Quantity) -> bool:
        """Whether every count of this thing in the article gives this figure (the article's one count of it)."""
        if not q.measured or compared_in_sentence(texts[article_id], q):
            return False
        return all(_same_figure(q, other) for other in counts[article_id] if same_thing(q, other))

    sole = {(article_id, q.span) for article_id in ids for q in counts[article_id] if one_count(article_id, q)}

    for bucket in by_dimension.values():
        for x, (a_id, qa, pa) in enumerate(bucket):
            for b_id, qb, pb in bucket[x + 1:]:
                if a_id == b_id:
                    continue
                if order[a_id] > order[b_id]:
                    a_id, qa, pa, b_id, qb, pb = b_id, qb, pb, a_id, qa, pa
                rel, group = relation(a_id, pa, b_id, pb)
                only_counts = ((a_id, qa.span) in sole and (b_id, qb.span) in sole and _one_set(qa, qb)
                               and _same_days(when_in_clause(texts[a_id], qa), when_in_clause(texts[b_id], qb)))
                if rel == "story" and only_counts:
                    rel = "story:sole"
                verdict = compare_quantities(qa, qb, rel)
                if verdict is not None and verdict[0] == "conflict":
                    score = link_kind.get((a_id, pa, b_id, pb), ("", 0.0))[1]
                    figures = (by_sentence[(a_id, qa.sentence)], by_sentence[(b_id, qb.sentence)])
                    verdict = _second_look(verdict, qa, qb, texts[a_id], texts[b_id], rel, score, figures, only_counts) or verdict
                    if verdict[0] == "conflict" and only_counts and not rel.startswith("link:"):
                        verdict = (*verdict[:2], f"{verdict[2]}; each outlet gives this as its one count of {_count_words(qa)[1]!r}", verdict[3])
                if verdict is not None:
                    status, code, reason, diff = verdict
                    flag_id = _flag_id("number", (a_id, qa.span), (b_id, qb.span))
                    flags[flag_id] = Flag(flag_id, "number", status, code, reason, rel, group,
                                          [FlagSide(a_id, pa, quantity=qa), FlagSide(b_id, pb, quantity=qb)], diff)
    for flag in _vote_day_flags(ids, texts, order, sorted_units, relation):
        flags.setdefault(flag.id, flag)
    attributions = {article_id: extract_attributions(texts[article_id]) for article_id in ids}
    names = {article_id: set(_NAME_WORD.findall(texts[article_id])) for article_id in ids}
    topic_names = {name for name in set().union(*names.values()) if sum(name in n for n in names.values()) >= TOPIC_SHARE * len(ids)}
    for link in alignment.links:
        if link.a_id == link.b_id:
            continue
        if link.kind == "partial" and not _same_fact(texts, link, topic_names):
            continue
        a_id, a_span, b_id, b_span = link.a_id, link.a_span, link.b_id, link.b_span
        if order[a_id] > order[b_id]:
            a_id, a_span, b_id, b_span = b_id, b_span, a_id, a_span
        attr_a, attr_b = _attribution_at(attributions[a_id], a_span), _attribution_at(attributions[b_id], b_span)
        if attr_a is None or attr_b is None:
            continue
        rel, group = relation(a_id, a_span, b_id, b_span)
        verdict_a = compare_attributions(attr_a, attr_b, texts[a_id], texts[b_id], rel)
        if verdict_a is not None and verdict_a[0] == "conflict" and not _same_statement(attr_a, attr_b, texts[a_id], texts[b_id], rel, link.score, verdict_a[1]):
            verdict_a = ("not-conflict", "unconfirmed-same-statement",
                         f"{verdict_a[2]}; but the aligner links these passages only loosely and they share no quoted words, "
                         "so nothing shows they report the same statement")
        if verdict_a is not None:
            status, code, reason = verdict_a
            flag_id = _flag_id("attribution", (a_id, a_span), (b_id, b_span))
            flags[flag_id] = Flag(flag_id, "attribution", status, code, reason, rel, group,
                                  [FlagSide(a_id, a_span, attribution=attr_a), FlagSide(b_id, b_span, attribution=attr_b)])
    for flag in _superlative_flags(ids, texts, attributions, order, relation):
        flags.setdefault(flag.id, flag)
    with_verdict = {article_id for article_id in ids if _OWN_VERDICT.search(texts[article_id])}
    for link in alignment.links:
        if link.a_id != link.b_id and link.score >= VERDICT_LINK_SCORE and {link.a_id, link.b_id} & with_verdict:
            flag = _verdict_flag(link, texts, attributions, order, relation)
            if flag is not None:
                flags.setdefault(flag.id, flag)
    ordered = sorted(
        flags.values(),
        key=lambda f: (f.status != "conflict", f.kind != "number", order[f.sides[0].article_id], f.sides[0].span, order[f.sides[1].article_id], f.sides[1].span),
    )
    return FactCheck(ids, ordered)


def _vote_day_flags(
    ids: list[str], texts: dict[str, str], order: dict[str, int], units: dict[str, list[Span]], relation: Any,
) -> list[Flag]:
    """Conflicts between the days two outlets give for one body's vote ("On Wednesday, the House voted" / "passed Tuesday").

    Only an article giving one day for that body's vote takes part, so two votes of one body
    on two days (a procedural vote, then passage) are never set against each other.
    """
    days: dict[str, dict[str, list[Quantity]]] = {}
    for article_id in ids:
        by_body: dict[str, list[Quantity]] = defaultdict(list)
        for q in dated_votes(texts[article_id]):
            by_body[q.measured].append(q)
        days[article_id] = {body: found for body, found in by_body.items() if len({q.value for q in found}) == 1}
    out: list[Flag] = []
    for x, a_id in enumerate(ids):
        for b_id in ids[x + 1:]:
            if order[a_id] > order[b_id]:
                a_id, b_id = b_id, a_id
            for body in days[a_id].keys() & days[b_id].keys():
                if days[a_id][body][0].value == days[b_id][body][0].value:
                    continue
                for qa in days[a_id][body]:
                    for qb in days[b_id][body]:
                        pa, pb = _passage_of(units.get(a_id, []), qa.span), _passage_of(units.get(b_id, []), qb.span)
                        rel, group = relation(a_id, pa, b_id, pb)
                        flag_id = _flag_id("number", (a_id, qa.span), (b_id, qb.span))
                        reason = (f"{qa.text!r} vs {qb.text!r}: different days for the {body}; "
                                  "each outlet gives this one day for it")
                        out.append(Flag(flag_id, "number", "conflict", "different-value", reason,
                                        rel if rel.startswith("link:") else "story:sole", group,
                                        [FlagSide(a_id, pa, quantity=qa), FlagSide(b_id, pb, quantity=qb)]))
    return out


_SUPERLATIVE = re.compile(
    r"\b(?:most|biggest|largest|greatest|worst|best|deadliest|longest|\w{3,}est)\s+(?P<words>(?:[\w-]+\s+){0,4}?)(?P<head>[\w-]+)"
    r"(?:\s+(?:at|of|on|for|to)(?:\s+[\w-]+){1,4}?)?\s+(?P<frame>in (?:a|the last) (?:generation|decade|century)|"
    r"in (?:decades|generations|history|memory)|in (?:recent|modern|American|U\.S\.) history)\b", re.I)
"""A superlative set in history ("the most sweeping effort ... in a generation"): an evaluation, not a plain fact."""
_HISTORY_FRAME = re.compile(r"\b(?:generations?|decades?|century|history|memory)\b", re.I)
"""A cheap first look: no frame word, no superlative set in history."""


def _superlative_flags(
    ids: list[str], texts: dict[str, str], attributions: dict[str, dict[Span, Attribution]], order: dict[str, int],
    relation: Any,
) -> list[Flag]:
    """Conflicts where one outlet makes a superlative in history its own and another gives it as someone's quoted words.

    "Obama unveiled the most sweeping effort in a generation" (no source) against "Roe said it is
    the “most comprehensive effort in a generation”": the same evaluation, of the same thing (the
    noun it is said of) in the same frame ("in a generation"), stated by one outlet and quoted by
    the other. If both outlets state it, or both quote it, there is no divergence.
    """
    from index.similarity import quote_regions

    own: dict[str, list[tuple[Span, str, str, str]]] = defaultdict(list)  # sentence, head, frame, as written
    quoted: dict[str, list[tuple[Span, str, str, str, Attribution]]] = defaultdict(list)
    for article_id in ids:
        text = texts[article_id]
        if not _HISTORY_FRAME.search(text) or not _SUPERLATIVE.search(text):
            continue
        regions = quote_regions(text)
        for sentence in all_sentences(text):
            for match in _SUPERLATIVE.finditer(text, *sentence):
                key = (term(fold(match.group("head"))), fold(match.group("frame")).lower())
                inside = any(start <= match.start() and match.end() <= end + 1 for start, end in regions)
                found = attributions[article_id].get(sentence)
                if inside and found is not None and found.speaker_key and not found.inherited:
                    quoted[article_id].append((sentence, *key, match.group(), found))
                elif not inside and (found is None or not found.speaker_key):
                    own[article_id].append((sentence, *key, match.group()))
    out: list[Flag] = []
    for stated_id, stated in own.items():
        for quoting_id, quotes in quoted.items():
            if stated_id == quoting_id:
                continue
            also_stated = {(head, frame) for _, head, frame, _ in own.get(quoting_id, [])}
            for span_s, head, frame, stated_words in stated:
                for span_q, head_q, frame_q, quoted_words, source in quotes:
                    if (head, frame) != (head_q, frame_q) or (head, frame) in also_stated:
                        continue
                    (a_id, a_span), (b_id, b_span) = sorted([(stated_id, span_s), (quoting_id, span_q)], key=lambda x: order[x[0]])
                    rel, group = relation(a_id, a_span, b_id, b_span)
                    flag_id = _flag_id("attribution", (a_id, a_span), (b_id, b_span))
                    reason = (f"one outlet says {stated_words!r} in its own words; "
                              f"the other gives it only as {source.speaker!r}'s words ({quoted_words!r})")
                    out.append(Flag(flag_id, "attribution", "conflict", "attributed-vs-unattributed", reason, rel, group,
                                    [FlagSide(a_id, a_span, attribution=attributions[a_id].get(a_span)),
                                     FlagSide(b_id, b_span, attribution=attributions[b_id].get(b_span))]))
    return out


VERDICT_LINK_SCORE = 0.75
"""Least link score for two passages to be taken as reporting one claim when one outlet calls it false itself."""
_OWN_VERDICT = re.compile(
    r"\b(?:falsely|erroneously|wrongly|incorrectly|mistakenly|inaccurately|misleadingly|baselessly|untruthfully)\s+"
    r"(?:\w+\s+)?(?:claim|say|said|assert|suggest|stat|insist|argu|tweet|told|tell)\w*", re.I)
"""A reporting verb the outlet itself calls false ("erroneously claiming"): a verdict in its own voice."""
_REBUTTAL = re.compile(r"\b(?:disagree|disput|denie|deny|denying|rebut|contest|contradict|countered|responded|rejected|refuted)\w*", re.I)
"""Words giving a dispute of a claim as someone's ("a point on which the group disagrees")."""


def _verdict_flag(
    link: Any, texts: dict[str, str], attributions: dict[str, dict[Span, Attribution]], order: dict[str, int],
    relation: Any,
) -> Flag | None:
    """A conflict when one outlet calls a claim false in its own voice and the other gives the dispute only as someone's.

    "X erroneously claimed the letters spoke for few" against "X said the letters spoke for few,
    a point the group disputes": the first outlet states the verdict, the second attributes it.
    Both passages must give the claim to the same speaker. An outlet that also gives the dispute
    as someone's in the same sentence still states the verdict itself, so it is flagged too.
    """
    a_id, a_span, b_id, b_span = link.a_id, link.a_span, link.b_id, link.b_span
    if order[a_id] > order[b_id]:
        a_id, a_span, b_id, b_span = b_id, b_span, a_id, a_span
    passage_a, passage_b = texts[a_id][a_span[0]:a_span[1]], texts[b_id][b_span[0]:b_span[1]]
    verdict_a, verdict_b = _OWN_VERDICT.search(passage_a), _OWN_VERDICT.search(passage_b)
    if bool(verdict_a) == bool(verdict_b):
        return None
    judged, judged_text, other, other_text, other_span = (
        (a_id, passage_a, b_id, passage_b, b_span) if verdict_a else (b_id, passage_b, a_id, passage_a, a_span))
    claimant = _attribution_at(attributions[other], other_span)
    if claimant is None or not claimant.speaker_key or claimant.inherited or not _REBUTTAL.search(other_text):
        return None
    if not _mentions_speaker(judged_text.lower(), claimant):
        return None
    verb = (verdict_a or verdict_b).group()
    rel, group = relation(a_id, a_span, b_id, b_span)
    flag_id = _flag_id("attribution", (a_id, a_span), (b_id, b_span))
    sides = [FlagSide(a_id, a_span, attribution=_attribution_at(attributions[a_id], a_span)),
             FlagSide(b_id, b_span, attribution=_attribution_at(attributions[b_id], b_span))]
    reason = (f"one outlet itself calls {claimant.speaker!r}'s claim false ({verb!r}); "
              "the other gives the dispute only as someone's")
    return Flag(flag_id, "attribution", "conflict", "verdict-vs-attributed", reason, rel, group, sides)


_NAME_WORD = re.compile(r"(?<=[a-z,;:]\s)[A-Z][\w-]+")
"""Capitalised words not at a sentence start (names, places)."""
TOPIC_SHARE = 0.8
"""A name in this share of a story's articles is its topic (Ukraine, Trump), not a shared detail."""


def _same_fact(texts: dict[str, str], link: Any, topic_names: set[str]) -> bool:
    """Whether a partial link's passages share a detail beyond the story's topic: a name or a place."""
    words_a = set(_NAME_WORD.findall(texts[link.a_id][link.a_span[0]:link.a_span[1]]))
    words_b = set(_NAME_WORD.findall(texts[link.b_id][link.b_span[0]:link.b_span[1]]))
    return bool((words_a & words_b) - topic_names)


Verdict = tuple[Status, str, str, "dict[str, Any] | None"]
NUMBER_PARTIAL_SCORE = 0.85
"""From this score up a partial link between two passages is close enough to show two counts are of one set."""


def _second_look(
    verdict: Verdict, a: Quantity, b: Quantity, text_a: str, text_b: str, relation: str, score: float,
    figures: tuple[list[Quantity], list[Quantity]], only_counts: bool = False,
) -> Verdict | None:
    """A look-alike verdict for two conflicting figures that are shown not to be about one thing, else ``None``.

    Three checks, in order: a figure agreeing with one side stands in the other side's own
    sentence (that outlet gives the same figure too, so its other figure is about something
    else); loosely related passages share no time, place or named subject; counts of one noun
    in passages that are not closely linked say different things of it ("10 Democrats who
    gathered" / "33 Democrats voted").
    """
    diff = verdict[3]
    for one, other, other_figures in ((a, b, figures[1]), (b, a, figures[0])):
        twin = next((q for q in other_figures if q is not other and _same_figure(one, q)), None)
        if twin is not None:
            return ("not-conflict", "figure-also-given",
                    f"{_shown(one)} is matched by {_shown(twin)} in the other passage, so {other.text!r} there is about something else", diff)
    if relation in ("link:partial", "group") and not only_counts and not _same_subject(a, b, text_a, text_b):
        return ("not-conflict", "unconfirmed-same-thing",
                f"{_shown(a)} and {_shown(b)}: the passages are only loosely related and share no time, place or named subject, "
                "so nothing shows they give the same figure", diff)
    close = relation in ("link:quote", "link:paraphrase") or relation == "link:partial" and score >= NUMBER_PARTIAL_SCORE
    if a.dimension == "count" and not close and not a.measured.startswith("people "):
        said_a, said_b = predicate_of(text_a, a), predicate_of(text_b, b)
        if said_a and said_b and said_a != said_b:
            return ("not-conflict", "different-thing",
                    f"{_shown(a)} and {_shown(b)} count {a.measured!r} in passages that are not closely linked, "
                    f"and different things are said of them ({said_a!r} vs {said_b!r})", diff)
        if not (said_a and said_b) and not only_counts:
            return ("not-conflict", "unconfirmed-same-thing",
                    f"{_shown(a)} and {_shown(b)} count {a.measured!r} in passages that are not closely linked, "
                    "and nothing shows the same is said of them", diff)
    return None


_PERSON_NOUNS = frozenset("woman women man men girl girls boy boys member members republicans democrats senators "
                          "lawmakers legislators voters delegates officials officers agents students workers employees".split())
"""Counted people beyond :data:`index.quantities` "people": a story names many sets of them."""
_SET_RELATIVE = frozenset("other others more additional remaining further extra next last first previous few those these such "
                          "of another".split())
"""Words in a count that make it part of, or relative to, another set ("three other women", "two more debates")."""
_EMPHASIS = frozenset("separate independent different distinct individual specific total".split())
"""Adjectives that stress a count without narrowing what is counted ("19 separate actions")."""


def _count_words(q: Quantity) -> tuple[list[str], str]:
    """The words of a count between the figure and its head noun, lower-cased, and the head noun as written."""
    words = re.findall(r"[A-Za-z][\w'’-]*", q.text[len(q.qualifier):] if q.qualifier else q.text)
    while words and (words[0].lower() in ("a", "an", "and", "dozen") or parse_number(words[0]) is not None):
        words.pop(0)
    return [w.lower() for w in words[:-1]], (words[-1] if words else "")


def _people(head: str) -> bool:
    """Whether a counted noun is people: a word for them, or a capitalised plural ("Americans", "Democrats")."""
    return head.lower() in _PERSON_NOUNS or (head[:1].isupper() and head.endswith("s") and not head.isupper())


def _same_days(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether the days named with two counts leave them about one time: none named on one side, or the same."""
    return not a or not b or a == b


def _one_set(a: Quantity, b: Quantity) -> bool:
    """Whether two counts that are each their article's only count of a thing may be counts of one set.

    They must be given as counts (not bounds), of things, not people (a story names many sets of
    people), in no different time scope, neither relative to another set ("other", "more", "of those"), and described alike:
    the same words before the noun, or none on one side ("23 executive actions" / "19 actions").
    """
    if a.scope and b.scope and a.scope != b.scope or a.measured.startswith("people") or not {a.bound, b.bound} <= {"=", "~"}:
        return False  # a bound ("at least three") does not say how many there are
    (words_a, head_a), (words_b, head_b) = _count_words(a), _count_words(b)
    if _people(head_a) or _people(head_b) or _SET_RELATIVE & (set(words_a) | set(words_b)):
        return False
    narrowing_a, narrowing_b = set(words_a) - _EMPHASIS, set(words_b) - _EMPHASIS
    return narrowing_a == narrowing_b or not narrowing_a or not narrowing_b


def _same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures give one value of one thing: equal, or within tolerance when one is approximate.

    Stricter than "no conflict": 35.7% and 36% agree as readings of one rate, but do not show
    that a sentence holding 36% is about the same rate as 35.7%.
    """
    if a.dimension != b.dimension or a.unit != b.unit or not same_thing(a, b):
        return False
    difference = abs(a.value - b.value)
    if difference < 1e-9:
        return True
    return "~" in (a.bound, b.bound) and _within(a, b, difference, difference / (max(abs(a.value), abs(b.value)) or 1.0))[0]


def _same_subject(a: Quantity, b: Quantity, text_a: str, text_b: str) -> bool:
    """Whether two figures of loosely related passages are shown to be about one thing.

    Either they name the same time scope or place, or what they measure is a name both
    passages spell with a capital ("Donetsk"), or they are temperatures (one weather per story).
    """
    if a.dimension == "temperature" or (a.scope and a.scope == b.scope) or (a.place and a.place == b.place):
        return True
    name = re.compile(rf"\b{re.escape(a.measured)}", re.I)
    in_a = [m.group() for m in name.finditer(text_a, *a.sentence)]
    in_b = [m.group() for m in name.finditer(text_b, *b.sentence)]
    return any(w[:1].isupper() for w in in_a) and any(w[:1].isupper() for w in in_b)


def _attribution_at(found: dict[Span, Attribution], span: Span) -> Attribution | None:
    exact = found.get(span)
    if exact is not None:
        return exact
    for sentence, attribution in found.items():
        if sentence[0] <= span[0] < sentence[1]:
            return attribution
    return None


# -- cache -----------------------------------------------------------------------------------------


def cache_key(articles: Sequence[ArticleLike]) -> str:
    """The key of a story's flags: ids and content hashes, the aligner's and this module's versions."""
    from index.align import ALGORITHM_VERSION, content_hash

    parts = sorted(f"{article.id}\t{content_hash(article)}" for article in articles)
    return hashlib.sha256("\n".join([ALGORITHM_VERSION, FACTCHECK_VERSION, *parts]).encode("utf-8", "surrogatepass")).hexdigest()


def cached_check_story(articles: Sequence[ArticleLike], cache_dir: Path | None) -> FactCheck:
    """:func:`check_story` on the story's (cached) alignment, itself cached in ``cache_dir/factcheck``.

    Args:
        articles: The story's articles.
        cache_dir: The alignment cache folder (see :func:`index.align_cache.cached_align_corpus`),
            or ``None`` for no caching at all.

    Returns:
        The story's flags. A cache file that cannot be read is ignored and rewritten; a cache
        folder that cannot be written costs speed, never results.
    """
    from index.align_cache import cached_align_corpus

    if cache_dir is None:
        return check_story(articles, cached_align_corpus(articles, None))
    folder = cache_dir / "factcheck"
    path = folder / f"{cache_key(articles)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("version") == FACTCHECK_VERSION and sorted(stored["factcheck"]["article_ids"]) == sorted(a.id for a in articles):
            return FactCheck.from_dict(stored["factcheck"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass  # missing or unreadable: computed again below and rewritten
    result = check_story(articles, cached_align_corpus(articles, cache_dir))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".factcheck-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": FACTCHECK_VERSION, "factcheck": result.to_dict()}, out)
        os.replace(temp, path)
    except OSError:
        pass  # a read-only or full cache folder costs speed, never results
    return result
