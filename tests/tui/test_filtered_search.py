"""Pilot tests: the first search with an alignment field (only:, outlets:, flag:) on a corpus not aligned yet.

The seeds are one story of five articles, so the real alignment takes well under a second. To see
what a user sees during a minute of aligning, the library's ``alignment_facts`` is replaced by one
that reports progress and then waits on an event the test sets: the app has to stay usable while
the worker waits, and run the filtered query when the facts arrive.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator

import pytest
from textual.widgets import Input, ProgressBar, Static

from index.config import Config
from index.errors import CrossreadError
from index.library import Library
from tests.tui.conftest import SIZE, settle
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader
from tui.widgets.search_box import SearchBox
from tui.widgets.search_results import HitOption, SearchResults

STORIES = 2181
"""The story count the held computation reports (as for 10k Reuters articles)."""


class HeldFacts:
    """A stand-in for ``Library.alignment_facts`` that reports 340 of ``STORIES`` done, then waits for ``release``."""

    def __init__(self, library: Library, fail_with: Exception | None = None) -> None:
        self.real = library.alignment_facts
        self.fail_with = fail_with
        self.started = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, progress: Callable[[int, int], None] | None = None):  # noqa: ANN204
        self.calls += 1
        if progress is not None:
            progress(340, STORIES)
        self.started.set()
        if not self.release.wait(timeout=20):
            raise AssertionError("the test never released the facts")
        if self.fail_with is not None:
            raise self.fail_with
        return self.real()


@pytest.fixture
def held_library(seed_config: Config) -> Iterator[tuple[Library, HeldFacts]]:
    """An indexed library on the seeds whose alignment facts wait for the test."""
    library = Library.open(seed_config)
    held = HeldFacts(library)
    library.alignment_facts = held  # type: ignore[method-assign]
    yield library, held
    held.release.set()  # never leave the worker thread waiting when a test fails


def status_text(app) -> str:
    return str(app.screen.query_one("#search-status", Static).render())


def aligning_text(app) -> str | None:
    return app.screen.query_one(SearchBox).aligning_text


async def until(pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app handle messages until ``condition`` holds (a worker thread posts them)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def wait_started(held: HeldFacts) -> None:
    assert await asyncio.to_thread(held.started.wait, 10), "the facts worker never started"


def hits(app) -> list:
    return [o.hit for o in app.screen.query_one(SearchResults).options if isinstance(o, HitOption)]


class TestFirstFilteredSearch:
    async def test_shows_progress_then_the_results(self, make_app, held_library) -> None:
        library, held = held_library
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert not library.facts_ready()
            await pilot.press("slash", *"trump", "space", *"only:yes")
            await wait_started(held)
            expected = f"aligning stories for only:yes — 340/{STORIES} (once; cached afterwards)"
            await until(pilot, lambda: aligning_text(app) == expected, "the progress line")
            bar = app.screen.query_one("#search-aligning-bar", ProgressBar)
            assert (bar.progress, bar.total) == (340, STORIES)
            assert bar.region.height == 1 and bar.region.width > 0  # on screen, under the search box
            box = app.screen.query_one(SearchBox).region
            label = app.screen.query_one("#search-aligning-label").region
            assert box.y < label.y < box.bottom
            assert not hits(app)
            assert status_text(app) == ""  # not the error about 'only:ye', typed a moment before
            held.release.set()
            await settle(app, pilot)
            assert library.facts_ready()
            assert aligning_text(app) is None
            found = hits(app)
            assert found and all("trump" in hit.snippet.lower() for hit in found)
            filtered = {(h.article, h.start) for h in library.search("trump only:yes", limit=1000).hits}
            assert {(h.article, h.start) for h in found} <= filtered
            assert "passage" in status_text(app)
            assert held.calls == 1

    async def test_app_stays_responsive_while_aligning(self, make_app, held_library) -> None:
        library, held = held_library
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"only:yes")
            await wait_started(held)
            await until(pilot, lambda: aligning_text(app) is not None, "the progress line")
            # No results yet: the article list stays in view, and escape leads to it; j browses it.
            article_list = app.screen.query_one(ArticleList)
            assert article_list.display and not app.screen.query_one(SearchResults).display
            await pilot.press("escape")
            assert app.focused is article_list
            first = article_list.highlighted_article
            await pilot.press("j")
            await pilot.pause()
            assert article_list.highlighted_article is not first
            assert app.screen.query_one(Reader).article is article_list.highlighted_article
            assert aligning_text(app) is not None  # the filtered query still waits
            # Still computing: a plain search runs and answers, and hides the progress line.
            await pilot.press("slash")
            box = app.screen.query_one("#search-input", Input)
            box.value = ""
            await pilot.press(*"putin")
            await until(pilot, lambda: bool(hits(app)), "plain search results")
            assert held.started.is_set() and not held.release.is_set()
            assert aligning_text(app) is None
            assert all("putin" in hit.snippet.lower() for hit in hits(app))
            # Keys still work: leave the box, open a result, read it.
            await pilot.press("escape")
            assert app.focused is app.screen.query_one(SearchResults)
            await pilot.press("enter")
            reader = app.screen.query_one(Reader)
            assert app.focused is reader and reader.article is not None
            # Asking for a filter again shows the progress of the computation under way, without a second one.
            await pilot.press("slash")
            box.value = ""
            await pilot.press(*"only:no")
            await until(pilot, lambda: (aligning_text(app) or "").endswith(f"340/{STORIES} (once; cached afterwards)"), "progress again")
            assert "only:no" in (aligning_text(app) or "")
            assert len([w for w in app.workers if w.group == "facts"]) == 1
            held.release.set()
            await settle(app, pilot)
            assert held.calls == 1
            assert aligning_text(app) is None
            only_no = {(h.article, h.start) for h in library.search("only:no", limit=10_000).hits}
            assert hits(app) and {(h.article, h.start) for h in hits(app)} <= only_no

    async def test_clearing_the_query_while_aligning_drops_the_wait(self, make_app, held_library) -> None:
        library, held = held_library
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"outlets:>=2")
            await wait_started(held)
            await until(pilot, lambda: aligning_text(app) is not None, "the progress line")
            await pilot.press("escape")  # leaves the box: the filtered query keeps waiting
            assert aligning_text(app) is not None
            await pilot.press("slash", *["backspace"] * len("outlets:>=2"))
            await pilot.pause()
            assert aligning_text(app) is None
            await pilot.press("escape")
            assert app.focused is app.screen.query_one(ArticleList)
            held.release.set()
            await settle(app, pilot)
            assert app.is_running and library.facts_ready()
            assert not app.screen.has_class("-searching") and not hits(app)  # the dropped query did not run
            assert not app._notifications

    async def test_a_failure_is_a_notification_with_the_text_as_written(self, make_app, seed_config: Config) -> None:
        library = Library.open(seed_config)
        held = HeldFacts(library, fail_with=CrossreadError("cannot read [bold red]cache[/] at /x", title="Alignment"))
        library.alignment_facts = held  # type: ignore[method-assign]
        app = make_app(library)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                await pilot.press("slash", *"flag:any")
                await wait_started(held)
                held.release.set()
                await settle(app, pilot)
                assert app.is_running
                assert aligning_text(app) is None
                notes = [n for n in app._notifications if "cache" in n.message]
                assert len(notes) == 1 and notes[0].message == "cannot read [bold red]cache[/] at /x"
                assert not notes[0].markup and notes[0].severity == "error"
                assert "flag:any is unavailable" in status_text(app)
                assert app.screen.query_one("#search-status").has_class("-error")
        finally:
            held.release.set()

    async def test_an_unexpected_crash_is_a_notification_too(self, make_app, seed_config: Config) -> None:
        library = Library.open(seed_config)
        held = HeldFacts(library, fail_with=RuntimeError("aligner [red]broke[/]"))
        library.alignment_facts = held  # type: ignore[method-assign]
        app = make_app(library)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                await pilot.press("slash", *"only:yes")
                await wait_started(held)
                held.release.set()
                # Not settle(): waiting on a worker that raised re-raises its error in the test.
                await until(pilot, lambda: bool(app._notifications), "the notification")
                assert app.is_running and aligning_text(app) is None
                assert any(n.message == "RuntimeError: aligner [red]broke[/]" and not n.markup for n in app._notifications)
                assert "only:yes is unavailable" in status_text(app)
        finally:
            held.release.set()

    async def test_ready_facts_search_at_once(self, make_app, seed_config: Config) -> None:
        library = Library.open(seed_config)
        library.alignment_facts()
        assert library.facts_ready()
        held = HeldFacts(library)
        library.alignment_facts = held  # type: ignore[method-assign]
        app = make_app(library)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                await pilot.press("slash", *"only:yes")
                await settle(app, pilot)
                assert hits(app) and aligning_text(app) is None
                assert held.calls == 0  # the search used the facts in memory; no facts worker ran
        finally:
            held.release.set()
