"""What the articles' own dates add to a number conflict: the year of a date written without one,
the days between two dates, and a note when the two articles were published on different days.

A fact-checker reading "January 1" against "the end of February" wants to know how far apart
they are, and that one article is three days newer than the other: a figure that changed between
two reports (a death toll that rose, a departure that was moved up) is a different finding from
two outlets that disagree on the same day. The articles' dates come from their metadata (front
matter, JSONL ``date``); without them nothing here changes a flag.
"""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date

from index.factcheck_model import Flag
from index.quantities import Quantity

__all__ = ["add_dates", "article_day"]


def article_day(value: object) -> date | None:
    """An article's ISO date (``YYYY-MM-DD``, possibly with a time after it) as a day, else ``None``."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def add_dates(flags: list[Flag], days: dict[str, date | None]) -> list[Flag]:
    """The flags with dates completed from their articles' days, date differences, and publication notes.

    Only number conflicts change: a date figure without a year gets the year nearest its
    article's date, two complete dates get their difference in days, and two articles dated
    differently get a note saying so.
    """
    out = []
    for flag in flags:
        if flag.kind != "number" or flag.status != "conflict":
            out.append(flag)
            continue
        sides = [
            dataclasses.replace(side, quantity=_with_year(side.quantity, days.get(side.article_id)))
            if side.quantity is not None else side
            for side in flag.sides
        ]
        reason, difference = flag.reason, flag.difference
        quantities = [side.quantity for side in sides]
        if flag.code != "different-day" and all(q is not None and q.dimension == "date" for q in quantities):
            apart = _days_apart(*quantities)  # type: ignore[arg-type]
            if apart is not None and apart > 0:
                difference = {"absolute": float(apart), "relative": None, "unit": "days"}
                reason += f", {apart} day{'s' if apart != 1 else ''} apart"
        published = [days.get(side.article_id) for side in sides]
        if all(published) and published[0] != published[1]:
            first, second = sorted(published)  # type: ignore[type-var]
            gap = (second - first).days
            reason += (f"; the articles are dated {published[0]} and {published[1]} ({gap} day{'s' if gap != 1 else ''} apart),"
                       " so one may report a later state")
        out.append(dataclasses.replace(flag, sides=sides, reason=reason, difference=difference))
    return out


def _with_year(q: Quantity, day: date | None) -> Quantity:
    """A month-and-day date in the year that puts it nearest the article's date; any other figure as it is."""
    if q.dimension != "date" or q.unit != "date" or day is None:
        return q
    year, rest = divmod(int(q.value), 10000)
    month, day_of_month = divmod(rest, 100)
    if year or not 1 <= month <= 12:
        return q

    def distance(candidate: int) -> int:
        last = calendar.monthrange(candidate, month)[1]
        return abs((date(candidate, month, min(day_of_month or 15, last)) - day).days)

    nearest = min((day.year - 1, day.year, day.year + 1), key=distance)
    return dataclasses.replace(q, value=float(nearest * 10000 + rest))


def _days_apart(a: Quantity, b: Quantity) -> int | None:
    """Days between two complete dates ("the end of February" is its last day), else ``None``."""
    found = []
    for q in (a, b):
        year, rest = divmod(int(q.value), 10000)
        month, day_of_month = divmod(rest, 100)
        if not (year and 1 <= month <= 12):
            return None
        if not day_of_month:
            if q.qualifier != "end of":
                return None
            day_of_month = calendar.monthrange(year, month)[1]
        try:
            found.append(date(year, month, day_of_month))
        except ValueError:
            return None
    return abs((found[0] - found[1]).days)
