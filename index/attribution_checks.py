"""Whether two outlets' attributions of one statement diverge: speaker, venue, addressee or none at all.

:func:`compare_attributions` judges two attributions (:mod:`index.attribution`) of passages
the aligner links; :func:`same_statement` and :func:`same_fact` decide whether loosely linked
passages are shown to report one statement, so that a divergence means something.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from index.attribution import DOCUMENT_WORDS, GENERIC_SPEAKERS, OUTLET_WORDS, Attribution, role_mentions, speaker_key
from index.factcheck_model import Span, Status
from index.normalize import fold

__all__ = [
    "attribution_at", "compare_attributions", "mentions_speaker", "same_fact", "same_statement", "story_topic_names",
]

ATTRIBUTION_PARTIAL_SCORE = 0.85
"""A partial link below this score shows two passages give the same statement only if they share quoted words."""


def compare_attributions(a: Attribution, b: Attribution, text_a: str, text_b: str, relation: str) -> tuple[Status, str, str] | None:
    """Whether two outlets attribute the same quote or statement differently.

    Returns:
        ``(status, code, reason)``, or ``None`` when both agree or neither says anything.
    """
    passage_a, passage_b = text_a[a.sentence[0]:a.sentence[1]].lower(), text_b[b.sentence[0]:b.sentence[1]].lower()
    strong = relation in ("link:quote", "link:paraphrase")
    if a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key:
        weak = next((x for x in (a, b) if x.inherited or x.speaker.lower() in _PRONOUN_WORDS), None)
        if weak is not None:
            return None  # a pronoun or a carried-over speaker is too uncertain to contradict anyone
        if (relation == "link:quote" or relation == "link:partial" and a.quoted and b.quoted) and _quote_overlap(a, b, text_a, text_b) < QUOTE_OVERLAP:
            return None  # neighbouring (or merely related) quotes of different people, not one quote given to two
        outlet = next((x for x in (a, b) if OUTLET_WORDS.search(x.speaker)), None)
        if outlet is not None:
            return "not-conflict", "cites-outlet", f"{outlet.speaker!r} is a news organisation relaying the report, not a different speaker"
        role = next((x for x in (a, b) if x.role and not x.resolved), None)
        if role is not None:
            named, named_text = (b, text_b) if role is a else (a, text_a)
            office = _other_office(role, named, named_text)
            if office:
                return "conflict", "different-speaker", (
                    f"one outlet gives these words to {role.speaker!r}, the other to {named.speaker!r}, whom it calls {office}")
            venues = _venue_verdict(a, b, text_a, text_b)
            if venues is not None and venues[0] == "conflict":
                return venues  # the speakers may be one person, but not the places they said it
            return "not-conflict", "vaguer-speaker", (
                f"{role.speaker!r} is a role the article does not tie to a name, so it may well be {named.speaker!r}"
            )
        document = next((x for x in (a, b) if x.speaker_key in _DOCUMENT_KEYS), None)
        if document is not None and relation == "link:quote":
            person = b if document is a else a
            if _person_not_in_document_story(person, text_a if document is a else text_b) and not _issuer_named(
                    document, text_a if document is a else text_b):
                return "conflict", "different-speaker", (
                    f"one outlet gives these words to {person.speaker!r}, the other to {document.speaker!r} "
                    f"and never names {person.speaker!r}")
        if a.speaker_key in GENERIC_SPEAKERS or b.speaker_key in GENERIC_SPEAKERS or not all(_named(x) for x in (a, b)):
            if not any(_named(x) and x.speaker_key not in GENERIC_SPEAKERS for x in (a, b)):
                return "not-conflict", "vaguer-speaker", f"neither outlet names who said it ({a.speaker!r} / {b.speaker!r})"
            return "not-conflict", "vaguer-speaker", f"one outlet names the source ({a.speaker!r} / {b.speaker!r}), the other is vaguer"
        if mentions_speaker(passage_b, a) or mentions_speaker(passage_a, b):
            return "not-conflict", "speaker-named-in-both", f"{a.speaker!r} and {b.speaker!r} are both named in these passages"
        return "conflict", "different-speaker", f"attributed to {a.speaker!r} by one outlet and to {b.speaker!r} by the other"
    if bool(a.speaker_key) != bool(b.speaker_key):
        said, silent = (a, b) if a.speaker_key else (b, a)
        silent_text = passage_b if silent is b else passage_a
        if strong and not (a.quoted and b.quoted) and not _REPORTING.search(silent_text):
            if silent.quoted and _quotes_within(text_b if silent is b else text_a, silent.sentence):
                return "not-conflict", "quoted-unnamed", (
                    f"one outlet attributes this to {said.speaker!r}; the other quotes it, so it too gives it as someone's words"
                )
            return "conflict", "attributed-vs-unattributed", f"one outlet attributes this to {said.speaker!r}; the other states it without a source"
        return None
    if a.venue_key and b.venue_key and a.venue_key != b.venue_key:
        return _venue_verdict(a, b, text_a, text_b)
    if bool(a.venue_key) != bool(b.venue_key) and relation == "link:quote" and not (a.inherited or b.inherited):
        given = a if a.venue_key else b
        return "not-conflict", "venue-unstated", (
            f"only one outlet's passage says where it was said ({_venue_words(given)}); no venue was found in the other's")
    if a.addressee and b.addressee and a.addressee.lower() != b.addressee.lower():
        return "conflict", "different-addressee", f"said to {a.addressee!r} according to one outlet, to {b.addressee!r} according to the other"
    return None


def _venue_verdict(a: Attribution, b: Attribution, text_a: str, text_b: str) -> tuple[Status, str, str] | None:
    """Whether two attributions of one statement name different venues ("in a statement" / "tweeted"), and why it matters or not."""
    if a.venue_key and b.venue_key and a.venue_key != b.venue_key:
        if {a.venue_kind, b.venue_kind} <= {"interview", "outlet"} and (
            "interview" in (a.venue_key, b.venue_key) or a.venue_key in b.venue_key or b.venue_key in a.venue_key
            or fold(a.addressee or a.venue).split()[-1:] == fold(b.addressee or b.venue).split()[-1:]
        ):
            return None  # "told The Times" and "in an interview": the same interview, said two ways
        if a.quoted and b.quoted and _quote_overlap(a, b, text_a, text_b) < QUOTE_OVERLAP:
            return None  # two different quotes of one speaker may well come from two venues
        if "social media" in (a.venue_key, b.venue_key) and a.venue_kind == b.venue_kind == "platform":
            return "not-conflict", "venue-unstated", f"'social media' ({a.venue!r} / {b.venue!r}) does not name the platform"
        return "conflict", "different-venue", f"said {_venue_words(a)} according to one outlet, {_venue_words(b)} according to the other"
    return None


_OFFICES = frozenset("president governor mayor senator congressman congresswoman representative premier chancellor".split())
"""Offices one person rarely holds at once: "the senator" is not the person an outlet calls governor."""


@lru_cache(maxsize=64)
def _role_mentions_of(text: str) -> tuple[tuple[int, list[str], str], ...]:
    """:func:`index.attribution.role_mentions`, once per article text (asked again for every role-vs-name pair)."""
    return tuple(role_mentions(text))


def _other_office(role: Attribution, named: Attribution, named_text: str) -> str:
    """The office the other article gives a named speaker when it is another office than the role ("governor" vs "the senator"), else ""."""
    head = role.role.split()[-1] if role.role else ""
    if head not in _OFFICES or not named.speaker_key:
        return ""
    offices = {words[-1] for _, words, key in _role_mentions_of(named_text) if key == named.speaker_key}
    return next(iter(sorted(offices & _OFFICES - {head})), "") if head not in offices else ""


_DOCUMENT_KEYS = frozenset(speaker_key(word) for word in DOCUMENT_WORDS)
_WRITING = frozenset({"wrote", "writes", "posted", "posts", "tweeted", "tweets"})


def _person_not_in_document_story(person: Attribution, document_text: str) -> bool:
    """Whether words one outlet gives to a person speaking are given by the other only to a document that never names them.

    "“...,” said Father Roe" against "“...,” says the letter": a contradiction only when the
    person is named (not a role or a group), is not said to have written it ("Roe wrote in
    the letter") and the other article names them nowhere (else it may well make them the
    letter's author).
    """
    if not _named(person) or person.role or person.speaker_key in GENERIC_SPEAKERS or person.verb in _WRITING:
        return False
    if person.venue_kind in ("statement", "platform"):
        return False
    surname = re.sub(r"[’']s$", "", person.speaker.split()[-1]).strip(".,")
    return len(surname) > 2 and not re.search(rf"\b{re.escape(surname)}\b", document_text)


def _issuer_named(document: Attribution, text: str) -> bool:
    """Whether a quoted document is given a named issuer ("a statement from Senator Roe's office", "Roe's letter").

    A named issuer may well speak through the person the other outlet quotes (a spokesman, an
    aide), so words given to one and to the other are no contradiction.
    """
    passage = text[document.sentence[0]:document.sentence[1]]
    head = document.speaker.split()[-1]
    for match in re.finditer(rf"\b{re.escape(head)}\b", passage):
        after, before = passage[match.end():match.end() + 40], passage[max(0, match.start() - 40):match.start()]
        if re.match(r"\s+(?:from|by|of)\s+(?:the\s+)?[A-Z]", after) or re.search(r"[A-Z][\w.-]*(?:’s|'s)\s+(?:[\w-]+\s+)?$", before):
            return True
    return False


_REPORTING = re.compile(r"\b(?:said|says|told|tweeted|wrote|posted|statement|report\w*|announc\w*|according|claim\w*|stated|added)\b")
"""Words showing a passage attributes what it says, even when no speaker was recognised."""
_PRONOUN_WORDS = frozenset({"he", "she", "they", "it", "we", "i"})
MIN_QUOTE_CHARS = 25
"""Shorter quoted fragments ("deeply troubled") are too common to identify one quote."""
QUOTE_OVERLAP = 70.0
"""Least rapidfuzz partial ratio of two passages' quoted words for them to be one quote."""


def _named(attribution: Attribution) -> bool:
    """Whether a speaker is named ("Ukrainian emergency services", "Goelman"), not a role ("the attorney", "Prosecutors")."""
    if attribution.role:
        return attribution.resolved
    return any(ch.isupper() for ch in re.sub(r"^(?:the|a|an)\s+", "", attribution.speaker, flags=re.I))


def mentions_speaker(passage: str, attribution: Attribution) -> bool:
    """Whether a (lower-cased) passage names a speaker, by its key or its last word as written ("comey", not only "comei")."""
    written = fold(re.sub(r"[’']s$", "", attribution.speaker.split()[-1])).strip(".,").lower() if attribution.speaker else ""
    return attribution.speaker_key.split()[-1][:5] in passage or bool(written) and len(written) > 2 and written in passage


def _quotes_within(text: str, sentence: Span) -> bool:
    """Whether a sentence quotes someone inside words of its own ('officials warned that inaction would "raise the risk"').

    A quotation framed by the sentence's own words relays someone's words even when no speaker
    was recognised; a sentence that lies wholly inside a quotation has no such frame.
    """
    regions = _quotes_in(text, sentence)
    if not regions:
        return False
    outside = list(text[sentence[0]:sentence[1]])
    for start, end in regions:
        for at in range(max(start, sentence[0]), min(end, sentence[1])):
            outside[at - sentence[0]] = " "
    return len(re.findall(r"[A-Za-z]{2,}", "".join(outside))) >= 3


def _quotes_in(text: str, sentence: Span) -> list[Span]:
    """The quoted parts of a sentence, read over its whole line: a quotation opened in an earlier
    sentence still covers this one, and its closing mark is not taken for an opening one."""
    from index.similarity import quote_regions

    line_start = text.rfind("\n", 0, sentence[0]) + 1
    line_end = text.find("\n", sentence[1])
    regions = quote_regions(text, line_start, len(text) if line_end == -1 else line_end)
    return [(max(s, sentence[0]), min(e, sentence[1])) for s, e in regions if s < sentence[1] and e > sentence[0]]


def _quote_overlap(a: Attribution, b: Attribution, text_a: str, text_b: str) -> float:
    from rapidfuzz import fuzz

    def quoted(text: str, span: Span) -> str:
        return " ".join(fold(text[s:e]) for s, e in _quotes_in(text, span))

    first, second = quoted(text_a, a.sentence), quoted(text_b, b.sentence)
    if min(len(first), len(second)) < MIN_QUOTE_CHARS:
        return 0.0
    return float(fuzz.partial_ratio(first, second))


def same_statement(a: Attribution, b: Attribution, text_a: str, text_b: str, relation: str, score: float, code: str) -> bool:
    """Whether two passages are shown to report one statement, so diverging attributions contradict each other.

    A quote or paraphrase link shows it; a partial link only shares part of the content (two
    statements about one event often do), so it needs a high score or the same quoted words.
    A venue or addressee differs only between statements of one speaker, who often says
    related things in several places, so there a high score is not enough.
    """
    if relation in ("link:quote", "link:paraphrase"):
        return True
    if score >= ATTRIBUTION_PARTIAL_SCORE and code not in ("different-venue", "different-addressee"):
        return True
    return _quote_overlap(a, b, text_a, text_b) >= QUOTE_OVERLAP


def _venue_words(a: Attribution) -> str:
    if a.venue_kind == "interview" and a.venue == "interview":
        return "in an interview"
    prefix = {"platform": "on", "meeting": "at", "interview": "in an interview with", "statement": "in a", "outlet": "to"}.get(a.venue_kind, "at")
    return f"{prefix} {a.venue}"


_NAME_WORD = re.compile(r"(?<=[a-z,;:]\s)[A-Z][\w-]+")
"""Capitalised words not at a sentence start (names, places)."""
TOPIC_SHARE = 0.8
"""A name in this share of a story's articles is its topic (Ukraine, Trump), not a shared detail."""


def same_fact(texts: dict[str, str], link: Any, topic_names: set[str]) -> bool:
    """Whether a partial link's passages share a detail beyond the story's topic: a name or a place."""
    words_a = set(_NAME_WORD.findall(texts[link.a_id][link.a_span[0]:link.a_span[1]]))
    words_b = set(_NAME_WORD.findall(texts[link.b_id][link.b_span[0]:link.b_span[1]]))
    return bool((words_a & words_b) - topic_names)


def story_topic_names(ids: list[str], texts: dict[str, str]) -> set[str]:
    """The names in so many of a story's articles that they are its topic, not a detail two passages share."""
    names = {article_id: set(_NAME_WORD.findall(texts[article_id])) for article_id in ids}
    return {name for name in set().union(*names.values()) if sum(name in n for n in names.values()) >= TOPIC_SHARE * len(ids)}


def attribution_at(found: dict[Span, Attribution], span: Span) -> Attribution | None:
    """The attribution of the sentence at or holding a passage's start, if any."""
    exact = found.get(span)
    if exact is not None:
        return exact
    for sentence, attribution in found.items():
        if sentence[0] <= span[0] < sentence[1]:
            return attribution
    return None
