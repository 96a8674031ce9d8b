"""What the alignment says of each indexed passage, for the search fields ``only:``, ``outlets:`` and ``flag:``.

**Why at query time, not in the index.** A passage's alignment facts belong to its *story*:
they change when any other article of the story is added, edited or removed, when story
grouping changes, and whenever the aligner or the fact check changes (their versions). Indexed
as fields, they would force the incremental sync to re-index whole stories on every such change
and tie the index to two algorithm versions; and every index build would pay for aligning the
corpus (2,181 multi-article stories at 10k Reuters articles: 11 s to align plus 22 s to fact
check, cold, on the 2 shared cores), even for users who never use these fields. Evaluated at query
time, the index stays a pure text index and the facts come from the alignment and fact-check
caches that the compare view and ``crossread collate``/``discrepancies`` already fill
(``cached_align_corpus``, ``cached_check_story``, keyed by content hashes), so only stories that
changed are aligned again. The facts of the whole corpus are kept in one more cache file keyed
by every aligned article's id and content hash, which one JSON read brings back (see
:func:`passage_facts`); ``search.py`` turns them into a set of document numbers per filter,
computed once per index snapshot, and hands it to Whoosh as ``filter=``.

**Semantics.** Index documents are paragraphs (very long ones in chunks). Only stories of two or
more articles are aligned; the passages of a one-article story have no alignment facts and match
none of these fields (not ``only:yes``, not ``only:no``, no ``outlets:`` value at all). A passage's
*sentences* are the alignment units that start in it (lines too short to align, such as a lone
dateline, are not units; a passage with none matches none of these fields). Then:

- ``only``: some sentence of the passage is listed by ``Alignment.only_in`` for its article (no
  other outlet of the story reports it); ``only:no`` is the opposite.
- ``outlets``: the largest number of distinct articles in the claim group of any one of its
  sentences (a sentence in no group counts the articles it is linked to directly, plus its own;
  one with no link counts 1). The largest, not the union over sentences: a union would claim
  that three outlets report a paragraph in which no single claim has three.
- ``flag``: some sentence of the passage is a side of a fact-check flag whose status is
  ``conflict``, of kind ``number`` or ``attribution`` (``any``: either).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.align import ALGORITHM_VERSION
from index.factcheck import FACTCHECK_VERSION

if TYPE_CHECKING:
    from index.article import Article
    from index.collate import Alignment
    from index.factcheck import FactCheck
    from index.stories import Story

Span = tuple[int, int]
Progress = Callable[[int, int], None]
"""Called with (stories aligned, stories to align)."""

FACTS_VERSION = "passage-facts-2"
"""Part of the corpus facts cache key; bump when the semantics above change."""
FLAG_BITS = {"number": 1, "attribution": 2}


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    span: Span
    only: bool
    outlets: int
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class PassageFacts:
    """What the alignment says of one indexed passage."""

    only: bool
    outlets: int
    flags: frozenset[str]
    sentences: tuple[SentenceFacts, ...] = ()
    """The facts of its sentences, so a hit found by these fields alone can show the sentence that matched."""


@dataclass
class CorpusFacts:
    """Alignment facts per passage of every article in a story of two or more articles.

    ``passages[article_id][start]`` holds the facts of the passage (index document) that starts at
    ``start``; articles of one-article stories, and passages without aligned sentences, are absent.
    """

    passages: dict[str, dict[int, PassageFacts]]
    stories: int = 0
    """How many stories were aligned."""

    def get(self, article_id: str, start: int) -> PassageFacts | None:
        by_start = self.passages.get(article_id)
        return by_start.get(start) if by_start is not None else None


def sentence_facts(alignment: Alignment, check: FactCheck | None) -> dict[str, list[SentenceFacts]]:
    """The facts of every aligned sentence of a story, per article, in text order."""
    only_in = {article_id: set(spans) for article_id, spans in alignment.only_in.items()}
    units: dict[str, set[Span]] = defaultdict(set)
    for article_id, spans in alignment.only_in.items():
        units[article_id].update(spans)
    partners: dict[tuple[str, Span], set[str]] = defaultdict(set)
    for link in alignment.links:
        units[link.a_id].add(link.a_span)
        units[link.b_id].add(link.b_span)
        partners[(link.a_id, link.a_span)].update((link.a_id, link.b_id))
        partners[(link.b_id, link.b_span)].update((link.a_id, link.b_id))
    group_size: dict[tuple[str, Span], int] = {}
    for group in alignment.groups:
        for article_id, spans in group.members.items():
            units[article_id].update(spans)
            for span in spans:
                key = (article_id, span)
                group_size[key] = max(group_size.get(key, 0), len(group.members))
    flag_kinds: dict[tuple[str, Span], set[str]] = defaultdict(set)
    if check is not None:
        for flag in check.conflicts:
            for side in flag.sides:
                flag_kinds[(side.article_id, side.span)].add(flag.kind)
                units[side.article_id].add(side.span)
    out: dict[str, list[SentenceFacts]] = {}
    for article_id, spans in units.items():
        facts = []
        for span in sorted(spans):
            key = (article_id, span)
            outlets = group_size.get(key) or max(len(partners.get(key, ())), 1)
            facts.append(SentenceFacts(span, span in only_in.get(article_id, ()), outlets, frozenset(flag_kinds.get(key, ()))))
        out[article_id] = facts
    return out


def passage_facts_of(passages: Sequence[Span], sentences: Sequence[SentenceFacts]) -> dict[int, PassageFacts]:
    """Facts per passage start: each sentence belongs to the passage its first character is in."""
    out: dict[int, PassageFacts] = {}
    ordered = sorted(passages)
    cursor = 0
    for start, end in ordered:
        inside = []
        while cursor < len(sentences) and sentences[cursor].span[0] < start:
            cursor += 1
        probe = cursor
        while probe < len(sentences) and sentences[probe].span[0] < end:
            inside.append(sentences[probe])
            probe += 1
        if inside:
            out[start] = PassageFacts(
                only=any(s.only for s in inside),
                outlets=max(s.outlets for s in inside),
                flags=frozenset().union(*(s.flags for s in inside)),
                sentences=tuple(inside),
            )
    return out


def passage_facts(
    articles: Sequence[Article],
    stories: Sequence[Story],
    align_cache: Path | None,
    passages: Callable[[Article], Sequence[Span]],
    *,
    facts_cache: Path | None = None,
    progress: Progress | None = None,
) -> CorpusFacts:
    """The alignment facts of every passage of every story with two or more articles.

    Args:
        articles: The corpus's articles.
        stories: Its stories (``corpus_stories``).
        align_cache: The alignment cache folder (``Config.derived_cache("align")``), shared with
            the compare view and the fact check; ``None`` computes everything afresh.
        passages: The (start, end) of the index documents of an article.
        facts_cache: A folder of this corpus's own where to keep its facts in one file (older
            states there are removed); ``None`` for no file.
        progress: Called after each story that had to be looked at (only on a cold facts cache).

    Returns:
        The corpus's facts. A cache that cannot be read is recomputed; one that cannot be
        written costs speed, never results.
    """
    from index.align_cache import cached_align_corpus
    from index.factcheck import cached_check_story

    by_id = {article.id: article for article in articles}
    aligned = [[by_id[i] for i in story.article_ids if i in by_id] for story in stories]
    aligned = [members for members in aligned if len(members) > 1]
    path = None
    if facts_cache is not None:
        # Story membership, content, date (the fact check reads days against it) and passage boundaries of every aligned article.
        lines = sorted(
            f"{n}\t{article.id}\t{article.content_hash}\t{article.date}\t{[start for start, _ in passages(article)]}"
            for n, members in enumerate(sorted(aligned, key=lambda m: m[0].id))
            for article in members
        )
        key = hashlib.sha256("\n".join([FACTS_VERSION, ALGORITHM_VERSION, FACTCHECK_VERSION, *lines]).encode("utf-8", "surrogatepass"))
        path = facts_cache / f"facts-{key.hexdigest()}.json"
        cached = _read(path)
        if cached is not None:
            return cached
    result = CorpusFacts({}, stories=len(aligned))
    for done, members in enumerate(aligned, start=1):
        alignment = cached_align_corpus(members, align_cache)
        check = cached_check_story(members, align_cache)
        sentences = sentence_facts(alignment, check)
        for article in members:
            facts = passage_facts_of(passages(article), sentences.get(article.id, []))
            if facts:
                result.passages[article.id] = facts
        if progress is not None:
            progress(done, len(aligned))
    if path is not None:
        _write(path, result)
    return result


def _read(path: Path) -> CorpusFacts | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        flags = {bits: frozenset(k for k, b in FLAG_BITS.items() if bits & b) for bits in range(4)}
        if not isinstance(stored, dict) or stored.get("version") != FACTS_VERSION:
            return None

        def sentence(row: list[int]) -> SentenceFacts:
            start, end, only, outlets, bits = row
            return SentenceFacts((int(start), int(end)), bool(only), int(outlets), flags[int(bits)])

        passages = {
            article_id: {
                int(start): PassageFacts(bool(only), int(outlets), flags[int(bits)], tuple(sentence(r) for r in inside))
                for start, only, outlets, bits, inside in rows
            }
            for article_id, rows in stored["passages"].items()
        }
        return CorpusFacts(passages, stories=int(stored["stories"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write(path: Path, facts: CorpusFacts) -> None:
    def bits(flags: frozenset[str]) -> int:
        return sum(FLAG_BITS[k] for k in flags)

    rows = {
        article_id: [
            [start, int(f.only), f.outlets, bits(f.flags), [[*s.span, int(s.only), s.outlets, bits(s.flags)] for s in f.sentences]]
            for start, f in by_start.items()
        ]
        for article_id, by_start in facts.passages.items()
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("facts-*.json"):  # the folder is the corpus's own: keep its latest state only
            if old != path:
                old.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".facts-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": FACTS_VERSION, "stories": facts.stories, "passages": rows}, out)
        os.replace(temp, path)
    except OSError:
        pass


class FactsMemo:
    """One computation at a time: concurrent searches (the app's workers) wait for it instead of repeating it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: object = None
        self._facts: CorpusFacts | None = None

    def holds(self, key: object) -> bool:
        """Whether the facts of ``key`` are in memory, so :meth:`get` returns at once (never blocks on the lock)."""
        return self._facts is not None and self._key is key

    def get(self, key: object, compute: Callable[[], CorpusFacts]) -> CorpusFacts:
        with self._lock:
            if self._facts is None or self._key is not key:
                self._facts = compute()
                self._key = key
            return self._facts
