"""The search box in the sidebar: a query problem is shown whole (wrapped, not cut), and the placeholder fits."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Input, Static

from index.errors import QuerySyntaxError
from index.query import check_query
from tests.tui.conftest import settle
from tui.widgets.search_box import PLACEHOLDER
from tui.widgets.search_results import SearchResults

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def expected_message(query: str) -> str:
    with pytest.raises(QuerySyntaxError) as raised:
        check_query(query)
    return raised.value.message


class TestQueryProblem:
    @pytest.mark.parametrize("size", SIZES)
    async def test_an_unknown_field_shows_the_whole_message(self, make_app, size) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"Trump:", "space", *"says")
            await settle(app, pilot)
            status = app.screen.query_one("#search-status", Static)
            assert status.has_class("-error")
            message = expected_message("Trump: says")
            assert "unknown field 'Trump:'" in message and "quote the words" in message
            shown = [strip.text for strip in status.render_lines(Region(0, 0, status.size.width, status.size.height))]
            assert status.size.height > 1 and status.size.width < len(message)
            assert " ".join(" ".join(shown).split()) == " ".join(message.split())
            assert app.screen.query_one(SearchResults).option_count == 0


class TestPlaceholder:
    @pytest.mark.parametrize("size", SIZES)
    async def test_the_placeholder_fits_the_box(self, make_app, size) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            search_input = app.screen.query_one("#search-input", Input)
            assert search_input.placeholder == PLACEHOLDER and PLACEHOLDER.count('"') == 2
            assert len(PLACEHOLDER) <= search_input.content_size.width  # the cursor sits on its first cell
