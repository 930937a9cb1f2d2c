"""Run a user's SPARQL query with a time limit and a result cap, and serialize the answer.

The cap is applied while reading solutions (pyoxigraph yields them lazily), so a runaway
``SELECT *`` costs at most ``limit + 1`` solutions of memory. Serializers follow the SPARQL 1.1
Query Results JSON, XML, CSV and TSV formats; graphs go out through pyoxigraph's writers.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph_api.querypool import QueryTooCostly
from graph_api.served_store import ServedStore
from graph_api.store import (
    PREFIXES,
    OxigraphStore,
    QueryError,
    QueryTimeout,
    SelectResult,
    Store,
    is_update,
    to_ox,
)

Term = ox.NamedNode | ox.BlankNode | ox.Literal

SOLUTION_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
_RDF = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
        "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}  # fmt: skip


class UpdateRefused(QueryError):
    """A SPARQL Update sent to the read-only endpoint."""


@dataclass(slots=True)
class Answer:
    kind: str  # select | ask | graph
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Term | None]] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


def _timed(fn: Callable[[], Answer], timeout: float | None) -> Answer:
    """Stop waiting after ``timeout`` s (the engine cannot be interrupted; it finishes alone)."""
    if not timeout:
        return fn()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller
            box["error"] = exc

    t = threading.Thread(target=work, daemon=True, name="cancu-sparql")
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise QueryTimeout(f"the query ran longer than the limit of {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def refuse_updates(sparql: str) -> None:
    if is_update(sparql):
        raise UpdateRefused(
            "this endpoint is read-only: SPARQL Update is refused; the graph is changed by "
            "`cancu ingest`"
        )


def execute(store: Store, sparql: str, limit: int, timeout: float | None) -> Answer:
    """The capped, timed answer to a read-only query."""
    if isinstance(store, ServedStore):  # in a worker process, killed at the deadline
        return _served(store, sparql, limit, timeout)
    if isinstance(store, OxigraphStore):
        return _timed(lambda: _oxigraph(store, sparql, limit), timeout)
    refuse_updates(sparql)
    return _timed(lambda: _generic(store, sparql, limit, timeout), timeout)


def _served(store: ServedStore, sparql: str, limit: int, timeout: float | None) -> Answer:
    try:
        reply = store.answer(sparql, limit, timeout)
    except QueryError as exc:
        if isinstance(exc, QueryTimeout | QueryTooCostly) or "syntax" not in str(exc):
            raise
        refuse_updates(sparql)  # a parse error may be an update: say so rather than "syntax"
        raise
    if reply[0] == "ask":
        return Answer("ask", boolean=bool(reply[1]))
    if reply[0] == "select":
        _, names, rows, truncated = reply
        return Answer("select", vars=names, truncated=truncated,
                      rows=[dict(zip(names, row, strict=True)) for row in rows])  # fmt: skip
    _, triples, truncated = reply
    return Answer("graph", triples=triples, truncated=truncated)


def _oxigraph(store: OxigraphStore, sparql: str, limit: int) -> Answer:
    try:
        res = store.raw.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        refuse_updates(sparql)  # a parse error may be an update: say so rather than "syntax"
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(str(exc)) from exc
    if isinstance(res, ox.QueryBoolean):
        return Answer("ask", boolean=bool(res))
    answer = Answer("select") if isinstance(res, ox.QuerySolutions) else Answer("graph")
    if isinstance(res, ox.QuerySolutions):
        answer.vars = [v.value for v in res.variables]
    for item in res:
        if len(answer.rows) + len(answer.triples) >= limit:
            answer.truncated = True
            break
        if answer.kind == "select":
            answer.rows.append({v: item[v] for v in answer.vars})
        else:
            answer.triples.append(item)
    return answer


def _generic(store: Store, sparql: str, limit: int, timeout: float | None) -> Answer:
    res = store.query(sparql, timeout=timeout)
    if isinstance(res, bool):
        return Answer("ask", boolean=res)
    if isinstance(res, SelectResult):
        rows = [{v: (to_ox(t) if t is not None else None) for v, t in r.items()}
                for r in res.terms[:limit]]  # fmt: skip
        return Answer("select", vars=res.vars, rows=rows, truncated=len(res.terms) > limit)
    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in res]  # type: ignore[arg-type]
    return Answer("graph", triples=triples[:limit], truncated=len(triples) > limit)


# --- serializers ------------------------------------------------------------------------------


def _json_term(t: Term) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out


def to_json(a: Answer, note: str | None) -> bytes:
    body: dict[str, Any] = {"head": {"vars": a.vars} if a.kind == "select" else {}}
    if a.kind == "ask":
        body["boolean"] = a.boolean
    else:
        body["results"] = {"bindings": [
            {v: _json_term(t) for v, t in row.items() if t is not None} for row in a.rows
        ]}  # fmt: skip
    if note:
        body["cancu"] = {"truncated": a.truncated, "note": note}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _xml_term(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
    dtype = t.datatype.value
    if dtype == "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal datatype={quoteattr(dtype)}>{escape(t.value)}</literal>"


def to_xml(a: Answer, note: str | None) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']  # fmt: skip
    if note:
        out.append(f"<!-- {escape(note).replace('--', '- -')} -->")
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in a.vars) + "</head>")
    if a.kind == "ask":
        out.append(f"<boolean>{'true' if a.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in a.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in row.items() if t is not None)  # fmt: skip
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode("utf-8")


def to_csv(a: Answer, tsv: bool = False) -> bytes:
    buf = io.StringIO()
    if a.kind == "ask":
        buf.write(("_askResult\r\n" if not tsv else "?_askResult\n") + str(a.boolean).lower())
        return buf.getvalue().encode("utf-8")
    if tsv:
        buf.write("\t".join(f"?{v}" for v in a.vars) + "\n")
        for row in a.rows:
            buf.write("\t".join(str(row[v]) if row.get(v) is not None else "" for v in a.vars))
            buf.write("\n")
        return buf.getvalue().encode("utf-8")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(a.vars)
    for row in a.rows:
        w.writerow(["" if row.get(v) is None else row[v].value for v in a.vars])  # type: ignore[union-attr]
    return buf.getvalue().encode("utf-8")


def serialize(a: Answer, fmt: str, note: str | None) -> bytes:
    if a.kind == "graph":
        prefixes = PREFIXES if fmt == "ttl" else None
        return ox.serialize(a.triples, format=_RDF[fmt], prefixes=prefixes)
    if fmt == "json":
        return to_json(a, note)
    if fmt == "xml":
        return to_xml(a, note)
    return to_csv(a, tsv=fmt == "tsv")
