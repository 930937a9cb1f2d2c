"""Load figures for the web service (a script, not a test).

Starts the app under waitress on a free 127.0.0.1 port over a store built from the bundled
plans and laws in a temporary folder and opened read-only, as ``cancu serve`` does (or
``--store DIR``), then runs N client threads against the main
endpoints and prints requests/s and p50/p95/p99 latency per endpoint::

    .venv/bin/python bench/load.py --clients 8 --requests 200
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ENDPOINTS = [
    "/api/tasks?limit=50",
    "/api/tasks?q=thanh%20tra%20tinh",
    "/api/bodies/{body}",  # the body with most duties, looked up when the server is up
    "/api/documents/luat/36-2018-qh14",
    "/plans/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026",
    "/sparql?query=SELECT%20%3Fp%20WHERE%20%7B%3Fp%20a%20%3Chttps%3A%2F%2Fcancu.dev%2Fontology%23Plan%3E%7D",
    "/graph",
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8, help="concurrent client threads (1-64)")
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint")
    ap.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    ap.add_argument("--store", default=None, help="store directory (default: build in memory)")
    args = ap.parse_args()
    clients = max(1, min(64, args.clients))

    from waitress import create_server

    # a queue deeper than the workers is what a load test is for, not news
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    from graph_api.app import create_app
    from graph_api.store import open_store

    location = args.store
    if not location:  # build one on disk, then serve it as `cancu serve` does (read-only)
        from cancu.paths import LAWS, PLANS
        from graph_api.pipeline import ingest_paths

        location = tempfile.mkdtemp(prefix="cancu-load-")
        store = open_store(Path(location) / "store")
        t0 = time.perf_counter()
        ingest_paths(store, [PLANS, LAWS], reasoner="reasonable", progress=False)
        store.close()
        location = str(Path(location) / "store")
        print(f"built the sample store in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    app = create_app({"CANCU_STORE": location})
    server = create_server(app, host="127.0.0.1", port=0, threads=args.threads)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"

    def hit(url: str) -> float:
        t = time.perf_counter()
        with urllib.request.urlopen(base + url, timeout=60) as resp:
            resp.read()
            if resp.status != 200:
                raise RuntimeError(f"{url}: HTTP {resp.status}")
        return time.perf_counter() - t

    with urllib.request.urlopen(base + "/api/bodies?limit=1000", timeout=60) as resp:
        listed = json.load(resp)["items"]
    body = max(listed, key=lambda b: b["tasks"])["id"]

    print(f"{clients} clients, {args.requests} requests per endpoint, waitress "
          f"{args.threads} threads\n")  # fmt: skip
    print(f"{'endpoint':60} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    try:
        for url in (u.format(body=body) for u in ENDPOINTS):
            hit(url)  # warm up
            with ThreadPoolExecutor(max_workers=clients) as pool:
                t0 = time.perf_counter()
                times = list(pool.map(hit, [url] * args.requests))
                wall = time.perf_counter() - t0
            print(f"{url[:60]:60} {len(times) / wall:7.1f} {pct(times, 50) * 1e3:8.1f} "
                  f"{pct(times, 95) * 1e3:8.1f} {pct(times, 99) * 1e3:8.1f}")  # fmt: skip
            sys.stdout.flush()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
