"""A blocking problem, shown until any key is pressed; the text is shown as given, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual import events
    from textual.app import ComposeResult


class ErrorModal(ModalScreen[None]):
    """Says what went wrong; any key closes it (``c`` copies the message first)."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.error_title = title
        self.error_message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-dialog"):
            yield Static(Text(self.error_title), id="error-title")
            yield Static(Text(self.error_message), id="error-message")
            yield Static(Text("Press any key to close · c copies the message"), id="error-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key == "c":
            self.app.copy_to_clipboard(f"{self.error_title}: {self.error_message}")
        self.dismiss(None)
