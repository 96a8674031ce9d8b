"""Search the index: one query language for the CLI and the search box, highlighted snippets.

Queries are checked first (``query.split_query``) so nothing is searched when the syntax is
wrong. The alignment fields (``only:``, ``outlets:``, ``flag:``) are not in the index: they are
whole-query filters, evaluated from the corpus's cached alignments (``passage_filters``) into a
set of document numbers that Whoosh applies with ``filter=`` (why: see ``passage_filters``).
Source facets count every matching passage per outlet from a column, in the same pass.
Highlighting is our own: Whoosh returns the index terms that matched each hit (``terms=True``)
and we mark the tokens of the stored paragraph that analyse to those terms, which costs a
fraction of Whoosh's highlighter and never re-expands fuzzy or prefix terms.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.qparser import FuzzyTermPlugin, QueryParser
from whoosh.searching import Searcher

from .query import PassageFilter, split_query, tokenize
from .store import Store

if TYPE_CHECKING:
    from .passage_filters import CorpusFacts, PassageFacts

FactsProvider = Callable[[], "CorpusFacts"]
"""Gives the corpus's alignment facts (computed or read from the cache on first use)."""

Sort = Literal["relevance", "date"]
SNIPPET_CHARS = 220
#: How many index terms a half-typed last word expands to (most frequent first).
TYPING_EXPANSIONS = 8
#: The completions' document frequencies may add up to at most this share of the index: past it,
#: scoring the union costs more than a keystroke may (Whoosh scores in pure Python).
TYPING_POSTINGS_SHARE = 0.04
#: A completion found in more than this share of passages says nothing ("th" -> "the") and is skipped.
TYPING_COMMON_SHARE = 0.2
_TYPING_SCAN_LIMIT = 4000
_stem_analyzer = StemmingAnalyzer(stoplist=None)
_SUGGESTABLE = re.compile(r"^([^\W\d_]+)(?:~\d?)?$")


@dataclass(frozen=True)
class Hit:
    """One matching passage (a paragraph, or a chunk of a very long one)."""

    article: str
    source: str
    title: str
    date: str | None
    paragraph: int
    start: int
    end: int
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    """Highlighted ranges, as offsets into ``snippet``."""
    match_start: int
    """Offset in the article text of the first highlighted word (where Enter should land)."""

    def as_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "match_start": self.match_start,
        }


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    exact_total: bool = True
    """False when ``total`` is a lower bound (more passages matched than were ranked)."""
    suggestion: str | None = None
    """A "did you mean" query built from the index's own terms, offered when nothing matched."""
    facets: dict[str, int] = field(default_factory=dict)
    """Matching passages per source over all matches (not only the hits shown), largest first;
    empty unless asked for (``facets=True``)."""
    note: str | None = None
    """Why an alignment field cannot match anything here (no story has two or more articles)."""
    elapsed_ms: float = 0.0


class SearchEngine:
    """Runs queries against a Store's index; keep one per store (it keeps a parser and a searcher)."""

    def __init__(self, store: Store, facts: FactsProvider | None = None) -> None:
        """Args:
        store: The open index.
        facts: Gives the alignment facts for ``only:``/``outlets:``/``flag:``; without it those
            fields are refused.
        """
        self.store = store
        self.facts = facts
        self.parser = QueryParser("text", store.index.schema)
        self.parser.add_plugin(FuzzyTermPlugin())
        self._filter_table: tuple[Searcher, CorpusFacts, dict[int, PassageFacts]] | None = None
        self._filter_sets: dict[tuple[tuple[str, str, int | str], ...], set[int]] = {}

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        as_you_type: bool = False,
        facets: bool = False,
    ) -> SearchResult:
        """Run ``query``; with ``as_you_type`` the last, unfinished word also matches its completions.

        Args:
            facets: Also count every matching passage per source (``SearchResult.facets``); it
                makes ``total`` exact.

        Raises:
            QuerySyntaxError: the query would be rewritten by Whoosh; nothing was searched.
            CrossreadError: the query has alignment fields and this engine has no facts provider.
        """
        began = time.perf_counter()
        split = split_query(query)
        self.store.refresh()  # another crossread process may have re-indexed since the last query
        searcher = self.store.searcher()
        result = SearchResult(query=query)
        allowed: set[int] | None = None
        if split.filters:
            allowed, result.note = self._allowed_docs(searcher, split.filters)
        parsed = self._parse(split.text, searcher, as_you_type)
        if allowed is not None and not allowed:
            # Whoosh reads an empty filter set as no filter at all.
            result.suggestion = self._suggest(query, searcher)
            result.elapsed_ms = (time.perf_counter() - began) * 1000
            return result
        results = searcher.search(
            parsed,
            limit=limit,
            terms=True,
            filter=allowed,
            # Top-N block skipping behind a filter set is pathological in Whoosh (a date query
            # plus outlets:>=2 took 290 ms instead of 20 at 10k articles): rank every allowed match.
            optimize=allowed is None,
            sortedby="date" if sort == "date" else None,
            reverse=sort == "date",
            # Counted as the collector passes over every match: a second pass (docs_for_query)
            # would expand fuzzy and prefix terms again, up to 60 ms more at 10k articles.
            groupedby=sorting.FieldFacet("outlet", maptype=sorting.Count) if facets else None,
        )
        if facets:
            result.facets = _facets(results.groups("outlet"))
            result.total, result.exact_total = sum(result.facets.values()), True
        else:
            # An exact count can cost as much as the search itself (fuzzy and prefix terms are
            # expanded again), so a top-N search reports "at least N" instead.
            known = results.has_exact_length()
            result.total = len(results) if known else results.scored_length()
            result.exact_total = known or result.total < limit
        # With groupedby Whoosh ranks every match (no top-N skipping); only the top ``limit`` become hits.
        # A hit found by alignment fields alone shows, and lands on, the first sentence that meets them.
        by_docnum = self._filter_table[2] if self._filter_table is not None and split.filters and not tokenize(split.text) else {}
        for whoosh_hit in results[:limit]:
            matched = {term.decode("utf-8") for name, term in whoosh_hit.matched_terms() if name == "text"}
            passage = by_docnum.get(whoosh_hit.docnum)
            focus = next((s.span for s in passage.sentences
                          if all(f.holds(s.only, s.outlets, s.flags) for f in split.filters)), None) if passage else None
            result.hits.append(_make_hit(whoosh_hit, whoosh_hit.score or 0.0, matched, focus))
        if not result.hits:
            result.suggestion = self._suggest(query, searcher)
        result.elapsed_ms = (time.perf_counter() - began) * 1000
        return result

    def _allowed_docs(self, searcher: Searcher, filters: tuple[PassageFilter, ...]) -> tuple[set[int], str | None]:
        """The document numbers that pass every alignment filter, cached per index snapshot and facts."""
        if self.facts is None:
            from .errors import CrossreadError

            raise CrossreadError(
                f"'{filters[0].text}' needs the corpus's alignments, which this search has no access to; "
                "search through a Library"
            )
        facts = self.facts()
        note = None
        if facts.stories == 0:
            note = "only:, outlets: and flag: look at stories of two or more articles, and this corpus has none"
        table = self._filter_table
        if table is None or table[0] is not searcher or table[1] is not facts:
            self._filter_table = table = (searcher, facts, _facts_by_docnum(searcher, facts))
            self._filter_sets.clear()
        key = tuple(sorted((f.field, f.comparison, f.value) for f in filters))
        allowed = self._filter_sets.get(key)
        if allowed is None:
            allowed = {
                docnum
                for docnum, passage in table[2].items()
                if all(f.holds(passage.only, passage.outlets, passage.flags) for f in filters)
            }
            if len(self._filter_sets) >= 32:
                self._filter_sets.clear()
            self._filter_sets[key] = allowed
        return allowed, note

    def _parse(self, query: str, searcher: Searcher, as_you_type: bool) -> wq.Query:
        tokens = tokenize(query)
        if not tokens:  # only alignment filters: every passage they allow
            return wq.Every()
        last = tokens[-1]
        typing_word = (
            as_you_type
            and last.kind == "word"
            and not query[-1:].isspace()
            and last.text.isalnum()
            and last.text not in ("AND", "OR", "NOT")
        )
        parsed = _rewrite(self.parser.parse(query))
        if not typing_word:
            return parsed
        head = query[: last.position].strip()
        if len(tokens) > 1 and tokens[-2].text in ("AND", "OR", "NOT"):
            return parsed  # an operator before the word: keep the whole query's structure
        if len(last.text) < 3:  # one or two letters: wait for more before expanding
            return _rewrite(self.parser.parse(head)) if head else parsed
        expansions = _completions(searcher, last.text.lower())
        if not expansions:
            return parsed
        completions = wq.Or([self.parser.parse(last.text)] + [wq.Term("text", t) for t in expansions])
        if not head:
            return completions
        return wq.And([_rewrite(self.parser.parse(head)), completions])

    def _suggest(self, query: str, searcher: Searcher) -> str | None:
        """The query with each word the index does not know replaced by the closest word it does."""
        corrected = query
        changed = False
        for token in reversed(tokenize(query)):
            bare = _SUGGESTABLE.match(token.text) if token.kind == "word" else None
            if bare is None or token.text in ("AND", "OR", "NOT"):
                continue
            word = bare.group(1)
            stem = _stem(word.lower())
            if stem and searcher.doc_frequency("text", stem):
                continue
            options = searcher.suggest("text", word.lower(), limit=1, maxdist=2, prefix=1)
            if options:
                start = token.position
                corrected = corrected[:start] + options[0] + corrected[start + len(word) :]
                changed = True
        return corrected.strip() if changed else None


def _facets(counts: dict[object, int]) -> dict[str, int]:
    """Passages per outlet, largest first, from the outlet column's raw values."""
    named = Counter[str]()
    for outlet, count in counts.items():
        named[outlet.decode("utf-8", "surrogatepass") if isinstance(outlet, bytes) else str(outlet)] += count
    return dict(sorted(named.items(), key=lambda item: (-item[1], item[0])))


def _facts_by_docnum(searcher: Searcher, facts: CorpusFacts) -> dict[int, PassageFacts]:
    """Passage facts by document number, for every indexed passage the alignment says something about."""
    reader = searcher.reader()
    if reader.doc_count_all() == 0:
        return {}  # an empty index has no columns to read
    out: dict[int, PassageFacts] = {}
    passages = facts.passages
    for docnum, (article, start) in enumerate(zip(reader.column_reader("article"), reader.column_reader("passage_start"))):
        by_start = passages.get(article)
        found = by_start.get(start) if by_start is not None else None
        if found is not None:
            out[docnum] = found
    return out


def _stem(word: str) -> str:
    tokens = [t.text for t in _stem_analyzer(word)]
    return tokens[0] if tokens else ""


def _completions(searcher: Searcher, prefix: str) -> list[str]:
    """The most frequent index terms that start with ``prefix`` (or with its stem), within a postings budget.

    Term statistics come with the term dictionary walk (``iter_prefix``), so a short prefix with
    thousands of completions costs one pass, not a lookup per term.
    """
    reader = searcher.reader()
    passages = max(reader.doc_count(), 1)
    candidates: dict[str, int] = {}
    for start in {prefix, _stem(prefix)}:
        if not start:
            continue
        for scanned, (term, info) in enumerate(reader.iter_prefix("text", start)):
            if scanned >= _TYPING_SCAN_LIMIT:
                break
            frequency = info.doc_frequency()
            if frequency <= TYPING_COMMON_SHARE * passages:
                candidates[term.decode("utf-8") if isinstance(term, bytes) else term] = frequency
    chosen: list[str] = []
    budget = TYPING_POSTINGS_SHARE * passages
    for term in sorted(candidates, key=lambda t: -candidates[t]):
        if len(chosen) >= TYPING_EXPANSIONS or (chosen and candidates[term] > budget):
            break
        chosen.append(term)
        budget -= candidates[term]
    return chosen


def _rewrite(parsed: wq.Query) -> wq.Query:
    """Adjust what the parser made: cheaper fuzzy terms, and partial dates as prefixes and ranges.

    Fuzzy terms keep their first letter (two for long words): a typo is rarely there, and it
    makes fuzzy search many times cheaper. Dates are stored as ISO strings, so ``date:2026-01`` is a prefix and a range's
    partial upper bound (``TO 2026-02``) must include the whole month.
    """

    def visit(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.FuzzyTerm) and node.prefixlength == 0:
            keep = 2 if len(node.text) >= 7 else 1
            return wq.FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=node.maxdist, prefixlength=keep)
        if isinstance(node, wq.Term) and node.fieldname == "date" and len(node.text) < len("YYYY-MM-DD"):
            return wq.Prefix("date", node.text)
        if isinstance(node, wq.TermRange) and node.fieldname == "date":
            end = node.end
            if end is not None and len(end) < len("YYYY-MM-DD"):
                end = end + "\uffff"
            return wq.TermRange("date", node.start, end, node.startexcl, node.endexcl, constantscore=True)
        return node.apply(visit)

    return visit(parsed)


def _make_hit(whoosh_hit: object, score: float, matched: set[str], focus: tuple[int, int] | None = None) -> Hit:
    """A hit with its snippet around the matched words, or around ``focus`` (article offsets) when given."""
    stored = whoosh_hit.fields()  # type: ignore[attr-defined]
    text: str = stored["text"]
    start: int = stored["start"]
    lead = 60
    if focus is not None and start <= focus[0] < start + len(text):
        spans, lead = [(focus[0] - start, min(focus[1] - start, len(text)))], 0
    else:
        spans = [
            (token.startchar, token.endchar)
            for token in _stem_analyzer(text, chars=True, positions=False)
            if token.text in matched
        ]
    snippet, highlights, first = _snippet(text, spans, lead)
    return Hit(
        article=stored["article"],
        source=stored["source"],
        title=stored["title"],
        date=stored.get("date"),
        paragraph=stored["paragraph"],
        start=start,
        end=stored["end"],
        score=score,
        snippet=snippet,
        highlights=highlights,
        match_start=start + first,
    )


def _snippet(text: str, spans: list[tuple[int, int]], lead: int = 60) -> tuple[str, list[tuple[int, int]], int]:
    """A window of about SNIPPET_CHARS around the densest run of matches, on word boundaries, ``lead`` characters before it.

    Highlights are cut to the window (a matched sentence may run past it).
    """
    if len(text) <= SNIPPET_CHARS:
        window_start, window_end = 0, len(text)
    else:
        best_start, best_count = spans[0][0] if spans else 0, 0
        for i, (span_start, _) in enumerate(spans):
            count = sum(1 for s, _ in spans[i:] if s < span_start + SNIPPET_CHARS - 40)
            if count > best_count:
                best_start, best_count = span_start, count
        window_start = max(0, best_start - lead)
        if window_start:
            space = text.find(" ", window_start)
            window_start = space + 1 if 0 <= space < best_start else window_start
        window_end = min(len(text), window_start + SNIPPET_CHARS)
        if window_end < len(text):
            space = text.rfind(" ", window_start, window_end)
            window_end = space if space > window_start else window_end
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    body = " ".join(text[window_start:window_end].split("\n"))
    shift = len(prefix) - window_start
    highlights = [(max(s, window_start) + shift, min(e, window_end) + shift) for s, e in spans if s < window_end and e > window_start]
    first = spans[0][0] if spans else 0
    return prefix + body + suffix, highlights, first
