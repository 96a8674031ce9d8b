"""Group articles into stories (same event) by content, so only related articles are aligned.

Each article becomes a short TF-IDF vector of its most distinctive words; candidate neighbours
come from an inverted index over those words (common words never propose pairs), and articles
whose vectors are close enough are joined. Cost grows with the number of articles times a
bounded neighbourhood, not with all pairs.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.normalize import content_terms

if TYPE_CHECKING:
    from index.align import ArticleLike

TOP_TERMS = 40
"""Distinctive words kept per article."""
MAX_POSTING = 60
"""A word shared by more articles than this proposes no pairs (it names a topic, not an event)."""
MIN_SIMILARITY = 0.16
"""Cosine similarity above which two articles are taken to report the same event."""
MUTUAL_NEIGHBOURS = 2
"""Two articles join if each is among the other's closest few: stops topic chains."""
RELATIVE_SIMILARITY = 0.8
"""Two articles also join if their similarity is this close to the best either of them has."""
SURE_SIMILARITY = 0.45
"""Above this similarity two articles join whatever their neighbours, so big stories stay whole."""
MAX_NEIGHBOURS = 50
"""Candidates kept per article when looking for sure pairs."""
IDF_FLOOR = 0.5
"""Added to every IDF so that in a small corpus the words all its articles share still count."""
MAX_CHARS = 20_000
"""Only the first part of a very long article is read for grouping."""


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event; ``id`` is derived from the member ids, so it is stable."""

    id: str
    article_ids: list[str]


def _vectors(articles: Sequence[ArticleLike]) -> list[dict[str, float]]:
    counts = [Counter(content_terms(((getattr(a, "title", None) or "") + "\n" + a.text)[:MAX_CHARS])) for a in articles]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    vectors = []
    for c in counts:
        weights = {t: (1 + math.log(f)) * (math.log((n + 1) / df[t]) + IDF_FLOOR) for t, f in c.items() if df[t] > 1 or n < 3}
        top = sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    return vectors


def group_stories(articles: Sequence[ArticleLike]) -> list[Story]:
    """Group articles into stories by content alone.

    Args:
        articles: Objects with ``.id`` and ``.text`` (``.title`` is used if present).

    Returns:
        Stories with at least one article each, largest first; every article is in exactly one.
    """
    vectors = _vectors(articles)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for key in vector:
            postings[key].append(index)
    neighbours: list[dict[int, float]] = []
    for index, vector in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        for key, weight in vector.items():
            posting = postings[key]
            if len(posting) > MAX_POSTING:
                continue
            for other in posting:
                if other != index:
                    scores[other] += weight * vectors[other][key]
        best = sorted(((s, o) for o, s in scores.items() if s >= MIN_SIMILARITY), reverse=True)[:MAX_NEIGHBOURS]
        neighbours.append({o: s for s, o in best})
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    closest = [set(sorted(near, key=near.__getitem__, reverse=True)[:MUTUAL_NEIGHBOURS]) for near in neighbours]
    for index, near in enumerate(neighbours):
        for other, similarity in near.items():
            top = max(max(near.values()), max(neighbours[other].values(), default=0.0))
            if (
                similarity >= SURE_SIMILARITY
                or similarity >= RELATIVE_SIMILARITY * top
                or (index in closest[other] and other in closest[index])
            ):
                parent[find(other)] = find(index)
    members: dict[int, list[str]] = defaultdict(list)
    for index, article in enumerate(articles):
        members[find(index)].append(article.id)
    stories = [Story(_story_id(ids), ids) for ids in members.values()]
    stories.sort(key=lambda story: (-len(story.article_ids), story.id))
    return stories


def _story_id(article_ids: list[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"story-{digest[:10]}"


STORIES_VERSION = "stories-1"
"""Part of every cache key: bump when grouping changes."""


def cached_group_stories(articles: Sequence[ArticleLike], cache_dir: Path | None) -> list[Story]:
    """``group_stories`` with a file cache keyed by every article's id and content hash.

    Grouping 19k articles takes seconds; a corpus that did not change is grouped once. A cache
    file that cannot be read is ignored and rewritten; a cache that cannot be written costs
    speed, never results.
    """
    if cache_dir is None:
        return group_stories(articles)
    lines = sorted(f"{a.id}\t{_content_hash(a)}" for a in articles)
    key = hashlib.sha256("\n".join([STORIES_VERSION, *lines]).encode("utf-8", "surrogatepass")).hexdigest()
    path = cache_dir / f"stories-{key}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return [Story(str(item["id"]), [str(i) for i in item["article_ids"]]) for item in stored]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    stories = group_stories(articles)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=cache_dir, prefix=".stories-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump([{"id": s.id, "article_ids": s.article_ids} for s in stories], out)
        os.replace(temp, path)
    except OSError:
        pass
    return stories


def _content_hash(article: ArticleLike) -> str:
    digest = getattr(article, "content_hash", None)
    if digest:
        return str(digest)
    return hashlib.sha1(article.text.encode("utf-8", "surrogatepass")).hexdigest()


def corpus_stories(articles: Sequence[ArticleLike], cache_dir: Path | None = None) -> list[Story]:
    """The stories of a corpus: those its files name in metadata (``story``/``cluster``), then those found by content.

    A named story keeps the name as its id. Every article is in exactly one story; named stories
    come first (largest first), then content stories as ``group_stories`` orders them.
    """
    named: dict[str, list[str]] = {}
    loose: list[ArticleLike] = []
    for article in articles:
        story = getattr(article, "story", None)
        if story:
            named.setdefault(str(story), []).append(article.id)
        else:
            loose.append(article)
    stories = [Story(name, ids) for name, ids in sorted(named.items(), key=lambda item: (-len(item[1]), item[0]))]
    return stories + cached_group_stories(loose, cache_dir)
