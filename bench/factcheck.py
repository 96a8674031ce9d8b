"""Fact-check quality (precision/recall of conflict flags on hand-labelled gold) and speed.

Run from the repository root: ``.venv/bin/python bench/factcheck.py``. Reads ``../shared/corpora/``
for the BASIL texts; commits nothing from it.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.align import AlignInput, align_corpus  # noqa: E402
from index.factcheck import FactCheck, cached_check_story, check_story  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"


def _overlaps(side: list, article_id: str, span: tuple[int, int]) -> bool:
    return side[0] == article_id and side[1] < span[1] and span[0] < side[2]


def _matches(item: dict, flag) -> bool:
    spans = [(s.article_id, s.quantity.span if s.quantity else s.span) for s in flag.sides]
    if flag.kind != item["kind"]:
        return False
    (a_id, a_span), (b_id, b_span) = spans
    return (_overlaps(item["a"], a_id, a_span) and _overlaps(item["b"], b_id, b_span)) or (
        _overlaps(item["a"], b_id, b_span) and _overlaps(item["b"], a_id, a_span)
    )


def score(items: list[dict], checks: dict[str, FactCheck], pairs: set[frozenset[str]] | None) -> dict[str, float]:
    """Precision and recall of conflicts against the gold; pairs limits which article pairs count."""
    predicted = [
        flag for check in checks.values() for flag in check.conflicts
        if pairs is None or frozenset(s.article_id for s in flag.sides) in pairs
    ]
    gold_conflicts = [i for i in items if i["label"] == "conflict"]
    look_alikes = [i for i in items if i["label"] == "not-conflict"]
    tp = sum(1 for flag in predicted if any(_matches(i, flag) for i in gold_conflicts))
    found = sum(1 for i in gold_conflicts if any(_matches(i, flag) for flag in predicted))
    wrongly = sum(1 for i in look_alikes if any(_matches(i, flag) for flag in predicted))
    precision = tp / len(predicted) if predicted else 1.0
    recall = found / len(gold_conflicts) if gold_conflicts else 1.0
    return {"predicted": len(predicted), "tp": tp, "gold": len(gold_conflicts), "found": found, "precision": precision,
            "recall": recall, "look_alikes": len(look_alikes), "look_alikes_flagged": wrongly}


def row(name: str, s: dict) -> str:
    return (f"  {name:26s} P {s['precision']:.2f} R {s['recall']:.2f} (flags {s['predicted']}, correct {s['tp']}; "
            f"gold conflicts {s['gold']}, found {s['found']}; look-alikes {s['look_alikes']}, wrongly flagged {s['look_alikes_flagged']})")


def quality() -> None:
    seeds = [AlignInput(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    seed_check = check_story(seeds, align_corpus(seeds))
    gold = json.loads((ROOT / "tests/data/factcheck_gold_seeds.json").read_text())
    split = json.loads((ROOT / "tests/data/align_gold_seeds.json").read_text())
    print("Seeds (one story, 5 articles; parts by article pair as in the alignment gold)")
    for part, key in (("tuning", "tuning_pairs"), ("held-out", "heldout_pairs")):
        pairs = {frozenset(p) for p in split[key]}
        items = [i for i in gold["items"] if i["part"] == part]
        print(row(part, score(items, {"seeds": seed_check}, pairs)))
    basil_rows = [json.loads(line) for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8")]
    clusters: dict[str, list[AlignInput]] = defaultdict(list)
    for r in basil_rows:
        clusters[r["cluster"]].append(AlignInput(r["id"], r["text"], r["source"], date=r["date"]))
    final = _final_events()
    checks = {c: check_story(arts, align_corpus(arts)) for c, arts in clusters.items() if c not in final}
    dev = {e.removeprefix("basil-") for e in json.loads((ROOT / "tests/data/factcheck_gold_basil_heldout.json").read_text())["events"]}
    tuning_checks = {c: check for c, check in checks.items() if c not in dev}
    basil_gold = json.loads((ROOT / "tests/data/factcheck_gold_basil.json").read_text())
    print(f"BASIL tuning ({len(tuning_checks)} events: all but the dev and the final blind ones; every conflict raised "
          "while the rules were written was judged)")
    print(row("tuning", score(basil_gold["items"], tuning_checks, None)))
    texts = {r["id"]: r["text"] for r in basil_rows}
    for check in tuning_checks.values():
        for flag in check.conflicts:
            if not any(_matches(i, flag) for i in basil_gold["items"]):
                print(f"    unjudged {flag.kind}:{flag.code} {flag.reason}")
                for side in flag.sides:
                    print(f"      {side.article_id[-12:]} {texts[side.article_id][side.span[0]:side.span[1]][:300]!r}")
    blind_set(checks, "factcheck_gold_basil_heldout.json", "BASIL dev (the first blind set, now used for development)", "dev")
    cross_event_control(basil_rows, final)
    by_code: dict[str, int] = defaultdict(int)
    for check in checks.values():
        for flag in check.flags:
            by_code[f"{flag.status}:{flag.code}"] += 1
    print(f"  flags by code over {len(checks)} events (final blind ones left out): "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_code.items())))
    final_set(clusters)


def cross_event_control(basil_rows: list[dict], final: set[str], stories: int = 100) -> None:
    """Conflicts on made-up stories of three articles from three different events: every one is wrong.

    A label-free check on how readily the rules fire on figures and quotes that merely look
    alike (seeded, so repeatable; the final blind events are left out).
    """
    import random

    by_event: dict[str, list[dict]] = defaultdict(list)
    for r in basil_rows:
        if r["cluster"] not in final:
            by_event[r["cluster"]].append(r)
    rng = random.Random(7)
    events = sorted(by_event)
    wrong: dict[str, int] = defaultdict(int)
    for _ in range(stories):
        articles = [AlignInput(r["id"], r["text"], r["source"], date=r["date"]) for r in (rng.choice(by_event[e]) for e in rng.sample(events, 3))]
        for flag in check_story(articles, align_corpus(articles)).conflicts:
            wrong[f"{flag.code} ({flag.relation})"] += 1
    listed = ", ".join(f"{k} {v}" for k, v in sorted(wrong.items())) or "none"
    print(f"Cross-event control ({stories} stories of 3 articles from 3 different events): {sum(wrong.values())} conflicts, "
          f"all wrong by construction: {listed}")


BLIND_SETS = ("factcheck_gold_basil_final.json", "factcheck_gold_basil_blind3.json", "factcheck_gold_basil_blind4.json",
              "factcheck_gold_basil_blind5.json")
"""Blind sets measured apart (each on its own events only), never part of the tuning rows or the control."""
RESERVED_SETS: tuple[str, ...] = ("factcheck_gold_basil_blind6.json",)
"""Blind sets not measured yet: their events are left out of every row until the round's rules are frozen."""


def _set_events(file: str) -> set[str]:
    path = ROOT / "tests/data" / file
    if not path.exists():
        return set()
    return {e.removeprefix("basil-") for e in json.loads(path.read_text())["events"]}


def _final_events() -> set[str]:
    """The events of the blind sets measured apart, only to leave them out of the other rows."""
    return set().union(*(_set_events(file) for file in BLIND_SETS + RESERVED_SETS))


def blind_set(checks: dict[str, FactCheck], file: str, title: str, name: str) -> None:
    """A blind BASIL label set: every flag raised on its events is judged against its labels."""
    gold = json.loads((ROOT / "tests/data" / file).read_text())
    events = {e.removeprefix("basil-") for e in gold["events"]}
    ours = {c: check for c, check in checks.items() if c in events}
    items = gold["items"]
    print(f"{title} ({len(ours)} events)")
    held = score(items, ours, None)
    line = row(name, held)
    print(line.replace("P 1.00", "P n/a", 1) if held["predicted"] == 0 else line)
    conflicts = [i for i in items if i["label"] == "conflict"]
    predicted = [flag for check in ours.values() for flag in check.conflicts]
    facts = {i["fact"] for i in conflicts}
    found = {i["fact"] for i in conflicts if any(_matches(i, flag) for flag in predicted)}
    print(f"  {'':26s} by fact: gold {len(facts)}, found {len(found)} (R {len(found) / len(facts) if facts else 1.0:.2f})")
    for flag in predicted:
        if not any(_matches(i, flag) for i in conflicts):
            sides = ", ".join(f"{s.article_id.removeprefix('basil-')[:8]}{s.article_id[-2:]} "
                              f"{(s.quantity.span if s.quantity else s.span)}" for s in flag.sides)
            alike = next((i["reason"] for i in items if i["label"] == "not-conflict" and _matches(i, flag)), None)
            print(f"    wrong flag {flag.kind}:{flag.code} {sides}: {flag.reason}" + (f" (look-alike: {alike})" if alike else ""))
    for i in conflicts:
        if not any(_matches(i, flag) for flag in predicted):
            sides = ", ".join(f"{i[s][0].removeprefix('basil-')[:8]}{i[s][0][-2:]} ({i[s][1]}, {i[s][2]})" for s in "ab")
            seen = sorted({f"{f.status}:{f.code}" for check in ours.values() for f in check.flags if _matches(i, f)})
            print(f"    missed {i['kind']} {sides}: {i['reason']}" + (f" (engine: {', '.join(seen)})" if seen else ""))


def final_set(clusters: dict[str, list[AlignInput]]) -> None:
    """The blind sets kept apart: each measured blind once (see RESULTS), then looked at."""
    titles = {
        "factcheck_gold_basil_final.json": ("BASIL dev 2 (the second blind set; measured blind once, then used for development)", "dev 2"),
        "factcheck_gold_basil_blind3.json": ("BASIL dev 3 (the third blind set; measured blind once, then used for development)", "dev 3"),
        "factcheck_gold_basil_blind4.json": ("BASIL blind 4 (the fourth blind set; its one blind run is in RESULTS, this row is after it)", "blind 4"),
        "factcheck_gold_basil_blind5.json": ("BASIL blind 5 (the fifth blind set, 8 events; first measured on factcheck-23, see RESULTS)", "blind 5"),
    }
    for file in BLIND_SETS:
        events = _set_events(file)
        if not events:
            continue
        checks = {c: check_story(arts, align_corpus(arts)) for c, arts in clusters.items() if c in events}
        blind_set(checks, file, *titles[file])


def speed() -> None:
    seeds = [AlignInput(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    basil_rows = [json.loads(line) for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8")]
    basil = [AlignInput(r["id"], r["text"], r["source"], date=r["date"]) for r in basil_rows]
    print("Speed")
    story = seeds + basil[:45]
    start = time.perf_counter()
    alignment = align_corpus(story)
    aligned = time.perf_counter() - start
    start = time.perf_counter()
    check = check_story(story, alignment)
    flags = time.perf_counter() - start
    print(f"  50-article story (5 seeds + 45 BASIL): alignment {aligned:.2f} s, flags {flags:.2f} s "
          f"({len(check.conflicts)} conflicts, {len(check.flags)} flags)")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        start = time.perf_counter()
        cached_check_story(story, cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        cached_check_story(story, cache)
        warm = time.perf_counter() - start
        print(f"  50-article story through the cache: cold {cold:.2f} s (alignment + flags), warm {warm * 1000:.0f} ms")
        clusters: dict[str, list[AlignInput]] = defaultdict(list)
        for a, r in zip(basil, basil_rows):
            clusters[r["cluster"]].append(a)
        start = time.perf_counter()
        for members in clusters.values():
            cached_check_story(members, cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        for members in clusters.values():
            cached_check_story(members, cache)
        warm = time.perf_counter() - start
        print(f"  whole corpus (100 BASIL events): cold {cold:.2f} s, cached {warm:.2f} s")
        alignments = {c: align_corpus(m) for c, m in clusters.items()}
        start = time.perf_counter()
        for c, members in clusters.items():
            check_story(members, alignments[c])
        print(f"  whole corpus, flags only (alignments in memory): {time.perf_counter() - start:.2f} s")
    print(f"  peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    quality()
    speed()
