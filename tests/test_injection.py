"""No request text inside SPARQL (issue 14, item 1).

Every route, every parameter, a list of injection strings: each answer is a clean 200/400/404
(never a 5xx), the same against the samples' graph and against a graph of one of them (so
the status says nothing about the data an injected pattern would test: no 400-against-404
oracle), no 200 lists anything, the store is
unchanged, and the server still answers at once. The issue's reproducer, sent eight times at
once to a served app, gets its answer and leaves the server responsive.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import pytest
import requests
from flask import Flask

from cancu.paths import PLANS
from graph_api.pipeline import ingest_paths
from graph_api.store import open_store
from tests.test_web_support import make_app, sample_store, served

# the reproducer: a body id that closes the IRI and opens a cross join
REPRODUCER = ("tay-ninh/thanh-tra-tinh> ?p ?o . ?a ?b ?c . ?d ?e ?f "
              "FILTER(STRLEN(CONCAT(STR(?c),STR(?f)))<0) } #")  # fmt: skip
SPARQL_LIKE = [
    REPRODUCER,
    "hue/so-tu-phap> a ?t } #",
    "x> ?p ?o } ; ASK { ?s ?p ?o",
    '" } UNION { ?s ?p ?o } #',
    "') } ; DROP ALL ; #",
    "\\\" . ?s ?p ?o #",
    "<https://cancu.dev/id/body/x> ?p ?o",
    "https://cancu.dev/id/body/hue/so-tu-phap> ?p ?o . #",
    "?s ?p ?o",
]
INJECTIONS = [
    *SPARQL_LIKE,
    "x\u0000y",
    "x\r\nSERVICE <http://127.0.0.1:1/> { ?s ?p ?o }",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "<!--<script>alert(1)</script>",
    "' OR '1'='1",
    "}}}}}}}}}}{{{{{{{{{{",
    "ỦY BAN NHÂN DÂN tỉnh/thành phố",
    "9999-12-31",
    "-1",
    "1e309",
    "a" * 5000,
    "/".join(["a"] * 300),
]
# the query parameters of the routes that are not in the OpenAPI description
PAGE_PARAMS = {
    "/search": ["q"],
    "/due": ["body", "period", "from", "to", "role", "plan", "format"],
    "/bodies/<path:bid>": ["period", "from", "to", "offset"],
    "/bodies/<path:bid>/duties.xlsx": ["period", "from", "to"],
    "/id/<path:rest>": ["format"],
    "/queries": ["format"],
    "/graph": ["plan", "document", "body"],
    "/sparql": ["format", "default-graph-uri"],
}
BASE = "hue-232-kh-ubnd-2026"  # the plan of the other graph
GENERIC = ["q", "body", "plan", "document", "format", "limit", "offset"]


@cache
def other_app() -> Flask:
    """The app over another graph: the plan the URLs name (hue-232-kh-ubnd-2026), nothing else."""
    from graph_api.app import create_app

    store = open_store(":memory:")
    report = ingest_paths(store, [PLANS / f"{BASE}.txt"], reasoner="none", progress=False)
    assert report.ok
    return create_app({"CANCU_STORE_OBJECT": store, "TESTING": True})


@cache
def base_id() -> str:
    """The id put in a route's path while a query parameter is tried: the one plan of the
    other graph, which the samples' graph has too (so both answer for the same thing)."""
    (plan,) = other_app().test_client().get("/api/plans").get_json()["items"]
    return str(plan["id"])


def route_params(app: Flask) -> dict[str, list[str]]:
    """Each GET route of the app with the query parameters it takes."""
    spec = app.test_client().get("/api/openapi.json").get_json()
    documented = {
        re.sub(r"\{[^}]+\}", "{}", path): [p["name"] for p in op["get"]["parameters"]
                                          if p["in"] == "query"]
        for path, op in spec["paths"].items()
    }  # fmt: skip
    out = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        shape = re.sub(r"<[^>]+>", "{}", rule.rule)
        out[rule.rule] = documented.get(shape) or PAGE_PARAMS.get(rule.rule) or []
    return out


def urls(rule: str, params: list[str], value: str) -> list[str]:
    """The route with ``value`` in its path (when it has a path part) and in each parameter
    it takes; a route that takes none gets the usual names all at once."""
    quoted = urllib.parse.quote(value, safe="")
    base = re.sub(r"<[^>]+>", base_id(), rule)
    out = [re.sub(r"<[^>]+>", quoted, rule)] if "<" in rule else []
    out.extend(f"{base}?{urllib.parse.urlencode({p: value})}" for p in params)
    if not params:
        out.append(f"{base}?{urllib.parse.urlencode(dict.fromkeys(GENERIC, value))}")
    return out


def test_every_parameter_of_every_route_binds_hostile_text() -> None:
    app, other_graph = make_app(), other_app()
    store = sample_store()
    before = store.triple_count()
    client, other = app.test_client(), other_graph.test_client()
    checked = 0
    for rule, params in route_params(app).items():
        for value in INJECTIONS:
            for url in urls(rule, params, value):
                t0 = time.perf_counter()
                resp = client.get(url)
                took = time.perf_counter() - t0
                assert resp.status_code in (200, 302, 400, 404), (url, resp.data[:300])
                assert took < 5, (url, took)  # a hang, not a speed target
                assert other.get(url).status_code == resp.status_code, url  # no oracle
                if resp.status_code == 200 and resp.is_json and value in SPARQL_LIKE:
                    body = resp.get_json()  # a search for these words finds nothing
                    if isinstance(body, dict) and "total" in body and rule != "/api/plans":
                        assert body["total"] == 0, url
                checked += 1
    assert checked > 800
    assert store.triple_count() == before
    t0 = time.perf_counter()
    assert client.get("/api/plans").status_code == 200
    assert time.perf_counter() - t0 < 1


def test_malformed_ids_are_400_and_well_formed_unknown_ids_404() -> None:
    client = make_app().test_client()
    for path in ("/api/bodies/", "/api/articles/", "/bodies/", "/tasks/"):
        bad = client.get(path + urllib.parse.quote(REPRODUCER, safe=""))
        assert bad.status_code == 400, path
        assert "not an id" in bad.get_json(force=True)["error"]["message"] if bad.is_json \
            else b"not an id" in bad.data  # fmt: skip
    assert client.get("/api/bodies/hue/no-such-body").status_code == 404
    assert client.get("/api/documents/luat/no-such-law").status_code == 404
    # a document is an id or a number, so any text is a number no document has
    assert client.get("/api/documents/" + urllib.parse.quote(REPRODUCER, safe="")
                      ).status_code == 404  # fmt: skip
    assert client.get("/api/tasks?body=hue/no-such-body").status_code == 404
    # an id that looks like one and exists still works, as a full IRI too
    assert client.get("/api/bodies/hue/so-tu-phap").status_code == 200
    iri = "https://cancu.dev/id/body/hue/so-tu-phap"
    assert client.get("/api/tasks?" + urllib.parse.urlencode({"body": iri})).status_code == 200


@pytest.mark.slow
def test_the_reproducer_sent_eight_times_at_once_leaves_the_server_responsive() -> None:
    url_value = urllib.parse.urlencode({"body": REPRODUCER})
    with served(make_app()) as base:
        def hostile(_: int) -> int:
            return requests.get(f"{base}/api/tasks?{url_value}", timeout=30).status_code

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(hostile, range(8)))
        assert set(statuses) <= {200, 400}, statuses  # a name search that finds nothing
        t0 = time.perf_counter()
        small = requests.get(f"{base}/api/plans", timeout=5)
        assert small.status_code == 200 and time.perf_counter() - t0 < 1
        hits = requests.get(f"{base}/api/tasks?{url_value}", timeout=5).json()
        assert hits.get("total", 0) == 0


def test_no_route_formats_text_into_sparql() -> None:
    """The views build no SPARQL with f-strings or ``%``/``format``: values go as bindings."""
    import ast
    from pathlib import Path

    import graph_api.blueprints as blueprints

    keyword = re.compile(r"\b(SELECT|ASK|DESCRIBE|CONSTRUCT|WHERE|FILTER|VALUES|GRAPH)\b")
    found = []
    for path in sorted(Path(blueprints.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if keyword.search(text) and "{" in text and any(isinstance(v, ast.FormattedValue)
                                                for v in node.values):  # fmt: skip
                    found.append(f"{path.name}:{node.lineno}")
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
                for side in (node.left, node.right):
                    if isinstance(side, ast.Constant) and isinstance(side.value, str) \
                            and keyword.search(side.value) and "{" in side.value:  # fmt: skip
                        found.append(f"{path.name}:{node.lineno}")
    assert not found, f"SPARQL text built from values at {found}; bind them instead"
