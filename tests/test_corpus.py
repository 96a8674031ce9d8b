"""Loading articles: the seeds as a user sees them, every supported format, and every kind of bad file."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from index.article import LONE_PUNCTUATION, SHOUTED_PROMO, TRAILER, BLANK_RUN
from index.corpus import load_corpus
from index.errors import CorpusError

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    return {a.id: a for a in load_corpus(SEEDS).articles}


def test_seeds_load_with_their_original_text(seeds) -> None:
    assert len(seeds) == 5
    for article in seeds.values():
        raw = (SEEDS / article.path).read_bytes().decode("utf-8")
        assert article.text == raw


def test_titles_only_where_a_headline_line_exists(seeds) -> None:
    assert seeds["000_ffce1361ef9d518c"].title == "Trump says Putin agreed to pause Ukraine bombings for a week at his urging"
    assert seeds["002_b6ca63fe04f75a17"].title == "Trump: Putin agrees to halt bombings in Ukraine during cold spell."
    assert seeds["001_9a64b4751db7aac9"].title.startswith("Trump claims Putin agreed not to strike Kyiv")
    assert seeds["003_9f244bfaca42bf64"].title is None
    assert seeds["004_4be71a29aa337016"].title is None
    assert seeds["003_9f244bfaca42bf64"].display_title.startswith("U.S. President Donald Trump said")


def test_sources_only_where_the_article_names_itself(seeds) -> None:
    assert seeds["001_9a64b4751db7aac9"].source == "Kyiv Independent"
    assert seeds["001_9a64b4751db7aac9"].source_inferred
    # 003 quotes "RBC news outlet" as a third party: that is not the article's own name.
    assert seeds["003_9f244bfaca42bf64"].source == "unknown"
    assert seeds["004_4be71a29aa337016"].source == "unknown"


def test_debris_is_marked_not_deleted(seeds) -> None:
    article = seeds["000_ffce1361ef9d518c"]
    kinds = {article.text[s:e]: kind for s, e, kind in article.debris_spans}
    assert kinds["."] == LONE_PUNCTUATION
    assert kinds["Related Content"] == TRAILER
    assert any(k.startswith("US SECURITY AGREEMENT") and v == SHOUTED_PROMO for k, v in kinds.items())
    assert "Related Content" in article.text
    trailing = seeds["001_9a64b4751db7aac9"]
    assert [kind for *_, kind in trailing.debris_spans] == [BLANK_RUN]


def test_paragraph_and_sentence_offsets_locate_the_original(seeds) -> None:
    for article in seeds.values():
        for paragraph in article.paragraphs:
            chunk = article.text[paragraph.start : paragraph.end]
            assert chunk == chunk.strip() and chunk
            for start, end in article.sentences(paragraph):
                assert paragraph.start <= start < end <= paragraph.end
    article = seeds["001_9a64b4751db7aac9"]
    # One paragraph a line, no blank lines between: each line is a paragraph.
    assert len(article.content_paragraphs) == 21


def test_ids_are_relative_paths_without_suffix(tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "nested" / "deeper" / "story.txt").write_text("Some text here.\n")
    (tmp_path / "nested" / "story.md").write_text("Other text.\n")
    ids = [a.id for a in load_corpus(tmp_path).articles]
    assert ids == ["nested/story", "nested/deeper/story"] or sorted(ids) == ["nested/deeper/story", "nested/story"]


def test_markdown_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Storm hits coast\nsource: Example Times\ndate: 2026-01-29\nurl: https://example.org/a\n---\n"
        "The storm hit the coast at dawn.\n\nMore later.\n"
    )
    article = load_corpus(tmp_path).articles[0]
    assert (article.title, article.source, article.date, article.url) == (
        "Storm hits coast", "Example Times", "2026-01-29", "https://example.org/a"
    )
    assert article.text.startswith("The storm hit")
    assert article.line_column(article.text.index("More")) == (9, 1)


def test_markdown_heading_repeating_the_title_is_not_content(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Cocoa review\n---\n\n# COCOA REVIEW\n\nShowers continued.\n")
    article = load_corpus(tmp_path).articles[0]
    assert article.title == "Cocoa review"
    assert [article.text[p.start : p.end] for p in article.content_paragraphs] == ["Showers continued."]


def test_jsonl_articles_and_a_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x1", "source": "Wire", "title": "One", "date": "2026-01-02", "url": None, "text": "First.\n\nSecond."}),
        "{not json",
        json.dumps({"id": "x2", "source": "Wire", "title": "Two", "text": ""}),
        json.dumps({"id": "x3", "source": "Wire", "title": "Three", "text": "Third article."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["feed#x1", "feed#x3"]
    assert corpus.articles[0].date == "2026-01-02" and len(corpus.articles[0].content_paragraphs) == 2
    messages = {p.path: p.message for p in corpus.problems}
    assert "not JSON" in messages["feed.jsonl:2"]
    assert "text" in messages["feed.jsonl:3"]


def test_other_files_are_counted_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Words.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 1 and corpus.skipped_other == 2 and not corpus.problems


BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"\n\n   \n", "only white space"),
    "binary.txt": (b"\x00\x01\x02GIF89a\x00" * 50, "binary file"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_skipped_with_a_clear_message(tmp_path: Path, name: str) -> None:
    content, expected = BAD_FILES[name]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("A good article.\n")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["good"]
    assert [p.path for p in corpus.problems] == [name]
    assert expected in corpus.problems[0].message


def test_load_messages_give_the_reason_and_never_say_skipped(tmp_path: Path) -> None:
    """The report says "skipped" or "note"; a message saying it too read "skipped x: empty file, skipped"."""
    for name, (content, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "huge.txt").write_bytes(b"word " * 300_000)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "feed.jsonl").write_text('{not json\n{"id": "x", "text": ""}\n{"id": "y", "text": "Words."}\n')
    (tmp_path / "y.txt").write_text("Other words.\n")
    (tmp_path / "y.md").write_text("Same id as y.txt.\n")
    corpus = load_corpus(tmp_path, max_file_mb=1)
    messages = {p.path: p.message for p in corpus.problems}
    assert set(messages) == {*BAD_FILES, "huge.txt", "dangling.txt", "feed.jsonl:1", "feed.jsonl:2", "y.txt"}
    assert not [m for m in messages.values() if "skipped" in m]
    assert messages["feed.jsonl:1"].startswith("line is not JSON")
    assert messages["feed.jsonl:2"] == 'record has no "text" string with words in it'
    assert messages["y.txt"] == "id y is already used by an earlier article; loaded as y~2"


def test_load_report_tells_skipped_items_from_loaded_files_with_a_note(tmp_path: Path) -> None:
    from index.cli_types import load_report

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 owners.\n".encode("cp1252"))
    (tmp_path / "brokenyaml.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    (tmp_path / "feed.jsonl").write_text('{not json\n{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n')
    corpus = load_corpus(tmp_path)
    report = load_report(corpus.problems, corpus.articles)
    assert [p.path for p in report.skipped] == ["empty.txt", "feed.jsonl:1"]
    assert [p.path for p in report.noted] == ["brokenyaml.md", "feed.jsonl", "latin1.txt"]
    assert "decoded as cp1252" in report.noted[2].message and "metadata ignored" in report.noted[0].message
    assert report.skipped_summary == "1 file and 1 JSONL line skipped"
    assert report.noted_summary == "3 files loaded with a note"


def test_non_utf8_is_decoded_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 owners said \u201cno\u201d.\n".encode("cp1252"))
    article = load_corpus(tmp_path).articles[0]
    assert "Café" in article.text and "“no”" in article.text
    assert any("not valid UTF-8" in note and "cp1252" in note for note in article.notes)


def test_broken_front_matter_keeps_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\nsource: X\n---\nBody text stays.\n")
    corpus = load_corpus(tmp_path)
    article = corpus.articles[0]
    assert article.text == "Body text stays.\n"
    assert any("broken YAML front matter" in note for note in article.notes)


def test_fifty_megabyte_single_line_file_is_skipped_quickly(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))
    (tmp_path / "small.txt").write_text("Small one.\n")
    began = time.perf_counter()
    corpus = load_corpus(tmp_path, max_file_mb=20)
    assert time.perf_counter() - began < 2
    assert [a.id for a in corpus.articles] == ["small"]
    assert "file too large (50 MB > max_file_mb 20)" in corpus.problems[0].message
    assert "raise max_file_mb" in corpus.problems[0].message


def test_long_single_line_within_the_limit_loads(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("word " * 200_000)
    began = time.perf_counter()
    article = load_corpus(tmp_path).articles[0]
    assert time.perf_counter() - began < 5
    assert article.word_count == 200_000


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Fine.\n")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.problems[0].path == "dangling.txt" and "cannot read" in corpus.problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.\n")
    locked.chmod(0)
    corpus = load_corpus(tmp_path)
    assert "cannot read" in corpus.problems[0].message


def test_missing_and_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == [] and corpus.problems == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sens. Dick Durbin and Sheldon Whitehouse met. They spoke.", 2),
        ("Reps. Jim Jordan and Ro Khanna spoke. They left.", 2),
        ("Drs. Ann Lee and Bo Kim wrote it. Messrs. Smith and Jones read it.", 2),
        ("Gens. Mark Milley and Lloyd Austin testified. Supt. Jane Doe did not.", 2),
        # Plural titles that are also ordinary words still end a sentence in lower case.
        ("He hired two sales reps. They started Monday.", 2),
        ("He belonged to the gens. It was Roman.", 2),
    ],
)
def test_plural_titles_before_names_do_not_end_a_sentence(text: str, expected: int) -> None:
    from index.segment import split_sentences

    assert len(split_sentences(text)) == expected, [text[a:b] for a, b in split_sentences(text)]
