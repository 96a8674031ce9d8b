"""Sentence similarity: how close two passages of different outlets are, and in what way.

A passage pair is scored on what it shares, weighted by how rare each shared word is in the
story (so topic words every passage carries, like "Ukraine" or "war", weigh little), and on
the longest run of quoted words the two give alike. The classification is one of ``quote``,
``paraphrase``, ``partial`` or ``None`` (not a link).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from index.features import LINK_PROBABILITY, bigrams, entity_terms, family_key, weighted_dice
from index.normalize import STOPWORDS, content_terms, fold, is_number_term, term, words

Span = tuple[int, int]

#: Thresholds fitted on the tuning part of the gold (see tests/data/ALIGN_GOLD.md).
QUOTE_MIN_RUN = 4
"""Fewest consecutive quoted words two passages must share to be the same quote."""
QUOTE_MIN_SHORT = 2
"""A whole short quotation (2-6 words) one passage gives that the other quotes verbatim also counts."""
QUOTE_MAX_SHORT = 6
PARAPHRASE_DICE = 0.42
LINK_DICE = 0.30
"""Weighted overlap above which a pair is linked at all (as partial when below PARAPHRASE_DICE)."""
"""Weighted overlap (both sides) above which a pair is a paraphrase."""
PARTIAL_DICE = 0.15
"""Weighted overlap (both sides) above which a pair sharing enough rare words is a partial link."""
PARTIAL_MIN_WEIGHT = 8.0
"""Least summed rarity of the shared words for a partial link: one rare name is not enough."""
PARTIAL_MIN_TERMS = 3
"""Fewest distinct shared content words for a partial link."""


@dataclass(slots=True)
class Unit:
    """One passage (sentence or clause) of one article, prepared for matching."""

    article: int
    span: Span
    terms: list[str]
    quoted: list[str]
    entities: frozenset[str] = field(default=frozenset())
    term_set: frozenset[str] = field(default=frozenset())
    family_set: frozenset[str] = field(default=frozenset())
    bigram_set: frozenset[tuple[str, str]] = field(default=frozenset())

    def __post_init__(self) -> None:
        self.term_set = frozenset(self.terms)
        self.family_set = frozenset(family_key(t) for t in self.terms)
        self.bigram_set = bigrams([family_key(t) for t in self.terms])


@dataclass(slots=True, frozen=True)
class PairScore:
    """Why two units are (or are not) linked."""

    kind: str | None
    score: float
    dice: float
    containment: float
    shared_weight: float
    quote_run: int


_LINE = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile('[“”«»"]')
_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"


def quote_regions(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of direct quotations in ``text[start:end]``: curly pairs, or straight quotes by line.

    An unclosed quotation runs to the end of its line (news style re-opens a quote that
    continues into the next paragraph).
    """
    regions: list[Span] = []
    for line in _LINE.finditer(text, start, len(text) if end is None else end):
        open_at: int | None = None
        straight_open: int | None = None
        for mark in _QUOTE_MARK.finditer(text, line.start(), line.end()):
            ch, at = mark.group(), mark.start()
            if ch in _QUOTE_OPEN:
                open_at = at + 1
            elif ch in _QUOTE_CLOSE and open_at is not None:
                regions.append((open_at, at))
                open_at = None
            elif ch == '"':
                if straight_open is None:
                    straight_open = at + 1
                else:
                    regions.append((straight_open, at))
                    straight_open = None
        for pending in (open_at, straight_open):
            if pending is not None:
                regions.append((pending, line.end()))
    return regions


def quoted_words(text: str, span: Span, regions: Sequence[Span]) -> list[str]:
    """Folded words of ``text[span]`` that lie inside quotations, in order, with quote breaks."""
    out: list[str] = []
    for start, end in regions:
        lo, hi = max(start, span[0]), min(end, span[1])
        if hi - lo > 1:
            if out:
                out.append("\x00")  # a break: runs must not join two separate quotations
            out.extend(term(w) for w in words(text[lo:hi]))
    return out


def make_unit(article: int, text: str, span: Span, regions: Sequence[Span]) -> Unit:
    """Prepare one passage for matching."""
    passage = text[span[0]:span[1]]
    return Unit(article, span, content_terms(passage), quoted_words(text, span, regions), entity_terms(passage))


def document_frequencies(units: Iterable[Unit]) -> Counter[str]:
    """In how many units each term occurs."""
    df: Counter[str] = Counter()
    for unit in units:
        df.update(unit.term_set)
    return df


def idf_table(df: Counter[str], unit_count: int) -> dict[str, float]:
    """Rarity weight of each term: common story words weigh little, rare names and figures much."""
    table = {}
    for key, count in df.items():
        weight = math.log((unit_count + 1) / (count + 0.5))
        if is_number_term(key):
            weight *= 1.3
        table[key] = max(weight, 0.05)
    return table


def longest_quote_run(a: list[str], b: list[str]) -> int:
    """Longest run of quoted words the two give alike (small insertions bridged).

    Runs made only of function words ("I have to tell you") do not count.
    """
    if len(a) < 2 or len(b) < 2:
        return 0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    best = 0
    run = content = 0
    previous_end: tuple[int, int] | None = None
    for block in blocks:
        matched = a[block.a:block.a + block.size]
        if "\x00" in matched:
            run = content = 0
            previous_end = None
            continue
        if not (previous_end and block.a - previous_end[0] <= 2 and block.b - previous_end[1] <= 2):
            run = content = 0
        run += block.size
        content += sum(1 for word in matched if word not in STOPWORDS)
        if content >= 2 or run >= 6:
            best = max(best, run)
        previous_end = (block.a + block.size, block.b + block.size)
    return best


def quotations(quoted: list[str]) -> list[tuple[str, ...]]:
    """The separate quotations of a passage, as tuples of matching keys."""
    out, current = [], []
    for word in quoted + ["\x00"]:
        if word == "\x00":
            if current:
                out.append(tuple(current))
            current = []
        else:
            current.append(word)
    return out


def short_quote_keys(quoted: list[str]) -> set[str]:
    """Candidate keys for whole short quotations: every run of 2-3 quoted words."""
    keys = set()
    for quotation in quotations(quoted):
        for n in (2, 3):
            for k in range(len(quotation) - n + 1):
                keys.add("\x01" + " ".join(quotation[k:k + n]))
    return keys


def whole_short_quote(a: list[str], b: list[str]) -> bool:
    """Whether one passage quotes, word for word, a whole short quotation the other gives."""
    for first, second in ((a, b), (b, a)):
        others = [" " + " ".join(q) + " " for q in quotations(second)]
        for quotation in quotations(first):
            if not QUOTE_MIN_SHORT <= len(quotation) <= QUOTE_MAX_SHORT:
                continue
            if len(quotation) < 4 and all(word in STOPWORDS for word in quotation):
                continue
            needle = " " + " ".join(quotation) + " "
            if any(needle in other for other in others):
                return True
    return False


def score_pair(a: Unit, b: Unit, idf: dict[str, float]) -> PairScore:
    """Score and classify one passage pair."""
    shared = a.term_set & b.term_set
    weight_a = sum(idf.get(t, 1.0) for t in a.term_set)
    weight_b = sum(idf.get(t, 1.0) for t in b.term_set)
    shared_weight = sum(idf.get(t, 1.0) for t in shared)
    if not weight_a or not weight_b:
        return PairScore(None, 0.0, 0.0, 0.0, 0.0, 0)
    dice = 2 * shared_weight / (weight_a + weight_b)
    containment = shared_weight / min(weight_a, weight_b)
    run = longest_quote_run(a.quoted, b.quoted)
    kind: str | None = None
    score = dice
    if run >= QUOTE_MIN_RUN:
        kind = "quote"
        shorter = min(len(a.quoted), len(b.quoted)) or 1
        score = max(dice, min(1.0, run / shorter))
    elif dice >= PARAPHRASE_DICE and len(shared) >= 2:
        kind = "paraphrase"
    elif (
        dice >= LINK_DICE and len(shared) >= 2
    ) or (
        dice >= PARTIAL_DICE
        and shared_weight >= PARTIAL_MIN_WEIGHT
        and len(shared) >= PARTIAL_MIN_TERMS
    ):
        kind = "partial"
        score = 0.5 * (dice + containment)
    if kind == "paraphrase" or kind == "partial":
        fuzzy = fuzz.token_set_ratio(" ".join(sorted(a.term_set)), " ".join(sorted(b.term_set))) / 100
        score = 0.7 * score + 0.3 * fuzzy
    return PairScore(kind, round(score, 4), dice, containment, shared_weight, run)


def fold_quotes(text: str) -> str:
    """The folded form of a passage, used where a plain string comparison is wanted."""
    return fold(text)


MIN_FAMILY_DICE = 0.06
"""Candidates whose family-level overlap is below this (and share no quote) are not scored."""


def pair_features(
    a: Unit,
    b: Unit,
    idf: dict[str, float],
    family_idf: dict[str, float],
    position_a: float,
    position_b: float,
    totals: tuple[float, float, float, float] | None = None,
    spread: Callable[[int, str], int] | None = None,
) -> tuple[list[float], int] | None:
    """The feature vector of one candidate pair (see ``index.features.FEATURES``) and its quote run.

    ``totals`` are the summed term and family weights of ``a`` and ``b``, if already known.
    ``spread(article, key)`` is in how many passages of that article a matching key occurs
    (1 for every key when not given); see ``specific_weight``.
    ``None`` means the pair shares too little even at the family level to be worth scoring.
    """
    term_a, term_b, family_a, family_b = totals or (None, None, None, None)
    family_dice, _, _ = weighted_dice(a.family_set, b.family_set, family_idf, family_a, family_b)
    run = longest_quote_run(a.quoted, b.quoted) if a.quoted and b.quoted else 0
    if run < QUOTE_MIN_RUN and a.quoted and b.quoted and whole_short_quote(a.quoted, b.quoted):
        run = QUOTE_MIN_RUN
    if family_dice < MIN_FAMILY_DICE and run < QUOTE_MIN_RUN:
        return None
    dice, containment, shared_weight = weighted_dice(a.term_set, b.term_set, idf, term_a, term_b)
    shared = a.term_set & b.term_set
    family_only = (a.family_set & b.family_set) - shared
    fuzzy = fuzz.token_set_ratio(" ".join(sorted(a.family_set)), " ".join(sorted(b.family_set))) / 100
    numbers = sum(1 for t in shared if is_number_term(t))
    shorter = min(len(a.term_set), len(b.term_set))
    longer = max(len(a.term_set), len(b.term_set)) or 1
    values = [
        1.0,
        dice,
        containment,
        math.log1p(shared_weight),
        min(len(shared), 8) / 8,
        min(run, 8) / 8,
        fuzzy,
        family_dice,
        math.log1p(sum(family_idf.get(t, 1.0) for t in family_only)),
        min(len(a.entities & b.entities), 4) / 4,
        min(numbers, 2) / 2,
        min(len(a.bigram_set & b.bigram_set), 4) / 4,
        shorter / longer,
        1.0 / (1 + shorter),
        1.0 - abs(position_a - position_b),
        math.log1p(specific_weight(a, b, shared, idf, spread)),
    ]
    return values, run


def specific_weight(
    a: Unit, b: Unit, shared: frozenset[str], idf: dict[str, float], spread: Callable[[int, str], int] | None
) -> float:
    """Shared weight that points at these two passages rather than at the story's topic.

    A word each article repeats in many passages (the war, the city, the weapon) is shared by
    many passage pairs, so it says little about which two passages report the same thing; a
    shared word found in one passage of each article says much. Each shared word's rarity is
    divided by the number of passage pairs of the two articles that share it.
    """
    if spread is None:
        return sum(idf.get(t, 1.0) for t in shared)
    return sum(idf.get(t, 1.0) / (spread(a.article, t) * spread(b.article, t)) for t in shared)


def judge(a: Unit, b: Unit, values: Sequence[float], run: int, probability: float) -> PairScore:
    """Classify one candidate pair from its features and modelled link probability."""
    dice, containment = values[1], values[2]
    shared = len(a.term_set & b.term_set)
    shared_weight = math.expm1(values[3])
    if run >= QUOTE_MIN_RUN:
        shorter = min(len(a.quoted), len(b.quoted)) or 1
        score = max(dice, min(1.0, run / shorter), probability)
        return PairScore("quote", round(score, 4), dice, containment, shared_weight, run)
    close = dice >= PARAPHRASE_DICE and shared >= 2
    if probability < LINK_PROBABILITY and not close:
        return PairScore(None, round(probability, 4), dice, containment, shared_weight, run)
    score = max(probability, 0.7 * dice + 0.3 * values[6]) if close else probability
    return PairScore("paraphrase" if close else "partial", round(max(score, 0.01), 4), dice, containment, shared_weight, run)
