"""Cross-source fact check: figures and attributions on which the outlets of one story disagree.

For every pair of passages from different articles of a story, figures about the same thing
are compared (:mod:`index.quantities`), and for passages the aligner links as the same quote
or statement, who said it, where and to whom (:mod:`index.attribution`). Each compared pair
that differs becomes a :class:`Flag`: ``conflict`` when a careful reader should look, or
``not-conflict`` with the reason it only looks like one (different thing counted, different
time scope or place, approximate figures within tolerance, compatible bounds, an unstated
venue). Flag ids are derived from the article ids and offsets, so they are stable while the
texts are.

This module drives the checks and caches their result: the pairwise ones live in
:mod:`index.number_checks` and :mod:`index.attribution_checks`, the ones over a whole story in
:mod:`index.story_checks`, and the flags themselves in :mod:`index.factcheck_model`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.attribution import extract_attributions
from index.attribution_checks import attribution_at, compare_attributions, same_fact, same_statement, story_topic_names
from index.dated_flags import add_dates, article_day
from index.factcheck_model import FactCheck, Flag, FlagSide, Span, flag_id_for, passage_of
from index.number_checks import NUMBER_PARTIAL_SCORE, compare_quantities, contents_of, count_words, far_from_vague, one_set, same_days, same_figure, second_look
from index.quantities import Quantity, compared_in_sentence, extract_quantities, same_thing, when_in_clause
from index.relative_dates import day_flags
from index.story_checks import departure_flags, superlative_flags, verdict_flags, vote_day_flags

if TYPE_CHECKING:
    from index.align import ArticleLike
    from index.collate import Alignment

__all__ = ["FACTCHECK_VERSION", "FactCheck", "Flag", "FlagSide", "cached_check_story", "check_story", "compare_quantities"]

FACTCHECK_VERSION = "factcheck-28"
"""Changes whenever flags would change; part of every cache key (with the aligner's version)."""
SAME_EVENT_PASSAGES = 3
"""Passages of each article that must be linked to the other before their lone counts of a thing are
compared story-wide: articles that retell fewer passages of each other may report different events."""


def check_story(articles: Sequence[ArticleLike], alignment: Alignment) -> FactCheck:
    """Compare the figures and attributions of one story's articles.

    Args:
        articles: The story's articles (``.id``, ``.text``), as given to the aligner.
        alignment: Their :class:`index.collate.Alignment`.

    Returns:
        The story's flags: conflicts first, then look-alikes, each in text order.
    """
    texts = {article.id: article.text for article in articles}
    ids = [article.id for article in articles]
    order = {article_id: n for n, article_id in enumerate(ids)}
    units: dict[str, set[Span]] = defaultdict(set)
    for link in alignment.links:
        units[link.a_id].add(link.a_span)
        units[link.b_id].add(link.b_span)
    for article_id, spans in alignment.only_in.items():
        units[article_id].update(spans)
    sorted_units = {article_id: sorted(spans) for article_id, spans in units.items()}
    retold: dict[tuple[str, str], set[Span]] = defaultdict(set)  # (article, other) -> its passages linked to the other
    for link in alignment.links:
        retold[(link.a_id, link.b_id)].add(link.a_span)
        retold[(link.b_id, link.a_id)].add(link.b_span)
    link_kind: dict[tuple[str, Span, str, Span], tuple[str, float]] = {}
    for link in alignment.links:
        link_kind[(link.a_id, link.a_span, link.b_id, link.b_span)] = (link.kind, link.score)
        link_kind[(link.b_id, link.b_span, link.a_id, link.a_span)] = (link.kind, link.score)
    group_of: dict[tuple[str, Span], str] = {}
    for group in alignment.groups:
        for article_id, spans in group.members.items():
            for span in spans:
                group_of.setdefault((article_id, span), group.id)

    def relation(a_id: str, a_span: Span, b_id: str, b_span: Span) -> tuple[str, str | None]:
        """How the aligner relates two passages, and their shared group if any."""
        found = link_kind.get((a_id, a_span, b_id, b_span))
        group = group_of.get((a_id, a_span))
        same_group = group if group is not None and group == group_of.get((b_id, b_span)) else None
        if found:
            return f"link:{found[0]}", same_group
        return ("group", same_group) if same_group else ("story", None)

    flags: dict[str, Flag] = {}
    quantities = {article_id: [(q, passage_of(sorted_units.get(article_id, []), q.span)) for q in extract_quantities(texts[article_id])] for article_id in ids}
    by_sentence: dict[tuple[str, Span], list[Quantity]] = defaultdict(list)
    for article_id in ids:
        for q, _ in quantities[article_id]:
            by_sentence[(article_id, q.sentence)].append(q)
    by_dimension: dict[str, list[tuple[str, Quantity, Span]]] = defaultdict(list)
    for article_id in ids:
        for q, passage in quantities[article_id]:
            by_dimension[q.dimension].append((article_id, q, passage))
    counts = {article_id: [q for q, _ in quantities[article_id] if q.dimension == "count" and q.measured] for article_id in ids}
    contents = {(article_id, q.span): contents_of(texts[article_id], q) for article_id in ids for q in counts[article_id]}

    def one_count(article_id: str, q: Quantity) -> bool:
        """Whether every count of this thing in the article gives this figure (the article's one count of it).

        A count of containers holding something ("pages of emails") is set only against counts
        of the same containers holding the same thing.
        """
        if not q.measured or compared_in_sentence(texts[article_id], q):
            return False
        held = contents[(article_id, q.span)]
        return all(same_figure(q, other) for other in counts[article_id]
                   if same_thing(q, other) and (not held or contents[(article_id, other.span)] == held))

    sole = {(article_id, q.span) for article_id in ids for q in counts[article_id] if one_count(article_id, q)}

    def lone_duration(article_id: str, q: Quantity) -> bool:
        return sum(other.dimension == "duration" for other in by_sentence[(article_id, q.sentence)]) == 1

    for bucket in by_dimension.values():
        for x, (a_id, qa, pa) in enumerate(bucket):
            for b_id, qb, pb in bucket[x + 1:]:
                if a_id == b_id:
                    continue
                if order[a_id] > order[b_id]:
                    a_id, qa, pa, b_id, qb, pb = b_id, qb, pb, a_id, qa, pa
                rel, group = relation(a_id, pa, b_id, pb)
                held_a, held_b = contents.get((a_id, qa.span), ""), contents.get((b_id, qb.span), "")
                if held_a and held_b and held_a != held_b:
                    continue  # pages of emails and pages of a report are different things
                if qa.dimension == "duration" and not (lone_duration(a_id, qa) and lone_duration(b_id, qb)):
                    continue  # a span of time says nothing of what it is the span of: only a sentence's one span is compared
                only_counts = ((a_id, qa.span) in sole and (b_id, qb.span) in sole and held_a == held_b
                               and min(len(retold[(a_id, b_id)]), len(retold[(b_id, a_id)])) >= SAME_EVENT_PASSAGES
                               and (one_set(qa, qb) or qa.measured.startswith("people ") and far_from_vague(qa, qb))
                               and same_days(when_in_clause(texts[a_id], qa), when_in_clause(texts[b_id], qb)))
                if rel == "story" and only_counts:
                    rel = "story:sole"
                verdict = compare_quantities(qa, qb, rel)
                if verdict is not None and verdict[0] == "conflict":
                    score = link_kind.get((a_id, pa, b_id, pb), ("", 0.0))[1]
                    figures = (by_sentence[(a_id, qa.sentence)], by_sentence[(b_id, qb.sentence)])
                    verdict = second_look(verdict, qa, qb, texts[a_id], texts[b_id], rel, score, figures, only_counts) or verdict
                    if verdict[0] == "conflict" and only_counts and not rel.startswith("link:"):
                        verdict = (*verdict[:2], f"{verdict[2]}; each outlet gives this as its one count of {count_words(qa)[1] or qa.measured!r}", verdict[3])
                if verdict is not None:
                    status, code, reason, diff = verdict
                    flag_id = flag_id_for("number", (a_id, qa.span), (b_id, qb.span))
                    flags[flag_id] = Flag(flag_id, "number", status, code, reason, rel, group,
                                          [FlagSide(a_id, pa, quantity=qa), FlagSide(b_id, pb, quantity=qb)], diff)
    for flag in vote_day_flags(ids, texts, order, sorted_units, relation):
        flags.setdefault(flag.id, flag)
    for flag in departure_flags(ids, texts, order, sorted_units, relation):
        flags.setdefault(flag.id, flag)
    days = {article.id: article_day(getattr(article, "date", None)) for article in articles}
    for flag in day_flags(alignment.links, texts, days, order, NUMBER_PARTIAL_SCORE):
        flags.setdefault(flag.id, flag)
    attributions = {article_id: extract_attributions(texts[article_id]) for article_id in ids}
    topic_names = story_topic_names(ids, texts)
    for link in alignment.links:
        if link.a_id == link.b_id:
            continue
        if link.kind == "partial" and not same_fact(texts, link, topic_names):
            continue
        a_id, a_span, b_id, b_span = link.a_id, link.a_span, link.b_id, link.b_span
        if order[a_id] > order[b_id]:
            a_id, a_span, b_id, b_span = b_id, b_span, a_id, a_span
        attr_a, attr_b = attribution_at(attributions[a_id], a_span), attribution_at(attributions[b_id], b_span)
        if attr_a is None or attr_b is None:
            continue
        rel, group = relation(a_id, a_span, b_id, b_span)
        verdict_a = compare_attributions(attr_a, attr_b, texts[a_id], texts[b_id], rel)
        if verdict_a is not None and verdict_a[0] == "conflict" and not same_statement(attr_a, attr_b, texts[a_id], texts[b_id], rel, link.score, verdict_a[1]):
            verdict_a = ("not-conflict", "unconfirmed-same-statement",
                         f"{verdict_a[2]}; but the aligner links these passages only loosely and they share no quoted words, "
                         "so nothing shows they report the same statement")
        if verdict_a is not None:
            status, code, reason = verdict_a
            flag_id = flag_id_for("attribution", (a_id, a_span), (b_id, b_span))
            flags[flag_id] = Flag(flag_id, "attribution", status, code, reason, rel, group,
                                  [FlagSide(a_id, a_span, attribution=attr_a), FlagSide(b_id, b_span, attribution=attr_b)])
    for flag in superlative_flags(ids, texts, attributions, order, relation):
        flags.setdefault(flag.id, flag)
    for flag in verdict_flags(alignment.links, ids, texts, attributions, order, relation):
        flags.setdefault(flag.id, flag)
    ordered = sorted(
        flags.values(),
        key=lambda f: (f.status != "conflict", f.kind != "number", order[f.sides[0].article_id], f.sides[0].span, order[f.sides[1].article_id], f.sides[1].span),
    )
    return FactCheck(ids, add_dates(ordered, days))


# -- cache -----------------------------------------------------------------------------------------


def cache_key(articles: Sequence[ArticleLike]) -> str:
    """The key of a story's flags: ids, content hashes and dates, the aligner's and this module's versions."""
    from index.align import ALGORITHM_VERSION, content_hash

    parts = sorted(f"{article.id}\t{content_hash(article)}\t{getattr(article, 'date', None)}" for article in articles)
    return hashlib.sha256("\n".join([ALGORITHM_VERSION, FACTCHECK_VERSION, *parts]).encode("utf-8", "surrogatepass")).hexdigest()


def cached_check_story(articles: Sequence[ArticleLike], cache_dir: Path | None) -> FactCheck:
    """:func:`check_story` on the story's (cached) alignment, itself cached in ``cache_dir/factcheck``.

    Args:
        articles: The story's articles.
        cache_dir: The alignment cache folder (see :func:`index.align_cache.cached_align_corpus`),
            or ``None`` for no caching at all.

    Returns:
        The story's flags. A cache file that cannot be read is ignored and rewritten; a cache
        folder that cannot be written costs speed, never results.
    """
    from index.align_cache import cached_align_corpus

    if cache_dir is None:
        return check_story(articles, cached_align_corpus(articles, None))
    folder = cache_dir / "factcheck"
    path = folder / f"{cache_key(articles)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("version") == FACTCHECK_VERSION and sorted(stored["factcheck"]["article_ids"]) == sorted(a.id for a in articles):
            return FactCheck.from_dict(stored["factcheck"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass  # missing or unreadable: computed again below and rewritten
    result = check_story(articles, cached_align_corpus(articles, cache_dir))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".factcheck-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": FACTCHECK_VERSION, "factcheck": result.to_dict()}, out)
        os.replace(temp, path)
    except OSError:
        pass  # a read-only or full cache folder costs speed, never results
    return result
