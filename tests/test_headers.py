"""Security headers on every answer, and an explorer no plan text can break (issue 14.9)."""

from __future__ import annotations

import json
import re

from flask.testing import FlaskClient

from graph_api.app import SECURITY_HEADERS, create_app
from graph_api.pipeline import ingest_paths
from graph_api.store import open_store
from tests.test_web_support import make_app


def test_every_kind_of_answer_carries_the_security_headers() -> None:
    client = make_app().test_client()
    for url in ("/", "/api/plans", "/sparql?query=ASK%7B%7D", "/static/style.css",
                "/graph", "/no/such/page", "/api/bodies/BAD%20ID", "/due?within=x"):  # fmt: skip
        resp = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert resp.headers.get(name) == value, (url, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_pages_have_no_inline_script() -> None:
    client = make_app().test_client()
    for url in ("/", "/graph", "/plans", "/documents", "/due", "/sparql"):
        html = client.get(url, headers={"Accept": "text/html"}).get_data(as_text=True)
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attrs or 'type="application/json"' in attrs, (url, body[:80])
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers


def test_a_plan_that_opens_a_script_comment_does_not_break_the_explorer(tmp_path) -> None:
    hostile = "<!--<script>"
    plan = tmp_path / f"plan {hostile}.txt"  # its file name is its node's label
    plan.write_text(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\nQuảng Ngãi, ngày 5 tháng 1 năm 2024\n"
        f"KẾ HOẠCH\nPhòng, chống tham nhũng {hostile} năm 2024\n"
        "Căn cứ Luật Phòng, chống tham nhũng năm 2018;\nI. NHIỆM VỤ\n"
        f"1. Sở Tư pháp {hostile}</script> chủ trì tuyên truyền Luật Phòng, chống tham nhũng.\n",
        encoding="utf-8")  # fmt: skip
    store = open_store(":memory:")
    assert ingest_paths(store, [plan], reasoner="none", progress=False).ok
    client: FlaskClient = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()
    html = client.get("/graph").get_data(as_text=True)
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m is not None
    data = json.loads(m.group(1))  # the element holds all of it, and only it
    labels = " ".join(str(n.get("title", "")) + str(n.get("label", "")) for n in data["nodes"])
    assert hostile in labels  # the plan's words come through, as data
    assert "<!--" not in m.group(1) and "<script" not in m.group(1)
    assert html.count("</script>") == html.count("<script")
