"""``crossread serve``: the reader app in a web browser, through textual-serve, on this machine only.

textual-serve starts one app process per browser tab from a shell command string; that command is
this same ``crossread app`` with the same corpus and settings file. The server binds the loopback
address only: the app reads and writes the user's files, so it is never offered to the network.
"""

from __future__ import annotations

import errno
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from index.config import Config
from index.errors import CrossreadError

LOOPBACK = "127.0.0.1"
"""The only address ``crossread serve`` listens on."""

DEFAULT_PORT = 8000


def app_command(config: Config, python: str = sys.executable) -> str:
    """The shell command textual-serve runs for each browser tab: this app on the same corpus and config.

    Args:
        config: The resolved settings of the ``serve`` command.
        python: The interpreter that runs the app (the one running ``serve``).

    Returns:
        A shell command string with every argument quoted.
    """
    words: list[str | Path] = [python, "-m", "index.cli", "app", "--corpus", config.corpus]
    if config.source is not None:
        words += ["--config", config.source]
    return shlex.join(str(word) for word in words)


def check_port_free(port: int, host: str = LOOPBACK) -> None:
    """Refuse a port another program listens on, before the server announces itself.

    The probe sets ``SO_REUSEADDR`` like aiohttp does, so a port left in TIME_WAIT counts as free.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as error:
        raise _port_error(port, error) from None
    finally:
        probe.close()


def _port_error(port: int, error: OSError) -> CrossreadError:
    if error.errno == errno.EADDRINUSE:
        return CrossreadError(f"port {port} on {LOOPBACK} is in use; choose another with --port N")
    if error.errno == errno.EACCES:
        return CrossreadError(f"no permission to listen on port {port}; choose one above 1023 with --port N")
    return CrossreadError(f"cannot listen on {LOOPBACK}:{port}: {error.strerror or error}; choose another --port")


def serve(config: Config, port: int = DEFAULT_PORT) -> int:
    """Serve the app at ``http://127.0.0.1:<port>`` until Ctrl+C (or SIGTERM); return the exit status."""
    if not 1 <= port <= 65535:
        raise CrossreadError(f"port {port} is out of range; use --port N with N from 1 to 65535")
    check_port_free(port)
    server = _make_server(app_command(config), port)
    try:
        server.serve()
    except OSError as error:  # lost a race for the port after the check
        raise _port_error(port, error) from None
    return 0


def _make_server(command: str, port: int) -> Any:
    """A textual-serve ``Server`` on the loopback address that ends its app processes when it stops."""
    import asyncio

    from aiohttp import web
    from textual_serve.server import Server  # deferred: only this command needs the web server

    class LoopbackServer(Server):
        """Tells each open tab's app to quit on shutdown, instead of waiting for the browser to hang up.

        aiohttp waits for open connections before it stops, so a Ctrl+C sent to the server alone
        (``kill -INT``) would wait for the websockets' heartbeat to time out.
        """

        def __init__(self) -> None:
            super().__init__(command, host=LOOPBACK, port=port, title="crossread")
            self.sessions: set[asyncio.Task[Any]] = set()

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_shutdown(self, app: web.Application) -> None:
            # A cancelled session closes its websocket, then sends the app "quit" and waits for it to exit.
            for task in list(self.sessions):
                task.cancel()
            if self.sessions:
                await asyncio.wait(list(self.sessions), timeout=10)

    return LoopbackServer()
