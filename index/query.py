"""Check a search query before Whoosh sees it, because Whoosh never refuses one: it rewrites it.

``storm AND (coast`` silently becomes ``storm AND coast``, an unclosed quote stops being a phrase,
an unknown field becomes plain words. We would rather tell the user what is wrong and where,
and search nothing, so that the results always answer the query that was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from .errors import QuerySyntaxError

#: Fields a query may name, and what each searches.
FIELDS = {
    "text": "the paragraph text (the default)",
    "title": "the article title",
    "source": "the outlet, e.g. source:reuters",
    "date": "the article date: date:2026-01-29 or date:[2026-01-01 TO 2026-01-31]",
    "article": "an article id",
    "only": "only:yes, passages only one outlet of the story reports (only:no, the others)",
    "outlets": "outlets:>=3, passages N or more outlets report (also N, >N, <=N, <N)",
    "flag": "flag:number / flag:attribution / flag:any, passages with a conflicting figure or attribution",
}
#: Fields that come from the story's alignment, not the index: whole-query filters (AND only).
FILTER_FIELDS = ("only", "outlets", "flag")
FLAG_KINDS = ("number", "attribution", "any")
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<phrase>"[^"]*"(?:~\d+)?)
  | (?P<open_quote>")
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<range>[\[{][^\]}]*[\]}])
  | (?P<open_range>[\[{])
  | (?P<word>[^\s()"\[\]{}]+)
    """,
    re.VERBOSE,
)
_FIELD = re.compile(r"^(?P<name>[A-Za-z_]\w*):(?P<value>.*)$", re.DOTALL)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_OUTLETS = re.compile(r"^(?P<op>>=|<=|>|<|=)?(?P<count>\d{1,4})$")
_NEGATION_HINT = {
    "only": "write only:no for the passages other outlets report too",
    "outlets": "write outlets:<N for passages fewer outlets report",
    "flag": "a flag cannot be negated; search without flag: and compare",
}

Comparison = Literal["=", ">=", ">", "<=", "<"]


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


@dataclass(frozen=True)
class PassageFilter:
    """An alignment field of a query (``only:yes``, ``outlets:>=3``, ``flag:number``): a condition every hit must meet."""

    field: Literal["only", "outlets", "flag"]
    comparison: Comparison
    value: int | str
    """``only``: 1 (yes) or 0 (no); ``outlets``: the count; ``flag``: number, attribution or any."""
    text: str
    """As typed."""
    position: int

    def holds(self, only: bool, outlets: int, flags: frozenset[str]) -> bool:
        """Whether a passage with these alignment facts meets the condition."""
        if self.field == "only":
            return only == bool(self.value)
        if self.field == "flag":
            return bool(flags) if self.value == "any" else self.value in flags
        count = int(self.value)
        return {
            "=": outlets == count, ">=": outlets >= count, ">": outlets > count, "<=": outlets <= count, "<": outlets < count
        }[self.comparison]


@dataclass(frozen=True)
class SplitQuery:
    """A checked query cut in two: the words for the index, and the alignment filters."""

    text: str
    """The query with the filters (and an AND joining one) blanked out, so positions still match."""
    filters: tuple[PassageFilter, ...]


def tokenize(query: str) -> list[Token]:
    return [
        Token(match.lastgroup or "", match.group(), match.start())
        for match in _TOKEN.finditer(query)
        if match.lastgroup != "space"
    ]


def check_query(query: str) -> None:
    """Raise QuerySyntaxError (with a 0-based position) if ``query`` would be rewritten rather than run."""
    tokens = tokenize(query)
    if not tokens:
        _fail("the query is empty; type words to search for", query, 0)
    depth_stack: list[int] = []
    previous: Token | None = None
    pending_field: Token | None = None
    for token in tokens:
        if token.kind == "open_quote":
            _fail('unclosed quote: a phrase needs a closing "', query, token.position)
        if token.kind == "open_range":
            _fail("unclosed range: use [FROM TO UNTIL] with a closing ]", query, token.position)
        if pending_field is not None:
            adjacent = token.position == pending_field.position + len(pending_field.text)
            if not adjacent or token.kind not in ("range", "phrase", "lparen"):
                _fail(f"'{pending_field.text}' needs a value right after the colon", query, pending_field.position)
            if token.kind == "range":
                _check_range(token, pending_field, query)
        elif token.kind == "range":
            _fail("ranges are for dates only: date:[2026-01-01 TO 2026-01-31]", query, token.position)
        field_awaiting_value = None
        if token.kind == "lparen":
            depth_stack.append(token.position)
        elif token.kind == "rparen":
            if not depth_stack:
                _fail("unbalanced parenthesis: ')' has no matching '('", query, token.position)
            if previous is not None and (previous.kind == "lparen" or _is_operator(previous)):
                _fail("empty group or operator before ')'", query, token.position)
            depth_stack.pop()
        elif token.kind == "word":
            field_awaiting_value = _check_word(token, previous, query)
        pending_field = field_awaiting_value
        previous = token
    if depth_stack:
        _fail("unbalanced parenthesis: '(' is never closed", query, depth_stack[-1])
    if pending_field is not None:
        _fail(f"'{pending_field.text}' needs a value after the colon", query, pending_field.position)
    last = tokens[-1]
    if _is_operator(last):
        _fail(f"'{last.text}' needs a term after it", query, last.position)
    _check_filter_placement(tokens, query)


def split_query(query: str) -> SplitQuery:
    """Check ``query`` and separate its alignment filters from the words the index searches.

    Raises:
        QuerySyntaxError: as :func:`check_query`.
    """
    check_query(query)
    tokens = tokenize(query)
    blanked = list(query)
    filters = []
    for index, token in enumerate(tokens):
        parsed = _filter_of(token, query)
        if parsed is None:
            continue
        filters.append(parsed)
        cut = [token]
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if before is not None and before.text == "AND" and before.kind == "word":
            cut.append(before)
        elif after is not None and after.text == "AND" and after.kind == "word":
            cut.append(after)
        for part in cut:
            blanked[part.position : part.position + len(part.text)] = " " * len(part.text)
    return SplitQuery("".join(blanked), tuple(filters))


def _filter_of(token: Token, query: str) -> PassageFilter | None:
    """The alignment filter a (checked) word token spells, or None if it is not one."""
    if token.kind != "word":
        return None
    field = _FIELD.match(token.text)
    if not field or field.group("name") not in FILTER_FIELDS:
        return None
    name, value = field.group("name"), field.group("value")
    at = token.position + len(name) + 1
    if name == "only":
        if value.lower() not in ("yes", "no"):
            _fail(f"only: takes yes or no, not '{value}' (only:yes, only:no)", query, at)
        return PassageFilter("only", "=", int(value.lower() == "yes"), token.text, token.position)
    if name == "outlets":
        match = _OUTLETS.match(value)
        if match is None:
            _fail(
                f"outlets: takes a number of outlets, optionally after >=, >, <= or <, not '{value}' (outlets:>=3)",
                query,
                at,
            )
        comparison: Comparison = match.group("op") or "="  # type: ignore[assignment]
        return PassageFilter("outlets", comparison, int(match.group("count")), token.text, token.position)
    if value.lower() not in FLAG_KINDS:
        _fail(f"flag: takes {', '.join(FLAG_KINDS[:-1])} or {FLAG_KINDS[-1]}, not '{value}' (flag:number)", query, at)
    return PassageFilter("flag", "=", value.lower(), token.text, token.position)


def _check_filter_placement(tokens: list[Token], query: str) -> None:
    """Alignment fields filter the whole query: refuse them inside parentheses, after NOT, or beside OR."""
    depth = 0
    top_level_or: Token | None = None
    placed: list[Token] = []
    for index, token in enumerate(tokens):
        if token.kind == "lparen":
            depth += 1
        elif token.kind == "rparen":
            depth -= 1
        elif token.kind == "word" and token.text == "OR" and depth == 0:
            top_level_or = top_level_or or token
        field = _FIELD.match(token.text) if token.kind == "word" else None
        if field is None or field.group("name") not in FILTER_FIELDS:
            continue
        name = field.group("name")
        if not field.group("value"):
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if after is not None and after.kind == "phrase" and after.position == token.position + len(token.text):
                _fail(f"'{name}:' takes its value without quotes ({name}:{_example(name)})", query, after.position)
            _fail(f"'{name}:' needs its value right after the colon ({name}:{_example(name)})", query, token.position)
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if depth:
            _fail(
                f"'{token.text}' filters the whole query and cannot go inside parentheses; put it outside them",
                query,
                token.position,
            )
        if before is not None and before.kind == "word" and before.text in ("NOT", "ANDNOT"):
            _fail(f"'{before.text} {token.text}': {name}: cannot be negated; {_NEGATION_HINT[name]}", query, before.position)
        for neighbour in (before, after):
            if neighbour is not None and neighbour.kind == "word" and neighbour.text in ("OR", "ANDMAYBE"):
                _fail(
                    f"'{token.text}' filters the whole query and cannot be one side of {neighbour.text}; "
                    "put the alternatives in parentheses: (a OR b) " + token.text,
                    query,
                    token.position,
                )
        found = _filter_of(token, query)
        if found.field == "only" and any(_filter_of(p, query).field == "only" and _filter_of(p, query).value != found.value for p in placed):
            _fail("only:yes and only:no cannot both hold for one passage; keep one of them", query, token.position)
        placed.append(token)
    if placed and top_level_or is not None:
        _fail(
            f"'{placed[0].text}' filters the whole query, which has an OR outside parentheses; "
            f"put the alternatives in parentheses: (a OR b) {placed[0].text}",
            query,
            placed[0].position,
        )


def _example(name: str) -> str:
    return {"only": "yes", "outlets": ">=3", "flag": "number"}[name]


def _check_word(token: Token, previous: Token | None, query: str) -> Token | None:
    """Check one bare word; return it if it is a ``field:`` awaiting a value in the next token."""
    if _is_operator(token):
        if token.text in ("AND", "OR", "ANDMAYBE", "ANDNOT") and (previous is None or previous.kind == "lparen"):
            _fail(f"'{token.text}' needs a term before it", query, token.position)
        if previous is not None and _is_operator(previous) and not (token.text == "NOT" and previous.text != "NOT"):
            _fail(f"'{previous.text} {token.text}': two operators in a row", query, token.position)
        return None
    field = _FIELD.match(token.text)
    text = token.text
    if field:
        name, value = field.group("name"), field.group("value")
        if name not in FIELDS:
            _fail(
                f"unknown field '{name}:'; fields are {', '.join(FIELDS)} (quote the words to search for a colon)",
                query,
                token.position,
            )
        if name in FILTER_FIELDS:
            return None  # values and placement: _check_filter_placement
        if not value:
            return token
        if name == "date":
            _check_date(value, query, token.position + len(name) + 1)
            return None
        text = value
    if text.startswith(("*", "?")):
        _fail("a word cannot start with a wildcard (* or ?); type at least one letter first", query, token.position)
    fuzzy = re.search(r"~(\d*)(?:/(\d*))?$", text)
    if fuzzy:
        if fuzzy.start() == 0:
            _fail("'~' must follow a word (fuzzy search: kyiv~)", query, token.position)
        if fuzzy.group(1) and int(fuzzy.group(1)) > 2:
            _fail("fuzzy distance can be 1 or 2 (kyiv~2)", query, token.position + fuzzy.start())
    return None


def _check_range(token: Token, field_token: Token, query: str) -> None:
    if field_token.text != "date:":
        _fail("ranges are for dates only: date:[2026-01-01 TO 2026-01-31]", query, token.position)
    body = token.text[1:-1].strip()
    parts = re.split(r"\s+TO\s+|\s+TO$|^TO\s+", body)
    if len(parts) != 2 or not any(p.strip() for p in parts):
        _fail("a range reads [FROM TO UNTIL], e.g. date:[2026-01-01 TO 2026-01-31]", query, token.position)
    offset = token.position + 1
    for part in parts:
        if part.strip():
            _check_date(part.strip(), query, offset + token.text.find(part.strip()) - 1)


def _check_date(value: str, query: str, position: int) -> None:
    if value.startswith(("[", "{")):
        return
    if not _DATE.match(value):
        _fail(f"'{value}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD", query, position)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        _fail(f"'{value}' is not a real date", query, position)


def _is_operator(token: Token) -> bool:
    return token.kind == "word" and token.text in OPERATORS


def _fail(message: str, query: str, position: int) -> None:
    raise QuerySyntaxError(f"{message} (at column {position + 1})", query, position)
