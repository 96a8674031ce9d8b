"""The command palette: the registry actions of the screen it was opened on, "open article: <title>"
for each article and "compare story: <title>" for each story of two or more articles."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.actions import ACTIONS, ActionSpec
from tui.text_safety import one_line

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from index.article import Article
    from tui.screens.main import MainScreen


class CrossreadCommands(Provider):
    """Commands named with a prefix: ``action: …`` for keys, ``open article: …``, ``compare story: …``."""

    def _main_screen(self) -> MainScreen | None:
        from tui.screens.main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        main = self._main_screen()
        if main is None:
            return
        scopes = ("app", *getattr(self.screen, "SCOPES", ()))
        for spec in ACTIONS:
            if spec.in_palette and spec.scope in scopes:
                yield f"action: {spec.description.lower()} ({spec.id})", partial(self._run, spec), spec.tooltip
        for title, articles in main.groups:
            if len(articles) >= 2:
                sources = ", ".join(one_line(article.source, 20) for article in articles[:5])
                more = f" (first 5 of {len(articles)})" if len(articles) > 5 else ""
                yield (
                    f"compare story: {one_line(title, 100)} · {len(articles)} articles",
                    partial(self._compare, articles, title),
                    sources + more,
                )
        if main.library is not None:
            for article in main.library.corpus.articles:
                title = one_line(article.display_title, 120)
                source = one_line(article.source, 40)
                yield f"open article: {title}", partial(self._open, article), f"{source} · {article.path}"

    async def _run(self, spec: ActionSpec) -> None:
        run = getattr(self.screen, "run_registry_action", None)
        if run is not None:
            await run(spec)

    def _main_on_top(self) -> MainScreen | None:
        """Close the compare view (if open) so the main screen is on top again."""
        main = self._main_screen()
        while main is not None and self.app.screen is not main and len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        return main

    def _open(self, article: Article) -> None:
        main = self._main_on_top()
        if main is not None:
            main.open_article(article)

    def _compare(self, articles: list[Article], title: str) -> None:
        main = self._main_on_top()
        if main is not None:
            main.open_compare(articles, title)

    async def discover(self) -> Hits:
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)
