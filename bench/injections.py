"""How the injected-conflict bench changes one outlet's text: a figure rewritten in the same form, a named person found.

Kept apart from ``factcheck_injected.py`` (which finds agreeing passages, checks the changed
story and reports): rewriting "twenty-three" as "thirty-four" or "$1,500" as "$2,250", and telling
"Mr. Steele" (a person whose surname can be swapped) from "Senate Republicans", are their own job.
"""

from __future__ import annotations

import math
import re

from index.attribution import GENERIC_SPEAKERS, OUTLET_WORDS, Attribution, speaker_key
from index.quantities import Quantity

Span = tuple[int, int]


# -- rewriting a figure --------------------------------------------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD = "(?:" + "|".join(sorted([*_ONES, *_TENS[2:]], key=len, reverse=True)) + ")"
_NUMBER_TOKEN = re.compile(
    rf"(?P<digits>(?<![\w.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?!\d))"
    rf"|(?P<words>\b{_WORD}(?:[- ]{_WORD})?\b)", re.I)
"""The number inside a figure as written: figures, or words below a hundred (a scale word after it stays)."""


def words_for(n: int, hyphen: str = "-") -> str | None:
    """A whole number below a hundred in words ("twenty-three"), the way the article joins tens and ones."""
    if not 0 <= n < 100:
        return None
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"{hyphen}{_ONES[ones]}" if ones else "")


def words_value(words: str) -> int | None:
    """The value of a number below a hundred written in words, else None."""
    parts = re.split(r"[- ]", words.lower())
    total = 0
    for part in parts:
        if part in _ONES:
            total += _ONES.index(part)
        elif part in _TENS:
            total += _TENS.index(part)
        else:
            return None
    return total


def same_case(new: str, old: str) -> str:
    """The new words capitalised as the old ones were ("Twenty" -> "Thirty")."""
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def number_in(text: str, q: Quantity) -> re.Match[str] | None:
    """The number inside a figure's span (after its qualifier), so only that is rewritten."""
    start = q.span[0] + len(q.qualifier)
    return _NUMBER_TOKEN.search(text, start, q.span[1])


def changed_value(value: float, mine: Quantity, other: Quantity, whole: bool) -> float:
    """A value that clearly disagrees with the other outlet's figure, whatever bounds the two carry.

    Two exact or approximate figures: small whole counts get +3 ("two" -> "five"), others x1.5.
    Against a bound the new value must break it ("more than 100" / "50"; "more than 150" /
    "100"), and two bounds in one direction are tripled, since both hold unless far apart.
    Shares stay at or under 100%.
    """
    if other.bound == ">" and mine.bound != ">":
        new = value / 2
    elif other.bound == "<" and mine.bound != "<":
        new = value * 1.5
    elif mine.bound == ">" and other.bound != ">":
        new = value * 1.5
    elif mine.bound == "<" and other.bound != "<":
        new = value / 1.5
    elif mine.bound in ("<", ">"):
        new = value * 3
    elif whole and value < 10:
        new = value + 3
    else:
        new = value * 1.5
    if mine.dimension == "share" and new > 100:
        new = value * 2 / 3 if mine.bound != ">" else value
    return new


def rewrite_figure(text: str, q: Quantity, other: Quantity, noop: bool, avoid: frozenset[float] = frozenset()) -> tuple[str, Span, str] | None:
    """The text with the figure's number rewritten, the rewritten number's span and what it was.

    ``noop`` writes the same value another way (figures <-> words below a hundred, thousands
    separators on or off, a trailing zero on a decimal); otherwise a clearly different value
    in the same form, one that no figure of ``avoid`` (the two sentences' values) already has,
    else the engine rightly reads the other sentence as giving that figure too. None when the
    figure has no number this can rewrite.
    """
    match = number_in(text, q)
    if match is None:
        return None
    old = match.group()
    words = bool(match.group("words"))
    plain = old.replace(",", "")
    value = words_value(old) if words else float(plain)
    if value is None or value == 0:
        return None
    decimals = len(plain.split(".")[1]) if not words and "." in plain else 0
    if noop:
        if words:
            new = str(value)
        elif decimals:
            new = old + "0"
        elif 2 <= value < 100 and not text[match.end():match.end() + 1].isdigit():
            new = words_for(int(value)) or old
        elif value >= 1000:
            new = plain if "," in old else f"{int(value):,}"
        else:
            new = f"{old}.0"
    else:
        step = changed_value(value, q, other, decimals == 0) - value
        new = ""
        for times in (1, 2, 3):  # a further step when the first lands on a figure already in the sentences
            scale = 10 ** decimals
            target = math.floor((value + step * times) * scale + 0.5) / scale
            if abs(target - value) < 1e-9 or (decimals == 0 and target < 2) or any(
                    abs(q.value * target / value - seen) <= 1e-6 * max(1.0, abs(seen)) for seen in avoid):
                continue
            if words:
                new = words_for(int(target), " " if " " in old else "-") or ""
                new = same_case(new, old) if new else ""
            else:
                new = f"{target:,.{decimals}f}" if "," in old else f"{target:.{decimals}f}"
            if new:
                break
        if not new:
            return None
    mutated = text[:match.start()] + new + text[match.end():]
    return mutated, (match.start(), match.start() + len(new)), old


# -- a person to swap ---------------------------------------------------------------------------


_SURNAME = re.compile(r"(?:Mc|Mac|De|Di|La|Le)?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")
"""A surname as written ("Steele", "McConnell", "Ocasio-Cortez"); not "D-Calif", "AP" or "HuffPost"."""


def surname(attribution: Attribution) -> str:
    """The word of a named speaker that gives its key ("Senator Mitch McConnell of Kentucky" -> "McConnell").

    Empty for a pronoun, a role, a carried-over speaker, a group or an outlet: only a person
    written by name can be swapped for another.
    """
    if not attribution.speaker or attribution.role or attribution.inherited or attribution.speaker_key in GENERIC_SPEAKERS:
        return ""
    if OUTLET_WORDS.search(attribution.speaker):
        return ""
    for word in reversed(re.findall(r"[\w'’.-]+", attribution.speaker)):
        word = re.sub(r"[’']s$", "", word).strip(".,")
        if _SURNAME.fullmatch(word) and speaker_key(word) == attribution.speaker_key:
            return word
    return ""


_TITLES = frozenset("Mr Mrs Ms Dr Sen Rep Gov Gen Senator Representative President Justice Judge Speaker Secretary "
                   "Leader General Attorney Governor Mayor Chairman Director".split())
NOT_NAMES = frozenset("Senate House Republican Republicans Democrat Democratic Democrats National White United State States "
                       "Department Committee Party Campaign Senatorial Congressional Federal American Supreme Court Office "
                       "Council Agency Administration Commission Service Association Foundation Institute Center Union Poll Pollster Survey".split())
"""Capitalised words of bodies, not of people ("Senate Republicans", "the National Republican Senatorial Committee")."""


def person(attribution: Attribution) -> bool:
    """Whether a speaker is written as one person: a title or a given name right before the surname ("Mr. Steele", "Chuck Schumer")."""
    name = surname(attribution)
    if not name or name in NOT_NAMES:
        return False
    words = [w.strip(".,") for w in re.findall(r"[\w'’.-]+", attribution.speaker)]
    at = max(i for i, w in enumerate(words) if re.sub(r"[’']s$", "", w) == name)
    before = [w for w in words[:at] if not re.fullmatch(r"[A-Z]", w)]  # middle initials
    return bool(before) and (before[-1] in _TITLES or (before[-1][:1].isupper() and before[-1] not in NOT_NAMES))
