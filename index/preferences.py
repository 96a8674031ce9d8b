"""What the app remembers between runs (the theme chosen in the app), in ``<data dir>/preferences.json``.

Precedence of the theme: a theme chosen in the app wins over ``config.yaml`` until the
``theme`` setting in the config file is changed; the file records which config theme it was
chosen against, so editing the config is the newer decision and takes over again.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import ConfigError

FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    theme: str | None = None
    """The theme last chosen in the app."""
    config_theme: str | None = None
    """The config's ``theme`` when that choice was made."""

    def theme_for(self, config_theme: str) -> str:
        """The theme to start with, given the config's ``theme`` setting now."""
        if self.theme and self.config_theme == config_theme:
            return self.theme
        return config_theme


def preferences_path(data_root: Path) -> Path:
    return data_root / FILE_NAME


def load_preferences(data_root: Path) -> Preferences:
    """The saved preferences, or defaults when none were saved.

    Raises:
        ConfigError: the file exists but cannot be read or is not what was written (it is left alone).
    """
    path = preferences_path(data_root)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Preferences()
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error}; fix its permissions or delete it") from None
    try:
        data = json.loads(raw)
        theme, config_theme = data.get("theme"), data.get("config_theme")
        if not (theme is None or isinstance(theme, str)) or not (config_theme is None or isinstance(config_theme, str)):
            raise ValueError("theme and config_theme must be strings")
    except (ValueError, AttributeError) as error:
        raise ConfigError(f"{path} is not valid preferences JSON ({error}); delete it to start afresh") from None
    return Preferences(theme, config_theme)


def save_preferences(data_root: Path, preferences: Preferences) -> Path:
    """Write the preferences atomically (a temp file, then ``os.replace``).

    Raises:
        ConfigError: the data folder cannot be written.
    """
    path = preferences_path(data_root)
    try:
        data_root.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=data_root, prefix=".preferences-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(asdict(preferences), out, indent=2)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ConfigError(f"cannot save {path}: {error}; check that the data folder is writable") from None
    return path
