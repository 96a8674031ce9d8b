"""Snapshot tests: what the app looks like on the seeds, at a roomy and at a classic terminal size.

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` only after reading the diff report.
"""

from __future__ import annotations

import pytest

from index.library import Library
from tests.tui.conftest import settle

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


async def opened(pilot) -> None:
    await settle(pilot.app, pilot)


@pytest.fixture
def indexed_app(make_app, seed_config):
    """An app on a library indexed beforehand, so no first-build notice (with temp paths) is on screen."""
    return lambda: make_app(Library.open(seed_config))


class TestMainScreen:
    @pytest.mark.parametrize("size", SIZES)
    def test_list_and_reader(self, snap_compare, indexed_app, size) -> None:
        """The seeds listed under one story header, the first (Washington Examiner) highlighted, and
        the reader showing its title in bold accent, a meta line, the "‹lone punctuation› ." debris
        paragraph dimmed with its label, then the article's paragraphs separated by blank lines."""
        assert snap_compare(indexed_app(), terminal_size=size, run_before=opened)

    @pytest.mark.parametrize("size", SIZES)
    def test_reader_end_shows_dimmed_trailers(self, snap_compare, indexed_app, size) -> None:
        """The reader focused and scrolled to the end of seed 000: the shouted promo headline and the
        "‹trailer› Related Content" paragraph are dimmed and labelled."""

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("enter", "end")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)


class TestSearch:
    @pytest.mark.parametrize("size", SIZES)
    def test_results_for_putin(self, snap_compare, indexed_app, size) -> None:
        """The search box holds "putin", the status says how many passages matched, and the list of
        results shows source · ¶n · title over each snippet with every "Putin" marked."""

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("slash", *"putin")
            await settle(pilot.app, pilot)

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_enter_opens_the_passage(self, snap_compare, indexed_app, size) -> None:
        """After enter, the reader (focused) shows the top hit's article with the matched paragraph
        highlighted near the top third of the pane."""

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("slash", *"blackouts")
            await settle(pilot.app, pilot)
            await pilot.press("enter")
            await settle(pilot.app, pilot)

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)

    def test_bad_query(self, snap_compare, indexed_app) -> None:
        """An unbalanced parenthesis: the error under the box in the error colour, no results."""

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("slash", *"storm AND (coast")
            await settle(pilot.app, pilot)

        assert snap_compare(indexed_app(), terminal_size=(120, 36), run_before=run_before)


class TestHelp:
    @pytest.mark.parametrize("size", SIZES)
    def test_help_screen(self, snap_compare, indexed_app, size) -> None:
        """The help dialog over the main screen: a table of keys, action, what it does and binding id,
        grouped under Anywhere, Main screen, Article list, Search box, Search results, Reader."""

        async def run_before(pilot) -> None:
            await settle(pilot.app, pilot)
            await pilot.press("question_mark")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)
