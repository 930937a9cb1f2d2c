"""An on-disk store as the web service reads it: snapshots, worker processes, limits, a cache.

* Reads the store's current snapshot (:mod:`graph_api.snapshots`), and moves to a newer one as
  soon as an ingest publishes it (checked before each request: :meth:`refresh`).
* Runs every query in a worker process killed at its deadline (:mod:`graph_api.querypool`):
  named queries (pages, API) in one pool, the public ``/sparql`` endpoint's queries in another,
  so costly queries sent to the endpoint never hold up the pages.
* Caps every named query: time (``timeout``, and the request's own deadline) and rows
  (``rows``: an answer with more is refused rather than cut, as a page built on part of an
  answer would be wrong without saying so).
* Keeps named-query answers in a bounded cache, emptied when the snapshot changes.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph_api import snapshots
from graph_api.querypool import QueryPool, QueryTooCostly, deadline, rss_bytes
from graph_api.store import (
    _GRAPH_TYPES,
    _SOLUTION_TYPES,
    QueryError,
    QueryResult,
    QueryTimeout,
    SelectResult,
    Store,
    StoreError,
    negotiate,
    query_form,
    term_converter,
)


class Answers:
    """A bounded, thread-safe cache of named-query rows for one snapshot (which never changes)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._rows: OrderedDict[Any, list[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> list[dict[str, Any]] | None:
        with self._lock:
            rows = self._rows.get(key)
            if rows is not None:
                self._rows.move_to_end(key)
            return rows

    def put(self, key: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        with self._lock:
            self._rows[key] = rows
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)
        return rows


class TooManyRows(StoreError):
    """A named query's answer is longer than the service's row cap."""


class ServedStore(Store):
    """The service's view of an on-disk store (see the module's docstring)."""

    read_only = True  # each snapshot it serves is immutable (graph_api.state keys by snapshot)
    lateral = True  # its query workers are pyoxigraph (named queries: store.lateral_optionals)

    def __init__(self, path: str | Path, *, workers: int = 2, sparql_workers: int = 2,
                 megabytes: int = 2048, timeout: float = 10.0,
                 rows: int = 200_000, sparql_busy: float = 0.0) -> None:  # fmt: skip
        self.location = str(path)
        self.timeout, self.rows = timeout, rows
        self._busy = {"named": 0.0, "sparql": sparql_busy}
        self._sizes = {"named": workers, "sparql": sparql_workers}
        self._megabytes = megabytes
        self._lock = threading.Lock()
        self._follower = snapshots.Follower(path)
        snapshots.ensure(path)
        self._follower.changed()
        self._pools: dict[str, QueryPool] = {}
        self.answers = Answers()
        self.snapshot: Path | None = None
        self._open(self._follower.path)

    def _open(self, snapshot: Path | None) -> None:
        if snapshot is None:
            raise StoreError(f"the store {self.location} has no snapshot to serve")
        pools = {name: QueryPool(snapshot, size, self._megabytes, name, self._busy[name])
                 for name, size in self._sizes.items()}  # fmt: skip
        with self._lock:
            old, self._pools = self._pools, pools
            self.answers = Answers()
            self.snapshot = snapshot
        for pool in old.values():
            pool.close()

    def refresh(self) -> bool:
        """Move to a newer snapshot when one was published; True when it did."""
        with self._lock:
            changed = self._follower.changed()
            path = self._follower.path
        if changed:
            self._open(path)
        return changed

    def _pool(self, name: str) -> QueryPool:
        with self._lock:
            return self._pools[name]

    # --- the Store interface ------------------------------------------------------------------

    def _query(self, sparql: str, timeout: float | None) -> QueryResult:
        reply = self._ask("named", {"sparql": sparql, "mode": "rows", "limit": self.rows + 1},
                          timeout)  # fmt: skip
        if reply[0] == "ask":
            return bool(reply[1])
        if reply[0] == "select":
            _, names, rows, _ = reply
            if len(rows) > self.rows:
                raise TooManyRows(f"a query's answer has more than {self.rows} rows "
                                  "(CANCU_QUERY_ROWS); narrow the question")  # fmt: skip
            convert = term_converter()
            return SelectResult(names, [dict(zip(names, map(convert, row), strict=True))
                                        for row in rows])  # fmt: skip
        _, triples, _ = reply
        if len(triples) > self.rows:
            raise TooManyRows(f"a query's answer has more than {self.rows} triples "
                              "(CANCU_QUERY_ROWS); narrow the question")  # fmt: skip
        g, convert = Graph(), term_converter()
        for t in triples:
            g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
        return g

    def query_raw(self, sparql: str, accept: str | None = None,
                  timeout: float | None = None) -> tuple[bytes, str]:  # fmt: skip
        graph = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        media, fmt = negotiate(accept, _GRAPH_TYPES if graph else _SOLUTION_TYPES)
        reply = self._ask("named", {"sparql": sparql, "mode": "raw",
                                    "format": fmt.media_type}, timeout)  # fmt: skip
        charset = "" if media.endswith("xml") else "; charset=utf-8"
        return reply[1], media + charset

    def answer(self, sparql: str, limit: int, timeout: float | None) -> tuple[Any, ...]:
        """The public endpoint's query, capped at ``limit`` rows: the worker's reply tuple."""
        return self._ask("sparql", {"sparql": sparql, "mode": "rows", "limit": limit}, timeout)

    def _ask(self, pool: str, request: dict[str, Any], timeout: float | None) -> tuple[Any, ...]:
        until = deadline.get()  # the request's own deadline: wait for a worker until then
        if until is not None and until <= time.monotonic():
            raise QueryTimeout("the request ran past its time limit (CANCU_PAGE_TIMEOUT)")
        reply = self._pool(pool).run(request, timeout or self.timeout, until)
        if reply[0] == "error":
            _, kind, message = reply
            if kind == "syntax":
                raise QueryError(f"SPARQL syntax error: {message}")
            if kind == "memory":
                raise QueryTooCostly(message)
            if kind == "io":
                raise StoreError(f"cannot read the store {self.location}: {message}")
            raise QueryError(message)
        return reply

    def update(self, sparql: str) -> None:
        raise StoreError("the web service reads the store; it is changed by `cancu ingest`")

    def close(self) -> None:
        with self._lock:
            pools, self._pools = self._pools, {}
        for pool in pools.values():
            pool.close()

    def memory(self) -> int:
        """Resident bytes of the service: this process and its query workers."""
        with self._lock:
            pids = [pid for pool in self._pools.values() for pid in pool.pids()]
        return rss_bytes([os.getpid(), *pids])

    @property
    def killed(self) -> int:
        """Workers ended at a deadline or their memory cap since the last snapshot change."""
        with self._lock:
            return sum(pool.killed for pool in self._pools.values())
