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
        """The search box holds "putin", the status says how many passages matched, under it "sources:"
        the matches per outlet (at 80 columns two rows, the rest as "+1 more"), and the list of results
        shows source · ¶n · title over each snippet with every "Putin" marked."""

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


async def compared(pilot, *keys: str) -> None:
    """Open the compare view from the list (``keys`` first, e.g. marks) and wait for the alignment and the
    fact check that follows it."""
    await settle(pilot.app, pilot)
    await pilot.press(*keys, "c")
    await settle(pilot.app, pilot)
    await settle(pilot.app, pilot)
    await pilot.pause()


class TestCompare:
    @pytest.mark.parametrize("size", SIZES)
    def test_two_columns(self, snap_compare, indexed_app, size) -> None:
        """Washington Examiner and Kyiv Independent side by side after n n: gutters with group numbers
        and coloured bars, ◆ for passages only one outlet reports, the cursor ▸ on group 3 ("Ukraine has
        been facing a brutal winter") highlighted in the left column; its counterpart is out of order,
        so the right column (level by interpolation) says "elsewhere: ¶10 · enter jumps"."""

        async def run_before(pilot) -> None:
            await compared(pilot, "space", "space")
            await pilot.press("n", "n")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_five_columns(self, snap_compare, indexed_app, size) -> None:
        """The whole seed story: at 120x36 and 80x24 five columns are too narrow, so they collapse to
        tabs (outlet names in the tab bar, the first tab shown)."""
        assert snap_compare(indexed_app(), terminal_size=size, run_before=compared)

    def test_five_columns_wide(self, snap_compare, indexed_app) -> None:
        """At 200x60 the five outlets stand side by side, each with its gutter of group marks."""

        async def run_before(pilot) -> None:
            await compared(pilot)
            await pilot.press("n")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=(200, 60), run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_word_diff(self, snap_compare, indexed_app, size) -> None:
        """The diff panel: "And he agreed to do that, and I have to tell you, it was very nice." against the
        Kyiv Independent's counterpart, with the words only in the first struck through."""

        async def run_before(pilot) -> None:
            await compared(pilot, "space", "space")
            column = pilot.app.screen.query_one("#column-0")
            column.go_to_offset(column.article.text.index("And he agreed to do that, and I have"))
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_quote_variants(self, snap_compare, indexed_app, size) -> None:
        """The quote variants panel: "I personally asked President Putin not to fire into Kyiv …" as
        the five outlets give it, one row each, word by word, changed words marked."""

        async def run_before(pilot) -> None:
            await compared(pilot)
            await pilot.press("v")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_coverage_grid(self, snap_compare, indexed_app, size) -> None:
        """The coverage grid: groups down, the five outlets across, full / partial / absent cells."""

        async def run_before(pilot) -> None:
            await compared(pilot)
            await pilot.press("g")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_help_in_compare(self, snap_compare, indexed_app, size) -> None:
        """The help dialog over the compare view: the compare column's help (what the marks mean) above
        the table of keys."""

        async def run_before(pilot) -> None:
            await compared(pilot, "space", "space")
            await pilot.press("question_mark")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)


class TestDiscrepancies:
    @pytest.mark.parametrize("size", SIZES)
    def test_discrepancies_panel(self, snap_compare, indexed_app, size) -> None:
        """The discrepancies panel over the whole story: "Discrepancies · 3 conflicts · 17 look-alikes not
        flagged", then under "Conflicts (3)" the first conflict highlighted (≠ figure, different bounds,
        differ by 24.4 °C: "drop below 22 degrees Fahrenheit" → < -5.6 °C against "fall below -30°C" →
        < -30 °C, each with its passage cut around the figure, "…" where cut, and the reason), the 30% / a
        quarter conflict and the @ attribution conflict (Ukrainian emergency services / Zelensky) in red,
        then the dimmed look-alikes with "why not"."""

        async def run_before(pilot) -> None:
            await compared(pilot)
            await pilot.press("x")
            await pilot.pause()

        assert snap_compare(indexed_app(), terminal_size=size, run_before=run_before)
