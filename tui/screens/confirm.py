"""A yes/no question; the answer is the screen's result."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.actions import bindings_for

if TYPE_CHECKING:
    from textual.app import ComposeResult


class ConfirmModal(ModalScreen[bool]):
    """Asks ``question`` (shown as text, never markup); ``y`` answers True, ``n`` or escape False."""

    BINDINGS: ClassVar = bindings_for("confirm")

    def __init__(self, question: str, detail: str = "", *, hint: str = "y yes · n or escape no") -> None:
        """Args:
        question: What is asked.
        detail: A line under the question (what it is about), or empty.
        hint: The keys and what each answer does.
        """
        super().__init__()
        self.question = question
        self.detail = detail
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield Static(Text(self.hint), id="confirm-hint")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
