"""Behaviour of the pairwise aligner a reader would notice: links, kinds, offsets, bad input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.align import Link, align_texts

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in SEEDS]


def _linked(links: list[Link], text_a: str, text_b: str, a_words: str, b_words: str) -> list[Link]:
    return [
        link
        for link in links
        if a_words in text_a[link.a_span[0]:link.a_span[1]] and b_words in text_b[link.b_span[0]:link.b_span[1]]
    ]


def test_main_quote_is_linked_across_all_five_seeds_as_quote(seed_texts: list[str]) -> None:
    """The 'I personally asked President Putin' sentence of every seed links to every other's."""
    for x, text_a in enumerate(seed_texts):
        for text_b in seed_texts[x + 1:]:
            links = align_texts(text_a, text_b)
            found = _linked(links, text_a, text_b, "I personally", "I personally")
            assert found, "main quote not linked"
            assert all(link.kind == "quote" for link in found)


def test_spans_are_exact_half_open_offsets(seed_texts: list[str]) -> None:
    text_a, text_b = seed_texts[0], seed_texts[1]
    for link in align_texts(text_a, text_b):
        for text, (start, end) in ((text_a, link.a_span), (text_b, link.b_span)):
            assert 0 <= start < end <= len(text)
            passage = text[start:end]
            assert passage == passage.strip()
            assert "\n\n" not in passage
        assert link.kind in ("quote", "paraphrase", "partial")
        assert 0.0 < link.score <= 1.0


def test_topic_words_alone_do_not_link() -> None:
    text_a = "Russia and Ukraine remain at war as Ukraine's allies watch Russia.\n"
    text_b = "The war between Ukraine and Russia is in its fourth year, says Russia.\n"
    assert align_texts(text_a, text_b) == []


def test_counterparts_found_in_any_order() -> None:
    """A line diff keeps order; the aligner must not."""
    first = "The council approved a budget of 4 million dollars for new bridges on Tuesday."
    second = "Mayor Helen Okafor resigned after a corruption inquiry into parking contracts."
    third = "Floods closed the northern railway line near Brampton for three days."
    text_a = f"{first}\n\n{second}\n\n{third}\n"
    text_b = (
        "Floods shut the northern railway line near Brampton for 3 days.\n\n"
        "Mayor Helen Okafor quit following a corruption inquiry over parking contracts.\n\n"
        "On Tuesday the council approved a $4 million budget for new bridges.\n"
    )
    links = align_texts(text_a, text_b)
    pairs = {(text_a[l.a_span[0]:l.a_span[1]].split()[0], text_b[l.b_span[0]:l.b_span[1]].split()[0]) for l in links}
    assert ("The", "On") in pairs
    assert ("Mayor", "Mayor") in pairs
    assert ("Floods", "Floods") in pairs
    assert len(links) == 3


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("", ""),
        ("", "Some text here about a council vote on the budget."),
        ("   \n\n\n", "\n"),
        ("no punctuation at all just words about a council vote and a budget " * 50,
         "words about a council vote and a budget with no punctuation " * 40),
        ("Москва заявила, что переговоры продолжатся. Киев не подтвердил это.",
         "Москва заявила, что переговоры продолжатся в воскресенье."),
        ("東京で地震があった。被害は報告されていない。", "東京で地震があった。"),
    ],
)
def test_bad_input_gives_sensible_output(text_a: str, text_b: str) -> None:
    links = align_texts(text_a, text_b)
    for link in links:
        assert text_a[link.a_span[0]:link.a_span[1]].strip()
        assert text_b[link.b_span[0]:link.b_span[1]].strip()


def test_identical_articles_link_each_sentence_to_itself(seed_texts: list[str]) -> None:
    text = seed_texts[3]
    links = align_texts(text, text)
    same = [link for link in links if link.a_span == link.b_span]
    assert len(same) >= 25
    assert all(link.score >= 0.9 for link in same)


def test_five_megabyte_article_is_bounded(seed_texts: list[str]) -> None:
    big = (seed_texts[0] + "\n\n") * (5_000_000 // len(seed_texts[0]))
    start = time.perf_counter()
    links = align_texts(big, seed_texts[1])
    elapsed = time.perf_counter() - start
    assert elapsed < 10
    assert links


def test_five_megabytes_without_punctuation_or_line_breaks_is_bounded() -> None:
    big = "council budget bridges vote mayor " * (5_000_000 // 34)
    start = time.perf_counter()
    align_texts(big, "The council voted on the budget for bridges, the mayor said.")
    assert time.perf_counter() - start < 10


def test_whole_short_quote_given_by_both_is_a_quote(seed_texts: list[str]) -> None:
    """Trump's 'And he did it' is one short quoted sentence in two outlets: a quote link."""
    text_a, text_b = seed_texts[3], seed_texts[4]
    found = _linked(align_texts(text_a, text_b), text_a, text_b, "And he did it", "And he did it")
    assert found and all(link.kind == "quote" for link in found)



def test_words_repeated_through_both_articles_weigh_less_than_a_detail_found_once() -> None:
    """A shared word every passage of both articles carries points at no passage pair."""
    from index.similarity import Unit, specific_weight

    a = Unit(0, (0, 1), ["drone", "kyiv", "bridg"], [])
    b = Unit(1, (0, 1), ["drone", "kyiv", "bridg"], [])
    idf = {"drone": 1.0, "kyiv": 1.0, "bridg": 1.0}
    repeated = {"drone": 6, "kyiv": 4, "bridg": 1}
    weight = specific_weight(a, b, a.term_set & b.term_set, idf, lambda article, key: repeated[key])
    assert weight == 1.0 + 1 / 36 + 1 / 16
    assert specific_weight(a, b, a.term_set & b.term_set, idf, None) == 3.0
