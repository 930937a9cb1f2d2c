"""Deadlines as an iCalendar feed (RFC 5545) that Outlook and Google Calendar subscribe to.

Each dated task is an all-day event on its deadline; recurring work is one event with its
RRULE (bounded by the plan's time with UNTIL), so the calendar program shows every
occurrence; ongoing work, which has no date, is left out. The ``icalendar`` library writes
the file (line folding, escaping and the RRULE syntax are its job). UIDs are the tasks' IRIs,
so a re-read feed updates events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Alarm, Calendar, Event, vRecur

from graph_api.agenda import timeframe_of
from graph_api.labels import basis_text
from graph_api.recurrence import rule_for

__all__ = ["calendar"]

REFRESH = "PT12H"  # how often a subscribed client should fetch the feed again
REFRESH_EVERY = dt.timedelta(hours=12)


def _summary(item: dict[str, Any]) -> str:
    text = " ".join((item.get("heading") or item["text"]).split())
    short = text if len(text) <= 90 else text[:88].rstrip() + "…"
    role = item.get("role_vi")
    return f"[{role}] {short}" if role else f"{item['section']} {short}"


def _description(item: dict[str, Any], link: str) -> str:
    lines = [" ".join(item["text"].split()), ""]
    if item.get("role_vi"):
        lines.append(f"Vai trò: {item['role_vi']}")
    for role, word in (("lead", "Chủ trì"), ("executor", "Thực hiện"), ("support", "Phối hợp"),
                       ("requested", "Đề nghị")):  # fmt: skip
        names = [a["name"] for a in item["assignments"] if a["role"] == role]
        if names:
            lines.append(f"{word}: {'; '.join(names)}")
    if item.get("timeframe"):
        lines.append(f"Thời gian: {item['timeframe']}")
    if basis_text(item):
        lines.append("Căn cứ: " + basis_text(item))
    plan = item["plan"].get("label") or item["plan"].get("name") or item["plan"]["id"]
    lines.append(f"{plan}, mục {item['section']}")
    lines.append(f"Nguyên văn: {link}")
    return "\n".join(lines)


def _event(item: dict[str, Any], base_url: str, stamp: dt.datetime) -> Event | None:
    rule = rule_for(timeframe_of(item), item["plan"])
    if rule is not None:
        first = rule.dates(rule.start, rule.until)
        if not first:
            return None
        day = first[0]
    elif item.get("due"):
        day = dt.date.fromisoformat(item["due"])
    else:
        return None  # ongoing or undated work has no place in a calendar
    link = base_url.rstrip("/") + item["source_url"]
    ev = Event()
    ev.add("uid", f"{item['id']}@cancu.dev")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("summary", _summary(item))
    ev.add("description", _description(item, link))
    ev.add("url", link)
    ev.add("transp", "TRANSPARENT")
    if item.get("role"):
        ev.add("categories", [item["role_vi"]])
    if rule is not None:
        ev.add("rrule", vRecur.from_ical(rule.ical))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Sắp đến hạn: {_summary(item)}")
    alarm.add("trigger", dt.timedelta(days=-7))
    ev.add_component(alarm)
    return ev


def calendar(name: str, description: str, items: list[dict[str, Any]], base_url: str,
             stamp: dt.datetime) -> bytes:  # fmt: skip
    """The feed's bytes; ``stamp`` (DTSTAMP) is the store's state time, so an unchanged
    store gives an identical feed."""
    cal = Calendar()
    cal.add("prodid", "-//cancu//căn cứ//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    cal.add("x-published-ttl", REFRESH)
    cal.add("refresh-interval", REFRESH_EVERY, parameters={"VALUE": "DURATION"})
    for item in items:
        ev = _event(item, base_url, stamp)
        if ev is not None:
            cal.add_component(ev)
    return cal.to_ical()

