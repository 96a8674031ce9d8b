"""Re-anchoring a saved passage in changed text: exact, moved, fuzzy, or an honest orphan."""

from __future__ import annotations

import pytest

from index.anchoring import Selector, make_selector, reanchor

TEXT = (
    "Storm hits the coast\n\n"
    "The storm reached the coast on Monday night, flooding the harbour district.\n\n"
    "\u201cWe have never seen water this high,\u201d the mayor said at a briefing.\n\n"
    "Officials said 2,400 homes lost power and schools will stay closed until Thursday.\n\n"
    "\u201cWe have never seen water this high,\u201d a fisherman repeated later.\n\n"
    "Related Content\n"
)
QUOTE = "Officials said 2,400 homes lost power and schools will stay closed until Thursday."


def selector_for(quote: str, text: str = TEXT, occurrence: int = 0) -> Selector:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return make_selector(text, start, start + len(quote))


# (name, edit of TEXT, status, expected passage in the new text or None for an orphan)
CASES = [
    ("unchanged", lambda t: t, "exact", QUOTE),
    ("debris removed after", lambda t: t.replace("\nRelated Content\n", ""), "exact", QUOTE),
    ("text inserted before", lambda t: t.replace("Storm hits", "UPDATED: Storm hits"), "moved", QUOTE),
    ("paragraph moved to the top", lambda t: QUOTE + "\n\n" + t.replace(QUOTE + "\n\n", ""), "moved", QUOTE),
    ("a word corrected", lambda t: t.replace("2,400 homes", "2,500 homes"), "fuzzy", QUOTE.replace("2,400", "2,500")),
    ("words added", lambda t: t.replace("schools will", "all public schools will"), "fuzzy", QUOTE.replace("schools will", "all public schools will")),
    ("words removed", lambda t: t.replace(" until Thursday", ""), "fuzzy", QUOTE.replace(" until Thursday", "")),
    ("whitespace reflowed", lambda t: t.replace("power and schools", "power and\nschools"), "fuzzy", QUOTE.replace("and schools", "and\nschools")),
    ("passage deleted", lambda t: t.replace(QUOTE + "\n\n", ""), "orphan", None),
    ("passage rewritten", lambda t: t.replace(QUOTE, "Power is back everywhere, the utility said on Tuesday."), "orphan", None),
    ("article emptied", lambda t: "", "orphan", None),
]


@pytest.mark.parametrize("name, edit, status, expected", CASES, ids=[c[0] for c in CASES])
def test_reanchor_after_edit(name: str, edit, status: str, expected: str | None) -> None:
    new_text = edit(TEXT)
    anchor = reanchor(selector_for(QUOTE), new_text)
    assert anchor.status == status
    if expected is None:
        assert (anchor.start, anchor.end) == (-1, -1)
    else:
        assert new_text[anchor.start : anchor.end] == expected


def test_a_repeated_quote_keeps_the_occurrence_whose_context_matches() -> None:
    repeated = "\u201cWe have never seen water this high,\u201d"
    second = selector_for(repeated, occurrence=1)  # the fisherman's
    shifted = "New first line.\n\n" + TEXT
    anchor = reanchor(second, shifted)
    assert anchor.status == "moved"
    assert shifted[anchor.end : anchor.end + 11] == " a fisherma"


def test_a_deleted_passage_is_not_moved_onto_its_near_twin() -> None:
    """The mayor's sentence is deleted; the fisherman repeats almost the same words elsewhere."""
    mayor = "\u201cWe have never seen water this high,\u201d the mayor said at a briefing."
    edited = TEXT.replace(mayor + "\n\n", "")
    anchor = reanchor(selector_for(mayor), edited)
    assert anchor.status == "orphan"


def test_a_short_quote_needs_its_context() -> None:
    text = "The mayor said the harbour was closed. Later the major said it was open."
    selector = selector_for("mayor said", text)
    assert reanchor(selector, text.replace("The mayor said the harbour was closed. ", "")).status == "orphan"
    assert reanchor(selector, text.replace("mayor said the", "mayor says the")).status == "fuzzy"


def test_a_quote_at_the_start_of_the_article_has_no_prefix() -> None:
    selector = selector_for("Storm hits the coast")
    assert selector.prefix == ""
    anchor = reanchor(selector, TEXT.replace("Storm hits the coast", "Storm hit the coast"))
    assert anchor.status == "fuzzy" and (anchor.start, anchor.end) == (0, 19)


def test_make_selector_refuses_an_empty_span() -> None:
    with pytest.raises(ValueError):
        make_selector(TEXT, 5, 5)


def test_a_short_phrase_found_only_in_unrelated_surroundings_is_an_orphan() -> None:
    text = "First paragraph says he had met the envoy twice.\n\nSecond one: he had met the envoy, aides said."
    selector = selector_for("he had met the envoy twice", text)
    deleted = text.replace("First paragraph says he had met the envoy twice.\n\n", "")
    assert reanchor(selector, deleted.replace("he had met the envoy,", "he had met the envoy twice,")).status == "orphan"
    long_quote = "Officials said 2,400 homes lost power and schools will stay closed until Thursday."
    moved_alone = TEXT.replace(long_quote + "\n\n", "") + "\n" + long_quote + "\n"
    assert reanchor(selector_for(long_quote), moved_alone).status == "moved"
