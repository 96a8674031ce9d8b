"""What the corpus loader skipped and what it loaded with a note, each with the reason, reachable from the palette."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.actions import bindings_for
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.article import Article
    from index.cli_types import LoadReport
    from index.corpus import LoadProblem


class ProblemsScreen(ModalScreen[None]):
    """The load report as the CLI prints it: items skipped, then notes on loaded files.

    A line-API list, since a bad folder can hold thousands.
    """

    BINDINGS: ClassVar = bindings_for("problems")

    def __init__(self, problems: list[LoadProblem], articles: Sequence[Article] | None = None) -> None:
        """Args:
        problems: The corpus's load problems.
        articles: The loaded articles, whose notes are listed too; None takes them from the app's library.
        """
        super().__init__()
        self.problems = problems
        self.articles = articles

    def compose(self) -> ComposeResult:
        from index.cli_types import load_report  # here, not at import: it loads the corpus module (and YAML)

        report = load_report(self.problems, self._articles())
        with Vertical(id="problems-dialog"):
            yield Static(Text(self.heading(report)), id="problems-title")
            rows = [("skipped", p) for p in report.skipped] + [("note", p) for p in report.noted]
            yield OptionList(*[self._row(label, problem) for label, problem in rows], id="problems-list")
            yield Static(Text("escape closes"), id="problems-hint")

    @staticmethod
    def heading(report: LoadReport) -> str:
        """``2 files and 1 JSONL line skipped · 2 files loaded with a note``, or that there is nothing to show."""
        parts = [summary for summary in (report.skipped_summary, report.noted_summary) if summary]
        return " · ".join(parts) if parts else "No load problems"

    @staticmethod
    def _row(label: str, problem: LoadProblem) -> Text:
        return Text.assemble((f"{label:<8}", "bold"), f"{one_line(problem.path, 200)}: {one_line(problem.message, 500)}")

    def _articles(self) -> Sequence[Article]:
        if self.articles is not None:
            return self.articles
        library = getattr(self.app, "library", None)
        return library.corpus.articles if library is not None else ()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
