"""Line layout shared by the reader and the compare columns: an article as blocks, wrapped into rows.

No widgets here: a layout is plain data, computed for one width, that answers "which row shows
this character offset" and "what does row N say" quickly enough for a 1 MB article.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tui.text_safety import MAX_LINE_CHARS, one_line, visible, wrap_starts

if TYPE_CHECKING:
    from index.article import Article

BlockKind = Literal["title", "meta", "text", "debris", "gap"]


@dataclass
class Block:
    """A run of display text drawn as a unit: the heading, a paragraph, or the blank line between two."""

    kind: BlockKind
    text: str
    """What is shown: the article's text made visible (a long line as several), and a label for debris."""
    start: int = 0
    """Span of the article text the block shows (start == end for the heading, meta line and gaps)."""
    end: int = 0
    label_length: int = 0
    """Characters at the start of ``text`` that are the debris label, not article text."""
    anchors: list[tuple[int, int]] = field(default_factory=list)
    """(display offset, article offset) where each display line of the block starts (a source line, or a
    piece of a long one)."""

    def display_offset(self, article_offset: int) -> int:
        """Where in ``text`` an article offset inside this block is shown."""
        if not self.anchors:
            return 0
        if len(self.anchors) == 1:
            display, article = self.anchors[0]
            index = 0
        else:
            index = max(0, bisect_right(self.anchors, article_offset, key=lambda anchor: anchor[1]) - 1)
            display, article = self.anchors[index]
        line_end = self.text.find("\n", display)
        line_end = len(self.text) if line_end == -1 else line_end
        return min(display + max(0, article_offset - article), line_end)

    @property
    def has_text(self) -> bool:
        """Whether the block shows a span of the article (a paragraph or the title paragraph)."""
        return self.end > self.start


def article_blocks(article: Article) -> list[Block]:
    """The blocks an article is drawn as: heading, meta line, then paragraphs with gaps between."""
    text = article.text
    blocks: list[Block] = []
    paragraphs = list(article.paragraphs)
    title_paragraph = next((p for p in paragraphs if p.is_title), None)
    if title_paragraph is not None:
        heading = text[title_paragraph.start : title_paragraph.end]
        marker = len(heading) - len(heading.lstrip("#").lstrip()) if heading.startswith("#") else 0  # Markdown "# "
        blocks.append(Block("title", one_line(heading[marker:], 1000),
                            title_paragraph.start, title_paragraph.end, 0, [(0, title_paragraph.start + marker)]))
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
    """The source lines of ``text[start:end]`` made visible, a line longer than MAX_LINE_CHARS shown as several.

    Every character stays on screen (a search hit deep in a 300,000-character line must be
    reachable); the pieces break at a space where there is one, and each keeps its own anchor.
    """
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    display = shift
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        for piece_start, piece_end in _pieces(text, position, line_end):
            line = visible(text[piece_start:piece_end])
            anchors.append((display, piece_start))
            pieces.append(line)
            display += len(line) + 1
        if newline == -1:
            break
        position = newline + 1
    return "\n".join(pieces), anchors


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` (one source line) cut into spans of at most MAX_LINE_CHARS, after a space where possible."""
    spans = []
    while end - start > MAX_LINE_CHARS:
        cut = text.rfind(" ", start + MAX_LINE_CHARS // 2, start + MAX_LINE_CHARS)
        cut = cut + 1 if cut != -1 else start + MAX_LINE_CHARS
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


@dataclass(frozen=True, slots=True)
class Row:
    """One wrapped row on screen: a slice of a block's display text."""

    block: int
    start: int
    end: int


@dataclass
class TextLayout:
    """Blocks wrapped to one width: the rows a scroll view draws, with offset lookups in both directions."""

    blocks: list[Block]
    width: int
    rows: list[Row] = field(default_factory=list)
    block_first_row: list[int] = field(default_factory=list)
    _text_starts: list[int] = field(default_factory=list)
    _text_blocks: list[int] = field(default_factory=list)

    @classmethod
    def wrap(cls, blocks: list[Block], width: int) -> TextLayout:
        """Wrap every block to ``width`` cells (words kept whole where they fit)."""
        layout = cls(blocks, max(1, width))
        rows = layout.rows
        for index, block in enumerate(blocks):
            layout.block_first_row.append(len(rows))
            line_start = 0
            for line in block.text.split("\n"):
                starts = wrap_starts(line, layout.width)
                ends = starts[1:] + [len(line)]
                rows.extend(Row(index, line_start + s, line_start + e) for s, e in zip(starts, ends))
                line_start += len(line) + 1
        text_blocks = sorted((block.start, index) for index, block in enumerate(blocks) if block.has_text)
        layout._text_starts = [start for start, _ in text_blocks]
        layout._text_blocks = [index for _, index in text_blocks]
        return layout

    def __len__(self) -> int:
        return len(self.rows)

    def block_rows(self, block_index: int) -> tuple[int, int]:
        """The rows ``[first, last)`` that draw block ``block_index``."""
        first = self.block_first_row[block_index]
        last = self.block_first_row[block_index + 1] if block_index + 1 < len(self.blocks) else len(self.rows)
        return first, last

    def position_of_offset(self, offset: int) -> tuple[int, int]:
        """(row, column in the row's text) where article ``offset`` is drawn, or the next text after it."""
        if not self.rows:
            return 0, 0
        if not self._text_starts:
            return len(self.rows) - 1, 0
        at = bisect_right(self._text_starts, offset) - 1
        if at < 0:
            block_index = self._text_blocks[0]
            display = self.blocks[block_index].label_length
        else:
            block_index = self._text_blocks[at]
            block = self.blocks[block_index]
            if offset >= block.end:
                if at + 1 < len(self._text_blocks):  # in the gap after a paragraph: the next one
                    block_index = self._text_blocks[at + 1]
                    display = self.blocks[block_index].label_length
                else:
                    first, last = self.block_rows(block_index)
                    return last - 1, self.rows[last - 1].end - self.rows[last - 1].start
            else:
                display = block.display_offset(offset)
        first, last = self.block_rows(block_index)
        row = bisect_right(self.rows, display, lo=first, hi=last, key=lambda r: r.start) - 1
        row = max(first, row)
        return row, display - self.rows[row].start

    def row_of_offset(self, offset: int) -> int:
        """The row that shows article ``offset`` (or the nearest text after it)."""
        return self.position_of_offset(offset)[0]

    def offset_at_row(self, index: int) -> int | None:
        """The article offset of the first paragraph shown at or after row ``index``."""
        for row_index in range(max(0, index), len(self.rows)):
            block = self.blocks[self.rows[row_index].block]
            if block.has_text:
                return block.start
        return None

    def row_text(self, index: int) -> str:
        row = self.rows[index]
        return self.blocks[row.block].text[row.start : row.end].rstrip()

    def offsets_of_row(self, index: int) -> tuple[int, int] | None:
        """The article span ``[start, end)`` that row ``index`` shows, or None for a heading, meta or gap row."""
        if not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        block = self.blocks[row.block]
        if not block.has_text or not block.anchors:
            return None
        return _article_offset(block, row.start), _article_offset(block, row.end)


def _article_offset(block: Block, display: int) -> int:
    """The article offset shown at ``display`` in a block's text (the nearest one, for cut lines and labels)."""
    index = max(0, bisect_right(block.anchors, display, key=lambda anchor: anchor[0]) - 1)
    anchor_display, anchor_article = block.anchors[index]
    return max(block.start, min(block.end, anchor_article + max(0, display - anchor_display)))
