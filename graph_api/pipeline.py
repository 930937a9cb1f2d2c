"""From files to the store: read, extract, map, validate and reason in worker processes; write
each plan with its inferences and its provenance in one transaction.

The batch streams: files are found, then handed to a few worker processes at a time
(:func:`ingest.bounded.run_bounded`, one per core, each plan within a time budget); each plan
comes back as N-Triples and is written as soon as a handful have arrived, so nothing holds the
batch in memory but the plans in flight. A write is one SPARQL update, one transaction: the
plan's graph (replacing its old version), its inferred graph, the facts it adds about shared
things, and its record in the metadata graph (:mod:`graph_api.provenance`). The store carries a
mark while an ingest runs, removed by its last transaction, so a killed ingest is seen by
``cancu validate`` and mended by the next ingest, which also upgrades stores of older versions.

A plan is known by what it is (:mod:`ontology.identity`), so the same plan in two folders is
stored once and a new version replaces the old. A plan that breaks the SHACL shapes is refused
with its violations; an unreadable file is reported; neither stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import resource
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph_api import provenance as pv
from graph_api import search, tallies
from graph_api.progress import Progress
from graph_api.provenance import (
    LEGACY_INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    SHARED_GRAPH,
    SHARED_INFERRED_GRAPH,
    Record,
)
from graph_api.store import (
    META_GRAPH,
    Change,
    OxigraphStore,
    Store,
    StoreError,
    graph_to_ntriples,
    iri,
)
from ingest.read import MAX_BYTES, is_owner_file, not_regular, too_large

REASONERS = ("reasonable", "owlrl", "none")
RECORD_SUFFIXES = {".json", ".jsonl"}
# plans the reader takes, and office files it refuses by name (so they are reported, not
# passed over in silence)
PLAN_SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf"}
BUDGET = 120.0  # seconds one plan may take in its worker before it is stopped and reported
BATCH_TRIPLES = 20_000  # triples written per transaction (a few plans)
# triples written between flushes of the store's memory to its files: without them an embedded
# store held all that an ingest wrote in memory (~1 KB a quad: 2 GB for 1,000 plans)
FLUSH_TRIPLES = 200_000
# An ingest of this many files or more writes through the store's bulk loader (where it has
# one), BULK_TRIPLES at a time: measured on Oxigraph, 2-3x the speed of updates, at the cost
# of one transaction per batch (see Writer.flush).
BULK_FROM = 50
BULK_TRIPLES = 100_000
# imported by the workers' forkserver: workers fork with all of it imported and compiled
# (graph_api.warm last: it freezes what the imports made, see there)
PRELOAD = ("ontology.mapping", "ontology.laws", "graph_api.warm")
# plan and law files read in this process, not in workers, when no number of workers is given:
# workers cost their start (an interpreter with every import and pattern: ~1.5 CPU-s of the
# ~5 of adding one plan) more than they save on a few plans (~0.4 CPU-s each)
INLINE_UP_TO = 4


@dataclass(slots=True)
class Source:
    """One input: a plan file, a law text file, or one record of a JSON records file."""

    path: Path
    kind: str  # plan | law | record
    record: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        if self.record is not None:
            return str(self.record.get("source") or self.path.name)
        return self.path.name


@dataclass(slots=True)
class Stored:
    source: str
    graph: str
    kind: str
    triples: int
    status: str  # new | updated | unchanged


@dataclass(slots=True)
class Problem:
    source: str
    reason: str
    violations: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IngestReport:
    """What happened to each input, and the size of the store afterwards."""

    stored: list[Stored] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)  # broke the SHACL shapes
    failed: list[Problem] = field(default_factory=list)  # unreadable, not mappable, too slow
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, same plan as)
    removed: list[str] = field(default_factory=list)  # graphs dropped (an old version, orphans)
    mended: list[str] = field(default_factory=list)  # what the ingest repaired, in words
    warnings: list[str] = field(default_factory=list)
    inferred: int | None = None  # triples inferred for the units stored, None when not reasoned
    total_triples: int = 0
    graphs: int = 0  # named graphs holding them
    seconds: dict[str, float] = field(default_factory=dict)  # per stage (workers: CPU seconds)
    wall: float = 0.0
    peak_mb: dict[str, float] = field(default_factory=dict)  # main process, largest worker
    stage_mb: dict[str, float] = field(default_factory=dict)  # peak RSS in each stage (workers)

    @property
    def ok(self) -> bool:
        return not self.refused and not self.failed


# --- discovery --------------------------------------------------------------------------------


def is_law(path: Path) -> bool:
    """A law text: under a ``laws`` folder, or a header line ``# document: …`` at the top."""
    if "laws" in (p.lower() for p in path.parent.parts):
        return True
    if path.suffix.lower() not in (".txt", ".md"):
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            head = [next(fh, "") for _ in range(10)]
    except OSError:
        return False
    return any(line.lstrip().lower().startswith("# document:") for line in head)


def records_in(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON file: one object, an array, ``{"plans": [...]}``, or JSON Lines (read
    line by line, so a file of 10,000 records is never held whole)."""
    with path.open(encoding="utf-8") as fh:
        head = fh.read(1)
        while head and head.isspace():
            head = fh.read(1)
        fh.seek(0)
        if head == "{":
            first = fh.readline()
            try:
                one = json.loads(first)
            except json.JSONDecodeError:  # one object over many lines
                fh.seek(0)
                data: Any = json.load(fh)
            else:  # JSON Lines
                yield from _as_records(one)
                for line in fh:
                    if line.strip():
                        yield from _as_records(json.loads(line))
                return
        else:
            data = json.load(fh)
    yield from _as_records(data)


def _as_records(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        data = data.get("plans") or data.get("records") or [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError("not a plan record, a list of records or JSON Lines")
    yield from data


def find_files(paths: Iterable[Path], max_bytes: int | None = MAX_BYTES
               ) -> tuple[list[Path], list[Problem]]:  # fmt: skip
    """Expand folders (hidden files and Office's owner files skipped); files named on the
    command line are taken.
    Only regular files are read: a named pipe, a device, a socket, a loop of links (named or
    in a folder) is reported by name, as is a file over ``max_bytes``; a link to a folder is
    not followed, and said so."""
    files: list[Path] = []
    problems: list[Problem] = []
    wanted = PLAN_SUFFIXES | RECORD_SUFFIXES

    def take(f: Path) -> None:
        why = not_regular(f) or too_large(f, max_bytes)
        if why:
            problems.append(Problem(str(f), f"not read: {why}"))
        else:
            files.append(f)

    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if is_owner_file(f):
                    continue
                if f.is_symlink() and f.is_dir():
                    problems.append(Problem(str(f), "a link to a folder, not followed (name "
                                                    "the folder itself to read it)"))
                elif f.suffix.lower() in wanted and not f.is_dir():
                    take(f)
        elif p.is_file() or not_regular(p):
            take(p)
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def sources_of(files: Iterable[Path], problems: list[Problem]) -> Iterator[Source]:
    """The inputs of the files, one at a time (the records of a records file as they are read)."""
    for f in files:
        if f.suffix.lower() in RECORD_SUFFIXES:
            try:
                for r in records_in(f):
                    yield Source(f, "record", r)
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                problems.append(Problem(f.name, f"unreadable records file: {exc}"))
        else:
            yield Source(f, "law" if is_law(f) else "plan")


def discover(paths: Iterable[Path]) -> tuple[list[Source], list[Problem]]:
    """Every input of ``paths`` as a list (small batches, tests); ingest streams them instead."""
    files, problems = find_files(paths)
    return list(sources_of(files, problems)), problems


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the work on one unit, in a worker process ------------------------------------------------


@dataclass(slots=True)
class Job:
    """One unit to prepare: a source to read, or a stored unit to reason over again."""

    reasoner: str
    source: Source | None = None
    graph: str | None = None  # reclose: the stored unit's graph, its triples and shared facts
    kind: str | None = None
    plan_nt: str = ""
    shared_nt: str = ""
    rows: bool = False  # make the plan's search rows (graph_api.search.drafts)


@dataclass(slots=True)
class Prepared:
    """A unit ready to be written: N-Triples per graph, its record, what each stage cost."""

    kind: str
    graph: str = ""
    sha256: str = ""
    plan: str | None = None
    graph_nt: str = ""
    triples: int = 0
    inferred_nt: str = ""
    inferred: int = 0
    shared_nt: str = ""
    shared_inferred_nt: str = ""
    closure: str | None = None
    tallied: set[str] = field(default_factory=set)  # what its tallies count (graph_api.tallies)
    refused: list[str] | None = None  # SHACL violations, in words
    rows: list[dict[str, Any]] | None = None  # its search rows, but their labels (job.rows)
    unreadable: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    stage_mb: dict[str, float] = field(default_factory=dict)
    peak_mb: float = 0.0


def _nt(graph: Any) -> str:
    """N-Triples text of a unit's triples (pyoxigraph terms, or an rdflib graph)."""
    from ontology.triples import ntriples

    return ntriples(graph)


class _Clock:
    """CPU seconds and peak memory of each stage of one unit, in its worker."""

    def __init__(self, into: dict[str, float], peaks: dict[str, float] | None = None) -> None:
        self.into = into
        self.peaks = peaks if peaks is not None else {}
        self.t = time.process_time()
        _stage_peak_mb()

    def lap(self, stage: str) -> None:
        now = time.process_time()
        self.into[stage] = self.into.get(stage, 0.0) + now - self.t
        self.t = now
        peak = _stage_peak_mb()
        if peak is not None:
            self.peaks[stage] = max(self.peaks.get(stage, 0.0), peak)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage_peak_mb() -> float | None:
    """The peak resident memory (MB) since the last call, then reset (Linux: ``VmHWM`` in
    /proc/self/status, reset through /proc/self/clear_refs); None where there is no /proc."""
    try:
        with open("/proc/self/status", "rb") as f:
            hwm = next(int(ln.split()[1]) for ln in f if ln.startswith(b"VmHWM:"))
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except (OSError, StopIteration, ValueError):
        return None
    return hwm / 1024


def _read_errors() -> tuple[type[BaseException], ...]:
    from ingest.read import ReadError

    return (ReadError, OSError, UnicodeDecodeError)


def prepare(job: Job) -> Prepared:
    """Read, extract, map, validate and reason over one unit (runs in a worker process)."""
    if job.source is None:
        return _reclose(job)
    src = job.source
    out = Prepared(kind=src.kind)
    clock = _Clock(out.seconds, out.stage_mb)
    try:
        if src.kind == "law":
            from ontology.laws import law_to_graph

            out.sha256 = sha256_of(src.path)
            out.graph, g = law_to_graph(src.path)
            shared = None
            clock.lap("map")
        else:
            record, text = src.record, None
            if record is None:
                from ingest.extract import extract_file_text

                made, text = extract_file_text(src.path)
                record = made.to_dict()
                clock.lap("extract")
            from ontology.identity import content_digest, key_of, plan_iri
            from ontology.mapping import map_plan

            mapped = map_plan(record, text)  # the text the extractor read (else read again)
            out.graph, g, shared = mapped.graph, mapped.plan, mapped.shared
            out.sha256 = content_digest(record)
            out.plan = plan_iri(key_of(out.graph) or "")
            clock.lap("map")
            out.graph_nt, out.shared_nt = _nt(g), _nt(shared)
            clock.lap("serialize")
            from ontology.validate import validate

            # the text the store will load, parsed once: the shapes are checked on it, then its
            # inferences join it for the tallies and the search rows
            facts = _loaded(out.graph_nt + out.shared_nt)
            result = validate(facts.raw)
            clock.lap("validate")
            if not result.conforms:
                out.refused = [str(getattr(v, "message", v)) for v in result.violations]
                return out
    except _read_errors() as exc:
        out.unreadable = f"unreadable: {exc}"
        return out
    _reason(out, job.reasoner, src.kind, g, shared, clock)
    out.triples = len(g)
    if shared is None:  # a law: one graph
        out.graph_nt = _nt(g)
    clock.lap("serialize")
    if shared is not None:
        from graph_api import kept_agenda
        from graph_api.tallies import of_plan

        inferred = out.inferred_nt + out.shared_inferred_nt
        if "_:" in inferred:  # a load names blank nodes anew: in one load with the plan's
            facts = _loaded(out.graph_nt + out.shared_nt + inferred)
        else:
            _load_own(facts, inferred)
        tally_nt, out.tallied = of_plan(facts.raw, out.graph)
        agenda_nt = kept_agenda.of_plan(facts.raw, out.graph)
        out.graph_nt += tally_nt + agenda_nt
        out.triples += tally_nt.count("\n") + agenda_nt.count("\n")
        clock.lap("tally")
        if job.rows and out.plan:  # made here from the plan's facts, not read back from the store
            try:
                out.rows = search.drafts(facts, out.plan)
            except StoreError:  # none: the index reads this plan's tasks from the store
                out.rows = None
            clock.lap("rows")
    out.peak_mb = max(out.stage_mb.values(), default=_peak_mb())
    return out


def _loaded(nt: str) -> OxigraphStore:
    """An in-memory store of ``nt``, for the facts made from a plan in its worker."""
    store = OxigraphStore()
    _load_own(store, nt)
    return store


def _load_own(store: OxigraphStore, nt: str) -> None:
    """Add N-Triples that pyoxigraph wrote in this worker (:func:`_nt`): each IRI and literal
    was checked when its term was made and escaped as it was written, so the parser need not
    check them again (``lenient``: a third of the load's time)."""
    if nt:
        store.raw.load(nt, format=ox.RdfFormat.N_TRIPLES, lenient=True)


def _reason(out: Prepared, reasoner: str, kind: str, g: Any, shared: Any, clock: _Clock) -> None:
    if reasoner == "none":
        return
    from ontology.reasoning import plan_closure, stored, unit_closure

    if kind == "law" or shared is None:
        own, extra = stored(unit_closure(g, reasoner)), None
    else:
        inferred = plan_closure(g, shared, reasoner)
        own, extra = stored(inferred.plan), stored(inferred.shared)
    out.inferred_nt, out.inferred = _nt(own), len(own)
    out.shared_inferred_nt = _nt(extra) if extra is not None else ""
    out.closure = pv.closure_key(reasoner)
    clock.lap("closure")


def _reclose(job: Job) -> Prepared:
    """The closure of a stored unit again (made with an older ontology, or cut short)."""
    from ontology.triples import parse_ntriples

    out = Prepared(kind=job.kind or "plan", graph=job.graph or "")
    clock = _Clock(out.seconds, out.stage_mb)
    g = parse_ntriples(job.plan_nt)
    shared = parse_ntriples(job.shared_nt) if job.kind != "law" else None
    clock.lap("map")
    _reason(out, job.reasoner, out.kind, g, shared, clock)
    out.peak_mb = max(out.stage_mb.values(), default=_peak_mb())
    return out


# --- writing ----------------------------------------------------------------------------------


class Writer:
    """Gathers prepared units and writes them a few at a time, each batch one transaction.

    Only units already in the store are dropped or have their record deleted first: a request
    with no deletions inserts about twice as fast in Oxigraph. With ``bulk`` (a large ingest),
    a batch of new units goes through the store's bulk loader instead, and their records
    follow in a transaction of their own.

    A batch filled as units stream in is written in a thread of its own (the engine's writes
    release the GIL), so the workers are fed their next plans meanwhile: written in turn,
    the workers waited on every write, which was a third of a large ingest. One batch is
    written at a time, and each flush first waits for the one before, so the store is read
    (``tallies.keys_in``) and written in the order of the batches, each batch's records in
    its last write, as when written in turn.
    """

    def __init__(self, store: Store, progress: Progress, limit: int = BATCH_TRIPLES) -> None:
        self.store = store
        self.bulk = False
        self.bulked = False  # something was written by the bulk loader (the store compacts)
        self.tallied: set[str] = set()  # what the units written or dropped count (recounted)
        # stored plans dropped or replaced in this batch: what they count is asked at the flush,
        # in one query for the batch, before they go
        self.untallied: set[str] = set()
        self.stored: set[str] = set()  # units with a record in the store (before this batch)
        self.progress = progress
        self.limit = limit
        self.drops: set[str] = set()
        self.inserts: dict[str, list[str]] = {}
        self.records: dict[str, Record] = {}
        self.record_drops: set[str] = set()
        self.pending_done: list[Path] = []
        self.size = 0
        self.units = 0
        self.unflushed = 0  # triples written since the store last flushed
        self._shared_seen: set[str] = set()
        self._thread: ThreadPoolExecutor | None = None
        self._writing: Future[tuple[float, int]] | None = None  # the batch being written

    def drop(self, graph: str) -> None:
        """Remove a unit (its graph, inferred graph, record) in the next transaction."""
        if graph in self.stored:
            self.drops.update((graph, pv.inferred_graph(graph)))
            self.record_drops.add(graph)
            self.untallied.add(graph)
        self.records.pop(graph, None)
        for g in (graph, pv.inferred_graph(graph)):
            self.inserts.pop(g, None)

    def record(self, rec: Record) -> None:
        """Rewrite one unit's record (and nothing else)."""
        if rec.graph in self.stored:
            self.record_drops.add(rec.graph)
        self.records[rec.graph] = rec

    def add(self, p: Prepared, rec: Record, replace: bool) -> None:
        if replace:
            self.drop(p.graph)
        self.record(rec)
        self._insert(p.graph, p.graph_nt)
        self.tallied |= p.tallied
        if p.closure is not None:
            self._insert(pv.inferred_graph(p.graph), p.inferred_nt)
        self._insert(SHARED_GRAPH, self._new_lines(p.shared_nt))
        self._insert(SHARED_INFERRED_GRAPH, self._new_lines(p.shared_inferred_nt))
        self.units += 1
        if self.size >= self.limit:
            self.flush(background=True)

    def reclosed(self, rec: Record, p: Prepared) -> None:
        """A stored unit's closure made again: its inferred graph replaced, its record updated."""
        rec.inferred, rec.inferred_triples = pv.inferred_graph(rec.graph), p.inferred
        rec.closure = p.closure
        self.drops.add(rec.inferred)
        self._insert(rec.inferred, p.inferred_nt)
        self._insert(SHARED_INFERRED_GRAPH, self._new_lines(p.shared_inferred_nt))
        self.record(rec)
        self.units += 1
        if self.size >= self.limit:
            self.flush()

    def graph(self, graph: str, nt: str, rec: Record) -> None:
        """Replace one whole graph that is no plan (the ontology) with its record."""
        self.drop(graph)
        self._insert(graph, nt)
        self.record(rec)

    def _new_lines(self, nt: str) -> str:
        """Shared facts not yet written by this ingest (most are the same from plan to plan)."""
        fresh = [ln for ln in nt.splitlines() if ln and ln not in self._shared_seen]
        self._shared_seen.update(fresh)
        return "\n".join(fresh) + "\n" if fresh else ""

    def _insert(self, graph: str, nt: str) -> None:
        if nt:
            self.inserts.setdefault(graph, []).append(nt)
            self.size += nt.count("\n")

    def _bulk_part(self) -> dict[str, list[str]]:
        """What of this batch the bulk loader may write: nothing when a unit is replaced (its
        old graph must go in the same transaction as its new one comes), else every graph but
        those with blank nodes (a bulk load would not keep them apart)."""
        if not self.bulk or self.drops or self.record_drops:
            return {}
        return {g: chunks for g, chunks in self.inserts.items()
                if not any("_:" in c for c in chunks)}

    def flush(self, *, background: bool = False) -> None:
        """Write the batch (``background``: in the writer's thread, returning at once). Its
        records go in the last write, so a record in the store means its unit is whole: a
        bulk load cut short leaves graphs with no record, which the next ingest finds (the
        running mark) and drops."""
        self.wait()
        if self.untallied:
            self.tallied |= tallies.keys_in(self.store, self.untallied)
            self.untallied.clear()
        bulk = self._bulk_part()
        change = Change(
            [f"DROP SILENT GRAPH {iri(g)}" for g in sorted(self.drops)]
            + [pv.delete_record(g) for g in sorted(self.record_drops)],
            {g: chunks for g, chunks in self.inserts.items() if g not in bulk},
            [pv.drop_pending(self.pending_done)] if self.pending_done else [],
        )
        if self.records:
            change.inserts.setdefault(META_GRAPH, []).extend(
                r.triples_n3() for r in self.records.values())
        if change or bulk:
            self.bulked = self.bulked or bool(bulk)
            self.unflushed += self.size
            flush, self.unflushed = ((True, 0) if self.unflushed >= FLUSH_TRIPLES
                                     else (False, self.unflushed))
            if background:
                if self._thread is None:
                    self._thread = ThreadPoolExecutor(1, thread_name_prefix="cancu-writer")
                self._writing = self._thread.submit(self._write, bulk, change, flush, self.units)
            else:
                self.progress.advance("store", *self._write(bulk, change, flush, self.units))
        self.stored.update(self.records)
        self.stored.difference_update(self.record_drops - set(self.records))
        self.drops.clear()
        self.inserts.clear()
        self.records.clear()
        self.record_drops.clear()
        self.pending_done.clear()
        self.size = self.units = 0

    def _write(self, bulk: dict[str, list[str]], change: Change, flush: bool, units: int
               ) -> tuple[float, int]:
        """One batch into the store: what goes by the bulk loader, then the transaction with
        its records. Returns its seconds and its units (for the progress)."""
        t0 = time.perf_counter()
        if bulk:
            self.store.bulk_insert(bulk)
        self.store.apply(change)
        if flush:
            self.store.flush()
        return time.perf_counter() - t0, units

    def wait(self) -> None:
        """Until the batch being written in the background is in the store (its error, if
        it failed, raised here)."""
        if self._writing is not None:
            writing, self._writing = self._writing, None
            self.progress.advance("store", *writing.result())

    def close(self) -> None:
        """Let a write in progress end (an ingest stopped by an error: its error is the one
        raised), and stop the writer's thread."""
        if self._writing is not None:
            futures_wait([self._writing])
            self._writing = None
        if self._thread is not None:
            self._thread.shutdown()
            self._thread = None


# --- the ingest -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    """What one ingest knows while it runs."""

    store: Store
    report: IngestReport
    progress: Progress
    writer: Writer
    reasoner: str
    recs: pv.Records
    written: dict[str, tuple[str, str]] = field(default_factory=dict)  # graph -> (sha, source)
    pending: set[Path] = field(default_factory=set)
    before: str | None = None  # the store's state tag when the ingest began (graph_api.state)
    # what the facts the stored units add about shared things are about (the search index
    # rewrites their rows); None: not followed (no index to update in place)
    touched: set[str] | None = None
    check: bool = False  # check every graph against its record first (see _mend_graphs)
    # the search rows of the plans stored, as their workers made them (an index on disk)
    drafts: search.Drafts | None = None
    recount_all: bool = False  # every count summed again at the end (an ingest cut short)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    reasoner: str = "reasonable",
    progress: bool | Progress = True,
    workers: int | None = None,
    budget: float | None = BUDGET,
    batch: int | None = None,
    max_bytes: int | None = MAX_BYTES,
    check: bool = False,
    bulk: bool | None = None,
) -> IngestReport:
    """Ingest plan files, law files and JSON record files (folders are walked).

    ``workers``: processes (default one per core, none for up to ``INLINE_UP_TO`` plan and
    law files; 0 runs everything in this process);
    ``budget``: seconds one plan may take before it is stopped and reported; ``batch``: triples
    written per transaction (whole plans: at least one; default BATCH_TRIPLES, or BULK_TRIPLES
    through the bulk loader); ``max_bytes``: the largest file read
    (larger ones are reported, unread); ``check``: count every graph against its record first
    (a pass over the whole store, made anyway after an ingest that did not finish); ``bulk``:
    write new plans through the store's bulk loader (None: when ``BULK_FROM`` files or more).
    """
    if reasoner not in REASONERS:
        raise ValueError(f"unknown reasoner {reasoner!r}; use one of {', '.join(REASONERS)}")
    started = time.perf_counter()
    report = IngestReport()
    prog = progress if isinstance(progress, Progress) else Progress(bool(progress))
    writer = Writer(store, prog, batch or BATCH_TRIPLES)
    run = _Run(store, report, prog, writer, reasoner, pv.Records(store), check=check)
    _begin(run)
    files, report.failed = find_files((Path(p) for p in paths), max_bytes)
    if store.bulk and (bulk if bulk is not None else len(files) >= BULK_FROM):
        run.writer.bulk, run.writer.limit = True, batch or BULK_TRIPLES
    extra = sorted(run.pending - {f.resolve() for f in files})
    prog.total = len(files) + len(extra)
    readers = workers
    if workers is None and prog.total <= INLINE_UP_TO and not any(
            f.suffix.lower() in RECORD_SUFFIXES for f in files):
        readers = 0  # a handful of files: no pool to start
    jobs = (Job(reasoner, source=s, rows=run.drafts is not None)
            for s in sources_of([*files, *extra], report.failed))
    try:
        for outcome in _pool(jobs, readers, budget):
            assert outcome.item.source is not None
            _take(run, outcome.item.source, outcome.result, outcome.error)
        run.writer.flush()
        _store_ontology(run)
        _mend_closures(run, workers, budget)
        _compact(run)
        _finish(run)
        prog.close()  # the stages above said in the order they ran, before the index's
        _search_index(run)
    finally:
        run.writer.close()
        prog.close()
        if run.drafts is not None:
            run.drafts.close()
    report.seconds = prog.seconds()
    report.wall = time.perf_counter() - started
    report.peak_mb["main"] = max(report.peak_mb.get("main", 0.0), _peak_mb(),
                                 *(report.stage_mb.values() if readers == 0 else ()))
    report.total_triples, report.graphs = _total(run)
    return report


def _total(run: _Run) -> tuple[int, int]:
    """Triples in the store, and the graphs holding them: what the records count, and the
    graphs common to all units (the store is whole when an ingest ends, so its records count
    its graphs)."""
    common = [run.store.triple_count(g) for g in sorted(pv.COMMON_GRAPHS)]
    triples, graphs = pv.recorded_sizes(run.store)
    return triples + sum(common), graphs + sum(1 for n in common if n)


def _pool(jobs: Iterable[Job], workers: int | None, budget: float | None) -> Iterator[Any]:
    from ingest.bounded import run_bounded

    return run_bounded(prepare, jobs, workers=workers, budget=budget, preload=PRELOAD)


def _begin(run: _Run) -> None:
    """Mark the store as being written; upgrade an old store; drop what has no record."""
    store, report = run.store, run.report
    from graph_api.state import state

    run.before = state(store, ttl=0).tag
    st = pv.state(store)
    if st.running and pv.mark_is_alive(st.running):
        raise StoreError(f"another ingest ({st.running}) is writing this store; wait for it")
    if st.running:
        report.mended.append(f"the previous ingest ({st.running}) did not finish: its plans are "
                             "checked and what it left half done is redone")
    recs: dict[str, Record] | None = None  # every record, where the whole store is checked
    if st.format is None:
        recs = pv.records(store)
        if recs or pv.our_graphs(store):
            recs = _upgrade(run, recs)
            st = pv.state(store)
    run.pending = {p.resolve() for p in st.pending}
    parts = [pv.set_state(pv.running_mark(), pending=st.pending)]
    run.recount_all = bool(st.running) or run.check
    if st.format is not None and st.format < pv.FORMAT:  # before counts, or agendas, were kept
        parts += _kept_stored(run, st.format)
        run.recount_all = run.recount_all or st.format < 3
    if st.running or run.check:
        recs = pv.records(store) if recs is None else recs
        parts += _mend_graphs(run, recs)
    store.update(" ;\n".join(parts))
    # otherwise each record is read when a plan needs it (by its key, or by its file)
    run.recs = pv.Records(store, recs)
    run.writer.stored = run.recs.stored
    index = search.index_path(store)
    if index is not None:  # each plan's rows are made by its worker, kept until the end
        run.drafts = search.Drafts(index.with_name(index.name + ".drafts"))
    if index is not None and index.exists():  # an index to update in place, if only added to
        run.touched = set()


def _mend_graphs(run: _Run, recs: dict[str, Record]) -> list[str]:
    """Every graph against its record (one count of the whole store): drop what has no record,
    and what its record does not count (read again where its file is still there). Only an
    ingest cut short leaves such graphs, as each unit is written with its record in one
    transaction: so this runs after one (its mark is still in the store), or when asked."""
    report, parts = run.report, []
    sizes = pv.graph_sizes(run.store)
    owned = set(recs) | {r.inferred for r in recs.values() if r.inferred}
    for g in sorted(set(sizes) - owned - pv.COMMON_GRAPHS):
        parts.append(f"DROP SILENT GRAPH {iri(g)}")
        report.removed.append(g)
        report.mended.append(f"dropped {g}: it had no record (a write cut short)")
    for g, r in sorted(recs.items()):
        if r.triples is not None and sizes.get(g, 0) != r.triples:
            parts += [f"DROP SILENT GRAPH {iri(g)}", f"DROP SILENT GRAPH {iri(r.inferred or g)}",
                      pv.delete_record(g)]
            if r.path is not None and r.path.exists():
                run.pending.add(r.path.resolve())
            report.mended.append(f"{r.source} was half written: "
                                 + ("read again" if r.path and r.path.exists() else "dropped"))
            del recs[g]
    return parts


def _kept_stored(run: _Run, fmt: int) -> list[str]:
    """Format 2 -> 3: each stored plan's tallies; 3 -> 4: its agenda entries
    (graph_api.kept_agenda); made from its stored graphs (the writes go with the mark that
    says the new format, so a kill leaves the old one and this is done again)."""
    from graph_api import kept_agenda
    from ontology.identity import key_of, plan_iri

    parts = []
    recs = pv.records(run.store)
    plans = [r for r in recs.values() if r.kind in ("plan", "record")]
    for r in plans:
        nt = ""
        if fmt < 3:
            g = plan_with_shared_facts(run.store, r.graph)
            g += run.store.query(  # type: ignore[arg-type]
                f"CONSTRUCT {{ ?x ?p ?o }} WHERE {{ GRAPH {iri(r.graph)} {{ ?s ?q ?x }} "
                f"GRAPH {iri(SHARED_INFERRED_GRAPH)} {{ ?x ?p ?o }} }}")
            if r.inferred:
                g += run.store.graph(r.inferred)
            nt = tallies.of_plan(graph_to_ntriples(g), r.graph)[0]
        # the agenda's rows start from the plan's own tasks: read from the store as it stands
        nt += kept_agenda.of_stored(run.store, plan_iri(key_of(r.graph) or ""), r.graph)
        if not nt:
            continue
        parts.append(f"INSERT DATA {{ GRAPH {iri(r.graph)} {{\n{nt}}} }}")
        r.triples = (r.triples or 0) + nt.count("\n")
        parts += [pv.delete_record(r.graph), f"INSERT DATA {{ GRAPH {iri(META_GRAPH)} {{\n"
                                               f"{r.triples_n3()}}} }}"]
    what = "tasks and citations" if fmt < 3 else "deadlines and recurring work"
    run.report.mended.append(f"counted the {what} of {len(plans)} stored plan(s) (the store "
                             f"was written before cancu kept {'counts' if fmt < 3 else 'agendas'})")
    return parts


def _upgrade(run: _Run, recs: dict[str, Record]) -> dict[str, Record]:
    """A store of an older cancu (plans named by file name, one store-wide closure): drop its
    graphs and read its sources again, recorded as pending so that a kill loses none."""
    keep = [p for r in recs.values() if r.kind in ("plan", "law", "record") for p in r.paths]
    gone = sorted({r.source for r in recs.values() if r.kind in ("plan", "law", "record")
                   and not any(p.exists() for p in r.paths)})
    pending = sorted({p.resolve() for p in keep if p.exists()})
    parts = [f"DROP SILENT GRAPH {iri(g)}" for g in pv.our_graphs(run.store)]
    parts.append(pv.set_state(pv.running_mark(), pending=pending))
    run.store.update(" ;\n".join(parts))
    msg = (f"upgraded the store: it was written by an older cancu (plans named by their file "
           f"names); its {len(pending)} source file(s) are read again")
    if gone:
        msg += f"; {len(gone)} could not be, their files are gone: {', '.join(gone)}"
    run.report.mended.append(msg)
    return {}


def _take(run: _Run, src: Source, p: Prepared | None, error: str | None) -> None:
    """Record one outcome, and queue its write."""
    report, prog = run.report, run.progress
    if src.path.resolve() in run.pending and src.kind != "record":
        run.writer.pending_done.append(src.path.resolve())
    if p is None:
        report.failed.append(Problem(src.name, error or "failed"))
        prog.advance("extract", 0.0)
        return
    for stage, secs in p.seconds.items():
        prog.advance(stage, secs)
    report.peak_mb["worker"] = max(report.peak_mb.get("worker", 0.0), p.peak_mb)
    _stage_peaks(report, p)
    if p.unreadable:
        report.failed.append(Problem(src.name, p.unreadable))
        return
    if p.refused is not None:
        report.refused.append(Problem(src.name, f"{len(p.refused)} SHACL violation(s)", p.refused))
        return
    path = src.path.resolve()
    seen = run.written.get(p.graph)
    if seen and seen[0] == p.sha256:  # the same plan again, from another file
        report.duplicates.append((src.name, seen[1]))
        rec = run.recs[p.graph]
        if path not in rec.paths:
            rec.paths.append(path)
            run.recs[p.graph] = rec  # (indexed by its new file)
            run.writer.record(rec)
        return
    if seen:
        report.warnings.append(f"{seen[1]} and {src.name} are two versions of one plan "
                               f"({p.graph}); {src.name}, read last, is stored")
    previous = run.recs.get(p.graph)
    if src.kind == "plan":
        _release_path(run, path, p.graph)
    status = ("new" if previous is None else
              "unchanged" if previous.sha256 == p.sha256 else "updated")
    rec = Record(p.graph, src.kind, src.name, p.sha256, [path], plan=p.plan, triples=p.triples,
                 inferred=pv.inferred_graph(p.graph) if p.closure else None,
                 inferred_triples=p.inferred if p.closure else None, closure=p.closure)
    if run.touched is not None:  # asked before the write (which may come at once)
        run.touched.update(_named(_new_facts(run.store, p.shared_nt)))
    run.writer.add(p, rec, replace=True)
    if run.drafts is not None and p.rows is not None and p.plan:
        run.drafts.put(p.plan, p.rows)
    run.recs[p.graph] = rec
    run.recs.holding(path).add(p.graph)
    run.written[p.graph] = (p.sha256, src.name)
    if p.closure:
        report.inferred = (report.inferred or 0) + p.inferred
    report.stored.append(Stored(src.name, p.graph, src.kind, p.triples, status))


def _new_facts(store: Store, nt: str) -> str:
    """The lines of ``nt`` (facts about shared things) the shared graph does not hold yet, in
    one query over those facts: most of what a plan says of a body or a law, another plan said
    before. The facts are parsed and each term written back by pyoxigraph, so what goes into
    the query's ``VALUES`` is RDF terms, never the plan's own lines."""
    facts = list(ox.parse(input=nt, format=ox.RdfFormat.N_TRIPLES)) if nt.strip() else []
    if not facts or any(isinstance(t, ox.BlankNode) for q in facts  # cannot be looked up
                        for t in (q.subject, q.object)):
        return nt
    lines = [f"{q.subject} {q.predicate} {q.object} .\n" for q in facts]
    rows = "\n".join(f"({i} {q.subject} {q.predicate} {q.object})" for i, q in enumerate(facts))
    res = store.query(
        f"SELECT ?i WHERE {{ VALUES (?i ?s ?p ?o) {{\n{rows}\n}} "
        f"FILTER NOT EXISTS {{ GRAPH {iri(SHARED_GRAPH)} {{ ?s ?p ?o }} }} }}")
    return "".join(lines[int(r["i"])] for r in res.rows)  # type: ignore[union-attr]


def _named(nt: str) -> Iterator[str]:
    """The IRIs N-Triples lines have as subject or object (what a plan's shared facts are
    about: the search index rewrites their rows)."""
    for line in nt.splitlines():
        s, _, rest = line.partition(" ")
        if s.startswith("<"):
            yield s[1:-1]
        o = rest.partition(" ")[2].rstrip(" .")
        if o.startswith("<") and o.endswith(">"):
            yield o[1:-1]


def _stage_peaks(report: IngestReport, p: Prepared) -> None:
    for stage, mb in p.stage_mb.items():
        report.stage_mb[stage] = max(report.stage_mb.get(stage, 0.0), mb)


def _release_path(run: _Run, path: Path, graph: str) -> None:
    """A file now holds ``graph``: the plans it held before lose it as a source, and a plan no
    file holds any more (an edited plan without a number: a new key) is removed."""
    held = run.recs.holding(path)
    for old in sorted(held - {graph}):
        rec = run.recs.get(old)
        held.discard(old)
        if rec is None or rec.kind != "plan":
            continue
        rec.paths = [p for p in rec.paths if p.resolve() != path]
        if rec.paths:
            run.writer.record(rec)
            continue
        run.writer.drop(old)
        del run.recs[old]
        run.report.removed.append(old)
        run.report.warnings.append(f"{path.name} now holds another version of its plan: the old "
                                   f"one ({old}) is replaced")


def _store_ontology(run: _Run) -> None:
    """Keep the ontology in the store, so queries can follow subclass links."""
    from ontology.reasoning import ONTOLOGY, ontology_graph

    sha = sha256_of(ONTOLOGY)
    old = run.recs.get(ONTOLOGY_GRAPH)
    if old is not None and old.sha256 == sha:
        return
    g = ontology_graph()
    run.writer.graph(ONTOLOGY_GRAPH, _nt(g), Record(ONTOLOGY_GRAPH, "ontology", ONTOLOGY.name,
                                                    sha, [ONTOLOGY], triples=len(g)))
    run.writer.flush()


def _mend_closures(run: _Run, workers: int | None, budget: float | None) -> None:
    """Reason again over stored units whose closure is stale (another ontology) or missing."""
    if run.reasoner == "none":
        return
    want = pv.closure_key(run.reasoner)
    digest = want.split(" ", 1)[1]
    stale = [r for g in pv.stale_closures(run.store, digest)
             if g not in run.written and (r := run.recs.get(g)) is not None]
    if not stale:
        return
    from graph_api.store import graph_to_ntriples

    def jobs() -> Iterator[Job]:
        for r in stale:
            plan = run.store.graph(r.graph)
            shared = plan_with_shared_facts(run.store, r.graph, only_shared=True)
            yield Job(run.reasoner, graph=r.graph, kind=r.kind, plan_nt=graph_to_ntriples(plan),
                      shared_nt=graph_to_ntriples(shared))

    for outcome in _pool(jobs(), workers, budget):
        p, r = outcome.result, run.recs[outcome.item.graph or ""]
        if p is None:
            run.report.failed.append(Problem(r.source, f"closure: {outcome.error}"))
            continue
        for stage, secs in p.seconds.items():
            run.progress.advance(stage, secs)
        _stage_peaks(run.report, p)
        run.writer.reclosed(r, p)
    run.writer.flush()
    run.report.mended.append(f"reasoned again over {len(stale)} stored unit(s) whose closure was "
                             "stale or missing")


def _compact(run: _Run) -> None:
    """After bulk loads, the store merges the many files they wrote (queries read each)."""
    if not run.writer.bulked:
        return
    run.progress.stage("compact", "store", total=1)
    t0 = time.perf_counter()
    run.store.compact()
    run.progress.advance("compact", time.perf_counter() - t0, 1, "store")
    run.progress.done("compact")


def _finish(run: _Run) -> None:
    """The last transaction: the store is whole again (no mark, nothing pending)."""
    st = pv.state(run.store)
    left = [p for p in st.pending if p.resolve() not in {x.resolve() for x in run.pending}]
    parts = [pv.set_state(None, pending=left)]
    recount = tallies.recount(None if run.recount_all else run.writer.tallied)
    if recount:  # the counts of what this ingest wrote or dropped, with the mark's removal
        parts.append(recount)
    if run.store.query(f"ASK {{ GRAPH {iri(LEGACY_INFERRED_GRAPH)} {{ ?s ?p ?o }} }}"):
        parts.append(f"DROP SILENT GRAPH {iri(LEGACY_INFERRED_GRAPH)}")
    run.store.update(" ;\n".join(parts))


def _search_index(run: _Run) -> None:
    """The full-text index beside an on-disk store (ux's graph_api.search; other stores build
    theirs when first searched): plans only added are indexed in place; otherwise it is
    rebuilt from what is now stored, unless nothing changed. Either way, the task rows of the
    plans this ingest stored are those their workers made (run.drafts), with the store's
    labels, not read back."""
    from graph_api.state import state

    if search.index_path(run.store) is None:
        return
    started = time.perf_counter()
    rows = None
    report = run.report
    added = [(run.recs[s.graph].plan, s.graph) for s in report.stored if s.status == "new"]
    # plans only added (none replaced or removed, no law or ontology changed): their rows are
    # added to the index in place, at the cost of the plans; anything else rebuilds it
    if (run.before and added and all(s.status == "new" and s.kind in ("plan", "record")
                                     for s in report.stored)
            and not report.removed and not report.mended and all(p for p, _ in added)):
        rows = search.add_plans(run.store, added, run.before,  # type: ignore[arg-type]
                                run.touched or (), run.drafts)
    if rows is None and run.before == state(run.store, ttl=0).tag == search.built_from(run.store):
        rows = 0  # the store is as the index was built from (plans read again unchanged)
    if rows is None:
        rows = search.refresh(run.store, run.drafts)
    run.progress.stage("search", "row", total=rows)
    run.progress.advance("search", time.perf_counter() - started, rows, "row")
    run.progress.done("search")


# --- removal ----------------------------------------------------------------------------------


def remove_units(store: Store, graphs: Iterable[str]) -> list[Record]:
    """Delete stored units (plans or laws) with everything inferred from them, in one
    transaction; shared facts nothing refers to any more are removed with them."""
    recs = pv.records(store)
    gone = [recs[g] for g in dict.fromkeys(graphs) if g in recs]
    if not gone:
        return []
    parts = []
    counted = tallies.keys_in(store, [r.graph for r in gone])
    for r in gone:
        parts += [f"DROP SILENT GRAPH {iri(r.graph)}",
                  f"DROP SILENT GRAPH {iri(r.inferred or pv.inferred_graph(r.graph))}",
                  pv.delete_record(r.graph)]
    cleanup = _shared_cleanup()
    if cleanup:
        parts.append(cleanup)
    if counted:
        parts.append(tallies.recount(counted))
    store.update(" ;\n".join(parts))
    return gone


def _shared_cleanup() -> str | None:
    try:
        from ontology.registry import CLEANUP
    except ImportError:
        return None
    return str(CLEANUP)


# --- re-validation ----------------------------------------------------------------------------


def plan_with_shared_facts(store: Store, graph_iri: str, *, only_shared: bool = False) -> Any:
    """A stored plan graph and the shared facts about the things it names (what its shapes
    check: a lead must be a body), read in time proportional to the plan."""
    from rdflib import Graph

    g = Graph() if only_shared else store.graph(graph_iri)
    g += store.query(  # type: ignore[arg-type]
        f"CONSTRUCT {{ ?x ?p ?o }} WHERE {{ GRAPH {iri(graph_iri)} {{ ?s ?q ?x }} "
        f"GRAPH {iri(SHARED_GRAPH)} {{ ?x ?p ?o }} }}"
    )
    return g


@dataclass(slots=True)
class Recheck:
    graph: str
    source: str
    violations: list[str]
    note: str | None = None  # the source file changed or vanished since it was ingested


def revalidate(store: Store) -> list[Recheck]:
    """Re-run the SHACL shapes over every stored plan graph (for ``cancu validate``)."""
    from ontology.validate import validate

    out: list[Recheck] = []
    for graph_iri, r in sorted(pv.records(store).items()):
        if r.kind not in ("plan", "record"):
            continue
        result = validate(plan_with_shared_facts(store, graph_iri))
        note = None
        path = r.path
        if path is not None and not path.exists():
            note = f"source file {path} is gone"
        elif path is not None and r.kind == "plan" and sha256_of(path) != r.sha256:
            note = f"source file {path.name} changed since it was ingested; re-run cancu ingest"
        words = [] if result.conforms else [str(getattr(v, "message", v))
                                            for v in result.violations]
        out.append(Recheck(graph_iri, r.source, words, note))
    return out


def stored_sources(store: Store) -> dict[str, dict[str, Any]]:
    """``graph IRI -> {source, path, sha256, kind}`` (the records, as plain dicts)."""
    return {g: {"source": r.source, "path": r.path, "sha256": r.sha256, "kind": r.kind}
            for g, r in pv.records(store).items()}


__all__ = ["META_GRAPH", "IngestReport", "ingest_paths", "remove_units", "revalidate"]
