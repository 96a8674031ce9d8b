"""The query language as a user types it, refused syntax, snippets, sorting and suggestions."""

from __future__ import annotations


import pytest

from index.config import Config
from index.errors import QuerySyntaxError
from index.library import Library

from .conftest import SEEDS


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    corpus = tmp_path_factory.mktemp("dated")
    for path in sorted(SEEDS.iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "dated-early.md").write_text(
        "---\ntitle: Early frost warning\nsource: Example Wire\ndate: 2026-01-05\n---\n"
        "Forecasters warned of a hard frost across the region.\n"
    )
    (corpus / "dated-late.md").write_text(
        "---\ntitle: Late frost damage\nsource: Other Daily\ndate: 2026-02-10\n---\n"
        "The frost damaged orchards, growers said.\n"
    )
    lib = Library.open(Config(corpus=corpus, index_dir=tmp_path_factory.mktemp("index")))
    yield lib
    lib.close()


def articles(library: Library, query: str, **options) -> set[str]:
    return {hit.article for hit in library.search(query, limit=100, **options).hits}


@pytest.mark.parametrize(
    "query, must_include, must_exclude",
    [
        ("putin kyiv", {"000_ffce1361ef9d518c", "003_9f244bfaca42bf64"}, set()),
        ('"fire on kyiv"', {"001_9a64b4751db7aac9", "003_9f244bfaca42bf64", "004_4be71a29aa337016"}, {"000_ffce1361ef9d518c"}),
        ('"fire kyiv"~2', {"000_ffce1361ef9d518c", "004_4be71a29aa337016"}, set()),
        ("starlink OR shotwell", {"003_9f244bfaca42bf64"}, {"000_ffce1361ef9d518c"}),
        ("putin NOT kyiv", set(), set()),
        ("(witkoff OR rubio) AND donetsk", {"000_ffce1361ef9d518c"}, {"004_4be71a29aa337016"}),
        ("source:kyiv", {"001_9a64b4751db7aac9"}, {"000_ffce1361ef9d518c"}),
        ('source:"example wire"', {"dated-early"}, {"dated-late"}),
        ("title:frost", {"dated-early", "dated-late"}, {"000_ffce1361ef9d518c"}),
        ("zapor*", {"003_9f244bfaca42bf64", "004_4be71a29aa337016"}, set()),
        ("zelenskiy~", {"003_9f244bfaca42bf64"}, set()),
        ("date:2026-01-05", {"dated-early"}, {"dated-late"}),
        ("date:[2026-02-01 TO 2026-02-28] frost", {"dated-late"}, {"dated-early"}),
        ("date:[2026-01-01 TO] frost", {"dated-early", "dated-late"}, set()),
        ("date:2026-02 frost", {"dated-late"}, {"dated-early"}),
        ("date:[2025-12 TO 2026-01] frost", {"dated-early"}, {"dated-late"}),
        ("date:2026 frost", {"dated-early", "dated-late"}, set()),
    ],
)
def test_query_language(library: Library, query: str, must_include: set[str], must_exclude: set[str]) -> None:
    found = articles(library, query)
    assert found, f"{query!r} found nothing"
    assert must_include <= found
    assert not (must_exclude & found)


def test_not_excludes_the_paragraphs_it_names(library: Library) -> None:
    for hit in library.search("putin NOT kyiv", limit=100).hits:
        assert "kyiv" not in library.corpus.get(hit.article).text[hit.start : hit.end].lower()


@pytest.mark.parametrize(
    "query, message, column",
    [
        ('"storm hit', "unclosed quote", 1),
        ("storm AND (coast", "'(' is never closed", 11),
        ("storm)", "no matching '('", 6),
        ("storm OR", "needs a term after it", 7),
        ("AND storm", "needs a term before it", 1),
        ("foo:bar", "unknown field 'foo:'", 1),
        ("title:", "needs a value", 1),
        ("date:2026-02-30", "not a real date", 6),
        ("date:yesterday", "not a date", 6),
        ("date:[2026-01-01 TO", "unclosed range", 6),
        ("kyiv~5", "fuzzy distance", 5),
        ("*raine", "wildcard", 1),
        ("", "empty", 1),
    ],
)
def test_bad_syntax_is_refused_with_where(library: Library, query: str, message: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        library.search(query)
    assert message in raised.value.message
    assert f"(at column {column})" in raised.value.message


def test_hit_fields_and_highlighted_snippet(library: Library) -> None:
    hit = library.search('"not to fire"').hits[0]
    article = library.corpus.get(hit.article)
    assert article.text[hit.start : hit.end] in article.text
    assert "not to fire" in article.text[hit.start : hit.end]
    marked = [hit.snippet[s:e].lower() for s, e in hit.highlights]
    assert {"not", "to", "fire"} <= set(marked)
    assert article.text[hit.match_start : hit.match_start + 3].lower() in {"not", "to ", "fir"}
    assert hit.score > 0 and hit.paragraph >= 1


def test_long_paragraph_snippet_is_a_window_around_the_match(library: Library) -> None:
    hit = library.search("Haring").hits[0]
    assert len(hit.snippet) <= 240
    assert any(hit.snippet[s:e] == "Haring" for s, e in hit.highlights)


def test_sort_by_date_puts_newest_first(library: Library) -> None:
    hits = library.search("frost", sort="date").hits
    assert [h.article for h in hits[:2]] == ["dated-late", "dated-early"]
    assert hits[0].date == "2026-02-10"


def test_zero_hits_offer_a_suggestion_from_the_index(library: Library) -> None:
    result = library.search("zelensky putn")
    assert result.hits == []
    assert result.suggestion == "zelensky putin"
    assert library.search("witkovv~1").suggestion == "witkoff~1"


def test_search_as_you_type_completes_the_last_word(library: Library) -> None:
    assert not library.search("witk").hits
    typed = library.search("witk", as_you_type=True)
    assert {h.article for h in typed.hits} >= {"000_ffce1361ef9d518c", "001_9a64b4751db7aac9"}
    # A finished word (followed by a space) is not expanded.
    assert not library.search("witk ", as_you_type=True).hits
    # One or two letters after other words wait: the words before them are searched alone.
    assert {h.article for h in library.search("witkoff c", as_you_type=True).hits} == articles(library, "witkoff")
