"""Pieces shared by the ``crossread`` subcommands: argument types (argparse turns their errors into
usage messages) and the one way load problems are told apart and reported (on stderr here, and in
the app's load-problems screen)."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Literal

from .corpus import ARTICLE_SUFFIXES, LoadProblem
from .textsafe import printable

if TYPE_CHECKING:
    from .article import Article

LoadItemKind = Literal["file", "JSONL line", "folder"]
_JSONL_LINE = re.compile(r"\.jsonl:\d+\Z", re.IGNORECASE)


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-25") from None


def load_item_kind(path: str) -> LoadItemKind:
    """What a load problem's path names: a file, one line of a JSONL file, or a folder that could not be listed."""
    if _JSONL_LINE.search(path):
        return "JSONL line"
    if PurePosixPath(path).suffix.lower() in ARTICLE_SUFFIXES:
        return "file"
    return "folder"


def count_phrase(paths: Iterable[str]) -> str:
    """``2 files and 1 JSONL line``: the items a list of load-problem paths names, counted by kind."""
    counts = Counter(load_item_kind(path) for path in dict.fromkeys(paths))
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind in ("file", "JSONL line", "folder") if (n := counts[kind])]
    if len(parts) > 1:
        return f"{', '.join(parts[:-1])} and {parts[-1]}"
    return parts[0] if parts else "nothing"


@dataclass(frozen=True)
class LoadReport:
    """What loading left out, and what it loaded with a caveat, each as path: reason."""

    skipped: list[LoadProblem]
    """Files, JSONL lines and folders that gave no article."""
    noted: list[LoadProblem]
    """Notes on files that were loaded (decoded as cp1252, front matter ignored, id changed)."""

    @property
    def skipped_summary(self) -> str:
        """``2 files and 1 JSONL line skipped`` (empty when nothing was skipped)."""
        return f"{count_phrase(p.path for p in self.skipped)} skipped" if self.skipped else ""

    @property
    def noted_summary(self) -> str:
        """``2 files loaded with a note`` (empty when no file has one)."""
        if not self.noted:
            return ""
        files = len({p.path for p in self.noted})
        return f"{files} file{'s' if files != 1 else ''} loaded with a note"


def load_report(problems: Iterable[LoadProblem], articles: Iterable[Article] = ()) -> LoadReport:
    """Tell skipped items from loaded files with a note.

    A problem whose path is the file of a loaded article did not keep it out (an id made unique);
    every other problem names a file, line or folder that gave no article. Article notes are the
    caveats of loaded files. Repeats (one note on each record of a JSONL file) are shown once.

    Args:
        problems: The corpus's load problems.
        articles: The loaded articles, whose notes are reported too.
    """
    articles = list(articles)
    file_order: dict[str, int] = {}
    for article in articles:
        file_order.setdefault(article.path, len(file_order))
    skipped: list[LoadProblem] = []
    noted = [LoadProblem(article.path, note) for article in articles for note in article.notes]
    for problem in problems:
        (noted if problem.path in file_order else skipped).append(problem)
    noted.sort(key=lambda problem: file_order[problem.path])
    return LoadReport(list(dict.fromkeys(skipped)), list(dict.fromkeys(noted)))


def report_load_problems(problems: Iterable[LoadProblem], articles: Iterable[Article] = ()) -> None:
    """One stderr line per item skipped, then per note on a loaded file; paths are shown safely (a name can hold controls).

    Args:
        problems: The corpus's load problems.
        articles: The loaded articles, whose notes are reported too.
    """
    report = load_report(problems, articles)
    for label, items in (("skipped", report.skipped), ("note:", report.noted)):
        for problem in items:
            where = printable(problem.path, keep_newlines=False)
            print(f"crossread: {label} {where}: {printable(problem.message, keep_newlines=False)}", file=sys.stderr)
