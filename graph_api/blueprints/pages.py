"""Server-rendered pages in Vietnamese, usable without JavaScript.

Every duty shown links to its words in the plan (``/plans/<id>#task-…``), where the plan's own
text is shown with each task's span in a ``<mark>`` and each citation linked to the document.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, url_for
from markupsafe import Markup, escape

from graph_api import labels
from graph_api.app import get_store
from graph_api.blueprints import data
from graph_api.blueprints.common import arg_int, pager
from graph_api.blueprints.ids import task_anchor, task_id
from graph_api.blueprints.params import bind
from graph_api.periods import parse_period

bp = Blueprint("pages", __name__)


@bp.app_template_filter("vi_date")
def vi_date(value: str | dt.date | None) -> str:
    return labels.vi_date(value)


@bp.app_template_global()
def this_quarter_key() -> str:
    return parse_period("this-quarter").key


@bp.app_template_global()
def this_month_key() -> str:
    return parse_period("this-month").key


@bp.get("/")
def home() -> str:
    """The first page of the plans (the others on /plans) and the documents most cited."""
    store = get_store()
    page = data.plans_page(store, int(current_app.config["CANCU_PAGE_SIZE"]))
    return render_template("home.html", plans=page.items, pages=pager("pages.plans", page),
                           documents=data.documents(store)[:10])  # fmt: skip


@bp.get("/bodies")
def bodies() -> str:
    """A page of the bodies (next and previous linked): never every body of the store."""
    limit = int(current_app.config["CANCU_PAGE_SIZE"])
    page = data.bodies_page(get_store(), limit, arg_int("offset", 0, 0))
    return render_template("bodies.html", bodies=page.items, page=page,
                           pages=pager("pages.bodies", page))


@bp.get("/bodies/<path:bid>")
def body(bid: str) -> str:
    """A body: what falls due in the period asked (this quarter by default), then every duty
    it has, grouped by plan."""
    from graph_api.blueprints.duties import links, quarters, read_query

    store = get_store()
    limit = int(current_app.config["CANCU_PAGE_SIZE"])
    offset, due_offset = arg_int("offset", 0, 0), arg_int("due_offset", 0, 0)
    # a page of its duties, and a page of what falls due in the period (every deadline of it
    # counted from the agenda kept at ingest): never every task of a body, which grows with
    # the store
    b, page = data.body_page(store, bid, limit, offset)
    q = read_query(store, b["id"], body=b)
    found, years = data.period_page(store, b["iri"], q.period, limit, due_offset)
    years |= {d["plan"].get("year") for d in page.items}

    def at(**where: int) -> str:
        here = {"offset": offset, "due_offset": due_offset, **where}
        return url_for("pages.body", bid=b["id"], **q.period.query,
                       **{k: v for k, v in here.items() if v})

    pages = {"next": at(offset=offset + limit) if page.more else None,
             "previous": at(offset=max(0, offset - limit)) if offset else None,
             "due_next": at(due_offset=due_offset + limit) if found.more else None,
             "due_previous": at(due_offset=max(0, due_offset - limit)) if due_offset else None}
    return render_template("body.html", body=b, groups=data.group_by_plan(page.items), q=q,
                           page=page, pages=pages, found=found, quarters=quarters(store, years),
                           links=links(q))  # fmt: skip


@bp.get("/plans")
def plans() -> str:
    """A page of the plans (next and previous linked): never every plan of the store."""
    limit = int(current_app.config["CANCU_PAGE_SIZE"])
    page = data.plans_page(get_store(), limit, arg_int("offset", 0, 0))
    return render_template("plans.html", plans=page.items, page=page,
                           pages=pager("pages.plans", page))


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
    """A document, its articles with how many plans and tasks cite each (kept at ingest), and
    a page of its citations under the articles they cite (next and previous linked): never
    every citation of a law that thousands of plans cite."""
    limit = int(current_app.config["CANCU_PAGE_SIZE"])
    offset = arg_int("offset", 0, 0)
    doc = data.document(get_store(), did, (limit, offset))
    pages = pager("pages.document", data.Page([], limit, offset, doc["more"]), did=did)
    return render_template("document.html", doc=doc, pages=pages)


@bp.get("/articles/<path:aid>")
def article(aid: str) -> Any:
    a = data.article(get_store(), aid, cited=False)  # the document's page lists them
    return redirect(a["url"])


@bp.get("/tasks/<path:tid>")
def task(tid: str) -> Any:
    """A task's permanent link: its highlighted span in the plan."""
    plan_part = task_id(str(bind("task", tid, "id"))).rpartition("/")[0]  # the plan's key
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
