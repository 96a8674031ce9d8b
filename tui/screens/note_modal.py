"""The note editor: a note (Markdown) and tags for one passage. A failed save keeps it open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from index.errors import CrossreadError
from tui.actions import bindings_for
from tui.screens.confirm import ConfirmModal
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from index.annotations import PlacedAnnotation

SaveNote = Callable[[str, tuple[str, ...]], "PlacedAnnotation"]
"""Saves a note and tags; raises ``CrossreadError`` when the engine refuses (the editor shows why)."""
PASSAGE_PREVIEW_CHARS = 400
"""How much of the passage the editor shows above the note."""
DISCARD_QUESTION = "Discard your changes to this note?"
"""Asked when escape (or Cancel) would throw away a note or tags that were changed."""


def split_tags(typed: str) -> tuple[str, ...]:
    """Tags as typed in the tags box: separated by commas or spaces, ``#`` optional."""
    return tuple(tag for tag in typed.replace(",", " ").split() if tag)


class NoteModal(ModalScreen["PlacedAnnotation | None"]):
    """Shows the passage, a note box and a tags box; dismisses with what was saved, or None when cancelled."""

    BINDINGS: ClassVar = bindings_for("note")

    def __init__(self, heading: str, passage: str, save: SaveNote, *, note: str = "", tags: tuple[str, ...] = ()) -> None:
        """Args:
        heading: What is annotated (source and title); shown as text, never markup.
        passage: The passage (or an orphan's saved quote).
        save: Called with the note and tags when the user saves.
        note: The note to start from (editing).
        tags: The tags to start from (editing).
        """
        super().__init__()
        self.heading = heading
        self.passage = passage
        self.save_note = save
        self.initial_note = note
        self.initial_tags = tags

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(Text(one_line(self.heading, 200)), id="note-heading")
            shown = one_line(self.passage, PASSAGE_PREVIEW_CHARS)
            yield Static(Text(f"“{shown}”"), id="note-passage")
            note = TextArea(self.initial_note, id="note-text", soft_wrap=True, show_line_numbers=False)
            note.border_title = "Note (Markdown)"
            yield note
            tags = Input(" ".join(self.initial_tags), placeholder="tags, e.g. casualties open-question", id="note-tags")
            tags.border_title = "Tags"
            yield tags
            yield Static(id="note-error")
            with Horizontal(id="note-buttons"):
                yield Button("Save", variant="primary", id="note-save")
                yield Button("Cancel", id="note-cancel")
            yield Static(Text("ctrl+s or enter in the tags box saves · escape cancels"), id="note-hint")

    def on_mount(self) -> None:
        note = self.query_one(TextArea)
        note.move_cursor(note.document.end)  # editing a note: typing goes after what is there
        note.focus()

    @on(Input.Submitted, "#note-tags")
    @on(Button.Pressed, "#note-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#note-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        note = self.query_one(TextArea).text
        tags = split_tags(self.query_one("#note-tags", Input).value)
        try:
            saved = self.save_note(note, tags)
        except CrossreadError as error:
            self.show_error(f"Not saved: {error.message}")
            return
        self.dismiss(saved)

    def show_error(self, text: str) -> None:
        """Say why the save failed; the typed note and tags stay as they are."""
        self.query_one("#note-error", Static).update(Text(text))
        self.add_class("-failed")

    @property
    def changed(self) -> bool:
        """Whether the note or the tags differ from what the editor opened with."""
        note = self.query_one(TextArea).text
        tags = split_tags(self.query_one("#note-tags", Input).value)
        return note != self.initial_note or tags != split_tags(" ".join(self.initial_tags))

    def action_cancel(self) -> None:
        """Close without saving; with changes typed, only after the user agrees to lose them."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(DISCARD_QUESTION, hint="y discard · n or escape keep editing"), answered
        )
