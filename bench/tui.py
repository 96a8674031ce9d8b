"""App speed: first paint against a minimal Textual app, c-to-filled compare, key repaint on 1 MB articles.

    .venv/bin/python bench/tui.py [--runs N]

Figures go in bench/RESULTS.md ("App"). Everything runs headless, on the seeds and on two
synthetic 1 MB articles built here (seeded, so every run measures the same text).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FIRST_PAINT = textwrap.dedent(
    """
    import time, sys
    began = time.perf_counter()
    sys.path.insert(0, {repo!r})
    KIND = {kind!r}
    if KIND == "minimal":
        from textual.app import App
        from textual.widgets import Footer, Static

        class Minimal(App):
            def compose(self):
                yield Static("hello")
                yield Footer()

            def on_mount(self):
                self.call_after_refresh(self.done)

            def done(self):
                print(time.perf_counter() - began)
                self.exit()

        Minimal().run(headless=True, size=(120, 36))
    else:
        from index.config import Config
        from tui.app import CrossreadApp
        from tui.screens.main import MainScreen

        original = MainScreen.on_mount

        def on_mount(self):
            original(self)
            self.call_after_refresh(lambda: (print(time.perf_counter() - began), self.app.exit()))

        MainScreen.on_mount = on_mount
        CrossreadApp(Config(corpus={seeds!r})).run(headless=True, size=(120, 36))
    """
)


def first_paint(kind: str, env: dict[str, str]) -> float:
    code = FIRST_PAINT.format(repo=str(REPO), kind=kind, seeds=str(REPO / "seeds"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def synthetic_article(seed: int, paragraphs: int = 1150) -> str:
    """About 1 MB of distinct news-like sentences (a shared pool, so two articles align in places)."""
    rng = random.Random(seed)
    words = ("Kyiv power grid outage strike drone missile energy ministry official said week cold winter "
             "ceasefire talks Moscow Washington envoy pause attacks city region residents heating water "
             "shelter repair crews damage substation transformer night morning statement president").split()
    pool = random.Random(7)
    shared = [" ".join(pool.choice(words) for _ in range(14)).capitalize() + f" number {n}." for n in range(4000)]
    out = ["Synthetic headline " + str(seed)]
    for _ in range(paragraphs):
        sentences = [rng.choice(shared) if rng.random() < 0.5 else
                     " ".join(rng.choice(words) for _ in range(16)).capitalize() + f" {rng.randrange(10**6)}."
                     for _ in range(6)]
        out.append(" ".join(sentences))
    return "\n\n".join(out) + "\n"


async def compare_timings(runs: int) -> tuple[list[float], list[float]]:
    from index.config import Config
    from index.library import Library
    from tui.app import CrossreadApp
    from tui.screens.compare import CompareScreen

    with tempfile.TemporaryDirectory() as folder:
        config = Config(corpus=REPO / "seeds", index_dir=Path(folder) / "index")
        library = Library.open(config)
        app = CrossreadApp(config, library)
        to_filled: list[float] = []
        async with app.run_test(size=(200, 60)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for run in range(runs + 1):  # the first run fills the engine's cache
                began = time.perf_counter()
                await pilot.press("c")
                while not (isinstance(app.screen, CompareScreen) and app.screen.model is not None):
                    await asyncio.sleep(0.001)
                await pilot.pause()  # drawn
                if run:
                    to_filled.append(time.perf_counter() - began)
                await pilot.press("escape")
                await pilot.pause()

        corpus = Path(folder) / "big"
        corpus.mkdir()
        (corpus / "a.txt").write_text(synthetic_article(1), encoding="utf-8")
        (corpus / "b.txt").write_text(synthetic_article(2), encoding="utf-8")
        config = Config(corpus=corpus, index_dir=Path(folder) / "index-big")
        library = Library.open(config)
        from index.align_cache import cached_align_corpus
        from tui.screens.compare import align_cache_dir

        began = time.perf_counter()
        cached_align_corpus(library.corpus.articles, align_cache_dir(config))
        print(f"aligning two {len(library.corpus.articles[0].text) / 1e6:.2f} MB articles (uncached): "
              f"{time.perf_counter() - began:.1f} s")
        app = CrossreadApp(config, library)
        keys: list[float] = []
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("space", "space", "c")
            while not (isinstance(app.screen, CompareScreen) and app.screen.model is not None):
                await asyncio.sleep(0.01)
            await pilot.pause()
            for key in ["j"] * 20 + ["pagedown"] * 10 + ["n"] * 10:
                began = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()  # handled and the screen refreshed
                keys.append(time.perf_counter() - began)
    return to_filled, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import os

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CACHE_HOME": f"{home}/cache", "XDG_DATA_HOME": f"{home}/data",
               "XDG_CONFIG_HOME": f"{home}/config"}
        first_paint("crossread", env)  # builds the index once; not measured
        minimal, crossread = [], []
        for _ in range(args.runs):
            minimal.append(first_paint("minimal", env))
            crossread.append(first_paint("crossread", env))
    m, c = statistics.median(minimal), statistics.median(crossread)
    print(f"first paint (median of {args.runs}, process start to first frame): minimal Textual app {m * 1000:.0f} ms, "
          f"crossread {c * 1000:.0f} ms, ratio {c / m:.2f} (target <= 1.5)")
    to_filled, keys = asyncio.run(compare_timings(args.runs))
    print(f"c to a filled 5-column compare (seeds, cached alignment, 200x60): median {statistics.median(to_filled) * 1000:.0f} ms, "
          f"max {max(to_filled) * 1000:.0f} ms (target <= 300)")
    keys.sort()
    print(f"key press to repaint, two 1 MB articles (j, pagedown, n; {len(keys)} keys): median {statistics.median(keys) * 1000:.1f} ms, "
          f"p90 {keys[int(len(keys) * 0.9)] * 1000:.1f} ms, max {keys[-1] * 1000:.1f} ms (target <= 50)")


if __name__ == "__main__":
    main()
