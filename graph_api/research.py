"""A small Python API for notebooks: the knowledge graph as pandas tables and networkx graphs.

    from graph_api import research as r
    store = r.load_graph()                       # default store, or built in memory
    r.ask("tasks_by_article", document="36/2018/QH14", article="10")   # named query → DataFrame
    r.sparql("SELECT ?plan WHERE { ?plan a cc:Plan }")                 # raw SPARQL → DataFrame
    r.source_text("https://cancu.dev/id/task/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026/ii-2-a")
    G = r.citation_graph()                       # plan → document → article (networkx)

Every function takes an optional ``store``; without it the store of the last
:func:`load_graph` call is used (and loaded on first use). Named-query parameters that are
Python keywords take a trailing underscore: ``ask("tasks_due", from_="2023-10-01", to="…")``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from cancu.paths import LAWS, PLANS, default_store
from graph_api.queries import run_with
from graph_api.store import PREFIXES, SelectResult, Store, open_store

ID = "https://cancu.dev/id/"
CC = "https://cancu.dev/ontology#"
NOTEBOOK_PREFIXES: dict[str, str] = {"cc": CC, **PREFIXES}
ROLES = ("lead", "support", "executor", "requested")

_current: Store | None = None

__all__ = [
    "ROLES",
    "ask",
    "assignments",
    "body_task_graph",
    "citation_graph",
    "citations",
    "cocitation_graph",
    "compact",
    "current_store",
    "document_graph",
    "find_bodies",
    "load_graph",
    "plans",
    "source_text",
    "sparql",
    "to_pyvis",
]


# --- the store --------------------------------------------------------------------------------


def _has_plans(store: Store) -> bool:
    res = store.query(f"ASK {{ ?p a <{CC}Plan> }}")
    return bool(res)


def load_graph(
    store: Store | str | Path | None = None,
    rebuild: bool = False,
    *,
    reasoner: str = "reasonable",
    paths: Iterable[str | Path] | None = None,
    quiet: bool = False,
) -> Store:
    """Open the graph the notebook works on, and make it the default for the other functions.

    * ``store`` a :class:`Store`: used as it is;
    * ``store`` a location (directory, ``http(s)://`` endpoint, ``":memory:"``): opened there;
    * ``store`` None: the default store (``$CANCU_STORE`` or ``var/store``) when it already holds
      plans, else a new in-memory store.

    An empty store, or ``rebuild=True``, is filled from ``paths`` (default: the bundled plans
    and laws) with the ingest pipeline, closure included (about 15 s for the bundled data).
    """
    global _current
    if isinstance(store, Store):
        st = store
    elif store is not None:
        st = open_store(store)
    else:
        location = default_store()
        st = None
        if isinstance(location, str):  # a SPARQL endpoint: what it holds is the store
            st = open_store(location)
        elif location.exists() and not rebuild:
            try:
                candidate = open_store(location, create=False)
            except Exception as exc:  # locked by a running server, unreadable, ...
                if not quiet:
                    print(f"default store {location} not usable ({exc}); building in memory",
                          file=sys.stderr)
            else:
                if _has_plans(candidate):
                    st = candidate
                else:
                    candidate.close()
        if st is None:
            st = open_store(None)
    if rebuild or not _has_plans(st):
        from graph_api.pipeline import ingest_paths

        report = ingest_paths(st, list(paths or (PLANS, LAWS)), reasoner=reasoner,
                              progress=False)
        if not quiet:
            problems = [*report.refused, *report.failed]
            print(f"built {st.location}: {len(report.stored)} sources, "
                  f"{report.total_triples} quads" + (f", {len(problems)} problem(s)"
                                                     if problems else ""), file=sys.stderr)
    _current = st
    return st


def current_store() -> Store:
    """The store of the last :func:`load_graph` call (loading the default one if none yet)."""
    return _current if _current is not None else load_graph()


def _store(store: Store | None) -> Store:
    return store if store is not None else current_store()


# --- tables -----------------------------------------------------------------------------------


def _frame(res: SelectResult) -> pd.DataFrame:
    return pd.DataFrame(res.rows, columns=res.vars)


def ask(name: str, /, store: Store | None = None, **params: Any) -> pd.DataFrame:
    """Run a named query (``graph_api/queries/<name>.rq``) and return its rows as a DataFrame."""
    params = {k.rstrip("_"): v for k, v in params.items()}
    res = run_with(_store(store), name, params)
    if not isinstance(res, SelectResult):
        raise TypeError(f"named query {name!r} is not a SELECT query")
    df = _frame(res)
    df.attrs["query"] = name
    return df


def _with_prefixes(query: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([A-Za-z][\w\-.]*)?:", query)}
    missing = [f"PREFIX {p}: <{u}>" for p, u in NOTEBOOK_PREFIXES.items() if p not in declared]
    return "\n".join([*missing, query])


def sparql(query: str, store: Store | None = None, **bindings: Any) -> Any:
    """Run raw SPARQL; SELECT → DataFrame, ASK → bool, CONSTRUCT/DESCRIBE → (s, p, o) DataFrame.

    The usual prefixes (cc, eli, org, prov, time, rdfs, xsd, dcterms, skos, owl, rdf) are added
    when the query does not declare them. ``bindings`` are bound safely as ``VALUES``.
    """
    res = _store(store).query(_with_prefixes(query), bindings or None)
    if isinstance(res, SelectResult):
        return _frame(res)
    if isinstance(res, bool):
        return res
    rows = sorted((str(s), str(p), str(o)) for s, p, o in res)
    return pd.DataFrame(rows, columns=["s", "p", "o"])


def compact(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with cancu IRIs shortened: ``https://cancu.dev/id/body/x`` → ``body/x``."""
    def short(v: Any) -> Any:
        if isinstance(v, str) and v.startswith(ID):
            return v[len(ID):]
        if isinstance(v, str) and v.startswith(CC):
            return "cc:" + v[len(CC):]
        return v

    return df.map(short)


def _fold(text: str) -> str:
    from ontology.iris import fold

    return " ".join(fold(text).split())


def find_bodies(name: str, jurisdiction: str | None = None,
                store: Store | None = None) -> pd.DataFrame:
    """Bodies whose label, name as written or IRI key contains ``name`` (diacritics ignored).

    Columns: body, name, jurisdiction, collective, tasks. Use it to get the IRI a named query
    wants instead of guessing keys.
    """
    df = sparql(
        """SELECT ?body (SAMPLE(?l) AS ?name) (SAMPLE(?j) AS ?jurisdiction)
                  (SAMPLE(?c) AS ?collective) (COUNT(DISTINCT ?task) AS ?tasks)
                  (GROUP_CONCAT(DISTINCT ?w; separator=" | ") AS ?written)
           WHERE { ?body a org:Organization .
                   OPTIONAL { ?body rdfs:label ?l } OPTIONAL { ?body cc:jurisdiction ?j }
                   BIND(EXISTS { ?body a cc:CollectiveBody } AS ?c)
                   OPTIONAL { ?a cc:body ?body ; cc:task ?task ; cc:nameAsWritten ?w } }
           GROUP BY ?body""",
        store,
    )
    needle = _fold(name)
    key = re.sub(r"[^a-z0-9]+", "-", needle).strip("-")
    hay = (df["name"].fillna("") + " | " + df["written"].fillna("")).map(_fold)
    hit = hay.str.contains(needle, regex=False) | df["body"].str.contains(key, regex=False)
    if jurisdiction:
        hit &= df["body"].str.startswith(f"{ID}body/{jurisdiction}/") | (
            df["jurisdiction"] == jurisdiction)
    out = df[hit].drop(columns="written").sort_values(["tasks", "body"], ascending=[False, True])
    return out.reset_index(drop=True)


def plans(store: Store | None = None) -> pd.DataFrame:
    """The plans with source, number, date, jurisdiction, task count and a ``year`` column.

    ``year`` is the plan's date year, or else the year in its file name (``year_from`` says which).
    """
    df = ask("list_plans", store=store)
    dates = pd.to_datetime(df["date"], errors="coerce")
    from_name = df["source"].str.extract(r"(20\d\d)", expand=False).astype("Int64")
    df["year"] = dates.dt.year.astype("Int64").fillna(from_name)
    df["year_from"] = ["date" if pd.notna(d) else ("file name" if pd.notna(y) else None)
                       for d, y in zip(dates, from_name, strict=True)]
    return df


CITATIONS = """
SELECT DISTINCT ?citation ?plan ?source ?task ?relation ?doc ?docNumber ?docType ?docTitle
       ?resolved ?provision ?article ?articleNumber ?articleTitle
WHERE {
  ?citation a cc:Citation ; cc:citingPlan ?plan ; cc:citedDocument ?doc .
  ?plan cc:sourceFile ?source .
  OPTIONAL {
    ?citation cc:citedProvision ?provision .
    # the article itself, or the article of a cited clause (1 hop) or point (2 hops)
    OPTIONAL { ?provision eli:is_part_of?/eli:is_part_of? ?article . ?article a cc:Article .
               OPTIONAL { ?article eli:number ?articleNumber }
               OPTIONAL { ?article eli:title ?articleTitle } }
  }
  OPTIONAL { ?citation cc:relation ?relation }
  OPTIONAL { ?citation cc:citingTask ?task }
  OPTIONAL { ?doc eli:number ?docNumber }
  OPTIONAL { ?doc cc:documentType ?docType }
  OPTIONAL { SELECT ?doc (SAMPLE(?t) AS ?docTitle) WHERE { ?doc eli:title ?t } GROUP BY ?doc }
  BIND(!EXISTS { ?doc a cc:UnresolvedDocument } AS ?resolved)
}
ORDER BY ?source ?citation ?provision
"""


def _doc_label(row: Any) -> str:
    if isinstance(row.docNumber, str) and row.docNumber:
        kind = row.docType if isinstance(row.docType, str) else ""
        return f"{kind} {row.docNumber}".strip()
    title = row.docTitle if isinstance(row.docTitle, str) else row.doc.rsplit("/", 1)[-1]
    return title[:60]


def citations(store: Store | None = None) -> pd.DataFrame:
    """One row per citation (and cited provision): plan, task, relation, document, article.

    ``docLabel`` is "type number" (``Luật 36/2018/QH14``) or the title of an unnumbered document;
    ``articleLabel`` is ``Điều N <number>``; both are empty strings when absent.
    """
    df = sparql(CITATIONS, store)
    df["docLabel"] = [_doc_label(r) for r in df.itertuples()]
    df["articleLabel"] = [
        f"Điều {r.articleNumber} {r.docNumber}" if isinstance(r.article, str) else ""
        for r in df.itertuples()
    ]
    return df


ASSIGNMENTS = """
SELECT DISTINCT ?plan ?source ?task ?section ?body ?bodyName ?nameAsWritten ?role ?collective ?due
WHERE {
  ?a cc:task ?task ; cc:body ?body ; cc:role ?role ; cc:nameAsWritten ?nameAsWritten .
  ?task cc:inPlan ?plan ; cc:section ?section .
  ?plan cc:sourceFile ?source .
  OPTIONAL { ?task cc:due ?due }
  OPTIONAL { SELECT ?body (SAMPLE(?l) AS ?bodyName) WHERE { ?body rdfs:label ?l } GROUP BY ?body }
  BIND(EXISTS { ?body a cc:CollectiveBody } AS ?collective)
}
ORDER BY ?source ?section ?task ?role ?body
"""


def assignments(store: Store | None = None) -> pd.DataFrame:
    """One row per (task, body, role), with the body's label and whether it is a group."""
    df = sparql(ASSIGNMENTS, store)
    df["bodyName"] = df["bodyName"].fillna(df["nameAsWritten"])
    return df


def source_text(node: str, store: Store | None = None, context: int = 0) -> str:
    """The plan's own text behind a task, citation or assignment (its first source span).

    ``context`` characters either side are added, the span itself marked with ``⟦ ⟧``.
    """
    st = _store(store)
    spans = ask("source_span", store=st, node=node)
    if spans.empty:
        raise LookupError(f"no source span for {node}")
    row = spans.iloc[0]
    from graph_api.pipeline import stored_sources

    path = next((v["path"] for v in stored_sources(st).values()
                 if v["source"] == row["source"] and v["path"] is not None), None)
    candidates = [p for p in (path, PLANS / row["source"], LAWS / row["source"]) if p]
    file = next((p for p in candidates if Path(p).is_file()), None)
    if file is None:
        return str(row["quote"] or "")
    from ingest.read import decode

    text, _ = decode(Path(file).read_bytes(), str(file))
    start, end = int(row["start"]), int(row["end"])
    if not context:
        return text[start:end]
    before = text[max(0, start - context):start]
    after = text[end:end + context]
    return f"{before}⟦{text[start:end]}⟧{after}"


# --- networkx ---------------------------------------------------------------------------------


def citation_graph(store: Store | None = None, cites: pd.DataFrame | None = None) -> nx.DiGraph:
    """Plan → document → article, edges weighted by the number of citations.

    Node attributes: ``kind`` (plan | document | article), ``label``, and for documents
    ``has_text`` (the law text is loaded) where known. Edge attribute ``weight``.
    """
    df = citations(store) if cites is None else cites
    G = nx.DiGraph()
    for r in df.itertuples():
        G.add_node(r.plan, kind="plan", label=r.source)
        G.add_node(r.doc, kind="document", label=r.docLabel, resolved=bool(r.resolved))
        _bump(G, r.plan, r.doc)
        if isinstance(r.article, str):
            title = r.articleTitle if isinstance(r.articleTitle, str) else ""
            G.add_node(r.article, kind="article", label=r.articleLabel, title=title)
            _bump(G, r.doc, r.article)
    return G


def _bump(G: nx.Graph, u: str, v: str, **attrs: Any) -> None:
    if G.has_edge(u, v):
        G[u][v]["weight"] += 1
    else:
        G.add_edge(u, v, weight=1, **attrs)


def cocitation_graph(store: Store | None = None, cites: pd.DataFrame | None = None,
                     unit: str = "plan") -> nx.Graph:
    """Documents linked when the same plan (``unit="plan"``) or task (``"task"``) cites both.

    Edge ``weight`` = number of plans (tasks) citing both; node ``plans`` = plans citing it.
    """
    df = citations(store) if cites is None else cites
    key = "plan" if unit == "plan" else "task"
    df = df.dropna(subset=[key])
    G = nx.Graph()
    by_doc = df.groupby("doc")["plan"].nunique()
    labels = df.drop_duplicates("doc").set_index("doc")["docLabel"]
    for doc, n in by_doc.items():
        G.add_node(doc, kind="document", label=labels[doc], plans=int(n))
    pairs: Counter[tuple[str, str]] = Counter()
    for _, docs in df.groupby(key)["doc"]:
        uniq = sorted(set(docs))
        for i, a in enumerate(uniq):
            for b in uniq[i + 1:]:
                pairs[(a, b)] += 1
    for (a, b), w in pairs.items():
        G.add_edge(a, b, weight=w)
    return G


def body_task_graph(store: Store | None = None, plan: str | None = None,
                    body: str | None = None, assigned: pd.DataFrame | None = None) -> nx.Graph:
    """Bipartite body ↔ task graph; edge attribute ``role``. Filter by plan (source file or IRI)
    and/or by a body (IRI or key such as ``hue/so-tu-phap``: its tasks and their other bodies)."""
    df = assignments(store) if assigned is None else assigned
    if plan:
        df = df[(df["source"] == plan) | (df["plan"] == plan)]
    if body:
        mine = df[(df["body"] == body) | df["body"].str.endswith("/body/" + body)]["task"]
        df = df[df["task"].isin(set(mine))]
    G = nx.Graph()
    for r in df.itertuples():
        G.add_node(r.body, kind="body", label=r.bodyName, collective=bool(r.collective))
        G.add_node(r.task, kind="task", label=f"{r.source.split('.')[0]} {r.section}",
                   plan=r.source)
        G.add_edge(r.body, r.task, role=r.role)
    return G


def document_graph(document: str, store: Store | None = None,
                   cites: pd.DataFrame | None = None) -> nx.DiGraph:
    """Who cites one document (number such as ``36/2018/QH14``, or its IRI), and where:
    plan → task (or the plan's preamble) → the document or the cited article."""
    df = citations(store) if cites is None else cites
    df = df[(df["docNumber"] == document) | (df["doc"] == document)]
    G = nx.DiGraph()
    for r in df.itertuples():
        G.add_node(r.plan, kind="plan", label=r.source)
        G.add_node(r.doc, kind="document", label=r.docLabel)
        source = r.plan
        if isinstance(r.task, str):
            section = r.task.rsplit("/", 1)[-1]
            G.add_node(r.task, kind="task", label=f"{r.source.split('.')[0]} {section}")
            _bump(G, r.plan, r.task)
            source = r.task
        target = r.article if isinstance(r.article, str) else r.doc
        if isinstance(r.article, str):
            title = r.articleTitle if isinstance(r.articleTitle, str) else ""
            G.add_node(r.article, kind="article", label=r.articleLabel, title=title)
            G.add_edge(r.article, r.doc, weight=1)
        _bump(G, source, target, relation=r.relation)
    return G


# --- pyvis ------------------------------------------------------------------------------------

KIND_COLORS = {"plan": "#d62728", "document": "#1f77b4", "article": "#9ecae1",
               "body": "#2ca02c", "task": "#ff7f0e"}
ROLE_COLORS = {"lead": "#d62728", "support": "#1f77b4", "executor": "#2ca02c",
               "requested": "#9467bd"}


def to_pyvis(G: nx.Graph, *, height: str = "560px", cdn_resources: str = "in_line",
             directed: bool | None = None) -> Any:
    """A pyvis Network of a graph built here: colours by node kind and edge role, sizes by
    degree, the full label on hover. ``cdn_resources="in_line"`` makes the HTML work offline."""
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=G.is_directed() if directed is None
                  else directed, cdn_resources=cdn_resources, notebook=False)
    for n, data in G.nodes(data=True):
        kind = data.get("kind", "")
        label = str(data.get("label", n))
        hover = "\n".join(x for x in (label, data.get("title", ""), str(n)) if x)
        net.add_node(n, label=label[:40], title=hover, color=KIND_COLORS.get(kind, "#7f7f7f"),
                     size=8 + 3 * min(G.degree(n), 12),
                     shape="box" if kind in ("plan",) else "dot")
    for u, v, data in G.edges(data=True):
        role = data.get("role")
        net.add_edge(u, v, value=data.get("weight", 1), title=role or str(data.get("weight", "")),
                     color=ROLE_COLORS.get(role, "#bbbbbb"))
    net.toggle_physics(True)
    return net
