"""Shapes of plans never seen by the project (other provinces, ministries and years), each a
few lines of our own (invented bodies, numbers and dates), checked against the annotation
guide's rules and the way Vietnamese administrative documents are written (Nghị định
30/2020), each with a shape that looks alike and must not be read so."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from ingest.extract import extract_text
from tests.shape_helpers import roles, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nSố: 41/KH-UBND\n\nCao Bằng, ngày 12 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nPhát triển thương mại điện tử năm 2026\n\nCăn cứ Luật Thương mại năm 2005;\n\n")


def _tasks(body: str, head: str = HEAD + "II. TỔ CHỨC THỰC HIỆN\n\n"):
    return tasks_of(head, body)


_roles = roles


# ------------------------------------------------------------- cues in brackets, encouraging

def test_an_assignment_in_brackets_after_the_task_names_its_bodies():
    """"... ban hành Quy chế (Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính)": the bracket
    that closes a task gives it, as "giao" does in running text."""
    [task] = _tasks("1. Xây dựng và tham mưu UBND tỉnh ban hành Quy chế quản lý chợ đầu mối (Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính tham mưu).\n")
    assert _roles(task) == [("Sở Công Thương", "lead"), ("Sở Tài chính", "support")]


def test_a_body_in_brackets_without_a_cue_is_not_given_the_task():
    [task] = _tasks("1. Rà soát các chợ đầu mối trên địa bàn (Sở Công Thương đã tổng hợp năm 2025) và đề xuất phương án sắp xếp.\n")
    assert ("Sở Công Thương", "lead") not in _roles(task)


def test_a_task_that_opens_by_encouraging_bodies_is_theirs():
    """"17. Khuyến khích Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh xây dựng ...": a body
    the issuer cannot order is encouraged to take the task on; it is the one to act."""
    [task] = _tasks("17. Khuyến khích Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh xây dựng kế hoạch hỗ trợ hội viên bán hàng trên sàn thương mại điện tử.\n")
    assert _roles(task) == [("Hội Nông dân tỉnh", "executor"), ("Liên minh Hợp tác xã tỉnh", "executor")]


def test_encouraging_inside_a_body_s_task_is_that_body_s_means():
    """"Sở Công Thương: ... khuyến khích các doanh nghiệp ..." and "Tổ chức cuộc thi để
    khuyến khích các doanh nghiệp ...": the encouraged are no assignees of the task."""
    tasks = _tasks("1. Sở Công Thương\n\n- Tổ chức cuộc thi để khuyến khích các doanh nghiệp nhỏ và vừa bán hàng trực tuyến.\n\n"
                   "- Hướng dẫn hồ sơ đăng ký sàn; khuyến khích các hợp tác xã tham gia sàn thương mại điện tử của tỉnh.\n")
    assert [_roles(t) for t in tasks] == [[("Sở Công Thương", "executor")]] * 2


# -------------------------------------------------------------------- headings that list

def test_a_heading_that_lists_bodies_the_grammar_does_not_know_names_them_all():
    """"5. Các tổ chức chính trị - xã hội, tổ chức xã hội, hợp tác xã và cộng đồng.": a heading
    of bodies that goes on listing in lower case, with no verb, names every piece; the text
    below it is their task, not a second one."""
    tasks = _tasks("5. Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp, hợp tác xã và cộng đồng.\n\n"
                   "Tham gia tuyên truyền, vận động người dân sử dụng dịch vụ thanh toán không dùng tiền mặt.\n")
    assert len(tasks) == 1
    assert tasks[0].text.startswith("Tham gia tuyên truyền")
    assert _roles(tasks[0]) == [(name, "support") for name in (  # "Tham gia ...": they take part
        "Các tổ chức chính trị - xã hội", "tổ chức xã hội - nghề nghiệp", "hợp tác xã", "cộng đồng")]


def test_a_heading_of_one_group_and_a_field_lists_no_bodies():
    """"7. Các ngành, lĩnh vực khác" names fields of activity: one group and words after it
    are no list of bodies."""
    tasks = _tasks("7. Các ngành, lĩnh vực khác\n\nTập trung phát triển thương mại điện tử trong từng ngành, lĩnh vực.\n")
    assert [b.name for t in tasks for b in t.bodies] == []


# ----------------------------------------------------------------------------- law titles

def test_so_ends_a_law_s_title_only_before_its_number():
    """"Luật Kinh tế số số 99/2025/QH15" (an invented law): the first "số" (digital) is the
    title's, the second opens the number; one document, with its number."""
    record = extract_text(HEAD.replace("Căn cứ Luật Thương mại năm 2005;", "Căn cứ Luật Kinh tế số số 99/2025/QH15 ngày 30/11/2025;") + "II. NỘI DUNG\n\n1. Sở Công Thương chủ trì tuyên truyền.\n")
    [basis] = record.bases
    assert (basis.number, basis.title) == ("99/2025/QH15", "Luật Kinh tế số")


def test_so_before_a_number_still_ends_a_title():
    record = extract_text(HEAD.replace("Căn cứ Luật Thương mại năm 2005;", "Căn cứ Luật Điện lực số 61/2024/QH15 ngày 30/11/2024;") + "II. NỘI DUNG\n\n1. Sở Công Thương chủ trì tuyên truyền.\n")
    [basis] = record.bases
    assert basis.number == "61/2024/QH15" and basis.title == "Luật Điện lực"


def test_a_law_the_catalogue_knows_keeps_its_title_past_va():
    """"Luật Địa chất và khoáng sản": a title in sentence case ends at "và" where nothing
    tells more ("Luật Đất đai và các văn bản ..."); the catalogue of laws knows this one."""
    [task] = _tasks("1. Sở Nông nghiệp và Môi trường chủ trì tuyên truyền Luật Địa chất và khoáng sản đến doanh nghiệp.\n"
                    "2. Sở Tư pháp chủ trì rà soát Luật Hợp tác xã và các văn bản hướng dẫn.\n")[:1]
    assert [c.number for c in task.citations] == ["54/2024/QH15"]


def test_an_unknown_law_title_still_ends_at_va():
    tasks = _tasks("1. Sở Tư pháp chủ trì rà soát Luật Chợ truyền thống và các văn bản hướng dẫn.\n")
    assert [(c.number, c.title) for c in tasks[0].citations] == [(None, "Luật Chợ truyền thống")]


# ------------------------------------------------------------------ bodies and their roles

def test_a_kind_of_group_with_either_dash():
    """"các tổ chức chính trị – xã hội" (an en dash) is the group "chính trị - xã hội" names."""
    [task] = _tasks("1. Tăng cường phối hợp với các tổ chức chính trị – xã hội trong tuyên truyền, vận động Nhân dân.\n")
    assert _roles(task) == [("các tổ chức chính trị – xã hội", "support")]


def test_dong_thoi_then_chu_tri_makes_the_heading_s_body_lead():
    """"2. Giao Sở Xây dựng" / "... Đồng thời, chủ trì phối hợp với Công an tỉnh ...": the
    body a task is given to presides over the clause that opens with "chủ trì"."""
    tasks = _tasks("2. Giao Sở Xây dựng\n\nHướng dẫn áp dụng các giải pháp kỹ thuật.\n\n"
                   "Đồng thời, chủ trì phối hợp với Công an tỉnh kiểm tra, đôn đốc việc thực hiện.\n")
    assert _roles(tasks[-1]) == [("Sở Xây dựng", "lead"), ("Công an tỉnh", "support")]


DECISION = ("SỞ CÔNG THƯƠNG\nTỈNH HÀ GIANG\n\nSố: 212/QĐ-SCT\n\nHà Giang, ngày 09 tháng 4 năm 2026\n\n"
            "QUYẾT ĐỊNH\nThành lập Đoàn kiểm tra an toàn hóa chất năm 2026\n\nGIÁM ĐỐC SỞ CÔNG THƯƠNG\n\n"
            "Căn cứ Luật Hóa chất năm 2025;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Thành lập Đoàn kiểm tra an toàn hóa chất năm 2026.\n\n"
            "Điều 2. Tổ chức thực hiện\n\n1. Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm vụ.\n\n")


def test_those_a_decision_charges_with_carrying_it_out_are_its_executors():
    """"Chánh Văn phòng Sở, Trưởng phòng Kỹ thuật an toàn, các tổ chức có liên quan và các ông
    (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này": the bodies those heads
    head carry the decision out."""
    tasks = extract_text(DECISION + "2. Chánh Văn phòng Sở, Trưởng phòng Kỹ thuật an toàn, các tổ chức có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.\n").tasks
    assert _roles(tasks[-1]) == [("Văn phòng Sở", "executor"), ("phòng Kỹ thuật an toàn", "executor"),
                                 ("các tổ chức có liên quan", "executor")]


def test_a_body_named_after_the_subject_of_a_decision_s_article_is_no_executor():
    """A body far after the clause's start, behind other words, is none of its subjects."""
    tasks = extract_text(DECISION + "2. Kinh phí của Đoàn kiểm tra do ngân sách cấp qua Văn phòng Sở, bảo đảm theo quy định hiện hành và chịu trách nhiệm quyết toán.\n").tasks
    assert ("Văn phòng Sở", "executor") not in [r for t in tasks for r in _roles(t)]


# ---------------------------------------------------------- annex tables in Word documents

def _word_plan(tmp_path, table_rows):
    from tests.docx_build import para, table, write_docx
    blocks = [
        table([[["UBND TỈNH HÀ GIANG", "SỞ CÔNG THƯƠNG", "Số: 118/KH-SCT"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Hà Giang, ngày 14 tháng 5 năm 2026"]]]),
        para("KẾ HOẠCH"), para("Kiểm tra, cấp chứng chỉ an toàn hóa chất"),
        para("Căn cứ Luật Hóa chất năm 2025;"),
        para("TỔ CHỨC THỰC HIỆN", 0),
        para("Giao phòng Kỹ thuật an toàn tổ chức kiểm tra theo quy định.", 1),
        table([[["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Lê Văn Toàn"]]]),
        para("PHÂN CÔNG NHIỆM VỤ CỦA TỔ KIỂM TRA"),
        para("(Kèm theo Kế hoạch số 118/KH-SCT ngày 14/5/2026 của Sở Công Thương)"),
        table(table_rows),
    ]
    return write_docx(tmp_path / "ha-giang-118.docx", blocks)


def test_an_annex_that_shares_a_team_s_work_out_names_who_does_each_row(tmp_path):
    """"| TT | Nhiệm vụ thực hiện | Người thực hiện | Ghi chú |": a task table whose who
    column names persons, one a paragraph of its cell; each row is a task they carry out."""
    from ingest.extract import extract_file
    plan = _word_plan(tmp_path, [
        [["TT"], ["Nhiệm vụ thực hiện"], ["Người thực hiện"], ["Ghi chú"]],
        [["1"], ["Rà soát hồ sơ của học viên"], ["Trần Văn Bình", "Lý Thị Hoa"], [""]],
        [["2"], ["Tổ chức chấm bài"], ["Lý Thị Hoa"], [""]],
    ])
    rows = [t for t in extract_file(plan).tasks if t.section.startswith("PL")]
    assert [(t.section, t.text) for t in rows] == [("PL.1", "Rà soát hồ sơ của học viên"),
                                                    ("PL.2", "Tổ chức chấm bài")]
    assert _roles(rows[0]) == [("Trần Văn Bình", "executor"), ("Lý Thị Hoa", "executor")]


def test_a_word_table_of_names_and_notes_only_is_no_task_table(tmp_path):
    """A list of members ("| TT | Họ và tên | Chức vụ |") tells nobody to do anything."""
    from ingest.extract import extract_file
    plan = _word_plan(tmp_path, [
        [["TT"], ["Họ và tên"], ["Chức vụ"]],
        [["1"], ["Trần Văn Bình"], ["Tổ trưởng"]],
    ])
    assert [t.section for t in extract_file(plan).tasks if t.section.startswith("PL")] == []


def test_each_paragraph_of_a_word_who_cell_is_one_body(tmp_path):
    from ingest.extract import extract_file
    plan = _word_plan(tmp_path, [
        [["TT"], ["Nội dung"], ["Đơn vị chủ trì"], ["Đơn vị phối hợp"]],
        [["1"], ["Kiểm tra kho hóa chất"], ["Phòng Kỹ thuật an toàn"], ["Thanh tra Sở", "Văn phòng Sở"]],
    ])
    [row] = [t for t in extract_file(plan).tasks if t.section.startswith("PL")]
    assert _roles(row) == [("Phòng Kỹ thuật an toàn", "lead"), ("Thanh tra Sở", "support"),
                           ("Văn phòng Sở", "support")]


# ------------------------------------------------------- portal tables: a group's own row

def _cell_per_line(rows: list[list[str]]) -> str:
    """A table as the portal gives it a cell a line: "|" between cells, "|" / "|" between
    rows."""
    out = []
    for row in rows:
        out.append("|")
        for i, cell in enumerate(row):
            if i:
                out.append("|")
            out.append(cell)
        out.append("|")
    return "\n".join(out) + "\n"


def test_a_group_row_whose_empty_cells_are_bold_spaces_heads_its_rows():
    """"| **5.2** | ** ** | **Công nghiệp** | ** ** | ** ** |": the portal writes a group's row
    with its empty cells as bold spaces; the row is the group's title over the rows numbered
    under it ("5.2.1"), none of them a task of its own, and the rows are read whole."""
    table = _cell_per_line([
        ["**STT**", "**Nhiệm vụ**", "**Đơn vị thực hiện**", "**Đơn vị phối hợp**", "**Thời gian thực hiện**"],
        ["**5.1**", "** **", "**Thương mại**", "** **", "** **"],
        ["5.1.1", "Triển khai sàn thương mại điện tử của tỉnh", "Sở Công Thương", "Sở Tài chính", "2026 - 2027"],
        ["**5.2**", "** **", "**Công nghiệp**", "** **", "** **"],
        ["5.2.1", "Hỗ trợ doanh nghiệp chuyển đổi số", "Sở Khoa học và Công nghệ", "Sở Công Thương", "Năm 2026"],
    ])
    tasks = extract_text(HEAD + "II. NỘI DUNG\n\nChi tiết tại Phụ lục kèm theo.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Nam\n\n"
                         "**PHỤ LỤC**\n\n" + table).tasks
    assert [(t.section, t.text) for t in tasks] == [
        ("PL.5.1.1", "Triển khai sàn thương mại điện tử của tỉnh"),
        ("PL.5.2.1", "Hỗ trợ doanh nghiệp chuyển đổi số")]
    assert _roles(tasks[1]) == [("Sở Khoa học và Công nghệ", "executor"), ("Sở Công Thương", "support")]
    assert tasks[0].timeframe.due == "2027-12-31"


def test_a_row_with_its_content_is_a_task_even_when_other_cells_are_empty():
    table = _cell_per_line([
        ["**STT**", "**Nhiệm vụ**", "**Đơn vị thực hiện**", "**Thời gian thực hiện**"],
        ["1", "Triển khai sàn thương mại điện tử của tỉnh", "Sở Công Thương", "** **"],
    ])
    tasks = extract_text(HEAD + "II. NỘI DUNG\n\nChi tiết tại Phụ lục kèm theo.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Nam\n\n"
                         "**PHỤ LỤC**\n\n" + table).tasks
    assert [(t.section, _roles(t)) for t in tasks] == [("PL.1", [("Sở Công Thương", "executor")])]


def test_bold_spaces_outside_a_table_are_still_emphasis_only():
    from ingest.read import clean
    assert "*" not in clean("**1. Mục đích**\n** **\nNâng cao hiệu quả quản lý.\n|\n** **\nTiếp theo").text


# ------------------------------------------------ groups in assignment lines with their words

def test_a_group_in_an_assignment_line_keeps_the_words_that_specify_it():
    """"Đơn vị phối hợp: Sở Tài chính, các tổ chức hoạt động thương mại điện tử": the line
    holds only names, so the words after a group's noun are its own."""
    [task] = _tasks("1. Xây dựng sàn thương mại điện tử của tỉnh\n\n- Đơn vị chủ trì: Sở Công Thương.\n\n"
                    "- Đơn vị phối hợp: Sở Tài chính, các tổ chức hoạt động thương mại điện tử và các doanh nghiệp công nghệ số.\n")
    assert _roles(task) == [("Sở Công Thương", "lead"), ("Sở Tài chính", "support"),
                            ("các tổ chức hoạt động thương mại điện tử", "support"),
                            ("các doanh nghiệp công nghệ số", "support")]


def test_a_group_s_words_stop_at_a_function_word_or_a_role_cue():
    [task] = _tasks("1. Xây dựng sàn thương mại điện tử của tỉnh\n\n"
                    "- Đơn vị thực hiện: Sở Công Thương chủ trì; các đơn vị liên quan phối hợp; các doanh nghiệp theo chức năng.\n")
    assert _roles(task) == [("Sở Công Thương", "lead"), ("các đơn vị liên quan", "support"),
                            ("các doanh nghiệp", "executor")]


# ------------------------------------------------------ whom an item addresses; teams set up

def test_an_item_that_opens_by_naming_whom_it_addresses_is_theirs():
    """"6.1. Đối với Tổ kiểm tra: Các thành viên thực hiện ...", "Đối với các sở, ngành:" over
    bullets: the bodies named before the colon do what follows; a team the plan sets up
    ("Đoàn kiểm tra", "Tổ công tác") is a body of its own."""
    tasks = _tasks("6.1. Đối với Tổ kiểm tra: Các thành viên thực hiện nghiêm túc Kế hoạch.\n\n"
                   "6.2. Đối với các sở, ngành:\n\n- Chuẩn bị báo cáo bằng văn bản.\n\n- Cử cán bộ làm việc với Tổ kiểm tra.\n")
    assert [_roles(t) for t in tasks] == [[("Tổ kiểm tra", "executor")],
                                          [("các sở, ngành", "executor")], [("các sở, ngành", "executor")]]


def test_doi_voi_objects_before_a_comma_are_no_assignees():
    [task] = _tasks("1. Sở Xây dựng\n\nĐối với các cơ sở, công trình thuộc phạm vi quản lý, hướng dẫn chủ đầu tư áp dụng các giải pháp an toàn.\n")
    assert _roles(task) == [("Sở Xây dựng", "executor")]


def test_the_period_an_inspection_covers_is_no_task():
    """A decision on an inspection: "3. Thời hạn kiểm tra: ..." and "4. Thời hiệu kiểm tra: Từ
    khi được cấp giấy phép đến thời điểm kiểm tra" describe it; "5. Lập biên bản ..." is one."""
    tasks = extract_text(DECISION.replace("Điều 2. Tổ chức thực hiện\n\n1. Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm vụ.\n\n", "")
                         + "Điều 2. Nội dung, thời hạn và thời hiệu kiểm tra\n\n"
                         "1. Thời hiệu kiểm tra: Từ khi được cấp giấy phép sử dụng hóa chất đến thời điểm kiểm tra.\n\n"
                         "2. Lập biên bản kiểm tra, ghi nhận kết quả làm việc.\n").tasks
    assert [t.text for t in tasks] == ["Lập biên bản kiểm tra, ghi nhận kết quả làm việc."]


def test_a_national_technical_regulation_is_cited_by_its_own_number():
    """"Quy chuẩn kỹ thuật quốc gia QCVN 01:2019/BCT": its number whole, with its issuer,
    never "2019/BCT" read as a letter's; a standard stays one ("TCVN 9001:2015")."""
    [task] = _tasks("1. Sở Công Thương chủ trì kiểm tra việc áp dụng QCVN 01:2019/BCT và TCVN 9001:2015 tại các kho.\n")
    assert [(c.type, c.number) for c in task.citations] == [
        ("Quy chuẩn kỹ thuật", "QCVN 01:2019/BCT"), ("Tiêu chuẩn", "TCVN 9001:2015")]


# ------------------------------------------ lead-in sentences over items: articles, siblings

DECIDES = ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nTỈNH TUYÊN QUANG\n\nSố: 87/QĐ-SNNMT\n\nTuyên Quang, ngày 14 tháng 5 năm 2026\n\n"
           "QUYẾT ĐỊNH\nKiểm tra việc chấp hành pháp luật về thủy lợi năm 2026\n\nGIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\n"
           "Căn cứ Luật Thủy lợi năm 2017;\n\nQUYẾT ĐỊNH:\n\n")


def test_an_article_s_sentence_that_names_a_body_gives_it_the_clauses_below():
    """A decision with no plan attached is written in articles ("Điều 3." over "1." "2."): the
    article's sentence "Tổ kiểm tra thực hiện các nhiệm vụ sau:" assigns the clauses that name
    no body of their own, as an assignment line covers its group; a clause that names its own
    keeps it; clauses are numbered under their article ("Điều 3.1")."""
    tasks = extract_text(DECIDES + "Điều 1. Thành lập Tổ kiểm tra việc chấp hành pháp luật về thủy lợi.\n\n"
                         "Điều 2. Nhiệm vụ của Tổ kiểm tra\n\n"
                         "Tổ kiểm tra thực hiện các nhiệm vụ theo quy định của pháp luật, trong đó tập trung:\n\n"
                         "1. Xây dựng kế hoạch kiểm tra chi tiết, trình Giám đốc Sở phê duyệt.\n\n"
                         "2. Yêu cầu các đơn vị được kiểm tra cung cấp hồ sơ, tài liệu có liên quan.\n\n"
                         "3. Văn phòng Sở bố trí phương tiện đi lại cho Tổ kiểm tra.\n\n"
                         "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\nGIÁM ĐỐC\n\nPhan Văn Lực\n").tasks
    assert [(t.section, _roles(t)) for t in tasks] == [
        ("Điều 2.1", [("Tổ kiểm tra", "executor")]),
        ("Điều 2.2", [("Tổ kiểm tra", "executor")]),
        ("Điều 2.3", [("Văn phòng Sở", "executor")])]


def test_an_article_whose_heading_leads_in_and_one_that_names_nobody():
    """"Điều 1. Giao Phòng Thủy lợi chủ trì thực hiện các nội dung sau:" (the heading itself is
    the sentence, the body opening at it though it precedes the first item) gives its clauses
    to that body; "Điều 2. Nội dung kiểm tra gồm:" names nobody: its clauses get no body."""
    tasks = extract_text(DECIDES + "Điều 1. Giao Phòng Thủy lợi chủ trì thực hiện các nội dung sau:\n\n"
                         "1. Kiểm tra an toàn các hồ chứa nước trên địa bàn tỉnh.\n\n"
                         "Điều 2. Nội dung kiểm tra gồm:\n\n"
                         "1. Kiểm tra việc cấp phép các hoạt động trong phạm vi bảo vệ công trình.\n\n"
                         "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\nGIÁM ĐỐC\n\nPhan Văn Lực\n").tasks
    assert [(t.section, _roles(t)) for t in tasks] == [
        ("Điều 1.1", [("Phòng Thủy lợi", "lead")]), ("Điều 2.1", [])]


def test_a_lone_sentence_that_leads_in_gives_its_body_the_siblings_after_it():
    """"1. Giao Phòng Kỹ thuật triển khai các công việc sau:" with nothing under it, and "2."
    "3." numbered as its equals: they are the work it announces (its body's, executor) and it
    is no task itself; a sibling with its own subject ends the run."""
    tasks = _tasks("1. Giao Phòng Kỹ thuật an toàn triển khai thực hiện các công việc liên quan:\n\n"
                   "2. Tổ chức kiểm tra kỹ thuật an toàn tại các cơ sở sản xuất.\n\n"
                   "3. Chuẩn bị các điều kiện cần thiết khác cho Đoàn kiểm tra.\n\n"
                   "4. Văn phòng Sở bố trí kinh phí thực hiện.\n\n5. Tổng hợp kết quả kiểm tra.\n")
    assert [(t.text[:20], _roles(t)) for t in tasks] == [
        ("Tổ chức kiểm tra kỹ ", [("Phòng Kỹ thuật an toàn", "executor")]),
        ("Chuẩn bị các điều ki", [("Phòng Kỹ thuật an toàn", "executor")]),
        ("Văn phòng Sở bố trí ", [("Văn phòng Sở", "executor")]),
        ("Tổng hợp kết quả kiể", [])]


def test_a_lone_heading_with_a_colon_that_names_nobody_gives_nothing():
    tasks = _tasks("1. Các nội dung cần thực hiện ngay trong tháng 6:\n\n"
                   "2. Tổ chức kiểm tra kỹ thuật an toàn tại các cơ sở sản xuất.\n")
    assert [_roles(t) for t in tasks][-1] == []
    assert tasks[-1].text.startswith("Tổ chức kiểm tra")


# ------------------------------------------------------------ groups of generic bodies

def test_local_authorities_are_a_group_by_their_qualifier_or_scope():
    """"chính quyền địa phương", "chính quyền các cấp" are groups (the authorities of a level),
    as "các sở, ngành" is; after "và" they are a group of their own, at the end of a comma
    list ("Cấp ủy, chính quyền các cấp") one with the nouns before them."""
    tasks = _tasks("1. Công an tỉnh\n\n- Chủ động phối hợp với các sở, ngành và chính quyền địa phương kiểm tra các bến bãi.\n\n"
                   "2. Cấp ủy, chính quyền các cấp lãnh đạo, chỉ đạo thực hiện Kế hoạch.\n")
    assert [_roles(t) for t in tasks] == [
        [("Công an tỉnh", "support"), ("các sở, ngành", "support"), ("chính quyền địa phương", "support")],
        [("Cấp ủy, chính quyền các cấp", "executor")]]


def test_government_as_a_field_or_alone_is_no_body():
    """"xây dựng chính quyền số, chính quyền điện tử" names a field of work; "chính quyền" alone
    in a list of nouns ("cấp ủy, chính quyền, cơ quan") is no group of its own."""
    [task] = _tasks("1. Sở Nội vụ hướng dẫn xây dựng chính quyền số, chính quyền điện tử, phối hợp với chính quyền trong việc lập hồ sơ.\n")
    assert _roles(task) == [("Sở Nội vụ", "executor")]


def test_state_corporations_and_the_press_named_by_their_kind():
    """"Các doanh nghiệp nhà nước, Tổng Công ty tiên phong ...": a state corporation named by
    its kind alone is a body, as "Công an" is; "Các cơ quan báo chí, truyền thông" one group.
    A corporation with its own name keeps it whole."""
    tasks = _tasks("1. Các doanh nghiệp nhà nước, Tổng Công ty tiên phong ứng dụng công nghệ số trong quản trị.\n\n"
                   "2. Các cơ quan báo chí, truyền thông tăng cường thông tin về thương mại điện tử.\n\n"
                   "3. Tổng công ty Điện lực miền Bắc chủ trì đầu tư hạ tầng sạc điện.\n")
    assert [_roles(t) for t in tasks] == [
        [("Các doanh nghiệp nhà nước", "executor"), ("Tổng Công ty", "executor")],
        [("Các cơ quan báo chí, truyền thông", "executor")],
        [("Tổng công ty Điện lực miền Bắc", "lead")]]


def test_the_unit_an_inspection_plan_inspects_is_a_group():
    """"Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo ..." (an inspection plan's words to the
    inspected, Nghị định 217/2025 on kiểm tra chuyên ngành): a group by its qualifier; the
    inspected that a team works with are no assignees of the team's task."""
    tasks = _tasks("6.1. Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản theo đề cương.\n\n"
                   "6.2. Đoàn kiểm tra lập biên bản làm việc với các đơn vị được kiểm tra.\n")
    assert [_roles(t) for t in tasks] == [[("đơn vị được kiểm tra", "executor")], [("Đoàn kiểm tra", "executor")]]


def test_a_subject_placed_by_a_phrase_before_its_verb_still_acts():
    """"Các trường đại học tại tỉnh phối hợp ...", "Các cơ sở đào tạo ở các ngành, nghề mở thêm
    chuyên ngành đào tạo ...": a place between subject and verb leaves the subject the one
    acting; a phrase that turns passive ("... được hỗ trợ đào tạo") makes it the beneficiary."""
    tasks = _tasks("1. Các trường đại học tại tỉnh phối hợp đào tạo nhân lực thương mại điện tử.\n\n"
                   "2. Các doanh nghiệp trong khu công nghiệp tổ chức đào tạo kỹ năng số cho người lao động.\n\n"
                   "3. Sở Công Thương chủ trì hướng dẫn; các doanh nghiệp tại khu công nghiệp được hỗ trợ đào tạo nghề.\n")
    assert [_roles(t) for t in tasks] == [
        [("Các trường đại học", "support")], [("Các doanh nghiệp", "executor")], [("Sở Công Thương", "lead")]]


def test_the_closing_condition_ends_its_clause_without_its_comma():
    """"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn vị kịp thời phản
    ánh về ...": a plan's closing words; the condition ends its clause as its comma would, so
    the bodies after it are the ones to act (who they report to is no assignee). A body inside
    the condition ("vướng mắc với Sở Tài chính") is none."""
    tasks = _tasks("3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn vị, địa phương kịp thời phản ánh về Ủy ban nhân dân tỉnh (qua Sở Công Thương) để xem xét.\n\n"
                   "4. Trong quá trình thực hiện, nếu có khó khăn vướng mắc với Sở Tài chính về kinh phí thì tổng hợp, báo cáo.\n")
    assert [_roles(t) for t in tasks] == [[("các cơ quan, đơn vị, địa phương", "executor")], []]


def test_what_was_given_before_elsewhere_assigns_nothing():
    """"... từ nguồn kinh phí đã giao cho Công an tỉnh tại Quyết định số ...", "các nhiệm vụ
    được giao cho Sở X": they tell of an assignment made before, in another document, not of
    one this plan makes; "giao cho X" in the plan's own words still assigns."""
    tasks = _tasks("1. Sở Tài chính: thẩm định, cấp phát kinh phí từ nguồn kinh phí đã giao cho Công an tỉnh tại Quyết định số 77/QĐ-UBND ngày 03/01/2026.\n\n"
                   "2. Sở Nội vụ theo dõi việc thực hiện các nhiệm vụ được giao cho Sở Tư pháp.\n\n"
                   "3. Sở Tài chính: cấp phát kinh phí; giao cho Công an tỉnh hướng dẫn sử dụng kinh phí.\n")
    assert [_roles(t) for t in tasks] == [
        [("Sở Tài chính", "executor")], [("Sở Nội vụ", "executor")],
        [("Sở Tài chính", "executor"), ("Công an tỉnh", "executor")]]


def test_party_committees_and_grassroots_government_are_groups():
    """"cấp ủy" names the Party committees of the levels even alone (a head stands for it:
    "Đề nghị người đứng đầu cấp ủy"), as "chính quyền cơ sở" names the grassroots
    government (the level "cơ sở", as in "Ủy ban nhân dân cấp cơ sở"). Look-alikes: "cơ sở"
    of "cơ sở dữ liệu" is no level, "các tổ chức cơ sở đảng" one group whole."""
    tasks = _tasks("1. Đề nghị người đứng đầu cấp ủy chỉ đạo thực hiện chuyển đổi số.\n\n"
                   "2. Chính quyền cơ sở tổ chức tuyên truyền cho người dân.\n\n"
                   "3. Ủy ban nhân dân cấp cơ sở rà soát hộ kinh doanh.\n\n"
                   "4. Sở Công Thương chủ trì xây dựng cơ sở dữ liệu thương mại điện tử.\n\n"
                   "5. Đề nghị các tổ chức cơ sở đảng quán triệt Kế hoạch.\n")
    assert [_roles(t) for t in tasks] == [
        [("cấp ủy", "requested")], [("Chính quyền cơ sở", "executor")],
        [("Ủy ban nhân dân cấp cơ sở", "executor")], [("Sở Công Thương", "lead")],
        [("các tổ chức cơ sở đảng", "requested")]]


def test_a_list_of_state_agencies_with_their_kinds_is_one_group():
    """"các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ" (the Government's ministries and
    agencies, as a Prime Minister's plan addresses them) and "các cơ quan báo chí, phát thanh,
    truyền hình khác" are one group each. Look-alikes: an enterprise with its kind after a list
    of agencies is a body of its own; a named unit in a list keeps its name."""
    head = HEAD.replace("TỈNH CAO BẰNG", "THỦ TƯỚNG CHÍNH PHỦ") + "II. TỔ CHỨC THỰC HIỆN\n\n"
    tasks = _tasks("1. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ rà soát văn bản quy phạm pháp luật.\n\n"
                   "2. Các cơ quan báo chí, phát thanh, truyền hình khác tuyên truyền về thương mại điện tử.\n\n"
                   "3. Các cơ quan, đơn vị, doanh nghiệp có vốn nhà nước thực hiện công khai thông tin.\n\n"
                   "4. Sở Tư pháp, Phòng Nội chính thuộc Văn phòng Ủy ban nhân dân tỉnh tổng hợp kết quả.\n", head=head)
    assert [_roles(t) for t in tasks] == [
        [("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "executor")],
        [("Các cơ quan báo chí, phát thanh, truyền hình khác", "executor")],
        [("Các cơ quan, đơn vị", "executor"), ("doanh nghiệp có vốn nhà nước", "executor")],
        [("Sở Tư pháp", "executor"), ("Phòng Nội chính thuộc Văn phòng Ủy ban nhân dân tỉnh", "executor")]]


def test_a_department_named_by_its_alternative_names_is_one_body():
    """A ministry's plan addresses the department every province has under one name or
    another: "Sở Nông nghiệp và Môi trường/Sở Nông nghiệp tỉnh, thành phố trực thuộc Trung
    ương" is one body heading, whose lead-in's cue its items take. Look-alikes: the group
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" keeps its words; a place that
    is no province list ("tỉnh Cao Bằng") stays the name's own."""
    head = HEAD.replace("TỈNH CAO BẰNG", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG") + "II. TỔ CHỨC THỰC HIỆN\n\n"
    tasks = _tasks("3. Sở Nông nghiệp và Môi trường/Sở Nông nghiệp tỉnh, thành phố trực thuộc Trung ương\n\n"
                   "Chủ trì, phối hợp với các cơ quan có liên quan:\n\n"
                   "a) Rà soát quy hoạch sử dụng đất nông nghiệp.\n\n"
                   "4. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương bố trí kinh phí.\n\n"
                   "5. Sở Nông nghiệp tỉnh Cao Bằng tổng hợp kết quả.\n", head=head)
    assert [_roles(t) for t in tasks] == [
        [("Sở Nông nghiệp và Môi trường/Sở Nông nghiệp tỉnh, thành phố trực thuộc Trung ương", "lead"),
         ("các cơ quan có liên quan", "support")],
        [("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "executor")],
        [("Sở Nông nghiệp tỉnh Cao Bằng", "executor")]]


# ------------------------------------------------- documents named in a task's labelled lines

def test_documents_a_task_s_own_assignment_and_time_lines_name_are_its_citations():
    """The guide: lines under a task that name its bodies or time belong to that task; what
    they cite ("- Cơ quan thực hiện: Sở Xây dựng rà soát ... theo Nghị định số ...", "-
    Thời gian thực hiện: Theo lộ trình của Luật ...") the task cites. Look-alikes: a document
    named only by a description ("sau khi Nghị định hướng dẫn được ban hành") is none, and the
    next task's citation stays its own."""
    tasks = _tasks("1. Rà soát các quy hoạch xây dựng\n\n"
                   "- Nội dung: Rà soát các quy hoạch chung đã được phê duyệt.\n\n"
                   "- Cơ quan thực hiện: Sở Xây dựng rà soát, đánh giá theo Nghị định số 35/2023/NĐ-CP ngày 20 tháng 6 năm 2023 của Chính phủ; các xã, phường phối hợp.\n\n"
                   "- Thời gian thực hiện: Theo lộ trình của Luật Kiến trúc năm 2019.\n\n"
                   "2. Hướng dẫn lập quy hoạch phân khu\n\n"
                   "- Cơ quan chủ trì: Sở Xây dựng.\n\n"
                   "- Thời gian thực hiện: Sau khi Nghị định hướng dẫn được ban hành.\n\n"
                   "3. Công bố quy hoạch theo Quyết định số 118/QĐ-UBND ngày 05/02/2026 của Ủy ban nhân dân tỉnh.\n")
    cited = [[c.number or c.title for c in t.citations] for t in tasks]
    assert cited[0][0] == "35/2023/NĐ-CP" and len(cited[0]) == 2
    assert (tasks[0].citations[1].title, tasks[0].citations[1].type) == ("Luật Kiến trúc năm 2019", "Luật")
    assert cited[1:] == [[], ["118/QĐ-UBND"]]
    assert [_roles(t) for t in tasks[:2]] == [
        [("Sở Xây dựng", "executor"), ("các xã, phường", "support")], [("Sở Xây dựng", "lead")]]


def test_labels_written_into_the_task_s_own_sentence_are_its_assignment_lines():
    """Plans often close a task's sentence with its labelled lines: "(Cơ quan chủ trì: X;
    cơ quan phối hợp: Y; thời gian: ...)" or ". Đơn vị chủ trì: X. Thời gian: ...". They
    are the lines the guide gives the task's bodies and time by, and no part of its text."""
    tasks = _tasks("1. Rà soát thủ tục hành chính lĩnh vực khoáng sản (Cơ quan chủ trì: Sở Nông nghiệp và Môi trường; cơ quan phối hợp: Sở Tư pháp, Công an tỉnh; thời gian thực hiện: tháng 8/2026).\n\n"
                   "2. Tổ chức tập huấn nghiệp vụ cho công chức cấp xã. Đơn vị chủ trì: Sở Nội vụ. Đơn vị phối hợp: Ủy ban nhân dân các xã, phường. Thời gian: Quý III/2026.\n\n"
                   "3. Kiểm tra công tác văn thư, lưu trữ\n\n"
                   "- Kiểm tra tại các sở, ngành (Cơ quan thực hiện: Sở Nội vụ, thời gian hoàn thành: Quý IV/2026).\n\n"
                   "- Kiểm tra tại các xã, phường (Cơ quan thực hiện: Thanh tra tỉnh; thời gian: tháng 11/2026).\n")
    assert [t.text for t in tasks] == [
        "Rà soát thủ tục hành chính lĩnh vực khoáng sản",
        "Tổ chức tập huấn nghiệp vụ cho công chức cấp xã.",
        "Kiểm tra tại các sở, ngành", "Kiểm tra tại các xã, phường"]
    assert [_roles(t) for t in tasks] == [
        [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tư pháp", "support"), ("Công an tỉnh", "support")],
        [("Sở Nội vụ", "lead"), ("Ủy ban nhân dân các xã, phường", "support")],
        [("Sở Nội vụ", "executor")], [("Thanh tra tỉnh", "executor")]]
    assert [(t.timeframe.text, t.timeframe.due) for t in tasks] == [
        ("tháng 8/2026", "2026-08-31"), ("Quý III/2026", "2026-09-30"),
        ("Quý IV/2026", "2026-12-31"), ("tháng 11/2026", "2026-11-30")]


def test_a_labelled_line_that_goes_on_with_another_label_is_two_lines():
    """"- Cơ quan chủ trì: Sở Tư pháp; thời gian thực hiện: Quý I/2026.": the time is no body,
    and "Thời gian ...; cơ quan thực hiện: X" gives X."""
    tasks = _tasks("1. Xây dựng quy chế phối hợp\n\n- Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ; thời gian thực hiện: Quý I/2026.\n\n"
                   "2. Kiểm tra công vụ\n\nThời gian thực hiện: Quý II/2026; cơ quan thực hiện: Thanh tra tỉnh.\n")
    assert [(_roles(t), t.timeframe.text) for t in tasks] == [
        ([("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")], "Quý I/2026"),
        ([("Thanh tra tỉnh", "executor")], "Quý II/2026")]


def test_brackets_and_colons_that_are_no_assignment_lines_stay_the_sentence_s():
    """Look-alikes: a bracket that goes on into more text is the sentence's own (its bodies
    read as running text); "(Đơn vị: triệu đồng)" is a unit of measure; a colon that lists
    content ("với các nội dung: ...") and a bracket that cites are no labels."""
    tasks = _tasks("1. Sở Tài chính bố trí kinh phí (cơ quan phối hợp: các sở, ngành) và hướng dẫn thanh quyết toán.\n\n"
                   "2. Sở Tài chính tổng hợp dự toán kinh phí năm 2026 (Đơn vị: triệu đồng).\n\n"
                   "3. Sở Nội vụ tổ chức hội nghị với các nội dung: quán triệt, triển khai Luật (theo Quyết định số 25/QĐ-UBND ngày 10/01/2026).\n")
    assert [t.text for t in tasks] == [
        "Sở Tài chính bố trí kinh phí (cơ quan phối hợp: các sở, ngành) và hướng dẫn thanh quyết toán.",
        "Sở Tài chính tổng hợp dự toán kinh phí năm 2026 (Đơn vị: triệu đồng).",
        "Sở Nội vụ tổ chức hội nghị với các nội dung: quán triệt, triển khai Luật (theo Quyết định số 25/QĐ-UBND ngày 10/01/2026)."]
    assert [_roles(t)[0] for t in tasks] == [("Sở Tài chính", "executor"), ("Sở Tài chính", "executor"),
                                             ("Sở Nội vụ", "executor")]
    assert [c.number for c in tasks[2].citations] == ["25/QĐ-UBND"]


def test_a_list_of_enterprises_that_ends_with_their_kind_is_one_group():
    """"các Tập đoàn, Tổng công ty nhà nước": the kind after the list fits each of its nouns
    (state groups, state corporations), one group as "các sở, ban, ngành" is. Look-alikes: a
    first noun with its own kind stays a group of its own ("Các doanh nghiệp nhà nước, Tổng
    Công ty"); a kind that fits the last noun alone ("các cơ quan, đơn vị, doanh nghiệp có vốn
    nhà nước"); a corporation with a name of its own."""
    tasks = _tasks("1. Các Tập đoàn, Tổng công ty nhà nước xây dựng kế hoạch chuyển đổi số của đơn vị mình.\n\n"
                   "2. Sở Tài chính chủ trì, phối hợp với các tổng công ty, công ty nhà nước thuộc tỉnh rà soát phương án sử dụng đất.\n\n"
                   "3. Các doanh nghiệp nhà nước, Tổng Công ty tiên phong ứng dụng công nghệ số.\n\n"
                   "4. Các cơ quan, đơn vị, doanh nghiệp có vốn nhà nước thực hiện công khai thông tin.\n\n"
                   "5. Tập đoàn Bưu chính Viễn thông Việt Nam, Tổng công ty Điện lực miền Nam bảo đảm hạ tầng.\n")
    assert [_roles(t) for t in tasks] == [
        [("Các Tập đoàn, Tổng công ty nhà nước", "executor")],
        [("Sở Tài chính", "lead"), ("các tổng công ty, công ty nhà nước thuộc tỉnh", "support")],
        [("Các doanh nghiệp nhà nước", "executor"), ("Tổng Công ty", "executor")],
        [("Các cơ quan, đơn vị", "executor"), ("doanh nghiệp có vốn nhà nước", "executor")],
        [("Tập đoàn Bưu chính Viễn thông Việt Nam", "executor"), ("Tổng công ty Điện lực miền Nam", "executor")]]


def test_a_range_or_a_run_on_in_running_text_is_read_whole():
    """In running text as in a "Thời gian" line: "từ tháng 7/2026 đến tháng 12/2026" is due
    when the range ends, "trong năm 2026 và những năm tiếp theo" runs on (no due, the guide's
    "Năm 2025 và các năm tiếp theo"). Look-alikes: "... trước ngày 30/6/2026 và thường xuyên
    cập nhật" is a deadline and a new clause; a second deadline after a comma is no range."""
    tasks = _tasks("1. Sở Tư pháp chủ trì tổ chức thực hiện từ tháng 7/2026 đến tháng 12/2026.\n\n"
                   "2. Sở Nội vụ chủ trì tổ chức trong năm 2026 và những năm tiếp theo.\n\n"
                   "3. Sở Xây dựng chủ trì, hoàn thành trước ngày 30/6/2026 và thường xuyên cập nhật dữ liệu.\n\n"
                   "4. Sở Y tế chủ trì, hoàn thành trong quý II/2026, báo cáo trước ngày 15/7/2026.\n")
    assert [(t.timeframe.text, t.timeframe.due) for t in tasks] == [
        ("từ tháng 7/2026 đến tháng 12/2026", "2026-12-31"),
        ("trong năm 2026 và những năm tiếp theo", None),
        ("hoàn thành trước ngày 30/6/2026", "2026-06-30"),
        ("hoàn thành trong quý II/2026", "2026-06-30")]


def test_a_law_whose_title_opens_with_another_law_s_is_its_own():
    """"Luật Quy hoạch đô thị và nông thôn năm 2024" is not "Luật Quy hoạch" (2017): the
    longer title the catalogue knows is read whole; the shorter one stays itself."""
    [task] = _tasks("1. Sở Xây dựng chủ trì rà soát quy hoạch theo Luật Quy hoạch đô thị và nông thôn năm 2024 và Luật Quy hoạch năm 2017.\n")
    assert [c.number for c in task.citations] == ["47/2024/QH15", "21/2017/QH14"]


def test_a_unit_that_places_a_name_opens_no_group_after_it():
    """"Đài Phát thanh và Truyền hình tỉnh, cơ quan thông tấn báo chí": "tỉnh" is the
    station's place, not a group "tỉnh, cơ quan" (which hid the press behind the longer
    name); "Chủ trì, phối hợp Bộ Chỉ huy Quân sự tỉnh, sở, ngành có liên quan" likewise."""
    tasks = _tasks("1. Sở Văn hóa, Thể thao và Du lịch, Đài Phát thanh và Truyền hình tỉnh, cơ quan thông tấn báo chí chủ động tuyên truyền.\n\n"
                   "2. Công an tỉnh\n\nChủ trì, phối hợp Bộ Chỉ huy Quân sự tỉnh, sở, ngành có liên quan kiểm tra công tác bảo vệ bí mật nhà nước.\n")
    assert [_roles(t) for t in tasks] == [
        [("Sở Văn hóa, Thể thao và Du lịch", "executor"), ("Đài Phát thanh và Truyền hình tỉnh", "executor"),
         ("cơ quan thông tấn báo chí", "executor")],
        [("Công an tỉnh", "lead"), ("Bộ Chỉ huy Quân sự tỉnh", "support"), ("sở, ngành có liên quan", "support")]]


def test_a_duration_counted_from_an_event_is_the_task_s_time_with_no_due():
    """"trong thời hạn 30 ngày kể từ ngày Kế hoạch được ban hành", "chậm nhất 15 ngày sau khi
    ...": the task's time as written, with no due (the count runs from the day after the
    event, calendar or working days, and moves past holidays: Bộ luật Dân sự 2015 Điều
    147-148); a date inside it is the event's, not the deadline. Look-alikes: "trong 06 tháng
    đầu năm 2026" is a period, due at its end; "trong 30 ngày tới" names no event."""
    tasks = _tasks("1. Sở Tư pháp chủ trì rà soát văn bản trong thời hạn 30 ngày kể từ ngày Kế hoạch được ban hành.\n\n"
                   "2. Sở Tài chính thẩm định hồ sơ\n\n- Thời gian thực hiện: trong thời hạn 10 ngày làm việc kể từ ngày 01/7/2026.\n\n"
                   "3. Sở Nội vụ chủ trì tổng kết trong 06 tháng đầu năm 2026.\n\n"
                   "4. Sở Xây dựng chủ trì triển khai trong 30 ngày tới.\n")
    assert [(t.timeframe.text, t.timeframe.due) for t in tasks] == [
        ("trong thời hạn 30 ngày kể từ ngày Kế hoạch được ban hành", None),
        ("trong thời hạn 10 ngày làm việc kể từ ngày 01/7/2026", None),
        ("trong 06 tháng đầu năm 2026", "2026-06-30"), (None, None)]
