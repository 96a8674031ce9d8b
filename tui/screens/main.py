"""The main screen: article list or search results on the left, the reader on the right.

It owns the library's slow work: the indexing worker (open, then sync), the search worker and
the alignment-facts worker, all of which only post messages; the handlers here update the widgets.

A query with an alignment field (``only:``, ``outlets:``, ``flag:``) needs the corpus's alignment
facts. The first one on a large corpus aligns every story (up to a minute), which cannot be
cancelled by the next keystroke the way a search can, so it runs in a worker of its own (group
"facts", one at a time) with a progress bar under the search box: ``FactsProgressed… → FactsReady |
FactsFailed``. Meanwhile the list, the reader and plain searches work, and when the facts are ready
the newest filtered query waiting for them runs.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label, OptionList, ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

from index.errors import CrossreadError, IndexBusy, QuerySyntaxError
from index.query import split_query
from tui.actions import SCOPE_TARGETS, ActionSpec, Scope, bindings_for
from tui.annotating import Annotating
from tui.gc_policy import IDLE_DELAY, freeze_survivors
from tui.messages import (
    AnnotationsExported,
    AnnotationsExportFailed,
    EngineNoticed,
    FactsFailed,
    FactsProgressed,
    FactsReady,
    IndexingFailed,
    IndexingFinished,
    IndexingProgressed,
    LibraryOpened,
    SearchFailed,
    SearchFinished,
)
from tui.query_typing import unfinished_value
from tui.screens.error_modal import ErrorModal
from tui.screens.problems import ProblemsScreen
from tui.text_safety import one_line
from tui.widgets.article_list import MAX_MARKED, ArticleList, ArticleOption, StoryOption
from tui.widgets.reader import Reader
from tui.widgets.search_box import SearchBox
from tui.widgets.key_bar import KeyBar
from tui.widgets.search_results import HitOption, SearchResults

FIRST_FRAME_WAIT = 1.0
"""Seconds the indexing worker waits for the first frame before it starts anyway (a screen that never draws)."""

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import ComposeResult
    from textual.widget import Widget

    from index.annotations import Notebook
    from index.article import Article
    from index.config import Config
    from index.library import Library
    from index.search import Hit
    from tui.query_typing import UnfinishedValue


class _FactsAbandoned(Exception):
    """Raised from the progress callback to stop aligning when the worker is cancelled (the app quits)."""


class MainScreen(Screen[None], inherit_bindings=False):
    """List, search and reader; the state of the library (opening, indexing, ready) is a class on the screen."""

    BINDINGS: ClassVar = bindings_for("main") + bindings_for("annotate")
    SCOPES: ClassVar[tuple[Scope, ...]] = ("main", "annotate", "list", "results", "search", "reader")
    """The registry scopes whose actions the palette offers on this screen."""

    def __init__(self, config: Config, library: Library | None, start_at: tuple[str, int] | None = None) -> None:
        """Args:
        config: Resolved settings.
        library: An opened library, or None to open the one ``config`` names.
        start_at: (article id, character offset) to open in the reader as soon as the library is loaded.
        """
        super().__init__(id="main", classes="-indexing")  # set here, not on mount: a class change restyles every widget
        self.config = config
        self.library = library
        self.start_at = start_at
        self.groups: list[tuple[str, list[Article]]] = []
        """Stories as (title, articles), as the list shows them."""
        self.indexing = True
        """True until the index is in step with the corpus; searches wait for it."""
        self._search_request = 0
        """Number of the newest search asked for; older answers are dropped."""
        self._open_top_hit_for: int | None = None
        """The search request whose first hit should open as soon as it arrives (enter was pressed)."""
        self._unfinished: tuple[int, UnfinishedValue] | None = None
        """The search request that left out an alignment value still being typed, and that value."""
        self._shown_query: str | None = None
        self._facts_wait: tuple[int, str, str] | None = None
        """(request, query, alignment field as typed) of the newest filtered search waiting for the facts."""
        self._facts_progress: tuple[int, int] | None = None
        """(stories aligned, stories to align) as last reported by the facts worker."""
        self._facts_worker: Worker[None] | None = None
        self._back_to: str = "#article-list"
        self.annotating = Annotating(self)
        """The notebook of the loaded corpus and the annotate/list/export flows."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="sidebar"):
                yield SearchBox(debounce_ms=self.config.search.debounce_ms, id="search-box")
                yield ArticleList(id="article-list")
                yield SearchResults(id="search-results")
            yield Reader(id="reader")
        with Horizontal(id="indexing-bar"):
            yield Label("Indexing articles", id="indexing-label")
            yield ProgressBar(id="indexing-progress", show_eta=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        # The worker exists from now on (whoever waits for the app's workers waits for it), but its
        # work waits for the first frame: its thread would otherwise take the GIL from the first paint.
        first_frame = threading.Event()
        self.call_after_refresh(first_frame.set)
        self.index_library(self.config, self.library, first_frame)

    # --- indexing -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="indexing", description="Indexing articles")
    def index_library(self, config: Config, library: Library | None, first_frame: threading.Event | None = None) -> None:
        """Open the library if needed, then bring its index in step with the files (once ``first_frame`` is set)."""
        worker = get_current_worker()
        deadline = time.monotonic() + FIRST_FRAME_WAIT
        while first_frame is not None and not first_frame.wait(0.05) and time.monotonic() < deadline:
            if worker.is_cancelled:
                return
        from index.library import Library  # the engine (Whoosh) loads here, off the first paint
        from tui.grouping import group_articles  # and the story grouping (index.stories)

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(IndexingProgressed(stage, done, total))

        try:
            if library is None:
                library = Library.open(
                    config, progress=progress, notice=lambda text: self.post_message(EngineNoticed(text)), sync=False
                )
            self.post_message(LibraryOpened(library, group_articles(library.corpus, config.derived_cache("stories"))))
            if worker.is_cancelled:
                return
            report = library.sync(progress)
        except IndexBusy as error:
            self.post_message(IndexingFailed(error.title, error.message, searchable=True))
            return
        except CrossreadError as error:
            self.post_message(IndexingFailed(error.title, error.message))
            return
        self.post_message(IndexingFinished(report))

    @on(LibraryOpened)
    def adopt_library(self, message: LibraryOpened) -> None:
        self.library = message.library
        self.app.library = message.library  # type: ignore[attr-defined]
        self._show_library(message.library, message.groups)
        self.annotating.check_store()
        self.show_annotation_marks()
        # The corpus and the index reader live as long as the app: once the list is drawn, keep
        # them out of the collector's passes (see tui.gc_policy).
        self.set_timer(IDLE_DELAY, freeze_survivors)

    @on(IndexingProgressed)
    def show_indexing_progress(self, message: IndexingProgressed) -> None:
        self.query_one("#indexing-label", Label).update(Text("Loading articles" if message.stage == "loading" else "Indexing articles"))
        self.query_one("#indexing-progress", ProgressBar).update(total=max(message.total, 1), progress=message.done)

    @on(IndexingFinished)
    def finish_indexing(self, message: IndexingFinished) -> None:
        self.indexing = False
        self.set_class(False, "-indexing")
        query = self.query_one(SearchBox).query_text
        if query.strip():
            self.request_search(query, submitted=self._open_top_hit_for is not None)

    @on(IndexingFailed)
    def fail_indexing(self, message: IndexingFailed) -> None:
        self.set_class(False, "-indexing")
        if message.searchable and self.library is not None:
            # Another crossread is writing the index: search what it holds now rather than nothing.
            self.indexing = False
            self.notify(message.text, title=message.title, severity="warning", markup=False, timeout=10)
            query = self.query_one(SearchBox).query_text
            if query.strip():
                self.request_search(query, submitted=self._open_top_hit_for is not None)
            return
        self.query_one(SearchBox).show_status("search is unavailable: the index could not be opened", error=True)
        fatal = self.library is None

        def closed(_: None) -> None:
            if fatal:
                self.app.exit(return_code=1)

        self.app.push_screen(ErrorModal(message.title, message.text), closed)

    @on(EngineNoticed)
    def show_engine_notice(self, message: EngineNoticed) -> None:
        self.notify(message.text, title="Index", markup=False)

    def _show_library(self, library: Library, groups: list[tuple[str, list[Article]]]) -> None:
        self.groups = groups
        self.query_one(ArticleList).show_groups(groups)
        if self.start_at is not None:
            article_id, offset = self.start_at
            self.start_at = None
            self.open_article_at(article_id, offset)
        if not library.corpus.articles:
            self.notify(
                f"No articles in {one_line(str(library.corpus.root), 200)}. crossread reads .txt, .md and .jsonl files; "
                "start it with --corpus DIR to read another folder.",
                title="Empty folder", severity="warning", timeout=30, markup=False,
            )
        if library.corpus.problems:
            from index.cli_types import load_report  # the CLI's split: items skipped, files loaded with a note

            report = load_report(library.corpus.problems, library.corpus.articles)
            if report.skipped:
                first, others = report.skipped[0], len(report.skipped) - 1
                more = f" (and {others} more; ctrl+l lists them)" if others else " (ctrl+l lists it)"
                self.notify(f"{report.skipped_summary}: {one_line(first.path, 200)}: {one_line(first.message, 300)}{more}",
                            title="Load problems", severity="warning", markup=False)

    # --- searching ------------------------------------------------------------------------

    @on(SearchBox.QueryChanged)
    def search_for_query(self, message: SearchBox.QueryChanged) -> None:
        self.request_search(message.query, submitted=message.submitted)

    def request_search(self, query: str, *, submitted: bool) -> None:
        """Search for ``query`` (or clear the results when it is empty), dropping any answer still on its way.

        While typing (not ``submitted``), an alignment value still being typed at the end (``flag:num``)
        is left out of the search and the status says what it takes, instead of an error at every key.
        """
        self._search_request += 1
        request = self._search_request
        search_box = self.query_one(SearchBox)
        unfinished = None if submitted else unfinished_value(query)
        self._unfinished = (request, unfinished) if unfinished is not None else None
        if unfinished is not None:
            query = unfinished.rest
        if not query.strip():
            self._open_top_hit_for = None
            self._shown_query = None
            self._stop_waiting_for_facts()
            self.set_class(False, "-searching")
            search_box.show_status(f"{unfinished.field}: takes {unfinished.choices}" if unfinished else "")
            self.query_one(SearchResults).clear_options()
            return
        self.set_class(True, "-searching")
        if submitted and query == self._shown_query and self.query_one(SearchResults).highlighted_hit:
            self.open_hit(self.query_one(SearchResults).highlighted_hit)  # type: ignore[arg-type]
            return
        self._open_top_hit_for = request if submitted else None
        if self.indexing or self.library is None:
            search_box.show_status("indexing… the search runs when it is done")
            return
        field = alignment_field(query)
        if field is not None and not self.library.facts_ready():
            self._wait_for_facts(request, query, field)
            return
        self._stop_waiting_for_facts()
        self.run_search(self.library, request, query)

    def _wait_for_facts(self, request: int, query: str, field: str) -> None:
        """Run the filtered query once the facts are ready, computing them unless that is under way."""
        assert self.library is not None
        self._facts_wait = (request, query, field)
        self.query_one(SearchBox).show_status("")  # what it said was about an older query
        # So were the results (often this query without its filter, searched while the value was typed):
        # nothing to show yet, so the article list is in view (and in reach of escape) meanwhile.
        self.query_one(SearchResults).clear_options()
        self._shown_query = None
        self.set_class(False, "-searching")
        self._show_facts_progress()
        if self._facts_worker is None or self._facts_worker.is_finished:
            self._facts_progress = None
            self._facts_worker = self.compute_facts(self.library)

    def _stop_waiting_for_facts(self) -> None:
        """No query waits for the facts any more (their worker goes on: the next filtered search needs them)."""
        self._facts_wait = None
        self.query_one(SearchBox).hide_aligning()

    def _show_facts_progress(self) -> None:
        if self._facts_wait is None:
            return
        done, total = self._facts_progress if self._facts_progress is not None else (None, None)
        self.query_one(SearchBox).show_aligning(self._facts_wait[2], done, total)

    @work(thread=True, exit_on_error=False, group="facts", description="Aligning stories")
    def compute_facts(self, library: Library) -> None:
        """Align the corpus's stories for the alignment fields (the library keeps the facts, and caches them)."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _FactsAbandoned  # the stories aligned so far stay in the alignment cache
            self.post_message(FactsProgressed(done, total))

        try:
            library.alignment_facts(progress)
        except _FactsAbandoned:
            return
        except CrossreadError as error:
            self.post_message(FactsFailed(error.title, error.message))
            return
        self.post_message(FactsReady(library))

    @on(FactsProgressed)
    def show_facts_progress(self, message: FactsProgressed) -> None:
        self._facts_progress = (message.done, message.total)
        self._show_facts_progress()

    @on(FactsReady)
    def search_with_facts(self, message: FactsReady) -> None:
        """Run the filtered query that waited, if it is still the newest search."""
        waiting = self._facts_wait
        self._facts_progress = None
        self._stop_waiting_for_facts()
        if waiting is None or message.library is not self.library:
            return
        request, query, _ = waiting
        if request == self._search_request:
            self.set_class(True, "-searching")
            self.run_search(message.library, request, query)

    @on(FactsFailed)
    def show_facts_failure(self, message: FactsFailed) -> None:
        self._fail_waiting_search(message.title, message.text)

    def _fail_waiting_search(self, title: str, text: str) -> None:
        waiting = self._facts_wait
        self._facts_progress = None
        self._stop_waiting_for_facts()
        self.notify(text, title=title, severity="error", markup=False)
        if waiting is not None and waiting[0] == self._search_request:
            self._open_top_hit_for = None
            self.query_one(SearchBox).show_status(f"{waiting[2]} is unavailable; see the notification", error=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", description="Searching")
    def run_search(self, library: Library, request: int, query: str) -> None:
        try:
            # The per-source counts come from the same Whoosh pass (a few ms more at 10k articles).
            result = library.search(query, as_you_type=True, facets=True)
        except QuerySyntaxError as error:
            self.post_message(SearchFailed(request, error.title, error.message, expected=True))
            return
        except CrossreadError as error:
            self.post_message(SearchFailed(request, error.title, error.message, expected=False))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(request, result))

    @on(SearchFinished)
    def show_search_result(self, message: SearchFinished) -> None:
        if message.request != self._search_request:
            return
        result = message.result
        self._shown_query = result.query
        results = self.query_one(SearchResults)
        results.show_hits(result.hits)
        search_box = self.query_one(SearchBox)
        unfinished = self._unfinished[1] if self._unfinished and self._unfinished[0] == message.request else None
        left_out = f" · {unfinished.word} not applied yet ({unfinished.choices})" if unfinished else ""
        if not result.hits:
            hint = f" · did you mean: {result.suggestion.strip()}" if result.suggestion else ""
            search_box.show_status(f"no matches{hint}{left_out}")
        else:
            total = max(result.total, len(result.hits))
            exact = result.exact_total or len(result.hits) < self.config.search.limit  # fewer than asked: all of them
            count = f"{total} passage{'s' if total != 1 else ''}" if exact else f"at least {total} passages"
            shown = f" (showing the top {len(result.hits)})" if total > len(result.hits) else ""
            search_box.show_status(count + shown + left_out, facets=result.facets)
        if self._open_top_hit_for == message.request:
            self._open_top_hit_for = None
            if result.hits:
                self.open_hit(result.hits[0])

    @on(SearchFailed)
    def show_search_failure(self, message: SearchFailed) -> None:
        if message.request != self._search_request:
            return
        self._open_top_hit_for = None
        self._shown_query = None
        self.query_one(SearchResults).clear_options()
        if message.expected:
            self.query_one(SearchBox).show_status(message.text, error=True)
        else:
            self.query_one(SearchBox).show_status("search failed; see the notification", error=True)
            self.notify(message.text, title=message.title, severity="error", markup=False)

    @on(Worker.StateChanged)
    def report_worker_crash(self, event: Worker.StateChanged) -> None:
        """Any exception a worker did not turn into a message: tell the user and keep running."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        text = f"{type(error).__name__}: {error}"
        if event.worker.group == "indexing":
            self.set_class(False, "-indexing")
            self.query_one(SearchBox).show_status("search is unavailable: indexing failed", error=True)
            self.app.push_screen(ErrorModal("Indexing failed unexpectedly", f"{text}\n\nSearch is unavailable; restart crossread."))
            return
        if event.worker.group == "facts":
            self._fail_waiting_search("Aligning stories failed", text)
            return
        self.notify(text, title=f"{event.worker.description or 'Background task'} failed", severity="error", markup=False)
        if event.worker.group == "search":
            self._open_top_hit_for = None
            self.query_one(SearchBox).show_status("search failed; see the notification", error=True)

    # --- opening articles -----------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#article-list")
    def preview_article(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted article while browsing the list (not when the list follows an opened article)."""
        if isinstance(event.option, ArticleOption) and isinstance(self.focused, ArticleList):
            reader = self.query_one(Reader)
            if reader.article is not event.option.article:
                reader.show_article(event.option.article)
                self.show_annotation_marks()

    @on(OptionList.OptionSelected, "#article-list")
    def open_listed_article(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, ArticleOption):
            self.open_article(event.option.article, back_to="#article-list")
        elif isinstance(event.option, StoryOption):
            self.query_one(ArticleList).request_story(event.option)

    @on(ArticleList.CompareRequested)
    def compare_requested(self, message: ArticleList.CompareRequested) -> None:
        self.open_compare(message.articles, message.title)

    def open_compare(self, articles: list[Article], title: str = "") -> None:
        """Open the compare view on ``articles`` (the first 5 if there are more)."""
        from tui.screens.compare import CompareScreen  # the aligner loads on first use, off the first paint

        if len(articles) > MAX_MARKED:
            self.notify(
                f"{len(articles)} articles in this story; comparing the first {MAX_MARKED}. "
                "Mark articles (space) to choose others.",
                title="Compare", markup=False,
            )
        self.app.push_screen(CompareScreen(self.config, articles[:MAX_MARKED], title=title))

    def open_article_at(self, article_id: str, offset: int) -> None:
        """Open article ``article_id`` with the paragraph holding ``offset`` marked and in view."""
        if self.library is None:
            return
        article = self.library.corpus.get(article_id)
        if article is None:
            self.notify(f"article {article_id} is not in the corpus; pick one from the list", title="Open",
                        severity="error", markup=False)
            return
        offset = max(0, min(offset, len(article.text)))
        paragraph = article.paragraph_at(offset)
        passage = (paragraph.start, paragraph.end) if paragraph is not None else None
        self.open_article(article, passage=passage, offset=offset)

    @on(OptionList.OptionSelected, "#search-results")
    def open_result(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, HitOption):
            self.open_hit(event.option.hit)

    def open_hit(self, hit: Hit) -> None:
        """Open the hit's article scrolled to the first matched word, its passage marked."""
        if self.library is None:
            return
        article = self.library.corpus.get(hit.article)
        if article is None:
            self.notify(f"article {hit.article} is no longer in the corpus; reload the folder", severity="error", markup=False)
            return
        self.open_article(article, passage=(hit.start, hit.end), offset=hit.match_start, back_to="#search-results")

    def open_article(
        self, article: Article, *, passage: tuple[int, int] | None = None, offset: int | None = None, back_to: str = "#article-list"
    ) -> None:
        reader = self.query_one(Reader)
        reader.show_article(article, passage=passage, offset=offset)
        self.show_annotation_marks()
        self._back_to = back_to
        self.query_one(ArticleList).select_article(article.id)
        reader.focus()

    @on(Reader.BackRequested)
    def leave_reader(self) -> None:
        self._focus_sidebar(self._back_to)

    @on(SearchBox.ResultsRequested)
    def focus_results(self) -> None:
        if self.query_one(SearchResults).option_count:
            self.query_one(SearchResults).focus()

    @on(SearchBox.LeaveRequested)
    def leave_search(self) -> None:
        results = self.query_one(SearchResults)
        self._focus_sidebar("#search-results" if self.has_class("-searching") and results.option_count else "#article-list")

    @on(SearchResults.ClearRequested)
    def clear_search(self) -> None:
        self.query_one(SearchBox).clear()
        self.request_search("", submitted=False)
        self._focus_sidebar("#article-list")

    def _focus_sidebar(self, selector: str) -> None:
        self.set_class(False, "-list-hidden")
        if selector == "#search-results" and not self.has_class("-searching"):
            selector = "#article-list"
        target: Widget = self.query_one(selector)
        target.focus()

    # --- annotations ----------------------------------------------------------------------

    def show_annotation_marks(self) -> None:
        """Mark the reader's annotated passages (after opening an article and after every change)."""
        reader = self.query_one(Reader)
        if reader.article is not None and self.library is not None:
            reader.set_annotated(self.annotating.spans_for(reader.article.id))

    def action_annotate(self) -> None:
        reader = self.query_one(Reader)
        if reader.article is None:
            self.notify("Open an article first, then select a passage (] or a click) and press a.", markup=False)
            return
        span = reader.ensure_selection()
        if span is None:
            self.notify("Nothing to annotate here: this article has no text.", markup=False)
            return
        self.annotating.annotate(reader.article, span, on_saved=reader.clear_selection)

    def action_list_annotations(self) -> None:
        self.annotating.show_list()

    def action_export_annotations(self) -> None:
        self.annotating.export()

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="Exporting annotations")
    def export_annotations(self, notebook: Notebook, target: Path) -> None:
        """Place every annotation, align their stories ("also reported by") and write the Markdown file."""
        from datetime import date

        from index.align_cache import cached_align_corpus
        from index.export import build_export, output_path, write_atomically

        cache = self.config.derived_cache("align")
        try:
            placed = notebook.placed()
            export = build_export(
                placed, notebook.corpus, exported=date.today(), align=lambda articles: cached_align_corpus(articles, cache)
            )
            path = output_path(target, export.title)
            write_atomically(path, export.markdown)
        except CrossreadError as error:
            self.post_message(AnnotationsExportFailed(error))
            return
        self.post_message(AnnotationsExported(export.count, path))

    @on(AnnotationsExported)
    def show_export_done(self, message: AnnotationsExported) -> None:
        noun = "annotation" if message.count == 1 else "annotations"
        self.notify(f"exported {message.count} {noun} to {message.path}", title="Export", markup=False, timeout=10)

    @on(AnnotationsExportFailed)
    def show_export_failure(self, message: AnnotationsExportFailed) -> None:
        self.annotating.report(message.error)

    # --- actions --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.set_class(False, "-list-hidden")
        self.query_one("#search-input").focus()

    def action_toggle_list(self) -> None:
        hidden = not self.has_class("-list-hidden")
        self.set_class(hidden, "-list-hidden")
        if hidden:
            self.query_one(Reader).focus()

    def action_show_problems(self) -> None:
        problems = self.library.corpus.problems if self.library is not None else []
        articles = self.library.corpus.articles if self.library is not None else []
        self.app.push_screen(ProblemsScreen(list(problems), articles))

    async def run_registry_action(self, spec: ActionSpec) -> None:
        """Run a registry action in its scope's namespace (how the palette runs key actions)."""
        if spec.scope == "app":
            await self.app.run_action(spec.action)
            return
        target = SCOPE_TARGETS.get(spec.scope)
        node: Widget | Screen[None] = self if target is None else self.query_one(target)
        if target is not None:
            node.focus()
        await self.app.run_action(spec.action, node)


def alignment_field(query: str) -> str | None:
    """The first alignment field of ``query`` as typed (``only:yes``), or None if it has none or is not valid.

    A query that is not valid goes to the search worker, which reports the problem.
    """
    try:
        filters = split_query(query).filters
    except QuerySyntaxError:
        return None
    return filters[0].text if filters else None
