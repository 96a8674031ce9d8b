"""Markdown export: structure, safety against hostile notes, determinism, files, and 'Also reported by'."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from index.align_cache import cached_align_corpus
from index.annotations import AnnotationStore, Notebook
from index.corpus import load_corpus
from index.export import build_export, note_lines, safe_filename, write_atomically

from .test_cli import run

KYIV = "001_9a64b4751db7aac9"
EPOCH = "002_b6ca63fe04f75a17"
TRUMP_QUOTE = "I personally asked President Putin not to fire on Kyiv and the cities and towns for a week"
DAY = date(2026, 11, 25)
HOSTILE_NOTE = (
    "# Not a heading\n"
    "Text\n"
    "===\n"
    "---\n"
    "<script>alert(1)</script> and <div>html</div>\n"
    "<!-- comment -->\n"
    "keep **bold**, `<code>` and <https://example.org>\n"
    "```python\n"
    "# inside a fence\n"
    "<b>not html here</b>"
)


@pytest.fixture
def book(seed_copy: Path, tmp_path: Path) -> Notebook:
    return Notebook(AnnotationStore(tmp_path / "data" / "annotations.db"), load_corpus(seed_copy))


def export_text(book: Notebook, tmp_path: Path, **options) -> str:
    cache = tmp_path / "align-cache"
    return build_export(book.placed(), book.corpus, exported=DAY, align=lambda a: cached_align_corpus(a, cache), **options).markdown


def test_front_matter_and_grouping(book: Notebook, tmp_path: Path) -> None:
    book.annotate_quote(EPOCH, "Despite this commitment, the reality remains grim.", tags=["grim"])
    first = book.annotate_quote(KYIV, TRUMP_QUOTE, note="The **main** quote.", tags=["quote"])
    markdown = export_text(book, tmp_path)
    assert markdown.startswith("---\n")
    front = yaml.safe_load(markdown.split("---\n")[1])
    assert front["title"] == f"Annotations: {book.corpus.root.name}"
    assert front["exported"] == DAY and front["annotations"] == 2 and front["orphans"] == 0
    assert front["sources"] == ["Epoch Times", "Kyiv Independent"]
    # one story, then sources alphabetically, each with its article heading
    assert markdown.index("### Epoch Times") < markdown.index("### Kyiv Independent")
    assert markdown.count("\n## ") == 1
    assert f'<a id="{first.id}"></a>' in markdown and f"\n^{first.id}\n" in markdown
    assert f"`crossread open {first.id}`" in markdown
    line, column = book.corpus.get(KYIV).line_column(first.anchor.start)
    assert f"[{KYIV.replace('_', chr(92) + '_')}.txt:{line}:{column}](file://" in markdown
    assert '"></a>**Kyiv Independent** · [' in markdown and "> The **main** quote." in markdown and "> Tags: #quote" in markdown


def test_also_reported_by_lists_the_other_outlets(book: Notebook, tmp_path: Path) -> None:
    book.annotate_quote(KYIV, TRUMP_QUOTE)
    markdown = export_text(book, tmp_path)
    block = markdown[markdown.index("Also reported by:") :]
    assert "**Epoch Times** (quote): “I personally requested President Putin to refrain" in block
    assert "**Washington Examiner** (quote): “I personally asked President Putin not to fire into Kyiv" in block
    assert "(partial)" not in block  # an outlet's quote hides the partial links around it
    assert f"`crossread open {EPOCH}@" in block
    # the offset given for a counterpart is the start of that passage
    offset = int(block.split(f"crossread open {EPOCH}@")[1].split("`")[0])
    assert book.corpus.get(EPOCH).text[offset:].startswith("“I personally requested")


def test_a_hostile_note_cannot_break_the_structure(book: Notebook, tmp_path: Path) -> None:
    placed = book.annotate_quote(KYIV, TRUMP_QUOTE, note=HOSTILE_NOTE, tags=["x"])
    book.annotate_quote(EPOCH, "Despite this commitment, the reality remains grim.", note="````\nnever closed")
    markdown = export_text(book, tmp_path, title="Safe <b>title</b> # here")
    body = markdown.split("---\n", 2)[2]
    tokens = MarkdownIt("commonmark").parse(body)
    headings = [t.map[0] for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1 + 1 + 2 + 2  # title, story, two sources, two articles: nothing from notes
    assert not [t for t in tokens if t.type in ("html_block", "hr")]
    html_inline = [c.content for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "html_inline"]
    assert set(html_inline) <= {f'<a id="{a.id}">' for a in book.placed()} | {"</a>"}
    # the fence is kept (its content is code) and closed inside the annotation's blockquote
    fences = [t for t in tokens if t.type == "fence"]
    assert sorted(f.content for f in fences) == ["# inside a fence\n<b>not html here</b>\n", "never closed\n"]
    # every block of an annotation stays inside its blockquote
    assert all(f.level >= 1 for f in fences)
    note_inlines = [t for t in tokens if t.type == "inline" and ("Not a heading" in t.content or "alert(1)" in t.content)]
    assert len(note_inlines) == 1 and note_inlines[0].level >= 2
    rendered = MarkdownIt("commonmark").render(body)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered and 'href="https://example.org"' in rendered
    assert "<strong>bold</strong>" in rendered
    assert f"\n^{placed.id}\n" in markdown


def test_article_text_is_literal(tmp_path: Path) -> None:
    corpus_root = tmp_path / "corpus"
    corpus_root.mkdir()
    (corpus_root / "evil.txt").write_text("Evil\n\n# Heading? *stars* <b>b</b> [link](x) `code` & \x1b[2J\n---\n1. item\n")
    book = Notebook(AnnotationStore(tmp_path / "a.db"), load_corpus(corpus_root))
    book.annotate_quote("evil", "# Heading? *stars* <b>b</b> [link](x) `code` & \x1b[2J\n---\n1. item")
    markdown = build_export(book.placed(), book.corpus, exported=DAY, align=None).markdown
    tokens = MarkdownIt("commonmark").parse(markdown.split("---\n", 2)[2])
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h3", "h4"]
    texts = [c.content for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "text"]
    assert "# Heading? *stars* <b>b</b> [link](x) `code` & \u241b[2J" in "".join(texts)
    assert "\x1b" not in markdown


def test_orphans_are_listed_last_with_their_saved_quote(book: Notebook, tmp_path: Path, seed_copy: Path) -> None:
    book.annotate_quote(KYIV, "It's Trump. Try to say 'no' to him.", note="gone soon")
    book.annotate_quote(EPOCH, "Despite this commitment, the reality remains grim.")
    path = seed_copy / f"{KYIV}.txt"
    path.write_text(path.read_text().replace("It's Trump. Try to say 'no' to him.", "No comment."))
    reloaded = Notebook(book.store, load_corpus(seed_copy))
    markdown = export_text(reloaded, tmp_path)
    orphans = markdown[markdown.index("## Orphaned annotations") :]
    assert "It's Trump. Try to say 'no' to him." in orphans and "gone soon" in orphans and "**Orphan**" in orphans
    assert yaml.safe_load(markdown.split("---\n")[1])["orphans"] == 1


def test_same_annotations_give_the_same_bytes(book: Notebook, tmp_path: Path) -> None:
    for quote in ("Despite this commitment, the reality remains grim.", "Kremlin"):
        book.annotate_quote(EPOCH if "grim" in quote else "003_9f244bfaca42bf64", quote, occurrence=1)
    book.annotate_quote(KYIV, TRUMP_QUOTE, note=HOSTILE_NOTE)
    first = export_text(book, tmp_path)
    reopened = Notebook(AnnotationStore(book.store.path), load_corpus(book.corpus.root))
    assert export_text(reopened, tmp_path / "other-cache") == first


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Annotations: Trump & Putin — a week's pause", "annotations-trump-putin-a-week-s-pause.md"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j.md"),
        ("CON", "con-notes.md"),
        ("nul", "nul-notes.md"),
        ("Zelenskyy’s café in Kyïv", "zelenskyy-s-cafe-in-kyiv.md"),
        ("???", "annotations.md"),
        ("", "annotations.md"),
        ("..", "annotations.md"),
        ("Зеленський", "annotations.md"),
        ("word " * 60, ("word-" * 16).rstrip("-") + ".md"),
    ],
)
def test_safe_filenames(title: str, expected: str) -> None:
    name = safe_filename(title)
    assert name == expected
    assert len(name) <= 83 and all(ch.isascii() and (ch.isalnum() or ch in "-.") for ch in name)


def test_write_atomically_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, "first\n")
    target.chmod(0o640)
    write_atomically(target, "second\n")
    assert target.read_text() == "second\n" and target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_note_lines_close_only_an_open_fence() -> None:
    assert note_lines("```\ncode\n```\nafter") == ["```", "code", "```", "after"]
    assert note_lines("~~~~\ncode\n~~~") == ["~~~~", "code", "~~~", "~~~~"]


def test_cli_export_to_a_file_is_byte_identical_and_replaced(seed_copy: Path, tmp_path: Path) -> None:
    run("annotate", KYIV, "--quote", TRUMP_QUOTE, "--note", "main quote", "--tag", "quote", "--corpus", str(seed_copy))
    run("annotate", EPOCH, "--quote", "Despite this commitment", "--corpus", str(seed_copy))
    out = tmp_path / "notes.md"
    first = run("export", "--out", str(out), "--date", "2026-11-25", "--corpus", str(seed_copy))
    assert f"wrote 2 annotations to {out}" in first.stderr
    content = out.read_bytes()
    run("export", "--out", str(out), "--date", "2026-11-25", "--corpus", str(seed_copy))
    assert out.read_bytes() == content and content.count(b"\n^a-") == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    to_stdout = run("export", "--date", "2026-11-25", "--corpus", str(seed_copy))
    assert to_stdout.stdout.encode() == content
    only_tag = run("export", "--tag", "quote", "--date", "2026-11-25", "--corpus", str(seed_copy))
    assert "annotations: 1" in only_tag.stdout and "main quote" in only_tag.stdout


def test_cli_export_to_a_folder_names_the_file_from_the_title(seed_copy: Path, tmp_path: Path) -> None:
    run("annotate", KYIV, "--quote", TRUMP_QUOTE, "--corpus", str(seed_copy))
    folder = tmp_path / "exports"
    folder.mkdir()
    run("export", "--out", str(folder), "--article", KYIV, "--corpus", str(seed_copy))
    names = [p.name for p in folder.iterdir()]
    assert names == ["annotations-trump-claims-putin-agreed-not-to-strike-kyiv-other-ukrainian-cities.md"]


def test_cli_export_by_story_and_nothing_to_export(seed_copy: Path, tmp_path: Path) -> None:
    run("annotate", KYIV, "--quote", TRUMP_QUOTE, "--corpus", str(seed_copy))
    story = json.loads(run("collate", "--json", "--corpus", str(seed_copy)).stdout)["stories"][0]["id"]
    by_story = run("export", "--story", story, "--corpus", str(seed_copy))
    assert f"Story `{story}`" in by_story.stdout
    unknown = run("export", "--story", "story-nope", "--corpus", str(seed_copy), check_rc=2)
    assert "no story 'story-nope'" in unknown.stderr
    out = tmp_path / "keep.md"
    out.write_text("an earlier export\n")
    nothing = run("export", "--tag", "no-such-tag", "--out", str(out), "--corpus", str(seed_copy), check_rc=1)
    assert "nothing written" in nothing.stderr and out.read_text() == "an earlier export\n"
