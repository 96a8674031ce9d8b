"""Corpus-level alignment as a reader sees it: claims, coverage, unique passages, quote variants, cache, CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from index.align import AlignInput, align_corpus
from index.align_cache import cache_key, cached_align_corpus, read_cached_alignment
from index.align_cli import run_align, run_collate
from index.errors import CrossreadError
from index.stories import group_stories
from index.worddiff import word_diff

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seeds() -> list[AlignInput]:
    return [AlignInput(p.stem, p.read_text(encoding="utf-8"), f"outlet {n}") for n, p in enumerate(SEEDS)]


class FakeCorpus:
    def __init__(self, articles: list[AlignInput]) -> None:
        self.articles = articles

    def get(self, article_id: str) -> AlignInput | None:
        return next((a for a in self.articles if a.id == article_id), None)


def test_main_quote_is_one_claim_covered_by_all_five(seeds: list[AlignInput]) -> None:
    alignment = align_corpus(seeds)
    quote_groups = [
        g for g in alignment.groups
        if any("I personally" in seeds[[s.id for s in seeds].index(a)].text[s:e] for a, spans in g.members.items() for s, e in spans)
    ]
    assert quote_groups and quote_groups[0].kind == "quote"
    assert set(alignment.coverage[quote_groups[0].id].values()) == {"full"}


def test_only_in_source_holds_unshared_passages(seeds: list[AlignInput]) -> None:
    alignment = align_corpus(seeds)
    text = seeds[3].text
    only = [text[s:e] for s, e in alignment.only_in[seeds[3].id]]
    assert any("Starlink" in passage for passage in only)
    assert not any("I personally asked" in passage for passage in only)


def test_quote_variants_mark_the_changed_words(seeds: list[AlignInput]) -> None:
    alignment = align_corpus(seeds)
    assert alignment.quote_variants
    changed = {op[1] for v in alignment.quote_variants for version in v.versions for op in version.ops if op[0] != "equal"}
    assert "into" in changed  # "fire into Kyiv" against "fire on Kyiv"


def _group_texts(alignment, seeds: list[AlignInput]) -> list[list[str]]:
    texts = {seed.id: seed.text for seed in seeds}
    return [[texts[a][s:e] for a, spans in g.members.items() for s, e in spans] for g in alignment.groups]


def test_a_claim_does_not_chain_unrelated_passages(seeds: list[AlignInput]) -> None:
    # One loose link after another once joined the headlines, the advocacy group's "apply more
    # pressure" and two drone counts into one 14-passage "claim".
    for passages in _group_texts(align_corpus(seeds), seeds):
        joined = " ".join(passages)
        assert not ("apply more pressure" in joined and "drones" in joined), passages
        assert len(passages) <= 13


def test_quote_variants_are_versions_of_one_quote(seeds: list[AlignInput]) -> None:
    edited = [AlignInput(s.id, s.text.replace("fall below -30°C in some areas", "plunge beneath minus thirty in several regions"), s.source)
              for s in seeds]
    assert edited != seeds
    for alignment in (align_corpus(seeds), align_corpus(edited)):
        for variants in alignment.quote_variants:
            reference = next(v.text for v in variants.versions if v.article_id == variants.reference_article)
            for version in variants.versions:
                assert not version.rewritten, (reference, version.text)
                assert "apply more pressure" not in version.text


def test_word_diff_keeps_figures_names_and_quotes_whole() -> None:
    diff = word_diff("Vladimir Putin said 2,514 people died", "Vladimir Putin said 2,600 people died")
    assert not diff.rewritten
    assert ("replace", "2,514", "2,600") in [tuple(op) for op in diff.ops]
    assert word_diff("a cat sat on the mat today", "markets fell sharply in Tokyo overnight").rewritten


def test_cache_is_reused_and_survives_corruption(tmp_path: Path, seeds: list[AlignInput]) -> None:
    first = cached_align_corpus(seeds[:2], tmp_path)
    path = tmp_path / f"{cache_key(seeds[:2])}.json"
    assert path.exists()
    assert cached_align_corpus(list(reversed(seeds[:2])), tmp_path).to_dict() == first.to_dict()
    path.write_text("{not json", encoding="utf-8")
    assert cached_align_corpus(seeds[:2], tmp_path).to_dict() == first.to_dict()
    assert json.loads(path.read_text(encoding="utf-8"))["alignment"]["article_ids"]


def test_read_cached_alignment_reads_only_what_is_cached(tmp_path: Path, seeds: list[AlignInput]) -> None:
    assert read_cached_alignment(seeds[:2], tmp_path) is None  # nothing cached: no alignment computed either
    assert not list(tmp_path.iterdir())
    first = cached_align_corpus(seeds[:2], tmp_path)
    cached = read_cached_alignment(list(reversed(seeds[:2])), tmp_path)
    assert cached is not None and cached.to_dict() == first.to_dict()
    assert read_cached_alignment(seeds[:2], tmp_path, max_bytes=10) is None  # too big to read at once
    assert read_cached_alignment(seeds[:3], tmp_path) is None  # another story


def test_story_grouping_separates_unrelated_articles(seeds: list[AlignInput]) -> None:
    other = [
        AlignInput("x1", "The Bahia cocoa harvest was hit by drought; Comissaria Smith said arrivals of cocoa bags fell. Cocoa prices rose in Bahia."),
        AlignInput("x2", "Drought in Bahia cut the cocoa crop, Comissaria Smith said, and cocoa bag arrivals fell sharply. Bahia cocoa prices rose."),
    ]
    stories = group_stories(seeds + other)
    by_article = {a: s.id for s in stories for a in s.article_ids}
    assert by_article["x1"] == by_article["x2"]
    assert by_article["x1"] != by_article[seeds[0].id]
    assert len({by_article[s.id] for s in seeds}) == 1


VENTURE_BRIEFS = [
    AlignInput("v-acme", "Acme Widget Corp said it formed a joint venture with a partner to make industrial pumps. "
               "The venture, equally owned, will start production next year, according to Acme Widget Corp."),
    AlignInput("v-borel", "Borel Foods Inc said it formed a joint venture with a partner to make frozen meals. "
               "The venture, equally owned, will start production next year, according to Borel Foods Inc."),
    AlignInput("v-corvin", "Corvin Textiles Ltd said it formed a joint venture with a partner to make cotton yarn. "
               "The venture, equally owned, will start production next year, according to Corvin Textiles Ltd."),
]
ONE_VENTURE = [
    AlignInput("d-1", "Delmont Steel Corp said it formed a joint venture with Hayashi Metals to build a rolling mill in Ohio. "
               "The mill will cost 240 mln dlrs, said Delmont Steel Corp."),
    AlignInput("d-2", "A rolling mill in Ohio costing 240 mln dlrs will be built by a venture of Delmont Steel Corp and Hayashi Metals, "
               "the two companies said."),
    AlignInput("d-3", "Hayashi Metals said its venture with Delmont Steel Corp will start the 240 mln dlr Ohio mill next year."),
]


def test_story_grouping_keeps_same_topic_briefs_of_different_companies_apart(seeds: list[AlignInput]) -> None:
    """Briefs that share only a topic (a joint venture each) are three events; three reports of one venture are one."""
    stories = group_stories(seeds + VENTURE_BRIEFS + ONE_VENTURE)
    by_article = {a: s.id for s in stories for a in s.article_ids}
    assert len({by_article[a.id] for a in VENTURE_BRIEFS}) == 3
    assert len({by_article[a.id] for a in ONE_VENTURE}) == 1
    assert by_article["d-1"] not in {by_article[a.id] for a in VENTURE_BRIEFS}
    assert len({by_article[s.id] for s in seeds}) == 1


ONE_TOPIC = [
    AlignInput("budget", "WASHINGTON — House Republicans on Tuesday passed a budget that cuts spending on food stamps, setting up a clash with President Obama and Senate Democrats.\n\nThe plan, written by Representative Paul Ryan, would balance the budget within ten years, Republicans said.\n\nDemocrats in the Senate said the House plan had no chance there, and the White House said Mr. Obama would veto it.\n\nThe vote was 221 to 207, with no Democrats in support.\n"),
    AlignInput("guns", "WASHINGTON — President Obama on Monday announced executive actions on guns, saying Congress had failed to act after a string of mass shootings.\n\nThe measures expand background checks to more sellers at gun shows, the White House said.\n\nHouse Republicans said the president was overstepping his authority, and Senate Republicans vowed to block funding.\n\nMr. Obama wiped away tears as he spoke of the children killed at Sandy Hook Elementary School.\n"),
    AlignInput("nominee", "WASHINGTON — Senate Republicans said Wednesday they would not hold hearings on President Obama's nominee to the Supreme Court, Judge Merrick Garland.\n\nMajority Leader Mitch McConnell said the next president should fill the seat left by Justice Antonin Scalia.\n\nDemocrats accused Republicans of ignoring the Constitution, and the White House urged the Senate to act.\n\nHouse Democrats held a rally on the Capitol steps in support of Judge Garland.\n"),
    AlignInput("nominee-2", "Senate Republican leaders on Wednesday refused to consider Merrick Garland, the appeals court judge President Obama picked for the Supreme Court.\n\nMitch McConnell, the majority leader, said the seat Antonin Scalia held should be filled by the next president.\n\nThe White House said the Senate had a duty to act, and Democrats accused Republicans of defying the Constitution.\n\nDemocrats from the House rallied outside the Capitol for Garland.\n"),
]


def test_a_small_folder_on_one_topic_is_grouped_by_event_not_by_topic() -> None:
    """Four articles on US politics share Obama, Republicans, House and Senate; only the two on one event are one story."""
    stories = group_stories(ONE_TOPIC)
    assert sorted(sorted(s.article_ids) for s in stories) == [["budget"], ["guns"], ["nominee", "nominee-2"]]


def test_cli_shows_untrusted_text_literally() -> None:
    corpus = FakeCorpus([
        AlignInput("a", "[red]x[/] \x1b[2J The council approved a budget of 4 million dollars for new bridges on Tuesday."),
        AlignInput("b", "On Tuesday the council approved a [bold]4 million[/] dollar budget for new bridges."),
    ])
    out = io.StringIO()
    assert run_align(corpus, "a", "b", False, out, None) == 0
    shown = out.getvalue()
    assert "[red]x[/]" in shown and "[bold]4 million[/]" in shown
    assert "\x1b" not in shown
    out = io.StringIO()
    assert run_collate(corpus, None, True, out, None) == 0
    data = json.loads(out.getvalue())
    assert data["stories"][0]["groups"][0]["kind"] in ("paraphrase", "quote", "partial")


def test_cli_unknown_ids_raise_one_line_errors(seeds: list[AlignInput]) -> None:
    corpus = FakeCorpus(seeds)
    with pytest.raises(CrossreadError, match="no article"):
        run_align(corpus, "nope", seeds[0].id, True, io.StringIO(), None)
    with pytest.raises(CrossreadError, match="no story"):
        run_collate(corpus, "story-nope", True, io.StringIO(), None)


# --- progress and cancellation (the compare view's determinate bar and escape) ----------------


def test_progress_is_monotone_and_ends_at_total(seeds: list[AlignInput]) -> None:
    reports: list[tuple[int, int]] = []
    alignment = align_corpus(seeds, progress=lambda done, total: reports.append((done, total)))
    totals = {total for _, total in reports}
    assert len(totals) == 1 and totals.pop() > 0
    dones = [done for done, _ in reports]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == reports[-1][1]
    assert len(reports) >= len(seeds) + 1
    assert alignment.to_dict() == align_corpus(seeds).to_dict()  # reporting changes nothing


@pytest.mark.parametrize("stop_after", [0, 1, 3])
def test_cancelled_stops_with_alignment_cancelled(seeds: list[AlignInput], stop_after: int, tmp_path: Path) -> None:
    from index.errors import AlignmentCancelled

    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > stop_after

    with pytest.raises(AlignmentCancelled):
        cached_align_corpus(seeds, tmp_path, cancelled=cancelled)
    assert len(asked) == stop_after + 1  # stopped at the first check that said so
    assert not list(tmp_path.glob("*.json"))  # nothing half-done is cached
    assert issubclass(AlignmentCancelled, CrossreadError)


def test_cache_hit_reports_no_progress_and_ignores_cancel(seeds: list[AlignInput], tmp_path: Path) -> None:
    first = cached_align_corpus(seeds[:2], tmp_path)
    reports: list[tuple[int, int]] = []
    again = cached_align_corpus(seeds[:2], tmp_path, progress=lambda d, t: reports.append((d, t)), cancelled=lambda: True)
    assert again.to_dict() == first.to_dict() and reports == []


def test_a_passage_quoting_two_things_offers_the_shared_quote() -> None:
    a = AlignInput("a", "Leader speaks\n\nThe leader spoke on Monday in the capital. “We will fight on,” she said, adding: "
                        "“Our economy will grow faster than anyone in this room has ever imagined possible, believe me.”\n")
    b = AlignInput("b", "Defiant speech\n\n“We will fight on,” the leader said on Monday in a speech in the capital.\n")
    c = AlignInput("c", "Speech\n\nIn the capital on Monday the leader told supporters: “We will fight on.”\n")
    variants = align_corpus([a, b, c]).quote_variants
    assert variants and {v.article_id for v in variants[0].versions} == {"a", "b", "c"}
    assert all(v.text.startswith("We will fight on") for v in variants[0].versions)
