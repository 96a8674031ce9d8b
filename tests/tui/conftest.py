"""Fixtures for app tests: configs on a seed copy (no user settings), apps, and a helper to let the app settle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from index.config import Config, SearchSettings
from index.library import Library
from tui.app import CrossreadApp

SIZE = (120, 36)


@pytest.fixture
def seed_config(seed_copy: Path) -> Config:
    """Settings on a copy of the seeds; searches run as soon as a key is typed (no debounce)."""
    return Config(corpus=seed_copy, search=SearchSettings(debounce_ms=0))


@pytest.fixture
def make_app(seed_config: Config) -> Callable[..., CrossreadApp]:
    """Build an app on the seed copy; keyword arguments override settings (``keymap=...``, ``theme=...``)."""

    def build(library: Library | None = None, **settings: object) -> CrossreadApp:
        return CrossreadApp(replace(seed_config, **settings), library)  # type: ignore[arg-type]

    return build


async def settle(app: CrossreadApp, pilot: object) -> None:
    """Wait for every worker, then for the messages they posted to be handled and the screen drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make screenshots depend on timing."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
