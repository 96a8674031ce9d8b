"""The crossread app: settings, theme, keymap and the library handle; the screens do the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App

from index.errors import ConfigError
from index.preferences import Preferences, load_preferences, save_preferences
from tui.actions import ACTIONS, bindings_for
from tui.gc_policy import freeze_new, release
from tui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

    from index.config import Config
    from index.library import Library


def _crossread_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (``textual.command`` is slow to import)."""
    from tui.commands import CrossreadCommands

    return CrossreadCommands


class CrossreadApp(App[None]):
    """A reader for one news event across many outlets."""

    CSS_PATH: ClassVar = ["app.tcss"]
    TITLE = "crossread"
    COMMANDS: ClassVar = App.COMMANDS | {_crossread_commands}
    BINDINGS: ClassVar = bindings_for("app")

    def __init__(self, config: Config, library: Library | None = None, start_at: tuple[str, int] | None = None) -> None:
        """Args:
        config: Resolved settings.
        library: An opened library to use; None opens the one ``config`` names (in a worker).
        start_at: (article id, character offset) to open in the reader once the library is loaded.
        """
        super().__init__()
        self.config = config
        self.library = library
        self.start_at = start_at
        self._saved_theme: str | None = None
        self.set_keymap(config.keymap)
        # Everything imported so far (Textual, Rich, our modules) lives as long as the process: keep
        # it out of the collector's passes, which otherwise cost a full pass (~13 ms) before the first frame.
        freeze_new()

    def on_mount(self) -> None:
        self._apply_theme(self._starting_theme())
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        unknown = sorted(set(self.config.keymap) - {spec.id for spec in ACTIONS})
        if unknown:
            self.notify(
                f"keymap: unknown binding id {', '.join(unknown)}; see the help screen (?) for the ids",
                title="Configuration", severity="warning", markup=False,
            )
        self.push_screen(MainScreen(self.config, self.library, self.start_at))

    def _starting_theme(self) -> str:
        """The theme chosen in the app last time, unless the config's theme changed since (see ``index.preferences``)."""
        try:
            return load_preferences(self.config.data_root).theme_for(self.config.theme)
        except ConfigError as error:
            self.notify(error.message, title=error.title, severity="warning", markup=False)
            return self.config.theme

    def _apply_theme(self, theme: str) -> None:
        if theme in self.available_themes:
            self.theme = theme
            return
        self.notify(
            f"theme {theme!r} does not exist; using {self.theme}. Pick one from the palette (ctrl+p, 'theme').",
            title="Configuration", severity="warning", markup=False,
        )

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        try:
            save_preferences(self.config.data_root, Preferences(theme.name, self.config.theme))
        except ConfigError as error:
            self.notify(error.message, title=error.title, severity="warning", markup=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen  # rich.markdown loads on first use, off the first paint

        if isinstance(self.screen, HelpScreen):
            return
        focused = self.screen.focused
        # The focused widget or the nearest container that explains itself (the search box's Input
        # has no help of its own; the SearchBox around it has).
        helpers = focused.ancestors_with_self if focused is not None else []
        topics = [getattr(type(widget), "HELP", None) for widget in helpers]
        topic = next((text for text in topics if isinstance(text, str)), None)
        self.push_screen(HelpScreen(self.config.keymap, topic))

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()
        release()


def run_app(config: Config, start_at: tuple[str, int] | None = None) -> int:
    """Run the app on the library ``config`` names (opened and indexed inside the app); return the exit code.

    Args:
        config: Resolved settings.
        start_at: (article id, character offset): open that article in the reader, scrolled to the offset.
    """
    app = CrossreadApp(config, start_at=start_at)
    app.run()
    return app.return_code or 0
