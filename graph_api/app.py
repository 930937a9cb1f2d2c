"""The web service: a Flask application factory with four blueprints over one store.

``create_app()`` reads its settings from the environment (``CANCU_STORE``,
``CANCU_SPARQL_TIMEOUT``, ``CANCU_SPARQL_LIMIT``, ``CANCU_PAGE_SIZE``); a ``config`` mapping
overrides them, and may carry a ready :class:`~graph_api.store.Store` as ``CANCU_STORE_OBJECT``
(tests, notebooks). The store is opened once per app: an on-disk Oxigraph store read-only, so
``cancu ask`` and friends keep working beside a running server (RocksDB takes no lock for
read-only opens); re-run ``cancu serve`` after ``cancu ingest`` to see the new data.

Run with ``cancu serve`` (waitress) or ``flask --app graph_api.app run`` (development).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graph_api.store import OxigraphStore, Store, StoreError, open_store

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "CANCU_STORE": None,  # None: cancu.paths.default_store()
    "CANCU_SPARQL_TIMEOUT": 10.0,
    "CANCU_SPARQL_LIMIT": 10_000,
    "CANCU_PAGE_SIZE": 50,
    "CANCU_BASE_IRI": "https://cancu.dev/",  # the base the graph's IRIs are minted under
    "CANCU_SPARQL_SERVICES": "",  # endpoints SERVICE may call, separated by spaces or commas
    "CANCU_CORS_ORIGINS": "*",  # origins that may read the read-only routes; empty: none
    "CANCU_CACHE_SECONDS": 60,  # how long clients may keep an answer of a read-only store
}
_CASTS = {"CANCU_SPARQL_TIMEOUT": float, "CANCU_SPARQL_LIMIT": int, "CANCU_PAGE_SIZE": int,
          "CANCU_CACHE_SECONDS": int}


class Answers:
    """A bounded, thread-safe cache of named-query rows for a store that cannot change."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._rows: OrderedDict[Any, list[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> list[dict[str, Any]] | None:
        with self._lock:
            rows = self._rows.get(key)
            if rows is not None:
                self._rows.move_to_end(key)
            return rows

    def put(self, key: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        with self._lock:
            self._rows[key] = rows
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)
        return rows


class ReadOnlyOxigraphStore(OxigraphStore):
    """An on-disk Oxigraph store opened with ``Store.read_only``: no lock, no writes."""

    read_only = True  # its state cannot change while it serves (graph_api.state)

    def __init__(self, path: Path) -> None:
        self.location = str(path)
        self._path = None  # nothing to flush on close
        self.answers = Answers()
        try:
            self._s = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store {path} read-only: {exc}") from exc

    def update(self, sparql: str) -> None:
        raise StoreError("the web service opened the store read-only; use `cancu ingest`")


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


def open_service_store(location: str | Path | None) -> Store:
    """Open the store the service reads: read-only for an existing directory."""
    if location is None:
        from cancu.paths import default_store

        location = default_store()
    text = str(location)
    if text == ":memory:" or text.lower().startswith(("http://", "https://")):
        return open_store(text)
    path = Path(text).expanduser()
    if not path.is_dir():
        raise StoreError(f"no store at {path}; run `cancu ingest data/plans data/laws` first")
    return ReadOnlyOxigraphStore(path)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, the store (opened once), blueprints, JSON/HTML error pages."""
    app = Flask(__name__)
    app.config.update(settings_from_env())
    if config:
        app.config.update(config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    store = app.config.get("CANCU_STORE_OBJECT")
    if store is None:
        store = open_service_store(app.config["CANCU_STORE"])
    app.extensions["cancu_store"] = store

    from graph_api.blueprints import api, canned, duties, explorer, linked, pages, sparql

    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(sparql.bp)
    app.register_blueprint(explorer.bp)
    app.register_blueprint(duties.bp)
    app.register_blueprint(canned.bp)
    app.register_blueprint(linked.bp)
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

    @app.errorhandler(QueryTimeout)
    def _timeout(exc: QueryTimeout) -> Any:
        return error_response(503, f"{exc}; narrow the question")

    @app.errorhandler(QueryError)
    def _query(exc: QueryError) -> Any:
        return error_response(400, str(exc))

    @app.errorhandler(StoreError)
    def _store(exc: StoreError) -> Any:
        log.error("store error: %s", exc)
        return error_response(503, f"the graph store is not available: {exc}")

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
