"""Pilot tests of the fact check in the compare view: conflict marks, the discrepancies panel, jumps, failures."""

from __future__ import annotations

import pytest
from rich.console import Console

from index.errors import CrossreadError
from tests.tui.conftest import settle
from tui.screens.compare import CompareScreen
from tui.screens.discrepancies import EXCERPT_LINES, DiscrepanciesScreen, DiscrepancyList, Excerpt
from tui.widgets.compare_column import FLAG_MARKS, CompareColumn

WIDE = (200, 60)
"""Five columns side by side: the seeds' conflicts involve four of the five outlets."""
WASH, KYIV = "000_ffce1361ef9d518c", "001_9a64b4751db7aac9"


async def open_story(app, pilot) -> CompareScreen:
    """Compare the whole seed story (c with nothing marked) and wait for the alignment and the fact check."""
    await settle(app, pilot)
    await pilot.press("c")
    await settle(app, pilot)
    await settle(app, pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen


def column_of(screen: CompareScreen, article_id: str) -> CompareColumn:
    return next(column for column in screen.columns if column.article.id == article_id)


async def jump_to_flag(app, pilot, flag_id: str) -> None:
    """x, the flag's row highlighted, enter: what a reader does to go to a flag's passages."""
    await pilot.press("x")
    await pilot.pause()
    listing = app.screen.query_one(DiscrepancyList)
    listing.highlighted = listing.get_option_index(flag_id)
    await pilot.press("enter")
    await settle(app, pilot)


def option_texts(screen: DiscrepanciesScreen) -> dict[str, str]:
    """Flag id → what its row says (headings left out)."""
    listing = screen.query_one(DiscrepancyList)
    shown = {}
    for index in range(listing.option_count):
        option = listing.get_option_at_index(index)
        if option.id is not None:
            shown[option.id] = str(option.prompt)
    return shown


class TestMarks:
    async def test_conflicting_passages_are_marked_in_every_column(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_story(app, pilot)
            assert screen.fact_check is not None and len(screen.fact_check.conflicts) == 3
            for flag in screen.fact_check.conflicts:
                for side in flag.sides:
                    column = column_of(screen, side.article_id)
                    first = column.row_of_offset(side.span[0])
                    last = column.row_of_offset(side.span[1] - 1)
                    assert set(range(first, last + 1)) <= set(column.flagged_rows())
                    assert column.gutter_text(first)[3] == FLAG_MARKS[flag.kind]
            # group numbers stay beside the marks, and unflagged passages keep their bars
            wash = column_of(screen, WASH)
            start = next(f.sides[0].span[0] for f in screen.fact_check.conflicts if f.sides[0].article_id == WASH)
            assert wash.gutter_text(wash.row_of_offset(start))[1:3].strip()
            unflagged = [row for row in range(len(wash.rows)) if row not in wash.flagged_rows()]
            assert any(wash.gutter_text(row)[3] == "▎" for row in unflagged)
            assert not any(wash.gutter_text(row)[3] in "≠@" for row in unflagged)


class TestPanel:
    async def test_x_lists_conflicts_with_values_then_look_alikes_with_reasons(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            compare = await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            panel = app.screen
            assert isinstance(panel, DiscrepanciesScreen)
            shown = option_texts(panel)
            flags = compare.fact_check.flags
            assert list(shown) == [flag.id for flag in flags]  # conflicts first, in the engine's order
            quarter = next(text for text in shown.values() if "roughly a quarter" in text)
            assert quarter.startswith("≠ conflict · figure · different value · differ by 5 percentage points (17%)")
            assert "“approximately 30%” → ≈ 30%" in quarter and "“roughly a quarter” → ≈ 25%" in quarter
            assert "Washington Examiner" in quarter and "Kyiv Independent" in quarter and "why:" in quarter
            speaker = next(text for text in shown.values() if "different speaker" in text)
            assert speaker.startswith("@ conflict · attribution") and "5 unknown: “Zelensky”" in speaker
            looks = [shown[flag.id] for flag in flags if flag.status != "conflict"]
            assert looks and all(text.startswith("≈ not flagged") and "why not: " in text for text in looks)
            assert any("different time scope" in text for text in looks)
            await pilot.press("x")
            await pilot.pause()
            assert app.screen is compare

    async def test_enter_goes_to_the_flags_passages(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            compare = await open_story(app, pilot)
            flag = next(f for f in compare.fact_check.conflicts if f.code == "different-value")
            await jump_to_flag(app, pilot, flag.id)
            assert app.screen is compare
            first, second = flag.sides
            focused = app.focused
            assert isinstance(focused, CompareColumn) and focused.article.id == first.article_id == WASH
            passage = focused.cursor_passage()
            assert passage is not None and passage.span == first.span
            # the other side's column is kept in step: its counterpart is highlighted
            other = column_of(compare, second.article_id)
            assert other.highlight_kind == "counterpart" and second.span in other.highlight


class TestWhatTheOutletsWrote:
    async def test_attributions_show_the_speaker_as_written_never_the_comparison_key(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            compare = await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            shown = option_texts(app.screen)
            assert not any("speaker key" in text or "venue key" in text for text in shown.values())
            attributions = [flag for flag in compare.fact_check.flags if flag.kind == "attribution"]
            assert attributions
            for flag in attributions:
                text = shown[flag.id]
                for side in flag.sides:
                    attribution = side.attribution
                    assert attribution is not None and attribution.speaker
                    assert f"“{attribution.speaker}”" in text
                    if attribution.venue:
                        assert f"at “{attribution.venue}”" in text
                value_lines = [line for line in text.splitlines() if line.startswith("  ") and ": “" in line]
                assert value_lines and not any("→" in line for line in value_lines)
            speaker = next(shown[flag.id] for flag in attributions if flag.code == "different-speaker")
            assert "“Ukrainian emergency services”" in speaker and "“Zelensky”" in speaker
            assert "servic" not in speaker.replace("services", "") and "zelenski" not in speaker

    async def test_wrapped_lines_stay_indented_under_their_first_line(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            compare = await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            listing = app.screen.query_one(DiscrepancyList)
            width = listing.scrollable_content_region.width
            console = Console(width=width)
            for flag in compare.fact_check.flags:
                prompt = listing.get_option(flag.id).prompt
                lines = ["".join(segment.text for segment in line) for line in console.render_lines(prompt, console.options)]
                assert not lines[0].startswith(" ") and all(line.startswith("  ") for line in lines[1:]), lines
                excerpts = [text for _, _, text in prompt.lines if isinstance(text, Excerpt)]
                assert len(excerpts) == len(flag.sides)
                for shown in excerpts:  # each passage's rows line up under its first word
                    rows = [" " * 6 + row.plain.rstrip() for row in shown.fit(console, width - 6).wrap(console, width - 6)]
                    shown_lines = [line.rstrip() for line in lines]
                    first = shown_lines.index(rows[0])
                    assert shown_lines[first : first + len(rows)] == rows and rows[0][6] != " "


class TestFailure:
    @pytest.mark.parametrize(
        "error", [CrossreadError("The cache is unreadable.", title="Fact check failed"), RuntimeError("engine bug")]
    )
    async def test_engine_failure_is_a_notification_and_compare_still_works(self, make_app, monkeypatch, error) -> None:
        def fail(*args, **kwargs):
            raise error

        monkeypatch.setattr("index.factcheck.cached_check_story", fail)
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            compare = await open_story(app, pilot)
            errors = [n for n in app._notifications if n.severity == "error"]
            assert errors and any(str(error) in n.message for n in errors)
            assert compare.model is not None and compare.fact_check is None
            assert not any(column.flagged_rows() for column in compare.columns)
            await pilot.press("x")
            await pilot.pause()
            assert app.screen is compare
            assert any("not ready" in n.message for n in app._notifications)
            before = app.focused.cursor
            await pilot.press("n")
            await pilot.pause()
            assert app.focused.cursor != before


def test_a_vote_day_shows_its_weekday_name() -> None:
    from index.quantities import Quantity
    from tui.screens.discrepancies import _number

    day = Quantity((3, 12), "Wednesday", 3.0, "weekday", "date", "house vote", "=", "", "", "", (0, 40))
    assert _number(day) == "Wednesday"
    date = Quantity((3, 12), "Feb. 28", 20190228.0, "date", "date", "", "=", "", "", "", (0, 40))
    assert _number(date) == "2019-02-28"


async def test_the_panel_opens_with_its_first_heading_in_view(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_story(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.pause()
        listing = app.screen.query_one(DiscrepancyList)
        assert listing.scroll_y == 0 and listing.highlighted is not None
        assert str(listing.get_option_at_index(0).prompt).startswith("Conflicts (")


class TestNavigation:
    async def test_j_k_stop_at_the_ends_and_home_end_page_keys_move(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            listing = app.screen.query_one(DiscrepancyList)
            flags = [i for i in range(listing.option_count) if not listing.get_option_at_index(i).disabled]
            first, last = flags[0], flags[-1]
            assert listing.highlighted == first
            await pilot.press("k")  # no wrapping round to the last flag
            assert listing.highlighted == first
            await pilot.press("up")
            assert listing.highlighted == first
            await pilot.press("end")
            await pilot.pause()
            assert listing.highlighted == last and listing.scroll_y == listing.max_scroll_y
            await pilot.press("j", "down")
            assert listing.highlighted == last
            await pilot.press("home")
            await pilot.pause()
            assert listing.highlighted == first and listing.scroll_y == 0  # its "Conflicts (N)" heading in view
            await pilot.press("pagedown")
            await pilot.pause()
            paged = listing.highlighted
            assert paged is not None and paged > first and paged in flags and listing.scroll_y > 0
            await pilot.press("pageup", "pageup")
            await pilot.pause()
            assert listing.highlighted == first and listing.scroll_y == 0
            for _ in range(len(flags)):
                await pilot.press("pagedown")
            assert listing.highlighted == last
            # only the registry's keys: the list's own (wrapping) OptionList bindings are gone
            keys = {key: active.binding.id for key, active in app.screen.active_bindings.items()}
            for key in ("j", "down", "k", "up", "home", "end", "pagedown", "pageup", "enter"):
                assert keys[key] is not None and keys[key].startswith("discrepancies."), key

    async def test_a_flag_under_the_look_alikes_heading_shows_the_heading(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            compare = await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            listing = app.screen.query_one(DiscrepancyList)
            first_look = next(f.id for f in compare.fact_check.flags if f.status != "conflict")
            index = listing.get_option_index(first_look)
            heading = listing.get_option_at_index(index - 1)
            assert heading.disabled and str(heading.prompt).startswith("Look-alikes not flagged")
            for _ in range(len(compare.fact_check.conflicts)):
                await pilot.press("j")
            await pilot.pause()
            assert listing.highlighted == index
            heading_line = listing._index_to_line[index - 1]
            assert listing.scroll_y <= heading_line < listing.scroll_y + listing.scrollable_content_region.height


class TestExcerpts:
    @pytest.mark.parametrize("size", [(80, 24), (120, 36)])
    async def test_each_passage_shows_its_flagged_figure_or_speaker(self, make_app, size) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            compare = await open_story(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            listing = app.screen.query_one(DiscrepancyList)
            console = Console(width=listing.scrollable_content_region.width)
            past_the_old_cut = 0
            for flag in compare.fact_check.flags:
                prompt = listing.get_option(flag.id).prompt
                lines = ["".join(s.text for s in line).rstrip() for line in console.render_lines(prompt, console.options)]
                blocks: list[list[str]] = []  # each side's passage: consecutive rows 6 cells in
                for previous, line in zip(["", *lines], lines):
                    if line.startswith(" " * 6) and line[6] != " ":
                        if not previous.startswith(" " * 6):
                            blocks.append([])
                        blocks[-1].append(line.strip())
                assert len(blocks) == len(flag.sides), lines
                for side, block in zip(flag.sides, blocks):
                    assert len(block) <= 2
                    shown = " ".join(block)
                    article = next(a for a in compare.articles if a.id == side.article_id)
                    passage = " ".join(article.text[side.span[0] : side.span[1]].split())
                    if side.quantity is not None:
                        figure = " ".join(side.quantity.text.split())
                        assert figure in shown, (figure, shown)
                        past_the_old_cut += passage.index(figure) + len(figure) > 110
                    elif side.attribution is not None and side.attribution.speaker:
                        assert " ".join(side.attribution.speaker.split()).casefold() in shown.casefold(), shown
                    if shown.startswith("…"):
                        assert shown[1:6] in passage
                    if shown.endswith("…"):
                        assert shown[-6:-1] in passage
            assert past_the_old_cut  # the seeds have figures the old fixed 110-character cut left out

    def test_untrusted_text_stays_text_and_cuts_show_an_ellipsis(self) -> None:
        from rich.style import Style

        passage = "[red]x[/] " * 20 + "\x1b[2J fell by 30% in the east " + "[bold]y[/bold] " * 20
        focus = (passage.index("30%"), passage.index("30%") + 3)
        excerpt = Excerpt(passage, focus, Style(dim=True), Style(bold=True))
        console = Console(width=40)
        text = excerpt.fit(console, 40)
        assert text.plain.startswith("…") and text.plain.endswith("…") and "30%" in text.plain
        assert "[red]x[/]" in text.plain and "\x1b" not in text.plain and "␛[2J" in text.plain
        lines = ["".join(segment.text for segment in line) for line in console.render_lines(text, console.options)]
        assert len(lines) <= EXCERPT_LINES and "[red]x[/]" in "".join(lines)
        assert shown_focus(text) == (text.plain.index("30%"), text.plain.index("30%") + 3)


def shown_focus(text) -> tuple[int, int]:
    """Where the excerpt's focus style applies (the one span styled on top of the base style)."""
    spans = [span for span in text.spans if span.start < span.end]
    return (spans[0].start, spans[0].end) if spans else (0, 0)


@pytest.mark.parametrize(
    ("text", "focus", "limit", "expected"),
    [
        ("short enough", (6, 12), 40, ("short enough", "enough")),
        ("one two three four five six seven eight nine ten", (14, 18), 20, ("…three four five…", "four")),
        ("one two three four five six seven eight nine ten", (0, 3), 12, ("one two…", "one")),
        ("one two three four five six seven eight nine ten", (45, 48), 12, ("…nine ten", "ten")),
        ("a\tb\n\nc  d", (5, 6), 40, ("a b c d", "c")),
        ("\x1b[2J then 30% more", (10, 13), 40, ("␛[2J then 30% more", "30%")),
        ("x" * 30, (10, 20), 8, ("…xxxxxx…", "xxxxxx")),
    ],
)
def test_excerpt_cuts_around_the_focus(text, focus, limit, expected) -> None:
    from tui.text_safety import excerpt

    shown, (start, end) = excerpt(text, focus, limit)
    assert len(shown) <= limit
    assert (shown, shown[start:end]) == expected


def shown_status(app) -> str:
    """The compare view's status line as drawn (cut to the terminal's width)."""
    from textual.geometry import Region
    from textual.widgets import Static

    status = app.screen.query_one("#compare-status", Static)
    return status.render_lines(Region(0, 0, status.size.width, 1))[0].text.strip()


class TestStatusLine:
    @pytest.mark.parametrize("size", [(80, 24), (120, 36)])
    async def test_a_flagged_passage_says_what_its_mark_means(self, make_app, size) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            compare = await open_story(app, pilot)
            for flag in compare.fact_check.conflicts:
                await jump_to_flag(app, pilot, flag.id)
                line = shown_status(app)
                mark = FLAG_MARKS[flag.kind]
                label = "figure conflict" if flag.kind == "number" else "attribution conflict"
                assert line.startswith(f"{mark} {label}: “"), line
                assert " vs “" in line and "x: details" in line, line  # the key is never cut, even at 80 columns
                first, second = flag.sides
                values = [s.quantity.text if s.quantity else s.attribution.speaker for s in (first, second)]
                if size[0] >= 120:  # room for both values whole
                    assert f"“{values[0]}” vs “{values[1]}”" in line
                else:
                    assert line.split(" vs ")[0].removeprefix(f"{mark} {label}: “")[:6] == values[0][:6]
            different_value = next(f for f in compare.fact_check.conflicts if f.code == "different-value")
            await jump_to_flag(app, pilot, different_value.id)
            assert shown_status(app).startswith("≠ figure conflict: “approximately 30%” vs “roughly a quarter” · x: details")
            # off the flagged passages, the line says what it said before
            await pilot.press("home")
            await pilot.pause()
            assert "conflict" not in shown_status(app) and "x: details" not in shown_status(app)

    async def test_the_enter_hint_stays_beside_a_flag_note_at_80_columns(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            compare = await open_story(app, pilot)
            flag = next(f for f in compare.fact_check.conflicts if f.code == "different-bounds")
            await jump_to_flag(app, pilot, flag.id)
            other = next(i for i, column in enumerate(compare.columns) if column is not compare.driver)
            compare._set_elsewhere(other, (0, 10))  # as a sync does when a counterpart is out of order
            compare._show_status()
            await pilot.pause()
            line = shown_status(app)
            assert line.startswith("≠ ") and "x: details" in line and "enter: counterpart elsewhere" in line, line
            assert line.index("x: details") < line.index("enter: counterpart elsewhere")


class TestDisagreements:
    async def test_conflicts_on_one_figure_are_gathered_under_one_heading(self, make_app, tmp_path) -> None:
        from tests.test_factcheck_review import TEXTS

        corpus = tmp_path / "bridge"
        corpus.mkdir()
        for name, text in TEXTS.items():
            (corpus / f"{name}.txt").write_text(text)
        app = make_app(corpus=corpus)
        async with app.run_test(size=WIDE) as pilot:
            screen = await open_story(app, pilot)
            gathered = screen.fact_check.disagreements()
            assert len(gathered) < len(screen.fact_check.conflicts)
            await pilot.press("x")
            await pilot.pause()
            panel = app.screen
            assert isinstance(panel, DiscrepanciesScreen)
            title = str(panel.query_one(".panel-title").render())
            assert f"{len(screen.fact_check.conflicts)} conflicts in {len(gathered)} disagreements" in title
            listing = panel.query_one(DiscrepancyList)
            rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
            heading = next(row for row in rows if "“95,000 vehicles”" in row and row.startswith("One disagreement"))
            assert heading.startswith("One disagreement, 2 conflicts: ") and "“120,000 vehicles”" in heading


def test_a_span_of_days_is_shown_whole_in_the_panel() -> None:
    from index.align import AlignInput, align_corpus
    from index.factcheck import check_story
    from tests.test_factcheck_review import TABLOID_A, TABLOID_B
    from tui.screens.discrepancies import _number

    articles = [AlignInput("a", TABLOID_A, date="2016-03-25"), AlignInput("b", TABLOID_B, date="2016-03-25")]
    (flag,) = [f for f in check_story(articles, align_corpus(articles)).conflicts if f.code == "different-day"]
    assert sorted(_number(side.quantity) for side in flag.sides) == ["2016-03-21 to 2016-03-24", "2016-03-25"]
