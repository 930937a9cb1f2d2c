"""Store back-ends: the in-memory and the persistent embedded store behave the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef

from graph_api.store import (
    NotAcceptable,
    OxigraphStore,
    QueryError,
    SelectResult,
    StoreError,
    bind_values,
    is_update,
    open_store,
)

EX = Namespace("http://example.org/")
G1 = "https://cancu.dev/graph/plan/a"
G2 = "https://cancu.dev/graph/plan/b"


def plan_graph(n: int, tag: str = "a") -> Graph:
    """A small stand-in for ontology.mapping output, blank node and language tag included."""
    g = Graph()
    for i in range(n):
        task = EX[f"{tag}/task/{i}"]
        g.add((task, RDF.type, EX.Task))
        g.add((task, EX.text, Literal(f'Nhiệm vụ {i} "trích dẫn"\n', lang="vi")))
        g.add((task, EX.order, Literal(i)))
    node = BNode()
    g.add((EX[f"{tag}/task/0"], EX.due, node))
    g.add((node, EX.date, Literal("2026-12-31", datatype=URIRef(str(EX.date)))))
    return g


@pytest.fixture(params=["memory", "dir"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    s = open_store(None if request.param == "memory" else tmp_path / "store")
    yield s
    s.close()


def test_open_store_kinds(tmp_path: Path) -> None:
    assert open_store(":memory:").location == ":memory:"
    assert isinstance(open_store(tmp_path / "s"), OxigraphStore)
    assert open_store("http://localhost:9/query").location == "http://localhost:9/query"


def test_a_store_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    store = open_store(tmp_path / "var" / "store")  # `make run` on a fresh clone: no var/
    store.replace_graph(G1, plan_graph(1))
    store.close()
    assert (tmp_path / "var" / "store" / "CURRENT").exists()


def test_replace_graph_is_idempotent(store) -> None:
    store.replace_graph(G1, plan_graph(5))
    first = store.triple_count()
    store.replace_graph(G1, plan_graph(5))
    assert store.triple_count() == first == 17
    assert store.triple_count(G1) == 17
    store.replace_graph(G1, plan_graph(2))
    assert store.triple_count(G1) == 8
    store.replace_graph(G2, plan_graph(1, "b"))
    assert store.graphs() == [G1, G2]
    store.drop_graph(G1)
    assert store.graphs() == [G2]


def test_query_forms_and_union_default_graph(store) -> None:
    store.replace_graph(G1, plan_graph(3))
    store.replace_graph(G2, plan_graph(2, "b"))
    res = store.query(f"SELECT ?t ?o WHERE {{ ?t <{EX.order}> ?o }} ORDER BY ?o ?t")
    assert isinstance(res, SelectResult)
    assert res.vars == ["t", "o"]
    assert [r["o"] for r in res.rows] == [0, 0, 1, 1, 2]
    assert isinstance(res.terms[0]["t"], URIRef)
    opt = store.query(f"SELECT ?t ?x WHERE {{ ?t <{EX.order}> 2 OPTIONAL {{ ?t <{EX.no}> ?x }} }}")
    assert opt.rows == [{"t": str(EX["a/task/2"]), "x": None}]
    assert store.query("ASK { ?s ?p ?o }") is True
    graph = store.query(f"CONSTRUCT {{ ?t a <{EX.Task}> }} WHERE {{ ?t a <{EX.Task}> }}")
    assert isinstance(graph, Graph) and len(graph) == 5
    assert len(store.graph(G1)) == 3 * 3 + 2
    assert len(store.union_graph(exclude=[G2])) == 11


def test_bindings_are_terms_not_text(store) -> None:
    store.replace_graph(G1, plan_graph(3))
    q = f"SELECT ?t WHERE {{ ?t <{EX.order}> ?n }}"
    assert store.query(q, {"n": 1}).rows == [{"t": str(EX["a/task/1"])}]
    assert store.query(q, {"n": "1"}).rows == []  # a string is not the integer 1
    attack = '1" } ; DROP ALL ; SELECT * { ?s ?p "'
    assert store.query(q, {"n": attack}).rows == []
    assert store.triple_count() == 11
    with pytest.raises(QueryError):
        store.query(q, {"n": URIRef("http://x> } DROP ALL")})
    with pytest.raises(QueryError):
        store.query(q, {"n; DROP": 1})


def test_bind_values_positions() -> None:
    b = {"x": 1}
    assert "WHERE { VALUES (?x)" in bind_values("SELECT * WHERE { ?s ?p ?x }", b)
    assert bind_values("SELECT * { ?s ?p ?x }", b).startswith("SELECT * { VALUES (?x)")
    sparql = "# { WHERE\nPREFIX e: <http://e/{x}>\nCONSTRUCT { ?s e:p '{' } WHERE { ?s ?p ?x }"
    out = bind_values(sparql, b)
    assert out.endswith(
        'WHERE { VALUES (?x) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }  ?s ?p ?x }'
    )
    with pytest.raises(QueryError):
        bind_values("CONSTRUCT WHERE { ?s ?p ?x }", b)
    with pytest.raises(QueryError):
        bind_values("DESCRIBE <http://e/x>", b)


def test_dump_parses_with_rdflib(store) -> None:
    store.replace_graph(G1, plan_graph(3))
    store.replace_graph(G2, plan_graph(2, "b"))
    ds = Dataset()
    ds.parse(data=store.dump("nq"), format="nquads")
    assert sum(len(ds.graph(URIRef(g))) for g in (G1, G2)) == store.triple_count() == 19
    ds2 = Dataset()
    ds2.parse(data=store.dump("trig"), format="trig")
    assert len(ds2.graph(URIRef(G1))) == 11
    assert len(Graph().parse(data=store.dump("ttl"), format="turtle")) == 19
    assert len(Dataset().parse(data=store.dump("jsonld"), format="json-ld")) >= 0
    with pytest.raises(StoreError):
        store.dump("xml")  # type: ignore[arg-type]


def test_query_raw_negotiates(store) -> None:
    store.replace_graph(G1, plan_graph(1))
    body, ctype = store.query_raw("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert ctype.startswith("application/sparql-results+json") and b'"bindings"' in body
    _, ctype = store.query_raw(
        "SELECT * WHERE { ?s ?p ?o }", "text/csv;q=0.5, text/tab-separated-values"
    )
    assert ctype.startswith("text/tab-separated-values")
    body, ctype = store.query_raw("CONSTRUCT WHERE { ?s ?p ?o }", "*/*")
    assert ctype.startswith("text/turtle") and len(Graph().parse(data=body, format="turtle")) == 5
    _, ctype = store.query_raw("ASK { ?s ?p ?o }", None)
    assert ctype.startswith("application/sparql-results+json")
    with pytest.raises(NotAcceptable):
        store.query_raw("SELECT * WHERE { ?s ?p ?o }", "image/png")
    with pytest.raises(QueryError):
        store.query_raw("SELEC nonsense", None)


def test_is_update_parses() -> None:
    assert is_update("SELECT * WHERE { ?s ?p ?o }") is False
    assert is_update("# DROP ALL\nASK { ?s ?p 'INSERT DATA' }") is False
    assert is_update("PREFIX e: <http://e/> INSERT DATA { e:a e:b e:c }") is True
    assert is_update("drop all") is True
    with pytest.raises(QueryError):
        is_update("")
    with pytest.raises(QueryError):
        is_update("SELECT nonsense {")


def test_persistent_store_survives_close(tmp_path: Path) -> None:
    path = tmp_path / "store"
    s = open_store(path)
    s.replace_graph(G1, plan_graph(4))
    with pytest.raises(StoreError, match="in use"):
        open_store(path)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.graphs()
    with open_store(path) as again:
        assert again.graphs() == [G1]
        assert again.triple_count() == 14


def test_refuses_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        open_store(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(tmp_path / "file")
