"""The search box lists the matching passages per source under the number of matches (the engine's facets)."""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from rich.style import Style

from index.config import Config, SearchSettings
from index.library import Library
from tests.tui.conftest import settle
from tui.app import CrossreadApp
from tui.widgets.search_box import FACET_ROWS, SearchBox, SourceCounts, SourceFacets

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def status_text(app) -> str:
    return str(app.screen.query_one("#search-status").render())


def parse_rows(rows: list[str]) -> tuple[list[tuple[str, int]], int]:
    """(source, count) pairs as shown, and the N of "+N more" (0 without one)."""
    joined = " · ".join(row.strip() for row in rows).removeprefix("sources:").strip()
    shown, more = [], 0
    for piece in joined.split(" · "):
        if piece.startswith("+") and piece.endswith(" more"):
            more = int(piece[1:-5])
            continue
        name, count = re.fullmatch(r"(.+) (\d+)", piece).groups()
        shown.append((name, int(count)))
    return shown, more


class TestFacets:
    @pytest.mark.parametrize("size", SIZES)
    async def test_the_counts_per_source_are_shown_under_the_count(self, make_app, seed_config, size) -> None:
        expected = Library.open(seed_config).search("putin", facets=True)
        assert len(expected.facets) >= 3
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"putin")
            await settle(app, pilot)
            search_box = app.screen.query_one(SearchBox)
            assert status_text(app).startswith(f"{expected.total} passages")
            rows = search_box.facets_lines
            counts = app.screen.query_one(SourceCounts)
            assert rows is not None and 1 <= len(rows) <= FACET_ROWS and counts.size.height == len(rows)
            assert rows[0].strip().startswith("sources: ")
            assert all(len(row.rstrip()) <= app.screen.query_one(SearchBox).size.width for row in rows)
            shown, more = parse_rows(rows)
            facets = list(expected.facets.items())
            assert len(shown) + more == len(facets) and sum(count for _, count in facets) == expected.total
            for (name, count), (real_name, real_count) in zip(shown, facets):  # in the engine's order, largest first
                assert count == real_count and (name == real_name or real_name.startswith(name.removesuffix("…")))
            if size[0] >= 120:
                assert more == 0 and shown == facets  # room for every source of the seeds, whole

    async def test_no_counts_without_matches_and_after_clearing(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            search_box = app.screen.query_one(SearchBox)
            await pilot.press("slash", *"kyiv")
            await settle(app, pilot)
            assert search_box.facets_lines
            await pilot.press(*" zzqqxx")
            await settle(app, pilot)
            assert status_text(app).startswith("no matches") and search_box.facets_lines is None
            await pilot.press(*["backspace"] * 7, *" (")
            await settle(app, pilot)
            assert search_box.facets_lines is None  # a query problem: the error alone
            await pilot.press("backspace", "backspace")
            await settle(app, pilot)
            assert search_box.facets_lines
            await pilot.press("down", "escape")
            await settle(app, pilot)
            assert search_box.facets_lines is None

    async def test_they_come_from_the_search_itself(self, make_app, seed_config, monkeypatch) -> None:
        library = Library.open(seed_config)
        calls: list[dict] = []
        search = library.search

        def recording(query, **options):
            calls.append(options)
            return search(query, **options)

        monkeypatch.setattr(library, "search", recording)
        app = make_app(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"trump")
            await settle(app, pilot)
            assert app.screen.query_one(SearchBox).facets_lines
            assert calls and all(options.get("facets") is True for options in calls)
            assert len(calls) == len("trump")  # one search per keystroke: no second pass for the counts


async def test_source_names_are_text_never_markup(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index, source in enumerate(['"[red]x[/] \\e[2J"', "Plain Wire"]):
        (corpus / f"a{index}.md").write_text(
            f"---\nsource: {source}\ntitle: Cold grips Kyiv {index}\n---\n\nPower is out in Kyiv tonight.\n", encoding="utf-8"
        )
    app = CrossreadApp(Config(corpus=corpus, search=SearchSettings(debounce_ms=0)))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"kyiv")
        await settle(app, pilot)
        rows = app.screen.query_one(SearchBox).facets_lines
        assert rows is not None
        text = " ".join(rows)
        assert "[red]x[/] ␛[2J 1" in text and "Plain Wire 1" in text and "\x1b" not in text


@pytest.mark.parametrize(
    ("facets", "width", "expected"),
    [
        ({"unknown": 8, "Kyiv Independent": 4}, 60, ["sources: unknown 8 · Kyiv Independent 4"]),
        (
            {"unknown": 8, "Kyiv Independent": 4, "Washington Examiner": 3, "Epoch Times": 2},
            31,
            ["sources: unknown 8", "Kyiv Independent 4 · +2 more"],
        ),
        ({"A very long outlet name that goes on and on": 3, "b": 1}, 31, ["sources: A very long outlet… 3", "b 1"]),
        ({f"Outlet {n}": 50 - n for n in range(20)}, 31, ["sources: Outlet 0 50", "Outlet 1 49 · +18 more"]),
        ({f"Outlet {n}": 50 - n for n in range(20)}, 40, ["sources: Outlet 0 50 · Outlet 1 49", "Outlet 2 48 · Outlet 3 47 · +16 more"]),
        ({"Washington Examiner": 5, "unknown": 5, "Epoch Times": 4, "Kyiv": 3}, 31,
         ["sources: Washington Examiner 5", "unknown 5 · Epoch… 4 · +1 more"]),
    ],
)
def test_rows_break_between_sources_and_sum_up_the_rest(facets, width, expected) -> None:
    rows = SourceFacets(facets, Style(bold=True)).rows(width)
    assert [row.plain.rstrip() for row in rows] == expected
    assert all(row.cell_len <= width for row in rows)
    console = Console(width=width)
    assert len(console.render_lines(SourceFacets(facets, Style()), console.options)) == len(expected)


@pytest.mark.parametrize("width", [80, 40, 24])
def test_wide_characters_are_laid_out_by_cells(width: int) -> None:
    facets = {"新华通讯社新华通讯社新华通讯社新华通讯社": 12, "朝日新聞朝日新聞朝日新聞": 9, "Kyiv Independent": 8, "unknown": 7, "A": 1, "B": 1}
    rows = SourceFacets(facets, Style()).rows(width)
    assert len(rows) <= FACET_ROWS
    assert all(row.cell_len <= width for row in rows)
    assert re.search(r"(12|more)$", rows[0].plain) and rows[-1].plain.endswith(("more", " 1"))
