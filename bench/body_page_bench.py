"""The body page (``/bodies/<id>``) as a git ref's code serves it against this tree's, in turns,
each in a process of its own on a store opened read-only, with the load average beside each
line (issue 13: the body page under 300 ms at 10,000 plans)::

    .venv/bin/python bench/body_page_bench.py var/bench-scale/store-10000 \\
        --after-store var/scale/store-10000 --before main [--runs 10] [--rounds 2]

``--after-store``: the store this tree reads, when it differs from the one the ref reads (a
copy holding what this tree keeps at ingest: the agenda, graph_api.kept_agenda). The body is
scale_bench's: the first generated plan's Sở Nội vụ; the period this quarter (the page's
default) unless ``--query`` says another (``period=2024-Q4``). It is bench/routes_bench.py on that
one route: each process prints the page's p50 and p99 (answer cache off, one warm-up request
first), its size, and with ``--verbose`` the named queries one request ran with their times.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import plangen, routes_bench  # noqa: E402


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
    juris = plangen.slug(plangen.places()[0][1])
    url = f"/bodies/{juris}/so-noi-vu" + (f"?{a.query}" if a.query else "")
    return routes_bench.main(
        [str(a.store), url, "--before", a.before, "--runs", str(a.runs), "--rounds", str(a.rounds)]
        + (["--after-store", str(a.after_store)] if a.after_store else [])
        + (["--verbose"] if a.verbose else []))


if __name__ == "__main__":
    raise SystemExit(main())
