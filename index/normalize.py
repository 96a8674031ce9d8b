"""Text normalisation for matching passages across outlets; never used for what is displayed.

Outlets spell the same words differently: curly or straight quotes, dashes, "Zelenskyy" or
"Zelensky", "three" or "3", "Russia's" or "Russia". Everything here maps such variants onto one
form so that comparisons see the words, not the typography.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.lang.porter import stem as _porter_stem

_QUOTE_MAP = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "–": "-", "—": "-", "―": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-",
        "…": "...", "\u00a0": " ",
    }
)

#: Words too common in any English news text to say anything about what a passage reports.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say saying told tell according also would could may might must shall
    mr mrs ms s t d ll re ve m o y one
    """.split()
)

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "dozen": "12", "half": "0.5",
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "mln": 10**6, "billion": 10**9, "bln": 10**9}

_WORD = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*%?", re.UNICODE)
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_DIGITS = re.compile(r"^\d[\d,.]*$")


def fold(text: str) -> str:
    """Typographic normalisation: one form of quotes and dashes, no accents, one case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text.lower()


def words(text: str) -> list[str]:
    """Folded word tokens in order, stop words included, possessives and number words resolved."""
    tokens: list[str] = []
    for match in _WORD.finditer(fold(text)):
        token = match.group()
        if token.endswith("'s"):
            token = token[:-2]
        elif token.endswith("'"):
            token = token[:-1]
        token = token.strip("'.,")
        if not token:
            continue
        tokens.append(token)
    return [_number(token) for token in _merge_multipliers(tokens)]


def _number(token: str) -> str:
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    if _DIGITS.match(token):
        cleaned = token.replace(",", "")
        if cleaned.endswith("."):
            cleaned = cleaned[:-1]
        return cleaned
    ordinal = _ORDINAL.match(token)
    if ordinal:
        return ordinal.group(1) + "th"
    return token


def _merge_multipliers(tokens: list[str]) -> list[str]:
    """Turn "2 million" / "2 mln" into "2000000" so it meets "2,000,000"."""
    merged: list[str] = []
    for token in tokens:
        factor = _MULTIPLIERS.get(token)
        previous = _number(merged[-1]) if merged else ""
        if factor and _is_number(previous):
            value = float(previous) * factor
            merged[-1] = str(int(value)) if value == int(value) else str(value)
            continue
        merged.append(token)
    return merged


def _is_number(token: str) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


#: Common news-reporting near-synonyms folded onto one key (general English, no story names).
SYNONYM_GROUPS = [
    "attack strike bomb bombing bombard bombardment shell shelling fire assault raid barrage",
    "halt pause stop cease suspend freeze refrain",
    "ask request urge implore persuade press",
    "agree accept consent",
    "city town",
    "kill death dead fatality die slay",
    "injure wound hurt injury",
    "confirm verify",
    "respond reply comment",
    "announce declare reveal unveil",
    "warn caution",
    "talk negotiation negotiate",
    "envoy negotiator representative",
    "resign quit step",
    "win victory triumph",
    "law legislation bill statute",
    "vote ballot",
    "criticize criticise slam blast condemn denounce",
    "support back endorse",
    "oppose reject",
    "investigate probe inquiry investigation",
    "president presidential",
    "government administration",
    "blackout outage",
    "electricity power",
    "cold freezing frigid",
    "missile rocket",
    "plan proposal",
    "end finish complete conclude",
    "demand insist",
]
_SYNONYM_OF: dict[str, str] = {}


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The matching key of one folded word: stemmed, transliteration variants collapsed."""
    if word[0].isdigit():
        return word
    if len(word) > 4 and word.endswith(("iy", "yi", "ij", "yy", "ii")):
        word = word[:-2] + "y"  # Zelenskiy / Zelenskyy / Zelensky
    stemmed = _stem(word)
    return _SYNONYM_OF.get(stemmed, stemmed)


@lru_cache(maxsize=50_000)
def plain_term(word: str) -> str:
    """Like :func:`term` but without the synonym groups: what a figure counts must be the thing itself
    ("23 steps" are not resignations, "12 bombs" are not 12 strikes)."""
    if word[0].isdigit():
        return word
    if len(word) > 4 and word.endswith(("iy", "yi", "ij", "yy", "ii")):
        word = word[:-2] + "y"
    return _stem(word)


def _stem(word: str) -> str:
    stemmed = _porter_stem(word) if len(word) > 3 else word
    if len(stemmed) > 3 and stemmed[-1] == stemmed[-2] and stemmed[-1].isalpha():
        stemmed = stemmed[:-1]  # doubled final letters: Zelenskyy/Zelensky, Assadd/Assad
    return stemmed


for _group in SYNONYM_GROUPS:
    _keys = [_stem(w) for w in _group.split()]
    for _key in _keys:
        _SYNONYM_OF.setdefault(_key, _keys[0])


def content_terms(text: str) -> list[str]:
    """Matching keys of the content words of ``text`` (stop words dropped), in order."""
    return [term(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def is_number_term(key: str) -> bool:
    """Whether a matching key is a number (figures agree or disagree between outlets)."""
    return key[:1].isdigit()
