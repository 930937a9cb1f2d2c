"""The web service: a Flask application factory with four blueprints over one store.

``create_app()`` reads its settings from the environment (``CANCU_STORE``,
``CANCU_SPARQL_TIMEOUT``, ``CANCU_SPARQL_LIMIT``, ``CANCU_PAGE_SIZE``); a ``config`` mapping
overrides them, and may carry a ready :class:`~graph_api.store.Store` as ``CANCU_STORE_OBJECT``
(tests, notebooks). The store is opened once per app. An on-disk store is served from its
snapshots by query worker processes (:mod:`graph_api.served_store`): a query past its limit is
killed, and each completed ``cancu ingest`` shows without a restart. An in-memory store (tests)
is queried in-process, where a time limit only stops the waiting.

Run with ``cancu serve`` (waitress) or ``flask --app graph_api.app run`` (development).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graph_api.store import Store, StoreError, open_store

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "CANCU_STORE": None,  # None: cancu.paths.default_store()
    "CANCU_SPARQL_TIMEOUT": 10.0,  # seconds a query may run (named ones and /sparql's)
    "CANCU_SPARQL_LIMIT": 10_000,  # rows or triples /sparql answers with at most
    "CANCU_PAGE_SIZE": 50,
    "CANCU_BASE_IRI": "https://cancu.dev/",  # the base the graph's IRIs are minted under
    "CANCU_SPARQL_SERVICES": "",  # endpoints SERVICE may call, separated by spaces or commas
    "CANCU_PAGE_TIMEOUT": 30.0,  # seconds one request may spend on queries in all
    "CANCU_QUERY_ROWS": 200_000,  # rows a named query may return (more is refused, not cut)
    "CANCU_QUERY_WORKERS": 2,  # worker processes for the named queries of pages and the API
    "CANCU_SPARQL_WORKERS": 2,  # worker processes for /sparql
    # seconds a /sparql query keeps its worker once another query waits for one (0: its limit)
    "CANCU_SPARQL_BUSY_TIMEOUT": 2.0,
    # /sparql requests served at once; more get a 503 at once, so that queries queueing for
    # the endpoint's workers never hold every waitress thread and the pages keep theirs
    "CANCU_SPARQL_REQUESTS": 16,
    "CANCU_QUERY_MEMORY": 2048,  # MB of address space a query worker may use (~450 idle)
    "CANCU_MAX_BODY": 2 * 1024 * 1024,  # bytes of a request body
    "CANCU_CORS_ORIGINS": "*",  # origins that may read the read-only routes; empty: none
    "CANCU_CACHE_SECONDS": 0,  # seconds clients may keep an answer unasked (0: revalidate)
}
_CASTS = {"CANCU_SPARQL_TIMEOUT": float, "CANCU_SPARQL_LIMIT": int, "CANCU_PAGE_SIZE": int,
          "CANCU_PAGE_TIMEOUT": float, "CANCU_QUERY_ROWS": int, "CANCU_QUERY_WORKERS": int,
          "CANCU_SPARQL_WORKERS": int, "CANCU_QUERY_MEMORY": int, "CANCU_MAX_BODY": int,
          "CANCU_CACHE_SECONDS": int, "CANCU_SPARQL_BUSY_TIMEOUT": float,
          "CANCU_SPARQL_REQUESTS": int}


def settings_from_env(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The ``CANCU_*`` settings from the environment, typed; bad numbers are named clearly."""
    env = os.environ if env is None else env
    out = dict(DEFAULTS)
    for key in DEFAULTS:
        raw = env.get(key)
        if raw is None or raw == "":
            continue
        cast = _CASTS.get(key, str)
        try:
            out[key] = cast(raw)
        except ValueError:
            raise StoreError(f"{key}={raw!r} is not a {cast.__name__}") from None
    return out


def open_service_store(
    location: str | Path | None, settings: Mapping[str, Any] = DEFAULTS
) -> Store:
    """Open the store the service reads: an existing directory through its snapshots and
    query workers (:class:`~graph_api.served_store.ServedStore`)."""
    if location is None:
        from cancu.paths import default_store

        location = default_store()
    text = str(location)
    if text == ":memory:" or text.lower().startswith(("http://", "https://")):
        return open_store(text)
    path = Path(text).expanduser()
    if not path.is_dir():
        raise StoreError(f"no store at {path}; run `cancu ingest data/plans data/laws` first")
    from graph_api.served_store import ServedStore

    return ServedStore(
        path, workers=int(settings["CANCU_QUERY_WORKERS"]),
        sparql_workers=int(settings["CANCU_SPARQL_WORKERS"]),
        megabytes=int(settings["CANCU_QUERY_MEMORY"]),
        timeout=float(settings["CANCU_SPARQL_TIMEOUT"]), rows=int(settings["CANCU_QUERY_ROWS"]),
        sparql_busy=float(settings["CANCU_SPARQL_BUSY_TIMEOUT"]),
    )  # fmt: skip


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, the store (opened once), blueprints, JSON/HTML error pages."""
    app = Flask(__name__)
    app.config.update(settings_from_env())
    if config:
        app.config.update(config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    # bodies over the cap are refused with 413 (forms too, whose fields Werkzeug keeps in memory)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["CANCU_MAX_BODY"])
    app.config["MAX_FORM_MEMORY_SIZE"] = int(app.config["CANCU_MAX_BODY"])
    store = app.config.get("CANCU_STORE_OBJECT")
    if store is None:
        store = open_service_store(app.config["CANCU_STORE"], app.config)
    app.extensions["cancu_store"] = store
    app.before_request(_start_request)
    app.teardown_request(_end_request)

    from graph_api.blueprints import (
        api,
        canned,
        duties,
        explorer,
        linked,
        pages,
        searching,
        sparql,
    )

    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(sparql.bp)
    app.register_blueprint(explorer.bp)
    app.register_blueprint(duties.bp)
    app.register_blueprint(canned.bp)
    app.register_blueprint(linked.bp)
    app.register_blueprint(searching.bp)
    app.register_blueprint(pages.bp)
    _register_errors(app)
    app.after_request(_secure_headers)
    from graph_api import caching, cors

    caching.install(app)
    cors.install(app)
    return app


# Pages load scripts, styles and data only from the service itself; nothing may frame them.
# Styles allow 'unsafe-inline' because vis-network and CodeMirror set style attributes.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _secure_headers(resp: Any) -> Any:
    """Every answer (pages, API, errors, files) carries the security headers."""
    for name, value in SECURITY_HEADERS.items():
        resp.headers.setdefault(name, value)
    return resp


def _start_request() -> None:
    """Give the request its deadline, and move to the store's newest snapshot if there is one."""
    from graph_api.querypool import deadline

    store = get_store()
    refresh = getattr(store, "refresh", None)
    if refresh is not None:
        refresh()
    limit = float(current_app.config["CANCU_PAGE_TIMEOUT"] or 0)
    g.cancu_deadline = deadline.set(time.monotonic() + limit if limit else None)


def _end_request(exc: BaseException | None) -> None:
    from graph_api.querypool import deadline

    token = g.pop("cancu_deadline", None)
    if token is not None:
        deadline.reset(token)


def get_store() -> Store:
    """The app's store (one per app, shared by all requests)."""
    return current_app.extensions["cancu_store"]  # type: ignore[no-any-return]


def wants_json() -> bool:
    """API and SPARQL clients get JSON errors; browsers on pages get HTML."""
    if request.path.startswith("/api"):
        return True
    if request.path.startswith("/sparql"):  # curl's "*/*" is a SPARQL client, not a browser
        return "text/html" not in (request.headers.get("Accept") or "")
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best != "text/html"


def error_response(status: int, message: str) -> Any:
    if wants_json():
        resp = jsonify({"error": {"status": status, "message": message}})
        resp.status_code = status
        return resp
    return render_template("error.html", status=status, message=message), status


def _register_errors(app: Flask) -> None:
    from graph_api.blueprints.common import ApiError
    from graph_api.blueprints.data import NotFound
    from graph_api.store import NotAcceptable, QueryError, QueryTimeout

    @app.errorhandler(ApiError)
    def _api(exc: ApiError) -> Any:
        return error_response(exc.status, exc.message)

    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound) -> Any:
        return error_response(404, str(exc))

    @app.errorhandler(NotAcceptable)
    def _not_acceptable(exc: NotAcceptable) -> Any:
        return error_response(406, str(exc))

    from graph_api.querypool import PoolBusy, QueryTooCostly
    from graph_api.served_store import TooManyRows

    @app.errorhandler(QueryTimeout)
    @app.errorhandler(QueryTooCostly)
    @app.errorhandler(TooManyRows)
    def _over_limit(exc: QueryError) -> Any:
        """A named query over the service's limits: the service's problem, not the client's
        (a query sent to /sparql over them is the client's: a 400 there)."""
        return error_response(503, f"{exc}; narrow the question")

    @app.errorhandler(PoolBusy)
    def _busy(exc: PoolBusy) -> Any:
        resp = error_response(503, str(exc))
        if isinstance(resp, tuple):
            resp = current_app.make_response(resp)
        resp.headers["Retry-After"] = "2"
        return resp

    @app.errorhandler(QueryError)
    def _query(exc: QueryError) -> Any:
        return error_response(400, str(exc))

    @app.errorhandler(StoreError)
    def _store(exc: StoreError) -> Any:
        log.error("store error: %s", exc)
        return error_response(503, f"the graph store is not available: {exc}")

    @app.errorhandler(413)
    def _too_large(exc: HTTPException) -> Any:
        cap = int(current_app.config["CANCU_MAX_BODY"])
        return error_response(413, f"the request body is larger than the limit of "
                                   f"{cap / 1024 / 1024:g} MB (CANCU_MAX_BODY)")  # fmt: skip

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        if exc.code == 404 and request.url_rule is None:
            hint = "; see /api/openapi.json" if request.path.startswith("/api") else ""
            return error_response(404, f"no such page or endpoint {request.path}{hint}")
        return error_response(exc.code or 500, exc.description or exc.name)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        log.exception("unexpected error on %s", request.path)
        return error_response(500, "internal error; the server log has the details")
