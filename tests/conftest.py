"""Shared fixtures: every test runs with private XDG folders, so no user index, data or config leaks in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def isolated_xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        (home / folder).mkdir()
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the five seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target
