"""Wrapping article text for the reader. Making untrusted text safe is ``index.textsafe``'s job
(re-exported here); its one-for-one replacement keeps offsets valid across both."""

from __future__ import annotations

import re

from rich.cells import cell_len

from index.textsafe import excerpt, one_line, visible

__all__ = ["MAX_LINE_CHARS", "excerpt", "one_line", "visible", "wrap_starts"]

MAX_LINE_CHARS = 10_000
"""Longer source lines are shown as several display lines of at most this many characters (each wrapped on its own)."""

_WORDS = re.compile(r"\S+\s*|\s+")


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
