"""Word plans: the list numbers Word keeps apart from the text, footnotes, the header grid
and task tables come through, and every span points into the text the pages show."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ingest.extract import extract_file, find_plan_files
from ingest.read import ReadError, decode_file, read_plan
from tests.docx_build import cell, numbered, para, table, write_docx

HEADER = table([[["ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH", "Số: 45/KH-UBND"],
                 ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Bình Định, ngày 10 tháng 3 năm 2025"]]])
SIGNATURE = table([[["Nơi nhận:", "- Thanh tra Chính phủ;", "- Lưu: VT."],
                    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"]]])


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    blocks = [
        HEADER,
        para("KẾ HOẠCH"),
        para("Thực hiện công tác phòng, chống tham nhũng năm 2025"),
        para("Căn cứ Luật Phòng, chống tham nhũng năm 2018;{fn:1} Ủy ban nhân dân tỉnh ban hành "
             "Kế hoạch như sau:"),
        para("MỤC ĐÍCH, YÊU CẦU", 0),
        para("Nâng cao hiệu quả công tác phòng, chống tham nhũng."),
        para("NHIỆM VỤ, GIẢI PHÁP", 0),
        para("Công khai, minh bạch", 1),
        para("Thanh tra tỉnh chủ trì, phối hợp với Sở Nội vụ kiểm tra việc công khai theo Điều 10 "
             "Luật Phòng, chống tham nhũng; thời gian: quý II/2025.", 2),
        para("Sở Tư pháp chủ trì tuyên truyền, phổ biến Nghị định số 59/2019/NĐ-CP; thời gian: "
             "thường xuyên.", 2),
        para("Kiểm soát tài sản, thu nhập", 1),
        table([[["TT"], ["Nội dung"], ["Cơ quan chủ trì"], ["Cơ quan phối hợp"], ["Thời gian"]],
               [["1"], ["Xác minh tài sản, thu nhập theo Nghị định 130/2020/NĐ-CP"],
                ["Thanh tra tỉnh"], ["Sở Tài chính"], ["Tháng 6/2025"]]]),
        SIGNATURE,
    ]
    return write_docx(tmp_path / "binh-dinh-45.docx", blocks,
                      {"1": "Nghị định số 59/2019/NĐ-CP ngày 01/7/2019 của Chính phủ."})


def test_word_numbering_and_layout_become_plan_text(plan: Path) -> None:
    text, how = decode_file(plan)[:2]
    assert how == "docx"
    for line in ("II. NHIỆM VỤ, GIẢI PHÁP", "1. Công khai, minh bạch", "a) Thanh tra tỉnh chủ trì",
                 "b) Sở Tư pháp", "2. Kiểm soát tài sản", "| TT | Nội dung | Cơ quan chủ trì |",
                 "[1] Nghị định số 59/2019/NĐ-CP"):
        assert f"\n{line}" in text, line


def test_a_word_plan_is_extracted_like_a_text_plan(plan: Path) -> None:
    record = extract_file(plan)
    doc = record.document
    assert (doc.number, doc.date, doc.signer) == ("45/KH-UBND", "2025-03-10", "Nguyễn Văn An")
    assert doc.issuer and "Bình Định" in doc.issuer
    tasks = {t.section: t for t in record.tasks}
    assert {"II.1.a", "II.1.b"} <= set(tasks)
    roles = {(b.name, b.role) for b in tasks["II.1.a"].bodies}
    assert roles == {("Thanh tra tỉnh", "lead"), ("Sở Nội vụ", "support")}
    assert tasks["II.1.a"].timeframe.due == "2025-06-30"
    table_task = next(t for t in record.tasks if "Xác minh tài sản" in t.text)
    assert {(b.name, b.role) for b in table_task.bodies} == {("Thanh tra tỉnh", "lead"),
                                                               ("Sở Tài chính", "support")}
    assert "130/2020/NĐ-CP" in {c.number for c in table_task.citations}
    assert {c.number for c in record.bases} >= {"36/2018/QH14", "59/2019/NĐ-CP"}  # footnote
    # provenance: each span is the task's words in the text decode_file gives (the pages' text)
    source, _ = decode_file(plan)[:2]
    for task in record.tasks:
        assert source[task.span.start:task.span.end].endswith(task.text[-20:])


def test_folders_list_word_plans_and_a_broken_one_is_reported(tmp_path: Path, plan: Path) -> None:
    with zipfile.ZipFile(tmp_path / "empty.docx", "w") as z:
        z.writestr("word/other.xml", "<x/>")
    assert {p.name for p in find_plan_files([tmp_path])} >= {"binh-dinh-45.docx", "empty.docx"}
    with pytest.raises(ReadError, match=r"empty\.docx: not a Word \.docx file"):
        read_plan(tmp_path / "empty.docx")


def test_a_word_plan_is_stored_and_its_page_marks_its_tasks(plan: Path) -> None:
    from graph_api.app import create_app
    from graph_api.pipeline import ingest_paths
    from graph_api.store import open_store

    store = open_store(":memory:")
    report = ingest_paths(store, [plan], reasoner="none", progress=False)
    assert report.ok, (report.failed, report.refused)
    client = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()
    plans = client.get("/api/plans").get_json()
    pid = next(p["id"] for p in plans["items"] if p["source"] == "binh-dinh-45.docx")
    html = client.get(f"/plans/{pid}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert html.count('<mark id="task-') == len(extract_file(plan).tasks)
    assert "II. NHIỆM VỤ, GIẢI PHÁP" in html  # the list numbers Word keeps apart are shown


def test_a_task_tables_number_cells_numbered_by_word_show_their_numbers(tmp_path: Path) -> None:
    """The "TT" cells of an annex table left empty and numbered by a Word list ("1.", "2." in
    numbering.xml only) read as the numbers Word shows; the list runs on over the group rows
    typed by hand ("I", "II"), so the row under "II" is the plan's row 3."""
    blocks = [
        HEADER, para("KẾ HOẠCH"), para("Triển khai thi hành Luật Thủ đô năm 2025"),
        para("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"),
        para("NHIỆM VỤ", 0),
        para("Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.", 1),
        SIGNATURE, para("PHỤ LỤC"), para("DANH MỤC NHIỆM VỤ"),
        table([[["TT"], ["Nội dung"], ["Cơ quan chủ trì"], ["Thời gian"]],
               [["I"], ["Tuyên truyền, phổ biến"], [""], [""]],
               [[numbered()], ["Tổ chức hội nghị quán triệt Luật"], ["Sở Tư pháp"],
                ["Quý I/2025"]],
               [[numbered()], ["Biên soạn tài liệu phổ biến Luật"], ["Sở Tư pháp"],
                ["Quý II/2025"]],
               [["II"], ["Rà soát văn bản"], [""], [""]],
               [[numbered()], ["Rà soát văn bản quy phạm pháp luật của tỉnh"], ["Sở Nội vụ"],
                ["Quý III/2025"]]]),
    ]
    path = write_docx(tmp_path / "thu-do.docx", blocks)
    text = decode_file(path)[0]
    assert "\n| 1. | Tổ chức hội nghị quán triệt Luật | Sở Tư pháp |" in text
    assert "\n| 3. | Rà soát văn bản quy phạm pháp luật của tỉnh | Sở Nội vụ |" in text
    annex = [(t.section, t.timeframe.due) for t in extract_file(path).tasks
             if t.section.startswith("PL.")]
    assert annex == [("PL.I.1", "2025-03-31"), ("PL.I.2", "2025-06-30"),
                     ("PL.II.3", "2025-09-30")]


def test_an_empty_numbered_paragraph_keeps_its_number_but_makes_no_line(tmp_path: Path) -> None:
    """Word shows a number before an empty list paragraph, and the next one goes on from it:
    the item after it is "3.", and no bare "2." line is left in the text."""
    path = write_docx(tmp_path / "rong.docx", [
        para("Lập danh sách các cơ quan.", 1), para("", 1), para("Gửi báo cáo về Sở.", 1),
        para("", 3)])
    text = decode_file(path)[0]
    assert text.split("\n\n") == ["1. Lập danh sách các cơ quan.", "3. Gửi báo cáo về Sở.\n"]


def test_a_vertically_merged_cell_of_a_task_table_is_every_row_it_spans(tmp_path: Path) -> None:
    """Word writes a lead or a time shared by several rows once, in a cell merged down over
    them (w:vMerge), the cells below left empty: each row it spans is that body's and that
    time's. A group's title spans the width (w:gridSpan) and opens no merge; a row of merges
    alone (a spacer) is no task."""
    merged = cell(["Sở Văn hóa và Thể thao"], merge="restart")
    goes_on = cell([], merge="continue")
    blocks = [
        HEADER, para("KẾ HOẠCH"), para("Phát triển văn hóa đọc năm 2026"),
        para("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"),
        para("NHIỆM VỤ", 0),
        para("Các cơ quan thực hiện các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.", 1),
        SIGNATURE, para("PHỤ LỤC"),
        table([[["TT"], ["Nội dung"], ["Cơ quan chủ trì"], ["Cơ quan phối hợp"], ["Thời gian"]],
               [["I"], cell(["Thư viện và sách"], span=4)],
               [["1"], ["Bổ sung sách cho thư viện cấp xã"], merged, ["Sở Tài chính"],
                cell(["Quý III/2026"], merge="restart")],
               [["2"], ["Tổ chức Ngày sách Việt Nam"], goes_on, ["Sở Giáo dục và Đào tạo"],
                cell([], merge="continue")],
               [cell([]), cell([]), goes_on, cell([]), cell([], merge="continue")],
               [["3"], ["Số hóa tài liệu địa chí"], goes_on, [""], ["Quý IV/2026"]]]),
    ]
    path = write_docx(tmp_path / "van-hoa-doc.docx", blocks)
    tasks = [t for t in extract_file(path).tasks if t.section.startswith("PL.")]
    assert [t.section for t in tasks] == ["PL.I.1", "PL.I.2", "PL.I.3"]
    for task in tasks:
        assert ("Sở Văn hóa và Thể thao", "lead") in {(b.name, b.role) for b in task.bodies}
    assert [t.timeframe.due for t in tasks] == ["2026-09-30", "2026-09-30", "2026-12-31"]
    assert "| I | Thư viện và sách |" in decode_file(path)[0]
