"""The files the corpus loader skipped, each with the reason, reachable from the palette."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.actions import bindings_for
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.corpus import LoadProblem


class ProblemsScreen(ModalScreen[None]):
    """A list of load problems (path: message); a line-API list, since a bad folder can hold thousands."""

    BINDINGS: ClassVar = bindings_for("problems")

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-dialog"):
            count = len(self.problems)
            heading = f"{count} file{'s' if count != 1 else ''} skipped while loading" if count else "No load problems"
            yield Static(Text(heading), id="problems-title")
            yield OptionList(
                *[Text(f"{one_line(p.path, 200)}: {one_line(p.message, 500)}") for p in self.problems],
                id="problems-list",
            )
            yield Static(Text("escape closes"), id="problems-hint")

    def action_close(self) -> None:
        self.dismiss(None)
