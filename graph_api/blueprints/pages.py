"""Server-rendered pages in Vietnamese, usable without JavaScript.

Every duty shown links to its words in the plan (``/plans/<id>#task-…``), where the plan's own
text is shown with each task's span in a ``<mark>`` and each citation linked to the document.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import ApiError, arg_date, arg_int
from graph_api.blueprints.ids import task_anchor, task_id
from graph_api.blueprints.params import bind

bp = Blueprint("pages", __name__)


@bp.app_template_filter("vi_date")
def vi_date(value: str | None) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


@bp.get("/")
def home() -> str:
    store = get_store()
    return render_template("home.html", plans=data.plans(store),
                           documents=data.documents(store)[:10])  # fmt: skip


@bp.get("/search")
def search() -> str:
    q = request.args.get("q", "").strip()
    store = get_store()
    bodies: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    if q:
        words = data.fold(q).split()
        bodies = [b for b in data.bodies(store)
                  if all(w in data.folded(b["name"], b["id"]) for w in words)]  # fmt: skip
        tasks = data.tasks(store, q=q)
    return render_template("search.html", q=q, bodies=bodies, tasks=tasks)


@bp.get("/bodies")
def bodies() -> str:
    return render_template("bodies.html", bodies=data.bodies(get_store()))


@bp.get("/bodies/<path:bid>")
def body(bid: str) -> str:
    b = data.body(get_store(), bid)
    return render_template("body.html", body=b, groups=data.group_by_plan(b["duties"]))


@bp.get("/plans")
def plans() -> str:
    return render_template("plans.html", plans=data.plans(get_store()))


@bp.get("/plans/<path:pid>")
def plan(pid: str) -> str:
    store = get_store()
    p = data.plan(store, pid)
    text = data.plan_source(store, p)
    source = render_source(text, p["tasks"], p["citations"]) if text is not None else None
    return render_template("plan.html", plan=p, source=source)


@bp.get("/documents")
def documents() -> str:
    return render_template("documents.html", documents=data.documents(get_store()))


@bp.get("/documents/<path:did>")
def document(did: str) -> str:
    return render_template("document.html", doc=data.document(get_store(), did))


@bp.get("/articles/<path:aid>")
def article(aid: str) -> Any:
    a = data.article(get_store(), aid)
    return redirect(a["url"])


@bp.get("/due")
def due() -> str:
    within = arg_int("within", 90, 1, 3660)
    start = arg_date("from") or dt.date.today()
    try:
        end = start + dt.timedelta(days=within)
    except OverflowError:
        raise ApiError(400, f"from={start.isoformat()} plus {within} days passes the last "
                            "date there is (9999-12-31)") from None  # fmt: skip
    tasks = data.tasks(get_store(), due_after=start, due_before=end)
    tasks.sort(key=lambda t: (t["due"], t["plan"]["id"]))
    for t in tasks:
        t["days_left"] = (dt.date.fromisoformat(t["due"]) - start).days
    return render_template("due.html", tasks=tasks, within=within, start=start, end=end)


@bp.get("/tasks/<path:tid>")
def task(tid: str) -> Any:
    """A task's permanent link: its highlighted span in the plan."""
    plan_part = task_id(str(bind("task", tid, "id"))).partition("/")[0]
    return redirect(url_for("pages.plan", pid=plan_part) + "#" + task_anchor(tid))


# --- the plan's text with its spans -----------------------------------------------------------


def _linked(text: str, lo: int, hi: int, cites: list[dict[str, Any]]) -> str:
    """``text[lo:hi]`` escaped, with each citation that lies wholly inside it linked."""
    out, pos = [], lo
    for c in cites:
        s, e = c["start"], c["end"]
        if s is None or e is None or s < pos or e > hi:
            continue
        out.append(_plain(text[pos:s]))
        doc = c["document"]
        href = _cite_href(c)
        title = escape((c["provision"] or {}).get("label") or doc["label"] or "")
        tag = f'<a class="cite" id="cite-{s}" href="{href}" title="{title}">' if href else (
            f'<span class="cite" id="cite-{s}" title="{title}">')  # fmt: skip
        close = "</a>" if href else "</span>"
        out.append(tag + str(escape(text[s:e])) + close)
        pos = e
    out.append(_plain(text[pos:hi]))
    return "".join(out)


_MARKUP = re.compile(r"\*+|__|(?m:^#{1,6}[ \t]+)")  # emphasis (*, **) and headings


def _plain(text: str) -> str:
    """Escaped source text with markdown marks ("*", "**", "__", "## ") dimmed, not removed:
    the page shows the file's own characters, so every span still reads as in the file."""
    out, pos = [], 0
    for m in _MARKUP.finditer(text):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f'<span class="md">{escape(m.group())}</span>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return "".join(out)


def _cite_href(c: dict[str, Any]) -> str | None:
    doc_id = c["document"]["id"]
    if not doc_id:
        return None
    prov = c["provision"]
    if prov and prov["id"] and prov["id"] != doc_id and "/dieu-" in prov["id"]:
        tail = prov["id"][len(doc_id) + 1 :].split("/")[0]
        return url_for("pages.document", did=doc_id) + "#" + tail
    return url_for("pages.document", did=doc_id)


def render_source(text: str, tasks: list[dict[str, Any]], cites: list[dict[str, Any]]) -> Markup:
    """The plan's text, tasks in ``<mark id="task-…">``, citations as links to the laws."""
    spans = sorted((t for t in tasks if t["span"]["start"] is not None),
                   key=lambda t: t["span"]["start"])  # fmt: skip
    cites = sorted((c for c in cites if c["start"] is not None), key=lambda c: c["start"])
    out, pos = [], 0
    for t in spans:
        s, e = t["span"]["start"], t["span"]["end"]
        if s < pos or e > len(text):
            continue  # overlapping or out of range: leave unmarked rather than guess
        out.append(_linked(text, pos, s, cites))
        who = "; ".join(f"{a['name']} ({a['role_vi']})" for a in t["assignments"])
        title = escape(f"Nhiệm vụ {t['section']}" + (f" — {who}" if who else ""))
        anchor = task_anchor(t["iri"])
        out.append(f'<mark id="{anchor}" class="task" title="{title}">'
                   f'<a class="task-ref" href="#{anchor}">[{escape(t["section"])}]</a> '
                   f"{_linked(text, s, e, cites)}</mark>")  # fmt: skip
        pos = e
    out.append(_linked(text, pos, len(text), cites))
    return Markup("".join(out))
