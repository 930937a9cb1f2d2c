"""The engine profiles without a server: how a write is cut into operations, how truth values
are found in a query, which engine a Server header names, which URLs follow from a query URL."""

from __future__ import annotations

import pyoxigraph as ox

from graph_api.remote import EndpointConfig, SparqlEndpointStore, boolean_vars, engine_of_server
from graph_api.store import Change


def nt(n: int, tag: str = "s", bnode: bool = False) -> str:
    subject = "_:b{i}" if bnode else f"<http://x/{tag}/{{i}}>"
    return "".join(f"{subject.format(i=i)} <http://x/p> \"{i}\" .\n" for i in range(n))


def test_a_change_is_one_request_whose_inserts_respect_the_engines_limit() -> None:
    change = Change(["DROP SILENT GRAPH <http://g/old>"],
                    {"http://g/a": [nt(5000, "a")], "http://g/b": [nt(700, "b")]},
                    ["DELETE DATA { GRAPH <http://g/m> { <http://x/m> <http://x/p> 1 } }"])
    whole = change.sparql()
    assert whole.count("INSERT DATA") == 1
    cut = change.sparql(2000)
    assert cut.count("INSERT DATA") == 3  # 5700 triples in operations of at most 2000
    for text in (whole, cut):  # either way the same store results
        store = ox.Store()
        store.update(text)
        assert len(store) == 5700
    assert cut.index("DROP SILENT") < cut.index("INSERT DATA") < cut.index("DELETE DATA")


def test_a_graph_with_blank_nodes_stays_in_one_operation() -> None:
    change = Change(inserts={"http://g/list": [nt(3000, bnode=True)]})
    text = change.sparql(1000, data_bnodes=False)
    assert text.count("INSERT {") == 1 and "WHERE { }" in text and "INSERT DATA" not in text
    store = ox.Store()
    store.update(change.sparql(1000))
    assert len(store) == 3000


def test_truth_values_are_found_through_binds_and_aggregates() -> None:
    q = """SELECT ?b (SAMPLE(?c) AS ?collective) ?n ?named WHERE {
             ?b ?p ?o BIND(EXISTS { ?b a <x:C> } AS ?c) BIND(STRLEN(STR(?o)) AS ?n)
             BIND(BOUND(?o) && ?n > 2 AS ?named) } GROUP BY ?b ?n ?named"""
    found = {v for v in boolean_vars(q) if not v.startswith("__")}
    assert found == {"c", "collective", "named"}
    assert boolean_vars("not sparql") == frozenset()


def test_engines_are_told_by_their_server_header_and_urls_follow_their_layout() -> None:
    assert engine_of_server("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu").name == "virtuoso"
    assert engine_of_server("Oxigraph/0.5.13").name == "oxigraph"
    assert engine_of_server("nginx").name == "generic"
    v = SparqlEndpointStore(EndpointConfig.from_env(
        "http://h:8890/sparql", {"CANCU_SPARQL_ENGINE": "virtuoso", "CANCU_SPARQL_USER": "dba"}))
    assert v.update_url == "http://h:8890/sparql-auth"
    assert v.gsp_url == "http://h:8890/sparql-graph-crud-auth" and v.max_insert == 2000
    g = SparqlEndpointStore(EndpointConfig.from_env(
        "http://h:7200/repositories/cancu", {"CANCU_SPARQL_ENGINE": "graphdb"}))
    assert g.update_url == "http://h:7200/repositories/cancu/statements"
    f = SparqlEndpointStore(EndpointConfig.from_env(
        "http://h:3030/cancu/sparql", {"CANCU_SPARQL_ENGINE": "fuseki",
                                       "CANCU_SPARQL_UPDATE": "http://h:3030/cancu/u"}))
    assert f.update_url == "http://h:3030/cancu/u" and f.gsp_url == "http://h:3030/cancu/data"
