"""A SPARQL 1.1 endpoint as a store: Oxigraph server, Virtuoso, Fuseki, GraphDB, Stardog.

Servers keep to the protocol in different ways: where updates and the Graph Store Protocol
live, how a query must be POSTed, whether and how the server stops a query at a time limit,
how it says an answer was cut short. Every such difference is a field of an :class:`Engine`
profile (``graph_api/data/engines.toml``); nothing else in cancu asks which server it talks to.
The engine is named by ``CANCU_SPARQL_ENGINE`` or read from the server's ``Server`` header.

Configuration (environment): ``CANCU_SPARQL_ENGINE`` (oxigraph, virtuoso, fuseki, graphdb,
stardog, generic), ``CANCU_SPARQL_UPDATE`` and ``CANCU_SPARQL_GSP`` (URLs, when the engine's
layout is not followed), ``CANCU_SPARQL_USER`` / ``CANCU_SPARQL_PASSWORD`` (HTTP basic or digest,
whichever the server asks for), ``CANCU_SPARQL_DATASET`` (``union``: the endpoint's default graph
is the union of the named graphs; ``explicit``: every named graph is sent as
``default-graph-uri``).
"""

from __future__ import annotations

import os
import re
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, Variable

from graph_api.store import (
    _SOLUTION_TYPES,
    QueryError,
    QueryResult,
    QueryTimeout,
    SelectResult,
    Store,
    StoreError,
    _materialize,
    graph_to_ntriples,
    iri,
    query_form,
)

ENGINES_FILE = Path(__file__).parent / "data" / "engines.toml"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"


@dataclass(frozen=True, slots=True)
class Engine:
    """How one server lays out and bends the protocol (fields: see engines.toml)."""

    name: str
    server: str
    update: tuple[str, str]
    update_auth: tuple[str, str]
    gsp: tuple[str, str]
    gsp_graph: str
    query_form: bool
    timeout: str
    timeout_scale: float
    partial: str
    timeout_error: str
    max_insert: int
    data_bnodes: bool
    booleans: bool
    union: str

    def url(self, rule: tuple[str, str], query_url: str) -> str | None:
        pattern, replacement = rule
        if not pattern:
            return None
        new, n = re.subn(pattern, replacement, query_url, count=1)
        return new if n else None


@cache
def engines() -> dict[str, Engine]:
    with ENGINES_FILE.open("rb") as fh:
        table = tomllib.load(fh)
    return {name: Engine(name=name, update=tuple(v["update"]), update_auth=tuple(v["update_auth"]),
                         gsp=tuple(v["gsp"]), **{k: v[k] for k in (
                             "server", "gsp_graph", "query_form", "timeout", "timeout_scale",
                             "partial", "timeout_error", "max_insert", "data_bnodes", "booleans",
                             "union")})
            for name, v in table.items()}  # fmt: skip


def engine_named(name: str) -> Engine:
    try:
        return engines()[name.lower()]
    except KeyError:
        raise StoreError(f"CANCU_SPARQL_ENGINE={name!r} is not one of "
                         f"{', '.join(engines())}") from None


def engine_of_server(header: str | None) -> Engine:
    """The engine a ``Server`` header names (generic when none matches)."""
    for e in engines().values():
        if e.server and header and header.strip().lower().startswith(e.server.lower()):
            return e
    return engines()["generic"]


@dataclass(slots=True)
class EndpointConfig:
    """Where to read and write, and as which engine."""

    query_url: str
    update_url: str | None = None  # None: from the engine's layout
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = None
    explicit_dataset: bool = False
    engine: Engine | None = None  # None: read from the server's Server header on first use

    @classmethod
    def from_env(cls, url: str, env: Mapping[str, str] | None = None) -> EndpointConfig:
        env = os.environ if env is None else env
        name = env.get("CANCU_SPARQL_ENGINE")
        return cls(
            query_url=url,
            update_url=env.get("CANCU_SPARQL_UPDATE") or None,
            gsp_url=env.get("CANCU_SPARQL_GSP") or None,
            user=env.get("CANCU_SPARQL_USER") or None,
            password=env.get("CANCU_SPARQL_PASSWORD") or None,
            explicit_dataset=env.get("CANCU_SPARQL_DATASET", "union") == "explicit",
            engine=engine_named(name) if name else None,
        )


class SparqlEndpointStore(Store):
    """A store behind the SPARQL 1.1 Protocol."""

    def __init__(self, config: EndpointConfig, default_timeout: float = 60.0) -> None:
        self.config = config
        self.location = config.query_url
        self.default_timeout = default_timeout
        handlers: list[urllib.request.BaseHandler] = []
        if config.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, config.query_url, config.user, config.password or "")
            for url in (config.update_url, config.gsp_url):
                if url:
                    passwords.add_password(None, url, config.user, config.password or "")
            self._passwords = passwords
            handlers += [urllib.request.HTTPBasicAuthHandler(passwords),
                         urllib.request.HTTPDigestAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    # --- the engine and its URLs ---------------------------------------------------------------

    @property  # type: ignore[override]
    def max_insert(self) -> int | None:
        return self.engine.max_insert or None

    @property  # type: ignore[override]
    def data_bnodes(self) -> bool:
        return self.engine.data_bnodes

    @property
    def engine(self) -> Engine:
        if self.config.engine is None:
            self.config.engine = self._detect()
        return self.config.engine

    def _detect(self) -> Engine:
        url = self.config.query_url
        sep = "&" if "?" in url else "?"
        req = urllib.request.Request(url + sep + urllib.parse.urlencode({"query": "ASK {}"}),
                                     headers={"Accept": _ACCEPT, "User-Agent": "cancu"})
        try:
            with self._opener.open(req, timeout=self.default_timeout) as resp:
                return engine_of_server(resp.headers.get("Server"))
        except urllib.error.HTTPError as exc:  # e.g. 401: the header is there all the same
            return engine_of_server(exc.headers.get("Server"))
        except (urllib.error.URLError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {reason}") from exc

    @property
    def update_url(self) -> str:
        if self.config.update_url is None:
            e = self.engine
            rule = e.update_auth if self.config.user is not None else e.update
            found = e.url(rule, self.config.query_url)
            if found is None:
                raise StoreError(f"cannot tell the update URL of {self.config.query_url} "
                                 f"({e.name}); set CANCU_SPARQL_UPDATE")
            self.config.update_url = found
            self._trust(found)
        return self.config.update_url

    @property
    def gsp_url(self) -> str | None:
        if self.config.gsp_url is None:
            self.config.gsp_url = self.engine.url(self.engine.gsp, self.config.query_url) or ""
            self._trust(self.config.gsp_url)
        return self.config.gsp_url or None

    def _trust(self, url: str) -> None:
        """Send the credentials to a URL found from the layout too."""
        if url and self.config.user is not None:
            self._passwords.add_password(None, url, self.config.user, self.config.password or "")

    # --- HTTP ----------------------------------------------------------------------------------

    def _request(
        self,
        url: str,
        *,
        method: str = "POST",
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        timeout: float | None = None,
    ) -> tuple[bytes, str]:
        headers = {"User-Agent": "cancu"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        wait = timeout or self.default_timeout
        try:
            with self._opener.open(req, timeout=wait + 5 if timeout else wait) as resp:
                partial = self.engine.partial and resp.headers.get(self.engine.partial)
                if partial:
                    raise QueryTimeout(f"query took longer than {timeout:g} s (the server "
                                       f"stopped it: {partial})")
                return resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            kind = QueryError if exc.code in (400, 406, 415) else StoreError
            if timeout and self.engine.timeout_error and re.search(self.engine.timeout_error,
                                                                   detail):
                raise QueryTimeout(f"query took longer than {timeout:g} s (the server "
                                   f"stopped it: {detail[:200]})") from exc
            raise kind(f"{method} {url} failed with HTTP {exc.code}: {detail}") from exc
        except TimeoutError as exc:
            raise QueryTimeout(f"{url} did not answer within {wait:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(f"{url} did not answer within {wait:g} s") from exc
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {exc.reason}") from exc

    def _dataset(self) -> list[tuple[str, str]]:
        if not self.config.explicit_dataset and self.engine.union == "server":
            return []
        # the union of the named graphs, listed for endpoints that cannot be set up to give it
        self.config.explicit_dataset = False
        try:
            names = self.graphs()
        finally:
            self.config.explicit_dataset = True
        return [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]

    def _post_query(self, sparql: str, accept: str, timeout: float | None) -> tuple[bytes, str]:
        e = self.engine
        params = self._dataset()
        if timeout and e.timeout:
            params.append((e.timeout, str(int(timeout * e.timeout_scale))))
        url = self.config.query_url
        if e.query_form:
            body = urllib.parse.urlencode([("query", sparql), *params]).encode("utf-8")
            return self._request(url, body=body, accept=accept, timeout=timeout,
                                 content_type="application/x-www-form-urlencoded")
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        return self._request(url, body=sparql.encode("utf-8"), accept=accept, timeout=timeout,
                             content_type="application/sparql-query; charset=utf-8")

    # --- the store interface -------------------------------------------------------------------

    def _query(self, sparql: str, timeout: float | None) -> QueryResult:
        # a graph is asked for as a graph: Virtuoso answers "*/*"-ish Accepts for CONSTRUCT with
        # a table of ?s ?p ?o
        graph = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        body, ctype = self._post_query(sparql, _ACCEPT_GRAPH if graph else _ACCEPT, timeout)
        media = ctype.split(";")[0].strip().lower()
        rdf = {"application/n-triples": "nt", "text/turtle": "turtle", "text/plain": "nt"}
        if media in rdf:
            return Graph().parse(data=body, format=rdf[media])
        if media not in _SOLUTION_TYPES:
            raise StoreError(f"{self.location} answered with an unexpected type {ctype!r}")
        res = _materialize(ox.parse_query_results(body, format=_SOLUTION_TYPES[media]))
        if isinstance(res, SelectResult) and not self.engine.booleans:
            _restore_booleans(res, boolean_vars(sparql))
        return res

    def query_raw(
        self, sparql: str, accept: str | None = None, timeout: float | None = None
    ) -> tuple[bytes, str]:
        return self._post_query(sparql, accept or "*/*", timeout)

    def update(self, sparql: str) -> None:
        """One SPARQL Update request: one transaction on each engine profiled here."""
        if self.engine.query_form:
            body = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
            ctype = "application/x-www-form-urlencoded"
        else:
            body, ctype = sparql.encode("utf-8"), "application/sparql-update; charset=utf-8"
        self._request(self.update_url, body=body, content_type=ctype)

    def replace_graph(self, iri_: str, graph: Graph) -> None:
        """Through the Graph Store Protocol (one PUT) where the engine has it."""
        url = self.gsp_url
        if not url:
            super().replace_graph(iri_, graph)
            return
        iri(iri_)
        if len(graph) == 0:
            self.drop_graph(iri_)
            return
        sep = "&" if "?" in url else "?"
        self._request(url + sep + urllib.parse.urlencode({self.engine.gsp_graph: iri_}),
                      method="PUT", body=graph_to_ntriples(graph).encode("utf-8"),
                      content_type="application/n-triples")


# --- truth values, for engines without a boolean type ----------------------------------------

_TRUTH = {"Builtin_EXISTS", "Builtin_NOTEXISTS", "UnaryNot", "RelationalExpression",
          "ConditionalAndExpression", "ConditionalOrExpression", "Builtin_BOUND",
          "Builtin_isIRI", "Builtin_isBLANK", "Builtin_isLITERAL", "Builtin_isNUMERIC",
          "Builtin_REGEX", "Builtin_CONTAINS", "Builtin_STRSTARTS", "Builtin_STRENDS",
          "Builtin_LANGMATCHES", "Builtin_sameTerm"}
_PICK = {"Aggregate_Sample", "Aggregate_Min", "Aggregate_Max"}  # keep the type of what they take


@lru_cache(maxsize=512)
def boolean_vars(sparql: str) -> frozenset[str]:
    """The variables a SELECT binds to a truth value: ``BIND(EXISTS {...} AS ?x)``, a
    comparison, ``true``; and SAMPLE/MIN/MAX of such a variable (read from rdflib's algebra)."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    try:
        algebra = prepareQuery(sparql).algebra
    except Exception:  # not rdflib's dialect: leave the answer as the engine gave it
        return frozenset()
    binds: list[tuple[str, object]] = []  # a variable may be bound twice (then grouped by)
    picks: dict[str, str] = {}

    def visit(node: object) -> None:
        name = getattr(node, "name", None)
        if name == "Extend":
            binds.append((str(node.var), node.expr))  # type: ignore[attr-defined]
        elif name in _PICK and isinstance(node.vars, Variable):  # type: ignore[attr-defined]
            picks[str(node.res)] = str(node.vars)  # type: ignore[attr-defined]

    traverse(algebra, visitPost=visit)
    truth: set[str] = set()
    changed = True
    while changed:
        changed = False
        for var, expr in binds:
            source = str(expr) if isinstance(expr, Variable) else None
            is_truth = (getattr(expr, "name", None) in _TRUTH
                        or (isinstance(expr, Literal) and expr.datatype == XSD.boolean)
                        or (source is not None and (source in truth
                                                    or picks.get(source) in truth)))
            if is_truth and var not in truth:
                truth.add(var)
                changed = True
        for res, src in picks.items():
            if src in truth and res not in truth:
                truth.add(res)
                changed = True
    return frozenset(truth)


def _restore_booleans(res: SelectResult, names: frozenset[str]) -> None:
    for row in res.terms:
        for name in names & row.keys():
            value = row[name]
            if isinstance(value, Literal) and value.datatype in (XSD.integer, XSD.int):
                row[name] = Literal(str(value) != "0", datatype=XSD.boolean)
