"""Every annotation of the corpus: status, where, the passage (an orphan's saved quote), note and tags.

The list is an ``OptionList`` (line API, one option per annotation); the filter box keeps the
annotations with a tag containing what is typed. ``enter`` opens the passage in the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import bindings_for
from tui.annotating import describe
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.annotations import PlacedAnnotation
    from tui.annotating import Annotating

PASSAGE_CHARS = 160
"""How much of a passage or note one row shows."""
STATUS_COMPONENTS = {
    "exact": "annotations-list--exact",
    "moved": "annotations-list--moved",
    "fuzzy": "annotations-list--fuzzy",
    "orphan": "annotations-list--orphan",
}


class AnnotationOption(Option):
    """One annotation as a row of the list; the placed annotation rides along."""

    def __init__(self, placed: PlacedAnnotation, prompt: Text) -> None:
        super().__init__(prompt, id=placed.id)
        self.placed = placed


class AnnotationsList(OptionList):
    """The list of annotations; its component classes colour the status."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*OptionList.COMPONENT_CLASSES, *STATUS_COMPONENTS.values(), "annotations-list--tags"}


def tag_matches(placed: PlacedAnnotation, wanted: str) -> bool:
    """Whether one of the annotation's tags contains ``wanted`` (``#`` and case ignored; empty: all)."""
    wanted = wanted.strip().lstrip("#").casefold()
    return not wanted or any(wanted in tag.casefold() for tag in placed.annotation.tags)


class AnnotationsScreen(ModalScreen["PlacedAnnotation | None"]):
    """A filterable list of the annotations; enter jumps (dismisses with the annotation), e edits, d deletes (after asking)."""

    BINDINGS: ClassVar = bindings_for("annotations")

    def __init__(self, annotating: Annotating) -> None:
        super().__init__()
        self.annotating = annotating
        self.all_placed: list[PlacedAnnotation] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="annotations-dialog"):
            yield Static(id="annotations-title")
            yield Input(placeholder="filter by tag (/ to type here)", id="annotations-filter")
            yield AnnotationsList(id="annotations-list")
            yield Static(
                Text("enter open · e edit · d delete · / filter by tag · escape close"), id="annotations-hint"
            )

    def on_mount(self) -> None:
        self.reload()
        self.query_one(AnnotationsList).focus()

    def reload(self) -> None:
        """Read the annotations again (after an edit or a delete) and show those the filter keeps."""
        self.all_placed = self.annotating.placed() or []
        self.show_filtered()

    def show_filtered(self) -> None:
        wanted = self.query_one("#annotations-filter", Input).value
        option_list = self.query_one(AnnotationsList)
        highlighted = option_list.highlighted
        shown = [p for p in self.all_placed if tag_matches(p, wanted)]
        option_list.clear_options()
        option_list.add_options([AnnotationOption(p, self.row(p)) for p in shown])
        if shown:
            option_list.highlighted = min(highlighted or 0, len(shown) - 1)
        orphans = sum(1 for p in shown if not p.anchor.found)
        title = f"Annotations: {len(shown)} of {len(self.all_placed)}" if wanted.strip() else f"Annotations: {len(shown)}"
        if orphans:
            title += f" · {orphans} orphan{'s' if orphans != 1 else ''} (passage gone; saved quote shown)"
        if not self.all_placed:
            title += " · none yet: select a passage in the reader and press a"
        self.query_one("#annotations-title", Static).update(Text(title))

    def row(self, placed: PlacedAnnotation) -> Text:
        """Three lines: status and article; the passage (or the saved quote); note and tags. Never markup."""
        option_list = self.query_one(AnnotationsList)
        annotation = placed.annotation
        text = Text(no_wrap=True, overflow="ellipsis")
        status = placed.status
        text.append(f"{status:<6}", option_list.get_component_rich_style(STATUS_COMPONENTS[status], partial=True))
        text.append(f"  {describe(placed.article)}  ({annotation.id})\n")
        if placed.text is not None:
            text.append(f"  “{one_line(placed.text, PASSAGE_CHARS)}”\n")
        else:
            text.append("  saved quote: ", option_list.get_component_rich_style("annotations-list--orphan", partial=True))
            text.append(f"“{one_line(annotation.quote, PASSAGE_CHARS)}”\n")
        note = one_line(annotation.note, PASSAGE_CHARS) if annotation.note.strip() else "(no note)"
        text.append(f"  {note}")
        if annotation.tags:
            text.append("  " + " ".join(f"#{tag}" for tag in annotation.tags),
                        option_list.get_component_rich_style("annotations-list--tags", partial=True))
        return text

    @property
    def current(self) -> PlacedAnnotation | None:
        option_list = self.query_one(AnnotationsList)
        if option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return option.placed if isinstance(option, AnnotationOption) else None

    @on(Input.Changed, "#annotations-filter")
    def filter_changed(self) -> None:
        self.show_filtered()

    @on(Input.Submitted, "#annotations-filter")
    def filter_done(self) -> None:
        self.query_one(AnnotationsList).focus()

    @on(OptionList.OptionSelected, "#annotations-list")
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, AnnotationOption):
            self.jump(event.option.placed)

    def jump(self, placed: PlacedAnnotation) -> None:
        if placed.anchor.found and placed.article is not None:
            self.dismiss(placed)
        else:
            self.annotating.jump_to(placed)  # an orphan: says so, with its saved quote

    def action_jump(self) -> None:
        placed = self.current
        if placed is not None:
            self.jump(placed)

    def action_edit(self) -> None:
        placed = self.current
        if placed is not None:
            self.annotating.edit(placed, on_done=self.reload)

    def action_delete(self) -> None:
        placed = self.current
        if placed is not None:
            self.annotating.delete(placed, on_done=self.reload)

    def action_cursor_down(self) -> None:
        """Move the list's cursor; from the filter box (down), go to the list first."""
        option_list = self.query_one(AnnotationsList)
        if option_list.has_focus:
            option_list.action_cursor_down()
        else:
            option_list.focus()

    def action_cursor_up(self) -> None:
        """Move the list's cursor; from the filter box (up), go to the list first."""
        option_list = self.query_one(AnnotationsList)
        if option_list.has_focus:
            option_list.action_cursor_up()
        else:
            option_list.focus()

    def action_filter(self) -> None:
        self.query_one("#annotations-filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
