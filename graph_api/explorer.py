"""The citation network as a pyvis graph: plans, legal documents, articles and bodies.

Filtered *before* drawing (by plan, document or body IRI/id), because pyvis builds its node
and edge lists in quadratic time: one body's or one document's network is a neighbourhood
view, which the page opens on when the whole network would pass ``MAX_NODES``. Nodes are
coloured by kind, sized by how often they are cited and named as people read them (plans by
number, bodies by name); each carries ``url``, the page it opens when clicked, and ``plan``,
the plan it is clustered with. Notebook use::

    from graph_api.explorer import network
    net = network(store, document="luat/36-2018-qh14")
    net.show("net.html", notebook=False)
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from pyvis.network import Network
from rdflib import URIRef

from graph_api.blueprints.ids import BODY, DOC, plan_id, short
from graph_api.labels import capitalised, nfc
from graph_api.queries import run_with
from graph_api.store import SelectResult, Store

COLOURS = {"plan": "#c0392b", "document": "#2c7fb8", "article": "#74a9cf", "body": "#31a354"}
KIND_VI = {"plan": "Kế hoạch", "document": "Văn bản", "article": "Điều", "body": "Cơ quan"}
MAX_NODES = 400
CLUSTER_AT = 150  # more nodes than this: the page gathers each plan's nodes into one cluster
# forceAtlas2 with overlap avoidance spreads a plan's many cited documents around it, so
# their labels do not sit on top of each other as with vis.js's default solver
PLAN_FONT = {"font": {"color": "#ffffff", "strokeWidth": 0, "size": 15}}  # inside its box
OPTIONS = """{
  "physics": {"solver": "forceAtlas2Based",
              "forceAtlas2Based": {"gravitationalConstant": -110, "centralGravity": 0.006,
                                   "springLength": 150, "avoidOverlap": 1},
              "stabilization": {"iterations": 300, "fit": true}},
  "nodes": {"font": {"size": 13, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 10, "maxVisible": 22}}},
  "edges": {"smooth": false, "color": {"opacity": 0.6}},
  "interaction": {"hover": true, "navigationButtons": false}
}"""


def _plan_iri(store: Store, plan: str | None) -> str | None:
    if not plan or plan.startswith("http"):
        return plan
    from graph_api.blueprints.data import plan_by_id

    return str(plan_by_id(store, plan)["iri"])


def _doc_iri(store: Store, document: str | None) -> str | None:
    if not document or document.startswith("http"):
        return document
    from graph_api.blueprints.data import document_iri

    return document_iri(store, document)


def _clip(label: str, most: int) -> str:
    """A label cut at a word past ``most`` characters, saying it was (the whole is its title)."""
    if len(label) <= most:
        return label
    return label[:most].rsplit(" ", 1)[0] + "…"


def network(
    store: Store,
    plan: str | None = None,
    document: str | None = None,
    body: str | None = None,
    *,
    height: str = "75vh",
    max_nodes: int = MAX_NODES,
) -> Network:
    """The filtered citation network (plan, document, body: ids or IRIs) as a pyvis Network;
    ``net.truncated`` says whether it stopped at ``max_nodes``."""
    params: dict[str, Any] = {
        "plan": URIRef(p) if (p := _plan_iri(store, plan)) else None,
        "document": URIRef(d) if (d := _doc_iri(store, document)) else None,
        "body": URIRef(body if body.startswith("http") else BODY + body) if body else None,
    }
    if params["body"] is not None and params["plan"] is None and params["document"] is None:
        res = run_with(store, "api_body_graph_edges", {"body": params["body"]})  # body out
    else:
        # a page of citations: each gives a node or more, so no more than the nodes drawn
        res = run_with(store, "api_graph_edges",
                       {**{k: v for k, v in params.items() if v is not None},
                        "limit": min(max_nodes, 500)})
    assert isinstance(res, SelectResult)
    rows = res.rows
    from graph_api.blueprints.data import plan_refs

    names = plan_refs(store, only={r["planIri"] for r in rows})  # the plans drawn, not all
    body_only = str(params["body"]) if params["body"] else None

    nodes: dict[str, dict[str, Any]] = {}
    edges: set[tuple[str, str, str]] = set()
    cited: Counter[str] = Counter()

    truncated = bool(getattr(res, "more", False))  # citations past the page

    def node(iri: str, kind: str, label: str | None, url: str | None, plan: str,
             title: str | None = None) -> None:  # fmt: skip
        if iri not in nodes:
            nodes[iri] = {"kind": kind, "label": nfc(label) or iri.rsplit("/", 1)[-1],
                          "url": url, "plan": plan, "title": nfc(title)}  # fmt: skip

    for r in rows:
        plan_node, doc = r["planIri"], r["doc"]
        pid = plan_id(plan_node)
        ref = names.get(plan_node, {})
        node(plan_node, "plan", ref.get("name") or r["source"], f"/plans/{pid}", plan_node,
             ref.get("label"))
        did = short(doc, DOC)
        node(doc, "document", r["docLabel"], f"/documents/{did}" if did else None, plan_node)
        target = doc
        if r["article"]:
            aid = short(r["article"], DOC)
            node(r["article"], "article", r["articleLabel"],
                 f"/articles/{aid}" if aid else None, plan_node)
            edges.add((r["article"], doc, "là một phần của"))
            target = r["article"]
        if (plan_node, target, "viện dẫn") not in edges:
            cited[target] += 1
            if target != doc:
                cited[doc] += 1
        edges.add((plan_node, target, "viện dẫn"))
        b = body_only or r["bodyIri"]
        if b:
            node(b, "body", None, f"/bodies/{short(b, BODY)}", plan_node)
            if b == r["bodyIri"] and r["bodyLabel"]:
                nodes[b]["label"] = capitalised(nfc(r["bodyLabel"])) or nodes[b]["label"]
            edges.add((b, plan_node, "có nhiệm vụ trong"))
        if len(nodes) > max_nodes:
            truncated = True
            break

    net = Network(height=height, width="100%", directed=True, cdn_resources="local")
    for iri, n in nodes.items():
        count = cited.get(iri, 0)
        net.add_node(
            iri,
            label=_clip(n["label"], 56 if n["kind"] == "plan" else 40),
            title=f"{KIND_VI[n['kind']]}: {n['title'] or n['label']}"
            + (f" — viện dẫn {count} lần" if count else ""),
            color=COLOURS[n["kind"]],
            size=12 + 6 * math.sqrt(count),
            kind=n["kind"],  # not "group": pyvis drops the colour of grouped nodes
            url=n["url"],
            plan=n["plan"],
            shape="box" if n["kind"] == "plan" else "dot",
            **PLAN_FONT if n["kind"] == "plan" else {},
        )
    for src, dst, label in sorted(edges):
        if src in nodes and dst in nodes:
            net.add_edge(src, dst, title=label, arrows="to")
    net.set_options(OPTIONS)
    net.truncated = truncated  # type: ignore[attr-defined]
    # the plans drawn, as data.plan_refs gives them (id, name, label ...): the page's choices
    net.plans = {iri: names[iri] for iri, n in nodes.items()  # type: ignore[attr-defined]
                 if n["kind"] == "plan" and iri in names}
    return net
