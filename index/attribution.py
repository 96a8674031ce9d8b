"""Who is said to have said something, where, and to whom, for quotes and reported statements.

"Trump said at a Cabinet meeting", "he wrote on X", "Saraliev told RBC news outlet",
"according to Ukrainian emergency services": each becomes an :class:`Attribution` with a
speaker, a venue (platform, interview, statement, meeting, outlet), an addressee and the
normalised keys :mod:`index.factcheck` compares. Heuristic patterns over one sentence, with
pronouns resolved to the last named speaker of the article and a paragraph-opening
"According to X," carried over to the sentences after it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from index.normalize import fold, term
from index.segment import all_sentences
from index.similarity import quote_regions
from index.segment import split_paragraphs

Span = tuple[int, int]

__all__ = ["Attribution", "extract_attributions", "speaker_key"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The attribution of one sentence (a quote or a reported statement)."""

    sentence: Span
    speaker: str
    """The speaker as written ("Ukrainian President Volodymyr Zelenskyy", "officials"), or empty."""
    speaker_key: str
    """Comparison key: the speaker's last name or head noun, folded and stemmed ("zelensky")."""
    verb: str
    """The reporting words ("said", "wrote", "told", "according to")."""
    venue: str
    """Where, as written ("a Cabinet meeting", "X", "Telegram", "an interview with CNN"), or empty."""
    venue_kind: str
    """``platform``, ``interview``, ``statement``, ``meeting``, ``outlet`` or empty."""
    venue_key: str
    """Comparison key of the venue ("cabinet meeting", "x", "cnn")."""
    addressee: str
    """To whom ("Trump", "the Senate Foreign Relations Committee", "reporters"), or empty."""
    quoted: bool
    """The sentence holds a direct quotation."""
    inherited: bool
    """The speaker comes from an earlier "According to X," of the same paragraph."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = asdict(self)
        data["sentence"] = list(self.sentence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        """Rebuild from :meth:`to_dict` output."""
        values = dict(data)
        values["sentence"] = (int(data["sentence"][0]), int(data["sentence"][1]))
        return cls(**values)


_VERBS = (
    r"said|says|say|told|tells|wrote|writes|posted|posts|tweeted|warned|warns|stated|states|added|adds|noted|notes|"
    r"claimed|claims|emphasized|emphasised|stressed|announced|announces|explained|argued|insisted|declared|"
    r"reported|reports|confirmed|confirms|revealed|thanked|urged|acknowledged|admitted|asserted|remarked|replied|responded"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|de|van|von|al|bin))*"
_TITLE_WORDS = r"(?:[A-Za-z][\w’'.-]*\s+){0,3}?"
GENERIC_SPEAKERS = frozenset(
    "he she they it officials official source sources spokesman spokeswoman spokesperson authorities experts "
    "analysts people critics aides government ministry report reports statement intelligence warnings "
    "offici sourc author analyst expert critic aide report warn intellig".split()
)
_PRONOUNS = frozenset("he she they".split())
OUTLET_WORDS = re.compile(
    r"\b(?:Times|Post|News|Journal|Examiner|Reuters|AP|Associated Press|AFP|Agence France-Presse|CNN|Fox|BBC|NBC|CBS|ABC|"
    r"MSNBC|NPR|Politico|Axios|Bloomberg|Guardian|Telegraph|Tribune|Independent|Herald|Gazette|Radio|TV|Television|"
    r"Interfax|TASS|RIA|RBC|outlet|newspaper|magazine|agency|broadcaster|network|channel|podcast)\b"
)
_PLATFORMS = {
    "x": "x", "twitter": "x", "telegram": "telegram", "facebook": "facebook", "instagram": "instagram",
    "truth social": "truth social", "social media": "social media", "youtube": "youtube", "tiktok": "tiktok",
    "threads": "threads", "bluesky": "bluesky", "his website": "website", "her website": "website", "substack": "substack",
}
_PLATFORM_RE = re.compile(r"\b(?:on|via|in a post on|in a video on)\s+(?P<venue>X|Twitter|Telegram|Facebook|Instagram|Truth Social|social media|YouTube|TikTok|Threads|Bluesky|Substack)\b")
_MEETING_RE = re.compile(
    r"\b(?:at|during|in|after)\s+(?:a|an|the|his|her|their|Thursday's|Wednesday's|Tuesday's|Monday's|Friday's)?\s*"
    r"(?P<venue>(?:[\w’'-]+\s+){0,3}?(?:meeting|press conference|news conference|briefing|rally|speech|hearing|summit|"
    r"session|address|town hall|debate|roundtable|event|conference))\b",
    re.I,
)
_INTERVIEW_RE = re.compile(r"\bin an? (?:[\w-]+\s+)?interview(?:\s+(?:with|on)\s+(?P<outlet>" + _NAME + r"))?", re.I)
_STATEMENT_RE = re.compile(r"\bin an? (?:[\w-]+\s+){0,2}(?P<venue>statement|post|letter|video|op-ed|memo|tweet|press release)\b", re.I)
_TOLD_RE = re.compile(r"\b(?:told|tells|telling)\s+(?P<to>(?:the\s+)?" + _NAME + r"(?:\s+(?:news\s+)?(?:outlet|newspaper|agency|broadcaster|committee|panel))?|reporters|journalists|lawmakers|supporters)")
_ACCORDING_RE = re.compile(r"\b(?:according to|as reported by|reported by|citing)\s+(?P<src>(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,5}?[\w’'-]+?)(?=[,.;:]|\s+(?:on|in|who|that|which|and)\b|$)", re.I)
_SPEAKER_BEFORE = re.compile(
    r"\b(?P<speaker>(?:(?:the|a|an)\s+)?" + _TITLE_WORDS + r"(?:" + _NAME + r")|[Hh]e|[Ss]he|[Tt]hey|(?:[A-Z][a-z]+\s+)?officials|(?:[Tt]he\s+)?source|[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)"
    r"(?:,[^,]{1,80},)?\s+(?:also\s+|later\s+|previously\s+)?(?P<verb>" + _VERBS + r")\b"
)
_SPEAKER_AFTER = re.compile(r"[”\"]\s*(?P<verb>said|says|stated|wrote|added|noted|warned|explained)\s+(?P<speaker>(?:[A-Za-z][\w’'.-]*\s+){0,3}?" + _NAME + r")")
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+")
_OUTLET_KEY = re.compile(r"\b(?:Times|Post|News|Journal|Examiner|Press|Independent|Guardian|Telegraph|Tribune|Herald)$")


def speaker_key(speaker: str) -> str:
    """The comparison key of a speaker: its last word (a surname or a head noun), folded and stemmed."""
    words = [re.sub(r"[’']s$", "", w).strip(".-") for w in re.findall(r"[\w'’.-]+", speaker)]
    words = [w for w in words if w and w.lower() not in ("the", "a", "an")]
    if not words:
        return ""
    if _OUTLET_KEY.search(words[-1]):
        return " ".join(fold(w) for w in words if w[:1].isupper())
    return term(fold(words[-1]))


def _venue_key(venue: str, kind: str) -> str:
    folded = fold(venue)
    if kind == "platform":
        return _PLATFORMS.get(folded, folded)
    words = [w for w in re.findall(r"[a-z]+", folded) if w not in _VENUE_NOISE]
    return " ".join(words[-2:])


_VENUE_NOISE = frozenset(
    "a an the that this his her their white house last next first second".split()
    + "january february march april may june july august september october november december".split()
    + "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _venue(text: str, span: Span) -> tuple[str, str]:
    """(venue as written, kind) named in a sentence, most specific first."""
    for pattern, kind in ((_PLATFORM_RE, "platform"), (_INTERVIEW_RE, "interview"), (_STATEMENT_RE, "statement"), (_MEETING_RE, "meeting")):
        match = pattern.search(text, span[0], span[1])
        if match:
            if kind == "interview":
                return (match.group("outlet") or "interview").strip().rstrip("."), "interview"
            if kind == "statement" and fold(match.group("venue")) in ("post", "tweet"):
                return match.group("venue"), "platform"
            return match.group("venue").strip(), kind
    told = _TOLD_RE.search(text, span[0], span[1])
    if told and OUTLET_WORDS.search(told.group("to")):
        return told.group("to").strip().rstrip("."), "outlet"
    return "", ""


def extract_attributions(text: str) -> dict[Span, Attribution]:
    """The attribution of every sentence of an article that has one, keyed by sentence span.

    Args:
        text: The whole article text; spans point into it.

    Returns:
        Sentence span -> attribution, for sentences with a speaker, a venue or a direct quote.
    """
    regions = quote_regions(text)
    paragraphs = split_paragraphs(text)
    out: dict[Span, Attribution] = {}
    last_named = ""
    last_in_paragraph: tuple[Span, str] | None = None
    carried: tuple[Span, str, str] | None = None  # paragraph, source, key of a paragraph-opening "According to X,"
    for sentence in all_sentences(text):
        paragraph = next((p for p in paragraphs if p[0] <= sentence[0] < p[1]), sentence)
        quoted = any(start < sentence[1] and sentence[0] < end and end - start > 3 for start, end in regions)
        outside = _outside_quotes(text, sentence, regions)
        speaker = verb = ""
        match = _ACCORDING_RE.search(outside)
        if match and outside.lstrip().lower().startswith(("according to", "as reported by")):
            speaker, verb = match.group("src").strip(), "according to"
        for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE):
            found = pattern.search(outside)
            if found and not speaker:
                speaker, verb = found.group("speaker").strip(), found.group("verb")
        if match and not speaker:
            speaker, verb = match.group("src").strip(), "according to"
        headline = re.match(r"\s*(?P<speaker>" + _NAME + r"):\s", outside)
        if headline and not speaker:
            speaker, verb = headline.group("speaker"), ":"
        told = _TOLD_RE.search(outside)
        addressee = told.group("to").strip().rstrip(".") if told else ""
        venue, kind = _venue(outside, (0, len(outside)))
        inherited = False
        if not speaker and carried is not None and carried[0] == paragraph:
            speaker, verb, inherited = carried[1], "according to", True
        if not speaker and quoted and last_in_paragraph is not None and last_in_paragraph[0] == paragraph:
            speaker, verb, inherited = last_in_paragraph[1], "said", True  # a quotation running on from the last sentence
        key = speaker_key(speaker) if speaker else ""
        if key in _PRONOUNS and last_named:
            key = last_named
        if key and key not in GENERIC_SPEAKERS and key not in _PRONOUNS:
            last_named = key
        else:
            run = _NAME_RUN.search(outside)
            if run:
                last_named = speaker_key(run.group())
        if match and outside.lstrip().lower().startswith("according to"):
            carried = (paragraph, speaker, key)
        if speaker:
            last_in_paragraph = (paragraph, speaker)
        if speaker or venue or quoted:
            out[sentence] = Attribution(sentence, speaker, key, verb, venue, kind, _venue_key(venue, kind) if venue else "", addressee, quoted, inherited)
    return out


def _outside_quotes(text: str, sentence: Span, regions: list[Span]) -> str:
    """The sentence with quoted words blanked out (same length), so a quote's words never read as its attribution."""
    chars = list(text[sentence[0]:sentence[1]])
    for start, end in regions:
        for at in range(max(start, sentence[0]), min(end, sentence[1])):
            chars[at - sentence[0]] = " " if not chars[at - sentence[0]].isspace() else chars[at - sentence[0]]
    return "".join(chars)
