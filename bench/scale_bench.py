"""The graph at volume: N distinct plans ingested, reasoned, validated and queried (issue 13).

For each N (``--sizes 100,1000,10000``): the plans are made by ``bench/plangen.py``, then, each
in a fresh process so its memory is its own, extraction alone and the whole ingest (plans and
laws into a new on-disk store) are timed, with the peak memory of each stage; then the store's
size, p50/p95/p99 of every named query and of each page and API route (the service's answer
cache off, so every request does its work), and, on the largest store, what adding one plan
costs (in a warm process, and as a ``cancu ingest`` command). Between sizes it prints the
growth exponent (1 = linear in N, 0 = flat). A yardstick (spaCy's blank "vi" tokenizer, as
``make bench`` uses) is timed beside each size, with the load average, so that figures taken
on a busy or another machine can be compared::

    .venv/bin/python bench/scale_bench.py --sizes 100,1000 [--runs 30] [--keep]
    .venv/bin/python bench/scale_bench.py --sizes 10000 --requery   # kept store, new queries
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import plangen  # noqa: E402

WORK = ROOT / "var" / "bench-scale"
LAWS = ROOT / "data" / "laws"
PY = sys.executable
TARGETS = {  # issue 13, item 5
    "ingest_s": 600, "ingest_peak_mb": 4096, "add_one_s": 2.0, "query_p99_ms": 100,
    "duties_p99_ms": 20, "body_page_ms": 300,
}
QUERY_LIMIT_S = 20  # a query still running then is reported at this figure, as "timeout"
ONE_BODY_OR_ARTICLE = ("body_duties", "body_leads", "tasks_by_article")


# --- measuring --------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class TreePeak:
    """Peak resident memory of this process and all its children (the ingest's workers and
    their forkserver) together, sampled every 200 ms (finer sampling takes CPU from the run
    it measures; a peak held for less than that is missed): what the machine must hold."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.high = self.main = rss_mb()
        self._stop = False
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        import psutil

        while not self._stop:
            total = main = self.me.memory_info().rss / 2**20
            for child in self.me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss / 2**20
            self.high, self.main = max(self.high, total), max(self.main, main)
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop = True


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(samples: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(samples), "p95": pct(samples, 0.95),
            "p99": pct(samples, 0.99)}


def yardstick() -> float:
    """ms of CPU per KB for spaCy's blank "vi" tokenizer over the samples (median of 9)."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "plans").glob("*.txt"))]
    kb = sum(len(t.encode()) for t in texts) / 1024
    runs = []
    for _ in range(9):
        t0 = time.process_time()
        for t in texts:
            nlp(t)
        runs.append((time.process_time() - t0) * 1000 / kb)
    return statistics.median(runs)


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


# --- the stages, each in a child process ------------------------------------------------------


def child_extract(plans: Path, out: Path) -> dict[str, Any]:
    from ingest.extract import extract_file

    t0 = time.perf_counter()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for p in sorted(plans.glob("*.txt")):
            f.write(json.dumps(extract_file(p).to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return {"seconds": time.perf_counter() - t0, "plans": n,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child_ingest(store_dir: str, paths: list[str]) -> dict[str, Any]:
    """The whole ingest: per stage its CPU seconds (summed over the workers for the stages
    they run; wall seconds of the writer for ``store``) and its peak memory in its process
    (a worker's, or the main process's for the writer's stages)."""
    from graph_api import pipeline
    from graph_api.store import open_store

    peak = TreePeak()
    t0 = time.perf_counter()
    with open_store(store_dir) as store:
        report = pipeline.ingest_paths(store, paths, reasoner="reasonable", progress=False)
        wall = time.perf_counter() - t0
        quads = store.triple_count()
    peak.stop()
    stage_mb = {s: report.stage_mb.get(s, peak.main) for s in report.seconds}
    return {"seconds": wall, "stages": report.seconds, "stage_peak_mb": stage_mb,
            "peak_mb": peak.high, "main_mb": peak.main,
            "worker_mb": report.peak_mb.get("worker", 0.0),
            "stored": len(report.stored), "refused": len(report.refused),
            "failed": len(report.failed), "quads": quads, "inferred": report.inferred}


def child_add_one(store_dir: str, paths: list[str]) -> dict[str, Any]:
    """Add plans one at a time to an existing store in one warm process: the first pays the
    imports and the compiled patterns, the others are what a running ingest service pays."""
    from graph_api.pipeline import ingest_paths
    from graph_api.store import open_store

    times = []
    with open_store(store_dir) as store:
        for p in paths:
            t0 = time.perf_counter()
            report = ingest_paths(store, [p], reasoner="reasonable", progress=False)
            times.append(time.perf_counter() - t0)
            assert report.ok, (report.failed, report.refused)
    return {"first_s": times[0], "warm_s": times[1:]}


def child_queries(store_dir: str, runs: int) -> dict[str, Any]:
    """The named queries timed on the store, then its snapshot published (for the routes)."""
    from graph_api.snapshots import publish_store
    from graph_api.store import open_store

    store = open_store(store_dir)
    out = time_queries(store, runs)
    publish_store(store)  # the snapshot the service reads (made here: the store is open)
    return out


def run_child(kind: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([PY, __file__, f"--child={kind}", *args], capture_output=True,
                         text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- queries, pages and routes on a store -----------------------------------------------------


def first_plan(store: Any) -> str:
    """The IRI of plan 0 of the generator."""
    return store.query(
        "SELECT ?p WHERE { ?p <https://cancu.dev/ontology#sourceFile> ?f FILTER(STR(?f) = STR(?s)) "
        "?p a <https://cancu.dev/ontology#Plan> }", {"s": plangen.plan(0)[0]}).rows[0]["p"]


def query_params(store: Any) -> dict[str, dict[str, Any]]:
    """Parameters for every named query, taken from the store: the province of the first plan,
    its Sở Nội vụ and Văn phòng UBND, the first plan, Luật 36/2018/QH14 and its Điều 10."""
    from graph_api.queries import list_queries

    first = plangen.plan(0)[0]
    juris = plangen.slug(plangen.places()[0][1])
    plan_iri = first_plan(store)
    body = f"https://cancu.dev/id/body/{juris}/so-noi-vu"
    law = "https://cancu.dev/id/doc/luat/36-2018-qh14"
    values = {
        "body": body, "of": body, "jurisdiction": juris, "plan": plan_iri, "document": law,
        "article": f"{law}/dieu-10", "doc": law, "node": plan_iri, "role": "lead",
        "from": "2023-10-01", "to": "2023-12-31", "due_after": "2023-10-01",
        "due_before": "2023-12-31", "due_from": "2023-10-01", "due_to": "2023-12-31",
        "year": "2023", "years": "(^|[^0-9])(2023)([^0-9]|$)", "file": first,
    }
    strings = {"document": "36/2018/QH14", "article": "10", "plan": first,
               "body": f"{juris}/so-noi-vu"}
    out = {}
    for q in list_queries():
        params = {}
        for p in q.params:
            if not p.required and not (q.name in ("api_tasks", "search_tasks")
                                       and p.name in ("body", "role")):
                continue
            params[p.name] = (values if p.type != "string" else {**values, **strings}).get(p.name)
        if q.name == "source_span":
            params["node"] = f"{plan_iri.replace('/doc/', '/task/')}"
        out[q.name] = {k: v for k, v in params.items() if v is not None}
    out["tasks_by_article"] = {"document": "36/2018/QH14", "article": "10"}
    return out


PAGE = 20  # rows of a page as the service reads it (its lists show 20 to 50)


def served_params(store: Any, params: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each named query's parameters as the service asks it, where they differ from its
    required ones alone: a page of an answer read a page at a time (``limit``), the tasks of a
    page for the look-ups a page of tasks makes, one plan for what the service reads of one plan
    (its network, its bases)."""
    from graph_api.queries import get, run_with

    first = params["body_duties"]
    page = run_with(store, "body_duties", {**first, "limit": PAGE}, timeout=QUERY_LIMIT_S)
    tasks = tuple(dict.fromkeys(str(r["task"]) for r in page.rows))[:PAGE]
    out = {}
    for name, given in params.items():
        q = get(name)
        served = dict(given)
        if q.param("limit") is not None:
            served["limit"] = PAGE
        if q.param("task") is not None and not given and tasks:  # a look-up of a page's tasks
            served["task"] = tasks
        plan = q.param("plan")
        if (not given and plan is not None and plan.type == "iri" and q.param("limit") is None
                and q.param("task") is None):  # a plan's network, bases ...: one plan's
            served["plan"] = first_plan(store)
        if served != given:
            out[name] = served
    return out


def _time(store: Any, name: str, params: dict[str, Any], runs: int) -> dict[str, Any]:
    from graph_api.queries import run_with
    from graph_api.store import QueryTimeout

    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            res = run_with(store, name, params, timeout=QUERY_LIMIT_S)
        except QueryTimeout:
            times.append(QUERY_LIMIT_S * 1000)
            rows = "timeout"
            break  # the engine cannot be stopped: one such run is enough
        times.append((time.perf_counter() - t0) * 1000)
        rows = len(res) if hasattr(res, "__len__") else 1
        if times[-1] > 5_000:
            break  # a figure this far off needs no 30 runs
    return {**summary(times), "rows": rows}


def time_queries(store: Any, runs: int) -> dict[str, dict[str, Any]]:
    """Every named query as the service asks it (the figure held to the targets) and, where
    that is a page or a part, also its whole answer with its required parameters alone (what
    an export or ``cancu ask`` without ``limit`` reads), under ``whole``."""
    from graph_api.queries import list_queries

    params = query_params(store)
    served = served_params(store, params)
    out = {}
    for q in list_queries():
        out[q.name] = _time(store, q.name, served.get(q.name, params[q.name]), runs)
        if q.name in served:
            out[q.name]["whole"] = _time(store, q.name, params[q.name], runs)
            out[q.name]["as"] = sorted(set(served[q.name]) - set(params[q.name]))
    return out


def routes(store: Any) -> list[str]:
    juris = plangen.slug(plangen.places()[0][1])
    pid = first_plan(store).removeprefix("https://cancu.dev/id/plan/")
    return [
        "/", "/search?q=thanh%20tra%20tinh", "/bodies", f"/bodies/{juris}/so-noi-vu", "/plans",
        f"/plans/{pid}", "/documents", "/documents/luat/36-2018-qh14",
        "/articles/luat/36-2018-qh14/dieu-10", "/due?from=2023-10-01&within=90", "/graph",
        f"/graph?body={juris}/so-noi-vu", "/api/tasks?limit=50",
        f"/api/tasks?body={juris}/so-noi-vu&limit=50", "/api/bodies?limit=50",
        f"/api/bodies/{juris}/so-noi-vu", "/api/plans?limit=50", f"/api/plans/{pid}",
        "/api/documents?limit=50", "/api/documents/luat/36-2018-qh14",
        "/api/articles/luat/36-2018-qh14/dieu-10",
        "/sparql?query=SELECT%20%3Fp%20WHERE%20%7B%3Fp%20a%20%3Chttps%3A%2F%2Fcancu.dev%2Fontology%23Plan%3E%7D%20LIMIT%2010",
    ]


def time_routes(store_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    """Each page and route as the service answers it (its snapshot, its query workers), with
    its answer cache off so that every request does its work."""
    from graph_api.app import create_app
    from graph_api.served_store import Answers, ServedStore

    store = ServedStore(store_dir, timeout=QUERY_LIMIT_S)
    store.answers = Answers(size=0)
    client = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()
    out = {}
    try:
        for url in routes(store):
            times, status, size = [], None, 0
            for _ in range(runs):
                t0 = time.perf_counter()
                resp = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                status, size = resp.status_code, len(resp.data)
                if times[-1] > 5_000:
                    break
            out[url] = {**summary(times), "status": status, "bytes": size}
    finally:
        store.close()
    return out


# --- one size, and the report -----------------------------------------------------------------


def commit() -> str:
    """The code measured: its commit, marked ``+dirty`` when the worktree has changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
    return (git("rev-parse", "--short", "HEAD") or "unknown") + (
        "+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def bench_size(n: int, runs: int, keep: bool, extract_alone: bool = True) -> dict[str, Any]:
    res: dict[str, Any] = {"plans": n, "load_before": os.getloadavg()[0],
                           "yardstick_ms_per_kb": yardstick(), "commit": commit()}
    plans = WORK / f"plans-{n}"
    t0 = time.perf_counter()
    plangen.write(n, plans)
    res["generate_s"] = time.perf_counter() - t0
    store = WORK / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    res["extract"] = (run_child("extract", str(plans), str(WORK / f"records-{n}.jsonl"))
                      if extract_alone else None)
    res["ingest"] = run_child("ingest", str(store), str(plans), str(LAWS))
    res["store_mb"] = du_mb(store)
    # in a child: a query past its time limit goes on in its thread, holding the store (and its
    # lock) until the process ends, and adding plans opens the store again
    res["queries"] = run_child("queries", str(store), str(runs))
    (WORK / f"results-{n}.json").write_text(json.dumps(res, indent=1, default=str))
    res["routes"] = time_routes(store, max(5, runs // 3))
    res["load_after"] = os.getloadavg()[0]
    (WORK / f"results-{n}.json").write_text(json.dumps(res, indent=1, default=str))
    if not keep:
        (WORK / f"records-{n}.jsonl").unlink(missing_ok=True)
    return res


def requery_size(n: int, runs: int) -> dict[str, Any]:
    """The queries, pages and routes of a kept store of ``n`` plans timed again with this
    code, its ingest figures kept as they were: a change to the queries is measured at 10,000
    plans without the hour and a half of ingesting them again. The result says which commit
    ingested (``commit``) and which queried (``queries_commit``)."""
    res = json.loads((WORK / f"results-{n}.json").read_text())
    res.setdefault("commit", "unknown")
    res["queries_commit"] = commit()
    res["load_before"] = os.getloadavg()[0]
    res["yardstick_ms_per_kb"] = yardstick()
    store = WORK / f"store-{n}"
    res["queries"] = run_child("queries", str(store), str(runs))
    res["routes"] = time_routes(store, max(5, runs // 3))
    res["load_after"] = os.getloadavg()[0]
    (WORK / f"results-{n}.json").write_text(json.dumps(res, indent=1, default=str))
    return res


def add_one(n: int) -> dict[str, Any]:
    """Adding new plans (numbers n, n+1, ..., after those an earlier run added) to the store
    of n plans: plans it holds already would be found unchanged, not added."""
    folder = WORK / f"extra-{n}"
    done = len(list(folder.glob("*.txt"))) if folder.exists() else 0
    extra = plangen.write(6, folder, start=n + done)
    store = WORK / f"store-{n}"
    res = run_child("add", str(store), *map(str, extra[:5]))
    from bench.add_one_bench import timed  # the command, with the CPU of all it starts

    cmd = timed(ROOT, extra[5], store, None)
    res["command_s"], res["command_cpu_s"], res["command_ok"] = cmd["wall"], cmd["cpu"], cmd["ok"]
    return res


def exponent(a: float, b: float, na: int, nb: int) -> float:
    return math.log(max(b, 1e-9) / max(a, 1e-9)) / math.log(nb / na)


def report(results: list[dict[str, Any]], added: dict[str, Any] | None) -> None:
    print(f"\n== scale benchmark, {os.cpu_count()} cores ==")
    for r in results:
        ing, ext = r["ingest"], r.get("extract")
        code = r.get("commit", "unknown")
        if r.get("queries_commit", code) != code:
            code = f"ingested by {code}, queried by {r['queries_commit']}"
        print(f"\n-- {r['plans']} plans (load {r['load_before']:.1f} -> {r['load_after']:.1f}; "
              f"yardstick {r['yardstick_ms_per_kb']:.3f} ms/KB; code {code})")
        if ext:
            print(f"  extraction alone   {ext['seconds']:8.1f} s  peak {ext['peak_mb']:7.0f} MB")
        else:
            print("  extraction alone   not timed in this run (--no-extract-alone)")
        print(f"  ingest (all)       {ing['seconds']:8.1f} s  peak {ing['peak_mb']:7.0f} MB  "
              f"stored {ing['stored']} refused {ing['refused']} failed {ing['failed']}  "
              f"{ing['quads']:,} quads ({ing['inferred'] or 0:,} inferred)  "
              f"store {r['store_mb']:.0f} MB")
        print(f"    (peak of all processes; main {ing['main_mb']:.0f} MB, largest worker "
              f"{ing['worker_mb']:.0f} MB; stages: CPU s over the workers, peak in its process)")
        for step, secs in sorted(ing["stages"].items(), key=lambda kv: -kv[1]):
            print(f"    {step:<22} {secs:8.1f} s  peak {ing['stage_peak_mb'].get(step, 0):7.0f} MB")
        print("  named queries, as served           p50      p95      p99 ms   rows"
              "   | whole answer   p50      p99 ms   rows  (served with)")
        for name, q in r["queries"].items():
            whole = q.get("whole")
            more = (f"   |              {whole['p50']:8.1f} {whole['p99']:8.1f}  "
                    f"{whole['rows']:>6}  ({', '.join(q['as'])})" if whole else "")
            print(f"    {name:<28} {q['p50']:8.1f} {q['p95']:8.1f} {q['p99']:8.1f}  {q['rows']:>6}"
                  + more)
        print("  pages and API routes                                     p50      p95      p99 ms")
        for url, q in r["routes"].items():
            print(f"    {url[:52]:<52} {q['p50']:8.1f} {q['p95']:8.1f} {q['p99']:8.1f}  "
                  f"{q['status']}")
    for a, b in itertools.pairwise(results):
        na, nb = a["plans"], b["plans"]
        print(f"\n-- growth exponent {na} -> {nb} (1 = linear in N, 0 = flat)")
        ia, ib = a["ingest"], b["ingest"]
        print(f"  ingest time {exponent(ia['seconds'], ib['seconds'], na, nb):.2f}"
              f"  peak memory {exponent(ia['peak_mb'], ib['peak_mb'], na, nb):.2f}"
              f"  store size {exponent(a['store_mb'], b['store_mb'], na, nb):.2f}")
        worst = sorted(((exponent(a["queries"][k]["p50"], b["queries"][k]["p50"], na, nb), k)
                        for k in a["queries"]), reverse=True)
        print("  queries (p50): " + ", ".join(f"{k} {e:.2f}" for e, k in worst))
        worst = sorted(((exponent(a["routes"][k]["p50"], b["routes"][k]["p50"], na, nb), k)
                        for k in a["routes"]), reverse=True)
        print("  routes (p50): " + ", ".join(f"{k.split('?')[0]} {e:.2f}" for e, k in worst[:8]))
    last = results[-1]
    n = last["plans"]
    prev = results[-2] if len(results) > 1 else None
    goal = 10_000
    project = n < goal and prev is not None
    print(f"\n-- targets (issue 13.5) at {n:,} plans"
          + (f"; each projected to {goal:,} plans with its growth exponent "
             f"{prev['plans']:,} -> {n:,} (never below 0)" if project else ""))

    def grow(key: Any) -> float:
        """The factor from n to 10,000 plans for a figure read by ``key`` from a size."""
        if not project:
            return 1.0
        e = max(0.0, exponent(key(prev), key(last), prev["plans"], n))
        return (goal / n) ** e

    def line(what: str, got: float, target: float, unit: str, factor: float = 1.0) -> None:
        at = got * factor
        verdict = "met" if at <= target else f"NOT met: {at / target:.1f}x the target"
        where = f" -> {at:10.1f} at {goal:,}" if project and factor != 1.0 else ""
        print(f"  {what:<44} {got:10.1f} {unit:<3}{where}  target < {target:g} {unit}: "
              f"{verdict}")

    line("ingest, reasoned and validated", last["ingest"]["seconds"], TARGETS["ingest_s"], "s",
         grow(lambda r: r["ingest"]["seconds"]))
    line("ingest peak memory (all processes)", last["ingest"]["peak_mb"],
         TARGETS["ingest_peak_mb"], "MB", grow(lambda r: r["ingest"]["peak_mb"]))
    if added:
        warm = statistics.median(added["warm_s"])
        line(f"adding one plan to {n:,} (warm process)", warm, TARGETS["add_one_s"], "s")
        line(f"adding one plan to {n:,} (cancu ingest)", added["command_s"],
             TARGETS["add_one_s"], "s")
        if "command_cpu_s" in added:
            print(f"    (its CPU-s, the processes it started included: "
                  f"{added['command_cpu_s']:.1f})")
    over = []
    for name, q in last["queries"].items():
        factor = grow(lambda r, k=name: r["queries"][k]["p99"])
        limit = TARGETS["duties_p99_ms" if name in ONE_BODY_OR_ARTICLE else "query_p99_ms"]
        if q["p99"] * factor > limit:
            over.append((q["p99"] * factor / limit, name))
    total = len(last["queries"])
    print(f"  named queries p99 within target, as served{' (projected)' if project else ''}: "
          f"{total - len(over)} of {total}; over: "
          + (", ".join(f"{k} {x:.1f}x" for x, k in sorted(over, reverse=True)) or "none"))
    wholes = {k: q["whole"] for k, q in last["queries"].items() if "whole" in q}
    if wholes:
        slow = sorted(((q["p99"] / TARGETS["query_p99_ms"], k) for k, q in wholes.items()
                       if q["p99"] > TARGETS["query_p99_ms"]), reverse=True)
        print(f"  their whole answers (exports; not served a page at a time) within "
              f"{TARGETS['query_p99_ms']} ms: {len(wholes) - len(slow)} of {len(wholes)}; over: "
              + (", ".join(f"{k} {x:.1f}x" for x, k in slow) or "none"))
    for name in ONE_BODY_OR_ARTICLE:
        line(f"{name} p99", last["queries"][name]["p99"], TARGETS["duties_p99_ms"], "ms",
             grow(lambda r, k=name: r["queries"][k]["p99"]))
    body_url = next(k for k in last["routes"] if k.startswith("/bodies/"))
    line("body page p99", last["routes"][body_url]["p99"], TARGETS["body_page_ms"], "ms",
         grow(lambda r: r["routes"][body_url]["p99"]))
    for url in ("/graph", next(k for k in last["routes"] if k.startswith("/graph?"))):
        sizes = ", ".join(f"{r['plans']:,}: {r['routes'][url]['bytes']:,} bytes "
                          f"{r['routes'][url]['p50']:.0f} ms" for r in results)
        print(f"  {url} (p50) {sizes}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("SIZES", "100,1000,10000"))
    ap.add_argument("--runs", type=int, default=30, help="runs of each named query")
    ap.add_argument("--keep", action="store_true", help="keep the stores and records")
    ap.add_argument("--report-only", action="store_true",
                    help="report the sizes' saved results; time adding plans again")
    ap.add_argument("--requery", action="store_true",
                    help="time the queries and pages of the sizes' kept stores again (their "
                         "ingest figures as saved), then add plans to the largest")
    ap.add_argument("--no-extract-alone", action="store_true",
                    help="skip timing extraction on its own (a quarter hour at 10,000 plans); "
                         "the ingest still times each of its stages")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        work = {"extract": lambda: child_extract(Path(a.args[0]), Path(a.args[1])),
                "ingest": lambda: child_ingest(a.args[0], a.args[1:]),
                "add": lambda: child_add_one(a.args[0], a.args[1:]),
                "queries": lambda: child_queries(a.args[0], int(a.args[1]))}[a.child]
        print(json.dumps(work()), flush=True)
        os._exit(0)  # not waiting for a query still running past its time limit
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    results = []
    if a.report_only or a.requery:  # an earlier run's stores; adding plans to the largest
        results = [requery_size(n, a.runs) if a.requery
                   else json.loads((WORK / f"results-{n}.json").read_text()) for n in sizes]
        added = add_one(sizes[-1])
        report(results, added)
        return 0
    for n in sizes:
        results.append(bench_size(n, a.runs, a.keep, not a.no_extract_alone))
        print(f"{n} plans done: ingest {results[-1]['ingest']['seconds']:.1f} s", flush=True)
    added = add_one(sizes[-1])
    (WORK / "results.json").write_text(json.dumps({"results": results, "add_one": added},
                                                  indent=1, default=str))
    report(results, added)
    if not a.keep:
        for n in sizes[:-1]:
            shutil.rmtree(WORK / f"store-{n}", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
