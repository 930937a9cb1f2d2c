"""CORS on the read-only routes, so a notebook in a browser, YASGUI on another host or a web
app can read the API, the SPARQL endpoint, the linked data and the exports.

``CANCU_CORS_ORIGINS``: ``*`` (the default: the data is public and read-only), a list of
origins separated by spaces or commas (the request's origin is echoed when listed), or empty
to send no CORS headers. Only GET, HEAD and POST (a SPARQL query) are allowed, with no
credentials; the pages themselves (HTML for people) are left out.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, request

__all__ = ["READ_ONLY", "install"]

READ_ONLY = ("/api/", "/sparql", "/id/", "/queries", "/due")
EXPORTS = re.compile(r"/(?:calendar\.ics|duties\.xlsx|tasks\.xlsx)$")


def _allowed_origin() -> str | None:
    setting = str(current_app.config.get("CANCU_CORS_ORIGINS", "*") or "").strip()
    if not setting:
        return None
    if setting == "*":
        return "*"
    origin = request.headers.get("Origin", "")
    return origin if origin in re.split(r"[\s,]+", setting) else None


def _after(resp: Response) -> Response:
    path = request.path
    if not (path.startswith(READ_ONLY) or EXPORTS.search(path)):
        return resp
    origin = _allowed_origin()
    if origin is None:
        return resp
    resp.headers["Access-Control-Allow-Origin"] = origin
    if origin != "*":
        resp.vary.add("Origin")
    resp.headers["Access-Control-Expose-Headers"] = (
        "ETag, Content-Disposition, X-Total-Count, X-Cancu-Truncated, X-Cancu-Note")
    if request.method == "OPTIONS":  # a preflight: what a query from another origin may send
        resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match"
        resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def install(app: Flask) -> None:
    app.after_request(_after)
