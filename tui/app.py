"""The crossread app: settings, theme, keymap and the library handle; the screens do the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App

from tui.actions import ACTIONS, bindings_for
from tui.commands import CrossreadCommands
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen

if TYPE_CHECKING:
    from index.config import Config
    from index.library import Library


class CrossreadApp(App[None]):
    """A reader for one news event across many outlets."""

    CSS_PATH: ClassVar = ["app.tcss"]
    TITLE = "crossread"
    COMMANDS: ClassVar = App.COMMANDS | {CrossreadCommands}
    BINDINGS: ClassVar = bindings_for("app")

    def __init__(self, config: Config, library: Library | None = None) -> None:
        """Args:
        config: Resolved settings.
        library: An opened library to use; None opens the one ``config`` names (in a worker).
        """
        super().__init__()
        self.config = config
        self.library = library
        self.set_keymap(config.keymap)

    def on_mount(self) -> None:
        self._apply_theme(self.config.theme)
        unknown = sorted(set(self.config.keymap) - {spec.id for spec in ACTIONS})
        if unknown:
            self.notify(
                f"keymap: unknown binding id {', '.join(unknown)}; see the help screen (?) for the ids",
                title="Configuration", severity="warning", markup=False,
            )
        self.push_screen(MainScreen(self.config, self.library))

    def _apply_theme(self, theme: str) -> None:
        if theme in self.available_themes:
            self.theme = theme
            return
        self.notify(
            f"theme {theme!r} does not exist; using {self.theme}. Pick one from the palette (ctrl+p, 'theme').",
            title="Configuration", severity="warning", markup=False,
        )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config.keymap))

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()


def run_app(config: Config) -> int:
    """Run the app on the library ``config`` names (opened and indexed inside the app); return the exit code."""
    app = CrossreadApp(config)
    app.run()
    return app.return_code or 0
