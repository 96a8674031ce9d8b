"""The compare view: 2-5 articles of one story side by side, kept in step by content.

The screen owns the alignment (computed in a worker, or read from the engine's cache) and the
sync: when a column announces that its cursor moved, the screen maps the cursor row into every
other column (``tui.sync_scroll``) and tells them where to follow and what to highlight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, ProgressBar, Static, Tab, Tabs
from textual.worker import Worker, WorkerState, get_current_worker

from index.align_cache import cached_align_corpus, read_cached_alignment
from index.errors import AlignmentCancelled, CrossreadError
from tui.actions import ActionSpec, Scope, bindings_for
from tui.compare_model import CompareModel, Passage
from tui.gc_policy import freeze_new, release_and_collect_later
from tui.messages import AlignmentFailed, AlignmentFinished, AlignmentProgressed, FactCheckFailed, FactCheckFinished
from tui.screens.coverage_grid import CoverageGridScreen
from tui.screens.discrepancies import DiscrepanciesScreen
from tui.screens.quote_variants import QuoteVariantsScreen
from tui.screens.word_diff import WordDiffScreen
from tui.sync_scroll import Anchor, RowMap, row_range
from tui.text_safety import one_line
from tui.widgets.article_list import MAX_MARKED
from tui.flag_note import FLAG_HINT, flag_note
from tui.widgets.compare_column import CompareColumn
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual import events
    from textual.app import ComposeResult

    from index.article import Article
    from index.collate import Alignment
    from index.config import Config
    from index.factcheck import FactCheck, Flag
    from tui.compare_model import Span

MAX_COLUMNS = MAX_MARKED
MIN_COLUMN_WIDTH = 32
"""Columns narrower than this (cells, gutter and border included) collapse into tabs."""
CACHE_READ_AT_ONCE_BYTES = 2_000_000
"""A cached alignment up to this size is read while the view opens (a few ms); larger ones in the worker."""
ELSEWHERE_HINT = "enter: counterpart elsewhere"


def align_cache_dir(config: Config) -> Path:
    """Where the engine caches story alignments (the folder ``crossread collate`` uses too)."""
    return config.cache_root.parent / "align"


class CompareScreen(Screen[None], inherit_bindings=False):
    """Columns of articles with aligned passages marked; ``-aligning`` while the alignment runs, ``-tabbed`` when narrow."""

    BINDINGS: ClassVar = bindings_for("compare") + bindings_for("annotate")
    SCOPES: ClassVar[tuple[Scope, ...]] = ("compare", "column", "annotate")
    """The registry scopes whose actions the palette offers on this screen."""

    def __init__(self, config: Config, articles: list[Article], *, title: str = "") -> None:
        articles = list(articles[:MAX_COLUMNS])
        cached = read_cached_alignment(articles, align_cache_dir(config), max_bytes=CACHE_READ_AT_ONCE_BYTES)
        # The class is set here, not on mount: a class change restyles every column.
        super().__init__(id="compare", classes="" if cached else "-aligning")
        self._cached_alignment = cached
        """A cached alignment, shown in the first frame (no worker round trip, no "aligning" frame)."""
        self.config = config
        self.articles = articles
        self.story_title = title
        self.model: CompareModel | None = None
        self.aligning = False
        self.driver_index = 0
        """The column whose cursor the others follow (the one the user moved last)."""
        self.elsewhere: dict[int, Span] = {}
        """Per column: the out-of-order counterpart of the driver's passage, which enter jumps to."""
        self._maps: dict[tuple[int, int], tuple[tuple[int, int], RowMap]] = {}
        self._status_note = ""
        self._shown_status: str | None = None
        self._columns: list[CompareColumn] = []
        self.fact_check: FactCheck | None = None
        """The compared articles' flags (set when the fact check after the alignment is done)."""
        self._conflicts_by_article: dict[str, list[tuple[Span, Flag]]] = {}
        """Per article: the passages in a conflict and the flag, for the status line."""
        self._shown_index: int | None = None
        """The column shown or focused last (``h``/``l`` count from it)."""
        self._tab_echoes = 0
        """TabActivated events still to come from tab changes ``show_column`` made (not the user's clicks)."""
        self._focus_pending: int | None = None
        """The column ``show_column`` asked to focus; focus events of columns asked for before it are stale."""
        self._pinned: dict[int, Span] = {}
        self._pins_wait_for: dict[int, tuple[int, int, Span]] = {}
        """Pins of tabs not laid out yet: (driver index, driver cursor, span), applied when the tab is shown
        if the driver has not moved since."""
        """Per column: a passage the next sync puts level with the driver's cursor instead of the content
        match (the other sides of a flag jumped to); the sync after that one follows content again."""

    def compose(self) -> ComposeResult:
        tabs = Tabs(*[Tab(Content(self._column_title(i, a)), id=f"tab-{i}") for i, a in enumerate(self.articles)], id="compare-tabs")
        tabs.can_focus = False
        yield tabs
        with Horizontal(id="columns"):
            for index, article in enumerate(self.articles):
                column = CompareColumn(article, id=f"column-{index}", classes="-active" if index == 0 else None)
                column.follow_hook = self.sync_from
                column.border_title = Text(self._column_title(index, article))
                yield column
        yield Static(id="compare-status")
        with Horizontal(id="alignment-bar"):
            yield Label(Text(f"Aligning {len(self.articles)} articles · escape cancels"), id="alignment-label")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="alignment-progress")
        yield KeyBar()

    @staticmethod
    def _column_title(index: int, article: Article) -> str:
        return f"{index + 1} {one_line(article.source, 40)}"

    @property
    def columns(self) -> list[CompareColumn]:
        if not self._columns:  # looked up once: a DOM query on every key costs more than the key's own work
            self._columns = list(self.query(CompareColumn))
        return self._columns

    @property
    def driver(self) -> CompareColumn:
        return self.columns[self.driver_index]

    def focused_column(self) -> CompareColumn:
        focused = self.focused
        return focused if isinstance(focused, CompareColumn) else self.driver

    def on_mount(self) -> None:
        self.columns[0].focus()
        self._update_tabbed(self.size.width or self.app.size.width)
        cached, self._cached_alignment = self._cached_alignment, None
        if cached is not None:
            self._adopt_alignment(cached)
        else:
            self.aligning = True
            self._show_status()
            self.align_articles(self.articles, align_cache_dir(self.config))
        self.show_annotation_marks()

    def on_resize(self, event: events.Resize) -> None:
        self._update_tabbed(event.size.width)
        self._show_status()  # a note on a conflict is fitted to the width

    def _update_tabbed(self, width: int) -> None:
        if not width:
            return
        self.set_class(width // max(1, len(self.articles)) < MIN_COLUMN_WIDTH, "-tabbed")

    # --- alignment ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="alignment", description="Aligning articles")
    def align_articles(self, articles: list[Article], cache_dir: Path) -> None:
        """Align the articles (or read the engine's cache), reporting progress; escape cancels between engine steps."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.post_message(AlignmentProgressed(done, total))

        try:
            alignment = cached_align_corpus(
                articles, cache_dir, progress=progress, cancelled=lambda: worker.is_cancelled
            )
        except AlignmentCancelled:
            return
        except CrossreadError as error:
            self.post_message(AlignmentFailed(error.title, error.message))
            return
        if not worker.is_cancelled:
            self.post_message(AlignmentFinished(alignment))

    @on(AlignmentFinished)
    def show_alignment(self, message: AlignmentFinished) -> None:
        if not self.aligning:
            return  # cancelled meanwhile
        self._adopt_alignment(message.alignment)

    def _adopt_alignment(self, alignment: Alignment) -> None:
        self._stop_aligning("")
        self.model = CompareModel(alignment)
        self._maps.clear()
        for column in self.columns:
            column.set_model(self.model)
        self.sync_from(self.driver)
        self.check_facts(self.articles, self.config.derived_cache("align"))
        # The articles' layouts and the alignment live as long as the view: move them out of the
        # collector's full passes, which otherwise walk them all and stall a key press (~150 ms at 1 MB).
        freeze_new()

    def on_unmount(self) -> None:
        release_and_collect_later(self.app)  # the view's objects are collected once the list is back

    @on(AlignmentProgressed)
    def show_alignment_progress(self, message: AlignmentProgressed) -> None:
        if self.aligning:
            self.query_one("#alignment-progress", ProgressBar).update(total=max(1, message.total), progress=message.done)

    @on(AlignmentFailed)
    def show_alignment_failure(self, message: AlignmentFailed) -> None:
        self._stop_aligning("alignment failed: the columns scroll in proportion, not by content")
        self.notify(message.text, title=message.title, severity="error", markup=False)

    @on(Worker.StateChanged)
    def report_worker_crash(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "factcheck" and event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="Fact check failed", severity="error", markup=False)
            return
        if event.worker.group != "alignment" or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        self._stop_aligning("alignment failed: the columns scroll in proportion, not by content")
        self.notify(f"{type(error).__name__}: {error}", title="Aligning articles failed", severity="error", markup=False)

    # --- fact check (after the alignment; flags marked in the columns, listed by ``x``) ------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="factcheck", description="Checking figures and attributions")
    def check_facts(self, articles: list[Article], cache_dir: Path) -> None:
        """Find the figures and attributions the articles disagree on (cached beside the alignment, as the CLI does)."""
        from index.factcheck import cached_check_story

        try:
            fact_check = cached_check_story(articles, cache_dir)
        except CrossreadError as error:
            self.post_message(FactCheckFailed(error.title, error.message))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(FactCheckFinished(fact_check))

    @on(FactCheckFinished)
    def show_flags(self, message: FactCheckFinished) -> None:
        self.fact_check = message.fact_check
        marks: dict[str, list[tuple[Span, str]]] = {}
        self._conflicts_by_article = {}
        for flag in self.fact_check.conflicts:
            for side in flag.sides:
                marks.setdefault(side.article_id, []).append((side.span, flag.kind))
                self._conflicts_by_article.setdefault(side.article_id, []).append((side.span, flag))
        for column in self.columns:
            column.set_flagged(marks.get(column.article.id, []))
        self._show_status()

    @on(FactCheckFailed)
    def show_fact_check_failure(self, message: FactCheckFailed) -> None:
        self.notify(message.text, title=message.title, severity="error", markup=False)

    def _stop_aligning(self, note: str) -> None:
        self.aligning = False
        self.set_class(False, "-aligning")
        self._status_note = note
        self._show_status()

    # --- keeping columns in step ----------------------------------------------------------

    @on(CompareColumn.CursorMoved)
    def follow_moved_column(self, message: CompareColumn.CursorMoved) -> None:
        self.sync_from(message.column)

    @on(CompareColumn.Rewrapped)
    def follow_rewrapped_column(self, message: CompareColumn.Rewrapped) -> None:
        column = message.column
        waiting = self._pins_wait_for.pop(self.columns.index(column), None)
        pinned = waiting[2] if waiting is not None and waiting[:2] == (self.driver_index, self.driver.cursor) else None
        if column is self.driver:
            self.sync_from(column)
        elif pinned is not None:
            self._show_pinned(self.driver, column, pinned)
        else:
            self._sync_column(self.driver, column, self.driver.cursor_passage())

    def sync_from(self, driver: CompareColumn) -> None:
        """Make ``driver`` the column the others follow, and bring each other column's counterpart level with its cursor."""
        self.driver_index = self.columns.index(driver)
        passage = driver.cursor_passage()
        driver.set_highlight([passage.span] if passage else [], "current")
        self._set_elsewhere(self.driver_index, None)
        pinned, self._pinned = self._pinned, {}
        self._pins_wait_for = {}  # the driver moved: a tab shown later follows content
        for index, other in enumerate(self.columns):
            if other is driver:
                continue
            if index in pinned:
                self._show_pinned(driver, other, pinned[index])
            else:
                self._sync_column(driver, other, passage)
        self._show_status()

    def _show_pinned(self, driver: CompareColumn, other: CompareColumn, span: Span) -> None:
        if not other.rows:
            self._pins_wait_for[self.columns.index(other)] = (self.driver_index, driver.cursor, span)  # laid out when shown
            return
        other.follow(other.row_of_offset(span[0]), driver.screen_y)
        other.set_highlight([span], "counterpart")
        self._set_elsewhere(self.columns.index(other), None)

    def _sync_column(self, driver: CompareColumn, other: CompareColumn, passage: Passage | None) -> None:
        if not other.rows or not driver.rows:
            return
        target = self._row_map(driver, other)(driver.cursor)
        other.follow(target, driver.screen_y)
        counterparts = (
            self.model.counterparts(driver.article.id, passage, other.article.id) if self.model and passage else []
        )
        other.set_highlight([c.span for c in counterparts], "counterpart")
        elsewhere = None
        top = round(other.scroll_y)
        if counterparts and not any(
            top <= other.row_of_offset(c.span[0]) < top + other.viewport_height for c in counterparts
        ):
            elsewhere = counterparts[0].span
        self._set_elsewhere(self.columns.index(other), elsewhere)

    def _row_map(self, driver: CompareColumn, other: CompareColumn) -> RowMap:
        key = (self.columns.index(driver), self.columns.index(other))
        versions = (driver.layout_version, other.layout_version)
        cached = self._maps.get(key)
        if cached is not None and cached[0] == versions:
            return cached[1]
        anchors = []
        if self.model is not None:
            by_passage: dict[Span, list[tuple[int, int, float]]] = {}
            for a_span, b_span, score in self.model.pair_links(driver.article.id, other.article.id):
                by_passage.setdefault(a_span, []).append((*row_range(b_span, other.row_of_offset), score))
            for a_span, targets in by_passage.items():
                a_start, a_end = row_range(a_span, driver.row_of_offset)
                for b_start, b_end, score in _merge_adjacent(targets):
                    anchors.append(Anchor(a_start, a_end, b_start, b_end, score))
        row_map = RowMap.build(anchors, len(driver.rows), len(other.rows))
        self._maps[key] = (versions, row_map)
        return row_map

    def _set_elsewhere(self, index: int, span: Span | None) -> None:
        column = self.columns[index]
        if self.elsewhere.get(index) == span:
            return  # unchanged: setting the subtitle again would redraw the column's border
        if span is None:
            self.elsewhere.pop(index, None)
            column.border_subtitle = None
            return
        self.elsewhere[index] = span
        paragraph = column.article.paragraph_at(span[0])
        where = f"¶{paragraph.number}" if paragraph is not None else "further on"
        column.border_subtitle = Text(f"elsewhere: {where} · enter jumps")  # no class: a class change restyles the column

    def _show_status(self) -> None:
        if self.aligning:
            self._set_status("Aligning… the columns scroll in proportion until the alignment is ready.")
            return
        if self.model is None:
            self._set_status(self._status_note or "No alignment.")
            return
        driver = self.driver
        passage = driver.cursor_passage()
        source = one_line(driver.article.source, 40)
        hints = ""
        if passage is None:
            text, hints = f"{source}: no matched passage under the cursor", f"n next group · u next passage only {source} reports"
        elif passage.kind == "only":
            text, hints = f"◆ only {source} reports this passage", "u next · n next group"
        elif passage.kind == "linked":
            text, hints = f"{source}: matched, in no group", "d diff with its counterpart"
        else:
            assert passage.group is not None
            group = self.model.groups[passage.group - 1]
            text = f"group {passage.group} ({group.kind}) · reported by {len(group.members)} of {len(self.articles)}"
            hints = "d diff · v quotes · g coverage"
        # The key hints come last (the footer shows them too), so a narrow line cuts them first; the enter
        # hint comes before them. On a conflict, its note and key lead, fitted so that the enter hint shows too.
        contextual = [ELSEWHERE_HINT] if self.elsewhere else []
        flags = self._conflicts_under_cursor(driver, passage)
        if not flags:
            self._set_status(" · ".join([text, *contextual, hints]))
            return
        width = (self.size.width or self.app.size.width) - 2  # the status line's padding
        reserved = sum(len(" · " + part) for part in [FLAG_HINT, *contextual]) + len(" · …")  # the cut text's "…"
        note = flag_note(flags, driver.article.id, width - reserved)
        self._set_status(" · ".join([note, FLAG_HINT, *contextual, text, hints]))

    def _conflicts_under_cursor(self, driver: CompareColumn, passage: Passage | None) -> list[Flag]:
        """The conflicts marked on the driver's cursor passage (else on its cursor row), figures first."""
        marked = self._conflicts_by_article.get(driver.article.id)
        if not marked:
            return []
        for span in (passage.span if passage else None, driver.cursor_span()):
            if span is None:
                continue
            start, end = span[0], max(span[1], span[0] + 1)
            found: dict[str, Flag] = {flag.id: flag for (first, last), flag in marked if first < end and start < last}
            if found:
                return sorted(found.values(), key=lambda flag: flag.kind != "number")
        return []

    def _set_status(self, text: str) -> None:
        if text != self._shown_status:  # most keys leave it as it is; an update re-lays out the line
            self._shown_status = text
            self.query_one("#compare-status", Static).update(Text(text))

    # --- columns and tabs -----------------------------------------------------------------

    def show_column(self, index: int) -> None:
        """Focus column ``index`` (in tabbed mode, make it the visible tab)."""
        columns = self.columns
        self._shown_index = index
        # a column that has the focus gets no focus event: nothing to wait for then
        self._focus_pending = index if self.focused is not columns[index] else None
        for position, column in enumerate(columns):
            column.set_class(position == index, "-active")
        tabs, tab = self.query_one(Tabs), f"tab-{index}"
        if tabs.active != tab:
            self._tab_echoes += 1  # the Tabs widget answers with a TabActivated of its own, a moment later
            tabs.active = tab
        columns[index].focus()

    @on(Tabs.TabActivated)
    def show_tab_column(self, event: Tabs.TabActivated) -> None:
        if self._tab_echoes:
            self._tab_echoes -= 1
            return  # our own show_column's tab change: an old one when keys come quickly
        if event.tab.id is None:
            return
        index = int(event.tab.id.removeprefix("tab-"))
        if not self.columns[index].has_class("-active"):
            self.show_column(index)

    def action_next_column(self) -> None:
        self.show_column((self._current_column() + 1) % len(self.articles))

    def action_previous_column(self) -> None:
        self.show_column((self._current_column() - 1) % len(self.articles))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not isinstance(event.widget, CompareColumn):
            return
        index = self.columns.index(event.widget)
        if self._focus_pending is None:
            self._shown_index = index  # focused by a click or tab: h/l count from here
        elif index == self._focus_pending:
            self._focus_pending = None

    def _current_column(self) -> int:
        """The column shown last: focus moves a moment later, so two quick presses must not both start from the old one."""
        if self._shown_index is not None:
            return self._shown_index
        return self.columns.index(self.focused_column())

    # --- navigation -----------------------------------------------------------------------

    def _go_to_passage(self, column: CompareColumn, passage: Passage | None, missing: str) -> None:
        if passage is None:
            self.notify(missing, markup=False)
            return
        column.go_to_offset(passage.start)

    def _cursor_offset(self, column: CompareColumn) -> int:
        passage = column.cursor_passage()
        if passage is not None:
            return passage.start
        span = column.cursor_span()
        if span is not None:
            return span[0]
        following = column.text_layout.offset_at_row(column.cursor)
        return -1 if following is None or column.cursor < 2 else following - 1

    def action_next_group(self) -> None:
        self._step_group(forward=True)

    def action_previous_group(self) -> None:
        self._step_group(forward=False)

    def _step_group(self, *, forward: bool) -> None:
        if self.model is None:
            self.notify("The alignment is not ready yet.", markup=False)
            return
        column = self.focused_column()
        target = self.model.next_passage(column.article.id, self._cursor_offset(column), kind="group", forward=forward)
        self._go_to_passage(column, target, f"No {'later' if forward else 'earlier'} aligned group in this article.")

    def action_next_only(self) -> None:
        if self.model is None:
            self.notify("The alignment is not ready yet.", markup=False)
            return
        column = self.focused_column()
        article_id = column.article.id
        target = self.model.next_passage(article_id, self._cursor_offset(column), kind="only")
        if target is None:
            target = self.model.next_passage(article_id, -1, kind="only")
            if target is not None:
                self.notify("Back to the first passage only this outlet reports.", markup=False)
        source = one_line(column.article.source, 40)
        self._go_to_passage(column, target, f"Every passage of {source} is also reported by another outlet here.")

    def action_jump_elsewhere(self) -> None:
        if not self.elsewhere:
            self.notify("No counterpart is out of order here.", markup=False)
            return
        count = len(self.articles)
        for step in range(1, count + 1):
            index = (self.driver_index + step) % count
            if index in self.elsewhere:
                span = self.elsewhere[index]
                self.show_column(index)
                self.columns[index].go_to_offset(span[0])
                return

    def action_back(self) -> None:
        if self.aligning:
            self.workers.cancel_group(self, "alignment")
            self._stop_aligning("alignment cancelled: the columns scroll in proportion, not by content")
            self.notify("Alignment cancelled.", markup=False)
            return
        self.dismiss(None)

    # --- panels ---------------------------------------------------------------------------

    def action_show_diff(self) -> None:
        column = self.focused_column()
        passage = column.cursor_passage()
        if self.model is None or passage is None:
            self.notify("Put the cursor on a matched passage first (n goes to the next group).", markup=False)
            return
        count = len(self.articles)
        start = self.columns.index(column)
        for step in range(1, count):
            other = self.columns[(start + step) % count]
            counterparts = self.model.counterparts(column.article.id, passage, other.article.id)
            if counterparts:
                shown = other.cursor_passage()
                # the counterpart the other column shows at its cursor, if it is one; else the best
                chosen = next((c for c in counterparts if shown is not None and c.span == shown.span), counterparts[0])
                self.app.push_screen(
                    WordDiffScreen(column.article, passage.span, other.article, chosen.span, direct=chosen.direct)
                )
                return
        self.notify("No other outlet reports this passage, so there is nothing to diff.", markup=False)

    def action_show_variants(self) -> None:
        if self.model is None:
            self.notify("The alignment is not ready yet.", markup=False)
            return
        if not self.model.alignment.quote_variants:
            self.notify("No direct quote is given by two or more of these outlets.", markup=False)
            return
        passage = self.focused_column().cursor_passage()
        self.app.push_screen(QuoteVariantsScreen(self.model, self.articles, passage.group if passage else None))

    def action_show_grid(self) -> None:
        if self.model is None:
            self.notify("The alignment is not ready yet.", markup=False)
            return
        if not self.model.groups:
            self.notify("No passage is reported by two or more of these outlets.", markup=False)
            return
        passage = self.focused_column().cursor_passage()
        self.app.push_screen(
            CoverageGridScreen(self.model, self.articles, passage.group if passage else None), self.jump_to_cell
        )

    def jump_to_cell(self, cell: tuple[str, int] | None) -> None:
        """Go to the passage of group ``cell[1]`` in article ``cell[0]`` (chosen in the coverage grid)."""
        if cell is None or self.model is None:
            return
        article_id, group = cell
        index = next(i for i, article in enumerate(self.articles) if article.id == article_id)
        span = self.model.first_member(group, article_id)
        if span is None:
            source = one_line(self.articles[index].source, 40)
            self.notify(f"{source} does not report group {group}.", markup=False)
            return
        self.show_column(index)
        self.columns[index].go_to_offset(span[0])

    def action_show_discrepancies(self) -> None:
        if self.fact_check is None:
            self.notify("The fact check is not ready yet (it runs after the alignment).", markup=False)
            return
        if not self.fact_check.flags:
            self.notify("These outlets give no differing figures or attributions for the same thing.", markup=False)
            return
        self.app.push_screen(DiscrepanciesScreen(self.fact_check, self.articles), self.jump_to_flag)

    def jump_to_flag(self, flag_id: str | None) -> None:
        """Go to the passages of flag ``flag_id`` (chosen in the discrepancies panel): its first side's column
        focused, the others kept in step."""
        flag = self.fact_check.get(flag_id) if flag_id is not None and self.fact_check is not None else None
        if flag is None:
            return
        side = flag.sides[0]
        index = next((i for i, article in enumerate(self.articles) if article.id == side.article_id), None)
        if index is None:
            return
        positions = {i: article.id for i, article in enumerate(self.articles)}
        self._pinned = {
            i: other.span for other in flag.sides[1:] for i, article_id in positions.items() if article_id == other.article_id and i != index
        }
        self.show_column(index)
        self.columns[index].go_to_offset(side.span[0])

    # --- annotations (the flows live in ``tui.annotating``) ----------------------------------------

    def show_annotation_marks(self) -> None:
        """Mark each column's annotated passages (on opening and after every change)."""
        from tui.annotating import annotating_of

        annotating = annotating_of(self.app)
        if annotating is None:
            return
        for column in self.columns:
            column.set_annotated(annotating.spans_for(column.article.id))

    def action_annotate(self) -> None:
        from tui.annotating import annotating_of

        annotating = annotating_of(self.app)
        column = self.focused_column()
        passage = column.cursor_passage()
        span = passage.span if passage is not None else column.cursor_span()
        if annotating is None or span is None or span[1] <= span[0]:
            self.notify("Put the cursor on a passage of the article first (j/k).", markup=False)
            return
        annotating.annotate(column.article, span)

    def action_list_annotations(self) -> None:
        from tui.annotating import annotating_of

        annotating = annotating_of(self.app)
        if annotating is not None:
            annotating.show_list()

    def action_export_annotations(self) -> None:
        from tui.annotating import annotating_of

        annotating = annotating_of(self.app)
        if annotating is not None:
            annotating.export()

    # --- palette --------------------------------------------------------------------------

    async def run_registry_action(self, spec: ActionSpec) -> None:
        """Run a registry action in its scope's namespace (how the palette runs key actions)."""
        if spec.scope == "app":
            await self.app.run_action(spec.action)
        elif spec.scope == "column":
            await self.app.run_action(spec.action, self.focused_column())
        else:
            await self.app.run_action(spec.action, self)


def _merge_adjacent(ranges: list[tuple[int, int, float]], gap: int = 2) -> list[tuple[int, int, float]]:
    """Row ranges of one passage's counterparts, with ranges that touch (a sentence and the next) made one."""
    merged: list[tuple[int, int, float]] = []
    for start, end, score in sorted(ranges):
        if merged and start <= merged[-1][1] + gap:
            first, last, best = merged[-1]
            merged[-1] = (first, max(last, end), max(best, score))
        else:
            merged.append((start, end, score))
    return merged
