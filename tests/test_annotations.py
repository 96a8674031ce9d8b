"""The annotation store on real SQLite files, and the round trip over edited seed articles."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from index.annotations import (
    SCHEMA_VERSION,
    AnnotationError,
    AnnotationNotFound,
    AnnotationsCorrupt,
    AnnotationStore,
    AnnotationStoreError,
    Notebook,
    clean_tags,
    find_quote,
    is_annotation_id,
)
from index.corpus import Corpus, load_corpus
from index.errors import ArticleNotFound

EXAMINER = "000_ffce1361ef9d518c"
KYIV = "001_9a64b4751db7aac9"
EPOCH = "002_b6ca63fe04f75a17"
NOTE_003 = "003_9f244bfaca42bf64"
POST_004 = "004_4be71a29aa337016"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "annotations.db"


def notebook(corpus_root: Path, db: Path) -> Notebook:
    return Notebook(AnnotationStore(db), load_corpus(corpus_root))


def test_add_list_edit_delete(seed_copy: Path, db_path: Path) -> None:
    book = notebook(seed_copy, db_path)
    placed = book.annotate_quote(KYIV, "It's Trump. Try to say 'no' to him.", note="*why* agree?", tags=["#truce", "source", "truce"])
    assert is_annotation_id(placed.id)
    assert placed.annotation.tags == ("truce", "source")
    assert placed.annotation.selector.prefix.endswith('said: "') and len(placed.annotation.selector.prefix) == 32
    again = notebook(seed_copy, db_path).placed()
    assert [(p.id, p.status, p.text) for p in again] == [(placed.id, "exact", "It's Trump. Try to say 'no' to him.")]
    edited = book.edit(placed.id, note="changed", tags=["x"])
    assert edited.annotation.note == "changed" and edited.annotation.tags == ("x",)
    assert edited.annotation.created == placed.annotation.created
    assert book.placed(tag="x")[0].id == placed.id and book.placed(tag="truce") == []
    book.delete(placed.id)
    assert book.placed() == []
    with pytest.raises(AnnotationNotFound):
        book.delete(placed.id)


def test_annotations_belong_to_their_corpus(seed_copy: Path, tmp_path: Path, db_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text("A lone article about herons and the river.\n")
    notebook(seed_copy, db_path).annotate_quote(KYIV, "Kyiv Independent")
    elsewhere = notebook(other, db_path)
    elsewhere.annotate_quote("one", "herons")
    assert [p.annotation.article for p in elsewhere.placed()] == ["one"]
    assert len(notebook(seed_copy, db_path).placed()) == 1


@pytest.mark.parametrize(
    "quote, occurrence, problem",
    [
        ("not in this article at all", None, "does not occur"),
        ("Kyiv", None, "occurs"),
        ("Kyiv", 99, "--occurrence 99"),
        ("   ", None, "does not occur"),
    ],
)
def test_bad_quotes_are_refused_clearly(seed_copy: Path, db_path: Path, quote: str, occurrence: int | None, problem: str) -> None:
    with pytest.raises(AnnotationError, match=problem):
        notebook(seed_copy, db_path).annotate_quote(KYIV, quote, occurrence=occurrence)
    assert not db_path.exists()  # nothing was created for a refused request


def test_unknown_article_and_bad_tags(seed_copy: Path, db_path: Path) -> None:
    with pytest.raises(ArticleNotFound):
        notebook(seed_copy, db_path).annotate_quote("nope", "x")
    for bad in ("two words", "", "#"):
        with pytest.raises(AnnotationError):
            clean_tags([bad])


def test_quotes_match_across_different_spacing() -> None:
    assert find_quote("one  two\nthree four", "two three") == [(5, 14)]
    assert find_quote("a b a b", "a b") == [(0, 3), (4, 7)]


def test_schema_version_and_wal(seed_copy: Path, db_path: Path) -> None:
    notebook(seed_copy, db_path).annotate_quote(KYIV, "Kyiv Independent")
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused_not_downgraded(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(AnnotationStoreError, match="newer crossread"):
        AnnotationStore(db_path).list()
    assert db_path.exists()


def test_a_corrupt_database_is_kept_aside_and_never_overwritten(seed_copy: Path, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not sqlite" * 500
    db_path.write_bytes(garbage)
    store = AnnotationStore(db_path)
    with pytest.raises(AnnotationsCorrupt) as caught:
        store.list()
    message = str(caught.value)
    assert str(db_path) in message and "corrupt" in message and str(caught.value.backup) in message
    assert caught.value.backup.read_bytes() == garbage
    assert store.corrupt_backups() == [caught.value.backup]
    # A new database starts; the backup stays untouched.
    book = notebook(seed_copy, db_path)
    book.annotate_quote(KYIV, "Kyiv Independent")
    assert len(book.placed()) == 1 and caught.value.backup.read_bytes() == garbage
    # A second corruption in the same second gets its own backup.
    db_path.write_bytes(garbage[::-1])
    for side in ("-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    with pytest.raises(AnnotationsCorrupt) as second:
        AnnotationStore(db_path).get("a-0000000000")
    assert second.value.backup != caught.value.backup
    assert caught.value.backup.read_bytes() == garbage and second.value.backup.read_bytes() == garbage[::-1]


def test_a_damaged_page_is_detected_before_any_write(seed_copy: Path, db_path: Path) -> None:
    book = notebook(seed_copy, db_path)
    for number in range(200):
        book.annotate_quote(KYIV, "Kyiv Independent", note="x" * 200 + str(number))
    raw = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, min(len(raw), 4096 * 6)):
        raw[offset] = 0xA5
    db_path.write_bytes(bytes(raw))
    with pytest.raises(AnnotationsCorrupt):
        AnnotationStore(db_path).add(book.placed()[0].annotation)


def test_a_data_folder_that_cannot_be_created_is_reported(seed_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    book = notebook(seed_copy, blocker / "data" / "annotations.db")
    assert book.placed() == []  # reading an absent database needs no folder
    with pytest.raises(AnnotationStoreError, match="cannot create the data folder .*a-file/data.*data_dir"):
        book.annotate_quote(KYIV, "Kyiv Independent")


# -- the round trip: annotate the seeds, edit them, reload --------------------------------------

TWIN = "I personally asked President Putin not to fire into Kyiv and various towns for a week, and he agreed to do that"
MOVED_PARAGRAPH = (
    "Prior to this agreement, Trump had expressed strong dissatisfaction with Russia’s continuous intense attacks, "
    "even publicly calling out on social media, “Vladimir Putin, stop it!”"
)
# (article, quote when annotated, the passage expected after the edits or None, expected status)
ROUND_TRIP = [
    (EXAMINER, "President Donald Trump announced on Thursday that he convinced Russian President Vladimir Putin", "same", "moved"),
    (EXAMINER, TWIN, None, "orphan"),
    (EXAMINER, "There has been no confirmation from the Kremlin about any such pause in their attacks.",
     "There has been no confirmation from the Kremlin about any such halt in their attacks.", "fuzzy"),
    (EXAMINER, "They’ve never experienced cold like that", "same", "moved"),
    (KYIV, "Russian forces launched an attack against Kyiv overnight on Jan. 28",
     "Russian forces carried out an attack against Kyiv overnight on Jan. 28", "fuzzy"),
    (KYIV, "It's Trump. Try to say 'no' to him.", "same", "moved"),
    (EPOCH, MOVED_PARAGRAPH, "same", "moved"),
    (EPOCH, "Despite this commitment, the reality remains grim.", "same", "moved"),
    (NOTE_003, "Russian spokesman Dmitry Peskov declined to comment", "same", "exact"),
    (NOTE_003, "The U.N. Human Rights Monitoring Mission recorded 2,514 civilian deaths",
     "The U.N. Human Rights Monitoring Mission recorded 2,541 civilian deaths", "fuzzy"),
    (POST_004, "Ukrainian President Volodymyr Zelensky thanked Trump for helping “protect lives.”", "same", "moved"),
    (POST_004, "The annoucement comes as Ukraine endures a winter of darkness and desperation",
     "The announcement comes as Ukraine endures a winter of darkness and desperation", "fuzzy"),
]


def _edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _edit_seeds(root: Path, corpus: Corpus) -> None:
    """Remove the debris, correct and change words, move a paragraph, delete one annotated passage."""
    examiner = corpus.get(EXAMINER)
    assert examiner is not None
    promo_start, promo_end, _ = examiner.debris_spans[1]
    twin_paragraph = examiner.text[examiner.text.index("“" + TWIN) : examiner.text.index("region. Ukraine has been") + 8]
    _edit(
        root / f"{EXAMINER}.txt",
        ("urging\n\n.\n\n", "urging\n\n"),  # lone punctuation
        (examiner.text[promo_start:promo_end] + "\n", ""),  # all-caps promo headline
        ("\n\nRelated Content", ""),  # trailer
        (twin_paragraph, "Trump spoke at a Cabinet meeting."),  # the annotated passage is deleted
        ("any such pause in", "any such halt in"),  # a word changed
    )
    kyiv_text = (root / f"{KYIV}.txt").read_text(encoding="utf-8")
    _edit(root / f"{KYIV}.txt", ("Russian forces launched an attack", "Russian forces carried out an attack"), (kyiv_text[-12:], "\n"))
    epoch_text = (root / f"{EPOCH}.txt").read_text(encoding="utf-8")
    start = epoch_text.index(MOVED_PARAGRAPH)
    paragraph = epoch_text[start : epoch_text.index("\n\n", start)]
    _edit(root / f"{EPOCH}.txt", (paragraph + "\n\n", ""))
    with (root / f"{EPOCH}.txt").open("a", encoding="utf-8") as out:
        out.write("\n\n" + paragraph + "\n")  # the paragraph moves to the end
    _edit(root / f"{NOTE_003}.txt", ("2,514 civilian deaths", "2,541 civilian deaths"))
    _edit(
        root / f"{POST_004}.txt",
        ("President Trump personally implored", "President Trump implored"),
        ("The annoucement comes", "The announcement comes"),
    )


def test_round_trip_over_edited_seeds(seed_copy: Path, db_path: Path) -> None:
    book = notebook(seed_copy, db_path)
    saved = {}
    for article, quote, _, _ in ROUND_TRIP:
        saved[(article, quote)] = book.annotate_quote(article, quote, note=f"note on {quote[:20]}").id
    _edit_seeds(seed_copy, book.corpus)

    reloaded = notebook(seed_copy, db_path)
    placed = {p.id: p for p in reloaded.placed()}
    assert len(placed) == len(ROUND_TRIP)  # nothing dropped
    for article, quote, expected, status in ROUND_TRIP:
        item = placed[saved[(article, quote)]]
        assert item.status == status, (quote, item.anchor)
        if expected is None:
            assert item.text is None and item.annotation.quote == quote
        else:
            assert item.text == (quote if expected == "same" else expected), quote
    # Statuses moved/fuzzy are computed, never written back: the saved quote is what was annotated.
    assert {p.annotation.quote for p in placed.values()} == {quote for _, quote, _, _ in ROUND_TRIP}


def test_an_article_renamed_but_unchanged_keeps_its_annotations(seed_copy: Path, db_path: Path) -> None:
    book = notebook(seed_copy, db_path)
    placed = book.annotate_quote(KYIV, "It's Trump. Try to say 'no' to him.")
    (seed_copy / f"{KYIV}.txt").rename(seed_copy / "kyiv-renamed.txt")
    again = notebook(seed_copy, db_path).get(placed.id)
    assert again.article is not None and again.article.id == "kyiv-renamed" and again.status == "exact"
    (seed_copy / "kyiv-renamed.txt").unlink()
    gone = notebook(seed_copy, db_path).get(placed.id)
    assert gone.article is None and gone.status == "orphan" and gone.annotation.quote.startswith("It's Trump")
