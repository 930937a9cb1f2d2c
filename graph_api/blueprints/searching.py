"""``/search`` (the page) and ``/api/search`` (JSON): ranked full-text search over tasks,
bodies and documents, diacritics ignored, the matching words marked, filtered by plan, body,
role and period. The ranking and the highlighting are :mod:`graph_api.search`'s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from graph_api.agenda import agenda
from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import ApiError, arg_choice, arg_int, check_params
from graph_api.blueprints.duties import YEARS_BACK, quarters, read_period
from graph_api.blueprints.params import bind
from graph_api.search import Hit, index_for
from graph_api.store import Store

bp = Blueprint("searching", __name__)

PARAMS = ("q", "plan", "body", "role", "period", "from", "to", "limit", "offset")


def _body_filter(store: Store, text: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The body a filter names (by id, read alone, or by name), or the bodies a name could be:
    data.resolve_body, never every body of the store."""
    return data.resolve_body(store, text)


def _iri(base: str, key: str) -> str:
    """The IRI of an index row's key: a body's or document's id below ``base``, or an IRI."""
    return key if key.startswith(("http://", "https://")) else base + key


def run_search(store: Store) -> dict[str, Any]:
    """What a search request asks and finds: ranked task hits (with the tasks), bodies,
    documents; the filters as understood."""
    q = str(bind("text", request.args.get("q", ""), "q"))
    role = arg_choice("role", data.ROLES)
    plan = data.plan_by_id(store, request.args["plan"].strip()) if request.args.get(
        "plan") else None  # fmt: skip
    body, candidates = None, []
    if request.args.get("body", "").strip():
        body, candidates = _body_filter(store, str(bind("text", request.args["body"], "body")))
    asked_period = any(request.args.get(k) for k in ("period", "from", "to"))
    period = read_period() if asked_period else None
    out: dict[str, Any] = {"q": q, "role": role, "plan": plan, "body": body,
                           "candidates": candidates, "period": period, "tasks": [],
                           "bodies": [], "documents": [], "index": None}  # fmt: skip
    if not q or (request.args.get("body") and body is None):
        return out
    index = index_for(store)
    hits = index.search(q, "task", plan=plan["id"] if plan else None,
                        body=body["id"] if body else None, role=role)  # fmt: skip
    # the hits' tasks only, never every task of the store; without a period, only those of
    # the page shown (page_of reads them): the others are counted, not read
    tasks: list[tuple[Hit, dict[str, Any] | None]] = [(h, None) for h in hits]
    if period is not None:
        tasks = _read(store, tasks)
        found = agenda([t for _, t in tasks], period)
        keep = {r["iri"] for r in found.rows} | {t["iri"] for t in found.ongoing}
        tasks = [(h, t) for h, t in tasks if t["iri"] in keep]
    out["tasks"] = tasks
    if not (plan or body or role or period):
        # the bodies and documents hit (20 at most), not every one of the store
        body_hits = index.search(q, "body", limit=20)
        bodies = {b["id"]: b for b in data.bodies(store, only=[_iri(data.BODY, h.key)
                                                                for h in body_hits])}
        out["bodies"] = [(h, bodies[h.key]) for h in body_hits if h.key in bodies]
        doc_hits = index.search(q, "document", limit=20)
        docs = {d["id"]: d for d in data.documents(store, [_iri(data.DOC, h.key)
                                                           for h in doc_hits]) if d["id"]}
        out["documents"] = [(h, docs[h.key]) for h in doc_hits if h.key in docs]
        index.highlight(q, [h for h, _ in out["bodies"] + out["documents"]])
    out["index"] = index
    return out


def _read(store: Store, hits: list[tuple[Hit, dict[str, Any] | None]],
          ) -> list[tuple[Hit, dict[str, Any]]]:
    """Hits with their tasks read (those not read yet, in one go); a hit whose task is gone
    is left out."""
    wanted = tuple(h.key for h, t in hits if t is None)
    by_iri = {t["iri"]: t for t in data.tasks(store, tasks=wanted)} if wanted else {}
    return [(h, t if t is not None else by_iri[h.key]) for h, t in hits
            if t is not None or h.key in by_iri]


def page_of(found: dict[str, Any], offset: int, limit: int) -> list[tuple[Hit, dict[str, Any]]]:
    """The page of task hits a page shows, with their tasks, their words marked (only theirs:
    reading and marking are the costly parts)."""
    shown = _read(get_store(), found["tasks"][offset : offset + limit])
    if shown:
        found["index"].highlight(found["q"], [h for h, _ in shown])
    return shown


@bp.get("/search")
def page() -> str:
    store = get_store()
    found = run_search(store)
    limit, offset = arg_int("limit", 50, 1, 500), arg_int("offset", 0, 0)
    shown = page_of(found, offset, limit) if found["q"] else []
    # the plans to choose from: those of the tasks shown and the one chosen, never every plan
    # of the store (10,000 choices read at each request); the years: theirs, this one and the
    # five before
    plans = list({t["plan"]["iri"]: t["plan"] for _, t in shown}.values())
    if found["plan"] and found["plan"]["iri"] not in {p["iri"] for p in plans}:
        plans.append(found["plan"])
    plans.sort(key=lambda p: p.get("name") or p["id"])
    today = dt.date.today().year
    years = {p.get("year") for p in plans} | set(range(today - YEARS_BACK, today + 1))
    if found["period"] is not None:
        years |= {found["period"].start.year, found["period"].end.year}
    return render_template("search.html", **found, limit=limit, offset=offset, shown=shown,
                           plans=plans, roles=data.ROLE_VI,
                           quarters=quarters(store, years))  # fmt: skip


def _hit_json(h: Hit) -> dict[str, Any]:
    return {"rank": round(-h.rank, 4), "phrase": h.phrase,
            "highlight": {k: str(v) for k, v in h.marked.items()}}  # fmt: skip


@bp.get("/api/search")
def api() -> Response:
    """Ranked hits as JSON: tasks (paged) with their highlights, and bodies and documents."""
    check_params(PARAMS)
    if not request.args.get("q", "").strip():
        raise ApiError(400, "parameter 'q' is required: the words to look for")
    store = get_store()
    found = run_search(store)
    limit, offset = arg_int("limit", 50, 1, 1000), arg_int("offset", 0, 0)
    tasks = found["tasks"]
    return jsonify({
        "q": found["q"], "total": len(tasks), "limit": limit, "offset": offset,
        "period": found["period"].label if found["period"] else None,
        "tasks": [{**t, **_hit_json(h)} for h, t in page_of(found, offset, limit)],
        "bodies": [{**b, **_hit_json(h)} for h, b in found["bodies"]],
        "documents": [{**d, **_hit_json(h)} for h, d in found["documents"]],
        "candidates": [{"id": b["id"], "label": b["label"]} for b in found["candidates"]],
    })  # fmt: skip
