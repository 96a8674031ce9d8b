"""The help screen, generated from the action registry: every binding, with the keys it has now.

The keys are shown as one table per scope under the scope's title (a heading line of its own), laid
out for the width the screen has: the description column takes what the keys and labels leave and
wraps, and the binding ids get a column of their own only when the description keeps room to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from tui.actions import ACTIONS, SCOPE_TITLES, bindings_for, current_keys

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.style import Style
    from textual.app import ComposeResult

KEYS_WIDTH = 14
"""The widest the keys column gets; longer key lists wrap between keys."""
ID_COLUMN_MIN_DESCRIPTION = 40
"""The description must keep this many cells for the ids to get a column; otherwise each id follows its description."""
GAP = 2
"""Cells between columns."""


@dataclass(frozen=True)
class KeyRow:
    """One binding as the help screen lists it."""

    keys: str
    """The keys as the footer shows them, with the user's keymap applied."""
    description: str
    tooltip: str
    id: str


class HelpKeys(Widget):
    """Every binding, grouped under its scope's title; renders to the width it is given (no sideways scrolling)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"help-keys--scope", "help-keys--keys", "help-keys--id", "help-keys--header"}

    def __init__(self, sections: list[tuple[str, list[KeyRow]]], *, id: str | None = None) -> None:
        """Args:
        sections: (scope title, its rows) in the order to show them.
        """
        super().__init__(id=id)
        self.sections = sections

    @property
    def rows(self) -> list[KeyRow]:
        return [row for _, rows in self.sections for row in rows]

    def render(self) -> RenderableType:
        return KeysTables(
            self.sections,
            scope_style=self.get_component_rich_style("help-keys--scope", partial=True),
            keys_style=self.get_component_rich_style("help-keys--keys", partial=True),
            id_style=self.get_component_rich_style("help-keys--id", partial=True),
            header_style=self.get_component_rich_style("help-keys--header", partial=True),
        )


@dataclass
class KeysTables:
    """The Rich renderable of ``HelpKeys``: laid out when rendered, for the width Rich offers (measuring agrees)."""

    sections: list[tuple[str, list[KeyRow]]]
    scope_style: Style
    keys_style: Style
    id_style: Style
    header_style: Style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = [row for _, section_rows in self.sections for row in section_rows]
        keys_width = min(KEYS_WIDTH, max((len(row.keys) for row in rows), default=1))
        action_width = max((len(row.description) for row in rows), default=1)
        id_width = max((len(row.id) for row in rows), default=1)
        id_column = options.max_width - keys_width - action_width - id_width - 3 * GAP >= ID_COLUMN_MIN_DESCRIPTION

        def table(show_header: bool) -> Table:
            grid = Table(
                box=None, show_header=show_header, header_style=self.header_style, expand=True,
                padding=(0, GAP, 0, 0), pad_edge=False, show_edge=False,
            )
            grid.add_column("Keys", width=keys_width, overflow="fold")
            grid.add_column("Action", width=action_width, no_wrap=True)
            grid.add_column("What it does", ratio=1, overflow="fold")
            if id_column:
                grid.add_column("Id", width=id_width, no_wrap=True)
            return grid

        yield table(show_header=True)
        for index, (title, section_rows) in enumerate(self.sections):
            if index:
                yield Text("")
            yield Text(title, style=self.scope_style)
            grid = table(show_header=False)
            for row in section_rows:
                what = Text(row.tooltip)
                if not id_column:
                    what.append(f"  {row.id}", self.id_style)
                cells = [Text(row.keys, style=self.keys_style), Text(row.description), what]
                if id_column:
                    cells.append(Text(row.id, style=self.id_style))
                grid.add_row(*cells)
            yield grid


class HelpBody(VerticalScroll, inherit_bindings=False):
    """The scrolling part of the help; its keys are the screen's (the registry's ``help.*``), which scroll at once."""


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
            with HelpBody(id="help-body"):
                if self.topic:
                    yield Static(Markdown(self.topic), id="help-topic")
                yield HelpKeys(self.sections(), id="help-keys")
            yield Static(
                Text("escape closes · j/k, home/end scroll · remap by id in config.yaml"),
                id="help-hint",
            )

    def on_mount(self) -> None:
        self.body.focus()

    def sections(self) -> list[tuple[str, list[KeyRow]]]:
        """Each scope's title and its bindings, with the keys they have now."""
        sections = []
        for scope, scope_title in SCOPE_TITLES.items():
            rows = [
                KeyRow(self.key_display(current_keys(spec, self.keymap)), spec.description, spec.tooltip, spec.id)
                for spec in ACTIONS
                if spec.scope == scope
            ]
            if rows:
                sections.append((scope_title, rows))
        return sections

    def key_display(self, keys: str) -> str:
        """``keys`` as the footer shows them (``question_mark`` as ``?``, ``ctrl+p`` as ``^p``)."""
        shown = [self.app.get_key_display(Binding(key.strip(), "")) for key in keys.split(",") if key.strip()]
        return " ".join(shown)

    @property
    def body(self) -> HelpBody:
        return self.query_one(HelpBody)

    def action_scroll_down(self) -> None:
        self.body.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.body.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.body.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.body.scroll_page_up(animate=False)

    def action_scroll_top(self) -> None:
        self.body.scroll_home(animate=False)

    def action_scroll_bottom(self) -> None:
        self.body.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
