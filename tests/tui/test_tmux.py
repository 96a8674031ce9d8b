"""The installed ``crossread`` in a real terminal (tmux): the test a person would believe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

CROSSREAD = Path(sys.executable).parent / "crossread"


class Tmux:
    """One tmux server on a private socket, with one 120x36 session."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], env=self.env, capture_output=True, text=True, timeout=20)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app").stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """Poll the pane until ``text`` shows and the screen stops changing; return the screen."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen and screen == last:
                return screen
            last = screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{last}")

    def session_alive(self) -> bool:
        return self.run("has-session", "-t", "app").returncode == 0


@pytest.fixture
def tmux(tmp_path: Path):
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES", "TMUX", "TMUX_PANE")}
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        folder = tmp_path / variable.lower()
        folder.mkdir()
        env[variable] = str(folder)
    env["TERM"] = "xterm-256color"
    env["TMUX_TMPDIR"] = str(tmp_path)
    server = Tmux(f"crossread-test-{uuid.uuid4().hex[:8]}", env)
    yield server
    server.run("kill-server")


@pytest.mark.skipif(not CROSSREAD.exists(), reason="the crossread console script is not installed")
def test_search_and_open_a_passage_in_a_real_terminal(tmux: Tmux, seed_copy: Path) -> None:
    command = f"{CROSSREAD} --corpus {seed_copy}"
    started = tmux.run("new-session", "-d", "-s", "app", "-x", "120", "-y", "36", command)
    assert started.returncode == 0, started.stderr
    screen = tmux.wait_for("Kyiv Indep")
    assert "Washington Exa" in screen and "Epoch Times" in screen

    tmux.run("send-keys", "-t", "app", "/")
    time.sleep(0.3)
    tmux.run("send-keys", "-t", "app", "-l", "blackouts")
    tmux.wait_for("2 passages")
    tmux.run("send-keys", "-t", "app", "Enter")
    screen = tmux.wait_for("Ukrainian officials warn Russia frequently")
    assert "re-targets repaired energy" in screen
    assert "[red]" not in screen and "\x1b" not in screen

    tmux.run("send-keys", "-t", "app", "Escape")  # back to the results
    time.sleep(0.3)
    tmux.run("send-keys", "-t", "app", "Escape")  # clear the search
    time.sleep(0.3)
    tmux.run("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 10
    while tmux.session_alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tmux.session_alive()


@pytest.mark.skipif(not CROSSREAD.exists(), reason="the crossread console script is not installed")
def test_compare_two_seeds_and_scroll_one_column(tmux: Tmux, seed_copy: Path) -> None:
    """Mark two seeds, compare them, step the left column to the Putin quote: the right column shows its
    counterpart (the Kyiv Independent's version of the quote) on the same screen row."""
    command = f"{CROSSREAD} --corpus {seed_copy}"
    started = tmux.run("new-session", "-d", "-s", "app", "-x", "120", "-y", "36", command)
    assert started.returncode == 0, started.stderr
    tmux.wait_for("Kyiv Indep")
    for key in ("Space", "Space", "c"):
        tmux.run("send-keys", "-t", "app", key)
        time.sleep(0.2)
    screen = tmux.wait_for("reported by")  # the status line: the alignment is in
    assert "1 Washington Examiner" in screen and "2 Kyiv Independent" in screen
    tmux.run("send-keys", "-t", "app", "n")  # the left column's cursor to the next group: the Putin quote
    screen = tmux.wait_for("group 2 (quote)")
    lines = screen.splitlines()
    middle = 60  # the two columns are 60 cells wide each
    left_cursor = next(index for index, line in enumerate(lines) if line[:middle].lstrip("│ ").startswith("▸"))
    assert "I personally asked" in lines[left_cursor][:middle]
    right_cursor = next(index for index, line in enumerate(lines) if "▸" in line[middle:])
    assert right_cursor == left_cursor, screen  # level with it
    right_quote = next(index for index, line in enumerate(lines) if "I personally asked" in line[middle:])
    assert right_quote == right_cursor, screen  # and it is the counterpart: the Kyiv Independent's version
    tmux.run("send-keys", "-t", "app", "j", "j", "j", "j", "j", "j")  # scroll the left column on
    time.sleep(0.5)
    moved = tmux.wait_for("2 Kyiv Independent").splitlines()
    assert [line[middle:] for line in moved] != [line[middle:] for line in lines]  # the right column followed
    tmux.run("send-keys", "-t", "app", "Escape")
    time.sleep(0.3)
    tmux.run("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 10
    while tmux.session_alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tmux.session_alive()
