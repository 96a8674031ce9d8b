"""Days named relative to an article's own date ("Friday", "earlier this week", "last month"), as spans of days.

"The tabloid published the story earlier this week" in an article of Friday 25 March and "the
story published Friday" in another of that day cannot both hold: the first is Monday to Thursday,
the second the Friday. Read against each article's date, such phrases become intervals of days
that can be compared; without the date they say nothing and nothing is read.

Only past events are read: a clause that looks ahead ("will", "next", "expected to") is left out,
since "Friday" there is the coming one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from index.factcheck_model import Flag, FlagSide, flag_id_for
from index.normalize import fold, term
from index.quantities import Quantity

if TYPE_CHECKING:
    from index.collate import CorpusLink

__all__ = ["DayRef", "day_flags", "day_references"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PHRASE = re.compile(
    r"\b(?P<phrase>yesterday|earlier this week|earlier this month|last week|last month|over the weekend|last weekend|"
    r"(?:on\s+)?(?:late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)\b",
    re.I,
)
_AHEAD = re.compile(r"\b(?:will|would|next|expected|plans?|planned|scheduled|set to|going to|coming|upcoming|until|by)\b", re.I)
"""Words that make a day in the clause one to come, or a deadline: not read."""
_VERB_BEFORE = re.compile(r"\b(?P<verb>[a-z]{3,}ed)\s+(?:\w+\s+){0,2}$")
_VERB_AFTER = re.compile(r"^\s*,?\s*(?P<verb>[a-z]{3,}ed)\b")
_SPEECH = frozenset(
    "stated added noted reported claimed argued insisted tweeted posted responded replied remarked explained warned asked "
    "urged announced confirmed acknowledged declared emphasized stressed suggested signaled signalled revealed".split()
)
"""Verbs that date what someone said, not the event: two people "announced Tuesday" different things (that is the
attribution check's matter)."""
LATEST_WEEKDAY_BACK = 5
"""A weekday name is read as a day of the past five: "Saturday" in a Friday article is tomorrow's, or the date is a day off."""
NEAR_DAYS = 14
"""Two articles dated further apart than this may report two events; their days are not compared."""


@dataclass(frozen=True, slots=True)
class DayRef:
    """A day or span of days a sentence names, read against its article's date, with the verb it dates."""

    span: tuple[int, int]
    text: str
    verb: str
    """The stemmed verb of the event dated ("publish" for "published earlier this week")."""
    first: date
    last: date


def day_references(text: str, sentence: tuple[int, int], day: date) -> list[DayRef]:
    """The past days a sentence names with the verb each dates, read against ``day`` (its article's date)."""
    found = []
    for match in _PHRASE.finditer(text, *sentence):
        clause = _clause(text, sentence, match.start(), match.end())
        if _AHEAD.search(text, clause[0], clause[1]):
            continue
        interval = _interval(match.group("phrase"), day)
        verb = _verb(text, clause, match.start(), match.end())
        if interval is None or not verb:
            continue
        found.append(DayRef(match.span("phrase"), match.group("phrase"), verb, *interval))
    return found


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, sentence[0], start) for mark in (",", ";", "—", ":", "“", "\""))
    rights = [r for r in (text.find(mark, end, sentence[1]) for mark in (",", ";", "—", "”", "\"")) if r != -1]
    return (left + 1 if left >= sentence[0] else sentence[0]), min(rights, default=sentence[1])


def _verb(text: str, clause: tuple[int, int], start: int, end: int) -> str:
    """The past-tense verb right before the phrase ("published earlier this week"), else right after it ("last week warned")."""
    before = _VERB_BEFORE.search(fold(text[clause[0]:start]).lower())
    after = _VERB_AFTER.match(fold(text[end:clause[1]]).lower())
    chosen = before or after
    if chosen is None or chosen.group("verb") in _SPEECH:
        return ""
    return term(chosen.group("verb"))


def _interval(phrase: str, day: date) -> tuple[date, date] | None:
    """The first and last day a phrase can name in an article of ``day``, or None when it names none."""
    words = phrase.lower().split()
    monday = day - timedelta(days=day.weekday())
    if words == ["yesterday"]:
        return day - timedelta(days=1), day - timedelta(days=1)
    if phrase.lower() == "earlier this week":
        return (monday, day - timedelta(days=1)) if day > monday else None
    if phrase.lower() == "last week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if phrase.lower() in ("over the weekend", "last weekend"):
        sunday = day - timedelta(days=(day.weekday() + 1) % 7 or 7) if day.weekday() != 6 else day
        return sunday - timedelta(days=1), sunday
    if phrase.lower() == "earlier this month":
        return (day.replace(day=1), day - timedelta(days=1)) if day.day > 1 else None
    if phrase.lower() == "last month":
        last = day.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])
    named = next((w for w in words if w in _WEEKDAYS), None)
    if named is None:
        return None
    back = (day.weekday() - _WEEKDAYS.index(named)) % 7  # the latest such day on or before the article's
    if back > LATEST_WEEKDAY_BACK:
        return None
    when = day - timedelta(days=back)
    return when, when


def day_flags(
    links: Sequence[CorpusLink], texts: dict[str, str], days: dict[str, date | None], order: dict[str, int], min_partial: float
) -> list[Flag]:
    """Conflicts between the days two outlets give one event in passages the aligner links.

    Each passage must date exactly one event with that verb ("published"), and the two spans of
    days must not meet: "earlier this week" (Monday to Thursday) against "Friday".
    """
    out = []
    for link in links:
        if link.kind == "partial" and link.score < min_partial:
            continue
        a_id, a_span, b_id, b_span = link.a_id, link.a_span, link.b_id, link.b_span
        if order[a_id] > order[b_id]:
            a_id, a_span, b_id, b_span = b_id, b_span, a_id, a_span
        day_a, day_b = days.get(a_id), days.get(b_id)
        if day_a is None or day_b is None or abs((day_a - day_b).days) > NEAR_DAYS:
            continue
        refs_a, refs_b = day_references(texts[a_id], a_span, day_a), day_references(texts[b_id], b_span, day_b)
        for ra in refs_a:
            same_a = [r for r in refs_a if r.verb == ra.verb]
            same_b = [r for r in refs_b if r.verb == ra.verb]
            if len(same_a) != 1 or len(same_b) != 1:
                continue
            rb = same_b[0]
            if ra.last >= rb.first and rb.last >= ra.first:
                continue  # the spans meet: they can name one day
            gap = min(abs((rb.first - ra.last).days), abs((ra.first - rb.last).days))
            sides = [
                FlagSide(article_id, span, quantity=Quantity(ref.span, ref.text, float(ref.first.strftime("%Y%m%d")), "date", "date",
                                                             f"day {ref.verb}", "=", "", _shown(ref), "", span))
                for article_id, span, ref in ((a_id, a_span, ra), (b_id, b_span, rb))
            ]
            reason = (f"{ra.text!r} ({_shown(ra)}) vs {rb.text!r} ({_shown(rb)}): different days for one event, "
                      f"{gap} day{'s' if gap != 1 else ''} apart at the least")
            flag_id = flag_id_for("number", (a_id, ra.span), (b_id, rb.span))
            out.append(Flag(flag_id, "number", "conflict", "different-day", reason, f"link:{link.kind}", None, sides,
                            {"absolute": float(gap), "relative": None, "unit": "days"}))
    return out


def _shown(ref: DayRef) -> str:
    """The days a phrase names, as dates ("2016-03-25", "2016-03-21 to 2016-03-24"); also the figure's scope, so a
    reader shows the whole span, not its first day."""
    return str(ref.first) if ref.first == ref.last else f"{ref.first} to {ref.last}"
