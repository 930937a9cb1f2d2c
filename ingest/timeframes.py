"""Timeframes: find them in text and resolve them to a due date and a recurrence.

``due`` is the last day of the first dated period ("quý IV/2023" → 2023-12-31, "trong tháng
01 năm 2023" → 2023-01-31, "từ ngày 01/3/2025 đến ngày 30/4/2025" → 2025-04-30). A date
without its year takes the plan's year when the caller gives it, else gives no due date
rather than a guess; recurring work ("định kỳ 06 tháng (trước ngày 31/5)") has none either.
The words and shapes live in the ``[timeframes]`` table of ``ingest/data/patterns.toml``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from functools import lru_cache

from ingest.lexicon import lexicon
from ingest.models import Timeframe
from ingest.regexes import Tail

QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
# kinds whose match is a dated period, in the order they are tried; each kind is a data key
DATED = ("quarter", "month", "date", "long_date", "part_of_year", "year", "period")
RECURRING = ("periodic", "ongoing", "periodic_word")
# "ngày 01/7/2019" or "năm 2023" alone is more often a cited document's date or a plan's name
NEEDS_DEADLINE_WORD = {"date", "long_date", "part_of_year", "year", "period"}
# label first; dated periods by position; recurrence cues; a day with no year ("day") last,
# so "định kỳ 06 tháng (trước ngày 31/5)" reads as recurring
RANK = {"label": 0, **dict.fromkeys(DATED, 1), "periodic": 2, "ongoing": 3,
        "periodic_word": 4, "day": 5}
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
    return [*out, ("periodic", re.compile(t["periodic"])),
            ("ongoing", re.compile(word["ongoing"])),
            ("periodic_word", re.compile(word["periodic_word"]))]


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    """Helper patterns: a range's joint, a label."""
    t = _table()
    return {
        "range": re.compile(t["range"]),
        "label": re.compile(t["label"]),
    }


@lru_cache(maxsize=1)
def before() -> Tail:
    """The deadline word before an expression ("trước ngày ..."), with the blanks after it."""
    return Tail.of(rf"(?<![\w]){_table()['deadline']}\s")


@lru_cache(maxsize=1)
def recurrences() -> list[tuple[str, re.Pattern[str]]]:
    """(recurrence, pattern) in the data file's order: the first that matches wins."""
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in _table()["recurrence"].items()]


def _with_before(kind: str, text: str, start: int, head: int = -1) -> int | None:
    """Start of the expression with its deadline word; None when one is required and absent
    (a dated expression opening a "Thời gian" value at ``head`` needs none)."""
    if kind not in DATED:
        return start
    m = before().search(text, max(0, start - 30), start)  # from where the word can start
    if m:
        return m.start()
    return None if kind in NEEDS_DEADLINE_WORD and start != head else start


def find_all(text: str) -> list[tuple[str, int, int, dict[str, str | None]]]:
    """Every timeframe expression in ``text``: (kind, start, end, groups)."""
    return [hit for kind, pattern in patterns() for m in pattern.finditer(text)
            if (hit := accept(kind, m, text)) is not None]


def accept(kind: str, m: re.Match[str], text: str) -> tuple | None:
    """(kind, start, end, groups) of a match, widened to its deadline word, or None.
    A date without its year is of kind "day": it yields to a recurrence cue nearby."""
    start = _with_before(kind, text, m.start())
    if start is None:
        return None
    if kind in ("date", "long_date"):
        kind = "date" if m.group("dy") else "day"
    return kind, start, m.end(), m.groupdict()


def _head(text: str) -> int:
    """Where a "Thời gian" value's own words begin: past markup and a written label."""
    at = _MARKUP.match(text).end()
    label = _res()["label"].match(text, at)
    return label.start("value") if label else at


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
        if _with_before(kind, text, m.start(), head) is None:
            continue
        end = _range_end(text, m, hits)
        iso = _iso(*(end or (kind, m)), year)
        if iso:
            return iso
    return None


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
            return _last_day(int(g["qy"]), 3 * (QUARTERS.get(q.upper()) or int(q)))
        if kind == "month":
            return _last_day(int(g["my"]), int(_first_item(g["m"])))
        if kind in ("date", "long_date"):
            y, month, day = int(g["dy"] or year or 0), int(g["dm"]), int(g["d"])
            if y and 1 <= day <= calendar.monthrange(y, month)[1]:
                return f"{y:04d}-{month:02d}-{day:02d}"
            return None
        if kind == "part_of_year":
            y, n = int(g["py"] or year or 0), int(g["pn"])
            return _last_day(y, 12 if g["pw"] == "cuối" else n) if y and 1 <= n <= 12 else None
        if kind in ("year", "period"):
            return f"{int(g['y2'] or g['y']):04d}-12-31"
    except (KeyError, ValueError, TypeError, calendar.IllegalMonthError):
        return None
    return None


def recurrence_of(text: str) -> str | None:
    """ongoing, yearly, quarterly, half-yearly, monthly or periodic, from the words used."""
    return next((name for name, p in recurrences() if p.search(text)), None)


def from_phrase(text: str, year: int | None = None) -> Timeframe:
    """A timeframe from a "Thời gian thực hiện: ..." value or an in-text phrase. ``year``
    (the plan's) dates "trước ngày 15/12", unless the phrase recurs: then the day is each
    cycle's, not one deadline."""
    text = text.strip().rstrip(".;")
    due, recurrence = _reading(text, year)
    return Timeframe(text=text, due=due, recurrence=recurrence)


@lru_cache(maxsize=4096)
def _reading(text: str, year: int | None) -> tuple[str | None, str | None]:
    """(due, recurrence) of a phrase: kept, as plans repeat theirs ("Thường xuyên", "Quý
    IV/2025") from task to task and from plan to plan."""
    recurrence = recurrence_of(text)
    due = due_of(text, None if recurrence else year)
    return due, recurrence if due is None else None


def best_in(found: list[tuple[str, int, int]], text: str) -> tuple[int, int] | None:
    """The most telling expression of a task's text: by kind, then the first (the deadline
    that comes first), leaving out an expression inside a longer one."""
    outer = [f for f in found
             if not any(g[1] <= f[1] and f[2] <= g[2] and g[2] - g[1] > f[2] - f[1]
                        for g in found)]
    if not outer:
        return None
    _kind, start, end = min(outer, key=lambda f: (RANK.get(f[0], len(RANK)), f[1], -f[2]))
    return start, end
