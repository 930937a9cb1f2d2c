"""The SPARQL-endpoint back-end against a real Oxigraph server started on a free local port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

from graph_api.queries import get, run
from graph_api.store import (
    EndpointConfig,
    QueryError,
    SelectResult,
    SparqlEndpointStore,
    StoreError,
    open_store,
)

pytestmark = pytest.mark.slow

EX = Namespace("http://example.org/")
G1 = "https://cancu.dev/graph/plan/a"


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no `oxigraph` server binary (pip install oxigraph, in the dev extras)")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"oxigraph server did not start: {err}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def plan_graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((EX[f"task/{i}"], EX.order, Literal(i)))
        g.add((EX[f"task/{i}"], EX.text, Literal(f'Nhiệm vụ "{i}"\n', lang="vi")))
    return g


@pytest.mark.parametrize("gsp", [False, True], ids=["sparql-update", "graph-store-protocol"])
def test_replace_and_query_remote(server: str, gsp: bool, monkeypatch) -> None:
    if gsp:
        monkeypatch.setenv("CANCU_SPARQL_GSP", server + "/store")
    store = open_store(server + "/query")
    assert isinstance(store, SparqlEndpointStore)
    assert store.config.update_url == server + "/update"
    store.drop_graph(G1)
    store.replace_graph(G1, plan_graph(4))
    store.replace_graph(G1, plan_graph(4))
    assert store.triple_count(G1) == 8
    assert G1 in store.graphs()
    res = store.query(f"SELECT ?t WHERE {{ ?t <{EX.order}> ?n }}", {"n": 2})
    assert isinstance(res, SelectResult)
    assert res.rows == [{"t": str(EX["task/2"])}]
    texts = store.query(f"SELECT ?x WHERE {{ ?t <{EX.text}> ?x }}").rows
    assert {r["x"] for r in texts} == {f'Nhiệm vụ "{i}"\n' for i in range(4)}
    assert store.query("ASK { ?s ?p ?o }") is True
    assert len(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")) >= 8
    body, ctype = store.query_raw("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/csv")
    assert ctype.startswith("text/csv") and body.count(b"\r\n") == 2
    assert len(Graph().parse(data=store.dump("ttl"), format="turtle")) == 8
    store.drop_graph(G1)
    assert store.triple_count(G1) == 0


def test_named_query_injection_remote(server: str, tmp_path: Path) -> None:
    (tmp_path / "by_text.rq").write_text(
        f"# title: by text\n# param: x string required\nSELECT ?t WHERE {{ ?t <{EX.text}> ?x }}\n",
        encoding="utf-8",
    )
    store = open_store(server + "/query")
    store.replace_graph(G1, plan_graph(2))
    q = get("by_text", tmp_path)
    assert run(store, q, x=Literal('Nhiệm vụ "1"\n', lang="vi")).rows == [{"t": str(EX["task/1"])}]
    assert run(store, q, x='" } ; DROP ALL ; #').rows == []
    assert store.triple_count(G1) == 4


def test_remote_errors_are_clear(server: str) -> None:
    store = open_store(server + "/query")
    with pytest.raises(QueryError, match="HTTP 400"):
        store.query("SELECT nonsense")
    dead = SparqlEndpointStore(EndpointConfig.from_env(f"http://127.0.0.1:{_free_port()}/q"))
    with pytest.raises(StoreError, match="cannot reach"):
        dead.graphs()
