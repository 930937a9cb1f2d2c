"""Named queries: the ``.rq`` files in ``graph_api/queries/`` and a runner that binds them safely.

A named query is the contract between the graph and everything that reads it (REST API, CLI,
HTML pages, notebooks). Its header declares its parameters::

    # title: Tasks resting on an article
    # description: Which tasks cite a given document (and article).
    # param: document  string  required  e.g. 36/2018/QH14
    # param: article   string  optional  e.g. 10

Each parameter is the SPARQL variable of the same name. Values are converted to typed RDF
terms and bound through a ``VALUES`` block (see :func:`graph_api.store.bind_values`), so user
input can never change the query. An optional parameter left out stays unbound.

Notebook use::

    from graph_api.queries import connect, list_queries, run
    store = connect()                       # the default persistent store
    run(store, "tasks_by_document", document="36/2018/QH14").rows
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph_api.store import (
    QueryError,
    QueryResult,
    SelectResult,
    Store,
    bind_page,
    iri,
    lateral_optionals,
    open_store,
    page_of,
    page_rows,
    without_page,
)

QUERY_DIR = Path(__file__).resolve().parent / "queries"

PARAM_TYPES = ("string", "iri", "body", "integer", "decimal", "date", "boolean")
BODY_BASE = "https://cancu.dev/id/body/"  # a "body" parameter: its IRI, or its key below this
_TYPE_ALIASES = {"str": "string", "uri": "iri", "int": "integer", "number": "decimal",
                 "float": "decimal", "bool": "boolean"}  # fmt: skip
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*")
_EXAMPLE = re.compile(r"(?:^|(?<=\s)|(?<=,))(?:e\.g\.|eg:|ví dụ:?)\s*", re.IGNORECASE)

__all__ = [
    "QUERY_DIR",
    "NamedQuery",
    "Param",
    "QueryError",
    "connect",
    "get",
    "list_queries",
    "parse_query_file",
    "rows_with",
    "run",
    "run_with",
]


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: str = "string"
    required: bool = False
    example: str | None = None
    description: str | None = None

    def convert(self, value: Any) -> URIRef | Literal:
        """The RDF term for a user value (text from a form or the CLI, or a Python value)."""
        if isinstance(value, URIRef | Literal):
            return value
        text = str(value).strip()
        try:
            if self.type == "body":  # bound as an IRI: the engine then looks it up directly
                text = text if text.startswith(("http://", "https://")) else (
                    BODY_BASE + text.strip("/"))
                iri(text)
                return URIRef(text)
            if self.type == "iri":
                iri(text)  # validates
                return URIRef(text)
            if self.type == "integer":
                return Literal(int(text), datatype=XSD.integer)
            if self.type == "decimal":
                return Literal(Decimal(text), datatype=XSD.decimal)
            if self.type == "date":
                date = value if isinstance(value, dt.date) else dt.date.fromisoformat(text)
                return Literal(date, datatype=XSD.date)
            if self.type == "boolean":
                flag = {"true": True, "1": True, "yes": True, "false": False, "0": False,
                        "no": False}[text.lower()]  # fmt: skip
                return Literal(flag)
        except (ValueError, KeyError, InvalidOperation, QueryError) as exc:
            example = f" (e.g. {self.example})" if self.example else ""
            raise QueryError(
                f"parameter {self.name!r} wants a {self.type}{example}, not {text!r}"
            ) from exc
        return Literal(str(value))


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A ``.rq`` file: its name (the file stem), what it answers, its parameters and text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str = field(repr=False)
    path: Path | None = None
    # ``# optionals: lateral``: a selective query whose OPTIONALs are looked up row by row on
    # engines that can (see graph_api.store.lateral_optionals)
    lateral: bool = False
    # ``# with: body  api_body_tasks``: given that parameter, the answer is that query's (same
    # parameters, same columns), which reads from it out: one SPARQL text cannot start from
    # whichever of its optional parameters is given
    instead: tuple[tuple[str, str], ...] = ()
    # ``# page: task 500``: an answer that grows with the store, read a page at a time. Its
    # WHERE opens with a subquery choosing what the answer is about (the page's ``task``s);
    # given ``limit`` (at most 500) and ``offset``, that subquery picks the page first and the
    # whole query then reads the details of those rows only (:func:`run_with`)
    page_unit: str | None = None
    page_cap: int = 0
    # ``# page: other 500 apart``: the page subquery only picks a page; the rest of the query
    # gives every row on its own, and without a limit runs without it (article_detail: the
    # rest reads the article's links in one pass, where joined with the page subquery it
    # would look each up again, row by row)
    page_apart: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (for ``--list`` and the web service)."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [asdict(p) for p in self.params],
        }

    def bindings(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``params`` against the declaration and convert them to RDF terms."""
        unknown = sorted(set(params) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)} (it takes: {known})"
            )
        out: dict[str, Any] = {}
        for p in self.params:
            value = params.get(p.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                if p.required:
                    example = f", e.g. {p.example}" if p.example else ""
                    raise QueryError(
                        f"query {self.name!r} needs the parameter {p.name!r} ({p.type}{example})"
                    )
                continue
            # a tuple or list: each of its values in turn (graph_api.store.bind_values)
            out[p.name] = (tuple(p.convert(v) for v in value) if isinstance(value, tuple | list)
                           else p.convert(value))
        return out


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its comment header."""
    text = path.read_text(encoding="utf-8")
    title, description, params = path.stem.replace("_", " "), [], []
    last, lateral, instead, page, apart = None, False, [], ("", "0"), False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        key, sep, value = body.partition(":")
        key = key.strip().lower()
        if sep and key == "title":
            title, last = value.strip(), "title"
        elif sep and key == "description":
            description.append(value.strip())
            last = "description"
        elif sep and key == "param":
            params.append(_parse_param(value, path))
            last = "param"
        elif sep and key == "optionals":
            lateral, last = value.strip().lower() == "lateral", "optionals"
        elif sep and key == "page":
            unit, _, rest = value.strip().partition(" ")
            cap, _, how = rest.strip().partition(" ")
            page, last = (unit.strip(), cap.strip() or "0"), "page"
            apart = how.strip().lower() == "apart"
        elif sep and key == "with":
            param, _, other = value.strip().partition(" ")
            instead.append((param.strip(), other.strip()))
            last = "with"
        elif last == "description" and body:
            description.append(body)  # continuation line
    if page[0] and not (page[1].isdigit() and int(page[1]) > 0
                        and {"limit", "offset"} <= {p.name for p in params}):
        raise QueryError(f"{path.name}: '# page: {page[0]} <most rows a page may hold>' "
                         "goes with the integer parameters limit and offset")
    return NamedQuery(path.stem, title, " ".join(description), tuple(params), text, path,
                      lateral, tuple(instead), page[0] or None, int(page[1]), apart)


def _parse_param(spec: str, path: Path) -> Param:
    parts = spec.split(None, 3)
    if not parts or not _NAME.fullmatch(parts[0]):
        raise QueryError(f"{path.name}: bad '# param:' line {spec.strip()!r}")
    name = parts[0]
    ptype = _TYPE_ALIASES.get(parts[1].lower(), parts[1].lower()) if len(parts) > 1 else "string"
    if ptype not in PARAM_TYPES:
        raise QueryError(
            f"{path.name}: parameter {name!r} has unknown type {ptype!r} "
            f"(use one of {', '.join(PARAM_TYPES)})"
        )
    required = len(parts) > 2 and parts[2].lower() == "required"
    rest = parts[3].strip() if len(parts) > 3 else ""
    m = _EXAMPLE.search(rest)
    example = rest[m.end() :].strip() or None if m else None
    description = (rest[: m.start()] if m else rest).strip(" ,;:—-") or None
    return Param(name, ptype, required, example or None, description)


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every named query, sorted by name (files are re-read, so edits show at once)."""
    folder = directory or QUERY_DIR
    if not folder.is_dir():
        return []
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def get(name: str, directory: Path | None = None) -> NamedQuery:
    """The named query ``name``; :class:`QueryError` listing the known names if absent."""
    folder = directory or QUERY_DIR
    path = folder / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        known = ", ".join(q.name for q in list_queries(folder)) or "none"
        raise QueryError(f"no named query {name!r} (known: {known})")
    return parse_query_file(path)


def _answered_by(nq: NamedQuery, params: Mapping[str, Any] | None) -> str | None:
    """The query that answers ``nq`` for these parameters (``# with:``), if another does."""
    given = {k for k, v in (params or {}).items() if v is not None and str(v).strip()}
    return next((other for param, other in nq.instead if param in given), None)


def _text_for(store: Store, nq: NamedQuery) -> str:
    """The query's text as ``store`` runs it (its OPTIONALs lateral where the engine has it)."""
    return _lateral(nq.sparql) if nq.lateral and getattr(store, "lateral", False) else nq.sparql


def rows_with(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
    directory: Path | None = None,
) -> list[dict[str, Any]]:
    """``run_with(...).rows``: a named SELECT's rows as plain values, read without rdflib
    terms where the store can (:meth:`Store.select_rows`). A query answered by another, or
    paged, goes through :func:`run_with`."""
    nq = query if isinstance(query, NamedQuery) else get(query, directory)
    if _answered_by(nq, params) is not None or nq.page_unit is not None:
        res = run_with(store, nq, params, timeout=timeout, directory=directory)
        if not isinstance(res, SelectResult):
            raise QueryError(f"{nq.name} is not a SELECT query: it has no rows")
        return res.rows
    return store.select_rows(_text_for(store, nq), nq.bindings(params or {}), timeout)


def run_with(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
    directory: Path | None = None,
) -> QueryResult:
    """Run a named query with its parameters checked, typed and bound."""
    nq = query if isinstance(query, NamedQuery) else get(query, directory)
    if (other := _answered_by(nq, params)) is not None:
        nq.bindings(params or {})  # this query's checks and messages first
        return run_with(store, other, params, timeout=timeout,
                        directory=nq.path.parent if nq.path else directory)
    sparql = _text_for(store, nq)
    bound = nq.bindings(params or {})
    if nq.page_unit is None:
        return store.query(sparql, bound, timeout=timeout)
    limit, offset = (int(bound.pop(k).toPython()) if k in bound else None
                     for k in ("limit", "offset"))
    if limit is None and offset is None:  # every row: exports
        if nq.page_apart:
            return store.query(without_page(sparql, bound), timeout=timeout)
        return store.query(bind_page(sparql, bound), timeout=timeout)
    # an offset alone: a page of the most rows a page may hold, from there
    return _page(store, nq, sparql, bound, nq.page_cap if limit is None else limit, offset or 0,
                 timeout)


def _page(store: Store, nq: NamedQuery, sparql: str, bound: dict[str, Any], limit: int,
          offset: int, timeout: float | None) -> QueryResult:
    """One page: its rows (tasks, citations) picked by the query's page subquery, one more
    than asked (so that the caller knows whether a next page exists, without counting), then
    the whole query for the first ``limit`` of them only.

    The page subquery has no ORDER BY: pages follow the engine's own order, the same for each
    request to a store that does not change. Oxigraph's ORDER BY reads the text of each IRI it
    compares: sorting the 1,007 tasks citing one article at 1,000 plans costs 60-130 ms, their
    unordered first page 0.4 ms and a page at offset 900 1.2 ms."""
    unit = nq.page_unit
    assert unit is not None
    if not 1 <= limit <= nq.page_cap or offset < 0:
        raise QueryError(f"query {nq.name!r}: limit is 1 to {nq.page_cap}, offset at least 0 "
                         f"(not {limit}, {offset})")
    picked = store.query(page_of(sparql, unit, bound, limit + 1, offset), timeout=timeout)
    assert isinstance(picked, SelectResult)
    # a row of the pick without the unit (an article linked to nothing: article_detail) is
    # one of the page's, the query's rows without it (UNDEF); none: the query still runs,
    # bound to no row, so that it names its columns
    units = [r.get(unit) for r in picked.terms]
    res = store.query(page_rows(sparql, unit, units[:limit], bound), timeout=timeout)
    assert isinstance(res, SelectResult)
    res.more = len(units) > limit
    return res


@functools.lru_cache(maxsize=256)
def _lateral(sparql: str) -> str:
    return lateral_optionals(sparql)


def run(store: Store, query: str | NamedQuery, /, **params: Any) -> QueryResult:
    """``run(store, "tasks_by_document", document="36/2018/QH14")``."""
    return run_with(store, query, params)


def connect(location: str | Path | None = None) -> Store:
    """Open a store for notebooks: the project's default store unless given a location."""
    if location is None:
        from cancu.paths import default_store

        location = default_store()
    return open_store(location)
