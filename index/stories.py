"""Group articles into stories (same event) by content, so only related articles are aligned.

Each article becomes a short TF-IDF vector of its most distinctive words; candidate neighbours
come from an inverted index over those words (common words never propose pairs), and articles
whose vectors are close enough are joined. Close is not enough on its own: a pair must also
share at least two anchors (distinct names, rare words or figures), because one outlet's briefs
on one topic (joint ventures, quarterly results, daily market reports) share topic words and
often one company name without reporting one event. Copies of one report are joined whatever
their anchors. Cost grows with the number of articles times a bounded neighbourhood, not with
all pairs.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
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
MIN_ANCHORS = 2
"""Distinct anchors (names, rare words, figures) two articles must share to be one event.

One company's name, or the words of one recurring template, is a topic, not an event."""
SURE_ANCHORS = 1
"""Anchors enough for a pair whose similarity reaches ``SURE_SIMILARITY``."""
RARE_POSTING = 10
"""A word in at most this many articles' top words anchors a pair even if it is no name."""
RARE_SHARE = 0.2
"""In a small corpus a word is rare only if at most this share of its articles have it."""
FIGURE_ANCHORS = 1
"""Most anchors the shared figures of a pair make together (templates repeat last week's figures)."""
COPY_SIMILARITY = 0.6
"""Cosine over all of two articles' top words above which they may be copies of one report."""
COPY_SHARE = 0.85
"""Share of the shorter copy's figures, and of its names, the other copy must have too."""
MAX_CHARS = 20_000
"""Only the first part of a very long article is read for grouping."""
RETELL_MAX_ARTICLES = 100
"""Up to this many articles, two articles joined by their words must also retell passages of each other.

In a small folder the corpus's own word statistics cannot tell one event from one topic: five
articles on five US political stories share "Obama", "Republicans" and "House" as much as five
outlets on one event do. The aligner can: articles on one event retell several passages of each
other, articles on one topic almost none. Its cost grows with the articles' length (15 ms for two 600-word
articles; only the first ``RETELL_CHARS`` are read), so it is asked only in corpora small enough
for that not to matter, and only of pairs not already joined through others; a big corpus has
statistics enough (300 BASIL articles group better without it). The 101st article switches it off
for the whole folder, which may then regroup: the price of keeping big corpora fast."""
RETELL_CHARS = 6_000
"""How much of each article the retelling check reads: the first thousand words or so, where articles on one event
tell its facts."""
MIN_RETOLD = 3
"""Passages of each article the aligner must link to the other for two articles to be one event (two
when the shorter has fewer than six); an article with fewer than three passages (a brief) is not asked."""


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event; ``id`` is derived from the member ids, so it is stable."""

    id: str
    article_ids: list[str]


_TOKEN = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*", re.UNICODE)
_NAME_JOINER = re.compile(r"[ \t<>()&-]*")
"""What may stand between two words of one name ("Piedmont Aviation Inc <PIE>", "Borg-Warner")."""
_NAME_CONNECTORS = frozenset({"of", "de", "du", "von", "van", "la", "le", "del", "der", "den"})
"""Lower-case words inside a name ("Bank of England", "Cor van der Klugt"); at most two in a row."""
_OPENERS = " \t\"'(<[\u201c\u2018"
_SENTENCE_ENDS = frozenset(".!?:;")


def _read_names(text: str, votes: dict[str, list[int]], keys_of: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Count how often each word is capitalised inside a sentence, and find the runs of names.

    A word that opens a sentence or stands in a line without lower-case letters (a headline in
    capitals) says nothing about whether it is a name, so it does not vote.

    Args:
        text: The article's text, without its title.
        votes: Per key, [capitalised, lower-case] counts, updated in place.
        keys_of: Cache of ``content_terms`` per lower-cased word.

    Returns:
        For each key in a run of capitalised words, the keys of the runs it stands in, so that
        the words of one name count once.
    """
    runs_of: dict[str, frozenset[str]] = {}
    for line in text.split("\n"):
        if not any(ch.islower() for ch in line):
            continue
        run: list[str] = []
        connectors = 0
        previous_end = 0
        for match in _TOKEN.finditer(line):
            word = match.group()
            lower = word.lower()
            keys = keys_of.get(lower)
            if keys is None:
                keys = keys_of[lower] = content_terms(word)
            gap = line[previous_end: match.start()]
            opens_sentence = previous_end == 0 or gap.strip(_OPENERS)[-1:] in _SENTENCE_ENDS
            joined = _NAME_JOINER.fullmatch(gap) is not None
            previous_end = match.end()
            capital = word[:1].isupper()
            if capital:
                if not (run and joined):
                    _close_run(run, runs_of)
                    run = []
                run.extend(keys)
                connectors = 0
            elif run and joined and lower in _NAME_CONNECTORS and connectors < 2:
                connectors += 1
                continue
            else:
                _close_run(run, runs_of)
                run = []
                connectors = 0
            if opens_sentence or not keys or keys[0][:1].isdigit():
                continue
            vote = votes.setdefault(keys[0], [0, 0])
            vote[0 if capital else 1] += 1
        _close_run(run, runs_of)
    return runs_of


def _close_run(run: list[str], runs_of: dict[str, frozenset[str]]) -> None:
    if len(run) < 2:
        return
    keys = frozenset(run)
    for key in keys:
        runs_of[key] = runs_of.get(key, frozenset()) | keys


@dataclass(frozen=True, slots=True)
class _Terms:
    """What grouping knows of a corpus's words."""

    vectors: list[dict[str, float]]
    """Each article's top TF-IDF terms, unit length."""
    names: frozenset[str]
    """Keys written capitalised inside sentences more often than not."""
    name_runs: list[dict[str, frozenset[str]]]
    """Per article, for a key of its top words, the keys it stands with in runs of capitalised words."""
    body_keys: list[frozenset[str]]
    """Each article's keys outside its title."""


def _vectors(articles: Sequence[ArticleLike]) -> _Terms:
    """Each article's top TF-IDF terms and what its words are (names, runs of names)."""
    counts = []
    votes: dict[str, list[int]] = {}
    keys_of: dict[str, list[str]] = {}
    name_runs: list[dict[str, frozenset[str]]] = []
    body_keys: list[frozenset[str]] = []
    for a in articles:
        title = getattr(a, "title", None) or ""
        body = a.text[:MAX_CHARS]
        count = Counter(content_terms(body))
        body_keys.append(frozenset(count))
        count.update(content_terms(title))
        counts.append(count)
        name_runs.append(_read_names(body, votes, keys_of))
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
    names = frozenset(key for key, (upper, lower) in votes.items() if upper > lower)
    for vector, runs_of in zip(vectors, name_runs):
        for key in [key for key in runs_of if key not in vector]:
            del runs_of[key]
    return _Terms(vectors, names, name_runs, body_keys)


def group_stories(articles: Sequence[ArticleLike]) -> list[Story]:
    """Group articles into stories by content alone.

    Args:
        articles: Objects with ``.id`` and ``.text`` (``.title`` is used if present).

    Returns:
        Stories with at least one article each, largest first; every article is in exactly one.
    """
    neighbours = _neighbours(_vectors(articles))
    parent = list(range(len(articles)))
    check_retelling = len(articles) <= RETELL_MAX_ARTICLES

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for index, other, _similarity in _links(neighbours):
        if find(other) == find(index):
            continue  # already one story through others: nothing to check
        if check_retelling and not _retell(articles[index], articles[other]):
            continue
        parent[find(other)] = find(index)
    members: dict[int, list[str]] = defaultdict(list)
    for index, article in enumerate(articles):
        members[find(index)].append(article.id)
    stories = [Story(_story_id(ids), ids) for ids in members.values()]
    stories.sort(key=lambda story: (-len(story.article_ids), story.id))
    return stories


def _retell(a: ArticleLike, b: ArticleLike) -> bool:
    """Whether two articles retell at least ``MIN_RETOLD`` passages of each other (the aligner's links)."""
    from index.align import align_texts, article_units

    text_a, text_b = a.text[:RETELL_CHARS], b.text[:RETELL_CHARS]
    shorter = min(len(article_units(text_a)), len(article_units(text_b)))
    if shorter < MIN_RETOLD:
        return True  # a brief cannot retell three passages; its words have to do
    needed = min(MIN_RETOLD, max(2, shorter // 2))  # two of three short paragraphs are enough
    links = align_texts(text_a, text_b)
    return min(len({link.a_span for link in links}), len({link.b_span for link in links})) >= needed


def _neighbours(terms: _Terms) -> list[dict[int, float]]:
    """Each article's candidate same-event articles and their similarity, closest first."""
    vectors = terms.vectors
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for key in vector:
            postings[key].append(index)
    rare = min(RARE_POSTING, RARE_SHARE * len(vectors))
    anchors = {key for key, posting in postings.items() if key in terms.names or len(posting) <= rare}
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
        best = sorted(
            (
                (s, o) for o, s in scores.items()
                if s >= MIN_SIMILARITY and _anchored(s, index, o, terms, anchors, postings)
            ),
            reverse=True,
        )[:MAX_NEIGHBOURS]
        neighbours.append({o: s for s, o in best})
    return neighbours


def _anchored(similarity: float, a: int, b: int, terms: _Terms, anchors: set[str], postings: dict[str, list[int]]) -> bool:
    """Whether two similar articles share enough that is their own to be one event, not one topic or one company."""
    count = _anchor_count(a, b, terms, anchors, postings)
    return count >= MIN_ANCHORS or (count >= SURE_ANCHORS and similarity >= SURE_SIMILARITY) or _is_copy(a, b, terms)


def _is_copy(a: int, b: int, terms: _Terms) -> bool:
    """Whether two articles are copies or versions of one report: nearly the same words, names and figures.

    A report in a fixed template (a daily market report, a dividend notice, a brief on a joint
    venture) keeps its words from one day or one company to the next but not its figures or
    names, so only a report whose names and figures also agree is a copy.
    """
    vector_a, vector_b = terms.vectors[a], terms.vectors[b]
    if sum(w * vector_b[k] for k, w in vector_a.items() if k in vector_b) < COPY_SIMILARITY:
        return False
    body_a, body_b = terms.body_keys[a], terms.body_keys[b]
    figures_a = {k for k in body_a if k[:1].isdigit()}
    figures_b = {k for k in body_b if k[:1].isdigit()}
    names_a = {k for k in vector_a if k in terms.names and k in body_a}
    names_b = {k for k in vector_b if k in terms.names and k in body_b}
    return _agree(figures_a, figures_b) and _agree(names_a, names_b)


def _agree(these: set[str], those: set[str]) -> bool:
    """Both empty, or most of the smaller set in the other."""
    if not these or not those:
        return not these and not those
    return len(these & those) >= COPY_SHARE * min(len(these), len(those))


def _anchor_count(a: int, b: int, terms: _Terms, anchors: set[str], postings: dict[str, list[int]]) -> int:
    """How many distinct names, rare words and figures two articles share in their text, not only in titles.

    The words of one name ("Piedmont Aviation Inc") count once, and shared figures count at most
    ``FIGURE_ANCHORS``: two briefs about one company, or two daily reports in one template, share
    one anchor only. A ticker or name found only in titles is no anchor.
    """
    body_a, body_b = terms.body_keys[a], terms.body_keys[b]
    vector_b = terms.vectors[b]
    shared = [
        key for key in terms.vectors[a]
        if key in vector_b and key in anchors and len(postings[key]) <= MAX_POSTING and key in body_a and key in body_b
    ]
    figures = [key for key in shared if key[:1].isdigit()]
    words = [key for key in shared if not key[:1].isdigit()]
    count = min(len(figures), FIGURE_ANCHORS)
    seen: set[str] = set()
    for key in words:
        if key in seen:
            continue
        count += 1
        stack = [key]
        seen.add(key)
        while stack:
            current = stack.pop()
            together = terms.name_runs[a].get(current, frozenset()) | terms.name_runs[b].get(current, frozenset())
            for other in words:
                if other not in seen and other in together:
                    seen.add(other)
                    stack.append(other)
    return count


def _links(neighbours: list[dict[int, float]]) -> list[tuple[int, int, float]]:
    """The pairs of articles taken to report the same event, each once, with their similarity."""
    closest = [set(sorted(near, key=near.__getitem__, reverse=True)[:MUTUAL_NEIGHBOURS]) for near in neighbours]
    links = []
    for index, near in enumerate(neighbours):
        for other, similarity in near.items():
            if other < index and index in neighbours[other]:
                continue
            top = max(max(near.values()), max(neighbours[other].values(), default=0.0))
            if (
                similarity >= SURE_SIMILARITY
                or similarity >= RELATIVE_SIMILARITY * top
                or (index in closest[other] and other in closest[index])
            ):
                links.append((index, other, similarity))
    return links


def _story_id(article_ids: list[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"story-{digest[:10]}"


STORIES_VERSION = "stories-5"
"""Part of every cache key: bump when grouping changes."""


def cached_group_stories(articles: Sequence[ArticleLike], cache_dir: Path | None) -> list[Story]:
    """``group_stories`` with a file cache keyed by every article's id and content hash.

    Grouping 19k articles takes seconds; a corpus that did not change is grouped once. A cache
    file that cannot be read is ignored and rewritten; a cache that cannot be written costs
    speed, never results.
    """
    if cache_dir is None:
        return group_stories(articles)
    from index.align import ALGORITHM_VERSION  # small folders are grouped with the aligner's help

    lines = sorted(f"{a.id}\t{_content_hash(a)}" for a in articles)
    key = hashlib.sha256("\n".join([STORIES_VERSION, ALGORITHM_VERSION, *lines]).encode("utf-8", "surrogatepass")).hexdigest()
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
