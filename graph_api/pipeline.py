"""From files to the store: extract → map → validate → replace each named graph → its closure.

One source file (or one record of a JSON file) gives one named graph, replaced as a whole (and
its inferred graph beside it; the facts about shared things are added to the shared graph), so
ingesting the same files twice leaves the store identical. A small metadata graph records
where each graph came from (file, sha256, kind) so re-ingesting can tell new from unchanged and
``cancu validate`` can re-check the stored plans later. A plan that breaks the SHACL shapes is
refused (and its violations reported); an unreadable file is reported and skipped; neither stops
the batch.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from rdflib import Graph, Literal, Namespace, URIRef

from graph_api.store import INFERRED_GRAPH, META_GRAPH, Store, graph_to_ntriples, iri

META = Namespace("https://cancu.dev/meta#")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
ONTOLOGY_GRAPH = "https://cancu.dev/graph/ontology"
# facts about bodies, documents and provisions, added to by every plan that names them
SHARED_GRAPH = "https://cancu.dev/graph/shared"
REASONERS = ("reasonable", "owlrl", "none")
RECORD_SUFFIXES = {".json", ".jsonl"}
# plans the reader takes, and office files it refuses by name (so they are reported, not
# passed over in silence)
PLAN_SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf"}


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
    failed: list[Problem] = field(default_factory=list)  # unreadable or not mappable
    warnings: list[str] = field(default_factory=list)
    inferred: int | None = None  # triples inferred for the units stored, None when not reasoned
    total_triples: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.refused and not self.failed

    def time(self, step: str, since: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - since


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


def _records(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON file: one object, an array, ``{"plans": [...]}``, or JSON Lines."""
    text = path.read_text(encoding="utf-8")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    if isinstance(data, dict):
        data = data.get("plans") or data.get("records") or [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError("not a plan record, a list of records or JSON Lines")
    return data


def discover(paths: Iterable[Path]) -> tuple[list[Source], list[Problem]]:
    """Expand folders; classify each file as plan, law or JSON records."""
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and f.suffix.lower() in PLAN_SUFFIXES | RECORD_SUFFIXES
            )
        elif p.is_file():
            files.append(p)
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    sources: list[Source] = []
    for f in dict.fromkeys(files):
        if f.suffix.lower() in RECORD_SUFFIXES:
            try:
                sources.extend(Source(f, "record", r) for r in _records(f))
            except (ValueError, OSError) as exc:
                problems.append(Problem(f.name, f"unreadable records file: {exc}"))
        else:
            sources.append(Source(f, "law" if is_law(f) else "plan"))
    return sources, problems


# --- metadata ---------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_sources(store: Store) -> dict[str, dict[str, Any]]:
    """``graph IRI -> {source, path, sha256, kind, triples}`` from the metadata graph."""
    res = store.query(
        f"""SELECT ?g ?source ?path ?sha ?kind WHERE {{ GRAPH {iri(META_GRAPH)} {{
              ?g <{META.source}> ?source ; <{META.sha256}> ?sha ; <{META.kind}> ?kind .
              OPTIONAL {{ ?g <{PROV_DERIVED}> ?path }} }} }}"""
    )
    out: dict[str, dict[str, Any]] = {}
    for row in res.rows:  # type: ignore[union-attr]
        path = row["path"]
        out[row["g"]] = {
            "source": row["source"],
            "path": Path(url2pathname(urlparse(path).path)) if path else None,
            "sha256": row["sha"],
            "kind": row["kind"],
        }
    return out


def record_source(store: Store, graph: str, source: str, path: Path, sha: str, kind: str) -> None:
    """Replace the metadata of one graph (kept in the metadata graph, one subject per graph)."""
    g = Graph()
    node = URIRef(graph)
    g.add((node, META.source, Literal(source)))
    g.add((node, META.sha256, Literal(sha)))
    g.add((node, META.kind, Literal(kind)))
    g.add((node, PROV_DERIVED, URIRef(path.resolve().as_uri())))
    meta = iri(META_GRAPH)
    store.update(
        f"DELETE WHERE {{ GRAPH {meta} {{ {iri(graph)} ?p ?o }} }} ;\n"
        f"INSERT DATA {{ GRAPH {meta} {{\n{graph_to_ntriples(g)}}} }}"
    )


# --- steps ------------------------------------------------------------------------------------


def _load_validator() -> Callable[[Graph], Any] | None:
    try:
        from ontology.validate import validate
    except ImportError:
        return None
    return validate


def _map(source: Source, report: IngestReport) -> tuple[str, Graph, Graph, str]:
    """``(graph IRI, its triples, facts about shared things, sha256)`` for one source; raises on
    unreadable input."""
    if source.kind == "law":
        from ontology.laws import law_to_graph

        t0 = time.perf_counter()
        graph_iri, g = law_to_graph(source.path)
        report.time("map", t0)
        return graph_iri, g, Graph(), sha256_of(source.path)
    from ontology.mapping import map_plan

    record = source.record
    if record is None:
        from ingest.extract import extract_file

        t0 = time.perf_counter()
        record = extract_file(source.path).to_dict()
        report.time("extract", t0)
    t0 = time.perf_counter()
    mapped = map_plan(record)
    report.time("map", t0)
    sha = record.get("sha256") or sha256_of(source.path)
    return mapped.graph, mapped.plan, mapped.shared, str(sha)


def _read_errors() -> tuple[type[BaseException], ...]:
    try:
        from ingest.read import ReadError
    except ImportError:
        return (OSError, UnicodeDecodeError)
    return (ReadError, OSError, UnicodeDecodeError)


def violations_in_words(report: Any) -> list[str]:
    return [str(getattr(v, "message", v)) for v in getattr(report, "violations", [])]


def reason(store: Store, source: Source, graph_iri: str, g: Graph, shared: Graph,
           reasoner: str, report: IngestReport) -> None:
    """Store what the ontology adds to one unit beside it (its own inferred graph, replaced),
    and what it adds to the shared facts (added to the shared inferred graph): the cost is the
    unit's size, whatever the store holds."""
    from ontology.iris import SHARED_INFERRED_GRAPH, inferred_graph_iri
    from ontology.reasoning import plan_closure, unit_closure

    t0 = time.perf_counter()
    if source.kind == "law":
        own, extra = unit_closure(g, reasoner), Graph()
    else:
        inferred = plan_closure(g, shared, reasoner)
        own, extra = inferred.plan, inferred.shared
    store.replace_graph(str(inferred_graph_iri(graph_iri)), own)
    if len(extra):
        store.update(f"INSERT DATA {{ GRAPH {iri(str(SHARED_INFERRED_GRAPH))} {{\n"
                     f"{graph_to_ntriples(extra)}}} }}")
    report.inferred = (report.inferred or 0) + len(own) + len(extra)
    report.time(f"closure ({reasoner})", t0)


def _store_ontology(store: Store, report: IngestReport) -> None:
    """Keep the ontology itself in the store, so queries can follow subclass links."""
    try:
        from ontology.reasoning import ONTOLOGY, ontology_graph
    except ImportError:
        report.warnings.append("ontology.reasoning is not available: ontology graph not stored")
        return
    store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    record_source(store, ONTOLOGY_GRAPH, ONTOLOGY.name, ONTOLOGY, sha256_of(ONTOLOGY), "ontology")


def _progress(items: list[Source], enabled: bool) -> Iterator[Source]:
    from tqdm import tqdm

    show = enabled and sys.stderr.isatty()
    bar = tqdm(items, desc="ingest", unit="file", disable=not show, leave=False)
    for item in bar:
        bar.set_postfix_str(item.name[:40], refresh=False)
        yield item


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    reasoner: str = "reasonable",
    progress: bool = True,
) -> IngestReport:
    """Ingest plan files, law files and JSON record files (folders are walked)."""
    if reasoner not in REASONERS:
        raise ValueError(f"unknown reasoner {reasoner!r}; use one of {', '.join(REASONERS)}")
    report = IngestReport()
    sources, report.failed = discover(Path(p) for p in paths)
    before = stored_sources(store)
    validate = _load_validator()
    if validate is None:
        report.warnings.append("ontology.validate is not available: plans stored unchecked")
    read_errors = _read_errors()
    for source in _progress(sources, progress):
        try:
            graph_iri, g, shared, sha = _map(source, report)
        except read_errors as exc:
            report.failed.append(Problem(source.name, f"unreadable: {exc}"))
            continue
        except ImportError as exc:
            report.failed.append(Problem(source.name, f"cannot process a {source.kind}: {exc}"))
            continue
        except Exception as exc:  # one bad file must not stop the batch
            report.failed.append(Problem(source.name, f"{type(exc).__name__}: {exc}"))
            continue
        if validate is not None and source.kind != "law":
            t0 = time.perf_counter()
            result = validate(g + shared)
            report.time("validate", t0)
            if not result.conforms:
                words = violations_in_words(result)
                report.refused.append(
                    Problem(source.name, f"{len(words)} SHACL violation(s)", words)
                )
                continue
        t0 = time.perf_counter()
        previous = before.get(graph_iri)
        status = "new" if previous is None else "updated"
        if previous is not None and previous["sha256"] == sha:
            status = "unchanged"
        store.replace_graph(graph_iri, g)
        if len(shared):
            store.update(f"INSERT DATA {{ GRAPH {iri(SHARED_GRAPH)} {{\n"
                         f"{graph_to_ntriples(shared)}}} }}")
        record_source(store, graph_iri, source.name, source.path, sha, source.kind)
        report.time("store", t0)
        if reasoner != "none":
            reason(store, source, graph_iri, g, shared, reasoner, report)
        report.stored.append(Stored(source.name, graph_iri, source.kind, len(g), status))
    if report.stored:
        _store_ontology(store, report)
    if report.stored and store.query(f"ASK {{ GRAPH {iri(INFERRED_GRAPH)} {{ ?s ?p ?o }} }}"):
        store.drop_graph(INFERRED_GRAPH)  # the store-wide closure of older versions
    report.total_triples = store.triple_count()
    return report


# --- re-validation ----------------------------------------------------------------------------


def plan_with_shared_facts(store: Store, graph_iri: str) -> Graph:
    """A stored plan graph and the shared facts about the things it names (what its shapes
    check: a lead must be a body), read in time proportional to the plan."""
    g = store.graph(graph_iri)
    g += store.query(
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
    validate = _load_validator()
    if validate is None:
        raise RuntimeError("ontology.validate is not available yet: nothing to validate with")
    out: list[Recheck] = []
    for graph_iri, info in sorted(stored_sources(store).items()):
        if info["kind"] not in ("plan", "record"):
            continue
        result = validate(plan_with_shared_facts(store, graph_iri))
        note = None
        path = info["path"]
        if path is not None and not path.exists():
            note = f"source file {path} is gone"
        elif path is not None and info["kind"] == "plan" and sha256_of(path) != info["sha256"]:
            note = f"source file {path.name} changed since it was ingested; re-run cancu ingest"
        words = [] if result.conforms else violations_in_words(result)
        out.append(Recheck(graph_iri, info["source"], words, note))
    return out
