"""The ingest of N generated plans (and the laws) into a fresh on-disk store, as a git ref's
code does it and as this tree's does, in turns, each in a process of its own, with the load
average beside each line (issue 13: 10,000 plans ingested in under 10 minutes)::

    .venv/bin/python bench/ingest_bench.py --before main [--after HEAD] --plans 200 [--rounds 2]

The plans are ``bench/plangen.py``'s, ingested as ``bench/scale_bench.py`` ingests them
(reasoner ``reasonable``, no progress bars). Each turn prints its wall seconds, the seconds of
each stage of the ingest's progress (workers' stages: CPU seconds summed over the workers;
the writer's and the index's: wall seconds in the main process), the rows the search index
holds, the CPU seconds of the main process (every thread of it: the writer, the engine's
own, the index), and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.body_page_bench import tree_of  # noqa: E402

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])


def main() -> None:
    import graph_api
    from graph_api import pipeline, search
    from graph_api.store import open_store

    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    with open_store(sys.argv[2]) as store:
        report = pipeline.ingest_paths(store, sys.argv[3:], reasoner="reasonable",
                                       progress=False)
        wall = time.perf_counter() - t0
        index = search.SearchIndex(search.index_path(store))
        rows = index._db.execute("SELECT COUNT(*) FROM rows").fetchone()[0]
        index.close()
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"code": os.path.dirname(os.path.dirname(graph_api.__file__)),
                      "wall": wall, "stages": report.seconds, "stored": len(report.stored),
                      "failed": len(report.failed), "refused": len(report.refused),
                      "rows": rows, "main_cpu": own.ru_utime + own.ru_stime,
                      "load_before": load, "load_after": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default="main", help="git ref of the code to compare with")
    ap.add_argument("--after", default=None, help="git ref of the code compared (default: "
                    "this tree as it is)")
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--work", type=Path, default=ROOT / "var" / "bench-ingest")
    args = ap.parse_args()
    from bench import plangen

    plans = args.work / f"plans-{args.plans}"
    plangen.write(args.plans, plans)
    child = args.work / "child.py"
    child.write_text(CHILD, encoding="utf-8")
    trees = {"before": tree_of(args.before),
             "after": tree_of(args.after) if args.after else ROOT}
    try:
        for rnd in range(args.rounds):
            for name, tree in trees.items():
                store = Path(tempfile.mkdtemp(prefix="cancu-ingest-", dir=args.work)) / "store"
                out = subprocess.run([sys.executable, str(child), str(tree), str(store),
                                      str(plans), str(ROOT / "data" / "laws")],
                                     capture_output=True, text=True, cwd=tree)  # fmt: skip
                shutil.rmtree(store.parent, ignore_errors=True)
                if out.returncode:
                    print(out.stderr[-3000:], file=sys.stderr)
                    return 1
                res = json.loads(out.stdout.strip().splitlines()[-1])
                stages = " ".join(f"{k} {v:.1f}" for k, v in res["stages"].items())
                print(f"round {rnd + 1} {name:<6} {args.plans} plans: wall {res['wall']:.1f} s, "
                      f"search {res['stages'].get('search', 0.0):.1f} s, {res['rows']} rows, "
                      f"main process {res['main_cpu']:.1f} CPU-s, "
                      f"load {res['load_before']:.1f}->{res['load_after']:.1f} "
                      f"[{stages}] ({res['code']})", flush=True)  # fmt: skip
    finally:
        for tree in trees.values():
            if tree != ROOT:
                shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
