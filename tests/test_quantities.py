"""Figures in news text: value, unit, what is counted, qualifier, time scope (table-driven)."""

from __future__ import annotations

import pytest

from index.attribution import extract_attributions
from index.quantities import compared_in_sentence, extract_quantities, parse_number, same_thing, when_in_clause


@pytest.mark.parametrize(
    "written, value",
    [
        ("2,514", 2514), ("2 million", 2_000_000), ("1.5 billion", 1_500_000_000), ("twenty-five", 25),
        ("three", 3), ("a dozen", 12), ("two-dozen", 24), ("one hundred", 100), ("six thousand", 6000), ("-30", -30), ("a hundred", 100), ("fish", None),
    ],
)
def test_parse_number(written: str, value: float | None) -> None:
    assert parse_number(written) == value


@pytest.mark.parametrize(
    "sentence, text, dimension, value, unit, measured, bound, scope",
    [
        ("Temperatures will drop below 22 degrees Fahrenheit into February.", "drop below 22 degrees Fahrenheit", "temperature", -5.6, "°C", "temperature", "<", ""),
        ("Temperatures may fall below -30°C in some areas.", "fall below -30°C", "temperature", -30.0, "°C", "temperature", "<", ""),
        ("It was 14 °F at dawn.", "14 °F", "temperature", -10.0, "°C", "temperature", "=", ""),
        ("Moscow launched over 100 drones against Ukraine overnight on Jan. 29.", "over 100 drones", "count", 100, "", "drone", ">", "overnight"),
        ("Russia launched over 6,000 drones in the past month alone.", "over 6,000 drones", "count", 6000, "", "drone", ">", "past month"),
        ("Previous attacks have included over 800 drones in a single wave.", "over 800 drones", "count", 800, "", "drone", ">", "single attack"),
        ("Russia launched a barrage of nearly 400 drones and missiles.", "nearly 400 drones and missiles", "count", 400, "", "drone+missil", "~", ""),
        ("A drone strike killed three people in the Zaporizhzhia region.", "three people", "count", 3, "", "people killed", "=", ""),
        ("The attacks claimed the lives of six individuals.", "six individuals", "count", 6, "", "people killed", "=", ""),
        ("The mission recorded 2,514 civilian deaths in 2023.", "2,514 civilian deaths", "count", 2514, "", "people killed", "=", "2023"),
        ("Casualties may approach 2 million troops by spring.", "2 million troops", "count", 2_000_000, "", "troop", "=", ""),
        ("Ukraine holds approximately 30% of the territory in Donetsk.", "approximately 30%", "share", 30, "%", "donetsk", "~", ""),
        ("Kyiv still holds roughly a quarter of Donetsk Oblast.", "roughly a quarter", "share", 25, "%", "donetsk", "~", ""),
        ("Two-thirds of the voters stayed home.", "Two-thirds", "share", 66.67, "%", "voter", "=", ""),
        ("Half of the residents left.", "Half", "share", 50, "%", "people", "~", ""),
        ("The nearly 1,000-kilometer front line is quiet.", "nearly 1,000-kilometer", "distance", 1000, "km", "line", "~", ""),
        ("The convoy drove 10 miles north.", "10 miles", "distance", 16.093, "km", "north", "=", ""),
        ("Congress granted $5 million in loans.", "$5 million", "money", 5_000_000, "USD", "grant loan", "=", ""),
        ("Putin agreed to pause strikes for a week.", "a week", "duration", 7, "days", "", "=", ""),
        ("The talks will continue in about a week.", "about a week", "duration", 7, "days", "", "~", ""),
        ("Three days later the talks resumed.", "Three days", "duration", 3, "days", "time offset", "=", ""),
        ("Twenty-six nationals were charged.", "Twenty-six nationals", "count", 26, "", "nation", "=", ""),
        ("Three people died in the fire.", "Three people", "count", 3, "", "people killed", "=", ""),
        ("Fifteen percent of voters stayed home.", "Fifteen percent", "share", 15, "%", "voter", "=", ""),
        ("Trump spoke on Jan. 29 at the White House.", "Jan. 29", "date", 129, "date", "date", "=", ""),
        ("Talks resume on Sunday, February 1st, 2026.", "February 1st, 2026", "date", 20260201, "date", "date", "=", ""),
        ("Temperatures are dropping below freezing.", "below freezing", "temperature", 0, "°C", "temperature", "<", ""),
        ("Thousands of people fled the city.", "Thousands", "count", 2000, "", "people", ">~", ""),
    ],
)
def test_extraction(sentence: str, text: str, dimension: str, value: float, unit: str, measured: str, bound: str, scope: str) -> None:
    found = [q for q in extract_quantities(sentence) if q.text == text]
    assert found, [q.text for q in extract_quantities(sentence)]
    q = found[0]
    assert sentence[q.span[0]:q.span[1]] == text
    assert (q.dimension, round(q.value, 2), q.unit, q.measured, q.bound, q.scope) == (dimension, round(value, 2), unit, measured, bound, scope)


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the war began almost four years ago, strikes went on.",  # a date, not a count of 'ago'
        "The next round of three-way talks is scheduled.",  # a compound adjective
        "One of the main sticking points remains.",  # 'one of'
        "The senator is the No. 2 Republican in the chamber.",  # a rank
        "The draft went out shortly after 4 p.m. on Friday.",  # a clock time
        "Most of the committee chairs are in their 80s now.",  # a decade of age
        "The measure passed on a 212-to-57 vote.",  # the second score of a tally
        "The chamber backed it by a 310-12 vote.",  # a tally, not 310 votes
        "Plans for the Ground Zero tower were shown.",  # a name, not a count
    ],
)
def test_not_counts(sentence: str) -> None:
    assert [q for q in extract_quantities(sentence) if q.dimension == "count"] == []


def test_place_is_taken_from_the_clause() -> None:
    (q,) = [q for q in extract_quantities("Overnight, a drone strike killed three people in Ukraine’s Zaporizhzhia region.") if q.dimension == "count"]
    assert (q.place, q.scope) == ("zaporizhzhia", "overnight")


@pytest.mark.parametrize(
    "text, speaker_key, venue_kind, venue_key, addressee",
    [
        ("“I asked him,” Trump said at a Cabinet meeting.", "trump", "meeting", "cabinet meeting", ""),
        ("Zelensky emphasized on Telegram, “Peace needs pressure.”", "zelenski", "platform", "telegram", ""),
        ("Ukrainian President Volodymyr Zelensky thanked him. “Thank you!” he wrote on X.", "zelenski", "platform", "x", ""),
        ("Russia received 38 bodies, Russian lawmaker Shamsail Saraliev told RBC news outlet.", "saraliev", "outlet", "news outlet", "RBC news outlet"),
        ("During the cabinet meeting, Witkoff told Trump that the plan was finished.", "witkof", "meeting", "cabinet meeting", "Trump"),
        ("A strike killed three people, according to Ukrainian emergency services.", "servic", "", "", ""),
        ("“We will win,” the senator said in an interview with CNN.", "senat", "interview", "cnn", ""),
        ("In a statement, the ministry said talks would resume.", "ministri", "statement", "statement", ""),
        ("Mayor Jane Roe tweeted that the bridge “must stay open.”", "roe", "platform", "x", ""),
        ("In a tweet on Monday, Roe said the bridge would stay open.", "roe", "platform", "x", ""),
        ("In a post on Monday, Roe said the bridge would stay open.", "roe", "platform", "social media", ""),
        # a quotation running on into the next sentence comes from the same statement
        ("“We must act now,” Ms. Roe said in a statement. “Otherwise the bridge should close.”", "roe", "statement", "statement", ""),
    ],
)
def test_attributions(text: str, speaker_key: str, venue_kind: str, venue_key: str, addressee: str) -> None:
    last = list(extract_attributions(text).values())[-1]
    assert (last.speaker_key, last.venue_kind, last.venue_key, last.addressee) == (speaker_key, venue_kind, venue_key, addressee)


@pytest.mark.parametrize(
    "sentence, figure, predicate",
    [
        ("Of the 10 Democrats who gathered outside the chamber, six are on the ballot.", "10 Democrats", "gather"),
        ("The bill that 33 Democrats voted to advance passed.", "33 Democrats", "vote"),
        ("The 12 senators who have already signed the letter met.", "12 senators", "sign"),
        ("The party won 194 seats.", "194 seats", "won"),
        ("There are 40 seats in the chamber.", "40 seats", ""),
    ],
)
def test_predicate_of_a_count(sentence: str, figure: str, predicate: str) -> None:
    from index.quantities import predicate_of

    (q,) = [q for q in extract_quantities(sentence) if q.text == figure]
    assert predicate_of(sentence, q) == predicate


@pytest.mark.parametrize(
    "sentence, text, value, measured, bound",
    [
        ("The plan includes 31 steps the governor took alone.", "31 steps", 31, "step", "="),  # not an ordinal "31 st"
        ("She signed nearly two-dozen executive orders.", "nearly two-dozen executive orders", 24, "order", "~"),
        ("Over a dozen pastors signed the letter.", "Over a dozen pastors", 12, "pastor", ">"),
        ("Two women spoke at the rally.", "Two women", 2, "women", "="),  # an irregular plural closes the noun
    ],
)
def test_counts_with_steps_and_dozens(sentence: str, text: str, value: float, measured: str, bound: str) -> None:
    found = [(q.text, q.value, q.measured, q.bound) for q in extract_quantities(sentence)]
    assert (text, value, measured, bound) in found, found


def test_counted_nouns_news_uses_alike() -> None:
    def count(sentence: str):
        return next(q for q in extract_quantities(sentence) if q.dimension == "count")

    actions, steps = count("It lists 12 actions."), count("It lists 14 steps.")
    bills, measures = count("They passed 9 bills."), count("They passed 8 measures.")
    assert same_thing(actions, steps) and same_thing(bills, measures) and same_thing(actions, measures)
    assert not same_thing(actions, bills)  # "measures" may be either, but bills are not actions


def test_days_and_comparisons_around_a_count() -> None:
    text = "The mayor said there were eight arrests Friday, compared to 30 the night before."
    q = next(q for q in extract_quantities(text) if q.measured == "people arrested")
    assert when_in_clause(text, q) == {"friday"} and compared_in_sentence(text, q)
    plain = "The police made 30 arrests after the march."
    q = extract_quantities(plain)[0]
    assert when_in_clause(plain, q) == frozenset() and not compared_in_sentence(plain, q)
    bound = "More than 200 people were arrested after the march."
    q = extract_quantities(bound)[0]
    assert q.measured == "people arrested" and not compared_in_sentence(bound, q)  # its own bound is no comparison


@pytest.mark.parametrize(
    "text, days",
    [
        ("On Thursday, the Senate voted 61-38 on the measure.", [("Thursday", "senate vote")]),
        ("The council on Monday approved the budget.", [("Monday", "council vote")]),
        ("Council members praised the House for passing the farm bill on Friday.", [("Friday", "house vote")]),
        ("The governor said Tuesday that the House vote was a mistake.", []),  # the day of the remark
        ("The Senate will vote Friday on the bill.", []),  # a vote to come
        ("The House plans to vote on Wednesday.", []),
    ],
)
def test_the_day_of_a_vote(text: str, days: list[tuple[str, str]]) -> None:
    from index.quantities import dated_votes

    assert [(q.text, q.measured) for q in dated_votes(text)] == days
