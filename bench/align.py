"""Alignment quality and speed: ours against difflib and rapidfuzz baselines, on seeds, BASIL and MSRP.

Run from the repository root: ``.venv/bin/python bench/align.py``. Reads ``../shared/corpora/``;
commits nothing from it.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.align import AlignInput, align_corpus, align_texts, article_units  # noqa: E402
from index.align_eval import (  # noqa: E402
    add, gold_for, gold_from_dict, load_gold, predicted_pairs, score, sentence_spans,
)
from index.normalize import fold  # noqa: E402
from index.similarity import document_frequencies, idf_table, score_pair, make_unit  # noqa: E402
from index.stories import group_stories  # noqa: E402
from stories import SAMPLE_FILE, ari_purity, load_reuters, mixed_grouping_line, sampled_purity, size_line  # noqa: E402  (bench/stories.py)

SHARED = ROOT.parent / "shared" / "corpora"


def baseline(measure, threshold):
    """A sentence-pair aligner that links every pair whose ``measure`` reaches ``threshold``."""
    def align(text_a, text_b):
        sa, sb = sentence_spans(text_a), sentence_spans(text_b)
        fa = [fold(text_a[s:e]) for s, e in sa]
        fb = [fold(text_b[s:e]) for s, e in sb]
        links = []
        for i, a in enumerate(fa):
            for j, b in enumerate(fb):
                if len(a) > 15 and len(b) > 15 and measure(a, b) >= threshold:
                    links.append((sa[i], sb[j], 1.0, "paraphrase"))
        return links
    return align


def difflib_ratio(a, b):
    matcher = SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() >= 0.3 else 0.0


def token_ratio(a, b):
    return fuzz.token_set_ratio(a, b) / 100


def evaluate(gold, texts, pairs, align):
    total, non_main, per_pair = {}, {}, []
    start = time.perf_counter()
    for a, b in pairs:
        predicted = predicted_pairs(a, texts[a], b, texts[b], align)
        expected = gold_for(gold, a, b)
        s = score(predicted, expected)
        total = add(total, s)
        non_main = add(non_main, score(predicted, expected, gold.main_pairs))
        per_pair.append((a, b, s["all"]))
    return total, non_main, per_pair, time.perf_counter() - start


def fit_baseline(gold, texts, measure):
    best = (0.0, 0.5)
    for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        total, *_ = evaluate(gold, texts, gold.tuning_pairs, baseline(measure, t))
        best = max(best, (total["all"].f1, t))
    return best[1]


def report(name, total, non_main, elapsed):
    print(f"  {name:10s} all  {total['all'].row()}  [{elapsed * 1000:.0f} ms]")
    for kind in ("quote", "paraphrase", "partial"):
        print(f"  {'':10s} {kind:10s} {total[kind].row()}")
    print(f"  {'':10s} not-main-quote {non_main['all'].row()}")


def quality():
    gold = load_gold(ROOT / "tests/data/align_gold_seeds.json")
    texts = {a["id"]: (ROOT / a["path"]).read_text(encoding="utf-8") for a in gold.raw["articles"]}
    thresholds = {name: fit_baseline(gold, texts, m) for name, m in (("difflib", difflib_ratio), ("rapidfuzz", token_ratio))}
    aligners = {
        "crossread": align_texts,
        "difflib": baseline(difflib_ratio, thresholds["difflib"]),
        "rapidfuzz": baseline(token_ratio, thresholds["rapidfuzz"]),
    }
    print(f"Seeds (baseline thresholds fitted on the tuning pairs: {thresholds})")
    for part, pairs in (("tuning", gold.tuning_pairs), ("held-out", gold.heldout_pairs)):
        print(f" {part} pairs ({len(pairs)})")
        for name, align in aligners.items():
            total, non_main, per_pair, elapsed = evaluate(gold, texts, pairs, align)
            report(name, total, non_main, elapsed)
            if name == "crossread":
                for a, b, s in per_pair:
                    print(f"  {'':10s} pair {a[:3]}-{b[:3]}: {s.row()}")
    basil = json.loads((ROOT / "tests/data/align_gold_basil.json").read_text())
    rows = {}
    for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        rows[row["id"]] = row
    print(f"BASIL ({len(basil['events'])} events, all held out)")
    for name, align in aligners.items():
        total, non_main, elapsed = {}, {}, 0.0
        for event in basil["events"]:
            g = gold_from_dict(event)
            t = {i: rows[i]["text"] for i in g.article_ids}
            tot, nm, per_pair, el = evaluate(g, t, g.heldout_pairs, align)
            total, non_main, elapsed = add(total, tot), add(non_main, nm), elapsed + el
            if name == "crossread":
                for a, b, s in per_pair:
                    print(f"  {'':10s} pair {rows[a]['source'][:8]}-{rows[b]['source'][:8]} ({event['cluster'][:8]}): {s.row()}")
        report(name, total, non_main, elapsed)


def msrp():
    def load(name):
        pairs = []
        for line in (SHARED / "msrp" / name).open(encoding="utf-8-sig"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 5 and parts[0] in "01":
                pairs.append((int(parts[0]), parts[3], parts[4]))
        return pairs

    train, test = load("msr_paraphrase_train.txt"), load("msr_paraphrase_test.txt")
    units = [make_unit(0, s, (0, len(s)), []) for _, a, b in train for s in (a, b)]
    idf = idf_table(document_frequencies(units), len(units))

    def dice(a, b):
        return score_pair(make_unit(0, a, (0, len(a)), []), make_unit(1, b, (0, len(b)), []), idf).dice

    def fit(feature, data):
        values = [(feature(a, b), y) for y, a, b in data]
        best = (0.0, 0.0)
        for t in [x / 100 for x in range(10, 95, 2)]:
            best = max(best, (sum((v >= t) == bool(y) for v, y in values) / len(values), t))
        return best[1]

    def measure(feature, t, data):
        tp = fp = fn = correct = 0
        for y, a, b in data:
            p = feature(a, b) >= t
            correct += p == bool(y)
            tp += p and y
            fp += p and not y
            fn += (not p) and y
        f1 = 2 * tp / (2 * tp + fp + fn)
        return correct / len(data), f1

    print("MSRP (threshold chosen on train, reported on test; majority class accuracy "
          f"{sum(y for y, _, _ in test) / len(test):.3f})")
    for name, feature in (("crossread weighted overlap", dice), ("rapidfuzz token_set", lambda a, b: token_ratio(fold(a), fold(b))),
                          ("difflib ratio", lambda a, b: SequenceMatcher(None, fold(a).split(), fold(b).split()).ratio())):
        t = fit(feature, train)
        acc, f1 = measure(feature, t, test)
        print(f"  {name:28s} threshold {t:.2f}: accuracy {acc:.3f} F1 {f1:.3f}")


def claim_groups():
    """Claim groups against the gold claims: every two members of one group, from different articles, as a pair."""
    from index.align_eval import Scores, canonical, to_sentence

    def implied(alignment, texts):
        sentences = {i: sentence_spans(t) for i, t in texts.items()}
        out = {}
        for group in alignment.groups:
            members = [(a, to_sentence(s, sentences[a])) for a, spans in group.members.items() for s in spans]
            for x, (a, sa) in enumerate(members):
                for b, sb in members[x + 1:]:
                    if a != b and sa and sb:
                        out[canonical(a, sa, b, sb)] = "partial"
        return out

    def scored(gold, texts, pairs=None):
        alignment = align_corpus([AlignInput(i, texts[i]) for i in gold.article_ids])
        keep = (lambda k: True) if pairs is None else (lambda k: frozenset((k[0], k[2])) in pairs)
        predicted = {k: v for k, v in implied(alignment, texts).items() if keep(k)}
        return score(predicted, {k: v for k, v in gold.pairs.items() if keep(k)})["all"]

    rows = {}
    for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        rows[row["id"]] = row
    print("Claim groups (every two members of a group from different articles) against the gold claims")
    for suffix, name in (("", "annotator 1"), ("_adjudicated", "adjudicated")):
        seeds = load_gold(ROOT / f"tests/data/align_gold_seeds{suffix}.json")
        texts = {a["id"]: (ROOT / a["path"]).read_text(encoding="utf-8") for a in seeds.raw["articles"]}
        for part, pairs in (("seeds tuning", seeds.tuning_pairs), ("seeds held-out", seeds.heldout_pairs)):
            print(f"  {name:12s} {part:15s} {scored(seeds, texts, {frozenset(p) for p in pairs}).row()}")
        total = Scores(0, 0, 0)
        basil = json.loads((ROOT / f"tests/data/align_gold_basil{suffix}.json").read_text())
        for event in basil["events"]:
            gold = gold_from_dict(event)
            total = total + scored(gold, {i: rows[i]["text"] for i in gold.article_ids})
        print(f"  {name:12s} {'BASIL':15s} {total.row()}")


def speed():
    seeds = [AlignInput(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    basil = [json.loads(line) for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8")]
    print("Speed")
    for _ in range(2):
        start = time.perf_counter()
        for x, a in enumerate(seeds):
            for b in seeds[x + 1:]:
                align_texts(a.text, b.text)
        pairs_ms = (time.perf_counter() - start) * 1000
    print(f"  10 seed pairs aligned (warm): {pairs_ms:.0f} ms (target <= 100)")
    start = time.perf_counter()
    align_corpus(seeds)
    print(f"  5-way seed collation: {(time.perf_counter() - start) * 1000:.0f} ms (target <= 200)")
    clusters = {}
    for row in basil:
        clusters.setdefault(row["cluster"], []).append(AlignInput(row["id"], row["text"], row["source"]))
    start = time.perf_counter()
    for members in clusters.values():
        align_corpus(members)
    print(f"  100 BASIL events collated: {time.perf_counter() - start:.2f} s (target <= 10)")
    basil_inputs = [AlignInput(r["id"], r["text"], r["source"]) for r in basil]
    for size in (10, 20, 50):
        story = seeds + basil_inputs[: size - len(seeds)]
        start = time.perf_counter()
        alignment = align_corpus(story)
        print(f"  synthetic {size}-article story (5 seeds + BASIL) collated: {time.perf_counter() - start:.2f} s, "
              f"{len(alignment.links)} links, {len(alignment.groups)} groups" + (" (target <= 5 s)" if size == 50 else ""))
    truth = {r["id"]: r["cluster"] for r in basil}
    start = time.perf_counter()
    stories = group_stories(basil_inputs)
    pred = {a: s.id for s in stories for a in s.article_ids}
    ari, purity = ari_purity(truth, pred)
    print(f"  story grouping, 300 BASIL articles: ARI {ari:.3f} purity {purity:.3f} ({len(stories)} stories, "
          f"{time.perf_counter() - start:.2f} s; target >= 0.95)")
    reuters = [json.loads(line) for line in (SHARED / "reuters21578/reuters21578.jsonl").open(encoding="utf-8")]
    print(mixed_grouping_line([AlignInput(r["id"], r["text"]) for r in reuters] + basil_inputs, truth))
    stories = group_stories(load_reuters())
    judgements = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))["judgements"]
    print(f"  story grouping, Reuters alone (titles included): {size_line(stories)}")
    print(f"  Reuters {sampled_purity(stories, judgements)[1]}")
    print(f"  peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")




def fit():
    """Fit the link model's two stages on the seed tuning pairs and the BASIL training events
    (``tests/data/align_gold_basil_train.json``; ``--seeds-only`` leaves them out); print weights for features.py."""
    from index.align import score_candidates
    from index.align_eval import canonical, to_sentence
    from index.features import CONTEXT_FEATURES, FEATURES, WEIGHTS, fit_logistic, logistic

    seeds = load_gold(ROOT / "tests/data/align_gold_seeds.json")
    seed_texts = {a["id"]: (ROOT / a["path"]).read_text(encoding="utf-8") for a in seeds.raw["articles"]}
    training = [(seeds, seed_texts)]
    train_file = ROOT / "tests/data/align_gold_basil_train.json"
    if "--seeds-only" not in sys.argv and train_file.exists():
        rows_by_id = {}
        for line in (SHARED / "basil-triplets/basil.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            rows_by_id[row["id"]] = row["text"]
        for event in json.loads(train_file.read_text())["events"]:
            event_gold = gold_from_dict(event)
            training.append((event_gold, {i: rows_by_id[i] for i in event_gold.article_ids}))
    print(f"fitting on {sum(len(g.tuning_pairs) for g, _ in training)} article pairs "
          f"({len(seeds.tuning_pairs)} seed tuning pairs, the rest from {train_file.name if len(training) > 1 else 'nothing else'})")

    def examples(weights, context_weights):
        rows, labels, missed = [], [], 0
        for gold, texts, (a_id, b_id) in ((g, t, pair) for g, t in training for pair in g.tuning_pairs):
            units = article_units(texts[a_id], 0) + article_units(texts[b_id], 1)
            sentences = {0: sentence_spans(texts[a_id]), 1: sentence_spans(texts[b_id])}
            ids = {0: a_id, 1: b_id}
            expected = gold_for(gold, a_id, b_id)
            found = set()
            for i, j, result, values in score_candidates(units, weights, context_weights):
                keys = [(ids[u.article], to_sentence(u.span, sentences[u.article])) for u in (units[i], units[j])]
                key = canonical(keys[0][0], keys[0][1], keys[1][0], keys[1][1])
                found.add(key)
                if result.quote_run >= 4:
                    continue  # quotes are decided by the quote run, not by the model
                rows.append(values)
                labels.append(int(key in expected))
            missed += len(set(expected) - found)
        return rows, labels, missed

    def threshold(rows, labels, missed, weights):
        best = (0.0, 0.5)
        for t in [x / 100 for x in range(20, 95, 2)]:
            tp = sum(1 for x, y in zip(rows, labels) if y and logistic(x, weights) >= t)
            fp = sum(1 for x, y in zip(rows, labels) if not y and logistic(x, weights) >= t)
            best = max(best, (2 * tp / (2 * tp + fp + sum(labels) - tp + missed), t))
        return best

    identity = (0.0, 1.0, 0.0, 0.0, 0.0, 0.0)  # the context stage passes the pair model through
    rows, labels, missed = examples(WEIGHTS, identity)
    n = len(FEATURES)
    print(f"{len(rows)} candidates, {sum(labels)} positive; {missed} gold pairs never proposed")
    weights = fit_logistic([r[:n] for r in rows], labels, epochs=3000, rate=2.0)
    for name, w in zip(FEATURES, weights):
        print(f"  {name:20s} {w:+.3f}")
    print("WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")
    f1, t = threshold([r[:n] for r in rows], labels, missed, weights)
    print(f"  pair model alone: best threshold {t} (tuning candidate F1 {f1:.3f}, quotes excluded)")
    rows, labels, missed = examples(weights, identity)
    context = fit_logistic([r[n:] for r in rows], labels, epochs=3000, rate=2.0)
    for name, w in zip(CONTEXT_FEATURES, context):
        print(f"  {name:20s} {w:+.3f}")
    print("CONTEXT_WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in context) + ")")
    f1, t = threshold([r[n:] for r in rows], labels, missed, context)
    print(f"LINK_PROBABILITY = {t} (tuning candidate F1 {f1:.3f}, quotes excluded)")


def errors():
    """Print the aligner's errors on the seed *tuning* pairs only, judged against both annotators.

    False positives are links neither annotator accepts (not in the union of the two golds);
    false negatives are pairs both accept (the intersection) that the aligner misses. Held-out
    and BASIL pairs are never listed, so they stay unseen while the matcher is changed.
    """
    from bench.align_agreement import intersection, union
    from index.align import score_candidates
    from index.align_eval import canonical, to_sentence

    first = load_gold(ROOT / "tests/data/align_gold_seeds.json")
    second = load_gold(ROOT / "tests/data/align_gold_seeds_annotator2.json")
    texts = {a["id"]: (ROOT / a["path"]).read_text(encoding="utf-8") for a in first.raw["articles"]}
    for a_id, b_id in first.tuning_pairs:
        e1, e2 = gold_for(first, a_id, b_id), gold_for(second, a_id, b_id)
        accepted, certain = union(e1, e2), intersection(e1, e2)
        predicted = predicted_pairs(a_id, texts[a_id], b_id, texts[b_id], align_texts)
        sentences = {a_id: sentence_spans(texts[a_id]), b_id: sentence_spans(texts[b_id])}
        number = {i: {s: n for n, s in enumerate(spans)} for i, spans in sentences.items()}
        probability = {}
        units = article_units(texts[a_id], 0) + article_units(texts[b_id], 1)
        ids = {0: a_id, 1: b_id}
        for i, j, result, values in score_candidates(units):
            keys = [(ids[u.article], to_sentence(u.span, sentences[ids[u.article]])) for u in (units[i], units[j])]
            key = canonical(keys[0][0], keys[0][1], keys[1][0], keys[1][1])
            probability[key] = max(probability.get(key, 0.0), result.score)

        def show(tag, key, kind):
            (i, si), (j, sj) = (key[0], key[1]), (key[2], key[3])
            p = probability.get(key)
            print(f"  {tag} {kind:10s} p={p if p is None else f'{p:.2f}'} {i[:3]}.{number[i][si]} <-> {j[:3]}.{number[j][sj]}")
            print(f"      | {texts[i][si[0]:si[1]][:220]}")
            print(f"      | {texts[j][sj[0]:sj[1]][:220]}")

        print(f"== tuning {a_id[:3]}-{b_id[:3]}")
        for key in sorted(predicted.keys() - accepted.keys()):
            show("FP", key, predicted[key])
        for key in sorted(certain.keys() - predicted.keys()):
            show("FN", key, certain[key])


if __name__ == "__main__":
    if "--fit" in sys.argv:
        fit()
    elif "--errors" in sys.argv:
        errors()
    else:
        quality()
        claim_groups()
        msrp()
        speed()
