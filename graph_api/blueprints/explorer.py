"""``/graph``: the citation explorer page, drawn by vis-network served from pyvis's own copy.

No CDN: the page loads ``/graph/assets/vis-network.min.js`` (and its CSS) from the files pyvis
ships in ``pyvis/lib/vis-9.1.2``, so it works on an office network without internet access.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyvis
from flask import Blueprint, Response, current_app, render_template, request, send_from_directory

from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import check_params
from graph_api.explorer import CLUSTER_AT, COLOURS, KIND_VI, MAX_NODES, network
from graph_api.store import Store

bp = Blueprint("explorer", __name__)

VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"


@bp.get("/graph/assets/<path:name>")
def assets(name: str) -> Response:
    resp = send_from_directory(VIS_DIR, name, max_age=86400)
    return resp


@bp.get("/graph")
def graph() -> str:
    """The network of one plan, document or body (chosen by name), or of everything; past
    ``CANCU_GRAPH_MAX_NODES`` nodes, the neighbourhood of the most cited document instead."""
    check_params(("plan", "document", "body"))
    store = get_store()
    filters = {k: request.args.get(k, "").strip() or None for k in ("plan", "document", "body")}
    body, candidates = data.resolve_body(store, filters["body"]) if filters["body"] else (None, [])
    most = int(current_app.config.get("CANCU_GRAPH_MAX_NODES", MAX_NODES))
    bound = _bound(store, filters, body)
    # the form's choices, without counting every citation of the store (a body's network is a
    # few hundred edges; the counts of every document took 16 s at 1,000 plans)
    documents = data.document_choices(store)
    neighbourhood = None
    whole = not any(bound.values())
    if whole and data.plans_page(store, 1, most).items:  # a plan past the first `most`
        # more plans than nodes to draw: the whole network cannot be drawn, so it is not read
        # (its edges are thousands of rows at 1,000 plans); the most cited document's instead
        neighbourhood = _most_cited(store)
    if neighbourhood is None:
        net = network(store, **bound, max_nodes=most)
        if whole and net.truncated:  # type: ignore[attr-defined]
            neighbourhood = _most_cited(store)  # everything is too much to draw
    if neighbourhood is not None:
        net = network(store, document=neighbourhood["iri"], max_nodes=most)
    nodes, edges, _, _, _, options = net.get_network_data()
    cluster_at = int(current_app.config.get("CANCU_GRAPH_CLUSTER_AT", CLUSTER_AT))
    # the plans offered: a body's, or those drawn and the one chosen (every plan of the store
    # would be 10,000 choices, read at each request; the list of plans links to each network)
    if body:
        every_plan = data.plans(store, body=body["iri"])
    else:
        every_plan = list(net.plans.values())  # type: ignore[attr-defined]
        if bound["plan"] and bound["plan"] not in net.plans:  # type: ignore[attr-defined]
            every_plan += data.plans(store, only=[bound["plan"]])
    every_plan.sort(key=lambda p: p["name"])
    plan_names = {p["iri"]: p["name"] for p in every_plan}
    drawn = {"nodes": nodes, "edges": edges, "options": json.loads(options),
             "cluster": len(nodes) > cluster_at, "plans": plan_names}  # fmt: skip
    return render_template(
        "graph.html",
        graph_data=drawn,
        count=len(nodes),
        edge_count=len(edges),
        truncated=net.truncated,  # type: ignore[attr-defined]
        neighbourhood=neighbourhood,
        filters=filters,
        body=body,
        candidates=candidates,
        plans=every_plan,
        documents=documents,
        colours=COLOURS,
        kinds=KIND_VI,
        most=most,
    )


def _most_cited(store: Store) -> dict[str, Any] | None:
    """The document most plans cite (by the counts kept at ingest), the whole network's centre."""
    cited = [d for d in data.documents(store) if d["id"]]
    return min(cited, key=lambda d: (-d["plans"], d["label"]), default=None)


def _bound(store: Store, filters: dict[str, str | None],
           body: dict[str, Any] | None) -> dict[str, str | None]:  # fmt: skip
    """The filters as IRIs: a plan or document by its id (404 when unknown), a body found by
    name or id (none when the name fits no body or several)."""
    plan, document = filters["plan"], filters["document"]
    return {
        "plan": data.plan_by_id(store, plan)["iri"] if plan else None,
        "document": data.document_iri(store, document) if document else None,
        "body": body["iri"] if body else None,
    }
