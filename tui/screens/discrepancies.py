"""The discrepancies panel: figures and attributions on which the compared outlets disagree; enter jumps.

Conflicts come first, each with its kind, every outlet's value as written (a figure also
normalised; an attribution as its speaker, venue and addressee read, never the engine's comparison
keys) over an excerpt of its passage cut around the flagged figure or attribution (two rows of the
width there is), the size of the difference and the engine's reason; then the look-alikes the engine
did not flag, dimmed, each with the reason it is not a conflict. Article text only ever enters ``Text``
as plain text, made one line and visible first.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from index.number_checks import difference_text, plain_number
from tui.actions import bindings_for
from tui.text_safety import excerpt, one_line
from tui.widgets.compare_column import FLAG_MARKS

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from textual.app import ComposeResult

    from index.article import Article
    from index.attribution import Attribution
    from index.factcheck import FactCheck, Flag, FlagSide
    from index.quantities import Quantity

EXCERPT_LINES = 2
"""How many rows each flagged passage gets: an excerpt around the flagged figure or attribution, cut to fit."""
EXCERPT_CHARS = 110
"""How long an excerpt is where no width is known (the option's plain text)."""
LOOK_ALIKE_MARK = "≈"
"""Leads the rows of look-alikes the engine did not flag."""
SIDE_INDENT = 2
"""Where each outlet's value and the reason start."""
PASSAGE_INDENT = 6
"""Where each flagged passage starts, under its outlet's value; its wrapped lines start there too."""
HANG = 2
"""How much further in the wrapped lines of a heading, a value or a reason start."""
_BOUNDS = {"<": "< ", ">": "> ", "~": "≈ ", ">~": "≳ "}


@dataclass(frozen=True)
class Excerpt:
    """A flagged passage cut around its flagged part (``focus``) to what ``EXCERPT_LINES`` rows of the width given hold."""

    passage: str
    """The passage as the article has it (untrusted: made visible and one line by ``excerpt``)."""
    focus: tuple[int, int]
    """Offsets in ``passage`` of the flagged figure or attribution."""
    style: Style
    focus_style: Style

    def fit(self, console: Console, width: int) -> Text:
        """The excerpt as long as ``EXCERPT_LINES`` rows of ``width`` cells hold once wrapped at words."""
        limit = width * EXCERPT_LINES
        while True:
            shown, (start, end) = excerpt(self.passage, self.focus, limit)
            text = Text(shown, style=self.style)
            text.stylize(self.focus_style, start, end)
            if limit <= width or len(text.wrap(console, width)) <= EXCERPT_LINES:
                return text
            limit -= max(2, width // 8)  # the wrap left room at the ends of the rows

    @property
    def plain(self) -> str:
        return excerpt(self.passage, self.focus, EXCERPT_CHARS)[0]


class IndentedLines:
    """Lines of text, each wrapped in the width it is given; a line's wrapped rest stays indented under its start."""

    def __init__(self, lines: list[tuple[int, int, Text | Excerpt]]) -> None:
        """Args:
        lines: (indent, hang, text): the line starts ``indent`` cells in, its wrapped lines ``indent + hang``;
            an ``Excerpt`` is cut to the width there is.
        """
        self.lines = lines

    def __str__(self) -> str:
        return "\n".join(" " * indent + text.plain for indent, _, text in self.lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for indent, hang, text in self.lines:
            wrap_width = max(1, width - indent - hang)
            if isinstance(text, Excerpt):
                text = text.fit(console, wrap_width)
            for number, line in enumerate(text.wrap(console, wrap_width)):
                line.rstrip()
                yield Text(" " * (indent + (hang if number else 0)), end="")
                yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((indent + hang + cell_len(text.plain) for indent, hang, text in self.lines), default=0)
        return Measurement(1, min(widest, options.max_width))


class DiscrepancyList(OptionList, inherit_bindings=False):
    """One option per flag; component classes theme conflicts, look-alikes and the values.

    Its keys are the screen's (the registry's ``discrepancies.*``). The cursor stops at the first and
    the last flag instead of wrapping round, and a flag right under a heading is shown with its heading.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | {
        "discrepancy-list--conflict",
        "discrepancy-list--look-alike",
        "discrepancy-list--value",
    }

    def _enabled(self, indexes: range) -> int | None:
        """The first index in ``indexes`` of an option that can be highlighted (not a heading)."""
        return next((index for index in indexes if not self.get_option_at_index(index).disabled), None)

    def action_cursor_down(self) -> None:
        start = -1 if self.highlighted is None else self.highlighted
        found = self._enabled(range(start + 1, self.option_count))
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        start = self.option_count if self.highlighted is None else self.highlighted
        found = self._enabled(range(start - 1, -1, -1))
        if found is not None:
            self.highlighted = found

    def action_first(self) -> None:
        self.highlighted = self._enabled(range(self.option_count))

    def action_last(self) -> None:
        self.highlighted = self._enabled(range(self.option_count - 1, -1, -1))

    def action_page_down(self) -> None:
        super().action_page_down()
        if self.highlighted is None or self.get_option_at_index(self.highlighted).disabled:
            self.action_last()  # nothing to highlight further down: the last flag

    def action_page_up(self) -> None:
        super().action_page_up()
        if self.highlighted is None or self.get_option_at_index(self.highlighted).disabled:
            self.action_first()  # only a heading above: the first flag

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the highlighted flag into view, with the heading right above it if it has one."""
        highlighted = self.highlighted
        if highlighted is None or not highlighted or not self.is_mounted:
            super().scroll_to_highlight(top)
            return
        if not self.get_option_at_index(highlighted - 1).disabled:
            super().scroll_to_highlight(top)
            return
        self._update_lines()
        heading_y = self._index_to_line.get(highlighted - 1)
        flag_y = self._index_to_line.get(highlighted)
        if heading_y is None or flag_y is None:
            super().scroll_to_highlight(top)
            return
        height = flag_y - heading_y + self._heights[highlighted]
        self.scroll_to_region(
            Region(0, heading_y, self.scrollable_content_region.width, height), force=True, animate=False, top=top
        )


class DiscrepanciesScreen(ModalScreen["str | None"]):
    """Dismissed with the id of the chosen flag, or None."""

    BINDINGS: ClassVar = bindings_for("discrepancies")

    def __init__(self, fact_check: FactCheck, articles: list[Article]) -> None:
        super().__init__()
        self.fact_check = fact_check
        self.articles = articles
        self._number = {article.id: index + 1 for index, article in enumerate(articles)}
        self._by_id = {article.id: article for article in articles}

    def compose(self) -> ComposeResult:
        conflicts = len(self.fact_check.conflicts)
        looks = len(self.fact_check.flags) - conflicts
        disagreements = len(self.fact_check.disagreements())
        gathered = f" in {disagreements} disagreement{'s' if disagreements != 1 else ''}" if disagreements < conflicts else ""
        with Vertical(id="discrepancies-dialog", classes="panel-dialog"):
            yield Static(
                Text(f"Discrepancies · {conflicts} conflicts{gathered} · {looks} look-alikes not flagged"), classes="panel-title"
            )
            yield DiscrepancyList(id="discrepancy-list")
            yield Static(Text("enter: go to the passages · escape closes"), classes="panel-hint")

    def on_mount(self) -> None:
        listing = self.query_one(DiscrepancyList)
        conflict_style = _foreground(listing.get_component_rich_style("discrepancy-list--conflict"))
        look_style = _foreground(listing.get_component_rich_style("discrepancy-list--look-alike"))
        value_style = _foreground(listing.get_component_rich_style("discrepancy-list--value"))
        conflicts = self.fact_check.conflicts
        looks = [flag for flag in self.fact_check.flags if flag.status != "conflict"]
        options: list[Option | None] = []
        if conflicts:
            options.append(Option(Text(f"Conflicts ({len(conflicts)})", style="bold"), disabled=True))
            for disagreement in self.fact_check.disagreements():
                if len(disagreement) > 1:
                    options.append(Option(self._disagreement_heading(disagreement, conflict_style), disabled=True))
                for flag in disagreement:
                    options += [Option(self._describe(flag, conflict_style, value_style), id=flag.id), None]
        else:
            options.append(Option(Text("No conflicting figure or attribution between these outlets."), disabled=True))
        if looks:
            options.append(Option(Text(f"Look-alikes not flagged ({len(looks)})", style="bold"), disabled=True))
            for flag in looks:
                options += [Option(self._describe(flag, look_style, look_style), id=flag.id), None]
        listing.add_options(options[:-1] if options[-1] is None else options)
        first = next((index for index, option in enumerate(options) if option is not None and not option.disabled), None)
        listing.highlighted = first
        listing.call_after_refresh(listing.scroll_home, animate=False)  # the first flag's heading stays in view
        listing.focus()

    def _disagreement_heading(self, disagreement: list[Flag], style: Style) -> Text:
        """Over the conflicts of one disagreement: how many, and what each outlet gives ("“January 1” (1 Fox News) · …")."""
        text = Text(f"One disagreement, {len(disagreement)} conflicts: ", style=style + Style(bold=True))
        for index, (article_id, written) in enumerate(self.fact_check.given(disagreement)):
            article = self._by_id.get(article_id)
            source = one_line(article.source, 28) if article is not None else article_id
            text.append(" · " if index else "")
            text.append(f"“{one_line(written, 40)}” ({self._number.get(article_id, '?')} {source})", style)
        return text

    def _describe(self, flag: Flag, head_style: Style, value_style: Style) -> IndentedLines:
        """A flag as lines: kind and difference, each outlet's value (as written → normalised) and passage, the reason.

        Attributions show only what each outlet wrote (speaker, venue, addressee), never the engine's comparison keys.
        """
        conflict = flag.status == "conflict"
        mark = FLAG_MARKS.get(flag.kind, "!") if conflict else LOOK_ALIKE_MARK
        kind = "figure" if flag.kind == "number" else "attribution"
        plain = Style() if conflict else value_style
        head = f"{mark} {'conflict' if conflict else 'not flagged'} · {kind} · {flag.code.replace('-', ' ')}"
        size = _difference(flag)
        if size:
            head += f" · {size}"
        first = Text()
        first.append(head, head_style)
        first.append(f"  ({flag.relation})", Style(dim=True) + plain)
        lines: list[tuple[int, int, Text]] = [(0, HANG, first)]
        for side in flag.sides:
            article = self._by_id.get(side.article_id)
            source = one_line(article.source, 28) if article is not None else side.article_id
            value = Text()
            value.append(f"{self._number.get(side.article_id, '?')} {source}: ", plain)
            if side.quantity is not None:
                value.append(f"“{one_line(side.quantity.text, 60)}”", value_style)
                value.append(f" → {one_line(_number(side.quantity), 40)}", value_style)
            elif side.attribution is not None:
                value.append_text(_as_written(side.attribution, value_style, plain))
            lines.append((SIDE_INDENT, HANG, value))
            if article is not None:
                passage = article.text[side.span[0] : side.span[1]]
                focus = _focus(flag, side, passage)
                lines.append((PASSAGE_INDENT, 0, Excerpt(passage, focus, Style(dim=True) + plain, value_style + Style(dim=False))))
        why = Text()
        why.append(f"{'why' if conflict else 'why not'}: {one_line(flag.reason, 400)}", plain)
        lines.append((SIDE_INDENT, HANG, why))
        return IndentedLines(lines)

    @on(OptionList.OptionSelected)
    def jump_to_option(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def selected_flag(self) -> str | None:
        """The id of the flag under the cursor (None on a heading)."""
        listing = self.query_one(DiscrepancyList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return None if option.disabled else option.id

    def action_jump(self) -> None:
        flag_id = self.selected_flag()
        if flag_id is None:
            self.notify("Choose a flag (up/down).", markup=False)
            return
        self.dismiss(flag_id)

    def action_cursor_down(self) -> None:
        self.query_one(DiscrepancyList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DiscrepancyList).action_cursor_up()

    def action_first(self) -> None:
        self.query_one(DiscrepancyList).action_first()

    def action_last(self) -> None:
        self.query_one(DiscrepancyList).action_last()

    def action_page_down(self) -> None:
        self.query_one(DiscrepancyList).action_page_down()

    def action_page_up(self) -> None:
        self.query_one(DiscrepancyList).action_page_up()

    def action_close(self) -> None:
        self.dismiss(None)


def _focus(flag: Flag, side: FlagSide, passage: str) -> tuple[int, int]:
    """Where in ``passage`` (the side's passage) the flagged figure or attribution is written.

    A figure's span is known. An attribution's speaker, venue or addressee (the one that differs
    first) is looked for in the passage as written; failing those, the quotation; failing that, its start.
    """
    if side.quantity is not None:
        start, end = (max(0, min(len(passage), offset - side.span[0])) for offset in side.quantity.span)
        return start, end
    attribution = side.attribution
    if attribution is not None:
        order = {"different-venue": (attribution.venue,), "different-addressee": (attribution.addressee,)}.get(flag.code, ())
        for written in (*order, attribution.speaker, attribution.venue, attribution.addressee, attribution.verb):
            words = written.split()
            if not words:
                continue
            found = re.search(r"\s+".join(re.escape(word) for word in words), passage, re.IGNORECASE)
            if found is not None:
                return found.span()
        quotation = re.search(r"[“\"]", passage)
        if quotation is not None:
            return quotation.start(), quotation.start() + 1
    return 0, 0


def _foreground(style: Style) -> Style:
    """A component style without its background, so the highlighted option's background shows through."""
    return Style(color=style.color, bold=style.bold, dim=style.dim, italic=style.italic, underline=style.underline)


def _number(quantity: Quantity) -> str:
    """The normalised value of a figure: value and unit, with its bound."""
    if quantity.unit == "weekday":
        return calendar.day_name[int(quantity.value) - 1]
    if quantity.dimension == "date" and " to " in quantity.scope:
        return quantity.scope  # a span of days read from "earlier this week"
    if quantity.dimension == "date":
        year, rest = divmod(int(quantity.value), 10000)
        month, day = divmod(rest, 100)
        return "-".join(f"{part:0{width}d}" if part else "?" * width for part, width in ((year, 4), (month, 2), (day, 2)))
    value = plain_number(quantity.value)
    unit = {"": "", "%": "%"}.get(quantity.unit, f" {quantity.unit}")
    return f"{_BOUNDS.get(quantity.bound, '')}{value}{unit}"


def _as_written(attribution: Attribution, value_style: Style, plain: Style) -> Text:
    """Who said it, where and to whom, each as the outlet wrote it (“Zelensky” at “a press conference”)."""
    text = Text()
    if attribution.speaker:
        text.append(f"“{one_line(attribution.speaker, 60)}”", value_style)
    else:
        text.append("no speaker named", plain)
    for connective, written in ((" at ", attribution.venue), (" to ", attribution.addressee)):
        if written:
            text.append(connective, plain)
            text.append(f"“{one_line(written, 40)}”", value_style)
    return text


def _difference(flag: Flag) -> str:
    """The size of a figures' difference as the engine words it ("differ by 5 percentage points (17%)"); empty for attributions."""
    if not flag.difference or flag.difference.get("absolute") is None:
        return ""
    return f"differ by {difference_text(flag.difference, with_share=True)}"