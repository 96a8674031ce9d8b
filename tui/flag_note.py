"""The compare view's note on a fact-check conflict under the cursor, fitted to the status line.

``≠ figure conflict: “approximately 30%” vs “roughly a quarter”``: the mark explains itself without
opening the discrepancies panel. What each side says is the outlet's own words (the figure, or the
speaker, venue or addressee), never the engine's keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.text_safety import one_line
from tui.widgets.compare_column import FLAG_MARKS

if TYPE_CHECKING:
    from index.factcheck import Flag, FlagSide

__all__ = ["FLAG_HINT", "flag_note"]

FLAG_HINT = "x: details"
"""Ends the status line's note on a fact-check conflict: the key that lists the conflicts with their reasons."""
NOTE_VALUE_MIN = 8
"""The fewest characters of each outlet's value the note shows (cut with "…")."""
ATTRIBUTION_PARTS = {"different-venue": ("where", "venue"), "different-addressee": ("to whom", "addressee")}
"""Attribution conflicts about something other than the speaker: what the note names, and the field it shows."""


def flag_note(flags: list[Flag], article_id: str, width: int) -> str:
    """The first conflict seen from ``article_id``'s side, its values cut to fit ``width`` cells ("(+1 more)" for others)."""
    flag = flags[0]
    mine = next((side for side in flag.sides if side.article_id == article_id), flag.sides[0])
    theirs = next((side for side in flag.sides if side is not mine), mine)
    if flag.kind == "number":
        label = "figure conflict"
    else:
        part = ATTRIBUTION_PARTS.get(flag.code)
        label = f"attribution conflict ({part[0]})" if part else "attribution conflict"
    mark = FLAG_MARKS.get(flag.kind, "!")
    more = f" (+{len(flags) - 1} more)" if len(flags) > 1 else ""
    values = [_value(flag, side) for side in (mine, theirs)]
    for head in (f"{mark} {label}: ", f"{mark} "):  # too narrow for the label: the mark and the values
        room = width - len(head) - len(more) - len(" vs ") - 4  # 4: the quotation marks
        if room >= 2 * NOTE_VALUE_MIN:
            break
    room = max(2 * NOTE_VALUE_MIN, room)
    first_room = max(NOTE_VALUE_MIN, room - min(len(values[1]), room // 2))
    first = one_line(values[0], first_room)
    second = one_line(values[1], max(NOTE_VALUE_MIN, room - len(first)))
    return f"{head}“{first}” vs “{second}”{more}"


def _value(flag: Flag, side: FlagSide) -> str:
    """What one side of a conflict says, as written: the figure, or the speaker (venue, addressee) it names."""
    if side.quantity is not None:
        return side.quantity.text
    attribution = side.attribution
    if attribution is None:
        return "?"
    part = ATTRIBUTION_PARTS.get(flag.code)
    if part is not None:
        return getattr(attribution, part[1]) or f"no {part[1]} named"
    return attribution.speaker or "no speaker named"
