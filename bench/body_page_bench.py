"""The body page (``/bodies/<id>``) as a git ref's code serves it against this tree's, in turns,
each in a process of its own on a store opened read-only, with the load average beside each
line (issue 13: the body page under 300 ms at 10,000 plans)::

    .venv/bin/python bench/body_page_bench.py var/bench-scale/store-10000 \\
        --after-store var/scale/store-10000 --before main [--runs 10] [--rounds 2]

``--after-store``: the store this tree reads, when it differs from the one the ref reads (a
copy holding what this tree keeps at ingest: the agenda, graph_api.kept_agenda). The body is
scale_bench's: the first generated plan's Sở Nội vụ; the period this quarter (the page's
default) unless ``--query`` says another (``period=2024-Q4``). Each process prints the page's
p50 and p99 (answer cache off, one warm-up request first), its size, and the named queries
one request ran with their times.
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
from bench import plangen
from bench.pages_bench import read_only
import graph_api.queries as gq
from graph_api.app import create_app

store = read_only(Path(sys.argv[2]))
type(store).read_only = True  # its state tag read once, as the service's snapshot's
juris = plangen.slug(plangen.places()[0][1])
url = f"/bodies/{juris}/so-noi-vu" + (f"?{sys.argv[4]}" if sys.argv[4] else "")
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
client.get(url)
times = []
for _ in range(int(sys.argv[3])):
    log.clear()
    t0 = time.perf_counter()
    resp = client.get(url)
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
n = len(times)
print(json.dumps({"p50": times[n // 2], "p99": times[min(n - 1, round(0.99 * (n - 1)))],
                  "status": resp.status_code, "bytes": len(resp.data), "queries": log,
                  "load": os.getloadavg()[0]}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--after-store", type=Path, default=None)
    ap.add_argument("--before", default="main", help="git ref of the code before (main)")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--query", default="", help="the page's query string, e.g. period=2024-Q4")
    ap.add_argument("--verbose", action="store_true", help="print each named query's time")
    a = ap.parse_args()
    before = tree_of(a.before)
    ref, here = short_ref(a.before), short_ref("HEAD")
    sides = [(f"before ({a.before} {ref})", before, a.store),
             (f"after (this tree, HEAD {here})", ROOT, a.after_store or a.store)]
    print(f"body page · {a.runs} runs a turn · {a.rounds} rounds · query {a.query!r}")
    print(f"{'code':<32} {'store':<40} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8}  load")
    for _ in range(a.rounds):
        for name, tree, store in sides:
            out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(store),
                                  str(a.runs), a.query], capture_output=True, text=True)
            if out.returncode:
                print(f"{name:<32} failed: {out.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{name:<32} {str(store)[-40:]:<40} {r['p50']:8.0f} {r['p99']:8.0f} "
                  f"{r['bytes']:8} {r['load']:.1f}  (status {r['status']})", flush=True)
            if a.verbose:
                for q, ms, rows in r["queries"]:
                    print(f"    {q:<30} {ms:8.1f} ms {rows if rows is not None else '':>6}")
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
