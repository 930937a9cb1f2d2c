"""Periods people ask about: this month, this quarter (the default), a quarter picked, a range.

A period is read from the request words ``period=this-month|this-quarter|this-year|2023-Q4|
2023-10|2023`` or ``from=2023-10-01&to=2023-12-31``, and named as Vietnamese offices name
it ("quý IV/2023", "tháng 10/2023", "năm 2023", "từ 01/10/2023 đến 31/12/2023").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Period", "PeriodError", "month", "parse_period", "quarter", "year"]

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MAX_DAYS = 3660  # a range longer than ten years is a typo, not a question


class PeriodError(ValueError):
    """A period the words do not describe; the message says what would."""


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str
    key: str  # what ``period=`` gives back: "2023-Q4", "2023-10", "2023", "range"

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError("the period ends before it starts")
        if (self.end - self.start).days > MAX_DAYS:
            raise PeriodError(f"a period of at most {MAX_DAYS} days, please")

    @property
    def query(self) -> dict[str, str]:
        """The request words that give this period back."""
        if self.key == "range":
            return {"from": self.start.isoformat(), "to": self.end.isoformat()}
        return {"period": self.key}


def quarter(year_: int, q: int) -> Period:
    first = dt.date(year_, 3 * q - 2, 1)
    last_month = 3 * q
    end = dt.date(year_, last_month, calendar.monthrange(year_, last_month)[1])
    return Period(first, end, f"quý {ROMAN[q]}/{year_}", f"{year_}-Q{q}")


def month(year_: int, m: int) -> Period:
    end = dt.date(year_, m, calendar.monthrange(year_, m)[1])
    return Period(dt.date(year_, m, 1), end, f"tháng {m:02d}/{year_}", f"{year_}-{m:02d}")


def year(year_: int) -> Period:
    return Period(dt.date(year_, 1, 1), dt.date(year_, 12, 31), f"năm {year_}", str(year_))


def span(start: dt.date, end: dt.date) -> Period:
    label = f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
    return Period(start, end, label, "range")


def _date(name: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"{name!r} wants a date like 2023-12-31, not {text!r}") from None


def parse_period(period: str | None, start: str | None = None, end: str | None = None,
                 today: dt.date | None = None) -> Period:  # fmt: skip
    """The period the request words name; this quarter when they name none."""
    today = today or dt.date.today()
    if start or end:
        if period:
            raise PeriodError("give either period= or from=/to=, not both")
        lo = _date("from", start) if start else None
        hi = _date("to", end) if end else None
        if lo is None:
            lo = dt.date(hi.year, 1, 1) if hi else today  # "up to 31/12": from that year's start
        if hi is None:
            hi = dt.date(lo.year, 12, 31)
        return span(lo, hi)
    text = (period or "this-quarter").strip().lower()
    if text == "this-quarter":
        return quarter(today.year, (today.month - 1) // 3 + 1)
    if text == "this-month":
        return month(today.year, today.month)
    if text == "this-year":
        return year(today.year)
    if m := re.fullmatch(r"((?:19|20)\d\d)-?q([1-4])", text):
        return quarter(int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"((?:19|20)\d\d)-(0?[1-9]|1[0-2])", text):
        return month(int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"(?:19|20)\d\d", text):
        return year(int(m.group()))
    raise PeriodError(
        f"period {period!r} is not one of this-month, this-quarter, this-year, a quarter "
        "(2023-Q4), a month (2023-10) or a year (2023); or give from= and to="
    )


def quarters_around(day: dt.date, before: int = 8, after: int = 4) -> list[Period]:
    """Quarters for a picker: two years back, one ahead."""
    q = (day.year * 4) + (day.month - 1) // 3
    return [quarter(n // 4, n % 4 + 1) for n in range(q - before, q + after + 1)]
