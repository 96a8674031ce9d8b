"""Asks where to export the annotations; the answer is the typed target (a file, or a folder for a named file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.actions import bindings_for

if TYPE_CHECKING:
    from textual.app import ComposeResult


class ExportDialog(ModalScreen["str | None"]):
    """An input prefilled with the default target; enter exports, escape cancels."""

    BINDINGS: ClassVar = bindings_for("export")

    def __init__(self, default_target: str, count: int) -> None:
        """Args:
        default_target: What the input starts with (a folder: the file is named from the title).
        count: How many annotations will be exported.
        """
        super().__init__()
        self.default_target = default_target
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            noun = "annotation" if self.count == 1 else "annotations"
            yield Static(Text(f"Export {self.count} {noun} to Markdown"), id="export-title")
            yield Input(self.default_target, id="export-target")
            yield Static(
                Text("A folder gets a file named from the title; an existing file is replaced. enter exports · escape cancels"),
                id="export-hint",
            )
            yield Static(id="export-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#export-target")
    def export_to(self, event: Input.Submitted) -> None:
        target = event.value.strip()
        if not target:
            self.query_one("#export-error", Static).update(Text("Type a file or folder to export to."))
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
