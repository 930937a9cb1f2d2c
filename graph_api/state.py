"""The store's state as one short tag, for HTTP caching (ETag) and for derived files.

Every stored graph is recorded in the meta graph with the sha256 of its input, so the sorted
(graph, sha256) pairs name what the store holds: the same files give the same tag, an ingest
that changes anything gives another. A store opened read-only cannot change while it serves,
so its tag is read once (once per snapshot for the service's store); any other store is asked
again after ``ttl`` seconds.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import threading
import time
from dataclasses import dataclass

from graph_api.store import META_GRAPH, OxigraphStore, SelectResult, Store, iri

__all__ = ["State", "state"]

_META = "https://cancu.dev/meta#"


@dataclass(frozen=True, slots=True)
class State:
    tag: str  # hex, 20 characters
    since: dt.datetime  # when this process first saw the store in this state (UTC)


_lock = threading.Lock()
_seen: dict[tuple[int, object], tuple[float, State]] = {}  # (store, snapshot) -> (asked, state)


_PAIRS = f"SELECT ?g ?sha WHERE {{ GRAPH {iri(META_GRAPH)} {{ ?g <{_META}sha256> ?sha }} }}"


def _tag(store: Store) -> str:
    pairs = _csv_pairs(store) if isinstance(store, OxigraphStore) else _pairs(store)
    return hashlib.sha256("\n".join(sorted(pairs)).encode()).hexdigest()[:20]


def _pairs(store: Store) -> list[str]:
    """"graph sha256" of every record, read as terms."""
    res = store.query(_PAIRS)
    return [f"{r['g']} {r['sha']}" for r in res.rows] if isinstance(res, SelectResult) else []


def _csv_pairs(store: Store) -> list[str]:
    """The same pairs, read from the engine's CSV: an IRI and a plain literal are their text
    there, and a third of the time of making terms of them (an ingest asks twice, a row per
    stored unit: ~0.3 CPU-s at 10,000 plans instead of ~0.9)."""
    body, _ctype = store.query_raw(_PAIRS, "text/csv")
    rows = csv.reader(io.StringIO(body.decode("utf-8")))
    next(rows, None)  # the header
    return [f"{g} {sha}" for g, sha in rows]


def state(store: Store, ttl: float = 2.0) -> State:
    """The store's current state; a read-only store's is computed once."""
    now = time.monotonic()
    key = (id(store), getattr(store, "snapshot", None))  # a served store moves to new snapshots
    with _lock:
        cached = _seen.get(key)
    fixed = getattr(store, "read_only", False)
    if cached and (fixed or now - cached[0] < ttl):
        return cached[1]
    tag = _tag(store)
    current = cached[1] if cached and cached[1].tag == tag else State(
        tag, dt.datetime.now(dt.UTC).replace(microsecond=0))  # fmt: skip
    with _lock:
        _seen[key] = (now, current)
    return current
