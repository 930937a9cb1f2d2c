"""One store interface over three back-ends: in-memory, an embedded directory, a SPARQL endpoint.

Everything above this module (the pipeline, the runner, the CLI, the web service) talks to a
:class:`Store` and never to pyoxigraph or HTTP directly, so the same named queries run on a
laptop and against Fuseki/Virtuoso/GraphDB/Oxigraph server.

Conventions shared by all back-ends:

* each plan (and each law) lives in its own named graph; writes replace one whole graph;
* queries see the *union* of the named graphs as their default graph, so the named queries
  need no ``GRAPH`` clauses (a remote endpoint must be configured that way, or set
  ``CANCU_SPARQL_DATASET=explicit``);
* parameters are bound through a ``VALUES`` block of serialized RDF terms, never by pasting
  user text into the query.

A SPARQL endpoint is :mod:`graph_api.remote` (engines and their differences, configuration).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeAlias
from typing import Literal as TLiteral

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

INFERRED_GRAPH = "https://cancu.dev/graph/inferred"
META_GRAPH = "https://cancu.dev/graph/meta"

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}

DumpFormat: TypeAlias = TLiteral["nq", "trig", "ttl", "nt", "jsonld"]
Bindings: TypeAlias = Mapping[str, Any]


class StoreError(Exception):
    """The store cannot be opened, read or written; the message says why and what to do."""


class QueryError(StoreError, ValueError):
    """A query is malformed, cannot take its parameters, or was refused by the endpoint."""


class QueryTimeout(QueryError):
    """A query ran longer than its time limit."""


class NotAcceptable(StoreError):
    """No serialization in the client's ``Accept`` header fits the query's result."""


@dataclass(slots=True)
class SelectResult:
    """The solutions of a SELECT query: raw RDF terms, and plain Python values on demand."""

    vars: list[str]
    terms: list[dict[str, Node | None]] = field(default_factory=list)
    # a page of a paged named query: whether rows lie past it (None: not a page)
    more: bool | None = None

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Each solution as ``var -> value``: literals as Python values, IRIs as str."""
        return [{v: to_python(row.get(v)) for v in self.vars} for row in self.terms]

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)


QueryResult: TypeAlias = SelectResult | bool | Graph


# --- terms ------------------------------------------------------------------------------------


def to_python(term: Node | None) -> Any:
    """A term as a plain value: ``None``, ``str`` for IRIs/blank nodes, Python for literals."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def ox_to_rdflib(term: Any) -> Node | None:
    """Convert a pyoxigraph term to rdflib (``xsd:string`` literals become plain literals)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dtype = term.datatype.value
        return Literal(term.value, datatype=None if dtype == XSD_STRING else URIRef(dtype))
    raise StoreError(f"unsupported RDF term in a result: {term!r} (RDF-star is not used here)")


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_INTEGER = re.compile(r"-?[0-9]+")
_BOOLEANS = {"true": True, "false": False}


def ox_to_python(term: Any) -> Any:
    """``to_python(ox_to_rdflib(term))``, without the rdflib term where the value is plain: an
    IRI, a string (tagged or not), an integer in digits, ``true``/``false``. Making an rdflib
    literal parses its lexical form, and was two thirds of reading a plan's rows in its worker;
    any other literal takes rdflib's reading, so the value is the same either way."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        dtype, value = term.datatype.value, term.value
        if dtype == XSD_STRING:
            return value
        if dtype == XSD_INTEGER and _INTEGER.fullmatch(value):
            return int(value)
        if dtype == XSD_BOOLEAN and value in _BOOLEANS:
            return _BOOLEANS[value]
    return to_python(ox_to_rdflib(term))


def to_ox(value: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term or a Python value to a pyoxigraph term, validating IRIs."""
    try:
        if isinstance(value, URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
        if not isinstance(value, Literal):
            if not isinstance(value, str | int | float | Decimal | dt.date | dt.datetime | bool):
                raise QueryError(f"cannot bind a {type(value).__name__} as an RDF term")
            value = Literal(value)
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype is not None:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    except ValueError as exc:
        if isinstance(exc, QueryError):
            raise
        raise QueryError(f"not a valid RDF term: {value!r} ({exc})") from exc


def iri(value: str) -> str:
    """``<value>`` for a validated IRI, safe to put into SPARQL text."""
    try:
        return str(ox.NamedNode(value))
    except ValueError as exc:
        raise QueryError(f"not a valid IRI: {value!r} ({exc})") from exc


def graph_to_ntriples(graph: Graph) -> str:
    """N-Triples text of an rdflib graph (also valid inside SPARQL ``INSERT DATA``)."""
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


# --- SPARQL text helpers ----------------------------------------------------------------------

_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\""
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*:?")
_VAR = re.compile(r"[?$][A-Za-z0-9_]+")
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _tokens(sparql: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, token)`` for braces and bare keywords; skip strings, IRIs, comments."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        m = None
        if c in "'\"":
            m = _STRING.match(sparql, i)
        elif c == "<":
            m = _IRIREF.match(sparql, i)
        elif c in "?$":
            m = _VAR.match(sparql, i)
        elif c.isalpha() or c == "_":
            m = _WORD.match(sparql, i)
            if m and not m.group().endswith(":"):
                yield i, m.group().upper()
        elif c in "{}":
            yield i, c
        i = m.end() if m else i + 1


def bind_values(sparql: str, bindings: Bindings) -> str:
    """Bind variables by opening the outermost WHERE group with a one-row ``VALUES`` block.

    The values are serialized RDF terms (escaped by pyoxigraph), so no user text ever becomes
    SPARQL syntax. Joining at the start of the group gives the same answers as binding the
    variables before evaluation, including inside FILTERs and under GROUP BY.

    A value that is a tuple (or list) binds its variable to each of its terms in turn, one row
    each (an empty one: no row, no answer): "the assignments of these tasks", read from them
    out, in one query.
    """
    items = [(k, _terms(v)) for k, v in bindings.items() if v is not None]
    if not items:
        return sparql
    for name, _ in items:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    form, where, template_done, depth = None, False, False, 0
    for pos, tok in _tokens(sparql):
        if tok == "{":
            if depth == 0 and form is not None:
                if form == "CONSTRUCT" and not template_done and not where:
                    template_done = True
                elif form == "CONSTRUCT" and not template_done:
                    raise QueryError(
                        "cannot bind parameters in the 'CONSTRUCT WHERE { }' short form; "
                        "write the template out"
                    )
                else:
                    names = " ".join(f"?{k}" for k, _ in items)
                    rows = " ".join("(" + " ".join(map(str, row)) + ")"
                                    for row in itertools.product(*(t for _, t in items)))
                    block = f" VALUES ({names}) {{ {rows} }} "
                    return sparql[: pos + 1] + block + sparql[pos + 1 :]
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and tok in _FORMS and form is None:
            form = tok
        elif depth == 0 and tok == "WHERE":
            where = True
    raise QueryError("the query has no WHERE group to bind parameters into")


def _terms(value: Any) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
    """The terms a binding's value stands for: each of a tuple's or list's, else the one."""
    values = value if isinstance(value, tuple | list) else (value,)
    return list(dict.fromkeys(to_ox(v) for v in values))


# what may open a group that is no plain joined group of its own
_GROUP_OPENERS = {"OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "SILENT", "EXISTS",
                  "LATERAL", "VALUES"}


def lateral_optionals(sparql: str) -> str:
    """Each ``OPTIONAL { P }`` as ``LATERAL { OPTIONAL { P } }`` (SEP-0006), for engines that
    have it (Oxigraph); and each group joined at the top of a SELECT's ``WHERE`` (a subquery
    ``{ SELECT DISTINCT ... }``, or a plain ``{ ... }``, not a branch of a UNION) as
    ``LATERAL { ... }``.

    Why: Oxigraph's planner evaluates the second and later OPTIONALs of a group, and any whose
    body is more than one triple pattern, as hash joins, reading their pattern over the whole
    store (every task's due date to find one body's tasks'); a lateral join looks each up from
    the row it extends, so a selective query costs what it returns, at any store size. The
    answers are the same for the named queries' OPTIONALs (triple patterns, nested OPTIONALs,
    UNIONs and filters over their own and the row's variables): ``tests/test_reasoning.py``
    and ``tests/test_competency.py`` compare the rows. Only named queries are rewritten, never
    the text a user sends to ``/sparql``.

    Groups (at the top of the query's ``WHERE`` and of each subquery's): Oxigraph evaluates a
    subquery, and a group beside one, on their own and joins them by hash: a subquery that
    looks up one article's parts (``DISTINCT``, so that the copies of a law's facts in its
    graph and the shared graph do not multiply the rows) would be joined with every task of
    the store; in a page's subquery, a type tested beside a deadline read every task. Made
    lateral, the parameters flow into the subquery and its rows into the group after it. The
    same answers as the join where the subquery has no LIMIT nor aggregate and the group's
    filters read its own variables.
    """
    toks = list(_tokens(sparql))
    close: dict[int, int] = {}
    stack: list[int] = []
    for pos, tok in toks:
        if tok == "{":
            stack.append(pos)
        elif tok == "}" and stack:
            close[stack.pop()] = pos
    after_close = {pos: nxt for (pos, _), (_, nxt) in itertools.pairwise(toks)}
    inserts: list[tuple[int, str]] = []
    for (pos, tok), (nxt, after) in itertools.pairwise(toks):
        if tok == "OPTIONAL" and after == "{" and nxt in close:
            inserts += [(pos, "LATERAL { "), (close[nxt] + 1, " }")]
    if query_form(sparql) == "SELECT":
        # the depths at which a SELECT's WHERE group opens (the query's own: 0, and each
        # subquery's), and those at which the groups joined at its top lie
        depth, selects, tops = 0, set(), set()
        previous = None
        for pos, tok in toks:
            if tok == "SELECT":
                selects.add(depth)
            elif tok == "{":
                if depth in tops and previous not in _GROUP_OPENERS and (
                        after_close.get(close.get(pos, -1)) != "UNION"):
                    inserts.append((pos, "LATERAL "))
                if depth in selects:
                    selects.discard(depth)
                    tops.add(depth + 1)
                depth += 1
            elif tok == "}":
                depth -= 1
                tops.discard(depth + 1)
            previous = tok
    for pos, text in sorted(inserts, key=lambda x: x[0], reverse=True):
        sparql = sparql[:pos] + text + sparql[pos:]
    return sparql


def _page_subquery(sparql: str) -> tuple[int, int, int]:
    """Where a paged named query's page subquery lies: the offset of the query's ``SELECT``
    (what comes before it is the prologue), and those of the subquery's braces."""
    toks = list(_tokens(sparql))
    form_at, where_seen, depth = None, False, 0
    for i, (pos, tok) in enumerate(toks):
        if tok == "{":
            if depth == 0 and form_at is not None:
                where_seen = True
            elif depth == 1 and where_seen:
                if i + 1 < len(toks) and toks[i + 1][1] == "SELECT":
                    inside = 0
                    for end, tok2 in toks[i:]:
                        inside += {"{": 1, "}": -1}.get(tok2, 0)
                        if inside == 0:
                            return form_at, pos, end
                break
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and tok == "SELECT" and form_at is None:
            form_at = pos
    raise QueryError("a paged query opens its WHERE group with the subquery of its page "
                     "({ SELECT DISTINCT ?task WHERE { ... } })")


def bind_page(sparql: str, bindings: Bindings) -> str:
    """A paged named query (every row) with ``bindings`` bound in its page subquery (the
    subquery that opens its ``WHERE`` group, ``{ SELECT DISTINCT ?task ... WHERE { ... } }``,
    saying which rows, tasks or citations, the answer is about), which projects each
    parameter the rest of the query reads.

    Inside: an engine evaluating a subquery on its own (plain SPARQL) would otherwise read
    every body's or article's rows, and a page's LIMIT count them, before a join kept those of
    the one asked; and only there, as a lateral subquery (Oxigraph) may not project a variable
    bound before it."""
    _, start, end = _page_subquery(sparql)
    return sparql[:start + 1] + bind_values(sparql[start + 1:end], bindings) + sparql[end:]


def page_of(sparql: str, unit: str, bindings: Bindings, limit: int, offset: int) -> str:
    """The query picking one page of a paged named query: its page subquery, bound, each
    ``unit`` once, ``limit`` of them from ``offset`` on, in the engine's order."""
    form_at, start, end = _page_subquery(sparql)
    inner = sparql[start + 1:end]
    where = next(pos for pos, tok in _tokens(inner) if tok in ("WHERE", "{"))
    # the subquery's own patterns, projected to the unit (not the subquery wrapped: Virtuoso
    # 7.2 drops the OFFSET of a DISTINCT over a subquery)
    picked = bind_values(f"SELECT DISTINCT ?{unit} {inner[where:]}", bindings)
    return f"{sparql[:form_at]}{picked}\nLIMIT {int(limit)} OFFSET {int(offset)}"


def page_rows(sparql: str, unit: str, units: Iterable[Any], bindings: Bindings) -> str:
    """A paged named query for the ``units`` a page picked: its page subquery replaced by
    their ``VALUES``, so that the rest of the query (the details) reads those rows only and
    the page is not chosen again (bound to 50 tasks, Oxigraph would still read the 1,007
    citing an article to find them). A unit that is None stands for the rows without one
    (``UNDEF``)."""
    _, start, end = _page_subquery(sparql)
    head = sparql[:start].rstrip()
    if head.endswith("LATERAL"):  # (graph_api.store.lateral_optionals made it a lateral join)
        head = head.removesuffix("LATERAL")
    given = list(units)
    rows = " ".join([str(t) for t in _terms(tuple(u for u in given if u is not None))]
                    + ["UNDEF"] * (None in given))
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", unit):
        raise QueryError(f"not a SPARQL variable name: {unit!r}")
    # the parameters the rest of the query reads (one read in the page subquery only would be
    # a VALUES joined with nothing: Virtuoso 7.2 does not answer such a query)
    rest = head + sparql[end + 1:]
    read = {k: v for k, v in bindings.items() if re.search(rf"[?$]{re.escape(k)}\b", rest)}
    # (on a line of its own: the text before it may end in a comment)
    return bind_values(f"{head}\n  VALUES ?{unit} {{ {rows} }}{sparql[end + 1:]}", read)


def without_page(sparql: str, bindings: Bindings) -> str:
    """A paged named query without its page subquery, ``bindings`` bound in its ``WHERE``
    (``# page: ... apart``: the rest gives every row on its own)."""
    _, start, end = _page_subquery(sparql)
    head = sparql[:start].rstrip()
    if head.endswith("LATERAL"):  # (graph_api.store.lateral_optionals made it a lateral join)
        head = head.removesuffix("LATERAL")
    return bind_values(f"{head}\n{sparql[end + 1:]}", bindings)


def query_form(sparql: str) -> str | None:
    """``SELECT``/``ASK``/``CONSTRUCT``/``DESCRIBE`` (the outermost one), or None."""
    depth = 0
    for _, tok in _tokens(sparql):
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and tok in _FORMS:
            return tok
    return None


def is_update(sparql: str) -> bool:
    """True when the text is a SPARQL Update request, False for a query (parsed, not guessed).

    Raises :class:`QueryError` when the text is neither, so a guard never lets it through.
    """
    from pyparsing.exceptions import ParseBaseException
    from rdflib.plugins.sparql import parser

    try:
        parser.parseQuery(sparql)
        return False
    except ParseBaseException as query_exc:
        try:
            parsed = parser.parseUpdate(sparql)
        except ParseBaseException:
            raise QueryError(f"not a SPARQL query or update: {query_exc}") from None
        if not parsed.request:
            raise QueryError("empty SPARQL text") from None
        return True


# --- content negotiation ----------------------------------------------------------------------

_SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, best first (q=0 dropped)."""
    ranked = []
    for index, part in enumerate((accept or "*/*").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media.lower()))
    return [m for _, _, m in sorted(ranked)]


def negotiate(accept: str | None, table: Mapping[str, Any]) -> tuple[str, Any]:
    """Pick ``(media type, format)`` from ``table`` for an Accept header; first entry is default."""
    for media in _accepted(accept):
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            for key, fmt in table.items():
                if media == "*/*" or key.startswith(media[:-1]):
                    return key, fmt
    raise NotAcceptable(f"cannot serve this result as {accept!r}; try one of {', '.join(table)}")


# --- the interface ----------------------------------------------------------------------------


@dataclass(slots=True)
class Change:
    """Writes that belong together, sent as one SPARQL Update request: one transaction.

    ``before``: operations run first (``DROP SILENT GRAPH``, ``DELETE WHERE``); ``inserts``: graph
    IRI -> N-Triples chunks; ``after``: operations run last. Each back-end decides how many
    triples one ``INSERT DATA`` operation may hold (:attr:`Store.max_insert`).
    """

    before: list[str] = field(default_factory=list)
    inserts: dict[str, list[str]] = field(default_factory=dict)
    after: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.before or self.after or any(self.inserts.values()))

    def sparql(self, max_insert: int | None = None, *, data_bnodes: bool = True) -> str:
        """The request. ``max_insert``: triples per insert operation (a graph with blank nodes
        stays in one, as operations do not share them); ``data_bnodes`` False: a graph with blank
        nodes is written ``INSERT { } WHERE { }``, for engines refusing them in ``INSERT DATA``."""
        ops = list(self.before)
        blocks: list[str] = []
        size = 0
        for graph, chunks in self.inserts.items():
            lines = [ln for chunk in chunks for ln in chunk.splitlines() if ln.strip()]
            if not lines:
                continue
            block = f"GRAPH {iri(graph)} {{\n" + "\n".join(lines) + "\n}\n"
            if "_:" in block:  # blank nodes: the graph in one operation of its own
                ops.append(("INSERT DATA {\n" + block + "}") if data_bnodes
                           else ("INSERT {\n" + block + "} WHERE { }"))
                continue
            step = max_insert or len(lines)
            for i in range(0, len(lines), step):
                part = lines[i:i + step]
                if max_insert and blocks and size + len(part) > max_insert:
                    ops.append("INSERT DATA {\n" + "".join(blocks) + "}")
                    blocks, size = [], 0
                blocks.append(f"GRAPH {iri(graph)} {{\n" + "\n".join(part) + "\n}\n")
                size += len(part)
        if blocks:
            ops.append("INSERT DATA {\n" + "".join(blocks) + "}")
        ops += self.after
        return " ;\n".join(ops)


class Store(ABC):
    """A quad store holding one named graph per source document."""

    location: str
    max_insert: int | None = None  # triples one INSERT DATA may hold (None: any number)
    lateral: bool = False  # the engine has SEP-0006 LATERAL (named queries use it: see above)
    data_bnodes: bool = True  # blank nodes allowed in INSERT DATA
    bulk: bool = False  # bulk_insert is faster than apply (an engine's bulk loader)

    # primitives each back-end provides
    @abstractmethod
    def _query(self, sparql: str, timeout: float | None) -> QueryResult:
        """Run a query whose parameters are already bound."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update request atomically (internal writers only; not for users)."""

    @abstractmethod
    def query_raw(
        self, sparql: str, accept: str | None = None, timeout: float | None = None
    ) -> tuple[bytes, str]:
        """Run a query and serialize its result for an HTTP client: ``(body, content type)``."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files and connections."""

    def flush(self) -> None:  # noqa: B027 - optional hook
        """Write what the store buffers in memory out to its files (an embedded store)."""

    # shared behaviour
    def query(
        self, sparql: str, bindings: Bindings | None = None, timeout: float | None = None
    ) -> QueryResult:
        """SELECT → :class:`SelectResult`, ASK → bool, CONSTRUCT/DESCRIBE → rdflib Graph."""
        return self._query(bind_values(sparql, bindings or {}), timeout)

    def apply(self, change: Change) -> None:
        """Write ``change`` in one request (one transaction)."""
        if change:
            self.update(change.sparql(self.max_insert, data_bnodes=self.data_bnodes))

    def bulk_insert(self, inserts: Mapping[str, list[str]]) -> None:
        """Add N-Triples chunks (graph IRI -> chunks, no blank nodes) by the engine's bulk
        path where it has one (:attr:`bulk`). Not one transaction: a call cut short may leave
        part of it written, so a caller keeps a mark and a record that find it (the ingest's
        running mark and each unit's record, written after its data)."""
        self.apply(Change(inserts=dict(inserts)))

    def compact(self) -> None:  # noqa: B027 - optional hook
        """Reorganise the files after bulk inserts, so queries read as few as before."""

    def replace_graph(self, iri_: str, graph: Graph) -> None:
        """Drop and reload one named graph in one transaction; same input, same store."""
        self.apply(Change([f"DROP SILENT GRAPH {iri(iri_)}"], {iri_: [graph_to_ntriples(graph)]}))

    def drop_graph(self, iri_: str) -> None:
        self.update(f"DROP SILENT GRAPH {iri(iri_)}")

    def graphs(self) -> list[str]:
        """IRIs of the named graphs that hold triples, sorted. (GROUP BY, not DISTINCT: the same
        answer, and Virtuoso 7 takes 80 s for DISTINCT on a store of 50,000 triples, 0.02 s so.)"""
        res = self._select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return sorted(str(r["g"]) for r in res.terms)

    def triple_count(self, graph: str | None = None) -> int:
        """Triples in one named graph, or quads in all of them."""
        where = "GRAPH ?g { ?s ?p ?o }" if graph is None else f"GRAPH {iri(graph)} {{ ?s ?p ?o }}"
        res = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(to_python(res.terms[0]["n"])) if res.terms else 0

    def graph(self, iri_: str) -> Graph:
        """One named graph as an rdflib Graph (a copy)."""
        return self._construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(iri_)} {{ ?s ?p ?o }} }}"
        )

    def union_graph(self, exclude: Iterable[str] = ()) -> Graph:
        """The merge of the named graphs (minus ``exclude``) as an rdflib Graph, for reasoning."""
        skip = set(exclude)
        out = Graph()
        for g in self.graphs():
            if g not in skip:
                out += self.graph(g)
        return out

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph."""
        res = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for r in res.terms:
            yield ox.Quad(to_ox(r["s"]), to_ox(r["p"]), to_ox(r["o"]), to_ox(r["g"]))

    def dump(self, fmt: DumpFormat = "nq") -> bytes:
        """Serialize the store: nq/trig/jsonld keep the graphs, ttl/nt merge them."""
        formats = {
            "nq": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG,
            "jsonld": ox.RdfFormat.JSON_LD,
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
        }
        if fmt not in formats:
            raise StoreError(f"unknown dump format {fmt!r}; use one of {', '.join(formats)}")
        quads = sorted(self.quads(), key=str)
        if fmt in ("ttl", "nt"):
            seen = {ox.Triple(q.subject, q.predicate, q.object): None for q in quads}
            data: list[Any] = list(seen)
        else:
            data = quads
        prefixes = PREFIXES if fmt in ("ttl", "trig") else None
        return ox.serialize(data, format=formats[fmt], prefixes=prefixes)

    def select_rows(
        self, sparql: str, bindings: Bindings | None = None, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """The rows of a SELECT as plain values: ``query(...).rows``, which a back-end may make
        without rdflib terms."""
        res = self.query(sparql, bindings, timeout)
        if not isinstance(res, SelectResult):
            raise QueryError("not a SELECT query: it has no rows")
        return res.rows

    def _select(self, sparql: str) -> SelectResult:
        res = self._query(sparql, None)
        assert isinstance(res, SelectResult)
        return res

    def _construct(self, sparql: str) -> Graph:
        res = self._query(sparql, None)
        assert isinstance(res, Graph)
        return res

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"


# --- embedded: pyoxigraph ---------------------------------------------------------------------


def term_converter() -> Any:
    """:func:`ox_to_rdflib` remembering what it converted, for the terms of one answer: a
    plan's IRI, a role, a body's name recur in many rows, and making an rdflib term (parsing
    its value) costs more than the engine's lookup that found it."""
    seen: dict[Any, Node | None] = {None: None}

    def convert(term: Any) -> Node | None:
        found = seen.get(term, seen)
        if found is seen:
            found = seen[term] = ox_to_rdflib(term)
        return found  # type: ignore[return-value]

    return convert


def _materialize(res: Any) -> QueryResult:
    convert = term_converter()
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows = [{n: convert(sol[n]) for n in names} for sol in res]
        return SelectResult(names, rows)
    if isinstance(res, ox.QueryBoolean):
        return bool(res)
    g = Graph()
    for t in res:
        g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    return g


def _plain_rows(res: Any) -> list[dict[str, Any]]:
    """A SELECT's solutions as ``var -> value`` (:func:`ox_to_python`), each distinct term
    converted once."""
    if not isinstance(res, ox.QuerySolutions):
        raise QueryError("not a SELECT query: it has no rows")
    seen: dict[Any, Any] = {None: None}

    def convert(term: Any) -> Any:
        found = seen.get(term, seen)
        if found is seen:
            found = seen[term] = ox_to_python(term)
        return found

    names = [v.value for v in res.variables]
    return [{n: convert(sol[n]) for n in names} for sol in res]


def _with_timeout(fn: Any, timeout: float | None) -> Any:
    """Run ``fn`` with a time limit; the caller stops waiting (the engine cannot be cancelled)."""
    if timeout is None:
        return fn()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=work, daemon=True, name="cancu-query")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(f"query took longer than {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


class OxigraphStore(Store):
    """pyoxigraph in memory (``path=None``) or in a RocksDB directory that survives restarts."""

    lateral = True

    def __init__(self, path: Path | None = None) -> None:
        self.location = str(path) if path else ":memory:"
        self._path = path
        self._s: ox.Store | None = _open_oxigraph(path) if path else ox.Store()
        self.bulk = path is not None  # on disk: RocksDB's bulk loader (sorted files, no reads)

    @property
    def raw(self) -> ox.Store:
        if self._s is None:
            raise StoreError(f"the store {self.location} is closed")
        return self._s

    def _run(self, sparql: str) -> Any:
        try:
            return self.raw.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (RuntimeError, ValueError) as exc:
            raise QueryError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store {self.location}: {exc}") from exc

    def _query(self, sparql: str, timeout: float | None) -> QueryResult:
        return _with_timeout(lambda: _materialize(self._run(sparql)), timeout)

    def select_rows(
        self, sparql: str, bindings: Bindings | None = None, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        text = bind_values(sparql, bindings or {})
        return _with_timeout(lambda: _plain_rows(self._run(text)), timeout)

    def query_raw(
        self, sparql: str, accept: str | None = None, timeout: float | None = None
    ) -> tuple[bytes, str]:
        def work() -> tuple[bytes, str]:
            res = self._run(sparql)
            table: Mapping[str, Any] = (
                _GRAPH_TYPES if isinstance(res, ox.QueryTriples) else _SOLUTION_TYPES
            )
            media, fmt = negotiate(accept, table)
            body = res.serialize(format=fmt)
            charset = "; charset=utf-8" if not media.endswith("xml") else ""
            return body, media + charset

        return _with_timeout(work, timeout)

    def update(self, sparql: str) -> None:
        try:
            self.raw.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.location}: {exc}") from exc

    def graphs(self) -> list[str]:
        return sorted(
            g.value
            for g in self.raw.named_graphs()
            if isinstance(g, ox.NamedNode)
            if next(self.raw.quads_for_pattern(None, None, None, g), None) is not None
        )

    def quads(self) -> Iterator[ox.Quad]:
        return (q for q in self.raw if not isinstance(q.graph_name, ox.DefaultGraph))

    def bulk_insert(self, inserts: Mapping[str, list[str]]) -> None:
        """Oxigraph's bulk loader writes sorted files straight into the database, without
        reading what is there nor a transaction: about 2-3 times the speed of an update.

        N-Triples lines are TriG statements, so each graph's chunks go in a TriG block of its
        own as they are: no line is rewritten here (turning each into an N-Quads line cost
        the writer ~20% of its time at volume, in the one process every plan waits on)."""
        if not self.bulk:
            return super().bulk_insert(inserts)
        blocks = [f"{iri(graph)} {{\n" + "\n".join(chunks) + "\n}\n"
                  for graph, chunks in inserts.items() if any(c.strip() for c in chunks)]
        if not blocks:
            return
        try:
            self.raw.bulk_load("".join(blocks).encode(), format=ox.RdfFormat.TRIG)
        except SyntaxError as exc:
            raise QueryError(f"bad N-Triples for a bulk insert: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.location}: {exc}") from exc

    def compact(self) -> None:
        if self._path is not None:
            self.raw.optimize()

    def flush(self) -> None:
        """RocksDB keeps what was written in memory tables, flushed in the background but
        late: an ingest that writes millions of quads held ~1 KB of memory a quad until it
        flushes (``Writer``)."""
        if self._path is not None:
            self.raw.flush()

    def close(self) -> None:
        if self._s is not None:
            if self._path is not None:
                self._s.flush()
            self._s = None  # RocksDB releases its lock when the object is dropped


def _open_oxigraph(path: Path) -> ox.Store:
    """Open (or create) a store directory, turning RocksDB errors into advice."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store directory")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
        raise StoreError(
            f"{path} is not an Oxigraph store (it holds other files); "
            "give an empty or new directory"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # "var/store" on a fresh clone
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise StoreError(
                f"the store {path} is in use by another process (a running `cancu serve` or "
                "`cancu ingest`?); stop it, or pass another --store"
            ) from exc
        raise StoreError(f"cannot open the store {path}: {text}") from exc


# --- opening ----------------------------------------------------------------------------------


def open_store(location: str | Path | None = None, *, create: bool = True) -> Store:
    """``None``/``":memory:"`` → in memory; ``http(s)://…`` → SPARQL endpoint; else a directory.

    With ``create=False`` a missing directory is an error instead of a new empty store, so a
    read-only command with a mistyped ``--store`` does not answer "nothing found".
    """
    if location is None or str(location) == ":memory:":
        return OxigraphStore(None)
    text = str(location)
    if re.match(r"https?://", text, re.IGNORECASE):
        from graph_api.remote import EndpointConfig, SparqlEndpointStore

        return SparqlEndpointStore(EndpointConfig.from_env(text))
    path = Path(text).expanduser()
    if not create and not path.exists():
        raise StoreError(f"no store at {path}; run `cancu ingest data/plans data/laws` first")
    return OxigraphStore(path)
