"""What every view shares: checked parameters, format negotiation, CSV and RDF answers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from rdflib import URIRef

from graph_api.blueprints.errors import ApiError
from graph_api.store import Store, bind_values

LIST_FORMATS = {"json": "application/json", "csv": "text/csv"}
RDF_FORMATS = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
               "json-ld": "application/ld+json", "nt": "application/n-triples"}  # fmt: skip


def arg_date(name: str) -> dt.date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400, f"parameter {name!r} wants a date like 2023-12-31, not {value!r}"
        ) from None


def arg_int(name: str, default: int, lo: int = 0, hi: int | None = None) -> int:
    value = request.args.get(name, "").strip()
    if not value:
        return default
    try:
        n = int(value)
    except ValueError:
        raise ApiError(400, f"parameter {name!r} wants a whole number, not {value!r}") from None
    if n < lo or (hi is not None and n > hi):
        bound = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise ApiError(400, f"parameter {name!r} must be {bound}, not {n}")
    return n


def arg_choice(name: str, choices: Iterable[str]) -> str | None:
    value = request.args.get(name, "").strip()
    options = list(choices)
    if value and value not in options:
        choices_text = ", ".join(options)
        raise ApiError(400, f"parameter {name!r} must be one of {choices_text}, not {value!r}")
    return value or None


def check_params(allowed: Iterable[str]) -> None:
    """Refuse unknown query parameters, so a typo does not silently widen an answer."""
    known = set(allowed) | {"format"}
    unknown = sorted(set(request.args) - known)
    if unknown:
        raise ApiError(400, f"unknown parameter {', '.join(unknown)} (known: "
                            f"{', '.join(sorted(known))})")  # fmt: skip


def pick_format(kinds: dict[str, str]) -> str:
    """``?format=`` wins; else the Accept header; JSON by default. Returns a key of ``kinds``."""
    fmt = request.args.get("format", "").strip().lower()
    if fmt:
        if fmt not in kinds:
            raise ApiError(400, f"format must be one of {', '.join(kinds)}, not {fmt!r}")
        return fmt
    if not request.accept_mimetypes or request.accept_mimetypes.best in ("*/*", None):
        return "json"
    by_type: dict[str, str] = {}
    for key, media in kinds.items():
        by_type.setdefault(media, key)
    best = request.accept_mimetypes.best_match(["application/json", *by_type])
    if best is None:
        raise ApiError(406, f"cannot answer as {request.headers.get('Accept')!r}; "
                            f"try one of {', '.join(sorted(set(kinds.values())))}")  # fmt: skip
    return "json" if best == "application/json" else by_type[best]


def page_args(most: int = 1000) -> tuple[int, int]:
    """``limit`` (the configured page size unless asked, at most ``most``) and ``offset``."""
    size = min(int(current_app.config["CANCU_PAGE_SIZE"]), most)
    return arg_int("limit", size, 1, most), arg_int("offset", 0, 0)


def next_link(limit: int, offset: int, more: bool) -> str | None:
    """The URL of the next page of this request's answer (its other parameters kept), when
    the engine found rows past this one; None on the last page."""
    if not more:
        return None
    args = {**request.args.to_dict(), "limit": str(limit), "offset": str(offset + limit)}
    return url_for(request.endpoint or "", **(request.view_args or {}), **args)


def pager(endpoint: str, page: Any, **args: Any) -> dict[str, str | None]:
    """The links to the next and the previous page (``page``: a data.Page, its ``limit``,
    ``offset`` and ``more``) of a list read a page at a time, its other arguments kept."""
    limit, offset = page.limit, page.offset
    return {"next": url_for(endpoint, **args, offset=offset + limit) if page.more else None,
            "previous": url_for(endpoint, **args, offset=max(0, offset - limit))
            if offset else None}  # fmt: skip


def csv_response(rows: list[dict[str, Any]], columns: list[str], name: str,
                 total: int | None = None) -> Response:  # fmt: skip
    """CSV as Excel opens it: UTF-8 with a byte-order mark (else Vietnamese is garbled)."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: "" if r.get(c) is None else r.get(c) for c in columns})
    resp = Response(buf.getvalue().encode("utf-8"), mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    resp.headers["X-Total-Count"] = str(len(rows) if total is None else total)
    return resp


def csv_page(items: list[Any]) -> list[Any]:
    """The rows a CSV answer holds: every one, or the page ``limit``/``offset`` ask for."""
    if "limit" not in request.args and "offset" not in request.args:
        return items
    limit, offset = arg_int("limit", len(items) or 1, 1), arg_int("offset", 0, 0)
    return items[offset : offset + limit]


def list_response(
    items: list[dict[str, Any]],
    flatten: Callable[[dict[str, Any]], dict[str, Any]],
    columns: list[str],
    name: str,
    paged: bool = True,
    **extra: Any,
) -> Response:
    """One list as JSON (``{total, limit, offset, items}``) or CSV (every matching row)."""
    fmt = pick_format(LIST_FORMATS)
    limit, offset = page_args() if paged else (len(items) or 1, 0)
    if fmt == "csv":
        return csv_response([flatten(i) for i in csv_page(items)], columns, name, len(items))
    body = {"total": len(items), "limit": limit, "offset": offset, **extra,
            "items": items[offset : offset + limit]}  # fmt: skip
    return jsonify(body)


@dataclass(slots=True)
class Table:
    """How a resource reads as CSV: the list it holds (a body's duties, a plan's tasks)."""

    rows: Callable[[Any], list[dict[str, Any]]]  # from the resource's JSON answer
    columns: list[str]
    name: str


def resource_format(table: bool = True) -> str:
    """The format a resource is asked in: json, csv (when it reads as a ``table``) or RDF."""
    kinds = {"json": "application/json", **RDF_FORMATS}
    if table:
        kinds["csv"] = "text/csv"
    return pick_format(kinds)


def resource_response(store: Store, body: Callable[[], dict[str, Any]],
                      table: Table | None = None) -> Response:  # fmt: skip
    """A resource as JSON, as CSV (its ``table``: a body's duties, a plan's tasks), or as
    Turtle/JSON-LD/N-Triples (``DESCRIBE`` of its IRI).

    The format is checked before the resource is looked up, so a bad parameter is a 400
    whether or not the id names something."""
    fmt = resource_format(table is not None)
    answer = body()  # first, so an unknown id is a 404 in every format
    if fmt == "json":
        return jsonify(answer)
    if fmt == "csv" and table is not None:
        rows = table.rows(answer)
        return csv_response(csv_page(rows), table.columns, table.name, len(rows))
    describe = bind_values("DESCRIBE ?node WHERE { }", {"node": URIRef(answer["iri"])})
    data, ctype = store.query_raw(describe, RDF_FORMATS[fmt])
    return Response(data, content_type=ctype)
