"""An article as crossread sees it: the original text, its paragraphs, title, source and debris.

The text is never changed. Everything derived from it (paragraphs, sentences, the title line,
scraping debris) is a span of offsets into it, so a passage found anywhere can be shown and
located in the original file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .segment import Span, split_paragraphs, split_sentences

#: Debris kinds, in the words the app shows.
LONE_PUNCTUATION = "lone punctuation"
SHOUTED_PROMO = "all-caps promo headline"
TRAILER = "trailer"
BLANK_RUN = "run of blank lines"

_TRAILERS = re.compile(
    r"^(related( content| articles?| stories| coverage)?|read more|more from .{0,40}|advertisement|"
    r"share this( article| story)?|sign up.{0,60}|subscribe.{0,60}|click here.{0,60}|"
    r"most (read|popular)|recommended( for you)?|see also|trending( now)?|follow us.{0,40}|"
    r"you (may|might) also like)\W*$",
    re.IGNORECASE,
)
_BLANK_RUN = re.compile(r"\n(?:[ \t\r\f\v]*\n){2,}")
_HEADLINE_MAX_CHARS = 160
_HEADLINE_MAX_WORDS = 25

# "told the Kyiv Independent", "asked by The Washington Post", "in an interview with CNN".
_SELF_NAMING = re.compile(
    r"\b(?:told|asked by|reported by|confirmed to|said to|interview with|speaking to|in a statement to)"
    r"\s+(?:the\s+)?(?P<name>(?:[A-Z][\w&.'-]*\s+){0,3}[A-Z][\w&.'-]*)(?![\w&.'-])"
    r"(?!\s+(?:news|newspaper|outlet|agency|broadcaster|channel|tv|television|website|daily|magazine)\b)"
)
_OUTLET_WORDS = frozenset(
    """Times Post News Independent Journal Herald Guardian Telegraph Tribune Press Reuters
    Bloomberg Axios Politico Gazette Observer Chronicle Mail Express Mirror Standard Examiner
    Globe Daily Weekly Insider Monitor Wire Radio Television TV Broadcasting Agency Review
    Economist Atlantic Newsweek Time Magazine Star Sun Register Courier Inquirer Dispatch""".split()
)
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_NOT_OUTLETS = frozenset("US UK EU UN NATO USA AFP".split())  # AFP is cited by others far more often


@dataclass(frozen=True)
class Paragraph:
    number: int
    """1-based position among the article's paragraphs (debris included)."""
    start: int
    end: int
    debris: str | None = None
    """Why this paragraph is scraping debris (one of the kinds above), or None for content."""
    is_title: bool = False


@dataclass
class Article:
    """One article; ``text`` is exactly what the file held (after decoding)."""

    id: str
    text: str
    path: str
    """Path of the file, relative to the corpus root."""
    title: str | None = None
    source: str = "unknown"
    source_inferred: bool = False
    """True when ``source`` was read from the text rather than from metadata."""
    date: str | None = None
    """ISO date (YYYY-MM-DD) from metadata, or None."""
    url: str | None = None
    story: str | None = None
    """Story or cluster id from metadata, when the file names one."""
    body_offset: int = 0
    """Character offset of ``text`` in the file (after YAML front matter)."""
    body_line: int = 1
    """1-based line of the file on which ``text`` starts."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    blank_runs: list[Span] = field(default_factory=list)
    content_hash: str = ""
    notes: list[str] = field(default_factory=list)
    """Non-fatal problems met while loading (decoding fallback, broken front matter)."""

    @property
    def display_title(self) -> str:
        """The title, or the opening words of the first content paragraph."""
        if self.title:
            return self.title
        for paragraph in self.content_paragraphs:
            words = self.text[paragraph.start : paragraph.end].split()
            lead = " ".join(words[:12])
            return lead + ("…" if len(words) > 12 else "")
        return "(empty article)"

    @property
    def content_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.debris is None and not p.is_title]

    @property
    def word_count(self) -> int:
        return sum(len(self.text[p.start : p.end].split()) for p in self.content_paragraphs)

    @property
    def debris_spans(self) -> list[tuple[int, int, str]]:
        spans = [(p.start, p.end, p.debris) for p in self.paragraphs if p.debris]
        spans += [(s, e, BLANK_RUN) for s, e in self.blank_runs]
        return sorted(spans)

    def sentences(self, paragraph: Paragraph) -> list[Span]:
        return split_sentences(self.text, paragraph.start, paragraph.end)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset``, or the next one after it."""
        for paragraph in self.paragraphs:
            if offset < paragraph.end:
                return paragraph
        return self.paragraphs[-1] if self.paragraphs else None

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the file of a character offset into ``text``."""
        line = self.body_line + self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column


def analyse(article: Article, *, metadata_title: bool) -> Article:
    """Fill in paragraphs, debris, title and (if unknown) an inferred source; return the article."""
    text = article.text
    article.content_hash = content_hash(text)
    spans = split_paragraphs(text)
    if metadata_title:
        title_span = _markdown_heading_span(text, spans)
    else:
        title_span = _headline_span(text, spans)
        if title_span is not None:
            article.title = " ".join(text[title_span[0] : title_span[1]].lstrip("#").split())
    article.paragraphs = [
        Paragraph(
            number=number,
            start=start,
            end=end,
            debris=None if (start, end) == title_span else debris_kind(text[start:end]),
            is_title=(start, end) == title_span,
        )
        for number, (start, end) in enumerate(spans, start=1)
    ]
    article.blank_runs = [(m.start() + 1, m.end()) for m in _BLANK_RUN.finditer(text)]
    if article.source == "unknown":
        inferred = infer_source(text)
        if inferred:
            article.source, article.source_inferred = inferred, True
    return article


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def debris_kind(paragraph: str) -> str | None:
    """Why a paragraph looks like scraping debris rather than reporting, or None."""
    stripped = paragraph.strip()
    if not any(ch.isalnum() for ch in stripped):
        return LONE_PUNCTUATION
    if len(stripped) <= 80 and _TRAILERS.match(stripped):
        return TRAILER
    letters = [ch for ch in stripped if ch.isalpha()]
    if len(stripped.split()) >= 3 and len(letters) >= 12:
        upper = sum(ch.isupper() for ch in letters)
        if upper / len(letters) > 0.85:
            return SHOUTED_PROMO
    return None


def _markdown_heading_span(text: str, spans: list[Span]) -> Span | None:
    """A leading ``# Heading`` line, which repeats the front-matter title rather than reporting."""
    if spans and text.startswith("#", spans[0][0]) and "\n" not in text[spans[0][0] : spans[0][1]]:
        return spans[0]
    return None


def _headline_span(text: str, spans: list[Span]) -> Span | None:
    """The first paragraph, if it reads as a headline: short, one line, followed by a blank line."""
    if len(spans) < 2:
        return None
    start, end = spans[0]
    candidate = text[start:end]
    if "\n" in candidate or len(candidate) > _HEADLINE_MAX_CHARS:
        return None
    if len(candidate.split()) > _HEADLINE_MAX_WORDS or debris_kind(candidate):
        return None
    if candidate.count(". ") + candidate.count("? ") + candidate.count("! ") > 0:
        return None  # more than one sentence: a lead paragraph, not a headline
    gap = text[end : spans[1][0]]
    if gap.count("\n") < 2:
        return None
    return start, end


def infer_source(text: str) -> str | None:
    """The outlet an article names as itself ("told the Kyiv Independent"), or None; never a guess."""
    for match in _SELF_NAMING.finditer(text):
        name = match.group("name").rstrip(".'")
        words = name.split()
        while words and not (words[-1] in _OUTLET_WORDS or _ACRONYM.match(words[-1])):
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        if name in _NOT_OUTLETS:
            continue
        if len(words) == 1 and not (_ACRONYM.match(name) or name in _OUTLET_WORDS):
            continue
        return name
    return None
