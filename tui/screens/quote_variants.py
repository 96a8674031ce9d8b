"""The quote variants panel: one direct quote as every outlet gives it, aligned word by word.

Each quote gets a table: one column per word of the reference version (plus a column wherever
some outlet adds words), one row per outlet; cells an outlet changed are marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.actions import bindings_for
from tui.text_safety import one_line, visible

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.article import Article
    from index.collate import QuoteVariants
    from tui.compare_model import CompareModel


@dataclass(frozen=True)
class Cell:
    text: str
    changed: bool


def variant_grid(variants: QuoteVariants) -> tuple[list[str], list[tuple[str, list[Cell]]]]:
    """The word-by-word grid of a quote: column headers (the reference's words) and one row of cells per version.

    A replaced run's words go in the first column it covers; dropped words show as "—";
    added words get a column of their own before the reference word they precede.
    """
    versions = variants.versions
    reference_words = " ".join(op[1] for op in versions[0].ops if op[1]).split() if versions else []
    inserts: list[dict[int, str]] = []
    cells_by_word: list[dict[int, Cell]] = []
    for version in versions:
        position = 0
        words: dict[int, Cell] = {}
        added: dict[int, str] = {}
        for op, a, b in version.ops:
            count = len(a.split())
            if op == "equal":
                for offset, word in enumerate(b.split()):
                    words[position + offset] = Cell(word, False)
            elif op == "delete":
                for offset in range(count):
                    words[position + offset] = Cell("—", True)
            elif op == "replace":
                for offset in range(count):
                    words[position + offset] = Cell(b if offset == 0 else "", True)
            elif op == "insert":
                added[position] = (added.get(position, "") + " " + b).strip()
            position += count
        inserts.append(added)
        cells_by_word.append(words)
    slots: list[tuple[str, int]] = []
    insert_positions = {p for added in inserts for p in added}
    for position in range(len(reference_words) + 1):
        if position in insert_positions:
            slots.append(("insert", position))
        if position < len(reference_words):
            slots.append(("word", position))
    headers = ["+" if kind == "insert" else reference_words[p] for kind, p in slots]
    rows = []
    for version, words, added in zip(versions, cells_by_word, inserts):
        cells = [
            (Cell(added[p], True) if p in added else Cell("", False)) if kind == "insert" else words.get(p, Cell("", False))
            for kind, p in slots
        ]
        rows.append((version.article_id, cells))
    return headers, rows


class VariantTable(DataTable[Text]):
    """One quote's grid; ``variant-table--changed`` themes the words an outlet changed."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {"variant-table--changed"}


class QuoteVariantsScreen(ModalScreen[None]):
    """Every shared quote of the story, the one of the current group first."""

    BINDINGS: ClassVar = bindings_for("panel")

    def __init__(self, model: CompareModel, articles: list[Article], group: int | None = None) -> None:
        super().__init__()
        self.model = model
        self.sources = {article.id: one_line(article.source, 30) for article in articles}
        variants = list(model.alignment.quote_variants)
        current = f"g{group}" if group is not None else None
        variants.sort(key=lambda v: v.group_id != current)
        self.variants = variants

    def compose(self) -> ComposeResult:
        with Vertical(id="variants-dialog", classes="panel-dialog"):
            yield Static(Text(f"Quote variants · {len(self.variants)} shared quote{'s' if len(self.variants) != 1 else ''}"),
                         classes="panel-title")
            with VerticalScroll(id="variants-body"):
                for index, variants in enumerate(self.variants):
                    reference = self.sources.get(variants.reference_article, variants.reference_article)
                    yield Static(Text(f"group {variants.group_id.removeprefix('g')} · reference: {reference}"),
                                 classes="variants-heading")
                    yield VariantTable(id=f"variants-{index}", cursor_type="none", zebra_stripes=False, show_cursor=False)
            yield Static(Text("marked: words an outlet changed · —: dropped · +: added · escape closes"), classes="panel-hint")

    def action_cursor_down(self) -> None:
        self.query_one("#variants-body", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#variants-body", VerticalScroll).scroll_up()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_mount(self) -> None:
        for index, variants in enumerate(self.variants):
            table = self.query_one(f"#variants-{index}", VariantTable)
            changed = table.get_component_rich_style("variant-table--changed")
            headers, rows = variant_grid(variants)
            table.add_column(Text("outlet"))
            for header in headers:
                table.add_column(Text(visible(header)))
            for article_id, cells in rows:
                table.add_row(
                    Text(self.sources.get(article_id, article_id), style="bold"),
                    *[Text(visible(cell.text), style=changed if cell.changed else "") for cell in cells],
                )
        if self.variants:
            self.query_one("#variants-0", VariantTable).focus()
