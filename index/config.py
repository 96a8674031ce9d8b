"""Settings: built-in defaults (documented in the repo's ``config.yaml``), overridden by a user file.

A mistyped file is refused with its path, line and key and what was expected, so a user never
runs with a setting silently ignored.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from .errors import ConfigError

#: Where the five seed articles live: the built-in default corpus.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

SORT_ORDERS = ("relevance", "date")


@dataclass(frozen=True)
class SearchSettings:
    limit: int = 20
    sort: str = "relevance"
    debounce_ms: int = 200


@dataclass(frozen=True)
class Config:
    """Resolved settings; paths are absolute."""

    corpus: Path = SEEDS_DIR
    index_dir: Path | None = None
    data_dir: Path | None = None
    theme: str = "textual-dark"
    max_file_mb: int = 20
    search: SearchSettings = field(default_factory=SearchSettings)
    keymap: dict[str, str] = field(default_factory=dict)
    source: Path | None = None
    """The user file these settings came from, if any."""

    @property
    def cache_root(self) -> Path:
        return self.index_dir or xdg_dir("XDG_CACHE_HOME", ".cache") / "crossread" / "index"

    def derived_cache(self, name: str) -> Path:
        """A cache folder beside the index folder ("align", "stories"): results that can be recomputed."""
        return self.cache_root.parent / name

    @property
    def data_root(self) -> Path:
        return self.data_dir or xdg_dir("XDG_DATA_HOME", ".local/share") / "crossread"


def xdg_dir(variable: str, fallback: str) -> Path:
    """An XDG base directory: the variable if it holds an absolute path, else ``~/<fallback>``."""
    value = os.environ.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / fallback


def user_config_path() -> Path:
    return xdg_dir("XDG_CONFIG_HOME", ".config") / "crossread" / "config.yaml"


# key -> (type check, description of what is expected)
_NULLABLE_PATH = (lambda v: v is None or isinstance(v, str), "a folder path or null")
_SCHEMA: dict[str, Any] = {
    "corpus": _NULLABLE_PATH,
    "index_dir": _NULLABLE_PATH,
    "data_dir": _NULLABLE_PATH,
    "theme": (lambda v: isinstance(v, str) and bool(v), "a theme name such as textual-dark"),
    "max_file_mb": (lambda v: _is_int(v) and v > 0, "a whole number of megabytes above 0"),
    "search": {
        "limit": (lambda v: _is_int(v) and 1 <= v <= 10_000, "a whole number from 1 to 10000"),
        "sort": (lambda v: v in SORT_ORDERS, "one of: " + ", ".join(SORT_ORDERS)),
        "debounce_ms": (lambda v: _is_int(v) and 0 <= v <= 5_000, "a whole number of milliseconds, 0-5000"),
    },
    "keymap": (
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()),
        "a mapping of binding id to keys, e.g. {quit: 'q,ctrl+q'}",
    ),
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def load_config(path: Path | None = None) -> Config:
    """Settings from ``path`` (or the user's XDG config file if present) over the defaults.

    Raises:
        ConfigError: the file is missing (when named explicitly), unreadable, not YAML, or mistyped.
    """
    explicit = path is not None
    path = path if explicit else user_config_path()
    assert path is not None
    if not path.exists():
        if explicit:
            raise ConfigError(f"config file {path} does not exist; check the --config path")
        return Config()
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}; fix its permissions or encoding") from None
    return parse_config(raw_text, path)


def parse_config(raw_text: str, path: Path) -> Config:
    """Validate YAML settings text against the schema and resolve it over the defaults."""
    import yaml  # only when there is a settings file: the app's first paint does not wait for it

    try:
        node = yaml.compose(raw_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(raw_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{where}: not valid YAML ({problem}); fix the syntax or remove the file") from None
    if data is None:
        return Config(source=path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping of settings (key: value), found {type(data).__name__}")
    _validate(data, node, _SCHEMA, path, prefix="")
    return _resolve(data, path)


def _validate(data: dict[str, Any], node: Any, schema: dict[str, Any], path: Path, prefix: str) -> None:
    lines = _key_lines(node)
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        line = lines.get(key, 1)
        if key not in schema:
            close = difflib.get_close_matches(str(key), list(schema), n=1)
            hint = f"did you mean '{prefix}{close[0]}'?" if close else "known keys: " + ", ".join(schema)
            raise ConfigError(f"{path}:{line}: unknown key '{dotted}'; {hint}")
        rule = schema[key]
        if isinstance(rule, dict):
            if value is None:
                continue
            if not isinstance(value, dict):
                raise ConfigError(f"{path}:{line}: '{dotted}' should be a mapping with keys {', '.join(rule)}")
            _validate(value, _child_node(node, key), rule, path, prefix=f"{dotted}.")
            continue
        check, expected = rule
        if not check(value):
            raise ConfigError(f"{path}:{line}: '{dotted}' is {value!r}; expected {expected}")


def _key_lines(node: Any) -> dict[Any, int]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value}


def _child_node(node: Any, key: str) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return None


def _resolve(data: dict[str, Any], path: Path) -> Config:
    base = path.parent

    def folder(value: str | None) -> Path | None:
        if value is None:
            return None
        expanded = Path(os.path.expandvars(os.path.expanduser(value)))
        return expanded if expanded.is_absolute() else (base / expanded).resolve()

    defaults = Config()
    search = {**SearchSettings().__dict__, **(data.get("search") or {})}
    return Config(
        corpus=folder(data.get("corpus")) or defaults.corpus,
        index_dir=folder(data.get("index_dir")),
        data_dir=folder(data.get("data_dir")),
        theme=data.get("theme", defaults.theme),
        max_file_mb=data.get("max_file_mb", defaults.max_file_mb),
        search=SearchSettings(**search),
        keymap=dict(data.get("keymap") or {}),
        source=path,
    )
