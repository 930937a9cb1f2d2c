"""Graph figures: ingest time, triples, closure time per reasoner, named-query latency.

Run with ``make bench-graph`` or ``python bench/graph_bench.py [--runs N]``. Each corpus (the
bundled plans, the bundled laws, both) is ingested into a fresh in-memory store; the closure is
timed with each reasoner over the same union; every named query is run N times with the
example values from its header (queries whose required parameters have no example are skipped).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cancu.paths import LAWS, PLANS
from graph_api.pipeline import (
    ONTOLOGY_GRAPH,
    ingest_paths,
)
from graph_api.queries import NamedQuery, list_queries, run_with
from graph_api.store import INFERRED_GRAPH, META_GRAPH, QueryError, Store, open_store


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_closure(store: Store, reasoners: list[str]) -> None:
    from ontology.reasoning import closure

    union = store.union_graph(exclude=(INFERRED_GRAPH, META_GRAPH, ONTOLOGY_GRAPH))
    for engine in reasoners:
        t0 = time.perf_counter()
        inferred = closure(union, engine=engine)
        print(
            f"  closure {engine:<10} {time.perf_counter() - t0:8.2f} s  {len(inferred):>7} inferred"
        )


def bench_queries(store: Store, runs: int) -> None:
    queries = list_queries()
    if not queries:
        print("  (no named queries in graph_api/queries/ yet)")
    for q in queries:
        missing = [p.name for p in q.params if p.required and not p.example]
        if missing:
            print(f"  {q.name:<32} skipped: no example for {', '.join(missing)}")
            continue
        required = {p.name: p.example for p in q.params if p.required}
        # every optional filter alone: together their examples contradict and match nothing
        variants = [("", required)] + [
            (f"{p.name}=", {**required, p.name: p.example})
            for p in q.params if not p.required and p.example]
        for label, params in variants:
            _time_query(store, q, params, f"{q.name} {label}{params.get(label[:-1], '')}", runs)


def _time_query(store: Store, q: NamedQuery, params: dict, title: str, runs: int) -> None:
    times: list[float] = []
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            res = run_with(store, q, params)
            times.append((time.perf_counter() - t0) * 1000)
    except QueryError as exc:
        print(f"  {title[:48]:<48} error: {exc}")
        return
    rows = len(res) if hasattr(res, "__len__") else int(bool(res))
    print(
        f"  {title[:48]:<48} p50 {statistics.median(times):7.1f} ms  "
        f"p95 {percentile(times, 0.95):7.1f} ms  {rows:>5} rows"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per named query")
    parser.add_argument("--reasoners", default="reasonable,owlrl")
    args = parser.parse_args()
    reasoners = [r for r in args.reasoners.split(",") if r]
    for label, paths in (("plans", [PLANS]), ("laws", [LAWS]), ("plans+laws", [PLANS, LAWS])):
        print(f"== {label}")
        store = open_store(":memory:")
        t0 = time.perf_counter()
        report = ingest_paths(store, paths, reasoner="none", progress=False)
        took = time.perf_counter() - t0
        asserted = store.triple_count()
        steps = ", ".join(f"{k} {v:.2f}s" for k, v in report.seconds.items())
        print(f"  ingest {len(report.stored)} files in {took:.2f} s ({steps}); {asserted} triples")
        for p in report.refused + report.failed:
            print(f"  not stored: {p.source}: {p.reason}")
        bench_closure(store, reasoners)
        if label == "plans+laws":
            from graph_api.pipeline import refresh_closure

            refresh_closure(store, reasoners[0] if reasoners else "reasonable")
            print(f"  store with closure: {store.triple_count()} triples")
            bench_queries(store, args.runs)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
