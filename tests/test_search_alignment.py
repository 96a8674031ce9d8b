"""Alignment-aware search (only:, outlets:, flag:) and source facets, on a copy of the seeds with a real index.

The expected passages are worked out here from the aligner and the fact check directly (not
through ``passage_filters``), so the search is checked against what the alignment says.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from index.align import AlignInput, align_corpus
from index.collate import Alignment
from index.config import Config
from index.errors import QuerySyntaxError
from index.factcheck import FactCheck, check_story
from index.library import Library

CROSSREAD = Path(sys.executable).parent / "crossread"
WASH, KYIV, EPOCH, AP, POST = (
    "000_ffce1361ef9d518c", "001_9a64b4751db7aac9", "002_b6ca63fe04f75a17", "003_9f244bfaca42bf64", "004_4be71a29aa337016",
)
SEED_IDS = (WASH, KYIV, EPOCH, AP, POST)
Passage = tuple[str, int]
"""(article id, passage start)."""


@pytest.fixture
def library(seed_copy: Path, tmp_path: Path) -> Library:
    lib = Library.open(Config(corpus=seed_copy, index_dir=tmp_path / "index"))
    yield lib
    lib.close()


@pytest.fixture
def oracle(library: Library) -> tuple[Alignment, FactCheck]:
    articles = [AlignInput(i, library.corpus.get(i).text) for i in SEED_IDS]
    alignment = align_corpus(articles)
    return alignment, check_story(articles, alignment)


def found(library: Library, query: str, **options) -> set[Passage]:
    return {(hit.article, hit.start) for hit in library.search(query, limit=10_000, **options).hits}


def passages_holding(library: Library, spans: dict[str, list[tuple[int, int]]]) -> set[Passage]:
    """The indexed passages (paragraphs) in which one of ``spans`` starts."""
    out = set()
    for article_id, article_spans in spans.items():
        article = library.corpus.get(article_id)
        for paragraph in article.content_paragraphs:
            if any(paragraph.start <= start < paragraph.end for start, _ in article_spans):
                out.add((article_id, paragraph.start))
    return out


def passage_with(library: Library, article_id: str, words: str) -> Passage:
    article = library.corpus.get(article_id)
    at = article.text.index(words)
    paragraph = article.paragraph_at(at)
    assert paragraph is not None
    return article_id, paragraph.start


def test_only_yes_is_what_the_alignment_lists_as_only_in_one_outlet(library: Library, oracle) -> None:
    alignment, _ = oracle
    expected = passages_holding(library, alignment.only_in)
    assert expected, "the seeds have passages only one outlet reports"
    assert found(library, "only:yes") == expected
    # only:no is the rest of the aligned passages, and the two never overlap.
    assert not (found(library, "only:no") & expected)
    assert found(library, "trump only:yes") == expected & found(library, "trump")


def test_outlets_at_least_three_holds_the_main_trump_quote_in_several_outlets(library: Library, oracle) -> None:
    alignment, _ = oracle
    hits = found(library, "outlets:>=3")
    quote = "I personally"
    quoting = {passage_with(library, a, quote) for a in (WASH, EPOCH, AP, POST)}
    assert len(quoting & hits) >= 3, "the main quote is reported by most outlets"
    # A sentence's outlets: its claim group's articles; one in no group (the aligner caps a group's
    # passages per article) counts the articles it is linked to, its own included.
    reported: dict[tuple[str, tuple[int, int]], set[str]] = {}
    for link in alignment.links:
        for side in ((link.a_id, link.a_span), (link.b_id, link.b_span)):
            reported.setdefault(side, set()).update((link.a_id, link.b_id))
    grouped = {(a, s): set(g.members) for g in alignment.groups for a, spans in g.members.items() for s in spans}
    reported.update(grouped)
    wide = {a: [s for (b, s), outlets in reported.items() if b == a and len(outlets) >= 3] for a in SEED_IDS}
    assert hits == passages_holding(library, wide)


@pytest.mark.parametrize("low, high", [("outlets:>=3", "outlets:<3"), ("outlets:>2", "outlets:<=2")])
def test_outlet_comparisons_split_the_aligned_passages(library: Library, low: str, high: str) -> None:
    aligned = found(library, "only:yes") | found(library, "only:no")
    assert found(library, low) | found(library, high) == aligned
    assert not (found(library, low) & found(library, high))
    assert found(library, "outlets:5") <= found(library, low)


def test_flag_number_finds_the_seeds_conflicting_figures(library: Library, oracle) -> None:
    _, check = oracle
    numbers = found(library, "flag:number")
    for article_id, words in ((WASH, "22 degrees Fahrenheit"), (AP, "-30°C"), (WASH, "approximately 30%"), (KYIV, "roughly a quarter")):
        assert passage_with(library, article_id, words) in numbers, words
    sides: dict[str, list[tuple[int, int]]] = {}
    for flag in check.conflicts:
        if flag.kind == "number":
            for side in flag.sides:
                sides.setdefault(side.article_id, []).append(side.span)
    assert numbers == passages_holding(library, sides)
    attributions = found(library, "flag:attribution")
    assert passage_with(library, POST, "Zelensky said a Russian MLRS") in attributions
    assert found(library, "flag:any") == numbers | attributions
    # A figure several outlets give alike is not a conflict.
    assert passage_with(library, EPOCH, "three fatalities") not in found(library, "flag:any")


def test_a_hit_found_by_fields_alone_shows_and_lands_on_the_sentence_that_matched(library: Library, oracle) -> None:
    _, check = oracle
    flagged = {(side.article_id, side.span) for flag in check.conflicts if flag.kind == "number" for side in flag.sides}
    hits = library.search("flag:number", limit=50).hits
    assert hits
    for hit in hits:
        text = library.corpus.get(hit.article).text
        (span,) = [span for article_id, span in flagged if article_id == hit.article and hit.start <= span[0] < hit.end]
        assert hit.match_start == span[0]
        (start, end), = hit.highlights
        assert hit.snippet[start:end] in text[span[0]:span[1]] and end - start > 40
    # with words, the words are what is shown
    (hit,) = library.search("fahrenheit flag:number").hits
    assert hit.snippet[slice(*hit.highlights[0])].lower() == "fahrenheit"


def test_filters_and_words_are_anded(library: Library) -> None:
    both = found(library, "kyiv outlets:>=3")
    assert both and both == found(library, "kyiv") & found(library, "outlets:>=3")
    assert found(library, "kyiv AND outlets:>=3") == both == found(library, "outlets:>=3 AND kyiv")
    assert found(library, "(witkoff OR rubio) only:no") == found(library, "witkoff OR rubio") & found(library, "only:no")


@pytest.mark.parametrize(
    "query, message, column",
    [
        ("outlets:>=x", "outlets: takes a number", 9),
        ("kyiv only:maybe", "only: takes yes or no", 11),
        ("flag:weather", "flag: takes number, attribution or any", 6),
        ("outlets:", "needs its value", 1),
        ('only:"yes"', "takes its value without quotes", 6),
        ("putin only:yes only:no", "only:yes and only:no cannot both hold", 16),
        ("putin NOT only:yes", "cannot be negated; write only:no", 7),
        ("putin NOT outlets:>=3", "write outlets:<N", 7),
        ("(putin only:yes)", "cannot go inside parentheses", 8),
        ("putin OR flag:number", "cannot be one side of OR", 10),
        ("putin OR kyiv only:yes", "OR outside parentheses", 15),
    ],
)
def test_bad_alignment_fields_are_refused_with_where(library: Library, query: str, message: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        library.search(query)
    assert message in raised.value.message
    assert f"(at column {column})" in raised.value.message


def test_completions_and_did_you_mean_work_beside_filters(library: Library) -> None:
    typed = found(library, "only:no witk", as_you_type=True)
    assert typed and typed == found(library, "witkoff") & found(library, "only:no")
    assert found(library, "witk only:no", as_you_type=True) == set()  # not the last word: not completed
    missing = library.search("putn outlets:>=2")
    assert missing.hits == [] and missing.suggestion == "putin outlets:>=2"


def test_one_article_story_matches_no_alignment_field(seed_copy: Path, tmp_path: Path) -> None:
    (seed_copy / "zz-orchard.md").write_text(
        "---\ntitle: Orchard kumquats\nsource: Garden Weekly\n---\nKumquat growers met in the valley to compare harvests.\n"
    )
    lib = Library.open(Config(corpus=seed_copy, index_dir=tmp_path / "index"))
    try:
        assert found(lib, "kumquat")
        for field in ("only:yes", "only:no", "outlets:1", "outlets:<=5", "flag:any"):
            assert found(lib, f"kumquat {field}") == set(), field
        assert lib.search("kumquat only:yes").note is None  # the seeds' story is aligned
    finally:
        lib.close()


def test_a_corpus_without_stories_says_why_nothing_matches(tmp_path: Path) -> None:
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kumquat growers met in the valley.\n")
    lib = Library.open(Config(corpus=corpus, index_dir=tmp_path / "index"))
    try:
        result = lib.search("only:yes")
        assert result.hits == [] and "two or more articles" in (result.note or "")
    finally:
        lib.close()


def test_facts_follow_edits_and_are_cached_for_the_next_process(seed_copy: Path, tmp_path: Path) -> None:
    config = Config(corpus=seed_copy, index_dir=tmp_path / "index")
    lib = Library.open(config)
    assert found(lib, "zebras") == set() and found(lib, "only:yes")
    lib.close()
    assert list(config.derived_cache("passages").rglob("facts-*.json"))
    article = seed_copy / f"{KYIV}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nZebras escaped from the Kyiv zoo overnight, keepers said on Tuesday.\n")
    lib = Library.open(config)
    try:
        zebra = found(lib, "zebras only:yes")
        assert len(zebra) == 1 and next(iter(zebra))[0] == KYIV
        assert len(list(config.derived_cache("passages").rglob("facts-*.json"))) == 1
    finally:
        lib.close()


def test_facts_follow_a_date_edited_in_front_matter(tmp_path: Path) -> None:
    """Days are read against an article's date, so a date-only edit (the text unchanged) must not reuse the facts."""
    from tests.test_factcheck_review import TABLOID_A, TABLOID_B

    corpus = tmp_path / "tabloid"
    corpus.mkdir()

    def write(day_b: str) -> None:
        for name, day, text in (("a", "2016-03-25", TABLOID_A), ("b", day_b, TABLOID_B)):
            (corpus / f"{name}.md").write_text(f"---\ntitle: {name}\ndate: {day}\n---\n{text}")

    config = Config(corpus=corpus, index_dir=tmp_path / "index")
    write("2016-03-25")
    lib = Library.open(config)
    try:
        assert found(lib, "flag:number")  # 'earlier this week' vs 'Friday', both dated that Friday
    finally:
        lib.close()
    write("2016-04-25")  # a month later: the days are no longer compared
    lib = Library.open(config)
    try:
        assert found(lib, "flag:number") == set()
    finally:
        lib.close()


@pytest.mark.parametrize("stored", ["[]", "null", '{"version": "passage-facts-1", "stories": 1, "passages": {}}', "{broken"])
def test_a_facts_cache_of_another_shape_is_recomputed(seed_copy: Path, tmp_path: Path, stored: str) -> None:
    config = Config(corpus=seed_copy, index_dir=tmp_path / "index")
    lib = Library.open(config)
    expected = found(lib, "only:yes")
    lib.close()
    (cache,) = config.derived_cache("passages").rglob("facts-*.json")
    cache.write_text(stored)
    lib = Library.open(config)
    try:
        assert found(lib, "only:yes") == expected
    finally:
        lib.close()


@pytest.mark.parametrize("query", ["trump", "putin kyiv", "only:yes", "outlets:>=3 kyiv", "zapor*", "zelenskiy~", "flag:any"])
def test_facets_count_every_match_per_source(library: Library, query: str) -> None:
    top = library.search(query, limit=2, facets=True)
    everything = library.search(query, limit=10_000)
    assert top.facets == dict(Counter(hit.source for hit in everything.hits))
    assert top.total == len(everything.hits) and top.exact_total
    assert list(top.facets.values()) == sorted(top.facets.values(), reverse=True)
    assert library.search(query, limit=2).facets == {}  # only when asked for


def _run(*args: str, check_rc: int = 0) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    result = subprocess.run([str(CROSSREAD), *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == check_rc, result.stderr
    return result


def test_cli_shows_facets_and_keeps_the_json_list(seed_copy: Path) -> None:
    text = _run("search", "trump only:yes", "--limit", "2", "--corpus", str(seed_copy))
    facets_line = [line for line in text.stdout.splitlines() if line.startswith("sources: ")]
    assert len(facets_line) == 1 and "2 shown" in facets_line[0]
    assert "aligning 1 story" in text.stderr
    listed = json.loads(_run("search", "trump only:yes", "--json", "--corpus", str(seed_copy)).stdout)
    assert isinstance(listed, list) and listed
    payload = json.loads(_run("search", "trump only:yes", "--json", "--facets", "--limit", "1", "--corpus", str(seed_copy)).stdout)
    assert set(payload) == {"hits", "facets", "total"} and len(payload["hits"]) == 1
    assert payload["facets"] == dict(Counter(hit["source"] for hit in listed)) and payload["total"] == len(listed)
    for name, count in payload["facets"].items():
        assert f"{name} {count}" in facets_line[0]


def test_cli_refuses_a_bad_filter_in_one_line(seed_copy: Path) -> None:
    result = _run("search", "flag:weather", "--corpus", str(seed_copy), check_rc=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "flag: takes" in lines[0] and "(at column 6)" in lines[0]
