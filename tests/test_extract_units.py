"""Extraction of shapes the four samples do not contain, on a synthetic plan."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.extract import extract_text
from tests.legacy import cp1258_bytes
from tests.plan_text import PLAN


@pytest.fixture(scope="module")
def record():
    return extract_text(PLAN, source="binh-dinh.txt")


def _task(record, snippet):
    hits = [t for t in record.tasks if snippet in t.text]
    assert hits, f"no task contains {snippet!r}: {[t.text[:40] for t in record.tasks]}"
    return hits[0]


def _cite(citations, number=None, title=None):
    for c in citations:
        if (number and c.number == number) or (title and c.title == title):
            return c
    raise AssertionError(f"{number or title} not in {[c.number or c.title for c in citations]}")


def test_header_laid_out_as_table_with_blank_number_and_day(record):
    doc = record.document
    assert doc.number is None  # "Số: /KH-UBND" is a draft, not an error
    assert doc.date is None  # "ngày tháng 5 năm 2025"
    assert doc.place == "Bình Định"
    assert doc.type == "Kế hoạch"
    assert doc.issuer == "Ủy ban nhân dân tỉnh Bình Định"
    assert doc.title == "Thực hiện công tác phòng, chống tham nhũng năm 2025"
    assert doc.signer == "Nguyễn Văn An"


def test_bases_resolve_law_by_date_and_stray_space_and_old_directive(record):
    numbers = [c.number for c in record.bases]
    assert "36/2018/QH14" in numbers  # "Luật ... ngày 20 tháng 11 năm 2018"
    assert "59/2019/NĐ-CP" in numbers  # written "NĐ- CP"
    assert "10/CT-TTg" in numbers  # "Chỉ thị 10/TTg": the type code the number left out
    nd = _cite(record.bases, "59/2019/NĐ-CP")
    assert nd.date == "2019-07-01" and nd.issuer == "Chính phủ"
    assert nd.title.startswith("quy định chi tiết")


def test_pinpoint_lists_ranges_and_anaphora(record):
    task = _task(record, "Sở Tư pháp chủ trì")
    law = _cite(task.citations, "36/2018/QH14")
    assert law.articles == ["3"]
    assert {(p.article, p.clause) for p in law.pinpoints} == {("3", "1"), ("3", "2")}
    decree = _cite(task.citations, "59/2019/NĐ-CP")  # "Nghị định nêu trên"
    assert decree.articles == ["5", "6", "7"]


def test_roles_lead_support_with_department_list(record):
    task = _task(record, "Sở Tư pháp chủ trì")
    roles = {b.name: b.role for b in task.bodies}
    assert roles == {"Sở Tư pháp": "lead", "Sở Nội vụ": "support", "Sở Tài chính": "support",
                     "các cơ quan, đơn vị có liên quan": "support"}
    assert task.timeframe.due == "2025-09-30"


def test_assignment_line_roles_footnote_citations_and_unknown_law(record):
    task = _task(record, "Kiểm soát xung đột lợi ích")
    assert {b.name: b.role for b in task.bodies} == {"Thanh tra tỉnh": "lead",
                                                     "Sở Nội vụ": "support"}
    assert task.timeframe.due == "2025-09-30"
    law = _cite(task.citations, "36/2018/QH14")
    assert law.articles == ["55", "56"]
    unknown = _cite(task.citations, title="Luật Tín ngưỡng, tôn giáo năm 2016")
    assert unknown.number is None and not unknown.resolved
    party = _cite(task.citations, "05-KL/TW")  # from the footnote the task carries
    assert party.type == "Kết luận"
    _cite(task.citations, "03/2018/TTLT-VKSTC-BCA-BQP-TTCP")


def test_body_heading_gives_its_bullets_their_body(record):
    first = _task(record, "Theo dõi, đôn đốc việc thực hiện")
    assert [(b.name, b.role) for b in first.bodies] == [("Thanh tra tỉnh", "executor")]
    second = _task(record, "Phối hợp Sở Nội vụ kiểm tra")
    assert {b.name: b.role for b in second.bodies} == {"Thanh tra tỉnh": "support",
                                                       "Sở Nội vụ": "support"}
    assert second.section == "II.2"


def test_request_outranks_lead_and_periodic_timeframe(record):
    task = _task(record, "Đề nghị Viện kiểm sát nhân dân tỉnh")
    roles = {b.name: b.role for b in task.bodies}
    assert roles["Viện kiểm sát nhân dân tỉnh"] == "requested"
    assert roles["Tòa án nhân dân tỉnh"] == "requested"
    assert roles["Công an tỉnh"] == "support"
    assert task.timeframe.due is None and task.timeframe.recurrence == "half-yearly"


def test_heads_stand_for_bodies_and_report_receivers_are_not_assignees(record):
    task = _task(record, "chủ động triển khai")
    names = {b.name for b in task.bodies}
    assert names == {"các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"}
    assert task.timeframe.due == "2025-12-31"


def test_purpose_and_closing_are_not_tasks(record):
    assert not any("Nâng cao hiệu quả công tác" in t.text for t in record.tasks)
    assert not any(t.text.startswith("Trên đây") for t in record.tasks)
    assert len(record.tasks) == 6


def test_every_fact_points_at_its_source_text(record):
    for task in record.tasks:
        assert PLAN[task.span.start:task.span.end] == task.text
        for body in task.bodies:
            source = PLAN[body.span.start:body.span.end]
            assert source.split()[-1] in [*body.name.split(), "UBND"] or body.name in source


@pytest.mark.parametrize("variant", ["nfd", "old_tone", "cp1258"])
def test_variants_of_the_same_plan_extract_alike(tmp_path, record, variant):
    from ingest.extract import extract_file

    text = PLAN
    if variant == "nfd":
        data = unicodedata.normalize("NFD", text).encode("utf-8")
    elif variant == "old_tone":
        data = text.replace("Ủy", "Uỷ").replace("hóa", "hoá").encode("utf-8")
    else:
        data = cp1258_bytes(text)
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    other = extract_file(path)
    assert other.document.to_dict()["issuer"] == record.document.issuer
    written = [t.text for t in record.tasks]
    if variant == "old_tone":  # read alike, but quoted as the plan writes them
        written = [w.replace("Ủy", "Uỷ").replace("hóa", "hoá") for w in written]
    assert [t.text for t in other.tasks] == written
    assert [[(b.name, b.role) for b in t.bodies] for t in other.tasks] == \
        [[(b.name, b.role) for b in t.bodies] for t in record.tasks]


@pytest.fixture(scope="module")
def decimal_record():
    from tests.plan_text import PLAN_DECIMAL

    return extract_text(PLAN_DECIMAL, source="lao-cai.txt")


def test_header_without_type_line_takes_title_and_type_from_number(decimal_record):
    doc = decimal_record.document
    assert (doc.number, doc.type, doc.date) == ("45/KH-UBND", "Kế hoạch", "2021-02-10")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert doc.title == "CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG NĂM 2021"
    assert doc.signer == "Trần Văn Bình"


def test_preamble_as_one_paragraph(decimal_record):
    bases = {c.number or c.title: c for c in decimal_record.bases}
    # a law named without its year: the version in force in 2021, not the 2010 one
    assert "11/2022/QH15" not in bases and "56/2010/QH12" in bases
    assert bases["18/VBHN-VPQH"].type == "Văn bản hợp nhất"
    assert bases["18/VBHN-VPQH"].issuer == "Văn phòng Quốc hội"
    assert bases["Công ước của Liên hợp quốc về chống tham nhũng"].type == "Công ước"
    # the title stops where the issuing sentence begins
    assert bases["130/2020/NĐ-CP"].title.endswith("trong cơ quan, tổ chức, đơn vị")


def test_top_level_numbers_decimal_items_and_letters_with_dots(decimal_record):
    tasks = {t.section: t for t in decimal_record.tasks}
    assert list(tasks) == ["2.1.a", "2.1.b", "2.2", "3.1"]  # "1. Mục đích, yêu cầu": none
    a = tasks["2.1.a"]
    assert [(b.name, b.role) for b in a.bodies] == [("Sở Tư pháp", "lead"),
                                                    ("Sở Nội vụ", "support")]
    assert a.timeframe.due == "2021-06-30"
    assert [c.number for c in a.citations] == ["25/2018/QH14"]
    assert tasks["2.2"].text.startswith("Giao Thanh tra tỉnh")  # "-Giao": a bullet
    assert tasks["2.2"].timeframe.due == "2021-12-31"
    assert [(b.name, b.role) for b in tasks["3.1"].bodies] == [
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested")]


def test_roman_numerals_both_ways():
    from ingest.text import from_roman, to_roman

    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90)] == ["I", "IV", "IX", "XIV", "XL", "XC"]
    assert all(from_roman(to_roman(n)) == n for n in range(1, 200))
