"""One outlet's article in the compare view: wrapped rows drawn line by line, with a gutter of group marks.

The column owns a cursor row. Keys and the mouse wheel move it and the column announces the
move (``CursorMoved``); the compare screen then tells the other columns where to follow
(``follow``), so nothing here knows about the other columns.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollDown, ScrollTo, ScrollUp
from textual.strip import Strip

from tui.actions import bindings_for
from tui.sync_scroll import middle, scroll_for
from tui.text_layout import TextLayout, article_blocks

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from textual import events

    from index.article import Article
    from tui.compare_model import CompareModel, Passage, Span

GROUP_COLOURS = 6
"""Group marks cycle through this many component classes (``compare-column--group-1`` …)."""
GUTTER = 4
"""Cells left of the text: cursor pointer, two for the group number, one for the bar."""
ANNOTATION_MARK = "✎"
"""Shown in the pointer cell of rows of annotated passages (where the cursor is not)."""
FLAG_MARKS = {"number": "≠", "attribution": "@"}
"""Shown in the bar cell of rows of passages the fact check flags as a conflict, by kind of flag."""

HighlightKind = Literal["current", "counterpart"]


@dataclass(frozen=True, slots=True)
class PlacedPassage:
    """A passage with the rows and columns where it is drawn: ``(first_row, first_col)`` to ``(last_row, end_col)``."""

    passage: Passage
    first_row: int
    first_col: int
    last_row: int
    end_col: int


class CompareColumn(ScrollView, can_focus=True, inherit_bindings=False):
    """An article with aligned passages marked in the gutter and the passage under the cursor highlighted."""

    BINDINGS: ClassVar = bindings_for("column")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-column--title",
        "compare-column--meta",
        "compare-column--debris",
        "compare-column--pointer",
        "compare-column--current",
        "compare-column--counterpart",
        "compare-column--only",
        "compare-column--linked",
        "compare-column--annotated",
        "compare-column--flag",
        "compare-column--flagged",
        *(f"compare-column--group-{n}" for n in range(1, GROUP_COLOURS + 1)),
    }
    """Themeable marks: heading, meta, debris, cursor pointer, highlighted passages, only-here, linked, group colours,
    annotated, fact-check conflict (its gutter mark and its passage)."""

    HELP: ClassVar[str] = """\
**Compare column** — one outlet's article, kept in step with the others by content.

- The **gutter** left of the text marks each passage the aligner matched: a **number** (and a coloured bar)
  is its group, the same claim in every column; **◆** (dotted bar) is a passage *only this outlet* reports;
  **·** is matched to another passage but in no group.
- **▸** is the cursor. The passage under it is highlighted, and its counterparts are highlighted in every
  other column, brought to the same height. Stretches with no counterpart are interpolated.
- **≠** in the bar cell: the fact check finds a *conflicting figure* in this passage (another outlet gives a
  different number for the same thing); **@**: a *diverging attribution* (another outlet says someone else said
  it, or somewhere else). On such a passage the status line names the conflict (“30%” vs “a quarter”); `x` lists
  them with the values and reasons and jumps to them.
- **elsewhere: ¶N** under a column: the counterpart is out of order there (paragraph N); `enter` jumps to it.
- `n`/`N` next/previous group, `u` next only-here passage, `d` word diff, `v` quote variants, `g` coverage grid, `x` discrepancies.
"""
    """Shown by the help screen when a column has the focus."""

    @dataclass
    class CursorMoved(Message):
        """The user moved this column's cursor (keys, wheel); the other columns should follow."""

        column: CompareColumn

        @property
        def control(self) -> CompareColumn:
            return self.column

    @dataclass
    class Rewrapped(Message):
        """The column was wrapped to a new width, so its rows changed."""

        column: CompareColumn

        @property
        def control(self) -> CompareColumn:
            return self.column

    def __init__(self, article: Article, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article = article
        self.blocks = article_blocks(article)
        self.text_layout = TextLayout([], 1)
        self.layout_version = 0
        """Goes up with every rewrap; row maps computed for an older version are stale."""
        self.model: CompareModel | None = None
        self.follow_hook: Callable[[CompareColumn], None] | None = None
        """Set by the compare screen: called when the cursor moves (else ``CursorMoved`` is posted)."""
        self.cursor = 0
        self.highlight: list[Span] = []
        self.highlight_kind: HighlightKind = "current"
        self._placed: list[PlacedPassage] = []
        self._placed_last_rows: list[int] = []
        self.focused_offset: int | None = None
        """The offset the cursor was sent to, which picks its passage when a row shows more than one."""
        self._pending_offset: int | None = 0
        self._announce_pending = False
        self._moving = False
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._cached_rich_styles: dict[str, Style] = {}
        self.annotated: list[Span] = []
        """Article spans of this article's annotations (set by the screen)."""
        self._annotated_rows: dict[int, list[tuple[int, int]]] = {}
        self._annotated_version = -1
        self.flagged: list[tuple[Span, str]] = []
        """Article spans of this article's fact-check conflicts, with the flag kind (set by the screen)."""
        self._flagged_rows: dict[int, tuple[str, list[tuple[int, int]]]] = {}
        self._flagged_version = -1

    # --- state set by the screen ----------------------------------------------------------

    def set_model(self, model: CompareModel | None) -> None:
        """Show the passages of an alignment (None: unlinked text)."""
        self.model = model
        self._place_passages()
        self._strips.clear()
        self.refresh()

    def set_highlight(self, spans: list[Span], kind: HighlightKind) -> None:
        """Highlight these article spans (the passage under the cursor, or its counterparts)."""
        if spans == self.highlight and kind == self.highlight_kind:
            return
        touched = self._rows_of_spans(self.highlight) | self._rows_of_spans(spans)
        self.highlight = list(spans)
        self.highlight_kind = kind
        self._refresh_rows(touched)

    def follow(self, row: int, screen_y: int) -> None:
        """Put the cursor on ``row`` and scroll so it sits ``screen_y`` rows below the top (no announcement)."""
        if not self.rows:
            return
        self._place_cursor(row, screen_y)

    @property
    def rows(self) -> list:
        return self.text_layout.rows

    @property
    def viewport_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    @property
    def screen_y(self) -> int:
        """Where the cursor is on screen (rows below the top of the viewport)."""
        return self.cursor - round(self.scroll_y)

    def cursor_span(self) -> tuple[int, int] | None:
        """The article span shown on the cursor row (None on a heading, meta or gap row)."""
        return self.text_layout.offsets_of_row(self.cursor)

    def cursor_passage(self) -> Passage | None:
        """The passage the cursor is on: the one it was sent to (n, u, enter), else the one its row starts in,
        else the first the row shows."""
        span = self.cursor_span()
        if self.model is None or span is None:
            return None
        if self.focused_offset is not None and span[0] <= self.focused_offset < max(span[1], span[0] + 1):
            chosen = self.model.passage_at(self.article.id, self.focused_offset)
            if chosen is not None:
                return chosen
        found = self.model.passage_at(self.article.id, span[0])
        if found is not None:
            return found
        overlapping = self.model.passages_between(self.article.id, span[0], max(span[1], span[0] + 1))
        return overlapping[0] if overlapping else None

    def row_of_offset(self, offset: int) -> int:
        return self.text_layout.row_of_offset(offset)

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor on the row showing ``offset``, at the middle of the view, and announce it."""
        if not self.rows:
            self._pending_offset = offset
            self._announce_pending = True
            return
        self.move_cursor(self.row_of_offset(offset), announce=False)
        self.focused_offset = offset
        self._announce_move()

    # --- reading what is shown (tests, tmux-free checks) ----------------------------------

    def row_text(self, index: int) -> str:
        if not 0 <= index < len(self.rows):
            return ""
        return self.text_layout.row_text(index)

    def visible_text(self) -> list[str]:
        top = round(self.scroll_y)
        return [self.row_text(top + y) for y in range(self.viewport_height)]

    def gutter_text(self, index: int) -> str:
        return self._gutter(index)[0].plain

    def row_is_highlighted(self, index: int) -> bool:
        return bool(self._rows_of_spans(self.highlight) & {index})

    # --- moving ---------------------------------------------------------------------------

    def _announce_move(self) -> None:
        """Tell the screen the cursor moved: directly when it left a hook, so that the columns that
        follow are redrawn in the same frame as this one (a message arrives a frame later)."""
        if self.follow_hook is not None:
            with self.app.batch_update():
                self.follow_hook(self)
        else:
            self.post_message(self.CursorMoved(self))

    def move_cursor(self, row: int, *, announce: bool = True) -> None:
        """Put the cursor on ``row`` with the view centred on it where the article allows."""
        self.focused_offset = None
        self._place_cursor(row, middle(self.viewport_height))
        if announce:
            self._announce_move()

    def shift_view(self, delta: int) -> None:
        """Scroll ``delta`` rows with the cursor keeping its place on screen (at an end the cursor moves instead)."""
        if not self.rows:
            return
        self.focused_offset = None
        top = round(self.scroll_y)
        new_top = max(0, min(top + delta, max(0, len(self.rows) - self.viewport_height)))
        if new_top == top:
            self.move_cursor(max(0, min(len(self.rows) - 1, self.cursor + delta)))
            return
        self._place_cursor(max(0, min(len(self.rows) - 1, new_top + self.cursor - top)), self.cursor - top)
        self._announce_move()

    def _place_cursor(self, row: int, screen_y: int) -> None:
        row = max(0, min(row, len(self.rows) - 1))
        old = self.cursor
        self.cursor = row
        top = scroll_for(row, screen_y, self.viewport_height, len(self.rows))
        self._moving = True
        try:
            self.scroll_to(y=top, animate=False, immediate=True)
        finally:
            self._moving = False
        self._refresh_rows({old, row})

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        self.shift_view(self.viewport_height - 1)

    def action_page_up(self) -> None:
        self.shift_view(-(self.viewport_height - 1))

    def action_top(self) -> None:
        self.move_cursor(0)

    def action_bottom(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        event.prevent_default()
        self.shift_view(3)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        event.prevent_default()
        self.shift_view(-3)

    def _on_scroll_to(self, message: ScrollTo) -> None:
        """The scrollbar was dragged or clicked: move there at once, and the other columns follow."""
        message.stop()
        if message.y is not None and self.rows:
            self.shift_view(round(message.y) - round(self.scroll_y))

    def _on_scroll_up(self, message: ScrollUp) -> None:
        message.stop()
        self.action_page_up()

    def _on_scroll_down(self, message: ScrollDown) -> None:
        message.stop()
        self.action_page_down()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._moving and self.rows and round(old_value) != round(new_value):
            # scrolled by other means (the scrollbar): the cursor keeps its place on screen
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + round(new_value) - round(old_value)))

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width - GUTTER
        if width > 0 and width != self.text_layout.width:
            self._rewrap(width)

    def _rewrap(self, width: int) -> None:
        span = self.cursor_span() if self.rows else None
        offset = self._pending_offset if self._pending_offset is not None else (span[0] if span else self._gap_offset())
        self.text_layout = TextLayout.wrap(self.blocks, width)
        self.layout_version += 1
        self._place_passages()
        self._strips.clear()
        self.virtual_size = Size(width + GUTTER, max(1, len(self.rows)))
        self._pending_offset = None
        if offset is not None and offset > 0:
            self._place_cursor(self.row_of_offset(offset), middle(self.viewport_height))
            if self._announce_pending:
                self.focused_offset = offset
        else:
            self._place_cursor(min(self.cursor, len(self.rows) - 1), self.screen_y)
        self.refresh()
        if self._announce_pending:
            self._announce_pending = False
            self._announce_move()
        else:
            self.post_message(self.Rewrapped(self))

    def _gap_offset(self) -> int | None:
        """On the blank row between two paragraphs, the next paragraph's start: a resize keeps the
        cursor by the text it is at, not by a row number that now shows another passage."""
        if not self.rows or not 0 <= self.cursor < len(self.rows):
            return None
        layout = self.text_layout
        if layout.blocks[layout.rows[self.cursor].block].kind != "gap":
            return None
        return layout.offset_at_row(self.cursor)

    def _place_passages(self) -> None:
        placed: list[PlacedPassage] = []
        if self.model is not None and self.rows:
            layout = self.text_layout
            for passage in self.model.passages.get(self.article.id, []):
                first_row, first_col = layout.position_of_offset(passage.start)
                last_row, last_col = layout.position_of_offset(max(passage.start, passage.end - 1))
                placed.append(PlacedPassage(passage, first_row, first_col, max(first_row, last_row), last_col + 1))
        self._placed = placed
        self._placed_last_rows = [p.last_row for p in placed]

    def _placed_on_row(self, index: int) -> list[PlacedPassage]:
        found = []
        position = bisect_left(self._placed_last_rows, index)
        while position < len(self._placed) and self._placed[position].first_row <= index:
            found.append(self._placed[position])
            position += 1
        return found

    def _rows_of_spans(self, spans: list[Span]) -> set[int]:
        rows: set[int] = set()
        if not self.rows:
            return rows
        for start, end in spans:
            first = self.row_of_offset(start)
            last = self.row_of_offset(max(start, end - 1))
            rows.update(range(first, last + 1))
        return rows

    def _refresh_rows(self, rows: set[int]) -> None:
        for row in rows:
            self._strips.discard(row)
            self.refresh_lines(row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._cached_rich_styles.clear()

    def _base_style(self) -> Style:
        """``rich_style`` (the column's colours over its ancestors'), remembered like the component styles."""
        style = self._cached_rich_styles.get("")
        if style is None:
            style = self._cached_rich_styles[""] = self.rich_style
        return style

    def _component_style(self, name: str) -> Style:
        """``get_component_rich_style``, remembered until the styles change (it walks the CSS on every call)."""
        style = self._cached_rich_styles.get(name)
        if style is None:
            style = self._cached_rich_styles[name] = self.get_component_rich_style(name)
        return style

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self._base_style())
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_row(index, width)
            self._strips[index] = strip
        return strip

    def _render_row(self, index: int, width: int) -> Strip:
        base = self._base_style()
        row = self.rows[index]
        block = self.blocks[row.block]
        shown = block.text[row.start : row.end].rstrip()
        gutter, placed = self._gutter(index)
        text = Text(shown, no_wrap=True, end="")
        text.stylize(base)
        component = {"title": "compare-column--title", "meta": "compare-column--meta", "debris": "compare-column--debris"}.get(block.kind)
        if component:
            text.stylize(self._component_style(component))
        for start, end in self._flagged_columns(index)[1]:
            text.stylize(self._component_style("compare-column--flagged"), start, end)
        if self.highlight:
            style = self._component_style(f"compare-column--{self.highlight_kind}")
            highlighted = {span for span in self.highlight}
            for item in placed:
                if item.passage.span in highlighted:
                    self._stylize_part(text, item, index, style)
            if not any(item.passage.span in highlighted for item in placed):
                for start, end in self.highlight:  # a span the model does not know (no passage), by rows
                    if self.row_of_offset(start) <= index <= self.row_of_offset(max(start, end - 1)):
                        text.stylize(style)
        for start, end in self._annotated_columns(index):
            text.stylize(self._component_style("compare-column--annotated"), start, end)
        line = Text(no_wrap=True, end="")
        line.append_text(gutter)
        line.append_text(text)
        strip = Strip(line.render(self.app.console), GUTTER + cell_len(shown))
        return strip.crop_extend(0, width, base)

    def _stylize_part(self, text: Text, item: PlacedPassage, index: int, style: Style) -> None:
        start = item.first_col if item.first_row == index else 0
        end = item.end_col if item.last_row == index else len(text)
        text.stylize(style, start, max(start, end))

    def _gutter(self, index: int) -> tuple[Text, list[PlacedPassage]]:
        base = self._base_style()
        placed = self._placed_on_row(index)
        gutter = Text(no_wrap=True, end="")
        pointer = "▸" if index == self.cursor else (ANNOTATION_MARK if self._annotated_columns(index) else " ")
        gutter.append(pointer, base + self._component_style("compare-column--pointer"))
        starting = next((p for p in placed if p.first_row == index), None)
        covering = next((p for p in placed if p.first_row < index), None) if starting is None else starting
        label, bar, mark = "  ", " ", None
        if starting is not None:
            label = self._label(starting.passage)
        if covering is not None:
            passage = covering.passage
            mark = self._mark_class(passage)
            bar = {"group": "▎", "only": "┊", "linked": "╎"}[passage.kind]
        style = base + self._component_style(mark) if mark else base
        gutter.append(label, style)
        flag_kind = self._flagged_columns(index)[0]
        if flag_kind:
            gutter.append(FLAG_MARKS.get(flag_kind, "!"), base + self._component_style("compare-column--flag"))
        else:
            gutter.append(bar, style)
        return gutter, placed

    @staticmethod
    def _label(passage: Passage) -> str:
        if passage.kind == "group" and passage.group is not None:
            return f"{passage.group:>2}" if passage.group < 100 else "++"
        return " ◆" if passage.kind == "only" else " ·"

    @staticmethod
    def _mark_class(passage: Passage) -> str:
        if passage.kind == "group" and passage.group is not None:
            return f"compare-column--group-{(passage.group - 1) % GROUP_COLOURS + 1}"
        return "compare-column--only" if passage.kind == "only" else "compare-column--linked"

    # --- annotations (set by the screen, drawn by ``_render_row`` and ``_gutter``) ---------------------

    def set_annotated(self, spans: list[Span]) -> None:
        """Mark these article spans as annotated."""
        self.annotated = sorted(spans)
        self._annotated_version = -1
        self._strips.clear()
        self.refresh()

    def annotated_rows(self) -> list[int]:
        """The rows that show part of an annotated passage (tests, tmux-free checks)."""
        self._annotated_columns(0)
        return sorted(self._annotated_rows)

    def _span_rows(self, start: int, end: int) -> Iterator[tuple[int, tuple[int, int]]]:
        """Each wrapped row an article span covers, with the column range it covers on that row."""
        layout = self.text_layout
        first_row, first_col = layout.position_of_offset(start)
        last_row, last_col = layout.position_of_offset(max(start, end - 1))
        for row in range(first_row, max(first_row, last_row) + 1):
            length = self.rows[row].end - self.rows[row].start
            yield row, (first_col if row == first_row else 0, last_col + 1 if row == last_row else length)

    def _annotated_columns(self, index: int) -> list[tuple[int, int]]:
        """The column ranges of row ``index`` that annotated passages cover."""
        if self._annotated_version != self.layout_version:
            by_row: dict[int, list[tuple[int, int]]] = {}
            if self.rows:
                for start, end in self.annotated:
                    for row, columns in self._span_rows(start, end):
                        by_row.setdefault(row, []).append(columns)
            self._annotated_rows = by_row
            self._annotated_version = self.layout_version
        return self._annotated_rows.get(index, [])

    # --- fact-check conflicts (set by the screen, drawn by ``_render_row`` and ``_gutter``) ------------

    def set_flagged(self, flagged: list[tuple[Span, str]]) -> None:
        """Mark these article spans as carrying a fact-check conflict of the given kind (``number``, ``attribution``)."""
        self.flagged = sorted(flagged)
        self._flagged_version = -1
        self._strips.clear()
        self.refresh()

    def flagged_rows(self) -> list[int]:
        """The rows that show part of a flagged passage (tests, tmux-free checks)."""
        self._flagged_columns(0)
        return sorted(self._flagged_rows)

    def _flagged_columns(self, index: int) -> tuple[str, list[tuple[int, int]]]:
        """The flag kind on row ``index`` ("" for none; numbers win) and the column ranges flagged passages cover."""
        if self._flagged_version != self.layout_version:
            by_row: dict[int, tuple[str, list[tuple[int, int]]]] = {}
            if self.rows:
                for (start, end), kind in self.flagged:
                    for row, columns in self._span_rows(start, end):
                        shown, ranges = by_row.get(row, (kind, []))
                        ranges.append(columns)
                        by_row[row] = ("number" if "number" in (shown, kind) else shown, ranges)
            self._flagged_rows = by_row
            self._flagged_version = self.layout_version
        return self._flagged_rows.get(index, ("", []))
