"""Fact check on the seeds: the conflicts a reader expects, the look-alikes left alone, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.align import AlignInput, align_corpus
from index.factcheck import FactCheck, Flag, cached_check_story, check_story, compare_quantities
from index.quantities import extract_quantities

from .conftest import SEEDS

CROSSREAD = Path(sys.executable).parent / "crossread"
WASH, KYIV, EPOCH, AP, POST = (
    "000_ffce1361ef9d518c", "001_9a64b4751db7aac9", "002_b6ca63fe04f75a17", "003_9f244bfaca42bf64", "004_4be71a29aa337016",
)


@pytest.fixture(scope="module")
def seeds() -> list[AlignInput]:
    return [AlignInput(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def check(seeds: list[AlignInput]) -> FactCheck:
    return check_story(seeds, align_corpus(seeds))


def _find(check: FactCheck, a: tuple[str, str], b: tuple[str, str], texts: dict[str, str], kind: str | None = None) -> Flag | None:
    """The flag whose two sides contain the given words in the given articles (either order)."""
    for flag in check.flags:
        if kind is not None and flag.kind != kind:
            continue
        shown = [(side.article_id, texts[side.article_id][side.span[0]:side.span[1]]) for side in flag.sides]
        for first, second in (shown, shown[::-1]):
            if first[0] == a[0] and a[1] in first[1] and second[0] == b[0] and b[1] in second[1]:
                return flag
    return None


@pytest.mark.parametrize(
    "a, b, code",
    [
        ((WASH, "22 degrees Fahrenheit"), (AP, "-30°C"), "different-bounds"),
        ((WASH, "approximately 30%"), (KYIV, "roughly a quarter"), "different-value"),
        ((AP, "according to Ukrainian emergency services"), (POST, "Zelensky said a Russian MLRS"), "different-speaker"),
    ],
)
def test_conflicts_a_reader_expects(check: FactCheck, seeds: list[AlignInput], a, b, code: str) -> None:
    flag = _find(check, a, b, {s.id: s.text for s in seeds})
    assert flag is not None and flag.status == "conflict" and flag.code == code, flag


@pytest.mark.parametrize(
    "a, b, code",
    [
        ((KYIV, "over 100 drones"), (AP, "6,000 drones in the past month"), "different-scope"),
        ((KYIV, "over 100 drones"), (AP, "800 drones in a single wave"), "different-scope"),
        ((KYIV, "nearly 400 drones and missiles"), (AP, "800 drones"), "different-thing"),
        ((EPOCH, "six individuals"), (AP, "killed three people"), "different-place"),
        ((WASH, "22 degrees Fahrenheit"), (EPOCH, "below freezing"), "vague-amount"),
        ((EPOCH, "“I personally requested"), (WASH, "said at a Cabinet meeting"), "venue-unstated"),
    ],
)
def test_look_alikes_are_not_flagged_and_say_why(check: FactCheck, seeds: list[AlignInput], a, b, code: str) -> None:
    flag = _find(check, a, b, {s.id: s.text for s in seeds})
    assert flag is not None and flag.status == "not-conflict" and flag.code == code, flag
    assert flag.reason


def test_same_figure_in_two_outlets_is_no_flag(check: FactCheck, seeds: list[AlignInput]) -> None:
    assert _find(check, (EPOCH, "three fatalities"), (AP, "killed three people"), {s.id: s.text for s in seeds}, "number") is None


def test_reasons_use_the_outlets_words_not_the_engines_keys(check: FactCheck) -> None:
    reasons = " ".join(flag.reason for flag in check.flags)
    assert "'nearly 400 drones and missiles'" in reasons and "in Zaporizhzhia" in reasons
    assert "missil'" not in reasons and "drone+" not in reasons and " in ukraine" not in reasons


def test_only_the_expected_conflicts(check: FactCheck) -> None:
    assert len(check.conflicts) == 3


def test_flags_index_passages_and_ids_are_stable(check: FactCheck, seeds: list[AlignInput]) -> None:
    marks = check.by_passage()
    assert sum(len(ids) for ids in marks.values()) == 2 * len(check.conflicts)
    again = check_story(list(reversed(seeds)), align_corpus(seeds))
    assert {f.id for f in again.flags} == {f.id for f in check.flags}
    assert all(check.get(f.id) is f for f in check.flags)


def test_approximate_within_tolerance_and_compatible_bounds() -> None:
    (a,) = [q for q in extract_quantities("Officials said about 1,000 soldiers died.") if q.dimension == "count"]
    (b,) = [q for q in extract_quantities("Officials said 1,050 soldiers died.") if q.dimension == "count"]
    (c,) = [q for q in extract_quantities("Officials said over 900 soldiers died.") if q.dimension == "count"]
    assert compare_quantities(a, b, "link:paraphrase")[:2] == ("not-conflict", "within-tolerance")
    assert compare_quantities(b, c, "link:paraphrase")[:2] == ("not-conflict", "compatible-bound")
    (d,) = [q for q in extract_quantities("Officials said 1,400 soldiers died.") if q.dimension == "count"]
    verdict = compare_quantities(b, d, "link:paraphrase")
    assert verdict[:2] == ("conflict", "different-value") and verdict[3]["absolute"] == 350


def test_cache_round_trip_and_corrupt_cache(seeds: list[AlignInput], tmp_path: Path) -> None:
    first = cached_check_story(seeds, tmp_path)
    (cached,) = (tmp_path / "factcheck").glob("*.json")
    assert cached_check_story(seeds, tmp_path).to_dict() == first.to_dict()
    cached.write_text("{not json")
    assert cached_check_story(seeds, tmp_path).to_dict() == first.to_dict()
    assert json.loads(cached.read_text())["factcheck"] == first.to_dict()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([str(CROSSREAD), *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_json_and_text(seed_copy: Path) -> None:
    result = _run("discrepancies", "--json", "--corpus", str(seed_copy))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (story,) = data["stories"]
    assert data["version"] == 1 and story["conflicts"] == 3
    flag = story["flags"][0]
    assert {"id", "kind", "status", "code", "reason", "relation", "group", "sides", "difference"} <= set(flag)
    side = flag["sides"][0]
    text = (seed_copy / f"{side['article']}.txt").read_text()
    assert text[side["span"][0]:side["span"][1]] == side["text"]
    assert {"value", "unit", "measured", "scope"} <= set(side["quantity"])
    shown = _run("discrepancies", "--story", story["id"], "--corpus", str(seed_copy))
    assert shown.returncode == 0 and "CONFLICT" in shown.stdout and "roughly a quarter" in shown.stdout
    missing = _run("discrepancies", "--story", "story-nope", "--corpus", str(seed_copy))
    assert missing.returncode == 2 and missing.stderr.startswith("crossread: no story")


def test_cli_prints_hostile_text_as_text(tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    body = "Officials said {n} people were killed in [red]x[/] Kharkiv \x1b[2J overnight, according to {who}.\n\nThe mayor said the toll may rise.\n"
    (corpus / "a.txt").write_text(body.format(n="12", who="the regional governor"))
    (corpus / "b.txt").write_text(body.format(n="19", who="the regional governor"))
    result = _run("discrepancies", "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "[red]x[/]" in result.stdout and "\x1b" not in result.stdout and "␛" in result.stdout
    assert "CONFLICT" in result.stdout


# -- precision rules, on small hand-written stories ------------------------------------------------

FILLER = "The weather in the region stayed mild all week, and schools reopened on time."
"""A third article, so that names two articles share are details, not the story's topic."""


def _sentence(text: str, words: str) -> tuple[int, int]:
    from index.segment import all_sentences

    return next(span for span in all_sentences(text) if words in text[span[0]:span[1]])


RETOLD = ("Mayor Lena Ortiz spoke at the Riverside library on Elm Street.", "The Okafor family founded the library in 1921.",
          "Its reading room closes on weekends.")
"""Three passages both articles of a ``same_event`` story retell: what shows two articles report one event."""


def _story(a: str, b: str, link: tuple[str, str, str, float] | None = None, group: tuple[str, str] | None = None,
           *, same_event: bool = False) -> FactCheck:
    """Check a three-article story: ``a`` and ``b`` linked (or grouped) at the sentences holding the given words.

    With ``same_event``, both articles also retell the :data:`RETOLD` passages, linked as the
    aligner would link them.
    """
    from index.collate import Alignment, CorpusLink, Group

    from index.segment import all_sentences

    if same_event:
        a, b = " ".join((*RETOLD, a)), " ".join((*RETOLD, b))
    articles = [AlignInput("a", a), AlignInput("b", b), AlignInput("c", FILLER)]
    alignment = Alignment(["a", "b", "c"], only_in={article.id: all_sentences(article.text) for article in articles})
    if same_event:
        alignment.links.extend(CorpusLink("a", _sentence(a, passage), "b", _sentence(b, passage), 1.0, "paraphrase") for passage in RETOLD)
    if link is not None:
        alignment.links.append(CorpusLink("a", _sentence(a, link[0]), "b", _sentence(b, link[1]), link[3], link[2]))
    if group is not None:
        alignment.groups.append(Group("g1", "claim", 0.9, {"a": [_sentence(a, group[0])], "b": [_sentence(b, group[1])]}))
    return check_story(articles, alignment)


def _codes(check: FactCheck) -> list[tuple[str, str]]:
    return [(flag.status, flag.code) for flag in check.flags]


def test_a_title_abbreviation_is_the_person_the_article_names_with_it() -> None:
    a = ("Attorney General Richard Roe, once a favourite, is under fire.\n\n"
         "The A.G., according to the newspaper, said he had misspoken at a 2008 event in Springfield.")
    b = "Roe said he had misspoken at the 2008 event in Springfield."
    check = _story(a, b, ("The A.G.", "Roe said", "paraphrase", 0.99))
    assert check.conflicts == [], _codes(check)


@pytest.mark.parametrize(
    "text, key",
    [
        ("Attorney General Richard Roe spoke first. Later the attorney general said no.", "roe"),
        ("Connecticut's attorney general, Richard Roe, spoke first. Later the attorney general said no.", "roe"),
        ("Richard Roe, the state's attorney general, spoke first. Later the attorney general said no.", "roe"),
        ("Attorney General Richard Roe spoke first. Later the A.G. said no.", "roe"),
        ("President Jane Doe spoke first. Later the president said no.", "doe"),
        ("A White House spokesman, Eric Poe, spoke first. Later the spokesman said no.", "poe"),
        ("Former President Jane Doe spoke first. Later the president said no.", "presid"),
        ("In Washington, the president, who spoke late, said no. Later the president said yes.", "presid"),
        ("She spoke late. President Jane Doe Tuesday said yes. Later the president said no.", "doe"),
    ],
)
def test_roles_resolve_to_the_name_the_article_gives_them(text: str, key: str) -> None:
    from index.attribution import extract_attributions

    last = list(extract_attributions(text).values())[-1]
    assert last.speaker_key == key and last.role and last.resolved == (key != "presid")


def test_an_unresolved_role_is_never_a_different_speaker() -> None:
    a = "Prosecutors said the couple hid the spending in their filings."
    b = "Braverman said the couple hid the spending in their filings."
    check = _story(a, b, ("Prosecutors", "Braverman", "paraphrase", 0.99))
    assert _codes(check) == [("not-conflict", "vaguer-speaker")]


def test_a_quotation_over_several_sentences_has_the_speaker_named_at_its_close() -> None:
    a = "“I have not done anything wrong. I have not broken any laws,” said Ms. Lerner, who leads the division."
    b = "Lerner said at the hearing that she had done nothing wrong."
    check = _story(a, b, ("done anything wrong", "Lerner said", "paraphrase", 0.6))
    assert check.conflicts == [], _codes(check)


def test_a_sentence_quoting_someone_is_not_a_statement_without_source() -> None:
    a = 'Senior officials raised the stakes on Wednesday, warning that inaction would "significantly increase the risk" of a recession.'
    b = "Adviser Larry Smith warned Wednesday that inaction would significantly raise the risk of a recession."
    check = _story(a, b, ("Senior officials", "Larry Smith", "paraphrase", 0.99))
    assert _codes(check) == [("not-conflict", "quoted-unnamed")]


def test_a_loose_partial_link_does_not_show_one_statement() -> None:
    a = "Smith said the plant in Springfield would close in March."
    b = "Jones said the plant in Springfield would hire more workers soon."
    check = _story(a, b, ("Smith said", "Jones said", "partial", 0.6))
    assert _codes(check) == [("not-conflict", "unconfirmed-same-statement")]
    strong = _story(a, b, ("Smith said", "Jones said", "partial", 0.9))
    assert _codes(strong) == [("conflict", "different-speaker")]


def test_one_speaker_in_two_venues_needs_more_than_a_partial_link() -> None:
    a = "Smith said in an interview with the Herald that the plant in Springfield would close."
    b = "Smith said in a statement that the plant in Springfield would close by March."
    check = _story(a, b, ("Smith said", "Smith said", "partial", 0.9))
    assert _codes(check) == [("not-conflict", "unconfirmed-same-statement")]
    assert _codes(_story(a, b, ("Smith said", "Smith said", "paraphrase", 0.9))) == [("conflict", "different-venue")]


def test_a_speaker_named_in_the_other_passage_is_found_by_the_written_name() -> None:
    a = "Former FBI Director James Comey said at the Capitol last year that he believed the aide had forwarded the emails."
    b = "Trump said at the Capitol that the department must act on Comey and others."
    check = _story(a, b, ("James Comey", "Trump said", "partial", 0.9))
    assert _codes(check) == [("not-conflict", "speaker-named-in-both")]


def test_speaker_keys_and_passive_participles() -> None:
    from index.attribution import extract_attributions, speaker_key

    assert speaker_key("Donald Trump Jr.") == speaker_key("Mr. Trump") == "trump"
    assert extract_attributions("The tax deal announced by the White House cut rates.") == {}


def test_a_statement_or_tweet_of_ones_own_is_a_venue() -> None:
    from index.attribution import extract_attributions

    found = extract_attributions("Roe said in her own statement that the library would close. Mr. Diaz answered in his tweet.")
    assert [(a.venue, a.venue_kind) for a in found.values()] == [("statement", "statement"), ("tweet", "platform")]


def test_counts_of_one_noun_need_the_same_predicate_when_loosely_related() -> None:
    a = "Of the 10 Democrats who gathered outside the chamber after the vote, six are on the ballot."
    b = "The agreement that 33 Democrats voted to advance passed on Monday."
    check = _story(a, b, group=("10 Democrats", "33 Democrats"))
    assert _codes(check) == [("not-conflict", "different-thing")]
    same = _story("Officials said 12 Democrats voted against the bill.", "Reporters said 15 Democrats voted against the bill.",
                  group=("12 Democrats", "15 Democrats"))
    assert _codes(same) == [("conflict", "different-value")]


def test_a_figure_matched_in_the_other_passage_leaves_its_neighbour_alone() -> None:
    a = "The mayor paid an effective tax rate of roughly 36 percent over three decades."
    b = "The mayor said his average tax rate was 36 percent, and said his rival's tax rate was 30 percent."
    check = _story(a, b, ("roughly 36 percent", "average tax rate", "paraphrase", 0.96))
    assert _codes(check) == [("not-conflict", "figure-also-given")]


def test_a_hedge_on_a_precise_count_does_not_stretch_it() -> None:
    def count(sentence: str):
        return next(q for q in extract_quantities(sentence) if q.dimension == "count")

    assert compare_quantities(count("Leaders want the upper house to take up some 17 bills."),
                              count("Leaders want the upper house to take up 18 bills."), "link:paraphrase")[0] == "conflict"
    assert compare_quantities(count("Officials counted about 40 boats."),
                              count("Officials counted 42 boats."), "link:paraphrase")[1] == "within-tolerance"
    assert compare_quantities(count("She signed nearly two-dozen orders."),
                              count("She signed 23 orders."), "link:paraphrase")[1] == "within-tolerance"


def test_each_outlets_one_count_of_a_thing_is_compared_across_the_story() -> None:
    a = "The governor will unveil a housing plan this week. It sets out 12 separate actions the state could take alone."
    b = "The governor unveiled a housing plan on Tuesday. Aides said it holds 15 executive actions taking effect at once."
    check = _story(a, b, same_event=True)
    assert _codes(check) == [("conflict", "different-value")]
    assert check.flags[0].relation == "story:sole" and "one count of 'actions'" in check.flags[0].reason


def test_lone_counts_of_articles_that_retell_nothing_of_each_other_are_not_compared() -> None:
    a = "The governor will unveil a housing plan this week. It sets out 12 separate actions the state could take alone."
    b = "The governor unveiled a housing plan on Tuesday. Aides said it holds 15 executive actions taking effect at once."
    assert _story(a, b).conflicts == []  # no passage in common: perhaps two different plans


def test_what_pages_hold_is_their_first_plural_noun() -> None:
    from index.number_checks import contents_of

    for text, held in [("They got 50,000 pages of emails sent by Clinton.", "email"),
                       ("They got 900 pages of Benghazi records released Friday.", "record"),
                       ("They read 300 pages of correspondence.", "correspondence")]:
        q = next(q for q in extract_quantities(text) if "pages" in q.text)
        assert contents_of(text, q) == held, text


def test_pages_of_one_thing_are_compared_and_pages_of_another_left_alone() -> None:
    a = "In May, boxes of 50,000 pages of printed emails were delivered to the department. The panel got roughly 900 pages of Benghazi records."
    b = "The department said it had received 55,000 pages of her emails, after aides went through tens of thousands of pages of mail."
    conflicts = [flag for flag in _story(a, b, same_event=True).conflicts if flag.kind == "number"]
    assert [(f.sides[0].quantity.text, f.sides[1].quantity.text) for f in conflicts] == [("50,000 pages", "55,000 pages")]
    assert "one count of 'pages'" in conflicts[0].reason


@pytest.mark.parametrize(
    "a, b",
    [
        # a second count of the thing in one article: not its one count
        ("The plan sets out 12 actions. A later draft added 3 actions.", "The plan holds 15 actions."),
        # relative to another set
        ("Four tenants filed complaints against the landlord.", "Three other tenants filed complaints against the landlord."),
        ("The plan sets out 12 actions.", "The plan holds 15 more actions."),
        # people: a story counts many sets of them
        ("Two women spoke at the rally.", "Five women filed the suit."),
        ("Seven Republicans backed the plan.", "The plan split 42 Senate Republicans."),
        # a bound says no count
        ("The plan sets out at least three actions.", "The plan holds 15 actions."),
        # set against another figure in its own sentence
        ("The police made eight arrests Friday, compared to 30 the night before.", "The police made 30 arrests."),
        # different days
        ("The police made eight arrests Friday.", "The police made 30 arrests Saturday."),
        # described differently
        ("The state has two Democratic senators.", "The bill was backed by three Democratic state senators."),
    ],
)
def test_story_level_counts_that_are_not_one_set(a: str, b: str) -> None:
    check = _story(a, b, same_event=True)
    assert check.conflicts == [], _codes(check)


def test_one_quote_given_as_a_statement_and_as_a_tweet() -> None:
    a = "“The council has failed the city,” Ms. Roe said in a statement. “If the council will not fund it, the library should close.”"
    b = "Roe tweeted that if the council “will not fund it,” the library “should close.”"
    check = _story(a, b, ("If the council", "Roe tweeted", "quote", 0.99))
    assert _codes(check) == [("conflict", "different-venue")]


def test_an_outlets_own_verdict_against_a_dispute_given_as_someones() -> None:
    a = "Last week the mayor dismissed the audit, falsely claiming the report covered only one year."
    b = "The mayor said last week the report covered only one year, a point the auditors dispute."
    check = _story(a, b, ("falsely claiming", "a point the auditors", "partial", 0.8))
    assert _codes(check) == [("conflict", "verdict-vs-attributed")]
    # no dispute given as anyone's in the other outlet, or another speaker: nothing to set against the verdict
    quiet = "The mayor said last week the report covered only one year."
    assert _story(a, quiet, ("falsely claiming", "The mayor said", "partial", 0.8)).conflicts == []
    other = "The treasurer said last week the report covered only one year, a point the auditors dispute."
    assert _story(a, other, ("falsely claiming", "The treasurer", "partial", 0.8)).conflicts == []


def test_a_person_named_with_their_state_is_keyed_by_the_name() -> None:
    from index.attribution import speaker_key

    assert speaker_key("Senator Jane Q. Roe of Vermont") == speaker_key("Ms. Roe") == "roe"
    assert speaker_key("Senators Ann Poe of Ohio and Jane Roe of New Mexico") == "roe"
    # bodies and titles with "of" keep their own key
    assert speaker_key("the Department of Justice") == "justic" and speaker_key("Prime Minister of Britain") == "britain"
    a = "“We will not wait,” Senator Jane Roe of New Mexico said."
    b = "“We will not wait,” Ms. Roe said."
    assert _story(a, b, ("We will not wait", "We will not wait", "quote", 1.0)).flags == []


def test_two_outlets_give_different_days_for_one_vote() -> None:
    a = "The mayor thanked the council for passing the parks plan on Tuesday, saying it was overdue."
    b = "On Wednesday, the council voted 7-2 on a plan to expand the parks."
    check = _story(a, b)
    assert _codes(check) == [("conflict", "different-value")] and "'Tuesday' vs 'Wednesday'" in check.flags[0].reason
    # an outlet giving two days for the council's votes (a first reading, then passage) takes no part
    two = "The council approved the plan Monday in a first reading. The council on Wednesday approved it for good."
    assert _story(a, two).conflicts == []


def test_words_given_to_a_person_and_to_a_document_that_never_names_them() -> None:
    quote = "“The plan reflects the values of a novelist rather than the teaching of the church,”"
    a = f"{quote} said Father John Doe."
    b = f"{quote} says the letter, which the teachers sent to the senator."
    check = _story(a, b, ("The plan reflects", "The plan reflects", "quote", 1.0))
    assert _codes(check) == [("conflict", "different-speaker")]
    # the other article names the person (maybe the letter's author), or the document has a named issuer
    named = f"Father John Doe organised the letter. {quote} says the letter."
    assert _story(a, named, ("The plan reflects", "The plan reflects", "quote", 1.0)).conflicts == []
    issued = f"{quote} reads a statement from Senator Roe's office."
    assert _story(a, issued, ("The plan reflects", "The plan reflects", "quote", 1.0)).conflicts == []
    wrote = f"{quote} Father John Doe wrote."
    assert _story(wrote, b, ("The plan reflects", "The plan reflects", "quote", 1.0)).conflicts == []


def test_a_superlative_in_history_stated_by_one_outlet_and_quoted_by_another() -> None:
    a = "The mayor unveiled on Monday the most ambitious housing effort in a generation."
    b = "Ms. Roe said the plan is the “biggest housing effort in a generation.”"
    check = _story(a, b)
    assert _codes(check) == [("conflict", "attributed-vs-unattributed")] and "'Ms. Roe'" in check.flags[0].reason
    # the quoting outlet states it too, or the superlative is said of something else: no divergence
    both = b + " It is the largest effort in a generation, by any measure."
    assert _story(a, both).conflicts == []
    other = "Ms. Roe said the plan is the “biggest tax cut in a generation.”"
    assert _story(a, other).conflicts == []


def test_a_capitalised_plural_counts_people() -> None:
    check = _story("The plan covers 12 million elderly Americans.", "Among the dead were four Americans.", same_event=True)
    assert check.conflicts == [], _codes(check)


def test_two_outlets_give_different_dates_for_one_persons_departure() -> None:
    a = "The mayor said Tuesday that Transit Director Ana Ruiz will be leaving the agency on March 1, earlier than planned."
    b = "Ms. Ruiz, 54, a veteran planner who ran the bus network, will step down at the end of May, the mayor said."
    check = _story(a, b)
    conflicts = [flag for flag in check.conflicts if flag.kind == "number"]
    assert [(f.code, f.sides[0].quantity.text, f.sides[1].quantity.text) for f in conflicts] == [("different-value", "March 1", "the end of May")]
    assert "ruiz" in conflicts[0].reason.lower()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same day written two ways: the end of a month and its last day, a month and a day in it
        ("Ruiz will step down at the end of May, the mayor said.", "Her letter says her final day in office will be May 31."),
        ("Ruiz will leave the agency in May.", "Ruiz plans to retire on May 12, aides said."),
        # different people leaving on different days
        ("Ruiz will leave the agency on March 1.", "Ortiz will leave the board on May 31."),
        # a trip is no departure from a post; a possessor's decision is not said to be her own departure
        ("Ruiz will leave for Denver on March 1.", "Ruiz will step down on May 31."),
        ("Ortiz said Ruiz's decision to leave on March 1 was sudden.", "Ruiz will step down on May 31."),
        # no name for who leaves ("his resignation"), or the name is the speaker
        ("His resignation is effective March 1.", "Ruiz will step down on May 31."),
        ("Ruiz said the staff will leave on March 1.", "Ruiz will step down on May 31."),
        # one outlet gives the old and the new day of a moved departure, the other the new one
        ("Ruiz, who had said she was leaving in May, will now leave on March 1.", "Ruiz will leave on March 1."),
    ],
)
def test_departure_dates_that_do_not_disagree(a: str, b: str) -> None:
    assert [flag for flag in _story(a, b).conflicts if flag.kind == "number"] == []


def test_departure_dates_name_who_leaves() -> None:
    from index.story_checks import departure_dates

    text = ("Transit Director Ana Ruiz, a planner who ran the bus network, would be retiring at the end of May. "
            "Ruiz’ letter to the mayor says her final day will be May 31. Was supposed to leave in May, the mayor wrote.")
    assert [(q.text, q.measured, q.qualifier) for q in departure_dates(text)] == [
        ("the end of May", "departure of ruiz", "end of"), ("May 31", "departure of ruiz", "")]


def test_a_vague_amount_far_below_the_other_outlets_figure_is_a_conflict() -> None:
    a = "Marchers blocked the bridge in the evening, amid dozens of arrests."
    b = "Officers used pepper spray. More than 300 people were arrested."
    conflicts = [flag for flag in _story(a, b, same_event=True).conflicts if flag.kind == "number"]
    assert [(f.code, f.sides[0].quantity.text, f.sides[1].quantity.text) for f in conflicts] == [
        ("different-value", "dozens", "More than 300 people")]
    assert "one count of 'people arrested'" in conflicts[0].reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Marchers blocked the bridge in the evening, amid dozens of arrests.", "Officers said 150 people were arrested."),  # within reach of "dozens"
        ("Marchers blocked the bridge, amid hundreds of arrests.", "Officers said 40 people were arrested downtown."),  # far below: may be a part
        ("Marchers blocked the bridge, amid dozens of arrests.", "More than 300 people were injured."),  # different things
        ("Dozens were arrested in Salem.", "More than 300 people were arrested in Portland."),  # different places
    ],
)
def test_vague_amounts_that_do_not_disagree(a: str, b: str) -> None:
    assert [flag for flag in _story(a, b, same_event=True).conflicts if flag.kind == "number"] == []
