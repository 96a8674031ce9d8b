"""Cross-source alignment: which passages of different outlets report the same thing.

``align_texts`` links the sentences of two articles; ``align_corpus`` links N articles of one
story and collates the links into claims, a coverage matrix, passages only one outlet has and
the variants of shared quotes. Matching is not monotone: counterparts are found in any order.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from index.features import CONTEXT_WEIGHTS, WEIGHTS, context_features, logistic
from index.segment import split_paragraphs, split_sentences
from index.similarity import (
    QUOTE_MIN_RUN,
    PairScore,
    Unit,
    document_frequencies,
    idf_table,
    judge,
    make_unit,
    pair_features,
    quote_regions,
    short_quote_keys,
)

if TYPE_CHECKING:
    from index.collate import Alignment

__all__ = [
    "ALGORITHM_VERSION",
    "AlignInput",
    "Cancelled",
    "Progress",
    "ArticleLike",
    "Link",
    "align_corpus",
    "align_texts",
    "article_units",
    "content_hash",
]

ALGORITHM_VERSION = "align-9"
"""Changes whenever results would change; part of every cache key."""

MIN_UNIT_TERMS = 3
"""Passages with fewer content words (a lone ".", "Related Content", a dateline) are not matched."""
MAX_UNITS_PER_ARTICLE = 3000
"""Bound on passages considered per article, so a pathological 5 MB text stays cheap."""
MAX_UNIT_CHARS = 2000
"""Longer 'sentences' (text without punctuation) are cut into pieces of about this size."""
CANDIDATE_MAX_SHARE = 0.25
"""A term found in more than this share of passages does not propose candidate pairs."""
SCORE_BATCH = 2000
"""Candidate pairs judged between two progress reports (and cancellation checks)."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``: steps of an alignment done so far, of ``total``."""
Cancelled = Callable[[], bool]
"""``cancelled()``: True when the caller wants the alignment stopped (it raises ``AlignmentCancelled``)."""


class Link(NamedTuple):
    """Two passages, one in each text, reporting the same thing."""

    a_span: tuple[int, int]
    b_span: tuple[int, int]
    score: float
    kind: str


class ArticleLike(Protocol):
    """What the engine needs of an article: an id and its text."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AlignInput:
    """The plainest article the engine accepts."""

    id: str
    text: str
    source: str = "unknown"
    content_hash: str | None = None
    date: str | None = None
    """ISO date (``YYYY-MM-DD``) if known: the fact check reads dates without a year against it."""


def content_hash(article: ArticleLike) -> str:
    """The article's content hash, computed from its text if it carries none."""
    given = getattr(article, "content_hash", None)
    if given:
        return str(given)
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


def article_units(text: str, article: int = 0) -> list[Unit]:
    """The matchable passages (sentences, or pieces of over-long ones) of one article text.

    Recently prepared articles are remembered, so aligning one article against many others
    prepares it once.
    """
    return list(_article_units(text, article))


@lru_cache(maxsize=64)
def _article_units(text: str, article: int) -> tuple[Unit, ...]:
    units: list[Unit] = []
    for para_start, para_end in split_paragraphs(text):
        regions = quote_regions(text, para_start, para_end)
        for start, end in split_sentences(text, para_start, para_end):
            for span in _pieces(text, start, end):
                unit = make_unit(article, text, span, regions)
                if len(unit.term_set) >= MIN_UNIT_TERMS or len(unit.quoted) >= QUOTE_MIN_RUN:
                    units.append(unit)
                    if len(units) >= MAX_UNITS_PER_ARTICLE:
                        return tuple(units)
    return tuple(units)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at white space into pieces of about ``MAX_UNIT_CHARS``."""
    if end - start <= MAX_UNIT_CHARS:
        return [(start, end)]
    pieces = []
    while end - start > MAX_UNIT_CHARS:
        cut = text.rfind(" ", start + MAX_UNIT_CHARS // 2, start + MAX_UNIT_CHARS)
        if cut <= start:
            cut = start + MAX_UNIT_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def link_units(
    units: Sequence[Unit], *, batch_done: Callable[[int, int], None] | None = None
) -> list[tuple[int, int, PairScore]]:
    """Scored links between passages of different articles, as ``(i, j, score)`` with ``i < j``.

    Candidates come from an inverted index of the rarer terms and word families, so the work
    grows with the number of passage pairs that share something, not with all pairs. Each
    candidate is then judged by the learned model of :mod:`index.features`.
    """
    scored = score_candidates(units, batch_done=batch_done)
    return [(i, j, result) for i, j, result, _ in scored if result.kind is not None]


def candidate_pairs(units: Sequence[Unit]) -> set[tuple[int, int]]:
    """Pairs of passages from different articles sharing a rarer term or word family."""
    df = document_frequencies(units)
    family_df: Counter[str] = Counter()
    for unit in units:
        family_df.update(unit.family_set - unit.term_set)
    limit = max(3, int(CANDIDATE_MAX_SHARE * len(units)))
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for key in unit.term_set:
            if df[key] <= limit:
                postings[key].append(index)
        for key in unit.family_set - unit.term_set:
            if family_df[key] <= limit:
                postings[key].append(index)
        if unit.quoted:
            for key in short_quote_keys(unit.quoted):
                postings[key].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) < 2 or len(members) > limit:
            continue
        for x, i in enumerate(members):
            article_i = units[i].article
            for j in members[x + 1:]:
                if units[j].article != article_i and i != j:
                    candidates.add((i, j) if i < j else (j, i))
    return candidates


def score_candidates(
    units: Sequence[Unit],
    weights: Sequence[float] = WEIGHTS,
    context_weights: Sequence[float] = CONTEXT_WEIGHTS,
    *,
    batch_done: Callable[[int, int], None] | None = None,
) -> list[tuple[int, int, PairScore, list[float]]]:
    """Every candidate pair with its judgement and the feature vectors behind it.

    Two stages: the pair model scores each candidate on its own; the context model then
    weighs in whether the pair is the best counterpart of either passage and whether the
    neighbouring passages are matched too (articles retell a passage together with its
    neighbours). The returned vector is the pair features followed by the context features.
    ``batch_done(done, total)`` is called every ``SCORE_BATCH`` candidates of the first stage
    (it may raise to stop the work).
    """
    if not units:
        return []
    df = document_frequencies(units)
    idf = idf_table(df, len(units))
    family_idf = idf_table(Counter(key for unit in units for key in unit.family_set), len(units))
    positions = _positions(units)
    article_df: dict[int, Counter[str]] = defaultdict(Counter)
    for unit in units:
        article_df[unit.article].update(unit.term_set)

    def spread(article: int, key: str) -> int:
        return article_df[article][key] or 1

    term_totals = [sum(idf[t] for t in unit.term_set) for unit in units]
    family_totals = [sum(family_idf[t] for t in unit.family_set) for unit in units]
    first = []
    candidates = candidate_pairs(units)
    for count, (i, j) in enumerate(candidates):
        if batch_done is not None and count % SCORE_BATCH == 0:
            batch_done(count, len(candidates))
        totals = (term_totals[i], term_totals[j], family_totals[i], family_totals[j])
        features = pair_features(units[i], units[j], idf, family_idf, positions[i], positions[j], totals, spread)
        if features is not None:
            values, run = features
            first.append((i, j, values, run, logistic(values, weights)))
    probability = {(i, j): p for i, j, _, _, p in first}
    best: dict[tuple[int, int], float] = defaultdict(float)
    for i, j, _, _, p in first:
        key_i, key_j = (i, units[j].article), (j, units[i].article)
        best[key_i] = max(best[key_i], p)
        best[key_j] = max(best[key_j], p)
    out = []
    for i, j, values, run, p in first:
        neighbours = [
            probability.get((i + step, j + step), 0.0)
            for step in (-1, 1)
            if 0 <= i + step < len(units) and 0 <= j + step < len(units)
            and units[i + step].article == units[i].article and units[j + step].article == units[j].article
        ]
        context = context_features(p, p >= best[(i, units[j].article)], p >= best[(j, units[i].article)], max(neighbours, default=0.0))
        result = judge(units[i], units[j], values, run, logistic(context, context_weights))
        out.append((i, j, result, values + context))
    return out


def _positions(units: Sequence[Unit]) -> list[float]:
    """Each passage's place in its article, 0 for the first and 1 for the last."""
    counts: Counter[int] = Counter(unit.article for unit in units)
    seen: Counter[int] = Counter()
    positions = []
    for unit in units:
        positions.append(seen[unit.article] / max(1, counts[unit.article] - 1))
        seen[unit.article] += 1
    return positions


def align_texts(text_a: str, text_b: str) -> list[Link]:
    """Link the passages of two article texts that report the same thing.

    Args:
        text_a: One whole article text, exactly as read from its file.
        text_b: The other.

    Returns:
        Links ordered by their position in ``text_a``; spans are half-open offsets into the
        given strings. A passage may have several links.
    """
    units_a = article_units(text_a, 0)
    units_b = article_units(text_b, 1)
    units = units_a + units_b
    links = []
    for i, j, result in link_units(units):
        a, b = units[i], units[j]
        if a.article == 1:
            a, b = b, a
        links.append(Link(a.span, b.span, result.score, result.kind or "partial"))
    links.sort(key=lambda link: (link.a_span, link.b_span))
    return links


def align_corpus(
    articles: Sequence[ArticleLike], *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> Alignment:
    """Align N articles of one story and collate claims, coverage, unique passages and quotes.

    Args:
        articles: Objects with ``.id`` and ``.text`` (and optionally ``.source``,
            ``.content_hash``), all reporting one story.
        progress: Called with ``(done, total)`` after each article is prepared and every
            ``SCORE_BATCH`` candidate pairs judged; ``total`` stays the same throughout.
        cancelled: Asked at the same points; when it returns True the work stops.

    Returns:
        The story's :class:`index.collate.Alignment`.

    Raises:
        AlignmentCancelled: ``cancelled()`` returned True.
    """
    from index.collate import collate

    return collate(articles, progress=progress, cancelled=cancelled)
