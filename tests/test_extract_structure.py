"""Which lines make one task, and which assignment and time lines belong to which task: the
layouts of plans of every kind (labelled lines and sub-items, blocks shared by several
items, headings that hold tasks only where a body acts, closing lines). Each plan is a few
lines of our own, written as Vietnamese administrative documents are (Nghị định 30/2020)."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text

HEAD = "KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2026\n\nCăn cứ Luật Giao dịch điện tử;\n\n"


def _tasks(body: str, head: str = HEAD + "II. NHIỆM VỤ\n\n"):
    return extract_text(head + body).tasks


def _roles(task) -> list[tuple[str, str]]:
    return [(b.name, b.role) for b in task.bodies]


def test_lettered_labels_under_a_task_are_its_parts_not_tasks():
    """"a) Nhiệm vụ: ..." / "b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: X" lines /
    "c) Thời gian thực hiện: ...": one task, numbered by the item that holds them."""
    [task] = _tasks("1. Về hạ tầng số\n\n1.1. Nâng cấp mạng nội bộ:\n\n"
                    "a) Nhiệm vụ: Rà soát, nâng cấp mạng nội bộ của các cơ quan nhà nước.\n\n"
                    "b) Cơ quan thực hiện:\n\n- Đơn vị chủ trì: Sở Tư pháp.\n\n"
                    "- Đơn vị phối hợp: Sở Nội vụ, Thanh tra tỉnh.\n\n"
                    "c) Thời gian thực hiện: Hoàn thành trong quý III/2026.\n")
    assert task.section == "II.1.1"
    assert "Rà soát, nâng cấp mạng nội bộ" in task.text
    assert _roles(task) == [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support"),
                            ("Thanh tra tỉnh", "support")]
    assert task.timeframe.due == "2026-09-30"


def test_a_block_of_labelled_items_covers_every_task_beside_it():
    """"1. Nội dung" over a), b); "2. Cơ quan chủ trì, phối hợp" over "a) Cơ quan chủ trì" /
    "b) Cơ quan phối hợp" with the bodies on the lines below; "3. Thời gian thực hiện: ...":
    a) and b) are the tasks, and both take the block."""
    tasks = _tasks("I. TUYÊN TRUYỀN VỀ CHUYỂN ĐỔI SỐ\n\n1. Nội dung, biện pháp\n\n"
                   "a) Mở chuyên mục về chuyển đổi số trên cổng thông tin;\n\n"
                   "b) Tổ chức hội nghị giới thiệu các nền tảng số dùng chung.\n\n"
                   "2. Cơ quan chủ trì, phối hợp\n\na) Cơ quan chủ trì\n\n- Sở Tư pháp.\n\n"
                   "b) Cơ quan phối hợp\n\n- Sở Nội vụ; Thanh tra tỉnh.\n\n"
                   "3. Thời gian thực hiện: Tháng 5/2026 và thường xuyên.\n", head=HEAD)
    assert [t.section for t in tasks] == ["I.1.a", "I.1.b"]
    for task in tasks:
        assert _roles(task) == [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support"),
                                ("Thanh tra tỉnh", "support")]
        assert task.timeframe.text.startswith("Tháng 5/2026")


def test_a_label_of_role_words_alone_over_names_is_a_block():
    tasks = _tasks("I. KIỆN TOÀN TỔ CHỨC\n\n1. Nội dung\n\na) Thành lập tổ công tác chuyển đổi số.\n\n"
                   "2. Chủ trì thực hiện\n\n- Sở Nội vụ.\n\n- Thanh tra tỉnh.\n", head=HEAD)
    assert [(t.section, _roles(t)) for t in tasks] == [
        ("I.1.a", [("Sở Nội vụ", "lead"), ("Thanh tra tỉnh", "lead")])]


def test_a_label_whose_value_is_on_the_lines_below():
    """"- Thời gian thực hiện:" over "+" lines: those lines are its value, not tasks."""
    [task] = _tasks("1. Rà soát văn bản quy phạm pháp luật\n\n"
                    "- Nội dung: rà soát các văn bản về giao dịch điện tử.\n\n"
                    "- Cơ quan thực hiện: Sở Tư pháp.\n\n- Thời gian thực hiện:\n\n"
                    "+ Các sở gửi kết quả rà soát trước ngày 15/6/2026.\n\n"
                    "+ Sở Tư pháp tổng hợp trước ngày 30/6/2026.\n")
    assert _roles(task) == [("Sở Tư pháp", "executor")]
    assert task.timeframe.due == "2026-06-15"
    assert task.text.startswith("Rà soát văn bản")  # the item's title names the task


@pytest.mark.parametrize("label", ["Thời hạn ban hành", "Tiến độ thực hiện", "Thời gian hoàn thành"])
def test_time_labels_in_any_wording(label):
    [task] = _tasks(f"1. Xây dựng quy chế khai thác dữ liệu.\n- Cơ quan chủ trì: Sở Tư pháp.\n- {label}: trước ngày 31/10/2026.\n")
    assert task.timeframe.due == "2026-10-31"


def test_bullets_with_their_own_blocks_are_tasks_under_one_item():
    tasks = _tasks("1. Xây dựng văn bản hướng dẫn\n\n- Quy chế quản lý dữ liệu của tỉnh.\n\n"
                   "+ Cơ quan chủ trì: Sở Tư pháp.\n\n+ Thời hạn ban hành: quý II/2026.\n\n"
                   "- Quy định về chia sẻ dữ liệu giữa các sở.\n\n"
                   "+ Cơ quan chủ trì: Sở Nội vụ.\n\n+ Thời hạn ban hành: quý IV/2026.\n")
    assert [(t.section, _roles(t), t.timeframe.due) for t in tasks] == [
        ("II.1", [("Sở Tư pháp", "lead")], "2026-06-30"),
        ("II.1", [("Sở Nội vụ", "lead")], "2026-12-31")]


def test_bullets_that_name_no_body_spell_out_their_item():
    """The annotation guide: a bullet is a task of its own where it has its own assignment or
    sits under a body heading; else it belongs to the item above it."""
    tasks = _tasks("1. Hoàn thiện hạ tầng số\n\n- Nâng cấp đường truyền số liệu chuyên dùng.\n\n"
                   "- Đầu tư máy chủ và thiết bị lưu trữ.\n\n"
                   "2. Thanh tra tỉnh\n\n- Kiểm tra việc bảo đảm an toàn thông tin.\n\n"
                   "- Tổng hợp kết quả kiểm tra.\n")
    assert [(t.section, len(t.bodies)) for t in tasks] == [("II.1", 0), ("II.2", 1), ("II.2", 1)]
    assert "Đầu tư máy chủ" in tasks[0].text


def test_bullets_with_distinct_subjects_are_each_a_task():
    tasks = _tasks("1. Cơ chế phối hợp\n\n- Các sở, ban, ngành có trách nhiệm cung cấp dữ liệu đúng hạn.\n\n"
                   "- Trường hợp chậm cung cấp dữ liệu, đơn vị giải trình với Ủy ban nhân dân tỉnh.\n\n"
                   "- Sở Tư pháp định kỳ hằng quý tổng hợp, báo cáo.\n")
    assert len(tasks) == 3


def test_an_item_asking_for_what_its_bullets_list_is_one_task():
    [task] = _tasks("1. Thanh tra tỉnh\n\na) Tham mưu Ủy ban nhân dân tỉnh ban hành:\n\n"
                    "- Quy chế phối hợp kiểm tra;\n\n- Danh mục cơ quan được kiểm tra.\n")
    assert task.section == "II.1.a" and "Danh mục cơ quan" in task.text
    assert _roles(task) == [("Thanh tra tỉnh", "executor")]


def test_an_unclosed_sentence_goes_on_in_its_bullet():
    [task] = _tasks("1. Sở Tư pháp theo dõi việc thực hiện Kế hoạch và báo cáo Ủy ban nhân dân tỉnh\n\n"
                    "- qua hệ thống báo cáo trực tuyến trước ngày 25 hằng tháng.\n")
    assert "hệ thống báo cáo" in task.text


def test_an_intro_above_sub_items_is_no_task_unless_it_assigns():
    tasks = _tasks("1. Nhiệm vụ\n\nChuyển đổi số là động lực phát triển của tỉnh.\n\n"
                   "a) Số hóa hồ sơ thủ tục hành chính.\n\nb) Kết nối cơ sở dữ liệu dân cư.\n\n"
                   "2. Phân công trách nhiệm\n\nCác sở, ban, ngành chủ động triển khai các nội dung sau.\n\n"
                   "a) Sở Tư pháp tổ chức tập huấn.\n")
    assert [t.section for t in tasks] == ["II.1.a", "II.1.b", "II.2", "II.2.a"]


def test_a_funding_heading_holds_tasks_only_where_a_body_acts():
    tasks = _tasks("III. KINH PHÍ THỰC HIỆN\n\n1. Kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước.\n\n"
                   "2. Sở Tư pháp chủ trì tổng hợp dự toán kinh phí hằng năm.\n\n"
                   "3. Các cơ quan được giao nhiệm vụ có trách nhiệm quyết toán kinh phí.\n", head=HEAD)
    assert [t.section for t in tasks] == ["III.2", "III.3"]


def test_a_sentence_item_opening_with_a_heading_word_is_a_task():
    """"Căn cứ" heads a section of legal bases; "c) Căn cứ tình hình thực tế, rà soát ..." is
    a sentence, and a task."""
    tasks = _tasks("1. Ủy ban nhân dân các xã, phường\n\na) Căn cứ tình hình thực tế của địa phương, rà soát các thủ tục hành chính liên quan.\n")
    assert [t.section for t in tasks] == ["II.1.a"]


def test_the_closing_line_after_the_last_task_is_no_task():
    tasks = _tasks("1. Sở Tư pháp hướng dẫn thực hiện Kế hoạch.\n\n2. Các cơ quan liên quan\n\n"
                   "Phối hợp triển khai Kế hoạch này./.\n\n"
                   "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.\n")
    assert [t.section for t in tasks] == ["II.1", "II.2"]
    assert tasks[1].text.startswith("Phối hợp triển khai")


DECISION = ("ỦY BAN THƯỜNG VỤ TỈNH ỦY\n\nSố: 15/NQ-BTV\n\nNGHỊ QUYẾT\n\nBan hành Kế hoạch chuyển đổi số năm 2026\n\n"
            "Căn cứ Luật Giao dịch điện tử;\n\nQUYẾT NGHỊ:\n\nĐiều 1.\n\nBan hành kèm theo Nghị quyết này Kế hoạch chuyển đổi số năm 2026.\n\n"
            "Điều 2.\n\n1. Các cơ quan được giao nhiệm vụ khẩn trương tổ chức thực hiện.\n\n"
            "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp giám sát.\n\n"
            "Điều 3. Nghị quyết này có hiệu lực từ ngày ký.\n\n--------\n\nKẾ HOẠCH\n\nCHUYỂN ĐỔI SỐ NĂM 2026\n\n")
TABLE = ("| TT | Tên văn bản | Cơ quan soạn thảo | Cơ quan thẩm tra | Tiến độ | Hồ sơ | |\n|\n"
         "| I. Văn bản thuộc thẩm quyền của Hội đồng nhân dân tỉnh |\n"
         "| | Nghị quyết về giá dịch vụ số | Sở Tư pháp | Ban Pháp chế | Tháng 6/2026 | Tờ trình | |\n"
         "| II. Văn bản thuộc thẩm quyền của Ủy ban nhân dân tỉnh | | | | | | |\n"
         "| Quyết định ban hành quy chế dữ liệu | Sở Nội vụ | Sở Tư pháp | Tháng 9/2026 | Tờ trình | | |\n")


def test_a_decision_issuing_a_plan_gives_the_plans_tasks_not_its_articles():
    """The annotation guide: the decision's own Điều 1-3 are not tasks; the plan's are. Here
    the plan is a table of documents to draft, the plan's text itself (no "PL." prefix)."""
    tasks = extract_text(DECISION + TABLE).tasks
    assert [(t.section, t.text) for t in tasks] == [
        ("I.1", "Nghị quyết về giá dịch vụ số"), ("II.1", "Quyết định ban hành quy chế dữ liệu")]
    assert _roles(tasks[1]) == [("Sở Nội vụ", "executor"), ("Sở Tư pháp", "executor")]
    assert tasks[1].timeframe.due == "2026-09-30"


def test_a_row_that_left_out_its_empty_number_cell_keeps_its_columns():
    """"| Quyết định ... | Sở Nội vụ | ... | |": the number cell left out, an empty one at the
    end; the text is the task's, not its number. A bar alone on its line ("|" under the
    header) does not end the table."""
    [_, task] = extract_text(DECISION + TABLE).tasks
    assert task.section == "II.1" and task.text.startswith("Quyết định ban hành")


def test_a_marker_alone_on_its_line_takes_the_line_below_as_its_title():
    tasks = _tasks("1. Trách nhiệm của các cơ quan\n\n1.1.\n\nSở Tư pháp\n\n- Hướng dẫn rà soát văn bản.\n\n"
                   "1.2.\n\nThanh tra tỉnh\n\n- Kiểm tra việc thực hiện.\n")
    assert [(t.section, _roles(t)) for t in tasks] == [
        ("II.1.1", [("Sở Tư pháp", "executor")]), ("II.1.2", [("Thanh tra tỉnh", "executor")])]


BLOCK = ("- Cơ quan chủ trì: Sở Tư pháp.\n\n- Cơ quan phối hợp: Sở Nội vụ.\n\n"
         "- Thời gian thực hiện: Theo tiến độ soạn thảo.\n\n")


def test_documents_listed_with_one_block_each_are_one_task():
    """"3.1. Góp ý dự thảo các văn bản" over "a) Nghị định ..." and "b) Thông tư ...", each
    repeating the same block: the documents are what the one task is about."""
    [task] = _tasks("1. Góp ý dự thảo các văn bản hướng dẫn thi hành Luật\n\n"
                    f"a) Nghị định quy định chi tiết một số điều của Luật.\n\n{BLOCK}"
                    f"b) Thông tư hướng dẫn về dữ liệu mở.\n\n{BLOCK}")
    assert task.section == "II.1" and "Thông tư hướng dẫn" in task.text
    assert _roles(task) == [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")]


def test_tasks_that_say_what_to_do_stay_tasks_under_one_block_each():
    tasks = _tasks("1. Tuyên truyền về chuyển đổi số\n\n"
                   f"a) Xây dựng chuyên mục trên cổng thông tin điện tử.\n\n{BLOCK}"
                   f"b) Tổ chức hội nghị giới thiệu nền tảng số.\n\n{BLOCK}")
    assert [t.section for t in tasks] == ["II.1.a", "II.1.b"]


def test_a_time_label_without_its_colon():
    [task] = _tasks("1. Triển khai Chiến lược dữ liệu của tỉnh\n\nThời gian thực hiện sau khi Chiến lược được phê duyệt.\n")
    assert task.timeframe.text.startswith("sau khi Chiến lược")


def test_a_note_goes_with_the_task_above_it():
    [task] = _tasks("1. Sở Tư pháp báo cáo kết quả thực hiện trước ngày 15/12/2026.\n\n"
                    "* Lưu ý: các sự cố mất dữ liệu phải báo cáo ngay.\n")
    assert "sự cố mất dữ liệu" in task.text


def test_a_funding_item_with_its_value_after_a_colon_is_no_task():
    tasks = _tasks("1. Sở Tư pháp chủ trì theo dõi việc thực hiện.\n\n"
                   "2. Kinh phí thực hiện Kế hoạch: do ngân sách nhà nước bảo đảm theo phân cấp.\n")
    assert [t.section for t in tasks] == ["II.1"]


def test_a_sentence_leading_in_to_sub_items_gives_them_its_assignment():
    """"Chủ trì, phối hợp với X tham mưu ...:" above a), b) under "3. Sở Tư pháp": no task
    itself; each sub-item is the body's, led, with X in support."""
    tasks = _tasks("1. Sở Tư pháp\n\nChủ trì, phối hợp với Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh:\n\n"
                   "a) Rà soát quy chế quản lý dữ liệu;\n\nb) Xây dựng quy trình chia sẻ dữ liệu.\n")
    assert [t.section for t in tasks] == ["II.1.a", "II.1.b"]
    for task in tasks:
        assert ("Sở Tư pháp", "lead") in _roles(task) and ("Sở Nội vụ", "support") in _roles(task)


def test_a_paragraph_giving_the_work_leads_in_to_the_bullets_of_a_body_heading():
    tasks = _tasks("1. Thanh tra tỉnh\n\nTrong đó giao Chánh Thanh tra tỉnh chỉ đạo thực hiện:\n\n"
                   "- Kiểm tra việc công khai dữ liệu.\n\n- Tổng hợp kết quả kiểm tra.\n")
    assert [t.text for t in tasks] == ["Kiểm tra việc công khai dữ liệu.", "Tổng hợp kết quả kiểm tra."]


def test_table_headers_name_roles_anywhere_and_rows_are_never_headers():
    """"Sở, ngành chủ trì tham mưu" / "Đơn vị phối hợp thực hiện": the role word, wherever it
    stands in a short header cell, gives the column; a row whose cells happen to hold such
    words ("Giải pháp" as its product) is a row, not a new header."""
    plan = (HEAD + "II. NHIỆM VỤ\n\n1. Nhiệm vụ cụ thể:\n\n"
            "| TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | Thời gian thực hiện | Sản phẩm |\n"
            "| 1 | Triển khai nền tảng số dùng chung | Sở Tư pháp | Sở Nội vụ | Quý III/2026 | Giải pháp |\n"
            "| 2 | Rà soát dịch vụ công trực tuyến thực hiện tại cấp xã | Thanh tra tỉnh | Sở Nội vụ | Quý IV/2026 | Giải pháp |\n")
    tasks = extract_text(plan).tasks
    assert [(t.section, _roles(t), t.timeframe.due) for t in tasks] == [
        ("II.1.1", [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")], "2026-09-30"),
        ("II.1.2", [("Thanh tra tỉnh", "lead"), ("Sở Nội vụ", "support")], "2026-12-31")]


def test_recipients_read_row_by_row_with_the_signers_column_between_them() -> None:
    """The closing block's two columns as OCR reads them, row by row: the signer's titles
    (one misread), specks of the seal and a recipient's wrapped line between "Nơi nhận:" and
    its list go on the list; the signer's name ends it, and the annex's bullets after it are
    no recipients."""
    src = ("SỞ TƯ PHÁP TỈNH YÊN BÁI\n\nSố: 12/KH-STP\n\nYên Bái, ngày 02 tháng 3 năm 2026\n\n"
           "KẾ HOẠCH\n\nKiểm tra công tác pháp chế năm 2026\n\n"
           "1. Phòng Văn bản chủ trì kiểm tra công tác pháp chế tại các sở trong quý II/2026.\n\n"
           "Trên đây là Kế hoạch của Sở Tư pháp./.\n\n"
           "Nơi nhận:\n_.\nKT. GIÁM ĐỐC\n- UBND tỉnh (để báo cáo);\n`\n"
           "- Phòng Văn bản (để thực hiện, bố trí\nPHÓ GIẤM ĐỐC\nkinh phí);\n"
           "- Lưu: VT.\nNguyễn Thị Mai\n\nPHỤ LỤC\n\n- Danh sách các sở được kiểm tra;\n")
    record = extract_text(src, "yen-bai-12.txt")
    assert record.recipients == ["- UBND tỉnh (để báo cáo);",
                                 "- Phòng Văn bản (để thực hiện, bố trí", "- Lưu: VT."]
    assert record.document.signer == "Nguyễn Thị Mai"
