"""Cache story alignments by the content hashes of their articles: an unchanged story is never re-aligned."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from index.align import ALGORITHM_VERSION, ArticleLike, Cancelled, Progress, align_corpus, content_hash
from index.collate import Alignment


def cache_key(articles: Sequence[ArticleLike]) -> str:
    """The key of a story: its sorted content hashes plus the algorithm version."""
    hashes = sorted(content_hash(article) for article in articles)
    return hashlib.sha256("\n".join([ALGORITHM_VERSION, *hashes]).encode()).hexdigest()


def cached_align_corpus(
    articles: Sequence[ArticleLike],
    cache_dir: Path | None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Alignment:
    """``align_corpus`` with a file cache in ``cache_dir`` (no cache if ``None``).

    A cache file that cannot be read is ignored and rewritten. Article ids are stored with the
    hashes, so a renamed but unchanged article still hits the cache. ``progress`` and
    ``cancelled`` are passed to :func:`index.align.align_corpus` (a cache hit reports nothing).
    """
    if cache_dir is None:
        return align_corpus(articles, progress=progress, cancelled=cancelled)
    path = cache_dir / f"{cache_key(articles)}.json"
    cached = _read(path, _ids_by_hash(articles))
    if cached is not None:
        return cached
    alignment = align_corpus(articles, progress=progress, cancelled=cancelled)
    stored = {
        "version": ALGORITHM_VERSION,
        "hashes": {article_id: content_hash(article) for article, article_id in ((a, a.id) for a in articles)},
        "alignment": alignment.to_dict(),
    }
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=cache_dir, prefix=".align-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(stored, out)
        os.replace(temp, path)
    except OSError:
        pass  # a read-only or full cache folder costs speed, never results
    return alignment


def read_cached_alignment(
    articles: Sequence[ArticleLike], cache_dir: Path, *, max_bytes: int | None = None
) -> Alignment | None:
    """The cached alignment of these articles, or None (not cached, unreadable, or above ``max_bytes``).

    For callers that want a cache hit at once and the computation elsewhere: the compare view
    shows a cached story in its first frame instead of a round trip through a worker.
    """
    path = cache_dir / f"{cache_key(articles)}.json"
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            return None
    except OSError:
        return None
    return _read(path, _ids_by_hash(articles))


def _ids_by_hash(articles: Sequence[ArticleLike]) -> dict[str, list[str]]:
    ids_by_hash: dict[str, list[str]] = {}
    for article in articles:
        ids_by_hash.setdefault(content_hash(article), []).append(article.id)
    return ids_by_hash


def _read(path: Path, ids_by_hash: dict[str, list[str]]) -> Alignment | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("version") != ALGORITHM_VERSION:
            return None
        rename: dict[str, str] = {}
        taken: dict[str, int] = {}
        for old_id, digest in stored["hashes"].items():
            candidates = ids_by_hash.get(digest)
            if not candidates:
                return None
            n = taken.get(digest, 0)
            rename[old_id] = candidates[min(n, len(candidates) - 1)]
            taken[digest] = n + 1
        data = _renamed(stored["alignment"], rename)
        return Alignment.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _renamed(data: dict, rename: dict[str, str]) -> dict:
    if all(old == new for old, new in rename.items()):
        return data
    text = json.dumps(data)
    data = json.loads(text)
    data["article_ids"] = [rename.get(i, i) for i in data["article_ids"]]
    for link in data["links"]:
        link["a_id"], link["b_id"] = rename.get(link["a_id"], link["a_id"]), rename.get(link["b_id"], link["b_id"])
    for group in data["groups"]:
        group["members"] = {rename.get(k, k): v for k, v in group["members"].items()}
    data["only_in"] = {rename.get(k, k): v for k, v in data["only_in"].items()}
    data["coverage"] = {g: {rename.get(k, k): v for k, v in row.items()} for g, row in data["coverage"].items()}
    for variant in data["quote_variants"]:
        variant["reference_article"] = rename.get(variant["reference_article"], variant["reference_article"])
        for version in variant["versions"]:
            version["article_id"] = rename.get(version["article_id"], version["article_id"])
    return data
