"""The REST API (``/api``): tasks, bodies, plans, documents, articles as JSON, CSV and RDF."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from rdflib import URIRef

from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import (
    LIST_FORMATS,
    ApiError,
    Table,
    arg_choice,
    arg_date,
    check_params,
    list_response,
    next_link,
    page_args,
    pick_format,
    resource_format,
    resource_response,
)
from graph_api.blueprints.params import bind
from graph_api.queries import get as get_query

bp = Blueprint("api", __name__)

TASK_PARAMS = ("body", "role", "document", "article", "plan", "due_before", "due_after", "q",
               "limit", "offset")  # fmt: skip
TASK_COLUMNS = ["id", "plan", "section", "heading", "text", "due", "timeframe", "lead",
                "support", "executor", "requested", "basis", "source_url"]  # fmt: skip


def flat_task(t: dict[str, Any]) -> dict[str, Any]:
    row = {k: t.get(k) for k in ("id", "section", "heading", "text", "due", "timeframe")}
    row["plan"] = t["plan"]["id"]
    for role in data.ROLES:
        row[role] = "; ".join(a["name"] for a in t["assignments"] if a["role"] == role)
    row["basis"] = "; ".join(b["label"] for b in t["basis"])
    row["source_url"] = t["source_url"]
    if "role" in t:
        row.update(role=t["role"], through=t["through"], via=t["via"]["name"])
    return row


def task_filter() -> data.TaskFilter:
    """Resolve the ``/api/tasks`` parameters to IRIs; 404 for an unknown plan/document/body."""
    store = get_store()
    args = request.args
    f = data.TaskFilter(
        role=arg_choice("role", data.ROLES),
        due_after=arg_date("due_after"),
        due_before=arg_date("due_before"),
        q=str(bind("text", args.get("q", ""), "q")) or None,
    )
    if args.get("plan"):
        f.plan = data.plan_by_id(store, args["plan"].strip())["iri"]
    if args.get("body"):
        value = args["body"].strip()
        if "/" in value and not any(c.isspace() for c in value):
            # an id ("quang-ngai/so-noi-vu/thanh-tra-so") or an IRI
            f.body = str(bind("body", value, "body"))
            _check_body(f.body)
        else:  # a name, diacritics and case ignored: every body whose name holds its words
            f.body_name = str(bind("text", value, "body"))
    if args.get("document"):
        f.document = data.document_iri(store, args["document"].strip())
    if args.get("article"):
        try:
            f.article = data.article_iri(f.document, args["article"].strip())
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
    if f.due_after and f.due_before and f.due_after > f.due_before:
        raise ApiError(400, "due_after is later than due_before")
    return f


def _check_body(node: str) -> None:
    ask = "ASK { ?body a <http://www.w3.org/ns/org#Organization> }"
    if not get_store().query(ask, {"body": URIRef(node)}):
        raise data.NotFound(f"no body with id {node.removeprefix(data.BODY)!r}; see /api/bodies")


@bp.get("/")
def index() -> Response:
    return jsonify({
        "openapi": "/api/openapi.json",
        "resources": ["/api/tasks", "/api/bodies", "/api/plans", "/api/documents",
                      "/api/articles/<id>"],
        "sparql": "/sparql",
    })  # fmt: skip


@bp.get("/openapi.json")
def openapi() -> Response:
    from graph_api.openapi import spec

    return jsonify(spec())


@bp.get("/tasks")
def tasks() -> Response:
    check_params(TASK_PARAMS)
    f = task_filter()
    if f == data.TaskFilter() and pick_format(LIST_FORMATS) == "json":
        # every task, one page: read from the plans the page falls in, not the whole store
        limit, offset = page_args()
        items, total = data.task_page(get_store(), limit, offset)
        return jsonify({"total": total, "limit": limit, "offset": offset, "items": items})
    if (f.body or f.article) and not (f.q or f.body_name) and pick_format(LIST_FORMATS) == "json":
        # one body's or one article's tasks, one page: the engine stops at the page's end
        limit, offset = page_args(PAGE_MOST)
        page = data.tasks_page(get_store(), f, limit, offset)
        return jsonify({"limit": limit, "offset": offset,
                        "next": next_link(limit, offset, page.more), "items": page.items})
    items = data.tasks(get_store(), f)
    return list_response(items, flat_task, TASK_COLUMNS, "tasks")


BODY_COLUMNS = ["id", "name", "label", "place", "jurisdiction", "collective", "parent", "tasks"]


@bp.get("/bodies")
def bodies() -> Response:
    """A page of the bodies (of a ``jurisdiction``) as JSON, read a page at a time in the query
    (``next``: the next page's URL); every one as CSV; those whose names hold the words of
    ``q`` (a search: the names matched in the search index's look-up, the bodies matched
    read, data.bodies_named)."""
    check_params(("q", "jurisdiction", "limit", "offset"))
    where = request.args.get("jurisdiction", "").strip() or None
    if not request.args.get("q") and pick_format(LIST_FORMATS) == "json":
        limit, offset = page_args(PAGE_MOST)
        page = data.bodies_page(get_store(), limit, offset, where)
        return jsonify({"limit": limit, "offset": offset,
                        "next": next_link(limit, offset, page.more), "items": page.items})
    q = request.args.get("q", "")
    if q.strip() and pick_format(LIST_FORMATS) == "json":  # a page of the bodies named
        limit, offset = page_args()
        items, total = data.bodies_named(get_store(), q, where, (limit, offset))
        return jsonify({"total": total, "limit": limit, "offset": offset, "items": items})
    items = data.bodies_named(get_store(), q, where)[0] if q.strip() else data.bodies(get_store())
    if where:
        items = [b for b in items if b["jurisdiction"] == where]
    return list_response(items, lambda b: b, BODY_COLUMNS, "bodies")


DUTY_COLUMNS = [*TASK_COLUMNS, "role", "through", "via"]
PAGE_MOST = get_query("api_body_tasks").page_cap  # the most tasks a paged query's page holds
DUTIES_CSV = Table(lambda b: [flat_task(d) for d in b["duties"]], DUTY_COLUMNS, "duties")
TASKS_CSV = Table(lambda p: [flat_task(t) for t in p["tasks"]], TASK_COLUMNS, "tasks")


def _paged_body(bid: str) -> tuple[dict[str, Any], int, int, bool]:
    limit, offset = page_args(PAGE_MOST)
    b, page = data.body_page(get_store(), bid, limit, offset)
    return {**b, "duties": page.items}, limit, offset, page.more


@bp.get("/bodies/<path:bid>")
def body(bid: str) -> Response:
    """A body and a page of its duties (``limit``, ``offset``; ``duties_next``: the next
    page's URL); as CSV, every duty (the same rows as ``/duties``)."""
    check_params(("limit", "offset"))
    store = get_store()

    def answer() -> dict[str, Any]:
        if resource_format() == "csv":
            return data.body(store, bid)
        b, limit, offset, more = _paged_body(bid)
        return {**b, "duties_next": next_link(limit, offset, more)}

    return resource_response(store, answer, DUTIES_CSV)


@bp.get("/bodies/<path:bid>/duties")
def body_duties(bid: str) -> Response:
    """The duties of a body as a list: one row per task, role and route; a page of them as
    JSON (``next``: the next page's URL), every one as CSV."""
    check_params(("limit", "offset"))
    if pick_format(LIST_FORMATS) == "csv":
        b = data.body(get_store(), bid)
        return list_response(b["duties"], flat_task, DUTY_COLUMNS, "duties")
    b, limit, offset, more = _paged_body(bid)
    return jsonify({"limit": limit, "offset": offset, "next": next_link(limit, offset, more),
                    "items": b["duties"]})


@bp.get("/plans")
def plans() -> Response:
    """A page of the plans as JSON, read a page at a time in the query (``next``: the next
    page's URL); every one as CSV."""
    check_params(("limit", "offset"))
    cols = ["id", "number", "type", "date", "issuer", "title", "jurisdiction", "source", "tasks"]
    if pick_format(LIST_FORMATS) == "json":
        limit, offset = page_args(PAGE_MOST)
        page = data.plans_page(get_store(), limit, offset)
        return jsonify({"limit": limit, "offset": offset,
                        "next": next_link(limit, offset, page.more), "items": page.items})
    return list_response(data.plans(get_store()), lambda p: p, cols, "plans")


@bp.get("/plans/<path:pid>")
def plan(pid: str) -> Response:
    check_params(("limit", "offset"))
    store = get_store()
    return resource_response(store, lambda: data.plan(store, pid), TASKS_CSV)


CITED_COLUMNS = ["article", "article_title", "plan", "task", "section", "text", "source_url"]


def _cited_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A document as CSV: who cites it, one row per citing task and article (the whole
    document where no article is named)."""
    out = [{"article": None, "article_title": None, "plan": c["plan"], "task": c["task"],
            "section": c["section"], "text": c["text"], "source_url": c["source_url"]}
           for c in doc["cited_whole_by"]]  # fmt: skip
    for a in doc["articles"]:
        out += [{"article": a["number"], "article_title": a["title"], "plan": c["plan"],
                 "task": c["task"], "section": c["section"], "text": c["text"],
                 "source_url": c["source_url"]} for c in a["cited_by"]]  # fmt: skip
    return out


CITED_CSV = Table(_cited_rows, CITED_COLUMNS, "citations")


@bp.get("/documents")
def documents() -> Response:
    check_params(("q", "limit", "offset"))
    items = data.documents(get_store())
    if request.args.get("q"):
        words = data.fold(request.args["q"]).split()
        items = [d for d in items
                 if all(w in data.folded(d["number"], d["title"], d["type"]) for w in words)]
    cols = ["id", "number", "type", "title", "resolved", "has_text", "plans", "tasks"]
    return list_response(items, lambda d: d, cols, "documents")


@bp.get("/documents/<path:did>")
def document(did: str) -> Response:
    """A document with a page of its citations (``citations_next``: the next page's URL) and
    the counts kept at ingest; every citation as CSV."""
    check_params(("limit", "offset"))
    store = get_store()

    def answer() -> dict[str, Any]:
        if resource_format(True) == "csv":
            return data.document(store, did)
        limit, offset = page_args(PAGE_MOST)
        doc = data.document(store, did, (limit, offset))
        doc["citations_next"] = next_link(limit, offset, doc["more"])
        return doc

    return resource_response(store, answer, CITED_CSV)


@bp.get("/articles/<path:aid>")
def article(aid: str) -> Response:
    check_params(("limit", "offset"))
    store = get_store()
    if "/" not in aid:
        raise ApiError(400, "an article id looks like luat/36-2018-qh14/dieu-10")

    def answer() -> dict[str, Any]:
        """A page of the tasks citing it (``tasks_next``: the next page's URL); every one as
        CSV."""
        if resource_format() == "csv":
            return data.article(store, aid)
        limit, offset = page_args(PAGE_MOST)
        a = data.article(store, aid, page=(limit, offset))
        return {**a, "tasks_next": next_link(limit, offset, a.pop("more"))}

    return resource_response(store, answer, TASKS_CSV)


@bp.get("/queries")
def queries() -> Response:
    """The named queries (the same the pages use), for SPARQL users to start from."""
    from graph_api.queries import list_queries

    return jsonify([q.to_dict() for q in list_queries()])

