"""Whether two figures from different outlets conflict, and the guards that keep unrelated figures apart.

:func:`compare_quantities` judges one pair of figures (:mod:`index.quantities`); the rest
decides which pairs are about one thing at all: a second look at a conflict, and whether two
counts, each its article's only one, may be counts of one set.
"""

from __future__ import annotations

import math
import re
from typing import Any

from index.factcheck_model import Status
from index.quantities import Quantity, parse_number, predicate_of, same_thing

__all__ = [
    "NumberVerdict", "compare_quantities", "contents_of", "count_words", "difference_text", "far_from_vague", "one_digit_apart",
    "one_set", "plain_number", "same_days", "same_figure", "second_look",
]

APPROX_RELATIVE = 0.10
"""Approximate counts ("about", "nearly", "roughly") within this share of each other agree."""
EXACT_RELATIVE = 0.005
"""Exact counts this close are the same figure rounded."""
BOUND_RELATIVE = 0.5
"""Two bounds in the same direction ("over 100" / "over 120") are flagged only beyond this share."""
TEMPERATURE_TOLERANCE = 1.5
"""Degrees Celsius within which two temperatures agree (conversion rounding, forecasts)."""
TEMPERATURE_BOUND_TOLERANCE = 10.0
"""Two temperature bounds in the same direction are flagged only beyond this many degrees."""
SHARE_TOLERANCE = 1.0
"""Percentage points within which exact shares agree; approximate ones get three times this."""
NUMBER_PARTIAL_SCORE = 0.85
"""From this score up a partial link between two passages is close enough to show two counts are of one set."""

NumberVerdict = tuple[Status, str, str, dict[str, Any] | None]
"""``(status, code, reason, difference)`` for two figures: see :func:`compare_quantities`."""


def difference_text(difference: dict[str, Any], with_share: bool = False) -> str:
    """A difference as a reader says it: "5 percentage points", "$1 billion" as "1 billion USD", "25,000".

    ``with_share`` adds the relative size ("(17%)") where it means something (not for temperatures).
    """
    absolute, unit, relative = float(difference["absolute"]), str(difference.get("unit", "")), difference.get("relative")
    if unit == "%":
        text = f"{plain_number(absolute)} percentage point{'' if absolute == 1 else 's'}"
    elif unit not in ("", "°C", "km", "days", "date") and absolute >= 1e6:
        word, size = ("billion", 1e9) if absolute >= 1e9 else ("million", 1e6)
        text = f"{plain_number(round(absolute / size, 3))} {word} {unit}"
    elif unit == "days" and absolute >= 60:
        years = absolute >= 365
        size = round(absolute / (365.25 if years else 30.44), 1)
        text = f"about {plain_number(size)} {'year' if years else 'month'}{'' if size == 1 else 's'}"
    else:
        text = plain_number(absolute) + {"": "", "days": " days"}.get(unit, f" {unit}")
    if with_share and isinstance(relative, (int, float)):
        text += f" ({relative:.0%})"
    return text


def plain_number(number: float) -> str:
    """A number with thousands separators and no needless decimals or exponent ("1,500", "24.4", "0.25")."""
    if not math.isfinite(number):
        return str(number)
    if number == round(number):
        return f"{int(round(number)):,}"
    return f"{number:,.3f}".rstrip("0").rstrip(".")


def _unit_label(q: Quantity) -> str:
    return {"": "", "days": " days", "date": ""}.get(q.unit, " " + q.unit if q.unit != "%" else "%")


def _shown(q: Quantity) -> str:
    value = plain_number(q.value)
    return f"{q.text!r} ({value}{_unit_label(q)})" if q.dimension != "date" else repr(q.text)


def _counted(q: Quantity) -> str:
    """What a figure counts, for a reader: the figure as written, and what happened to people counted
    ("'12 people' (people killed)"); never the engine's stemmed key ('drone+missil')."""
    return f"{q.text!r} ({q.measured})" if q.measured.startswith("people ") else repr(q.text)


def _noun(q: Quantity) -> str:
    """The counted noun as the article writes it ("drones"), else the key."""
    return count_words(q)[1] or q.measured


def _place_name(q: Quantity) -> str:
    """The place key written as a name ("zaporizhzhia" -> "Zaporizhzhia"; "us" -> "US")."""
    return q.place.upper() if len(q.place) <= 3 else q.place.title()


def compare_quantities(a: Quantity, b: Quantity, relation: str) -> NumberVerdict | None:
    """Whether two figures from different outlets conflict, and why (or why not).

    Args:
        a: A figure of one article.
        b: A figure of another article of the same story.
        relation: How the aligner relates their passages (``link:<kind>``, ``group`` or ``story``).

    Returns:
        ``(status, code, reason, difference)``, or ``None`` when the pair is not worth
        reporting: different dimensions, the same value, or unrelated passages about
        different things.
    """
    if a.dimension != b.dimension or a.unit != b.unit and a.dimension in ("money", "temperature"):
        if a.dimension == b.dimension == "temperature" and "°" in (a.unit, b.unit) and relation.startswith("link"):
            return "not-conflict", "different-thing", f"{_shown(a)} and {_shown(b)}: one figure gives no scale (°F or °C)", None
        return None
    if a.dimension in ("duration", "date") and relation not in ("link:quote", "link:paraphrase"):
        return None  # spans of time without a subject are compared only in passages telling the same thing
    if a.dimension == "date":
        if relation not in ("link:quote", "link:paraphrase"):
            return None  # dates in loosely related passages mostly date different events
        (a_year, a_day), (b_year, b_day) = divmod(int(a.value), 10000), divmod(int(b.value), 10000)
        if a_day % 100 == 0 or b_day % 100 == 0 or (a_day == b_day and not (a_year and b_year)):
            return None  # a year or month against a day, or a day given with and without its year
    difference = abs(a.value - b.value)
    if difference < 1e-9:
        return None
    largest = max(abs(a.value), abs(b.value)) or 1.0
    relative = difference / largest
    # a share of a temperature in Celsius means nothing; the size in degrees says it all
    diff = {"absolute": round(difference, 3), "relative": None if a.dimension == "temperature" else round(relative, 3), "unit": a.unit}
    if a.dimension == "date":
        diff = None
    if relation.startswith("link:") and a.dimension in ("count", "money") and one_digit_apart(a, b) and _one_report(a, b):
        return "conflict", "different-value", (
            f"{_shown(a)} vs {_shown(b)}: one figure but for one digit, in passages that report the same thing; "
            f"differ by {difference_text(diff)}"), diff
    if relation == "story" and not _same_report(a, b):
        return None  # unrelated passages; "story:sole" (each article's one count of the thing) goes on
    if a.dimension not in ("duration", "date", "temperature") and not (a.measured and b.measured):
        return None  # a figure whose subject is unknown is compared with nothing
    # a span of time has no counted noun: in passages that tell the same thing, each one's span is the same span
    unnamed_durations = a.dimension == "duration" and not (a.measured or b.measured)
    if not same_thing(a, b) and not unnamed_durations:
        if relation.startswith("story") or not (a.measured and b.measured):
            return None
        return "not-conflict", "different-thing", f"different things counted: {_counted(a)} vs {_counted(b)}", None
    if a.scope and b.scope and a.scope != b.scope:
        return "not-conflict", "different-scope", f"different time scope: {a.text!r} is {a.scope}, {b.text!r} is {b.scope}", diff
    if a.place and b.place and a.place != b.place and a.place not in b.place and b.place not in a.place:
        return "not-conflict", "different-place", f"different places: {a.text!r} in {_place_name(a)}, {b.text!r} in {_place_name(b)}", diff
    if far_from_vague(a, b):
        vague, other = (a, b) if a.bound == ">~" else (b, a)
        low, high = _VAGUE_RANGE[vague.qualifier.lower()]
        return "conflict", "different-value", (f"{_shown(vague)} means about {low:,}-{high:,}, far from {_shown(other)}"), diff
    if ">~" in (a.bound, b.bound) or (a.dimension == "temperature" and (a.qualifier.lower() in _THRESHOLDS or b.qualifier.lower() in _THRESHOLDS)):
        return "not-conflict", "vague-amount", f"{_shown(a)} and {_shown(b)}: a vague amount is consistent with the other figure", diff
    rounded = _rounded_from(a, b) or _rounded_from(b, a)
    if rounded:
        return "not-conflict", "within-tolerance", f"{_shown(rounded[0])} is {_shown(rounded[1])} rounded", diff
    tolerance_hit, bound_note = _within(a, b, difference, relative)
    if tolerance_hit:
        code = "compatible-bound" if bound_note else "within-tolerance"
        return "not-conflict", code, f"{_shown(a)} and {_shown(b)} {bound_note or 'agree within the tolerance for approximate figures'}", diff
    code = "different-bounds" if bound_note else "different-value"
    size = difference_text(diff) if diff else "different dates"
    note = f"; {bound_note}" if bound_note else ""
    return "conflict", code, f"{_shown(a)} vs {_shown(b)}: differ by {size}{note}", diff


ROUNDING_RELATIVE = 0.05
"""A round figure ("$43,000") is another's rounding ("$43,350") only this close: "300" is not "340" rounded."""


def _rounded_from(round_q: Quantity, precise: Quantity) -> tuple[Quantity, Quantity] | None:
    """``(round_q, precise)`` when an unqualified round figure is what the precise one rounds to at its last non-zero digit.

    "$43,000" for "$43,350" is rounding; "139 million" for "$140,937,785" is not (that rounds to 141 million).
    """
    if not (math.isfinite(round_q.value) and math.isfinite(precise.value)):
        return None
    if round_q.bound != "=" or precise.bound not in "=~" or round_q.value != int(round_q.value) or round_q.value <= 0:
        return None
    step = 1
    while int(round_q.value) % (step * 10) == 0:
        step *= 10
    if step < 100 or precise.value % step == 0:
        return None
    close = abs(round_q.value - precise.value) <= ROUNDING_RELATIVE * round_q.value
    rounded = math.floor(precise.value / step + 0.5) * step  # half up, as people round ("$42,500" is "$43,000")
    return (round_q, precise) if close and rounded == round_q.value else None


def _one_report(a: Quantity, b: Quantity) -> bool:
    """Whether nothing shows two figures are about different things: no two time scopes, places or counted things."""
    if a.scope and b.scope and a.scope != b.scope:
        return False
    if a.place and b.place and a.place != b.place and a.place not in b.place and b.place not in a.place:
        return False
    return not (a.measured and b.measured and not same_thing(a, b))


def one_digit_apart(a: Quantity, b: Quantity) -> bool:
    """Whether two precise figures are written with the same digits but one ("$5,687.75" / "$5,587.75").

    Outlets copying one figure differ like this by a slip, not by rounding or by counting something
    else: both exact (no "more than"), four digits or more with three that are not zeros, not two years.
    """
    if a.bound != "=" or b.bound != "=" or a.qualifier or b.qualifier:
        return False  # "more than 5,000" and "5,200" can both hold
    digits_a, digits_b = re.sub(r"\D", "", a.text), re.sub(r"\D", "", b.text)
    if len(digits_a) < 4 or len(digits_a) != len(digits_b) or min(len(d.replace("0", "")) for d in (digits_a, digits_b)) < 3:
        return False  # round figures ("700,000" / "300,000") are other counts, not slips
    if not all(math.isfinite(v) for v in (a.value, b.value)):
        return False
    if all(v == int(v) and 1900 <= v <= 2100 for v in (a.value, b.value)):
        return False
    return sum(x != y for x, y in zip(digits_a, digits_b)) == 1


def _same_report(a: Quantity, b: Quantity) -> bool:
    """Whether two figures in passages the aligner does not relate are still worth comparing.

    A story has one weather, so temperatures always are; other figures only when both name the
    same time scope or place, or when they count the same thing with different scopes or places
    (reported as a look-alike, so the reader sees why they differ).
    """
    if a.dimension == "temperature":
        return True
    if (a.scope and a.scope == b.scope) or (a.place and a.place == b.place):
        return same_thing(a, b)
    return (
        a.dimension == "count" and same_thing(a, b)
        and bool((a.scope and b.scope and a.scope != b.scope) or (a.place and b.place and a.place != b.place))
    )


_THRESHOLDS = frozenset({"below freezing", "subzero", "sub-zero", "below zero"})

_VAGUE_RANGE = {"dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
                "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999), "millions": (2 * 10**6, 999 * 10**6)}
"""What a vague amount can mean ("dozens": two dozen up to just under a hundred)."""
VAGUE_FAR = 2.0
"""A figure beyond this factor outside a vague amount's range disagrees with it ("dozens" / "more than 200")."""


def far_from_vague(a: Quantity, b: Quantity) -> bool:
    """Whether one figure is a vague amount ("dozens") and the other a count far above what it can mean.

    The other figure must be a count, not itself vague, and far above the range ("more than 200"
    against "dozens"; a lower bound counts when its bound already is). A figure far below is not
    flagged: it is often a part of the vaguely counted whole ("10 Democrats who gathered" / "dozens of Democrats").
    """
    if a.dimension != "count" or (a.bound == ">~") == (b.bound == ">~"):
        return False
    vague, other = (a, b) if a.bound == ">~" else (b, a)
    span = _VAGUE_RANGE.get(vague.qualifier.lower())
    return span is not None and other.bound in (">", "=", "~") and other.value >= span[1] * VAGUE_FAR


def _within(a: Quantity, b: Quantity, difference: float, relative: float) -> tuple[bool, str]:
    """(agree?, a note on bounds) for two figures about the same thing."""
    approximate = _approximate(a) or _approximate(b)
    if a.dimension == "temperature":
        if a.bound == b.bound and a.bound in "<>" and a.bound != "=":
            side = "below" if a.bound == "<" else "above"
            ok = difference <= TEMPERATURE_BOUND_TOLERANCE
            return ok, (f"are both '{side}' bounds" + (", close enough to agree" if ok else ", but describe very different cold"))
        return difference <= TEMPERATURE_TOLERANCE * (2 if approximate else 1), ""
    if a.dimension == "share":
        return difference <= SHARE_TOLERANCE * (3 if approximate else 1), ""
    if a.dimension == "date":
        return False, ""
    if a.bound in "<>" and a.bound == b.bound and a.bound != "=":
        ok = relative <= BOUND_RELATIVE
        word = "lower" if a.bound == ">" else "upper"
        return ok, f"are both {word} bounds" + (" and can both hold" if ok else ", far apart")
    for bound_q, other in ((a, b), (b, a)):
        if bound_q.bound in "<>" and bound_q.bound != "=" and other.bound in "=~":
            consistent = other.value >= bound_q.value if bound_q.bound == ">" else other.value <= bound_q.value
            if consistent and relative <= BOUND_RELATIVE:
                return True, f"are consistent: {bound_q.text!r} is a bound"
            if consistent:
                return False, f"{bound_q.text!r} is a bound, but the figures are far apart"
            return False, ""
    return relative <= (APPROX_RELATIVE if approximate else EXACT_RELATIVE), ""


_HEDGES_BELOW = frozenset({"nearly", "almost", "close to"})
"""Qualifiers that say the true count is a little under the figure, whatever the figure."""


def _approximate(q: Quantity) -> bool:
    """Whether a figure is given as approximate: a hedge on a round figure, or "nearly"/"almost".

    "About 60,000" or "roughly two dozen" is a rounded figure, but "some 16 bills" is a precise
    count with a hedge of style: it does not stretch to 15.
    """
    if q.bound != "~":
        return False
    if q.dimension != "count" or q.qualifier.lower() in _HEDGES_BELOW or "dozen" in q.text.lower():
        return True
    return _round(q.value)


def _round(value: float) -> bool:
    """Whether a figure looks rounded: one significant digit, a multiple of five, or two digits from 100 up."""
    if value != int(value) or value <= 0:
        return False
    digits = int(value)
    while digits % 10 == 0:
        digits //= 10
    return digits < 10 or digits % 5 == 0 or (value >= 100 and digits < 100)


def second_look(
    verdict: NumberVerdict, a: Quantity, b: Quantity, text_a: str, text_b: str, relation: str, score: float,
    figures: tuple[list[Quantity], list[Quantity]], only_counts: bool = False,
) -> NumberVerdict | None:
    """A look-alike verdict for two conflicting figures that are shown not to be about one thing, else ``None``.

    Three checks, in order: a figure agreeing with one side stands in the other side's own
    sentence (that outlet gives the same figure too, so its other figure is about something
    else); loosely related passages share no time, place or named subject; counts of one noun
    in passages that are not closely linked say different things of it ("10 Democrats who
    gathered" / "33 Democrats voted").
    """
    diff = verdict[3]
    for one, other, other_figures in ((a, b, figures[1]), (b, a, figures[0])):
        twin = next((q for q in other_figures if q is not other and same_figure(one, q)), None)
        if twin is not None:
            return ("not-conflict", "figure-also-given",
                    f"{_shown(one)} is matched by {_shown(twin)} in the other passage, so {other.text!r} there is about something else", diff)
    if relation in ("link:partial", "group") and not only_counts and not one_digit_apart(a, b) and not _same_subject(a, b, text_a, text_b):
        return ("not-conflict", "unconfirmed-same-thing",
                f"{_shown(a)} and {_shown(b)}: the passages are only loosely linked and crossread found no time scope, place or named "
                "subject given for both figures, so nothing shows they are the same figure", diff)
    close = relation in ("link:quote", "link:paraphrase") or relation == "link:partial" and score >= NUMBER_PARTIAL_SCORE
    if a.dimension == "count" and not close and not a.measured.startswith("people "):
        said_a, said_b = predicate_of(text_a, a), predicate_of(text_b, b)
        if said_a and said_b and said_a != said_b:
            return ("not-conflict", "different-thing",
                    f"{_shown(a)} and {_shown(b)} count {_noun(a)!r} in passages that are not closely linked, "
                    f"and different things are said of them ({said_a!r} vs {said_b!r})", diff)
        if not (said_a and said_b) and not only_counts:
            return ("not-conflict", "unconfirmed-same-thing",
                    f"{_shown(a)} and {_shown(b)} count {_noun(a)!r} in passages that are not closely linked, "
                    "and nothing shows the same is said of them", diff)
    return None


_PERSON_NOUNS = frozenset("woman women man men girl girls boy boys member members republicans democrats senators "
                          "lawmakers legislators voters delegates officials officers agents students workers employees".split())
"""Counted people beyond :data:`index.quantities` "people": a story names many sets of them."""
_SET_RELATIVE = frozenset("other others more additional remaining further extra next last first previous few those these such "
                          "of another".split())
"""Words in a count that make it part of, or relative to, another set ("three other women", "two more debates")."""
_EMPHASIS = frozenset("separate independent different distinct individual specific total".split())
"""Adjectives that stress a count without narrowing what is counted ("19 separate actions")."""


def count_words(q: Quantity) -> tuple[list[str], str]:
    """The words of a count between the figure and its head noun, lower-cased, and the head noun as written."""
    words = re.findall(r"[A-Za-z][\w'’-]*", q.text[len(q.qualifier):] if q.qualifier else q.text)
    while words and (words[0].lower() in ("a", "an", "and", "dozen") or parse_number(words[0]) is not None):
        words.pop(0)
    return [w.lower() for w in words[:-1]], (words[-1] if words else "")


_CONTENTS = re.compile(r"\s+of\s+((?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)(?=\s+(?:that|which|who|from|to|in|on|for|by|with|as|about|and|or|at|were|was|had|have|has)\b|\s*[^\w\s'’-]|\s*$)")
_DETERMINERS = frozenset("the a an his her their its our my your this that these those such".split())


def contents_of(text: str, q: Quantity) -> str:
    """What a counted container holds, singular and lower-cased ("50,000 pages of printed emails" -> "email").

    Pages, boxes or tons of different things are different counts: an article's "900 pages" of
    one report does not make its "50,000 pages of emails" one of two figures for the same thing.
    The noun is the first plural in the words after "of" ("pages of emails sent by Clinton" ->
    "email"), else the last of them ("pages of correspondence"). Empty when the figure is not
    followed by "of" and a noun, or when that noun is what is counted ("dozens of boxes").
    """
    noun = q.measured.split(" ")[0]
    if not noun or noun not in q.text.lower():
        return ""
    match = _CONTENTS.match(text, q.span[1])
    if not match:
        return ""
    words = [w for w in match.group(1).split() if w.lower() not in _DETERMINERS and not w.endswith(("'s", "’s"))]
    if not words:
        return ""
    plural = next((w for w in words if w.islower() and w.endswith("s") and not w.endswith("ss") and len(w) > 3), None)
    head = (plural or words[-1]).lower().rstrip("'’").replace("-", "")
    if head.endswith("ies") and len(head) > 4:
        return head[:-3] + "y"
    return head[:-1] if head.endswith("s") and not head.endswith("ss") and len(head) > 3 else head


def _people(head: str) -> bool:
    """Whether a counted noun is people: a word for them, or a capitalised plural ("Americans", "Democrats")."""
    return head.lower() in _PERSON_NOUNS or (head[:1].isupper() and head.endswith("s") and not head.isupper())


def same_days(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether the days named with two counts leave them about one time: none named on one side, or the same."""
    return not a or not b or a == b


def one_set(a: Quantity, b: Quantity) -> bool:
    """Whether two counts that are each their article's only count of a thing may be counts of one set.

    They must be given as counts (not bounds), of things, not people (a story names many sets of
    people), in no different time scope, neither relative to another set ("other", "more", "of those"), and described alike:
    the same words before the noun, or none on one side ("23 executive actions" / "19 actions").
    """
    if a.scope and b.scope and a.scope != b.scope or a.measured.startswith("people") or not {a.bound, b.bound} <= {"=", "~"}:
        return False  # a bound ("at least three") does not say how many there are
    (words_a, head_a), (words_b, head_b) = count_words(a), count_words(b)
    if _people(head_a) or _people(head_b) or _SET_RELATIVE & (set(words_a) | set(words_b)):
        return False
    narrowing_a, narrowing_b = set(words_a) - _EMPHASIS, set(words_b) - _EMPHASIS
    return narrowing_a == narrowing_b or not narrowing_a or not narrowing_b


def same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures give one value of one thing: equal, or within tolerance when one is approximate.

    Stricter than "no conflict": 35.7% and 36% agree as readings of one rate, but do not show
    that a sentence holding 36% is about the same rate as 35.7%.
    """
    if a.dimension != b.dimension or a.unit != b.unit or not same_thing(a, b):
        return False
    difference = abs(a.value - b.value)
    if difference < 1e-9:
        return True
    return "~" in (a.bound, b.bound) and _within(a, b, difference, difference / (max(abs(a.value), abs(b.value)) or 1.0))[0]


def _same_subject(a: Quantity, b: Quantity, text_a: str, text_b: str) -> bool:
    """Whether two figures of loosely related passages are shown to be about one thing.

    Either they name the same time scope or place, or what they measure is a name both
    passages spell with a capital ("Donetsk"), or they are temperatures (one weather per story).
    """
    if a.dimension == "temperature" or (a.scope and a.scope == b.scope) or (a.place and a.place == b.place):
        return True
    name = re.compile(rf"\b{re.escape(a.measured)}", re.I)
    in_a = [m.group() for m in name.finditer(text_a, *a.sentence)]
    in_b = [m.group() for m in name.finditer(text_b, *b.sentence)]
    return any(w[:1].isupper() for w in in_a) and any(w[:1].isupper() for w in in_b)
