"""Pilot tests: drive the app with keys on a copy of the seeds and check what a person would see."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import Input, OptionList, Static

from index.config import Config
from index.errors import IndexBusy
from index.library import Library
from tests.tui.conftest import SIZE, settle
from tui.actions import ACTIONS
from tui.screens.compare import CompareScreen
from tui.screens.error_modal import ErrorModal
from tui.screens.help import HelpKeys, HelpScreen
from tui.widgets.article_list import SINGLES_TITLE, ArticleList, ArticleOption, StoryOption
from tui.widgets.reader import Reader
from tui.widgets.search_results import HitOption, SearchResults


def status_text(app) -> str:
    return str(app.screen.query_one("#search-status", Static).render())


class TestArticleList:
    async def test_lists_the_five_seeds_with_sources(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            articles = [o.article for o in article_list.options if isinstance(o, ArticleOption)]
            assert len(articles) == 5
            assert {"Washington Examiner", "Kyiv Independent", "Epoch Times"} <= {a.source for a in articles}
            rows = [str(o.prompt) for o in article_list.options if isinstance(o, ArticleOption)]
            assert rows[0].startswith("  Washington…") and rows[1].startswith("  Kyiv Indep")
            assert "527w" in rows[0] and "Trump says Putin agreed to pause" in rows[0]
            assert app.focused is article_list
            assert not app.screen.has_class("-indexing")

    async def test_an_empty_folder_says_so(self, make_app, tmp_path: Path) -> None:
        empty = tmp_path / "empty"
        empty.mkdir()
        app = make_app(corpus=empty)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert not app.screen.query_one(ArticleList).options
            (told,) = [n for n in app._notifications if n.title == "Empty folder"]
            assert told.message.startswith(f"No articles in {empty}.") and "--corpus DIR" in told.message

    @pytest.mark.parametrize(("size", "length_shown"), [((80, 24), False), ((200, 40), True)])
    async def test_a_narrow_list_keeps_room_for_titles(self, make_app, size, length_shown) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            width = article_list.scrollable_content_region.width
            rows = [str(o.prompt) for o in article_list.options if isinstance(o, ArticleOption)]
            title_at = rows[0].index("Trump says")
            assert title_at <= width - 12  # at least a dozen cells of title
            assert ("527w" in rows[0]) is length_shown

    async def test_resizing_the_list_keeps_the_article_being_read(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=(200, 40)) as pilot:
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            await pilot.press("j", "j", "j")
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            shown = reader.article
            opened: list[str] = []
            original = reader.show_article

            def record(article, *args, **kwargs):
                opened.append(article.id)
                return original(article, *args, **kwargs)

            reader.show_article = record
            await pilot.resize_terminal(80, 24)
            await settle(app, pilot)
            rows = [str(o.prompt) for o in article_list.options if isinstance(o, ArticleOption)]
            assert "527w" not in rows[0]  # the rows took their narrow form
            assert opened == [] and reader.article is shown

    async def test_articles_reported_once_are_listed_last_under_one_header(self, make_app, seed_copy: Path) -> None:
        (seed_copy / "zoo.txt").write_text("Zoo welcomes twin pandas\n\nThe Vienna zoo said two panda cubs were born.\n",
                                           encoding="utf-8")
        (seed_copy / "chess.txt").write_text("Chess final goes to tiebreaks\n\nThe Madrid final ended level after 14 games.\n",
                                             encoding="utf-8")
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            headers = [o for o in article_list.options if isinstance(o, StoryOption)]
            assert [len(h.articles) for h in headers] == [5, 2]  # the seeds' story, then the two loners
            assert str(headers[0].prompt).endswith("· 5 articles")
            assert headers[1].title == SINGLES_TITLE and not headers[1].related
            assert {a.path for a in headers[1].articles} == {"zoo.txt", "chess.txt"}
            article_list.highlighted = article_list.options.index(headers[1])
            await pilot.press("enter")  # a story header compares its story; the loners are no story
            await pilot.pause()
            assert not isinstance(app.screen, CompareScreen)
            assert any("No other article reports" in n.message for n in app._notifications)

    async def test_j_k_and_arrows_move_the_selection(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            first = article_list.highlighted_article
            await pilot.press("j")
            second = article_list.highlighted_article
            assert second is not first
            await pilot.press("down")
            assert article_list.highlighted_article not in (first, second)
            await pilot.press("k", "up")
            assert article_list.highlighted_article is first
            await pilot.pause()
            assert app.screen.query_one(Reader).article is first  # highlighting previews

    async def test_enter_opens_the_article_in_the_reader(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("j", "enter")
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            assert app.focused is reader
            assert reader.article is not None and reader.article.source == "Kyiv Independent"
            shown = "\n".join(reader.visible_text())
            assert "Trump claims Putin agreed not to strike Kyiv" in shown
            assert reader.row_marks(0) == ["reader--title"]
            await pilot.press("j", "j")
            assert reader.scroll_offset.y == 2
            await pilot.press("escape")
            assert app.focused is app.screen.query_one(ArticleList)


class TestReader:
    async def test_debris_is_dimmed_and_labelled(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            reader = app.screen.query_one(Reader)
            assert reader.article is not None and reader.article.id.startswith("000_")
            await pilot.press("enter", "end")
            await pilot.pause()
            row = next(i for i in range(len(reader.rows)) if "Related Content" in reader.row_text(i))
            assert reader.row_marks(row) == ["reader--debris"]
            assert reader.row_text(row).startswith("‹trailer›")
            debris_style = reader.get_component_rich_style("reader--debris")
            assert debris_style.dim or debris_style.color is not None
            y = row - reader.scroll_offset.y
            assert 0 <= y < reader.size.height
            segments = [s for s in reader.render_line(y) if "Related" in s.text]
            assert segments and all(Style.combine([reader.rich_style, debris_style]).dim == s.style.dim for s in segments)
            content_row = next(i for i in range(len(reader.rows)) if "A Ukrainian advocacy group" in reader.row_text(i))
            assert reader.row_marks(content_row) == []

    async def test_hostile_text_shows_literally_and_long_lines_do_not_hang(self, tmp_path: Path) -> None:
        corpus = tmp_path / "hostile"
        corpus.mkdir()
        long_line = "x" * 100_000
        (corpus / "evil.txt").write_text(
            f"Evil headline\n\nSome [red]x[/] and [bold]y and \x1b[2J cleared \x07 bell.\n\n{long_line}\n\nThe end.\n",
            encoding="utf-8",
        )
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=SIZE) as pilot:
            began = time.perf_counter()
            await settle(app, pilot)
            await pilot.press("enter")
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            shown = "\n".join(reader.visible_text())
            assert "[red]x[/] and [bold]y and ␛[2J cleared ␇ bell." in shown
            assert "\x1b" not in "".join(reader.row_text(i) for i in range(len(reader.rows)))
            rendered = "".join(segment.text for y in range(reader.size.height) for segment in reader.render_line(y))
            assert "\x1b" not in rendered and "[red]x[/]" in rendered
            assert sum(reader.row_text(i).count("x") for i in range(len(reader.rows))) >= 100_000  # every character shown
            await pilot.press("end")
            await pilot.pause()
            assert "The end." in "\n".join(reader.visible_text())
            assert time.perf_counter() - began < 10

    async def test_a_megabyte_article_opens_and_scrolls(self, tmp_path: Path) -> None:
        corpus = tmp_path / "big"
        corpus.mkdir()
        paragraph = "Power outages spread across Kyiv as temperatures fell below freezing overnight. " * 12
        (corpus / "big.txt").write_text("Big headline\n\n" + "\n\n".join([paragraph] * 1100) + "\n", encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            reader = app.screen.query_one(Reader)
            assert reader.article is not None and len(reader.article.text) > 1_000_000
            began = time.perf_counter()
            await pilot.press("enter", "pagedown", "space", "end", "home")
            await pilot.pause()
            assert time.perf_counter() - began < 3
            assert reader.scroll_offset.y == 0
            assert len(reader.rows) > 10_000


class TestSearch:
    async def test_slash_focuses_search_and_typing_shows_highlighted_results(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            assert isinstance(app.focused, Input)
            await pilot.press(*"putin")
            await settle(app, pilot)
            results = app.screen.query_one(SearchResults)
            assert results.display and not app.screen.query_one(ArticleList).display
            hits = [o.hit for o in results.options if isinstance(o, HitOption)]
            assert hits and all("putin" in h.snippet.lower() for h in hits)
            match_style = results.get_component_rich_style("search-results--match")
            prompt = results.options[0].prompt
            marked = [prompt.plain[span.start : span.end] for span in prompt.spans if span.style == match_style]
            assert marked and all(word.lower() == "putin" for word in marked)
            assert "passages" in status_text(app)

    async def test_enter_opens_the_top_hit_scrolled_to_the_passage(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"blackouts")
            await settle(app, pilot)
            results = app.screen.query_one(SearchResults)
            hit = results.highlighted_hit
            assert hit is not None
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            assert app.focused is reader
            assert reader.article is not None and reader.article.id == hit.article
            assert reader.passage == (hit.start, hit.end)
            row = reader.row_of_offset(hit.match_start)
            assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height
            assert "reader--passage" in reader.row_marks(row)
            word = reader.article.text[hit.match_start : hit.match_start + 9]
            assert word.lower() == "blackouts"
            assert "blackouts" in "\n".join(reader.visible_text()).lower()
            await pilot.press("escape")
            assert app.focused is results

    async def test_enter_right_after_typing_waits_for_the_results(self, make_app) -> None:
        app = make_app(search=__import__("index.config", fromlist=["SearchSettings"]).SearchSettings(debounce_ms=5000))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"putin")
            await settle(app, pilot)
            assert app.screen.query_one(SearchResults).option_count == 0  # still debouncing
            await pilot.press("enter")
            await settle(app, pilot)
            reader = app.screen.query_one(Reader)
            assert app.focused is reader and reader.passage is not None

    async def test_debounce_searches_once_typing_stops(self, make_app) -> None:
        from index.config import SearchSettings

        app = make_app(search=SearchSettings(debounce_ms=200))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"kyiv")
            await settle(app, pilot)
            assert app.screen.query_one(SearchResults).option_count == 0
            await pilot.pause(0.4)
            await settle(app, pilot)
            assert app.screen.query_one(SearchResults).option_count > 0

    async def test_enter_on_a_hit_deep_in_a_very_long_line_shows_it(self, tmp_path: Path) -> None:
        corpus = tmp_path / "long"
        corpus.mkdir()
        words = " ".join(f"w{n}" for n in range(60_000))  # one line of ~400,000 characters
        (corpus / "a.txt").write_text(f"Long headline\n\n{words} zanzibarcode here {words}\n", encoding="utf-8")
        (corpus / "b.txt").write_text("Other headline\n\nA short article about Kyiv.\n", encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"zanzibarcode")
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            reader = app.screen.query_one(Reader)
            assert reader.article is not None and reader.article.path == "a.txt"
            assert "zanzibarcode" in "\n".join(reader.visible_text())

    async def test_escape_leaves_search(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            await pilot.press("escape")
            assert app.focused is app.screen.query_one(ArticleList)
            await pilot.press("slash", *"kyiv")
            await settle(app, pilot)
            await pilot.press("escape")
            results = app.screen.query_one(SearchResults)
            assert app.focused is results
            await pilot.press("escape")  # clears the search
            assert app.focused is app.screen.query_one(ArticleList)
            assert app.screen.query_one("#search-input", Input).value == ""

    async def test_bad_query_shows_the_error_and_no_results(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"storm AND (coast")
            await settle(app, pilot)
            assert "parenthesis" in status_text(app)
            assert app.screen.query_one("#search-status").has_class("-error")
            assert app.screen.query_one(SearchResults).option_count == 0

    async def test_zero_hits_offer_did_you_mean(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"putn", "space")
            await settle(app, pilot)
            assert status_text(app) == "no matches · did you mean: putin"

    async def test_searching_while_indexing_says_so(self, make_app, seed_config: Config) -> None:
        library = Library.open(seed_config, sync=False)
        release = threading.Event()
        real_sync = library.sync

        def slow_sync(progress=None):
            release.wait(10)
            return real_sync(progress)

        library.sync = slow_sync  # type: ignore[method-assign]
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.has_class("-indexing")
            await pilot.press("slash", *"putin")
            await pilot.pause()
            assert status_text(app).startswith("indexing…")
            release.set()
            await settle(app, pilot)
            assert not app.screen.has_class("-indexing")
            assert app.screen.query_one(SearchResults).option_count > 0

    async def test_survives_a_search_that_raises(self, make_app, seed_config: Config) -> None:
        library = Library.open(seed_config, sync=False)

        def broken_search(*args, **kwargs):
            raise RuntimeError("whoosh exploded")

        library.search = broken_search  # type: ignore[method-assign]
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"putin")
            await settle(app, pilot)
            assert app.is_running
            assert any("whoosh exploded" in n.message for n in app._notifications)
            assert "search failed" in status_text(app)


class TestBusyIndex:
    async def test_index_busy_in_another_process_still_lets_you_search(self, make_app, seed_config) -> None:
        library = Library.open(seed_config)  # indexed once

        def busy_sync(*args, **kwargs):
            raise IndexBusy("the index at X is being written by another crossread process; wait and try again")

        library.sync = busy_sync  # type: ignore[method-assign]
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert not isinstance(app.screen, ErrorModal)
            assert any("another crossread process" in n.message for n in app._notifications)
            await pilot.press("slash", *"putin")
            await settle(app, pilot)
            hits = [o.hit for o in app.screen.query_one(SearchResults).options if isinstance(o, HitOption)]
            assert hits


class TestKeys:
    async def test_help_lists_every_binding_in_the_registry(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            rows = app.screen.query_one(HelpKeys).rows
            cells = {text for row in rows for text in (row.keys, row.description, row.tooltip, row.id)}
            for spec in ACTIONS:
                assert spec.description in cells and spec.tooltip in cells and spec.id in cells
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)

    async def test_help_from_the_search_box_explains_the_query_language(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            assert app.screen.topic is not None
            for syntax in ("only:yes", "outlets:>=3", "flag:number", "date:[2026-01-01 TO 2026-01-31]", "zelenskiy~"):
                assert syntax in app.screen.topic

    async def test_every_widget_binding_is_in_the_registry(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            ids = {spec.id for spec in ACTIONS}
            for widget in [app.screen, *app.screen.query("ArticleList, SearchResults, Reader, SearchBox")]:
                for _, binding in widget._bindings:
                    assert binding.id in ids, f"{type(widget).__name__}: {binding.key} -> {binding.action}"
                    assert binding.description and binding.tooltip

    async def test_q_quits(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running

    async def test_keymap_from_config_remaps_a_binding(self, make_app) -> None:
        app = make_app(keymap={"focus_search": "ctrl+f", "list.down": "n"})
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            first = article_list.highlighted
            await pilot.press("n")
            assert article_list.highlighted != first
            await pilot.press("slash")
            assert app.focused is article_list
            await pilot.press("ctrl+f")
            assert isinstance(app.focused, Input)
            await pilot.press("escape", "question_mark")
            rows = {row.id: row for row in app.screen.query_one(HelpKeys).rows}
            assert "^f" in rows["focus_search"].keys

    async def test_unknown_theme_falls_back_with_a_notice(self, make_app) -> None:
        app = make_app(theme="no-such-theme")
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.theme == "textual-dark"
            assert any("no-such-theme" in n.message for n in app._notifications)

    async def test_theme_from_config(self, make_app) -> None:
        app = make_app(theme="nord")
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.theme == "nord"


class TestProblemsAndPalette:
    async def test_load_problems_are_summarised_once_and_listed(self, tmp_path: Path) -> None:
        corpus = tmp_path / "mixed"
        corpus.mkdir()
        (corpus / "good.txt").write_text("A headline\n\nA paragraph about Kyiv.\n", encoding="utf-8")
        (corpus / "huge.txt").write_text("word " * 300_000, encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus, max_file_mb=1))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            messages = [n.message for n in app._notifications]
            assert sum("1 file skipped" in m for m in messages) == 1
            assert any("huge.txt" in m for m in messages)
            await pilot.press("ctrl+l")
            assert "huge.txt" in str(app.screen.query_one("#problems-list", OptionList).get_option_at_index(0).prompt)

    async def test_the_load_toast_counts_what_was_skipped_not_files_loaded_with_a_note(self, tmp_path: Path) -> None:
        corpus = tmp_path / "mixed"
        corpus.mkdir()
        (corpus / "latin1.txt").write_bytes("Caf\xe9 headline\n\nA paragraph about the caf\xe9 in Kyiv.\n".encode("latin-1"))
        (corpus / "feed.jsonl").write_text('{"id": "j1", "text": "A JSONL article about Kyiv and its power grid."}\nnot json\n', encoding="utf-8")
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=corpus))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            messages = [n.message for n in app._notifications]
            assert [m for m in messages if "skipped" in m] and all("1 JSONL line skipped" in m for m in messages if "skipped" in m)
            assert not any("latin1.txt" in m for m in messages)  # loaded, with a note: listed by ctrl+l, not a warning

    async def test_palette_offers_actions_and_articles(self, make_app) -> None:
        from tui.commands import CrossreadCommands

        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            provider = CrossreadCommands(app.screen)
            names = [str(hit.text) async for hit in provider.discover()]
            assert any(name.startswith("open article: Trump claims Putin") for name in names)
            assert any("(focus_search)" in name for name in names)
            hits = [hit async for hit in provider.search("open article epoch")]
            assert hits or [hit async for hit in provider.search("open article halt bombings")]

    async def test_palette_opens_an_article(self, make_app) -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+p")
            await pilot.press(*"open article trump claims")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            assert reader.article is not None and reader.article.source == "Kyiv Independent"


class TestErrors:
    async def test_unreadable_corpus_shows_a_modal_then_exits(self, tmp_path: Path) -> None:
        from tui.app import CrossreadApp

        app = CrossreadApp(Config(corpus=tmp_path / "missing"))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, ErrorModal)
            await pilot.press("x")
            await pilot.pause()
            assert app.return_code == 1


class TestStartAndPreferences:
    async def test_start_at_opens_the_article_at_the_offset(self, seed_config: Config) -> None:
        from tui.app import CrossreadApp

        library = Library.open(seed_config)
        article = library.corpus.articles[2]
        offset = article.text.rindex("Ukraine")
        app = CrossreadApp(seed_config, library, start_at=(article.id, offset))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            assert reader.article is article and app.focused is reader
            paragraph = article.paragraph_at(offset)
            assert reader.passage == (paragraph.start, paragraph.end)
            row = reader.row_of_offset(offset)
            assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height
            assert "reader--passage" in reader.row_marks(row)

    async def test_start_at_an_unknown_article_is_a_notification(self, make_app, seed_config: Config) -> None:
        from tui.app import CrossreadApp

        app = CrossreadApp(seed_config, start_at=("no-such-id", 5))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.is_running and any("no-such-id" in n.message for n in app._notifications)

    async def test_theme_chosen_in_the_app_persists(self, make_app, seed_config: Config) -> None:
        from index.preferences import load_preferences

        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.theme = "nord"
            await pilot.pause()
        assert load_preferences(seed_config.data_root).theme == "nord"
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.theme == "nord"
        app = make_app(theme="gruvbox")  # the config changed since: it wins
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.theme == "gruvbox"
