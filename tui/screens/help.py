"""The help screen, generated from the action registry: every binding, with the keys it has now."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from rich.markdown import Markdown
from textual.widgets import DataTable, Static

from tui.actions import ACTIONS, SCOPE_TITLES, bindings_for, current_keys

if TYPE_CHECKING:
    from textual.app import ComposeResult


class HelpScreen(ModalScreen[None]):
    """Every key of the registry grouped by where it applies; nothing here is written by hand."""

    BINDINGS: ClassVar = bindings_for("help")

    def __init__(self, keymap: dict[str, str], topic: str | None = None) -> None:
        """Args:
        keymap: The user's remapped keys, by binding id.
        topic: Markdown help of the widget that had the focus (its ``HELP``), shown above the keys.
        """
        super().__init__()
        self.keymap = keymap
        self.topic = topic

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Text("crossread keys"), id="help-title")
            if self.topic:
                yield Static(Markdown(self.topic), id="help-topic")
            yield DataTable(id="help-table", cursor_type="none", zebra_stripes=False)
            yield Static(Text("escape closes · keys can be remapped by id in config.yaml (keymap:)"), id="help-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Keys", "Action", "What it does", "Id")
        for scope, scope_title in SCOPE_TITLES.items():
            specs = [spec for spec in ACTIONS if spec.scope == scope]
            if not specs:
                continue
            table.add_row(Text(scope_title, style="bold"), "", "", "", key=f"scope:{scope}")
            for spec in specs:
                table.add_row(
                    Text(self.key_display(current_keys(spec, self.keymap))),
                    Text(spec.description),
                    Text(spec.tooltip),
                    Text(spec.id, style="dim"),
                    key=spec.id,
                )
        table.focus()

    def key_display(self, keys: str) -> str:
        """``keys`` as the footer shows them (``question_mark`` as ``?``, ``ctrl+p`` as ``^p``)."""
        shown = [self.app.get_key_display(Binding(key.strip(), "")) for key in keys.split(",") if key.strip()]
        return " ".join(shown)

    def action_close(self) -> None:
        self.dismiss(None)
