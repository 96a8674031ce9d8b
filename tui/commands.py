"""The command palette: every registry action, the load-problems list, and "open article: <title>" for each article."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.actions import ACTIONS, ActionSpec
from tui.text_safety import one_line

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tui.screens.main import MainScreen


class CrossreadCommands(Provider):
    """Commands named with a prefix: ``action: …`` for keys, ``open article: …`` for articles."""

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
        for spec in ACTIONS:
            if spec.in_palette:
                yield f"action: {spec.description.lower()} ({spec.id})", partial(self._run, spec), spec.tooltip
        if main.library is not None:
            for article in main.library.corpus.articles:
                title = one_line(article.display_title, 120)
                source = one_line(article.source, 40)
                yield f"open article: {title}", partial(main.open_article, article), f"{source} · {article.path}"

    async def _run(self, spec: ActionSpec) -> None:
        main = self._main_screen()
        if main is not None:
            await main.run_registry_action(spec)

    async def discover(self) -> Hits:
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)
