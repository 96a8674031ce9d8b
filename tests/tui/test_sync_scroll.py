"""Unit tests of the Textual-free parts of the compare view: sync maps, passages, layout lookups, quote grid, preferences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.collate import Alignment, CorpusLink, Group, QuoteVariants, QuoteVersion
from index.errors import ConfigError
from index.preferences import Preferences, load_preferences, preferences_path, save_preferences
from tui.compare_model import CompareModel
from tui.sync_scroll import Anchor, RowMap, in_order_anchors, middle, scroll_for
from tui.text_layout import Block, TextLayout


class TestInOrderAnchors:
    @pytest.mark.parametrize(
        ("anchors", "kept"),
        [
            ([], []),
            ([Anchor(0, 2, 0, 3)], [Anchor(0, 2, 0, 3)]),
            # the crossing anchor (10 -> 1) is out of order: dropped
            ([Anchor(0, 2, 0, 2), Anchor(5, 6, 8, 9), Anchor(10, 12, 1, 2), Anchor(20, 22, 30, 31)],
             [Anchor(0, 2, 0, 2), Anchor(5, 6, 8, 9), Anchor(20, 22, 30, 31)]),
            # overlapping in one column: the later one goes
            ([Anchor(0, 4, 0, 2), Anchor(3, 5, 3, 4)], [Anchor(0, 4, 0, 2)]),
            # one passage linked to two: only one kept
            ([Anchor(0, 2, 0, 2), Anchor(0, 2, 5, 6)], [Anchor(0, 2, 0, 2)]),
        ],
    )
    def test_longest_forward_chain(self, anchors, kept) -> None:
        assert in_order_anchors(anchors) == kept


class TestRowMap:
    def test_interpolates_between_anchors_and_inside_them(self) -> None:
        row_map = RowMap.build([Anchor(10, 14, 20, 28), Anchor(30, 32, 40, 42)], 50, 100)
        assert row_map(0) == 0
        assert row_map(5) == 10  # before the first anchor: (0,0) -> (10,20)
        assert row_map(10) == 20 and row_map(12) == 24 and row_map(14) == 28
        assert row_map(22) == 34  # halfway through the unmatched stretch (14,28) -> (30,40)
        assert row_map(30) == 40
        assert row_map(41) == 71  # (32,42) -> (50,100)
        assert row_map(50) == 100

    def test_out_of_order_anchor_is_ignored(self) -> None:
        row_map = RowMap.build([Anchor(10, 11, 10, 11), Anchor(20, 21, 2, 3), Anchor(30, 31, 30, 31)], 40, 40)
        assert row_map(20) == 20

    def test_no_anchors_scrolls_in_proportion(self) -> None:
        row_map = RowMap.build([], 100, 50)
        assert row_map(0) == 0 and row_map(50) == 25 and row_map(100) == 50

    def test_monotone(self) -> None:
        anchors = [Anchor(a, a + 2, (a * 7) % 60, (a * 7) % 60 + 3) for a in range(0, 60, 3)]
        row_map = RowMap.build(anchors, 62, 63)
        values = [row_map(row) for row in range(62)]
        assert values == sorted(values)


@pytest.mark.parametrize(
    ("row", "screen_y", "height", "total", "top"),
    [(50, 10, 20, 100, 40), (3, 10, 20, 100, 0), (99, 10, 20, 100, 80), (5, 2, 20, 10, 0)],
)
def test_scroll_for_keeps_within_bounds(row, screen_y, height, total, top) -> None:
    assert scroll_for(row, screen_y, height, total) == top


def test_middle() -> None:
    assert middle(21) == 10 and middle(20) == 9 and middle(1) == 0


def alignment() -> Alignment:
    links = [
        CorpusLink("a", (0, 10), "b", (0, 12), 0.9, "paraphrase"),
        CorpusLink("a", (11, 20), "b", (40, 50), 0.8, "quote"),
        CorpusLink("a", (30, 40), "b", (20, 30), 0.7, "partial"),
    ]
    groups = [
        Group("g1", "paraphrase", 0.9, {"a": [(0, 10), (30, 40)], "b": [(0, 12), (20, 30)]}),
        Group("g2", "quote", 0.8, {"a": [(11, 20)], "b": [(40, 50)]}),
    ]
    only_in = {"a": [(21, 29), (50, 60)], "b": [(13, 19)]}
    return Alignment(["a", "b"], links, groups, only_in, {}, [])


class TestCompareModel:
    def test_passages_are_marked_by_group_or_only_here(self) -> None:
        model = CompareModel(alignment())
        kinds = [(p.span, p.kind, p.group) for p in model.passages["a"]]
        assert kinds == [((0, 10), "group", 1), ((11, 20), "group", 2), ((21, 29), "only", None),
                         ((30, 40), "group", 1), ((50, 60), "only", None)]
        assert model.passage_at("a", 12).span == (11, 20)
        assert model.passage_at("a", 10) is None

    def test_counterparts_prefer_direct_links(self) -> None:
        model = CompareModel(alignment())
        passage = model.passage_at("a", 31)
        assert [c.span for c in model.counterparts("a", passage, "b")] == [(20, 30)]
        assert model.pair_links("b", "a")[0] == ((0, 12), (0, 10), 0.9)

    def test_next_and_previous_group_and_only_here(self) -> None:
        model = CompareModel(alignment())
        assert model.next_passage("a", 0, kind="group").span == (11, 20)
        assert model.next_passage("a", 12, kind="group").span == (30, 40)
        assert model.next_passage("a", 31, kind="group") is None
        assert model.next_passage("a", 31, kind="group", forward=False).span == (11, 20)
        assert model.next_passage("a", 12, kind="group", forward=False).span == (0, 10)
        assert model.next_passage("a", 0, kind="only").span == (21, 29)
        assert model.next_passage("a", 22, kind="only").span == (50, 60)
        assert model.first_member(1, "b") == (0, 12)


class TestTextLayout:
    def test_offsets_and_rows_round_trip(self) -> None:
        text = "alpha beta gamma delta\nsecond line here"
        blocks = [Block("title", "Title"), Block("gap", ""),
                  Block("text", text, 100, 100 + len(text), 0, [(0, 100), (23, 123)])]
        layout = TextLayout.wrap(blocks, 11)
        assert [layout.row_text(i) for i in range(len(layout))] == [
            "Title", "", "alpha beta", "gamma delta", "second line", "here"]
        assert layout.row_of_offset(100) == 2
        assert layout.position_of_offset(106) == (2, 6)
        assert layout.row_of_offset(123) == 4
        assert layout.row_of_offset(0) == 2  # before any text: the first paragraph
        assert layout.offsets_of_row(3) == (111, 122)
        assert layout.offsets_of_row(0) is None


def test_quote_variant_grid_aligns_words() -> None:
    from tui.screens.quote_variants import variant_grid

    reference = QuoteVersion("a", (0, 5), "not to fire into Kyiv", False, [("equal", "not to fire into Kyiv", "not to fire into Kyiv")])
    other = QuoteVersion("b", (0, 5), "not to fire on Kyiv now", False,
                         [("equal", "not to fire", "not to fire"), ("replace", "into", "on"), ("equal", "Kyiv", "Kyiv"),
                          ("insert", "", "now")])
    headers, rows = variant_grid(QuoteVariants("g1", "a", [reference, other]))
    assert headers == ["not", "to", "fire", "into", "Kyiv", "+"]
    assert [c.text for c in rows[1][1]] == ["not", "to", "fire", "on", "Kyiv", "now"]
    assert [c.changed for c in rows[1][1]] == [False, False, False, True, False, True]
    assert [c.text for c in rows[0][1]] == ["not", "to", "fire", "into", "Kyiv", ""]


class TestPreferences:
    def test_round_trip_and_precedence(self, tmp_path: Path) -> None:
        assert load_preferences(tmp_path) == Preferences()
        save_preferences(tmp_path, Preferences("nord", "textual-dark"))
        saved = load_preferences(tmp_path)
        assert saved.theme_for("textual-dark") == "nord"
        assert saved.theme_for("gruvbox") == "gruvbox"  # the config changed since: it wins
        assert not list(tmp_path.glob(".preferences-*"))

    def test_unreadable_file_is_reported_and_kept(self, tmp_path: Path) -> None:
        preferences_path(tmp_path).write_text("{not json", encoding="utf-8")
        with pytest.raises(ConfigError, match="not valid preferences JSON"):
            load_preferences(tmp_path)
        assert preferences_path(tmp_path).read_text(encoding="utf-8") == "{not json"


def test_pure_modules_do_not_import_textual() -> None:
    code = (
        "import sys; import tui.sync_scroll, tui.compare_model, index.preferences; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_readme_lists_every_binding_id() -> None:
    from tui.actions import ACTIONS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [spec.id for spec in ACTIONS if f"`{spec.id}`" not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_a_markdown_heading_title_is_shown_without_its_marker(tmp_path: Path) -> None:
    from index.corpus import load_corpus
    from tui.text_layout import article_blocks

    (tmp_path / "a.md").write_text('---\nsource: "NYT"\n---\n\n# Cold grips Kyiv\n\nPower is out. Crews work.\n', encoding="utf-8")
    article = load_corpus(tmp_path).articles[0]
    title = article_blocks(article)[0]
    assert title.kind == "title" and title.text == "Cold grips Kyiv"
    layout = TextLayout.wrap(article_blocks(article), 40)
    assert layout.position_of_offset(article.text.index("Cold")) == (0, 0)  # the heading's first letter starts the row
    assert layout.row_text(0) == "Cold grips Kyiv"
