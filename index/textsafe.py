"""Make untrusted article text safe to put on a terminal.

Article text is data. Control characters (an ESC starting ``\\x1b[2J``, a bell, a carriage
return that would overwrite a line) are replaced by their visible Unicode "control picture", so
the user sees that they are there and the terminal never acts on them. Rich markup needs no
escaping here because we only ever build ``rich.text.Text`` from article text, never markup.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _PICTURES.get(code, "\ufffd")


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character (tabs become spaces) shown as a visible symbol."""
    text = text.replace("\t", "    ").replace("\r\n", "\n")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return _CONTROL.sub(_picture, text)
