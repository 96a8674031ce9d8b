"""The word diff panel: a passage and its counterpart in another outlet, changed words marked.

Figures, names and quoted strings are compared whole (``index.worddiff``), so "5,000" against
"5000" or "President Putin" against "Putin" shows as one change, not a rainbow of fragments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from index.worddiff import word_diff
from tui.actions import bindings_for
from tui.text_safety import one_line, visible

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.article import Article
    from tui.compare_model import Span


class DiffText(Static):
    """One side of a diff; its component classes theme removed and added words."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"diff-text--removed", "diff-text--added"}


class WordDiffScreen(ModalScreen[None]):
    """The passage under the cursor against its counterpart: words only in the first struck, only in the second marked."""

    BINDINGS: ClassVar = bindings_for("panel")

    def __init__(self, article: Article, span: Span, other: Article, other_span: Span, *, direct: bool = True) -> None:
        super().__init__()
        self.article = article
        self.span = span
        self.other = other
        self.other_span = other_span
        self.direct = direct
        self.first_text = Text()
        """The first passage as shown, its removed words styled (for tests and copying)."""
        self.second_text = Text()

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-dialog", classes="panel-dialog"):
            yield Static(Text(self._title()), id="diff-title", classes="panel-title")
            with VerticalScroll(id="diff-body"):
                yield Static(Text(self._heading(self.article, self.span)), classes="diff-heading")
                yield DiffText(id="diff-a")
                yield Static(Text(self._heading(self.other, self.other_span)), classes="diff-heading")
                yield DiffText(id="diff-b")
            yield Static(Text("struck: only in the first · marked: only in the second · escape closes"), classes="panel-hint")

    def _title(self) -> str:
        how = "linked passages" if self.direct else "passages of the same group"
        return f"Word diff · {how}"

    @staticmethod
    def _heading(article: Article, span: Span) -> str:
        paragraph = article.paragraph_at(span[0])
        where = f" · ¶{paragraph.number}" if paragraph is not None else ""
        return f"{one_line(article.source, 60)}{where}"

    def action_cursor_down(self) -> None:
        self.query_one("#diff-body", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#diff-body", VerticalScroll).scroll_up()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_mount(self) -> None:
        a_text = self.article.text[self.span[0] : self.span[1]]
        b_text = self.other.text[self.other_span[0] : self.other_span[1]]
        diff = word_diff(a_text, b_text)
        side_a = self.query_one("#diff-a", DiffText)
        side_b = self.query_one("#diff-b", DiffText)
        removed = side_a.get_component_rich_style("diff-text--removed")
        added = side_b.get_component_rich_style("diff-text--added")
        if diff.rewritten:
            side_a.update(Text(one_line(a_text, 5000)))
            side_b.update(Text(one_line(b_text, 5000)))
            note = f" · rewritten: {round(diff.distance * 100)}% of the words differ, so no word-by-word marks"
            title = self.query_one("#diff-title", Static)
            title.update(Text(self._title() + note))
            return
        first, second = Text(), Text()
        for op, a, b in diff.ops:
            if op == "equal":
                _append(first, a, None)
                _append(second, b, None)
            if op in ("delete", "replace"):
                _append(first, a, removed)
            if op in ("insert", "replace"):
                _append(second, b, added)
        self.first_text, self.second_text = first, second
        side_a.update(first)
        side_b.update(second)


def _append(text: Text, words: str, style: object) -> None:
    if not words:
        return
    if text.plain:
        text.append(" ")
    text.append(visible(words), style=style)  # type: ignore[arg-type]
