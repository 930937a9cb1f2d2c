"""Linked data: every ``https://cancu.dev/id/...`` IRI answered by this server.

``GET /id/<path>`` is the resource ``<CANCU_BASE_IRI>id/<path>``. A browser is sent (303 See
Other) to the page that shows it — a body, plan, document, article or task —, or gets a page
of what the graph says about it (spans, assignments, citations); a linked-data client gets
Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation (``format=`` also works): the
``DESCRIBE`` of the IRI. ``CANCU_BASE_IRI`` (default ``https://cancu.dev/``) is the base the
graph's IRIs are minted under; a deployment that serves them at another address proxies
``<base>id/`` to this route.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from rdflib import URIRef

from graph_api.app import get_store
from graph_api.blueprints.common import ApiError
from graph_api.blueprints.data import NotFound, plans
from graph_api.blueprints.ids import BODY, DOC, TASK, article_anchor, short, task_anchor
from graph_api.blueprints.params import is_id
from graph_api.queries import run_with
from graph_api.store import SelectResult, bind_values
from ontology.iris import ID

bp = Blueprint("linked", __name__)

RDF_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json",
             "nt": "application/n-triples", "rdfxml": "application/rdf+xml"}  # fmt: skip
_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml"}
CC = "https://cancu.dev/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"


def base_iri() -> str:
    return str(current_app.config.get("CANCU_BASE_IRI") or "https://cancu.dev/")


def _wanted() -> str:
    """``html`` or a key of RDF_TYPES, from ``format=`` or the Accept header."""
    fmt = request.args.get("format", "").strip().lower()
    fmt = _ALIASES.get(fmt, fmt)
    if fmt:
        if fmt != "html" and fmt not in RDF_TYPES:
            raise ApiError(400, f"format must be html or one of {', '.join(RDF_TYPES)}")
        return fmt
    offers = ["text/html", *RDF_TYPES.values(), "application/json"]
    best = request.accept_mimetypes.best_match(offers)
    if best in (None, "text/html") or not request.accept_mimetypes:
        return "html"
    if best == "application/json":
        return "jsonld"
    return next(k for k, v in RDF_TYPES.items() if v == best)


def _types(node: str) -> set[str]:
    res = get_store().query("SELECT ?t WHERE { ?node a ?t }", {"node": URIRef(node)})
    return {str(r["t"]) for r in res.rows} if isinstance(res, SelectResult) else set()


def page_for(node: str, types: set[str]) -> str | None:
    """The human page that shows a resource, if it has one."""
    if CC + "Plan" in types:
        found = next((p for p in plans(get_store()) if p["iri"] == node), None)
        return url_for("pages.plan", pid=found["id"]) if found else None
    if node.startswith(BODY):
        return url_for("pages.body", bid=short(node, BODY))
    if node.startswith(TASK):
        plan_key = node[len(TASK):].rpartition("/")[0]  # a task's id is its plan's key + one part
        return url_for("pages.plan", pid=plan_key) + "#" + task_anchor(node)
    if node.startswith(DOC) and ELI + "LegalResource" in types:
        if CC + "Article" in types or "/dieu-" in node:
            doc, _, _ = node.partition("/dieu-")
            art = node.split("/dieu-", 1)[1].split("/", 1)[0]
            return url_for("pages.document", did=short(doc, DOC)) + "#" + article_anchor(
                f"{doc}/dieu-{art}")  # fmt: skip
        if ELI + "LegalResourceSubdivision" in types:
            return None  # a chapter: shown by its own linked-data page
        return url_for("pages.document", did=short(node, DOC))
    return None


@bp.get("/id/<path:rest>")
def resolve(rest: str) -> Any:
    if not is_id(rest):  # on its shape alone, before any query (no 400-against-404 oracle)
        raise ApiError(400, "not an id: ids are lower-case letters, digits and hyphens in "
                            "parts separated by '/', like body/quang-ngai/so-noi-vu/thanh-tra-so")
    node = base_iri().rstrip("/") + "/id/" + rest
    fmt = _wanted()  # the format checked before the lookup, too
    store = get_store()
    term = {"node": URIRef(node)}
    if not store.query("ASK { { ?node ?p ?o } UNION { ?s ?p ?node } }", term):
        raise NotFound(f"the graph holds nothing about {node}")
    if fmt != "html":
        describe = bind_values("DESCRIBE ?node WHERE { }", term)
        data, ctype = store.query_raw(describe, RDF_TYPES[fmt])
        resp = Response(data, content_type=ctype)
        resp.headers["Vary"] = "Accept"
        resp.headers["Content-Location"] = request.path + f"?format={fmt}"
        return resp
    types = _types(node)
    target = page_for(node, types)
    if target and request.args.get("view") != "data":
        resp = redirect(target, code=303)
        resp.headers["Vary"] = "Accept"
        return resp
    res = run_with(store, "resource_links", {"node": URIRef(node)})
    rows = res.rows if isinstance(res, SelectResult) else []
    named = Names(store)
    for r in rows:
        if isinstance(r["other"], str) and not r["other"].startswith(("http://", "https://")):
            r["other"] = named.text(r["other"])  # a literal: a label naming the plan's file
        else:
            r["otherLabel"] = named(r["other"], r["otherLabel"])
    said = store.query("SELECT ?l WHERE { ?node <http://www.w3.org/2000/01/rdf-schema#label> ?l "
                       "FILTER(LANG(?l) != 'en') }", term)  # fmt: skip
    label = next((str(r["l"]) for r in said.rows), None) if isinstance(said, SelectResult) \
        else None  # fmt: skip
    label = named.text(label) if label else named(node, None)
    html = render_template("resource.html", node=node, label=label, page=target,
                           out=[r for r in rows if r["direction"] == "out"],
                           into=[r for r in rows if r["direction"] == "in"],
                           local=local_link, formats=RDF_TYPES)  # fmt: skip
    resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


def local_link(value: Any) -> str | None:
    """The link on this server for one of our IRIs."""
    base = base_iri().rstrip("/") + "/id/"
    return "/id/" + value[len(base):] if isinstance(value, str) and value.startswith(base) else None


class Names:
    """What the page calls a linked node: plans by name, never their file (the graph's own
    labels of tasks, citations and assignments say "... của <file>.txt"), a span by its
    characters and plan; ``None`` leaves the IRI itself."""

    def __init__(self, store: Any) -> None:
        self.plans = {p["iri"]: p for p in plans(store)}
        self.files = sorted(((p["source"], p["name"]) for p in self.plans.values()
                             if p.get("source")), key=lambda sn: -len(sn[0]))  # fmt: skip

    def text(self, label: str) -> str:
        for source, name in self.files:
            label = label.replace(f" ({source})", "").replace(source, name)
        return label

    def __call__(self, iri: Any, label: str | None) -> str | None:
        if not isinstance(iri, str) or not iri.startswith(ID):
            return label
        if iri in self.plans:
            return self.plans[iri]["name"]
        if label:
            return self.text(label)
        kind, _, rest = iri[len(ID):].partition("/")
        key, _, tail = rest.rpartition("/")
        plan = self.plans.get(f"{ID}plan/{key}")
        if kind == "span" and plan and re.fullmatch(r"\d+-\d+", tail):
            start, end = tail.split("-")
            return f"Đoạn ký tự {start}–{end} của {plan['name']}"
        if kind == "timeframe" and plan:
            return f"Thời hạn của nhiệm vụ {tail} — {plan['name']}"
        return label
