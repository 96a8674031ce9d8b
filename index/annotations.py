"""Annotations: notes on passages, kept durably in SQLite and found again when articles change.

One database per data folder, ``$XDG_DATA_HOME/crossread/annotations.db`` (``data_dir`` in the
config), shared by every corpus: each row holds the resolved corpus folder it belongs to, so a
corpus can be moved out of the cache or re-indexed without touching its annotations, and one
busy/corrupt/backup policy covers them all.

Durability: WAL journal, ``synchronous=FULL``, and every save is one ``BEGIN IMMEDIATE``
transaction, so a crossread killed mid-save loses at most that save, and writers in several
processes wait for each other (busy timeout) instead of failing with "database is locked".

A database SQLite reports as corrupt is never written to: it is renamed aside to
``annotations.db.corrupt-<UTC timestamp>`` (never overwriting an earlier backup) and the
operation fails with a ``AnnotationsCorrupt`` naming both files. The next operation starts a new,
empty database; as long as a backup lies in the data folder, ``corrupt_backups()`` lists it so the
CLI keeps saying where the old annotations are.

The saved quote, context and position are what the user annotated and are never rewritten
automatically; where a passage is *now* is worked out on every read (``place``), so a bad guess can
never overwrite good data.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .anchoring import Anchor, Selector, make_selector, reanchor
from .errors import ArticleNotFound, CrossreadError

if TYPE_CHECKING:
    from .article import Article
    from .config import Config
    from .corpus import Corpus

SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of the database this code writes; a newer one is refused, not downgraded."""
DB_NAME = "annotations.db"
BUSY_TIMEOUT_S = 15.0
"""How long a writer waits for another process's transaction before giving up with a clear error."""
MAX_TAG_CHARS = 64
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_ID = re.compile(r"^a-[0-9a-f]{10}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS annotations (
    id TEXT PRIMARY KEY,
    corpus TEXT NOT NULL,
    article TEXT NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS annotations_by_article ON annotations (corpus, article, span_start);
"""
_COLUMNS = "id, corpus, article, path, content_hash, quote, prefix, suffix, span_start, span_end, note, tags, created, updated"


class AnnotationError(CrossreadError):
    """An annotation request the store refuses (bad quote, tag or id)."""

    title = "Annotation error"


class AnnotationNotFound(AnnotationError):
    title = "Annotation not found"


class AnnotationStoreError(CrossreadError):
    """The annotations database cannot be opened, read or written."""

    title = "Annotations database error"


class AnnotationsCorrupt(AnnotationStoreError):
    """The database file is damaged; it has been moved aside, never overwritten."""

    title = "Annotations database corrupt"

    def __init__(self, message: str, backup: Path) -> None:
        super().__init__(message)
        self.backup = backup


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note on a passage, as saved: the passage is the selector's quote in the article as it was."""

    id: str
    corpus: str
    """Resolved path of the corpus folder the article belongs to."""
    article: str
    path: str
    """The article's file, relative to the corpus folder, when the annotation was made."""
    content_hash: str
    """The article's content hash when the annotation was made (unchanged text: exact at once)."""
    selector: Selector
    note: str = ""
    """Markdown, as the user wrote it."""
    tags: tuple[str, ...] = ()
    created: str = ""
    """UTC time, ISO 8601 (``2026-11-25T10:00:00Z``)."""
    updated: str = ""

    @property
    def quote(self) -> str:
        return self.selector.quote


@dataclass(frozen=True, slots=True)
class PlacedAnnotation:
    """An annotation with where its passage is in the article's current text (or that it is an orphan)."""

    annotation: Annotation
    article: Article | None = field(compare=False, repr=False)
    """The article now holding the passage; None when the article is gone from the corpus."""
    anchor: Anchor

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def status(self) -> str:
        return self.anchor.status

    @property
    def text(self) -> str | None:
        """The passage as it reads now, or None for an orphan."""
        if self.article is None or not self.anchor.found:
            return None
        return self.article.text[self.anchor.start : self.anchor.end]


def new_id() -> str:
    """A short random id, ``a-`` and 10 hex digits; stable for the annotation's life."""
    return "a-" + secrets.token_hex(5)


def is_annotation_id(value: str) -> bool:
    return bool(_ID.match(value))


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags without a leading ``#``, duplicates dropped, order kept.

    Raises:
        AnnotationError: a tag is empty, holds whitespace or is longer than ``MAX_TAG_CHARS``.
    """
    cleaned: list[str] = []
    for raw in tags:
        tag = raw.strip().lstrip("#")
        if not tag or any(ch.isspace() for ch in tag) or len(tag) > MAX_TAG_CHARS or not tag.isprintable():
            raise AnnotationError(
                f"tag {raw!r} is not a tag; use 1-{MAX_TAG_CHARS} printable characters without spaces, e.g. ceasefire or open-question"
            )
        if tag not in cleaned:
            cleaned.append(tag)
    return tuple(cleaned)


class AnnotationStore:
    """The SQLite file of annotations: add, get, list, update, delete; each write one transaction.

    Connections are short-lived (one per operation), so a store can be shared by the app's worker
    threads and never holds a lock while the user reads.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._checked = False

    @classmethod
    def for_config(cls, config: Config) -> AnnotationStore:
        return cls(config.data_root / DB_NAME)

    # -- connection and integrity -------------------------------------------------------------

    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        if write:
            self._make_folder()
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise self._store_error(error, "open") from None
        with closing(connection):
            try:
                connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                if not self._checked:
                    self._check(connection)
                connection.execute("PRAGMA synchronous = FULL")
                yield connection
            except sqlite3.Error as error:
                if connection.in_transaction:
                    try:
                        connection.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # the connection is closed next; SQLite rolls back what was not committed
                if _is_corruption(error):
                    connection.close()
                    raise self._set_aside(str(error)) from None
                raise self._store_error(error, "write" if write else "read") from None

    def _check(self, connection: sqlite3.Connection) -> None:
        """Integrity, WAL and schema, once per store: a damaged file is moved aside before any write."""
        result = connection.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            connection.close()
            raise self._set_aside(f"integrity check failed: {result[0] if result else 'no answer'}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise AnnotationStoreError(
                f"annotations database {self.path} was written by a newer crossread (schema {version}, this one "
                f"knows {SCHEMA_VERSION}); upgrade crossread, or set data_dir to another folder"
            )
        if version < SCHEMA_VERSION:
            # Two processes meeting a fresh file would both switch it to WAL and create the schema;
            # the switch needs an exclusive lock and can deadlock against the other's transaction.
            # A file lock beside the database lets one do it while the other waits, then looks again.
            with self._creation_lock():
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.execute("BEGIN IMMEDIATE")
                    for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    connection.execute("COMMIT")
        self._checked = True

    @contextmanager
    def _creation_lock(self) -> Iterator[None]:
        """An exclusive ``flock`` on ``<db>.init-lock`` (released by the kernel if the process dies)."""
        lock_path = self.path.with_name(self.path.name + ".init-lock")
        try:
            handle = open(lock_path, "a")  # noqa: SIM115 - closed below, after the lock is released
        except OSError as error:
            raise AnnotationStoreError(
                f"cannot create {lock_path} to set up the annotations database ({error.strerror}); "
                "set data_dir in config.yaml to a writable folder"
            ) from None
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _make_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise AnnotationStoreError(
                f"cannot create the data folder {self.path.parent} ({error.strerror}); "
                "set data_dir in config.yaml to a writable folder"
            ) from None

    def _store_error(self, error: sqlite3.Error, doing: str) -> AnnotationStoreError:
        text = str(error)
        if "locked" in text or "busy" in text:
            return AnnotationStoreError(
                f"annotations database {self.path} stayed busy for {BUSY_TIMEOUT_S:.0f} s (another crossread is writing); try again"
            )
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return AnnotationStoreError(
                f"cannot {doing} the annotations database {self.path} ({text}); "
                "make the folder writable or set data_dir in config.yaml to a writable folder"
            )
        return AnnotationStoreError(f"annotations database {self.path}: {text} while trying to {doing}; nothing was changed")

    def _set_aside(self, problem: str) -> AnnotationsCorrupt:
        """Move the damaged file (and its WAL) to a fresh backup name; return the error to raise."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        number = 1
        while backup.exists() or Path(f"{backup}-wal").exists():
            number += 1
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{number}")
        try:
            _move_without_overwriting(self.path, backup)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    _move_without_overwriting(side, Path(f"{backup}{suffix}"))
        except OSError as error:
            return AnnotationsCorrupt(
                f"annotations database {self.path} is corrupt ({problem}) and could not be moved aside ({error.strerror}); "
                f"copy it somewhere safe, then delete it to start a new one",
                self.path,
            )
        self._checked = False
        return AnnotationsCorrupt(
            f"annotations database {self.path} is corrupt ({problem}); it was kept as {backup} "
            f"(try `sqlite3 {backup} .recover`) and a new empty database will be started",
            backup,
        )

    def corrupt_backups(self) -> list[Path]:
        """Damaged databases set aside in the data folder and not yet dealt with by the user."""
        try:
            return sorted(p for p in self.path.parent.glob(f"{self.path.name}.corrupt-*") if not p.name.endswith(("-wal", "-shm")))
        except OSError:
            return []

    # -- reading --------------------------------------------------------------------------------

    def list(self, corpus: str | None = None, *, article: str | None = None, tag: str | None = None) -> list[Annotation]:
        """Saved annotations, optionally of one corpus, article or tag, by article then position then id."""
        if not self.path.exists():
            return []  # nothing saved yet: reading never creates the file (a read-only data folder works)
        clauses, params = [], []
        if corpus is not None:
            clauses.append("corpus = ?")
            params.append(corpus)
        if article is not None:
            clauses.append("article = ?")
            params.append(article)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect(write=False) as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM annotations{where} ORDER BY article, span_start, id", params).fetchall()
        annotations = [_from_row(row) for row in rows]
        if tag is not None:
            wanted = tag.lstrip("#")
            annotations = [a for a in annotations if wanted in a.tags]
        return annotations

    def get(self, annotation_id: str) -> Annotation:
        """Raises: AnnotationNotFound."""
        found = None
        if self.path.exists():
            with self._connect(write=False) as connection:
                found = connection.execute(f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)).fetchone()
        if found is None:
            raise AnnotationNotFound(f"no annotation {annotation_id!r} in {self.path}; run `crossread annotations` to see the ids")
        return _from_row(found)

    # -- writing --------------------------------------------------------------------------------

    def add(self, annotation: Annotation) -> Annotation:
        """Save a new annotation (a fresh id if its id is taken); returns what was saved."""
        return self.add_many([annotation])[0]

    def add_many(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """Save several annotations in one transaction: all of them or none."""
        saved: list[Annotation] = []
        with self._connect(write=True) as connection:
            connection.execute("BEGIN IMMEDIATE")
            for annotation in annotations:
                while connection.execute("SELECT 1 FROM annotations WHERE id = ?", (annotation.id,)).fetchone():
                    annotation = replace(annotation, id=new_id())
                connection.execute(f"INSERT INTO annotations ({_COLUMNS}) VALUES ({', '.join('?' * 14)})", _to_row(annotation))
                saved.append(annotation)
            connection.execute("COMMIT")
        return saved

    def update(self, annotation_id: str, *, note: str | None = None, tags: Iterable[str] | None = None) -> Annotation:
        """Change an annotation's note and/or tags; the passage itself is never rewritten.

        Raises:
            AnnotationNotFound: no such id.
        """
        with self._connect(write=True) as connection:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)).fetchone()
            if row is None:
                connection.execute("ROLLBACK")
                raise AnnotationNotFound(f"no annotation {annotation_id!r} in {self.path}; run `crossread annotations` to see the ids")
            current = _from_row(row)
            changed = replace(
                current,
                note=current.note if note is None else note,
                tags=current.tags if tags is None else clean_tags(tags),
                updated=now_utc(),
            )
            connection.execute(
                "UPDATE annotations SET note = ?, tags = ?, updated = ? WHERE id = ?",
                (changed.note, json.dumps(list(changed.tags), ensure_ascii=False), changed.updated, annotation_id),
            )
            connection.execute("COMMIT")
        return changed

    def delete(self, annotation_id: str) -> None:
        """Raises: AnnotationNotFound."""
        with self._connect(write=True) as connection:
            connection.execute("BEGIN IMMEDIATE")
            deleted = connection.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,)).rowcount
            connection.execute("COMMIT")
        if not deleted:
            raise AnnotationNotFound(f"no annotation {annotation_id!r} in {self.path}; run `crossread annotations` to see the ids")


def _move_without_overwriting(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, failing rather than replacing an existing ``target``."""
    try:
        os.link(source, target)  # fails with FileExistsError if target exists
    except (AttributeError, NotImplementedError, PermissionError):
        if target.exists():
            raise FileExistsError(17, "backup exists", str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def _is_corruption(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error)
    return "malformed" in text or "not a database" in text


def _to_row(annotation: Annotation) -> tuple[object, ...]:
    selector = annotation.selector
    return (
        annotation.id, annotation.corpus, annotation.article, annotation.path, annotation.content_hash,
        selector.quote, selector.prefix, selector.suffix, selector.start, selector.end,
        annotation.note, json.dumps(list(annotation.tags), ensure_ascii=False), annotation.created, annotation.updated,
    )  # fmt: skip


def _from_row(row: Sequence[object]) -> Annotation:
    (annotation_id, corpus, article, path, digest, quote, prefix, suffix, start, end, note, tags, created, updated) = row
    return Annotation(
        id=str(annotation_id),
        corpus=str(corpus),
        article=str(article),
        path=str(path),
        content_hash=str(digest),
        selector=Selector(str(quote), str(prefix), str(suffix), int(start), int(end)),  # type: ignore[call-overload]
        note=str(note),
        tags=tuple(json.loads(str(tags))),
        created=str(created),
        updated=str(updated),
    )


# -- placing annotations in the current text --------------------------------------------------


def place(annotation: Annotation, corpus: Corpus) -> PlacedAnnotation:
    """Where ``annotation``'s passage is in the corpus as loaded now.

    The article is looked up by id, then (a renamed file) by the content hash it had; an article
    whose text is unchanged is exact at once, otherwise the selector is re-anchored.
    """
    article = corpus.get(annotation.article)
    if article is None:
        article = next((a for a in corpus.articles if a.content_hash == annotation.content_hash), None)
        if article is None:
            return PlacedAnnotation(annotation, None, Anchor(-1, -1, "orphan", 0.0))
    selector = annotation.selector
    if article.content_hash == annotation.content_hash and article.text[selector.start : selector.end] == selector.quote:
        return PlacedAnnotation(annotation, article, Anchor(selector.start, selector.end, "exact", 1.0))
    return PlacedAnnotation(annotation, article, reanchor(selector, article.text))


class Notebook:
    """One corpus's annotations placed in its current text: what the CLI and the app work with.

    Args:
        store: the database.
        corpus: the corpus as loaded; annotations are keyed by its resolved folder.
    """

    def __init__(self, store: AnnotationStore, corpus: Corpus) -> None:
        self.store = store
        self.corpus = corpus
        self.corpus_key = corpus_key(corpus.root)

    @classmethod
    def open(cls, config: Config, corpus: Corpus) -> Notebook:
        return cls(AnnotationStore.for_config(config), corpus)

    def placed(self, *, article: str | None = None, tag: str | None = None) -> list[PlacedAnnotation]:
        """Every annotation of the corpus (optionally one article's or one tag's), placed; orphans included."""
        return [place(a, self.corpus) for a in self.store.list(self.corpus_key, article=article, tag=tag)]

    def get(self, annotation_id: str) -> PlacedAnnotation:
        annotation = self.store.get(annotation_id)
        if annotation.corpus != self.corpus_key:
            raise AnnotationNotFound(
                f"annotation {annotation_id} belongs to the corpus {annotation.corpus}, not {self.corpus_key}; pass --corpus {annotation.corpus}"
            )
        return place(annotation, self.corpus)

    def annotate(self, article_id: str, start: int, end: int, *, note: str = "", tags: Iterable[str] = ()) -> PlacedAnnotation:
        """Save a note on ``article.text[start:end]``.

        Raises:
            ArticleNotFound: no such article.
            AnnotationError: the span is empty or outside the text, or a tag is malformed.
        """
        article = self._article(article_id)
        if not 0 <= start < end <= len(article.text) or not article.text[start:end].strip():
            raise AnnotationError(
                f"passage [{start}, {end}) is empty or outside {article_id} ({len(article.text)} characters); choose some text of the article"
            )
        stamp = now_utc()
        annotation = Annotation(
            id=new_id(),
            corpus=self.corpus_key,
            article=article.id,
            path=article.path,
            content_hash=article.content_hash,
            selector=make_selector(article.text, start, end),
            note=note,
            tags=clean_tags(tags),
            created=stamp,
            updated=stamp,
        )
        saved = self.store.add(annotation)
        return PlacedAnnotation(saved, article, Anchor(start, end, "exact", 1.0))

    def annotate_quote(
        self, article_id: str, quote: str, *, occurrence: int | None = None, note: str = "", tags: Iterable[str] = ()
    ) -> PlacedAnnotation:
        """Save a note on the passage of the article that reads ``quote`` (whitespace may differ).

        Raises:
            AnnotationError: the quote is not in the article, or occurs more than once and no
                ``occurrence`` (1-based) says which.
        """
        article = self._article(article_id)
        spans = find_quote(article.text, quote)
        if not spans:
            raise AnnotationError(f"the quote {_short(quote)!r} does not occur in {article_id}; copy it exactly from the article")
        if occurrence is None and len(spans) > 1:
            raise AnnotationError(
                f"the quote {_short(quote)!r} occurs {len(spans)} times in {article_id}; add --occurrence N (1-{len(spans)}) or quote more words"
            )
        index = (occurrence or 1) - 1
        if not 0 <= index < len(spans):
            raise AnnotationError(f"--occurrence {occurrence}: the quote occurs {len(spans)} time(s) in {article_id}")
        start, end = spans[index]
        return self.annotate(article.id, start, end, note=note, tags=tags)

    def edit(self, annotation_id: str, *, note: str | None = None, tags: Iterable[str] | None = None) -> PlacedAnnotation:
        self.get(annotation_id)  # same corpus check
        return place(self.store.update(annotation_id, note=note, tags=tags), self.corpus)

    def delete(self, annotation_id: str) -> None:
        self.get(annotation_id)
        self.store.delete(annotation_id)

    def _article(self, article_id: str) -> Article:
        article = self.corpus.get(article_id)
        if article is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.corpus.root}; run `crossread list` to see the ids")
        return article


def corpus_key(root: Path) -> str:
    """How annotations name their corpus: the resolved folder path."""
    return str(Path(root).expanduser().resolve())


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Spans of ``quote`` in ``text``: verbatim matches, else matches where runs of whitespace may differ."""
    quote = quote.strip()
    if not quote:
        return []
    spans = []
    at = text.find(quote)
    while at != -1:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if spans:
        return spans
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = [
    "Annotation",
    "AnnotationError",
    "AnnotationNotFound",
    "AnnotationStore",
    "AnnotationStoreError",
    "AnnotationsCorrupt",
    "Notebook",
    "PlacedAnnotation",
    "SCHEMA_VERSION",
    "clean_tags",
    "corpus_key",
    "find_quote",
    "is_annotation_id",
    "new_id",
    "place",
]
