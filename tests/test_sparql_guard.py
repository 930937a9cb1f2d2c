"""SERVICE off on the public endpoint, with an allow list; LOAD refused (issue 14, item 2)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests

from graph_api.guard import refuse_services, services
from tests.test_web_support import free_port, make_app, served


@pytest.mark.parametrize(("query", "endpoints"), [
    ("SELECT * WHERE { SERVICE <http://a/s> { ?s ?p ?o } }", ["http://a/s"]),
    ("select * where { service silent <http://b/> { ?s ?p ?o } }", ["http://b/"]),
    ("SELECT * WHERE { \\u0053ERVICE <http://c/> { ?s ?p ?o } }", ["http://c/"]),
    ("PREFIX e: <http://d/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }", ["http://d/sparql"]),
    ("BASE <http://e/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }", [None]),
    ("SELECT * WHERE { BIND(<http://f/> AS ?e) SERVICE ?e { ?s ?p ?o } }", [None]),
    ("SELECT * WHERE { FILTER EXISTS { SERVICE <http://g/> { ?s ?p ?o } } }", ["http://g/"]),
    # the word in a string, an IRI, a comment or a prefixed name is no call
    ('SELECT * WHERE { ?s <http://x/SERVICE> "SERVICE <http://h/>" # SERVICE <http://i/>\n }', []),
    ("PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:SERVICE ?o }", []),
])  # fmt: skip
def test_every_spelling_of_a_service_call_is_found(query: str, endpoints: list) -> None:
    assert services(query) == endpoints


def test_only_listed_absolute_endpoints_pass() -> None:
    refuse_services("SELECT * WHERE { SERVICE <http://ok/> { ?s ?p ?o } }", ["http://ok/"])
    for query in ("SELECT * WHERE { SERVICE <http://other/> { ?s ?p ?o } }",
                  "SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }"):  # fmt: skip
        with pytest.raises(ValueError, match="not allowed"):
            refuse_services(query, ["http://ok/"])


@contextmanager
def listener() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL endpoint stub on a free port that counts the calls it gets."""
    calls: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            calls.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "far"}}]}}'  # noqa: E501
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", calls
    finally:
        server.shutdown()
        server.server_close()


def test_service_is_refused_and_no_call_is_made() -> None:
    with listener() as (far, calls):
        client = make_app().test_client()
        for query in (f"SELECT * WHERE {{ SERVICE <{far}> {{ ?x ?p ?o }} }}",
                      f"SELECT * WHERE {{ SERVICE SILENT <{far}> {{ ?x ?p ?o }} }}",
                      f"PREFIX f: <{far[:-6]}> SELECT * WHERE {{ SERVICE f:sparql {{ ?x ?p ?o }} }}"):  # noqa: E501
            resp = client.get("/sparql", query_string={"query": query})
            assert resp.status_code == 400, query
            assert "not allowed" in resp.get_json()["error"]["message"]
        assert calls == []


def test_an_allowed_endpoint_is_called() -> None:
    with listener() as (far, calls):
        client = make_app(CANCU_SPARQL_SERVICES=f"http://elsewhere/ {far}").test_client()
        resp = client.get("/sparql", query_string={
            "query": f"SELECT ?x WHERE {{ SERVICE <{far}> {{ ?x ?p ?o }} }}"})
        assert resp.status_code == 200, resp.data
        assert resp.get_json()["results"]["bindings"] == [{"x": {"type": "literal",
                                                                 "value": "far"}}]  # fmt: skip
        assert len(calls) == 1


@pytest.mark.slow
def test_the_server_calling_itself_is_refused() -> None:
    with served(make_app()) as base:
        query = f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}"
        for _ in range(12):
            resp = requests.get(f"{base}/sparql", params={"query": query}, timeout=10)
            assert resp.status_code == 400
        assert requests.get(f"{base}/api/plans", timeout=2).status_code == 200


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:g>",
    "CLEAR ALL", "DROP ALL", "CREATE GRAPH <urn:g>",
])  # fmt: skip
def test_load_and_updates_stay_refused(update: str) -> None:
    client = make_app().test_client()
    for resp in (client.post("/sparql", data={"update": update}),
                 client.post("/sparql", data=update.encode(),
                             content_type="application/sparql-update"),
                 client.get("/sparql", query_string={"query": update})):  # fmt: skip
        assert resp.status_code == 403, (update, resp.status_code)
