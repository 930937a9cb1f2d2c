"""Periods named by words, not numbers: a part of a year ("giữa năm 2027"), a school year, a
week of a month, and work timed by another schedule ("theo tiến độ ...").

A school year or a week is due on the last day of the period it names (the annotation
guide); its days are data ([timeframes.school_year_days], [timeframes.week_ordinals]). "Đầu
năm", "giữa năm" and "theo tiến độ" are the task's time but name no day: no due.
"""

import pytest

from ingest.timeframes import best_in, find_all, from_phrase


@pytest.mark.parametrize(("value", "start", "due"), [
    ("Năm học 2026-2027", "2026-09-01", "2027-05-31"),
    ("trong năm học 2027 - 2028", "2027-09-01", "2028-05-31"),
    ("tuần thứ 3 tháng 9/2026", "2026-09-15", "2026-09-21"),
    ("Tuần thứ hai của tháng 02/2028", "2028-02-08", "2028-02-14"),
    ("tuần cuối tháng 02/2028", "2028-02-23", "2028-02-29"),  # a leap year's last seven days
    ("tuần đầu tháng 10", "2026-10-01", "2026-10-07"),  # the plan's year
])
def test_a_named_period_as_a_value(value, start, due):
    tf = from_phrase(value, year=2026)
    assert (tf.start, tf.due, tf.end) == (start, due, due)


@pytest.mark.parametrize("value", ["Đầu năm 2027", "giữa năm 2028", "trong đầu năm 2029",
                                   "trước giữa năm 2027"])
def test_early_or_mid_year_names_no_day(value):
    tf = from_phrase(value, year=2026)
    assert (tf.start, tf.due, tf.end) == (None, None, None)


@pytest.mark.parametrize(("value", "due"), [
    ("Cuối năm 2027", "2027-12-31"),  # the year after a deadline word, as before
    ("6 tháng đầu năm 2027", "2027-06-30"),  # a count of months, as before
    ("6 tháng cuối năm 2027", "2027-12-31"),
    ("Quý IV/2027", "2027-12-31"),
])
def test_a_count_of_months_is_not_a_part_of_the_year(value, due):
    assert from_phrase(value).due == due


@pytest.mark.parametrize(("sentence", "words"), [
    ("Tổ chức hội nghị sơ kết vào giữa năm 2027 để đánh giá kết quả.", "vào giữa năm 2027"),
    ("Đầu năm 2028, các xã hoàn thành việc số hóa hồ sơ.", "Đầu năm 2028"),
    ("Các trường tổ chức tập huấn trong năm học 2026-2027.", "trong năm học 2026-2027"),
    ("Khai mạc triển lãm tuần thứ 2 tháng 11/2026 tại Nhà văn hóa.", "tuần thứ 2 tháng 11/2026"),
    # a schedule elsewhere, no day of its own: the work's words as the timeframe
    ("Sở Xây dựng triển khai theo tiến độ của dự án đầu tư, báo cáo kết quả.",
     "theo tiến độ của dự án đầu tư"),
    # a dated deadline outranks it
    ("Thực hiện theo tiến độ chung; hoàn thành trước ngày 30/9/2027.",
     "hoàn thành trước ngày 30/9/2027"),
])
def test_a_named_period_in_running_text(sentence, words):
    found = [(k, s, e) for k, s, e, _g in find_all(sentence)]
    s, e = best_in(found, sentence, year=2026)
    assert sentence[s:e] == words


def test_a_school_years_plan_name_is_not_a_deadline():
    sentence = "Triển khai Kế hoạch năm học 2026-2027 của ngành giáo dục tới các trường."
    assert best_in([(k, s, e) for k, s, e, _g in find_all(sentence)], sentence) is None


def test_work_timed_by_another_schedule_has_no_due():
    tf = from_phrase("theo tiến độ xây dựng dự thảo văn bản của cơ quan chủ trì", year=2026)
    assert (tf.due, tf.start, tf.end, tf.recurrence) == (None, None, None, None)
