"""The article list: one row per article (mark, source, date, length, title), under a header per story.

The date column is left out when no article has a date. ``space`` marks articles for the
compare view, ``c`` asks for it; enter on a story header compares the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.actions import bindings_for
from tui.text_safety import one_line

if TYPE_CHECKING:
    from index.article import Article

SOURCE_WIDTH = 15
DATE_WIDTH = 10
LENGTH_WIDTH = 6
COMPACT_SOURCE_WIDTH = 11
COMPACT_BELOW = (60, 40)
"""List widths below which rows drop the date (and a shorter source), then also the length, so the title keeps room."""
MAX_MARKED = 5
"""The compare view shows at most this many columns."""


class ArticleOption(Option):
    """A row of the list, carrying its article."""

    def __init__(self, article: Article, *, with_date: bool, marked: bool = False, compact: int = 0) -> None:
        super().__init__(article_row(article, with_date=with_date, marked=marked, compact=compact), id=f"article:{article.id}")
        self.article = article


SINGLES_TITLE = "Reported once: no related article found"
"""The header over the articles that are stories of their own (a header each would bury the real stories)."""


class StoryOption(Option):
    """A story header, carrying the story's title and articles; ``related`` is False for the reported-once group."""

    def __init__(self, number: int, title: str, articles: list[Article], *, related: bool = True) -> None:
        count = f"{len(articles)} article{'' if len(articles) == 1 else 's'}"
        header = Text(f"▸ {one_line(title, 200)} · {count}", no_wrap=True, overflow="ellipsis", style="bold")
        super().__init__(header, id=f"story:{number}")
        self.title = title
        self.articles = articles
        self.related = related


def article_row(article: Article, *, with_date: bool = True, marked: bool = False, compact: int = 0) -> Text:
    """The row for one article: every piece is article data, so it is built as plain Text.

    ``compact`` keeps the title readable in a narrow list: 1 drops the date and shortens the
    source, 2 also drops the length (the reader's header shows all three).
    """
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append("● " if marked else "  ", style="bold")
    width = SOURCE_WIDTH if not compact else COMPACT_SOURCE_WIDTH
    row.append(f"{one_line(article.source, width):<{width}.{width}} ", style="bold")
    if with_date and not compact:
        row.append(f"{(article.date or '—'):<{DATE_WIDTH}.{DATE_WIDTH}} ", style="dim")
    if compact < 2:
        row.append(f"{_length(article.word_count):>{LENGTH_WIDTH}} ", style="dim")
    row.append(one_line(article.display_title))
    return row


def _length(words: int) -> str:
    return f"{words}w" if words < 10_000 else f"{words // 1000}kw"


class ArticleList(OptionList, inherit_bindings=False):
    """The corpus as a list grouped by story; highlighting an article previews it, enter opens it."""

    BINDINGS: ClassVar = bindings_for("list")

    HELP: ClassVar[str] = """\
**Article list** — every article, under a header per story (stories come from metadata or are found by content);
articles no other article reports on are listed last, under "Reported once".

- `enter` on an article opens it in the reader; on a **story header** it compares the story's articles.
- `space` marks an article (**●**); `c` compares the marked articles (2 to 5) side by side, or, with none
  marked, the story of the highlighted article (its first 5 articles).
"""
    """Shown by the help screen when the list has the focus."""

    @dataclass
    class CompareRequested(Message):
        """The user asked to compare these articles (2 to 5)."""

        articles: list[Article]
        title: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marked: list[str] = []
        """Ids of the marked articles, in the order they were marked."""
        self._with_date = True
        self._compact = 0
        self._groups: list[tuple[str, list[Article]]] = []

    def _row(self, article: Article, *, marked: bool = False) -> Text:
        return article_row(article, with_date=self._with_date, marked=marked, compact=self._compact)

    def _narrow(self) -> int:
        width = self.scrollable_content_region.width
        return sum(0 < width < below for below in COMPACT_BELOW)

    def on_resize(self) -> None:
        if self._narrow() != self._compact and self._groups:
            self._compact = self._narrow()
            for index, option in enumerate(self.options):  # in place: the highlight (and the reader) stay put
                if isinstance(option, ArticleOption):
                    self.replace_option_prompt_at_index(index, self._row(option.article, marked=option.article.id in self.marked))

    def show_groups(self, groups: list[tuple[str, list[Article]]]) -> None:
        """Replace the rows with ``groups`` of (story title, articles)."""
        options: list[Option] = []
        self._groups = groups
        self._compact = self._narrow()
        self._with_date = any(article.date for _, articles in groups for article in articles)
        known = {article.id for _, articles in groups for article in articles}
        self.marked = [article_id for article_id in self.marked if article_id in known]
        stories = [(title, articles) for title, articles in groups if len(articles) > 1]
        singles = [article for _, articles in groups if len(articles) == 1 for article in articles]
        headers = [StoryOption(number, title, articles) for number, (title, articles) in enumerate(stories)]
        if singles:
            headers.append(StoryOption(len(stories), SINGLES_TITLE, singles, related=False))
        for header in headers:
            options.append(header)
            options.extend(
                ArticleOption(article, with_date=self._with_date, marked=article.id in self.marked, compact=self._compact)
                for article in header.articles
            )
        self.set_options(options)
        first = next((index for index, option in enumerate(options) if isinstance(option, ArticleOption)), None)
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

    def story_of_highlighted(self) -> StoryOption | None:
        """The story header the highlighted row is (or is under)."""
        index = self.highlighted
        while index is not None and index >= 0:
            option = self.get_option_at_index(index)
            if isinstance(option, StoryOption):
                return option
            index -= 1
        return None

    def action_toggle_mark(self) -> None:
        option = self.highlighted_option
        if not isinstance(option, ArticleOption) or self.highlighted is None:
            return
        article_id = option.article.id
        if article_id in self.marked:
            self.marked.remove(article_id)
        elif len(self.marked) >= MAX_MARKED:
            self.notify(f"At most {MAX_MARKED} articles can be compared; unmark one first (space).", markup=False)
            return
        else:
            self.marked.append(article_id)
        marked = article_id in self.marked
        self.replace_option_prompt_at_index(self.highlighted, self._row(option.article, marked=marked))
        self.action_cursor_down()

    def action_compare(self) -> None:
        if self.marked:
            articles = [o.article for o in self.options if isinstance(o, ArticleOption) and o.article.id in self.marked]
            if len(articles) < 2:
                self.notify("Mark at least two articles to compare (space), or unmark this one to compare its story.",
                            markup=False)
                return
            self.post_message(self.CompareRequested(articles, "marked articles"))
            return
        story = self.story_of_highlighted()
        if story is None:
            return
        self.request_story(story)

    def request_story(self, story: StoryOption) -> None:
        if not story.related:
            self.notify("No other article reports on this one; mark articles (space) to compare them anyway.", markup=False)
            return
        if len(story.articles) < 2:
            self.notify("This story has one article; mark articles of other stories (space) to compare them.", markup=False)
            return
        self.post_message(self.CompareRequested(list(story.articles), story.title))

    def clear_marks(self) -> None:
        for index, option in enumerate(self.options):
            if isinstance(option, ArticleOption) and option.article.id in self.marked:
                self.replace_option_prompt_at_index(index, self._row(option.article))
        self.marked = []
