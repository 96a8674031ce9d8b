"""The search box: an input that asks for a search a moment after the typing stops, and a status line under it.

Under the status line, the matching passages per source (the engine's facets, counted in the same
pass as the search) are listed largest first, wrapped between sources to at most two rows.

While a query with an alignment field waits for the corpus to be aligned (the first ``only:``,
``outlets:`` or ``flag:`` search), a label and a progress bar under the input say how far it got.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Input, ProgressBar, Static

from tui.actions import bindings_for
from tui.text_safety import one_line

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from textual.app import ComposeResult
    from textual.timer import Timer


PLACEHOLDER = 'Search (/) kyiv "power cut"'
"""What the empty box says: its key, then a word and a phrase; no longer than the box at 80 columns (27 cells)."""


FACET_ROWS = 2
"""The most rows the per-source counts take under the search box; sources that do not fit are summed up as "+N more"."""
FACET_LABEL = "sources:"
FACET_NAME_MIN = 6
"""The fewest characters of a source's name worth showing (cut with "…") rather than leaving it to "+N more"."""


@dataclass
class SourceFacets:
    """``sources: Kyiv Independent 8 · unknown 7 · +3 more``: matching passages per source, laid out for the width given.

    Rows break between sources, never inside one (a name wider than the row is cut with "…"); the
    sources past ``FACET_ROWS`` rows are counted in a closing "+N more". Source names are untrusted
    text: made visible and one line, never parsed as markup.
    """

    facets: dict[str, int]
    """Passages per source, largest first (``SearchResult.facets``)."""
    count_style: Style

    def __str__(self) -> str:
        return "\n".join(row.plain for row in self.rows(10_000))

    def rows(self, width: int) -> list[Text]:
        """The rows for ``width`` cells."""
        width = max(12, width)
        items = list(self.facets.items())
        rows: list[list[tuple[str, int, Text]]] = [[]]
        for index, (name, count) in enumerate(items):
            row = rows[-1]
            room = width - _used(rows, row) - (len(_SEPARATOR) if row else 0)
            piece = self._piece(name, count, width)
            if piece.cell_len <= room or (not row and room >= len(f" {count}") + FACET_NAME_MIN):
                row.append((name, count, self._piece(name, count, room)))
                continue
            if len(rows) < FACET_ROWS:
                rows.append([(name, count, piece)])  # cut to the width: it fits a row of its own
                continue
            more = f"+{len(items) - index} more"
            while row and _used(rows, row) + len(_SEPARATOR) + len(more) > width:
                last_name, last_count, _ = row.pop()
                room = width - _used(rows, row) - (len(_SEPARATOR) if row else 0) - len(_SEPARATOR) - len(more)
                if room >= len(f" {last_count}") + FACET_NAME_MIN:  # cut its name rather than drop it
                    row.append((last_name, last_count, self._piece(last_name, last_count, room)))
                    break
                more = f"+{int(more[1:].split()[0]) + 1} more"
            row.append(("", 0, Text(more)))
            break
        texts = []
        for number, row in enumerate(rows):
            text = Text(f"{FACET_LABEL} " if number == 0 else "")
            text.append_text(Text(_SEPARATOR).join(piece for _, _, piece in row))
            texts.append(text)
        return texts

    def _piece(self, name: str, count: int, width: int) -> Text:
        """``name count`` in at most ``width`` cells (the name cut with "…")."""
        number = f" {count}"
        piece = Text(one_line(name, len(name) + 1))  # made safe and one line, not cut yet
        room = max(1, width - len(number))
        if piece.cell_len > room:  # cut by cells, not characters: a CJK character takes two
            piece.truncate(room, overflow="ellipsis")
            piece = Text(piece.plain[:-1].rstrip() + "…")  # "Epoch…", not "Epoch …"
        piece.append(number, self.count_style)
        return piece

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.rows(options.max_width)


_SEPARATOR = " · "


def _used(rows: list[list[tuple[str, int, Text]]], row: list[tuple[str, int, Text]]) -> int:
    """Cells ``row`` (one of ``rows``) takes: its pieces joined by " · ", after the label on the first row."""
    label = len(FACET_LABEL) + 1 if row is rows[0] else 0
    return label + sum(piece.cell_len for _, _, piece in row) + len(_SEPARATOR) * max(0, len(row) - 1)


class SourceCounts(Static):
    """The matching passages per source, under the search box's status line; hidden (``-empty``) when there are none."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"source-counts--count"}
    """The number after each source."""

    def show(self, facets: dict[str, int]) -> None:
        """Show these counts (largest first); empty hides the line."""
        if facets:
            self.update(SourceFacets(dict(facets), self.get_component_rich_style("source-counts--count")))
        else:
            self.update("")
        self.set_class(not facets, "-empty")


class SearchInput(Input):
    """The query input; its enter key is the registry's ``search.open``."""

    BINDINGS: ClassVar = [spec for spec in bindings_for("search") if spec.action == "submit"]


class SearchBox(Vertical):
    """Query input plus a status line (query problems, "no matches", "indexing…")."""

    BINDINGS: ClassVar = [spec for spec in bindings_for("search") if spec.action != "submit"]

    HELP: ClassVar[str] = """\
**Search** — every source at once; results list passages with the matched words highlighted.

- Words are ANDed and stemmed: `putin kyiv`. Phrases `"not to fire"`, nearby words `"fire kyiv"~2`,
  `OR`, `NOT`, `( )`, prefixes `zapor*`, fuzzy `zelenskiy~` or `~2`. The last word you are typing also
  matches its most frequent completions.
- Fields: `source:kyiv`, `title:frost`, `article:ID`, `date:2026-01`, `date:[2026-01-01 TO 2026-01-31]`.
- Alignment filters (apply to the whole query): `only:yes` / `only:no` (what one outlet alone reports),
  `outlets:>=3` (also `N`, `>N`, `<=N`, `<N`), `flag:number` / `flag:attribution` / `flag:any` (conflicting
  figures or attributions across outlets). Articles alone in their story match none of them.
  While you type one of their values (`flag:num`, `outlets:>=`), the rest of the query is searched and the
  line under the box says what the field takes; enter shows what is wrong with an unfinished value.
  The first such search on a new corpus aligns its stories once (up to a minute on 10,000 articles;
  cached afterwards): a bar under the box shows how far it got, the list, the reader and plain
  searches keep working, and the newest filtered query runs when it is done.
- Under the number of matches, **sources:** the matching passages per outlet over every match (not
  only the results listed), largest first; those that do not fit in two rows are summed up as `+N more`.
  `source:NAME` narrows the search to one of them.
- A query Whoosh would silently rewrite (unclosed quote or parenthesis, unknown field, bad date) is
  refused with the column of the problem.
"""
    """Shown by the help screen (F1) while the search box has the focus."""

    @dataclass
    class QueryChanged(Message):
        """The query settled (the debounce passed) or was submitted."""

        query: str
        submitted: bool
        """True when the user pressed enter: open the top hit once results are in."""

    class ResultsRequested(Message):
        """The user wants to move into the result list."""

    class LeaveRequested(Message):
        """The user is done typing; focus should go elsewhere."""

    def __init__(self, *, debounce_ms: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.debounce_seconds = debounce_ms / 1000
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input")
        yield Static(id="search-status", classes="-empty", markup=False)
        yield SourceCounts(id="search-facets", classes="-empty", markup=False)

    def _aligning_block(self) -> tuple[Static, ProgressBar]:
        """The alignment progress line and bar, built the first time they are shown (five widgets fewer to style at start-up)."""
        try:
            return self.query_one("#search-aligning-label", Static), self.query_one("#search-aligning-bar", ProgressBar)
        except NoMatches:
            label = Static(id="search-aligning-label", markup=False)
            bar = ProgressBar(id="search-aligning-bar", show_eta=False)
            self.mount(Vertical(label, bar, id="search-aligning"), before="#search-status")
            return label, bar

    @property
    def query_text(self) -> str:
        return self.query_one(SearchInput).value

    def clear(self) -> None:
        self._cancel_debounce()
        with self.prevent(Input.Changed):
            self.query_one(SearchInput).value = ""
        self.show_status("")

    def show_status(self, text: str, *, error: bool = False, facets: dict[str, int] | None = None) -> None:
        """Show a line under the box (wrapped when longer than the box), and under it the matches per source.

        Args:
            text: What to say (empty: nothing).
            error: The line is a problem with the query.
            facets: Matching passages per source, largest first; none (the default) hides the sources.
        """
        status = self.query_one("#search-status", Static)
        status.update(Text(text))
        status.set_class(error, "-error")
        status.set_class(not text, "-empty")
        self.query_one(SourceCounts).show(facets or {})

    @property
    def facets_lines(self) -> list[str] | None:
        """The per-source counts as drawn, row by row, or None when hidden (tests, tmux-free checks)."""
        sources = self.query_one(SourceCounts)
        if sources.has_class("-empty"):
            return None
        return [strip.text.rstrip() for strip in sources.render_lines(sources.region.reset_offset)]

    def show_aligning(self, label: str, done: int | None = None, total: int | None = None) -> None:
        """Show that the query waits for the corpus's stories to be aligned, and how far that got.

        Args:
            label: The alignment field as typed (``only:yes``).
            done: Stories aligned so far; None until the count is known (the bar then pulses).
            total: Stories to align.
        """
        count = f" — {done}/{total}" if done is not None and total is not None else "…"
        line, bar = self._aligning_block()
        line.update(Text(f"aligning stories for {label}{count} (once; cached afterwards)"))
        if done is not None and total is not None:
            bar.update(total=max(total, 1), progress=done)
        else:
            bar.update(total=None)
        self.set_class(True, "-aligning")

    def hide_aligning(self) -> None:
        """Take the alignment progress away (the facts are ready, or no query waits for them any more)."""
        self.set_class(False, "-aligning")

    @property
    def aligning_text(self) -> str | None:
        """The alignment progress line as shown, or None when it is hidden."""
        if not self.has_class("-aligning"):
            return None
        return str(self._aligning_block()[0].render())

    @on(Input.Changed, "#search-input")
    def schedule_search(self, event: Input.Changed) -> None:
        event.stop()
        self._cancel_debounce()
        if self.debounce_seconds <= 0 or not event.value.strip():
            self.post_message(self.QueryChanged(event.value, submitted=False))
            return
        self._debounce = self.set_timer(self.debounce_seconds, self._post_settled_query)

    @on(Input.Submitted, "#search-input")
    def submit_query(self, event: Input.Submitted) -> None:
        event.stop()
        self._cancel_debounce()
        self.post_message(self.QueryChanged(event.value, submitted=True))

    def _post_settled_query(self) -> None:
        self._debounce = None
        self.post_message(self.QueryChanged(self.query_text, submitted=False))

    def _cancel_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    def action_focus_results(self) -> None:
        self.post_message(self.ResultsRequested())

    def action_leave(self) -> None:
        self.post_message(self.LeaveRequested())

    def action_submit(self) -> None:
        """Search now and open the top hit (the palette's way to press enter in the box)."""
        self._cancel_debounce()
        self.post_message(self.QueryChanged(self.query_text, submitted=True))
