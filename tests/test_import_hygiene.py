"""The engine never imports Textual: every index.* module is imported alone in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import index

ENGINE_MODULES = sorted(f"index.{m.name}" for m in pkgutil.iter_modules(index.__path__))


def test_engine_modules_found() -> None:
    assert {"index.corpus", "index.store", "index.search", "index.cli", "index.config"} <= set(ENGINE_MODULES)


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports textual\n{result.stderr}"


def test_the_app_starts_without_the_engines_heavy_modules() -> None:
    """The first frame comes before the corpus loader (YAML), Whoosh and the aligner are imported:
    the indexing worker imports them once the screen is drawn (issue 5's first-paint budget)."""
    heavy = ("yaml", "whoosh", "index.corpus", "index.store", "index.align", "index.factcheck")
    code = (
        "import sys, tui.app; "
        f"loaded = [m for m in {heavy!r} if m in sys.modules]; "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"importing tui.app loads {result.stdout.strip()}\n{result.stderr}"
