"""The coverage grid: which outlet reports which group (full, partial or absent); enter jumps to the passage."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.actions import bindings_for
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.article import Article
    from tui.compare_model import CompareModel

MARKS = {"full": "■ full", "partial": "◧ partial", "absent": "· absent"}
"""How a cell reads; the ``coverage-grid--<value>`` component class colours it."""


class CoverageGrid(DataTable[Text]):
    """Groups by outlets; component classes theme the three kinds of cell."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {
        "coverage-grid--full",
        "coverage-grid--partial",
        "coverage-grid--absent",
    }


class CoverageGridScreen(ModalScreen["tuple[str, int] | None"]):
    """Dismissed with (article id, group number) of the chosen cell, or None."""

    BINDINGS: ClassVar = bindings_for("grid")

    def __init__(self, model: CompareModel, articles: list[Article], group: int | None = None) -> None:
        super().__init__()
        self.model = model
        self.articles = articles
        self.group = group

    def compose(self) -> ComposeResult:
        with Vertical(id="grid-dialog", classes="panel-dialog"):
            yield Static(Text(f"Coverage · {len(self.model.groups)} groups × {len(self.articles)} outlets"), classes="panel-title")
            yield CoverageGrid(id="coverage-grid", cursor_type="cell", zebra_stripes=False)
            yield Static(Text("enter: go to that outlet's passage · escape closes"), classes="panel-hint")

    def on_mount(self) -> None:
        grid = self.query_one(CoverageGrid)
        grid.add_column(Text("group"), key="group")
        for index, article in enumerate(self.articles):
            grid.add_column(Text(f"{index + 1} {one_line(article.source, 18)}"), key=article.id)
        coverage = self.model.alignment.coverage
        for number, group in enumerate(self.model.groups, start=1):
            cells = [Text(f"{number:>2} {group.kind}")]
            for article in self.articles:
                value = coverage.get(group.id, {}).get(article.id, "absent")
                style = grid.get_component_rich_style(f"coverage-grid--{value}")
                cells.append(Text(MARKS.get(value, value), style=style))
            grid.add_row(*cells, key=str(number))
        row = (self.group - 1) if self.group else 0
        grid.cursor_coordinate = Coordinate(row, 1)
        grid.focus()

    def selected_cell(self) -> tuple[str, int] | None:
        grid = self.query_one(CoverageGrid)
        row, column = grid.cursor_coordinate
        if column == 0 or not 0 <= row < len(self.model.groups):
            return None
        return self.articles[column - 1].id, row + 1

    @on(DataTable.CellSelected)
    def jump_to_cell(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        cell = self.selected_cell()
        if cell is None:
            self.notify("Choose an outlet's cell (left/right).", markup=False)
            return
        self.dismiss(cell)

    def action_cursor_down(self) -> None:
        self.query_one(CoverageGrid).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(CoverageGrid).action_cursor_up()

    def action_cursor_right(self) -> None:
        self.query_one(CoverageGrid).action_cursor_right()

    def action_cursor_left(self) -> None:
        self.query_one(CoverageGrid).action_cursor_left()

    def action_close(self) -> None:
        self.dismiss(None)
