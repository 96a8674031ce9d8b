"""Load a folder of articles: ``.txt``, ``.md`` (optional YAML front matter) and ``.jsonl``.

Loading never stops at a bad file. Each file that cannot give an article (empty, binary, too
large, unreadable, a JSONL line that is not JSON) is skipped and reported as a ``LoadProblem``
saying what and where; a file that loads with a caveat (not UTF-8, broken front matter) carries a
note. A message says why, never "skipped": the report around it (``index.cli_types.load_report``)
says whether the item was skipped or loaded with a note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .article import Article, analyse
from .errors import CorpusError

ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_BINARY_PROBE = 8192
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadProblem:
    path: str
    """Path relative to the corpus root (with ``:line`` for a JSONL line)."""
    message: str
    """Why, in a few words (``empty file``); the report says "skipped" or "note"."""


@dataclass
class SourceFile:
    """A file that may hold articles, with what decides whether its index entries are current."""

    path: Path
    relative: str
    size: int
    mtime_ns: int


@dataclass
class Corpus:
    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    skipped_other: int = 0
    """Files whose suffix is not an article format (counted, not reported one by one)."""
    files: list[SourceFile] = field(default_factory=list)
    """Every article file seen, with the size and mtime it had when read."""
    file_hashes: dict[str, str] = field(default_factory=dict)
    """Content hash of every article file seen, by path relative to the root (what the index syncs on)."""

    def articles_by_file(self) -> dict[str, list[Article]]:
        return self._lookups()[1]

    def get(self, article_id: str) -> Article | None:
        return self._lookups()[0].get(article_id)

    def _lookups(self) -> tuple[dict[str, Article], dict[str, list[Article]]]:
        """Articles by id and by file, rebuilt only when the article list changed size."""
        cached = getattr(self, "_cached_lookups", None)
        if cached is None or cached[2] != len(self.articles):
            by_id = {article.id: article for article in self.articles}
            by_file: dict[str, list[Article]] = {}
            for article in self.articles:
                by_file.setdefault(article.path, []).append(article)
            cached = (by_id, by_file, len(self.articles))
            self._cached_lookups = cached
        return cached[0], cached[1]


def check_corpus_root(root: Path) -> Path:
    """The resolved corpus folder, or a CorpusError saying why it cannot be read."""
    resolved = root.expanduser().resolve()
    if not resolved.exists():
        raise CorpusError(f"corpus folder {resolved} does not exist; pass --corpus DIR with a folder of articles")
    if not resolved.is_dir():
        raise CorpusError(f"corpus {resolved} is a file, not a folder; pass --corpus with the folder that holds it")
    return resolved


def scan_files(root: Path) -> tuple[list[SourceFile], int, list[LoadProblem]]:
    """Article files under ``root`` in a stable order, the count of other files, and unreadable folders."""
    files: list[SourceFile] = []
    other = 0
    problems: list[LoadProblem] = []

    def on_error(error: OSError) -> None:
        problems.append(LoadProblem(_relative(Path(error.filename or root), root), f"cannot list folder: {error.strerror}"))

    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                other += 1
                continue
            try:
                stat = path.stat()
            except OSError as error:
                problems.append(LoadProblem(_relative(path, root), f"cannot read: {error.strerror}"))
                continue
            files.append(SourceFile(path, _relative(path, root), stat.st_size, stat.st_mtime_ns))
    return files, other, problems


def load_corpus(root: Path, *, max_file_mb: int = 20, progress: Progress | None = None) -> Corpus:
    """Every article under ``root``; problems are collected, not raised (except a missing folder)."""
    root = check_corpus_root(root)
    files, other, problems = scan_files(root)
    corpus = Corpus(root=root, problems=problems, skipped_other=other, files=files)
    for done, source_file in enumerate(files, start=1):
        articles, file_problems, digest = load_file(source_file, max_bytes=max_file_mb * 1024 * 1024)
        corpus.file_hashes[source_file.relative] = digest
        corpus.articles.extend(articles)
        corpus.problems.extend(file_problems)
        if progress:
            progress(done, len(files))
    _make_ids_unique(corpus)
    return corpus


def load_file(source_file: SourceFile, *, max_bytes: int) -> tuple[list[Article], list[LoadProblem], str]:
    """The articles of one file (or the problem that kept it from giving any) and the file's content hash."""
    relative = source_file.relative
    stat_digest = f"stat:{source_file.size}:{source_file.mtime_ns}"
    if source_file.size == 0:
        return [], [LoadProblem(relative, "empty file")], stat_digest
    if source_file.size > max_bytes:
        size_mb = source_file.size / 1024 / 1024
        return [], [
            LoadProblem(
                relative,
                f"file too large ({size_mb:.0f} MB > max_file_mb {max_bytes // 1024 // 1024}); "
                "raise max_file_mb in the config to load it",
            )
        ], stat_digest
    try:
        raw = source_file.path.read_bytes()
    except OSError as error:
        return [], [LoadProblem(relative, f"cannot read: {error.strerror}; check its permissions")], stat_digest
    digest = hashlib.sha1(raw).hexdigest()
    if b"\x00" in raw[:_BINARY_PROBE]:
        return [], [LoadProblem(relative, "binary file (contains NUL bytes)")], digest
    text, note = decode(raw)
    if not text.strip():
        return [], [LoadProblem(relative, "file holds only white space")], digest
    article_id = relative.rsplit(".", 1)[0]
    if source_file.path.suffix.lower() == ".jsonl":
        articles, problems = _articles_from_jsonl(text, relative, article_id, note)
        return articles, problems, digest
    if source_file.path.suffix.lower() == ".md":
        article = _article_from_markdown(text, relative, article_id)
    else:
        article = analyse(Article(id=article_id, text=text, path=relative), metadata_title=False)
    if note:
        article.notes.append(note)
    return [article], [], digest


def decode(raw: bytes) -> tuple[str, str | None]:
    """Text from bytes: UTF-8, else a named fallback (never a crash), with a note saying which."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        position = error.start
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return raw.decode(encoding), f"not valid UTF-8 (byte {position}); decoded as {encoding}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _article_from_markdown(text: str, relative: str, article_id: str) -> Article:
    match = _FRONT_MATTER.match(text)
    if not match:
        return analyse(Article(id=article_id, text=text, path=relative), metadata_title=False)
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        meta = yaml.safe_load(match.group(1))
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise ValueError(f"expected key: value pairs, found {type(meta).__name__}")
    except (yaml.YAMLError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        article = Article(id=article_id, text=body, path=relative, body_offset=match.end(), body_line=body_line)
        article.notes.append(f"broken YAML front matter{where} ({problem}); metadata ignored, text loaded")
        return analyse(article, metadata_title=False)
    article = Article(id=article_id, text=body, path=relative, body_offset=match.end(), body_line=body_line)
    return _apply_metadata(article, meta)


def _articles_from_jsonl(
    text: str, relative: str, file_id: str, note: str | None
) -> tuple[list[Article], list[LoadProblem]]:
    articles: list[Article] = []
    problems: list[LoadProblem] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{relative}:{line_number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(LoadProblem(where, f"line is not JSON ({error.msg} at column {error.colno})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            problems.append(LoadProblem(where, "record has no \"text\" string with words in it"))
            continue
        record_id = str(record.get("id") or line_number)
        article = Article(id=f"{file_id}#{record_id}", text=record["text"], path=relative, body_line=line_number)
        article = _apply_metadata(article, record)
        if note:
            article.notes.append(note)
        articles.append(article)
    return articles, problems


def _apply_metadata(article: Article, meta: dict[str, Any]) -> Article:
    title = _clean_str(meta.get("title"))
    source = _clean_str(meta.get("source"))
    article.title = title
    if source:
        article.source = source
    article.url = _clean_str(meta.get("url"))
    article.story = _clean_str(meta.get("story") or meta.get("cluster"))
    raw_date = meta.get("date")
    article.date = _iso_date(raw_date)
    if raw_date not in (None, "") and article.date is None:
        article.notes.append(f"date {raw_date!r} is not an ISO date (YYYY-MM-DD); ignored")
    return analyse(article, metadata_title=title is not None)


def _clean_str(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _iso_date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def _make_ids_unique(corpus: Corpus) -> None:
    """Two files may differ only by suffix (a.txt, a.md); keep the first id, suffix the others."""
    seen: set[str] = set()
    for article in corpus.articles:
        if article.id in seen:
            base, n = article.id, 2
            while f"{base}~{n}" in seen:
                n += 1
            article.id = f"{base}~{n}"
            corpus.problems.append(LoadProblem(article.path, f"id {base} is already used by an earlier article; loaded as {article.id}"))
        seen.add(article.id)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
