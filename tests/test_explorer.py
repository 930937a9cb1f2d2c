"""The citation explorer: the pyvis network, filtered before drawing, served without a CDN."""

from __future__ import annotations

import re

from graph_api.explorer import COLOURS, network
from tests.test_web_support import make_app, plan_id, recorded_queries, sample_store


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
    assert [n["label"] for n in by_plan.nodes if n["kind"] == "plan"] == ["Kế hoạch 577/KH-UBND"]
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


def test_nodes_are_named_never_ids_or_file_names() -> None:
    net = network(sample_store())
    for n in net.nodes:
        assert ".txt" not in n["label"] and "/id/" not in n["label"], n
        assert n["plan"] in {m["id"] for m in net.nodes if m["kind"] == "plan"}  # its cluster
    bodies = {n["label"] for n in net.nodes if n["kind"] == "body"}
    assert "Thanh tra Sở" in bodies and all(b[:1].isupper() for b in bodies)


def test_a_body_is_chosen_by_its_name_as_typed() -> None:
    client = make_app().test_client()
    html = client.get("/graph?body=thanh tra so noi vu quang ngai").get_data(as_text=True)
    assert "<h1>Mạng viện dẫn — Thanh tra Sở (Sở Nội vụ tỉnh Quảng Ngãi)</h1>" in html
    data = _graph_data(html)
    bodies = {n["label"] for n in data["nodes"] if n["kind"] == "body"}
    assert bodies == {"Thanh tra Sở"}
    several = client.get("/graph?body=thanh tra").get_data(as_text=True)
    assert "khớp với" in several
    assert 'href="/graph?body=quang-ngai/so-noi-vu/thanh-tra-so"' in several
    none = client.get("/graph?body=khong co co quan nay").get_data(as_text=True)
    assert "Không có cơ quan nào tên" in none
    assert "Lỗi 400" not in none


def test_at_scale_the_page_opens_on_a_neighbourhood_clustered_by_plan() -> None:
    whole = _graph_data(make_app().test_client().get("/graph").get_data(as_text=True))
    small = make_app(CANCU_GRAPH_MAX_NODES=40, CANCU_GRAPH_CLUSTER_AT=10).test_client()
    html = small.get("/graph").get_data(as_text=True)
    assert 'id="neighbourhood"' in html
    data = _graph_data(html)
    docs = [n for n in data["nodes"] if n["kind"] == "document"]
    assert 0 < len(data["nodes"]) < len(whole["nodes"]) and data["cluster"] is True
    assert set(data["plans"]) >= {n["plan"] for n in data["nodes"]}
    assert "Luật" in html and docs  # the most cited document's network, named
    assert whole["cluster"] is False or len(whole["nodes"]) > 150


def _graph_data(html: str) -> dict:
    import json

    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_a_bodys_network_reads_that_body_not_the_whole_store() -> None:
    """At 10,000 plans a list of every body, plan or document (with its counts) takes seconds:
    a body's network chosen by its id reads the body, its plans and its edges only."""
    from graph_api.app import create_app

    store = sample_store()
    client = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()
    with recorded_queries(store) as asked:
        html = client.get("/graph?body=quang-ngai/so-noi-vu/thanh-tra-so").get_data(as_text=True)
    assert "<h1>Mạng viện dẫn — Thanh tra Sở (Sở Nội vụ tỉnh Quảng Ngãi)</h1>" in html
    data = _graph_data(html)
    assert {n["label"] for n in data["nodes"] if n["kind"] == "body"} == {"Thanh tra Sở"}
    assert set(data["plans"]) >= {n["plan"] for n in data["nodes"]}
    whole = [t for t, bound in asked if t in ("Bodies", "Plans") and not bound]
    assert asked and not whole, asked
    assert "Documents (fast list)" not in {t for t, _ in asked}


def test_more_plans_than_nodes_open_on_a_neighbourhood_without_reading_the_whole() -> None:
    """With more plans than the page may draw, the whole network is never read (its edges
    were 5,000 rows and seconds at 1,000 plans); nor is every plan listed as a choice."""
    from graph_api.app import create_app

    store = sample_store()
    app = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True,
                      "CANCU_GRAPH_MAX_NODES": 3})  # the samples are four plans
    with recorded_queries(store) as asked:
        html = app.test_client().get("/graph").get_data(as_text=True)
    edges_asked = [bound for title, bound in asked if title == "Citation network edges"]
    assert 'id="neighbourhood"' in html
    # the most cited document's network only
    # (its page picked by the document, then read by the citations picked)
    assert edges_asked[0] == {"document"} and all(edges_asked)
    data = _graph_data(html)
    drawn = {n["id"] for n in data["nodes"] if n["kind"] == "plan"}
    offered = set(re.findall(r'<option value="([^"]+)"[^>]*>', html.split('name="plan"')[1]
                             .split("</select>")[0]))
    assert drawn and set(data["plans"]) == drawn
    from graph_api.blueprints.data import plans

    assert offered == {p["id"] for p in plans(store, only=drawn)}



def test_plan_body_and_document_pages_link_to_their_own_network() -> None:
    client = make_app().test_client()
    hue = plan_id("hue-232-kh-ubnd-2026.txt")
    pages = {f"/plans/{hue}": f"/graph?plan={hue}",
             "/bodies/quang-ngai/so-noi-vu/thanh-tra-so":
                 "/graph?body=quang-ngai/so-noi-vu/thanh-tra-so",
             "/documents/luat/36-2018-qh14": "/graph?document=luat/36-2018-qh14"}
    for page, link in pages.items():
        html = client.get(page).get_data(as_text=True)
        assert f'href="{link}"' in html.replace("%2F", "/"), page
        assert client.get(link).status_code == 200
