"""The article list: one row per article (source, date, length, title), under a header per story.

The date column is left out when no article has a date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.actions import bindings_for
from tui.text_safety import one_line

if TYPE_CHECKING:
    from index.article import Article

SOURCE_WIDTH = 15
DATE_WIDTH = 10
LENGTH_WIDTH = 6


class ArticleOption(Option):
    """A row of the list, carrying its article."""

    def __init__(self, article: Article, *, with_date: bool) -> None:
        super().__init__(article_row(article, with_date=with_date), id=f"article:{article.id}")
        self.article = article


def article_row(article: Article, *, with_date: bool = True) -> Text:
    """The row for one article: every piece is article data, so it is built as plain Text."""
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(f"{one_line(article.source, SOURCE_WIDTH):<{SOURCE_WIDTH}.{SOURCE_WIDTH}} ", style="bold")
    if with_date:
        row.append(f"{(article.date or '—'):<{DATE_WIDTH}.{DATE_WIDTH}} ", style="dim")
    row.append(f"{_length(article.word_count):>{LENGTH_WIDTH}} ", style="dim")
    row.append(one_line(article.display_title))
    return row


def _length(words: int) -> str:
    return f"{words}w" if words < 10_000 else f"{words // 1000}kw"


class ArticleList(OptionList, inherit_bindings=False):
    """The corpus as a list grouped by story; highlighting an article previews it, enter opens it."""

    BINDINGS: ClassVar = bindings_for("list")

    def show_groups(self, groups: list[tuple[str, list[Article]]]) -> None:
        """Replace the rows with ``groups`` of (story title, articles)."""
        options: list[Option] = []
        with_date = any(article.date for _, articles in groups for article in articles)
        for title, articles in groups:
            header = Text(f"▸ {one_line(title, 200)} · {len(articles)} articles", no_wrap=True, overflow="ellipsis")
            options.append(Option(header, disabled=True))
            options.extend(ArticleOption(article, with_date=with_date) for article in articles)
        self.set_options(options)
        first = next((index for index, option in enumerate(options) if not option.disabled), None)
        self.highlighted = first

    def select_article(self, article_id: str) -> None:
        """Move the highlight to an article, if it is listed."""
        try:
            self.highlighted = self.get_option_index(f"article:{article_id}")
        except OptionDoesNotExist:
            return

    @property
    def highlighted_article(self) -> Article | None:
        option = self.highlighted_option
        return option.article if isinstance(option, ArticleOption) else None
