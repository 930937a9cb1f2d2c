"""Counts kept at ingest: how many plans and tasks cite each document and article, how many
tasks each body is assigned, how many tasks each plan has.

Counted over every citation when a list is asked for, these grow with the store (a list of
documents took 20 s at 10,000 plans); kept, such a list reads one row per document. Each
plan's graph holds its own tallies, made in its worker with the plan (``tally.rq``: one node a
thing counted, ``meta:tallyOf`` it, ``meta:tasks`` n), so they are replaced and dropped with
the plan and never drift; the tallies graph holds their sums, summed again (``recount.ru``) for
what an ingest or a removal touched, in its last transaction, and all of them when an ingest
was cut short. The list queries read the sums (``meta:citingPlans``, ``meta:citingTasks``,
``meta:assignedTasks``, ``meta:taskCount``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from graph_api.provenance import TALLY_GRAPH
from graph_api.store import Store, iri

DATA = Path(__file__).parent / "data"
META = "https://cancu.dev/meta#"
TALLY_OF = f"<{META}tallyOf>"
XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
# past this many things to count again, the whole graph is summed again: one pass over every
# tally costs less than a VALUES block of tens of thousands of IRIs
RECOUNT_ALL_FROM = 2_000


@cache
def _text(name: str) -> str:
    """A SPARQL text of ``data/``, its marks filled: the measures' table, the tallies graph."""
    text = (DATA / name).read_text(encoding="utf-8")
    if "{measures}" in text:
        table = (DATA / "tally_measures.rq").read_text(encoding="utf-8")
        text = text.replace("{measures}", "".join(
            ln + "\n" for ln in table.splitlines() if not ln.startswith("#")).strip())
    return text.replace("{tallies}", iri(TALLY_GRAPH))


def of_plan(nt: str | ox.Store, graph: str) -> tuple[str, set[str]]:
    """The tallies of one plan as N-Triples for its graph (``graph``), and the things they
    count. ``nt``: the plan's triples, its facts about shared things and their inferences (or
    a store of them)."""
    store = nt if isinstance(nt, ox.Store) else ox.Store()
    if isinstance(nt, str) and nt:
        store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    lines, keys = [], set()
    for row in store.query(_text("tally.rq")):
        measure, key, tasks = row["measure"].value, row["key"].value, row["tasks"].value
        digest = hashlib.sha1(f"{measure} {key}".encode()).hexdigest()[:16]
        node = iri(f"{graph}#tally-{digest}")
        lines += [f"{node} {TALLY_OF} {iri(key)} .",
                  f'{node} <{META}measure> "{measure}" .',
                  f'{node} <{META}tasks> "{int(tasks)}"^^{XSD_INTEGER} .']
        keys.add(key)
    return "".join(ln + "\n" for ln in lines), keys


def keys_in(store: Store, graphs: Iterable[str]) -> set[str]:
    """What the tallies of some stored plan graphs count (before they are replaced or dropped:
    those things are counted again)."""
    graphs = sorted(set(graphs))
    if not graphs:
        return set()
    res = store.query(f"SELECT DISTINCT ?k WHERE {{ GRAPH ?g {{ ?t {TALLY_OF} ?k }} }}",
                      {"g": tuple(URIRef(g) for g in graphs)})
    return {r["k"] for r in res.rows}  # type: ignore[union-attr]


def recount(keys: Iterable[str] | None) -> str:
    """The update that sums the tallies of ``keys`` again (None, or many: all of them)."""
    keys = None if keys is None else sorted(set(keys))
    if keys == []:
        return ""
    if keys is not None and len(keys) >= RECOUNT_ALL_FROM:
        keys = None
    values = "" if keys is None else "VALUES ?key { " + " ".join(iri(k) for k in keys) + " }"
    return _text("recount.ru").replace("{keys}", values)


def stale(store: Store) -> list[str]:
    """The things whose kept counts are not the sums of the plans' tallies (none: a store
    only cancu wrote); a pass over every tally."""
    res = store.query(_text("stale_counts.rq"))
    return sorted({r["key"] for r in res.rows})  # type: ignore[union-attr]
