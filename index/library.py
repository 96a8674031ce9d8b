"""A corpus folder with its index: what the CLI commands and the app open and work with.

Opening a library loads the articles, opens (or rebuilds) the index and brings it in step with
the files, reporting progress and one-line notices through callbacks so that the engine never
knows who is listening.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .corpus import Corpus, check_corpus_root, load_corpus
from .search import SearchEngine, SearchResult, Sort
from .store import Store, SyncReport

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

    @classmethod
    def open(
        cls,
        config: Config,
        *,
        progress: Progress | None = None,
        notice: Notice | None = None,
        rebuild: bool = False,
        sync: bool = True,
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
        if rebuild:
            library.last_sync = store.rebuild(corpus, progress=library._indexing_progress(progress))
        elif sync:
            library.sync(progress)
        return library

    def sync(self, progress: Progress | None = None) -> SyncReport:
        self.last_sync = self.store.sync(self.corpus, progress=self._indexing_progress(progress))
        return self.last_sync

    def reload(self, progress: Progress | None = None) -> SyncReport:
        """Read the folder again and index what changed since the last load."""
        self.corpus = load_corpus(self.corpus.root, max_file_mb=self.config.max_file_mb)
        return self.sync(progress)

    def search(self, query: str, *, limit: int | None = None, sort: Sort | None = None, as_you_type: bool = False) -> SearchResult:
        return self.engine.search(
            query,
            limit=limit or self.config.search.limit,
            sort=sort or self.config.search.sort,  # type: ignore[arg-type]
            as_you_type=as_you_type,
        )

    def close(self) -> None:
        self.store.close()

    @staticmethod
    def _indexing_progress(progress: Progress | None) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress("indexing", done, total)


def default_index_folder(config: Config) -> Path:
    return Store(config.corpus, config.cache_root).folder
