"""The four bundled plans: every task found keeps its provenance and its facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from cancu.paths import PLANS
from ingest.extract import extract_file, find_plan_files
from ingest.read import read_plan

SAMPLES = sorted(PLANS.glob("*.txt"))


@pytest.fixture(scope="module")
def records():
    return {p.name: extract_file(p) for p in SAMPLES}


def test_four_samples_are_shipped_and_found():
    assert len(SAMPLES) == 4
    assert find_plan_files([PLANS]) == SAMPLES


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_task_spans_point_at_the_source(records, path: Path):
    record = records[path.name]
    raw = read_plan(path).raw
    assert record.tasks
    for task in record.tasks:
        source = raw[task.span.start:task.span.end]
        words = [w for w in task.text.split() if w.isalpha()][:5]
        assert all(w in source for w in words), (task.id, source[:80])
        assert raw.count("\n", 0, task.span.start) + 1 == task.span.line
        for cite in task.citations:
            assert cite.spans, cite
        ids = [t.id for t in record.tasks]
        assert len(ids) == len(set(ids))


def test_hue_header_and_roles(records):
    r = records["hue-232-kh-ubnd-2026.txt"]
    assert (r.document.number, r.document.date, r.document.signer) == (
        "232/KH-UBND", "2026-04-23", "Nguyễn Khắc Toàn")
    assert r.document.issuer == "Ủy ban nhân dân thành phố Huế"
    lead = next(t for t in r.tasks if t.text.startswith("Sở Tư pháp chủ trì, phối hợp"))
    roles = {b.name: b.role for b in lead.bodies}
    assert roles["Sở Tư pháp"] == "lead"
    assert roles["Sở Giáo dục và Đào tạo"] == "support"
    assert lead.section == "II.1.b"


def test_quang_ngai_blank_number_due_dates_and_pinpoints(records):
    r = records["quang-ngai-snv-pctn-2023.txt"]
    assert r.document.number is None and r.document.date is None
    assert r.document.issuer == "Sở Nội vụ tỉnh Quảng Ngãi"
    inspection = next(t for t in r.tasks if "01 cuộc kiểm tra" in t.text)
    assert inspection.timeframe.due == "2023-12-31"
    assert {b.name: b.role for b in inspection.bodies} == {"Thanh tra Sở": "lead",
                                                          "Văn phòng Sở": "support"}
    law = next(c for c in r.citations if c.number == "36/2018/QH14")
    assert "10" in law.articles


def test_footnote_citations_belong_to_the_task_with_the_marker(records):
    r = records["tinh-cai-thien-chi-so-pctn-2026.txt"]
    task = next(t for t in r.tasks if t.section == "II.3")
    decree = next(c for c in task.citations if c.number == "59/2019/NĐ-CP")
    assert decree.chapters == ["VII"]
    law = next(c for c in task.citations if c.number == "36/2018/QH14")
    assert {"80", "81"} <= set(law.articles)


def test_defined_term_stands_for_its_list(records):
    r = records["tinh-cai-thien-chi-so-pctn-2026.txt"]
    task = next(t for t in r.tasks if t.section == "III.1")
    names = {b.name for b in task.bodies}
    assert "Ủy ban nhân dân các xã, phường" in names
    assert "doanh nghiệp nhà nước thuộc Ủy ban nhân dân tỉnh" in names


def test_requested_bodies_in_tay_ninh(records):
    r = records["tay-ninh-577-kh-ubnd-2024.txt"]
    requested = {b.name for t in r.tasks for b in t.bodies if b.role == "requested"}
    assert requested == {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh Đoàn"}
    keys = {b.key for t in r.tasks for b in t.bodies if b.name == "Thanh tra tỉnh"}
    assert keys == {"tay-ninh/thanh-tra-tinh"}
