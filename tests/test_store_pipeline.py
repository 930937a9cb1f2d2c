"""The ingest pipeline with stand-ins for extraction and validation (fast, no spaCy), run in
this process (``workers=0``) so that the stand-ins are the ones called."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace

from graph_api.pipeline import discover, ingest_paths, is_law, revalidate, stored_sources
from graph_api.store import INFERRED_GRAPH, META_GRAPH, open_store
from ontology.iris import ELI
from ontology.mapping import MappedPlan
from ontology.triples import from_graph, parse_ntriples

EX = Namespace("http://example.org/")


def record(source: str, tasks: int) -> dict:
    return {"source": source, "sha256": f"sha-{source}-{tasks}", "tasks": tasks}


def fake_plan_to_graph(rec: dict) -> tuple[str, Graph]:
    g = Graph()
    for i in range(rec["tasks"]):
        g.add((EX[f"{rec['source']}/task/{i}"], EX.text, Literal(f"task {i}")))
    return f"https://cancu.dev/graph/plan/{rec['source']}", g


def fake_map_plan(rec: dict, source_text: str | None = None) -> MappedPlan:
    iri, g = fake_plan_to_graph(rec)
    return MappedPlan(iri, g, Graph())


def fake_validate(data: str | Graph | ox.Store) -> SimpleNamespace:
    """Stands in for ontology.validate.validate: the ingest hands it an in-memory store of the
    N-Triples text it will store, ``cancu validate`` a graph read back from the store."""
    if isinstance(data, ox.Store):
        triples = {(q.subject, q.predicate, q.object) for q in data}
    else:
        triples = parse_ntriples(data) if isinstance(data, str) else from_graph(data)
    bad = [s.value for s, _, _ in triples if "bad" in s.value]
    violations = [SimpleNamespace(message=f"{s} has no body") for s in sorted(set(bad))]
    return SimpleNamespace(conforms=not violations, violations=violations)


@pytest.fixture()
def standins(monkeypatch: pytest.MonkeyPatch) -> None:
    import ontology.mapping
    import ontology.validate

    monkeypatch.setattr(ontology.mapping, "map_plan", fake_map_plan)
    monkeypatch.setattr(ontology.validate, "validate", fake_validate)


def write_records(tmp_path: Path, *recs: dict) -> Path:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(list(recs)), encoding="utf-8")
    return path


def test_discover_classifies(tmp_path: Path) -> None:
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "luat.txt").write_text("Điều 1.", encoding="utf-8")
    (tmp_path / "nd.txt").write_text("# source: x\n# document: Nghị định 1\n", encoding="utf-8")
    (tmp_path / "plan.txt").write_text("KẾ HOẠCH", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    write_records(tmp_path, record("a.txt", 1), record("b.txt", 2))
    sources, problems = discover([tmp_path, tmp_path / "missing.txt"])
    kinds = sorted((s.name, s.kind) for s in sources)
    assert kinds == [("a.txt", "record"), ("b.txt", "record"), ("luat.txt", "law"),
                     ("nd.txt", "law"), ("plan.txt", "plan")]  # fmt: skip
    assert [p.reason for p in problems] == ["no such file or folder"]
    assert is_law(tmp_path / "nd.txt") and not is_law(tmp_path / "plan.txt")


def test_ingest_refuses_violations_and_is_idempotent(tmp_path: Path, standins: None) -> None:
    recs = write_records(tmp_path, record("a.txt", 3), record("bad", 1), record("c.txt", 2))
    store = open_store(":memory:")
    first = ingest_paths(store, [recs], reasoner="none", progress=False, workers=0)
    assert [s.source for s in first.stored] == ["a.txt", "c.txt"]
    assert [s.status for s in first.stored] == ["new", "new"]
    assert [(p.source, p.violations) for p in first.refused] == [
        ("bad", ["http://example.org/bad/task/0 has no body"])
    ]
    count = store.triple_count()
    graphs = store.graphs()
    second = ingest_paths(store, [recs], reasoner="none", progress=False, workers=0)
    assert [s.status for s in second.stored] == ["unchanged", "unchanged"]
    assert store.triple_count() == count and store.graphs() == graphs
    meta = stored_sources(store)
    assert meta["https://cancu.dev/graph/plan/a.txt"]["sha256"] == "sha-a.txt-3"
    assert META_GRAPH in graphs


def test_unreadable_plan_does_not_stop_the_batch(tmp_path: Path, standins: None) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "broken.txt").write_bytes(b"\x00\x01\xff\xfe" * 50)
    recs = write_records(tmp_path, record("a.txt", 1))
    store = open_store(":memory:")
    report = ingest_paths(store, [plans, recs], reasoner="none", progress=False, workers=0)
    assert [s.source for s in report.stored] == ["a.txt"]
    assert [p.source for p in report.failed] == ["broken.txt"]
    assert report.failed[0].reason


def test_each_plan_gets_its_own_inferred_graph(tmp_path: Path, monkeypatch) -> None:
    """Reasoning is per plan: its inferences beside it, none over the whole store."""
    import ontology.reasoning

    calls: list[int] = []

    def fake_plan_closure(plan: Graph, shared: Graph, engine: str = "reasonable"):
        calls.append(len(plan))
        out = Graph()
        for s, _, _ in plan:  # of a property the store keeps (ontology.reasoning.stored)
            out.add((s, ELI.cites, Literal(engine)))
        return SimpleNamespace(plan=out, shared=Graph())

    monkeypatch.setattr(ontology.reasoning, "plan_closure", fake_plan_closure)
    import ontology.mapping
    import ontology.validate

    monkeypatch.setattr(ontology.validate, "validate", fake_validate)

    monkeypatch.setattr(ontology.mapping, "map_plan", fake_map_plan)
    recs = write_records(tmp_path, record("a.txt", 2), record("b.txt", 3))
    store = open_store(":memory:")
    store.replace_graph(INFERRED_GRAPH, fake_plan_to_graph(record("old", 1))[1])
    report = ingest_paths(store, [recs], reasoner="owlrl", progress=False, workers=0)
    assert report.inferred == 5 and calls == [2, 3]  # each plan alone
    assert store.triple_count("https://cancu.dev/graph/inferred/plan/a.txt") == 2
    assert store.triple_count("https://cancu.dev/graph/inferred/plan/b.txt") == 3
    assert store.triple_count(INFERRED_GRAPH) == 0  # an older store-wide closure is dropped
    ingest_paths(store, [recs], reasoner="none", progress=False, workers=0)
    assert calls == [2, 3]


def test_revalidate_reports_violations_and_stale_sources(tmp_path: Path, standins) -> None:
    store = open_store(":memory:")
    recs = write_records(tmp_path, record("a.txt", 1))
    ingest_paths(store, [recs], reasoner="none", progress=False, workers=0)
    good, _ = fake_plan_to_graph(record("a.txt", 1))
    bad = Graph()
    bad.add((EX["bad/x"], EX.text, Literal("x")))
    store.replace_graph(good, bad)  # the stored graph drifted from what was checked
    checks = revalidate(store)
    assert [(c.source, c.violations) for c in checks] == [
        ("a.txt", ["http://example.org/bad/x has no body"])
    ]


def test_a_plan_file_is_read_and_decoded_once(tmp_path: Path, monkeypatch) -> None:
    """The extractor's decoded text is what the mapping quotes: the file is not decoded again."""
    import ingest.read
    from graph_api.pipeline import Job, Source, prepare

    plan = tmp_path / "ke-hoach-thu.txt"
    plan.write_text("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nKẾ HOẠCH\nThực hiện công tác thử\n\n"
                    "I. NHIỆM VỤ\n1. Sở Nội vụ chủ trì rà soát các văn bản.\n", encoding="utf-8")
    calls: list[object] = []
    real = ingest.read.decode_file

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest.read, "decode_file", counted)
    p = prepare(Job("none", source=Source(plan, "plan")))
    assert p.unreadable is None
    assert len(calls) == 1
    assert '"Sở Nội vụ"' in p.graph_nt  # a span's quote: the words at its offsets


def test_workers_fork_with_what_they_preload_frozen() -> None:
    """The forkserver imports graph_api.warm last, which freezes what the imports made: the
    workers' collections leave it alone (and its pages stay shared)."""
    import subprocess
    import sys

    from graph_api.pipeline import PRELOAD

    assert PRELOAD[-1] == "graph_api.warm"
    code = "import gc, graph_api.warm; print(gc.get_freeze_count())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) > 10_000
