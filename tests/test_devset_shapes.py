"""Shapes met in real plans the extractor had never seen (a dev set of ministries', the Prime
Minister's and provinces' plans, kept outside the project), each rewritten as a few lines of
our own with invented bodies, numbers and dates, and checked against the annotation guide."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from ingest.extract import extract_text
from tests.shape_helpers import roles, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 41/KH-UBND\n\nAn Giang, ngày 02 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện Chương trình cải cách hành chính năm 2026\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;\n\n")


def _tasks(body: str, head: str = HEAD):
    return tasks_of(head, body)


# ---------------------------------------------------------------- letterhead as table rows

LETTERHEAD = (
    "| BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
    "| --- | --- |\n"
    "| Số: 17/KH-BXD | *Hà Nội, ngày 09 tháng 4 năm 2026* |\n")
PLAN = ("KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 05/CT-TTG VỀ NHÀ Ở XÃ HỘI\n"
        "Thực hiện Chỉ thị số 05/CT-TTg ngày 02 tháng 3 năm 2026 của Thủ tướng Chính phủ, Bộ Xây dựng ban hành Kế hoạch với các nội dung sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n- Triển khai kịp thời các nhiệm vụ.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Cục Phát triển đô thị chủ trì, phối hợp với Vụ Pháp chế rà soát các quy định về nhà ở xã hội.\n"
        "2. Vụ Kế hoạch - Tài chính bố trí kinh phí thực hiện Kế hoạch.\n")


def test_a_letterhead_written_as_table_rows_ends_at_the_first_line_without_bars():
    """A copy that writes the letterhead as "| ... |" rows with no blank line after them: the
    row closed by its bar is the table's end, and "KẾ HOẠCH" below it opens the plan (it was
    read as the row going on, and the whole plan became one cell: no task)."""
    record = extract_text(LETTERHEAD + PLAN)
    assert record.document.number == "17/KH-BXD"
    assert record.document.date == "2026-04-09"
    assert [t.section for t in record.tasks] == ["II.1", "II.2"]
    assert roles(record.tasks[0]) == [("Cục Phát triển đô thị", "lead"), ("Vụ Pháp chế", "support")]


def test_a_letterhead_grid_cell_per_line_ends_at_the_type_line():
    """A web copy that gives the letterhead a cell a line, "|" between cells, and no bar after
    its last cell: the type line below it ("KẾ HOẠCH") is in no cell, so the grid ends there
    (the last cell was read as running on to the end: the whole plan one cell, no title, no
    basis, no task)."""
    grid = ("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 63/KH-UBND\n|\nCao Bằng, ngày 14\n"
            "tháng 3 năm 2026\n|\n")
    plan = ("KẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC BỒI THƯỜNG NHÀ NƯỚC\nNĂM 2026\n"
            "Căn cứ Luật Phổ biến, giáo dục pháp luật năm 2012; Nghị định số 68/2018/NĐ-CP ngày 15/5/2018 của Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n- Triển khai kịp thời.\nII. NHIỆM VỤ\n"
            "1. Sở Tư pháp chủ trì tập huấn nghiệp vụ bồi thường; thời gian: quý II/2026.\n"
            "2. Sở Tài chính bảo đảm kinh phí giải quyết bồi thường.\n")
    record = extract_text(grid + plan)
    assert (record.document.number, record.document.date) == ("63/KH-UBND", "2026-03-14")
    assert record.document.title == "THỰC HIỆN CÔNG TÁC BỒI THƯỜNG NHÀ NƯỚC NĂM 2026"
    assert [c.number for c in record.bases] == ["14/2012/QH13", "68/2018/NĐ-CP"]
    assert [t.section for t in record.tasks] == ["II.1", "II.2"]
    assert record.tasks[0].timeframe.due == "2026-06-30"


def test_a_hard_wrapped_titles_short_last_line_ends_it_before_the_preamble():
    """A hard-wrapped copy whose title ends on a short line of capitals ("NĂM 2026"): the
    preamble below it opens its own paragraph (it was run into the title: no basis)."""
    head = ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: 19/KH-UBND\nBắc Kạn, ngày 06 tháng 2 năm 2026\n"
            "KẾ HOẠCH\nTHEO DÕI TÌNH HÌNH THI HÀNH PHÁP LUẬT TRONG LĨNH VỰC TRỌNG TÂM\nNĂM 2026\n"
            "Căn cứ Nghị định số 61/2013/NĐ-CP ngày 02/7/2013 của Chính phủ về theo dõi tình\n"
            "hình thi hành pháp luật; Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện với\n"
            "các nội dung cụ thể như sau:\n")
    body = ("I. NHIỆM VỤ\n1. Sở Tư pháp chủ trì kiểm tra tình hình thi hành pháp luật tại các sở,\n"
            "ngành và địa phương; thời gian thực hiện: trong quý III năm 2026.\n"
            "2. Các sở, ban, ngành tỉnh tự kiểm tra việc thi hành pháp luật trong phạm vi\n"
            "quản lý và báo cáo kết quả về Sở Tư pháp trước ngày 30/11/2026 để tổng hợp.\n"
            "3. Sở Tài chính bảo đảm kinh phí cho các hoạt động theo dõi thi hành pháp luật\n"
            "theo quy định của pháp luật về ngân sách nhà nước và hướng dẫn hiện hành.\n")
    record = extract_text(head + body)
    assert record.document.title.endswith("TRỌNG TÂM NĂM 2026")
    assert [c.number for c in record.bases] == ["61/2013/NĐ-CP"]
    assert [t.timeframe.due for t in record.tasks] == ["2026-09-30", "2026-11-30", None]


def test_a_one_year_plans_time_column_without_the_year_is_due_in_the_plans_year():
    """"| 1 | ... | Quý II |" in a plan of 2026: due at the end of the plan's second quarter;
    "Hằng quý" recurs, no due."""
    table = ("II. NHIỆM VỤ\n\n| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
             "| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Quý II |\n"
             "| 2 | Báo cáo tiến độ | Sở Nội vụ | Hằng quý |\n"
             "| 3 | Tổng kết | Sở Nội vụ | Tháng 12 |\n")
    assert [t.timeframe.due for t in _tasks(table)] == ["2026-06-30", None, "2026-12-31"]


def test_a_sections_heading_run_into_its_first_item_gives_the_item_back():
    """A PDF's text layer that puts a section's heading and its first item on one line ("III.
    TỔ CHỨC THỰC HIỆN 1. Sở ..."): the item is a task of its own (it was the heading's words,
    and lost)."""
    tasks = _tasks("I. MỤC ĐÍCH, YÊU CẦU 1. Nâng cao nhận thức.\n"
                   "II. NHIỆM VỤ 1. Công tác tuyên truyền\n"
                   "a) Sở Tư pháp chủ trì tuyên truyền pháp luật; thời gian: quý IV/2026.\n"
                   "b) Sở Nội vụ kiểm tra công vụ.\n"
                   "III. TỔ CHỨC THỰC HIỆN 1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n"
                   "2. Thanh tra tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch.\n")
    assert [t.section for t in tasks] == ["II.1.a", "II.1.b", "III.1", "III.2"]
    assert roles(tasks[2])[0][0] == "Sở Tài chính"


def test_a_draft_with_dots_for_its_number_and_day_keeps_its_header():
    """A draft sent for comments writes dots where the number and day will go ("Số:
    .../KH-UBND", "ngày ... tháng ... năm 2026") and names the decision that will issue it
    under its title: the header still reads (type, place, title; no number, no date) and
    the note is no part of the title."""
    head = ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: .../KH-UBND\nLạng Sơn, ngày ... tháng ... năm 2026\n"
            "KẾ HOẠCH\nTriển khai thi hành Luật Thống kê\n"
            "(Ban hành kèm theo Quyết định số .../QĐ-UBND ngày .../.../2026 của Ủy ban nhân dân tỉnh)\n"
            "Căn cứ Luật Thống kê năm 2015;\n")
    record = extract_text(head + "I. NHIỆM VỤ\n1. Cục Thống kê tỉnh chủ trì tuyên truyền Luật.\n")
    doc = record.document
    assert (doc.type, doc.place, doc.title, doc.number, doc.date) == (
        "Kế hoạch", "Lạng Sơn", "Triển khai thi hành Luật Thống kê", None, None)
    assert [t.section for t in record.tasks] == ["I.1"]


def test_a_cell_per_line_table_keeps_its_last_cell_without_a_type_line():
    """Look-alike: a task table a cell a line whose last cell lacks its bar keeps that cell."""
    table = ("II. NHIỆM VỤ\n\n|\nTT\n|\nNội dung\n|\nCơ quan chủ trì\n|\n|\n1\n|\n"
             "Rà soát hồ sơ bồi thường\n|\nSở Tư pháp\n")
    tasks = _tasks(table)
    assert [(t.text, roles(t)) for t in tasks] == [("Rà soát hồ sơ bồi thường", [("Sở Tư pháp", "lead")])]


def test_a_table_row_cut_over_lines_still_goes_on_to_its_closing_bar():
    """Look-alike: a row whose line lacks its closing bar, or a line that ends in a bar without
    opening with one, is the row cut by the converter, and goes on."""
    table = ("II. NHIỆM VỤ\n\n| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
             "| 1 | Rà soát thủ tục hành chính\nlĩnh vực đất đai | Sở Nông nghiệp và Môi trường | Quý II/2026 |\n"
             "| 2 | Số hóa hồ sơ | Sở Nội vụ\n| Quý III/2026 |\n")
    tasks = _tasks(table)
    assert [t.text for t in tasks] == ["Rà soát thủ tục hành chính lĩnh vực đất đai", "Số hóa hồ sơ"]
    assert [roles(t) for t in tasks] == [[("Sở Nông nghiệp và Môi trường", "lead")],
                                         [("Sở Nội vụ", "lead")]]
    assert [t.timeframe.due for t in tasks] == ["2026-06-30", "2026-09-30"]


# ------------------------------------------------------------- "Nhiệm vụ của X" headings

def test_a_heading_that_names_whose_duties_its_items_are_gives_them_that_body():
    """"II. NHIỆM VỤ CỦA SỞ TƯ PHÁP" over items with no subject: each is the Sở's task, lead
    where it "chủ trì"s; the bodies it works with are support."""
    tasks = _tasks("I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\n"
                   "II. NHIỆM VỤ CHỦ YẾU CỦA SỞ TƯ PHÁP\n"
                   "1. Chủ trì, phối hợp với Sở Nội vụ rà soát văn bản quy phạm pháp luật.\n"
                   "2. Xây dựng cơ sở dữ liệu về hộ tịch.\n"
                   "III. TRÁCH NHIỆM CỦA CÁC SỞ, BAN, NGÀNH\n"
                   "1. Tổ chức tuyên truyền pháp luật trong cơ quan, đơn vị.\n")
    assert [roles(t) for t in tasks] == [
        [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")],
        [("Sở Tư pháp", "executor")],
        [("các sở, ban, ngành", "executor")]]


def test_a_duties_heading_yields_to_an_item_that_names_its_own_body():
    """Look-alikes: a body heading below it names its own body; an item with its own subject
    keeps its own; "Nhiệm vụ, giải pháp" names nobody."""
    tasks = _tasks("II. NHIỆM VỤ CỦA CÁC CƠ QUAN, ĐƠN VỊ\n"
                   "1. Sở Nội vụ\n- Hướng dẫn đánh giá chỉ số cải cách hành chính.\n"
                   "2. Văn phòng Ủy ban nhân dân tỉnh theo dõi việc thực hiện Kế hoạch.\n"
                   "III. NHIỆM VỤ, GIẢI PHÁP\n1. Đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính.\n")
    assert [roles(t) for t in tasks] == [
        [("Sở Nội vụ", "executor")],
        [("Văn phòng Ủy ban nhân dân tỉnh", "executor")],
        []]


# ------------------------------------------------- a body's sentence leading in to a), b)

def test_a_body_sentence_that_leads_in_to_sub_items_is_no_task_of_its_own():
    """"1. Cục Phát triển đô thị có trách nhiệm:" over a), b) names whose they are, as a body
    heading does: its sub-items are the tasks."""
    tasks = _tasks("II. TỔ CHỨC THỰC HIỆN\n1. Cục Phát triển đô thị có trách nhiệm:\n"
                   "a) Chủ trì, phối hợp với Vụ Pháp chế hoàn thiện dự thảo Thông tư.\n"
                   "b) Tổng hợp, báo cáo kết quả thực hiện.\n"
                   "2. Viện Kiến trúc quốc gia chủ trì nghiên cứu thiết kế mẫu nhà ở.\n")
    assert [t.section for t in tasks] == ["II.1.a", "II.1.b", "II.2"]
    assert [roles(t) for t in tasks] == [
        [("Cục Phát triển đô thị", "lead"), ("Vụ Pháp chế", "support")],
        [("Cục Phát triển đô thị", "executor")],
        [("Viện Kiến trúc quốc gia", "lead")]]


def test_a_body_sentence_with_a_task_of_its_own_before_its_colon_stays_a_task():
    """Look-alike: "Sở X chủ trì tổng kết Kế hoạch. Đồng thời thực hiện:" states a task first."""
    tasks = _tasks("II. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì tổng kết Kế hoạch. Đồng thời thực hiện các việc sau:\n"
                   "a) Hướng dẫn các cơ quan đánh giá kết quả.\n")
    assert [t.section for t in tasks] == ["II.1", "II.1.a"]


# ------------------------------------------------------------------------- funding items

def test_items_under_a_heading_of_investment_capital_are_tasks_only_where_somebody_acts():
    """"IV. VỐN ĐẦU TƯ" lists sums as "Kinh phí" does: "1. Vốn ngân sách nhà nước: 120 tỷ
    đồng" is no task; "Sở Tài chính chủ trì bố trí vốn ..." is."""
    tasks = _tasks("II. NỘI DUNG\n1. Sở Xây dựng chủ trì thẩm định thiết kế.\n"
                   "IV. VỐN ĐẦU TƯ\n1. Vốn ngân sách nhà nước: 120 tỷ đồng.\n2. Vốn doanh nghiệp: 300 tỷ đồng.\n"
                   "3. Sở Tài chính chủ trì tham mưu bố trí vốn đầu tư hạ tầng.\n")
    assert [t.section for t in tasks] == ["II.1", "IV.3"]


# ------------------------------------------------------- "Các Bộ: Công Thương, Xây dựng"

def test_a_list_of_ministries_after_one_head_names_each_ministry():
    """"1. Các Bộ: Công Thương, Xây dựng, Tài nguyên và Môi trường:" names three ministries, as
    "các Sở: Nội vụ, Tài chính" names two departments (the annotation guide)."""
    tasks = _tasks("II. NHIỆM VỤ\n1. Các Bộ: Công Thương, Xây dựng, Tài nguyên và Môi trường:\n"
                   "a) Chủ trì, phối hợp với các cơ quan liên quan xây dựng kế hoạch giảm phát thải.\n"
                   "2. Sở Tư pháp chủ trì, phối hợp với các Sở: Nội vụ, Tài chính rà soát văn bản.\n"
                   "3. Lãnh đạo Bộ: chỉ đạo các đơn vị thực hiện.\n")
    assert [roles(t) for t in tasks[:2]] == [
        [("Bộ Công Thương", "lead"), ("Bộ Xây dựng", "lead"), ("Bộ Tài nguyên và Môi trường", "lead"),
         ("các cơ quan liên quan", "support")],
        [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support"), ("Sở Tài chính", "support")]]
    assert not any(b.name.startswith("Bộ ") for b in tasks[2].bodies)


# --------------------------------------------------------- names the grammar reads whole

def test_a_short_form_joined_by_an_ampersand_is_one_word_of_a_name():
    """"TN&MT" (Tài nguyên và Môi trường) is one word: "Trung tâm Truyền thông TN&MT" whole,
    and "các đơn vị có liên quan thuộc Bộ TN&MT" one group, not a group and a ministry."""
    [task] = _tasks("II. NHIỆM VỤ\n1. Trung tâm Truyền thông TN&MT chủ trì, phối hợp với các đơn vị có liên quan thuộc Bộ TN&MT thiết lập chuyên trang.\n")
    assert roles(task) == [("Trung tâm Truyền thông TN&MT", "lead"),
                           ("các đơn vị có liên quan thuộc Bộ Tài nguyên và Môi trường", "support")]


def test_a_sector_in_lower_case_is_part_of_the_field_that_names_it():
    """A field's words in lower case may hold a sector's "và" ("Viện Chiến lược, Chính sách
    tài nguyên và môi trường"); subjects listed with ";" or "," are each the task's."""
    tasks = _tasks("II. NHIỆM VỤ\n"
                   "1. Viện Khoa học Khí tượng thủy văn; Viện Chiến lược, Chính sách tài nguyên và môi trường nghiên cứu phương pháp kiểm kê khí nhà kính.\n"
                   "2. Trung tâm Truyền thông tài nguyên và môi trường, Báo Tài nguyên và Môi trường có trách nhiệm tuyên truyền Kế hoạch.\n")
    assert [roles(t) for t in tasks] == [
        [("Viện Khoa học Khí tượng thủy văn", "executor"),
         ("Viện Chiến lược, Chính sách tài nguyên và môi trường", "executor")],
        [("Trung tâm Truyền thông tài nguyên và môi trường", "executor"),
         ("Báo Tài nguyên và Môi trường", "executor")]]


def test_a_body_and_a_group_or_common_words_after_and_stay_apart():
    """Look-alikes: "và" before a group, an authority or a common noun ends the name."""
    tasks = _tasks("II. NHIỆM VỤ\n1. Sở Nội vụ và chính quyền địa phương rà soát biên chế.\n"
                   "2. Phối hợp với Sở Y tế và người dân tuyên truyền phòng, chống dịch.\n"
                   "3. Báo An Giang phối hợp đưa tin.\n")
    assert [roles(t) for t in tasks] == [
        [("Sở Nội vụ", "executor"), ("chính quyền địa phương", "executor")],
        [("Sở Y tế", "support")],
        [("Báo An Giang", "support")]]


# --------------------------------------- a bullet whose subject is one of its heading's

def test_a_bullet_that_opens_with_one_of_its_headings_bodies_is_that_bodys_alone():
    """Under "7. Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công nghiệp", "- Ban Quản lý
    Khu kinh tế chủ trì ..." names which of the two does it; a bullet with no subject is both
    bodies'; one that gives the work to a unit ("- Giao Phòng X ...") keeps the heading's."""
    tasks = _tasks("V. TỔ CHỨC THỰC HIỆN\n7. Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công nghiệp tỉnh\n"
                   "- Thực hiện quản lý, phát triển khu công nghiệp.\n"
                   "- Ban Quản lý Khu kinh tế chủ trì triển khai chuyển đổi khu công nghiệp sinh thái.\n"
                   "- Giao Phòng Quy hoạch chủ trì rà soát quy hoạch.\n")
    both = [("Ban Quản lý Khu kinh tế", "executor"), ("Ban Quản lý các Khu công nghiệp tỉnh", "executor")]
    assert [roles(t) for t in tasks] == [
        both, [("Ban Quản lý Khu kinh tế", "lead")], [*both, ("Phòng Quy hoạch", "lead")]]


def test_a_group_named_by_what_it_manages_keeps_those_words():
    """"các sở quản lý nhà nước chuyên ngành", "các cơ quan quản lý chuyên ngành": groups by
    what they manage (the verb "quản lý" as their kind), not "các sở" and the sentence."""
    tasks = _tasks("II. NHIỆM VỤ\n1. Thanh tra tỉnh chủ trì, phối hợp với các sở quản lý nhà nước chuyên ngành kiểm tra việc khai thác tài sản.\n"
                   "2. Sở Tài chính phối hợp với các cơ quan quản lý chuyên ngành xử lý vướng mắc.\n"
                   "3. Các cơ quan, đơn vị quản lý tài sản công khai kết quả.\n")
    assert [roles(t) for t in tasks] == [
        [("Thanh tra tỉnh", "lead"), ("các sở quản lý nhà nước chuyên ngành", "support")],
        [("Sở Tài chính", "support"), ("các cơ quan quản lý chuyên ngành", "support")],
        [("Các cơ quan, đơn vị", "executor")]]


def test_a_heading_body_that_presides_leads_even_where_an_aside_names_it():
    """"- Chủ trì, phối hợp với ... (Ủy ban nhân dân cấp xã có trách nhiệm rà soát ...)" under
    "9. Ủy ban nhân dân cấp xã": the heading's body presides over the task (the annotation
    guide), though an aside of the task names it doing a part of it."""
    tasks = _tasks("V. TỔ CHỨC THỰC HIỆN\n9. Ủy ban nhân dân cấp xã\n"
                   "- Chủ trì, phối hợp với các sở, ngành đề xuất danh mục dự án (ngoài các danh mục tại phụ lục, Ủy ban nhân dân cấp xã có trách nhiệm rà soát nhu cầu đầu tư).\n"
                   "- Tổng hợp nhu cầu đầu tư hạ tầng.\n")
    assert [sorted(roles(t)) for t in tasks] == [
        [("các sở, ngành", "support"), ("Ủy ban nhân dân cấp xã", "lead")],
        [("Ủy ban nhân dân cấp xã", "executor")]]


def test_a_group_that_belongs_to_a_group_is_one_body():
    """"các đơn vị thuộc các Bộ có liên quan" is one group (the units of the ministries), not
    "các đơn vị" and "các Bộ có liên quan"."""
    [task] = _tasks("II. NHIỆM VỤ\n1. Cục Biến đổi khí hậu chủ trì, phối hợp với các đơn vị thuộc các Bộ có liên quan thiết lập hệ thống đăng ký.\n")
    assert roles(task) == [("Cục Biến đổi khí hậu", "lead"),
                           ("các đơn vị thuộc các Bộ có liên quan", "support")]
