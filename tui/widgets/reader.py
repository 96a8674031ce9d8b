"""The reader pane: one article, wrapped to the pane and drawn line by line, so any length scrolls smoothly."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.actions import bindings_for
from tui.text_safety import MAX_LINE_CHARS, one_line, visible, wrap_starts

if TYPE_CHECKING:
    from textual import events

    from index.article import Article

BlockKind = Literal["title", "meta", "text", "debris", "gap"]


@dataclass
class Block:
    """A run of display text drawn as a unit: the heading, a paragraph, or the blank line between two."""

    kind: BlockKind
    text: str
    """What is shown: the article's text made visible, with long lines cut and a label for debris."""
    start: int = 0
    """Span of the article text the block shows (start == end for the heading, meta line and gaps)."""
    end: int = 0
    label_length: int = 0
    """Characters at the start of ``text`` that are the debris label, not article text."""
    anchors: list[tuple[int, int]] = field(default_factory=list)
    """(display offset, article offset) where each source line of the block starts."""

    def display_offset(self, article_offset: int) -> int:
        """Where in ``text`` an article offset inside this block is shown."""
        if not self.anchors:
            return 0
        positions = [article for _, article in self.anchors]
        index = max(0, bisect_right(positions, article_offset) - 1)
        display, article = self.anchors[index]
        line_end = self.text.find("\n", display)
        line_end = len(self.text) if line_end == -1 else line_end
        return min(display + max(0, article_offset - article), line_end)


def article_blocks(article: Article) -> list[Block]:
    """The blocks an article is drawn as: heading, meta line, then paragraphs with gaps between."""
    text = article.text
    blocks: list[Block] = []
    paragraphs = list(article.paragraphs)
    title_paragraph = next((p for p in paragraphs if p.is_title), None)
    if title_paragraph is not None:
        blocks.append(Block("title", one_line(text[title_paragraph.start : title_paragraph.end], 1000),
                            title_paragraph.start, title_paragraph.end))
        paragraphs.remove(title_paragraph)
    else:
        blocks.append(Block("title", one_line(article.display_title, 1000)))
    details = [one_line(article.source, 80)]
    if article.date:
        details.append(one_line(article.date, 20))
    details.append(f"{article.word_count:,} words")
    details.append(one_line(article.path, 200))
    blocks.append(Block("meta", " · ".join(details)))
    for paragraph in paragraphs:
        blocks.append(Block("gap", ""))
        label = f"‹{paragraph.debris}› " if paragraph.debris else ""
        shown, anchors = _display_lines(text, paragraph.start, paragraph.end, len(label))
        blocks.append(Block("debris" if paragraph.debris else "text", label + shown,
                            paragraph.start, paragraph.end, len(label), anchors))
    return blocks


def _display_lines(text: str, start: int, end: int, shift: int) -> tuple[str, list[tuple[int, int]]]:
    """The source lines of ``text[start:end]`` made visible, cutting lines longer than MAX_LINE_CHARS."""
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    display = shift
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        line = text[position:line_end]
        if len(line) > MAX_LINE_CHARS:
            hidden = len(line) - MAX_LINE_CHARS
            line = visible(line[:MAX_LINE_CHARS]) + f" … [{hidden:,} more characters on this line not shown]"
        else:
            line = visible(line)
        anchors.append((display, position))
        pieces.append(line)
        display += len(line) + 1
        if newline == -1:
            break
        position = newline + 1
    return "\n".join(pieces), anchors


@dataclass(frozen=True)
class Row:
    """One wrapped row on screen: a slice of a block's display text."""

    block: int
    start: int
    end: int


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
        self.rows: list[Row] = []
        self.passage: tuple[int, int] | None = None
        """Article span shown with the ``reader--passage`` mark."""
        self._block_first_row: list[int] = []
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
        self.rows = []
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

    def row_of_offset(self, offset: int) -> int:
        """The index in ``rows`` of the row that shows article ``offset`` (or the nearest block after it)."""
        if not self.rows:
            return 0
        for index, block in enumerate(self.blocks):
            if block.kind in ("text", "debris", "title") and block.end > block.start and offset < block.end:
                display = block.display_offset(offset) if offset >= block.start else block.label_length
                first = self._block_first_row[index]
                last = self._block_first_row[index + 1] if index + 1 < len(self.blocks) else len(self.rows)
                for row_index in range(first, last):
                    if self.rows[row_index].end > display:
                        return row_index
                return last - 1
        return len(self.rows) - 1

    def visible_text(self) -> list[str]:
        """The rows now on screen, as plain text (what a person would read)."""
        top = self.scroll_offset.y
        return [self.row_text(top + y) for y in range(self.size.height)]

    def row_text(self, index: int) -> str:
        if not self.rows:
            return self.PLACEHOLDER if index == 0 else ""
        if index >= len(self.rows):
            return ""
        row = self.rows[index]
        return self.blocks[row.block].text[row.start : row.end].rstrip()

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
            anchor = self._offset_at_row(self.scroll_offset.y)
        self._wrap_width = width
        rows: list[Row] = []
        first_rows: list[int] = []
        for index, block in enumerate(self.blocks):
            first_rows.append(len(rows))
            line_start = 0
            for line in block.text.split("\n"):
                starts = wrap_starts(line, width)
                ends = starts[1:] + [len(line)]
                rows.extend(Row(index, line_start + s, line_start + e) for s, e in zip(starts, ends))
                line_start += len(line) + 1
        self.rows = rows
        self._block_first_row = first_rows
        self._strips.clear()
        self.virtual_size = Size(width, max(1, len(rows)))
        self._pending_offset = None
        if anchor is not None:
            if self.size.height:
                self.call_after_refresh(self.scroll_to_offset, anchor)
            else:
                self._pending_offset = anchor

    def _offset_at_row(self, index: int) -> int | None:
        for row in self.rows[index:]:
            block = self.blocks[row.block]
            if block.end > block.start:
                return block.start
        return None

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
