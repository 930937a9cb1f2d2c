"""Standard clients: SPARQLWrapper with its defaults, the service description, every
``https://cancu.dev/id/...`` IRI resolving, CORS, and caching tied to the store's state."""

from __future__ import annotations

import json
import re

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Namespace, URIRef

from cancu.paths import PLANS
from tests.test_web_support import make_app, served

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TTS = "https://cancu.dev/id/body/quang-ngai/so-noi-vu/thanh-tra-so"
P = ("PREFIX cc: <https://cancu.dev/ontology#> "
     "PREFIX eli: <http://data.europa.eu/eli/ontology#> ")  # fmt: skip


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app().test_client()


def test_sparqlwrapper_with_its_defaults_gets_every_query_form_answered() -> None:
    from SPARQLWrapper import SPARQLWrapper

    queries = {
        "SELECT": P + "SELECT ?p ?t WHERE { ?p a cc:Plan ; eli:title ?t }",
        "ASK": P + "ASK { ?p a cc:Plan }",
        "CONSTRUCT": P + "CONSTRUCT { ?p eli:title ?t } WHERE { ?p a cc:Plan ; eli:title ?t }",
        "DESCRIBE": f"DESCRIBE <{TTS}>",
    }
    answers = {}
    with served(make_app()) as base:
        for form, text in queries.items():
            sw = SPARQLWrapper(f"{base}/sparql")  # GET, XML: the library's defaults
            sw.setQuery(text)
            res = sw.query()
            answers[form] = (res.response.headers["Content-Type"].split(";")[0], res.convert())
    assert answers["SELECT"][0] == "application/sparql-results+xml"
    assert len(answers["SELECT"][1].getElementsByTagName("result")) == 4
    assert answers["ASK"][1].getElementsByTagName("boolean")[0].firstChild.data == "true"
    for form in ("CONSTRUCT", "DESCRIBE"):  # RDF/XML, parsed by rdflib inside SPARQLWrapper
        media, graph = answers[form]
        assert media == "application/rdf+xml" and len(graph) > 0, form
    assert (URIRef(TTS), None, None) in answers["DESCRIBE"][1]


def test_a_get_without_a_query_is_the_service_description(client: FlaskClient) -> None:
    resp = client.get("/sparql")
    assert resp.status_code == 200 and resp.mimetype == "text/turtle"
    g = Graph().parse(data=resp.get_data(as_text=True), format="turtle")
    svc = next(g.subjects(SD.endpoint, None))
    assert str(svc).endswith("/sparql") and (svc, SD.feature, SD.UnionDefaultGraph) in g
    names = set(g.objects(None, SD.name))
    assert any("graph/plan/" in str(n) for n in names)
    xml = client.get("/sparql", headers={"Accept": "application/rdf+xml"})
    assert xml.mimetype == "application/rdf+xml" and len(Graph().parse(data=xml.data,
                                                                     format="xml")) == len(g)


def test_every_iri_of_ours_resolves(client: FlaskClient) -> None:
    html = client.get("/id/body/quang-ngai/so-noi-vu/thanh-tra-so", headers={"Accept": "text/html"})
    assert html.status_code == 303
    assert html.headers["Location"].endswith("/bodies/quang-ngai/so-noi-vu/thanh-tra-so")
    ttl = client.get("/id/body/quang-ngai/so-noi-vu/thanh-tra-so",
                     headers={"Accept": "text/turtle"})  # fmt: skip
    assert ttl.mimetype == "text/turtle"
    assert (URIRef(TTS), None, None) in Graph().parse(data=ttl.data, format="turtle")
    ld = client.get("/id/body/quang-ngai/so-noi-vu/thanh-tra-so",
                    headers={"Accept": "application/ld+json"})  # fmt: skip
    assert ld.mimetype == "application/ld+json" and json.loads(ld.data)
    art = client.get("/id/doc/luat/36-2018-qh14/dieu-10", headers={"Accept": "text/html"})
    assert art.status_code == 303 and art.headers["Location"].endswith("#dieu-10")
    # the IRI of every task, citation and span answers too: tasks at their words in the plan
    res = make_app().extensions["cancu_store"].query(
        "SELECT ?t ?c ?s WHERE { ?t a <https://cancu.dev/ontology#Task> ; "
        "<https://cancu.dev/ontology#hasSpan> ?s . ?c <https://cancu.dev/ontology#citingTask> ?t }"
        " LIMIT 1")  # fmt: skip
    row = res.rows[0]
    task = client.get(row["t"].replace("https://cancu.dev", ""), headers={"Accept": "text/html"})
    assert task.status_code == 303 and re.search(r"/plans/.+#task-", task.headers["Location"])
    for other in (row["c"], row["s"]):  # no page of their own: a page of their statements
        page = client.get(other.replace("https://cancu.dev", ""), headers={"Accept": "text/html"})
        assert page.status_code == 200 and "<table" in page.get_data(as_text=True), other
    assert client.get("/id/body/hue/no-such-body", headers={"Accept": "text/html"}).status_code \
        == 404  # fmt: skip


def test_the_public_base_iri_is_a_setting(client: FlaskClient) -> None:
    elsewhere = make_app(CANCU_BASE_IRI="https://data.example.gov.vn/").test_client()
    assert elsewhere.get("/id/body/quang-ngai/so-noi-vu/thanh-tra-so",
                         headers={"Accept": "text/turtle"}).status_code == 404  # fmt: skip


def test_cors_on_read_only_routes_only(client: FlaskClient) -> None:
    for url in ("/api/plans", "/sparql?query=ASK%7B%7D", "/queries/list_plans.json",
                "/id/body/quang-ngai/so-noi-vu/thanh-tra-so?format=ttl"):
        assert client.get(url).headers.get("Access-Control-Allow-Origin") == "*", url
    assert "Access-Control-Allow-Origin" not in client.get("/plans").headers
    pre = client.options("/sparql", headers={"Origin": "https://x.org",
                                             "Access-Control-Request-Method": "POST"})
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]
    listed = make_app(CANCU_CORS_ORIGINS="https://a.org https://b.org").test_client()
    ok = listed.get("/api/plans", headers={"Origin": "https://b.org"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://b.org"
    assert "Access-Control-Allow-Origin" not in listed.get(
        "/api/plans", headers={"Origin": "https://evil.org"}).headers
    off = make_app(CANCU_CORS_ORIGINS="").test_client()
    assert "Access-Control-Allow-Origin" not in off.get("/api/plans").headers


def test_etags_follow_the_stores_state(client: FlaskClient, tmp_path) -> None:
    first = client.get("/api/plans")
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"  # a store that can change
    again = client.get("/api/plans", headers={"If-None-Match": tag})
    assert again.status_code == 304 and not again.data
    assert client.get("/api/plans?limit=1").headers["ETag"] != tag  # another answer
    assert client.get("/api/plans", headers={"Accept": "text/csv"}).headers["ETag"] != tag
    # a change of the store is a new state, so a new tag
    from graph_api.app import create_app
    from graph_api.pipeline import ingest_paths
    from graph_api.store import open_store

    store = open_store(":memory:")
    ingest_paths(store, [sorted(PLANS.glob("*.txt"))[0]], reasoner="none", progress=False)
    app = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True, "CANCU_CACHE_SECONDS": 0})
    c = app.test_client()
    before = c.get("/api/plans").headers["ETag"]
    ingest_paths(store, [sorted(PLANS.glob("*.txt"))[1]], reasoner="none", progress=False)
    import time

    time.sleep(2.1)  # the state of a store that can change is asked again after 2 s
    after = c.get("/api/plans", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before
    assert len(after.get_json()["items"]) == 2
    # a store opened read-only cannot change while served: clients may keep its answers
    disk = tmp_path / "store"
    s2 = open_store(disk)
    ingest_paths(s2, [sorted(PLANS.glob("*.txt"))[0]], reasoner="none", progress=False)
    s2.close()
    served_app = create_app({"CANCU_STORE": str(disk), "TESTING": True})
    assert served_app.test_client().get("/api/plans").headers["Cache-Control"] == "no-cache"
    kept = create_app({"CANCU_STORE": str(disk), "TESTING": True, "CANCU_CACHE_SECONDS": 60})
    assert kept.test_client().get("/api/plans").headers["Cache-Control"] == "public, max-age=60"
    for a in (served_app, kept):
        a.extensions["cancu_store"].close()
    assert client.get("/api/plans/nowhere").headers.get("ETag") is None  # errors: no tag
