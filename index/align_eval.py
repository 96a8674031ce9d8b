"""Measure alignment against hand-labelled gold: precision, recall and F1 over sentence pairs.

The gold (``tests/data/align_gold_*.json``) lists *claims*: sets of sentences, each with a role
(``Q`` carries the claim's direct quote, ``S`` states the whole claim, ``P`` reports part of it).
Every two members from different articles form a gold pair: ``quote`` if both are ``Q``,
``paraphrase`` if both are ``S``, ``partial`` otherwise; a pair in several claims keeps its
strongest kind. See ``tests/data/ALIGN_GOLD.md`` for the rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from index.segment import split_paragraphs, split_sentences

Span = tuple[int, int]
PairKey = tuple[str, Span, str, Span]

KINDS = ("quote", "paraphrase", "partial")
_STRENGTH = {"partial": 0, "paraphrase": 1, "quote": 2}


@dataclass(frozen=True)
class Gold:
    """One labelled corpus: its articles, the article pairs to score, and the gold sentence pairs."""

    article_ids: list[str]
    tuning_pairs: list[tuple[str, str]]
    heldout_pairs: list[tuple[str, str]]
    pairs: dict[PairKey, str]
    main_pairs: frozenset[PairKey]
    raw: dict


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts behind them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def row(self) -> str:
        return f"P {self.precision:.2f} R {self.recall:.2f} F1 {self.f1:.2f} (tp {self.tp} fp {self.fp} fn {self.fn})"


def canonical(a_id: str, a_span: Span, b_id: str, b_span: Span) -> PairKey:
    """One key per unordered sentence pair."""
    if (a_id, a_span) <= (b_id, b_span):
        return (a_id, tuple(a_span), b_id, tuple(b_span))  # type: ignore[return-value]
    return (b_id, tuple(b_span), a_id, tuple(a_span))  # type: ignore[return-value]


def load_gold(path: Path) -> Gold:
    """Read a gold file and derive its labelled sentence pairs."""
    return gold_from_dict(json.loads(path.read_text(encoding="utf-8")))


def gold_from_dict(raw: dict) -> Gold:
    """Derive the labelled sentence pairs of one gold corpus (or one BASIL event)."""
    pairs: dict[PairKey, str] = {}
    main: set[PairKey] = set()
    for claim in raw["claims"]:
        members = claim["members"]
        for x, first in enumerate(members):
            for second in members[x + 1:]:
                if first["article"] == second["article"]:
                    continue
                roles = {first["role"], second["role"]}
                kind = "quote" if roles == {"Q"} else "paraphrase" if roles == {"S"} else "partial"
                key = canonical(first["article"], tuple(first["span"]), second["article"], tuple(second["span"]))
                if key not in pairs or _STRENGTH[kind] > _STRENGTH[pairs[key]]:
                    pairs[key] = kind
                if claim["id"] == raw.get("main_claim") and roles == {"Q"}:
                    main.add(key)
    return Gold(
        article_ids=[a["id"] for a in raw["articles"]],
        tuning_pairs=[tuple(p) for p in raw.get("tuning_pairs", [])],  # type: ignore[misc]
        heldout_pairs=[tuple(p) for p in raw.get("heldout_pairs", [])],  # type: ignore[misc]
        pairs=pairs,
        main_pairs=frozenset(main),
        raw=raw,
    )


def sentence_spans(text: str) -> list[Span]:
    """The sentences the gold is labelled on."""
    return [s for p in split_paragraphs(text) for s in split_sentences(text, *p)]


def to_sentence(span: Span, sentences: list[Span]) -> Span | None:
    """The gold sentence a predicted span falls in (the one it overlaps most)."""
    best, best_overlap = None, 0
    for sentence in sentences:
        overlap = min(span[1], sentence[1]) - max(span[0], sentence[0])
        if overlap > best_overlap:
            best, best_overlap = sentence, overlap
    return best


def predicted_pairs(
    a_id: str, text_a: str, b_id: str, text_b: str, align: Callable[[str, str], Iterable]
) -> dict[PairKey, str]:
    """Run an aligner on two texts and map its links onto gold sentence pairs."""
    sentences_a, sentences_b = sentence_spans(text_a), sentence_spans(text_b)
    out: dict[PairKey, str] = {}
    for link in align(text_a, text_b):
        sa, sb = to_sentence(link[0], sentences_a), to_sentence(link[1], sentences_b)
        if sa is None or sb is None:
            continue
        key = canonical(a_id, sa, b_id, sb)
        kind = link[3]
        if key not in out or _STRENGTH.get(kind, 0) > _STRENGTH.get(out[key], 0):
            out[key] = kind
    return out


def gold_for(gold: Gold, a_id: str, b_id: str) -> dict[PairKey, str]:
    """The gold pairs between two articles."""
    wanted = {a_id, b_id}
    return {key: kind for key, kind in gold.pairs.items() if {key[0], key[2]} == wanted}


def score(
    predicted: Mapping[PairKey, str], expected: Mapping[PairKey, str], exclude: Iterable[PairKey] = ()
) -> dict[str, Scores]:
    """Scores overall (kind ignored), per kind (kind must agree), with ``exclude`` left out."""
    skip = set(exclude)
    predicted = {k: v for k, v in predicted.items() if k not in skip}
    expected = {k: v for k, v in expected.items() if k not in skip}
    result = {"all": Scores(
        tp=len(predicted.keys() & expected.keys()),
        fp=len(predicted.keys() - expected.keys()),
        fn=len(expected.keys() - predicted.keys()),
    )}
    for kind in KINDS:
        p = {k for k, v in predicted.items() if v == kind}
        e = {k for k, v in expected.items() if v == kind}
        result[kind] = Scores(len(p & e), len(p - e), len(e - p))
    return result


def add(total: dict[str, Scores], part: dict[str, Scores]) -> dict[str, Scores]:
    """Sum two score tables (micro-averaging)."""
    return {key: total.get(key, Scores(0, 0, 0)) + value for key, value in part.items()}
