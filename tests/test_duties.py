"""Duties by period: periods, recurring work expanded, /due by a body's name, and the exports
(Excel, CSV, iCalendar) agreeing with the page and with each other."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from flask.testing import FlaskClient

from graph_api.agenda import agenda
from graph_api.periods import PeriodError, parse_period
from graph_api.recurrence import describe, occurrences, rule_for
from tests.test_web_support import make_app, plan_id

HTML = {"Accept": "text/html"}
OFFICER = "/due?body=thanh+tra+so+noi+vu+quang+ngai&period=2023-Q4"
TTS = "quang-ngai/so-noi-vu/thanh-tra-so"
HUE = "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app().test_client()


# --- periods ----------------------------------------------------------------------------------


def test_periods_people_ask_for() -> None:
    today = dt.date(2026, 12, 2)
    q = parse_period(None, today=today)  # this quarter by default
    assert (q.start, q.end, q.label) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31), "quý IV/2026")
    assert parse_period("this-month", today=today).label == "tháng 12/2026"
    assert parse_period("2023-Q4").end == dt.date(2023, 12, 31)
    assert parse_period("2024-02").end == dt.date(2024, 2, 29)  # a leap year
    assert parse_period("2023").label == "năm 2023"
    r = parse_period(None, "2023-10-15", "2023-11-20")
    assert r.key == "range" and r.query == {"from": "2023-10-15", "to": "2023-11-20"}
    for bad in ("next-week", "2023-Q5", "2023-13"):
        with pytest.raises(PeriodError):
            parse_period(bad)
    with pytest.raises(PeriodError):
        parse_period(None, "2023-12-01", "2023-01-01")  # ends before it starts


# --- recurring work ---------------------------------------------------------------------------

PLAN_2023 = {"date": None, "title": "Công tác phòng, chống tham nhũng năm 2023", "source": "x.txt"}


def test_a_monthly_rule_gives_one_deadline_a_month_within_the_plans_year() -> None:
    tf = {"rrule": "FREQ=MONTHLY;BYMONTHDAY=20"}  # "trước ngày 20 hằng tháng"
    q4 = occurrences(tf, PLAN_2023, dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert q4 == [dt.date(2023, 10, 20), dt.date(2023, 11, 20), dt.date(2023, 12, 20)]
    assert occurrences(tf, PLAN_2023, dt.date(2024, 1, 1), dt.date(2024, 3, 31)) == []
    assert describe(tf["rrule"]) == "ngày 20 hằng tháng"


def test_a_recurrence_word_without_a_rule_falls_on_each_periods_last_day() -> None:
    tf = {"recurrence": "half-yearly"}  # "định kỳ 06 tháng"
    year = occurrences(tf, PLAN_2023, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert year == [dt.date(2023, 6, 30), dt.date(2023, 12, 31)]
    rule = rule_for(tf, PLAN_2023)
    assert rule is not None and rule.ical.endswith("UNTIL=20231231") and rule.source == "recurrence"
    # a plan for a stretch of years runs its cycles through them all
    multi = {"date": "2021-03-01", "title": "giai đoạn 2021-2025", "source": "y.txt"}
    dates = occurrences({"recurrence": "yearly"}, multi, dt.date(2000, 1, 1), dt.date(2030, 1, 1))
    assert [d.year for d in dates] == [2021, 2022, 2023, 2024, 2025]


def test_ongoing_undated_and_malformed_work_has_no_deadline() -> None:
    lo, hi = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    assert occurrences({"recurrence": "ongoing"}, PLAN_2023, lo, hi) == []
    assert occurrences({"rrule": "FREQ=SOMETIMES"}, PLAN_2023, lo, hi) == []
    assert occurrences({"recurrence": "monthly"}, {"title": "không năm", "source": "z"}, lo,
                       hi) == []  # no year to run in: no guessed dates  # fmt: skip
    assert occurrences({"due": "2023-03-31"}, PLAN_2023, lo, hi) == [dt.date(2023, 3, 31)]


def test_an_agenda_has_a_row_per_occurrence_and_ongoing_work_apart() -> None:
    plan = {"id": "p", **PLAN_2023}
    base = {"plan": plan, "span": {"start": 0}, "assignments": [], "basis": []}
    items = [
        {**base, "iri": "t1", "due": "2023-11-30"},
        {**base, "iri": "t2", "due": None, "rrule": "FREQ=MONTHLY;BYMONTHDAY=20"},
        {**base, "iri": "t3", "due": None, "recurrence": "ongoing"},
        {**base, "iri": "t4", "due": "2023-03-31"},
        {**base, "iri": "t5", "due": None, "recurrence": "occasional"},  # khi có phát sinh
    ]
    found = agenda(items, parse_period("2023-Q4"))
    assert [(r["iri"], r["date"]) for r in found.rows] == [
        ("t2", "2023-10-20"), ("t2", "2023-11-20"), ("t1", "2023-11-30"), ("t2", "2023-12-20")]
    assert [t["iri"] for t in found.ongoing] == ["t3", "t5"]  # work as it arises, no date
    assert not agenda(items, parse_period("2025-Q1")).ongoing  # the plan is over by then


# --- /due and the body page -------------------------------------------------------------------


def test_the_tasks_read_for_a_period_give_the_agenda_of_every_task() -> None:
    """/due with no body reads the tasks due in the period, those with a rule naming its end and
    the recurring work of the plans not over by then (never every task): each period's agenda,
    rows and ongoing work, is the one that every task gives, in the same order."""
    from graph_api.blueprints import data
    from tests.test_web_support import sample_store

    store = sample_store()
    every, plans = data.tasks(store), data.plans(store)
    periods = [parse_period(p) for p in ("2021", "2023", "2023-Q4", "2023-12", "2024", "2024-Q2",
                                         "2025-Q1", "2026", "2026-Q4", "2027", "2031")]
    periods.append(parse_period(None, "2023-11-15", "2024-02-10"))
    seen = 0

    def norm(items):  # an empty plan_basis is there when another task read with it lacks a basis
        return [{k: v for k, v in t.items() if k != "plan_basis" or v} for t in items]

    for period in periods:
        for role in (None, "lead", "executor"):
            read = data.tasks_in_period(store, period, plans, role=role)
            assert len(read) < len(every)
            got = agenda(read, period)
            kept = [t for t in every if role is None
                    or any(a["role"] == role for a in t["assignments"])]
            want = agenda(kept, period)
            assert [(r["iri"], r["date"]) for r in got.rows] == [
                (r["iri"], r["date"]) for r in want.rows], (period, role)
            assert norm(got.rows) == norm(want.rows), (period, role)
            assert norm(got.ongoing) == norm(want.ongoing), (period, role)
            seen += len(got.rows) + len(got.ongoing)
    assert seen > 100


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'href="(/plans/[^"]+#task-[^"]+)"', body)


def test_an_officer_finds_the_quarters_duties_by_the_bodys_name(client: FlaskClient) -> None:
    html = client.get(OFFICER, headers=HTML).get_data(as_text=True)
    assert "quý IV/2023" in html and "Thanh tra Sở (Sở Nội vụ tỉnh Quảng Ngãi)" in html
    links = _rows(html)
    plan = plan_id("quang-ngai-snv-pctn-2023.txt")
    assert len(links) >= 3 and all(u.startswith(f"/plans/{plan}#task-") for u in links)
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    deadlines = re.findall(r'class="deadline">(\d\d)/(\d\d)/(\d{4})<', table)
    assert len(deadlines) == len(links)  # each row its deadline, inside the quarter
    assert all(y == "2023" and 10 <= int(m) <= 12 for _, m, y in deadlines)
    assert "chủ trì" in table  # the body's role
    assert 'href="/documents/' in table  # the legal basis, linked
    assert re.search(r"dòng \d+, ký tự \d+–\d+", table)  # where its words are
    # the body page says the same for the same period
    page = client.get(f"/bodies/{TTS}?period=2023-Q4", headers=HTML).get_data(as_text=True)
    assert _rows(page.split('class="period"', 1)[1]) == links


def test_a_name_that_fits_several_bodies_asks_which(client: FlaskClient) -> None:
    html = client.get("/due?body=thanh+tra+tinh", headers=HTML).get_data(as_text=True)
    assert "Chọn cơ quan" in html and "/due?" in html and "body=tay-ninh/thanh-tra-tinh" in html
    html = client.get("/due?body=khong+co+ai", headers=HTML).get_data(as_text=True)
    assert "Không có cơ quan nào" in html
    assert client.get("/due?period=2023-Q9", headers=HTML).status_code == 400


def test_due_defaults_to_this_quarter(client: FlaskClient) -> None:
    html = client.get("/due", headers=HTML).get_data(as_text=True)
    assert parse_period(None).label in html


# --- exports ----------------------------------------------------------------------------------


def _xlsx_rows(data: bytes) -> list[tuple[str, str]]:
    """(task link, deadline) of each row of the first sheet, as openpyxl reads them."""
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(ws.iter_rows(values_only=False))
    head = next(i for i, r in enumerate(rows) if r[0].value == "TT")
    names = [c.value for c in rows[head]]
    out = []
    for r in rows[head + 1 :]:
        cells = dict(zip(names, r, strict=True))
        out.append((cells["Nguyên văn"].hyperlink.target, cells["Hạn"].value))
    return out


def _ics_rows(data: bytes, lo: dt.date, hi: dt.date) -> list[tuple[str, str]]:
    """(task link, deadline) of each occurrence between lo and hi, as a calendar expands it."""
    import icalendar
    import recurring_ical_events

    cal = icalendar.Calendar.from_ical(data)
    events = recurring_ical_events.of(cal).between(lo, hi + dt.timedelta(days=1))
    return sorted((str(e["URL"]), e["DTSTART"].dt.strftime("%d/%m/%Y")) for e in events)


def test_the_calendar_and_the_workbook_hold_the_same_deadlines(client: FlaskClient) -> None:
    page = client.get(OFFICER, headers=HTML).get_data(as_text=True)
    xlsx = client.get(OFFICER + "&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.mimetype.endswith("spreadsheetml.sheet")
    in_book = _xlsx_rows(xlsx.data)
    feed = client.get(f"/bodies/{TTS}/calendar.ics")
    assert feed.mimetype == "text/calendar"
    in_cal = _ics_rows(feed.data, dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert in_book and sorted(in_book) == in_cal
    assert sorted(u.split("localhost", 1)[1] for u, _ in in_book) == sorted(_rows(page))


def test_recurring_work_is_one_recurring_event(client: FlaskClient) -> None:
    import icalendar

    cal = icalendar.Calendar.from_ical(client.get(f"/bodies/{TTS}/calendar.ics").data)
    events = [c for c in cal.walk("VEVENT")]
    assert len({str(e["UID"]) for e in events}) == len(events)  # one event per task
    recurring = [e for e in events if "RRULE" in e]
    assert recurring and all(e["RRULE"].get("UNTIL") for e in recurring)
    assert all(e.walk("VALARM") for e in events)  # a reminder a week before
    assert str(cal["X-WR-CALNAME"]).startswith("Thanh tra Sở")
    plan = icalendar.Calendar.from_ical(client.get(f"/plans/{HUE}/calendar.ics").data)
    assert plan.walk("VEVENT") and "Kế hoạch 232/KH-UBND" in str(plan["X-WR-CALNAME"])


def test_the_workbook_is_a_phan_cong_nhiem_vu_table(client: FlaskClient) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(f"/bodies/{TTS}/duties.xlsx").data))
    ws = book.worksheets[0]
    assert ws.title == "Phân công nhiệm vụ" and ws["A2"].value.startswith("Thanh tra Sở")
    header = [c.value for c in ws[4]]
    assert header[:5] == ["TT", "Nội dung nhiệm vụ", "Vai trò", "Cơ quan chủ trì",
                          "Cơ quan phối hợp"]  # fmt: skip
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref
    plan = load_workbook(io.BytesIO(client.get(f"/plans/{HUE}/tasks.xlsx").data))
    rows = list(plan.worksheets[0].iter_rows(min_row=5, values_only=True))
    assert len(rows) == 30 and "Vai trò" not in [c.value for c in plan.worksheets[0][4]]


def _csv(resp) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(resp.data.decode("utf-8-sig"))))


def test_csv_has_a_bom_and_honours_limit_on_every_route(client: FlaskClient) -> None:
    every = _csv(client.get("/api/tasks?format=csv"))
    assert len(every) == 93
    page = _csv(client.get("/api/tasks?format=csv&limit=5&offset=2"))
    assert [r["id"] for r in page] == [r["id"] for r in every[2:7]]
    assert client.get("/api/tasks?format=csv&limit=5").headers["X-Total-Count"] == "93"
    for url in (f"/api/bodies/{TTS}", f"/api/bodies/{TTS}/duties",
                f"/api/plans/{HUE}",
                "/api/documents/luat/36-2018-qh14", "/api/articles/luat/36-2018-qh14/dieu-10",
                "/api/bodies", "/api/plans", "/api/documents"):  # fmt: skip
        rows = _csv(client.get(url + "?format=csv"))
        assert rows, url
        assert len(_csv(client.get(url + "?format=csv&limit=1"))) == 1, url
    duties = _csv(client.get(f"/api/bodies/{TTS}?format=csv"))
    plan = plan_id("quang-ngai-snv-pctn-2023.txt")
    assert all(r["plan"] == plan for r in duties) and duties[0]["role"]
    due = _csv(client.get(OFFICER + "&format=csv"))
    assert due and all(r["Hạn"].endswith("/2023") and r["Nguyên văn"] for r in due)
