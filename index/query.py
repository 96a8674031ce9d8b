"""Check a search query before Whoosh sees it, because Whoosh never refuses one: it rewrites it.

``storm AND (coast`` silently becomes ``storm AND coast``, an unclosed quote stops being a phrase,
an unknown field becomes plain words. We would rather tell the user what is wrong and where,
and search nothing, so that the results always answer the query that was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .errors import QuerySyntaxError

#: Fields a query may name, and what each searches.
FIELDS = {
    "text": "the paragraph text (the default)",
    "title": "the article title",
    "source": "the outlet, e.g. source:reuters",
    "date": "the article date: date:2026-01-29 or date:[2026-01-01 TO 2026-01-31]",
    "article": "an article id",
}
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


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


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
