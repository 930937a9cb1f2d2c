"""What falls due in a period: tasks (or a body's duties) as one row per deadline.

A one-off task gives a row when its due date lies in the period; recurring work gives a row
for each occurrence of its rule in the period (:mod:`graph_api.recurrence`); ongoing work
("thường xuyên") has no deadline and is listed apart, for the plans whose time covers the
period. The same rows feed the pages, the CSV, the Excel workbook and the calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from graph_api.periods import Period
from graph_api.recurrence import describe, plan_stretch, rule_for

__all__ = ["Agenda", "agenda", "by_task", "covers", "timeframe_of"]


def timeframe_of(task: dict[str, Any]) -> dict[str, Any]:
    """The timeframe fields of a task as the service holds them."""
    return {"due": task.get("due"), "recurrence": task.get("recurrence"),
            "rrule": task.get("rrule"), "start": task.get("starts"), "text": task.get("timeframe")}


def by_task(duties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A body's duties, one item per task: a body that must do a task both itself and as a
    member of a group has one deadline, with both roles said (``chủ trì; phối hợp (qua …)``)."""
    merged: dict[str, dict[str, Any]] = {}
    for d in duties:
        words = d["role_vi"] + (f" (qua {d['via']['name']})" if d.get("through") == "group"
                                and d.get("via", {}).get("name") else "")  # fmt: skip
        item = merged.get(d["iri"])
        if item is None:
            merged[d["iri"]] = {**d, "role_vi": words, "through": None, "roles": [d["role"]]}
        elif words not in item["role_vi"].split("; "):
            item["role_vi"] += "; " + words
            item["roles"].append(d["role"])
    return list(merged.values())


@dataclass(slots=True)
class Agenda:
    period: Period
    rows: list[dict[str, Any]] = field(default_factory=list)  # one per deadline, by date
    ongoing: list[dict[str, Any]] = field(default_factory=list)  # no deadline, plan in force
    # when ``rows`` are one page of them: how many there are in all, where the page starts
    # and whether rows lie past it (graph_api.blueprints.data.period_page)
    total: int | None = None
    offset: int = 0
    more: bool = False


def covers(plan: dict[str, Any], period: Period) -> bool:
    """Whether the plan's time (:func:`plan_stretch`) meets the period (a plan with no year:
    always)."""
    stretch = plan_stretch(plan)
    return stretch is None or (stretch[0] <= period.end and period.start <= stretch[1])


def agenda(items: list[dict[str, Any]], period: Period) -> Agenda:
    """``items`` are tasks or duties (a task with the body's ``role``) from :mod:`data`."""
    out = Agenda(period)
    for item in items:
        tf = timeframe_of(item)
        rule = rule_for(tf, item["plan"])
        if rule is not None:
            words = describe(rule.rrule)
            for day in rule.dates(period.start, period.end):
                out.rows.append({**item, "date": day.isoformat(), "recurring": True,
                                 "rule": rule.ical, "rule_words": words})  # fmt: skip
            continue
        due = tf["due"]
        if due and dt.date.fromisoformat(due) in period:
            out.rows.append({**item, "date": due, "recurring": False, "rule": None,
                             "rule_words": None})  # fmt: skip
        elif not due and item.get("recurrence") in ("ongoing", "periodic", "occasional") and covers(
            item["plan"], period
        ):
            out.ongoing.append(item)
    # (the task last: one order whatever the order of the items)
    out.rows.sort(key=lambda r: (r["date"], r["plan"]["id"], r["span"]["start"] or 0, r["iri"]))
    return out
