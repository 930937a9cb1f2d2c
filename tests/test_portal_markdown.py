"""Plans as the largest legal portal gives them: hard-wrapped lines, emphasis marks in any
placement, tables a row per line or a cell per line, merged cells. Every shape here is
written for the test (invented sentences), none copied from a real plan."""

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.read import clean
from ingest.tables import Cell, Rows, cell_lines, cells

# --------------------------------------------------------------------------- reflow

WRAPPED = """Thực hiện Quyết định số
12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh về việc tăng cường công tác
Quản lý tài sản công, Sở Nội vụ ban hành Kế hoạch thực hiện trên địa bàn tỉnh
Hòa Bình như sau:

1. Rà soát toàn bộ tài sản công tại các cơ quan, đơn vị trực thuộc theo quy
định tại Điều 5 Luật Quản lý, sử dụng tài sản công và các văn bản hướng dẫn
Thi hành; hoàn thành việc kiểm kê trước ngày 30/6/2025.
Cơ quan chủ trì: Sở Tài chính.
Cơ quan phối hợp: Các sở, ban, ngành; Ủy ban nhân dân các xã, phường trên địa
bàn tỉnh.
- Lập danh mục tài sản cần xử lý, báo cáo Ủy ban nhân dân tỉnh trong quý
III/2025 để xem xét, quyết định theo thẩm quyền.
2. Tổ chức tập huấn cho cán bộ làm công tác quản lý tài sản công tại các cơ
Quan, đơn vị.
"""


def test_a_hard_wrapped_file_is_joined_into_paragraphs_whatever_the_case() -> None:
    ct = clean(WRAPPED)
    lines = ct.text.split("\n")
    assert lines[0] == ("Thực hiện Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân "
                        "tỉnh về việc tăng cường công tác Quản lý tài sản công, Sở Nội vụ ban "
                        "hành Kế hoạch thực hiện trên địa bàn tỉnh Hòa Bình như sau:")
    # markers and labels open paragraphs; a capital after a wrap goes on
    assert lines[2].startswith("1. Rà soát") and lines[2].endswith("trước ngày 30/6/2025.")
    assert "các văn bản hướng dẫn Thi hành;" in lines[2]
    assert lines[3] == "Cơ quan chủ trì: Sở Tài chính."
    assert lines[4] == ("Cơ quan phối hợp: Các sở, ban, ngành; Ủy ban nhân dân các xã, phường "
                        "trên địa bàn tỉnh.")
    assert lines[5].startswith("- Lập danh mục") and lines[5].endswith("theo thẩm quyền.")
    assert lines[6] == ("2. Tổ chức tập huấn cho cán bộ làm công tác quản lý tài sản công tại "
                        "các cơ Quan, đơn vị.")


def test_a_joined_paragraph_keeps_every_source_offset() -> None:
    ct = clean(WRAPPED)
    for word in ("12/QĐ-UBND", "Quản lý tài sản công", "Hòa Bình", "III/2025", "Quan, đơn vị"):
        at = ct.text.index(word)
        span = ct.source_span(at, at + len(word))
        assert WRAPPED[span.start:span.end].replace("\n", " ") == word
    at = ct.text.index("tỉnh Hòa Bình")  # "tỉnh" / "Hòa Bình" over a line end
    span = ct.source_span(at, at + len("tỉnh Hòa Bình"))
    assert WRAPPED[span.start:span.end] == "tỉnh\nHòa Bình"
    assert ct.line_of(span.start) == 3 and ct.line_of(ct.source_offset(at + 5)) == 4


def test_a_file_of_a_paragraph_a_line_keeps_its_lines() -> None:
    src = "\n".join(f"{i}. Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật thuộc lĩnh vực "
                    f"số {i} và báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện."
                    for i in range(1, 12))
    src += "\nỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nNguyễn Văn An"
    assert clean(src).text == src


@pytest.mark.parametrize("src", [
    "*2.4.\nSở Xây dựng*\n\na) Chủ trì rà soát các công trình.\n",  # an emphasis run over a break
    "III.\nTỔ CHỨC THỰC HIỆN\n1.\nSở Xây dựng chủ trì rà soát các công trình.\n",
])
def test_a_marker_alone_on_its_line_goes_on_with_its_heading(src: str) -> None:
    ct = clean(src)
    first = ct.text.split("\n")[0]
    assert first in ("2.4. Sở Xây dựng", "III. TỔ CHỨC THỰC HIỆN")
    assert "1. Sở Xây dựng chủ trì" in ct.text or "a) Chủ trì" in ct.text
    at = ct.text.index("Sở Xây dựng")
    assert src[ct.source_offset(at):].lstrip("*").startswith("Sở Xây dựng")
    # a figure alone or a marker before another marker is no heading's marker
    assert clean("1.\n2. Sở Nội vụ kiểm tra.\n").text == "1.\n2. Sở Nội vụ kiểm tra."
    assert clean("2025.\nNăm sau\n").text == "2025.\nNăm sau"


def test_wrapped_capitals_join_but_stop_before_a_name_or_a_lower_case_title() -> None:
    body = "\n".join(["Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao chủ động xây",
                      "dựng kế hoạch cụ thể để triển khai thực hiện, bảo đảm tiến độ và chất",
                      "lượng của từng nhiệm vụ, định kỳ báo cáo kết quả về Sở Nội vụ theo quy"] * 4)
    src = ("II. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG\nTÂM\n\n" + body + " định.\n\n"
           "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TU")
    text = clean(src).text
    assert text.startswith("II. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM\n\n")
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH\nTrần Văn Bình" in text
    assert text.endswith("KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TU")


def test_a_dash_before_a_year_goes_on_a_range() -> None:
    body = "\n".join(["Sở Kế hoạch và Đầu tư chủ trì tham mưu xây dựng kế hoạch đầu tư công",
                      "trung hạn của tỉnh, bảo đảm nguồn lực cho các dự án trọng điểm giai đoạn"]
                     * 6)
    text = clean(body + " 2026\n- 2030 của tỉnh.").text
    assert "\n" not in text and text.endswith("giai đoạn 2026 - 2030 của tỉnh.")


# --------------------------------------------------------------------------- emphasis


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("*Cơ quan chủ trì: *Sở Tư pháp.", "Cơ quan chủ trì: Sở Tư pháp."),
        ("** **\n\n**KẾ HOẠCH**", "KẾ HOẠCH"),
        ("* *\n\nNội dung", "Nội dung"),
        ("**Kế hoạch phục vụ ****công tác cải cách**", "Kế hoạch phục vụ công tác cải cách"),
        ("**1. Sở\nTài chính **(cơ quan chủ trì)", "1. Sở\nTài chính (cơ quan chủ trì)"),
        ("*1.1. *Quán triệt nghiêm túc", "1.1. Quán triệt nghiêm túc"),
        ("**Điều 2. **Quyết định này có hiệu lực", "Điều 2. Quyết định này có hiệu lực"),
        ("Nhiệm vụ trọng tâm (*) và (**)", "Nhiệm vụ trọng tâm (*) và (**)"),
        ("* Lưu ý: báo cáo ngay", "* Lưu ý: báo cáo ngay"),
        ("Nghị định* *số 58/2023/NĐ-CP", "Nghị định số 58/2023/NĐ-CP"),
        ("*Căn cứ Luật Đầu tư công; *", "Căn cứ Luật Đầu tư công;"),
    ],
)
def test_emphasis_marks_go_wherever_they_stand(src: str, out: str) -> None:
    assert clean(src).text == out


# --------------------------------------------------------------------------- tables

CELL_PER_LINE = """Nội dung trước bảng.

|
**TT**
|
**Nội dung
nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Thời gian**
|
|
**I**
|
**Công tác tuyên truyền**
|
|
1
|
Tổ chức hội nghị phổ biến
Luật cho cán bộ chủ chốt
|
Sở Tư pháp
|
Quý II/2025
|


|
2
|
Biên soạn tài liệu hỏi đáp
|
Sở Tư pháp
|
Năm 2025
|

Nội dung sau bảng."""


def test_a_table_a_cell_per_line_becomes_a_row_per_line() -> None:
    ct = clean(CELL_PER_LINE)
    assert ct.text.split("\n") == [
        "Nội dung trước bảng.",
        "",
        "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian |",
        "| I | Công tác tuyên truyền |",
        "| 1 | Tổ chức hội nghị phổ biến Luật cho cán bộ chủ chốt | Sở Tư pháp | Quý II/2025 |",
        "",
        "| 2 | Biên soạn tài liệu hỏi đáp | Sở Tư pháp | Năm 2025 |",
        "",
        "Nội dung sau bảng.",
    ]
    row = ct.text.split("\n")[4]
    start = ct.text.index(row)
    found = cells(row, start)
    assert [c.text for c in found] == ["1", "Tổ chức hội nghị phổ biến Luật cho cán bộ chủ chốt",
                                       "Sở Tư pháp", "Quý II/2025"]
    for c in found:  # each cell points at its own words in the source
        span = ct.source_span(c.start, c.end)
        assert CELL_PER_LINE[span.start:span.end].replace("\n", " ") == c.text


def test_a_row_cut_over_lines_and_a_stray_bar_are_mended() -> None:
    src = ("|\n| TT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n"
           "| 1 | Xây dựng quy chế phối hợp\n| Văn phòng Sở |\n"
           "| 2 | Kiểm tra việc thực hiện | Thanh tra\nSở |\n\nHết.")
    assert clean(src).text.split("\n") == [
        "| TT | Nội dung | Cơ quan chủ trì |", "|---|---|---|",
        "| 1 | Xây dựng quy chế phối hợp | Văn phòng Sở |",
        "| 2 | Kiểm tra việc thực hiện | Thanh tra Sở |", "", "Hết."]


def test_a_cell_cut_by_a_hard_wrap_after_a_bar_goes_on_its_row() -> None:
    """A copy hard-wrapped at its width cuts a row line anywhere, also just after a bar: the
    lines after it, opening without a bar, are the cell's words up to the one ending in a bar
    (or up to the next row, where the last cell was left open); the rows below stay rows."""
    src = ("| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
           "| 1 | Rà soát danh mục thủ tục hành chính | Sở Nội vụ (phối hợp\n"
           "với các xã trong huyện) | Quý II/2026 |\n"
           "| 2 | Kiểm tra công vụ tại các cơ quan |\n"
           "Thanh tra tỉnh chủ trì, phối hợp với\n"
           "Văn phòng Sở | Quý III/2026 |\n"
           "| 3 | Tổng kết, báo cáo kết quả | Văn phòng Sở |\n"
           "Trình trước ngày 15/12/2026, kèm\n"
           "theo hồ sơ đầy đủ.\n"
           "| ||\n"
           "| 4 | Lập kế hoạch năm sau | Sở Nội vụ | Năm 2027 |\n\nHết.")
    assert clean(src).text.split("\n") == [
        "| TT | Nội dung | Cơ quan chủ trì | Thời gian |",
        "| 1 | Rà soát danh mục thủ tục hành chính | Sở Nội vụ (phối hợp với các xã trong "
        "huyện) | Quý II/2026 |",
        "| 2 | Kiểm tra công vụ tại các cơ quan | Thanh tra tỉnh chủ trì, phối hợp với Văn "
        "phòng Sở | Quý III/2026 |",
        "| 3 | Tổng kết, báo cáo kết quả | Văn phòng Sở | Trình trước ngày 15/12/2026, kèm "
        "theo hồ sơ đầy đủ. | ||",
        "| 4 | Lập kế hoạch năm sau | Sở Nội vụ | Năm 2027 |",
        "", "Hết."]


def test_a_table_cut_inside_its_cells_keeps_every_row_a_task() -> None:
    plan = ("KẾ HOẠCH\n\nCải cách hành chính năm 2026\n\nI. NHIỆM VỤ\n\n"
            "Các cơ quan thực hiện các nhiệm vụ tại Phụ lục kèm theo.\n\nPHỤ LỤC\n\n"
            "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |\n"
            "| 1 | Rà soát quy trình nội bộ giải quyết thủ tục hành chính |\n"
            "Sở Nội vụ | Các sở, ngành; Ủy ban nhân dân\n"
            "các xã |\n"
            "| 2 | Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính |\n"
            "Sở Khoa học và Công nghệ | Các sở,\n"
            "ngành |\n"
            "| 3 | Đo lường sự hài lòng của người dân | Sở Nội vụ | Các xã |\n")
    tasks = [t for t in extract_text(plan, "pl.txt").tasks if t.section.startswith("PL.")]
    assert [(t.text.split(" ")[0], t.bodies[0].name, t.bodies[0].role) for t in tasks] == [
        ("Rà", "Sở Nội vụ", "lead"), ("Số", "Sở Khoa học và Công nghệ", "lead"),
        ("Đo", "Sở Nội vụ", "lead")]


def test_running_text_under_a_table_is_no_cell_of_it() -> None:
    """Lines after a closed row that end in no bar, before a blank line, are the text below
    the table, not a cell cut over lines."""
    src = ("| 1 | Rà soát quy chế | Sở Nội vụ |\n"
           "Trên đây là Kế hoạch của Sở; các phòng\n"
           "triển khai thực hiện.\n\n| 2 | Kiểm tra | Thanh tra Sở |")
    assert clean(src).text.split("\n")[:2] == ["| 1 | Rà soát quy chế | Sở Nội vụ |",
                                               "Trên đây là Kế hoạch của Sở; các phòng "
                                               "triển khai thực hiện."]


def _cells(*texts: str) -> list[Cell]:
    return [Cell(t, i * 10, i * 10 + len(t)) for i, t in enumerate(texts)]


def test_merged_cells_are_inherited_from_the_row_above() -> None:
    rows = Rows(_cells("TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"))
    full = _cells("1", "Rà soát văn bản", "Sở Tư pháp", "Các sở, ngành", "Quý IV/2025")
    assert rows.align(full) == full
    # the number, the support and the time span both rows: only content and lead are given
    got = rows.align(_cells("Tổng hợp kết quả rà soát", "Văn phòng Sở"))
    assert [c.text for c in got] == ["1", "Tổng hợp kết quả rà soát", "Văn phòng Sở",
                                     "Các sở, ngành", "Quý IV/2025"]
    assert got[0] is full[0] and got[4] is full[4]  # the merged cell's own offsets
    # a time is put in the time column even when the support before it is merged
    got = rows.align(_cells("2", "Kiểm tra", "Thanh tra Sở", "Năm 2026"))
    assert [c.text for c in got] == ["2", "Kiểm tra", "Thanh tra Sở", "Các sở, ngành",
                                     "Năm 2026"]


def test_a_group_row_inherits_nothing_and_stops_inheritance() -> None:
    rows = Rows(_cells("TT", "Nội dung", "Chủ trì", "Thời gian"))
    rows.align(_cells("1", "Rà soát", "Sở Tư pháp", "Năm 2025"))
    group = _cells("II", "Công tác kiểm tra")
    assert rows.align(group) == group
    got = rows.align(_cells("Kiểm tra định kỳ", "Thanh tra tỉnh"))
    assert [c.text for c in got] == ["", "Kiểm tra định kỳ", "Thanh tra tỉnh", ""]


def test_letterhead_and_signature_cells_cut_into_their_lines() -> None:
    cell = Cell("Nơi nhận: - Bộ Nội vụ; - Thường trực Tỉnh ủy; - Lưu: VT.", 100, 156)
    assert [c.text for c in cell_lines(cell)] == ["Nơi nhận:", "- Bộ Nội vụ;",
                                                  "- Thường trực Tỉnh ủy;", "- Lưu: VT."]
    sig = Cell("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lê Thị Hồng Nhung", 200, 243)
    parts = cell_lines(sig)
    assert [c.text for c in parts] == ["KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Lê Thị Hồng Nhung"]
    assert parts[1].start == 200 + sig.text.index("Lê") and parts[1].end == 243
    assert cell_lines(Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                           0, 60))[0].text.startswith("CỘNG HÒA")


# --------------------------------------------------------------------------- a whole plan

PORTAL_PLAN = """|
**ỦY BAN NHÂN DÂN**
TỈNH HÒA BÌNH
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 77/KH-UBND
|
*Hòa Bình, ngày 14
tháng 0 3 năm 2025*
|

** **

**KẾ HOẠCH**

TRIỂN KHAI CÔNG TÁC QUẢN LÝ TÀI SẢN CÔNG TRÊN ĐỊA BÀN
TỈNH NĂM 2025

Thực hiện Nghị định số
151/2017/NĐ-CP ngày 26/12/2017 của Chính phủ quy định chi tiết một số điều của
Luật Quản lý, sử dụng tài sản công, Ủy ban nhân dân tỉnh ban hành Kế hoạch như
sau:

**I. NHIỆM VỤ**

**1.** Rà soát, sắp xếp lại tài sản công tại các cơ quan, đơn vị trên địa bàn
Tỉnh theo đúng tiêu chuẩn, định mức.

*Cơ quan chủ trì: *Sở
Tài chính.

*Thời gian thực hiện: *Quý
III/2025.

**II. TỔ CHỨC THỰC HIỆN**

Các cơ quan, đơn vị căn cứ Kế hoạch này tổ chức triển khai thực hiện, báo cáo
kết quả về Sở Tài chính trước ngày 15/12/2025 để tổng hợp./.

|
Nơi nhận:
- Bộ Tài chính;
- Lưu: VT.
|
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Đinh Công Sứ**
|

**PHỤ LỤC**

|
**TT**
|
**Nội dung công việc**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian**
|
|
1
|
Kiểm kê tài sản là nhà, đất tại các
cơ quan hành chính
|
Sở Tài chính
|
Các sở, ngành
|
Quý II/2025
|
|
Kiểm kê xe ô tô công
|
Văn phòng Ủy ban nhân dân tỉnh
|
|
2
|
Xây dựng cơ sở dữ liệu tài sản công
|
Sở Khoa học và Công nghệ
|
Sở Tài chính
|
Năm 2025
|
"""


def test_a_portal_plan_reads_as_its_authors_meant_it() -> None:
    record = extract_text(PORTAL_PLAN, source="hoa-binh-77.txt")
    doc = record.document
    assert (doc.number, doc.date, doc.type) == ("77/KH-UBND", "2025-03-14", "Kế hoạch")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert doc.signer == "Đinh Công Sứ"
    assert doc.title == "TRIỂN KHAI CÔNG TÁC QUẢN LÝ TÀI SẢN CÔNG TRÊN ĐỊA BÀN TỈNH NĂM 2025"
    by_text = {" ".join(t.text.split(" ")[:3]): t for t in record.tasks}
    first = by_text["Rà soát, sắp"]
    assert first.text.endswith("trên địa bàn Tỉnh theo đúng tiêu chuẩn, định mức.")
    assert [(b.name, b.role) for b in first.bodies] == [("Sở Tài chính", "lead")]
    assert first.timeframe.due == "2025-09-30"
    merged = by_text["Kiểm kê xe"]  # a row whose number, support and time are merged above
    assert merged.section == "PL.1"
    roles = [(b.name, b.role) for b in merged.bodies]
    assert roles[0] == ("Văn phòng Ủy ban nhân dân tỉnh", "lead")
    assert [r for _n, r in roles[1:]] == ["support"] and roles[1][0].startswith("Các sở")
    assert merged.timeframe.due == "2025-06-30"
    assert by_text["Xây dựng cơ"].timeframe.due == "2025-12-31"
    assert record.recipients == ["- Bộ Tài chính;", "- Lưu: VT."]


def test_a_copy_without_letterhead_takes_its_number_from_the_attached_plan() -> None:
    src = ("NGHỊ QUYẾT\n\nBan hành Kế hoạch kiểm tra việc thi hành pháp luật\n\n"
           "ỦY BAN THƯỜNG VỤ HỘI ĐỒNG NHÂN DÂN TỈNH\n\n"
           "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
           "QUYẾT NGHỊ:\n\nĐiều 1. Ban hành kèm theo Nghị quyết này Kế hoạch kiểm tra.\n\n"
           "KẾ HOẠCH\n\nKIỂM TRA VIỆC THI HÀNH PHÁP LUẬT\n\n"
           "(Ban hành kèm theo Nghị quyết số 21/NQ-HĐND ngày 09 tháng 4 năm 2024 của "
           "Ủy ban Thường vụ Hội đồng nhân dân tỉnh)\n\n"
           "I. NỘI DUNG\n\n1. Ban Pháp chế chủ trì kiểm tra việc thi hành pháp luật.\n")
    doc = extract_text(src).document
    assert (doc.number, doc.date, doc.type) == ("21/NQ-HĐND", "2024-04-09", "Nghị quyết")
    assert doc.issuer.lower() == "ủy ban thường vụ hội đồng nhân dân tỉnh"


def test_an_annex_in_lettered_parts_numbers_each_parts_rows_apart() -> None:
    """An annex table in parts A, B (each with its groups I, II restarting) whose part B
    repeats the header under its group's row, without the number column: each part holds
    its groups, and a header under a group's row goes on that group, so part B's "1.1" is
    neither part A's nor a row of no group."""
    plan = ("KẾ HOẠCH\n\nChuyển đổi số năm 2026\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch:\n\n"
            "I. NHIỆM VỤ\n\nCác sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Hòa\n\nPHỤ LỤC\n\n"
            "| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n"
            "| A | HẠ TẦNG SỐ |\n| I | Hạ tầng viễn thông |\n"
            "| 1.1 | Phủ sóng di động các thôn | Sở Khoa học và Công nghệ | Các xã | 2026 |\n"
            "| II | Hạ tầng dữ liệu |\n"
            "| 2.1 | Xây dựng kho dữ liệu dùng chung | Công an tỉnh | Các sở | 2027 |\n\n"
            "| B | KINH TẾ SỐ NGÀNH |\n| I | Nông nghiệp số |\n"
            "| Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n"
            "| 1.1 | Truy xuất nguồn gốc nông sản | Sở Nông nghiệp và Môi trường | Các xã "
            "| 2028 |\n"
            "| II | Y tế số |\n"
            "| Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n"
            "| 2.1 | Bệnh án điện tử | Sở Y tế | Các bệnh viện | 2029 |\n")
    rows = [(t.section, t.text, t.timeframe.due) for t in extract_text(plan, "pl.txt").tasks
            if t.section.startswith("PL.")]
    assert rows == [
        ("PL.A.I.1.1", "Phủ sóng di động các thôn", "2026-12-31"),
        ("PL.A.II.2.1", "Xây dựng kho dữ liệu dùng chung", "2027-12-31"),
        ("PL.B.I.1.1", "Truy xuất nguồn gốc nông sản", "2028-12-31"),
        ("PL.B.II.2.1", "Bệnh án điện tử", "2029-12-31")]
