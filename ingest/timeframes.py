"""Timeframes: find them in text and resolve them to a due date and a recurrence.

``due`` is the last day of the first dated period ("quý IV/2023" → 2023-12-31, "trong tháng
01 năm 2023" → 2023-01-31); a period without a year gives no due date rather than a guess.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from ingest.lexicon import lexicon
from ingest.models import Timeframe

_BEFORE = (r"(?:(?i:trong|trước|đến hết|hết|chậm nhất(?: trong| trước| là)?|hoàn thành trong"
           r"|hoàn thành trước)\s+)")
QUARTERS = {"I": 3, "II": 6, "III": 9, "IV": 12}
RECURRENCES = (
    (("hằng năm", "hàng năm"), "yearly"), (("hằng quý", "hàng quý"), "quarterly"),
    (("6 tháng", "06 tháng"), "half-yearly"), (("hằng tháng", "hàng tháng"), "monthly"),
    (("định kỳ",), "periodic"),
)


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each pattern opens on its keyword (a fast scan); a deadline word before it is read
    by :func:`_with_before`, so "trong quý I/2023" and "trước ngày 31/5" keep their words."""
    lx = lexicon()
    return [
        ("label", re.compile(
            r"(?:Thời|THỜI) (?i:gian (?:thực hiện|hoàn thành)|hạn(?: hoàn thành)?)"
            r"\s*:?\s*[^.;\n]*")),
        ("quarter", re.compile(r"[Qq]uý\s+(?P<q>IV|I{1,3})\s*(?:/|năm)\s*(?P<qy>\d{4})")),
        ("month", re.compile(r"[Tt]háng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)\s*(?P<my>\d{4})")),
        ("date", re.compile(
            r"[Nn]gày\s+(?P<d>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?:\s*/\s*(?P<dy>\d{4}))?")),
        ("year", re.compile(r"[Nn]ăm\s+(?P<y>\d{4})")),
        ("periodic", re.compile(lx.pattern("timeframes", "periodic"))),
        ("ongoing", re.compile(rf"(?<![\w]){lx.pattern('timeframes', 'ongoing')}(?![\w])")),
        ("periodic_word", re.compile(
            rf"(?<![\w]){lx.pattern('timeframes', 'periodic_word')}(?![\w])")),
    ]


_BEFORE_RE = re.compile(_BEFORE + r"$")
NEEDS_BEFORE = {"date", "year"}  # "ngày 01/7/2019" alone is a citation's date, not a deadline


def _with_before(kind: str, text: str, start: int) -> int | None:
    """Start of the expression with its deadline word; None when one is required and absent."""
    if kind not in ("quarter", "month", "date", "year"):
        return start
    m = _BEFORE_RE.search(text, max(0, start - 30), start)
    if m:
        return m.start()
    return None if kind in NEEDS_BEFORE else start


PRIORITY = ["label", "quarter", "month", "date", "year", "periodic", "ongoing", "periodic_word"]


def find_all(text: str) -> list[tuple[str, int, int, dict[str, str | None]]]:
    """Every timeframe expression in ``text``: (kind, start, end, groups)."""
    return [hit for kind, pattern in patterns() for m in pattern.finditer(text)
            if (hit := accept(kind, m, text)) is not None]


def accept(kind: str, m: re.Match[str], text: str) -> tuple | None:
    """(kind, start, end, groups) of a match, widened to its deadline word, or None."""
    start = _with_before(kind, text, m.start())
    return None if start is None else (kind, start, m.end(), m.groupdict())


def due_of(text: str) -> str | None:
    """ISO last day of the first period with a year in ``text``, else None."""
    best: tuple[int, str] | None = None
    for kind, pattern in patterns():
        if kind not in ("quarter", "month", "date", "year"):
            continue
        for m in pattern.finditer(text):
            if _with_before(kind, text, m.start()) is None:
                continue
            iso = _iso(kind, m.groupdict())
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break
    return best[1] if best else None


def _iso(kind: str, g: dict[str, str | None]) -> str | None:
    try:
        if kind == "quarter":
            year, month = int(g["qy"]), QUARTERS[g["q"].upper()]
            return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        if kind == "month":
            year, month = int(g["my"]), int(g["m"])
            return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        if kind == "date" and g.get("dy"):
            year, month, day = int(g["dy"]), int(g["dm"]), int(g["d"])
            calendar.monthrange(year, month)
            if 1 <= day <= calendar.monthrange(year, month)[1]:
                return f"{year:04d}-{month:02d}-{day:02d}"
        if kind == "year":
            return f"{int(g['y']):04d}-12-31"
    except (KeyError, ValueError, TypeError, calendar.IllegalMonthError):
        return None
    return None


def recurrence_of(text: str) -> str | None:
    """ongoing, yearly, quarterly, half-yearly, monthly or periodic, from the words used."""
    low = text.lower()
    if "thường xuyên" in low or "liên tục" in low:
        return "ongoing"
    for words, value in RECURRENCES:
        if any(w in low for w in words):
            return value
    return None


def from_phrase(text: str) -> Timeframe:
    """A timeframe from a "Thời gian thực hiện: ..." value or an in-text phrase."""
    text = text.strip().rstrip(".;")
    recurrence = recurrence_of(text)
    due = due_of(text)
    if recurrence == "ongoing" and due is None:
        return Timeframe(text=text, due=None, recurrence=recurrence)
    return Timeframe(text=text, due=due, recurrence=recurrence if due is None else None)


def best_in(found: list[tuple[str, int, int]], text: str) -> tuple[int, int] | None:
    """The most telling expression of a task's text, by kind and then by position."""
    if not found:
        return None
    rank = {k: i for i, k in enumerate(PRIORITY)}
    _kind, start, end = min(found, key=lambda f: (rank[f[0]], f[1]))
    return start, end
