"""The named-query runner: headers, parameter checking, typed and injection-proof binding."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from graph_api import queries
from graph_api.queries import NamedQuery, QueryError, get, list_queries, parse_query_file, run
from graph_api.store import open_store

EX = Namespace("http://example.org/")

TASKS_RQ = """\
# title: Tasks resting on a document
# description: Tasks that cite a document,
#   optionally one article of it.
# param: document  string  required  e.g. 36/2018/QH14
# param: article   string  optional  e.g. 10
# param: min_order integer optional
PREFIX ex: <http://example.org/>
SELECT ?task ?article WHERE {
  ?task ex:cites ?cit .
  ?cit ex:number ?document ; ex:article ?a .
  ?task ex:order ?order .
  FILTER(!BOUND(?article) || ?a = ?article)
  FILTER(!BOUND(?min_order) || ?order >= ?min_order)
  BIND(?a AS ?article_out)
}
ORDER BY ?task
"""

COUNT_RQ = """\
# title: Count tasks per document
# param: document string required
PREFIX ex: <http://example.org/>
SELECT ?document (COUNT(?task) AS ?n) WHERE {
  ?task ex:cites/ex:number ?document .
} GROUP BY ?document
"""

BY_IRI_RQ = """\
# title: Things of a type
# param: type  iri  required  e.g. http://example.org/Task
# param: due   date optional
SELECT ?s WHERE { ?s a ?type }
"""


@pytest.fixture()
def qdir(tmp_path: Path) -> Path:
    (tmp_path / "tasks_by_document.rq").write_text(TASKS_RQ, encoding="utf-8")
    (tmp_path / "count_by_document.rq").write_text(COUNT_RQ, encoding="utf-8")
    (tmp_path / "by_type.rq").write_text(BY_IRI_RQ, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def store():
    g = Graph()
    for i, (number, article) in enumerate([("36/2018/QH14", "10"), ("36/2018/QH14", "15"),
                                           ("59/2019/NĐ-CP", "29")]):  # fmt: skip
        task, cit = EX[f"task/{i}"], EX[f"cit/{i}"]
        g.add((task, EX.cites, cit))
        g.add((task, EX.order, Literal(i)))
        g.add((task, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), EX.Task))
        g.add((cit, EX.number, Literal(number)))
        g.add((cit, EX.article, Literal(article)))
    s = open_store(":memory:")
    s.replace_graph("https://cancu.dev/graph/plan/x", g)
    yield s
    s.close()


def test_header_is_parsed(qdir: Path) -> None:
    q = parse_query_file(qdir / "tasks_by_document.rq")
    assert q.name == "tasks_by_document"
    assert q.title == "Tasks resting on a document"
    assert q.description == "Tasks that cite a document, optionally one article of it."
    assert [(p.name, p.type, p.required, p.example) for p in q.params] == [
        ("document", "string", True, "36/2018/QH14"),
        ("article", "string", False, "10"),
        ("min_order", "integer", False, None),
    ]
    assert [q.name for q in list_queries(qdir)] == [
        "by_type",
        "count_by_document",
        "tasks_by_document",
    ]
    assert q.to_dict()["params"][0]["name"] == "document"


def test_run_binds_required_and_optional(store, qdir: Path) -> None:
    q = get("tasks_by_document", qdir)
    rows = run(store, q, document="36/2018/QH14").rows
    assert [r["task"] for r in rows] == [str(EX["task/0"]), str(EX["task/1"])]
    rows = run(store, q, document="36/2018/QH14", article="15").rows
    assert [r["task"] for r in rows] == [str(EX["task/1"])]
    assert rows[0]["article"] == "15"  # bound parameters show in the results
    assert run(store, q, document="36/2018/QH14", min_order="1").rows[0]["task"].endswith("1")
    assert len(run(store, q, document="59/2019/NĐ-CP", article="").rows) == 1  # blank = unbound


def test_binding_works_under_group_by(store, qdir: Path) -> None:
    rows = run(store, get("count_by_document", qdir), document="36/2018/QH14").rows
    assert rows == [{"document": "36/2018/QH14", "n": 2}]


def test_injection_stays_a_literal(store, qdir: Path) -> None:
    q = get("tasks_by_document", qdir)
    for attack in [
        '36/2018/QH14" } ; DROP ALL ; #',
        "36/2018/QH14' || true) } #",
        '") } UNION { ?task ?p ?o } #',
        "36/2018/QH14\\",
    ]:
        assert run(store, q, document=attack).rows == []
    assert store.triple_count() == 15
    with pytest.raises(QueryError, match="iri"):
        run(store, get("by_type", qdir), type="http://x> } ; DROP ALL ; #")


def test_parameter_errors_are_clear(store, qdir: Path) -> None:
    q = get("tasks_by_document", qdir)
    with pytest.raises(QueryError, match="needs the parameter 'document'"):
        run(store, q)
    with pytest.raises(QueryError, match="no parameter bogus"):
        run(store, q, document="x", bogus="1")
    with pytest.raises(QueryError, match="wants a integer"):
        run(store, q, document="x", min_order="two")
    with pytest.raises(QueryError, match="wants a date"):
        run(store, get("by_type", qdir), type=str(EX.Task), due="31/12/2026")
    with pytest.raises(QueryError, match="no named query 'nope'"):
        get("nope", qdir)
    with pytest.raises(QueryError, match="no named query"):
        get("../secret", qdir)


def test_typed_params(qdir: Path) -> None:
    q: NamedQuery = get("by_type", qdir)
    assert q.bindings({"type": "http://example.org/Task", "due": "2026-12-31"}) == {
        "type": URIRef("http://example.org/Task"),
        "due": Literal("2026-12-31", datatype=XSD.date),
    }


def test_bundled_queries_parse() -> None:
    """Every .rq shipped in graph_api/queries/ has a title and known parameter types."""
    for q in list_queries():
        assert q.title and q.path is not None and q.path.parent == queries.QUERY_DIR
