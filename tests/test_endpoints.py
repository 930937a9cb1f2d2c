"""The whole project on real SPARQL servers, each started by the test on loopback: Oxigraph
server and Virtuoso. The store behind ``CANCU_STORE=<endpoint URL>`` takes the real ingest,
answers every named query with the rows the embedded store gives, serves the pages and the API,
runs the tour notebook, and keeps cancu validate / cancu remove working; updates, the Graph
Store Protocol and time limits are each engine's own (graph_api/data/engines.toml)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace

from cancu.cli import main
from cancu.paths import LAWS, PLANS
from graph_api import provenance as pv
from graph_api.pipeline import ingest_paths
from graph_api.queries import get, list_queries, run_with
from graph_api.remote import EndpointConfig, SparqlEndpointStore
from graph_api.store import QueryError, QueryTimeout, SelectResult, Store, StoreError
from tests.endpoints import SERVERS, Endpoint, free_port
from tests.test_web_support import sample_store

pytestmark = pytest.mark.slow

EX = Namespace("http://example.org/")
G1 = "https://cancu.dev/graph/test/a"


@pytest.fixture(scope="module", params=sorted(SERVERS))
def endpoint(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as ep:
        yield ep


def connect(ep: Endpoint, **env: str) -> SparqlEndpointStore:
    return SparqlEndpointStore(EndpointConfig.from_env(ep.url, {**ep.env, **env}))


@pytest.fixture(scope="module")
def loaded(endpoint: Endpoint) -> Store:
    """The bundled plans and laws, ingested into the server by the real pipeline."""
    store = connect(endpoint)
    report = ingest_paths(store, [PLANS, LAWS], progress=False, workers=1)
    assert report.ok and len(report.stored) == 9, (report.failed, report.refused)
    return store


def plan_graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((EX[f"task/{i}"], EX.order, Literal(i)))
        g.add((EX[f"task/{i}"], EX.text, Literal(f'Nhiệm vụ "{i}"\n', lang="vi")))
    return g


def test_the_engine_is_read_from_the_server(endpoint: Endpoint) -> None:
    env = {k: v for k, v in endpoint.env.items() if k != "CANCU_SPARQL_ENGINE"}
    assert connect(endpoint, **env).engine.name == endpoint.engine


@pytest.mark.parametrize("how", ["sparql-update", "graph-store-protocol"])
def test_replace_and_query(endpoint: Endpoint, how: str) -> None:
    store = connect(endpoint)
    if how == "sparql-update":
        store.config.gsp_url = ""  # no GSP: graphs replaced by one update
    else:
        assert store.gsp_url
    store.drop_graph(G1)
    store.replace_graph(G1, plan_graph(4))
    store.replace_graph(G1, plan_graph(4))
    assert store.triple_count(G1) == 8 and G1 in store.graphs()
    res = store.query(f"SELECT ?t WHERE {{ ?t <{EX.order}> ?n }}", {"n": 2})
    assert isinstance(res, SelectResult) and res.rows == [{"t": str(EX["task/2"])}]
    texts = store.query(f"SELECT ?x WHERE {{ ?t <{EX.text}> ?x }}").rows
    assert sorted(r["x"] for r in texts) == sorted(f'Nhiệm vụ "{i}"\n' for i in range(4))
    assert store.query(f"ASK {{ ?s <{EX.order}> ?o }}") is True
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    assert len(store.query(construct)) == 8
    body, ctype = store.query_raw(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} LIMIT 1",
                                  "text/csv")
    assert ctype.startswith("text/csv") and body.strip().count(b"\n") == 1
    store.drop_graph(G1)
    assert store.triple_count(G1) == 0


def test_named_query_parameters_are_terms_not_text(endpoint: Endpoint, tmp_path: Path) -> None:
    (tmp_path / "by_text.rq").write_text(
        f"# title: by text\n# param: x string required\nSELECT ?t WHERE {{ ?t <{EX.text}> ?x }}\n",
        encoding="utf-8")
    store = connect(endpoint)
    store.replace_graph(G1, plan_graph(2))
    q = get("by_text", tmp_path)
    assert run_with(store, q, {"x": Literal('Nhiệm vụ "1"\n', lang="vi")}).rows == [
        {"t": str(EX["task/1"])}]
    assert run_with(store, q, {"x": '" } ; DROP ALL ; #'}).rows == []
    assert store.triple_count(G1) == 4
    store.drop_graph(G1)


def test_errors_are_clear(endpoint: Endpoint) -> None:
    store = connect(endpoint)
    with pytest.raises(QueryError, match="HTTP 400"):
        store.query("SELECT nonsense")
    dead = SparqlEndpointStore(EndpointConfig.from_env(f"http://127.0.0.1:{free_port()}/query",
                                                       {"CANCU_SPARQL_ENGINE": "oxigraph"}))
    with pytest.raises(StoreError, match="cannot reach"):
        dead.graphs()


def test_a_query_past_its_time_limit_is_stopped(endpoint: Endpoint) -> None:
    store = connect(endpoint)
    store.replace_graph(G1, plan_graph(300))  # 600 triples: a fourfold cross join never ends
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):
        store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                    "?j ?k ?l }", timeout=1)
    assert time.monotonic() - t0 < 15
    t0 = time.monotonic()
    assert store.query("ASK { }") is True  # the server is free again
    assert time.monotonic() - t0 < 5
    store.drop_graph(G1)


def _normal(value: Any) -> Any:
    if isinstance(value, str) and " | " in value:  # GROUP_CONCAT: its order is the engine's
        return " | ".join(sorted(value.split(" | ")))
    if isinstance(value, float | Decimal):
        return round(float(value), 6)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _rows(res: Any) -> Any:
    """The answers: distinct rows (Virtuoso's default graph is the bag of all graphs, Oxigraph's
    their set, so a triple stored in two graphs matches twice there)."""
    if isinstance(res, SelectResult):
        return sorted({tuple((k, _normal(v)) for k, v in sorted(r.items())) for r in res.rows},
                      key=repr)
    if isinstance(res, Graph):
        return len(res)
    return res


def _cases() -> list[tuple[str, dict[str, str]]]:
    """Every named query with the examples of its header (as bench/graph_bench.py runs them)."""
    out = []
    for q in list_queries():
        if any(p.required and not p.example for p in q.params):
            continue
        required = {p.name: p.example for p in q.params if p.required}
        out.append((q.name, required))
        # (a page follows each engine's own order: pages are walked whole, below)
        out += [(q.name, {**required, p.name: p.example}) for p in q.params
                if not p.required and p.example and not (q.page_unit and p.name in PAGING)]
    return out


PAGING = ("limit", "offset")


def test_every_page_of_a_paged_query_makes_the_embedded_store_s_answer(loaded: Store) -> None:
    """A paged named query walked page by page on the engine (limit 2, to the page that says
    it is the last) gives the rows of the embedded store's whole answer, each task once: a
    page follows the engine's own order, so pages differ between engines, their sum does not."""
    embedded = sample_store()
    walked = 0
    for name, params in _cases():
        q = get(name)
        if q.page_unit is None:
            continue
        want = _rows(run_with(embedded, q, params))
        got, units, offset = [], [], 0
        while True:
            res = run_with(loaded, q, {**params, "limit": 2, "offset": offset})
            assert isinstance(res, SelectResult) and len(units) < 500, name
            got += res.rows
            units += sorted({str(r[q.page_unit]) for r in res.rows})
            if not res.more:
                break
            offset += 2
        assert len(units) == len(set(units)), name  # no task on two pages
        assert sorted({tuple((k, _normal(v)) for k, v in sorted(r.items())) for r in got},
                      key=repr) == want, (name, params)
        walked += offset // 2
    assert walked > 5


def test_every_named_query_gives_the_rows_of_the_embedded_store(loaded: Store) -> None:
    embedded = sample_store()
    queries = {q.name: q for q in list_queries()}
    cases = _cases()
    assert len(cases) >= 20
    differ = []
    for name, params in cases:
        want = _rows(run_with(embedded, queries[name], params))
        got = _rows(run_with(loaded, queries[name], params))
        if got != want:
            differ.append((name, params, len(got) if isinstance(got, list) else got,
                           len(want) if isinstance(want, list) else want))
    assert not differ, differ


def test_ingest_leaves_the_endpoint_whole_and_validate_says_so(loaded: Store, endpoint: Endpoint,
                                                              monkeypatch, capsys) -> None:
    assert pv.check(loaded) == []
    for k, v in endpoint.env.items():
        monkeypatch.setenv(k, v)
    assert main(["validate", "--store", endpoint.url]) == 0
    assert "4 plan graph(s) checked, 0 with violations" in capsys.readouterr().out


def test_the_service_answers_as_on_the_embedded_store(loaded: Store, endpoint: Endpoint,
                                                      monkeypatch) -> None:
    from graph_api.app import create_app

    for k, v in endpoint.env.items():
        monkeypatch.setenv(k, v)
    remote = create_app({"CANCU_STORE": endpoint.url, "TESTING": True}).test_client()
    local = create_app({"CANCU_STORE_OBJECT": sample_store(), "TESTING": True}).test_client()
    hue = "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
    for url in ("/api/plans", "/api/tasks?limit=500", f"/api/plans/{hue}",
                "/api/bodies/quang-ngai/so-noi-vu/thanh-tra-so", "/api/documents/luat/36-2018-qh14",
                "/api/tasks?body=thanh%20tra%20tinh", "/api/articles/luat/36-2018-qh14/dieu-10",
                "/api/bodies?q=thanh%20tra%20so", "/api/plans/hue-232-kh-ubnd-2026.txt"):
        a, b = remote.get(url), local.get(url)
        assert a.status_code == b.status_code == 200, (url, a.status_code, a.get_data()[:300])
        assert a.get_json() == b.get_json(), url
    for page in ("/", f"/plans/{hue}", "/bodies/tay-ninh/thanh-tra-tinh", "/due?from=2024-01-01",
                 "/graph", "/search?q=thanh+tra"):
        assert remote.get(page, headers={"Accept": "text/html"}).status_code == 200, page


def test_the_tour_notebook_runs_on_the_endpoint(loaded: Store, endpoint: Endpoint,
                                                tmp_path: Path, monkeypatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("CANCU_STORE", endpoint.url)
    for k, v in endpoint.env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("CANCU_NB_OUTPUT", str(tmp_path / "output"))
    monkeypatch.setenv("MPLBACKEND", "agg")
    path = Path(__file__).resolve().parent.parent / "notebooks" / "01_tour.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.get("outputs", []) if o.get("output_type") == "stream")
    assert "not usable" not in printed and "built " not in printed  # it read the endpoint


def test_remove_and_ingest_again_on_the_endpoint(loaded: Store, endpoint: Endpoint,
                                                 monkeypatch, capsys) -> None:
    for k, v in endpoint.env.items():
        monkeypatch.setenv(k, v)
    before = loaded.triple_count()
    hue = "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
    assert main(["remove", hue, "--store", endpoint.url]) == 0
    assert "removed hue-232-kh-ubnd-2026.txt" in capsys.readouterr().out
    assert f"https://cancu.dev/graph/plan/{hue}" not in loaded.graphs()
    assert pv.check(loaded) == []
    assert main(["ingest", str(PLANS / "hue-232-kh-ubnd-2026.txt"), "--store", endpoint.url,
                 "-q", "--workers", "1"]) == 0
    assert loaded.triple_count() == before and pv.check(loaded) == []
