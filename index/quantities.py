"""Quantities in news text: the value as written, normalised, and what it counts or measures.

Outlets report the same figure in different forms ("22 degrees Fahrenheit" and "-5.6°C", "a
quarter" and "25%", "2 million" and "2,000,000"), and report different figures that only look
alike ("over 100 drones overnight" and "6,000 drones in the past month"). Each
:class:`Quantity` therefore carries, besides its value, what it is about: the dimension, the
counted noun or measured thing, the qualifier ("over", "nearly"), the time scope and the place
named in its clause. :mod:`index.factcheck` compares only quantities about the same thing.
Pure functions over plain strings; offsets are half-open into the text exactly as given.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from index.normalize import fold, plain_term, term
from index.segment import all_sentences

Span = tuple[int, int]
Dimension = Literal["count", "share", "temperature", "distance", "money", "duration", "date"]
Bound = Literal["=", "~", ">", "<", ">~"]
"""Exact, approximate, lower bound ("over"), upper bound ("below"), vague plural ("thousands")."""

__all__ = ["Quantity", "extract_quantities", "quantities_in", "parse_number", "predicate_of", "same_thing", "when_in_clause", "compared_in_sentence", "dated_votes"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure in a text, with what a reader needs to know to compare it with another."""

    span: Span
    """Offsets of the figure as written (qualifier and unit included)."""
    text: str
    """The figure as written."""
    value: float
    """Normalised value: counts as numbers, shares in percent, temperatures in °C, distances in
    km, durations in days, money in units of ``unit``, dates as YYYYMMDD (00 for an unknown part)."""
    unit: str
    """Normalised unit: ``""`` (count), ``%``, ``°C``, ``km``, ``days``, a currency code, ``date``."""
    dimension: Dimension
    measured: str
    """What is counted or measured, as a comparison key ("drone", "people killed", "donetsk",
    "temperature"); empty when unknown."""
    bound: Bound
    qualifier: str
    """The qualifying words as written ("over", "roughly", "below"), or empty."""
    scope: str
    """Time scope of the figure ("overnight", "past month", "single wave", "2023"), or empty."""
    place: str
    """Place named in the figure's clause ("zaporizhzhia", "kyiv"), or empty."""
    sentence: Span
    """The sentence holding the figure."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = asdict(self)
        data["span"], data["sentence"] = list(self.span), list(self.sentence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        """Rebuild from :meth:`to_dict` output."""
        values = dict(data)
        values["span"] = (int(data["span"][0]), int(data["span"][1]))
        values["sentence"] = (int(data["sentence"][0]), int(data["sentence"][1]))
        values["value"] = float(data["value"])
        return cls(**values)


# -- numbers -------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SHORT_SCALES = {"m": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "k": 1000, "tn": 10**12}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
          "hundreds of thousands": 200000, "millions": 2 * 10**6, "billions": 2 * 10**9}
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}

_WORD_NUMBER = "(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + ")"
_NUMBER_WORDS_RE = rf"{_WORD_NUMBER}(?:[- ]{_WORD_NUMBER})?(?:[- ](?:hundred|thousand|million|billion)(?:[- ](?:and[- ])?{_WORD_NUMBER}(?:[- ]{_WORD_NUMBER})?)?)*"
_DIGITS_RE = r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\d])"


def parse_number(text: str) -> float | None:
    """The value of a number as written in figures or words ("2,514", "2 million", "twenty-five").

    Returns:
        The value, or ``None`` if ``text`` is not a number.
    """
    folded = fold(text).strip().replace("\u2212", "-")
    if not folded:
        return None
    sign = -1.0 if folded.startswith("-") else 1.0
    folded = folded.lstrip("-+ ")
    tokens = re.split(r"[\s-]+", folded)
    total, current, seen = 0.0, 0.0, False
    for token in tokens:
        if not token or token == "and":
            continue
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", token):
            current += float(token.replace(",", ""))
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "a" and not seen:
            current += 1
        elif token in _SCALES or token in _SHORT_SCALES:
            scale = _SCALES.get(token) or _SHORT_SCALES[token]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return sign * (total + current) if seen else None


# -- patterns --------------------------------------------------------------------------------

_NUM = (rf"(?:(?<![\w.,-])(?:-|\u2212))?(?:{_DIGITS_RE})(?:\s?(?:million|billion|trillion|thousand|mln|bn)\b)?"
        rf"|\b(?:{_NUMBER_WORDS_RE}(?:[- ]dozen)?|a[- ]dozen)\b")
"""A number in figures or words; 'a dozen' and 'two-dozen' are 12 and 24 ('dozens' is a vague amount)."""
_QUALIFIER = (
    r"(?:more than|greater than|over|above|at least|exceeding|upwards of|in excess of|nearly|almost|"
    r"about|around|approximately|roughly|some|an estimated|estimated|close to|up to|at most|under|"
    r"less than|fewer than|below|just over|just under|well over|as many as|as few as)"
)
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|Aug(?:ust|\.)?|Sept?(?:ember|\.)|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DURATION_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30.4, "year": 365.25, "decade": 3652.5}
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
             "pound": "GBP", "pounds": "GBP", "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH", "yuan": "CNY"}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(rf"\b(?P<month>{_MONTH_RE})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<year>(?:19|20)\d\d)\b)?")),
    ("date", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{_MONTH_RE})(?:,?\s(?P<year>(?:19|20)\d\d)\b)?")),
    ("date", re.compile(rf"\b(?P<month>{_MONTH_RE})\s(?P<year>(?:19|20)\d\d)\b")),
    ("temperature", re.compile(
        rf"(?P<num>{_NUM})\s?(?:°|º|˚|degrees?\s)\s?(?P<scale>Fahrenheit|Celsius|centigrade|F\b|C\b)?", re.I)),
    ("temperature", re.compile(r"\b(?P<freezing>below freezing|subzero|sub-zero|below zero)\b", re.I)),
    ("share", re.compile(rf"(?P<num>{_NUM})\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I)),
    ("share", re.compile(
        r"\b(?P<frac>(?:a|one|two|three|four)[- ](?:half|third|quarter|fifth|tenth)s?|half)(?=\s+(?:of|the)\b)", re.I)),
    ("money", re.compile(rf"(?P<cur>US\$|\$|€|£)\s?(?P<num>{_NUM})", re.I)),
    ("money", re.compile(rf"(?P<num>{_NUM})\s(?P<cur>dollars|euros|pounds|rubles|roubles|hryvnias|yuan)\b", re.I)),
    ("distance", re.compile(rf"(?P<num>{_NUM})[\s-]?(?P<dunit>kilomet(?:er|re)s?|km|miles?|mi\b|met(?:er|re)s?)\b", re.I)),
    ("duration", re.compile(
        rf"(?P<num>{_NUM})[\s-](?P<tunit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b", re.I)),
    ("duration", re.compile(r"(?P<num>\ba\b|\ban\b)[\s-](?P<tunit>second|minute|hour|day|week|month|year|decade)\b", re.I)),
    ("count", re.compile(r"(?P<vague>\b(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions|billions)\b)(?=\s+of\b)", re.I)),
    ("count", re.compile(rf"(?P<num>{_NUM})", re.I)),
]
_NUMBER_RE = re.compile(_NUM, re.I)
"""Any number; a sentence without one skips every pattern built on :data:`_NUM`."""
_NEEDS_NUMBER = frozenset(id(pattern) for _, pattern in _PATTERNS if "(?P<num>" + _NUM in pattern.pattern)
"""The patterns that can only match where :data:`_NUMBER_RE` does (most of the extraction time)."""
_STARTS_WITH_NUMBER = frozenset(id(pattern) for _, pattern in _PATTERNS if pattern.pattern.startswith("(?P<num>" + _NUM))
"""The patterns whose matches begin where a number begins, so they are tried only there."""
_NOT_A_COUNT_BEFORE = re.compile(r"(?:\b(?:No\.|no\.|[Nn]umber)\s*|\d(?:-to-|-|–))$")
_NOT_A_COUNT_AFTER = re.compile(r"\s*(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b)|[’']?s\b|[-–]\d")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
"""Right after a figure: an ordinal ("21st"); "23 steps" is a count."""
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{_QUALIFIER})\s+$", re.I)
_TEMP_VERB_BEFORE = re.compile(r"\b(?:drop|drops|dropping|dropped|fall|falls|falling|fell|plunge|plunging|plunged|sink|sinking)\s+(?P<q>below|to|under)\s+$", re.I)
_LOWER = {"more than", "greater than", "over", "above", "at least", "exceeding", "upwards of", "in excess of", "just over", "well over", "as many as"}
_UPPER = {"up to", "at most", "under", "less than", "fewer than", "below", "just under", "as few as"}

# -- what a figure is about ------------------------------------------------------------------

_STOP_AFTER = frozenset(
    """
    in on at against to from for with by during since until into across over under after before near about
    and or but as than that which who whom when where while whose if because although though so nor
    were was are is be been being had has have will would could should may might can did do does
    recorded reported said says according amid including
    """.split()
)
_DETERMINERS = frozenset("the a an its their his her our your my this that these those of own".split())
_PEOPLE = frozenset("people person persons individual individuals civilian civilians resident residents other others "
                    "citizen citizens adult adults child children life lives inhabitant inhabitants".split())
_KILLED = frozenset("kill killed killing dead died die death deaths fatality fatalities fatal".split())
_INJURED = frozenset("injure injured injuring injury injuries wound wounded hurt".split())
_ARRESTED = frozenset("arrest arrests arrested arresting detained detentions".split())
_IRREGULAR_PLURALS = frozenset("people women men children police".split())
"""Plurals without an "s" that close a counted noun phrase ("two women spoke")."""
_NOT_COUNTED = frozenset("ago years year days day months month weeks week hours hour minutes times time percent of".split())
"""Words after a figure that show it is not a count of things ("four years ago", "two times")."""
_PLACE_SUFFIX = re.compile(r"\s+(?:Oblast|region|Region|province|Province|state|State|county|County|district|District)$")
_PLACE = re.compile(
    r"\b(?i:in|across|within|throughout|near)\s+(?i:the\s+)?(?:(?:[A-Z][\w'’.-]*)(?:’s|'s)\s+)?"
    r"(?P<place>capital|country|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
_SCOPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:overnight|over(?:\s+the)?\s+night|last night|during the night)\b", re.I), "overnight"),
    (re.compile(r"\bin a single (?:wave|attack|strike|night|day|barrage)\b", re.I), "single attack"),
    (re.compile(r"\b(?:in|over|during) the (?:past|last|previous) (?P<n>\w+ )?(?P<u>hours?|days?|weeks?|months?|years?)\b", re.I), "past {u}"),
    (re.compile(r"\blast (?P<u>week|month|year|weekend)\b", re.I), "last {u}"),
    (re.compile(r"\bthis (?P<u>week|month|year|winter|summer|weekend)\b", re.I), "this {u}"),
    (re.compile(r"\bso far this (?P<u>year|month|week)\b", re.I), "this {u}"),
    (re.compile(r"\b(?:daily|per day|a day|each day|every day)\b", re.I), "per day"),
    (re.compile(r"\b(?:a|per|each) (?P<u>week|month|year)\b", re.I), "per {u}"),
    (re.compile(r"\b(?:since|throughout|during) the (?:war|invasion|conflict)\b", re.I), "whole war"),
    (re.compile(r"\bin (?P<y>(?:19|20)\d\d)\b"), "{y}"),
]


_MONTH_KEYS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _measured_after(text: str, end: int, limit: int) -> tuple[str, int]:
    """The counted noun after a figure ("drones", "civilian deaths", "of its fallen soldiers")."""
    tokens = [(m.group().strip("'’"), m.end()) for m in re.finditer(r"[A-Za-z][\w'’-]*|[.,;:!?—()“”\"]", text[end:limit])][:7]
    words: list[str] = []
    extended = closed = False
    stop_at = end
    for index, (token, token_end) in enumerate(tokens):
        lower = token.lower()
        if not token[0].isalpha():
            break
        if not words and lower in _DETERMINERS:
            continue
        if not words and lower.rstrip(".") in _MONTH_KEYS:
            break  # "19 Sept. 11 hijackers": a date follows, not what is counted
        if lower.endswith(("'s", "’s")) and index + 1 < len(tokens):
            continue  # a possessive modifies the counted noun: "a gold-plated men's Rolex watch" counts watches
        if lower in ("and", "or") and words and not extended and index + 1 < len(tokens):
            following = tokens[index + 1][0].lower()
            if following[:1].isalpha() and following not in _STOP_AFTER and following not in _DETERMINERS:
                words.append("+")
                extended, closed = True, False
                continue
        if lower in _STOP_AFTER:
            break
        if closed:
            break
        words.append(lower)
        stop_at = end + token_end
        if len(words) >= 4:
            break
        # a plural or a word for people closes the noun phrase ("civilian deaths", "three people"),
        # though "and" may still add a second noun ("drones and missiles")
        closed = (lower.endswith("s") and not lower.endswith("ss")) or lower in _IRREGULAR_PLURALS
    while words and words[-1] == "+":
        words.pop()
    if len(words) >= 2 and words[-1].endswith("ed") and words[-2] != "+":
        words.pop()
    if not words:
        return "", end
    parts = " ".join(words).split(" + ")
    heads = [part.split()[-1] for part in parts if part.split()]
    return "+".join(heads), stop_at


def _noun_key(head: str) -> str:
    if head in _PEOPLE:
        return "people"
    if head in _KILLED:
        return "people killed"
    if head in _INJURED:
        return "people injured"
    if head in _ARRESTED:
        return "people arrested"
    return "+".join(plain_term(fold(part)) for part in head.split("+"))


def _event(text: str, sentence: Span, start: int, end: int) -> str:
    """``killed``/``injured``/``arrested`` when the words right after the figure, else right before it, say what happened."""
    for window in (text[end:min(sentence[1], end + 25)], text[max(sentence[0], start - 40):start]):
        words = re.findall(r"[a-z]+", fold(window))
        found = [event for event, hit in (
            ("killed", any(w in _KILLED for w in words) or "lives" in words and "claimed" in words),
            ("injured", any(w in _INJURED for w in words)),
            ("arrested", any(w in _ARRESTED for w in words)),
        ) if hit]
        if len(found) == 1:
            return found[0]
    return ""


def _clause(text: str, sentence: Span, start: int, end: int) -> Span:
    """The clause around a figure: between the nearest commas, semicolons or dashes in its sentence."""
    left = max(text.rfind(mark, sentence[0], start) for mark in (",", ";", "—", " – ", ":"))
    right_candidates = [text.find(mark, end, sentence[1]) for mark in (",", ";", "—", " – ")]
    right = min([r for r in right_candidates if r != -1], default=sentence[1])
    return (left + 1 if left >= sentence[0] else sentence[0]), right


def _scope(text: str, span: Span, sentence: Span | None = None) -> str:
    """The time scope named in the figure's clause, else in its sentence."""
    found = _first_scope(text, span)
    return found or (_first_scope(text, sentence) if sentence else "")


def _first_scope(text: str, span: Span) -> str:
    for pattern, label in _SCOPES:
        match = pattern.search(text, span[0], span[1])
        if match:
            groups = {k: (v or "").strip().lower().rstrip("s") for k, v in match.groupdict().items()}
            if "y" in groups:
                groups["y"] = match.group("y")
            return label.format(**groups)
    return ""


def _place(text: str, span: Span, sentence: Span | None = None) -> str:
    """The place named in the figure's clause, else in its sentence."""
    found = _first_place(text, span)
    return found or (_first_place(text, sentence) if sentence else "")


def _first_place(text: str, span: Span) -> str:
    for match in _PLACE.finditer(text, span[0], span[1]):
        place = _PLACE_SUFFIX.sub("", match.group("place"))
        if place.split()[0] in _MONTH_WORDS:
            continue
        return fold(place)
    return ""


_MONTH_WORDS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                          "October", "November", "December", "Jan", "Feb", "Monday", "Tuesday", "Wednesday",
                          "Thursday", "Friday", "Saturday", "Sunday"})


_RATE_BEFORE = re.compile(r"\b(?P<kind>[a-z]+)\s+(?P<rate>rate|share|margin|turnout|unemployment|inflation|approval)(?:\s+\w+)?\s*(?:of|was|is|at|:|stood at|rose to|fell to)?\s*$", re.I)
_MONEY_VERB_KEYS = {"paid": "pai", "pay": "pai", "spent": "spend", "made": "make", "lost": "lose", "won": "win"}
"""Forms of money verbs the stemmer keys apart from the rest ("spent" / "spending", "pay" / "pays")."""
_MONEY_VERB = re.compile(r"\b(?P<verb>earn|earned|earning|paid|pay|pays|raised|raise|spent|spend|donated|cost|costs|grants?|granted|demanded|received|fined|owed|lost|made|won|budget)\w*\s+(?:[\w-]+\s+){0,3}$", re.I)


def _share_key(text: str, end: int, limit: int, start: int = -1, sentence_start: int = 0) -> str:
    """What a percentage or fraction is of: the place in its "of" phrase, a rate named before it, else the next noun."""
    if start >= 0:
        rate = _RATE_BEFORE.search(text, max(sentence_start, start - 50), start)
        if rate:
            return f"{term(fold(rate.group('kind')))} {rate.group('rate').lower()}"
    tail = text[end:limit]
    of = re.match(r"\s+of\s+(?P<phrase>[^,;.—]{1,60})", tail)
    if of:
        names = re.findall(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", of.group("phrase"))
        names = [_PLACE_SUFFIX.sub("", n) for n in names if n not in ("The", "A", "An")]
        if names:
            return fold(names[0])
        head, _ = _measured_after(text, end + of.start("phrase"), limit)
        return _noun_key(head) if head else ""
    head, _ = _measured_after(text, end, limit)
    return _noun_key(head) if head else ""




def extract_quantities(text: str) -> list[Quantity]:
    """Every figure of a whole article text, in order of position.

    Args:
        text: The article text exactly as loaded; offsets in the result point into it.

    Returns:
        The quantities found; a figure is reported once, under its most specific reading
        (a temperature is not also a count).
    """
    found: list[Quantity] = []
    for sentence in all_sentences(text):
        found.extend(quantities_in(text, sentence))
    return found


def quantities_in(text: str, sentence: Span) -> list[Quantity]:
    """The figures of one sentence ``text[sentence[0]:sentence[1]]``."""
    start_s, end_s = sentence
    taken: list[Span] = []
    out: list[Quantity] = []
    number_starts = [number.start() for number in _NUMBER_RE.finditer(text, start_s, end_s)]
    for dimension, pattern in _PATTERNS:
        if not number_starts and id(pattern) in _NEEDS_NUMBER:
            continue
        matches = _matches_at(pattern, text, number_starts, end_s) if id(pattern) in _STARTS_WITH_NUMBER else pattern.finditer(text, start_s, end_s)
        for match in matches:
            span = match.span()
            if any(span[0] < t_end and t_start < span[1] for t_start, t_end in taken):
                continue
            quantity = _quantity(text, sentence, dimension, match)
            if quantity is not None:
                taken.append(span)
                out.append(quantity)
    out.sort(key=lambda q: q.span)
    return out


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int], end: int) -> list[re.Match[str]]:
    """The non-overlapping matches of ``pattern`` that begin at one of ``starts`` (as ``finditer`` would find them).

    Trying a pattern only where a number begins, instead of at every character, is what
    keeps extraction fast on long articles.
    """
    found: list[re.Match[str]] = []
    for start in starts:
        if found and start < found[-1].end():
            continue
        match = pattern.match(text, start, end)
        if match is not None:
            found.append(match)
    return found


def _quantity(text: str, sentence: Span, dimension: str, match: re.Match[str]) -> Quantity | None:
    groups = match.groupdict()
    start, end = match.span()
    bound: str = "="
    qualifier = ""
    before = text[max(sentence[0], start - 40):start]
    qualified = _TEMP_VERB_BEFORE.search(before) if dimension == "temperature" else None
    qualified = qualified or _QUALIFIER_BEFORE.search(before)
    if qualified:
        qualifier = qualified.group("q")
        words = qualifier.lower()
        bound = ">" if words in _LOWER else "<" if words in _UPPER else "=" if words == "to" else "~"
        if words == "to":
            qualifier = ""
        else:
            start = max(sentence[0], start - 40) + qualified.start()
    unit = ""
    measured = ""
    clause = _clause(text, sentence, start, end)
    if dimension == "date":
        month = _MONTHS[fold(groups["month"]).rstrip(".")[:3]]
        day = int(groups.get("day") or 0)
        if day > 31:
            return None
        year = int(groups.get("year") or 0)
        value = float(year * 10000 + month * 100 + day)
        return Quantity((start, end), text[start:end], value, "date", "date", "date", "=", "", "", "", sentence)
    if dimension == "temperature" and groups.get("freezing"):
        return Quantity((start, end), text[start:end], 0.0, "°C", "temperature", "temperature", "<", match.group(), _scope(text, clause, sentence), _place(text, clause, sentence), sentence)
    if dimension == "share" and groups.get("frac"):
        frac = fold(groups["frac"]).replace("-", " ").split()
        if len(frac) == 1:
            value = _FRACTIONS["half"]
        else:
            value = (parse_number(frac[0]) or 1) * _FRACTIONS[frac[1].rstrip("s")]
        key = _share_key(text, end, sentence[1])
        return Quantity((start, end), text[start:end], round(value, 2), "%", "share", key, bound if qualifier else "~" if len(frac) == 1 else "=",
                        qualifier, _scope(text, clause, sentence), "", sentence)
    if groups.get("vague"):
        value = float(_VAGUE[fold(groups["vague"])])
        head, _ = _measured_after(text, text.index("of", end) + 2, sentence[1])
        key = _noun_key(head) if head else ""
        if key == "people":
            event = _event(text, sentence, start, end)
            key = f"people {event}" if event else key
        return Quantity((start, end), text[start:end], value, "", "count", key, ">~", match.group(), _scope(text, clause, sentence), _place(text, clause, sentence), sentence)
    number_text = groups.get("num") or match.group()
    if dimension == "duration" and number_text.lower() in ("a", "an"):
        if not re.search(r"\b(?:for|in|about|nearly|over|within|after|almost|than|around|of)\s+$", before, re.I):
            return None
        value_raw: float | None = 1.0
    else:
        value_raw = parse_number(number_text)
    if value_raw is None:
        return None
    value = float(value_raw)
    if dimension == "count":
        bare = number_text.strip()
        if fold(bare) in ("one", "zero"):
            return None  # "one of the", "the one", "Ground Zero": too rarely a count
        number_start = match.start("num") if groups.get("num") else match.start()
        if _NOT_A_COUNT_BEFORE.search(text, max(sentence[0], number_start - 12), number_start) or _NOT_A_COUNT_AFTER.match(text, end):
            return None  # a rank ("No. 2"), the second score of a tally ("134-to-63"), a clock time or a decade
        if re.fullmatch(r"(?:19|20)\d\d", bare):
            return Quantity((start, end), text[start:end], float(int(bare) * 10000), "date", "date", "date", "=", "", "", "", sentence)
        if _ORDINAL_SUFFIX.match(text, end) or (text[end:end + 1] in "/:" and text[end + 1:end + 2].isdigit()) or (start > 0 and text[start - 1] in ":/"):
            return None  # ordinals, clock times (9:52) and fractions written with a slash
        if text[end:end + 1] in "-‐‑" and text[end + 1:end + 2].isalpha():
            return None  # "three-way talks", "a 12-year-old": a compound adjective, not a count
        head, stop = _measured_after(text, end, sentence[1])
        if not head or head in _NOT_COUNTED:
            return None
        key = _noun_key(head)
        if key == "people":
            event = _event(text, sentence, start, stop)
            key = f"people {event}" if event else key
        end = max(end, stop)
    elif dimension == "temperature":
        scale = fold(groups.get("scale") or "")
        if scale.startswith("f"):
            value, unit = (value - 32) * 5 / 9, "°C"
        elif scale.startswith("c"):
            unit = "°C"
        else:
            unit = "°"
        measured = "temperature"
        return Quantity((start, end), text[start:end], round(value, 1), unit, "temperature", measured, bound, qualifier, _scope(text, clause, sentence), _place(text, clause, sentence), sentence)
    elif dimension == "share":
        unit = "%"
        key = _share_key(text, end, sentence[1], start, sentence[0])
        return Quantity((start, end), text[start:end], value, unit, "share", key, bound, qualifier, _scope(text, clause, sentence), "", sentence)
    elif dimension == "money":
        unit = _CURRENCY.get(fold(groups["cur"]), fold(groups["cur"]).upper())
        head, _ = _measured_after(text, end, sentence[1])
        purpose = re.match(r"\s+(?:in|for|of)\s+(?P<noun>(?:[\w-]+\s+){0,3}?[\w-]+?s)\b", text[end:sentence[1]])
        if not head and purpose:
            head = purpose.group("noun").split()[-1]
        verb = _MONEY_VERB.search(text, max(sentence[0], start - 40), start)
        verb_key = _MONEY_VERB_KEYS.get(fold(verb.group("verb")), term(fold(verb.group("verb")))) if verb else ""
        key = " ".join(x for x in (verb_key, _noun_key(head) if head else "") if x)
        return Quantity((start, end), text[start:end], value, unit, "money", key, bound, qualifier, _scope(text, clause, sentence), _place(text, clause, sentence), sentence)
    elif dimension == "distance":
        name = fold(groups["dunit"])
        value = value * 1.609344 if name.startswith("mi") else value / 1000 if name.startswith("met") else value
        head, _ = _measured_after(text, end, sentence[1])
        key = " ".join(term(w) for w in head.split()) if head else ""
        return Quantity((start, end), text[start:end], round(value, 3), "km", "distance", key, bound, qualifier, _scope(text, clause, sentence), _place(text, clause, sentence), sentence)
    elif dimension == "duration":
        name = fold(groups["tunit"]).rstrip("s")
        if re.match(r"\s*(?:ago|old)\b", text[end:end + 5]):
            return None  # "four years ago" dates an event; "five years old" is an age
        value *= _DURATION_UNITS[name]
        # "two years after it began" places an event in time; "30 months in prison" is how long something lasts:
        # the two are never the same span
        offset = re.match(r"\s*(?:after|before|later|earlier|into|since)\b", text[end:end + 9])
        body = re.match(r"\s+of\s+(?:\w+\s+){0,2}?(?P<noun>\w+s)\b", text[end:sentence[1]])
        # "eight years of tax returns" counts returns by the years they cover: a span only of the same thing
        measured = "time offset" if offset else f"years of {term(fold(body.group('noun')))}" if body else ""
        return Quantity((start, end), text[start:end], round(value, 3), "days", "duration", measured,
                        bound, qualifier, "", "", sentence)
    return Quantity((start, end), text[start:end], value, unit, "count", key, bound, qualifier, _scope(text, clause, sentence), _place(text, clause, sentence), sentence)


_COUNTED_ALIKE = ("action step measure move", "bill measure resolution legislation", "soldier troop")
"""Counted nouns news uses for one set ("19 actions" / "23 steps"); a word may sit in two groups
("measures" are bills or actions), and only words of one group match each other."""
_ALIKE_KEYS: dict[str, set[int]] = {}
for _number, _group in enumerate(_COUNTED_ALIKE):
    for _word in _group.split():
        _ALIKE_KEYS.setdefault(_noun_key(_word), set()).add(_number)


def same_thing(a: Quantity, b: Quantity) -> bool:
    """Whether two figures count or measure one kind of thing: the same key, or nouns news uses alike."""
    if a.measured == b.measured:
        return bool(a.measured)
    return bool(_ALIKE_KEYS.get(a.measured, set()) & _ALIKE_KEYS.get(b.measured, set()))


_DAY_WORDS = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|overnight)\b", re.I)
_COMPARED = re.compile(r"\b(?:compared (?:to|with)|up from|down from|versus|vs\.?|than|after|before)\s+(?:(?:about|nearly|almost|some|just|at least|only)\s+)?\d", re.I)


def when_in_clause(text: str, q: Quantity) -> frozenset[str]:
    """The days named in a figure's own clause ("six arrests Wednesday" -> {"wednesday"}), lower-cased."""
    clause = _clause(text, q.sentence, q.span[0], q.span[1])
    return frozenset(m.group().lower() for m in _DAY_WORDS.finditer(text, *clause))


def compared_in_sentence(text: str, q: Quantity) -> bool:
    """Whether a figure's sentence sets another figure against it ("six arrests, compared to 47 the night before").

    The figure's own bound ("more than 200 people") is no comparison.
    """
    return any(not q.span[0] <= m.end() - 1 < q.span[1] for m in _COMPARED.finditer(text, *q.sentence))


# -- what is said of the counted things ----------------------------------------------------------

_AUXILIARIES = frozenset(
    "who that which have has had were was are is will would could should can may might must be been being "
    "did do does not never also still all both each just only then reportedly already later".split()
)
"""Words between a counted noun and its verb ("10 senators who have already voted")."""
_BEFORE_FIGURE = frozenset("the a an of just only about nearly almost some at least than more fewer over under all his her their its".split())
"""Words between a verb and the figure it governs ("won just six seats", "killed at least 12 people")."""
_COMMON_VERBS = frozenset(
    "won win wins lost lose loses went go goes came come comes took take takes got get gets made make makes held hold holds "
    "met meet meets left leave leaves sent send sends spent spend spends paid pay pays gave give gives fled flee flees "
    "fought fight fights ran run runs told tell tells wrote write writes hit hits shot shoot struck strike strikes "
    "vote votes back backs support supports oppose opposes need needs sign signs join joins attend attends face faces "
    "remain remains stay stays say says said hold sat sit sits stood stand stands".split()
)
"""Verbs without the regular -ed ending that often say what counted people or things did."""


def predicate_of(text: str, q: Quantity) -> str:
    """What a count's things do or undergo, as a stemmed verb: "10 senators who gathered" -> "gather".

    Two counts of one noun ("10 Democrats who gathered", "33 Democrats voted") are about the
    same set only if the same is said of them. The verb after the counted noun is taken first
    (skipping "who", auxiliaries and -ly adverbs), else the verb right before the figure
    ("won six seats"). Empty when neither is found.
    """
    after = re.findall(r"[A-Za-z][\w’'-]*|[^\sA-Za-z]", text[q.span[1]:q.sentence[1]])[:6]
    for word in after:
        lower = word.lower()
        if not word[0].isalpha():
            break
        if lower in _AUXILIARIES or lower.endswith("ly"):
            continue
        if _verb_like(lower):
            return term(fold(lower))
        break
    before = re.findall(r"[A-Za-z][\w’'-]*|[^\sA-Za-z]", text[q.sentence[0]:q.span[0]])[-4:]
    for word in reversed(before):
        lower = word.lower()
        if not word[0].isalpha():
            break
        if lower in _BEFORE_FIGURE:
            continue
        return term(fold(lower)) if _verb_like(lower) else ""
    return ""


def _verb_like(word: str) -> bool:
    """A past tense or participle ("voted", "killed") or a common verb ("won", "backs")."""
    return (word.endswith("ed") and len(word) > 4) or word in _COMMON_VERBS


# -- the day of a vote -------------------------------------------------------------------------

_WEEKDAY_NUMBER = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
_BODY = r"(?P<body>House|Senate|Parliament|Congress|Assembly|[Cc]ommittee|[Cc]ouncil)"
_VOTED = r"(?P<verb>voted|passed|passing|approved|approving|adopted|rejected|rejecting)"
_WEEKDAY = r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_GAP = r"(?:[\w’'-]+,?\s+){0,%d}?"
_VOTE_PATTERNS = [
    # "On Wednesday, the House voted", "the Senate on Friday approved"
    re.compile(rf"\b{_WEEKDAY}\b,?\s+(?:the\s+)?{_BODY}\b\s+{_GAP % 4}{_VOTED}\b"),
    re.compile(rf"\b{_BODY}\b\s+(?:on\s+)?{_WEEKDAY}\b,?\s+{_VOTED}\b"),
    # "the House passed the bill on Tuesday", "House Republicans for passing a resolution on Tuesday"
    re.compile(rf"\b{_BODY}\b\s+{_GAP % 6}{_VOTED}\b\s+{_GAP % 4}(?:on\s+|late\s+|early\s+)?{_WEEKDAY}\b"),
]
_NOT_A_VOTE_GAP = re.compile(
    r"\b(?:said|says|told|announced|will|would|could|should|may|might|plans? to|planned to|set to|expected to|scheduled to|"
    r"going to|before|after|ahead|House|Senate|Parliament|Congress|Assembly|[Cc]ommittee|[Cc]ouncil)\b")
"""Words between the parts that make the day another event's or the vote a future one."""


def dated_votes(text: str) -> list[Quantity]:
    """The days on which an article says a legislative body voted ("On Wednesday, the House voted 396-9").

    Each is a :class:`Quantity` of dimension ``date``, unit ``weekday``, value 1 (Monday) to 7, and
    ``measured`` "<body> vote". Only a past vote whose body, verb and day stand close together in
    one clause counts: "Obama said Wednesday the House vote ..." dates the speech, "the Senate will
    vote Friday" a vote to come.
    """
    found: list[Quantity] = []
    if not (_VOTE_HINT.search(text) and _DAY_NAME.search(text)):
        return found  # most articles: no sentence to segment
    for sentence in all_sentences(text):
        if not _VOTE_HINT.search(text, *sentence):
            continue
        starts = [m.start() for m in _VOTE_ANCHOR.finditer(text, *sentence)]
        for pattern in _VOTE_PATTERNS:
            for match in filter(None, (pattern.match(text, start, sentence[1]) for start in starts)):
                inner = text[match.start():match.end()]
                words = inner.replace(match.group("day"), " ").replace(match.group("body"), " ").replace(match.group("verb"), " ")
                if _NOT_A_VOTE_GAP.search(words) or re.search(r"[;:—]", inner):
                    continue
                span = match.span("day")
                if any(q.span == span for q in found):
                    continue
                body = match.group("body").lower()
                found.append(Quantity(span, match.group("day"), float(_WEEKDAY_NUMBER[match.group("day").lower()]), "weekday", "date",
                                      f"{body} vote", "=", "", "", "", sentence))
    found.sort(key=lambda q: q.span)
    return found


_DAY_NAME = re.compile(_WEEKDAY)
_VOTE_ANCHOR = re.compile(rf"\b(?:{_WEEKDAY}|{_BODY})\b")
"""Where a vote pattern may begin: every day and body name, so a nearer body is tried after a farther one."""
_VOTE_HINT = re.compile(r"\b(?:voted|passed|passing|approved|approving|adopted|rejected|rejecting)\b")
