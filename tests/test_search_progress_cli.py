"""`crossread search` with an alignment field: what stderr shows while the corpus is aligned the first time.

Piped (a script, a test), stderr gets one line and nothing that redraws; on a terminal a progress
bar follows that line and is taken away when the work is done. Both run the real console script.
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from index.cli import _AligningProgress

CROSSREAD = Path(sys.executable).parent / "crossread"
FIRST_LINE = "crossread: aligning 1 story for only:yes (once; cached)"
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}


def _search(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CROSSREAD), "search", *args], capture_output=True, text=True, env=_env(), timeout=120, check=False
    )


def test_piped_stderr_gets_one_line_and_no_redrawing(seed_copy: Path) -> None:
    first = _search("trump only:yes", "--corpus", str(seed_copy))
    assert first.returncode == 0, first.stderr
    aligning = [line for line in first.stderr.splitlines() if "aligning" in line]
    assert aligning == [FIRST_LINE]
    assert "\r" not in first.stderr and "\x1b" not in first.stderr
    assert "trump" in first.stdout.lower()
    second = _search("trump only:yes", "--corpus", str(seed_copy))  # the facts come from the cache file
    assert second.returncode == 0 and "aligning" not in second.stderr
    assert second.stdout == first.stdout


def test_a_terminal_gets_the_line_and_a_bar_that_goes_away(seed_copy: Path) -> None:
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    try:
        process = subprocess.Popen(
            [str(CROSSREAD), "search", "trump only:yes", "--corpus", str(seed_copy), "--json"],
            stdout=subprocess.PIPE,
            stderr=terminal,
            env={**_env(), "TERM": "xterm-256color"},
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while True:
            ready, _, _ = select.select([controller], [], [], 60)
            assert ready, "crossread search printed nothing for 60 s"
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the command exited and everything it wrote was read
                break
            if not chunk:
                break
            shown += chunk
        assert process.stdout is not None
        stdout = process.stdout.read()
        process.stdout.close()
        assert process.wait(timeout=60) == 0
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    text = shown.decode("utf-8", "replace")
    plain = CONTROL.sub("", text)
    assert FIRST_LINE in plain
    assert "aligned" in plain and "1/1 stories" in plain  # the bar, drawn at least once
    assert text.endswith("\x1b[1A\x1b[2K")  # and erased when the work is done
    assert stdout.startswith(b"[")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_many_progress_calls_make_one_line_when_piped() -> None:
    stream = io.StringIO()
    progress = _AligningProgress("outlets:>=3", stream)
    for done in range(1, 2182):
        progress(done, 2181)
    progress.finish()
    assert stream.getvalue() == "crossread: aligning 2181 stories for outlets:>=3 (once; cached)\n"


def test_a_terminal_bar_counts_the_stories() -> None:
    stream = _Terminal()
    progress = _AligningProgress("flag:any", stream)
    for done in range(0, 41):
        progress(done, 40)
    progress.finish()
    text = stream.getvalue()
    assert text.startswith("crossread: aligning 40 stories for flag:any (once; cached)\n")
    assert "40/40 stories" in CONTROL.sub("", text)
    assert text.endswith("\x1b[2K")  # the bar is erased
