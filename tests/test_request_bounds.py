"""Request bodies are bounded (issue 14.4): over the cap, a plain 413, before anything runs."""

from __future__ import annotations

import requests

from tests.test_web_support import make_app, served

BIG = 3 * 1024 * 1024  # over the default cap of 2 MB
QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # "


def test_bodies_over_the_cap_are_refused_with_a_plain_message() -> None:
    client = make_app().test_client()
    for resp in (
        client.post("/sparql", data=(QUERY + "x" * BIG).encode(),
                    content_type="application/sparql-query"),
        client.post("/sparql", data={"query": QUERY + "x" * BIG}),
    ):  # fmt: skip
        assert resp.status_code == 413
        assert "larger than the limit of 2 MB" in resp.get_json()["error"]["message"]
    small = client.post("/sparql", data={"query": QUERY + "x" * 1000})
    assert small.status_code == 200


def test_the_cap_is_a_setting_and_holds_behind_waitress() -> None:
    app = make_app(CANCU_MAX_BODY=64 * 1024)
    with served(app) as base:
        resp = requests.post(f"{base}/sparql", data=(QUERY + "x" * 100_000).encode(),
                             headers={"Content-Type": "application/sparql-query"}, timeout=10)
        assert resp.status_code == 413 and "0.0625 MB" in resp.json()["error"]["message"]
        ok = requests.post(f"{base}/sparql", data=QUERY.encode(),
                           headers={"Content-Type": "application/sparql-query"}, timeout=10)
        assert ok.status_code == 200
