"""Story grouping: BASIL ARI and purity, Reuters story sizes, sampled Reuters purity, speed.

Run from the repository root: ``.venv/bin/python bench/stories.py``. Reads ``../shared/corpora/``;
commits nothing from it. ``--judge`` prints the sampled stories no judgement in
``bench/data/reuters_story_sample.json`` covers, titles and first lines, for a person to judge.

Sampled purity: the Reuters stories (Reuters grouped alone, titles included, as the app loads
them) with at least three articles; the ten biggest plus thirty more drawn with a fixed seed,
weighted by size. Each is scored from the hand judgements in the sample file (rule at its top):
a story judged as it stands uses its count; a story whose members all lie in one judged story
takes the largest event among them; any other story is unjudged and reported as such.

Held-out sampled purity: a second sample, drawn the same way (ten biggest plus thirty by size) with
another seed from the stories that share no article with any story of the first sample file, and
judged by another person blind to the grouping change, in ``bench/data/reuters_story_sample_heldout.json``.
``--judge-heldout`` prints its unjudged stories.

Split pairs: thirty pairs of Reuters articles that the stories-1 grouping (``index/stories.py`` at
``OLD_GROUPING_COMMIT``, loaded from git into a temporary file) put in one story and this grouping
splits, drawn uniformly with the held-out seed from the pairs with no article in the first sample
file; judged (same event or not) in the held-out file. ``--judge-split`` draws and prints them.
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.stories import Story, group_stories  # noqa: E402

@dataclass(frozen=True, slots=True)
class Article:
    """What grouping reads of an article."""

    id: str
    text: str
    title: str | None = None


SHARED = ROOT.parent / "shared" / "corpora"
SAMPLE_FILE = ROOT / "bench" / "data" / "reuters_story_sample.json"
SAMPLE_SEED = 1987
"""Seed of the weighted draw of judged stories."""
SAMPLE_BIGGEST = 10
SAMPLE_SIZE = 40
HELDOUT_FILE = ROOT / "bench" / "data" / "reuters_story_sample_heldout.json"
HELDOUT_SEED = 2029
"""Seed of the held-out draw (stories sharing no article with the first sample file's)."""
OLD_GROUPING_COMMIT = "e491c24"
"""The last commit before index/stories.py was made stricter (stories-1 grouping)."""
SPLIT_PAIRS = 30


def ari_purity(truth: dict[str, str], pred: dict[str, str]) -> tuple[float, float]:
    """Adjusted Rand index and purity of ``pred`` against ``truth`` (both article id -> label)."""
    def comb(n: int) -> float:
        return n * (n - 1) / 2
    ids = list(truth)
    cont = Counter((truth[i], pred[i]) for i in ids)
    a, b = Counter(truth[i] for i in ids), Counter(pred[i] for i in ids)
    index = sum(comb(v) for v in cont.values())
    sa, sb, total = sum(comb(v) for v in a.values()), sum(comb(v) for v in b.values()), comb(len(ids))
    expected = sa * sb / total
    ari = (index - expected) / (0.5 * (sa + sb) - expected)
    purity = sum(max(v for (t, p), v in cont.items() if p == q) for q in b) / len(ids)
    return ari, purity


def load_reuters() -> list[Article]:
    rows = [json.loads(line) for line in (SHARED / "reuters21578/reuters21578.jsonl").open(encoding="utf-8")]
    return [Article(id=r["id"], text=r["text"], title=r["title"]) for r in rows]


def load_basil() -> list[dict]:
    return [json.loads(line) for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8")]


def sample_stories(stories: list[Story], seed: int = SAMPLE_SEED, exclude: frozenset[str] = frozenset()) -> list[Story]:
    """The ten biggest stories of three or more articles, then thirty drawn by size from the rest.

    Stories with an article in ``exclude`` are left out before drawing (the held-out sample)."""
    big = sorted((s for s in stories if len(s.article_ids) >= 3 and not exclude.intersection(s.article_ids)),
                 key=lambda s: (-len(s.article_ids), min(s.article_ids)))
    rng = random.Random(seed)
    rest = big[SAMPLE_BIGGEST:]
    drawn = sorted(rest, key=lambda s: -rng.random() ** (1 / len(s.article_ids)))
    return big[:SAMPLE_BIGGEST] + drawn[: SAMPLE_SIZE - SAMPLE_BIGGEST]


def judged_majority(story: Story, judgements: list[dict]) -> int | None:
    """Members of ``story`` on its majority event, from the judgements; None if none covers it."""
    members = set(story.article_ids)
    for judgement in judgements:
        if set(judgement["articles"]) == members:
            return int(judgement["majority"])
    for judgement in judgements:
        if members <= set(judgement["articles"]):
            event_of = {a: n for n, event in enumerate(judgement["events"]) for a in event}
            counts = Counter(event_of.get(a, a) for a in members)
            return max(counts.values())
    return None


def sampled_purity(stories: list[Story], judgements: list[dict], seed: int = SAMPLE_SEED,
                   exclude: frozenset[str] = frozenset(), label: str = "sampled") -> tuple[list[tuple[Story, int | None]], str]:
    """The sample with each story's judged majority, and a one-line summary."""
    sample = [(s, judged_majority(s, judgements)) for s in sample_stories(stories, seed, exclude)]
    judged = [(s, m) for s, m in sample if m is not None]
    members = sum(len(s.article_ids) for s, _ in judged)
    on_majority = sum(m for _, m in judged if m is not None)
    pure = sum(1 for s, m in judged if m == len(s.article_ids))
    line = (f"{label} story purity {on_majority / max(members, 1):.3f} ({on_majority}/{members} members on the majority "
            f"event); pure stories {pure}/{len(judged)} ({pure / max(len(judged), 1):.2f})")
    if len(judged) < len(sample):
        line += f"; {len(sample) - len(judged)} sampled stories unjudged (run with {'--judge' if seed == SAMPLE_SEED else '--judge-heldout'})"
    return sample, line


def old_group_stories(articles: list[Article]) -> list[Story]:
    """Group with index/stories.py as it was at ``OLD_GROUPING_COMMIT`` (loaded from git by path)."""
    source = subprocess.run(["git", "show", f"{OLD_GROUPING_COMMIT}:index/stories.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old_stories.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("old_stories", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["old_stories"] = module
        spec.loader.exec_module(module)
        return module.group_stories(articles)


def split_pairs(old: list[Story], new: list[Story], exclude: frozenset[str], seed: int = HELDOUT_SEED,
                size: int = SPLIT_PAIRS) -> list[tuple[str, str]]:
    """Pairs in one ``old`` story but different ``new`` stories, neither in ``exclude``; ``size`` drawn uniformly."""
    story_of = {a: n for n, s in enumerate(new) for a in s.article_ids}
    key = lambda x: (len(x), x)  # noqa: E731
    pairs = sorted((a, b) for s in old for a in s.article_ids for b in s.article_ids
                   if key(a) < key(b) and story_of[a] != story_of[b] and a not in exclude and b not in exclude)
    return random.Random(seed).sample(pairs, size)


def size_line(stories: list[Story]) -> str:
    sizes = Counter(len(s.article_ids) for s in stories)
    bands = [(1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, 10**9)]
    parts = []
    for lo, hi in bands:
        label = str(lo) if lo == hi else (f"{lo}+" if hi > 10**8 else f"{lo}-{hi}")
        parts.append(f"{label}: {sum(v for k, v in sizes.items() if lo <= k <= hi)}")
    biggest = sorted((len(s.article_ids) for s in stories), reverse=True)[:5]
    return f"{len(stories)} stories; sizes {', '.join(parts)}; biggest {biggest}"


def main() -> None:
    basil = load_basil()
    basil_articles = [Article(id=r["id"], text=r["text"], title=r.get("title")) for r in basil]
    truth = {r["id"]: r["cluster"] for r in basil}
    for label, articles in (("text only", [Article(a.id, a.text) for a in basil_articles]), ("titles included", basil_articles)):
        start = time.perf_counter()
        stories = group_stories(articles)
        elapsed = time.perf_counter() - start
        ari, purity = ari_purity(truth, {a: s.id for s in stories for a in s.article_ids})
        print(f"  story grouping, 300 BASIL articles ({label}): ARI {ari:.3f} purity {purity:.3f} "
              f"({len(stories)} stories, {elapsed:.2f} s; target >= 0.95)")
    for line in small_folder_lines(basil):
        print(line)
    reuters = load_reuters()
    start = time.perf_counter()
    stories = group_stories(reuters)
    elapsed = time.perf_counter() - start
    print(f"  story grouping, {len(reuters)} Reuters articles (titles included): {elapsed:.1f} s; {size_line(stories)}")
    judgements = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))["judgements"]
    sample, line = sampled_purity(stories, judgements)
    print(f"  Reuters {line}")
    first_sample = frozenset(a for judgement in judgements for a in judgement["articles"])
    heldout = json.loads(HELDOUT_FILE.read_text(encoding="utf-8")) if HELDOUT_FILE.exists() else {"judgements": []}
    heldout_sample, line = sampled_purity(stories, heldout["judgements"], HELDOUT_SEED, first_sample, "held-out sampled")
    print(f"  Reuters {line}")
    if "split_pairs" in heldout:
        split = heldout["split_pairs"]["pairs"]
        story_of = {a: s.id for s in stories for a in s.article_ids}
        still = sum(1 for p in split if story_of[p["articles"][0]] != story_of[p["articles"][1]])
        print(f"  Reuters split pairs that were one event: {sum(p['same_event'] for p in split)}/{len(split)} "
              f"(pairs stories-1 joined and this grouping splits, judged; {still}/{len(split)} still split)")
    if "--judge-split" in sys.argv:
        rows = {a.id: a for a in reuters}
        for a, b in split_pairs(old_group_stories(reuters), stories, first_sample):
            print(f"=== pair {a} {b}")
            for i in (a, b):
                print(f"  {i} | {rows[i].title} | {rows[i].text.split(chr(10))[0][:200]}")
    if "--judge" in sys.argv or "--judge-heldout" in sys.argv:
        rows = {a.id: a for a in reuters}
        for n, (story, majority) in enumerate(heldout_sample if "--judge-heldout" in sys.argv else sample):
            if majority is None:
                print(f"=== {n} size {len(story.article_ids)}")
                for i in sorted(story.article_ids, key=lambda x: int(x.split("-")[1])):
                    print(f"  {i} | {rows[i].title} | {rows[i].text.split(chr(10))[0][:200]}")
    print(mixed_grouping_line(reuters + basil_articles, truth))


def small_folder_lines(basil: list[dict], draws: int = 400, seed: int = 1) -> list[str]:
    """Grouping in the small folders a user often points crossread at: a few BASIL events, a few articles each.

    Every event is US politics, so the folders are hard: their articles share names and topic
    words whether or not they report one event. Two figures: pairs of articles put in one story
    (precision, recall) over folders of 1-5 events with 1-3 articles each, and how often a folder
    of 3-8 articles from as many events is left as that many stories.
    """
    rng = random.Random(seed)
    by_event: dict[str, list[dict]] = defaultdict(list)
    for r in basil:
        by_event[r["cluster"]].append(r)
    events = sorted(by_event)
    tp = fp = fn = exact = 0
    start = time.perf_counter()
    for _ in range(draws):
        rows = [r for e in rng.sample(events, rng.randint(1, 5)) for r in rng.sample(by_event[e], rng.randint(1, 3))]
        story_of = {a: s.id for s in group_stories([Article(id=r["id"], text=r["text"], title=r.get("title")) for r in rows])
                    for a in s.article_ids}
        right = True
        for x, a in enumerate(rows):
            for b in rows[x + 1:]:
                same, joined = a["cluster"] == b["cluster"], story_of[a["id"]] == story_of[b["id"]]
                tp, fp, fn = tp + (same and joined), fp + (joined and not same), fn + (same and not joined)
                right = right and same == joined
        exact += right
    apart = 0
    for _ in range(draws):
        rows = [rng.choice(by_event[e]) for e in rng.sample(events, rng.randint(3, 8))]
        apart += len(group_stories([Article(id=r["id"], text=r["text"], title=r.get("title")) for r in rows])) == len(rows)
    elapsed = time.perf_counter() - start
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return [
        f"  small folders ({draws} of 1-5 BASIL events, 1-3 articles each): same-story pairs P {precision:.3f} R {recall:.3f}; "
        f"folders grouped exactly right {exact}/{draws}",
        f"  small folders of 3-8 articles from as many events: left apart {apart}/{draws} ({elapsed:.1f} s for both)",
    ]


def mixed_grouping_line(everything: list, truth: dict[str, str]) -> str:
    """Group Reuters and BASIL together: the time (issue target <= 60 s) and how BASIL's events survive the mix."""
    start = time.perf_counter()
    stories = group_stories(everything)
    elapsed = time.perf_counter() - start
    pred = {a: s.id for s in stories for a in s.article_ids}
    ari, _ = ari_purity(truth, {i: pred[i] for i in truth})
    return (f"  story grouping, {len(everything)} articles (Reuters + BASIL): {elapsed:.1f} s (target <= 60); "
            f"BASIL ARI within it {ari:.3f}; {len(stories)} stories")


if __name__ == "__main__":
    main()
