"""The reader pane: one article, wrapped to the pane and drawn line by line, so any length scrolls smoothly."""

from __future__ import annotations

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
    }
    """Marks the app's CSS themes: the heading, meta line, debris, its label, the found passage, the empty pane."""

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

    # --- what to show ---------------------------------------------------------------------

    def show_article(self, article: Article, *, passage: tuple[int, int] | None = None, offset: int | None = None) -> None:
        """Show ``article``; scroll so ``offset`` (a character offset into its text) is in view, and mark ``passage``."""
        same = self.article is article
        self.article = article
        self.passage = passage
        if not same:
            self.blocks = article_blocks(article)
            self._wrap_width = 0
        self._strips.clear()
        self._pending_offset = offset if offset is not None else (None if same else 0)
        self._rewrap()
        self.refresh()

    def clear(self) -> None:
        self.article = None
        self.blocks = []
        self.text_layout = TextLayout([], 1)
        self.passage = None
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
        return list(marks)

    # --- layout ---------------------------------------------------------------------------

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        anchor = self._pending_offset
        if anchor is None and self.rows and width != self._wrap_width:
            anchor = self.text_layout.offset_at_row(self.scroll_offset.y)
        self._wrap_width = width
        self.text_layout = TextLayout.wrap(self.blocks, width)
        self._strips.clear()
        self.virtual_size = Size(width, max(1, len(self.rows)))
        self._pending_offset = None
        if anchor is not None:
            if self.size.height:
                self.call_after_refresh(self.scroll_to_offset, anchor)
            else:
                self._pending_offset = anchor

    def on_resize(self, event: events.Resize) -> None:
        if self.blocks and self.scrollable_content_region.width != self._wrap_width:
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
                text = Text(self.PLACEHOLDER, end="")
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
        strip = Strip(text.render(self.app.console), cell_len(shown))
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
        self.post_message(self.BackRequested())
