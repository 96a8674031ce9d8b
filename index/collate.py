"""Collate the links among N articles of one story into claims, coverage and quote variants."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from index.similarity import quote_regions
from index.worddiff import REWRITTEN_DISTANCE, word_diff

if TYPE_CHECKING:
    from index.align import ArticleLike, Cancelled, Progress

Span = tuple[int, int]

MAX_MEMBERS_PER_ARTICLE = 3
"""A claim holds at most this many passages of one article, so partial links cannot chain a story into one blob."""
GROUP_COHESION = 0.6
"""Share of the cross-article passage pairs of two claims that must be linked for them to join."""
_STRENGTH = {"partial": 0, "paraphrase": 1, "quote": 2}
_STEPS_PER_ARTICLE = 10
"""Progress steps for preparing one article; judging the candidate pairs gets as many as all articles."""


@dataclass(slots=True)
class CorpusLink:
    """A link between passages of two articles of the story."""

    a_id: str
    a_span: Span
    b_id: str
    b_span: Span
    score: float
    kind: str


@dataclass(slots=True)
class Group:
    """One claim: passages of several articles that report the same thing."""

    id: str
    kind: str
    score: float
    members: dict[str, list[Span]]


@dataclass(slots=True)
class QuoteVersion:
    """How one outlet gives a shared quote, and the words it changed against the reference."""

    article_id: str
    span: Span
    text: str
    rewritten: bool
    ops: list[tuple[str, str, str]]


@dataclass(slots=True)
class QuoteVariants:
    """The same direct quote as given by different outlets."""

    group_id: str
    reference_article: str
    versions: list[QuoteVersion]


@dataclass(slots=True)
class Alignment:
    """Everything the compare view shows for one story."""

    article_ids: list[str]
    links: list[CorpusLink] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    only_in: dict[str, list[Span]] = field(default_factory=dict)
    coverage: dict[str, dict[str, str]] = field(default_factory=dict)
    quote_variants: list[QuoteVariants] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (see index/ALIGN_JSON.md)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alignment:
        """Rebuild from :meth:`to_dict` output."""
        span = lambda value: (int(value[0]), int(value[1]))  # noqa: E731
        return cls(
            article_ids=list(data["article_ids"]),
            links=[CorpusLink(l["a_id"], span(l["a_span"]), l["b_id"], span(l["b_span"]), float(l["score"]), l["kind"]) for l in data["links"]],
            groups=[
                Group(g["id"], g["kind"], float(g["score"]), {k: [span(s) for s in v] for k, v in g["members"].items()})
                for g in data["groups"]
            ],
            only_in={k: [span(s) for s in v] for k, v in data["only_in"].items()},
            coverage={k: dict(v) for k, v in data["coverage"].items()},
            quote_variants=[
                QuoteVariants(
                    q["group_id"],
                    q["reference_article"],
                    [QuoteVersion(v["article_id"], span(v["span"]), v["text"], bool(v["rewritten"]), [tuple(o) for o in v["ops"]]) for v in q["versions"]],
                )
                for q in data["quote_variants"]
            ],
        )


def collate(articles: Sequence[ArticleLike], *, progress: Progress | None = None, cancelled: Cancelled | None = None) -> Alignment:
    """Align N articles and collate; see :func:`index.align.align_corpus`."""
    from index.align import article_units, link_units
    from index.errors import AlignmentCancelled

    ids = [article.id for article in articles]
    texts = {article.id: article.text for article in articles}
    prepare_steps = _STEPS_PER_ARTICLE * len(articles)
    total = 2 * prepare_steps

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise AlignmentCancelled("The alignment was stopped before it finished.")
        if progress is not None:
            progress(min(done, total), total)

    units = []
    for index, article in enumerate(articles):
        step(index * _STEPS_PER_ARTICLE)
        units.extend(article_units(article.text, index))
    step(prepare_steps)

    def batch_done(done: int, candidates: int) -> None:
        step(prepare_steps + (prepare_steps * done) // max(1, candidates))

    scored = link_units(units, batch_done=batch_done)
    step(total)
    links = [
        CorpusLink(ids[units[i].article], units[i].span, ids[units[j].article], units[j].span, result.score, result.kind or "partial")
        for i, j, result in scored
    ]
    groups = _groups(units, scored, ids)
    linked = {(ids[units[i].article], units[i].span) for i, j, _ in scored} | {
        (ids[units[j].article], units[j].span) for i, j, _ in scored
    }
    only_in = {
        article_id: [unit.span for unit in units if ids[unit.article] == article_id and (article_id, unit.span) not in linked]
        for article_id in ids
    }
    coverage = {}
    for group in groups:
        coverage[group.id] = {article_id: group_coverage(group, article_id, links) for article_id in ids}
    quote_graph: dict[tuple[str, Span], set[tuple[str, Span]]] = defaultdict(set)
    for link in links:
        if link.kind == "quote":
            quote_graph[(link.a_id, link.a_span)].add((link.b_id, link.b_span))
            quote_graph[(link.b_id, link.b_span)].add((link.a_id, link.a_span))
    variants = [v for group in groups if group.kind == "quote" for v in [_quote_variants(group, texts, ids, quote_graph, links)] if v]
    links.sort(key=lambda link: (ids.index(link.a_id), link.a_span, ids.index(link.b_id), link.b_span))
    return Alignment(ids, links, groups, only_in, coverage, variants)


def _groups(units: Sequence[Any], scored: Sequence[tuple[int, int, Any]], ids: list[str]) -> list[Group]:
    """Claims: passages joined strongest link first, a merge only when the two sides are mostly linked.

    Joining on any one link (single linkage) chains a headline to a lede to a quote to a drone
    count: a claim must hold one statement, so two claims join only when at least
    :data:`GROUP_COHESION` of their cross-article passage pairs are themselves linked.
    """
    parent = list(range(len(units)))
    members: dict[int, dict[int, int]] = {i: {units[i].article: 1} for i in range(len(units))}
    between: dict[int, Counter[int]] = defaultdict(Counter)  # cluster root -> links to each other cluster, kept on merges
    for i, j, _ in scored:
        between[i][j] += 1
        between[j][i] += 1

    def cohesive(root_i: int, root_j: int) -> bool:
        size_i, size_j = sum(members[root_i].values()), sum(members[root_j].values())
        same_article = sum(count * members[root_j].get(article, 0) for article, count in members[root_i].items())
        cross = size_i * size_j - same_article
        return cross == 0 or between[root_i][root_j] >= GROUP_COHESION * cross

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = sorted(scored, key=lambda item: (-_STRENGTH[item[2].kind], -item[2].score))
    for i, j, _ in order:
        root_i, root_j = find(i), find(j)
        if root_i == root_j:
            continue
        merged = dict(members[root_i])
        for article, count in members[root_j].items():
            merged[article] = merged.get(article, 0) + count
        if max(merged.values()) > MAX_MEMBERS_PER_ARTICLE or not cohesive(root_i, root_j):
            continue
        if len(between[root_i]) < len(between[root_j]):
            root_i, root_j = root_j, root_i  # fold the smaller link table into the larger
        parent[root_j] = root_i
        members[root_i] = merged
        for other, count in between.pop(root_j).items():
            if other != root_i:
                between[root_i][other] += count
                between[other][root_i] += count
            between[other].pop(root_j, None)
    clusters: dict[int, list[int]] = defaultdict(list)
    best: dict[int, tuple[int, float]] = {}
    for i, j, result in scored:
        root = find(i)
        if root != find(j):
            continue
        for x in (i, j):
            if x not in clusters[root]:
                clusters[root].append(x)
        strength = (_STRENGTH[result.kind], result.score)
        best[root] = max(best.get(root, (-1, 0.0)), strength)
    groups = []
    for root, unit_indexes in clusters.items():
        by_article: dict[str, list[Span]] = defaultdict(list)
        for x in sorted(unit_indexes, key=lambda x: (units[x].article, units[x].span)):
            by_article[ids[units[x].article]].append(units[x].span)
        strength, score = best[root]
        kind = {v: k for k, v in _STRENGTH.items()}[strength]
        groups.append((min((units[x].article, units[x].span) for x in unit_indexes), kind, score, dict(by_article)))
    groups.sort(key=lambda g: (-len(g[3]), g[0]))
    return [Group(f"g{n + 1}", kind, round(score, 4), by_article) for n, (_, kind, score, by_article) in enumerate(groups)]


def group_coverage(group: Group, article_id: str, links: Sequence[CorpusLink]) -> str:
    """``full`` if the article states the claim (quote or paraphrase), ``partial``, or ``absent``."""
    spans = set(group.members.get(article_id, []))
    if not spans:
        return "absent"
    for link in links:
        if link.kind == "partial":
            continue
        if (link.a_id == article_id and link.a_span in spans) or (link.b_id == article_id and link.b_span in spans):
            return "full"
    return "partial"


def _quote_variants(group: Group, texts: dict[str, str], ids: Sequence[str], quote_graph: dict[tuple[str, Span], set[tuple[str, Span]]],
                    links: Sequence[CorpusLink]) -> QuoteVariants | None:
    """The group's quote as each outlet gives it: the quoted words closest to the group's best-linked quote.

    The outlets' versions are found along quote links, also into passages another claim holds (an
    outlet that frames the quote differently still quotes the same words); in each passage the
    quotation nearest to the group's quote is taken, and one that is no version of it is left out.
    """
    members = {(article_id, span) for article_id, spans in group.members.items() for span in spans}
    inside = [link for link in links if link.kind == "quote" and ((link.a_id, link.a_span) in members or (link.b_id, link.b_span) in members)]
    if not inside:
        return None
    best = max(inside, key=lambda link: (((link.a_id, link.a_span) in members) + ((link.b_id, link.b_span) in members), link.score))
    anchor = _shared_quote(texts, best, members)
    if anchor is None:
        return None
    reached = {passage for passage in members if passage in quote_graph}
    stack = list(reached)
    while stack:
        for other in quote_graph[stack.pop()]:
            if other not in reached:
                reached.add(other)
                stack.append(other)
    chosen: list[tuple[str, Span]] = []
    for article_id in sorted({a for a, _ in reached}, key=lambda a: (a not in group.members, ids.index(a))):
        text = texts[article_id]
        regions = [region for a, span in reached if a == article_id for region in _quotations(text, span)]
        if not regions:
            continue
        distance, span = min((word_diff(anchor, text[r[0]:r[1]]).distance, r) for r in regions)
        if distance <= REWRITTEN_DISTANCE:
            chosen.append((article_id, span))  # else: linked, but none of its quotations is this quote
    if len(chosen) < 2:
        return None
    reference_id, reference_span = chosen[0]
    reference = texts[reference_id][reference_span[0]:reference_span[1]]
    versions = []
    for article_id, span in sorted(chosen, key=lambda item: ids.index(item[0])):
        quote = texts[article_id][span[0]:span[1]]
        diff = word_diff(reference, quote)
        versions.append(QuoteVersion(article_id, span, quote, diff.rewritten, [tuple(op) for op in diff.ops]))
    return QuoteVariants(group.id, reference_id, versions)


def _quotations(text: str, span: Span) -> list[Span]:
    return [region for region in quote_regions(text, *span) if region[1] - region[0] > 3]


def _shared_quote(texts: dict[str, str], link: CorpusLink, members: set[tuple[str, Span]]) -> str | None:
    """The quotation a quote link shares, as the group's side gives it: of the quotations in the two
    passages, the pair nearest each other (a passage may quote two things)."""
    side, other = ((link.a_id, link.a_span), (link.b_id, link.b_span))
    if side not in members:
        side, other = other, side
    text, other_text = texts[side[0]], texts[other[0]]
    pairs = [(word_diff(text[a[0]:a[1]], other_text[b[0]:b[1]]).distance, a)
             for a in _quotations(text, side[1]) for b in _quotations(other_text, other[1])]
    if not pairs:
        return None
    _, (start, end) = min(pairs)
    return text[start:end]
