"""Recurring work as dates: a timeframe's RFC 5545 rule expanded into its occurrences.

"Định kỳ 06 tháng", "hằng quý", "trước ngày 20 hằng tháng" name no single deadline but one
per cycle. The rule is the extractor's ``rrule`` when it gives one, else the rule the data
table ``graph_api/data/recurrence.toml`` gives for the recurrence word. A rule without an end
runs through the plan's own time: from the plan's date (or the first day of its year) to the
end of the last year its title names ("năm 2023"; "giai đoạn 2021-2025"). python-dateutil's
``rrule`` does the expanding (the same reading of RFC 5545 that calendar programs make).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dateutil.rrule import rrulestr

from graph_api.labels import plan_year

DATA = Path(__file__).resolve().parent / "data" / "recurrence.toml"

__all__ = ["Rule", "describe", "occurrences", "rule_for"]


@cache
def _table() -> dict[str, Any]:
    with DATA.open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True, slots=True)
class Rule:
    """A recurrence and the stretch of time it runs through."""

    rrule: str  # RFC 5545 value, without "RRULE:"
    start: dt.date  # DTSTART
    until: dt.date  # last day an occurrence may fall on
    source: str  # "extracted" (the plan's words gave it) or "recurrence" (from the data table)

    def dates(self, lo: dt.date, hi: dt.date) -> list[dt.date]:
        """Occurrences between ``lo`` and ``hi`` inclusive (and within the rule's stretch)."""
        lo, hi = max(lo, self.start), min(hi, self.until)
        if hi < lo:
            return []
        rule = rrulestr(self.rrule, dtstart=dt.datetime.combine(self.start, dt.time()),
                        ignoretz=True)  # fmt: skip
        found = rule.between(dt.datetime.combine(lo, dt.time()),
                             dt.datetime.combine(hi, dt.time()), inc=True)  # fmt: skip
        return [d.date() for d in found]

    @property
    def ical(self) -> str:
        """The rule bounded by the plan's time (UNTIL), for an iCalendar RRULE property."""
        if re.search(r"(?:^|;)(?:UNTIL|COUNT)=", self.rrule):
            return self.rrule
        return f"{self.rrule};UNTIL={self.until:%Y%m%d}"


def _iso(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def plan_stretch(plan: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """From the plan's date (or its year's first day) to the end of the last year it names."""
    first = plan_year(plan)
    if first is None:
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", plan.get("title") or "")]
    last = max([first, *years])
    start = _iso(plan.get("date")) or dt.date(first, 1, 1)
    return start, dt.date(last, 12, 31)


def rule_for(timeframe: dict[str, Any], plan: dict[str, Any]) -> Rule | None:
    """The rule of a recurring timeframe (``rrule``, ``recurrence``, ``start``, ``end``) within
    its plan (``date``, ``title``, ``source``); None for one-off, ongoing or undated work."""
    text = (timeframe.get("rrule") or "").strip()
    source = "extracted"
    if not text:
        text = _table()["rrule"].get(timeframe.get("recurrence") or "", "")
        source = "recurrence"
    if not text:
        return None
    text = text.removeprefix("RRULE:")
    stretch = plan_stretch(plan)
    start = _iso(timeframe.get("start")) or (stretch[0] if stretch else None)
    until = _iso(timeframe.get("end")) if timeframe.get("rrule") else None
    until = until or (stretch[1] if stretch else None)
    if m := re.search(r"UNTIL=(\d{8})", text):
        until = dt.datetime.strptime(m.group(1), "%Y%m%d").date()
    if start is None or until is None:
        return None  # a cycle with no year to run in: no dates rather than guessed ones
    try:
        rrulestr(text, dtstart=dt.datetime.combine(start, dt.time()), ignoretz=True)
    except (ValueError, TypeError):
        return None  # a malformed rule gives no dates; the plan's words are still shown
    return Rule(text, start, until, source)


def occurrences(timeframe: dict[str, Any], plan: dict[str, Any], lo: dt.date,
                hi: dt.date) -> list[dt.date]:  # fmt: skip
    """The deadlines of a task in ``[lo, hi]``: its due date, or each occurrence of its rule."""
    rule = rule_for(timeframe, plan)
    if rule is not None:
        return rule.dates(lo, hi)
    due = _iso(timeframe.get("due"))
    return [due] if due and lo <= due <= hi else []


def describe(rrule: str) -> str:
    """A rule in words: ``FREQ=MONTHLY;BYMONTHDAY=20`` → ``ngày 20 hằng tháng``."""
    parts = dict(p.split("=", 1) for p in rrule.removeprefix("RRULE:").split(";") if "=" in p)
    freq, words = parts.get("FREQ", ""), _table()["words"]
    interval = int(parts.get("INTERVAL", "1") or 1)
    day = parts.get("BYMONTHDAY")
    day_words = "ngày cuối" if day == "-1" else f"ngày {day}" if day else ""
    if parts.get("BYMONTH"):
        months = parts["BYMONTH"].split(",")
        if len(months) == 1 and day and day != "-1":
            return f"ngày {day}/{months[0]} hằng năm"
        return f"{day_words or 'trong'} tháng {', '.join(months)} hằng năm".strip()
    if interval > 1:
        unit = {"YEARLY": "năm", "MONTHLY": "tháng", "WEEKLY": "tuần", "DAILY": "ngày"}
        return f"{day_words + ' ' if day_words else ''}{interval} {unit.get(freq, '')} một lần"
    every = words.get(freq, freq.lower())
    return f"{day_words} {every}".strip() if day_words else every
