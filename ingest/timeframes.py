"""Timeframes: find them in text and resolve them to a due date and a recurrence.

``due`` is the last day of the first dated period ("quý IV/2023" → 2023-12-31, "trong tháng
01 năm 2023" → 2023-01-31, "từ ngày 01/3/2025 đến ngày 30/4/2025" → 2025-04-30). A date
without its year takes the plan's year when the caller gives it, else gives no due date
rather than a guess; recurring or running-on work ("định kỳ 06 tháng (trước ngày 31/5)",
"Năm 2025 và các năm tiếp theo") has none either.
Recurring work gets its cycle as an RFC 5545 RRULE ("trước ngày 20 hằng tháng" →
``FREQ=MONTHLY;BYMONTHDAY=20``), and every phrase the first and last day of the period it
names where it names them (``start``, ``end``). The words and shapes live in the
``[timeframes]`` table of ``ingest/data/patterns.toml``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ingest.lexicon import lexicon
from ingest.models import Timeframe
from ingest.regexes import at_end

QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
# kinds whose match is a dated period, in the order they are tried; each kind is a data key
DATED = ("quarter", "week", "month", "date", "long_date", "part_of_year", "season",
         "school_year", "year", "period", "years")
RECURRING = ("cycle_day", "periodic", "ongoing", "periodic_word")
DURATION = "duration"  # "trong thời hạn 30 ngày kể từ ngày ...": a count from an event, no due
# "ngày 01/7/2019" or "năm 2023" alone is more often a cited document's date or a plan's name
NEEDS_DEADLINE_WORD = {"date", "long_date", "part_of_year", "school_year", "year", "period",
                       "years"}
SCHEDULED = "as_scheduled"  # "theo tiến độ ...": timed by another schedule, no due
# "khi có phát sinh", "khi có yêu cầu": on occasion, no due, no cycle; read in a time value
# only, never spotted in running text (there it is a condition of one clause, "giám định hồ sơ
# khi có yêu cầu của cơ quan chức năng", and the guide reads a deadline in the text)
# label first; dated periods by position; recurrence cues; a day with no year ("day") last,
# so "định kỳ 06 tháng (trước ngày 31/5)" reads as recurring
RANK = {"label": 0, **dict.fromkeys(DATED, 1), "cycle_day": 2, "periodic": 2, DURATION: 2,
        "ongoing": 3, "periodic_word": 4, SCHEDULED: 4, "day": 5}
_ITEM = re.compile(r"IV|I{1,3}|\d{1,2}")
_MARKUP = re.compile(r"[\s*_+•(\"“\-–]*")


def _table() -> dict:
    """The ``[timeframes]`` table of patterns.toml: words and shapes are data."""
    return lexicon().patterns["timeframes"]


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each pattern opens on its keyword (a fast scan); a deadline word before it is read
    by :func:`_with_before`, so "trong quý I/2023" and "trước ngày 31/5" keep their words."""
    t = _table()
    cycle = f"(?:{t['report_cycle']})?"  # kept in the span, so the recurrence is read
    word = {k: rf"(?<![\w]){t[k]}(?![\w])" for k in ("ongoing", "periodic_word")}
    out = [("label", re.compile(t["label"]))]
    out += [(k, re.compile(t[k] + (cycle if k in ("date", "long_date") else "")))
            for k in DATED]
    # "(trước) ngày 20 hằng tháng": the day of a cycle, with its deadline word
    return [*out, ("cycle_day", re.compile(t["day_of_month"])),
            (DURATION, re.compile(t["duration"])),
            ("periodic", re.compile(t["periodic"])),
            ("ongoing", re.compile(word["ongoing"])),
            ("periodic_word", re.compile(word["periodic_word"])),
            (SCHEDULED, re.compile(t[SCHEDULED]))]


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    """Helper patterns: a range's joint, a label."""
    t = _table()
    return {
        "range": re.compile(t["range"]),
        "label": re.compile(t["label"]),
        "ends_only": re.compile(rf"{t['ends_only']}\b"),
        "runs_on": re.compile(t["runs_on"]),
        "year": re.compile(t["year"]),
        "years": re.compile(t["years"]),
        "every": re.compile(t["every"]),
        "day_of_month": re.compile(t["day_of_month"]),
        "date": re.compile(t["date"]),
        "long_date": re.compile(t["long_date"]),
        "clock": re.compile(t["clock"]),
        "bare_year": re.compile(t["bare_year"]),
        "joint_after": re.compile(t["joint_after"]),
        "duration": re.compile(t["duration"]),
        "runs_on_after": re.compile(t["runs_on_after"]),
        "horizon": re.compile(t["horizon"]),
        "horizon_after": re.compile(t["horizon_after"]),
        "occasion": re.compile(t["occasion"]),  # in a time value only (see _on_occasion)
        "period": re.compile(t["period"]),
        "plan_horizon": re.compile(t["plan_horizon"]),
        "clause_break": re.compile(t["clause_break"]),
        "lasting": re.compile(t["lasting"]),
        "afternoon": re.compile(t["afternoon"]),
    }


@lru_cache(maxsize=1)
def before() -> re.Pattern[str]:
    """The deadline word before an expression ("trước ngày ..."), with the blanks after it."""
    return at_end(rf"(?<![\w]){_table()['deadline']}\s")


@lru_cache(maxsize=1)
def since() -> re.Pattern[str]:
    """A word that opens a period before an expression ("từ tháng 11/2013")."""
    return at_end(rf"(?<![\w]){_table()['since']}\s")


@lru_cache(maxsize=1)
def recurrences() -> list[tuple[str, re.Pattern[str]]]:
    """(recurrence, pattern) in the data file's order: the first that matches wins."""
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in _table()["recurrence"].items()]


def _yearless(kind: str, m: re.Match[str]) -> bool:
    """A quarter or a month without its year ("trong quý II", "trong tháng 6")."""
    return (kind == "quarter" and not m.group("qy")) or (kind == "month" and not m.group("my"))


def _with_before(kind: str, text: str, start: int, head: int = -1,
                 end: int | None = None, yearless: bool = False) -> int | None:
    """Start of the expression with its deadline word; None when one is required and absent
    (a dated expression opening a "Thời gian" value at ``head`` needs none). The horizon of
    a document's name ("tầm nhìn đến năm 2050", "đến năm 2030, định hướng đến năm 2045",
    the expression ending at ``end``) has no deadline word."""
    if kind not in DATED and kind != "cycle_day":
        return start
    m = before().search(text, max(0, start - 30), start)  # from where the word can start
    if m and (_res()["horizon"].search(text, max(0, m.start() - 15), m.start())
              or (end is not None and _res()["horizon_after"].match(text, end))):
        m = None
    if kind == "cycle_day":
        return m.start() if m else start
    if m:
        return m.start()
    if (kind in NEEDS_DEADLINE_WORD or yearless) and start != head \
            and not _marks_time(text, start):
        return None
    return start


_OPENS_CLAUSE = re.compile(r"(?:^|\n)[\s\-–+•*]*$")  # after the outline's bullets, all of them
_BRACKET = re.compile(r"\(\s*$")
_AFTER_OPENING = re.compile(r"\s*[:,]")


def _marks_time(text: str, start: int) -> bool:
    """Does the layout make a bare date or year a timeframe? In brackets ("... thí điểm
    (2025 - 2026)"), or opening a line with a colon or comma after it ("- Năm 2018: rà soát
    ...", the clause's time)."""
    before_it = text[max(0, start - 12):start]
    if _BRACKET.search(before_it):
        return True
    if _OPENS_CLAUSE.search(text[max(0, start - 6):start]) or start == 0:
        after = _res()["year"].match(text, start) or _res()["years"].match(text, start)
        return bool(after and _AFTER_OPENING.match(text, after.end()))
    return False


def find_all(text: str) -> list[tuple[str, int, int, dict[str, str | None]]]:
    """Every timeframe expression in ``text``: (kind, start, end, groups)."""
    return [hit for kind, pattern in patterns() for m in pattern.finditer(text)
            if (hit := accept(kind, m, text)) is not None]


def accept(kind: str, m: re.Match[str], text: str) -> tuple | None:
    """(kind, start, end, groups) of a match, widened to its deadline word, or None.
    A date without its year is of kind "day": it yields to a recurrence cue nearby."""
    start = _with_before(kind, text, m.start(), end=m.end(),
                         yearless=_yearless(kind, m))
    if start is None:
        return None
    if kind in ("date", "long_date"):
        kind = "date" if m.group("dy") else "day"
    return kind, start, m.end(), m.groupdict()


def _head(text: str) -> int:
    """Where a "Thời gian" value's own words begin: past markup, a written label and the
    hour of an event ("13h30 ngày 29/4/2026", "08 giờ 00, ngày 15/5/2026": the day is the
    value's)."""
    at = _MARKUP.match(text).end()
    label = _res()["label"].match(text, at)
    at = label.start("value") if label else at
    clock = _res()["clock"].match(text, at)
    return clock.end() if clock else at


@lru_cache(maxsize=1)
def _dated_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The patterns of :data:`DATED` kinds, in :func:`patterns` order (picked once)."""
    return [(k, p) for k, p in patterns() if k in DATED]


def _dated(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Every match of a dated pattern, in the text's order."""
    hits = [(k, m) for k, p in _dated_patterns() for m in p.finditer(text)]
    yield from sorted(hits, key=lambda h: (h[1].start(), -h[1].end()))


def _range_end(text: str, m: re.Match[str], hits: list[tuple[str, re.Match[str]]]
               ) -> tuple[str, re.Match[str]] | None:
    """The period closing a range that ``m`` opens ("01/3/2025 - 30/4/2025"), if any."""
    for kind, nxt in hits:
        if nxt.start() >= m.end() and _res()["range"].match(text[m.end():nxt.start()]):
            return kind, nxt
    return None


def due_of(text: str, year: int | None = None) -> str | None:
    """ISO last day of the first dated period in ``text`` (a range: its end), else None;
    ``year`` completes a date written without one."""
    hits = list(_dated(text))
    head = _head(text)
    for kind, m in hits:
        if _with_before(kind, text, m.start(), head, m.end(),
                        _yearless(kind, m)) is None and since().search(
                text, max(0, m.start() - 30), m.start()) is None:
            continue  # neither a deadline word nor "từ" ("từ năm 2013 đến năm 2015") before it
        end = _range_end(text, m, hits)
        iso = _iso(*(end or (kind, m)), year)
        if iso:
            return iso
    return None


NAMED_PERIODS = ("season", "week", "school_year")


def _named_period(kind: str, g: dict[str, str | None], year: int | None
                  ) -> tuple[str | None, str | None]:
    """First and last day of a period named by words whose days are data: a week of a month
    ("tuần thứ 2 tháng 5/2025"), a school year; a part of a year ("giữa năm 2026") has none."""
    t = _table()
    if kind == "season":
        return None, None  # "đầu năm 2026": no day it ends on
    if kind == "school_year":
        (m1, d1), (m2, d2) = t["school_year_days"]["start"], t["school_year_days"]["end"]
        return f"{int(g['ay']):04d}-{m1:02d}-{d1:02d}", f"{int(g['ay2']):04d}-{m2:02d}-{d2:02d}"
    y, month = int(g["wy"] or year or 0), int(g["wm"])
    word = " ".join(g["wn"].lower().split())
    n = int(word) if word.isdigit() else t["week_ordinals"].get(word)
    if not y or n is None:
        return None, None
    days = calendar.monthrange(y, month)[1]
    first = days - 6 if n < 0 else 7 * n - 6
    return f"{y:04d}-{month:02d}-{first:02d}", f"{y:04d}-{month:02d}-{min(days, first + 6):02d}"


def _last_day(year: int, month: int) -> str:
    """ISO last day of a month: a period is due when it ends."""
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _first_item(items: str) -> str:
    """The first period of a list ("11 và 12" → 11), or a range's end ("I - III" → III)."""
    found = list(_ITEM.finditer(items))
    if len(found) > 1 and _res()["range"].match(items[found[0].end():found[1].start()]):
        return found[1].group()
    return found[0].group()


def _iso(kind: str, m: re.Match[str], year: int | None = None) -> str | None:
    """The last day of the period ``m`` names, or None when it names no valid one."""
    g = m.groupdict()
    try:
        if kind == "quarter":
            q = _first_item(g["q"])
            y = int(g["qy"] or year or 0)
            return _last_day(y, 3 * (QUARTERS.get(q.upper()) or int(q))) if y else None
        if kind == "month":
            y = int(g["my"] or year or 0)
            return _last_day(y, int(_first_item(g["m"]))) if y else None
        if kind in ("date", "long_date"):
            y, month, day = int(g["dy"] or year or 0), int(g["dm"]), int(g["d"])
            if y and 1 <= day <= calendar.monthrange(y, month)[1]:
                return f"{y:04d}-{month:02d}-{day:02d}"
            return None
        if kind == "part_of_year":
            y, n = int(g["py"] or year or 0), int(g["pn"])
            return _last_day(y, 12 if g["pw"] == "cuối" else n) if y and 1 <= n <= 12 else None
        if kind in NAMED_PERIODS:
            return _named_period(kind, g, year)[1]
        if kind in ("year", "period", "years"):
            return f"{int(g['y2'] or g['y']):04d}-12-31"
    except (KeyError, ValueError, TypeError, calendar.IllegalMonthError):
        return None
    return None


def recurrence_of(text: str) -> str | None:
    """ongoing, yearly, quarterly, half-yearly, monthly or periodic, from the words used."""
    return next((name for name, p in recurrences() if p.search(text)), None)


class PlanYear(int):
    """The year a plan was written, and whether the plan covers several years ("Kế hoạch
    ... giai đoạn 2026 - 2030"). It is an ``int`` (the plan's year: what a period that ended
    before the plan is told apart by, and a law's version chosen by) that also says whether a
    quarter, a month or a day written without its year ("quý III", "trước ngày 15/12") may be
    given the plan's year: only where the plan is for one year. In a plan of several years
    such a period recurs or falls in a year the plan does not say ("quý II hằng năm", "quý
    III" in a plan for 2026-2030): it gets no due date rather than a guessed year; a plan of
    one year, or of no stated span (most plans are for the year they are written in), dates
    it in its year."""

    several: bool

    def __new__(cls, year: int, several: bool = False) -> PlanYear:
        self = super().__new__(cls, year)
        self.several = several
        return self


def plan_years(year: int | None, title: str | None) -> int | None:
    """``year`` (the plan's) as a :class:`PlanYear` that knows whether the plan's title names
    a span of several years: a range ("giai đoạn 2026 - 2030", "năm 2026 - 2027", "2026-2030")
    or a horizon past its year ("đến năm 2030" in a plan of 2025)."""
    if year is None:
        return None
    res, title = _res(), title or ""
    ranges = [m for k in ("period", "years", "year") for m in res[k].finditer(title)]
    several = any(m.group("y2") and int(m.group("y2")) > int(m.group("y")) for m in ranges)
    horizon = res["plan_horizon"].search(title)
    several = several or bool(horizon and int(horizon.group("y")) > year)
    return PlanYear(year, several)


def _completing(year: int | None) -> int | None:
    """The year that completes a period written without one (see :class:`PlanYear`)."""
    return None if getattr(year, "several", False) else (int(year) if year is not None else None)


def from_phrase(text: str, year: int | None = None) -> Timeframe:
    """A timeframe from a "Thời gian thực hiện: ..." value or an in-text phrase. ``year``
    (the plan's) dates "trước ngày 15/12", unless the phrase recurs: then the day is each
    cycle's, not one deadline; nor in a plan of several years (:class:`PlanYear`)."""
    text = text.strip().rstrip(".;")
    # a time cell or line that is a year alone ("| 2026 |") names that year, as "năm 2026"
    r = _reading(f"năm {text}" if _res()["bare_year"].fullmatch(text) else text,
                 _completing(year))
    return Timeframe(text=text, due=r.due, recurrence=r.recurrence, rrule=r.rrule,
                     start=r.start, end=r.end)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a phrase says about time (see :class:`~ingest.models.Timeframe`)."""

    due: str | None
    recurrence: str | None
    rrule: str | None
    start: str | None
    end: str | None


@lru_cache(maxsize=4096)
def _reading(text: str, year: int | None) -> Reading:
    """A phrase read once: plans repeat theirs ("Thường xuyên", "Quý IV/2025") from task to
    task and from plan to plan."""
    lasting = _lasting(text, year)
    if lasting is not None:
        return lasting
    if _res()["duration"].match(text):
        return Reading(None, None, None, None, None)  # counted from an event: no day to give
    if _on_occasion(text):
        return Reading(None, "occasional", None, None, None)
    recurrence = recurrence_of(text)
    dated_year = None if recurrence else year
    start, end = bounds_of(text, dated_year)
    if recurrence is None and not _only_since(text):
        return Reading(due_of(text, dated_year), None, None, start, end)
    # recurring or running-on work has no deadline, whatever period it opens with (the
    # annotation guide: "Năm 2025 và các năm tiếp theo", "Tháng 12/2013 và thường xuyên");
    # nor has work that only says when it starts ("từ ngày 01/7/2025"). Work that runs on
    # past the period it names has no end either ("Quý IV/2025 và hằng năm"); work that
    # recurs within a period keeps it ("hằng quý đến hết năm 2025").
    if recurrence in (None, "ongoing") or _runs_on(text):
        end = None
    return Reading(None, recurrence or "ongoing",
                   rrule_of(text, end) if recurrence else None, start, end)


def _lasting(text: str, year: int | None) -> Reading | None:
    """An event of a stated length from a stated first day ("1,5 ngày (bắt đầu từ 13h30 thứ
    Hai ngày 06/7/2026)", ``[timeframes] lasting``): from that day to its last, due then.
    Half days count from the hour or the part of the day it begins ("buổi chiều, bắt đầu từ
    ..."); working days pass over Saturdays and Sundays."""
    res = _res()
    m = res["lasting"].match(text)
    if m is None:
        return None
    at = m.group("at")
    day = next((d for d in (res["date"].search(at), res["long_date"].search(at)) if d), None)
    if day is None:
        return None
    g = day.groupdict()
    try:
        first = date(int(g["dy"] or year or 0), int(g["dm"]), int(g["d"]))
    except (TypeError, ValueError):
        return None
    halves = round(float(m.group("n").replace(",", ".")) * 2)
    if halves < 1:
        return None
    afternoon = res["afternoon"].search(f"{m.group('part') or ''} {at[:day.start()]}") is not None
    days = (halves - (0 if afternoon else 1)) // 2  # days after the first
    last = first
    while days:
        last += timedelta(days=1)
        if not (m.group("work") and last.weekday() >= 5):
            days -= 1
    return Reading(last.isoformat(), None, None, first.isoformat(), last.isoformat())


def _on_occasion(text: str) -> bool:
    """Is the work done on occasion ("Khi có phát sinh", "Khi có phát sinh; báo cáo kết quả
    hằng năm")? So where a clause says so and names no cycle and no period of its own: the
    occasion is then the time of the work, whatever another clause names; "Hằng năm hoặc khi
    có yêu cầu" (one clause) is yearly, work that may also be asked for in between."""
    res = _res()
    m = res["occasion"].search(text)
    if m is None:
        return False
    starts = [b.end() for b in res["clause_break"].finditer(text, 0, m.start())]
    start = starts[-1] if starts else 0
    stop = res["clause_break"].search(text, m.end())
    clause = text[start:stop.start() if stop else len(text)]
    return recurrence_of(clause) is None and next(_dated(clause), None) is None


def _runs_on(text: str) -> bool:
    """Does the work go on after the dated period the text opens with ("..., và các năm tiếp
    theo", "... trở đi", "... và thường xuyên")?"""
    first = next((m for _k, m in _dated(text)), None)
    return first is not None and _res()["runs_on"].search(text, first.start()) is not None


_INNER_RANGE = re.compile(r"\s(?:đến|tới)\s|[-–]")


def _only_since(text: str) -> bool:
    """Does the text only say when the work starts ("Từ 01/7/2025", "kể từ năm 2026"): one
    dated expression after a "since" word, closing no range?"""
    hits = list(_dated(text))
    if not hits:
        return False
    _kind, m = hits[0]
    if since().search(text, max(0, m.start() - 30), m.start()) is None:
        return False
    if _range_end(text, m, hits) is not None or _INNER_RANGE.search(m.group()):
        return False  # "từ tháng 3 đến tháng 5/2025", "từ năm 2013 đến năm 2015": a range
    return all(h.start() < m.end() for _k, h in hits[1:])


def bounds_of(text: str, year: int | None = None) -> tuple[str | None, str | None]:
    """(first day, last day) of the period ``text`` names, ISO, each None where it gives
    none: the first dated expression opens it (unless its word gives only an end: "trước",
    "đến"), the latest one closes it. An expression after "từ" counts, being a start."""
    hits = list(_dated(text))
    head = _head(text)
    start = end = None
    first = True
    covered = -1  # the end of the last expression read: one inside it is part of it
    for kind, m in hits:
        if m.end() <= covered:
            continue  # "tháng 5/2025" in "tuần thứ hai của tháng 5/2025"
        at = _with_before(kind, text, m.start(), head, m.end(), _yearless(kind, m))
        opens = since().search(text, max(0, m.start() - 30), m.start())
        if at is None and opens is None:
            continue
        lo, hi = _bounds(kind, m, year)
        covered = m.end()
        closing = _range_end(text, m, hits)
        if closing is not None:
            hi = _bounds(*closing, year)[1] or hi
        if lo is None:
            continue
        if first:
            word = text[at:m.start()] if opens is None else ""
            start = None if _res()["ends_only"].match(word) else lo
            first = False
        if hi and (end is None or hi > end):
            end = hi
    return start, end


def _bounds(kind: str, m: re.Match[str], year: int | None) -> tuple[str | None, str | None]:
    """First and last day of the whole period ``m`` names: a list or a range runs from its
    first item to its last ("tháng 11, 12/2013": 1 November to 31 December)."""
    g = m.groupdict()
    try:
        if kind == "quarter":
            items = [QUARTERS.get(q.upper()) or int(q) for q in _ITEM.findall(g["q"])]
            y = int(g["qy"] or year or 0)
            if not y or not all(1 <= q <= 4 for q in items):
                return None, None
            return f"{y:04d}-{3 * items[0] - 2:02d}-01", _last_day(y, 3 * items[-1])
        if kind == "month":
            items = [int(x) for x in _ITEM.findall(g["m"])]
            y = int(g["my"] or year or 0)
            if not y:
                return None, None
            return f"{y:04d}-{items[0]:02d}-01", _last_day(y, items[-1])
        if kind in ("date", "long_date"):
            day = _iso(kind, m, year)
            return day, day
        if kind == "part_of_year":
            y, n = int(g["py"] or year or 0), int(g["pn"])
            if not (y and 1 <= n <= 12):
                return None, None
            if g["pw"] == "cuối":
                return f"{y:04d}-{13 - n:02d}-01", _last_day(y, 12)
            return f"{y:04d}-01-01", _last_day(y, n)
        if kind in NAMED_PERIODS:
            return _named_period(kind, g, year)
        if kind in ("year", "period", "years"):
            return f"{int(g['y']):04d}-01-01", f"{int(g['y2'] or g['y']):04d}-12-31"
    except (KeyError, ValueError, TypeError, calendar.IllegalMonthError):
        return None, None
    return None, None


@lru_cache(maxsize=1)
def _rrules() -> list[tuple[str, re.Pattern[str]]]:
    """(RRULE, pattern) of each recurrence that has a cycle, in the data file's order."""
    cycles = _table()["rrule"]
    return [(cycles[name], p) for name, p in recurrences() if name in cycles]


def rrule_of(text: str, until: str | None = None) -> str | None:
    """The cycle of recurring work in ``text`` as an RFC 5545 RRULE value, or None when the
    words name none ("thường xuyên", a bare "định kỳ"). A day the text gives anchors it
    ("trước ngày 20 hằng tháng": BYMONTHDAY=20; "hằng năm, trước ngày 15/12": BYMONTH=12;
    BYMONTHDAY=15); ``until`` (ISO) ends it."""
    every = _res()["every"].search(text)
    if every is not None:
        n, yearly = int(every["n"]), every["unit"].lower() == "năm"
        if n == 0:
            return None
        freq, interval = ("YEARLY", n) if yearly else ("MONTHLY", n)
        if freq == "MONTHLY" and n % 12 == 0:
            freq, interval = "YEARLY", n // 12
    else:
        rule = next((r for r, p in _rrules() if p.search(text)), None)
        if rule is None:
            return None
        parts = dict(p.split("=") for p in rule.split(";"))
        freq, interval = parts["FREQ"], int(parts.get("INTERVAL", 1))
    out = [f"FREQ={freq}"] + ([f"INTERVAL={interval}"] if interval > 1 else [])
    day, month = _anchor(text)
    if day is not None and freq in ("MONTHLY", "YEARLY"):
        out = _anchored(freq, interval, day, month) or out
    if until:
        out.append(f"UNTIL={until.replace('-', '')}")
    return ";".join(out)


def _anchor(text: str) -> tuple[int | None, int | None]:
    """(day, month) of the first day the text names ("ngày 20 hằng tháng": 20, None;
    "trước ngày 15/12": 15, 12)."""
    m = _res()["day_of_month"].search(text)
    if m is not None:
        return int(m["d"]), None
    found = [m for k in ("date", "long_date") if (m := _res()[k].search(text))]
    if not found:
        return None, None
    m = min(found, key=lambda m: m.start())
    day, month = int(m["d"]), int(m["dm"])
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]):
        return None, None
    return day, month


def _anchored(freq: str, interval: int, day: int, month: int | None) -> list[str] | None:
    """The rule's parts with its day: a cycle of months that divides the year and has a
    month becomes the months of a year ("định kỳ 06 tháng, trước ngày 15/6": BYMONTH=6,12)."""
    if freq == "YEARLY" and interval == 1 and month is not None:
        return ["FREQ=YEARLY", f"BYMONTH={month}", f"BYMONTHDAY={day}"]
    if freq == "MONTHLY" and month is not None and 12 % interval == 0 and interval > 1:
        months = sorted((month - 1 + k) % 12 + 1 for k in range(0, 12, interval))
        # the last day of its month is each month's last ("31/5" and "30/11" alike)
        shortest = min(calendar.monthrange(2001, x)[1] for x in months)
        last = day == calendar.monthrange(2001, month)[1] and day > shortest
        return ["FREQ=YEARLY", "BYMONTH=" + ",".join(map(str, months)),
                f"BYMONTHDAY={-1 if last else day}"]
    if freq == "MONTHLY":
        rule = ["FREQ=MONTHLY"] + ([f"INTERVAL={interval}"] if interval > 1 else [])
        if day == 31:
            return [*rule, "BYMONTHDAY=-1"]
        if day > 28:  # that day, or the month's last where the month is shorter
            return [*rule, "BYMONTHDAY=" + ",".join(map(str, range(28, day + 1))),
                    "BYSETPOS=-1"]
        return [*rule, f"BYMONTHDAY={day}"]
    return None


def prefer_own(shared: Timeframe, own: Timeframe) -> Timeframe:
    """The time of a task that a shared block's "Thời gian thực hiện" covers together with
    the tasks beside it: the block's, unless the task's own words set it a deadline the block
    does not ("c) Tổng kết giai đoạn 2013-2015 vào năm 2015; ..." under a block "3. Thời gian
    thực hiện: 6 tháng, hằng năm và định kỳ": due 2015-12-31, as the guide reads a task's
    deadline in its text). A block with a due of its own keeps it."""
    if own.due and not shared.due:
        return own
    return shared


def best_in(found: list[tuple[str, int, int]], text: str,
            year: int | None = None) -> tuple[int, int] | None:
    """The most telling expression of a task's text: by kind, then the first (the deadline
    that comes first), leaving out an expression inside a longer one, and a period that
    ended before the plan's ``year`` ("các trận đánh trong giai đoạn 1974 - 1975" tells of
    the past, sets no deadline)."""
    if year is not None:
        found = [f for f in found if not _before_the_plan(text[f[1]:f[2]], year)]
    outer = [f for f in found
             if not any(g[1] <= f[1] and f[2] <= g[2] and g[2] - g[1] > f[2] - f[1]
                        for g in found)]
    if not outer:
        return None
    kind, start, end = min(outer, key=lambda f: (RANK.get(f[0], len(RANK)), f[1], -f[2]))
    return _widened(kind, start, end, found, text) if kind in DATED else (start, end)


def _widened(kind: str, start: int, end: int, found: list[tuple[str, int, int]],
             text: str) -> tuple[int, int]:
    """A dated expression in running text with what makes its period: the range it opens
    ("từ tháng 7/2026 đến tháng 12/2026": "từ" before it, the period after the joint) and the
    words that carry it on ("trong năm 2026 và những năm tiếp theo"), as a "Thời gian" value
    would hold them; the guide reads a range by its end and gives work that runs on no due."""
    res = _res()
    joint = res["joint_after"].match(text, end)
    if joint is not None:
        closing = [f for f in found if end <= f[1] <= joint.end() and f[2] > joint.end()
                   and f[0] in DATED]
        if closing:
            end = min(closing, key=lambda f: f[1])[2]
            opened = since().search(text, max(0, start - 30), start)
            start = opened.start() if opened else start
    carried = res["runs_on_after"].match(text, end)
    return start, carried.end() if carried else end


def _before_the_plan(phrase: str, year: int) -> bool:
    due = due_of(phrase)
    return due is not None and int(due[:4]) < year
