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
from dataclasses import asdict, dataclass, replace
from typing import Any

from index.normalize import fold, term
from index.segment import all_sentences
from index.similarity import quote_regions
from index.segment import split_paragraphs

Span = tuple[int, int]

__all__ = ["DOCUMENT_WORDS", "Attribution", "extract_attributions", "resolve_role", "role_mentions", "role_of", "speaker_key"]


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
    role: str = ""
    """The role or title the speaker is given instead of a name ("attorney general", "prosecutors"), or empty."""
    resolved: bool = False
    """The role was resolved to a person the article names with it; ``speaker_key`` is then that name's key."""

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
    r"said|says|say|told|tells|wrote|writes|posted|posts|tweeted|tweets|warned|warns|stated|states|added|adds|noted|notes|"
    r"claimed|claims|emphasized|emphasised|stressed|announced|announces|explained|argued|insisted|declared|"
    r"reported|reports|confirmed|confirms|revealed|thanked|urged|acknowledged|admitted|asserted|remarked|replied|responded"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|de|van|von|al|bin))*"
_TITLE_WORDS = r"(?:[A-Za-z][\w’'.-]*\s+){0,3}?"
GENERIC_SPEAKERS = frozenset(
    "he she they it officials official source sources spokesman spokeswoman spokesperson authorities experts "
    "analysts people critics aides government ministry report reports statement intelligence warnings "
    "offici sourc author analyst expert critic aide report warn intellig "
    "opponents supporters proponents advocates residents observers activists protesters campaigners "
    "oppon support propon advoc resid observ activist protest campaign".split()
)
_PRONOUNS = frozenset("he she they".split())
OUTLET_WORDS = re.compile(
    r"\b(?:Times|Post|News|Journal|Examiner|Reuters|AP|Associated Press|AFP|Agence France-Presse|CNN|Fox|BBC|NBC|CBS|ABC|"
    r"MSNBC|NPR|Politico|Axios|Bloomberg|Guardian|Telegraph|Tribune|Independent|Herald|Gazette|Radio|TV|Television|"
    r"Interfax|TASS|RIA|RBC|outlet|newspaper|magazine|agency|broadcaster|network|channel|podcast)\b"
)
_PLATFORMS = {
    "x": "x", "twitter": "x", "tweet": "x", "post": "social media", "telegram": "telegram", "facebook": "facebook", "instagram": "instagram",
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
_STATEMENT_RE = re.compile(r"\bin (?:an?|his|her|their|its) (?:[\w-]+\s+){0,2}(?P<venue>statement|post|letter|video|op-ed|memo|tweet|press release)\b", re.I)
_TOLD_RE = re.compile(r"\b(?:told|tells|telling)\s+(?P<to>(?:the\s+)?" + _NAME + r"(?:\s+(?:news\s+)?(?:outlet|newspaper|agency|broadcaster|committee|panel))?|reporters|journalists|lawmakers|supporters)")
_ON_OUTLET_RE = re.compile(r"\b(?:said|says|told|claimed|argued|insisted|declared|stated|added)\s+(?:\w+\s+)?on\s+(?P<venue>(?:the\s+)?" + _NAME + r")")
"""A broadcast or outlet the words were said on ("said on Fox News", "argued Sunday on CNN")."""
_ACCORDING_RE = re.compile(r"\b(?:according to|as reported by|reported by|citing)\s+(?P<src>(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,5}?[\w’'-]+?)(?=[,.;:]|\s+(?:on|in|who|that|which|and)\b|$)", re.I)
_SPEAKER_BEFORE = re.compile(
    r"\b(?P<speaker>(?:(?:the|a|an)\s+)?" + _TITLE_WORDS + r"(?:" + _NAME + r")|[Hh]e|[Ss]he|[Tt]hey|(?:[A-Z][a-z]+\s+)?officials|(?:[Tt]he\s+)?source|[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)"
    r"(?:,[^,]{1,80},)?\s+(?:also\s+|later\s+|previously\s+)?(?P<verb>" + _VERBS + r")\b(?!\s+by\b)"
)
_SPEAKER_AFTER = re.compile(r"[”\"]\s*(?P<verb>said|says|stated|wrote|added|noted|warned|explained)\s+(?P<speaker>(?:[A-Za-z][\w’'.-]*\s+){0,3}?" + _NAME + r")")
DOCUMENT_WORDS = frozenset("letter statement memo memorandum report complaint indictment filing lawsuit petition "
                           "advertisement ad op-ed editorial document".split())
"""Documents that outlets quote as the source of words ("says the letter")."""
_DOCUMENT_AFTER = re.compile(
    r"[”\"],?\s*(?P<verb>said|says|states|stated|reads|read)\s+(?P<speaker>(?:the|a|an|their|its|his|her)\s+"
    r"(?:[\w’'-]+\s+){0,2}?(?:" + "|".join(sorted(DOCUMENT_WORDS, key=len, reverse=True)) + r"))\b")
"""A quotation closed by the document it comes from: '“...,” says the letter'."""
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+")
_OUTLET_KEY = re.compile(r"\b(?:Times|Post|News|Journal|Examiner|Press|Independent|Guardian|Telegraph|Tribune|Herald)$")


_BODY_WORDS = frozenset("department ministry university bank office house court committee council board bureau college "
                        "institute school society union republic kingdom state states city church chamber association "
                        "party agency foundation center centre".split())
"""Words that end the name of a body, not of a person, before "of" ("Department of Justice")."""
_TWEETED = frozenset({"tweeted", "tweets", "tweet"})
"""Reporting verbs that name the platform themselves."""
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def speaker_key(speaker: str) -> str:
    """The comparison key of a speaker: its last word (a surname or a head noun), folded and stemmed."""
    words = [re.sub(r"[’']s$", "", w).strip(".-") for w in re.findall(r"[\w'’.-]+", speaker)]
    words = [w for w in words if w and w.lower() not in ("the", "a", "an")]
    for at in range(len(words) - 1, 1, -1):
        before = words[:at]
        if words[at] == "of" and all(w[:1].isupper() for w in before[-2:]) and before[-1].lower() not in _BODY_WORDS \
                and not _role_head(before[-1].lower()):
            words = before  # "Richard J. Durbin of Illinois" is Durbin; "Bank of America" and "Secretary of State" stay whole
            break
    while len(words) > 1 and (words[-1].lower() in _NAME_SUFFIXES or words[-1] in _WEEKDAYS):
        words.pop()  # "Donald Trump Jr." is keyed by "Trump", as the article's "Mr. Trump" is; "Trump Tuesday said"
    if not words:
        return ""
    if _OUTLET_KEY.search(words[-1]):
        return " ".join(fold(w) for w in words if w[:1].isupper())
    return term(fold(words[-1]))


_TIME_AFTER_SPEAKER = re.compile(
    r"(?:,?\s+(?:on|late|early|last|this)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)+$"
)
_SENTENCE_STOP = re.compile(r"(?<![A-Z])(?<!\b(?:Jr|Sr|St|Co))\.$")


def _without_time(speaker: str) -> str:
    """The speaker without the day caught with it ("Donald Trump on Friday" -> "Donald Trump") or a sentence's full stop
    ("President Trump." -> "President Trump"; "Jr." and initials keep theirs)."""
    return _SENTENCE_STOP.sub("", _TIME_AFTER_SPEAKER.sub("", speaker)).strip()


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
    on_air = _ON_OUTLET_RE.search(text, span[0], span[1])
    if on_air and OUTLET_WORDS.search(on_air.group("venue")):
        return on_air.group("venue").strip().rstrip("."), "outlet"
    told = _TOLD_RE.search(text, span[0], span[1])
    if told and OUTLET_WORDS.search(told.group("to")):
        return told.group("to").strip().rstrip("."), "outlet"
    return "", ""


# -- roles and titles ------------------------------------------------------------------------

ROLE_HEADS = frozenset(
    "president vice-president premier chancellor minister secretary governor mayor senator congressman "
    "congresswoman representative lawmaker legislator speaker leader whip chairman chairwoman chair chairperson "
    "director chief commissioner ambassador envoy spokesman spokeswoman spokesperson adviser advisor aide "
    "attorney prosecutor lawyer counsel judge justice general sheriff officer official doctor physician surgeon "
    "investigator detective executive ceo candidate nominee king queen prince pope treasurer auditor inspector "
    "administrator superintendent coach manager founder economist analyst professor".split()
)
"""Head nouns of roles and titles that stand for a person ("the attorney general", "the president")."""
_ROLE_PLURALS = {"attorneys": "attorney", "chiefs": "chief", "police": "officer", "generals": "general"}
"""Plurals that are not the head plus "s"; "police" is a group, read as plural."""
_ROLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "sec": "secretary", "gen": "general",
    "atty": "attorney", "pres": "president", "amb": "ambassador", "supt": "superintendent",
}
_ROLE_MODIFIERS = frozenset("the a an his her their its our former outgoing incoming current new top senior acting then interim".split())
_PAST_ROLE = frozenset("former ex outgoing then late".split())
"""A past holder ("former President Obama") is not who "the president" means today."""
_ROLE_WORD = r"[A-Za-z][\w’'.-]*"
_ROLE_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+)*"
_TITLE_NAME_RE = re.compile(
    r"\b(?P<role>(?i:" + "|".join(sorted(ROLE_HEADS, key=len, reverse=True)) + "|" + "|".join(_ROLE_ABBREVIATIONS) + r")\.?)"
    rf"\s+(?P<name>{_ROLE_NAME})"
)
"""A role noun right before a name: 'Attorney General Richard Blumenthal', 'White House spokesman Eric Schultz'."""
_NAME_ROLE_RE = re.compile(
    rf"(?<!\bin )(?<!\bat )(?<!\bto )(?<!\bon )(?<!\bfrom )\b(?P<name>{_ROLE_NAME}),\s+(?:the|an?|[A-Z][\w’'-]*(?:’s|'s))\s+"
    rf"(?P<role>(?:{_ROLE_WORD}\s+){{0,3}}?{_ROLE_WORD})(?=[,.;]|\s+(?:of|for|at|in|who|and)\b)"
)
"""'Richard Blumenthal, the attorney general,' and 'Blumenthal, Connecticut's attorney general,'."""
_ROLE_NAME_RE = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[A-Z][\w’'-]*(?:’s|'s))\s+(?P<role>(?:{_ROLE_WORD}\s+){{0,3}}?{_ROLE_WORD}),\s+(?P<name>{_ROLE_NAME})"
    r"(?=[,.;:)]|\s+(?:said|says|told|who)\b)"
)
"""'Connecticut's attorney general, Richard Blumenthal,' and 'a White House spokesman, Eric Schultz.'"""
_NOT_NAMES = frozenset(
    "The A An In On At But And He She It They This That His Her Their We I Mr Mrs Ms Dr".split()
    + "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
    + "January February March April May June July August September October November December".split()
)


def _role_words(phrase: str) -> list[str]:
    """The words of a role phrase that name the role: lower-cased, modifiers and possessives dropped."""
    words = [re.sub(r"[’']s$", "", w).strip(".-").lower() for w in re.findall(r"[\w’'.-]+", phrase)]
    words = [_ROLE_ABBREVIATIONS.get(w, w) for w in words if w]
    while words and words[0] in _ROLE_MODIFIERS:
        words.pop(0)
    return words


def _role_head(word: str) -> str:
    """The singular role head a word stands for ("prosecutors" -> "prosecutor"), or empty."""
    word = _ROLE_ABBREVIATIONS.get(word, word)
    if word in ROLE_HEADS:
        return word
    singular = _ROLE_PLURALS.get(word) or (word[:-1] if word.endswith("s") else "")
    return singular if singular in ROLE_HEADS else ""


def role_of(speaker: str) -> str:
    """The role a speaker is given instead of a name ("The A.G." -> "a.g", "the attorney general"), or empty.

    A speaker is a role when its last word is a role noun ("the president", "Prosecutors",
    "White House spokesman"), a role abbreviation ("Gov."), or initials ("The A.G.", "the DA");
    "Former FBI Director James Comey" ends in a name and is not.
    """
    words = _role_words(speaker)
    if not words:
        return ""
    last = words[-1]
    initials = _initials(speaker.split()[-1])
    if initials:
        return initials
    if not _role_head(last):
        return ""
    compound = len(words) >= 2 and (words[-2] in _ROLE_COMPOUND or bool(_role_head(words[-2])))
    return " ".join(words[-2:]) if compound else last


def _initials(word: str) -> str:
    """Lower-case initials when a word is written as initials ("A.G.", "DA"), else empty."""
    bare = word.strip(",;:")
    if re.fullmatch(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}", bare):
        letters = "".join(ch.lower() for ch in bare if ch.isalpha())
        return "" if letters in _PLACE_INITIALS else letters
    return ""


_PLACE_INITIALS = frozenset({"us", "uk", "un", "eu", "tv", "dc"})


def role_mentions(text: str) -> list[tuple[int, list[str], str]]:
    """Where the article gives a person's role with their name: (offset, role words, name key).

    Covers a title before the name ("Attorney General Richard Blumenthal") and appositives
    either way round ("Blumenthal, the attorney general," / "Connecticut's attorney general,
    Richard Blumenthal,"). Past holders ("former President Obama") are left out.
    """
    found: list[tuple[int, list[str], str]] = []
    for pattern in (_TITLE_NAME_RE, _NAME_ROLE_RE, _ROLE_NAME_RE):
        for match in pattern.finditer(text):
            role_start = match.start("role")
            name = match.group("name").split()
            words = _role_words(match.group("role"))
            if pattern is _TITLE_NAME_RE:
                while len(name) > 1 and (_role_head(name[0].lower().strip(".")) or name[0].lower() in _ROLE_COMPOUND):
                    moved = name.pop(0).lower().strip(".")
                    words.append(_ROLE_ABBREVIATIONS.get(moved, moved))  # 'Attorney General' + 'Richard Blumenthal'
                clause_before = re.split(r"[.!?;:,\n]", text[max(0, role_start - 40):role_start])[-1]
                before = re.findall(r"[\w’'-]+", clause_before)[-3:]
                lead_in = set()
                for word in reversed(before):
                    if word.lower() not in _ROLE_COMPOUND:
                        lead_in = {word.lower()}  # the word just before the title: "former", "late"
                        break
                    words.insert(0, word.lower())
            else:
                lead_in = set()
            if name and name[0] in _NOT_NAMES:
                continue  # "In Washington, the president, ...": a phrase, not a person named with a role
            while name and name[-1] in _NOT_NAMES:
                name.pop()  # "President Jane Doe Tuesday"
            if not name or not words or not _role_head(words[-1]) or _PAST_ROLE & (lead_in | set(words)):
                continue
            if pattern is _TITLE_NAME_RE and len(name) < 2 and not match.group("role")[:1].isupper():
                continue  # 'official Twitter account': a lower-case role before one capitalised word is no title
            found.append((match.start(), words[-2:], speaker_key(" ".join(name))))
    found.sort()
    return found


_ROLE_COMPOUND = frozenset("vice prime foreign defense defence interior justice press district majority minority state "
                           "solicitor surgeon deputy executive general white house national security campaign".split())
"""Words that may precede a role noun inside one title ("Press Secretary", "Majority Leader", "Attorney General")."""


def one_person(role: str) -> bool:
    """Whether a role (as :func:`role_of` gives it) stands for one person: "prosecutors" and "police" do not."""
    last = role.split()[-1] if role else ""
    return bool(last) and (_role_head(last) == last or not _role_head(last))


def resolve_role(role: str, at: int, mentions: list[tuple[int, list[str], str]]) -> str:
    """The name key of the person an article means by a role at offset ``at``, or empty if unsure.

    The nearest earlier mention of the same role wins, else the first later one. Initials match a
    role whose words start with them ("a.g" -> "attorney general"); a plural role is a group, never
    one person.
    """
    if not one_person(role):
        return ""
    words = role.split()
    letters = role.replace(".", "") if len(words) == 1 and not _role_head(role) else ""

    def fits(mention_words: list[str]) -> bool:
        if letters:
            return "".join(w[0] for w in mention_words) == letters
        both_compound = len(words) == 2 and len(mention_words) == 2
        return mention_words[-1] == words[-1] and (not both_compound or mention_words[0] == words[0])

    earlier = [m for m in mentions if m[0] < at and fits(m[1])]
    later = [m for m in mentions if m[0] >= at and fits(m[1])]
    chosen = earlier[-1] if earlier else later[0] if later else None
    return chosen[2] if chosen else ""


def extract_attributions(text: str) -> dict[Span, Attribution]:
    """The attribution of every sentence of an article that has one, keyed by sentence span.

    Args:
        text: The whole article text; spans point into it.

    Returns:
        Sentence span -> attribution, for sentences with a speaker, a venue or a direct quote.
    """
    regions = quote_regions(text)
    paragraphs = split_paragraphs(text)
    mentions: list[tuple[int, list[str], str]] | None = None  # found on the first role that may be one person
    out: dict[Span, Attribution] = {}
    last_named = ""
    last_in_paragraph: tuple[Span, str, str, str] | None = None  # paragraph, speaker, venue, venue kind
    carried: tuple[Span, str, str] | None = None  # paragraph, source, key of a paragraph-opening "According to X,"
    for sentence in all_sentences(text):
        paragraph = next((p for p in paragraphs if p[0] <= sentence[0] < p[1]), sentence)
        quoted = any(start < sentence[1] and sentence[0] < end and end - start > 3 for start, end in regions)
        outside = _outside_quotes(text, sentence, regions)
        speaker = verb = ""
        match = _ACCORDING_RE.search(outside)
        if match and outside.lstrip().lower().startswith(("according to", "as reported by")):
            speaker, verb = match.group("src").strip(), "according to"
        for pattern in (_SPEAKER_AFTER, _DOCUMENT_AFTER, _SPEAKER_BEFORE):
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
        if not venue and fold(verb) in _TWEETED:
            venue, kind = "Twitter", "platform"  # "McCain tweeted that ...": the verb names the platform
        inherited = False
        if not speaker and carried is not None and carried[0] == paragraph:
            speaker, verb, inherited = carried[1], "according to", True
        if not speaker and quoted and last_in_paragraph is not None and last_in_paragraph[0] == paragraph:
            speaker, verb, inherited = last_in_paragraph[1], "said", True  # a quotation running on from the last sentence
            if not venue:
                venue, kind = last_in_paragraph[2], last_in_paragraph[3]  # and from the same statement
        speaker = _without_time(speaker)
        key = speaker_key(speaker) if speaker else ""
        role = role_of(speaker) if speaker else ""
        if role and one_person(role) and mentions is None:
            mentions = role_mentions(text)
        named_by_role = resolve_role(role, sentence[0], mentions or []) if role else ""
        key = named_by_role or key
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
            last_in_paragraph = (paragraph, speaker, venue, kind)
        if speaker or venue or quoted:
            out[sentence] = Attribution(
                sentence, speaker, key, verb, venue, kind, _venue_key(venue, kind) if venue else "", addressee, quoted, inherited,
                role, bool(named_by_role),
            )
    return _speakers_across_quotes(out, regions)


def _speakers_across_quotes(found: dict[Span, Attribution], regions: list[Span]) -> dict[Span, Attribution]:
    """Give every sentence of a quotation running over several sentences the speaker named at its close or opening.

    '"I did nothing wrong. I broke no laws," said Ms. Lerner' names the speaker only in the
    quotation's last sentence; the first is hers too, not a statement without a source.
    """
    spans = sorted(found)
    for start, end in regions:
        inside = [span for span in spans if span[0] < end and start < span[1]]
        if len(inside) < 2:
            continue
        sources = [found[span] for span in (inside[-1], inside[0]) if found[span].speaker_key and not found[span].inherited]
        if not sources:
            continue
        source = sources[0]
        for span in inside:
            if not found[span].speaker_key or found[span].inherited:
                found[span] = replace(
                    found[span], speaker=source.speaker, speaker_key=source.speaker_key, verb=source.verb,
                    role=source.role, resolved=source.resolved, inherited=True,
                )
    return found


def _outside_quotes(text: str, sentence: Span, regions: list[Span]) -> str:
    """The sentence with quoted words blanked out (same length), so a quote's words never read as its attribution."""
    chars = list(text[sentence[0]:sentence[1]])
    for start, end in regions:
        for at in range(max(start, sentence[0]), min(end, sentence[1])):
            chars[at - sentence[0]] = " " if not chars[at - sentence[0]].isspace() else chars[at - sentence[0]]
    return "".join(chars)
