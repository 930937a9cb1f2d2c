"""A busy Virtuoso stops a query at its timeout with an error (SR203, "Async statement killed
by SQLCancel") instead of the partial answer it gives when idle: both are a timeout to the
caller, whatever the load; another error of the same server stays a failure."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from graph_api.remote import EndpointConfig, SparqlEndpointStore, engine_named
from graph_api.store import QueryTimeout, StoreError


def _server(message: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.mark.parametrize(("message", "error"), [
    (b"Virtuoso HY008 Error SR203: Async statement killed by SQLCancel.", QueryTimeout),
    (b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error", StoreError),
])
def test_a_virtuoso_error_at_the_timeout_is_a_timeout(message: bytes, error: type) -> None:
    httpd = _server(message)
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/sparql"
        store = SparqlEndpointStore(EndpointConfig(url, engine=engine_named("virtuoso")))
        with pytest.raises(error) as got:
            store.query("SELECT * WHERE { ?s ?p ?o }", timeout=1)
        assert type(got.value) is error
        with pytest.raises(StoreError) as untimed:  # no timeout asked: no timeout to report
            store.query("SELECT * WHERE { ?s ?p ?o }")
        assert not isinstance(untimed.value, QueryTimeout)
    finally:
        httpd.shutdown()
