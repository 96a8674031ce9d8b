"""A query still being typed: an alignment value not finished yet is left out of the search, not reported.

Typing ``flag:number`` passes through ``flag:n`` … ``flag:numbe``, and ``outlets:>=3`` through
``outlets:>``; the engine rightly refuses each of those, but saying so at every keystroke is noise.
While the last word is such an unfinished value, the search box searches the rest of the query and
says what the field takes; enter, a space after the word, or a value that no typing can make valid
shows the engine's error as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import QuerySyntaxError
from index.query import FLAG_KINDS, split_query, tokenize

OUTLETS_OPERATORS = ("", "=", ">", ">=", "<", "<=")
"""What ``outlets:`` may hold before its number is typed."""
CHOICES = {
    "only": "yes or no",
    "outlets": "a number of outlets, as in outlets:>=3",
    "flag": f"{', '.join(FLAG_KINDS[:-1])} or {FLAG_KINDS[-1]}",
}
"""What each alignment field takes, as the search box says it while the value is unfinished."""
_FILTER_WORD = re.compile(r"^(?P<name>only|outlets|flag):(?P<value>.*)$", re.DOTALL)


@dataclass(frozen=True)
class UnfinishedValue:
    """The query without its unfinished last word, and what that word's field takes."""

    rest: str
    """The query with the word (and an ``AND`` joining it) blanked out: what to search meanwhile."""
    word: str
    """The word as typed (``flag:num``)."""
    field: str
    """``only``, ``outlets`` or ``flag``."""

    @property
    def choices(self) -> str:
        return CHOICES[self.field]


def unfinished_value(query: str) -> UnfinishedValue | None:
    """The unfinished alignment value ``query`` ends with, if it ends with one.

    One is: the last word (nothing typed after it, not even a space) is an alignment field whose
    value is a proper beginning of a valid one (``only:y``, ``flag:``, ``flag:attr``), or a
    comparison with no number yet (``outlets:>=``); and the query would be valid with the value
    finished. Anything else (``flag:x``, ``outlets:>=x``, ``NOT only:y``) is None: the search
    reports the problem.
    """
    if not query or query[-1].isspace():
        return None
    tokens = tokenize(query)
    if not tokens or tokens[-1].kind != "word":
        return None
    last = tokens[-1]
    match = _FILTER_WORD.match(last.text)
    if match is None:
        return None
    name, value = match.group("name"), match.group("value")
    finished = _finished(name, value)
    if finished is None:
        return None
    try:
        split_query(query[: last.position] + f"{name}:{finished}")
    except QuerySyntaxError:
        return None
    blanked = list(query)
    blanked[last.position :] = " " * len(last.text)
    before = tokens[-2] if len(tokens) > 1 else None
    if before is not None and before.kind == "word" and before.text == "AND":
        blanked[before.position : before.position + len(before.text)] = " " * len(before.text)
    return UnfinishedValue("".join(blanked), last.text, name)


def _finished(name: str, value: str) -> str | None:
    """A valid value that ``value`` is the unfinished start of, or None (finished already, or not a start)."""
    if name == "outlets":
        return value + "1" if value in OUTLETS_OPERATORS else None
    valid = ("yes", "no") if name == "only" else FLAG_KINDS
    typed = value.lower()
    if typed in valid:
        return None
    return next((choice for choice in valid if choice.startswith(typed)), None)
