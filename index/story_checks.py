"""Checks over a whole story rather than one pair of figures or attributions.

Each looks at every article at once: the day each outlet gives for one body's vote, a
superlative set in history that one outlet states and another quotes, and a claim one outlet
calls false in its own voice while another gives the dispute only as someone's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from index.attribution import Attribution
from index.attribution_checks import attribution_at, mentions_speaker
from index.factcheck_model import Flag, FlagSide, Relation, Span, flag_id_for, passage_of
from index.normalize import fold, term
from index.quantities import Quantity, dated_votes
from index.segment import all_sentences

__all__ = ["departure_dates", "departure_flags", "superlative_flags", "verdict_flags", "vote_day_flags"]


def vote_day_flags(
    ids: list[str], texts: dict[str, str], order: dict[str, int], units: dict[str, list[Span]], relation: Relation,
) -> list[Flag]:
    """Conflicts between the days two outlets give for one body's vote ("On Wednesday, the House voted" / "passed Tuesday").

    Only an article giving one day for that body's vote takes part, so two votes of one body
    on two days (a procedural vote, then passage) are never set against each other.
    """
    days: dict[str, dict[str, list[Quantity]]] = {}
    for article_id in ids:
        by_body: dict[str, list[Quantity]] = defaultdict(list)
        for q in dated_votes(texts[article_id]):
            by_body[q.measured].append(q)
        days[article_id] = {body: found for body, found in by_body.items() if len({q.value for q in found}) == 1}
    out: list[Flag] = []
    for x, a_id in enumerate(ids):
        for b_id in ids[x + 1:]:
            if order[a_id] > order[b_id]:
                a_id, b_id = b_id, a_id
            for body in days[a_id].keys() & days[b_id].keys():
                if days[a_id][body][0].value == days[b_id][body][0].value:
                    continue
                for qa in days[a_id][body]:
                    for qb in days[b_id][body]:
                        pa, pb = passage_of(units.get(a_id, []), qa.span), passage_of(units.get(b_id, []), qb.span)
                        rel, group = relation(a_id, pa, b_id, pb)
                        flag_id = flag_id_for("number", (a_id, qa.span), (b_id, qb.span))
                        reason = (f"{qa.text!r} vs {qb.text!r}: different days for the {body}; "
                                  "each outlet gives this one day for it")
                        out.append(Flag(flag_id, "number", "conflict", "different-value", reason,
                                        rel if rel.startswith("link:") else "story:sole", group,
                                        [FlagSide(a_id, pa, quantity=qa), FlagSide(b_id, pb, quantity=qb)]))
    return out


_SUPERLATIVE = re.compile(
    r"\b(?:most|biggest|largest|greatest|worst|best|deadliest|longest|\w{3,}est)\s+(?P<words>(?:[\w-]+\s+){0,4}?)(?P<head>[\w-]+)"
    r"(?:\s+(?:at|of|on|for|to)(?:\s+[\w-]+){1,4}?)?\s+(?P<frame>in (?:a|the last) (?:generation|decade|century)|"
    r"in (?:decades|generations|history|memory)|in (?:recent|modern|American|U\.S\.) history)\b", re.I)
"""A superlative set in history ("the most sweeping effort ... in a generation"): an evaluation, not a plain fact."""
_HISTORY_FRAME = re.compile(r"\b(?:generations?|decades?|century|history|memory)\b", re.I)
"""A cheap first look: no frame word, no superlative set in history."""


def superlative_flags(
    ids: list[str], texts: dict[str, str], attributions: dict[str, dict[Span, Attribution]], order: dict[str, int],
    relation: Relation,
) -> list[Flag]:
    """Conflicts where one outlet makes a superlative in history its own and another gives it as someone's quoted words.

    "Obama unveiled the most sweeping effort in a generation" (no source) against "Roe said it is
    the “most comprehensive effort in a generation”": the same evaluation, of the same thing (the
    noun it is said of) in the same frame ("in a generation"), stated by one outlet and quoted by
    the other. If both outlets state it, or both quote it, there is no divergence.
    """
    from index.similarity import quote_regions

    own: dict[str, list[tuple[Span, str, str, str]]] = defaultdict(list)  # sentence, head, frame, as written
    quoted: dict[str, list[tuple[Span, str, str, str, Attribution]]] = defaultdict(list)
    for article_id in ids:
        text = texts[article_id]
        if not _HISTORY_FRAME.search(text) or not _SUPERLATIVE.search(text):
            continue
        regions = quote_regions(text)
        for sentence in all_sentences(text):
            for match in _SUPERLATIVE.finditer(text, *sentence):
                key = (term(fold(match.group("head"))), fold(match.group("frame")).lower())
                inside = any(start <= match.start() and match.end() <= end + 1 for start, end in regions)
                found = attributions[article_id].get(sentence)
                if inside and found is not None and found.speaker_key and not found.inherited:
                    quoted[article_id].append((sentence, *key, match.group(), found))
                elif not inside and (found is None or not found.speaker_key):
                    own[article_id].append((sentence, *key, match.group()))
    out: list[Flag] = []
    for stated_id, stated in own.items():
        for quoting_id, quotes in quoted.items():
            if stated_id == quoting_id:
                continue
            also_stated = {(head, frame) for _, head, frame, _ in own.get(quoting_id, [])}
            for span_s, head, frame, stated_words in stated:
                for span_q, head_q, frame_q, quoted_words, source in quotes:
                    if (head, frame) != (head_q, frame_q) or (head, frame) in also_stated:
                        continue
                    (a_id, a_span), (b_id, b_span) = sorted([(stated_id, span_s), (quoting_id, span_q)], key=lambda x: order[x[0]])
                    rel, group = relation(a_id, a_span, b_id, b_span)
                    flag_id = flag_id_for("attribution", (a_id, a_span), (b_id, b_span))
                    reason = (f"one outlet says {stated_words!r} in its own words; "
                              f"the other gives it only as {source.speaker!r}'s words ({quoted_words!r})")
                    out.append(Flag(flag_id, "attribution", "conflict", "attributed-vs-unattributed", reason, rel, group,
                                    [FlagSide(a_id, a_span, attribution=attributions[a_id].get(a_span)),
                                     FlagSide(b_id, b_span, attribution=attributions[b_id].get(b_span))]))
    return out


VERDICT_LINK_SCORE = 0.75
"""Least link score for two passages to be taken as reporting one claim when one outlet calls it false itself."""
_OWN_VERDICT = re.compile(
    r"\b(?:falsely|erroneously|wrongly|incorrectly|mistakenly|inaccurately|misleadingly|baselessly|untruthfully)\s+"
    r"(?:\w+\s+)?(?:claim|say|said|assert|suggest|stat|insist|argu|tweet|told|tell)\w*", re.I)
"""A reporting verb the outlet itself calls false ("erroneously claiming"): a verdict in its own voice."""
_REBUTTAL = re.compile(r"\b(?:disagree|disput|denie|deny|denying|rebut|contest|contradict|countered|responded|rejected|refuted)\w*", re.I)
"""Words giving a dispute of a claim as someone's ("a point on which the group disagrees")."""


def verdict_flags(
    links: Sequence[Any], ids: list[str], texts: dict[str, str], attributions: dict[str, dict[Span, Attribution]],
    order: dict[str, int], relation: Relation,
) -> list[Flag]:
    """Verdict-vs-attributed conflicts over a story's closely linked passages, in link order (see :func:`_verdict_flag`).

    Only articles where an outlet calls something false in its own voice are looked at.
    """
    with_verdict = {article_id for article_id in ids if _OWN_VERDICT.search(texts[article_id])}
    out: list[Flag] = []
    for link in links:
        if link.a_id != link.b_id and link.score >= VERDICT_LINK_SCORE and {link.a_id, link.b_id} & with_verdict:
            flag = _verdict_flag(link, texts, attributions, order, relation)
            if flag is not None:
                out.append(flag)
    return out


def _verdict_flag(
    link: Any, texts: dict[str, str], attributions: dict[str, dict[Span, Attribution]], order: dict[str, int],
    relation: Relation,
) -> Flag | None:
    """A conflict when one outlet calls a claim false in its own voice and the other gives the dispute only as someone's.

    "X erroneously claimed the letters spoke for few" against "X said the letters spoke for few,
    a point the group disputes": the first outlet states the verdict, the second attributes it.
    Both passages must give the claim to the same speaker. An outlet that also gives the dispute
    as someone's in the same sentence still states the verdict itself, so it is flagged too.
    """
    a_id, a_span, b_id, b_span = link.a_id, link.a_span, link.b_id, link.b_span
    if order[a_id] > order[b_id]:
        a_id, a_span, b_id, b_span = b_id, b_span, a_id, a_span
    passage_a, passage_b = texts[a_id][a_span[0]:a_span[1]], texts[b_id][b_span[0]:b_span[1]]
    verdict_a, verdict_b = _OWN_VERDICT.search(passage_a), _OWN_VERDICT.search(passage_b)
    if bool(verdict_a) == bool(verdict_b):
        return None
    judged, judged_text, other, other_text, other_span = (
        (a_id, passage_a, b_id, passage_b, b_span) if verdict_a else (b_id, passage_b, a_id, passage_a, a_span))
    claimant = attribution_at(attributions[other], other_span)
    if claimant is None or not claimant.speaker_key or claimant.inherited or not _REBUTTAL.search(other_text):
        return None
    if not mentions_speaker(judged_text.lower(), claimant):
        return None
    verb = (verdict_a or verdict_b).group()
    rel, group = relation(a_id, a_span, b_id, b_span)
    flag_id = flag_id_for("attribution", (a_id, a_span), (b_id, b_span))
    sides = [FlagSide(a_id, a_span, attribution=attribution_at(attributions[a_id], a_span)),
             FlagSide(b_id, b_span, attribution=attribution_at(attributions[b_id], b_span))]
    reason = (f"one outlet itself calls {claimant.speaker!r}'s claim false ({verb!r}); "
              "the other gives the dispute only as someone's")
    return Flag(flag_id, "attribution", "conflict", "verdict-vs-attributed", reason, rel, group, sides)


_MONTH_NAMES = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_MONTH_NUMBER = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DEPARTURE_CHEAP = re.compile(r"\b(?:leav|step|retir|depart|last day|final day|resignation)", re.I)
_DEPARTURE = re.compile(
    r"\b(?P<term>leav(?:e|es|ing)|step(?:s|ping)? down|retir(?:e|es|ing)|depart(?:s|ing|ure)?|(?:last|final) day|"
    r"resignation (?:is |will be |would be )?effective)"
    r"(?P<between>(?:\s+(?!(?:for|to|from|and|but|or|after|before|when|if|said|says)\b)[\w’'-]+){0,3}?)"
    r"\s+(?P<connector>on|in|by|until|at|effective|will be|would be|is|was)\s+"
    rf"(?P<date>(?P<end>(?:the )?end of )?(?P<month>{_MONTH_NAMES})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?)"
)
"""A person's departure dated in the same clause: "will be leaving the administration on January 1",
"would be retiring at the end of February", "his final day in office will be Feb. 28"."""
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?(?:’s|'s|’|')?(?=[\s,.;:]|$)")
_NOT_NAMES = frozenset(
    "the a an in on at his her their its it this that these those but and or so as when while after before if "
    "mr mrs ms dr president secretary defense deputy acting vice sen rep gov governor general gen chief director "
    "minister prime former senator representative judge justice attorney speaker leader chairman chairwoman "
    "white house department pentagon administration congress senate cabinet marine army navy he she they we i "
    "was is were will would had has have did does could should can may might "
    "monday tuesday wednesday thursday friday saturday sunday".split()) | frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_APPOSITIVE = re.compile(r",\s+(?:who|which|whose)\b.*,|,\s+(?:a|an|the|\d+)\b[^,]*,|\s+(?:--|—|–)\s+[^—–]*?\s+(?:--|—|–)")
"""Asides between a name and its verb ("Mattis, a retired general who ..., would"; "Mattis, 68, will")."""


def _name_key(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word).lower()


def _is_name(match: re.Match[str], lower_words: frozenset[str]) -> bool:
    """Whether a capitalised word is a name: not a title or function word, and at a sentence start only if the text never writes it lower-case."""
    key = _name_key(match.group())
    return key not in _NOT_NAMES and (match.start() > 0 or key not in lower_words)


def _departing(sentence: str, term_start: int, lower_words: frozenset[str]) -> str:
    """The surname of who departs: the nearest name before the term once asides are cut, or the sentence's first for "his"/"her"."""
    before = sentence[:term_start]
    if re.search(r"\b(?:his|her)\s+$", before):
        names = [m.group() for m in _NAME.finditer(before) if _is_name(m, lower_words)]
        return _name_key(names[0]) if names else ""
    if re.search(r"\b(?:his|her|their|its)\b[^,;]*$", before):
        return ""  # "his planned departure": whose is not said here
    cut = _APPOSITIVE.sub(" ", before)
    names = [m.group() for m in _NAME.finditer(cut) if _is_name(m, lower_words)]
    if not names:
        return ""
    gap = cut[cut.rfind(names[-1]) + len(names[-1]):]
    if names[-1].endswith(("’s", "'s", "’", "'")):
        # "Mattis’ planned departure" is his; "Trump's decision to leave" is not said to be Trump's
        return _name_key(names[-1]) if re.fullmatch(r"(?:\s+(?:planned|final|last|expected|scheduled|abrupt|sudden|early|earlier|own))?\s*", gap) else ""
    if re.search(r"[.;:!?]|\b(?:said|says|told|announced|tweeted|wrote|that)\b", gap):
        return ""  # the name speaks; who leaves is not named
    return _name_key(names[-1])


def departure_dates(text: str) -> list[Quantity]:
    """Dates given for a named person's departure ("Mattis will leave at the end of February"), one :class:`Quantity` each.

    ``measured`` is ``departure of <surname>``; ``value`` is YYYYMMDD with 00 for an unknown
    year or day, and ``qualifier`` is "end of" for "the end of February" (its last days).
    """
    found: list[Quantity] = []
    if not _DEPARTURE_CHEAP.search(text):
        return found
    lower_words = frozenset(re.findall(r"\b[a-z]+\b", text))
    for start, end in all_sentences(text):
        sentence = text[start:end]
        for match in _DEPARTURE.finditer(sentence):
            who = _departing(sentence, match.start("term"), lower_words)
            if not who:
                continue
            month = _MONTH_NUMBER[match.group("month").lower().rstrip(".")[:3]]
            day = int(match.group("day") or 0)
            if match.group("end") and day:
                continue
            year = int(match.group("year") or 0)
            span = (start + match.start("date"), start + match.end("date"))
            found.append(Quantity(span, text[span[0]:span[1]], float(year * 10000 + month * 100 + day), "date", "date",
                                  f"departure of {who}", "=", "end of" if match.group("end") else "", "", "", (start, end)))
    return found




def _dates_agree(a: Quantity, b: Quantity) -> bool:
    """Whether two departure dates can be one day: same month, and the days equal, unknown, or the month's end."""
    (ya, ra), (yb, rb) = divmod(int(a.value), 10000), divmod(int(b.value), 10000)
    (ma, da), (mb, db) = divmod(ra, 100), divmod(rb, 100)
    if ya and yb and ya != yb or ma != mb:
        return False
    if da == db or (not da and not a.qualifier) or (not db and not b.qualifier):
        return True
    if a.qualifier and b.qualifier:
        return True
    return (db if a.qualifier else da) >= 28


def departure_flags(
    ids: list[str], texts: dict[str, str], order: dict[str, int], units: dict[str, list[Span]], relation: Relation,
) -> list[Flag]:
    """Conflicts between the dates two outlets give for one named person's departure ("leaving on January 1" / "retiring at the end of February").

    A date of one outlet is flagged against the other outlet's dates for that person only when
    it agrees with none of them, so an outlet that gives both the old and the new date of a
    moved departure is not set against one giving either.
    """
    dates = {article_id: departure_dates(texts[article_id]) for article_id in ids}
    out: list[Flag] = []
    for x, a_id in enumerate(ids):
        for b_id in ids[x + 1:]:
            if order[a_id] > order[b_id]:
                a_id, b_id = b_id, a_id
            for qa in dates[a_id]:
                for qb in dates[b_id]:
                    if qa.measured != qb.measured or _dates_agree(qa, qb):
                        continue
                    others_b = [q for q in dates[b_id] if q.measured == qa.measured]
                    others_a = [q for q in dates[a_id] if q.measured == qb.measured]
                    if any(_dates_agree(qa, q) for q in others_b) and any(_dates_agree(qb, q) for q in others_a):
                        continue
                    pa, pb = passage_of(units.get(a_id, []), qa.span), passage_of(units.get(b_id, []), qb.span)
                    rel, group = relation(a_id, pa, b_id, pb)
                    who = qa.measured.removeprefix("departure of ").title()
                    reason = f"{qa.text!r} vs {qb.text!r}: different dates for {who}'s departure"
                    out.append(Flag(flag_id_for("number", (a_id, qa.span), (b_id, qb.span)), "number", "conflict", "different-value",
                                    reason, rel if rel.startswith("link:") else "story:sole", group,
                                    [FlagSide(a_id, pa, quantity=qa), FlagSide(b_id, pb, quantity=qb)]))
    return out
