"""``crossread serve`` in a real browser: the installed command, headless Debian Chromium, Playwright.

textual-serve paints the terminal with xterm.js onto a canvas, so the page has no text in its DOM.
The test reads xterm.js's own screen buffer instead (what its renderer paints): an init script
catches the ``Terminal`` that textual-serve's page assigns to ``this.terminal`` and keeps it on
``window``. A screenshot of each step is saved in the test's tmp folder.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CROSSREAD = Path(sys.executable).parent / "crossread"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

installed = pytest.mark.skipif(not CROSSREAD.exists(), reason="the crossread console script is not installed")
no_playwright = pytest.mark.skipif(
    sync_playwright is None, reason="the playwright package is not installed (pip install -e '.[test]')"
)
no_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed (/usr/bin/chromium; .ci/run installs it)"
)

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && typeof value.write === "function") window.__crossreadTerminal = value;
  },
});
"""
"""Runs before the page's scripts: keeps the xterm.js Terminal that textual-serve creates."""

SCREEN_TEXT = """() => {
  const terminal = window.__crossreadTerminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""
"""The terminal's visible rows as text, one line per row."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"crossread serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on port {port} within {timeout} s:\n{log.read_text()}")


def screen(page: Page) -> str:
    return str(page.evaluate(SCREEN_TEXT))


def wait_for_screen(page: Page, text: str, timeout: float = 20, count: int = 1) -> str:
    """Poll the terminal until ``text`` shows ``count`` times and the screen stops changing; return it."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        shown = screen(page)
        if shown.count(text) >= count and shown == last:
            return shown
        last = shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} (x{count}) never appeared in the browser; the screen was:\n{last}")


@pytest.fixture
def served(seed_copy: Path, tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes], Path]]:
    """``crossread serve`` on a free port over a copy of the seeds; stopped (and its group killed) afterwards."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}  # private XDG: conftest
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(CROSSREAD), "serve", "--port", str(port), "--corpus", str(seed_copy)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the app processes it starts are in it too
        )
    try:
        wait_for_port(port, server, log)
        yield port, server, log
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(server.pid, signal.SIGKILL)  # anything left over, app processes included
        except ProcessLookupError:
            pass
        server.wait(timeout=5)


def launch_page(playwright: Any, port: int) -> Page:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(20_000)
    page.add_init_script(CATCH_TERMINAL)
    local = f"http://127.0.0.1:{port}/"
    # The page asks Google Fonts for Roboto Mono; this network is closed, so refuse at once what is not ours.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
    page.goto(local, wait_until="domcontentloaded")
    return page


@pytest.mark.browser
@no_playwright
@no_chromium
@installed
def test_the_app_renders_in_a_browser_and_compares(served: tuple[int, subprocess.Popen[bytes], Path], tmp_path: Path) -> None:
    """The article list shows the seed outlets; two marked articles and `c` open two compare columns; Ctrl+C
    (SIGINT) then stops the server and every app process it started."""
    port, server, log = served
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        page = launch_page(playwright, port)
        listing = wait_for_screen(page, "Kyiv Independ")
        assert "Washington Exa" in listing and "Epoch Times" in listing, listing
        assert "Search (/)" in listing, listing
        page.screenshot(path=str(tmp_path / "list.png"))

        page.focus(".xterm-helper-textarea")  # xterm.js takes keys through this textarea
        page.keyboard.press("Space")
        wait_for_screen(page, "●")
        page.keyboard.press("Space")
        wait_for_screen(page, "●", count=2)
        page.keyboard.press("c")
        compare = wait_for_screen(page, "reported by 2 of 2")  # the status line: the alignment is in
        assert "1 Washington Examiner" in compare and "2 Kyiv Independent" in compare, compare
        assert "group 1" in compare, compare
        assert "I personally asked President Putin" in compare, compare
        page.screenshot(path=str(tmp_path / "compare.png"))
        assert (tmp_path / "compare.png").stat().st_size > 20_000  # a painted terminal, not a blank page

        server.send_signal(signal.SIGINT)  # Ctrl+C, with the tab still open
        assert server.wait(timeout=15) == 0
    assert "Traceback" not in log.read_text(), log.read_text()
    left = subprocess.run(["pgrep", "-g", str(server.pid)], capture_output=True, text=True).stdout.split()
    assert left == [], f"processes left in the server's group: {left}"


@installed
def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
        result = subprocess.run(
            [str(CROSSREAD), "serve", "--port", str(port)], capture_output=True, text=True, env=env, timeout=30
        )
    assert result.returncode == 2
    assert result.stderr.strip() == f"crossread: port {port} on 127.0.0.1 is in use; choose another with --port N"
    assert result.stdout == ""


def test_the_served_command_is_this_app_on_the_same_corpus_and_config(tmp_path: Path) -> None:
    """textual-serve runs a shell string: odd paths survive the quoting, and the command starts crossread."""
    from index.config import Config
    from tui.serve import app_command

    corpus = tmp_path / "it's a corpus; $(touch pwned)"
    settings = tmp_path / "my config.yaml"
    command = app_command(Config(corpus=corpus, source=settings))
    assert shlex.split(command) == [sys.executable, "-m", "index.cli", "app", "--corpus", str(corpus), "--config", str(settings)]
    assert "--config" not in app_command(Config(corpus=corpus))
    result = subprocess.run(f"{command} --help", shell=True, capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert result.returncode == 0 and "usage: crossread app" in result.stdout, result.stderr
    assert not (tmp_path / "pwned").exists()
