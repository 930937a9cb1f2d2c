"""The read-only SPARQL 1.1 Protocol endpoint: test client, and SPARQLWrapper over HTTP."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from flask.testing import FlaskClient

from tests.test_web_support import make_app, served

PLANS_Q = ("PREFIX cc: <https://cancu.dev/ontology#> "
           "SELECT ?plan ?source WHERE { ?plan a cc:Plan ; cc:sourceFile ?source } "
           "ORDER BY ?source")  # fmt: skip


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app(CANCU_SPARQL_LIMIT=50).test_client()


def bindings(resp) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(resp.get_data(as_text=True))["results"]["bindings"]


def test_get_post_form_and_direct_post_agree(client: FlaskClient) -> None:
    a = client.get("/sparql", query_string={"query": PLANS_Q})
    b = client.post("/sparql", data={"query": PLANS_Q})
    c = client.post("/sparql", data=PLANS_Q.encode(),
                    content_type="application/sparql-query")  # fmt: skip
    for r in (a, b, c):
        assert r.status_code == 200 and r.mimetype == "application/sparql-results+json"
    assert bindings(a) == bindings(b) == bindings(c)
    assert bindings(a)[0]["source"]["value"] == "hue-232-kh-ubnd-2026.txt"
    assert len(bindings(a)) == 4


def test_result_formats_by_accept_and_format(client: FlaskClient) -> None:
    xml = client.get("/sparql", query_string={"query": PLANS_Q},
                     headers={"Accept": "application/sparql-results+xml"})  # fmt: skip
    assert xml.mimetype == "application/sparql-results+xml" and b"<sparql" in xml.data
    csv_ = client.get("/sparql", query_string={"query": PLANS_Q, "format": "csv"})
    rows = list(csv.reader(io.StringIO(csv_.get_data(as_text=True))))
    assert rows[0] == ["plan", "source"] and len(rows) == 5
    ask = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert json.loads(ask.data)["boolean"] is True


def test_construct_and_describe_as_turtle_and_jsonld(client: FlaskClient) -> None:
    q = ("CONSTRUCT { ?p a <https://cancu.dev/ontology#Plan> } "
         "WHERE { ?p a <https://cancu.dev/ontology#Plan> }")  # fmt: skip
    ttl = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/turtle"})
    assert ttl.mimetype == "text/turtle" and b"cancu.dev/id" in ttl.data
    jl = client.get("/sparql", query_string={
        "query": "DESCRIBE <https://cancu.dev/id/body/quang-ngai/so-noi-vu/thanh-tra-so>",
        "format": "jsonld"})  # fmt: skip
    assert jl.mimetype == "application/ld+json"
    assert any(n.get("@id", "").endswith("thanh-tra-so") for n in json.loads(jl.data))


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "data": {"update": "CLEAR ALL"}},
    {"method": "POST", "data": b"DROP ALL", "content_type": "application/sparql-update"},
    {"method": "GET", "query_string": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"method": "POST", "data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
])  # fmt: skip
def test_updates_are_refused(client: FlaskClient, request_kwargs: dict) -> None:
    resp = client.open("/sparql", **request_kwargs)
    assert resp.status_code == 403
    assert "read-only" in resp.get_json()["error"]["message"]
    assert bindings(client.get("/sparql", query_string={"query": PLANS_Q}))  # still there


def test_bad_queries_are_400_with_a_message(client: FlaskClient) -> None:
    resp = client.get("/sparql", query_string={"query": "SELEKT nothing"})
    assert resp.status_code == 400 and "error" in resp.get_json()
    missing = client.get("/sparql", headers={"Accept": "application/json"})
    assert missing.status_code == 400 and "query" in missing.get_json()["error"]["message"]
    wrong = client.get("/sparql", query_string={"query": PLANS_Q, "format": "ttl"})
    assert wrong.status_code == 400


def test_result_cap_is_stated(client: FlaskClient) -> None:
    resp = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert resp.status_code == 200
    assert resp.headers["X-Cancu-Truncated"] == "true" and resp.headers["X-Cancu-Limit"] == "50"
    body = json.loads(resp.data)
    assert len(body["results"]["bindings"]) == 50 and "truncated" in body["cancu"]["note"]
    small = client.get("/sparql", query_string={"query": PLANS_Q})
    assert "X-Cancu-Truncated" not in small.headers


def test_timeout_is_stated() -> None:
    slow = make_app(CANCU_SPARQL_TIMEOUT=0.001).test_client()
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    resp = slow.get("/sparql", query_string={"query": q})
    assert resp.status_code == 400  # the query asked for more than the stated limit
    assert "longer than" in resp.get_json()["error"]["message"]


def test_query_page_for_browsers(client: FlaskClient) -> None:
    resp = client.get("/sparql", headers={"Accept": "text/html"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<textarea" in html and "body_duties" in html
    # the workbench's files come from the project (no CDN), and no script is inline
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert "/static/vendor/yasgui/yasgui.min.js" in assets
    assert all(a.startswith("/") for a in assets)
    assert all(" src=" in tag or "application/json" in tag
               for tag in re.findall(r"<script[^>]*>", html))  # fmt: skip
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_sparqlwrapper_against_waitress() -> None:
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

    with served(make_app()) as base:
        sw = SPARQLWrapper(f"{base}/sparql")
        sw.setQuery(PLANS_Q)
        sw.setReturnFormat(JSON)
        rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
        assert len(rows) == 4
        sw.setMethod(POST)
        sw.setReturnFormat(CSV)
        text = sw.query().convert().decode("utf-8")  # type: ignore[union-attr]
        assert text.splitlines()[0] == "plan,source"
        sw.setQuery("CONSTRUCT { ?p a <https://cancu.dev/ontology#Plan> } "
                    "WHERE { ?p a <https://cancu.dev/ontology#Plan> }")  # fmt: skip
        sw.setReturnFormat(TURTLE)
        g = sw.query().convert()
        assert b"cancu.dev" in g  # type: ignore[operator]
        sw.setQuery("CLEAR ALL")
        sw.setMethod(POST)
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        with pytest.raises((SPARQLWrapperException, Exception)):
            sw.query()


def test_errors_speak_json_to_clients_and_html_to_browsers(client: FlaskClient) -> None:
    curl = client.post("/sparql", data={"update": "CLEAR ALL"}, headers={"Accept": "*/*"})
    assert curl.status_code == 403 and "read-only" in curl.get_json()["error"]["message"]
    browser = client.get("/sparql", query_string={"query": "SELEKT"},
                         headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 400 and browser.mimetype == "text/html"
