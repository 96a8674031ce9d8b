"""The installed ``crossread`` command, run as a user runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.corpus import Corpus
from index.errors import CrossreadError

from .conftest import REPO

CROSSREAD = Path(sys.executable).parent / "crossread"
SUBCOMMANDS = ["app", "index", "list", "search", "align", "collate", "discrepancies", "annotate", "annotations", "open", "export", "serve"]


def run(*args: str, check_rc: int | None = 0, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    result = subprocess.run([str(CROSSREAD), *args], capture_output=True, text=True, env=env, timeout=60, **kwargs)
    if check_rc is not None:
        assert result.returncode == check_rc, result.stderr
    return result


def test_console_script_is_installed() -> None:
    assert CROSSREAD.exists(), "run the README's install command first"


def test_list_json_on_the_builtin_seeds() -> None:
    result = run("list", "--json")
    rows = json.loads(result.stdout)
    assert len(rows) == 5
    assert {"id", "source", "title", "date", "words"} <= set(rows[0])
    assert rows[1]["source"] == "Kyiv Independent"
    assert len({row["story"] for row in rows}) == 1  # five outlets, one event
    # First use builds the index, saying so on stderr.
    assert "building the search index" in result.stderr


def test_list_into_a_pipe_prints_whole_titles() -> None:
    """Piped output is for grep and scripts: no title or id is cut to fit 80 columns."""
    result = run("list")  # stdout is a pipe, COLUMNS unset
    assert "Trump claims Putin agreed not to strike Kyiv, other Ukrainian cities 'for a week'" in result.stdout
    assert "Trump says Putin agreed to pause Ukraine bombings for a week at his urging" in result.stdout
    assert "…" not in result.stdout.splitlines()[2]


def test_search_json_fields(seed_copy: Path) -> None:
    result = run("search", '"not to fire"', "--json", "--limit", "3", "--corpus", str(seed_copy))
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    assert {"article", "source", "title", "paragraph", "start", "end", "score", "snippet"} <= set(hits[0])
    text = (seed_copy / f"{hits[0]['article']}.txt").read_text()
    assert "not to fire" in text[hits[0]["start"] : hits[0]["end"]]


def test_options_are_accepted_before_and_after_the_command(seed_copy: Path) -> None:
    (seed_copy / "extra.txt").write_text("Only here: the word kumquat.\n")
    before = run("--corpus", str(seed_copy), "search", "kumquat", "--json")
    after = run("search", "kumquat", "--json", "--corpus", str(seed_copy))
    assert json.loads(before.stdout)[0]["article"] == json.loads(after.stdout)[0]["article"] == "extra"


def test_search_text_output_and_no_hits(seed_copy: Path) -> None:
    result = run("search", "Witkoff", "--corpus", str(seed_copy))
    assert "Witkoff" in result.stdout and "Kyiv Independent" in result.stdout
    missing = run("search", "putn", "--corpus", str(seed_copy), check_rc=1)
    assert missing.stdout == ""
    assert "did you mean: putin" in missing.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (["search", '"storm hit'], "unclosed quote"),
        (["search", "foo:bar"], "unknown field"),
        (["--corpus", "/nonexistent/folder", "list"], "does not exist"),
        (["list", "--config", "/nonexistent/config.yaml"], "does not exist"),
    ],
)
def test_user_errors_are_one_line_without_traceback(args: list[str], expected: str) -> None:
    result = run(*args, check_rc=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and lines[0].startswith("crossread: ")
    assert "Traceback" not in result.stderr


def test_malformed_config_names_file_line_and_key(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("theme: textual-dark\nsearch:\n  limit: lots\n")
    result = run("list", "--config", str(config), check_rc=2)
    assert f"{config}:3: 'search.limit' is 'lots'; expected a whole number" in result.stderr


def test_index_and_rebuild_report_what_they_did(seed_copy: Path) -> None:
    first = run("index", "--corpus", str(seed_copy))
    assert "files added 5" in first.stdout
    (seed_copy / "000_ffce1361ef9d518c.txt").write_text("Rewritten.\n")
    second = run("index", "--corpus", str(seed_copy))
    assert "added 0, changed 1, removed 0, unchanged 4" in second.stdout
    rebuilt = run("index", "--rebuild", "--corpus", str(seed_copy))
    assert "files added 5" in rebuilt.stdout


def test_bulk_build_in_two_processes_then_incremental(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for number in range(600):
        (corpus / f"a{number:03d}.txt").write_text(f"Report {number} about harbour number{number}.\n")
    first = run("index", "--corpus", str(corpus))
    assert "600 files, 600 passages; files added 600" in first.stdout
    (corpus / "a007.txt").write_text("Report 7 now about lighthouses.\n")
    second = run("index", "--corpus", str(corpus))
    assert "600 passages; files added 0, changed 1" in second.stdout
    hits = json.loads(run("search", "number599 OR lighthouses", "--json", "--corpus", str(corpus)).stdout)
    assert {hit["article"] for hit in hits} == {"a599", "a007"}


def test_align_refuses_an_article_with_itself(seed_copy: Path) -> None:
    article = json.loads(run("list", "--json", "--corpus", str(seed_copy)).stdout)[0]["id"]
    result = run("align", article, article, "--corpus", str(seed_copy), check_rc=2)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"crossread: cannot align '{article}' with itself")
    assert "two different articles" in result.stderr and "crossread list" in result.stderr
    from index.align_cli import run_align  # the engine entry point refuses it too

    with pytest.raises(CrossreadError, match="with itself"):
        run_align(Corpus(seed_copy), article, article, False, io.StringIO(), None)


def test_markup_and_escape_sequences_in_articles_print_as_text(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text("Headline [red]x[/] here\n\nBody with [bold]tags[/bold] and \x1b[2J clear.\n")
    listed = run("list", "--corpus", str(tmp_path))
    assert "[red]x[/]" in listed.stdout
    found = run("search", "body", "--corpus", str(tmp_path))
    assert "[bold]tags[/bold]" in found.stdout
    assert "\x1b" not in found.stdout and "\u241b[2J" in found.stdout
    as_json = json.loads(run("search", "body", "--json", "--corpus", str(tmp_path)).stdout)
    assert "\x1b[2J" in as_json[0]["snippet"]  # JSON keeps the data exact; json.dumps escapes it


def test_bad_files_are_reported_and_the_rest_works(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good article about herons.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\nHerons again.\n")
    result = run("search", "herons", "--json", "--corpus", str(tmp_path))
    assert {h["article"] for h in json.loads(result.stdout)} == {"good", "broken"}
    assert "crossread: skipped empty.txt: empty file\n" in result.stderr
    assert "crossread: skipped binary.txt: binary file (contains NUL bytes)\n" in result.stderr
    assert "crossread: note: broken.md: broken YAML front matter" in result.stderr
    assert all(line.count("skipped") == line.startswith("crossread: skipped ") for line in result.stderr.splitlines())


def test_a_file_name_with_an_escape_sequence_is_reported_safely(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Herons.\n")
    (tmp_path / "evil\x1b[2J.txt").write_text("")
    result = run("list", "--corpus", str(tmp_path))
    assert "\x1b" not in result.stderr
    assert "skipped evil\u241b[2J.txt: empty file" in result.stderr


def test_empty_corpus_lists_nothing_clearly(tmp_path: Path) -> None:
    result = run("list", "--corpus", str(tmp_path))
    assert result.stdout == "" and "no articles in" in result.stderr


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help_and_is_in_the_readme(command: str) -> None:
    result = run(command, "--help")
    assert "--corpus" in result.stdout and "--config" in result.stdout
    assert f"crossread {command}" in (REPO / "README.md").read_text()
