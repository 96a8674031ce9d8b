"""`crossread annotate`, `annotations` and `open`, run as a user runs them (the installed console script)."""

from __future__ import annotations

import argparse
import json
import sys
import types
from pathlib import Path

import pytest

from index import annotate_cli
from index.config import Config

from .test_cli import run

KYIV = "001_9a64b4751db7aac9"
QUOTE = "It's Trump. Try to say 'no' to him."


def annotate(corpus: Path, *extra: str, article: str = KYIV, quote: str = QUOTE, check_rc: int | None = 0):
    return run("annotate", article, "--quote", quote, *extra, "--corpus", str(corpus), check_rc=check_rc)


def test_annotate_then_list_as_json(seed_copy: Path) -> None:
    created = annotate(seed_copy, "--note", "why *would* they?", "--tag", "truce", "--tag", "#source")
    annotation_id = created.stdout.strip()
    assert annotation_id.startswith("a-") and len(annotation_id) == 12
    rows = json.loads(run("annotations", "--json", "--corpus", str(seed_copy)).stdout)
    assert len(rows) == 1
    row = rows[0]
    assert {"id", "article", "start", "end", "quote", "note", "tags", "status"} <= set(row)
    assert row["id"] == annotation_id and row["article"] == KYIV and row["status"] == "exact"
    text = (seed_copy / f"{KYIV}.txt").read_text()
    assert text[row["start"] : row["end"]] == QUOTE == row["quote"] == row["text"]
    assert row["tags"] == ["truce", "source"] and row["note"] == "why *would* they?"
    assert (row["line"], row["column"]) == (text.count("\n", 0, row["start"]) + 1, row["start"] - text.rfind("\n", 0, row["start"]))


@pytest.mark.parametrize("quote", ["", "   \t"])
def test_an_empty_quote_is_refused_as_empty(seed_copy: Path, quote: str) -> None:
    result = annotate(seed_copy, quote=quote, check_rc=2)
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("crossread: --quote is empty")
    assert "does not occur" not in result.stderr
    assert "give its words as they read in the article" in result.stderr
    assert run("annotations", "--json", "--corpus", str(seed_copy)).stdout.strip() == "[]"


def test_listing_shows_status_and_orphans_with_their_saved_quote(seed_copy: Path) -> None:
    annotate(seed_copy)
    path = seed_copy / f"{KYIV}.txt"
    path.write_text(path.read_text().replace(QUOTE, ""))
    listed = run("annotations", "--corpus", str(seed_copy))
    assert "orphan" in listed.stdout and QUOTE in listed.stdout
    assert "1 orphaned annotation" in listed.stderr
    row = json.loads(run("annotations", "--json", "--corpus", str(seed_copy)).stdout)[0]
    assert row["status"] == "orphan" and row["start"] is None and row["text"] is None and row["quote"] == QUOTE


def test_open_print_shows_the_place(seed_copy: Path) -> None:
    annotation_id = annotate(seed_copy, "--note", "a note").stdout.strip()
    shown = run("open", annotation_id, "--print", "--corpus", str(seed_copy))
    assert "Kyiv Independent" in shown.stdout and QUOTE in shown.stdout and "a note" in shown.stdout
    assert f"{KYIV}.txt:8:" in shown.stdout
    offset = (seed_copy / f"{KYIV}.txt").read_text().index("Steve Witkoff")
    by_offset = run("open", f"{KYIV}@{offset}", "--print", "--corpus", str(seed_copy))
    assert "Steve Witkoff, Trump's special envoy" in by_offset.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["annotate", KYIV, "--quote", "words that are not there"], "does not occur in 001_9a64b4751db7aac9"),
        (["annotate", KYIV, "--quote", "Kyiv"], "occurs"),
        (["annotate", "no-such-article", "--quote", "x"], "no article with id 'no-such-article'"),
        (["annotate", KYIV, "--quote", "Kyiv Independent", "--tag", "two words"], "is not a tag"),
        (["open", "a-0123456789", "--print"], "no annotation 'a-0123456789'"),
        (["open", "nonsense", "--print"], "neither an annotation id"),
        (["open", f"{KYIV}@999999", "--print"], "past the end"),
    ],
)
def test_user_errors_are_one_line(seed_copy: Path, args: list[str], expected: str) -> None:
    result = run(*args, "--corpus", str(seed_copy), check_rc=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and lines[0].startswith("crossread: ")


def test_an_orphan_cannot_be_opened_and_says_its_quote(seed_copy: Path) -> None:
    annotation_id = annotate(seed_copy).stdout.strip()
    (seed_copy / f"{KYIV}.txt").unlink()
    result = run("open", annotation_id, "--print", "--corpus", str(seed_copy), check_rc=2)
    assert "orphan" in result.stderr and "It's Trump" in result.stderr


def test_a_corrupt_database_is_reported_kept_and_a_new_one_started(seed_copy: Path, isolated_xdg: Path) -> None:
    data = isolated_xdg / "data" / "crossread"
    data.mkdir(parents=True)
    garbage = b"\x00garbage, not SQLite\xff" * 300
    (data / "annotations.db").write_bytes(garbage)
    failed = run("annotations", "--corpus", str(seed_copy), check_rc=2)
    assert failed.stderr.count("\n") == 1 and "is corrupt" in failed.stderr and "annotations.db.corrupt-" in failed.stderr
    backups = list(data.glob("annotations.db.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == garbage
    annotate(seed_copy)  # a new database
    listed = run("annotations", "--json", "--corpus", str(seed_copy))
    assert len(json.loads(listed.stdout)) == 1
    assert f"damaged annotations database is kept at {backups[0]}" in listed.stderr
    assert backups[0].read_bytes() == garbage


def test_a_data_dir_that_cannot_be_written_is_reported(seed_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("a file where a folder should be")
    config = tmp_path / "config.yaml"
    config.write_text(f"data_dir: {blocker / 'crossread'}\n")
    result = annotate(seed_copy, "--config", str(config), check_rc=2)
    assert "cannot create the data folder" in result.stderr and "data_dir" in result.stderr
    assert result.stderr.count("\n") == 1
    listed = run("annotations", "--json", "--config", str(config), "--corpus", str(seed_copy))
    assert json.loads(listed.stdout) == []


def test_markup_and_escapes_in_quotes_and_notes_print_as_text(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text("Headline here\n\nBody with [red]x[/] and \x1b[2J clear.\n")
    annotation_id = annotate(tmp_path, "--note", "[bold]n[/bold] \x1b[31m", article="evil", quote="[red]x[/] and \x1b[2J clear").stdout.strip()
    for args in (["annotations"], ["open", annotation_id, "--print"]):
        shown = run(*args, "--corpus", str(tmp_path))
        assert "[red]x[/]" in shown.stdout and "[bold]n[/bold]" in shown.stdout
        assert "\x1b" not in shown.stdout and "\u241b[2J" in shown.stdout
    row = json.loads(run("annotations", "--json", "--corpus", str(tmp_path)).stdout)[0]
    assert row["quote"] == "[red]x[/] and \x1b[2J clear"  # JSON keeps the data exact


def _fake_app(monkeypatch: pytest.MonkeyPatch, run_app) -> None:
    module = types.ModuleType("tui.app")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.app", module)


def test_open_starts_the_app_at_the_passage(seed_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    config = Config(corpus=seed_copy)
    placed = annotate_cli.load_notebook(config).annotate_quote(KYIV, QUOTE)
    calls = []

    def run_app(config: Config, start_at: tuple[str, int] | None = None) -> int:
        calls.append(start_at)
        return 0

    _fake_app(monkeypatch, run_app)
    assert annotate_cli.cmd_open(argparse.Namespace(target=placed.id, print_only=False), config) == 0
    assert calls == [(KYIV, placed.anchor.start)]


def test_open_falls_back_when_the_app_cannot_jump(seed_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    config = Config(corpus=seed_copy)
    calls = []
    _fake_app(monkeypatch, lambda config: calls.append(config) or 0)
    assert annotate_cli.cmd_open(argparse.Namespace(target=f"{KYIV}@10", print_only=False), config) == 0
    assert calls == [config]
    assert "cannot jump to a passage yet" in capsys.readouterr().err
