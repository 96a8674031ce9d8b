"""Vim keys in the list panels: j/k (and h/l in the coverage grid) move the cursor like the arrows do."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.widgets import Input, OptionList

from index.config import Config
from tests.tui.conftest import settle
from tests.tui.test_annotations_app import seed_annotations
from tests.tui.test_discrepancies import WIDE, open_story
from tui.screens.annotations import AnnotationsList, AnnotationsScreen
from tui.screens.coverage_grid import CoverageGrid, CoverageGridScreen
from tui.screens.discrepancies import DiscrepanciesScreen, DiscrepancyList
from tui.screens.problems import ProblemsScreen
from tui.screens.quote_variants import QuoteVariantsScreen

SIZE = (120, 36)


class TestVimKeys:
    async def test_j_k_move_through_the_discrepancies(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, DiscrepanciesScreen)
            listing = app.screen.query_one(DiscrepancyList)
            first = listing.highlighted
            assert first is not None
            await pilot.press("j")
            second = listing.highlighted
            assert second is not None and second > first and not listing.get_option_at_index(second).disabled
            await pilot.press("down")
            after_down = listing.highlighted
            await pilot.press("k")
            assert listing.highlighted == second
            await pilot.press("k")
            assert listing.highlighted == first
            await pilot.press("j", "j")
            assert listing.highlighted == after_down

    async def test_j_k_move_through_the_annotations(self, make_app, seed_config) -> None:
        seed_annotations(seed_config, (0, "one", ("war",)), (1, "two", ("energy",)), (2, "three", ()))
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("A")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AnnotationsScreen)
            option_list = screen.query_one(AnnotationsList)
            assert option_list.highlighted == 0
            await pilot.press("j")
            assert option_list.highlighted == 1
            await pilot.press("j")
            assert option_list.highlighted == 2
            await pilot.press("k")
            assert option_list.highlighted == 1
            # in the filter box j is a letter; down goes back to the list
            await pilot.press("slash", "j")
            assert screen.query_one("#annotations-filter", Input).value == "j"
            assert option_list.highlighted in (0, None)
            screen.query_one("#annotations-filter", Input).value = ""
            await pilot.pause()
            await pilot.press("down")
            assert app.focused is option_list
            await pilot.press("j")
            assert option_list.highlighted == 1

    async def test_h_j_k_l_move_through_the_coverage_grid(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("c")
            await settle(app, pilot)
            await settle(app, pilot)
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, CoverageGridScreen)
            grid = app.screen.query_one(CoverageGrid)
            start = grid.cursor_coordinate
            await pilot.press("j")
            assert grid.cursor_coordinate == Coordinate(start.row + 1, start.column)
            await pilot.press("l")
            assert grid.cursor_coordinate == Coordinate(start.row + 1, start.column + 1)
            await pilot.press("h", "k")
            assert grid.cursor_coordinate == start

    async def test_j_k_in_the_quote_variants_and_the_load_problems(self, make_app, tmp_path) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_story(app, pilot)
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, QuoteVariantsScreen)
            body = app.screen.query_one("#variants-body")
            assert body.max_scroll_y > 0
            await pilot.press("j", "j")
            await pilot.pause()
            assert body.scroll_y > 0
            await pilot.press("k", "k")
            await pilot.pause()
            assert body.scroll_y == 0
        corpus = tmp_path / "bad"
        corpus.mkdir()
        (corpus / "good.txt").write_text("A headline\n\nA paragraph about Kyiv.\n", encoding="utf-8")
        for name in ("a.txt", "b.txt", "c.txt"):
            (corpus / name).write_text("", encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, ProblemsScreen)
            listing = app.screen.query_one(OptionList)
            first = listing.highlighted
            await pilot.press("j")
            assert listing.highlighted is not None and listing.highlighted > (first or 0)
            await pilot.press("k")
            assert listing.highlighted == first
