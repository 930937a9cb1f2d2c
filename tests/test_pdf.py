"""PDF plans: text from pypdf, paragraphs cut by the margin joined again (the first-line
indent tells where a paragraph opens), page numbers dropped, a scan refused with a reason.

Two producers: a plan printed to PDF by Chromium from HTML (justified, indented paragraphs, a
two-column header and signature, a page number in each footer), and one laid out by ReportLab
as Word lays out administrative documents (Nghị định 30/2020: 1.27 cm first-line indents,
the page number at the top centre from page 2, header and signature as tables; made by
``fixtures/plans/make_binh_dinh_pdf.py``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ingest.extract import extract_file
from ingest.read import ReadError, decode_file, read_plan

PDF = Path(__file__).parent / "fixtures" / "plans" / "phu-yen-88-kh-ubnd-2024.pdf"
WORD_LIKE = PDF.with_name("binh-dinh-145-kh-ubnd-2025.pdf")


def test_paragraphs_come_back_whole_and_page_numbers_go() -> None:
    text, how = decode_file(PDF)[:2]
    lines = text.splitlines()
    assert how == "pdf"
    assert ("a) Thanh tra tỉnh chủ trì, phối hợp với Sở Nội vụ kiểm tra việc thực hiện công khai,"
            " minh bạch theo quy định tại Điều 10 Luật Phòng, chống tham nhũng tại các cơ quan,"
            " đơn vị trên địa bàn tỉnh. Thời gian thực hiện: quý III/2024.") in lines
    assert "Thực hiện công tác phòng, chống tham nhũng năm 2024" in lines  # title kept apart
    assert "KẾ HOẠCH" in lines and not any(line.strip().isdigit() for line in lines)


def test_a_pdf_plan_is_extracted_like_a_text_plan() -> None:
    record = extract_file(PDF)
    doc = record.document
    assert (doc.number, doc.date, doc.signer) == ("88/KH-UBND", "2024-04-12", "Trần Văn Bình")
    assert {c.number for c in record.bases} == {"36/2018/QH14", "59/2019/NĐ-CP"}
    tasks = {t.section: t for t in record.tasks}
    assert {(b.name, b.role) for b in tasks["II.1.a"].bodies} == {("Thanh tra tỉnh", "lead"),
                                                                   ("Sở Nội vụ", "support")}
    assert tasks["II.1.a"].timeframe.due == "2024-09-30"
    assert tasks["II.2"].timeframe.due == "2024-11-30"
    assert "130/2020/NĐ-CP" in {c.number for c in tasks["II.2"].citations}
    source, _ = decode_file(PDF)[:2]
    for task in record.tasks:
        assert source[task.span.start:task.span.end].endswith(task.text[-20:])


def test_a_scan_without_text_is_refused_with_a_reason(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    (tmp_path / "scan.pdf").write_bytes(buf.getvalue())
    with pytest.raises(ReadError, match=r"scan\.pdf: .*no text layer.*OCR"):
        read_plan(tmp_path / "scan.pdf")
    (tmp_path / "torn.pdf").write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(ReadError, match=r"torn\.pdf: "):
        read_plan(tmp_path / "torn.pdf")


def test_a_pdf_laid_out_like_word_reads_back_whole() -> None:
    text, _how = decode_file(WORD_LIKE)[:2]
    lines = text.splitlines()
    assert ("b) Thanh tra tỉnh chủ trì tổ chức kê khai, công khai bản kê khai tài sản, thu nhập năm"
            " 2025 theo quy định của Nghị định số 130/2020/NĐ-CP ngày 30 tháng 10 năm 2020 của"
            " Chính phủ về kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn trong cơ"
            " quan, tổ chức, đơn vị; thời gian hoàn thành trong quý IV/2025.") in lines
    assert "2" not in lines  # the page number at the top of page 2
    assert "2025" in lines  # the title's own last line, which a page number is not
    record = extract_file(WORD_LIKE)
    doc = record.document
    assert (doc.number, doc.date, doc.signer) == ("145/KH-UBND", "2025-03-12", "Nguyễn Văn Hòa")
    assert doc.title == "Thực hiện công tác phòng, chống tham nhũng, tiêu cực năm 2025"
    assert {c.number for c in record.bases} == {"36/2018/QH14", "59/2019/NĐ-CP"}
    tasks = {t.section: t for t in record.tasks}
    assert tasks["II.2.b"].timeframe.due == "2025-12-31"
    assert {(c.number, tuple(c.articles)) for c in tasks["II.2.c"].citations} == {
        ("36/2018/QH14", ("24", "25")), ("59/2019/NĐ-CP", ())}
    assert {(b.name, b.role) for b in tasks["II.3"].bodies} == {
        ("Viện kiểm sát nhân dân tỉnh", "requested"), ("Tòa án nhân dân tỉnh", "requested"),
        ("Công an tỉnh", "support")}
    assert len(record.recipients) == 4


@pytest.mark.parametrize("mark", ["- ", "– ", "• ", "•", "+ "])
def test_a_line_opening_with_a_bullet_opens_its_own_paragraph(mark: str) -> None:
    """Bullets without closing stops run to the right margin; the next line, at the left
    margin, opens with the mark the outline reads as a bullet ("–" is Word's autoformat of
    "- "; "•" may stand without a space): a new item, never the rest of the line above."""
    from ingest.pdf import _paragraphs

    lines = ["Các cơ quan, đơn vị tập trung thực hiện những nội dung sau đây trong năm 2026",
             f"{mark}Rà soát biên chế của các cơ quan hành chính, đơn vị sự nghiệp trong tỉnh",
             f"{mark}Kiểm tra việc tuyển dụng công chức, viên chức tại các xã, phường của tỉnh",
             "và báo cáo kết quả về Sở Nội vụ."]
    assert _paragraphs(lines, {}) == [
        lines[0], lines[1], f"{lines[2]} và báo cáo kết quả về Sở Nội vụ."]
