"""Search results: one entry per matching passage, its snippet with the matched words marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.actions import bindings_for
from tui.text_safety import one_line, visible

if TYPE_CHECKING:
    from rich.style import Style

    from index.search import Hit


class HitOption(Option):
    """A result row, carrying its hit."""

    def __init__(self, prompt: Text, hit: Hit) -> None:
        super().__init__(prompt)
        self.hit = hit


class SearchResults(OptionList, inherit_bindings=False):
    """The passages the last search found; enter opens one in the reader."""

    BINDINGS: ClassVar = bindings_for("results")

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-results--match", "search-results--where"}
    """The matched words in a snippet, and the source/title line above it."""

    class ClearRequested(Message):
        """The user wants the search cleared and the article list back."""

    def show_hits(self, hits: list[Hit]) -> None:
        """Replace the rows with ``hits`` (snippet highlights are styled, never parsed as markup)."""
        match_style = self.get_component_rich_style("search-results--match")
        where_style = self.get_component_rich_style("search-results--where")
        width = max(20, self.scrollable_content_region.width - 2)
        options = [HitOption(hit_prompt(hit, match_style, where_style, width), hit) for hit in hits]
        self.set_options(options)
        self.highlighted = 0 if options else None

    @property
    def highlighted_hit(self) -> Hit | None:
        option = self.highlighted_option
        return option.hit if isinstance(option, HitOption) else None

    def action_clear_search(self) -> None:
        self.post_message(self.ClearRequested())


def hit_prompt(hit: Hit, match_style: Style, where_style: Style, width: int) -> Text:
    """Two or more lines: "source · ¶n · title" cut to ``width``, then the snippet with ``hit.highlights`` styled."""
    where = Text(one_line(f"{hit.source} · ¶{hit.paragraph} · {hit.title}", width), style=where_style)
    snippet = Text(visible(hit.snippet).replace("\n", " "))
    for start, end in hit.highlights:
        snippet.stylize(match_style, start, end)
    return Text("\n").join([where, snippet])
