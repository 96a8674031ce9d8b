"""Keeping columns in step by content: which row of one column matches a row of another.

Plain functions over rendered (wrapped) row numbers; no Textual. Two columns are linked by
anchors, pairs of row ranges that show passages the aligner matched. Only anchors that are in
order in both columns are used; between them (and before the first and after the last) rows
are interpolated linearly through the unmatched stretch, the way meld keeps diff panes in step.
An anchor left out because it is out of order is what the compare view reports as "elsewhere".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchor:
    """A matched pair of passages as row ranges: ``[a_start, a_end)`` in one column, ``[b_start, b_end)`` in the other."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    weight: float = 1.0
    """How much the link counts (its score): of two links of one passage, the stronger one is kept."""


def in_order_anchors(anchors: Iterable[Anchor]) -> list[Anchor]:
    """The best run of anchors that go forward in both columns without overlapping.

    A heaviest increasing chain (by start rows) is found in O(n log n) with a Fenwick tree of
    best chain weights. Every anchor weighs about 1, less the further it lies from the diagonal
    of the two columns, so of two equally long chains the one that jumps less wins; an anchor's
    ``weight`` (the link's score) counts too, so of two links of one passage the stronger is kept. Anchors that
    overlap the one kept before them in either column are then dropped, so the result is
    strictly monotone and usable for interpolation.
    """
    ordered = sorted(set(anchors), key=lambda anchor: (anchor.a_start, anchor.b_start, anchor.a_end, anchor.b_end))
    if not ordered:
        return []
    a_span = max(1, max(anchor.a_end for anchor in ordered))
    b_span = max(1, max(anchor.b_end for anchor in ordered))
    b_ranks = {b: rank for rank, b in enumerate(sorted({anchor.b_start for anchor in ordered}), start=1)}
    size = len(b_ranks)
    tree_weight = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    best_weight = [0.0] * len(ordered)
    previous = [-1] * len(ordered)

    def query(rank: int) -> tuple[float, int]:
        weight, index = 0.0, -1
        while rank > 0:
            if tree_weight[rank] > weight:
                weight, index = tree_weight[rank], tree_index[rank]
            rank -= rank & -rank
        return weight, index

    def update(rank: int, weight: float, index: int) -> None:
        while rank <= size:
            if weight > tree_weight[rank]:
                tree_weight[rank], tree_index[rank] = weight, index
            rank += rank & -rank

    start = 0
    while start < len(ordered):  # anchors with the same a_start cannot follow each other
        end = start
        while end < len(ordered) and ordered[end].a_start == ordered[start].a_start:
            end += 1
        for index in range(start, end):
            anchor = ordered[index]
            drift = abs(anchor.a_start / a_span - anchor.b_start / b_span)
            weight, before = query(b_ranks[anchor.b_start] - 1)
            best_weight[index] = weight + 1.0 + 0.5 * anchor.weight - 0.5 * drift
            previous[index] = before
        for index in range(start, end):
            update(b_ranks[ordered[index].b_start], best_weight[index], index)
        start = end
    index = max(range(len(ordered)), key=best_weight.__getitem__)
    chain: list[Anchor] = []
    while index >= 0:
        chain.append(ordered[index])
        index = previous[index]
    chain.reverse()
    kept: list[Anchor] = []
    for anchor in chain:
        if kept and (anchor.a_start < kept[-1].a_end or anchor.b_start < kept[-1].b_end):
            continue
        kept.append(anchor)
    return kept


@dataclass(frozen=True)
class RowMap:
    """A monotone piecewise-linear map from rows of column A to rows of column B."""

    a_points: tuple[int, ...]
    b_points: tuple[int, ...]

    @classmethod
    def build(cls, anchors: Iterable[Anchor], a_rows: int, b_rows: int) -> RowMap:
        """The map through the in-order ``anchors``, from (0, 0) to (``a_rows``, ``b_rows``)."""
        points = [(0, 0)]
        for anchor in in_order_anchors(anchors):
            points.append((anchor.a_start, anchor.b_start))
            points.append((anchor.a_end, anchor.b_end))
        points.append((max(a_rows, points[-1][0]), max(b_rows, points[-1][1])))
        monotone = [points[0]]
        for a, b in points[1:]:
            if a >= monotone[-1][0] and b >= monotone[-1][1]:
                monotone.append((a, b))
        return cls(tuple(a for a, _ in monotone), tuple(b for _, b in monotone))

    def __call__(self, row: float) -> int:
        """The row of column B that matches ``row`` of column A."""
        a_points, b_points = self.a_points, self.b_points
        index = bisect_right(a_points, row) - 1
        if index < 0:
            return b_points[0]
        if index + 1 >= len(a_points):
            return b_points[-1] + int(row - a_points[-1])
        a0, a1 = a_points[index], a_points[index + 1]
        b0, b1 = b_points[index], b_points[index + 1]
        return int(b0 + (row - a0) * (b1 - b0) / (a1 - a0))


def scroll_for(row: int, screen_y: int, height: int, total_rows: int) -> int:
    """The scroll offset that puts ``row`` at ``screen_y`` of a viewport ``height`` rows high, within bounds."""
    top = row - screen_y
    return max(0, min(top, max(0, total_rows - height)))


def middle(height: int) -> int:
    """The sync point: the viewport row a cursor rests on and counterparts are brought to."""
    return max(0, (height - 1) // 2)


def row_range(span: tuple[int, int], row_of: Callable[[int], int]) -> tuple[int, int]:
    """The rows ``[first, last + 1)`` that show a character span, given ``row_of(offset) -> row``."""
    start, end = span
    return row_of(start), row_of(max(start, end - 1)) + 1
