"""Annotating in the app: select sentences, write a note, see the mark, list, filter, edit, delete, export,
orphans and a corrupt database; every check against the real SQLite file in the test's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from index.annotations import Notebook
from index.library import Library
from tests.tui.conftest import settle
from tui.screens.annotations import AnnotationOption, AnnotationsScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.error_modal import ErrorModal
from tui.screens.export_dialog import ExportDialog
from tui.screens.note_modal import NoteModal
from tui.widgets.reader import Reader

SIZE = (120, 36)
SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]
HOSTILE = "[red]x[/] \x1b[2J"


@pytest.fixture(autouse=True)
def no_text_area_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Annotation ids in order (a-0000000001, …) so screenshots do not depend on chance."""
    counter = iter(range(1, 1000))
    monkeypatch.setattr("index.annotations.new_id", lambda: f"a-{next(counter):010d}")


def seed_annotations(config, *specs: tuple[int, str, tuple[str, ...]]) -> list[str]:
    """Save one annotation per (article index, note, tags) on that article's first body sentence."""
    library = Library.open(config)
    try:
        notebook = Notebook.open(config, library.corpus)
        ids = []
        for index, note, tags in specs:
            article = library.corpus.articles[index]
            paragraph = next(p for p in article.paragraphs if not p.is_title and not p.debris)
            start, end = article.sentences(paragraph)[0]
            ids.append(notebook.annotate(article.id, start, end, note=note, tags=tags).id)
        return ids
    finally:
        library.close()


def rows_text(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def type_text(pilot, text: str) -> None:
    for character in text:
        await pilot.press(character if character != " " else "space")


class TestAnnotate:
    async def test_select_extend_annotate_marks_and_saves(self, make_app, seed_config) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "right_square_bracket")
            reader = app.screen.query_one(Reader)
            one = reader.selected_span()
            assert one is not None and reader.selection == (0, 0)
            await pilot.press("J")
            assert reader.selection == (0, 1)
            span = reader.selected_span()
            assert span[0] == one[0] and span[1] > one[1]
            assert "reader--selection" in reader.row_marks(reader.row_of_offset(span[0]))
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, NoteModal)
            await type_text(pilot, "cold snap")
            await pilot.press("tab")
            await type_text(pilot, "weather #Kyiv")
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, NoteModal)
            assert reader.selection is None
            assert reader.annotated == [span]
            row = reader.row_of_offset(span[0])
            assert reader.gutter_text(row) == "✎" and "reader--annotated" in reader.row_marks(row)
            assert any("saved" in n.message for n in app._notifications)
            article = reader.article
        assert (seed_config.data_root / "annotations.db").is_file()
        library = Library.open(seed_config)
        try:
            [saved] = Notebook.open(seed_config, library.corpus).placed()
        finally:
            library.close()
        assert saved.annotation.article == article.id and (saved.anchor.start, saved.anchor.end) == span
        assert saved.annotation.note == "cold snap" and saved.annotation.tags == ("weather", "Kyiv")

    async def test_a_refused_save_keeps_the_typed_note(self, make_app, seed_config) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "a")
            await pilot.pause()
            await type_text(pilot, "keep me")
            await pilot.press("tab")
            await type_text(pilot, "x" * 70)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, NoteModal)
            assert app.screen.query_one(TextArea).text == "keep me"
            assert "Not saved" in str(app.screen.query_one("#note-error").render())

    async def test_compare_column_passage_is_annotated_and_marked(self, make_app) -> None:
        from tui.screens.compare import CompareScreen
        from tui.widgets.compare_column import CompareColumn

        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("space", "j", "space", "c")
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen)
            await pilot.press("n", "a")
            await pilot.pause()
            assert isinstance(app.screen, NoteModal)
            await type_text(pilot, "group note")
            await pilot.press("ctrl+s")
            await pilot.pause()
            column = app.screen.query_one("#column-0", CompareColumn)
            assert column.annotated and column.annotated_rows()
            row = column.annotated_rows()[-1]
            assert column.gutter_text(row)[0] in "✎▸"


class TestList:
    async def test_list_filter_edit_delete_and_jump(self, make_app, seed_config) -> None:
        seed_annotations(seed_config, (0, HOSTILE, ("war",)), (1, "second", ("energy",)))
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("A")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AnnotationsScreen)
            option_list = screen.query_one(OptionList)
            rows = rows_text(option_list)
            assert len(rows) == 2 and "[red]x[/]" in rows[0] and "#war" in rows[0]
            await pilot.press("slash")
            await type_text(pilot, "ener")
            assert len(rows_text(option_list)) == 1 and "second" in rows_text(option_list)[0]
            await pilot.press("enter")  # leaves the filter for the list
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, NoteModal)
            assert app.screen.query_one(TextArea).text == "second"
            await pilot.press("end")
            await type_text(pilot, " edited")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen and "second edited" in rows_text(option_list)[0]
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await pilot.pause()
            assert option_list.option_count == 1
            await pilot.press("d", "y")
            await pilot.pause()
            assert option_list.option_count == 0
            screen.query_one(Input).value = ""
            await pilot.pause()
            assert option_list.option_count == 1
            target = option_list.get_option_at_index(0)
            assert isinstance(target, AnnotationOption)
            await pilot.press("enter")
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            assert app.focused is reader and reader.article is target.placed.article
            assert reader.passage == (target.placed.anchor.start, target.placed.anchor.end)
        library = Library.open(seed_config)
        try:
            notes = [p.annotation.note for p in Notebook.open(seed_config, library.corpus).placed()]
        finally:
            library.close()
        assert notes == [HOSTILE]

    async def test_orphan_is_listed_with_its_saved_quote(self, make_app, seed_config) -> None:
        library = Library.open(seed_config)
        article = library.corpus.articles[0]
        library.close()
        seed_annotations(seed_config, (0, "gone soon", ()))
        paragraph = next(p for p in article.paragraphs if not p.is_title and not p.debris)
        start, end = article.sentences(paragraph)[0]
        quote = article.text[start:end]
        path = seed_config.corpus / article.path
        raw = path.read_text(encoding="utf-8")
        path.write_text(raw.replace(quote, "An entirely different opening line about something else."), encoding="utf-8")
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("A")
            await pilot.pause()
            [row] = rows_text(app.screen.query_one(OptionList))
            assert row.startswith("orphan") and "saved quote" in row and quote[:40] in row
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, AnnotationsScreen)
            assert any("orphan" in n.message for n in app._notifications)


class TestExportAndErrors:
    async def test_e_exports_markdown_and_names_the_file(self, make_app, seed_config, tmp_path: Path) -> None:
        seed_annotations(seed_config, (0, "exported note", ("war",)))
        out = tmp_path / "out"
        out.mkdir()
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one(Input).value = f"{out}/"
            await pilot.press("enter")
            await settle(app, pilot)
            [written] = list(out.glob("*.md"))
            assert "exported note" in written.read_text(encoding="utf-8")
            assert any(f"exported 1 annotation to {written}" == n.message for n in app._notifications)

    async def test_corrupt_database_shows_the_backup_and_the_app_keeps_working(self, make_app, seed_config) -> None:
        seed_config.data_root.mkdir(parents=True, exist_ok=True)
        (seed_config.data_root / "annotations.db").write_bytes(b"this is not a database" * 100)
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, ErrorModal)
            [backup] = list(seed_config.data_root.glob("annotations.db.corrupt-*"))
            assert str(backup) in app.screen.error_message
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("enter", "a")
            await pilot.pause()
            await type_text(pilot, "fresh")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.query_one(Reader).annotated
        library = Library.open(seed_config)
        try:
            assert [p.annotation.note for p in Notebook.open(seed_config, library.corpus).placed()] == ["fresh"]
        finally:
            library.close()


class TestSnapshots:
    @pytest.mark.parametrize("size", SIZES)
    def test_note_modal(self, snap_compare, make_app, seed_config, size) -> None:
        """The note editor over the reader: source and title, the two selected sentences quoted, the note
        box holding the hostile note as typed (brackets visible), the tags box, Save/Cancel and the hint."""

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("enter", "right_square_bracket", "J", "a")
            await pilot.pause()
            await type_text(pilot, "[red]x[/] note")
            await pilot.press("tab")
            await type_text(pilot, "war")
            await pilot.pause()

        assert snap_compare(make_app(Library.open(seed_config)), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_annotations_list(self, snap_compare, make_app, seed_config, fixed_ids, size) -> None:
        """The annotations list: two exact annotations with status, source · title, id, the quoted passage,
        the note (the hostile one as plain text) and tags; the filter box above and the key hint below."""
        seed_annotations(seed_config, (0, "[red]x[/] hostile", ("war",)), (2, "energy note", ("energy", "grid")))

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("A")
            await pilot.pause()

        assert snap_compare(make_app(Library.open(seed_config)), terminal_size=size, run_before=run_before)
