"""HTTP caching tied to the store's state: ETag, Last-Modified, Cache-Control, 304s.

An answer depends on the store's state, the URL, the headers it is negotiated on and the
code that wrote it, so its ETag is a digest of those: computed before the view runs, an
unchanged answer costs a 304 and no query. Clients revalidate every time (``no-cache``), so an
ingest shows at once; ``CANCU_CACHE_SECONDS`` > 0 lets them keep answers of the served store
(whose snapshots never change, but which moves to a new one after an ingest) that long
without asking. Errors and POSTs are never cached.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from flask import Flask, Response, current_app, request

from graph_api.state import state

__all__ = ["install"]

VARY_ON = ("Accept", "Origin")
_CODE = secrets.token_hex(4)  # this process's code: a restart after an upgrade is a new ETag


def _etag() -> str:
    store = current_app.extensions["cancu_store"]
    parts = [_CODE, state(store).tag, request.full_path,
             *(request.headers.get(h, "") for h in VARY_ON)]  # fmt: skip
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _cacheable() -> bool:
    return request.method in ("GET", "HEAD") and not request.path.startswith("/static/")


def _before() -> Any:
    if not _cacheable():
        return None
    tag = _etag()
    request.environ["cancu.etag"] = tag
    if request.if_none_match.contains(tag):
        resp = Response(status=304)
        _headers(resp, tag)
        return resp
    return None


def _headers(resp: Response, tag: str) -> None:
    store = current_app.extensions["cancu_store"]
    resp.set_etag(tag)
    resp.last_modified = state(store).since
    seconds = int(current_app.config.get("CANCU_CACHE_SECONDS", 0))
    fixed = getattr(store, "read_only", False)
    resp.headers["Cache-Control"] = (f"public, max-age={seconds}" if fixed and seconds
                                     else "no-cache")  # fmt: skip
    resp.vary.update(VARY_ON)


def _after(resp: Response) -> Response:
    tag = request.environ.get("cancu.etag")
    if tag is None or resp.status_code == 304:
        return resp
    if resp.status_code != 200 or resp.direct_passthrough:
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp
    _headers(resp, tag)
    return resp


def install(app: Flask) -> None:
    app.before_request(_before)
    app.after_request(_after)
