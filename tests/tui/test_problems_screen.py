"""The load-problems screen (ctrl+l): what was skipped and what was loaded with a note, as the CLI reports them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from index.config import Config
from index.corpus import LoadProblem
from tests.tui.conftest import SIZE, settle
from tui.screens.problems import ProblemsScreen


def screen_rows(app) -> tuple[str, list[str]]:
    heading = str(app.screen.query_one("#problems-title", Static).render())
    options = app.screen.query_one("#problems-list", OptionList)
    return heading, [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_lists_skipped_items_and_files_loaded_with_a_note(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("A headline\n\nA paragraph about Kyiv.\n", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("Caf\u00e9 owners in Kyiv said no.\n".encode("latin-1"))
    (corpus / "brokenyaml.md").write_text("---\ntitle: [unclosed\nsource: X\n---\nKyiv body text.\n", encoding="utf-8")
    (corpus / "feed.jsonl").write_text('{"id": "1", "text": "Kyiv in a feed."}\n{not json\n', encoding="utf-8")
    from tui.app import CrossreadApp

    app = CrossreadApp(Config(corpus=corpus))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        heading, rows = screen_rows(app)
        assert heading == "1 file and 1 JSONL line skipped · 2 files loaded with a note"
        assert rows[0] == "skipped empty.txt: empty file"
        assert rows[1].startswith("skipped feed.jsonl:2: line is not JSON")
        assert rows[2].startswith("note    brokenyaml.md: broken YAML front matter")
        assert "metadata ignored" in rows[2]
        assert rows[3].startswith("note    latin1.txt: not valid UTF-8") and "decoded as cp1252" in rows[3]
        assert len(rows) == 4
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_counts_are_worded_for_what_they_count(tmp_path: Path) -> None:
    from tui.app import CrossreadApp

    problems = [LoadProblem("a.txt", "empty file"), LoadProblem("b.jsonl:2", "line is not JSON"), LoadProblem("c.jsonl:5", "x")]
    app = CrossreadApp(Config(corpus=tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(ProblemsScreen(problems, articles=[]))
        await pilot.pause()
        assert screen_rows(app)[0] == "1 file and 2 JSONL lines skipped"
        app.pop_screen()
        app.push_screen(ProblemsScreen([], articles=[]))
        await pilot.pause()
        assert screen_rows(app) == ("No load problems", [])
