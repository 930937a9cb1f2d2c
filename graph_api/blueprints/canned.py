"""Named queries runnable by URL, as datasette's canned queries are.

``/queries`` lists them; ``/queries/<name>?param=…`` runs one and shows a form for its
parameters and a table of its answer; ``/queries/<name>.json`` and ``.csv`` (or
``?format=json|csv``) give the same rows to programs and to Excel. Parameters are the
query's declared ones only, typed and bound by the runner (never pasted into the text), and
the answer is held to the service's row cap and time limit.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from graph_api.app import get_store
from graph_api.blueprints.common import ApiError
from graph_api.blueprints.duties import csv_bytes, file_response
from graph_api.blueprints.linked import local_link
from graph_api.queries import NamedQuery, get, list_queries, run_with
from graph_api.store import QueryError, QueryTimeout, SelectResult

bp = Blueprint("canned", __name__)

FORMATS = ("html", "json", "csv")
QUERY_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]{0,79}")


def _query(name: str) -> NamedQuery:
    if not QUERY_NAME.fullmatch(name):
        raise ApiError(404, f"no named query {name[:80]!r}; see /queries")
    try:
        return get(name)
    except QueryError as exc:
        raise ApiError(404, str(exc)) from None


def _run(nq: NamedQuery, params: dict[str, str]) -> tuple[list[str], list[dict[str, Any]], bool]:
    cfg = current_app.config
    limit = int(cfg["CANCU_SPARQL_LIMIT"])
    timeout = float(cfg["CANCU_SPARQL_TIMEOUT"] or 0) or None
    res = run_with(get_store(), nq, params, timeout=timeout)
    if isinstance(res, bool):
        return ["boolean"], [{"boolean": res}], False
    if not isinstance(res, SelectResult):
        raise ApiError(400, f"{nq.name} gives a graph; run it at /sparql for Turtle")
    rows = res.rows
    return res.vars, rows[:limit], len(rows) > limit


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@bp.get("/queries")
def index() -> Any:
    queries = [q for q in list_queries() if not q.name.startswith("api_")]
    if request.args.get("format") == "json":
        return jsonify([q.to_dict() for q in queries])
    return render_template("queries.html", queries=queries)


@bp.get("/queries/<name>.<ext>")
def run_ext(name: str, ext: str) -> Any:
    if ext not in ("json", "csv"):
        raise ApiError(404, f"no format .{ext}; use .json or .csv")
    return run_named(name, ext)


@bp.get("/queries/<name>")
def run_named(name: str, fmt: str | None = None) -> Any:
    nq = _query(name)
    fmt = fmt or request.args.get("format", "html").strip().lower() or "html"
    if fmt not in FORMATS:
        raise ApiError(400, f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    params = {k: v for k, v in request.args.items() if k != "format" and v.strip()}
    missing = [p.name for p in nq.params if p.required and p.name not in params]
    if fmt == "html" and missing:  # the form first, not an error page
        return render_template("query.html", q=nq, params=params, columns=None, rows=None,
                               truncated=False, local=local_link, missing=missing)  # fmt: skip
    try:
        columns, rows, truncated = _run(nq, params)
    except QueryError as exc:
        if isinstance(exc, QueryTimeout):
            raise
        raise ApiError(400, str(exc)) from None
    if fmt == "json":
        return jsonify({"query": nq.name, "title": nq.title, "params": params,
                        "columns": columns, "truncated": truncated,
                        "rows": [{c: _plain(r.get(c)) for c in columns} for r in rows]})
    if fmt == "csv":
        body = csv_bytes([{c: _plain(r.get(c)) for c in columns} for r in rows],
                         [(c, c) for c in columns])  # fmt: skip
        return file_response(body, "text/csv", f"{nq.name}.csv", inline=True)
    return render_template("query.html", q=nq, params=params, columns=columns, rows=rows,
                           truncated=truncated, local=local_link, missing=[],
                           json_url=url_for("canned.run_ext", name=name, ext="json", **params),
                           csv_url=url_for("canned.run_ext", name=name, ext="csv", **params))

