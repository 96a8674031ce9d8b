"""Word-level differences between two linked passages, keeping figures, names and quotes whole."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from index.normalize import fold

REWRITTEN_DISTANCE = 0.6
"""Above this share of differing words the pair is shown as rewritten, not as a rainbow of edits."""

_TOKEN = re.compile(
    r"""
    “[^”]{1,200}”|"[^"\n]{1,200}"|‘[^’]{1,60}’(?!\w)     # a quoted string
    |[-−]?\$?\d[\d,.]*(?:\s?(?:%|°[CF]?|percent|million|billion|bn|mln))?  # a figure
    |(?:[A-ZÀ-Ý][\w’'.-]*)(?:\s+(?:[A-ZÀ-Ý][\w’'.-]*))+  # a run of capitalised words: a name
    |[^\W_]+(?:[’'.-][^\W_]+)*                           # a word
    """,
    re.VERBOSE,
)


_WORD = re.compile(r"[^\W_]+")


class DiffOp(NamedTuple):
    """One run of a word diff: ``equal``, ``insert``, ``delete`` or ``replace``."""

    op: str
    a: str
    b: str


class WordDiff(NamedTuple):
    """A word diff, or the verdict that one passage is a rewrite of the other."""

    rewritten: bool
    distance: float
    ops: list[DiffOp]


def diff_tokens(text: str) -> list[str]:
    """The units a word diff compares: quoted strings, figures and names stay whole."""
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    return re.sub(r"[^\w%$.-]", "", fold(token))


def word_diff(a: str, b: str) -> WordDiff:
    """Diff two passages word by word.

    Args:
        a: The first passage as displayed.
        b: The second passage as displayed.

    Returns:
        ``rewritten`` is true when more than ``REWRITTEN_DISTANCE`` of the single words differ;
        the ops then hold one ``replace`` of the whole passages.
    """
    tokens_a, tokens_b = diff_tokens(a), diff_tokens(b)
    keys_a, keys_b = [_key(t) for t in tokens_a], [_key(t) for t in tokens_b]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    words_a, words_b = _WORD.findall(fold(a)), _WORD.findall(fold(b))
    # The share of differing words is counted on single words: a quotation kept whole as one
    # token would otherwise count as entirely different for one changed word.
    distance = 1.0 - SequenceMatcher(None, words_a, words_b, autojunk=False).ratio() if (words_a or words_b) else 0.0
    if distance > REWRITTEN_DISTANCE:
        return WordDiff(True, round(distance, 3), [DiffOp("replace", a, b)])
    ops = [
        DiffOp(tag, " ".join(tokens_a[i1:i2]), " ".join(tokens_b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    return WordDiff(False, round(distance, 3), ops)
