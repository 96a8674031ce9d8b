"""Make untrusted article text safe to put on a terminal, one display character per source character.

Article text is data: it is never parsed as markup (callers build ``rich.text.Text(s)``), and
the control characters a terminal would obey (an ESC starting ``\\x1b[2J``, a bell, a carriage
return that would overwrite a line, bidi overrides that reorder it) are replaced by visible
stand-ins. Replacement is one for one, so an offset into the article is the same offset into
the displayed string. The CLI and the app both use this module.
"""

from __future__ import annotations

import re

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
