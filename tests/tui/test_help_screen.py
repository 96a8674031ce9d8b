"""The help screen reads without sideways scrolling: scope titles are headings of their own, the
description column wraps in the width left, and home/end go to the top and the bottom."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from tests.tui.conftest import settle
from tui.actions import ACTIONS, SCOPE_TITLES
from tui.screens.help import KEYS_WIDTH, HelpBody, HelpKeys, HelpScreen

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def rendered_lines(keys: HelpKeys) -> list[str]:
    return [strip.text for strip in keys.render_lines(Region(0, 0, keys.size.width, keys.size.height))]


def description_column(lines: list[str]) -> str:
    """The text of the "What it does" column, line after line, whitespace normalised."""
    header = lines[0]
    start = header.index("What it does")
    end = header.index("Id") if "Id" in header[start:] else len(header)
    return " ".join(" ".join(line[start:end] for line in lines[1:]).split())


async def open_help(app, pilot) -> HelpScreen:
    await settle(app, pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return app.screen


class TestLayout:
    @pytest.mark.parametrize("size", SIZES)
    async def test_every_description_is_whole_and_nothing_scrolls_sideways(self, make_app, size) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            help_screen = await open_help(app, pilot)
            body = help_screen.query_one(HelpBody)
            keys = help_screen.query_one(HelpKeys)
            assert body.max_scroll_x == 0 and keys.size.width <= body.scrollable_content_region.width
            lines = rendered_lines(keys)
            assert len(lines) == keys.size.height
            # the keys column stays narrow; the scope titles are lines of their own
            assert lines[0].index("Action") <= KEYS_WIDTH + 2
            titles = {line.strip() for line in lines}
            assert {SCOPE_TITLES["panel"], SCOPE_TITLES["discrepancies"], SCOPE_TITLES["app"]} <= titles
            # every description can be read in full in its column, and so can every id
            described = description_column(lines)
            text = " ".join(lines)
            for spec in ACTIONS:
                assert spec.tooltip in described, spec.id
                assert spec.id in text
            assert not any("…" in line for line in lines)

    async def test_the_keys_are_shown_with_the_users_keymap(self, make_app) -> None:
        app = make_app(keymap={"compare.next_group": "n,ctrl+n"})
        async with app.run_test(size=(80, 24)) as pilot:
            help_screen = await open_help(app, pilot)
            row = next(row for row in help_screen.query_one(HelpKeys).rows if row.id == "compare.next_group")
            assert row.keys == "n ^n"


class TestKeys:
    @pytest.mark.parametrize("size", SIZES)
    async def test_end_goes_to_the_bottom_and_home_to_the_top(self, make_app, size) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            help_screen = await open_help(app, pilot)
            body = help_screen.query_one(HelpBody)
            assert body.max_scroll_y > 0
            await pilot.press("end")
            await pilot.pause()
            assert body.scroll_y == body.max_scroll_y and body.scroll_x == 0
            assert body.scroll_y + body.scrollable_content_region.height >= body.virtual_size.height  # the last line shows
            await pilot.press("home")
            await pilot.pause()
            assert body.scroll_y == 0
            await pilot.press("j", "j", "down")
            await pilot.pause()
            assert body.scroll_y == 3
            await pilot.press("k")
            await pilot.pause()
            assert body.scroll_y == 2
            await pilot.press("pagedown")
            await pilot.pause()
            assert body.scroll_y > 2 + 5
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
