"""A plan's identity comes from what it is (issuer, number, year; a digest without a number),
never from its file name: the keys, and the graphs and nodes minted from them."""

from __future__ import annotations

import copy

from rdflib import RDF

from ontology import identity
from ontology.iris import CC
from ontology.mapping import plan_to_graph


def plan(source: str, issuer: str, number: str | None, date: str | None, task: str) -> dict:
    """An invented plan record with one task given to the province's Sở Nội vụ."""
    return {
        "source": source,
        "path": f"/nowhere/{source}",
        "sha256": None,
        "document": {"type": "Kế hoạch", "number": number, "issuer": issuer, "date": date},
        "tasks": [{"id": "1", "section": "1", "text": task,
                   "span": {"start": 0, "end": len(task), "line": 1},
                   "bodies": [{"name": "Sở Nội vụ", "role": "lead"}]}],
    }  # fmt: skip


def test_two_provinces_same_number_and_year_are_two_plans() -> None:
    a = plan("kh.txt", "Ủy ban nhân dân tỉnh Tây Ninh", "577/KH-UBND", "2024-03-01", "Rà soát.")
    b = plan("kh.txt", "Ủy ban nhân dân tỉnh Bình Định", "577/KH-UBND", "2024-05-02", "Rà soát.")
    ka, kb = identity.record_key(a), identity.record_key(b)
    assert ka == "tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024"
    assert kb == "binh-dinh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024"
    (ga, a_triples), (gb, b_triples) = plan_to_graph(a), plan_to_graph(b)
    assert ga != gb
    tasks_a = set(a_triples.subjects(RDF.type, CC.Task))
    tasks_b = set(b_triples.subjects(RDF.type, CC.Task))
    assert tasks_a and tasks_b and not tasks_a & tasks_b


def test_the_same_number_in_another_year_is_another_plan() -> None:
    issuer = "Ủy ban nhân dân tỉnh Tây Ninh"
    a = plan("a.txt", issuer, "12/KH-UBND", "2024-01-05", "x")
    b = plan("b.txt", issuer, "12/KH-UBND", "2025-01-05", "x")
    assert identity.record_key(a) != identity.record_key(b)


def test_two_plans_with_one_file_name_are_two() -> None:
    issuer = "Sở Nội vụ tỉnh Quảng Ngãi"
    a = plan("plan.txt", issuer, None, None, "Tổ chức tập huấn.")
    b = plan("plan.txt", issuer, None, None, "Kiểm tra việc kê khai tài sản.")
    assert identity.record_key(a) != identity.record_key(b)
    assert plan_to_graph(a)[0] != plan_to_graph(b)[0]
    numbered = [plan("plan.txt", issuer, n, "2024-02-01", "x") for n in ("1/KH-SNV", "2/KH-SNV")]
    assert len({plan_to_graph(r)[0] for r in numbered}) == 2


def test_one_plan_from_two_folders_is_one_plan() -> None:
    a = plan("plan.txt", "Sở Nội vụ tỉnh Quảng Ngãi", None, None, "Tổ chức tập huấn.")
    b = copy.deepcopy(a)
    b["path"] = "/elsewhere/copy-of-plan.txt"
    b["source"] = "copy-of-plan.txt"
    assert identity.record_key(a) == identity.record_key(b)
    a["sha256"] = b["sha256"] = "ab" * 32  # as extracted from files: the bytes' digest
    assert identity.record_key(a) == identity.record_key(b) == "quang-ngai/so-noi-vu/" + "ab" * 6


def test_a_new_version_of_a_numbered_plan_keeps_its_identity() -> None:
    old = plan("v1.txt", "Ủy ban nhân dân thành phố Huế", "232/KH-UBND", "2026-04-23", "Cũ.")
    new = plan("v2.docx", "Ủy ban nhân dân thành phố Huế", "232/KH-UBND", "2026-04-23", "Mới.")
    old["sha256"], new["sha256"] = "1" * 64, "2" * 64
    assert identity.record_key(old) == identity.record_key(new)
    assert plan_to_graph(old)[0] == plan_to_graph(new)[0]


def test_the_key_is_the_plan_node_and_graph_and_never_the_file_name() -> None:
    rec = plan("ke-hoach-so-7.txt", "Ủy ban nhân dân tỉnh", None, None, "Tuyên truyền.")
    graph_iri, g = plan_to_graph(rec)
    key = identity.record_key(rec)
    assert graph_iri == identity.plan_graph(key) and identity.key_of(graph_iri) == key
    assert (None, RDF.type, CC.Plan) in g
    node = next(g.subjects(RDF.type, CC.Plan))
    assert str(node) == identity.plan_iri(key) and identity.key_of(str(node)) == key
    assert "ke-hoach-so-7" not in key and "ke-hoach-so-7" not in graph_iri
    minted = {str(x) for t in g for x in t if str(x).startswith("https://cancu.dev/id/")}
    assert not any("ke-hoach-so-7" in x for x in minted)
