"""The citation explorer: the pyvis network, filtered before drawing, served without a CDN."""

from __future__ import annotations

import re

from graph_api.explorer import COLOURS, network
from tests.test_web_support import make_app, plan_id, sample_store


def test_network_has_every_kind_coloured_and_sized_by_citations() -> None:
    net = network(sample_store())
    kinds = {n["kind"] for n in net.nodes}
    assert kinds == {"plan", "document", "article", "body"}
    assert all(n["color"] == COLOURS[n["kind"]] for n in net.nodes)
    law = next(n for n in net.nodes if n["id"] == "https://cancu.dev/id/doc/luat/36-2018-qh14")
    plan = next(n for n in net.nodes if n["kind"] == "plan")
    assert law["size"] > plan["size"] and law["url"] == "/documents/luat/36-2018-qh14"
    ids = {n["id"] for n in net.nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in net.edges)


def test_filters_shrink_the_network() -> None:
    store = sample_store()
    whole = len(network(store).nodes)
    by_plan = network(store, plan=plan_id("tay-ninh-577-kh-ubnd-2024.txt"))
    assert 0 < len(by_plan.nodes) < whole
    assert [n["label"] for n in by_plan.nodes if n["kind"] == "plan"] == [
        "tay-ninh-577-kh-ubnd-2024.txt"]
    by_doc = network(store, document="59/2019/NĐ-CP")
    docs = {n["id"] for n in by_doc.nodes if n["kind"] == "document"}
    assert docs == {"https://cancu.dev/id/doc/nd/59-2019-nd-cp"}
    by_body = network(store, body="quang-ngai/so-noi-vu/thanh-tra-so")
    bodies = {n["id"] for n in by_body.nodes if n["kind"] == "body"}
    assert bodies == {"https://cancu.dev/id/body/quang-ngai/so-noi-vu/thanh-tra-so"}


def test_graph_page_loads_vis_from_the_app_not_a_cdn() -> None:
    client = make_app().test_client()
    hue = "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
    html = client.get(f"/graph?plan={hue}").get_data(as_text=True)
    srcs = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert "/graph/assets/vis-network.min.js" in srcs
    assert all(s.startswith("/") for s in srcs), srcs
    assert "cdn" not in html.lower()
    asset = client.get("/graph/assets/vis-network.min.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
    assert client.get("/graph?colour=red").status_code == 400
