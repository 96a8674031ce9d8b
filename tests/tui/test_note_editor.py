"""The note editor keeps what the user typed: escape asks before throwing changes away, and editing an
existing note starts with the cursor after its text."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from index.annotations import Notebook
from index.library import Library
from tests.tui.conftest import settle
from tests.tui.test_annotations_app import seed_annotations, type_text
from tui.screens.annotations import AnnotationsScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.note_modal import DISCARD_QUESTION, NoteModal

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def no_text_area_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


def saved_notes(config) -> list[str]:
    library = Library.open(config)
    try:
        return [placed.annotation.note for placed in Notebook.open(config, library.corpus).placed()]
    finally:
        library.close()


class TestDiscardChanges:
    async def test_escape_with_a_typed_note_asks_first_and_no_keeps_editing(self, make_app, seed_config) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "a")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteModal)
            await type_text(pilot, "half a thought")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert str(app.screen.query_one("#confirm-question").render()) == DISCARD_QUESTION
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is editor
            assert editor.query_one(TextArea).text == "half a thought"
            await type_text(pilot, " more")  # the focus is back in the note box
            assert editor.query_one(TextArea).text == "half a thought more"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")  # escape in the question is "no" too: keep editing
            await pilot.pause()
            assert app.screen is editor and editor.query_one(TextArea).text == "half a thought more"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert not isinstance(app.screen, (NoteModal, ConfirmModal))
        assert saved_notes(seed_config) == []

    async def test_changed_tags_alone_ask_too(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "a")
            await pilot.pause()
            await pilot.press("tab")
            await type_text(pilot, "weather")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await pilot.pause()
            assert app.screen.query_one("#note-tags", Input).value == "weather"

    async def test_escape_without_changes_closes_at_once(self, make_app, seed_config) -> None:
        seed_annotations(seed_config, (0, "kept as it was", ("war",)))
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "a")
            await pilot.pause()
            assert isinstance(app.screen, NoteModal)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, (NoteModal, ConfirmModal))
            await pilot.press("A")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, NoteModal)
            await pilot.press("escape")  # the note as it was: nothing to lose
            await pilot.pause()
            assert isinstance(app.screen, AnnotationsScreen)
        assert saved_notes(seed_config) == ["kept as it was"]


class TestEditExisting:
    async def test_cursor_starts_after_the_note_so_typing_appends(self, make_app, seed_config) -> None:
        seed_annotations(seed_config, (0, "first line\nsecond line", ("war",)))
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("A")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteModal)
            note = editor.query_one(TextArea)
            assert app.focused is note and note.cursor_location == (1, len("second line"))
            await type_text(pilot, " added")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert saved_notes(seed_config) == ["first line\nsecond line added"]


class TestQuestion:
    async def test_the_question_says_what_each_answer_does(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "a")
            await pilot.pause()
            await type_text(pilot, "x")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert str(app.screen.query_one("#confirm-hint").render()) == "y discard · n or escape keep editing"
            assert not app.screen.query("#confirm-detail")
