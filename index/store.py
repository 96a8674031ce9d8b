"""The on-disk search index: one Whoosh index per corpus folder, kept in step with the files.

This module and ``search.py`` are the only ones that import Whoosh, so a change of engine
touches them alone. The index sits outside the corpus (read-only corpora work) and is
disposable: whatever is wrong with it (missing, truncated, corrupt, an older schema) is
reported in one line and it is rebuilt from the files.

Updates are incremental and per file: a manifest beside the index records each file's content
hash and the articles it gave; only added, changed and removed files are touched. Whoosh allows
one writer per index (an ``fcntl`` lock, released by the kernel if a writer is killed); a second
process waits for it rather than failing.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer, StandardAnalyzer
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.writing import LockError

from .article import Article
from .corpus import SourceFile
from .errors import IndexBusy, StoreError

#: Bump when the schema or what goes into a document changes; older indexes are rebuilt.
SCHEMA_VERSION = 5
MANIFEST = "crossread-manifest.json"
#: Paragraphs longer than this are indexed in several chunks (each with its own offsets).
CHUNK_CHARS = 8000
WRITER_TIMEOUT_S = 30.0
#: A sync that indexes at least this many files may use several processes (see ``Store.sync``).
BULK_FILES = 500

Progress = Callable[[int, int], None]
Notice = Callable[[str], None]
FileLoader = Callable[[SourceFile], tuple[list[Article], str]]
"""Gives a file's articles and the hash of its content."""


def build_schema() -> Schema:
    text_analyzer = StemmingAnalyzer(stoplist=None)
    # No per-document key and no file field: each unique term costs a posting list (a quarter of
    # the build time at 10k articles); a file's documents are deleted by its article ids instead.
    return Schema(
        # Columns (per-document values read by document number, not searched): the article and the
        # passage start find a passage's alignment facts for only:/outlets:/flag:, the outlet
        # counts the source facets. RefBytes keeps one copy of each distinct outlet name.
        article=ID(stored=True, sortable=True),
        outlet=COLUMN(RefBytesColumn()),
        passage_start=COLUMN(NumericColumn("I")),
        source=TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        title=TEXT(analyzer=text_analyzer, stored=True),
        # ISO dates as plain terms: one term per document where a DATETIME field adds nine
        # (a numeric trie); search.py turns partial dates and ranges into prefix and term ranges.
        date=ID(stored=True, sortable=True),
        paragraph=STORED,
        start=STORED,
        end=STORED,
        text=TEXT(analyzer=text_analyzer, stored=True, phrase=True),
    )


def index_path_for(corpus_root: Path, cache_root: Path) -> Path:
    """One index folder per corpus folder: a readable name plus a hash of the absolute path."""
    resolved = str(corpus_root.resolve())
    digest = hashlib.sha1(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    readable = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in corpus_root.resolve().name)[:40]
    return cache_root / f"{readable or 'corpus'}-{digest}"


@dataclass
class SyncReport:
    """What an index update did, for the CLI and the app to tell the user."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    rebuilt_because: str | None = None

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed


@dataclass
class SyncPlan:
    manifest: Manifest
    added: dict[str, tuple[list[Article], dict[str, Any]]] = field(default_factory=dict)
    changed: dict[str, tuple[list[Article], dict[str, Any]]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    restat: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Files whose size or mtime changed but whose content did not: only the manifest is updated."""
    unchanged: int = 0


@dataclass
class Manifest:
    corpus: str
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            raise ValueError("manifest is not a crossread manifest")
        return cls(corpus=str(data.get("corpus")), files=data["files"], schema=int(data.get("schema", 0)))

    def write(self, folder: Path) -> None:
        payload = json.dumps({"schema": self.schema, "corpus": self.corpus, "files": self.files}, sort_keys=True)
        fd, temp = tempfile.mkstemp(prefix=".manifest-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, folder / MANIFEST)


class Store:
    """An open index for one corpus: sync it with the files, hand out searchers."""

    def __init__(self, corpus_root: Path, cache_root: Path) -> None:
        self.corpus_root = corpus_root.resolve()
        self.folder = index_path_for(self.corpus_root, cache_root)
        self._index: FileIndex | None = None
        self._searcher: Searcher | None = None
        self.writer_timeout = WRITER_TIMEOUT_S
        """Seconds to wait for another process's writer before giving up with IndexBusy."""

    # -- opening -------------------------------------------------------------------------
    def open(self, notice: Notice | None = None) -> str | None:
        """Open the index, rebuilding an empty one if it is missing or unusable; return why it was rebuilt."""
        problem = self._diagnose()
        if problem is not None:
            if notice and problem == "is missing":
                notice(f"building the search index for {self.corpus_root} in {self.folder}")
            elif notice:
                notice(f"index at {self.folder} {problem}; rebuilding it from the corpus")
            self._create_empty()
        else:
            self._index = whoosh_index.open_dir(str(self.folder))
        return problem

    def _diagnose(self) -> str | None:
        """Why the index on disk cannot be used as it is, or None if it can."""
        if not self.folder.exists() or not any(self.folder.iterdir()):
            return "is missing"
        if not whoosh_index.exists_in(str(self.folder)):
            return "has no table of contents (damaged, or an interrupted build)"
        try:
            manifest = Manifest.read(self.folder)
        except FileNotFoundError:
            return "has no manifest (an interrupted build?)"
        except (OSError, ValueError) as error:
            return f"has an unreadable manifest ({error})"
        if manifest.schema != SCHEMA_VERSION:
            return f"is from an older version of crossread (schema {manifest.schema}, now {SCHEMA_VERSION})"
        # Whoosh leaves files open when it fails on a damaged index: close them here, quietly.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            problem = self._try_reading()
            if problem is not None:
                gc.collect()  # only a failed read leaks; a full collection is not free on start-up
        return problem

    def _try_reading(self) -> str | None:
        try:
            ix = whoosh_index.open_dir(str(self.folder))
            if set(ix.schema.names()) != set(build_schema().names()):
                return "has a different schema"
            with ix.searcher() as searcher:
                total = searcher.doc_count_all()
                if total:
                    searcher.stored_fields(total - 1)
                    next(iter(searcher.lexicon("text")), None)
        except whoosh_index.IndexVersionError:
            return "was written by another version of Whoosh"
        except Exception as error:  # noqa: BLE001 - any failure to read means rebuild, and we say which
            return f"is unreadable ({type(error).__name__}: {str(error)[:80]})"
        return None

    def _create_empty(self) -> None:
        self.close()
        if self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._index = whoosh_index.create_in(str(self.folder), build_schema())
            Manifest(corpus=str(self.corpus_root)).write(self.folder)
        except OSError as error:
            raise StoreError(
                f"cannot create the index at {self.folder}: {error.strerror}; "
                "set index_dir in the config to a writable folder"
            ) from None

    @property
    def index(self) -> FileIndex:
        if self._index is None:
            self.open()
        assert self._index is not None
        return self._index

    def rebuild(
        self, files: list[SourceFile], load: FileLoader, progress: Progress | None = None, *, procs: int = 1
    ) -> SyncReport:
        """Throw the index away and index every article again."""
        self._create_empty()
        report = self.sync(files, load, progress=progress, procs=procs)
        report.rebuilt_because = "asked for"
        return report

    # -- keeping in step -----------------------------------------------------------------
    def plan(self, files: list[SourceFile], load: FileLoader) -> SyncPlan:
        """What to add, change and remove. Files whose size and mtime match the manifest are not read."""
        manifest = self._manifest()
        plan = SyncPlan(manifest=manifest)
        present = set()
        for source_file in files:
            name = source_file.relative
            present.add(name)
            known = manifest.files.get(name)
            if known and known.get("size") == source_file.size and known.get("mtime_ns") == source_file.mtime_ns:
                plan.unchanged += 1
                continue
            articles, digest = load(source_file)
            entry = {"hash": digest, "size": source_file.size, "mtime_ns": source_file.mtime_ns, "articles": [a.id for a in articles]}
            if known and known.get("hash") == digest:
                plan.restat[name] = entry  # touched, not changed
                plan.unchanged += 1
            elif known:
                plan.changed[name] = (articles, entry)
            else:
                plan.added[name] = (articles, entry)
        plan.removed = [name for name in manifest.files if name not in present]
        return plan

    def sync(
        self, files: list[SourceFile], load: FileLoader, progress: Progress | None = None, *, procs: int = 1
    ) -> SyncReport:
        """Bring the index in step with ``files``, touching only those added, changed or removed.

        Args:
            procs: Processes for a bulk build (``BULK_FILES`` or more files to index). Whoosh then
                analyses documents in sub-processes and keeps their segments unmerged (measured
                at 10k articles: 36 s in one process, 16 s in two). Only for callers without
                threads of their own (the CLI): forking a threaded process (the app) is unsafe.
        """
        plan = self.plan(files, load)
        if not (plan.added or plan.changed or plan.removed or plan.restat):
            return SyncReport(unchanged=plan.unchanged, documents=0)
        bulk = procs > 1 and len(plan.added) + len(plan.changed) >= BULK_FILES
        writer = self._writer(procs=procs if bulk else 1)
        report = SyncReport()
        try:
            # Plan again under the lock: another process may have synced while we waited.
            plan = self.plan(files, load)
            manifest = plan.manifest
            manifest.files.update(plan.restat)
            for name in list(plan.changed) + plan.removed:
                for article_id in manifest.files.pop(name, {}).get("articles", []):
                    writer.delete_by_term("article", article_id)
            todo = {**plan.added, **plan.changed}
            for done, (name, (articles, entry)) in enumerate(todo.items(), start=1):
                for document in documents_for(articles):
                    writer.add_document(**document)
                    report.documents += 1
                manifest.files[name] = entry
                if progress:
                    progress(done, len(todo))
            writer.commit(optimize=len(todo) > 200 and not bulk)
        except BaseException:
            writer.cancel()
            raise
        manifest.write(self.folder)
        report.added, report.changed, report.removed = len(plan.added), len(plan.changed), len(plan.removed)
        report.unchanged = plan.unchanged
        self.refresh()
        return report

    def _writer(self, procs: int = 1) -> Any:
        options: dict[str, Any] = {"timeout": self.writer_timeout, "delay": 0.25, "limitmb": 128}
        if procs > 1:
            options.update(procs=procs, multisegment=True)
        try:
            return self.index.writer(**options)
        except LockError:
            raise IndexBusy(
                f"the index at {self.folder} is being written by another crossread process; "
                "wait for it to finish (or close the other crossread) and try again"
            ) from None

    def _manifest(self) -> Manifest:
        try:
            return Manifest.read(self.folder)
        except (OSError, ValueError):
            return Manifest(corpus=str(self.corpus_root))

    # -- reading -------------------------------------------------------------------------
    def searcher(self) -> Searcher:
        """A searcher kept open between queries (opening one costs tens of milliseconds)."""
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def refresh(self) -> None:
        """See the latest commit (made by this or another process)."""
        if self._searcher is not None:
            self._searcher = self._searcher.refresh()

    def document_count(self) -> int:
        return self.searcher().doc_count()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._index is not None:
            self._index.close()
            self._index = None


def passage_spans(article: Article) -> list[tuple[int, int]]:
    """The (start, end) of an article's index documents, in the order they are indexed."""
    return [span for paragraph in article.content_paragraphs for span in _chunks(article.text, paragraph.start, paragraph.end)]


def documents_for(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    """The index documents of one file's articles: one per content paragraph (long ones chunked)."""
    for article in articles:
        date = _date_value(article.date)
        outlet = article.source.encode("utf-8", "surrogatepass")
        for paragraph in article.content_paragraphs:
            for start, end in _chunks(article.text, paragraph.start, paragraph.end):
                document = {
                    "article": article.id,
                    "outlet": outlet,
                    "passage_start": start,
                    "source": article.source,
                    "title": article.display_title,
                    "paragraph": paragraph.number,
                    "start": start,
                    "end": end,
                    "text": article.text[start:end],
                }
                if date is not None:
                    document["date"] = date
                yield document


def _date_value(date: str | None) -> str | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        return None


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > CHUNK_CHARS:
        cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        if cut <= start:
            cut = start + CHUNK_CHARS
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end
