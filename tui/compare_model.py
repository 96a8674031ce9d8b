"""What the compare view knows about a story's alignment, per article and by character offset.

Textual-free: it turns the engine's :class:`index.collate.Alignment` into passages (the spans
the aligner matched or found in one outlet only), each with its group number, and answers the
questions the view asks: which passage is at this offset, what are its counterparts in another
article, where is the next aligned group or the next passage only this outlet reports.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from index.collate import Alignment

Span = tuple[int, int]
PassageKind = Literal["group", "linked", "only"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of one article that the aligner looked at."""

    start: int
    end: int
    kind: PassageKind
    """``group``: part of a numbered claim; ``linked``: matched but in no claim; ``only``: no other outlet reports it."""
    group: int | None = None
    """1-based number of the claim (``g3`` is 3), for ``group`` passages."""

    @property
    def span(self) -> Span:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A passage of another article that reports what a passage says."""

    span: Span
    score: float
    direct: bool
    """True for a link between the two passages, False for a fellow member of the claim."""


class CompareModel:
    """Passages and links of one alignment, indexed for lookups by article and offset."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self.article_ids = list(alignment.article_ids)
        group_of: dict[tuple[str, Span], int] = {}
        for number, group in enumerate(alignment.groups, start=1):
            for article_id, spans in group.members.items():
                for span in spans:
                    group_of.setdefault((article_id, span), number)
        self._links: dict[tuple[str, Span], list[tuple[str, Span, float]]] = {}
        for link in alignment.links:
            self._links.setdefault((link.a_id, link.a_span), []).append((link.b_id, link.b_span, link.score))
            self._links.setdefault((link.b_id, link.b_span), []).append((link.a_id, link.a_span, link.score))
        self.passages: dict[str, list[Passage]] = {}
        for article_id in self.article_ids:
            spans: dict[Span, Passage] = {}
            for span in alignment.only_in.get(article_id, []):
                spans[span] = Passage(span[0], span[1], "only")
            for (owner, span), _ in self._links.items():
                if owner == article_id:
                    number = group_of.get((article_id, span))
                    spans[span] = Passage(span[0], span[1], "group" if number else "linked", number)
            for (owner, span), number in group_of.items():
                if owner == article_id:
                    spans[span] = Passage(span[0], span[1], "group", number)
            self.passages[article_id] = sorted(spans.values(), key=lambda p: (p.start, p.end))
        self._starts = {article_id: [p.start for p in passages] for article_id, passages in self.passages.items()}
        self.groups = alignment.groups

    def passage_at(self, article_id: str, offset: int) -> Passage | None:
        """The passage that contains ``offset``, if any."""
        passages = self.passages.get(article_id, [])
        index = bisect_right(self._starts.get(article_id, []), offset) - 1
        if 0 <= index < len(passages) and passages[index].start <= offset < passages[index].end:
            return passages[index]
        return None

    def passages_between(self, article_id: str, start: int, end: int) -> list[Passage]:
        """Passages that overlap ``[start, end)``, in text order."""
        passages = self.passages.get(article_id, [])
        starts = self._starts.get(article_id, [])
        index = max(0, bisect_right(starts, start) - 1)
        found = []
        while index < len(passages) and passages[index].start < end:
            if passages[index].end > start:
                found.append(passages[index])
            index += 1
        return found

    def counterparts(self, article_id: str, passage: Passage, other_id: str) -> list[Counterpart]:
        """Passages of ``other_id`` that report ``passage``: direct links first (best first), else its claim's members."""
        direct = [
            Counterpart(span, score, True)
            for owner, span, score in self._links.get((article_id, passage.span), [])
            if owner == other_id
        ]
        if direct:
            return sorted(direct, key=lambda c: (-c.score, c.span))
        if passage.group is None:
            return []
        members = self.groups[passage.group - 1].members.get(other_id, [])
        return [Counterpart(span, 0.0, False) for span in members]

    def pair_links(self, a_id: str, b_id: str) -> list[tuple[Span, Span, float]]:
        """Every link between passages of ``a_id`` and ``b_id``, as (span in a, span in b, score)."""
        pairs = []
        for link in self.alignment.links:
            if link.a_id == a_id and link.b_id == b_id:
                pairs.append((link.a_span, link.b_span, link.score))
            elif link.a_id == b_id and link.b_id == a_id:
                pairs.append((link.b_span, link.a_span, link.score))
        return pairs

    def next_passage(self, article_id: str, offset: int, *, kind: PassageKind, forward: bool = True) -> Passage | None:
        """The nearest passage of ``kind`` starting after ``offset`` (or, backwards, ending before the passage there).

        For ``group``, the passages right next to the current one that belong to the same group are
        skipped, and going backwards lands on the first passage of the previous group's run, so
        ``n``/``N`` step group by group in text order.
        """
        passages = self.passages.get(article_id, [])
        starts = self._starts.get(article_id, [])
        current = self.passage_at(article_id, offset)
        skip = current.group if current is not None and kind == "group" else None
        if forward:
            candidates = passages[bisect_right(starts, offset) :]
        else:
            before = bisect_right(starts, offset) - (1 if current is not None else 0)
            candidates = list(reversed(passages[: max(0, before)]))
        found: Passage | None = None
        for passage in candidates:
            if skip is not None and passage.group == skip:
                continue
            skip = None
            if found is not None:
                if passage.kind == "group" and passage.group == found.group:
                    found = passage  # backwards: walk to the start of the run
                    continue
                break
            if passage.kind == kind:
                found = passage
                if forward or kind != "group":
                    break
        return found

    def first_member(self, group_number: int, article_id: str) -> Span | None:
        """The first passage of claim ``group_number`` in ``article_id``, if the article reports it."""
        spans = self.groups[group_number - 1].members.get(article_id, [])
        return min(spans) if spans else None
