"""Wrapping article text for the reader. Making untrusted text safe is ``index.textsafe``'s job
(re-exported here); its one-for-one replacement keeps offsets valid across both."""

from __future__ import annotations

import re
from bisect import bisect_left

from rich.cells import cell_len

from index.textsafe import one_line, visible

__all__ = ["MAX_LINE_CHARS", "excerpt", "one_line", "visible", "wrap_starts"]

MAX_LINE_CHARS = 10_000
"""Longer source lines are shown as several display lines of at most this many characters (each wrapped on its own)."""

_WORDS = re.compile(r"\S+\s*|\s+")
_NON_SPACE = re.compile(r"\S+")


def wrap_starts(line: str, width: int) -> list[int]:
    """Offsets in ``line`` where each wrapped row starts: break after spaces, fold words wider than ``width``."""
    width = max(1, width)
    if len(line) <= width and cell_len(line) <= width:
        return [0]
    starts = [0]
    used = 0
    for match in _WORDS.finditer(line):
        word = match.group()
        word_cells = cell_len(word.rstrip())
        if used and used + word_cells > width:
            starts.append(match.start())
            used = 0
        if word_cells > width:  # fold a word that cannot fit on any row
            bare = word.rstrip()
            for index, character in enumerate(bare, start=match.start()):
                cells = cell_len(character)
                if used + cells > width and index > starts[-1]:
                    starts.append(index)
                    used = 0
                used += cells
            used += len(word) - len(bare)
            continue
        used += cell_len(word)
    return starts


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
