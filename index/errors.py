"""One family of errors for everything the engine can refuse, each saying what, where and what to do.

The CLI prints ``str(error)`` as one line on stderr; the app shows ``title`` and ``message``
without markup. Anything else escaping the engine is a bug, not a user error.
"""

from __future__ import annotations


class CrossreadError(Exception):
    """A problem the user can act on."""

    title = "crossread error"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class ConfigError(CrossreadError):
    title = "Configuration error"


class CorpusError(CrossreadError):
    title = "Corpus error"


class StoreError(CrossreadError):
    """The index cannot be opened, written or rebuilt."""

    title = "Index error"


class IndexBusy(StoreError):
    """Another crossread process holds the index writer for longer than we wait."""

    title = "Index busy"


class AlignmentCancelled(CrossreadError):
    """The caller asked an alignment to stop (its ``cancelled`` callback returned True)."""

    title = "Alignment cancelled"


class QuerySyntaxError(CrossreadError):
    """A query that would be silently rewritten by Whoosh; we refuse it and say where it is wrong."""

    title = "Query error"

    def __init__(self, message: str, query: str, position: int) -> None:
        super().__init__(message)
        self.query = query
        self.position = position


class ArticleNotFound(CrossreadError):
    title = "Article not found"


__all__ = [
    "ArticleNotFound",
    "ConfigError",
    "CorpusError",
    "CrossreadError",
    "IndexBusy",
    "StoreError",
    "QuerySyntaxError",
]
