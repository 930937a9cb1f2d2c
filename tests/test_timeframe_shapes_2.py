"""Timeframes in more shapes plans write them, on lines of our own: a quarter without its year
in a plan of several years, work done on occasion, a task's own deadline under a block of
time shared with its neighbours, and the time of a drafted document on a line of its own."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.timeframes import PlanYear, from_phrase, plan_years, prefer_own

ONE_YEAR = "Số: 12/KH-UBND\nĐà Nẵng, ngày 10 tháng 1 năm 2026\nKẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n\n"
SEVERAL = "Số: 12/KH-UBND\nĐà Nẵng, ngày 10 tháng 12 năm 2025\nKẾ HOẠCH\nThực hiện chuyển đổi số giai đoạn 2026 - 2030\n\n"


def _tasks(head: str, body: str):
    return extract_text(head + "I. NHIỆM VỤ\n" + body).tasks


# -- a plan's span decides whether a period without its year is the plan's year's ---------

@pytest.mark.parametrize(("year", "title", "several"), [
    (2025, "Thực hiện chuyển đổi số giai đoạn 2026 - 2030", True),
    (2026, "Kế hoạch hành động năm 2026 - 2027", True),
    (2025, "Triển khai Chiến lược phát triển dữ liệu đến năm 2030", True),
    (2026, "Thực hiện chuyển đổi số năm 2026", False),
    (2025, "Triển khai thi hành Luật Việc làm", False),
    # the horizon is the plan's own year: one year
    (2030, "Tổng kết Chiến lược đến năm 2030", False),
])
def test_a_plan_s_title_says_whether_it_covers_several_years(year, title, several):
    plan = plan_years(year, title)
    assert plan == year and isinstance(plan, PlanYear) and plan.several is several


def test_a_plan_without_a_year_has_none():
    assert plan_years(None, "Kế hoạch giai đoạn 2026 - 2030") is None


@pytest.mark.parametrize(("text", "one_year", "several"), [
    ("Quý III", "2026-09-30", None),
    ("Trong quý II", "2026-06-30", None),
    ("tháng 6", "2026-06-30", None),
    ("trước ngày 15/12", "2026-12-15", None),
    # a year written is that year in either plan
    ("Quý III/2027", "2027-09-30", "2027-09-30"),
])
def test_a_period_without_its_year_is_the_plan_s_only_in_a_plan_of_one_year(text, one_year, several):
    assert from_phrase(text, PlanYear(2026)).due == one_year
    assert from_phrase(text, PlanYear(2026, several=True)).due == several


def test_yearless_quarters_in_the_tasks_of_plans_of_one_and_of_several_years():
    body = ("1. Sở Tư pháp chủ trì tổng kết, hoàn thành trong quý III.\n"
            "2. Sở Nội vụ chủ trì báo cáo. Thời gian thực hiện: Quý II hằng năm.\n")
    one = _tasks(ONE_YEAR, body)
    several = _tasks(SEVERAL, body)
    assert [t.timeframe.due for t in one] == ["2026-09-30", None]
    assert [t.timeframe.due for t in several] == [None, None]
    # the phrase is kept: the task's time as written, with no guessed year
    assert [t.timeframe.text for t in several] == ["hoàn thành trong quý III", "Quý II hằng năm"]
    assert [t.timeframe.recurrence for t in several] == [None, "yearly"]


# -- work done on occasion -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "recurrence"), [
    ("Khi có phát sinh", "occasional"),
    ("khi có yêu cầu", "occasional"),
    ("Khi phát sinh.", "occasional"),
    ("Khi được yêu cầu", "occasional"),
    # another clause's cycle does not make it recurring
    ("Khi có phát sinh; báo cáo kết quả hằng năm", "occasional"),
    ("Khi có phát sinh. Tổng hợp, báo cáo định kỳ 06 tháng", "occasional"),
    # one clause: yearly work, which may also be asked for in between
    ("Hằng năm hoặc khi có yêu cầu", "yearly"),
    ("Thường xuyên, khi có phát sinh", "ongoing"),
    # not the words
    ("Thường xuyên", "ongoing"),
])
def test_work_on_occasion_has_no_due_and_no_cycle(text, recurrence):
    tf = from_phrase(text, 2026)
    assert (tf.due, tf.recurrence) == (None, recurrence)
    if recurrence == "occasional":
        assert tf.rrule is None and tf.start is None and tf.end is None


def test_an_occasion_with_its_own_deadline_keeps_it():
    tf = from_phrase("Trước ngày 30/6/2026 và khi có phát sinh", 2026)
    assert tf.due == "2026-06-30"


def test_an_occasion_in_running_text_is_a_condition_not_the_task_s_time():
    one, two, three = _tasks(ONE_YEAR, "1. Sở Xây dựng chủ trì cập nhật dữ liệu khi có phát sinh.\n"
                                       "2. Sở Y tế chủ trì báo cáo hằng năm hoặc khi có yêu cầu.\n"
                                       "3. Sở Nội vụ chủ trì rà soát. Thời gian thực hiện: khi có yêu cầu.\n")
    assert one.timeframe.text is None
    assert two.timeframe.recurrence == "yearly"
    assert (three.timeframe.recurrence, three.timeframe.due) == ("occasional", None)


def test_an_occasion_in_a_task_table_s_time_cell():
    [task] = _tasks(ONE_YEAR, "| TT | Nội dung | Cơ quan chủ trì | Thời gian thực hiện |\n|---|---|---|---|\n"
                              "| 1 | Đề xuất điều chỉnh, bổ sung nhiệm vụ của Đề án | Sở Tài chính | Khi có phát sinh. |\n")
    assert (task.timeframe.recurrence, task.timeframe.due) == ("occasional", None)


# -- a task's own deadline under a block of time shared with its neighbours -----------------

@pytest.mark.parametrize(("own", "expected"), [
    ("giai đoạn 2013-2015 vào năm 2015; giai đoạn 2016-2020 vào năm 2020", "2015-12-31"),
    ("hoàn thành trong quý IV/2014", "2014-12-31"),
])
def test_a_task_s_own_deadline_beats_a_shared_recurring_time(own, expected):
    shared = from_phrase("6 tháng, hằng năm và định kỳ", 2013)
    assert prefer_own(shared, from_phrase(own, 2013)).due == expected


def test_a_shared_time_with_a_due_of_its_own_stands():
    shared = from_phrase("Quý IV/2013", 2013)
    assert prefer_own(shared, from_phrase("vào năm 2015", 2013)) is shared
    recurring = from_phrase("Hằng năm", 2013)
    assert prefer_own(recurring, from_phrase("Thường xuyên", 2013)) is recurring


BLOCK = ("Số: 12/KH-BCĐ\nHà Nội, ngày 10 tháng 9 năm 2013\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2013\n\n"
         "I. KIỂM TRA, TỔNG KẾT\n1. Nội dung, biện pháp\n"
         "a) Tổ chức kiểm tra thường xuyên các nội dung liên quan;\n"
         "b) Tổng kết giai đoạn 2013-2015 vào năm 2015; giai đoạn 2016-2020 vào năm 2020;\n"
         "2. Cơ quan chủ trì, phối hợp\na) Cơ quan chủ trì\n- Sở Nội vụ.\nb) Cơ quan phối hợp\nCác sở, ngành.\n"
         "3. Thời gian thực hiện: 6 tháng, hằng năm và định kỳ.\n")


def test_a_lettered_task_under_a_shared_time_block_keeps_its_own_deadline():
    record = extract_text(BLOCK)
    dues = {t.text[:20]: t.timeframe.due for t in record.tasks}
    assert dues == {"Tổ chức kiểm tra thư": None, "Tổng kết giai đoạn 2": "2015-12-31"}


# -- the time of a drafted document on a line of its own under it ------------------------------

DRAFTS = ("1. Nghị quyết về việc giải thể Trung tâm Thông tin\n"
          "Trình Ủy ban nhân dân tỉnh xem xét, thông qua trước ngày 10/01/2026.\n"
          "2. Nghị quyết sửa đổi, bổ sung một số điều của Nghị quyết số 14/2023/NQ-HĐND ngày 12/7/2023 của Hội đồng nhân dân tỉnh\n"
          "Trình Ủy ban nhân dân tỉnh xem xét, thông qua trước ngày 20/02/2026.\n")


def test_the_time_line_of_a_draft_reads_as_its_deadline():
    """The line's own reading, whichever unit it lands in: "Trình ... trước ngày 10/01/2026"."""
    tf = from_phrase("Trình Ủy ban nhân dân tỉnh xem xét, thông qua trước ngày 10/01/2026", 2026)
    assert tf.due == "2026-01-10"


def test_a_draft_s_submission_line_is_its_timeframe_not_a_task():
    tasks = _tasks(ONE_YEAR, DRAFTS)
    assert [t.text.split("\n")[0][:30] for t in tasks] == [
        "Nghị quyết về việc giải thể Tr", "Nghị quyết sửa đổi, bổ sung mộ"]
    assert [t.timeframe.due for t in tasks] == ["2026-01-10", "2026-02-20"]
