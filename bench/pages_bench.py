"""Paged answers against whole ones (issue 13): the named queries that grow with the store,
as a git ref wrote them (every row) and as this tree does (every row, its first page, and a
page further on), timed in one process on one store, with the load average beside each line::

    .venv/bin/python bench/pages_bench.py var/bench-scale/store-1000 --before main [--runs 20]

The store is opened read-only (a benchmark store of another checkout is never written). The
parameters are scale_bench's: the first generated plan's Sở Nội vụ, Luật 36/2018/QH14 and its
Điều 10; the whole-store lists without parameters, ``tasks_due`` over 2023 (the year of most
deadlines of the generated plans).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import plangen  # noqa: E402
from bench.scale_bench import summary  # noqa: E402

LAW = "https://cancu.dev/id/doc/luat/36-2018-qh14"


def read_only(path: Path) -> Any:
    """An embedded store over ``path`` that never writes to it."""
    import pyoxigraph as ox

    from graph_api.store import OxigraphStore

    class ReadOnly(OxigraphStore):
        def __init__(self) -> None:
            self.location, self._path = str(path), None
            self._s = ox.Store.read_only(str(path))

    return ReadOnly()


def cases() -> list[tuple[str, dict[str, str]]]:
    body = f"https://cancu.dev/id/body/{plangen.slug(plangen.places()[0][1])}/so-noi-vu"
    return [
        ("body_duties", {"body": body}),
        ("api_body_tasks", {"body": body}),
        ("api_body_task_assignments", {"of": body}),
        ("api_body_task_basis", {"body": body}),
        ("tasks_by_article", {"document": "36/2018/QH14", "article": "10"}),
        ("api_article_tasks", {"article": f"{LAW}/dieu-10"}),
        ("plans_citing_document", {"document": "36/2018/QH14"}),
        ("article_detail", {"document": "36/2018/QH14", "article": "10"}),
        ("list_plans", {}),
        ("list_bodies", {}),
        ("requested_only_bodies", {}),
        ("tasks_due", {"from": "2023-01-01", "to": "2023-12-31"}),
        ("due_tasks_between", {"from": "2023-01-01", "to": "2023-12-31"}),
    ]


def old_queries(ref: str, names: list[str]) -> Path:
    """The ``.rq`` files of ``names`` as ``ref`` has them, in a folder of their own."""
    folder = Path(tempfile.mkdtemp(prefix="cancu-rq-"))
    for name in names:
        show = f"{ref}:graph_api/queries/{name}.rq"
        text = subprocess.run(["git", "-C", str(ROOT), "show", show],
                              capture_output=True, text=True, check=True).stdout
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    return folder


def timed(store: Any, query: Any, params: dict[str, Any], runs: int,
          limit_s: float) -> tuple[dict, int | str, bool]:  # fmt: skip
    """p50/p99 of ``runs`` runs, the rows of the last and whether more lie past them; a run
    past ``limit_s`` is reported at that figure, as "timeout" (the engine cannot be stopped:
    it goes on in the background, so whole answers are timed after the pages)."""
    from graph_api.queries import run_with
    from graph_api.store import QueryTimeout

    times: list[float] = []
    rows: int | str = 0
    more = False
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            res = run_with(store, query, params, timeout=limit_s)
        except QueryTimeout:
            times.append(limit_s * 1000)
            rows = "timeout"
            break
        times.append((time.perf_counter() - t0) * 1000)
        rows, more = len(res), bool(getattr(res, "more", False))
        if times[-1] > 5_000:
            break  # a figure this far off needs no more runs
    return summary(times), rows, more


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--before", default="main", help="git ref of the whole answers (main)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--limit", type=int, default=20, help="tasks a page holds (20)")
    ap.add_argument("--timeout", type=float, default=30, help="seconds a run may take (30)")
    ap.add_argument("--only", default="", help="these queries only (comma-separated names)")
    a = ap.parse_args()
    from graph_api.queries import get, parse_query_file

    store = read_only(a.store)
    todo = [c for c in cases() if not a.only or c[0] in a.only.split(",")]
    before = old_queries(a.before, [n for n, _ in todo])
    ref = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", a.before],
                         capture_output=True, text=True).stdout.strip()
    here = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    print(f"store {a.store} · before = {a.before} ({ref}) · after = this tree (HEAD {here}) · "
          f"{a.runs} runs · page of {a.limit}")
    print(f"{'query':<24} {'answer':<22} {'p50 ms':>8} {'p99 ms':>8} {'rows':>7}  load")
    # (a query this tree does not page yet has its whole answers only)
    lines = [(name, what, query, p) for name, params in todo if get(name).page_unit
             for what, query, p in [
                 ("after, first page", get(name), {**params, "limit": a.limit}),
                 ("after, page at 500", get(name), {**params, "limit": a.limit, "offset": 500})]]
    lines += [(name, what, query, p) for name, params in todo for what, query, p in [
        ("before, every row", parse_query_file(before / f"{name}.rq"), params),
        ("after, every row", get(name), params)]]
    for name, what, query, p in lines:
        figures, rows, more = timed(store, query, p, a.runs, a.timeout)
        print(f"{name:<24} {what:<22} {figures['p50']:8.1f} {figures['p99']:8.1f} "
              f"{rows:>7}{'+' if more else ' '} {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
