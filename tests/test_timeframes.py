"""Due dates are the last day of the first dated period; recurring work has none.

Two readings: a "Thời gian thực hiện" value as a whole (:func:`from_phrase`), and a deadline
spotted in a task's running text (:func:`find_all` then :func:`best_in`), where a bare date or
year needs a deadline word before it.
"""

import pytest

from ingest.timeframes import RANK, best_in, find_all, from_phrase

PLAN_YEAR = 2025


@pytest.mark.parametrize(("text", "due", "recurrence"), [
    ("quý IV/2023", "2023-12-31", None),
    ("Trong quý I năm 2024", "2024-03-31", None),
    ("trong tháng 01 năm 2023", "2023-01-31", None),
    ("tháng 2/2024", "2024-02-29", None),
    ("trước ngày 31/5", None, None),  # no year, and the caller gave none
    ("từ nay đến hết ngày 31/12/2024", "2024-12-31", None),
    ("ban hành trong quý I/2023 và triển khai trong năm 2023", "2023-03-31", None),
    ("Thường xuyên", None, "ongoing"),
    ("Hằng năm", None, "yearly"),
    ("định kỳ 06 tháng", None, "half-yearly"),
    ("năm 2027", "2027-12-31", None),  # the whole value: the year is the period
    ("trong năm 2027", "2027-12-31", None),
    ("Thanh tra Sở thực hiện theo Kế hoạch kiểm tra năm 2023 đã được phê duyệt", None, None),
])
def test_due_and_recurrence(text, due, recurrence):
    tf = from_phrase(text)
    assert (tf.due, tf.recurrence) == (due, recurrence)


@pytest.mark.parametrize(("text", "due"), [
    # a full date, not its month
    ("trước ngày 15 tháng 12 năm 2025", "2025-12-15"),
    # quarters in Arabic numerals
    ("quý 4/2025", "2025-12-31"),
    ("Quý 1/2025", "2025-03-31"),
    # dates without "ngày"; a bare date as the whole value
    ("Trước 31/12/2025", "2025-12-31"),
    ("Hoàn thành trước 30/6/2025", "2025-06-30"),
    ("15/12/2025", "2025-12-15"),
    ("chậm nhất ngày 15/12/2025", "2025-12-15"),
    # part of a year
    ("6 tháng đầu năm 2025", "2025-06-30"),
    ("6 tháng cuối năm 2025", "2025-12-31"),
    ("9 tháng đầu năm 2024", "2024-09-30"),
    # lists give their first period, ranges their end
    ("Trong tháng 11 và 12/2025", "2025-11-30"),
    ("Quý II, III/2025", "2025-06-30"),
    ("Quý I và quý II/2025", "2025-03-31"),
    ("trong quý I và quý III năm 2025", "2025-03-31"),
    ("Quý I - quý III/2025", "2025-09-30"),
    ("từ tháng 3 đến tháng 5/2025", "2025-05-31"),
    ("Từ ngày 01/3/2025 đến ngày 30/4/2025", "2025-04-30"),
    ("01/3/2025 - 30/4/2025", "2025-04-30"),
    # years and multi-year periods
    ("năm 2025", "2025-12-31"),
    ("cuối năm 2025", "2025-12-31"),
    ("Năm 2025 - 2026", "2026-12-31"),
    ("Giai đoạn 2025-2030", "2030-12-31"),
    ("Đến năm 2030", "2030-12-31"),
    ("Thời gian thực hiện: năm 2025", "2025-12-31"),
    ("tháng 6/2025", "2025-06-30"),
    # "early in the year" names no period that ends on a given day
    ("đầu năm 2026", None),
    # a report's data cut-off is not a deadline
    ("số liệu tính đến ngày 31/12/2025", None),
])
def test_dated_shapes(text, due):
    tf = from_phrase(text)
    assert (tf.due, tf.recurrence) == (due, None)


@pytest.mark.parametrize(("text", "due"), [
    ("trước ngày 15/12", "2025-12-15"),
    ("trước 30/6", "2025-06-30"),
    ("trong 6 tháng đầu năm", "2025-06-30"),
    ("trước ngày 15/12/2024", "2024-12-15"),  # a written year wins over the plan's
])
def test_plan_year_completes_a_date(text, due):
    assert from_phrase(text, year=PLAN_YEAR).due == due
    assert from_phrase(text).due == (due if "2024" in text else None)


@pytest.mark.parametrize(("text", "recurrence"), [
    ("trước ngày 20 hằng tháng", "monthly"),
    ("định kỳ hằng quý", "quarterly"),
    ("Hằng năm, trước ngày 15/12", "yearly"),
    ("định kỳ 06 tháng (trước ngày 31/5), 01 năm (trước ngày 30/11)", "half-yearly"),
    ("trước ngày 05/3 đối với báo cáo quý I", "quarterly"),
    ("Thường xuyên", "ongoing"),
])
def test_recurring_work_has_no_due_even_with_the_plan_year(text, recurrence):
    tf = from_phrase(text, year=PLAN_YEAR)
    assert (tf.due, tf.recurrence) == (None, recurrence)


def _read(sentence: str) -> tuple[str, str] | None:
    """(kind, words) of the deadline a task's text gives, as the extractor picks it."""
    found = find_all(sentence)
    best = best_in([(k, s, e) for k, s, e, _g in found], sentence)
    if best is None:
        return None
    kind = min((k for k, s, e, _g in found if (s, e) == best), key=RANK.__getitem__)
    return kind, sentence[best[0]:best[1]]


@pytest.mark.parametrize(("sentence", "kind", "words", "due"), [
    ("Sở Nội vụ báo cáo trước ngày 15 tháng 12 năm 2025.", "date",
     "trước ngày 15 tháng 12 năm 2025", "2025-12-15"),
    ("Tổ chức hội nghị trong quý 4/2025.", "quarter", "trong quý 4/2025", "2025-12-31"),
    ("Ban hành kế hoạch, hoàn thành trước 30/6/2025.", "date", "hoàn thành trước 30/6/2025",
     "2025-06-30"),
    ("Gửi báo cáo trước ngày 15/12 để tổng hợp.", "day", "trước ngày 15/12", "2025-12-15"),
    ("Rà soát trong 6 tháng đầu năm 2025.", "part_of_year", "trong 6 tháng đầu năm 2025",
     "2025-06-30"),
    ("Kiểm tra trong tháng 11 và 12/2025.", "month", "trong tháng 11 và 12/2025",
     "2025-11-30"),
    ("Triển khai từ ngày 01/3/2025 đến ngày 30/4/2025.", "date", "đến ngày 30/4/2025",
     "2025-04-30"),
    ("Sơ kết vào cuối năm 2025.", "year", "cuối năm 2025", "2025-12-31"),
    ("Thực hiện trong giai đoạn 2025-2030.", "period", "trong giai đoạn 2025-2030",
     "2030-12-31"),
    ("Hoàn thiện thể chế đến năm 2030.", "year", "đến năm 2030", "2030-12-31"),
    ("Tập huấn trong quý I và quý II/2025.", "quarter", "trong quý I và quý II/2025",
     "2025-03-31"),
    # the first deadline the text gives, whatever its kind
    ("Dự thảo trước ngày 15/10/2025, ban hành trong quý IV/2025.", "date",
     "trước ngày 15/10/2025", "2025-10-15"),
    # a yearless day yields to the recurrence it belongs to
    ("Báo cáo định kỳ 06 tháng (trước ngày 31/5), 01 năm (trước ngày 30/11).",
     "periodic_word", "định kỳ 06 tháng", None),
    # past a document's horizon, the task's own deadline
    ("Triển khai Chiến lược ngành đến năm 2030, tầm nhìn đến năm 2045; xong trong quý III/2026.",
     "quarter", "trong quý III/2026", "2026-09-30"),
])
def test_deadline_in_running_text(sentence, kind, words, due):
    assert _read(sentence) == (kind, words)
    assert from_phrase(words, year=PLAN_YEAR).due == due


@pytest.mark.parametrize(("text", "due"), [
    # a day written with dashes or dots, with its year
    ("trước ngày 15-10-2026", "2026-10-15"),
    ("hoàn thành trước ngày 15.10.2026", "2026-10-15"),
    # look-alikes: a range of years, a range of days
    ("giai đoạn 2026-2030", "2030-12-31"),
    ("từ 15-20 tháng 6", None),
])
def test_a_day_with_dashes_or_dots(text, due):
    assert from_phrase(text).due == due


@pytest.mark.parametrize(("text", "due", "recurrence"), [
    # a quarter or a month without its year: the plan's, as a day without its year
    ("Quý II", "2025-06-30", None),
    ("Trong quý III, IV", "2025-09-30", None),
    ("hoàn thành trong tháng 10", "2025-10-31", None),
    # ... unless the work recurs: each year's quarter, no one deadline
    ("Quý I hằng năm", None, "yearly"),
    ("tháng 12 hàng năm", None, "yearly"),
])
def test_a_period_without_its_year_takes_the_plans(text, due, recurrence):
    tf = from_phrase(text, year=PLAN_YEAR)
    assert (tf.due, tf.recurrence) == (due, recurrence)
    assert from_phrase(text).due is None  # no year given: no guess


@pytest.mark.parametrize(("sentence", "words"), [
    ("Sở Tư pháp gửi báo cáo quý I về Ủy ban nhân dân tỉnh; hoàn thành trong quý II.",
     "hoàn thành trong quý II"),
    ("Tổng hợp số liệu tháng 3 và báo cáo trước tháng 4.", "trước tháng 4"),
])
def test_a_yearless_period_in_running_text_needs_its_deadline_word(sentence, words):
    assert _read(sentence)[1] == words


@pytest.mark.parametrize("sentence", [
    "Thực hiện Quyết định số 12/2025/QĐ-UBND ngày 15/12/2025 của UBND tỉnh.",
    "Theo Công văn số 870/TTCP-C.IV ngày 31 tháng 3 năm 2026 của Thanh tra Chính phủ.",
    "Triển khai Chiến lược quốc gia phòng, chống tham nhũng giai đoạn 2021-2030.",
    "Thực hiện Kế hoạch kiểm tra năm 2023 đã được phê duyệt.",
    "Báo cáo số liệu tính đến ngày 31/12/2025.",
    # the horizon of a planning document's or a strategy's name
    "Cập nhật vào Quy hoạch vùng thời kỳ 2021 - 2030, tầm nhìn đến năm 2060.",
    "Thực hiện Chiến lược phát triển thủy sản đến năm 2035, định hướng tới năm 2050.",
])
def test_dates_of_documents_and_names_are_no_deadline(sentence):
    assert _read(sentence) is None


@pytest.mark.parametrize(("text", "rrule"), [
    ("Hằng năm", "FREQ=YEARLY"),
    ("định kỳ hằng quý", "FREQ=MONTHLY;INTERVAL=3"),
    ("định kỳ 06 tháng", "FREQ=MONTHLY;INTERVAL=6"),
    ("hằng tháng", "FREQ=MONTHLY"),
    ("Giao ban hằng tuần", "FREQ=WEEKLY"),
    ("trước ngày 20 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=20"),
    ("định kỳ hằng năm, trước ngày 15/12", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15"),
    ("Báo cáo ngày 25 hàng tháng", "FREQ=MONTHLY;BYMONTHDAY=25"),
    # a cycle of months that divides the year, anchored on a day and month
    ("định kỳ 06 tháng, trước ngày 10/6", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=10"),
    # the last day of its month is each month's last
    ("định kỳ 06 tháng (trước ngày 31/5)", "FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=-1"),
    ("định kỳ 03 tháng", "FREQ=MONTHLY;INTERVAL=3"),
    ("mỗi 02 năm một lần", "FREQ=YEARLY;INTERVAL=2"),
    ("định kỳ 12 tháng", "FREQ=YEARLY"),
    # ongoing or undefined cycles have none
    ("Thường xuyên", None),
    ("định kỳ, đột xuất", None),
    ("quý IV/2025", None),
])
def test_recurring_work_has_an_rrule(text, rrule):
    assert from_phrase(text, year=PLAN_YEAR).rrule == rrule


def test_an_ongoing_phrase_with_a_cycle_in_it_takes_the_cycle():
    tf = from_phrase("Thường xuyên; định kỳ hằng quý báo cáo kết quả")
    assert (tf.recurrence, tf.rrule) == ("ongoing", "FREQ=MONTHLY;INTERVAL=3")


@pytest.mark.parametrize(("text", "dates"), [
    ("trước ngày 20 hằng tháng", ["2025-01-20", "2025-02-20", "2025-03-20"]),
    ("định kỳ 06 tháng (trước ngày 31/5)", ["2025-05-31", "2025-11-30", "2026-05-31"]),
    ("hằng tháng, trước ngày 30/1", ["2025-01-30", "2025-02-28", "2025-03-30"]),
    ("Hằng năm, trước ngày 15/12", ["2025-12-15", "2026-12-15", "2027-12-15"]),
])
def test_an_rrule_gives_the_dates_a_calendar_shows(text, dates):
    rrule = pytest.importorskip("dateutil.rrule")
    import datetime

    rule = rrule.rrulestr(from_phrase(text).rrule, dtstart=datetime.datetime(2025, 1, 1))
    assert [d.date().isoformat() for d in rule[:3]] == dates


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Quý IV/2013", "2013-10-01", "2013-12-31"),
    ("Tháng 11, 12/2013", "2013-11-01", "2013-12-31"),
    ("năm 2026 - 2027", "2026-01-01", "2027-12-31"),
    ("6 tháng cuối năm 2025", "2025-07-01", "2025-12-31"),
    ("Từ ngày 01/3/2025 đến ngày 30/4/2025", "2025-03-01", "2025-04-30"),
    ("ban hành trong quý I/2026 và triển khai trong năm 2026", "2026-01-01", "2026-12-31"),
    # a deadline word gives an end and no start
    ("trước ngày 30/6/2025", None, "2025-06-30"),
    ("Đến năm 2030", None, "2030-12-31"),
    ("Thường xuyên", None, None),
])
def test_a_phrase_bounds_its_period(text, start, end):
    tf = from_phrase(text)
    assert (tf.start, tf.end) == (start, end)


def test_the_record_exports_the_cycle_and_the_period():
    out = from_phrase("trước ngày 20 hằng tháng").to_dict()
    assert out["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=20"
    assert {"start", "end", "due", "recurrence", "text", "span"} <= set(out)


@pytest.mark.parametrize(("text", "start", "recurrence"), [
    # a dated period that runs on has no due day (the annotation guide), only a start
    ("Tháng 3/2026 và thường xuyên", "2026-03-01", "ongoing"),
    ("Quý II/2026, quý III/2026 và thường xuyên", "2026-04-01", "ongoing"),
    ("Năm 2026 và các năm tiếp theo", "2026-01-01", "ongoing"),
    ("Giai đoạn 2026 - 2030 và những năm tiếp theo", "2026-01-01", "ongoing"),
    ("Từ tháng 7/2026 trở đi", "2026-07-01", "ongoing"),
    ("2027 trở đi", "2027-01-01", "ongoing"),
    ("Từ năm 2026 đến năm 2030 và tiếp theo", "2026-01-01", "ongoing"),
    ("Tháng 5, 6/2026 và cập nhật hằng năm", "2026-05-01", "yearly"),
    # a start alone: "from 1 July"
    ("Từ ngày 01/7/2026", "2026-07-01", "ongoing"),
    ("kể từ năm 2027", "2027-01-01", "ongoing"),
])
def test_running_on_timeframes_have_no_due(text, start, recurrence):
    tf = from_phrase(text, year=PLAN_YEAR)
    assert (tf.due, tf.start, tf.end, tf.recurrence) == (None, start, None, recurrence)


@pytest.mark.parametrize(("text", "due"), [
    ("Từ năm 2026 đến năm 2028", "2028-12-31"),  # a range ends on 31 December of its last year
    ("năm 2026 - 2027", "2027-12-31"),
    ("2026 - 2027", "2027-12-31"),  # a "Thời gian" value of bare years
    ("xuyên suốt 2026 - 2030", "2030-12-31"),
    ("Tháng 9, 10/2026", "2026-09-30"),  # several deadlines: the first
    ("vào năm 2027", "2027-12-31"),
])
def test_ranges_and_lists_of_periods(text, due):
    assert from_phrase(text, year=PLAN_YEAR).due == due


@pytest.mark.parametrize(("sentence", "words"), [
    # brackets after a task mark its time
    ("Triển khai thí điểm nền tảng dùng chung (2026 - 2027).", "2026 - 2027"),
    ("Mở rộng kết nối dữ liệu toàn tỉnh (2027 trở đi).", "2027 trở đi"),
    # a year opening a clause with a colon is that clause's time
    ("- Năm 2026: rà soát văn bản, đề xuất sửa đổi.", "Năm 2026"),
    ("Giải quyết dứt điểm hồ sơ tồn đọng vào năm 2027.", "vào năm 2027"),
])
def test_layout_marks_a_bare_year_as_a_timeframe(sentence, words):
    assert _read(sentence)[1] == words


def test_a_period_before_the_plan_is_history_not_a_deadline():
    sentence = "Tổng kết các trận đánh trong giai đoạn 1974 - 1975, hoàn thành trong năm 2026."
    found = [(k, s, e) for k, s, e, _g in find_all(sentence)]
    s, e = best_in(found, sentence, year=2026)
    assert sentence[s:e] == "hoàn thành trong năm 2026"


def test_a_day_of_each_month_in_running_text_keeps_its_day():
    sentence = "Các sở cập nhật kết quả triển khai trước ngày 25 hằng tháng lên phần mềm."
    _kind, words = _read(sentence)
    assert words == "trước ngày 25 hằng tháng"
    assert from_phrase(words).rrule == "FREQ=MONTHLY;BYMONTHDAY=25"
