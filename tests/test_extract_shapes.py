"""Layouts and wordings of real plans that the four samples do not show, one per test:
assignment lines, body headings, numbering schemes. Each plan is a few lines of our own."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import extract_text

HEAD = "KẾ HOẠCH\nThực hiện công tác phòng, chống tham nhũng năm 2025\n\nCăn cứ Luật PCTN;\n\n"


def _tasks(body: str, head: str = HEAD + "II. NHIỆM VỤ\n\n"):
    return extract_text(head + body).tasks


def _roles(task) -> list[tuple[str, str]]:
    return [(b.name, b.role) for b in task.bodies]


LEAD_SUPPORT = [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support"), ("Thanh tra tỉnh", "support")]


@pytest.mark.parametrize("lines", [
    "- Cơ quan chủ trì: Sở Tư pháp.\n- Cơ quan phối hợp: Sở Nội vụ, Thanh tra tỉnh.",
    "Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ, Thanh tra tỉnh.",
    "Đơn vị thực hiện: Sở Tư pháp (chủ trì), Sở Nội vụ, Thanh tra tỉnh (phối hợp).",
    "Đơn vị thực hiện: Sở Tư pháp chủ trì; Sở Nội vụ, Thanh tra tỉnh phối hợp.",
    "Đơn vị thực hiện: Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và Thanh tra tỉnh.",
])
def test_assignment_lines_in_every_wording(lines):
    [task] = _tasks(f"1. Rà soát văn bản quy phạm pháp luật.\n{lines}\nThời gian thực hiện: quý II/2025.\n")
    assert _roles(task) == LEAD_SUPPORT
    assert task.timeframe.due == "2025-06-30"


def test_a_body_without_cue_keeps_the_label_role():
    [task] = _tasks("1. Rà soát văn bản.\nĐơn vị thực hiện: Văn phòng Sở; Thanh tra Sở (phối hợp).\n")
    assert _roles(task) == [("Văn phòng Sở", "executor"), ("Thanh tra Sở", "support")]


def test_body_heading_with_a_colon_and_subject_with_any_verb():
    tasks = _tasks("1. Thanh tra tỉnh: hướng dẫn, đôn đốc việc thực hiện Kế hoạch.\n"
                   "2. Sở Nội vụ tổng hợp kết quả chuyển đổi vị trí công tác.\n"
                   "3. Sở Tài chính: chủ trì kiểm tra việc thực hiện định mức.\n"
                   "4. Hằng quý, báo cáo kết quả gửi Sở Nội vụ tổng hợp.\n")
    assert [_roles(t) for t in tasks] == [
        [("Thanh tra tỉnh", "executor")], [("Sở Nội vụ", "executor")],
        [("Sở Tài chính", "lead")], []]  # a body that receives a report is no assignee


def test_a_bullet_with_its_own_subject_inherits_from_a_heading_not_from_a_sentence():
    """"Where the task names none, it inherits the bodies of the enclosing heading": a bullet
    under a task's sentence that opens with its own body keeps only its own; under a body
    heading ("2. Sở Nội vụ") it still is that body's task."""
    tasks = _tasks("1. Thanh tra tỉnh chủ trì tổ chức kê khai tài sản, thu nhập năm 2025.\n"
                   "- Tổng hợp kết quả kê khai trước ngày 31/12/2025.\n"
                   "- Đề nghị Công an tỉnh phối hợp xử lý các vụ việc có dấu hiệu tham nhũng.\n"
                   "2. Sở Nội vụ\n"
                   "- Giao Ban Thi đua - Khen thưởng chủ trì tổng hợp khen thưởng.\n")
    assert [_roles(t) for t in tasks] == [
        [("Thanh tra tỉnh", "lead")],
        [("Thanh tra tỉnh", "executor")],
        [("Công an tỉnh", "requested")],
        [("Sở Nội vụ", "executor"), ("Ban Thi đua - Khen thưởng", "lead")]]


def test_parts_and_capital_letter_headings():
    tasks = _tasks(
        "PHẦN I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao nhận thức.\n\n"
        "PHẦN II\nNHIỆM VỤ CỦA CÁC CƠ QUAN\n\n"
        "A. Thanh tra tỉnh\n- Kiểm tra việc thực hiện pháp luật về phòng, chống tham nhũng.\n"
        "- Xác minh tài sản, thu nhập.\n"
        "B. Sở Nội vụ\n- Hướng dẫn chuyển đổi vị trí công tác:\n"
        "+ Các sở, ban, ngành gửi kế hoạch trước ngày 31/3/2025;\n+ Tổng hợp kết quả.\n"
        "C. Đề nghị Viện kiểm sát nhân dân tỉnh\n- Đẩy nhanh tiến độ truy tố các vụ án tham nhũng.\n",
        head=HEAD)
    assert [t.section for t in tasks] == ["II.A", "II.A", "II.B", "II.C"]
    assert [_roles(t)[0] for t in tasks] == [
        ("Thanh tra tỉnh", "executor"), ("Thanh tra tỉnh", "executor"),
        ("Sở Nội vụ", "executor"), ("Viện kiểm sát nhân dân tỉnh", "requested")]
    assert "Tổng hợp kết quả" in tasks[2].text  # "+" below "-" is the bullet's own content


def test_capital_letters_above_roman_sections():
    tasks = _tasks("A. KẾT QUẢ NĂM 2024\n\nI. CÔNG TÁC TUYÊN TRUYỀN\n\n1. Đã tổ chức 20 hội nghị.\n\n"
                   "B. NHIỆM VỤ NĂM 2025\n\nI. CÔNG TÁC TUYÊN TRUYỀN\n\n1. Sở Tư pháp tổ chức hội nghị.\n",
                   head=HEAD)
    assert [(t.section, _roles(t)) for t in tasks] == [("B.I.1", [("Sở Tư pháp", "executor")])]


@pytest.mark.parametrize("marks", [("I/", "1/"), ("I-", "1)"), ("I:", "1.")])
def test_other_section_and_item_marks(marks):
    sec, num = marks
    tasks = _tasks(f"{sec} NHIỆM VỤ\n{num} Thanh tra tỉnh kiểm tra việc kê khai.\n"
                   f"{num.replace('1', '2')} Sở Nội vụ rà soát vị trí công tác.\n", head=HEAD)
    assert [(t.section, _roles(t)[0][0]) for t in tasks] == [("I.1", "Thanh tra tỉnh"),
                                                             ("I.2", "Sở Nội vụ")]


def _bases(preamble: str, head: str = "Số: 12/KH-UBND\nHà Nội, ngày 10 tháng 01 năm 2024\nKẾ HOẠCH\nThực hiện\n\n"):
    record = extract_text(head + preamble + "\n\nI. NHIỆM VỤ\n1. Thanh tra tỉnh kiểm tra.\n")
    return [(c.type, c.number, c.date) for c in record.bases]


@pytest.mark.parametrize(("preamble", "expected"), [
    # a date names the version: the 2005 law, not the 2018 one
    ("Căn cứ Luật Phòng, chống tham nhũng, ngày 29/11/2005;", [("Luật", "55/2005/QH11", "2005-11-29")]),
    # a title and its number are one citation
    ("Căn cứ Luật PCTN số 55/2005/QH11 ngày 29/11/2005;", [("Luật", "55/2005/QH11", "2005-11-29")]),
    ("Căn cứ Luật PCTN, Nghị định số 59/2019/NĐ-CP;", [("Luật", "36/2018/QH14", None),
                                                      ("Nghị định", "59/2019/NĐ-CP", "2019-07-01")]),
    ("Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;", [("Luật", "11/2003/QH11", "2003-11-26")]),
    ("Căn cứ Thông báo kết luận số 78-TB/TW ngày 10/5/2022 của Bộ Chính trị; Công văn số 2231/SNV-CCHC&PC ngày 02/3/2023;",
     [("Thông báo kết luận", "78-TB/TW", "2022-05-10"), ("Công văn", "2231/SNV-CCHC&PC", "2023-03-02")]),
    # who proposed the plan is no basis of it
    ("Căn cứ Nghị định số 130/2020/NĐ-CP;\nXét đề nghị của Chánh Thanh tra tỉnh tại Tờ trình số 15/TTr-TT ngày 25/01/2024,",
     [("Nghị định", "130/2020/NĐ-CP", "2020-10-30")]),
])
def test_bases_in_other_wordings(preamble, expected):
    assert _bases(preamble) == expected


def test_bracket_footnotes_and_the_plan_never_cites_itself():
    record = extract_text(
        "Số: 61/KH-UBND\nHưng Yên, ngày 12 tháng 3 năm 2024\nKẾ HOẠCH\nCông tác năm 2024\n\n"
        "Thực hiện các văn bản của Trung ương về phòng, chống tham nhũng[1], Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\n"
        "I. NHIỆM VỤ\n\n1. Các sở, ban, ngành tỉnh thực hiện nghiêm việc kiểm soát tài sản, thu nhập[2] theo Phụ lục kèm theo Kế hoạch số 61/KH-UBND.\n\n"
        "[1] Kết luận số 12-KL/TW ngày 06/8/2021 của Bộ Chính trị.\n"
        "[2] Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ.\n")
    assert [c.number for c in record.bases] == ["12-KL/TW"]
    [task] = record.tasks
    assert [c.number for c in task.citations] == ["130/2020/NĐ-CP"]
    assert "61/KH-UBND" not in [c.number for c in record.citations]


def test_task_tables_in_a_section_and_in_the_annex():
    plan = (
        HEAD + "I. NHIỆM VỤ\n\n1. Các nhiệm vụ cụ thể:\n\n"
        "| STT | Thời gian | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp |\n|---|---|---|---|---|\n"
        "| I | | Công tác tuyên truyền | | |\n"
        "| 1 | Quý I/2025 | Phổ biến Luật Phòng, chống tham nhũng | Sở Tư pháp | Sở Nội vụ, Thanh tra tỉnh |\n"
        "| 2 | Thường xuyên | Đưa tin về phòng, chống tham nhũng | Báo Lâm Đồng | |\n\n"
        "(Chi tiết tại Phụ lục kèm theo)\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn An\n\n"
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 88/KH-UBND ngày 10/02/2025)\n\n"
        "| TT | Nội dung nhiệm vụ | Cơ quan thực hiện | Thời hạn |\n|---|---|---|---|\n"
        "| 1 | Kê khai tài sản, thu nhập lần đầu | Các sở, ban, ngành tỉnh | Trước ngày 31/12/2025 |\n")
    record = extract_text(plan)
    tasks = [(t.section, t.text, _roles(t), t.timeframe.due) for t in record.tasks]
    assert tasks == [
        ("I.1.I.1", "Phổ biến Luật Phòng, chống tham nhũng",
         [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support"), ("Thanh tra tỉnh", "support")], "2025-03-31"),
        ("I.1.I.2", "Đưa tin về phòng, chống tham nhũng", [("Báo Lâm Đồng", "lead")], None),
        ("PL.1", "Kê khai tài sản, thu nhập lần đầu", [("Các sở, ban, ngành tỉnh", "executor")],
         "2025-12-31"),
    ]
    assert [c.number for c in record.tasks[0].citations] == ["36/2018/QH14"]
    assert record.document.signer == "Trần Văn An"
    for task in record.tasks:  # each span points at the cell's own words
        assert plan[task.span.start:task.span.end] == task.text


@pytest.mark.parametrize("signer", ["Rơ Ô Hải", "Y Thanh Hà Niê Kđăm", "Nguyễn Văn An"])
def test_numeric_header_date_and_every_signer_name(signer):
    record = extract_text(f"Số: 12/KH-UBND\nGia Lai, ngày 18/9/2023\nKẾ HOẠCH\nCông tác năm 2023\n\n"
                          f"I. NHIỆM VỤ\n1. Sở Nội vụ kiểm tra.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n{signer}\n")
    doc = record.document
    assert (doc.place, doc.date, doc.signer) == ("Gia Lai", "2023-09-18", signer)


def test_a_date_without_year_takes_the_plans_year():
    record = extract_text("Số: 12/KH-UBND\nHà Nội, ngày 10 tháng 01 năm 2024\nKẾ HOẠCH\nCông tác\n\n"
                          "I. NHIỆM VỤ\n1. Sở Nội vụ gửi báo cáo trước ngày 15/12.\n"
                          "2. Thanh tra tỉnh tổng hợp trước ngày 20 hằng tháng.\n")
    assert [t.timeframe.due for t in record.tasks] == ["2024-12-15", None]  # recurring: none


@pytest.mark.parametrize(("lines", "issuer"), [
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA\nSố: 1/KH-UBND\nTân Hòa,", "Ủy ban nhân dân xã Tân Hòa"),
    ("SỞ TÀI CHÍNH\nTỈNH BÌNH ĐỊNH\nSố: 1/KH-STC\nBình Định,", "Sở Tài chính tỉnh Bình Định"),
    ("THANH TRA CHÍNH PHỦ\nSố: 616/KH-TTCP\nHà Nội,", "Thanh tra Chính phủ"),  # central: no place
    ("TỈNH ỦY BÌNH DƯƠNG\nSố: 12-KH/TU\nBình Dương,", "Tỉnh ủy Bình Dương"),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ\nSố: 1/KH-SKHĐT\nHà Nội,", "Sở Kế hoạch và Đầu tư thành phố Hà Nội"),
    # an issuer whose name a number codes keeps that name's casing, whole
    ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 12/QĐ-TTg\nHà Nội,", "Thủ tướng Chính phủ"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\nSố: 5/KH-LĐTBXH\nHà Nội,", "Bộ Lao động - Thương binh và Xã hội"),
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nSố: 7/KH-UBTVQH15\nHà Nội,", "Ủy ban Thường vụ Quốc hội"),
])
def test_issuer_from_the_header_block(lines, issuer):
    record = extract_text(f"{lines} ngày 01 tháng 3 năm 2025\nKẾ HOẠCH\nX\n\nI. NHIỆM VỤ\n"
                          "1. Thanh tra kiểm tra.\n")
    assert record.document.issuer == issuer


def test_a_team_set_up_by_a_decision_issues_in_that_decisions_name():
    record = extract_text("SỞ TƯ PHÁP\nTỔ CÔNG TÁC THEO QUYẾT ĐỊNH\nSỐ 27/QĐ-STP\nSố: 3/KH-TCT\n"
                          "Cà Mau, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nRà soát văn bản\n\n"
                          "I. NHIỆM VỤ\n1. Các thành viên rà soát văn bản.\n")
    assert record.document.issuer == "Tổ công tác theo Quyết định số 27/QĐ-STP"  # not placed


def test_an_official_letter_gives_its_subject_as_title():
    doc = extract_text("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 815/UBND-NC\nCà Mau, ngày 09 tháng 3 năm "
                       "2026\nV/v rà soát, báo cáo công tác\ntiếp công dân quý I năm 2026\n"
                       "Kính gửi: Các sở, ban, ngành tỉnh.\n\nỦy ban nhân dân tỉnh đề nghị:\n"
                       "1. Thanh tra tỉnh tổng hợp, báo cáo trước ngày 20/3/2026.\n").document
    assert (doc.type, doc.number, doc.date) == ("Công văn", "815/UBND-NC", "2026-03-09")
    assert doc.title == "Rà soát, báo cáo công tác tiếp công dân quý I năm 2026"


def test_a_heading_body_with_its_place_keeps_the_task_after_it():
    tasks = _tasks("1. Các cơ quan, đơn vị trên địa bàn tỉnh thực hiện nghiêm việc công khai.\n"
                   "2. Các cơ quan, đơn vị trên địa bàn tỉnh Lâm Đồng:\n- Kiểm tra việc công khai.\n")
    assert [(t.section, t.text, _roles(t)) for t in tasks] == [
        ("II.1", "Các cơ quan, đơn vị trên địa bàn tỉnh thực hiện nghiêm việc công khai.",
         [("Các cơ quan, đơn vị", "executor")]),
        ("II.2", "Kiểm tra việc công khai.", [("Các cơ quan, đơn vị", "executor")])]


@pytest.mark.parametrize("header", [
    # a copy that wrapped the header's table cells
    "ỦY\nBAN NHÂN DÂN\nTỈNH QUẢNG NAM\n-------\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số:\n1610/KH-UBND\nQuảng\nNam, ngày 07 tháng 5 năm 2015\n",
    # two columns on one line, number and date side by side
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NAM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 1610/KH-UBND Quảng Nam, ngày 07 tháng 5 năm 2015\n",
])
def test_headers_of_copies_made_from_pdf_or_web(header):
    doc = extract_text(header + "KẾ HOẠCH\nCông tác năm 2015\n\nI. NHIỆM VỤ\n1. Sở Nội vụ kiểm tra.\n").document
    assert (doc.number, doc.issuer, doc.place, doc.date) == (
        "1610/KH-UBND", "Ủy ban nhân dân tỉnh Quảng Nam", "Quảng Nam", "2015-05-07")


def test_a_department_under_its_province_in_the_issuer_block():
    doc = extract_text("UBND TỈNH BÌNH ĐỊNH\nSỞ TÀI CHÍNH\n-------\nSố: 356/KH-STC\n"
                       "Bình Định, ngày 25 tháng 01 năm 2024\nKẾ HOẠCH\nX\n\nI. NHIỆM VỤ\n"
                       "1. Thanh tra Sở kiểm tra.\n").document
    assert doc.issuer == "Sở Tài chính tỉnh Bình Định"


def test_bullets_spelling_out_what_a_sentence_asks_are_its_content():
    """The guide: bullets that list the content of the enclosing task are no tasks; bullets
    that open with bodies of their own are."""
    tasks = _tasks(
        "1. Công khai, minh bạch\n"
        "a) Sở Tư pháp chủ trì tuyên truyền các nội dung sau:\n"
        "- Quy định về kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn.\n"
        "- Quy định về xử lý hành vi tham nhũng.\n"
        "Thời gian thực hiện: quý II/2025.\n"
        "b) Các cơ quan, đơn vị thực hiện các nhiệm vụ sau:\n"
        "- Sở Nội vụ kiểm tra việc chuyển đổi vị trí công tác.\n"
        "- Sở Tài chính kiểm tra việc thực hiện định mức, tiêu chuẩn.\n")
    first = tasks[0]
    assert first.section == "II.1.a" and "xử lý hành vi tham nhũng" in first.text
    assert _roles(first) == [("Sở Tư pháp", "lead")] and first.timeframe.due == "2025-06-30"
    assert [t.section for t in tasks].count("II.1.a") == 1
    own = [t for t in tasks if t.section == "II.1.b" and t.text.startswith("Sở")]
    assert [t.bodies[-1].name for t in own] == ["Sở Nội vụ", "Sở Tài chính"]


def test_a_law_named_again_without_its_year_is_the_one_named_with_it():
    record = extract_text(
        "KẾ HOẠCH\nPhổ biến pháp luật năm 2024\n\n"
        "Căn cứ Luật Thanh tra năm 2010; Luật Đặc xá năm 2018;\n\n"
        "I. NHIỆM VỤ\n1. Sở Tư pháp chủ trì tuyên truyền Luật Thanh tra và Luật Đặc xá.\n")
    [task] = record.tasks
    assert [(c.number, c.title) for c in task.citations] == [
        ("56/2010/QH12", "Luật Thanh tra"),  # not 11/2022/QH15, in force in 2024
        (None, "Luật Đặc xá năm 2018")]  # unknown to the catalogue, still the same law
    assert len(record.citations) == 2


@pytest.mark.parametrize(("mention", "number"), [
    ("Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống tham nhũng năm 2012", "27/2012/QH13"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống tham nhũng năm 2007", "01/2007/QH12"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống tham nhũng", None),  # which one?
])
def test_amending_laws_resolve_by_their_year_only(mention, number):
    record = extract_text(f"KẾ HOẠCH\nThực hiện năm 2013\n\nCăn cứ {mention};\n\n"
                          "I. NHIỆM VỤ\n1. Thanh tra tỉnh kiểm tra.\n")
    assert [c.number for c in record.bases] == [number]


def test_a_decision_issuing_the_plan_gives_the_signer_and_the_tasks():
    """"QUYẾT ĐỊNH Ban hành Kế hoạch ...": Điều 1-3 and the signature come first, the plan
    is attached after them."""
    text = (Path(__file__).parent / "fixtures" / "plans" / "qd-kem-ke-hoach.txt").read_text(encoding="utf-8")
    record = extract_text(text)
    doc = record.document
    assert (doc.number, doc.type, doc.signer) == ("1234/QĐ-UBND", "Quyết định", "Võ Trọng Hải")
    assert [t.section for t in record.tasks] == ["II.1", "II.2", "III"]
    assert {c.number for c in record.bases} == {"77/2015/QH13", "36/2018/QH14"}


def test_a_party_plan_with_a_lower_case_title_under_its_type_line():
    """Party documents: "TỈNH ỦY ...", "Số 112-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", and a
    title in lower case under "KẾ HOẠCH"; their bodies include the Party's groups in state
    bodies; "thời gian:" may stand in lower case inside a sentence."""
    text = (Path(__file__).parent / "fixtures" / "plans" / "tinh-uy-ke-hoach.txt").read_text(
        encoding="utf-8")
    record = extract_text(text)
    doc = record.document
    assert (doc.number, doc.type, doc.date) == ("112-KH/TU", "Kế hoạch", "2023-05-10")
    assert doc.title.startswith("thực hiện Kết luận số 10-KL/TW")
    tasks = {t.section: t for t in record.tasks}
    assert tasks["II.2"].timeframe.due == "2024-12-31"
    assert ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "executor") in _roles(tasks["II.3"])


@pytest.mark.parametrize(("sentence", "roles"), [
    ("Đề nghị Công đoàn ngành Y tế phối hợp tuyên truyền.", [("Công đoàn ngành Y tế", "requested")]),
    ("Bệnh viện Đa khoa tỉnh thực hiện công khai.", [("Bệnh viện Đa khoa tỉnh", "executor")]),
    ("Quỹ Đầu tư phát triển tỉnh công khai báo cáo tài chính.",
     [("Quỹ Đầu tư phát triển tỉnh", "executor")]),
    ("Công đoàn Viên chức tỉnh phối hợp tuyên truyền.", [("Công đoàn Viên chức tỉnh", "support")]),
])
def test_unions_hospitals_and_funds_are_bodies(sentence, roles):
    [task] = _tasks(f"1. {sentence}\n")
    assert _roles(task) == roles


def test_a_ministry_plan_names_its_own_units():
    tasks = _tasks(
        "1. Vụ Tổ chức cán bộ chủ trì, phối hợp với Thanh tra Bộ hướng dẫn kê khai tài sản.\n"
        "2. Tổng cục Thuế, Kho bạc Nhà nước rà soát quy trình nghiệp vụ.\n"
        "3. Thủ trưởng các đơn vị thuộc Bộ tổ chức thực hiện Kế hoạch.\n")
    assert [_roles(t) for t in tasks] == [
        [("Vụ Tổ chức cán bộ", "lead"), ("Thanh tra Bộ", "support")],
        [("Tổng cục Thuế", "executor"), ("Kho bạc Nhà nước", "executor")],
        [("các đơn vị thuộc Bộ", "executor")]]


@pytest.mark.parametrize("group", ["Các Sở, ban, ngành, đoàn thể tỉnh",
                                   "Các sở, ban, ngành, hội, đoàn thể tỉnh"])
def test_departments_and_mass_organisations_named_as_one_group(group):
    [task] = _tasks(f"1. {group} triển khai thực hiện Kế hoạch.\n")
    assert _roles(task) == [(group, "executor")]


def test_titles_of_numbered_documents_stop_at_the_next_document_of_a_list():
    [task] = _tasks(
        "1. Thanh tra tỉnh tuyên truyền Quy định số 131-QĐ/TW ngày 28/10/2023 của Bộ Chính trị, "
        "Công văn số 1234/UBND-NC ngày 05/5/2024 của UBND tỉnh về tăng cường công tác phòng, "
        "chống tham nhũng, Nghị quyết số 126/NQ-CP ngày 29/11/2017 của Chính phủ về Chương trình "
        "hành động của Chính phủ, Luật số 59/2020/QH14, Bộ luật Hình sự năm 2015.\n")
    titles = {c.number: c.title for c in task.citations}
    assert titles["131-QĐ/TW"] is None  # what follows is the next document, not its title
    assert titles["1234/UBND-NC"] == "tăng cường công tác phòng, chống tham nhũng"
    assert titles["126/NQ-CP"] == "Chương trình hành động của Chính phủ"
    assert titles["59/2020/QH14"] == "Luật Doanh nghiệp"  # the catalogue's, not the next law
    assert titles["100/2015/QH13"] == "Bộ luật Hình sự"


@pytest.mark.parametrize(("words", "articles", "chapters"), [
    ("Chương II, Chương III Luật Phòng, chống tham nhũng", [], ["II", "III"]),
    ("Chương II, III Luật Phòng, chống tham nhũng", [], ["II", "III"]),
    ("Chương II đến Chương IV Luật Phòng, chống tham nhũng", [], ["II", "III", "IV"]),
    ("khoản 1 Điều 3, khoản 2 Điều 5 và Điều 9 Luật Phòng, chống tham nhũng", ["3", "5", "9"], []),
])
def test_a_list_of_pinpoints_belongs_to_the_document_after_it(words, articles, chapters):
    [task] = _tasks(f"1. Thanh tra tỉnh tuyên truyền {words} năm 2018.\n")
    [cite] = task.citations
    assert (cite.number, cite.articles, cite.chapters) == ("36/2018/QH14", articles, chapters)


@pytest.mark.parametrize(("sentence", "roles"), [
    ("UBND tỉnh giao Thanh tra tỉnh tổng hợp, báo cáo.", [("Thanh tra tỉnh", "executor")]),
    ("Chủ tịch UBND tỉnh giao cho Thanh tra tỉnh theo dõi.", [("Thanh tra tỉnh", "executor")]),
    ("Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng đề án.",
     [("Sở Nội vụ", "lead"), ("Sở Tài chính", "support")]),
    ("Thanh tra tỉnh là cơ quan thường trực, giúp UBND tỉnh theo dõi.",
     [("Thanh tra tỉnh", "executor")]),
])
def test_who_gives_a_task_is_not_its_assignee(sentence, roles):
    [task] = _tasks(f"1. {sentence}\n")
    assert _roles(task) == roles
