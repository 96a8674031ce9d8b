"""The index: built on first use, updated per file, rebuilt by itself when it cannot be trusted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from index.config import Config
from index.corpus import load_corpus
from index.errors import IndexBusy
from index.library import Library
from index.store import MANIFEST, Store


def open_library(corpus: Path, tmp_path: Path, notices: list[str] | None = None) -> Library:
    config = Config(corpus=corpus, index_dir=tmp_path / "index")
    return Library.open(config, notice=(notices.append if notices is not None else None))


def test_first_open_builds_then_nothing_is_touched(seed_copy: Path, tmp_path: Path) -> None:
    notices: list[str] = []
    library = open_library(seed_copy, tmp_path, notices)
    assert library.last_sync.added == 5 and library.store.document_count() == 75
    assert "building the search index" in notices[0]
    library.close()
    again = open_library(seed_copy, tmp_path)
    assert again.last_sync.touched == 0 and again.last_sync.unchanged == 5
    # The index lives outside the corpus folder.
    assert not any(p.name.startswith(("MAIN", "_MAIN", "crossread")) for p in seed_copy.iterdir())


def test_only_changed_added_and_removed_files_are_touched(seed_copy: Path, tmp_path: Path) -> None:
    open_library(seed_copy, tmp_path).close()
    changed = seed_copy / "002_b6ca63fe04f75a17.txt"
    changed.write_text(changed.read_text() + "\nA new paragraph about zeppelins.\n")
    (seed_copy / "003_9f244bfaca42bf64.txt").unlink()
    (seed_copy / "new.md").write_text("---\ntitle: New\nsource: Example\n---\nA fresh report on zeppelins.\n")
    library = open_library(seed_copy, tmp_path)
    report = library.last_sync
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 3)
    hits = library.search("zeppelins").hits
    assert sorted(h.article for h in hits) == ["002_b6ca63fe04f75a17", "new"]
    assert not library.search("Shotwell").hits  # only in the removed file


def test_touching_a_file_without_changing_it_reindexes_nothing(seed_copy: Path, tmp_path: Path) -> None:
    open_library(seed_copy, tmp_path).close()
    os.utime(seed_copy / "000_ffce1361ef9d518c.txt", (1, 1))
    assert open_library(seed_copy, tmp_path).last_sync.touched == 0


def _index_folder(seed_copy: Path, tmp_path: Path) -> Path:
    return Store(seed_copy, tmp_path / "index").folder


@pytest.mark.parametrize(
    "damage, expected",
    [
        ("truncate_segment", "unreadable"),
        ("delete_toc", "no table of contents"),
        ("garble_manifest", "unreadable manifest"),
        ("old_schema", "older version of crossread"),
        ("delete_manifest", "no manifest"),
    ],
)
def test_damaged_index_is_detected_and_rebuilt(seed_copy: Path, tmp_path: Path, damage: str, expected: str) -> None:
    open_library(seed_copy, tmp_path).close()
    folder = _index_folder(seed_copy, tmp_path)
    if damage == "truncate_segment":
        segment = next(folder.glob("*.seg"))
        segment.write_bytes(segment.read_bytes()[:200])
    elif damage == "delete_toc":
        for toc in folder.glob("*.toc"):
            toc.unlink()
    elif damage == "garble_manifest":
        (folder / MANIFEST).write_text("{garbage")
    elif damage == "old_schema":
        manifest = json.loads((folder / MANIFEST).read_text())
        manifest["schema"] = 0
        (folder / MANIFEST).write_text(json.dumps(manifest))
    elif damage == "delete_manifest":
        (folder / MANIFEST).unlink()
    notices: list[str] = []
    library = open_library(seed_copy, tmp_path, notices)
    assert len(notices) == 1 and expected in notices[0]
    assert library.store.document_count() == 75
    assert library.search('"not to fire"').hits


HOLD_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from whoosh import index
    from index.store import Store
    store = Store(Path(sys.argv[1]), Path(sys.argv[2]))
    store.open()
    writer = store.index.writer()
    print("locked", flush=True)
    time.sleep(float(sys.argv[3]))
    writer.cancel()
    """
)


def _hold_writer(seed_copy: Path, tmp_path: Path, seconds: float) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER, str(seed_copy), str(tmp_path / "index"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def test_lock_left_by_a_killed_writer_does_not_block(seed_copy: Path, tmp_path: Path) -> None:
    open_library(seed_copy, tmp_path).close()
    holder = _hold_writer(seed_copy, tmp_path, 60)
    holder.send_signal(signal.SIGKILL)
    holder.communicate()
    (seed_copy / "added.txt").write_text("Added after the crash.\n")
    began = time.perf_counter()
    library = open_library(seed_copy, tmp_path)
    assert time.perf_counter() - began < 5
    assert library.last_sync.added == 1 and library.search("crash").hits


def test_second_process_waits_for_the_writer_instead_of_failing(seed_copy: Path, tmp_path: Path) -> None:
    open_library(seed_copy, tmp_path).close()
    holder = _hold_writer(seed_copy, tmp_path, 1.5)
    (seed_copy / "added.txt").write_text("Written while another process indexed.\n")
    library = open_library(seed_copy, tmp_path)
    holder.communicate(timeout=10)
    assert holder.returncode == 0
    assert library.last_sync.added == 1 and library.search("another process").hits


def test_a_writer_held_too_long_is_reported_and_the_index_still_answers(seed_copy: Path, tmp_path: Path) -> None:
    library = open_library(seed_copy, tmp_path)
    holder = _hold_writer(seed_copy, tmp_path, 5)
    (seed_copy / "added.txt").write_text("Waiting for the writer.\n")
    library.reload_corpus()
    library.store.writer_timeout = 0.5
    with pytest.raises(IndexBusy, match="being written by another crossread process"):
        library.sync()
    assert library.search("putin").hits  # reading goes on with the index as it was
    holder.kill()
    holder.communicate()
    assert library.sync().added == 1


def test_reader_keeps_working_while_another_process_reindexes(seed_copy: Path, tmp_path: Path) -> None:
    reader = open_library(seed_copy, tmp_path)
    assert reader.search("putin").hits
    (seed_copy / "later.txt").write_text("Later news about glaciers.\n")
    writer = open_library(seed_copy, tmp_path)
    assert writer.last_sync.added == 1
    assert reader.search("glaciers").hits  # each search sees the newest commit


def test_long_paragraph_is_indexed_in_chunks_with_exact_offsets(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = " ".join(f"w{i}" for i in range(20_000)) + " needle\n"
    (corpus / "long.txt").write_text(text)
    library = open_library(corpus, tmp_path)
    hit = library.search("needle").hits[0]
    article = load_corpus(corpus).articles[0]
    assert article.text[hit.start : hit.end].endswith("needle")
    assert article.text[hit.match_start : hit.match_start + 6] == "needle"
