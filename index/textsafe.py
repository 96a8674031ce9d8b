"""Make untrusted article text safe to put on a terminal, one display character per source character.

Article text is data: it is never parsed as markup (callers build ``rich.text.Text(s)``), and
the control characters a terminal would obey (an ESC starting ``\\x1b[2J``, a bell, a carriage
return that would overwrite a line, bidi overrides that reorder it) are replaced by visible
stand-ins. Replacement is one for one, so an offset into the article is the same offset into
the displayed string. The CLI and the app both use this module.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 block: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi overrides


def visible(text: str) -> str:
    """``text`` with tabs as one space and every other control character (newline aside) made visible."""
    return _UNSAFE.sub(_stand_in, text.replace("\t", " "))


def one_line(text: str, limit: int = 300) -> str:
    """``text`` made visible and flattened to one line, cut to ``limit`` characters (for lists and titles)."""
    flat = " ".join(visible(text[: limit * 2]).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` for a terminal: Windows line ends as newlines, controls visible, optionally on one line."""
    shown = visible(text.replace("\r\n", "\n"))
    return shown if keep_newlines else shown.replace("\n", " ")


_NON_SPACE = re.compile(r"\S+")


def excerpt(text: str, focus: tuple[int, int], limit: int) -> tuple[str, tuple[int, int]]:
    """``text`` made visible and one line, cut around ``focus`` to at most ``limit`` characters, with "…" where cut.

    The cuts fall between words where they can; the focus is kept whole when it fits, with as much
    context before it as after.

    Args:
        text: Untrusted text (a passage of an article).
        focus: Offsets in ``text`` of the part that must show (a flagged figure, a speaker).
        limit: The most characters the excerpt may have, "…"s included.

    Returns:
        The excerpt, and the focus's offsets in it.
    """
    shown = visible(text)
    kept: list[str] = []
    sources: list[int] = []
    """Per character of the flattened text, its offset in ``text`` (a run of whitespace becomes one space)."""
    for word in _NON_SPACE.finditer(shown):
        if kept:
            kept.append(" ")
            sources.append(word.start() - 1)
        kept.extend(word.group())
        sources.extend(range(word.start(), word.end()))
    flat = "".join(kept)
    start = bisect_left(sources, max(0, focus[0]))
    end = max(start, bisect_left(sources, focus[1]))
    limit = max(3, limit)
    if len(flat) <= limit:
        return flat, (start, end)
    first, last = start, end
    for _ in range(2):  # a side that needs no "…" leaves one more character to the other
        room = limit - (first > 0) - (last < len(flat))
        if end - start >= room:
            first, last = start, start + room
            continue
        first = max(0, start - (room - (end - start)) // 2)
        last = min(len(flat), first + room)
        first = max(0, last - room)
    if first > 0 and flat[first - 1] != " ":  # start at a word
        space = flat.find(" ", first, start)
        if space != -1:
            first = space + 1
    if last < len(flat) and flat[last] != " ":  # end after a word
        space = flat.rfind(" ", max(end, first), last)
        if space != -1:
            last = space
    while first < start and flat[first] == " ":
        first += 1
    while last > end and flat[last - 1] == " ":
        last -= 1
    head = "…" if first > 0 else ""
    tail = "…" if last < len(flat) else ""
    shift = len(head) - first
    return head + flat[first:last] + tail, (max(len(head), start + shift), min(last, end) + shift)
