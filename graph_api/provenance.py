"""What the store knows about itself: where each graph came from, and whether it is whole.

The metadata graph (``https://cancu.dev/graph/meta``) holds one record per stored unit (a plan,
a law, the ontology), written in the same transaction as the unit's graph and its inferred
graph, so a unit is in the store with its record or not at all:

    <graph/plan/K>  meta:kind "plan" ; meta:source "plan.txt" ; meta:sha256 "…" ;
                    prov:wasDerivedFrom <file:///…/plan.txt> (every file holding this version) ;
                    meta:plan <id/plan/K> ; meta:triples 1754 ;
                    meta:inferred <graph/inferred/plan/K> ; meta:inferredTriples 512 ;
                    meta:closure "reasonable 3f2a…" (reasoner and ontology it was computed with)

and one record of the store itself (``meta:store``): its format, and while an ingest runs a
``meta:running`` mark, removed in the ingest's last transaction. :func:`check` turns all of it
into findings (:class:`Finding`) for ``cancu validate`` and for the next ingest, which mends
them: a mark left by an ingest that was killed, closures made with another ontology, a graph
without its record or a record without its graph, plans waiting to be read again after an
upgrade of the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from rdflib import Literal, Namespace, URIRef

from graph_api.store import META_GRAPH, Store, iri

META = Namespace("https://cancu.dev/meta#")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
STORE_NODE = META.store
FORMAT_P = META["format"]  # (META.format would be str.format)
# 1: plans named by their file name, one store-wide closure (before issue 14.5); 2: before the
# counts were kept (graph_api.tallies); 3: before the agenda was kept (graph_api.kept_agenda)
FORMAT = 4
GRAPH = "https://cancu.dev/graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"
SHARED_GRAPH = GRAPH + "shared"
SHARED_INFERRED_GRAPH = GRAPH + "inferred/shared"
LEGACY_INFERRED_GRAPH = GRAPH + "inferred"  # format 1's store-wide closure
TALLY_GRAPH = GRAPH + "tallies"  # the store-wide counts (graph_api.tallies)
# graphs that belong to no one unit: added to by many, never the subject of a record
COMMON_GRAPHS = {META_GRAPH, SHARED_GRAPH, SHARED_INFERRED_GRAPH, TALLY_GRAPH}


def inferred_graph(graph: str) -> str:
    """Where the inferences of one unit live: ``graph/plan/x`` -> ``graph/inferred/plan/x``."""
    return GRAPH + "inferred/" + graph.removeprefix(GRAPH)


def closure_key(reasoner: str) -> str:
    """The reasoner and a digest of the ontology and of what of a closure is stored: a closure
    made with another is stale (made again by the next ingest)."""
    from ontology.reasoning import ONTOLOGY, STORED

    digest = hashlib.sha256(ONTOLOGY.read_bytes() + STORED.read_bytes()).hexdigest()[:16]
    return f"{reasoner} {digest}"


def file_iri(path: Path) -> str:
    return path.resolve().as_uri()


def file_path(value: str) -> Path | None:
    url = urlparse(value)
    return Path(url2pathname(url.path)) if url.scheme == "file" else None


# --- records ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Record:
    """The provenance of one stored unit."""

    graph: str
    kind: str  # plan | record (a plan from a JSON records file) | law | ontology
    source: str  # the file name as given
    sha256: str
    paths: list[Path] = field(default_factory=list)
    plan: str | None = None  # the plan node, for plans
    triples: int | None = None
    inferred: str | None = None
    inferred_triples: int | None = None
    closure: str | None = None  # closure_key() it was reasoned with; None: not reasoned

    @property
    def path(self) -> Path | None:
        """The first recorded file that still exists (else the first recorded one)."""
        return next((p for p in self.paths if p.exists()), self.paths[0] if self.paths else None)

    def triples_n3(self) -> str:
        """The record as N-Triples lines (for ``INSERT DATA`` inside the metadata graph)."""
        s = iri(self.graph)
        lines = [
            f"{s} {META.kind.n3()} {Literal(self.kind).n3()} .",
            f"{s} {META.source.n3()} {Literal(self.source).n3()} .",
            f"{s} {META.sha256.n3()} {Literal(self.sha256).n3()} .",
        ]
        lines += [f"{s} {PROV_DERIVED.n3()} {iri(file_iri(p))} ."
                  for p in dict.fromkeys(self.paths)]
        if self.plan:
            lines.append(f"{s} {META.plan.n3()} {iri(self.plan)} .")
        if self.triples is not None:
            lines.append(f"{s} {META.triples.n3()} {Literal(self.triples).n3()} .")
        if self.inferred:
            lines.append(f"{s} {META.inferred.n3()} {iri(self.inferred)} .")
            lines.append(f"{s} {META.inferredTriples.n3()} "
                         f"{Literal(self.inferred_triples or 0).n3()} .")
        if self.closure:
            lines.append(f"{s} {META.closure.n3()} {Literal(self.closure).n3()} .")
        return "\n".join(lines) + "\n"


def records(store: Store, graph: str | None = None) -> dict[str, Record]:
    """Every unit's record, by graph IRI (one query; small beside the graphs), or the record
    of the one unit ``graph`` names (none: an empty dict)."""
    res = store.query(
        f"""SELECT ?g ?p ?o WHERE {{ GRAPH {iri(META_GRAPH)} {{ ?g ?p ?o }}
              FILTER(?g != {iri(str(STORE_NODE))}) }}""",
        {"g": URIRef(graph)} if graph else None,
    )
    rows: dict[str, dict[str, list]] = {}
    for row in res.rows:  # type: ignore[union-attr]
        rows.setdefault(row["g"], {}).setdefault(row["p"], []).append(row["o"])
    out: dict[str, Record] = {}
    for g, props in rows.items():

        def one(prop: URIRef, props: dict = props) -> object:
            values = props.get(str(prop))
            return values[0] if values else None

        if one(META.kind) is None:
            continue
        paths = sorted({p for v in props.get(str(PROV_DERIVED), []) if (p := file_path(str(v)))})
        triples, inferred_n = one(META.triples), one(META.inferredTriples)
        out[g] = Record(
            graph=g,
            kind=str(one(META.kind)),
            source=str(one(META.source) or ""),
            sha256=str(one(META.sha256) or ""),
            paths=paths,
            plan=str(one(META.plan)) if one(META.plan) else None,
            triples=int(triples) if triples is not None else None,  # type: ignore[call-overload]
            inferred=str(one(META.inferred)) if one(META.inferred) else None,
            inferred_triples=int(inferred_n) if inferred_n is not None else None,  # type: ignore[call-overload]
            closure=str(one(META.closure)) if one(META.closure) else None,
        )
    return out


def units_of_file(store: Store, path: Path) -> list[str]:
    """The units whose record names ``path`` as one of their files."""
    res = store.query(
        f"SELECT ?g WHERE {{ GRAPH {iri(META_GRAPH)} {{ ?g {PROV_DERIVED.n3()} ?f }} }}",
        {"f": URIRef(file_iri(path))},
    )
    return sorted(r["g"] for r in res.rows)  # type: ignore[union-attr]


def stale_closures(store: Store, digest: str) -> list[str]:
    """The plans and laws whose closure was not made with the ontology of ``digest`` (the end
    of a :func:`closure_key`), or never made: one pass over the records inside the engine."""
    res = store.query(
        f"""SELECT ?g WHERE {{ GRAPH {iri(META_GRAPH)} {{
              ?g {META.kind.n3()} ?kind FILTER(?kind IN ("plan", "record", "law"))
              OPTIONAL {{ ?g {META.closure.n3()} ?made }} }}
            FILTER(!BOUND(?made) || !STRENDS(STR(?made), {Literal(digest).n3()})) }}""")
    return sorted(r["g"] for r in res.rows)  # type: ignore[union-attr]


def recorded_sizes(store: Store) -> tuple[int, int]:
    """The triples the records count (each unit's graph and inferred graph), and the graphs
    holding them, summed inside the engine (one look-up a unit, no probe of each graph)."""
    res = store.query(
        f"""SELECT (SUM(?n) AS ?total) (COUNT(?n) AS ?graphs)
            WHERE {{ GRAPH {iri(META_GRAPH)} {{ ?g ?count ?n }} FILTER(?n > 0)
                     VALUES ?count {{ {META.triples.n3()} {META.inferredTriples.n3()} }} }}""")
    rows = res.rows  # type: ignore[union-attr]
    return (int(rows[0]["total"] or 0), int(rows[0]["graphs"] or 0)) if rows else (0, 0)


class Records:
    """The records of a store as an ingest reads and changes them: each unit's looked up when
    first asked for (by its graph, or by a file it came from) and kept with the ingest's own
    changes, so that what one plan needs to know costs that plan, not the store.

    ``loaded``: every record, read at once (an ingest that checks the whole store has them).
    :attr:`stored` holds the units found with a record in the store (the writer keeps it
    current as it writes and drops)."""

    def __init__(self, store: Store, loaded: dict[str, Record] | None = None) -> None:
        self.store = store
        self.complete = loaded is not None
        self._known: dict[str, Record | None] = dict(loaded or {})
        self._files: dict[Path, set[str]] = {}
        # complete: the units of each file, indexed once, then kept as records are set (a
        # scan of every record for each file read would cost the square of the plans)
        self._by_file: dict[Path, set[str]] | None = None
        self.stored: set[str] = set(loaded or {})

    def get(self, graph: str) -> Record | None:
        if graph not in self._known:
            found = None if self.complete else records(self.store, graph).get(graph)
            self._known[graph] = found
            if found is not None:
                self.stored.add(graph)
        return self._known[graph]

    def __getitem__(self, graph: str) -> Record:
        rec = self.get(graph)
        if rec is None:
            raise KeyError(graph)
        return rec

    def __setitem__(self, graph: str, rec: Record) -> None:
        self._known[graph] = rec
        if self._by_file is not None:
            self._index(graph, rec)

    def _index(self, graph: str, rec: Record) -> None:
        for p in rec.paths:
            self._by_file.setdefault(p.resolve(), set()).add(graph)  # type: ignore[union-attr]

    def __delitem__(self, graph: str) -> None:
        self._known[graph] = None

    def holding(self, path: Path) -> set[str]:
        """The units a file holds (as recorded, with this ingest's changes): a set to change."""
        path = path.resolve()
        if path not in self._files:
            if self.complete:
                if self._by_file is None:
                    self._by_file = {}
                    for g, r in self._known.items():
                        if r is not None:
                            self._index(g, r)
                # the index's candidates, as the records now name their files
                found = {g for g in self._by_file.get(path, ())
                         if (r := self._known.get(g)) is not None
                         and path in {p.resolve() for p in r.paths}}
            else:
                found = {g for g in units_of_file(self.store, path) if self.get(g) is not None}
            self._files[path] = found
        return self._files[path]


def source_path(store: Store, graph: str) -> Path | None:
    """The file a stored unit was read from (the first that still exists)."""
    res = store.query(
        f"SELECT ?path WHERE {{ GRAPH {iri(META_GRAPH)} {{ ?g {PROV_DERIVED.n3()} ?path }} }}",
        {"g": URIRef(graph)},
    )
    paths = [p for r in res.rows if (p := file_path(str(r["path"])))]  # type: ignore[union-attr]
    return next((p for p in paths if p.exists()), paths[0] if paths else None)


def delete_record(graph: str) -> str:
    """The update that removes one unit's record (a part of a larger request)."""
    return f"DELETE WHERE {{ GRAPH {iri(META_GRAPH)} {{ {iri(graph)} ?p ?o }} }}"


# --- the store's own state --------------------------------------------------------------------


@dataclass(slots=True)
class State:
    """The store's record of itself."""

    format: int | None = None  # None: written before the store kept a format (format 1)
    running: str | None = None  # "pid@host since <ISO time>" while an ingest runs
    pending: list[Path] = field(default_factory=list)  # to be read again (after an upgrade)


def state(store: Store) -> State:
    res = store.query(
        f"SELECT ?p ?o WHERE {{ GRAPH {iri(META_GRAPH)} {{ {iri(str(STORE_NODE))} ?p ?o }} }}"
    )
    st = State()
    for row in res.rows:  # type: ignore[union-attr]
        p, o = row["p"], row["o"]
        if p == str(FORMAT_P):
            st.format = int(o)
        elif p == str(META.running):
            st.running = str(o)
        elif p == str(META.pending) and (path := file_path(str(o))):
            st.pending.append(path)
    st.pending.sort()
    return st


def running_mark() -> str:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return f"{os.getpid()}@{socket.gethostname()} since {now}"


def mark_is_alive(mark: str) -> bool:
    """Whether the ingest that left ``mark`` still runs (only knowable on this machine)."""
    who = mark.split(" ", 1)[0]
    pid, _, host = who.partition("@")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return int(pid) != os.getpid()


def set_state(running: str | None, *, pending: Iterable[Path] = (), fmt: int = FORMAT) -> str:
    """The update that rewrites the store's record (a part of a larger request)."""
    s = iri(str(STORE_NODE))
    lines = [f"{s} {FORMAT_P.n3()} {Literal(fmt).n3()} ."]
    if running:
        lines.append(f"{s} {META.running.n3()} {Literal(running).n3()} .")
    lines += [f"{s} {META.pending.n3()} {iri(file_iri(p))} ." for p in pending]
    return (
        f"DELETE WHERE {{ GRAPH {iri(META_GRAPH)} {{ {s} ?p ?o }} }} ;\n"
        f"INSERT DATA {{ GRAPH {iri(META_GRAPH)} {{\n" + "\n".join(lines) + "\n} }"
    )


def drop_pending(paths: Iterable[Path]) -> str:
    s = iri(str(STORE_NODE))
    body = "".join(f"{s} {META.pending.n3()} {iri(file_iri(p))} .\n" for p in paths)
    return f"DELETE DATA {{ GRAPH {iri(META_GRAPH)} {{\n{body}}} }}" if body else ""


# --- checks -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Finding:
    """Something wrong with the store as a whole; ``kind`` says what mends it."""

    kind: str  # interrupted | stale-closure | half-written | orphan | old-format | pending
    #            | stale-counts | stale-agenda
    message: str
    graph: str | None = None


def graph_sizes(store: Store) -> dict[str, int]:
    """Triples per named graph of cancu's (a shared endpoint holds others: Virtuoso's own, other
    applications'), in one query."""
    res = store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(STRSTARTS(STR(?g), {Literal(GRAPH).n3()})) }} GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in res.rows}  # type: ignore[union-attr]


def our_graphs(store: Store) -> list[str]:
    """The named graphs cancu wrote (and no other graph of the endpoint), sorted."""
    return sorted(graph_sizes(store))


def check(store: Store, reasoner: str | None = "reasonable") -> list[Finding]:
    """What keeps the store from being whole and current (nothing: an empty list).

    ``reasoner`` is the one the closures should have been made with (None: do not judge them).
    """
    st = state(store)
    recs = records(store)
    sizes = graph_sizes(store)
    out: list[Finding] = []
    if st.running:
        alive = mark_is_alive(st.running)
        why = "is still running" if alive else "did not finish (killed or crashed?)"
        out.append(Finding("interrupted", f"an ingest ({st.running}) {why}: its batch may be "
                                          "partly stored; run `cancu ingest` on it again"))
    if st.format is None and (recs or sizes):
        out.append(Finding("old-format", "the store was written by an older cancu (plans named by "
                                         "their file names); `cancu ingest` rebuilds it"))
    if st.pending:
        out.append(Finding("pending", f"{len(st.pending)} file(s) wait to be read again after the "
                                      "store was upgraded; `cancu ingest` reads them"))
    if LEGACY_INFERRED_GRAPH in sizes:
        out.append(Finding("stale-closure", "the store-wide closure of an older cancu is still "
                                            "stored; `cancu ingest` replaces it",
                           LEGACY_INFERRED_GRAPH))
    want = closure_key(reasoner) if reasoner and reasoner != "none" else None
    owned = set()
    for g, r in sorted(recs.items()):
        owned.add(g)
        if r.inferred:
            owned.add(r.inferred)
        if r.triples is not None and sizes.get(g, 0) != r.triples:
            out.append(Finding("half-written", f"{r.source}: its graph holds {sizes.get(g, 0)} "
                                               f"triples, its record says {r.triples}", g))
        elif r.inferred and sizes.get(r.inferred, 0) != (r.inferred_triples or 0):
            out.append(Finding("stale-closure", f"{r.source}: its inferred graph holds "
                                                f"{sizes.get(r.inferred, 0)} triples, its record "
                                                f"says {r.inferred_triples}", g))
        elif want and r.kind in ("plan", "record", "law") and r.closure != want:
            made = f"made with {r.closure}" if r.closure else "never computed"
            out.append(Finding("stale-closure", f"{r.source}: its closure was {made} "
                                                f"(now: {want})", g))
    for g in sorted(set(sizes) - owned - COMMON_GRAPHS - {LEGACY_INFERRED_GRAPH}):
        out.append(Finding("orphan", f"graph {g} has no record of where it came from "
                                     "(a write cut short); `cancu ingest --check` drops it", g))
    if not st.running and st.format == FORMAT:
        from graph_api.tallies import stale

        wrong = stale(store)
        if wrong:
            out.append(Finding("stale-counts", f"{len(wrong)} kept count(s) are not the sums of "
                                               "the plans' tallies (e.g. "
                                               f"{wrong[0]}); `cancu ingest --check` sums "
                                               "them again"))
        from graph_api import kept_agenda

        wrong = kept_agenda.stale(store)
        if wrong:
            out.append(Finding("stale-agenda", f"{len(wrong)} task(s) have agenda entries that "
                                               "do not follow their plan's graph (e.g. "
                                               f"{wrong[0]}); `cancu remove` their plan and "
                                               "`cancu ingest` it again"))
    return out

