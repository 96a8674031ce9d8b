"""Split article text into paragraphs and sentences that keep exact character offsets.

Every span is a half-open ``(start, end)`` pair of offsets into the original string, trimmed of
surrounding white space, so that whatever is found in a span can be shown and located in the
original text. Nothing here changes the text.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_PARAGRAPH_END = re.compile(r"""[.!?:;…"'”’»)\]]\s*$""")

#: Abbreviations that end with a full stop but do not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec
    no vs etc inc ltd co corp dept est approx fig al
    sens govs drs messrs mmes sgts supt atty maj cpl pvt det insp msgr
    """.split()
)
#: Plural titles that are also ordinary words ("sales reps.", "the Roman gens."): they do not end a
#: sentence only when written with a capital, as before names ("Reps. Jim Jordan and ...").
_CAPITALISED_TITLES = frozenset({"Reps", "Gens"})
#: Sentence boundary candidates: terminal punctuation, optional closing quotes/brackets, space.
_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’»)\]]*)(\s+)""")
_OPENING = re.compile(r"""["'“‘«(\[]*[A-Z0-9À-ÖØ-Þ]""")


def trim(text: str, start: int, end: int) -> Span:
    """Shrink ``(start, end)`` so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks between blank lines, or single lines where a block holds one paragraph a line.

    Scraped news often puts one paragraph on each line with no blank line between; Markdown
    and wire copy hard-wrap a paragraph over several lines. A block whose lines each end like a
    paragraph (terminal punctuation or a closing quote) is split per line; otherwise it stays
    whole.
    """
    spans: list[Span] = []
    block_start = 0
    for separator in _BLANK_LINE.finditer(text):
        spans.extend(_split_block(text, block_start, separator.start()))
        block_start = separator.end()
    spans.extend(_split_block(text, block_start, len(text)))
    return spans


def _split_block(text: str, start: int, end: int) -> list[Span]:
    start, end = trim(text, start, end)
    if start >= end:
        return []
    lines = [trim(text, m.start(), m.end()) for m in _LINE.finditer(text, start, end)]
    lines = [(s, e) for s, e in lines if s < e]
    if len(lines) <= 1:
        return lines
    if all(_PARAGRAPH_END.search(text, s, e) for s, e in lines[:-1]):
        return lines
    return [(start, end)]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans inside ``text[start:end]`` (a paragraph), by punctuation and capitalisation.

    A boundary is terminal punctuation (with any closing quotes) followed by white space and a
    capitalised word or an opening quote, unless the word before it is a known abbreviation, an
    initial ("J. Smith") or part of a dotted acronym ("U.S.") followed by a lower-case word.
    """
    if end is None:
        end = len(text)
    spans: list[Span] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        next_start = match.end()
        if next_start >= end:
            break
        if not _OPENING.match(text, next_start, end):
            continue
        if match.group(1) == "." and _is_abbreviation(text, sentence_start, match.start()):
            continue
        span = trim(text, sentence_start, match.start(3))
        if span[0] < span[1]:
            spans.append(span)
        sentence_start = next_start
    last = trim(text, sentence_start, end)
    if last[0] < last[1]:
        spans.append(last)
    return spans


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘(")
    if not word:
        return False
    if word.lower() in _ABBREVIATIONS or word in _CAPITALISED_TITLES:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial, as in "J. Smith"
    return "." in word and len(word) <= 6 and all(len(part) <= 2 for part in word.split("."))


def sentences_of(text: str, paragraphs: list[Span]) -> list[list[Span]]:
    """The sentence spans of each paragraph, in order."""
    return [split_sentences(text, start, end) for start, end in paragraphs]


def all_sentences(text: str) -> list[Span]:
    """Every sentence span of ``text``, paragraph by paragraph."""
    return [span for start, end in split_paragraphs(text) for span in split_sentences(text, start, end)]
