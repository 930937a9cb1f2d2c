"""Load and soak of the web service under hostile traffic (a script, not a test; issue 14.10).

Starts ``cancu serve`` as its own process on a free 127.0.0.1 port over a store of the bundled
plans and laws (built in a temporary folder, or ``--store DIR``), then runs N client threads
for S seconds over a mix of routes — pages, the REST API, CSV, ``/sparql`` — with hostile
requests among them: the issue's injection reproducer, cross joins, ``SERVICE`` calls (to this
server itself), request bodies over the cap, injection strings and path tricks. It prints the
requests made, the answers by status code and the connection errors by kind, p50/p99 latency,
and the resident memory of the server and its query workers before and after::

    .venv/bin/python bench/soak.py --clients 16 --seconds 60

It exits 1 when a check fails: any 5xx, any connection error, a request answered otherwise
than its kind expects (a hostile one with a 200, a plain one with an error), or memory after
the soak more than 20 % above the figure before it (taken after one warm-up pass over every
route, so the workers' first-use caches are counted before, not as growth).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ONT = "https://cancu.dev/ontology#"
# issue 14's reproducer: a body id that closes the IRI and opens a cross join
REPRODUCER = ("tay-ninh/thanh-tra-tinh> ?p ?o . ?a ?b ?c . ?d ?e ?f "
              "FILTER(STRLEN(CONCAT(STR(?c),STR(?f)))<0) } #")  # fmt: skip
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
INJECTIONS = ['" } UNION { ?s ?p ?o } #', "x> ?p ?o } ; ASK { ?s ?p ?o", "') } ; DROP ALL ; #",
              "<!--<script>alert(1)</script>", "../../../../etc/passwd", "a" * 5000]
BIG_BODY = 3 * 1024 * 1024  # over the default cap of 2 MB (CANCU_MAX_BODY)
MEMORY_SLACK = 0.20


@dataclass(slots=True)
class Req:
    """One request of the mix: what it is called in the figures, and what answers it may get."""

    name: str
    method: str
    path: str
    ok: tuple[int, ...]  # the statuses this request should get
    hostile: bool = False
    empty: bool = False  # a 200 must list nothing (an injected pattern matched no data)
    weight: int = 1
    data: bytes | dict[str, str] | None = None
    headers: dict[str, str] | None = None


def q(sparql: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": sparql})


def mix(ids: dict[str, str], port: int) -> list[Req]:
    """The routes of the soak, each with its weight; about one request in five is hostile."""
    body, plan, doc = ids["body"], ids["plan"], ids["document"]
    small = f"SELECT ?p WHERE {{ ?p a <{ONT}Plan> }}"
    service = (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> "
               "{ ?s ?p ?o } }")  # fmt: skip
    inj = urllib.parse.quote
    return [
        # pages
        Req("page /", "GET", "/", (200,)),
        Req("page /search", "GET", "/search?q=thanh+tra+tinh", (200,), weight=2),
        Req("page /bodies", "GET", f"/bodies/{body}", (200,), weight=2),
        Req("page /plans", "GET", f"/plans/{plan}", (200,), weight=2),
        Req("page /documents", "GET", f"/documents/{doc}", (200,)),
        Req("page /due", "GET", "/due", (200,)),
        Req("page /graph", "GET", "/graph", (200,)),
        # REST API, JSON and CSV
        Req("api tasks", "GET", "/api/tasks?limit=50", (200,), weight=3),
        Req("api tasks q", "GET", "/api/tasks?q=thanh%20tra%20tinh", (200,), weight=2),
        Req("api bodies", "GET", "/api/bodies?limit=100", (200,)),
        Req("api body", "GET", f"/api/bodies/{body}", (200,), weight=2),
        Req("api plans", "GET", "/api/plans", (200,)),
        Req("api document", "GET", f"/api/documents/{doc}", (200,)),
        Req("csv tasks", "GET", "/api/tasks?format=csv&limit=200", (200,), weight=2),
        Req("csv duties", "GET", f"/api/bodies/{body}/duties?format=csv", (200,), weight=2),
        # SPARQL protocol
        Req("sparql select", "GET", q(small), (200,), weight=3,
            headers={"Accept": "application/sparql-results+json"}),
        Req("sparql csv", "POST", "/sparql", (200,), weight=2, data={"query": small},
            headers={"Accept": "text/csv"}),
        Req("sparql construct", "GET",
            q(f"CONSTRUCT {{ ?p a <{ONT}Plan> }} WHERE {{ ?p a <{ONT}Plan> }}"), (200,),
            headers={"Accept": "text/turtle"}),
        # hostile
        Req("hostile reproducer", "GET", "/api/tasks?body=" + inj(REPRODUCER),
            (200, 400, 404), hostile=True, weight=2, empty=True),
        *(Req("hostile injection", "GET", f"/api/tasks?body={inj(s)}&document={inj(s)}",
              (200, 400, 404), hostile=True, empty=True) for s in INJECTIONS),
        Req("hostile path", "GET", "/plans/..%2f..%2f..%2fetc%2fpasswd", (400, 404),
            hostile=True),
        Req("hostile due", "GET", "/due?within=3660&from=9999-12-31", (200, 400), hostile=True),
        Req("hostile cross join", "GET", q(CROSS_JOIN), (400,), hostile=True),
        Req("hostile service", "POST", "/sparql", (400,), hostile=True,
            data={"query": service}),
        Req("hostile update", "POST", "/sparql", (400, 403), hostile=True,
            data={"update": "DROP ALL"}),
        Req("hostile big body", "POST", "/sparql", (413,), hostile=True,
            data=b"SELECT * WHERE { ?s ?p ?o } # " + b"x" * BIG_BODY,
            headers={"Content-Type": "application/sparql-query"}),
    ]


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(folder: Path) -> Path:
    """The bundled plans and laws, ingested and published as ``cancu ingest`` does."""
    from cancu.paths import LAWS, PLANS
    from graph_api import snapshots
    from graph_api.pipeline import ingest_paths
    from graph_api.store import open_store

    path = folder / "store"
    store = open_store(path)
    report = ingest_paths(store, [PLANS, LAWS], reasoner="reasonable", progress=False)
    assert report.ok, report.failed or report.refused
    snapshots.publish_store(store)
    store.close()
    return path


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (the server and its query workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def rss(pid: int) -> tuple[int, int]:
    """Resident bytes of ``pid`` and its descendants, and how many processes that is."""
    total = n = 0
    for p in descendants(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    n += 1
        except OSError:
            continue
    return total, n


def start_server(store: Path, port: int, threads: int | None) -> subprocess.Popen[str]:
    extra = ["--threads", str(threads)] if threads else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "cancu.cli", "serve", "--store", str(store), "--port", str(port),
         *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "serving on" not in line:
        proc.kill()
        raise SystemExit(f"the server did not start: {line}{proc.stdout.read()}")
    # keep draining its log, so a chatty server never blocks on a full pipe
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
    return proc


def sample_ids(base: str) -> dict[str, str]:
    bodies = requests.get(f"{base}/api/bodies?limit=1000", timeout=60).json()["items"]
    plans = requests.get(f"{base}/api/plans", timeout=60).json()["items"]
    return {"body": max(bodies, key=lambda b: b["tasks"])["id"],
            "plan": max(plans, key=lambda p: p.get("tasks", 0))["id"],
            "document": "luat/36-2018-qh14"}


# --- the clients -----------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    lock: threading.Lock
    statuses: Counter[tuple[str, int]]  # (plain|hostile, status)
    failures: Counter[str]  # connection errors and the like, by kind
    unexpected: Counter[str]  # route: status not among those it should get
    times: dict[str, list[float]]  # plain|hostile -> seconds
    routes: dict[str, list[float]]  # route -> seconds

    def add(self, req: Req, status: int | None, seconds: float, error: str | None) -> None:
        kind = "hostile" if req.hostile else "plain"
        with self.lock:
            if error is not None:
                self.failures[f"{error} ({req.name})"] += 1
                return
            assert status is not None
            self.statuses[(kind, status)] += 1
            self.times[kind].append(seconds)
            self.routes.setdefault(req.name, []).append(seconds)
            if status not in req.ok:
                self.unexpected[f"{req.name}: {status}"] += 1


def send(session: requests.Session, base: str, req: Req, timeout: float
         ) -> tuple[int | None, str | None]:
    """The status of ``req``'s answer (``-200`` for a 200 that lists what it should not), or
    the kind of error that left it without one."""
    try:
        resp = session.request(req.method, base + req.path, data=req.data, headers=req.headers,
                               timeout=timeout)  # fmt: skip
        resp.content  # noqa: B018 - read the whole answer
    except requests.exceptions.RequestException as exc:
        return None, type(exc).__name__
    if req.empty and resp.status_code == 200 and resp.json().get("items"):
        return -200, None
    return resp.status_code, None


def client(base: str, reqs: list[Req], until: float, seed: int, tally: Tally,
           timeout: float) -> None:
    rnd = random.Random(seed)
    weights = [r.weight for r in reqs]
    with requests.Session() as session:
        while time.monotonic() < until:
            req = rnd.choices(reqs, weights)[0]
            t0 = time.perf_counter()
            status, error = send(session, base, req, timeout)
            tally.add(req, status, time.perf_counter() - t0, error)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=16, help="concurrent clients (1-64)")
    ap.add_argument("--seconds", type=float, default=60, help="length of the soak")
    ap.add_argument("--threads", type=int, default=None,
                    help="waitress worker threads (default: cancu serve's)")
    ap.add_argument("--store", default=None, help="store directory (default: build one)")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    clients = max(1, min(64, args.clients))

    tmp = tempfile.TemporaryDirectory(prefix="cancu-soak-")
    store = Path(args.store) if args.store else None
    if store is None:
        t0 = time.perf_counter()
        store = build_store(Path(tmp.name))
        print(f"built the sample store in {time.perf_counter() - t0:.1f} s")
    port = free_port()
    server = start_server(store, port, args.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        ids = sample_ids(base)
        reqs = mix(ids, port)
        with requests.Session() as s:  # warm-up: every route once
            for r in reqs:
                send(s, base, r, 60)
        time.sleep(2)  # workers killed by the warm-up's hostile queries are back
        before, nbefore = rss(server.pid)
        tally = Tally(threading.Lock(), Counter(), Counter(), Counter(),
                      {"plain": [], "hostile": []}, {})
        print(f"{clients} clients for {args.seconds:g} s over {len(reqs)} routes "
              f"({sum(r.hostile for r in reqs)} hostile), waitress threads "
              f"{args.threads or 'default'}, "
              f"server pid {server.pid}")
        t0 = time.monotonic()
        until = t0 + args.seconds
        threads = [threading.Thread(target=client, args=(base, reqs, until, args.seed + i,
                                                         tally, 60))
                   for i in range(clients)]  # fmt: skip
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
        time.sleep(2)  # as before: workers stopped at the end are back
        after, nafter = rss(server.pid)
        alive = server.poll() is None
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        tmp.cleanup()

    answered = sum(tally.statuses.values())
    failed = sum(tally.failures.values())
    print(f"requests: {answered + failed} in {wall:.1f} s ({(answered + failed) / wall:.1f}/s), "
          f"{sum(n for (k, _), n in tally.statuses.items() if k == 'hostile')} of them hostile")
    for kind in ("plain", "hostile"):
        codes = ", ".join(f"{s}: {n}" for (k, s), n in sorted(tally.statuses.items())
                          if k == kind)  # fmt: skip
        times = tally.times[kind]
        print(f"  {kind:8} status {codes or '-'};  p50 {pct(times, 50) * 1e3:.0f} ms, "
              f"p99 {pct(times, 99) * 1e3:.0f} ms")
    print("slowest routes (p99):")
    slow = sorted(tally.routes.items(), key=lambda kv: -pct(kv[1], 99))[:8]
    for name, times in slow:
        print(f"  {name:22} {len(times):5} requests, p50 {pct(times, 50) * 1e3:6.0f} ms, "
              f"p99 {pct(times, 99) * 1e3:6.0f} ms")
    everything = tally.times["plain"] + tally.times["hostile"]
    print(f"latency: p50 {pct(everything, 50) * 1e3:.0f} ms, "
          f"p99 {pct(everything, 99) * 1e3:.0f} ms")
    print(f"connection errors: {failed}"
          + "".join(f"\n  {k}: {n}" for k, n in tally.failures.most_common()))
    fives = sum(n for (_, s), n in tally.statuses.items() if s >= 500)
    print(f"5xx: {fives}")
    wrong = sum(tally.unexpected.values())
    print(f"answers other than expected: {wrong}"
          + "".join(f"\n  {k}: {n}" for k, n in tally.unexpected.most_common(10)))
    growth = (after - before) / before if before else float("inf")
    print(f"server memory (RSS, server + query workers): before {mb(before)} ({nbefore} "
          f"processes), after {mb(after)} ({nafter} processes): {growth:+.0%}")
    checks = {
        "zero 5xx": fives == 0,
        "zero connection errors": failed == 0,
        "every answer as expected": wrong == 0,
        f"memory after within {MEMORY_SLACK:.0%} of before": growth <= MEMORY_SLACK,
        "server still running": alive,
    }
    for name, ok in checks.items():
        print(f"check {name}: {'ok' if ok else 'FAILED'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
