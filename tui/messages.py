"""Messages the workers post: the indexing flow and the search flow.

Indexing: ``LibraryOpened → IndexingProgressed… → IndexingFinished | IndexingFailed``.
Searching: ``SearchFinished | SearchFailed``, each tagged with the request it answers so
stale answers can be dropped. The alignment facts of filtered searches:
``FactsProgressed… → FactsReady | FactsFailed``.
Aligning (compare view): ``AlignmentProgressed… → AlignmentFinished | AlignmentFailed``, then
``FactCheckFinished | FactCheckFailed``.
Exporting annotations: ``AnnotationsExported | AnnotationsExportFailed``.
Widget messages live in their widget classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index.article import Article
    from index.collate import Alignment
    from pathlib import Path

    from index.errors import CrossreadError
    from index.factcheck import FactCheck
    from index.library import Library
    from index.search import SearchResult
    from index.store import SyncReport


@dataclass
class LibraryOpened(Message):
    """The corpus is loaded, grouped into stories, and the index open (not yet synced)."""

    library: Library
    groups: list[tuple[str, list[Article]]]
    """Stories as (title, articles), the way the article list shows them."""


@dataclass
class IndexingProgressed(Message):
    """How far loading or indexing has got; only the newest one waiting in the queue matters."""

    stage: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexingProgressed)


@dataclass
class IndexingFinished(Message):
    report: SyncReport


@dataclass
class IndexingFailed(Message):
    """Opening or indexing the library failed."""

    title: str
    text: str
    searchable: bool = False
    """True when the index as it is still answers (another process holds the writer)."""


@dataclass
class EngineNoticed(Message):
    """A one-line notice from the engine, such as an index being rebuilt."""

    text: str


@dataclass
class SearchFinished(Message):
    request: int
    """The number of the search request this answers."""
    result: SearchResult


@dataclass
class SearchFailed(Message):
    request: int
    title: str
    text: str
    expected: bool
    """True for a problem with the query (shown under the box), False for an engine failure."""


@dataclass
class AlignmentFinished(Message):
    """The story's alignment is ready (computed, or read from the engine's cache)."""

    alignment: Alignment


@dataclass
class AlignmentProgressed(Message):
    """How far the alignment has got (engine steps); only the newest one waiting in the queue matters."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AlignmentProgressed)


@dataclass
class AlignmentFailed(Message):
    """The engine could not align the articles; the columns stay readable, unlinked."""

    title: str
    text: str


@dataclass
class FactCheckFinished(Message):
    """The compared articles' conflicting figures and attributions (and look-alikes) are known."""

    fact_check: FactCheck


@dataclass
class FactCheckFailed(Message):
    """The engine could not check the compared articles; the compare view works without flags."""

    title: str
    text: str


@dataclass
class AnnotationsExported(Message):
    """The export file is written."""

    count: int
    path: Path


@dataclass
class AnnotationsExportFailed(Message):
    """The annotations could not be read or the file could not be written; nothing was replaced."""

    error: CrossreadError


@dataclass
class FactsProgressed(Message):
    """How many stories the alignment-facts worker has aligned; only the newest one waiting matters."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FactsProgressed)


@dataclass
class FactsReady(Message):
    """The library's alignment facts are in memory: filtered searches answer at once."""

    library: Library


@dataclass
class FactsFailed(Message):
    """The alignment facts could not be computed; filtered searches cannot run."""

    title: str
    text: str
