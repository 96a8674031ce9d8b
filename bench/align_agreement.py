"""Inter-annotator agreement on the alignment gold, and the aligner scored against each annotator.

Annotator 1 is ``tests/data/align_gold_{seeds,basil}.json``; annotator 2 (an independent second
labelling under the same rules) is ``tests/data/align_gold_{seeds,basil}_annotator2.json``.
Only article pairs both annotators labelled are scored: all ten seed pairs (reported by the
tuning / held-out split of the seed gold) and the held-out pairs of the BASIL events both label.

Agreement is annotator 2 scored against annotator 1 with ``index.align_eval.score``, so
precision and recall swap if the roles swap and F1 is symmetric. Kind agreement is Cohen's
kappa over the sentence pairs both annotators link. The aligner (``index.align.align_texts``,
mapped onto gold sentences by ``predicted_pairs`` exactly as ``bench/align.py`` does) is scored
against annotator 1, annotator 2, their intersection (pairs both link; kind = the weaker of the
two kinds) and their union (pairs either links; kind = the stronger).

The adjudicated gold (``tests/data/align_gold_{seeds,basil}_adjudicated.json``, every differing pair
decided under rules 9-13 of ``tests/data/ALIGN_GOLD.md``) is then the reference: each annotator is
scored against it (P/R/F1 and kind kappa), and the aligner is scored against it exactly as
``bench/align.py`` scores it (its ``evaluate`` and ``report``: all pairs with kind ignored, per kind,
and "not-main-quote"), on the seed tuning and held-out pairs and on BASIL (the two adjudicated
events, the three carried over from annotator 1, and all five), with annotator 1's gold on the same
pairs for comparison.

Run from the repository root: ``.venv/bin/python bench/align_agreement.py [--disagreements]``.
Reads ``../shared/corpora/basil-triplets/basil.jsonl``; commits nothing from it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.align import align_texts  # noqa: E402
from index.align_eval import (  # noqa: E402
    KINDS, Scores, add, gold_for, gold_from_dict, load_gold, predicted_pairs, score, sentence_spans,
)

SHARED = ROOT.parent / "shared" / "corpora"
DATA = ROOT / "tests" / "data"
_STRENGTH = {"partial": 0, "paraphrase": 1, "quote": 2}


def intersection(first: dict, second: dict) -> dict:
    """Pairs both annotators link; a kind disagreement keeps the weaker kind."""
    return {k: min(first[k], second[k], key=_STRENGTH.__getitem__) for k in first.keys() & second.keys()}


def union(first: dict, second: dict) -> dict:
    """Pairs either annotator links; a kind disagreement keeps the stronger kind."""
    out = dict(first)
    for k, v in second.items():
        if k not in out or _STRENGTH[v] > _STRENGTH[out[k]]:
            out[k] = v
    return out


def kappa(first: dict, second: dict) -> tuple[float, float, int, Counter]:
    """Observed agreement and Cohen's kappa on kind, over the pairs both annotators link."""
    both = sorted(first.keys() & second.keys())
    confusion = Counter((first[k], second[k]) for k in both)
    n = len(both)
    if not n:
        return 1.0, 1.0, 0, confusion
    observed = sum(v for (a, b), v in confusion.items() if a == b) / n
    m1, m2 = Counter(first[k] for k in both), Counter(second[k] for k in both)
    expected = sum(m1[k] * m2[k] for k in KINDS) / (n * n)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0, n, confusion


def units():
    """(section, split, article a, article b, text a, text b, gold 1, gold 2) for every shared pair."""
    out = []
    g1, g2 = load_gold(DATA / "align_gold_seeds.json"), load_gold(DATA / "align_gold_seeds_annotator2.json")
    texts = {a["id"]: (ROOT / a["path"]).read_text(encoding="utf-8") for a in g1.raw["articles"]}
    for split, pairs in (("tuning", g1.tuning_pairs), ("held-out", g1.heldout_pairs)):
        for a, b in pairs:
            out.append(("seeds", split, a, b, texts[a], texts[b], gold_for(g1, a, b), gold_for(g2, a, b)))
    rows = {}
    for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        rows[row["id"]] = row
    first = {e["cluster"]: e for e in json.loads((DATA / "align_gold_basil.json").read_text())["events"]}
    for event in json.loads((DATA / "align_gold_basil_annotator2.json").read_text())["events"]:
        e1, e2 = gold_from_dict(first[event["cluster"]]), gold_from_dict(event)
        for a, b in e1.heldout_pairs:
            label = f"basil {event['cluster'][:8]}"
            out.append((label, "held-out", a, b, rows[a]["text"], rows[b]["text"], gold_for(e1, a, b), gold_for(e2, a, b)))
    return out, rows


def name(article: str, rows: dict) -> str:
    return rows[article]["source"][:8] if article in rows else article[:3]


def table(title: str, parts: dict[str, dict[str, Scores]]) -> None:
    print(title)
    for label, s in parts.items():
        print(f"  {label:34s} all {s['all'].row()}")
        for kind in KINDS:
            print(f"  {'':34s} {kind:10s} {s[kind].row()}")


def bench_align():
    """``bench/align.py`` loaded as a module, to score exactly as it does."""
    spec = importlib.util.spec_from_file_location("bench_align", ROOT / "bench" / "align.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def adjudicated_units():
    """(section, split, article a, article b, gold 1, gold 2, adjudicated) for every pair both annotators label."""
    out = []
    g1, g2, g3 = (load_gold(DATA / f"align_gold_seeds{suffix}.json") for suffix in ("", "_annotator2", "_adjudicated"))
    for split, pairs in (("tuning", g1.tuning_pairs), ("held-out", g1.heldout_pairs)):
        for a, b in pairs:
            out.append(("seeds", split, a, b, gold_for(g1, a, b), gold_for(g2, a, b), gold_for(g3, a, b)))
    first = {e["cluster"]: e for e in json.loads((DATA / "align_gold_basil.json").read_text())["events"]}
    final = {e["cluster"]: e for e in json.loads((DATA / "align_gold_basil_adjudicated.json").read_text())["events"]}
    for event in json.loads((DATA / "align_gold_basil_annotator2.json").read_text())["events"]:
        c = event["cluster"]
        e1, e2, e3 = gold_from_dict(first[c]), gold_from_dict(event), gold_from_dict(final[c])
        for a, b in e1.heldout_pairs:
            out.append((f"basil {c[:8]}", "held-out", a, b, gold_for(e1, a, b), gold_for(e2, a, b), gold_for(e3, a, b)))
    return out


def adjudicated(rows: dict) -> None:
    """Each annotator against the adjudicated gold, then the aligner against it as bench/align.py scores."""
    data = adjudicated_units()
    groups = {
        "seeds tuning (5 pairs)": lambda u: u[0] == "seeds" and u[1] == "tuning",
        "seeds held-out (5 pairs)": lambda u: u[0] == "seeds" and u[1] == "held-out",
        "BASIL (2 events, 6 pairs)": lambda u: u[0] != "seeds",
        "everything (16 pairs)": lambda u: True,
    }
    print("Annotators against the adjudicated gold (reference = adjudicated)")
    for label, keep in groups.items():
        print(f" {label}")
        for who, index in (("annotator 1", 4), ("annotator 2", 5)):
            total: dict[str, Scores] = {}
            for u in data:
                if keep(u):
                    total = add(total, score(u[index], u[6]))
            f_ann = {(i, k): v for i, u in enumerate(data) if keep(u) for k, v in u[index].items()}
            f_adj = {(i, k): v for i, u in enumerate(data) if keep(u) for k, v in u[6].items()}
            observed, k, n, _ = kappa(f_ann, f_adj)
            kinds = "  ".join(f"{kind} F1 {total[kind].f1:.2f}" for kind in KINDS)
            print(f"  {who}  all {total['all'].row()}  kind kappa {k:.2f} (n {n}, agreement {observed:.2f})  [{kinds}]")

    ba = bench_align()
    print("Aligner (align_texts) against the adjudicated gold, scored as bench/align.py scores")
    seeds = {
        name: load_gold(DATA / f"align_gold_seeds{suffix}.json")
        for name, suffix in (("adjudicated", "_adjudicated"), ("annotator 1", ""))
    }
    texts = {a["id"]: (ROOT / a["path"]).read_text(encoding="utf-8") for a in seeds["adjudicated"].raw["articles"]}
    predictions: dict = {}  # the aligner runs once per article pair (the ms figures below are cache reads)

    def cached(text_a, text_b):
        key = (text_a, text_b)
        if key not in predictions:
            predictions[key] = list(align_texts(text_a, text_b))
        return predictions[key]

    for part in ("tuning", "held-out"):
        for name, gold in seeds.items():
            pairs = gold.tuning_pairs if part == "tuning" else gold.heldout_pairs
            total, non_main, per_pair, elapsed = ba.evaluate(gold, texts, pairs, cached)
            print(f" seeds {part} ({len(pairs)} pairs), gold: {name}")
            ba.report("crossread", total, non_main, elapsed)
    final = json.loads((DATA / "align_gold_basil_adjudicated.json").read_text())["events"]
    first = {e["cluster"]: e for e in json.loads((DATA / "align_gold_basil.json").read_text())["events"]}
    both = {e["cluster"] for e in json.loads((DATA / "align_gold_basil_annotator2.json").read_text())["events"]}
    parts = {
        f"BASIL adjudicated ({len(both)} events, all held out)": lambda c: c in both,
        f"BASIL carried over from annotator 1 ({len(final) - len(both)} events, all held out)": lambda c: c not in both,
        f"BASIL all ({len(final)} events, all held out)": lambda c: True,
    }
    for label, keep in parts.items():
        for name in ("adjudicated", "annotator 1"):
            total, non_main, elapsed = {}, {}, 0.0
            for event in final:
                if not keep(event["cluster"]):
                    continue
                g = gold_from_dict(event if name == "adjudicated" else first[event["cluster"]])
                t = {i: rows[i]["text"] for i in g.article_ids}
                tot, nm, _, el = ba.evaluate(g, t, g.heldout_pairs, cached)
                total, non_main, elapsed = add(total, tot), add(non_main, nm), elapsed + el
            print(f" {label}, gold: {name}")
            ba.report("crossread", total, non_main, elapsed)


def main() -> None:
    data, rows = units()
    groups = {
        "seeds tuning (5 pairs)": lambda u: u[0] == "seeds" and u[1] == "tuning",
        "seeds held-out (5 pairs)": lambda u: u[0] == "seeds" and u[1] == "held-out",
        "seeds all (10 pairs)": lambda u: u[0] == "seeds",
        "BASIL (2 events, 6 pairs)": lambda u: u[0] != "seeds",
        "held-out: seeds + BASIL (11 pairs)": lambda u: u[1] == "held-out",
        "everything (16 pairs)": lambda u: True,
    }

    print("Inter-annotator agreement (annotator 2 scored against annotator 1; F1 is symmetric)")
    per_group: dict[str, dict[str, Scores]] = {}
    for label, keep in groups.items():
        total: dict[str, Scores] = {}
        for u in data:
            if keep(u):
                total = add(total, score(u[7], u[6]))
        per_group[label] = total
    table(" totals (micro-averaged)", per_group)

    print(" per article pair (kind ignored)")
    for section, split, a, b, _, _, e1, e2 in data:
        s = score(e2, e1)["all"]
        print(f"  {section:14s} {split:8s} {name(a, rows)}-{name(b, rows):8s}  "
              f"ann1 {len(e1):3d} ann2 {len(e2):3d}  {s.row()}")

    print(" kind agreement on pairs both annotators link (Cohen's kappa)")
    for label, keep in groups.items():
        f1 = {(i, k): v for i, u in enumerate(data) if keep(u) for k, v in u[6].items()}
        f2 = {(i, k): v for i, u in enumerate(data) if keep(u) for k, v in u[7].items()}
        observed, k, n, confusion = kappa(f1, f2)
        cells = ", ".join(f"{x[:4]}/{y[:4]} {c}" for (x, y), c in sorted(confusion.items()) if x != y)
        print(f"  {label:34s} n {n:3d}  agreement {observed:.2f}  kappa {k:.2f}  (ann1/ann2 off-diagonal: {cells or 'none'})")

    print("Aligner (align_texts) on the same pairs")
    predictions = [predicted_pairs(a, ta, b, tb, align_texts) for _, _, a, b, ta, tb, _, _ in data]
    references = {
        "annotator 1": lambda e1, e2: e1,
        "annotator 2": lambda e1, e2: e2,
        "intersection": intersection,
        "union": union,
    }
    for label, keep in groups.items():
        print(f" {label}")
        for ref, make in references.items():
            total = {}
            for u, predicted in zip(data, predictions):
                if keep(u):
                    total = add(total, score(predicted, make(u[6], u[7])))
            kinds = "  ".join(f"{k} F1 {total[k].f1:.2f}" for k in KINDS)
            print(f"  vs {ref:13s} all {total['all'].row()}  [{kinds}]")

    adjudicated(rows)

    if "--disagreements" in sys.argv:
        print("Disagreements (texts of every sentence pair the annotators label differently)")
        for section, split, a, b, ta, tb, e1, e2 in data:
            print(f" == {section} {name(a, rows)}-{name(b, rows)}")
            text = {a: ta, b: tb}
            number = {i: {s: n for n, s in enumerate(sentence_spans(text[i]))} for i in (a, b)}
            for key in sorted(e1.keys() | e2.keys()):
                k1, k2 = e1.get(key, "-"), e2.get(key, "-")
                if k1 == k2:
                    continue
                (i, si), (j, sj) = (key[0], key[1]), (key[2], key[3])
                print(f"  ann1 {k1:10s} ann2 {k2:10s} {name(i, rows)}.{number[i][si]} <-> {name(j, rows)}.{number[j][sj]}")
                print(f"      | {text[i][si[0]:si[1]][:160]}")
                print(f"      | {text[j][sj[0]:sj[1]][:160]}")


if __name__ == "__main__":
    main()
