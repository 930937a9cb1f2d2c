"""Shared by the web tests: the four sample plans and the laws, ingested once per process.

(A helper module rather than a conftest fixture, so the web tests need no shared file; the
build is cached, so every test module gets the same in-memory store.)
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from flask import Flask

from cancu.paths import LAWS, PLANS
from graph_api.pipeline import ingest_paths
from graph_api.store import Store, open_store


@contextmanager
def recorded_queries(store: Store) -> Iterator[list[tuple[str, set[str]]]]:
    """While open, every query the store answers as (its ``# title:``, the parameters bound:
    passed, or in its text as a paged query binds them, a VALUES block); the store as it was
    after."""
    asked: list[tuple[str, set[str]]] = []
    query, before = store.query, vars(store).get("query")

    def recording(sparql: str, bindings: dict | None = None, *args: Any, **kw: Any) -> Any:
        title = next((line[len("# title: "):] for line in sparql.splitlines()
                      if line.startswith("# title: ")), "")
        inline = {v for block in re.findall(r"VALUES \(([^)]*)\)", sparql)
                  for v in re.findall(r"\?(\w+)", block)}
        inline |= set(re.findall(r"VALUES \?(\w+)", sparql))  # a page's rows, given
        asked.append((title, inline | {k for k, v in (bindings or {}).items() if v is not None}))
        return query(sparql, bindings, *args, **kw)

    store.query = recording  # type: ignore[method-assign]
    try:
        yield asked
    finally:
        if before is None:
            del store.query  # the class's method again
        else:
            store.query = before  # type: ignore[method-assign]


@cache
def sample_store() -> Store:
    store = open_store(":memory:")
    report = ingest_paths(store, [PLANS, LAWS], reasoner="reasonable", progress=False)
    assert report.ok, (report.failed, report.refused)
    return store


def plan_id(source: str) -> str:
    """The URL id of a sample plan (its identity key, not its file name) by its file name."""
    from graph_api.blueprints.data import plans

    return next(p["id"] for p in plans(sample_store()) if p["source"] == source)


def make_app(**config: Any) -> Flask:
    from graph_api.app import create_app

    return create_app({"CANCU_STORE_OBJECT": sample_store(), "TESTING": True, **config})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """Serve ``app`` with waitress on a free local port in a thread; yields the base URL."""
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=free_port(), threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # closed by the server's own loop thread (woken by its trigger): closed from here, its
        # socket could vanish under the loop's select() (EBADF in that thread)
        server.trigger.pull_trigger(server.close)
        thread.join(5)
        server.task_dispatcher.shutdown()


def test_a_read_only_store_answers_repeated_requests_from_its_cache(tmp_path, monkeypatch):
    from graph_api import queries
    from graph_api.app import create_app
    from graph_api.served_store import ServedStore

    store = open_store(tmp_path / "store")
    ingest_paths(store, [sorted(PLANS.glob("*.txt"))[0]], reasoner="reasonable", progress=False)
    store.close()
    app = create_app({"CANCU_STORE": str(tmp_path / "store"), "TESTING": True})
    served_store = app.extensions["cancu_store"]
    assert isinstance(served_store, ServedStore)
    client = app.test_client()
    first = client.get("/api/tasks?limit=5").get_json()
    calls = []
    real = queries.run_with
    monkeypatch.setattr("graph_api.blueprints.data.run_with",
                        lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    again = client.get("/api/tasks?limit=5").get_json()
    assert again == first and first["total"] > 0
    assert calls == []  # every answer came from the cache
    served_store.close()
