"""Full-text search: SQLite FTS5 (graph_api.search) against a scan of every task's folded
text (what /search did before), on the same plans, in one run.

    .venv/bin/python bench/search_bench.py [N]   # N plans from bench/plangen.py (default 200)

Prints the index build time, its size, and the p50/p95 of a few queries for both.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = ["thanh tra tinh", "kê khai tài sản", "cong khai minh bach", "so noi vu", "luat 36"]


def timed(fn, rounds: int = 30) -> tuple[float, float, object]:
    times, out = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], out


def main(n: int) -> None:
    from plangen import write

    from graph_api.blueprints import data
    from graph_api.blueprints.ids import fold, folded
    from graph_api.pipeline import ingest_paths
    from graph_api.search import SearchIndex, graph_rows
    from graph_api.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans"
        write(n, folder)
        store = open_store(":memory:")
        ingest_paths(store, [folder], reasoner="none", progress=False)
        tasks = data.tasks(store)
        t0 = time.perf_counter()
        rows = list(graph_rows(store))
        read = time.perf_counter() - t0
        index = SearchIndex(Path(tmp) / "index.sqlite")
        t0 = time.perf_counter()
        index.build(rows, "bench")
        build = time.perf_counter() - t0
        size = (Path(tmp) / "index.sqlite").stat().st_size / 1e6
        print(f"{n} plans, {len(tasks)} tasks; rows read from the graph {read:.2f} s, "
              f"FTS5 build {build:.2f} s, index {size:.1f} MB")

        def scan(q: str) -> list:
            words = fold(q).split()
            hay = [(t, folded(t["text"], t["heading"], *(a["name"] for a in t["assignments"])))
                   for t in tasks]
            return [t for t, h in hay if all(w in h for w in words)]

        print(f"{'query':<22} {'FTS5 p50/p95 ms':>16} {'hits':>6}   "
              f"{'scan p50/p95 ms':>16} {'hits':>6}")
        for q in QUERIES:
            def fts(q: str = q) -> list:
                hits = index.search(q)
                index.highlight(q, hits[:50])  # what a page shows
                return hits

            f50, f95, hits = timed(fts)
            s50, s95, found = timed(lambda q=q: scan(q), rounds=10)
            print(f"{q:<22} {f50:7.2f} /{f95:7.2f} {len(hits):>6}   {s50:7.2f} /{s95:7.2f} "
                  f"{len(found):>6}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
