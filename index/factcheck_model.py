"""The fact check's data model: flags, their sides and a story's result, shared by every check.

The number, attribution and story-level checks all build :class:`Flag` objects, and
:mod:`index.factcheck` ties them together; keeping the model here lets the checks live in
modules of their own without importing the module that drives them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from index.attribution import Attribution
from index.quantities import Quantity

Span = tuple[int, int]
Status = Literal["conflict", "not-conflict"]
Relation = Callable[[str, Span, str, Span], tuple[str, str | None]]
"""How the aligner relates two passages ``(a id, a span, b id, b span)``, and their shared group if any."""

__all__ = ["FactCheck", "Flag", "FlagSide", "Relation", "Span", "Status", "flag_id_for", "passage_of"]


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
    """Machine-readable reason: ``different-value``, ``different-bounds``, ``different-day``, ``different-speaker``,
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

    def disagreements(self) -> list[list[Flag]]:
        """The conflicts gathered into disagreements: one per figure or statement the outlets differ on.

        Three outlets giving three dates for one departure make three pairwise conflicts but one
        disagreement. Two conflicts are one disagreement when they share a side (the same figure or
        the same passage of one article), or, for figures, when they count or measure the same named
        thing ("departure of mattis", "people killed"). In the order of their first conflict.
        """
        conflicts = self.conflicts
        parent = list(range(len(conflicts)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        first_with: dict[tuple[str, ...], int] = {}
        for index, flag in enumerate(conflicts):
            keys = [(flag.kind, side.article_id, *map(str, side.quantity.span if side.quantity else side.span)) for side in flag.sides]
            measured = {side.quantity.measured for side in flag.sides if side.quantity is not None}
            if flag.kind == "number" and len(measured) == 1 and "" not in measured:
                keys.append(("measured", measured.pop()))
            for key in keys:
                if key in first_with:
                    parent[find(index)] = find(first_with[key])
                else:
                    first_with[key] = index
        groups: dict[int, list[Flag]] = {}
        for index, flag in enumerate(conflicts):
            groups.setdefault(find(index), []).append(flag)
        return list(groups.values())

    @staticmethod
    def given(disagreement: list[Flag]) -> list[tuple[str, str]]:
        """What each outlet gives in one disagreement, as ``(article id, as written)``, each once, in order:
        the figure, or for attributions the speaker (or "no speaker named")."""
        seen: dict[tuple[str, str], None] = {}
        for flag in disagreement:
            for side in flag.sides:
                if side.quantity is not None:
                    written = side.quantity.text
                else:
                    written = side.attribution.speaker if side.attribution is not None and side.attribution.speaker else "no speaker named"
                seen.setdefault((side.article_id, written), None)
        return list(seen)

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


def flag_id_for(kind: str, side_a: tuple[str, Span], side_b: tuple[str, Span]) -> str:
    """A flag's id from its kind and passages, in either order: stable while the texts are."""
    first, second = sorted([side_a, side_b])
    key = f"{kind}|{first[0]}|{first[1][0]}:{first[1][1]}|{second[0]}|{second[1][0]}:{second[1][1]}"
    return ("fn-" if kind == "number" else "fa-") + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def passage_of(spans: list[Span], inner: Span) -> Span:
    """The aligned passage holding a figure's span (or the span itself), so a flag marks whole passages."""
    for span in spans:
        if span[0] <= inner[0] and inner[1] <= span[1] or span[0] <= inner[0] < span[1]:
            return span
    return inner
