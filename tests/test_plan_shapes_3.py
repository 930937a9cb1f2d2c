"""More shapes of real plans, on invented text: a line that only says when the item above goes
to whom, a table row cut over two lines where an empty cell was."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.read import clean

HEAD = "Số: 45/KH-UBND\nCần Thơ, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nXây dựng văn bản quy phạm pháp luật năm 2026\n\n"


def _tasks(body: str):
    return extract_text(HEAD + "I. NHIỆM VỤ\n" + body).tasks


# -- a line that only says when the item above is submitted: its time, not a task ----------

@pytest.mark.parametrize(("line", "due"), [
    ("Trình Hội đồng nhân dân tỉnh xem xét, thông qua tại Kỳ họp thứ 5 (tháng 7/2026).", "2026-07-31"),
    ("Trình Ủy ban nhân dân tỉnh trong Quý II/2026.", "2026-06-30"),
    ("Dự kiến trình HĐND tỉnh trước ngày 15/11/2026", "2026-11-15"),
    ("Trình Chủ tịch UBND tỉnh phê duyệt trong tháng 9 năm 2026.", "2026-09-30"),
])
def test_a_submission_line_under_a_draft_is_its_time(line, due):
    [task] = _tasks("1. Nghị quyết quy định mức thu phí tham quan di tích trên địa bàn tỉnh\n" + line + "\n")
    assert task.text.startswith("Nghị quyết quy định mức thu phí")
    assert "Trình" not in task.text
    assert task.timeframe.due == due
    # the body it goes to receives the draft: it does none of it
    assert not task.bodies


def test_submission_lines_under_bullets_time_each_bullet():
    body = ("1. Các dự thảo nghị quyết của Hội đồng nhân dân tỉnh\n"
            "- Sở Tài chính chủ trì xây dựng Nghị quyết về phân cấp nguồn thu ngân sách;\n"
            "Trình Ủy ban nhân dân tỉnh xem xét trước ngày 31/3/2026.\n"
            "- Sở Nội vụ chủ trì xây dựng Nghị quyết về chính sách thu hút nhân lực;\n"
            "Trình Ủy ban nhân dân tỉnh xem xét trước ngày 30/4/2026.\n")
    tasks = _tasks(body)
    assert [t.text.split(" chủ trì")[0].lstrip("- ") for t in tasks] == ["Sở Tài chính", "Sở Nội vụ"]
    assert [t.timeframe.due for t in tasks] == ["2026-03-31", "2026-04-30"]


@pytest.mark.parametrize("line", [
    # an object of its own: the work of submitting a document is a task
    "Trình Ủy ban nhân dân tỉnh ban hành Quy chế phối hợp trước ngày 30/6/2026.",
    # a body that submits: its own act
    "Sở Tư pháp trình Ủy ban nhân dân tỉnh trước ngày 30/6/2026.",
    # no time: it says what happens, not when
    "Trình Ủy ban nhân dân tỉnh xem xét, thông qua.",
])
def test_a_line_that_says_more_than_when_stays_a_task(line):
    tasks = _tasks("1. Nghị quyết quy định mức thu phí tham quan di tích\n" + line + "\n")
    assert any(t.text.startswith(line[:20]) for t in tasks)


# -- a task table's row cut over two lines where an empty cell was -------------------------

TABLE = ("| TT | Tên văn bản | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian trình | Ghi chú |\n"
         "| 1 | Nghị quyết về chính sách hỗ trợ khởi nghiệp | Sở Khoa học và Công nghệ | Sở Tài chính | Quý II/2026 | |\n"
         "| 2 | Nghị quyết quy định mức chi hỗ trợ chuyển đổi số | Sở Khoa học và Công nghệ |\n"
         "| Quý III/2026 | Văn bản mới |\n"
         "| 3 | Quyết định ban hành quy chế quản lý cụm công nghiệp | Sở Công Thương | Sở Xây dựng | Quý IV/2026 | |\n")


def test_a_row_cut_where_an_empty_cell_was_is_one_row():
    tasks = _tasks(TABLE)
    assert [t.text[:30] for t in tasks] == ["Nghị quyết về chính sách hỗ tr", "Nghị quyết quy định mức chi hỗ",
                                            "Quyết định ban hành quy chế qu"]
    two = tasks[1]
    assert two.timeframe.due == "2026-09-30"
    assert [(b.name, b.role) for b in two.bodies] == [("Sở Khoa học và Công nghệ", "lead")]


def test_the_cut_is_joined_with_offsets_kept():
    text = clean(TABLE).text
    row = next(line for line in text.split("\n") if "| 2 |" in line)
    assert row.endswith("| Quý III/2026 | Văn bản mới |")
    assert "Sở Khoa học và Công nghệ | | Quý III/2026" in row


@pytest.mark.parametrize("second", [
    "| 3 | Quyết định ban hành quy chế |",  # a row of its own: it opens with its number
    "| Quý III/2026 |",  # too narrow to make the row whole: a row lacking merged cells
])
def test_short_rows_that_do_not_make_one_row_stay_apart(second):
    table = ("| TT | Tên văn bản | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian trình | Ghi chú |\n"
             "| 1 | Nghị quyết về chính sách hỗ trợ khởi nghiệp | Sở Khoa học và Công nghệ | Sở Tài chính | Quý II/2026 | |\n"
             "| 2 | Nghị quyết quy định mức chi hỗ trợ chuyển đổi số | Sở Khoa học và Công nghệ |\n"
             + second + "\n")
    lines = clean(table).text.split("\n")
    assert second in lines


# -- a document's number is never cut by a paragraph's end ---------------------------------

@pytest.mark.parametrize(("text", "whole"), [
    ("Triển khai Quyết định số 2150/\nQĐ-BNV ngày 10/9/2025 của Bộ Nội vụ;", "2150/QĐ-BNV ngày"),
    ("Căn cứ Nghị định số 73/\n\n2024/NĐ-CP ngày 30/6/2024 của Chính phủ;", "73/2024/NĐ-CP ngày"),
    ("theo Luật số 18/2023/\nQH15 ngày 15/6/2023", "18/2023/QH15 ngày"),
    ("thực hiện Kết luận số 121-\nKL/TW ngày 24/01/2025", "121-KL/TW ngày"),
    ("Kế hoạch số 88\n/KH-UBND ngày 02/3/2026", "88/KH-UBND ngày"),
])
def test_a_number_cut_at_a_line_end_is_joined(text, whole):
    joined = clean(text)
    assert whole in joined.text
    # the characters keep their place in the source
    at = joined.text.index(whole)
    digits = whole[:len(whole) - len(whole.lstrip("0123456789"))]
    assert text[joined.source_offset(at):].startswith(digits)


@pytest.mark.parametrize("text", [
    "giai đoạn 2021-\n2025",  # a range of years, the text going on
    "Tháng 5/\nKẾ HOẠCH",  # a heading in capitals: no symbol of a number
    "Năm 2025-\nUBND tỉnh chỉ đạo",  # a body's name, not a number's symbol
])
def test_other_breaks_after_a_slash_or_dash_stay(text):
    assert "\n" in clean(text).text


def test_the_rest_of_a_cut_number_is_no_task_of_its_own():
    body = ("1. Sở Y tế chủ trì triển khai các nội dung của Quyết định số 4521/\n"
            "QĐ-BYT ngày 12/12/2025 của Bộ Y tế về chuyển đổi số ngành y tế.\n"
            "2. Sở Nội vụ chủ trì tổng hợp, báo cáo kết quả trước ngày 15/12/2026.\n")
    tasks = _tasks(body)
    assert [t.section for t in tasks] == ["I.1", "I.2"]
    assert [c.number for c in tasks[0].citations] == ["4521/QĐ-BYT"]


# -- the particulars of an inspection or training plan are no tasks -------------------------

INSPECTION = ("Số: 310/KH-SYT\nHải Phòng, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nKiểm tra an toàn thực phẩm năm 2026\n\n"
              "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nBảo đảm an toàn thực phẩm.\n"
              "II. NỘI DUNG\n"
              "1. Thời gian kiểm tra: Từ ngày 16/3/2026 đến ngày 20/3/2026.\n"
              "2. Địa điểm: Tại các cơ sở sản xuất, kinh doanh thực phẩm.\n"
              "3. Đối tượng kiểm tra: Các cơ sở có tên tại Phụ lục kèm theo.\n"
              "{contents}"
              "5. Thành phần đoàn: Lãnh đạo Sở và chuyên viên các phòng chuyên môn.\n"
              "III. TỔ CHỨC THỰC HIỆN\n"
              "1. Giao Phòng Nghiệp vụ Y chủ trì tổ chức kiểm tra theo Kế hoạch.\n"
              "2. Văn phòng Sở bố trí phương tiện phục vụ Đoàn kiểm tra.\n")


@pytest.mark.parametrize("contents", [
    "4. Nội dung kiểm tra: Quy định tại Điều 12 Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ.\n",
    "4. Nội dung kiểm tra\nViệc chấp hành quy định tại Điều 12 Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ.\n",
    "4. Nội dung kiểm tra\na) Kiểm tra hồ sơ pháp lý: giấy chứng nhận cơ sở đủ điều kiện, hợp đồng mua bán nguyên liệu;\n"
    "b) Kiểm tra thực tế: điều kiện vệ sinh nơi chế biến, thiết bị có yêu cầu nghiêm ngặt.\n",
    "4. Nội dung thanh tra: Việc thực hiện các quy định về an toàn thực phẩm của cơ sở.\n",
])
def test_what_an_inspection_covers_is_no_task(contents):
    record = extract_text(INSPECTION.format(contents=contents))
    assert [t.section for t in record.tasks] == ["III.1", "III.2"]
    # the document it rests on is still cited by the plan
    if "15/2018" in contents:
        assert "15/2018/NĐ-CP" in {c.number for c in record.citations}


def test_a_particular_that_tells_somebody_to_act_is_a_task():
    contents = ("4. Nội dung huấn luyện\n"
                "a) Trung tâm Y tế thành phố chủ trì biên soạn tài liệu huấn luyện;\n"
                "b) An toàn thực phẩm trong chế biến.\n")
    record = extract_text(INSPECTION.format(contents=contents))
    assert [t.section for t in record.tasks] == ["II.4.a", "III.1", "III.2"]
    assert record.tasks[0].bodies[0].name == "Trung tâm Y tế thành phố"


def test_content_sections_of_other_plans_keep_their_tasks():
    """"Nội dung" alone, "Nội dung thực hiện", "Nội dung tuyên truyền": a plan's work."""
    body = ("II. NỘI DUNG THỰC HIỆN\n1. Nội dung tuyên truyền\n"
            "a) Tuyên truyền các quy định về an toàn thực phẩm;\n"
            "b) Phổ biến kiến thức cho người tiêu dùng.\n")
    record = extract_text(HEAD + body)
    assert [t.section for t in record.tasks] == ["II.1.a", "II.1.b"]


# -- citations: a date after the issuer; a basis line ending in a comma ------------------------

@pytest.mark.parametrize(("basis", "number", "date", "issuer", "title"), [
    ("Căn cứ Quyết định số 942/QĐ-TTg của Thủ tướng Chính phủ ngày 15/6/2021 phê duyệt Chiến lược phát triển Chính phủ điện tử;",
     "942/QĐ-TTg", "2021-06-15", "Thủ tướng Chính phủ", "phê duyệt Chiến lược phát triển Chính phủ điện tử"),
    ("Căn cứ Kế hoạch số 77/KH-UBND của Ủy ban nhân dân tỉnh, ngày 03 tháng 4 năm 2025 về phát triển dữ liệu số;",
     "77/KH-UBND", "2025-04-03", "Ủy ban nhân dân tỉnh", "phát triển dữ liệu số"),
    ("Thực hiện Đề án số 05-ĐA/TU của Tỉnh ủy Cần Thơ ngày 20/10/2025 về phát triển nông nghiệp;",
     "05-ĐA/TU", "2025-10-20", "Tỉnh ủy Cần Thơ", "phát triển nông nghiệp"),
    # the date where Nghị định 30/2020 puts it, after the number, is read as before
    ("Căn cứ Nghị định số 47/2024/NĐ-CP ngày 09/5/2024 của Chính phủ quy định danh mục cơ sở dữ liệu quốc gia;",
     "47/2024/NĐ-CP", "2024-05-09", "Chính phủ", "quy định danh mục cơ sở dữ liệu quốc gia"),
])
def test_a_date_after_the_issuer_is_the_document_s(basis, number, date, issuer, title):
    record = extract_text(HEAD + basis + "\n\nI. NHIỆM VỤ\n1. Sở Tư pháp chủ trì rà soát văn bản.\n")
    [cite] = [c for c in record.bases if c.number == number]
    assert (cite.date, cite.issuer, cite.title) == (date, issuer, title)


@pytest.mark.parametrize("after", [
    "Theo đề nghị của Trưởng phòng Kỹ thuật an toàn,\n",
    "Căn cứ Nghị định số 47/2024/NĐ-CP ngày 09/5/2024 của Chính phủ quy định danh mục cơ sở dữ liệu quốc gia;\n",
    "Sở Xây dựng ban hành Kế hoạch như sau:\n",
])
def test_a_basis_line_ending_in_a_comma_keeps_its_title(after):
    basis = ("Căn cứ Quyết định số 18/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh Cà Mau về việc ban hành quy định "
             "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Xây dựng tỉnh Cà Mau,\n")
    record = extract_text(HEAD + basis + after + "\nI. NHIỆM VỤ\n1. Phòng Quản lý xây dựng chủ trì rà soát văn bản.\n")
    [cite] = [c for c in record.bases if c.number == "18/2025/QĐ-UBND"]
    assert cite.title == "ban hành quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Xây dựng tỉnh Cà Mau"
    assert cite.date == "2025-07-01"


# -- an event of a stated length from a stated first day ------------------------------------

@pytest.mark.parametrize(("text", "start", "due"), [
    ("1,5 ngày (bắt đầu từ 13h30 thứ Hai ngày 06/7/2026)", "2026-07-06", "2026-07-07"),
    ("02 ngày, từ ngày 10/3/2026", "2026-03-10", "2026-03-11"),
    ("01 ngày (từ 8 giờ ngày 21/10/2026)", "2026-10-21", "2026-10-21"),
    # beginning in the afternoon, a whole day ends the next day
    ("1 ngày, bắt đầu từ 14 giờ ngày 21/10/2026", "2026-10-21", "2026-10-22"),
    ("0,5 ngày (bắt đầu từ 13h30 ngày 21/10/2026)", "2026-10-21", "2026-10-21"),
    # working days pass over the weekend: Friday, Monday, Tuesday
    ("03 ngày làm việc bắt đầu từ ngày 11/9/2026", "2026-09-11", "2026-09-15"),
    ("2,5 ngày khai mạc lúc 7h30 ngày 02 tháng 11 năm 2026", "2026-11-02", "2026-11-04"),
    ("02 ngày, từ ngày 10/3", "2026-03-10", "2026-03-11"),  # the plan's year
    # the part of the day it opens in, written before the cue or before the day itself
    ("0,5 ngày (buổi chiều, bắt đầu từ 14h00 ngày 21/10/2026)", "2026-10-21", "2026-10-21"),
    ("1,5 ngày (buổi chiều, bắt đầu từ ngày 21/10/2026)", "2026-10-21", "2026-10-22"),
    ("1,5 ngày (buổi sáng, bắt đầu từ 7h30 ngày 21/10/2026)", "2026-10-21", "2026-10-22"),
    ("0,5 ngày (buổi sáng ngày 21/10/2026)", "2026-10-21", "2026-10-21"),
    ("01 ngày (chiều thứ Ba, ngày 20/10/2026)", "2026-10-20", "2026-10-21"),
])
def test_an_event_s_length_from_its_first_day_is_due_at_its_end(text, start, due):
    from ingest.timeframes import from_phrase
    tf = from_phrase(text, 2026)
    assert (tf.start, tf.due, tf.recurrence) == (start, due, None)


@pytest.mark.parametrize("text", [
    "03 ngày kể từ ngày Kế hoạch được ban hành",  # counted from an event: no day
    "trong 15 ngày kể từ ngày 01/7/2026",
    "02 tháng, từ tháng 3/2026",  # months: no last day to tell
])
def test_durations_that_are_not_an_event_from_its_first_day(text):
    from ingest.timeframes import _lasting
    assert _lasting(text.strip(), 2026) is None


def test_a_half_day_time_line_with_its_part_of_the_day_dates_its_task():
    body = ("1. Phòng Quản lý công nghiệp chủ trì tổ chức hội nghị phổ biến Luật Hóa chất.\n"
            "Thời gian: 0,5 ngày (buổi chiều, bắt đầu từ 13h30 ngày 14/8/2026).\n")
    [task] = _tasks(body)
    assert (task.timeframe.start, task.timeframe.due, task.timeframe.recurrence) == (
        "2026-08-14", "2026-08-14", None)


def test_a_training_s_time_line_dates_its_task():
    body = ("1. Trung tâm Y tế thành phố chủ trì tổ chức lớp tập huấn kiến thức an toàn thực phẩm.\n"
            "Thời gian tập huấn: 1,5 ngày (bắt đầu từ 13h30 thứ Hai ngày 06/7/2026).\n")
    [task] = _tasks(body)
    assert (task.timeframe.start, task.timeframe.due) == ("2026-07-06", "2026-07-07")


@pytest.mark.parametrize(("basis", "number", "issuer", "title"), [
    ("Căn cứ Kế hoạch số 64/KH-UBND ngày 02/4/2025 của UBND tỉnh Sửa đổi, bổ sung Kế hoạch chuyển đổi số;",
     "64/KH-UBND", "Ủy ban nhân dân tỉnh", "Sửa đổi, bổ sung Kế hoạch chuyển đổi số"),
    ("Căn cứ Thông tư số 12/2024/TT-BYT ngày 10/7/2024 của Bộ trưởng Bộ Y tế Ban hành Quy chuẩn kỹ thuật quốc gia về nước sạch;",
     "12/2024/TT-BYT", "Bộ trưởng Bộ Y tế", "Ban hành Quy chuẩn kỹ thuật quốc gia về nước sạch"),
    ("Căn cứ Nghị định số 88/2025/NĐ-CP ngày 01/4/2025 của Chính phủ Quy định về hoạt động kiểm tra chuyên ngành;",
     "88/2025/NĐ-CP", "Chính phủ", "Quy định về hoạt động kiểm tra chuyên ngành"),
    # a body whose name goes on in capitals keeps it
    ("Căn cứ Kế hoạch số 15/KH-BCĐ ngày 05/3/2025 của Ban Chỉ đạo Chuyển đổi số tỉnh về triển khai dữ liệu số;",
     "15/KH-BCĐ", "Ban Chỉ đạo Chuyển đổi số tỉnh", "triển khai dữ liệu số"),
])
def test_a_title_in_sentence_case_after_the_issuer_is_no_part_of_its_name(basis, number, issuer, title):
    record = extract_text(HEAD + basis + "\n\nI. NHIỆM VỤ\n1. Sở Tư pháp chủ trì rà soát văn bản.\n")
    [cite] = [c for c in record.bases if c.number == number]
    assert (cite.issuer, cite.title) == (issuer, title)
