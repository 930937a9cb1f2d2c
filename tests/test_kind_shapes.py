"""Kinds of document the corpora show little of (an official letter of a UBND, a ministry's
decision with its annex table, a Party committee's plan, a yearly work programme, an
inspection plan), each in a few invented lines written as Nghị định 30/2020 lays such
documents out, checked against the annotation guide, each with a shape that looks alike and
must not be read so."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from ingest.extract import extract_text
from tests.shape_helpers import roles, tasks_of

# ------------------------------------------------------------------ an official letter

LETTER_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n\nSố: 562/UBND-VX\n"
               "V/v tăng cường phòng, chống dịch bệnh trên gia súc, gia cầm\n\n"
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
               "Lai Châu, ngày 05 tháng 02 năm 2026\n\n"
               "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các xã, phường.\n\n"
               "Để chủ động phòng, chống dịch bệnh, Ủy ban nhân dân tỉnh có ý kiến như sau:\n\n")
LETTER_END = ("\nYêu cầu các cơ quan, đơn vị, địa phương nghiêm túc thực hiện./.\n\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLò Văn Mạnh\n")


def test_a_letter_s_date_read_after_its_subject_is_its_date():
    """The letterhead's left column holds the number and the subject ("V/v ..."), the right
    one the motto and the place and date: a copy that reads the cells in turn puts the date
    after the subject. It is the letter's date, and neither it nor the motto is the subject."""
    doc = extract_text(LETTER_HEAD + "1. Giao Sở Tài chính bố trí kinh phí.\n" + LETTER_END).document
    assert (doc.type, doc.number, doc.date, doc.place) == ("Công văn", "562/UBND-VX", "2026-02-05", "Lai Châu")
    assert doc.title == "Tăng cường phòng, chống dịch bệnh trên gia súc, gia cầm"


def test_a_date_in_the_letter_s_text_is_not_its_date():
    """Once the letter is addressed ("Kính gửi"), a line of place and date is its text's."""
    head = LETTER_HEAD.replace("Lai Châu, ngày 05 tháng 02 năm 2026\n\n", "")
    doc = extract_text(head + "Lai Châu, ngày 05 tháng 02 năm 2026 đã xảy ra ổ dịch.\n\n1. Giao Sở Tài chính bố trí kinh phí.\n" + LETTER_END).document
    assert doc.date is None


def test_a_letter_s_numbered_orders_are_its_tasks():
    """A letter that is no plan numbers its orders straight away: "Giao X chủ trì ...",
    "Yêu cầu Chủ tịch UBND các xã ..." (the head stands for the body, ordered), "Đề nghị Ủy ban
    MTTQ ..." (outside the issuer's authority: requested); its closing "Yêu cầu ... ./." and
    its recipients are none."""
    record = extract_text(LETTER_HEAD
                          + "1. Giao Sở Xây dựng chủ trì, phối hợp với Công an tỉnh kiểm tra các công trình xây dựng không phép; báo cáo Ủy ban nhân dân tỉnh trước ngày 30/6/2026.\n\n"
                          + "2. Yêu cầu Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về công tác quản lý trật tự xây dựng trên địa bàn.\n\n"
                          + "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường giám sát, vận động nhân dân chấp hành pháp luật.\n"
                          + LETTER_END)
    assert [t.section for t in record.tasks] == ["1", "2", "3"]
    assert [roles(t) for t in record.tasks] == [
        [("Sở Xây dựng", "lead"), ("Công an tỉnh", "support")],
        [("Ủy ban nhân dân các xã, phường", "executor")],
        [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested")]]
    assert record.tasks[0].timeframe.due == "2026-06-30"


def test_a_letter_s_lead_in_gives_its_addressees_the_items_below():
    """"Thực hiện Công văn số ... của Bộ Nội vụ, Sở Nội vụ đề nghị các cơ quan, đơn vị thực
    hiện một số nội dung sau:" over "1. Rà soát ...", "2. Báo cáo ...": the items are the
    addressees' (as sub-items inherit a lead-in's bodies), not the ministry whose letter it
    carries out nor the issuer that asks; an item naming its own body keeps it."""
    head = LETTER_HEAD.replace("Để chủ động phòng, chống dịch bệnh, Ủy ban nhân dân tỉnh có ý kiến như sau:",
                               "Thực hiện Công văn số 1120/BNV-TCBC ngày 20/3/2026 của Bộ Nội vụ, Ủy ban nhân dân tỉnh giao các sở, ban, ngành tỉnh thực hiện một số nội dung sau:")
    tasks = extract_text(head + "1. Rà soát số lượng viên chức của các đơn vị sự nghiệp công lập trực thuộc.\n\n"
                         "2. Sở Nội vụ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/4/2026.\n" + LETTER_END).tasks
    assert [roles(t) for t in tasks] == [[("các sở, ban, ngành tỉnh", "executor")], [("Sở Nội vụ", "executor")]]


def test_a_lead_in_the_issuer_speaks_assigns_nothing():
    """"Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo như sau:" names who gives the orders: the items
    below it are not the issuer's own."""
    head = LETTER_HEAD.replace("Để chủ động phòng, chống dịch bệnh, Ủy ban nhân dân tỉnh có ý kiến như sau:",
                               "Để chủ động phòng, chống dịch bệnh, Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo như sau:")
    tasks = extract_text(head + "1. Tổ chức tiêm phòng vắc xin cúm gia cầm đợt I năm 2026.\n\n"
                         "2. Sở Y tế giám sát các trường hợp mắc cúm trên người.\n" + LETTER_END).tasks
    assert [roles(t) for t in tasks] == [[], [("Sở Y tế", "executor")]]


def test_a_letter_that_numbers_nothing_has_its_paragraphs_as_tasks():
    """A letter whose body is plain paragraphs after its lead-in ("..., Chủ tịch UBND tỉnh có ý
    kiến như sau:"): each paragraph telling a body to act is a task ("Giao Sở X chủ trì ...");
    the closing one in the issuer's voice ("Ủy ban nhân dân tỉnh thông báo để Sở X biết, thực
    hiện./."), the lead-in and the recipients are none."""
    head = LETTER_HEAD.replace("Để chủ động phòng, chống dịch bệnh, Ủy ban nhân dân tỉnh có ý kiến như sau:",
                               "Xét Văn bản số 125/XMTĐ ngày 02/9/2026 của Công ty Cổ phần Xi măng Tam Điệp, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:")
    record = extract_text(head + "Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Xây dựng kiểm tra hồ sơ, tham mưu Ủy ban nhân dân tỉnh giải quyết theo quy định; báo cáo trước ngày 30/9/2026.\n\n"
                          "Ủy ban nhân dân tỉnh thông báo để Sở Nông nghiệp và Môi trường biết, thực hiện./.\n\n"
                          "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLò Văn Mạnh\n")
    [task] = record.tasks
    assert task.text.startswith("Giao Sở Nông nghiệp và Môi trường chủ trì")
    assert roles(task) == [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Xây dựng", "support")]
    assert task.timeframe.due == "2026-09-30"


def test_requirements_headed_yeu_cau_are_still_no_tasks():
    """"2. Yêu cầu: ..." (or a sentence of requirements in lower case) heads what the plan
    requires of itself, as "Mục đích, yêu cầu" does; only "Yêu cầu" before a body orders."""
    tasks = extract_text(LETTER_HEAD + "1. Mục đích: Chủ động phòng, chống dịch bệnh.\n\n"
                         "2. Yêu cầu: Việc triển khai phải kịp thời, hiệu quả.\n\n"
                         "3. Yêu cầu đặt ra là bảo đảm an toàn dịch bệnh cho đàn gia cầm toàn tỉnh trong năm 2026.\n\n"
                         "4. Yêu cầu các sở, ban, ngành tỉnh triển khai thực hiện nghiêm túc.\n" + LETTER_END).tasks
    assert [t.section for t in tasks] == ["4"]
    assert roles(tasks[0]) == [("các sở, ban, ngành tỉnh", "executor")]


# ------------------------------------------- a ministry's decision and its annex table

def _cell(text: str = "", merge: str | None = None, span: int = 1) -> str:
    """A table cell as Word writes it: ``merge`` "restart" opens a vertical merge, "continue"
    is a cell merged into the one above (an empty paragraph); ``span`` columns wide."""
    from tests.docx_build import para
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{para(text) if text else '<w:p/>'}</w:tc>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def _ministry_plan(tmp_path, rows: list[str]):
    from ingest.extract import extract_file
    from tests.docx_build import para, write_docx
    blocks = [para(x) for x in (
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 845/KH-BKHCN", "Hà Nội, ngày 22 tháng 4 năm 2026",
        "KẾ HOẠCH", "Triển khai thi hành Luật Tiêu chuẩn năm 2025",
        "Căn cứ Luật Tiêu chuẩn và Quy chuẩn kỹ thuật số 70/2025/QH15;", "I. NHIỆM VỤ",
        "Các nhiệm vụ cụ thể tại bảng sau:")]
    header = _row(*(_cell(h) for h in ("STT", "Nội dung", "Sản phẩm", "Thời gian hoàn thành",
                                       "Cơ quan chủ trì", "Cơ quan phối hợp")))
    table = "<w:tbl>" + header + "".join(rows) + "</w:tbl>"
    path = write_docx(tmp_path / "plan.docx", [*blocks, table, para("BỘ TRƯỞNG"), para("Nguyễn Mạnh Hùng")])
    return extract_file(path).tasks


def test_a_cell_word_merged_into_the_one_above_inherits_it(tmp_path):
    """A ministry's annex table, its columns in an order of its own (STT | Nội dung | Sản
    phẩm | Thời gian hoàn thành | Cơ quan chủ trì | Cơ quan phối hợp), group rows in Roman
    numerals spanning the width: a bodies or time cell merged over rows (Word's vMerge, the
    rows below hold an empty cell) is every row's it covers; a group row ends the merge."""
    tasks = _ministry_plan(tmp_path, [
        _row(_cell("I"), _cell("Tuyên truyền, phổ biến Luật", span=5)),
        _row(_cell("1"), _cell("Tổ chức hội nghị phổ biến Luật"), _cell("Hội nghị"), _cell("Quý III/2026"),
             _cell("Vụ Pháp chế", "restart"), _cell("Văn phòng Bộ", "restart")),
        _row(_cell("2"), _cell("Biên soạn tài liệu hỏi đáp về Luật"), _cell("Tài liệu"), _cell("Quý IV/2026"),
             _cell(merge="continue"), _cell(merge="continue")),
        _row(_cell("II"), _cell("Xây dựng văn bản quy định chi tiết", span=5)),
        _row(_cell("1"), _cell("Xây dựng Nghị định quy định chi tiết Luật"), _cell("Nghị định"),
             _cell("Tháng 10/2026", "restart"), _cell("Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia", "restart"), _cell("Vụ Pháp chế")),
        _row(_cell("2"), _cell("Xây dựng Thông tư hướng dẫn Luật"), _cell("Thông tư"),
             _cell(merge="continue"), _cell(merge="continue"), _cell()),
    ])
    assert [(t.section, roles(t), t.timeframe.due) for t in tasks] == [
        ("I.I.1", [("Vụ Pháp chế", "lead"), ("Văn phòng Bộ", "support")], "2026-09-30"),
        ("I.I.2", [("Vụ Pháp chế", "lead"), ("Văn phòng Bộ", "support")], "2026-12-31"),
        ("I.II.1", [("Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia", "lead"), ("Vụ Pháp chế", "support")], "2026-10-31"),
        ("I.II.2", [("Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia", "lead")], "2026-10-31")]


def test_an_empty_cell_word_did_not_merge_stays_empty(tmp_path):
    """An empty cell that is no merge (no vMerge) names nobody: the row has no support."""
    tasks = _ministry_plan(tmp_path, [
        _row(_cell("1"), _cell("Tổ chức hội nghị phổ biến Luật"), _cell("Hội nghị"), _cell("Quý III/2026"),
             _cell("Vụ Pháp chế"), _cell("Văn phòng Bộ")),
        _row(_cell("2"), _cell("Biên soạn tài liệu hỏi đáp về Luật"), _cell("Tài liệu"), _cell("Quý IV/2026"),
             _cell("Vụ Pháp chế"), _cell()),
    ])
    assert [roles(t) for t in tasks] == [[("Vụ Pháp chế", "lead"), ("Văn phòng Bộ", "support")],
                                         [("Vụ Pháp chế", "lead")]]


def test_a_row_the_portal_cut_short_under_group_rows_keeps_its_time_above():
    """The portal leaves out of a row the cells merged above it ("| 2 | Xây dựng Thông tư
    ... | Thông tư | Vụ Pháp chế |" under a six-column header): the empty cells of the
    group rows ("| II | Xây dựng văn bản ... | | | | |") tell nothing of what a column holds,
    so the text lacks the time column (its "Tháng 10/2026" inherited), not a bodies one."""
    head = ("BỘ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 845/KH-BKHCN\n\nHà Nội, ngày 22 tháng 4 năm 2026\n\n"
            "KẾ HOẠCH\nTriển khai thi hành Luật Tiêu chuẩn năm 2025\n\nI. NHIỆM VỤ\n\n")
    tasks = tasks_of(head, "| STT | Nội dung | Sản phẩm | Thời gian hoàn thành | Cơ quan chủ trì | Cơ quan phối hợp |\n|---|---|---|---|---|---|\n"
                     "| I | Tuyên truyền, phổ biến Luật | | | | |\n"
                     "| 1 | Tổ chức hội nghị phổ biến Luật | Hội nghị | Quý III/2026 | Vụ Pháp chế | Văn phòng Bộ |\n"
                     "| II | Xây dựng văn bản quy định chi tiết | | | | |\n"
                     "| 1 | Xây dựng Nghị định quy định chi tiết Luật | Nghị định | Tháng 10/2026 | Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia | Văn phòng Bộ |\n"
                     "| 2 | Xây dựng Thông tư hướng dẫn Luật | Thông tư | Vụ Pháp chế |\n")
    assert (tasks[-1].timeframe.text, tasks[-1].timeframe.due) == ("Tháng 10/2026", "2026-10-31")
    assert "Vụ Pháp chế" in [b.name for b in tasks[-1].bodies]


# ----------------------------------------------------------- a Party committee's plan

PARTY_HEAD = ("ĐẢNG BỘ TỈNH TUYÊN QUANG\nTỈNH ỦY\n*\nSố 87-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
              "Tuyên Quang, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nthực hiện Kết luận số 121-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng\n\n"
              "Thực hiện Kết luận số 121-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch thực hiện như sau:\n\n"
              "III. TỔ CHỨC THỰC HIỆN\n\n")


def test_a_party_committee_is_named_with_its_province():
    """"TỈNH ỦY" under "ĐẢNG BỘ TỈNH TUYÊN QUANG" is Tỉnh ủy Tuyên Quang: a Party committee
    takes its place's name straight after it, not "Tỉnh ủy tỉnh ..."."""
    doc = extract_text(PARTY_HEAD + "1. Ban Tổ chức Tỉnh ủy theo dõi việc thực hiện Kế hoạch.\n").document
    assert (doc.number, doc.issuer) == ("87-KH/TU", "Tỉnh ủy Tuyên Quang")


def test_a_party_body_that_leads_a_state_body_is_the_one_ordered():
    """"Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh tăng cường giám sát ...": the Party plan
    orders its Party body, which leads the council; "lãnh đạo" in lower case between the
    two is its verb, not a head word joining a list (as "lãnh đạo, chỉ đạo" already was).
    "Đề nghị Ban Thường vụ Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội" asks them."""
    tasks = tasks_of(PARTY_HEAD, "1. Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo Hội đồng nhân dân tỉnh tăng cường giám sát việc sắp xếp tổ chức bộ máy.\n\n"
                     "2. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh rà soát quy định về chức năng, nhiệm vụ của các cơ quan chuyên môn.\n\n"
                     "3. Đề nghị Ban Thường vụ Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội tỉnh tuyên truyền, vận động đoàn viên, hội viên thực hiện Kết luận.\n")
    assert [roles(t) for t in tasks] == [
        [("Đảng đoàn Hội đồng nhân dân tỉnh", "executor")],
        [("Ban cán sự đảng Ủy ban nhân dân tỉnh", "executor")],
        [("Ban Thường vụ Ủy ban Mặt trận Tổ quốc tỉnh", "requested"), ("các tổ chức chính trị - xã hội tỉnh", "requested")]]


def test_members_assigned_to_a_task_in_the_passive_are_told_to_act():
    """"Các đồng chí Thành ủy viên được phân công phụ trách địa bàn theo dõi, chỉ đạo ...":
    "được phân công" (as "được giao") says whom the work was given; the item is a task, not
    a remark of what happens ("Phong trào được triển khai từ ..." still is one)."""
    tasks = tasks_of(PARTY_HEAD, "1. Các đồng chí Tỉnh ủy viên được phân công phụ trách địa bàn theo dõi, chỉ đạo đại hội ở cơ sở.\n\n"
                     "2. Phong trào được triển khai từ tháng 6 năm 2026 trên phạm vi toàn tỉnh.\n")
    assert [t.section for t in tasks] == ["III.1"]


def test_the_standing_boards_of_the_party_s_lower_committees_are_one_name():
    """"Ban Thường vụ các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy": the scope names
    committees (their "ủy" no verb after "các huyện"), as "Ban Chỉ đạo các tỉnh, thành phố"
    names units."""
    tasks = tasks_of(PARTY_HEAD, "1. Ban Thường vụ các quận ủy, huyện ủy, đảng ủy trực thuộc Tỉnh ủy lãnh đạo xây dựng kế hoạch tổ chức đại hội.\n\n"
                     "2. Ban Chỉ đạo các tỉnh, thành phố xây dựng kế hoạch.\n")
    assert [roles(t) for t in tasks] == [
        [("Ban Thường vụ các quận ủy, huyện ủy, đảng ủy trực thuộc Tỉnh ủy", "executor")],
        [("Ban Chỉ đạo các tỉnh, thành phố", "executor")]]


def test_a_head_word_after_a_mark_still_joins_a_list():
    """"Sở Tư pháp và lãnh đạo các sở, ngành ...": after "và" the head opens the next name."""
    [task] = tasks_of(PARTY_HEAD, "1. Sở Tư pháp và lãnh đạo các sở, ngành triển khai thực hiện Kế hoạch.\n")
    assert roles(task) == [("Sở Tư pháp", "executor"), ("các sở, ngành", "executor")]


# ------------------------------------------------------------------ an inspection plan

INSPECTION_HEAD = ("SỞ CÔNG THƯƠNG\nTỈNH YÊN BÁI\n\nSố: 77/KH-SCT\n\nYên Bái, ngày 02 tháng 6 năm 2026\n\n"
                   "KẾ HOẠCH\nKiểm tra an toàn điện năm 2026\n\nCăn cứ Luật Điện lực năm 2024;\n\n")


def test_a_member_of_the_team_heading_an_item_does_it():
    """"Ông Nguyễn Văn A - Trưởng đoàn: Phụ trách chung ...": the item of the team's duties is
    the person's, as a person named in a task table's bodies cell makes the row theirs; what
    the duties open with gives the role ("Chủ trì, phụ trách ...": lead). A dash, a comma or a
    bracket sets off the part in the team; an honorific with no name ("Bà con nhân dân:") and
    a body ("Sở Công Thương:") are read as before."""
    tasks = tasks_of(INSPECTION_HEAD, "4. Phân công nhiệm vụ thành viên Đoàn kiểm tra\n\n"
                     "4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Chủ trì các buổi làm việc; ký các văn bản của Đoàn.\n\n"
                     "4.2. Bà Trần Thị Bình, Phó Giám đốc Sở, Thành viên: Kiểm tra hồ sơ pháp lý của đơn vị.\n\n"
                     "4.3. Đồng chí Lê Văn Cường (Thư ký đoàn): Lập biên bản kiểm tra.\n\n"
                     "4.4. Bà con nhân dân: tham gia giám sát việc sử dụng điện an toàn.\n\n"
                     "4.5. Sở Công Thương: Tổng hợp báo cáo kết quả kiểm tra.\n")
    assert [roles(t) for t in tasks] == [
        [("Hoàng Văn Thuân", "lead")], [("Trần Thị Bình", "executor")], [("Lê Văn Cường", "executor")],
        [], [("Sở Công Thương", "executor")]]
    assert tasks[0].bodies[0].span is not None


def test_bullets_headed_by_distinct_members_are_tasks_of_each():
    """"- Ông X - Thư ký: ..." / "- Bà Y - Thành viên: ...": bullets with distinct subjects are
    tasks, as bullets opening with distinct bodies are; one member's heading over bullets
    of duties keeps them as its one task's text."""
    tasks = tasks_of(INSPECTION_HEAD, "5. Trách nhiệm của thành viên Đoàn\n\n"
                     "- Ông Lê Văn Cường - Thư ký: Tổng hợp báo cáo kết quả kiểm tra.\n\n"
                     "- Bà Ngô Thị Dung - Thành viên: Lập biên bản kiểm tra.\n\n"
                     "6. Ông Hoàng Văn Thuân - Trưởng đoàn:\n\n- Phụ trách chung hoạt động của Đoàn;\n\n- Ký các văn bản của Đoàn.\n")
    assert [(t.section, roles(t)) for t in tasks] == [
        ("5", [("Lê Văn Cường", "executor")]), ("5", [("Ngô Thị Dung", "executor")]),
        ("6", [("Hoàng Văn Thuân", "executor")])]
    assert "Ký các văn bản" in tasks[2].text


def test_the_establishments_inspected_are_told_to_prepare():
    """"Các cơ sở được kiểm tra chuẩn bị hồ sơ ...": the establishments an inspection visits
    are a group, as "các đơn vị được kiểm tra" are; their task is no passive remark. "Trên
    cơ sở đề xuất ..." (a basis) names no establishment."""
    tasks = tasks_of(INSPECTION_HEAD, "VI. TỔ CHỨC THỰC HIỆN\n\n1. Các cơ sở được kiểm tra chuẩn bị hồ sơ, tài liệu theo nội dung kiểm tra.\n\n"
                     "2. Trên cơ sở đề xuất của Đoàn kiểm tra, Văn phòng Sở tổng hợp kết quả.\n")
    assert [roles(t) for t in tasks] == [[("Các cơ sở được kiểm tra", "executor")], [("Văn phòng Sở", "executor")]]


def test_a_sentence_about_a_person_is_no_heading_of_theirs():
    """"Ông Nguyễn Văn An kết luận: ..." has no part in a team before its colon, and the
    words before it are no name (not every word is capitalised): no person heads the item."""
    [task] = tasks_of(INSPECTION_HEAD, "4. Ông Nguyễn Văn An kết luận: thống nhất nội dung kiểm tra.\n")
    assert all(not b.name.startswith("Nguyễn Văn An") for b in task.bodies)


# ------------------------------------------------------------ a yearly work programme

PROGRAMME_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\n\nSố: 12/CTr-UBND\n\nBắc Kạn, ngày 15 tháng 01 năm 2026\n\n"
                  "CHƯƠNG TRÌNH\nCông tác năm 2026 của Ủy ban nhân dân tỉnh\n\n"
                  "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;\n\nII. DANH MỤC CÁC ĐỀ ÁN, NHIỆM VỤ\n\n")


def test_a_programme_s_time_column_gives_a_month_or_quarter_of_its_year():
    """"| Thời gian trình |" cells "Tháng 3", "Quý II", "6 tháng cuối năm": the period of the
    programme's year (its date's), ending on its last day."""
    tasks = tasks_of(PROGRAMME_HEAD,
                     "| STT | Tên đề án, nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian trình |\n|---|---|---|---|---|\n"
                     "| 1 | Đề án phát triển du lịch cộng đồng | Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính | Tháng 3 |\n"
                     "| 2 | Kế hoạch chuyển đổi số năm 2026 | Sở Khoa học và Công nghệ | Các sở, ban, ngành | Quý II |\n"
                     "| 3 | Quy định quản lý cụm công nghiệp | Sở Công Thương | Sở Xây dựng | 6 tháng cuối năm |\n")
    assert [(t.timeframe.text, t.timeframe.due) for t in tasks] == [
        ("Tháng 3", "2026-03-31"), ("Quý II", "2026-06-30"), ("6 tháng cuối năm", "2026-12-31")]


def test_marks_under_period_columns_give_the_row_s_time():
    """"| Quý I | Quý II | Quý III | Quý IV |" over marks ("x"): the row's work falls in the
    periods it marks, from the first to the last ("Quý III - Quý IV" ends 31 December); a
    time written in such a column ("15/8") is the row's own; a row with no mark has none."""
    tasks = tasks_of(PROGRAMME_HEAD,
                     "| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Quý I | Quý II | Quý III | Quý IV |\n|---|---|---|---|---|---|---|---|\n"
                     "| 1 | Đề án phát triển du lịch cộng đồng | Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính | x | | | |\n"
                     "| 2 | Kế hoạch chuyển đổi số năm 2026 | Sở Khoa học và Công nghệ | Các sở, ban, ngành | | X | | |\n"
                     "| 3 | Quy định quản lý cụm công nghiệp | Sở Công Thương | Sở Xây dựng | | | x | x |\n"
                     "| 4 | Báo cáo sơ kết công tác | Văn phòng Ủy ban nhân dân tỉnh | | | | Trước ngày 15/8 | |\n"
                     "| 5 | Rà soát thủ tục hành chính | Sở Tư pháp | | | | | |\n")
    assert [(t.timeframe.text, t.timeframe.due) for t in tasks] == [
        ("Quý I", "2026-03-31"), ("Quý II", "2026-06-30"), ("Quý III - Quý IV", "2026-12-31"),
        ("Trước ngày 15/8", "2026-08-15"), (None, None)]
    assert roles(tasks[2]) == [("Sở Công Thương", "lead"), ("Sở Xây dựng", "support")]


def test_a_header_naming_a_year_s_use_is_no_period():
    """"| Năm thực hiện |" over "2026" names what the column holds, not a period of its own."""
    tasks = tasks_of(PROGRAMME_HEAD,
                     "| STT | Nội dung | Cơ quan chủ trì | Năm thực hiện |\n|---|---|---|---|\n"
                     "| 1 | Đề án phát triển du lịch cộng đồng | Sở Văn hóa, Thể thao và Du lịch | 2027 |\n")
    assert tasks[0].timeframe.text != "Năm thực hiện"


def test_a_period_heading_times_the_items_under_it():
    """"1. Quý I" over "a) ...", "b) ...", "3. Tháng 12" over "a) ...": a programme written
    by period gives each item its heading's period (of the programme's year)."""
    tasks = tasks_of(PROGRAMME_HEAD, "1. Quý I\n\na) Xây dựng Kế hoạch chuyển đổi số của tỉnh.\n\nb) Xây dựng Đề án phát triển du lịch cộng đồng.\n\n"
                     "2. Tháng 12\n\na) Tổng kết công tác năm.\n\n3. Rà soát các thủ tục hành chính của tỉnh.\n")
    assert [(t.section, t.timeframe.text, t.timeframe.due) for t in tasks] == [
        ("II.1.a", "Quý I", "2026-03-31"), ("II.1.b", "Quý I", "2026-03-31"),
        ("II.2.a", "Tháng 12", "2026-12-31"), ("II.3", None, None)]


def test_a_bracket_closing_an_item_names_its_lead():
    """"a) Kế hoạch chuyển đổi số (Sở Khoa học và Công nghệ chủ trì)." and "(X chủ trì, Y phối
    hợp)": the bracket's cue gives its bodies their roles, as "(Giao X chủ trì)" does; a
    bracket that only tells of a body ("(Sở Công Thương đã tổng hợp năm 2025)") gives none."""
    tasks = tasks_of(PROGRAMME_HEAD, "1. Kế hoạch chuyển đổi số năm 2026 (Sở Khoa học và Công nghệ chủ trì).\n\n"
                     "2. Quy chế quản lý cụm công nghiệp (Sở Công Thương chủ trì, Sở Xây dựng phối hợp).\n\n"
                     "3. Rà soát các chợ đầu mối (Sở Công Thương đã tổng hợp năm 2025) và đề xuất phương án sắp xếp.\n")
    assert [roles(t) for t in tasks] == [
        [("Sở Khoa học và Công nghệ", "lead")], [("Sở Công Thương", "lead"), ("Sở Xây dựng", "support")], []]
