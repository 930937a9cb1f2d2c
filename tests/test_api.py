"""The REST API through Flask's test client, on the sample plans and laws."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef

from tests.test_web_support import make_app, plan_id


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app().test_client()


def test_openapi_document_is_valid_and_lists_every_route(client: FlaskClient) -> None:
    from openapi_spec_validator import validate

    spec = client.get("/api/openapi.json").get_json()
    validate(spec)
    app = client.application
    routes = {r.rule.replace("<path:", "{").replace(">", "}") for r in app.url_map.iter_rules()
              if r.rule.startswith("/api/") and r.rule not in ("/api/", "/api/openapi.json",
                                                               "/api/queries")}  # fmt: skip
    documented = {p.replace("{id}", "{" + "x" + "}") for p in spec["paths"]}
    assert {r.split("{")[0] for r in routes} == {p.split("{")[0] for p in documented}


def test_tasks_list_is_paginated_with_total(client: FlaskClient) -> None:
    body = client.get("/api/tasks?limit=10&offset=5").get_json()
    assert body["total"] == 93 and body["limit"] == 10 and body["offset"] == 5
    assert len(body["items"]) == 10
    first = body["items"][0]
    assert first["source_url"].startswith(f"/plans/{first['plan']['id']}#task-")
    assert {"section", "text", "assignments", "basis", "span", "due", "timeframe"} <= set(first)


def test_full_text_is_diacritic_insensitive(client: FlaskClient) -> None:
    plain = client.get("/api/tasks?q=thanh tra tinh&limit=500").get_json()
    marked = client.get("/api/tasks?q=Thanh tra tỉnh&limit=500").get_json()
    assert plain["total"] == marked["total"] > 0
    names = [a["name"] for t in plain["items"] for a in t["assignments"]]
    assert any("Thanh tra tỉnh" in n for n in names)


def test_filter_by_document_number_and_article(client: FlaskClient) -> None:
    by_doc = client.get("/api/tasks?document=59/2019/NĐ-CP&limit=500").get_json()
    assert by_doc["total"] > 0
    for t in by_doc["items"]:
        assert any(b["document_number"] == "59/2019/NĐ-CP" for b in t["basis"])
    art = client.get("/api/tasks?document=36/2018/QH14&article=10").get_json()
    assert art["items"] and art["next"] is None  # one article's tasks: a page, no count
    for t in art["items"]:
        assert any(b["iri"].endswith("/36-2018-qh14/dieu-10") or "/dieu-10/" in b["iri"]
                   for b in t["basis"])  # fmt: skip
    same = client.get("/api/tasks?article=luat/36-2018-qh14/dieu-10").get_json()
    assert [t["iri"] for t in same["items"]] == [t["iri"] for t in art["items"]]


def test_filter_by_body_role_plan_and_due(client: FlaskClient) -> None:
    lead = client.get("/api/tasks?body=hue/so-tu-phap&role=lead").get_json()
    assert len(lead["items"]) == 2 and lead["next"] is None
    assert all(any(a["body"]["id"] == "hue/so-tu-phap" and a["role"] == "lead"
                   for a in t["assignments"]) for t in lead["items"])  # fmt: skip
    none = client.get("/api/tasks?body=hue/so-tu-phap&role=requested").get_json()
    assert none["items"] == [] and none["next"] is None
    tay_ninh = plan_id("tay-ninh-577-kh-ubnd-2024.txt")
    assert tay_ninh == "tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024"  # issuer, number, year
    plan = client.get(f"/api/tasks?plan={tay_ninh}&limit=500").get_json()
    assert plan["total"] == 21 and {t["plan"]["id"] for t in plan["items"]} == {tay_ninh}
    due = client.get("/api/tasks?due_after=2023-03-01&due_before=2023-06-30").get_json()
    assert due["total"] >= 1
    assert all("2023-03-01" <= t["due"] <= "2023-06-30" for t in due["items"])


def test_tasks_as_csv_by_format_and_accept(client: FlaskClient) -> None:
    for resp in (client.get("/api/tasks?format=csv"),
                 client.get("/api/tasks", headers={"Accept": "text/csv"})):  # fmt: skip
        assert resp.status_code == 200 and resp.mimetype == "text/csv"
        rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
        assert len(rows) == 93  # CSV carries every matching row, not one page
        assert rows[0]["source_url"].startswith("/plans/")


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/api/tasks?due_before=31-12-2023", 400, "due_before"),
    ("/api/tasks?role=boss", 400, "role"),
    ("/api/tasks?limit=0", 400, "limit"),
    ("/api/tasks?colour=red", 400, "unknown parameter"),
    ("/api/tasks?article=10", 400, "document"),
    ("/api/tasks?plan=no-such-plan", 404, "plan"),
    ("/api/tasks?document=99/9999/XX", 404, "99/9999/XX"),
    ("/api/tasks?body=nowhere/nobody", 404, "body"),
    ("/api/bodies/nowhere/nobody", 404, "body"),
    ("/api/plans/nope", 404, "plan"),
    ("/api/documents/luat/0-0000-qh00", 404, "document"),
    ("/api/articles/luat/36-2018-qh14/dieu-9999", 404, "article"),
    ("/api/tasks?format=xml", 400, "format"),
    ("/api/no/such/endpoint", 404, "/api/no/such/endpoint"),
])  # fmt: skip
def test_errors_are_json_with_a_message(client: FlaskClient, url: str, status: int,
                                        words: str) -> None:  # fmt: skip
    resp = client.get(url)
    assert resp.status_code == status
    err = resp.get_json()["error"]
    assert err["status"] == status and words in err["message"]
    assert "Traceback" not in resp.get_data(as_text=True)


def test_not_acceptable(client: FlaskClient) -> None:
    resp = client.get("/api/tasks", headers={"Accept": "image/png"})
    assert resp.status_code == 406 and "error" in resp.get_json()


def test_body_duties_with_role_timeframe_basis_and_span(client: FlaskClient) -> None:
    body = client.get("/api/bodies/quang-ngai/so-noi-vu/thanh-tra-so").get_json()
    assert body["name"] == "Thanh tra Sở"
    assert body["parent"] == [{"id": "quang-ngai/so-noi-vu", "name": "Sở Nội vụ tỉnh Quảng Ngãi"}]
    direct = [d for d in body["duties"] if d["through"] == "direct"]
    assert len(direct) == 6
    assert {d["role"] for d in direct} == {"lead", "executor"}
    # a unit of Sở Nội vụ also carries what "các đơn vị trực thuộc" of its plan must do
    via = [d for d in body["duties"] if d["through"] == "group"]
    assert via and all(d["via"] for d in via)
    quang_ngai = plan_id("quang-ngai-snv-pctn-2023.txt")
    for d in body["duties"]:
        assert d["plan"]["id"] == quang_ngai
        assert d["span"]["start"] < d["span"]["end"]
        assert d["source_url"].startswith(f"/plans/{quang_ngai}#task-")
    assert any(d["timeframe"] for d in direct)
    text = client.get("/api/bodies/quang-ngai/so-noi-vu/thanh-tra-so/duties?format=csv").get_data(
        as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(body["duties"]) and {r["through"] for r in rows} == {"direct", "group"}


def test_bodies_list_search(client: FlaskClient) -> None:
    found = client.get("/api/bodies?q=thanh tra tinh").get_json()
    assert {b["id"] for b in found["items"]} >= {"tay-ninh/thanh-tra-tinh"}
    tn = client.get("/api/bodies?jurisdiction=tay-ninh&limit=500").get_json()
    assert tn["next"] is None and tn["items"]
    assert all(b["jurisdiction"] == "tay-ninh" for b in tn["items"])


def test_plans_and_plan_detail(client: FlaskClient) -> None:
    plans = client.get("/api/plans").get_json()
    assert len(plans["items"]) == 4 and plans["next"] is None
    ids = {p["id"] for p in plans["items"]}
    hue = "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
    assert hue in ids
    plan = client.get(f"/api/plans/{hue}").get_json()
    assert plan["number"] == "232/KH-UBND" and len(plan["tasks"]) == 30
    assert any(c["document"]["number"] == "36/2018/QH14" for c in plan["citations"])


def test_documents_and_document_detail(client: FlaskClient) -> None:
    docs = client.get("/api/documents?limit=100").get_json()
    assert any(d["number"] == "36/2018/QH14" and d["has_text"] for d in docs["items"])
    by_number = client.get("/api/documents/36/2018/QH14").get_json()
    by_id = client.get("/api/documents/luat/36-2018-qh14").get_json()
    assert by_number["iri"] == by_id["iri"] == "https://cancu.dev/id/doc/luat/36-2018-qh14"
    art10 = next(a for a in by_id["articles"] if a["number"] == "10")
    assert art10["title"] == "Nội dung công khai, minh bạch" and art10["text"]
    assert art10["cited_by"], "Điều 10 is cited by the sample plans"
    assert {p["id"] for p in by_id["plans"]} >= {plan_id("quang-ngai-snv-pctn-2023.txt")}


def test_article_10_lists_only_tasks_whose_own_words_cite_it(client: FlaskClient) -> None:
    """Issue 13: the preamble's "Căn cứ Luật Phòng, chống tham nhũng năm 2018" names no article
    and must not be listed under Điều 10; each row points at a task that cites Điều 10."""
    from graph_api.blueprints.data import plan_source, plans

    doc = client.get("/api/documents/luat/36-2018-qh14").get_json()
    art10 = next(a for a in doc["articles"] if a["number"] == "10")
    refs = art10["cited_by"]
    assert refs and all(r["task"] for r in refs)
    assert len({(r["plan"], r["task"]) for r in refs}) == len(refs)  # each task once
    assert sorted((r["plan"], r["section"]) for r in refs) == sorted([
        (plan_id("quang-ngai-snv-pctn-2023.txt"), "II.3.a"),
        (plan_id("tinh-cai-thien-chi-so-pctn-2026.txt"), "II.2.a")])
    store = client.application.config["CANCU_STORE_OBJECT"]
    by_id = {p["id"]: p for p in plans(store)}
    for r in refs:  # the task's own words name Điều 10
        task = client.get(f"/api/tasks?plan={r['plan']}&limit=500").get_json()["items"]
        text = next(t for t in task if t["id"] == r["task"])
        src = plan_source(store, by_id[r["plan"]])
        words = src[text["span"]["start"]:text["span"]["end"]]
        assert "Điều 10" in words or "điều 10" in words, words[:200]


def test_article(client: FlaskClient) -> None:
    art = client.get("/api/articles/luat/36-2018-qh14/dieu-10").get_json()
    assert art["number"] == "10" and art["document"]["number"] == "36/2018/QH14"
    assert art["parts"] and art["tasks"]
    assert art["url"] == "/documents/luat/36-2018-qh14#dieu-10"


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"),
                                             ("application/ld+json", "jsonld")])
def test_resources_as_rdf(client: FlaskClient, accept: str, fmt: str) -> None:
    resp = client.get("/api/bodies/quang-ngai/so-noi-vu/thanh-tra-so", headers={"Accept": accept})
    assert resp.status_code == 200 and resp.mimetype == accept
    node = "https://cancu.dev/id/body/quang-ngai/so-noi-vu/thanh-tra-so"
    if fmt == "turtle":
        assert (URIRef(node), None, None) in Graph().parse(data=resp.get_data(as_text=True))
    else:
        assert node in {n.get("@id") for n in json.loads(resp.get_data(as_text=True))}
    ttl = client.get("/api/documents/luat/36-2018-qh14?format=ttl")
    assert ttl.mimetype == "text/turtle"
    g2 = Graph().parse(data=ttl.get_data(as_text=True), format="turtle")
    assert (URIRef("https://cancu.dev/id/doc/luat/36-2018-qh14"), None, None) in g2
    missing = client.get("/api/bodies/nowhere/nobody", headers={"Accept": accept})
    assert missing.status_code == 404


def test_tasks_by_body_name_ignores_diacritics(client):
    res = client.get("/api/tasks?body=thanh%20tra%20tinh")
    assert res.status_code == 200
    items = res.get_json()["items"]
    assert items
    for t in items:
        names = [a["name"] for a in t["assignments"]]
        assert any("Thanh tra tỉnh" in n for n in names), names
    sources = {t["plan"]["source"] for t in items}
    assert "tay-ninh-577-kh-ubnd-2024.txt" in sources
