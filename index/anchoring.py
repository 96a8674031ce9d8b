"""Find an annotated passage again after its article's text changed, or say plainly that it is gone.

An annotation remembers its passage twice: by position (start, end) and by quote (the exact text
plus a little context either side). When the article is re-scraped, cleaned of debris or corrected,
the passage is looked for in this order:

1. ``exact``: the quote is still at its old position.
2. ``moved``: the quote occurs elsewhere, verbatim; among several occurrences the one whose
   surroundings match the saved context wins, then the one nearest the old position. When none of
   the context matches there, an in-place edit (step 3) is preferred, and a quote of fewer than
   ``DISTINCTIVE_WORDS`` words (a phrase any article may repeat) is not trusted.
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
DISTINCTIVE_WORDS = 8
"""A quote found verbatim elsewhere with none of its context counts as moved only if it has this many words."""
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
    moved: Anchor | None = None
    if occurrences:
        best = max(occurrences, key=lambda s: (round(context_similarity(selector, text, s, s + len(quote)), 2), -abs(s - selector.start)))
        moved = Anchor(best, best + len(quote), "moved", 1.0)
        if max(context_sides(selector, text, best, best + len(quote))) >= MIN_SIDE_CONTEXT:
            return moved
    # The same words elsewhere, in unrelated surroundings: an edited passage still in place wins, and
    # a short quote (a common phrase) is not trusted there at all.
    fuzzy = _fuzzy(selector, text)
    if fuzzy.found:
        return fuzzy
    if moved is not None and len(quote.split()) >= DISTINCTIVE_WORDS:
        return moved
    return fuzzy


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
        anchor = _score(selector, text, *_refine(selector, text, rough_start, rough_end))
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


def _refine(selector: Selector, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Move a rough match's ends to the nearby edges that best fit the quote *and* its context.

    ``partial_ratio_alignment`` finds a window as long as the quote; an edit that added, removed or
    replaced words makes the true passage longer or shorter, so nearby word edges are tried. The
    context counts too, so a replaced first or last word stays inside the passage rather than being
    trimmed off because it no longer matches. Returns the ends and the quote's similarity there.
    """
    quote = selector.quote
    slack = max(8, len(quote) // 4)
    starts = sorted(_edges(text, start - slack, start + slack), key=lambda s: abs(s - start))[:12]
    ends = sorted(_edges(text, end - slack, end + slack), key=lambda e: abs(e - end))[:12]
    best = (start, end, fuzz.ratio(quote, text[start:end]) / 100)
    best_fit = -1.0
    for s in starts:
        for e in ends:
            if e - s < max(1, len(quote) // 2):
                continue
            similarity = fuzz.ratio(quote, text[s:e]) / 100
            if similarity < MIN_QUOTE_SIMILARITY - 0.1:
                continue
            fit = QUOTE_WEIGHT * similarity + (1 - QUOTE_WEIGHT) * context_similarity(selector, text, s, e)
            if fit > best_fit:
                best, best_fit = (s, e, similarity), fit
    s, e, similarity = best
    while s < e and text[s].isspace() and not quote[:1].isspace():
        s += 1
    while e > s and text[e - 1].isspace() and not quote[-1:].isspace():
        e -= 1
    return s, e, similarity


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
