"""A corpus folder with its index: what the CLI commands and the app open and work with.

Opening a library loads the articles, opens (or rebuilds) the index and brings it in step with
the files, reporting progress and one-line notices through callbacks so that the engine never
knows who is listening.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .config import Config
from .article import Article
from .corpus import Corpus, LoadProblem, SourceFile, check_corpus_root, load_corpus, load_file, scan_files
from .passage_filters import CorpusFacts, FactsMemo, passage_facts
from .search import SearchEngine, SearchResult, Sort
from .store import Store, SyncReport, passage_spans

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total): stage is "loading" or "indexing"."""
Notice = Callable[[str], None]


@dataclass
class Library:
    config: Config
    corpus: Corpus
    store: Store
    engine: SearchEngine
    last_sync: SyncReport = field(default_factory=SyncReport)
    _facts: FactsMemo = field(default_factory=FactsMemo, repr=False)

    @classmethod
    def open(
        cls,
        config: Config,
        *,
        progress: Progress | None = None,
        notice: Notice | None = None,
        rebuild: bool = False,
        sync: bool = True,
        procs: int = 1,
    ) -> Library:
        """Load the corpus named by ``config`` and open its index, up to date unless ``sync`` is False."""
        root = check_corpus_root(config.corpus)
        corpus = load_corpus(
            root,
            max_file_mb=config.max_file_mb,
            progress=(lambda done, total: progress("loading", done, total)) if progress else None,
        )
        store = Store(root, config.cache_root)
        store.open(notice=notice)
        library = cls(config=config, corpus=corpus, store=store, engine=SearchEngine(store))
        library.engine.facts = library.alignment_facts
        if rebuild:
            library.last_sync = store.rebuild(
                corpus.files, library._loaded_file, library._indexing_progress(progress), procs=procs
            )
        elif sync:
            library.sync(progress, procs=procs)
        return library

    def sync(self, progress: Progress | None = None, *, procs: int = 1) -> SyncReport:
        """Index what changed in the folder since the index was last brought up to date.

        ``procs`` > 1 lets a bulk build fork worker processes: only for callers with no threads
        of their own (the CLI), never from the app's worker threads.
        """
        self.last_sync = self.store.sync(
            self.corpus.files, self._loaded_file, self._indexing_progress(progress), procs=procs
        )
        return self.last_sync

    def _loaded_file(self, source_file: SourceFile) -> tuple[list[Article], str]:
        """A file's articles as loaded with the corpus (the store asks only for files it must index)."""
        return self.corpus.articles_by_file().get(source_file.relative, []), self.corpus.file_hashes[source_file.relative]

    def reload_corpus(self) -> Corpus:
        """Read the folder again (the index is brought up to date by ``sync``)."""
        self.corpus = load_corpus(self.corpus.root, max_file_mb=self.config.max_file_mb)
        return self.corpus

    def search(
        self,
        query: str,
        *,
        limit: int | None = None,
        sort: Sort | None = None,
        as_you_type: bool = False,
        facets: bool = False,
    ) -> SearchResult:
        """Search the index; see :meth:`SearchEngine.search`. Alignment fields use :meth:`alignment_facts`."""
        return self.engine.search(
            query,
            limit=limit or self.config.search.limit,
            sort=sort or self.config.search.sort,  # type: ignore[arg-type]
            as_you_type=as_you_type,
            facets=facets,
        )

    def alignment_facts(self, progress: Callable[[int, int], None] | None = None) -> CorpusFacts:
        """What the alignment says of every passage, for ``only:``, ``outlets:`` and ``flag:``.

        The first call aligns and fact-checks every story of two or more articles that the caches
        do not hold yet (seconds to a minute on a large new corpus: call it from a worker, with
        ``progress``); later calls, and later processes on an unchanged corpus, read one cache
        file. Concurrent callers wait for one computation.
        """
        from .stories import corpus_stories

        corpus = self.corpus

        def compute() -> CorpusFacts:
            stories = corpus_stories(corpus.articles, self.config.derived_cache("stories"))
            return passage_facts(
                corpus.articles,
                stories,
                self.config.derived_cache("align"),
                passage_spans,
                facts_cache=self.config.derived_cache("passages") / self.store.folder.name,
                progress=progress,
            )

        return self._facts.get(corpus, compute)

    def facts_ready(self) -> bool:
        """Whether :meth:`alignment_facts` would answer at once, from memory.

        A caller that must stay responsive (the app) asks this before a search with ``only:``,
        ``outlets:`` or ``flag:``: when it is False, the first such search may align stories for up
        to a minute, so it computes the facts in a worker of its own, with progress, and searches
        after. False does not mean slow: the facts may still come quickly from the cache file.
        """
        return self._facts.holds(self.corpus)

    def close(self) -> None:
        self.store.close()

    @staticmethod
    def _indexing_progress(progress: Progress | None) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress("indexing", done, total)


def cli_processes() -> int:
    """Processes a command-line bulk build may use: the CLI has no threads of its own, so it may fork."""
    return min(2, os.cpu_count() or 1)


@dataclass
class IndexUpdate:
    """What ``update_index`` did: the sync report, and the problems of the files it had to read."""

    store: Store
    report: SyncReport
    files: int
    problems: list[LoadProblem]
    skipped_other: int


def update_index(
    config: Config, *, rebuild: bool = False, progress: Progress | None = None, notice: Notice | None = None
) -> IndexUpdate:
    """Bring the index in step with the folder, reading only the files whose size or mtime changed."""
    root = check_corpus_root(config.corpus)
    files, skipped_other, problems = scan_files(root)
    max_bytes = config.max_file_mb * 1024 * 1024

    def load(source_file: SourceFile) -> tuple[list[Article], str]:
        articles, file_problems, digest = load_file(source_file, max_bytes=max_bytes)
        problems.extend(file_problems)
        return articles, digest

    store = Store(root, config.cache_root)
    store.open(notice=notice)
    indexing = Library._indexing_progress(progress)
    procs = cli_processes()
    if rebuild:
        report = store.rebuild(files, load, indexing, procs=procs)
    else:
        report = store.sync(files, load, indexing, procs=procs)
    unique_problems = list(dict.fromkeys(problems))
    return IndexUpdate(store, report, len(files), unique_problems, skipped_other)
