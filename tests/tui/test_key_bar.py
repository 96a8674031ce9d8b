"""The footer: which keys it shows where the focus is, what it keeps when narrow, and that a click presses the key."""

from __future__ import annotations

from tests.tui.conftest import settle
from tests.tui.test_compare import open_compare
from tui.screens.help import HelpScreen
from tui.widgets.key_bar import KeyBar


def footer_text(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_main_screen_lists_the_list_keys_and_the_way_to_help(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        text = footer_text(app)
        for shown in ("⏎ Open", "space Mark", "c Compare", "/ Search", "q Quit", "? Help", "^p Palette"):
            assert shown in text
        assert "…" not in text
        assert text.rstrip().endswith("^p Palette")  # the pinned keys sit at the right edge


async def test_an_80_column_main_screen_shows_every_list_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = footer_text(app)
        assert len(text) <= 80
        for shown in ("⏎ Open", "space Mark", "c Compare", "/ Search", "a Annotate", "q Quit", "? Help", "^p Palette"):
            assert shown in text
        assert "…" not in text


async def test_the_footer_follows_the_focus(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        text = footer_text(app)
        assert "⏎ Open hit" in text and "esc Leave" in text
        assert "space Mark" not in text


async def test_a_narrow_compare_keeps_back_and_help_and_says_more_exist(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "space", "space")
        text = footer_text(app)
        assert len(text) <= 80
        assert "n Next group" in text
        assert "esc Back" in text and "? Help" in text
        assert "…" in text  # the rest are on the help screen
        assert "x Conflicts" not in text


async def test_a_wide_compare_shows_every_compare_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await open_compare(app, pilot, "space", "space")
        text = footer_text(app)
        for shown in ("n Next group", "u Only here", "d Diff", "v Quotes", "g Coverage", "x Conflicts", "esc Back"):
            assert shown in text
        assert "…" not in text


async def test_clicking_a_key_presses_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        text = footer_text(app)
        column = text.index("? Help")
        await pilot.click(KeyBar, offset=(column + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert bar._item_at(0) is not None and bar._item_at(0).description == "Open"
