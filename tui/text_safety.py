"""Make untrusted article text safe to put on a terminal, keeping one display character per source character.

Article text is data: it is never parsed as markup (callers build ``Text(s)``), and the control
characters a terminal would obey are replaced by visible stand-ins. Replacement is one for one,
so an offset into the article is the same offset into the displayed string.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

MAX_LINE_CHARS = 10_000
"""Longer lines are cut for display (a 100k-character line would otherwise cost seconds to wrap)."""

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WORDS = re.compile(r"\S+\s*|\s+")


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
