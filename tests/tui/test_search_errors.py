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


def status_of(app) -> tuple[str, bool]:
    status = app.screen.query_one("#search-status", Static)
    return str(status.render()), status.has_class("-error")


class TestUnfinishedAlignmentValues:
    @pytest.mark.parametrize("typed", ["flag:number", "outlets:>=3", "only:yes"])
    async def test_no_error_while_the_value_is_typed(self, make_app, typed) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            colon = typed.index(":")
            await pilot.press(*typed[: colon + 1])
            for key in typed[colon + 1 :]:
                await settle(app, pilot)
                text, error = status_of(app)
                field = typed[:colon]
                assert not error and text.startswith(f"{field}: takes "), (app.screen.query_one(Input).value, text)
                await pilot.press(key)
            await settle(app, pilot)
            text, error = status_of(app)
            assert not error and "passage" in text  # finished: the filter runs

    async def test_the_rest_of_the_query_is_searched_meanwhile(self, make_app, seed_config) -> None:
        from index.library import Library

        expected = Library.open(seed_config).search("kyiv").total
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"kyiv AND outlets:>")
            await settle(app, pilot)
            text, error = status_of(app)
            assert not error and text.startswith(f"{expected} passages")
            assert "outlets:> not applied yet" in text
            assert app.screen.query_one(SearchResults).option_count > 0

    @pytest.mark.parametrize(
        ("typed", "problem"),
        [
            ("flag:x", "flag: takes number, attribution or any, not 'x'"),
            ("flag:numbers", "not 'numbers'"),
            ("outlets:>=x", "outlets: takes a number"),
            ("NOT only:y", "cannot be negated"),
            ("kyiv flag:num ", "not 'num'"),  # a space after it: the word is done
        ],
    )
    async def test_a_value_that_cannot_become_valid_is_an_error_at_once(self, make_app, typed, problem) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *typed)
            await settle(app, pilot)
            text, error = status_of(app)
            assert error and problem in " ".join(text.split()), text

    @pytest.mark.parametrize("typed", ["flag:num", "kyiv outlets:>="])
    async def test_enter_shows_the_error(self, make_app, typed) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *typed)
            await settle(app, pilot)
            assert not status_of(app)[1]
            await pilot.press("enter")
            await settle(app, pilot)
            text, error = status_of(app)
            assert error and expected_message(typed) == " ".join(text.split())


@pytest.mark.parametrize(
    ("query", "rest", "field"),
    [
        ("flag:", "     ", "flag"),
        ("flag:a", "      ", "flag"),
        ("flag:ATTR", "         ", "flag"),
        ("only:n", "      ", "only"),
        ("outlets:", "        ", "outlets"),
        ("outlets:<", "         ", "outlets"),
        ("kyiv outlets:>=", "kyiv           ", "outlets"),
        ("kyiv AND flag:nu", "kyiv            ", "flag"),
        ("(a OR b) only:y", "(a OR b)       ", "only"),
        ("only:yes only:", "only:yes      ", "only"),
    ],
)
def test_unfinished_values(query, rest, field) -> None:
    from tui.query_typing import unfinished_value

    found = unfinished_value(query)
    assert found is not None and (found.rest, found.field) == (rest, field)
    assert found.word == query.split()[-1]


@pytest.mark.parametrize(
    "query",
    ["flag:number", "outlets:3", "outlets:>=3", "only:yes", "flag:x", "outlets:>x", "only:maybe", "flag:num ",
     "a OR flag:n", "NOT only:y", "(flag:n", "kyiv", "source:kyi", "only:no only:y"],
)
def test_not_unfinished(query) -> None:
    from tui.query_typing import unfinished_value

    assert unfinished_value(query) is None
