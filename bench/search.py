"""Search benchmark on Reuters-21578: build, incremental update, size, memory, query latency.

Run from the repository root (reads ../shared/corpora/reuters21578/reuters21578.jsonl):

    .venv/bin/python bench/search.py                 # 1k, 10k and all articles
    .venv/bin/python bench/search.py --sizes 1000    # one size

Each size runs in its own process (so peak RSS is that size's own) and prints:
- corpus load time, index build time (crossread's Store, from empty), incremental update time
  for one changed file, index size on disk, peak RSS;
- query latency p50/p95 over a fixed mix (words, AND, phrases, fields, prefix, fuzzy) with
  highlighted snippets, through crossread; and the same queries through raw Whoosh on the same
  index (its default highlighter, and with ``terms=True``) and through SQLite FTS5 (stdlib, with
  its ``snippet()``) on the same paragraphs;
- search-as-you-type latency: every prefix (3+ letters) of the words of a few queries, typed
  one key at a time, through crossread's ``as_you_type`` search, and through a raw Whoosh
  prefix query for comparison;
- source facets: the same query mix with ``facets=True`` (every match counted per outlet);
- alignment fields: the time to align and fact-check every story of two or more articles (cold
  caches), to read the facts back (warm, as a new process does), to map them to document numbers
  (the first filtered query of an index snapshot), and the query mix with ``only:yes``,
  ``outlets:>=2`` and ``flag:any`` appended.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl"
LIMIT = 20
REPEATS = 5

# A fixed mix: (kind, crossread query, FTS5 MATCH expression or None when FTS5 has no equivalent)
QUERIES = [
    ("word", "oil", "oil"),
    ("word", "cocoa", "cocoa"),
    ("word", "dividend", "dividend"),
    ("word", "bundesbank", "bundesbank"),
    ("and", "oil prices", "oil prices"),
    ("and", "bank interest rates", "bank interest rates"),
    ("and", "wheat export china", "wheat export china"),
    ("and", "merger shareholders approve", "merger shareholders approve"),
    ("phrase", '"interest rates"', '"interest rates"'),
    ("phrase", '"trade deficit"', '"trade deficit"'),
    ("phrase", '"net profit"', '"net profit"'),
    ("phrase", '"crude oil prices"~2', 'NEAR(crude oil prices, 2)'),
    ("boolean", "(coffee OR cocoa) NOT brazil", "(coffee OR cocoa) NOT brazil"),
    ("boolean", "opec OR saudi", "opec OR saudi"),
    ("field", "title:oil prices", "title:oil AND prices"),
    ("field", "title:dividend quarterly", "title:dividend AND quarterly"),
    ("field", "date:1987-03 sugar", None),
    ("prefix", "petrol*", "petrol*"),
    ("prefix", "export*", "export*"),
    ("prefix", "currenc*", "currenc*"),
    ("fuzzy", "bundesbnak~", None),
    ("fuzzy", "petroleum~", None),
    ("fuzzy", "shareholdres~2", None),
]
TYPED = ["interest rates", "crude oil", "shareholders approve merger", "coffee exports brazil"]
FILTERS = ["only:yes", "outlets:>=2", "flag:any"]


def write_folder(count: int | None, folder: Path) -> int:
    """Reuters articles as Markdown files with front matter, as `shared/corpora/to_folder.py` writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            if count is not None and written >= count:
                break
            record = json.loads(line)
            front = {k: record.get(k) for k in ("title", "source", "date", "url", "id")}
            body = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in front.items()) + "---\n\n"
            (folder / f"{record['id']}.md").write_text(body + record["text"] + "\n", encoding="utf-8")
            written += 1
    return written


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_one(size: str, workdir: Path) -> dict[str, object]:
    from whoosh.qparser import FuzzyTermPlugin, QueryParser

    from index.corpus import load_corpus, load_file
    from index.library import cli_processes
    from index.search import SearchEngine
    from index.store import Store

    count = None if size == "all" else int(size)
    corpus_dir = workdir / f"reuters-{size}"
    articles_written = write_folder(count, corpus_dir)

    began = time.perf_counter()
    corpus = load_corpus(corpus_dir, max_file_mb=64)
    load_s = time.perf_counter() - began

    by_file = corpus.articles_by_file()
    store = Store(corpus.root, workdir / "index")
    store.open()
    began = time.perf_counter()
    # As `crossread index` builds: a bulk build in up to two processes (segments left unmerged).
    store.sync(corpus.files, lambda f: (by_file.get(f.relative, []), corpus.file_hashes[f.relative]), procs=cli_processes())
    build_s = time.perf_counter() - began
    paragraphs = store.document_count()

    # Incremental: change one file, then bring the index up to date from a fresh scan of the folder.
    from index.corpus import scan_files

    victim = corpus.files[len(corpus.files) // 2].path
    victim.write_text(victim.read_text(encoding="utf-8") + "\nA late correction about zeppelins.\n", encoding="utf-8")
    began = time.perf_counter()
    files, _, _ = scan_files(corpus.root)

    def load_one(source_file):  # type: ignore[no-untyped-def]
        articles, _, digest = load_file(source_file, max_bytes=64 * 1024 * 1024)
        return articles, digest

    report = store.sync(files, load_one)
    incremental_s = time.perf_counter() - began
    assert report.changed == 1, report

    engine = SearchEngine(store)
    searcher = store.searcher()
    raw_parser = QueryParser("text", store.index.schema)
    raw_parser.add_plugin(FuzzyTermPlugin())

    fts = sqlite3.connect(":memory:")
    fts.execute("CREATE VIRTUAL TABLE p USING fts5(title, text, tokenize='porter unicode61')")
    began = time.perf_counter()
    fts.executemany(
        "INSERT INTO p(title, text) VALUES (?, ?)",
        ((stored["title"], stored["text"]) for stored in searcher.all_stored_fields()),
    )
    fts_build_s = time.perf_counter() - began

    def ours(query: str) -> int:
        return len(engine.search(query, limit=LIMIT).hits)

    def raw(query: str, terms: bool) -> int:
        parsed = raw_parser.parse(query)
        results = searcher.search(parsed, limit=LIMIT, terms=terms)
        return len([hit.highlights("text") for hit in results])

    def sqlite(match: str) -> int:
        rows = fts.execute(
            "SELECT snippet(p, 1, '[', ']', '…', 30) FROM p WHERE p MATCH ? ORDER BY rank LIMIT ?", (match, LIMIT)
        ).fetchall()
        return len(rows)

    timings: dict[str, list[float]] = {"crossread": [], "whoosh_default": [], "whoosh_terms": [], "fts5": []}
    per_kind: dict[str, list[float]] = {}
    # warm up caches once, as a running app would be
    for _, query, _ in QUERIES:
        ours(query)
    for _ in range(REPEATS):
        for kind, query, match in QUERIES:
            for name, call in (
                ("crossread", lambda: ours(query)),
                ("whoosh_default", lambda: raw(query, False)),
                ("whoosh_terms", lambda: raw(query, True)),
                ("fts5", (lambda: sqlite(match)) if match else None),
            ):
                if call is None:
                    continue
                began = time.perf_counter()
                call()
                elapsed = (time.perf_counter() - began) * 1000
                timings[name].append(elapsed)
                if name == "crossread":
                    per_kind.setdefault(kind, []).append(elapsed)

    # Facets: the same mix, every match counted per outlet.
    faceted: list[float] = []
    for _ in range(REPEATS):
        for _, query, _ in QUERIES:
            began = time.perf_counter()
            engine.search(query, limit=LIMIT, facets=True)
            faceted.append((time.perf_counter() - began) * 1000)

    # Alignment fields: facts of the whole corpus, cold then warm, then filtered queries.
    from index.passage_filters import passage_facts
    from index.stories import corpus_stories
    from index.store import passage_spans

    began = time.perf_counter()
    stories = corpus_stories(corpus.articles, workdir / "stories")
    stories_s = time.perf_counter() - began
    aligned_stories = sum(1 for story in stories if len(story.article_ids) > 1)
    facts_args = (corpus.articles, stories, workdir / "align", passage_spans)
    began = time.perf_counter()
    passage_facts(*facts_args, facts_cache=workdir / "facts")
    facts_cold_s = time.perf_counter() - began
    began = time.perf_counter()
    facts = passage_facts(*facts_args, facts_cache=workdir / "facts")
    facts_warm_s = time.perf_counter() - began
    engine.facts = lambda: facts
    began = time.perf_counter()
    engine.search("only:yes", limit=LIMIT)
    filter_table_ms = (time.perf_counter() - began) * 1000
    filtered: list[float] = []
    # Parenthesised: a filter applies to the whole query, and "opec OR saudi only:yes" is refused.
    for _, query, _ in QUERIES:  # warm: one document set per filter per index snapshot
        for extra in FILTERS:
            engine.search(f"({query}) {extra}", limit=LIMIT)
    for _ in range(REPEATS):
        for _, query, _ in QUERIES:
            for extra in FILTERS:
                began = time.perf_counter()
                engine.search(f"({query}) {extra}", limit=LIMIT)
                filtered.append((time.perf_counter() - began) * 1000)
    filter_only: list[float] = []
    for _ in range(REPEATS):
        for extra in FILTERS:
            began = time.perf_counter()
            engine.search(extra, limit=LIMIT, facets=True)
            filter_only.append((time.perf_counter() - began) * 1000)

    typing: list[float] = []
    raw_prefix: list[float] = []
    for _ in range(REPEATS):
        for phrase in TYPED:
            for end in range(3, len(phrase) + 1):
                typed = phrase[:end]
                if typed.endswith(" "):
                    continue
                began = time.perf_counter()
                engine.search(typed, limit=LIMIT, as_you_type=True)
                typing.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                raw(typed + "*", True)
                raw_prefix.append((time.perf_counter() - began) * 1000)

    result: dict[str, object] = {
        "size": size,
        "articles": articles_written,
        "paragraphs": paragraphs,
        "load_s": round(load_s, 2),
        "build_s": round(build_s, 2),
        "incremental_s": round(incremental_s, 3),
        "index_mb": round(folder_size(store.folder) / 1024 / 1024, 1),
        "fts5_build_s": round(fts_build_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    for name, samples in timings.items():
        p50, p95 = percentiles(samples)
        result[f"{name}_p50_ms"], result[f"{name}_p95_ms"] = round(p50, 2), round(p95, 2)
    for kind, samples in per_kind.items():
        result[f"kind_{kind}_p95_ms"] = round(percentiles(samples)[1], 2)
    result["typing_p50_ms"], result["typing_p95_ms"] = (round(x, 2) for x in percentiles(typing))
    result["raw_prefix_typing_p95_ms"] = round(percentiles(raw_prefix)[1], 2)
    result["facets_p50_ms"], result["facets_p95_ms"] = (round(x, 2) for x in percentiles(faceted))
    result["stories"], result["aligned_stories"], result["stories_s"] = len(stories), aligned_stories, round(stories_s, 2)
    result["facts_cold_s"], result["facts_warm_s"] = round(facts_cold_s, 2), round(facts_warm_s, 3)
    result["facts_passages"] = sum(len(v) for v in facts.passages.values())
    result["filter_table_ms"] = round(filter_table_ms, 1)
    result["filtered_p50_ms"], result["filtered_p95_ms"] = (round(x, 2) for x in percentiles(filtered))
    result["filter_only_p50_ms"], result["filter_only_p95_ms"] = (round(x, 2) for x in percentiles(filter_only))
    store.close()
    return result


def report(results: list[dict[str, object]]) -> None:
    print(f"\nsearch benchmark, {time.strftime('%Y-%m-%d')}, Reuters-21578, top {LIMIT}, {len(QUERIES)} queries x {REPEATS}")
    for r in results:
        print(
            f"\n{r['size']} articles={r['articles']} paragraphs={r['paragraphs']}\n"
            f"  load {r['load_s']} s, build {r['build_s']} s, one changed file {r['incremental_s']} s, "
            f"index {r['index_mb']} MB, peak RSS {r['peak_rss_mb']} MB (FTS5 build {r['fts5_build_s']} s)\n"
            f"  query p50/p95 ms: crossread {r['crossread_p50_ms']}/{r['crossread_p95_ms']} (with snippets)"
            f" | raw Whoosh default highlighter {r['whoosh_default_p50_ms']}/{r['whoosh_default_p95_ms']}"
            f" | raw Whoosh terms=True {r['whoosh_terms_p50_ms']}/{r['whoosh_terms_p95_ms']}"
            f" | FTS5 {r['fts5_p50_ms']}/{r['fts5_p95_ms']}\n"
            f"  p95 ratios: crossread / Whoosh default {r['crossread_p95_ms'] / r['whoosh_default_p95_ms']:.2f},"  # type: ignore[operator]
            f" / Whoosh terms=True {r['crossread_p95_ms'] / r['whoosh_terms_p95_ms']:.2f},"  # type: ignore[operator]
            f" / FTS5 {r['crossread_p95_ms'] / r['fts5_p95_ms']:.1f}\n"  # type: ignore[operator]
            f"  p95 by kind: "
            + ", ".join(f"{k[5:-7]} {v}" for k, v in r.items() if k.startswith("kind_"))
            + f"\n  search as you type p50/p95 ms: {r['typing_p50_ms']}/{r['typing_p95_ms']}"
            f" (raw Whoosh prefix query p95 {r['raw_prefix_typing_p95_ms']})"
            f"\n  with source facets p50/p95 ms: {r['facets_p50_ms']}/{r['facets_p95_ms']}"
            f" (facets add {r['facets_p95_ms'] - r['crossread_p95_ms']:+.1f} ms at p95)"  # type: ignore[operator]
            f"\n  alignment fields: {r['aligned_stories']} of {r['stories']} stories aligned"
            f" (grouping {r['stories_s']} s); facts of {r['facts_passages']} passages cold {r['facts_cold_s']} s,"
            f" warm {r['facts_warm_s']} s; first filtered query {r['filter_table_ms']} ms"
            f"\n  query mix + {' / '.join(FILTERS)} p50/p95 ms: {r['filtered_p50_ms']}/{r['filtered_p95_ms']};"
            f" a filter alone, with facets: {r['filter_only_p50_ms']}/{r['filter_only_p95_ms']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,all", help="comma-separated article counts, or all")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench: {CORPUS} not found; the benchmark reads ../shared/corpora", file=sys.stderr)
        return 2
    if args.one:
        workdir = Path(tempfile.mkdtemp(prefix="crossread-bench-"))
        try:
            print(json.dumps(run_one(args.one, workdir)))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return 0
    random.seed(0)
    results = []
    for size in args.sizes.split(","):
        print(f"bench: {size} articles…", file=sys.stderr, flush=True)
        completed = subprocess.run(
            [sys.executable, __file__, "--one", size], capture_output=True, text=True, env={**os.environ}
        )
        if completed.returncode != 0:
            print(completed.stderr, file=sys.stderr)
            return completed.returncode
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    report(results)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
