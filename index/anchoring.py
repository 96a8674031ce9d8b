"""Find an annotated passage again after its article's text changed, or say plainly that it is gone.

An annotation remembers its passage twice: by position (start, end) and by quote (the exact text
plus a little context either side). When the article is re-scraped, cleaned of debris or corrected,
the passage is looked for in this order:

1. ``exact``: the quote is still at its old position.
2. ``moved``: the quote occurs elsewhere, verbatim; among several occurrences the one whose
   surroundings match the saved context wins, then the one nearest the old position.
3. ``fuzzy``: the closest approximate match of the quote (rapidfuzz), scored together with how well
   its surroundings match the saved context, so a near-duplicate sentence elsewhere in the article
   (an outlet repeating a quote) is not mistaken for an edited passage.
4. ``orphan``: nothing scores above the threshold. The caller keeps the saved quote and shows it;
   an annotation is never dropped and never placed on a passage that merely looks similar.

Everything here is a pure function of strings, so it is cheap to test and to run in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

Status = Literal["exact", "moved", "fuzzy", "orphan"]
STATUSES: tuple[Status, ...] = ("exact", "moved", "fuzzy", "orphan")

CONTEXT_CHARS = 32
"""Characters of context saved before and after a quote."""
FUZZY_THRESHOLD = 0.78
"""Combined score (quote similarity and context similarity) a fuzzy match needs to count."""
QUOTE_WEIGHT = 0.7
"""Share of the quote's own similarity in the combined fuzzy score; the rest is the context's."""
MIN_QUOTE_SIMILARITY = 0.75
"""A fuzzy candidate whose text is less similar than this to the quote is never accepted."""
MIN_SIDE_CONTEXT = 0.6
"""A fuzzy match needs the text on at least one side to resemble the saved context this much.

Unrelated text scores about 0.3-0.4, so a near-duplicate sentence elsewhere (an outlet repeating
a quote) stays an orphan; the cost is that a passage both moved and reworded is an orphan too.
"""
SHORT_QUOTE = 24
"""Quotes shorter than this need the context on both sides to match before a fuzzy match counts."""


@dataclass(frozen=True, slots=True)
class Selector:
    """What an annotation saves about its passage: the quote with its context, and its position."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a passage is in the current text; ``start == end == -1`` for an orphan."""

    start: int
    end: int
    status: Status
    score: float
    """1.0 for exact and moved; the combined similarity for fuzzy; the best rejected score for an orphan."""

    @property
    def found(self) -> bool:
        return self.status != "orphan"


def make_selector(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
    """The selector of ``text[start:end]`` with up to ``context`` characters either side.

    Raises:
        ValueError: the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span [{start}, {end}) is empty or outside a text of {len(text)} characters")
    return Selector(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def reanchor(selector: Selector, text: str) -> Anchor:
    """Where ``selector``'s passage is in ``text``: exact, moved, fuzzy or orphan (see the module doc)."""
    quote = selector.quote
    if not quote:
        return Anchor(-1, -1, "orphan", 0.0)
    if text[selector.start : selector.end] == quote:
        return Anchor(selector.start, selector.end, "exact", 1.0)
    occurrences = _occurrences(text, quote)
    if occurrences:
        best = max(occurrences, key=lambda s: (round(context_similarity(selector, text, s, s + len(quote)), 2), -abs(s - selector.start)))
        return Anchor(best, best + len(quote), "moved", 1.0)
    return _fuzzy(selector, text)


def context_similarity(selector: Selector, text: str, start: int, end: int) -> float:
    """How well the text around ``[start, end)`` matches the saved prefix and suffix, in [0, 1]."""
    before, after = context_sides(selector, text, start, end)
    return (before + after) / 2


def context_sides(selector: Selector, text: str, start: int, end: int) -> tuple[float, float]:
    """Similarity of the saved prefix and of the saved suffix to the text around ``[start, end)``.

    A side with no saved context (the passage began or ended the article) counts as matching when
    the candidate also sits at that edge of the text, and as half-matching otherwise.
    """
    sides = []
    for saved, found, at_edge in (
        (selector.prefix, text[max(0, start - len(selector.prefix)) : start], start == 0),
        (selector.suffix, text[end : end + len(selector.suffix)], end == len(text)),
    ):
        if not saved:
            sides.append(1.0 if at_edge else 0.5)
        else:
            sides.append(fuzz.ratio(saved, found) / 100)
    return sides[0], sides[1]


def _occurrences(text: str, quote: str, limit: int = 200) -> list[int]:
    found: list[int] = []
    at = text.find(quote)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _fuzzy(selector: Selector, text: str) -> Anchor:
    """The best approximate match among the candidates, or an orphan with the best rejected score."""
    if not text.strip():
        return Anchor(-1, -1, "orphan", 0.0)
    best_rejected = 0.0
    accepted: list[Anchor] = []
    for rough_start, rough_end in _candidates(selector, text):
        anchor = _score(selector, text, *_refine(selector.quote, text, rough_start, rough_end))
        if anchor.found:
            accepted.append(anchor)
        else:
            best_rejected = max(best_rejected, anchor.score)
    if not accepted:
        return Anchor(-1, -1, "orphan", best_rejected)
    return max(accepted, key=lambda a: (a.score, -abs(a.start - selector.start)))


def _candidates(selector: Selector, text: str) -> list[tuple[int, int]]:
    """Rough places the passage may be now: the closest approximate match of the quote anywhere,
    and the gap between the saved prefix and suffix where they still occur (an in-place edit)."""
    quote = selector.quote
    found: list[tuple[int, int]] = []
    if len(quote) >= len(text):
        found.append((0, len(text)))
    else:
        alignment = fuzz.partial_ratio_alignment(quote, text, score_cutoff=MIN_QUOTE_SIMILARITY * 100 - 10)
        if alignment is not None:
            found.append((alignment.dest_start, alignment.dest_end))
    low, high = len(quote) // 2, len(quote) * 2 + 16
    prefix_ends = [at + len(selector.prefix) for at in _occurrences(text, selector.prefix, 20)] if len(selector.prefix) >= 8 else []
    suffix_starts = _occurrences(text, selector.suffix, 20) if len(selector.suffix) >= 8 else []
    for start in prefix_ends:
        ends = [end for end in suffix_starts if low <= end - start <= high]
        found.append((start, min(ends, key=lambda e: abs(e - start - len(quote))) if ends else min(len(text), start + len(quote))))
    for end in suffix_starts:
        if not any(low <= end - start <= high for start in prefix_ends):
            found.append((max(0, end - len(quote)), end))
    return list(dict.fromkeys(found))


def _score(selector: Selector, text: str, start: int, end: int, quote_similarity: float) -> Anchor:
    before, after = context_sides(selector, text, start, end)
    score = round(QUOTE_WEIGHT * quote_similarity + (1 - QUOTE_WEIGHT) * (before + after) / 2, 4)
    accepted = (
        quote_similarity >= MIN_QUOTE_SIMILARITY
        and score >= FUZZY_THRESHOLD
        and max(before, after) >= MIN_SIDE_CONTEXT
        and (len(selector.quote) >= SHORT_QUOTE or min(before, after) >= MIN_SIDE_CONTEXT)
    )
    return Anchor(start, end, "fuzzy", score) if accepted else Anchor(-1, -1, "orphan", score)


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Move a rough match's ends to the nearby boundaries that make it most similar to the quote.

    ``partial_ratio_alignment`` finds a window as long as the quote; an edit that added or removed
    words makes the true passage longer or shorter, so nearby word edges are tried.
    """
    slack = max(8, len(quote) // 4)
    best = (start, end, fuzz.ratio(quote, text[start:end]) / 100)
    starts = sorted(_edges(text, start - slack, start + slack), key=lambda s: abs(s - start))[:12]
    ends = sorted(_edges(text, end - slack, end + slack), key=lambda e: abs(e - end))[:12]
    for s in starts:
        for e in ends:
            if e - s < max(1, len(quote) // 2):
                continue
            similarity = fuzz.ratio(quote, text[s:e], score_cutoff=best[2] * 100) / 100
            if similarity > best[2]:
                best = (s, e, similarity)
    return best


def _edges(text: str, low: int, high: int) -> set[int]:
    """Offsets in ``[low, high]`` at the edge of a word or of a run of punctuation or of spaces."""
    low, high = max(0, low), min(len(text), high)
    edges = {low, high}
    for offset in range(max(1, low), min(len(text) - 1, high) + 1):
        before, after = text[offset - 1], text[offset]
        if before.isalnum() != after.isalnum() or before.isspace() != after.isspace():
            edges.add(offset)
    return edges


__all__ = ["Anchor", "CONTEXT_CHARS", "STATUSES", "Selector", "Status", "context_sides", "context_similarity", "make_selector", "reanchor"]
