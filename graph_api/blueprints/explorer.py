"""``/graph``: the citation explorer page, drawn by vis-network served from pyvis's own copy.

No CDN: the page loads ``/graph/assets/vis-network.min.js`` (and its CSS) from the files pyvis
ships in ``pyvis/lib/vis-9.1.2``, so it works on an office network without internet access.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyvis
from flask import Blueprint, Response, render_template, request, send_from_directory

from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import check_params
from graph_api.explorer import COLOURS, KIND_VI, network
from graph_api.store import Store

bp = Blueprint("explorer", __name__)

VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"


@bp.get("/graph/assets/<path:name>")
def assets(name: str) -> Response:
    resp = send_from_directory(VIS_DIR, name, max_age=86400)
    return resp


@bp.get("/graph")
def graph() -> str:
    check_params(("plan", "document", "body"))
    store = get_store()
    filters = {k: request.args.get(k, "").strip() or None for k in ("plan", "document", "body")}
    net = network(store, **_bound(store, filters))
    nodes, edges, _, _, _, options = net.get_network_data()
    return render_template(
        "graph.html",
        graph_data={"nodes": nodes, "edges": edges, "options": json.loads(options)},
        count=len(nodes),
        edge_count=len(edges),
        filters=filters,
        plans=data.plans(store),
        documents=[d for d in data.documents(store) if d["id"]],
        colours=COLOURS,
        kinds=KIND_VI,
    )


def _bound(store: Store, filters: dict[str, str | None]) -> dict[str, str | None]:
    """The filters as IRIs: a plan or document by its id (404 when unknown), a body by id."""
    plan, document, body = filters["plan"], filters["document"], filters["body"]
    return {
        "plan": data.plan_by_id(store, plan)["iri"] if plan else None,
        "document": data.document_iri(store, document) if document else None,
        "body": data.body_iri(body) if body else None,
    }
