"""Settings: the documented defaults are the real defaults, and mistakes are pointed at precisely."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index.config import Config, load_config, parse_config, user_config_path
from index.errors import ConfigError

from .conftest import REPO


def test_repo_config_documents_exactly_the_defaults() -> None:
    documented = parse_config((REPO / "config.yaml").read_text(), REPO / "config.yaml")
    assert replace(documented, source=None) == Config()


def test_user_config_overrides_defaults(isolated_xdg: Path) -> None:
    path = user_config_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme: nord\nsearch:\n  limit: 7\ncorpus: articles\n")
    config = load_config()
    assert config.theme == "nord" and config.search.limit == 7 and config.search.sort == "relevance"
    assert config.corpus == path.parent / "articles"


def test_xdg_locations_are_honoured(isolated_xdg: Path) -> None:
    config = Config()
    assert config.cache_root == isolated_xdg / "cache" / "crossread" / "index"
    assert config.data_root == isolated_xdg / "data" / "crossread"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("theme: [1, 2]\n", "c.yaml:1: 'theme' is [1, 2]; expected a theme name"),
        ("theme: x\nthme: y\n", "c.yaml:2: unknown key 'thme'; did you mean 'theme'?"),
        ("search:\n  sort: newest\n", "c.yaml:2: 'search.sort' is 'newest'; expected one of: relevance, date"),
        ("search: 5\n", "c.yaml:1: 'search' should be a mapping"),
        ("keymap:\n  quit: 5\n", "c.yaml:1: 'keymap' is {'quit': 5}; expected a mapping of binding id to keys"),
        ("theme: x\n  bad: [\n", "c.yaml:2: not valid YAML"),
        ("- just\n- a list\n", "expected a mapping of settings"),
        ("max_file_mb: true\n", "'max_file_mb' is True; expected a whole number"),
    ],
)
def test_mistakes_name_file_line_key_and_expectation(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, Path("/etc/c.yaml"))
    assert expected in raised.value.message


def test_empty_config_file_means_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("# nothing set\n")
    assert replace(load_config(path), source=None) == Config()
