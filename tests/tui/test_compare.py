"""Pilot tests of the compare view on the seeds: what each column shows, which passage is focused, what follows."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events
from textual.scrollbar import ScrollDown, ScrollTo
from textual.widgets import DataTable, Tabs

from index.config import Config
from index.errors import CrossreadError
from tests.tui.conftest import settle
from tui.screens.compare import CompareScreen, _merge_adjacent
from tui.screens.coverage_grid import CoverageGridScreen
from tui.screens.help import HelpKeys, HelpScreen
from tui.screens.quote_variants import QuoteVariantsScreen, VariantTable
from tui.screens.word_diff import WordDiffScreen
from tui.sync_scroll import Anchor, in_order_anchors, row_range
from tui.widgets.article_list import ArticleList
from tui.widgets.compare_column import CompareColumn

WIDE = (200, 60)
"""Wide enough for five columns side by side."""


def columns(app) -> list[CompareColumn]:
    return list(app.screen.query(CompareColumn))


async def open_compare(app, pilot, *keys: str) -> CompareScreen:
    """From the list: press ``keys`` (marks), then c, and wait for the alignment."""
    await settle(app, pilot)
    await pilot.press(*keys, "c")
    await settle(app, pilot)
    await pilot.pause()
    assert isinstance(app.screen, CompareScreen)
    return app.screen


def counterpart_rows(column: CompareColumn) -> set[int]:
    return {row for row in range(len(column.rows)) if column.row_is_highlighted(row)}


def status(app) -> str:
    return str(app.screen.query_one("#compare-status").render())


class TestOpening:
    async def test_marked_articles_open_as_columns_with_group_marks(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            assert (first.article.source, second.article.source) == ("Washington Examiner", "Kyiv Independent")
            assert screen.model is not None and not screen.has_class("-aligning")
            assert app.focused is first
            gutters = [first.gutter_text(row) for row in range(len(first.rows))]
            assert any(g[1:3].strip().isdigit() for g in gutters)  # group numbers
            assert any("◆" in g for g in gutters)  # only-here passages
            assert "President Donald Trump announced" in "\n".join(first.visible_text())
            assert not screen.has_class("-tabbed")

    async def test_c_without_marks_compares_the_story_five_columns(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            await open_compare(app, pilot)
            shown = columns(app)
            assert len(shown) == 5 and all(column.display and column.size.width >= 32 for column in shown)
            assert not app.screen.has_class("-tabbed")

    async def test_narrow_terminal_collapses_columns_to_tabs(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_compare(app, pilot)
            assert screen.has_class("-tabbed")
            assert app.screen.query_one(Tabs).display
            visible = [column for column in columns(app) if column.region.width]
            assert visible == [columns(app)[0]]
            await pilot.press("l")
            await pilot.pause()
            visible = [column for column in columns(app) if column.region.width]
            assert visible == [columns(app)[1]] and app.focused is columns(app)[1]
            assert app.screen.query_one(Tabs).active == "tab-1"

    async def test_quick_tab_keys_each_move_one_tab(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_compare(app, pilot)
            for key in ("l", "l", "l"):
                app.post_message(events.Key(key, key))  # queued together, as a burst of key presses arrives
            await pilot.pause()
            await pilot.pause()
            assert app.screen.query_one(Tabs).active == "tab-3" and app.focused is columns(app)[3]
            for key in ("h", "h", "h"):
                app.post_message(events.Key(key, key))
            await pilot.pause()
            await pilot.pause()
            assert app.screen.query_one(Tabs).active == "tab-0" and app.focused is columns(app)[0]
            assert screen is app.screen

    async def test_h_l_count_from_a_clicked_column(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_compare(app, pilot)
            screen.show_column(0)  # already focused: no focus event will come for it
            await pilot.pause()
            await pilot.click(f"#{columns(app)[2].id}")
            await pilot.pause()
            assert app.focused is columns(app)[2]
            await pilot.press("l")
            await pilot.pause()
            assert app.focused is columns(app)[3]

    async def test_a_flag_jump_places_a_hidden_tab_only_until_the_driver_moves(self, make_app) -> None:
        from tests.tui.test_discrepancies import jump_to_flag

        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_compare(app, pilot)
            await settle(app, pilot)
            flag = next(f for f in screen.fact_check.conflicts
                        if any(s.article_id == screen.articles[3].id for s in f.sides) and f.sides[0].article_id == screen.articles[0].id)
            side = next(s for s in flag.sides if s.article_id == screen.articles[3].id)
            await jump_to_flag(app, pilot, flag.id)
            await pilot.press("home", "j", "j", "j")
            await pilot.pause()
            await pilot.press("l", "l", "l")
            await settle(app, pilot)
            column = columns(app)[3]
            assert app.focused is column
            assert column.cursor < column.row_of_offset(side.span[0])  # it follows the driver, not the old flag

    async def test_a_resize_keeps_the_cursor_at_its_place_in_the_text(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            first = columns(app)[0]
            layout = first.text_layout
            gap = next(r for r in range(12, len(first.rows)) if layout.blocks[layout.rows[r].block].kind == "gap")
            first.move_cursor(gap)
            await pilot.pause()
            following = layout.offset_at_row(gap)
            await pilot.resize_terminal(90, 30)
            await settle(app, pilot)
            assert first.cursor == first.row_of_offset(following)

    async def test_enter_on_a_story_header_compares_the_story(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            await pilot.press("k", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen) and len(columns(app)) == 5

    async def test_escape_goes_back_to_the_list(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, CompareScreen)
            assert isinstance(app.focused, ArticleList)

    async def test_a_sixth_mark_is_refused(self, make_app, tmp_path: Path) -> None:
        corpus = tmp_path / "six"
        corpus.mkdir()
        for n in range(6):
            (corpus / f"{n}.txt").write_text(f"Headline {n}\n\nKyiv power grid story number {n}.\n", encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            await pilot.press(*["space"] * 6)
            assert len(app.screen.query_one(ArticleList).marked) == 5
            assert any("At most 5" in n.message for n in app._notifications)


class TestSyncScroll:
    async def test_moving_one_column_brings_the_counterpart_level(self, make_app) -> None:
        """For every group passage whose link is in order, the other column's cursor lands in the counterpart,
        at the same height on screen; out-of-order ones are reported as elsewhere."""
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            targets: dict = {}
            for a, b, score in screen.model.pair_links(first.article.id, second.article.id):
                targets.setdefault(a, []).append((*row_range(b, second.row_of_offset), score))
            anchors = {
                Anchor(*row_range(a, first.row_of_offset), b_start, b_end, score): (a, b_start)
                for a, ranges in targets.items()
                for b_start, b_end, score in _merge_adjacent(ranges)
            }
            in_order = {anchors[anchor] for anchor in in_order_anchors(anchors)}
            level = 0
            for _ in range(15):
                await pilot.press("n")
                await pilot.pause()
                passage = first.cursor_passage()
                assert passage is not None and passage.kind == "group"
                assert first.row_is_highlighted(first.cursor)
                pairs = [(a, b) for a, b in in_order if a == passage.span]
                if not pairs or first.cursor != first.row_of_offset(passage.start):
                    continue
                assert second.cursor == pairs[0][1]
                assert second.row_is_highlighted(second.cursor)
                assert 1 not in screen.elsewhere
                if first.screen_y == second.screen_y:
                    level += 1
            assert level >= 2

    async def test_j_and_page_down_move_the_other_column(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            await pilot.press(*["j"] * 20)
            await pilot.pause()
            assert first.cursor == 20 and first.scroll_y > 0
            assert second.scroll_y > 0 and second.cursor > 0
            top = second.scroll_y
            await pilot.press("pagedown")
            await pilot.pause()
            assert second.scroll_y > top
            await pilot.press("home")
            await pilot.pause()
            assert first.cursor == 0 and second.cursor == 0 and second.scroll_y == 0

    async def test_mouse_wheel_drives_the_column_under_it(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            for _ in range(6):
                second.post_message(events.MouseScrollDown(second, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
            assert second.scroll_y == 18
            assert screen.driver is second
            assert first.scroll_y > 0

    async def test_dragging_the_scrollbar_drives_the_column(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            second.post_message(ScrollTo(y=24, animate=False))  # what the scrollbar sends while dragged
            await pilot.pause()
            assert second.scroll_y == 24
            assert screen.driver is second
            assert first.scroll_y > 0
            assert first.cursor == screen._row_map(second, first)(second.cursor)
            top = first.scroll_y
            second.post_message(ScrollDown())  # a click below the scrollbar's thumb
            await pilot.pause()
            assert second.scroll_y > 24 and first.scroll_y > top

    async def test_out_of_order_counterpart_is_shown_and_enter_jumps(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            for _ in range(10):
                if screen.elsewhere:
                    break
                await pilot.press("n")
            assert 1 in screen.elsewhere, "no out-of-order counterpart in the first two seeds"
            span = screen.elsewhere[1]
            assert str(second.border_subtitle).startswith("elsewhere: ¶")
            line = status(app)  # the hint comes before the static key hints, which a narrow line cuts first
            assert line.index("enter: counterpart elsewhere") < line.index("d diff")
            await pilot.press("enter")
            await pilot.pause()
            assert app.focused is second and screen.driver is second
            assert second.cursor_passage() is not None and second.cursor_passage().span == span
            assert second.row_is_highlighted(second.cursor)


class TestNavigation:
    async def test_n_and_N_step_through_groups(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            first = columns(app)[0]
            seen = []
            for _ in range(3):
                await pilot.press("n")
                await pilot.pause()
                seen.append(first.cursor_passage())
            assert all(p is not None and p.kind == "group" for p in seen)
            assert seen[0].start < seen[1].start < seen[2].start
            assert seen[1].group != seen[0].group or seen[1].start > seen[0].end + 1
            await pilot.press("N")
            await pilot.pause()
            assert first.cursor_passage().start == seen[1].start
            assert str(seen[1].group) in status(app)

    async def test_u_goes_to_passages_only_this_outlet_reports(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            await pilot.press("u")
            await pilot.pause()
            passage = first.cursor_passage()
            assert passage is not None and passage.kind == "only"
            assert "◆" in first.gutter_text(first.row_of_offset(passage.start))
            assert "only Washington Examiner reports" in status(app)
            assert not counterpart_rows(second)
            only = [p for p in screen.model.passages[first.article.id] if p.kind == "only"]
            await pilot.press("u")
            await pilot.pause()
            assert first.cursor_passage() == only[1]


class TestPanels:
    async def test_d_shows_the_word_diff_of_the_focused_pair(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            first = columns(app)[0]
            first.go_to_offset(first.article.text.index("And he agreed to do that, and I have"))
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, WordDiffScreen)
            assert app.screen.other.source == "Kyiv Independent"
            a_text, b_text = app.screen.first_text, app.screen.second_text
            removed = [a_text.plain[s.start : s.end] for s in a_text.spans if s.style]
            assert a_text.plain.startswith("And he agreed to do that") and removed
            assert "rewritten" not in str(app.screen.query_one("#diff-title").render())
            await pilot.press("escape")
            assert isinstance(app.screen, CompareScreen)
            first.go_to_offset(first.article.text.index("Less than 24 hours earlier"))
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            assert "rewritten" in str(app.screen.query_one("#diff-title").render())

    async def test_d_diffs_against_the_counterpart_the_other_column_shows(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            compare = await open_compare(app, pilot, "space", "space")
            first, second = columns(app)
            # a passage whose other column follows to a counterpart that is not the best-scored one
            for passage in compare.model.passages[first.article.id]:
                counterparts = compare.model.counterparts(first.article.id, passage, second.article.id)
                if len(counterparts) < 2:
                    continue
                first.go_to_offset(passage.start)
                await pilot.pause()
                shown = second.cursor_passage()
                if shown is not None and shown.span != counterparts[0].span and any(c.span == shown.span for c in counterparts):
                    break
            else:
                pytest.fail("no passage whose shown counterpart is not the best one")
            first.focus()
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, WordDiffScreen)
            assert app.screen.other_span == shown.span

    @pytest.mark.parametrize("size", [(120, 36), WIDE])
    async def test_enter_on_a_flag_puts_every_side_under_its_columns_cursor(self, make_app, size) -> None:
        from tests.tui.test_discrepancies import jump_to_flag

        app = make_app()
        async with app.run_test(size=size) as pilot:
            compare = await open_compare(app, pilot)
            await settle(app, pilot)
            assert compare.fact_check is not None and compare.fact_check.conflicts
            for flag in compare.fact_check.conflicts:
                await jump_to_flag(app, pilot, flag.id)
                assert app.screen is compare
                for side in flag.sides:
                    column = next(c for c in compare.columns if c.article.id == side.article_id)
                    first, last = column.row_of_offset(side.span[0]), column.row_of_offset(side.span[1] - 1)
                    assert first <= column.cursor <= last, (flag.code, side.article_id)
                    top = round(column.scroll_y)
                    assert top <= column.cursor < top + column.viewport_height

    async def test_v_shows_quote_variants_word_by_word(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot)
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, QuoteVariantsScreen)
            table = app.screen.query_one(VariantTable)
            assert table.row_count == 5
            headers = [str(column.label) for column in table.columns.values()]
            into = headers.index("into")
            kyiv_independent = [str(c) for c in table.get_row_at(1)]
            assert kyiv_independent[0] == "Kyiv Independent" and kyiv_independent[into] == "on"

    async def test_g_coverage_grid_and_enter_jumps_to_the_passage(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_compare(app, pilot)
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, CoverageGridScreen)
            grid = app.screen.query_one(DataTable)
            assert grid.row_count == len(screen.model.groups)
            assert str(grid.get_cell_at((0, 1))) == "■ full"
            await pilot.press("down", "right", "right", "enter")
            await pilot.pause()
            assert isinstance(app.screen, CompareScreen)
            third = columns(app)[2]
            assert app.focused is third
            passage = third.cursor_passage()
            assert passage is not None and passage.group == 2


class TestAlignmentWorker:
    async def test_escape_cancels_a_running_alignment(self, make_app, monkeypatch: pytest.MonkeyPatch) -> None:
        release = threading.Event()
        import tui.screens.compare as compare

        real = compare.cached_align_corpus
        stopped: list[BaseException] = []

        def slow(articles, cache_dir, **options):
            release.wait(10)
            try:
                return real(articles, None, **options)  # no cache: the engine itself must stop
            except BaseException as error:
                stopped.append(error)
                raise

        monkeypatch.setattr(compare, "cached_align_corpus", slow)
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            await pilot.press("space", "space", "c")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CompareScreen) and screen.has_class("-aligning")
            assert "President Donald Trump" in "\n".join(columns(app)[0].visible_text())  # readable at once
            await pilot.press("j", "j")
            assert columns(app)[0].cursor == 2
            await pilot.press("escape")
            assert not screen.has_class("-aligning")
            assert "cancelled" in status(app)
            release.set()
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen) and screen.model is None
            assert [type(error).__name__ for error in stopped] == ["AlignmentCancelled"]  # the engine stopped
            assert not any(n.severity == "error" for n in app._notifications)

    async def test_a_cached_story_opens_filled_without_the_worker(self, make_app, monkeypatch: pytest.MonkeyPatch) -> None:
        import tui.screens.compare as compare

        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")  # aligns and fills the cache
            await pilot.press("escape")
            await settle(app, pilot)

            def must_not_run(articles, cache_dir, **options):
                raise AssertionError("the worker ran although the alignment is cached")

            monkeypatch.setattr(compare, "cached_align_corpus", must_not_run)
            await pilot.press("c")
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            assert screen.model is not None and not screen.has_class("-aligning")  # before any frame or worker
            await settle(app, pilot)
            assert not any(n.severity == "error" for n in app._notifications)
            assert "group" in status(app) or "matched" in status(app)

    @pytest.mark.parametrize("error", [RuntimeError("aligner exploded"), CrossreadError("aligner refused", title="Align")])
    async def test_engine_failure_is_a_notification(self, make_app, monkeypatch: pytest.MonkeyPatch, error) -> None:
        import tui.screens.compare as compare

        def broken(articles, cache_dir, **options):
            raise error

        monkeypatch.setattr(compare, "cached_align_corpus", broken)
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            assert app.is_running
            assert any("aligner" in n.message for n in app._notifications)
            assert "alignment failed" in status(app)
            await pilot.press("j")
            assert columns(app)[0].cursor == 1

    async def test_alignment_is_read_from_the_engine_cache(self, make_app, seed_config, monkeypatch) -> None:
        from tui.screens.compare import align_cache_dir

        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
        assert list(align_cache_dir(seed_config).glob("*.json"))
        import index.align_cache

        def fail(articles, **options):
            raise AssertionError("aligned again")

        monkeypatch.setattr(index.align_cache, "align_corpus", fail)
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compare(app, pilot, "space", "space")
            assert screen.model is not None


class TestHostileText:
    async def test_markup_escapes_and_long_lines_show_as_text(self, tmp_path: Path) -> None:
        corpus = tmp_path / "hostile"
        corpus.mkdir()
        long_line = "x" * 100_000
        (corpus / "a.txt").write_text(
            f"Evil headline\n\nSome [red]x[/] and \x1b[2J cleared about the Kyiv blackout.\n\n{long_line}\n", encoding="utf-8"
        )
        (corpus / "b.txt").write_text("Other headline\n\nThe Kyiv blackout [bold]lasted[/] all night.\n", encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            evil = next(c for c in columns(app) if c.article.path == "a.txt")
            shown = "\n".join(evil.row_text(i) for i in range(len(evil.rows)))
            assert "[red]x[/]" in shown and "␛[2J" in shown and "\x1b" not in shown
            assert shown.count("x") >= 100_000  # the whole 100,000-character line, in pieces
            rendered = "".join(s.text for y in range(evil.size.height) for s in evil.render_line(y))
            assert "[red]x[/]" in rendered and "\x1b" not in rendered


class TestKeysAndHelp:
    async def test_help_in_compare_explains_the_marks(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            topic = app.screen.topic
            assert app.screen.query_one("#help-topic").display
            assert "elsewhere" in topic and "only this outlet" in topic
            ids = {row.id for row in app.screen.query_one(HelpKeys).rows}
            assert {"compare.next_group", "column.down", "grid.jump", "list.compare"} <= ids

    async def test_compare_keys_are_remappable(self, make_app) -> None:
        app = make_app(keymap={"compare.next_group": "x", "column.down": "ctrl+n"})
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            first = columns(app)[0]
            await pilot.press("ctrl+n")
            assert first.cursor == 1
            await pilot.press("x")
            await pilot.pause()
            assert first.cursor_passage() is not None and first.cursor_passage().kind == "group"

    async def test_every_compare_binding_is_in_the_registry(self, make_app) -> None:
        from tui.actions import ACTIONS

        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compare(app, pilot, "space", "space")
            ids = {spec.id for spec in ACTIONS}
            for widget in [app.screen, *columns(app)]:
                for _, binding in widget._bindings:
                    assert binding.id in ids and binding.description and binding.tooltip

    async def test_palette_compares_a_story_and_runs_compare_actions(self, make_app) -> None:
        from tui.commands import CrossreadCommands

        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            names = [str(hit.text) async for hit in CrossreadCommands(app.screen).discover()]
            story = next(name for name in names if name.startswith("compare story:"))
            assert "5 articles" in story
            await pilot.press("ctrl+p", *"compare story")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, CompareScreen) and len(columns(app)) == 5
            names = [str(hit.text) async for hit in CrossreadCommands(app.screen).discover()]
            assert any("(compare.next_group)" in name for name in names)
            assert not any("(focus_search)" in name for name in names)
            hit = [h async for h in CrossreadCommands(app.screen).search("next group compare.next_group")][0]
            await hit.command()
            await pilot.pause()
            assert columns(app)[0].cursor_passage().kind == "group"
