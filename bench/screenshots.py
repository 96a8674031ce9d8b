"""Regenerate the README screenshots (SVG, from ``app.save_screenshot()``) on the seeds; never edit them by hand.

    .venv/bin/python bench/screenshots.py

Writes docs/screenshots/list-search.svg (the list with search results for "putin") and
docs/screenshots/compare-3.svg (three seeds compared side by side).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "docs" / "screenshots"


async def shoot() -> None:
    from index.config import Config, SearchSettings
    from index.library import Library
    from tui.app import CrossreadApp

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_DATA_HOME"] = f"{folder}/data"  # no saved theme of yours
        config = Config(corpus=REPO / "seeds", index_dir=Path(folder) / "index", search=SearchSettings(debounce_ms=0))
        library = Library.open(config)
        app = CrossreadApp(config, library)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("slash", *"putin")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("down")
            await pilot.pause()
            app.save_screenshot("list-search.svg", str(OUT))
        app = CrossreadApp(config, library)
        async with app.run_test(size=(150, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("space", "space", "space", "c")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            app.save_screenshot("compare-3.svg", str(OUT))


if __name__ == "__main__":
    asyncio.run(shoot())
    print(f"wrote {OUT / 'list-search.svg'} and {OUT / 'compare-3.svg'}")
