"""The reader pane: one article, wrapped to the pane and drawn line by line, so any length scrolls smoothly.

It also owns the selection (a run of whole sentences, chosen with ``]``/``[``, ``J``/``K`` or the
mouse) and draws the annotated passages its screen gives it, with a mark in a one-cell gutter.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.actions import bindings_for
from tui.text_layout import Block, Row, TextLayout, article_blocks

if TYPE_CHECKING:
    from textual import events

    from index.article import Article

__all__ = ["Block", "Reader", "Row", "article_blocks"]

GUTTER = 1
"""Cells left of the text, where annotated rows get their mark."""
ANNOTATION_MARK = "✎"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _PlacedSpan:
    """An article span with where it is drawn: ``(first_row, first_col)`` to ``(last_row, end_col)``."""

    first_row: int
    first_col: int
    last_row: int
    end_col: int

    def columns(self, row: int, length: int) -> tuple[int, int] | None:
        """The columns ``[start, end)`` of row ``row`` the span covers, or None."""
        if not self.first_row <= row <= self.last_row:
            return None
        start = self.first_col if row == self.first_row else 0
        end = self.end_col if row == self.last_row else length
        return start, max(start, end)


class Reader(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows the open article with its heading, paragraphs separated by blank lines and debris dimmed."""

    BINDINGS: ClassVar = bindings_for("reader")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--debris",
        "reader--debris-label",
        "reader--passage",
        "reader--placeholder",
        "reader--selection",
        "reader--annotated",
        "reader--gutter",
    }
    """Marks the app's CSS themes: the heading, meta line, debris, its label, the found passage, the empty pane,
    the selected sentences, annotated passages and the gutter mark of their rows."""

    HELP: ClassVar[str] = """\
**Reader** — the open article.

- `j`/`k` scroll. `]`/`[` select the next/previous sentence; `J`/`K` (shift+j/k) extend the selection
  by a sentence; a click selects a sentence, shift+click or a drag extends it. `escape` clears the selection.
- `a` writes a note on the selection (with nothing selected: on the first sentence in view).
- **✎** in the left margin marks rows of annotated passages; `A` lists every annotation, `e` exports them.
"""
    """Shown by the help screen when the reader has the focus."""

    PLACEHOLDER = "No article open. Pick one from the list (enter) or search (/)."

    class BackRequested(Message):
        """The user wants to leave the reader for the list they came from."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.blocks: list[Block] = []
        self.text_layout = TextLayout([], 1)
        self.passage: tuple[int, int] | None = None
        """Article span shown with the ``reader--passage`` mark."""
        self._wrap_width = 0
        self._pending_offset: int | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._sentences: list[Span] | None = None
        self.selection: tuple[int, int] | None = None
        """(anchor, cursor): indexes into ``sentences`` of the sentence where the selection started and where it ends."""
        self.annotated: list[Span] = []
        """Article spans of the open article's annotations, drawn with ``reader--annotated`` and a gutter mark."""
        self._placed_selection: _PlacedSpan | None = None
        self._placed_annotated: list[_PlacedSpan] = []
        self._dragging = False

    @dataclass
    class SelectionChanged(Message):
        """The selected sentences changed (``span`` is None when nothing is selected)."""

        reader: Reader
        span: tuple[int, int] | None

        @property
        def control(self) -> Reader:
            return self.reader

    # --- what to show ---------------------------------------------------------------------

    def show_article(self, article: Article, *, passage: tuple[int, int] | None = None, offset: int | None = None) -> None:
        """Show ``article``; scroll so ``offset`` (a character offset into its text) is in view, and mark ``passage``."""
        same = self.article is article
        self.article = article
        self.passage = passage
        if not same:
            self.blocks = article_blocks(article)
            self._wrap_width = 0
            self._sentences = None
            self.selection = None
            self.annotated = []
            self._place_marks()
        self._strips.clear()
        self._pending_offset = offset if offset is not None else (None if same else 0)
        self._rewrap()
        self.refresh()

    def clear(self) -> None:
        self.article = None
        self.blocks = []
        self.text_layout = TextLayout([], 1)
        self.passage = None
        self._sentences = None
        self.selection = None
        self.annotated = []
        self._place_marks()
        self._strips.clear()
        self.virtual_size = Size(0, 1)
        self.refresh()

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the row showing article ``offset`` sits near the top third of the pane."""
        if not self.rows or not self.size.height:
            self._pending_offset = offset
            return
        row = self.row_of_offset(offset)
        self.scroll_to(y=max(0, row - self.size.height // 3), animate=False, immediate=True)

    @property
    def rows(self) -> list[Row]:
        """The wrapped rows of the open article."""
        return self.text_layout.rows

    def row_of_offset(self, offset: int) -> int:
        """The index in ``rows`` of the row that shows article ``offset`` (or the nearest block after it)."""
        return self.text_layout.row_of_offset(offset)

    def visible_text(self) -> list[str]:
        """The rows now on screen, as plain text (what a person would read)."""
        top = self.scroll_offset.y
        return [self.row_text(top + y) for y in range(self.size.height)]

    def row_text(self, index: int) -> str:
        if not self.rows:
            return self.PLACEHOLDER if index == 0 else ""
        if index >= len(self.rows):
            return ""
        return self.text_layout.row_text(index)

    def row_marks(self, index: int) -> list[str]:
        """The component classes applied to a row (what the CSS themes it as)."""
        if index >= len(self.rows):
            return []
        row = self.rows[index]
        block = self.blocks[row.block]
        marks = {"title": ["reader--title"], "meta": ["reader--meta"], "debris": ["reader--debris"]}.get(block.kind, [])
        if self._in_passage(block):
            marks.append("reader--passage")
        if self._placed_selection is not None and self._placed_selection.columns(index, 0) is not None:
            marks.append("reader--selection")
        if any(placed.columns(index, 0) is not None for placed in self._placed_annotated):
            marks.append("reader--annotated")
        return list(marks)

    def gutter_text(self, index: int) -> str:
        """The mark left of row ``index`` (``✎`` on rows of annotated passages)."""
        return ANNOTATION_MARK if any(p.columns(index, 0) is not None for p in self._placed_annotated) else " "

    # --- selection and annotations ----------------------------------------------------------

    @property
    def sentences(self) -> list[Span]:
        """Sentence spans of the article's paragraphs (title and debris left out), in reading order; built on first use."""
        if self._sentences is None:
            spans: list[Span] = []
            if self.article is not None:
                for paragraph in self.article.paragraphs:
                    if paragraph.debris or paragraph.is_title or paragraph.end <= paragraph.start:
                        continue
                    found = [s for s in self.article.sentences(paragraph) if s[1] > s[0]]
                    spans.extend(found or [(paragraph.start, paragraph.end)])
            self._sentences = spans
        return self._sentences

    def selected_span(self) -> Span | None:
        """The article span of the selected sentences, or None."""
        if self.selection is None or not self.sentences:
            return None
        first, last = sorted(self.selection)
        return self.sentences[first][0], self.sentences[last][1]

    def select_sentences(self, anchor: int, cursor: int | None = None) -> None:
        """Select sentences ``anchor`` to ``cursor`` (indexes into ``sentences``) and bring the cursor into view."""
        count = len(self.sentences)
        if not count:
            return
        anchor = max(0, min(anchor, count - 1))
        cursor = anchor if cursor is None else max(0, min(cursor, count - 1))
        self.selection = (anchor, cursor)
        self._place_marks()
        self._strips.clear()
        self.refresh()
        self._bring_into_view(self.sentences[cursor])
        self.post_message(self.SelectionChanged(self, self.selected_span()))

    def clear_selection(self) -> None:
        if self.selection is None:
            return
        self.selection = None
        self._place_marks()
        self._strips.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(self, None))

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset`` (or the next one after it)."""
        sentences = self.sentences
        if not sentences:
            return None
        at = bisect_right(sentences, offset, key=lambda span: span[0]) - 1
        if at >= 0 and offset < sentences[at][1]:
            return at
        return min(at + 1, len(sentences) - 1)

    def start_sentence(self) -> int | None:
        """The sentence a new selection starts on: the found passage if it is in view, else the first one in view."""
        if not self.sentences or not self.rows:
            return None
        top = self.scroll_offset.y
        bottom = top + max(1, self.size.height)
        if self.passage is not None and top <= self.row_of_offset(self.passage[0]) < bottom:
            return self.sentence_at(self.passage[0])
        for row in range(top, min(bottom, len(self.rows))):
            span = self.text_layout.offsets_of_row(row)
            if span is None:
                continue
            index = self.sentence_at(span[0])
            if index is None:
                return None
            if self.sentences[index][0] < span[0] and index + 1 < len(self.sentences):
                following = self.sentences[index + 1]
                if self.row_of_offset(following[0]) < bottom:
                    return index + 1  # the first sentence that starts in view
            return index
        return self.sentence_at(self.text_layout.offset_at_row(top) or 0)

    def ensure_selection(self) -> Span | None:
        """The selected span, selecting the starting sentence first when nothing is selected."""
        if self.selection is None:
            start = self.start_sentence()
            if start is None:
                return None
            self.select_sentences(start)
        return self.selected_span()

    def set_annotated(self, spans: list[Span]) -> None:
        """Mark these article spans as annotated (the screen reloads them after every change)."""
        self.annotated = sorted(spans)
        self._place_marks()
        self._strips.clear()
        self.refresh()

    def _place(self, span: Span) -> _PlacedSpan:
        first_row, first_col = self.text_layout.position_of_offset(span[0])
        last_row, last_col = self.text_layout.position_of_offset(max(span[0], span[1] - 1))
        return _PlacedSpan(first_row, first_col, max(first_row, last_row), last_col + 1)

    def _place_marks(self) -> None:
        if not self.rows:
            self._placed_selection = None
            self._placed_annotated = []
            return
        span = self.selected_span()
        self._placed_selection = self._place(span) if span is not None else None
        self._placed_annotated = [self._place(s) for s in self.annotated if s[1] > s[0]]

    def _bring_into_view(self, span: Span) -> None:
        if not self.rows or not self.size.height:
            return
        first = self.row_of_offset(span[0])
        last = self.row_of_offset(max(span[0], span[1] - 1))
        top = self.scroll_offset.y
        height = self.size.height
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(0, min(first, last - height + 1)), animate=False, immediate=True)

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        """The article offset under the mouse, or None off the text."""
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return None
        row = self.scroll_offset.y + offset.y
        span = self.text_layout.offsets_of_row(row)
        if span is None:
            return None
        return max(span[0], min(span[1] - 1, span[0] + max(0, offset.x - GUTTER)))

    # --- layout ---------------------------------------------------------------------------

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width - GUTTER
        if width <= 0:
            return
        anchor = self._pending_offset
        if anchor is None and self.rows and width != self._wrap_width:
            anchor = self.text_layout.offset_at_row(self.scroll_offset.y)
        self._wrap_width = width
        self.text_layout = TextLayout.wrap(self.blocks, width)
        self._place_marks()
        self._strips.clear()
        self.virtual_size = Size(width + GUTTER, max(1, len(self.rows)))
        self._pending_offset = None
        if anchor is not None:
            if self.size.height:
                self.call_after_refresh(self.scroll_to_offset, anchor)
            else:
                self._pending_offset = anchor

    def on_resize(self, event: events.Resize) -> None:
        if self.blocks and self.scrollable_content_region.width - GUTTER != self._wrap_width:
            self._rewrap()
        elif self._pending_offset is not None and self.rows:
            offset, self._pending_offset = self._pending_offset, None
            self.scroll_to_offset(offset)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.rows:
            if index == 0 and self.article is None:
                text = Text(" " * GUTTER + self.PLACEHOLDER, end="")
                text.stylize(base + self.get_component_rich_style("reader--placeholder"))
                return Strip(text.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_row(index, width)
            self._strips[index] = strip
        return strip

    def _render_row(self, index: int, width: int) -> Strip:
        base = self.rich_style
        row = self.rows[index]
        block = self.blocks[row.block]
        shown = block.text[row.start : row.end].rstrip()
        text = Text(shown, no_wrap=True, end="")
        text.stylize(base)
        component = {"title": "reader--title", "meta": "reader--meta", "debris": "reader--debris"}.get(block.kind)
        if component:
            text.stylize(self.get_component_rich_style(component))
        if block.label_length and row.start < block.label_length:
            text.stylize(self.get_component_rich_style("reader--debris-label"), 0, block.label_length - row.start)
        line_style = base
        if self._in_passage(block):
            passage_style = self.get_component_rich_style("reader--passage")
            text.stylize(passage_style)
            line_style = base + passage_style
        marked = False
        placed_marks = self._placed_annotated if block.has_text else []
        for placed in placed_marks:
            columns = placed.columns(index, len(shown))
            if columns is not None:
                marked = True
                text.stylize(self.get_component_rich_style("reader--annotated"), *columns)
        if self._placed_selection is not None and block.has_text:
            columns = self._placed_selection.columns(index, len(shown))
            if columns is not None:
                text.stylize(self.get_component_rich_style("reader--selection"), *columns)
        line = Text(no_wrap=True, end="")
        if marked:
            line.append(ANNOTATION_MARK, line_style + self.get_component_rich_style("reader--gutter"))
        else:
            line.append(" " * GUTTER, line_style)
        line.append_text(text)
        strip = Strip(line.render(self.app.console), GUTTER + cell_len(shown))
        return strip.crop_extend(0, width, line_style)

    def _in_passage(self, block: Block) -> bool:
        if self.passage is None or block.end <= block.start:
            return False
        start, end = self.passage
        return block.start < max(end, start + 1) and start < block.end

    # --- actions (jumps, not animations: a page of text should land at once) --------------------------------------------------------------------------

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def action_back(self) -> None:
        if self.selection is not None:
            self.clear_selection()
            return
        self.post_message(self.BackRequested())

    def action_next_sentence(self) -> None:
        self._step_sentence(1)

    def action_previous_sentence(self) -> None:
        self._step_sentence(-1)

    def action_select_down(self) -> None:
        self._extend(1)

    def action_select_up(self) -> None:
        self._extend(-1)

    def _step_sentence(self, delta: int) -> None:
        if self.selection is None:
            start = self.start_sentence()
            if start is not None:
                self.select_sentences(start)
            return
        self.select_sentences(self.selection[1] + delta)

    def _extend(self, delta: int) -> None:
        if self.selection is None:
            start = self.start_sentence()
            if start is None:
                return
            self.select_sentences(start, start + delta)
            return
        anchor, cursor = self.selection
        self.select_sentences(anchor, cursor + delta)

    # --- mouse ----------------------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event)
        if offset is None or event.button != 1:
            return
        index = self.sentence_at(offset)
        if index is None:
            return
        if event.shift and self.selection is not None:
            self.select_sentences(self.selection[0], index)
        else:
            self.select_sentences(index)
        self._dragging = True
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging or self.selection is None:
            return
        offset = self._offset_at(event)
        index = self.sentence_at(offset) if offset is not None else None
        if index is not None and index != self.selection[1]:
            self.select_sentences(self.selection[0], index)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
