"""The probe: real Word and PDF files of a provincial department, and one very long plan, read
from ../shared/probe (never copied into the project; skipped when it is absent). One test per
file, asserting what a reader of the file sees in it: its number (none where the draft leaves
it blank), date, title, issuer, signer, the first task's words, or the refusal where OCR is
needed and not installed. Checked by eye against the files (their pages rendered)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import ocr
from ingest.extract import extract_file
from ingest.read import ReadError

PROBE = Path(__file__).resolve().parents[2] / "shared" / "probe"
pytestmark = pytest.mark.skipif(not PROBE.is_dir(), reason="../shared/probe is not here")
needs_ocr = pytest.mark.skipif(ocr.unavailable() is not None,
                               reason=f"OCR not available: {ocr.unavailable()}")


def _read(name: str):
    return extract_file(PROBE / name)


def _first_task(record) -> str:
    return record.tasks[0].text


# --------------------------------------------------------------------------- Word files


@pytest.mark.parametrize(("name", "title", "signer", "task"), [
    ("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx",
     "Kiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp, tiền "
     "chất thuốc nổ trên địa bàn tỉnh Lào Cai", "Hoàng Văn Thuân",
     # "III.1. Giao phòng Quản lý Công nghiệp ... các công việc liên quan:" leads in to the
     # siblings after it, its work, and is no task of its own
     "Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng"),
    ("KH-3898_30.6.2026_Huan-luyen-nguoi-quan-ly.docx",
     "Huấn luyện, kiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn cho Người quản lý "
     "vật liệu nổ công nghiệp, tiền chất thuốc nổ trên địa bàn tỉnh Lào Cai", "Hoàng Văn Thuân",
     "Giao phòng Quản lý công nghiệp tổ chức huấn luyện"),
    ("ke-hoach-thuc-hien-de-an-08.docx",
     "Thực hiện Đề án số 08 về phát triển công nghiệp tỉnh Lào Cai theo hướng xanh, hiện đại "
     "giai đoạn 2026-2030", "Trịnh Văn Thành",
     "Tham mưu UBND tỉnh xây dựng chính sách thu hút các dự án công nghệ cao"),
], ids=["KH-2242", "KH-3898", "de-an-08"])
def test_a_department_draft_in_word(name: str, title: str, signer: str, task: str) -> None:
    record = _read(name)
    doc = record.document
    # drafts: "Số:      /KH-SCT", "ngày      tháng 4 năm 2026": no number, no date yet
    assert (doc.number, doc.date, doc.type) == (None, None, "Kế hoạch")
    assert doc.issuer == "Sở Công Thương tỉnh Lào Cai"
    assert (doc.title, doc.signer) == (title, signer)
    assert any(t.text.startswith(task) for t in record.tasks)  # the task it assigns
    assert record.text_source == "text"


def test_the_province_draft_in_word() -> None:
    record = _read("KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx")
    doc = record.document
    assert (doc.number, doc.date, doc.type) == (None, None, "Kế hoạch")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert doc.title.startswith("Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của "
                                "Ban Thường vụ Tỉnh ủy")
    assert doc.signer == "Nguyễn Thành Sinh"
    assert _first_task(record).startswith("Tổ chức quán triệt sâu rộng Chỉ thị 11")
    assert "11-CT/TU" in {c.number for c in record.bases}


# --------------------------------------------------------------------------- the long plan


def test_the_long_plan() -> None:
    record = _read("dongnai-kh179-kinhteso-2026-2030.txt")
    doc = record.document
    assert (doc.number, doc.date, doc.signer) == ("179/KH-UBND", "2025-11-18", "Võ Tấn Đức")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert _first_task(record).startswith("Triển khai, áp dụng chính sách, pháp luật của Trung "
                                          "ương tạo cơ sở pháp lý")
    assert len(record.tasks) > 100
    annex = [t for t in record.tasks if t.section.startswith("PL.")]
    assert annex and annex[0].text.startswith("Rà soát, xây dựng, sửa đổi, bổ sung các quy định")
    assert ("Sở Tư pháp", "executor") in {(b.name, b.role) for b in annex[0].bodies}
    # the annex is in lettered parts whose groups restart (A.I, B.I, C.I): no two rows of it
    # share a section
    sections = [t.section for t in annex]
    assert len(set(sections)) == len(sections)
    assert {s.split(".")[1] for s in sections} == {"A", "B", "C"}


# --------------------------------------------------------------------------- PDFs


def test_the_signed_letter_reads_from_its_text_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A công văn: its subject line is its title; its number and day are only stamps of the
    signing system, read by OCR where it is installed, else left blank."""
    monkeypatch.setenv("CANCU_OCR", "off")
    record = _read("CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf")
    doc = record.document
    assert (doc.number, doc.date, doc.signer) == (None, None, "Phan Trung Bá")
    assert doc.type == "Công văn"  # no type line: its subject ("V/v ...") under its number
    assert doc.title.startswith("Triển khai thực hiện Quyết định số 1074/QĐ-BXD ngày 29/6/2026 "
                                "của Bộ Xây dựng")
    assert _first_task(record).startswith("Theo chức năng, nhiệm vụ, phạm vi quản lý tổ chức "
                                          "tuyên truyền")
    assert record.text_source == "text"


@needs_ocr
def test_the_signed_letter_with_its_stamps_read() -> None:
    record = _read("CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf")
    doc = record.document
    assert (doc.number, doc.date) == ("7432/UBND-XD", "2026-07-21")
    assert record.text_source == "ocr"
    assert record.warnings == ["figures stamped by the signing system read by OCR: 7432, 21"]


@pytest.mark.parametrize(("name", "pages"), [("KH-1105-DKT-ke-hoach-kiem-tra.pdf", "1-6 of 6"),
                                             ("QD-1050-kiem-tra-VLNCN-2026.pdf", "1-4 of 4")])
def test_a_broken_text_layer_without_ocr_is_refused(name: str, pages: str,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract here
    with pytest.raises(ReadError, match=rf"{name}: pages {pages} have a text layer that is not "
                                        r"Vietnamese text \(fonts without a Unicode map\?.*"
                                        r"tesseract-ocr-vie"):
        _read(name)


@needs_ocr
def test_the_inspection_plan_read_by_ocr() -> None:
    record = _read("KH-1105-DKT-ke-hoach-kiem-tra.pdf")
    doc = record.document
    assert (doc.number, doc.date, doc.type) == ("1105/KH-ĐKT", "2026-03-10", "Kế hoạch")
    # the inspection team of the Sở, set up by its decision: the decision says whose it is
    assert doc.issuer.endswith("theo Quyết định số 1050/QĐ-SCT") and doc.place == "Lào Cai"
    # the signer under "T/M. ĐOÀN KIỂM TRA / TRƯỞNG ĐOÀN", the seal and signature over it
    assert doc.signer == "Hoàng Văn Thuân"
    assert "vật liệu" in doc.title and "Lào Cai" in doc.title  # OCR may miss a mark
    assert record.text_source == "ocr" and record.warnings[0].startswith("pages 1-6 were read")
    assert "1050/QĐ-SCT" in {c.number for c in record.bases}


@needs_ocr
@pytest.mark.parametrize(("name", "count"), [("KH-1105-DKT-ke-hoach-kiem-tra.pdf", 5),
                                             ("QD-1050-kiem-tra-VLNCN-2026.pdf", 4)])
def test_recipients_read_beside_the_signature_by_ocr(name: str, count: int) -> None:
    """The closing block read row by row: the signer's titles and the seal's specks between
    "Nơi nhận:" and its list leave the list whole."""
    recipients = _read(name).recipients
    assert len(recipients) == count and all(r.startswith("- ") for r in recipients)


@needs_ocr
def test_a_lead_in_item_gives_its_body_the_siblings_after_it() -> None:
    record = _read("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx")
    after = [t for t in record.tasks if t.section in ("III.2", "III.3")]
    assert [[(b.name, b.role) for b in t.bodies] for t in after] == [
        [("phòng Quản lý Công nghiệp", "executor")]] * 2


def test_the_inspection_decision_read_by_ocr() -> None:
    record = _read("QD-1050-kiem-tra-VLNCN-2026.pdf")
    doc = record.document
    # the day "06" is a stamp in italics: the engine reads it again, as figures alone
    assert (doc.number, doc.date, doc.type) == ("1050/QĐ-SCT", "2026-03-06", "Quyết định")
    assert doc.issuer == "Sở Công Thương tỉnh Lào Cai"
    assert doc.signer == "Hoàng Chí Hiền"  # under "GIÁM ĐỐC", the seal over his name's top
    assert doc.title.startswith("Kiểm tra việc chấp hành pháp luật trong sử dụng và bảo quản")
    # the team's members (Điều 1, "Ông: Hoàng Văn Thuân - Phó Giám đốc Sở, Trưởng đoàn;") are
    # no tasks; the team's duties (Điều 3) are, read whole by OCR, no article heading in them
    texts = [t.text for t in record.tasks]
    assert not any(t.startswith("Ông") for t in texts)
    duty = "Xây dựng và trình Giám đốc Sở phê duyệt Kế hoạch kiểm tra"
    assert any(t.startswith(duty) for t in texts)
    assert not any("Điều 4." in t for t in texts)
    # "Đoàn kiểm tra thực hiện nhiệm vụ ..., trong đó tập trung:" over its clauses 1-8
    duties = [t for t in record.tasks if t.section.startswith("Điều 3.")]
    assert len(duties) == 8
    assert all([b.name for b in t.bodies] == ["Đoàn kiểm tra"] for t in duties)
    assert {"42/2024/QH15", "217/2025/NĐ-CP"} <= {c.number for c in record.bases}
