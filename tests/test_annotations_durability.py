"""Annotations survive a killed writer and concurrent writers; real processes, real SQLite files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

from index.annotations import AnnotationStore

from .conftest import REPO
from .test_cli import run

BATCH = 10

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from index.anchoring import Selector
    from index.annotations import Annotation, AnnotationStore, new_id

    store = AnnotationStore(Path(sys.argv[1]))
    count = int(sys.argv[2])  # 0: forever
    tag = sys.argv[3]
    done = 0
    while count == 0 or done < count:
        batch = [
            Annotation(id=new_id(), corpus="/corpus", article="a", path="a.txt", content_hash="h",
                       selector=Selector("q" * 2000, "p", "s", 0, 2000), note="n" * 20000, tags=(tag,))
            for _ in range(int(sys.argv[4]))
        ]
        saved = store.add_many(batch)
        print(" ".join(a.id for a in saved), flush=True)
        done += 1
    """
)


def writer(db: Path, saves: int, tag: str, batch: int = 1) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(saves), tag, str(batch)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_save_loses_at_most_that_save(tmp_path: Path) -> None:
    db = tmp_path / "annotations.db"
    process = writer(db, 0, "kill", BATCH)
    assert process.stdout is not None and process.stderr is not None
    committed: list[str] = []
    while len(committed) < 40 * BATCH:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        committed += line.split()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    committed += process.stdout.read().split()  # lines printed before the kill: committed too
    process.stdout.close()
    process.stderr.close()

    saved = {a.id for a in AnnotationStore(db).list()}
    assert set(committed) <= saved
    assert len(saved) % BATCH == 0  # a save is whole or absent, never half a batch
    assert len(saved) - len(committed) <= BATCH  # at most the save in progress (committed, not yet printed)
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "annotations.db"  # both also race to create the file and schema
    processes = [writer(db, 60, tag) for tag in ("one", "two")]
    results = []
    try:
        for process in processes:
            results.append(process.communicate(timeout=120))
    finally:
        for process in processes:  # a failed wait must not leave the other writer running
            if process.poll() is None:
                process.kill()
                process.communicate()
    for process, (_, err) in zip(processes, results):
        assert process.returncode == 0, err
        assert "locked" not in err
    saved = AnnotationStore(db).list()
    assert len(saved) == 120
    assert {a.tags[0] for a in saved} == {"one", "two"}


def test_cli_writers_at_once_all_succeed(seed_copy: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    crossread = Path(sys.executable).parent / "crossread"
    quotes = ["Kyiv Independent", "Abu Dhabi talks", "land deal", "Witkoff", "Donbas", "Odesa"]
    processes = [
        subprocess.Popen(
            [str(crossread), "annotate", "001_9a64b4751db7aac9", "--quote", quote, "--occurrence", "1", "--corpus", str(seed_copy)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for quote in quotes
    ]
    ids = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        ids.append(out.strip())
    listed = run("annotations", "--json", "--corpus", str(seed_copy))
    assert sorted(item["id"] for item in json.loads(listed.stdout)) == sorted(ids)
