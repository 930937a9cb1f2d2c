"""Routes of the service as a git ref's code serves them against this tree's, in turns, each in
a process of its own on a store opened read-only, with the load average beside each line::

    .venv/bin/python bench/routes_bench.py var/bench-scale/store-1000 --before main \\
        /documents/luat/36-2018-qh14 '/api/bodies?q=thanh+tra' [--runs 10] [--rounds 2]

Each process serves every route given (a warm-up request first, then ``--runs`` timed ones)
and prints its p50 and p99, status and size; ``--verbose`` adds the named queries one request
ran, with their times and rows. The search index beside the store is the one the ingest wrote
(a route reading it finds it fresh).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trees import short_ref, tree_of  # noqa: E402

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from bench.pages_bench import read_only
import graph_api.queries as gq
from graph_api.app import create_app

store = read_only(Path(sys.argv[2]))
type(store).read_only = True  # its state tag read once, as the service's snapshot's
client = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()
log = []
run_with = gq.run_with
def timed(store, query, params=None, **kw):
    t0 = time.perf_counter()
    res = run_with(store, query, params, **kw)
    log.append((getattr(query, "name", query), round((time.perf_counter() - t0) * 1000, 1),
                len(res) if hasattr(res, "__len__") else None))
    return res
gq.run_with = timed
import graph_api.blueprints.data as data
data.run_with = timed
out = []
for url in json.loads(sys.argv[4]):
    client.get(url)
    times = []
    for _ in range(int(sys.argv[3])):
        log.clear()
        t0 = time.perf_counter()
        resp = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    n = len(times)
    out.append({"url": url, "p50": times[n // 2],
                "p99": times[min(n - 1, round(0.99 * (n - 1)))], "status": resp.status_code,
                "bytes": len(resp.data), "queries": list(log), "load": os.getloadavg()[0]})
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("routes", nargs="+", help="paths with their query strings")
    ap.add_argument("--after-store", type=Path, default=None,
                    help="the store this tree reads, when not the one the ref reads (a copy "
                         "holding what this tree keeps at ingest)")
    ap.add_argument("--before", default="main", help="git ref of the code before (main)")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="print each named query's time")
    a = ap.parse_args(argv)
    before = tree_of(a.before)
    ref, here = short_ref(a.before), short_ref("HEAD")
    sides = [(f"before ({a.before} {ref})", before, a.store),
             (f"after (this tree, HEAD {here})", ROOT, a.after_store or a.store)]
    print(f"store {a.store} · {a.runs} runs a turn · {a.rounds} rounds")
    print(f"{'route':<44} {'code':<28} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8}  load")
    for _ in range(a.rounds):
        for name, tree, store in sides:
            out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(store),
                                  str(a.runs), json.dumps(a.routes)],
                                 capture_output=True, text=True)  # fmt: skip
            if out.returncode:
                print(f"{name:<28} failed: {out.stderr.strip().splitlines()[-3:]}")
                continue
            for r in json.loads(out.stdout.strip().splitlines()[-1]):
                print(f"{r['url'][:44]:<44} {name[:28]:<28} {r['p50']:8.1f} {r['p99']:8.1f} "
                      f"{r['bytes']:8} {r['load']:.1f}  ({r['status']})", flush=True)
                if a.verbose:
                    for q, ms, rows in r["queries"]:
                        print(f"    {q:<40} {ms:8.1f} ms {rows if rows is not None else '':>6}")
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
