"""Annotations at scale: saving, re-anchoring over edited articles, and export, for 10,000 annotations.

Run from the repository root: ``.venv/bin/python bench/annotations.py``. Reads BASIL from
``../shared/corpora/`` (300 articles, 100 events x 3 outlets, so "Also reported by" has real
counterparts); without it, the five seeds copied 60 times. Everything is written to a temp folder.

The articles are edited the way re-scraped news is: the debris lines are removed, a few words
change, a paragraph moves, a paragraph is deleted. The edits are tracked word by word, so each
annotation's true new place is known and re-anchoring is scored against it, not just counted.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.align_cache import cached_align_corpus  # noqa: E402
from index.anchoring import make_selector  # noqa: E402
from index.annotations import Annotation, AnnotationStore, corpus_key, new_id, place  # noqa: E402
from index.article import Article, analyse  # noqa: E402
from index.corpus import Corpus  # noqa: E402
from index.export import build_export  # noqa: E402

BASIL = ROOT.parent / "shared" / "corpora" / "basil-triplets" / "basil.jsonl"
DEBRIS = [".", "Related Content", "ADVERTISEMENT — SCROLL TO CONTINUE WITH CONTENT", "Read more", "—"]
WORD_SWAPS = ["said", "told", "reported", "officials", "Tuesday", "several", "announced", "claimed"]


@dataclass
class Paragraph:
    key: int
    tokens: list[str]
    """Words and the whitespace between them, alternating; joined they are the paragraph."""
    debris: bool = False


@dataclass
class Planned:
    article: str
    paragraph: int
    first: int
    last: int
    """Token range [first, last) of the passage in its paragraph."""


def load_articles(limit: int | None) -> list[dict[str, str]]:
    if BASIL.exists():
        rows = [json.loads(line) for line in BASIL.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        rows = [
            {"id": f"{path.stem}-{copy}", "source": f"outlet {copy % 7}", "title": path.stem, "text": path.read_text(encoding="utf-8")}
            for copy in range(60)
            for path in seeds
        ]
    return rows[:limit] if limit else rows


def paragraphs_of(text: str, rng: random.Random) -> list[Paragraph]:
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    paragraphs = [Paragraph(n, re.split(r"(\s+)", part)) for n, part in enumerate(parts)]
    for n in range(2):  # debris a scraper left behind, to be cleaned in the edit
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), Paragraph(-1 - n, [rng.choice(DEBRIS)], debris=True))
    return paragraphs


def render(paragraphs: list[Paragraph]) -> tuple[str, dict[int, int]]:
    """The article text and the offset where each paragraph (by key) starts."""
    starts, pieces, offset = {}, [], 0
    for paragraph in paragraphs:
        starts[paragraph.key] = offset
        text = "".join(paragraph.tokens)
        pieces.append(text)
        offset += len(text) + 2
    return "\n\n".join(pieces) + "\n", starts


def span_of(paragraphs: list[Paragraph], starts: dict[int, int], plan: Planned) -> tuple[int, int] | None:
    for paragraph in paragraphs:
        if paragraph.key == plan.paragraph:
            base = starts[plan.paragraph]
            start = base + sum(len(t) for t in paragraph.tokens[: plan.first])
            return start, start + sum(len(t) for t in paragraph.tokens[plan.first : plan.last])
    return None


def edit(paragraphs: list[Paragraph], rng: random.Random) -> list[Paragraph]:
    """Debris removed, three words changed, a paragraph moved (half the articles), one deleted (a quarter)."""
    edited = [Paragraph(p.key, list(p.tokens)) for p in paragraphs if not p.debris]
    for _ in range(3):
        paragraph = rng.choice(edited)
        words = [i for i, t in enumerate(paragraph.tokens) if t.strip() and len(t) > 3]
        if words:
            i = rng.choice(words)
            word = paragraph.tokens[i]
            paragraph.tokens[i] = rng.choice([word[:-1] if word[-1].isalpha() else word[:-2] + word[-1], rng.choice(WORD_SWAPS)])
    if len(edited) > 2 and rng.random() < 0.5:
        moved = edited.pop(rng.randrange(len(edited)))
        edited.insert(rng.randrange(len(edited) + 1), moved)
    if len(edited) > 2 and rng.random() < 0.25:
        edited.pop(rng.randrange(len(edited)))
    return edited


def make_corpus(root: Path, texts: dict[str, str], rows: dict[str, dict[str, str]]) -> Corpus:
    articles = []
    for article_id, text in texts.items():
        row = rows[article_id]
        article = Article(id=article_id, text=text, path=f"{article_id}.txt", title=row.get("title"), source=row.get("source") or "unknown")
        articles.append(analyse(article, metadata_title=True))
    return Corpus(root=root, articles=articles)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--annotations", type=int, default=10_000)
    options.add_argument("--articles", type=int, default=None, help="use only the first N articles")
    options.add_argument("--seed", type=int, default=7)
    options.add_argument("--show-wrong", action="store_true", help="print the misplaced and needlessly orphaned annotations")
    args = options.parse_args()
    rng = random.Random(args.seed)
    rows = {row["id"]: row for row in load_articles(args.articles)}
    folder = Path(tempfile.mkdtemp(prefix="crossread-bench-annotations-"))
    root = folder / "corpus"

    original = {article_id: paragraphs_of(row["text"], rng) for article_id, row in rows.items()}
    rendered = {article_id: render(paragraphs) for article_id, paragraphs in original.items()}
    corpus = make_corpus(root, {a: r[0] for a, r in rendered.items()}, rows)
    plans: list[Planned] = []
    ids = list(original)
    while len(plans) < args.annotations:
        article_id = rng.choice(ids)
        candidates = [p for p in original[article_id] if not p.debris and len(p.tokens) >= 11]
        if not candidates:
            continue
        paragraph = rng.choice(candidates)
        words = len(paragraph.tokens)
        first = rng.randrange(0, words - 8, 2)
        last = min(words, first + 2 * rng.randint(4, 30) - 1)
        plans.append(Planned(article_id, paragraph.key, first, last))

    key = corpus_key(root)
    annotations = []
    for plan in plans:
        article = corpus.get(plan.article)
        assert article is not None
        start, end = span_of(original[plan.article], rendered[plan.article][1], plan)  # type: ignore[misc]
        annotations.append(
            Annotation(new_id(), key, article.id, article.path, article.content_hash, make_selector(article.text, start, end),
                       note=f"note {len(annotations)}", tags=("bench",), created="2026-11-25T00:00:00Z", updated="2026-11-25T00:00:00Z")
        )
    store = AnnotationStore(folder / "data" / "annotations.db")
    began = time.perf_counter()
    store.add_many(annotations)
    save_all = time.perf_counter() - began
    began = time.perf_counter()
    for annotation in annotations[:200]:
        store.add(Annotation(new_id(), "/elsewhere", annotation.article, annotation.path, annotation.content_hash, annotation.selector))
    save_one = (time.perf_counter() - began) / 200

    edited = {article_id: edit(paragraphs, rng) for article_id, paragraphs in original.items()}
    edited_rendered = {article_id: render(paragraphs) for article_id, paragraphs in edited.items()}
    edited_corpus = make_corpus(root, {a: r[0] for a, r in edited_rendered.items()}, rows)

    began = time.perf_counter()
    saved = store.list(key)
    read_time = time.perf_counter() - began
    began = time.perf_counter()
    placed = [place(annotation, edited_corpus) for annotation in saved]
    anchor_time = time.perf_counter() - began

    by_id = {a.id: plan for a, plan in zip(annotations, plans)}
    statuses: Counter[str] = Counter(p.status for p in placed)
    verdicts: Counter[str] = Counter()
    for item in placed:
        plan = by_id[item.id]
        truth = span_of(edited[plan.article], edited_rendered[plan.article][1], plan)
        if truth is None:
            verdict = "deleted, orphan (right)" if not item.anchor.found else "deleted, but placed (WRONG)"
        elif not item.anchor.found:
            verdict = "still there, but orphan"
        else:
            score = overlap((item.anchor.start, item.anchor.end), truth)
            verdict = "right passage" if score >= 0.9 else "near (overlap 0.5-0.9)" if score >= 0.5 else "wrong place (WRONG)"
        verdicts[verdict] += 1
        if args.show_wrong and verdict not in ("right passage", "deleted, orphan (right)"):
            text = edited_rendered[plan.article][0]
            print(f"--- {verdict} {item.id} {item.anchor}\n  saved: {item.annotation.quote!r}\n  found: {item.text!r}"
                  f"\n  truth: {text[truth[0]:truth[1]] if truth else None!r}")

    began = time.perf_counter()
    plain = build_export(placed, edited_corpus, exported=date(2026, 11, 25), align=None)
    export_plain = time.perf_counter() - began
    cache = folder / "align-cache"
    timings = []
    for _ in range(2):  # cold alignment cache, then warm
        began = time.perf_counter()
        full = build_export(placed, edited_corpus, exported=date(2026, 11, 25), align=lambda a: cached_align_corpus(a, cache))
        timings.append(time.perf_counter() - began)
    with_counterparts = sum(1 for e in full.entries if e.counterparts)

    total = len(placed)
    source = "BASIL (../shared/corpora)" if BASIL.exists() else "seeds x 60"
    print(f"corpus: {source}, {len(rows)} articles; {total} annotations; temp folder {folder}")
    print(f"save: {total} in one transaction {save_all:.2f} s; one annotation per transaction {save_one * 1000:.1f} ms")
    print(f"read back: {read_time:.2f} s; re-anchor over edited articles: {anchor_time:.2f} s ({anchor_time / total * 1e6:.0f} us each)")
    print("status: " + ", ".join(f"{s} {statuses[s]} ({statuses[s] / total:.1%})" for s in ("exact", "moved", "fuzzy", "orphan")))
    print("checked against the tracked edits: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    print(f"export, no counterparts: {export_plain:.2f} s, {len(plain.markdown) / 1e6:.1f} MB")
    print(f"export with 'Also reported by': cold alignment cache {timings[0]:.2f} s, warm {timings[1]:.2f} s; "
          f"{with_counterparts} annotations have counterparts; {len(full.markdown) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
