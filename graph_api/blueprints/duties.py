"""Duties by period: ``/due`` (a body chosen by name, this quarter by default) and the exports
offices use — Excel, CSV and iCalendar — of a body's, a plan's or the page's duties.

``/due?body=…&period=…`` answers "what must my body do this quarter, under which article";
``format=xlsx|csv|ics`` gives the same rows as a file. The calendar feeds
``/bodies/<id>/calendar.ics`` and ``/plans/<id>/calendar.ics`` hold every dated duty
(recurring work as recurring events), for Outlook or Google Calendar to subscribe to.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for

from graph_api.agenda import Agenda, agenda, by_task
from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import ApiError, arg_choice, arg_int, pager
from graph_api.exports import ics, table, xlsx
from graph_api.periods import Period, PeriodError, parse_period, quarter
from graph_api.state import state
from graph_api.store import Store

bp = Blueprint("duties", __name__)

FORMATS = ("html", "csv", "xlsx", "ics")
# /due with no body nor plan offers the quarters of this year and of so many years before it
# (a plan runs five years at most), and those of the period asked and of the plans shown
YEARS_BACK = 5
PICKER_YEARS = 12  # the most years the period picker lists one after another
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(slots=True)
class DutyQuery:
    """What the request asks: a period, maybe a body (found by id or by name), role, plan."""

    period: Period
    body: dict[str, Any] | None = None
    body_text: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)  # a name that fits several
    role: str | None = None
    plan: dict[str, Any] | None = None

    @property
    def args(self) -> dict[str, str]:
        """The request words that give this query back (for links to the other formats)."""
        out = dict(self.period.query)
        if self.body:
            out["body"] = self.body["id"]
        elif self.body_text:
            out["body"] = self.body_text
        if self.role:
            out["role"] = self.role
        if self.plan:
            out["plan"] = self.plan["id"]
        return out


def read_period() -> Period:
    args = request.args
    period = args.get("period", "").strip()
    try:
        if period in ("", "range") and (args.get("from") or args.get("to")):
            return parse_period(None, args.get("from"), args.get("to"))
        return parse_period(period if period != "range" else None)
    except PeriodError as exc:
        raise ApiError(400, str(exc)) from None


def read_query(store: Store, body_id: str | None = None,
               body: dict[str, Any] | None = None) -> DutyQuery:
    """The period, role, body and plan a request asks about; ``body``: the body already read
    (a body's page), so that every body need not be listed to find it."""
    q = DutyQuery(read_period(), role=arg_choice("role", data.ROLES))
    text = body_id or request.args.get("body", "").strip()
    if body is not None:
        q.body_text, q.body = body["id"], body
    elif text:
        q.body_text = text
        q.body, q.candidates = data.resolve_body(store, text)
    if request.args.get("plan"):
        q.plan = data.plan_by_id(store, request.args["plan"].strip())
    return q


def items(store: Store, q: DutyQuery, every: list[dict[str, Any]] | None = None
          ) -> list[dict[str, Any]]:  # fmt: skip
    """The tasks the query is about: a body's duties (one per task, its roles said), else the
    tasks of the plan, else those that may fall due in the period (``every``: the plans, when
    the caller has them), with the role filter applied."""
    if q.body is not None:  # of its duties, those that may fall due in the period
        duties = data.duties(store, q.body["iri"], q.period)
        if q.role:
            duties = [d for d in duties if d["role"] == q.role]
        found = by_task(duties)
        if q.plan:
            found = [d for d in found if d["plan"]["iri"] == q.plan["iri"]]
        return found
    if q.candidates or q.body_text:
        return []  # a name that fits several bodies (or none): the page asks which
    if q.plan:
        return data.tasks(store, plan=q.plan["iri"], role=q.role)
    every = data.plans(store) if every is None else every
    return data.tasks_in_period(store, q.period, every, role=q.role)


def title_lines(q: DutyQuery, what: str = "Nhiệm vụ đến hạn") -> list[str]:
    lines = [f"{what} {q.period.label}"]
    if q.body:
        lines.append(q.body["label"])
    if q.plan:
        lines.append(q.plan["label"])
    if q.role:
        lines.append(f"Vai trò: {data.ROLE_VI[q.role]}")
    return lines


def _filename(q: DutyQuery, ext: str) -> str:
    who = (q.body["id"] if q.body else q.plan["id"] if q.plan else "tat-ca").replace("/", "-")
    return f"nhiem-vu-{who}-{q.period.key if q.period.key != 'range' else 'khoang'}.{ext}"


def file_response(body: bytes | str, mimetype: str, filename: str, inline: bool = False
                  ) -> Response:  # fmt: skip
    resp = Response(body, mimetype=mimetype)
    how = "inline" if inline else "attachment"
    resp.headers["Content-Disposition"] = f'{how}; filename="{filename}"'
    return resp


def csv_bytes(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> bytes:
    """CSV that Excel opens as UTF-8: a byte-order mark first, CRLF lines."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([h for _, h in columns])
    for r in rows:
        w.writerow(["" if r.get(k) is None else r[k] for k, _ in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def export(q: DutyQuery, found: Agenda, fmt: str) -> Response:
    base = request.url_root
    if fmt == "xlsx":
        data_ = xlsx.workbook(title_lines(q), found.rows, base, found.ongoing)
        return file_response(data_, XLSX, _filename(q, "xlsx"))
    if fmt == "csv":
        return file_response(csv_bytes(table.rows(found.rows, base), table.COLUMNS),
                             "text/csv", _filename(q, "csv"), inline=True)  # fmt: skip
    return calendar_response(title_lines(q, "Nhiệm vụ")[1:] or ["Nhiệm vụ"], found.rows)


def calendar_response(name: list[str], rows: list[dict[str, Any]]) -> Response:
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:  # one event per task: a recurring one carries its own occurrences
        seen.setdefault(r["iri"], r)
    body = ics.calendar(" — ".join(name), "Các nhiệm vụ có hạn, trích từ kế hoạch (căn cứ)",
                        list(seen.values()), request.url_root,
                        state(get_store()).since)  # fmt: skip
    return file_response(body, "text/calendar", "lich-nhiem-vu.ics", inline=True)


def quarters(store: Store, years: set[int] | None = None) -> list[Period]:
    """The quarters of the years the plans cover (or ``years``: a body's plans'), for the
    period picker."""
    if years is None:
        years = {p["year"] for p in data.plans(store) if p.get("year")}
    # a year a request or a plan gives may be any (9999, 1): each such year is offered with the
    # one after it, not every year between, and none past the calendar's last
    years = {y for y in years if y and dt.MINYEAR <= y < dt.MAXYEAR}
    years |= {dt.date.today().year}
    span = range(min(years), max(years) + 2)
    if len(span) > PICKER_YEARS:
        span = sorted({y + k for y in years for k in (0, 1)})
    return [quarter(y, n) for y in span for n in (1, 2, 3, 4)]


@bp.get("/due")
def due() -> Any:
    """What falls due in a period: a body's agenda, or a plan's; with neither, a page of the
    tasks with a deadline in the period (next and previous linked), each page by date. The
    exports (xlsx, csv, ics) hold every row: with neither, every deadline of the period and
    the recurring and ongoing work of every plan in force then."""
    fmt = arg_choice("format", FORMATS) or "html"
    store = get_store()
    q = read_query(store)
    whole_store = not (q.body or q.plan or q.body_text)
    if fmt != "html":
        every = data.plans(store) if whole_store else []  # the plans in force, for the rest
        return export(q, agenda(items(store, q, every), q.period), fmt)
    page, pages = None, {}
    if whole_store:
        limit = int(current_app.config["CANCU_PAGE_SIZE"])
        page = data.due_page(store, q.period, limit, arg_int("offset", 0, 0), q.role)
        found = agenda(page.items, q.period)
        pages = pager("duties.due", page, **q.args)
    else:
        found = agenda(items(store, q, []), q.period)
    # the plans to choose from: the body's, else those shown (and the one chosen), never
    # every plan of the store
    shown = data.plans(store, q.body["iri"]) if q.body else list({
        r["plan"]["iri"]: r["plan"] for r in found.rows + found.ongoing}.values())
    if q.plan and q.plan["iri"] not in {p["iri"] for p in shown}:
        shown.append(q.plan)
    shown.sort(key=lambda p: p.get("name") or p["id"])
    years = {p.get("year") for p in shown} | {q.period.start.year, q.period.end.year}
    if whole_store:  # the years plans in force now may have begun in, without reading them
        years |= set(range(dt.date.today().year - YEARS_BACK, dt.date.today().year))
    return render_template("due.html", q=q, found=found, page=page, pages=pages,
                           quarters=quarters(store, years),
                           roles=data.ROLE_VI, plans=shown, links=links(q))  # fmt: skip


@bp.get("/bodies/<path:bid>/calendar.ics")
def body_calendar(bid: str) -> Response:
    store = get_store()
    b = data.body(store, bid)
    rows = by_task(b["duties"])
    return calendar_response([b["label"]], rows)


@bp.get("/plans/<path:pid>/calendar.ics")
def plan_calendar(pid: str) -> Response:
    store = get_store()
    p = data.plan_by_id(store, pid)
    return calendar_response([p["label"]], data.tasks(store, plan=p["iri"]))


@bp.get("/bodies/<path:bid>/duties.xlsx")
def body_workbook(bid: str) -> Response:
    """Every duty of a body (one row per task), or those due in ``period`` when asked."""
    store = get_store()
    b = data.body(store, bid)
    rows = by_task(b["duties"])
    if request.args.get("period") or request.args.get("from") or request.args.get("to"):
        q = read_query(store, b["id"])
        found = agenda(rows, q.period)
        return file_response(xlsx.workbook(title_lines(q), found.rows, request.url_root,
                                           found.ongoing), XLSX, _filename(q, "xlsx"))
    title = ["Phân công nhiệm vụ", b["label"]]
    name = f"nhiem-vu-{b['id'].replace('/', '-')}.xlsx"
    return file_response(xlsx.workbook(title, rows, request.url_root), XLSX, name)


@bp.get("/plans/<path:pid>/tasks.xlsx")
def plan_workbook(pid: str) -> Response:
    store = get_store()
    p = data.plan_by_id(store, pid)
    rows = data.tasks(store, plan=p["iri"])
    title = ["Phân công nhiệm vụ", p["label"]]
    return file_response(xlsx.workbook(title, rows, request.url_root), XLSX,
                         f"phan-cong-{p['id']}.xlsx")  # fmt: skip


def links(q: DutyQuery) -> dict[str, str]:
    """The page's other formats."""
    return {f: url_for("duties.due", **q.args, format=f) for f in ("xlsx", "csv", "ics")}
