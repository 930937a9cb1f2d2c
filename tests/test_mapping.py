"""Mapping plan records and laws to RDF: stable IRIs, jurisdiction-scoped bodies, groups,
provenance, the plain gold form, validation messages and real extraction."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ontology import identity
from ontology.iris import CC, ELI, ID, ORG, PROV, SHARED_GRAPH, doc_iri, provision_iri
from ontology.laws import law_to_graph, references
from ontology.mapping import map_plan, plan_to_graph
from ontology.triples import to_graph
from ontology.validate import validate
from tests.fixtures.graph.build import LAWS, PLANS, plan_graphs, records, source_text
from tests.legacy import cp1258_bytes

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
LAW36 = URIRef(ID + "doc/luat/36-2018-qh14")


def test_document_and_provision_iris():
    assert doc_iri("59/2019/NĐ-CP", "Nghị định") == URIRef(ID + "doc/nd/59-2019-nd-cp")
    assert doc_iri("36/2018/QH14", "Luật") == LAW36
    assert doc_iri("10/CT-TTg", "Chỉ thị", date="2019-04-22") == URIRef(
        ID + "doc/ct/10-ct-ttg-2019")
    assert provision_iri(LAW36, article="10") == URIRef(f"{LAW36}/dieu-10")
    assert provision_iri(LAW36, chapter="VII") == URIRef(f"{LAW36}/chuong-vii")
    assert provision_iri(LAW36, article="3", clause="1", point="a") == URIRef(
        f"{LAW36}/dieu-3/khoan-1/diem-a")
    assert provision_iri(LAW36, article="2", clause="1", point="đ").endswith("diem-dd")
    unresolved = doc_iri(None, "Luật", title="Luật sửa đổi bổ sung Luật Phòng, chống tham nhũng")
    assert unresolved == URIRef(ID + "doc/luat/luat-sua-doi-bo-sung-luat-phong-chong-tham-nhung")


def test_reingesting_gives_identical_triples():
    record = records()[0]
    _, a = plan_to_graph(record, source_text(record["source"]))
    _, b = plan_to_graph(copy.deepcopy(record), source_text(record["source"]))
    assert set(a) == set(b) and isomorphic(a, b)
    assert not any(isinstance(x, type(None)) for t in a for x in t)


def test_named_graph_per_plan_and_one_shared_graph():
    iris = [iri for iri, _ in plan_graphs()]
    hue = "https://cancu.dev/graph/plan/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
    assert hue in iris and len(set(iris)) == 5
    assert iris[-1] == str(SHARED_GRAPH)


def test_facts_about_shared_things_are_not_in_plan_graphs():
    """A plan graph links to bodies, documents and articles; what they are (type, label,
    jurisdiction, group, place in a document) is said once, in the shared graph."""
    mapped = map_plan(records()[0], source_text(records()[0]["source"]))
    plan, shared = to_graph(mapped.plan), to_graph(mapped.shared)
    shared_nodes = set(shared.subjects())
    assert shared_nodes and not shared_nodes & set(plan.subjects())
    kinds = {o for o in shared.objects(None, RDF.type)}
    assert {ORG.Organization, ELI.LegalResource} <= kinds
    own = ID + "task/", ID + "citation/", ID + "assignment/", ID + "span/"
    assert not any(str(s).startswith(own) for s in shared_nodes)


def test_one_citation_node_per_mention():
    """The preamble's "Căn cứ Luật Phòng, chống tham nhũng năm 2018" cites no article; "Điều 10,
    Luật PCTN năm 2018" in task II.2.a cites Điều 10: two mentions, two nodes."""
    record = next(r for r in records() if r["source"].startswith("tinh"))
    text = source_text(record["source"])
    g = to_graph(map_plan(record, text).plan)
    art10 = URIRef(f"{LAW36}/dieu-10")
    citing_10 = [c for c in g.subjects(CC.citedProvision, art10)]
    assert len(citing_10) == 1
    (c,) = citing_10
    assert str(g.value(g.value(c, CC.citingTask), CC.section)) == "II.2.a"
    span = g.value(c, CC.hasSpan)
    start = int(g.value(span, CC.startOffset))
    assert text[start - 9:start] == "Điều 10, "
    preamble = [c for c in g.subjects(CC.citedDocument, LAW36)
                if g.value(c, CC.relation) == Literal("based_on")]
    assert len(preamble) == 1 and g.value(preamble[0], CC.citedProvision) is None
    assert g.value(preamble[0], CC.citingTask) is None


def test_bodies_scoped_to_jurisdiction_and_issuer():
    g = Graph()
    for _, pg in plan_graphs():
        g += pg
    body = ID + "body/"
    assert (URIRef(body + "tay-ninh/thanh-tra-tinh"), RDF.type, ORG.Organization) in g
    assert (URIRef(body + "quang-ngai/so-noi-vu/thanh-tra-so"), ORG.subOrganizationOf,
            URIRef(body + "quang-ngai/so-noi-vu")) in g
    assert (URIRef(body + "hue/cac-so-ban-nganh"), ORG.hasMember,
            URIRef(body + "hue/so-noi-vu")) in g
    assert (URIRef(body + "hue/cac-so-ban-nganh"), RDF.type, CC.CollectiveBody) in g
    # a group and a Sở of another province never mix
    assert (URIRef(body + "hue/cac-so-ban-nganh"), ORG.hasMember,
            URIRef(body + "tay-ninh/so-noi-vu")) not in g


def test_task_provenance_is_the_source_text():
    record = next(r for r in records() if r["source"].startswith("hue"))
    _, g = plan_to_graph(record, source_text(record["source"]))
    task = URIRef(ID + "task/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026/ii-2-a")
    span = g.value(task, CC.hasSpan)
    start, end = int(g.value(span, CC.startOffset)), int(g.value(span, CC.endOffset))
    assert str(g.value(span, CC.quote)) == source_text(record["source"])[start:end]
    assert str(g.value(g.value(span, PROV.wasDerivedFrom), CC.sourceFile)) == \
        "hue-232-kh-ubnd-2026.txt"
    assert g.value(span, CC.sourceFile) is None  # said once, by its source
    assert g.value(span, CC.line) is not None


def test_plain_gold_records_are_accepted():
    gold = json.loads((GOLD / "tay-ninh-577-kh-ubnd-2024.json").read_text(encoding="utf-8"))
    iri, g = plan_to_graph(gold)
    assert iri.endswith("/plan/tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024")
    texts = {str(o) for o in g.objects(None, CC.text)}
    assert any(t.startswith("Đề nghị Tỉnh Đoàn") for t in texts)


def test_law_article_nodes_match_plan_citations():
    iri, g = law_to_graph(LAWS / "luat_36_2018_QH14_phong_chong_tham_nhung.txt")
    assert iri == "https://cancu.dev/graph/law/luat/36-2018-qh14"
    art = URIRef(f"{LAW36}/dieu-10")
    assert g.value(art, ELI.title) == Literal("Nội dung công khai, minh bạch")
    assert (art, ELI.is_part_of, URIRef(f"{LAW36}/chuong-ii/muc-1")) in g
    assert (URIRef(f"{LAW36}/chuong-ii/muc-1"), ELI.is_part_of, URIRef(f"{LAW36}/chuong-ii")) in g
    assert (URIRef(f"{art}/khoan-1"), RDF.type, CC.Clause) in g
    assert (URIRef(f"{LAW36}/dieu-2/khoan-1/diem-a"), RDF.type, CC.Point) in g
    assert "Luật này" in str(g.value(URIRef(f"{LAW36}/dieu-1"), CC.fullText))
    plan_cites = {o for _, pg in plan_graphs() for o in pg.objects(None, ELI.cites)}
    assert art in plan_cites


def test_references_between_articles():
    own = URIRef(ID + "doc/nd/59-2019-nd-cp")
    assert references("theo quy định tại Điều 9 của Luật này", LAW36) == [
        URIRef(f"{LAW36}/dieu-9")]
    assert references("khoản 2 Điều 5 Nghị định này", own) == [URIRef(f"{own}/dieu-5/khoan-2")]
    assert references("Điều 15 của Luật Phòng, chống tham nhũng", own) == [
        URIRef(f"{LAW36}/dieu-15")]
    _, nd59 = law_to_graph(LAWS / "nd_59_2019_ND-CP.txt")
    assert (URIRef(f"{own}/dieu-1"), ELI.cites, URIRef(f"{LAW36}/dieu-15/khoan-1")) in nd59


def test_law_named_by_title_is_the_version_in_force():
    own = URIRef(ID + "doc/nd/59-2019-nd-cp")
    ref = "Điều 5 của Luật Thanh tra"
    assert references(ref, own, 2019) == [URIRef(ID + "doc/luat/56-2010-qh12/dieu-5")]
    assert references(ref, own, 2023) == [URIRef(ID + "doc/luat/11-2022-qh15/dieu-5")]
    assert references("Điều 4 của Luật Đất đai", own, 2005) == []  # only later ones known


def test_validation_message_for_a_task_without_span():
    record = copy.deepcopy(next(r for r in records() if r["source"].startswith("hue")))
    task = next(t for t in record["tasks"] if t["section"] == "II.2.a")
    del task["span"]
    task["timeframe"]["due"] = "2026-13-45"
    _, g = plan_to_graph(record, source_text(record["source"]))
    report = validate(g)
    assert not report.conforms
    messages = [v.message for v in report.violations]
    assert "Task II.2.a of hue-232-kh-ubnd-2026.txt has no source span" in messages
    assert any("không có đoạn văn bản gốc" in v.message_vi for v in report.violations)


def test_sample_plans_conform():
    for record in records():
        _, g = plan_to_graph(record, source_text(record["source"]))
        report = validate(g)
        assert report.conforms, str(report)


def _extract():
    try:
        from ingest.extract import extract_file
    except ImportError:  # pragma: no cover - extractor not there yet
        pytest.skip("ingest.extract not available")
    return extract_file


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.txt")), ids=lambda p: p.stem)
def test_real_extraction_maps_with_exact_spans(plan):
    record = _extract()(plan).to_dict()
    text = source_text(plan.name)
    _, g = plan_to_graph(record, text)
    tasks = list(g.subjects(RDF.type, CC.Task))
    assert tasks
    for task in tasks:
        span = g.value(task, CC.hasSpan)
        assert span is not None
        start, end = int(g.value(span, CC.startOffset)), int(g.value(span, CC.endOffset))
        assert str(g.value(span, CC.quote)) == text[start:end]


def test_a_plan_without_province_scopes_every_body_to_itself():
    from ingest.extract import extract_text

    plan = ("KẾ HOẠCH\nX\n\nI. NHIỆM VỤ\n"
            "1. Thanh tra tỉnh kiểm tra; các sở, ban, ngành tỉnh phối hợp.\n")
    record = extract_text(plan, source="ke-hoach-a.txt").to_dict()
    _, g = plan_to_graph(record)
    bodies = {str(s) for s in g.subjects(RDF.type, ORG.Organization)}
    scope = identity.scope(identity.record_key(record))  # the plan's key, not its file name
    assert "ke-hoach-a" not in scope
    assert bodies and all(f"/id/body/{scope}/" in b for b in bodies), bodies


def test_a_department_belongs_to_the_specialised_agencies_of_its_province():
    from ontology import bodies

    doc = {"province": "Lâm Đồng", "issuer": "Ủy ban nhân dân tỉnh Lâm Đồng"}
    group = bodies.resolve("các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", doc, "a.txt")
    assert group.collective and str(group.iri).endswith("/lam-dong/co-quan-chuyen-mon")
    dept = bodies.resolve("Sở Nội vụ", doc, "a.txt")
    assert group.iri in bodies.memberships(dept, doc, "a.txt")


def test_document_labels_name_the_type_once():
    from rdflib import RDFS

    from ingest.extract import extract_text

    plan = ("KẾ HOẠCH\nX\n\nI. NHIỆM VỤ\n1. Thanh tra tỉnh phổ biến Nghị định số 59/2019/NĐ-CP"
            " và Luật sửa đổi bổ sung Luật Phòng chống tham nhũng.\n")
    record = extract_text(plan, source="ke-hoach-b.txt").to_dict()
    _, g = plan_to_graph(record)
    labels = {str(o) for s in g.subjects(RDF.type, ELI.LegalResource)
              for o in g.objects(s, RDFS.label)}
    assert "Nghị định 59/2019/NĐ-CP" in labels
    assert "Luật sửa đổi bổ sung Luật Phòng chống tham nhũng" in labels
    assert not any(label.startswith("Luật Luật") for label in labels), labels


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test_span_quotes_are_the_file_words_whatever_its_encoding(tmp_path, encoding):
    from ingest.extract import extract_file

    plan = ("KẾ HOẠCH\nPhòng, chống tham nhũng\n\nI. NHIỆM VỤ\n"
            "1. Thanh tra tỉnh chủ trì kiểm tra việc thực hiện Luật Phòng, chống tham nhũng.\n")
    path = tmp_path / "ke-hoach-c.txt"

    path.write_bytes(cp1258_bytes(plan) if encoding == "cp1258" else plan.encode(encoding))
    record = extract_file(path).to_dict()
    _, g = plan_to_graph(record)  # reads the file itself, as ingest does
    quotes = {unicodedata.normalize("NFC", str(q)) for q in g.objects(None, CC.quote)}
    assert "Thanh tra tỉnh chủ trì kiểm tra việc thực hiện Luật Phòng, chống tham nhũng." in {
        q.removeprefix("1. ") for q in quotes}, quotes
