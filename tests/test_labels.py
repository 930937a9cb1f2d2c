"""Names, never ids: plans by number and title, bodies with their province, documents by type,
number and date without doubled words; every text in the graph composed (NFC)."""

from __future__ import annotations

import itertools
import re
import unicodedata

from graph_api import labels
from graph_api.blueprints import data
from tests.test_web_support import make_app, sample_store


def test_documents_are_named_without_doubled_words() -> None:
    assert labels.doc_label("Nghị định", "59/2019/NĐ-CP", "quy định chi tiết ...") == (
        "Nghị định 59/2019/NĐ-CP")
    full = labels.doc_label("Nghị định", "59/2019/NĐ-CP", "quy định chi tiết một số điều",
                            "2019-07-01", full=True)  # fmt: skip
    assert full == "Nghị định số 59/2019/NĐ-CP ngày 01/07/2019 quy định chi tiết một số điều"
    # a title that names its type, a number or a date again
    assert labels.doc_label("Luật", "36/2018/QH14", "Luật Phòng, chống tham nhũng") == (
        "Luật Phòng, chống tham nhũng số 36/2018/QH14")
    assert labels.doc_label("Luật", None, "Luật sửa đổi bổ sung Luật PCTN") == (
        "Luật sửa đổi bổ sung Luật PCTN")
    assert labels.doc_label("Nghị định", "1/2020/NĐ-CP", "ngày 02/03/2020 về X", "2020-03-02",
                            full=True) == "Nghị định số 1/2020/NĐ-CP ngày 02/03/2020 về X"
    assert labels.doc_label("Nghị định", "1/2020/NĐ-CP", "1/2020/NĐ-CP về X", full=True) == (
        "Nghị định số 1/2020/NĐ-CP về X")


def test_plans_are_named_by_number_and_title_or_by_issuer_and_year() -> None:
    p = {"type": "Kế hoạch", "number": "232/KH-UBND", "date": "2026-04-23",
         "title": "Thực hiện các giải pháp", "issuer": "UBND thành phố Huế", "source": "a.txt"}
    assert labels.plan_name(p) == "Kế hoạch 232/KH-UBND"
    assert labels.plan_label(p) == "Kế hoạch 232/KH-UBND ngày 23/04/2026 — Thực hiện các giải pháp"
    q = {"type": None, "number": None, "date": None, "issuer": "Sở Nội vụ tỉnh Quảng Ngãi",
         "title": "Công tác phòng, chống tham nhũng năm 2023", "source": "qn.txt"}
    assert labels.plan_name(q) == "Kế hoạch của Sở Nội vụ tỉnh Quảng Ngãi năm 2023"


def test_bodies_carry_their_province_once() -> None:
    places = labels.place_names([{"jurisdiction": "quang-ngai", "issuer": "UBND tỉnh Quảng Ngãi"},
                                 {"jurisdiction": "hue", "issuer": "UBND thành phố Huế"}])
    assert places == {"quang-ngai": "tỉnh Quảng Ngãi", "hue": "thành phố Huế"}
    tts = {"name": "Thanh tra Sở", "parent_name": "Sở Nội vụ tỉnh Quảng Ngãi",
           "jurisdiction": "quang-ngai"}
    assert labels.body_label(tts, places) == "Thanh tra Sở (Sở Nội vụ tỉnh Quảng Ngãi)"
    assert labels.body_label({"name": "các sở, ban, ngành", "jurisdiction": "hue"}, places) == (
        "Các sở, ban, ngành (thành phố Huế)")


def test_no_page_shows_an_id_or_a_file_name_where_a_name_belongs() -> None:
    store = sample_store()
    for p in data.plans(store):
        assert ".txt" not in p["name"] and ".txt" not in p["label"]
    for b in data.bodies(store):
        assert b["place"] is None or "-" not in b["place"], b
        assert b["name"] != b["id"], b  # every body has a name, groups implied by rules too
    for d in data.documents(store):
        words = d["full_label"].split()
        assert not any(a == b for a, b in itertools.pairwise(words)), d["full_label"]
        assert "/NĐ-CP /NĐ-CP" not in d["full_label"] and not d["full_label"].startswith("/")
    client = make_app().test_client()
    html = client.get("/bodies/quang-ngai/so-noi-vu/thanh-tra-so",
                      headers={"Accept": "text/html"}).get_data(as_text=True)  # fmt: skip
    main = html.split("<main>", 1)[1]
    assert not re.search(r">[a-z0-9-]+/[a-z0-9-/]+<", main)  # no "tay-ninh/co-quan-..." as text


def test_every_text_in_the_graph_is_composed() -> None:
    res = sample_store().query("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }")
    texts = [str(r["o"]) for r in res.rows if isinstance(r["o"], str)]
    assert texts
    bad = [t[:60] for t in texts if not unicodedata.is_normalized("NFC", t)]
    assert bad == []
