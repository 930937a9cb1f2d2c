"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint, and a query page for researchers.

GET ``?query=``, POST form-encoded ``query=`` or POST ``application/sparql-query``. Updates are
refused with 403, and so is ``SERVICE`` (400) unless its endpoint is on the allow list
``CANCU_SPARQL_SERVICES`` (:mod:`graph_api.guard`). Answers are capped at
``CANCU_SPARQL_LIMIT`` rows/triples (header ``X-Cancu-Truncated: true`` and a note) and
stopped after ``CANCU_SPARQL_TIMEOUT`` seconds (503 with a message).
The dataset is always the union of the named graphs.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from graph_api.app import error_response, get_store
from graph_api.blueprints.common import ApiError
from graph_api.blueprints.results import (
    GRAPH_TYPES,
    SOLUTION_TYPES,
    UpdateRefused,
    execute,
    serialize,
)
from graph_api.guard import ServiceRefused, refuse_services
from graph_api.querypool import QueryTooCostly
from graph_api.store import QueryTimeout

bp = Blueprint("sparql", __name__)

_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "sparql-results+json": "json"}
# what a client's format= means for a graph answer: SPARQLWrapper sends format=xml (its
# default) for CONSTRUCT and DESCRIBE too, meaning RDF/XML
_GRAPH_ALIASES = {"xml": "rdfxml", "rdf": "rdfxml", "rdf+xml": "rdfxml", "json": "jsonld",
                  "n3": "ttl"}  # fmt: skip
_SD_TYPES = {"text/turtle": "turtle", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld", "application/n-triples": "nt"}  # fmt: skip


def read_request() -> tuple[str | None, bool]:
    """``(query text, is an update request)`` from any of the protocol's three forms."""
    ctype = (request.mimetype or "").lower()
    if request.method == "POST" and ctype == "application/sparql-update":
        return request.get_data(as_text=True), True
    if request.method == "POST" and ctype == "application/sparql-query":
        return request.get_data(as_text=True), False
    if "update" in request.values:
        return request.values.get("update"), True
    if request.method == "POST" and ctype not in ("", "application/x-www-form-urlencoded",
                                                  "multipart/form-data"):  # fmt: skip
        raise ApiError(415, f"unsupported Content-Type {ctype!r}; send "
                            "application/sparql-query or a form with query=")  # fmt: skip
    return request.values.get("query"), False


def choose_format(kind: str) -> tuple[str, str]:
    """``(key, media type)`` for the answer, from ``format=`` or the Accept header."""
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    fmt = request.values.get("format", "").strip().lower()
    fmt = _ALIASES.get(fmt, fmt)
    if kind == "graph":
        fmt = _GRAPH_ALIASES.get(fmt, fmt)
    if fmt:
        if fmt not in table:
            raise ApiError(400, f"format={fmt!r} does not fit a {kind.upper()} answer; use one "
                                f"of {', '.join(table)}")  # fmt: skip
        return fmt, table[fmt]
    by_media = {m: k for k, m in table.items()}
    extra = {"application/json": "json", "application/xml": "xml"} if kind != "graph" else {
        "application/json": "jsonld", "text/plain": "nt"}  # fmt: skip
    offers = [*table.values(), *extra]
    accept = request.accept_mimetypes
    if not accept or accept.best in ("*/*", None):
        key = next(iter(table))
        return key, table[key]
    best = accept.best_match(offers)
    if best is None:
        raise ApiError(406, f"cannot serve a {kind.upper()} answer as "
                            f"{request.headers.get('Accept')!r}; try {', '.join(table.values())}")
    key = by_media.get(best) or extra[best]
    return key, table[key]


_SLOTS_LOCK = threading.Lock()


def _slots() -> threading.BoundedSemaphore:
    """The app's count of /sparql requests served at once (``CANCU_SPARQL_REQUESTS``)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with _SLOTS_LOCK:
        slots = app.extensions.get("cancu_sparql_slots")
        if slots is None:
            size = max(1, int(app.config["CANCU_SPARQL_REQUESTS"]))
            slots = app.extensions["cancu_sparql_slots"] = threading.BoundedSemaphore(size)
    return slots


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Any:
    """The protocol's answer. At most ``CANCU_SPARQL_REQUESTS`` at once: a request waiting for
    a query worker holds a server thread, so without a bound, queries queueing behind costly
    ones take every thread and the pages wait too (the soak measured 10 s pages)."""
    slots = _slots()
    if not slots.acquire(blocking=False):
        resp = current_app.make_response(error_response(
            503, "too many SPARQL queries at once (CANCU_SPARQL_REQUESTS); try again shortly"))
        resp.headers["Retry-After"] = "2"
        return resp
    try:
        return _endpoint()
    finally:
        slots.release()


def _endpoint() -> Any:
    text, update = read_request()
    if update:
        raise ApiError(403, "this endpoint is read-only: SPARQL Update is refused; the graph is "
                            "changed by `cancu ingest`")  # fmt: skip
    if text is None or not text.strip():
        if request.method == "POST":
            raise ApiError(400, "missing the 'query' parameter (SPARQL 1.1 Protocol)")
        if "text/html" in (request.headers.get("Accept") or ""):  # a browser: the workbench
            return query_page()
        media = request.accept_mimetypes.best_match(list(_SD_TYPES))
        if media is None and request.accept_mimetypes:  # asked for results, sent no query
            raise ApiError(400, "missing the 'query' parameter (SPARQL 1.1 Protocol); GET "
                                "without one as RDF (text/turtle, ...) is the service description")
        return service_description(media)
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in request.values:
            raise ApiError(400, f"{name} is not supported: the default graph is always the "
                                "union of all named graphs; use GRAPH in the query")  # fmt: skip
    cfg = current_app.config
    try:
        refuse_services(text, re.split(r"[\s,]+", cfg["CANCU_SPARQL_SERVICES"].strip()))
    except ServiceRefused as exc:
        raise ApiError(400, str(exc)) from None
    limit, timeout = int(cfg["CANCU_SPARQL_LIMIT"]), float(cfg["CANCU_SPARQL_TIMEOUT"] or 0)
    try:
        answer = execute(get_store(), text, limit, timeout or None)
    except UpdateRefused as exc:
        raise ApiError(403, str(exc)) from None
    except (QueryTimeout, QueryTooCostly) as exc:  # the query asked for more than the limits
        raise ApiError(400, f"{exc} (the limits: {timeout:g} s, CANCU_SPARQL_TIMEOUT; "
                            f"{cfg['CANCU_QUERY_MEMORY']} MB); narrow the query") from None
    fmt, media = choose_format(answer.kind)
    note = None
    if answer.truncated:
        note = (f"answer truncated to the first {limit} "
                f"{'triples' if answer.kind == 'graph' else 'rows'} (CANCU_SPARQL_LIMIT); "
                "add LIMIT/OFFSET to page through")  # fmt: skip
    body = serialize(answer, fmt, note)
    charset = "" if media.endswith("xml") else "; charset=utf-8"
    resp = Response(body, content_type=media + charset)
    resp.headers["X-Cancu-Limit"] = str(limit)
    resp.headers["X-Cancu-Timeout"] = f"{timeout:g}"
    if answer.truncated:
        resp.headers["X-Cancu-Truncated"] = "true"
        resp.headers["X-Cancu-Note"] = note or ""
    resp.headers["Vary"] = "Accept"
    return resp


def service_description(media: str | None) -> Response:
    """The SPARQL 1.1 Service Description, as Turtle unless the client asks for other RDF."""
    from graph_api.service_description import describe_service

    media = media or "text/turtle"
    cfg = current_app.config
    graph = describe_service(request.base_url, get_store().graphs(),
                             int(cfg["CANCU_SPARQL_LIMIT"]), float(cfg["CANCU_SPARQL_TIMEOUT"]))
    body = graph.serialize(format=_SD_TYPES[media], encoding="utf-8")
    resp = Response(body, content_type=media + ("" if media.endswith("xml") else
                                                "; charset=utf-8"))  # fmt: skip
    resp.headers["Vary"] = "Accept"
    return resp


def query_page() -> str:
    """The workbench: YASGUI's editor and results table, the named queries as examples."""
    from graph_api.store import PREFIXES
    from graph_api.workbench import examples

    default = "SELECT ?plan ?title WHERE {\n  ?plan a cc:Plan ; eli:title ?title .\n}\nLIMIT 20"
    prefixes = ("PREFIX cc: <https://cancu.dev/ontology#>\n"
                "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n")
    endpoint = request.base_url
    shown = examples()
    config = {"endpoint": endpoint, "query": prefixes + default, "examples": shown,
              "prefixes": {"cc": "https://cancu.dev/ontology#", **PREFIXES}}
    return render_template(
        "sparql.html",
        examples=shown,
        config=config,
        endpoint=endpoint,
        query=prefixes + default,
        limit=current_app.config["CANCU_SPARQL_LIMIT"],
        timeout=current_app.config["CANCU_SPARQL_TIMEOUT"],
    )
