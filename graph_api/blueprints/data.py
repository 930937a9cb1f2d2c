"""The answers the service gives, as plain dicts built from the named queries.

One function per resource, shared by the JSON API, the CSV export and the HTML pages, so the
three always say the same thing (the datasette pattern). Ids in and out are the URL ids of
:mod:`graph_api.blueprints.ids`; unknown ids raise :class:`NotFound`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from rdflib import URIRef

from graph_api import labels
from graph_api.agenda import Agenda, agenda, by_task, covers
from graph_api.blueprints.ids import (
    BODY,
    DOC,
    article_anchor,
    fold,
    folded,
    plan_id,
    short,
    task_anchor,
    task_id,
)
from graph_api.blueprints.params import bind, is_id
from graph_api.periods import Period
from graph_api.queries import rows_with, run_with
from graph_api.store import META_GRAPH, QueryError, SelectResult, Store, iri
from ontology.identity import key_of, plan_graph
from ontology.identity import plan_iri as iri_of_plan

ROLES = ("lead", "support", "executor", "requested")
ROLE_VI = {"lead": "chủ trì", "support": "phối hợp", "executor": "thực hiện",
           "requested": "được đề nghị"}  # fmt: skip
PLANS_DIR = Path(__file__).resolve().parents[2] / "data" / "plans"


class NotFound(LookupError):
    """An id names nothing in the graph."""


def _rows(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of a named query. A store the service opened read-only cannot change while
    it serves, so its answers are kept (a bounded cache on the store) and copied out."""
    bound = {k: v for k, v in params.items() if v is not None}
    cache = getattr(store, "answers", None)
    if cache is None:
        return rows_with(store, name, bound)
    key = (name, tuple(sorted(bound.items())))
    rows = cache.get(key)
    if rows is None:
        rows = cache.put(key, rows_with(store, name, bound))
    return [dict(r) for r in rows]


def _page_rows(store: Store, name: str, limit: int, offset: int,
               **params: Any) -> tuple[list[dict[str, Any]], bool]:
    """One page of a paged named query (``# page:`` in graph_api.queries): its rows, and
    whether rows lie past it; kept like :func:`_rows`'s."""
    bound = {k: v for k, v in params.items() if v is not None}
    key = (name, tuple(sorted(bound.items())), "page", limit, offset)
    cache = getattr(store, "answers", None)
    kept = cache.get(key) if cache is not None else None
    if kept is None:
        res = run_with(store, name, {**bound, "limit": limit, "offset": offset})
        assert isinstance(res, SelectResult)
        kept = (res.rows, bool(res.more))
        if cache is not None:
            cache.put(key, kept)
    return [dict(r) for r in kept[0]], kept[1]


@dataclass(slots=True)
class Page:
    """A page of an answer that grows with the store (a body's duties, an article's tasks):
    its items, where it starts, and whether more lie past it (known without counting them)."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    more: bool
    plans: list[dict[str, Any]] | None = None  # the page's tasks' plans, as plans() gives them


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)


def _best(labels: Iterable[str | None]) -> str | None:
    """The most informative of several labels (the union graph may hold a few): the longest,
    ties broken by the text, so that every store and every row order gives the same one."""
    found = [x for x in labels if x]
    return max(found, key=lambda x: (len(x), x)) if found else None


# --- plans ------------------------------------------------------------------------------------


def plans(store: Store, body: str | None = None,
          only: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every plan (or those a body has tasks in, without their count of tasks; or the plans
    ``only`` names), with its short ``name`` and its ``label`` (name and title) for people."""
    if body:
        rows = _rows(store, "plans_of_body", body=URIRef(body))
    elif only is not None:
        rows = _rows(store, "list_plans", plan=tuple(sorted(URIRef(p) for p in set(only))))
    else:
        rows = _rows(store, "list_plans")
    return [_plan_item(r) for r in rows]


def plans_page(store: Store, limit: int, offset: int = 0) -> Page:
    """One page of the plans (list_plans paged in the query: the engine's order, each page by
    source file), never every plan of the store."""
    rows, more = _page_rows(store, "list_plans", limit, offset)
    return Page([_plan_item(r) for r in rows], limit, offset, more)


def _plan_item(r: dict[str, Any]) -> dict[str, Any]:
    """A plan as the service gives it, from a row of list_plans (or plans_of_body)."""
    p = {
        "id": plan_id(r["plan"]),
        "iri": r["plan"],
        "source": r["source"],
        "number": r["number"],
        "type": r["type"],
        "date": _iso(r["date"]),
        "issuer": r["issuer"],
        "title": r["title"],
        "jurisdiction": r["jurisdiction"],
        "text_source": r.get("textSource") or "text",
        "tasks": int(r.get("tasks") or 0),
    }  # fmt: skip
    p.update(name=labels.plan_name(p), label=labels.plan_label(p), year=labels.plan_year(p))
    return p


def plan_refs(store: Store, body: str | None = None, only: Iterable[str] | None = None,
              read: list[dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Plan IRI → what a task shows of its plan (id, name, label, year); of the plans a body
    has tasks in when ``body`` is given, or of the plans ``only`` names. ``read``: a list
    given the plans as :func:`plans` gives them (their issuers name their places)."""
    keys = ("id", "iri", "source", "name", "label", "year", "date", "title")
    found = plans(store, body, only)
    if read is not None:
        read += found
    return {p["iri"]: {k: p[k] for k in keys} for p in found}


def places(store: Store, body: str | None = None,
           jurisdiction: str | None = None) -> dict[str, str]:
    """Jurisdiction key → its name (``tỉnh Quảng Ngãi``), from the plans' issuers: for a body,
    from the plans it has tasks in when they name its ``jurisdiction``, else from every plan."""
    if body:
        near = labels.place_names(plans(store, body))
        if not jurisdiction or jurisdiction in near:
            return near
    if jurisdiction:
        return places_of(store, [jurisdiction])
    return labels.place_names(plans(store))


def places_of(store: Store, jurisdictions: Iterable[str | None]) -> dict[str, str]:
    """Jurisdiction key → its name, for those keys only, read from their own plans as
    :func:`places` reads them from every plan: from a page of each one's plans, and from all
    of them only where none of that page names the place (the plans of one jurisdiction name
    it alike: thousands at 10,000 plans for the 30 provinces of a page of bodies, where a
    page of each reads a few)."""
    out: dict[str, str] = {}
    for key in sorted({k for k in jurisdictions if k}):
        rows, more = _page_rows(store, "plans_of_jurisdiction", PLACE_PAGE, 0, jurisdiction=key)
        named = _place_names(rows)
        if key not in named and more:
            named = _place_names(_rows(store, "plans_of_jurisdiction", jurisdiction=key))
        out.update(named)
    return out


PLACE_PAGE = 20  # plans of a jurisdiction read first for its name


def _place_names(rows: list[dict[str, Any]]) -> dict[str, str]:
    return labels.place_names({"id": plan_id(r["plan"]), "issuer": r["issuer"],
                               "jurisdiction": r["jurisdiction"]} for r in rows)


def plan_by_id(store: Store, pid: str) -> dict[str, Any]:
    """A plan by its id (or IRI), or by its file name where only one plan came from a file so
    named; each read alone (the file name is the object of the plans' cc:sourceFile), never
    every plan."""
    given = pid.strip("/")
    wanted = [given] if given.startswith(("http://", "https://")) else []
    wanted.append(iri_of_plan(given))
    for node in wanted:
        try:
            iri(node)  # (validates)
        except QueryError:
            continue
        if alone := plans(store, only=[node]):
            return alone[0]
    from_file = [r["plan"] for r in _rows(store, "plans_from_file", file=pid)]
    named = plans(store, only=from_file) if from_file else []
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(sorted(p["id"] for p in named))
        raise NotFound(f"{len(named)} plans came from files named {pid!r}: give its id ({ids})")
    raise NotFound(f"no plan with id {pid!r}; see /api/plans for the ids")


def plan(store: Store, pid: str) -> dict[str, Any]:
    """A plan with its tasks (bodies, roles, timeframes, bases, spans) and its citations."""
    p = plan_by_id(store, pid)
    p["tasks"] = tasks(store, plan=p["iri"])
    p["citations"] = plan_citations(store, p["iri"])
    return p


def plan_citations(store: Store, plan_iri: str) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in _rows(store, "api_plan_citations", plan=URIRef(plan_iri)):
        c = out.setdefault(r["citation"], {
            "iri": r["citation"], "relation": r["relation"], "document": _doc_ref(r),
            "provision": None, "task": task_id(r["task"]) if r["task"] else None,
            "start": r["start"], "end": r["end"],
        })  # fmt: skip
        c["document"]["label"] = _best([c["document"]["label"], r.get("docLabel")])
        if r["provision"]:
            label = _best([r["provisionLabel"], (c["provision"] or {}).get("label")])
            c["provision"] = {"id": short(r["provision"], DOC), "iri": r["provision"],
                              "label": label}  # fmt: skip
    return sorted(out.values(), key=lambda c: (c["start"] is None, c["start"] or 0))


def _doc_ref(r: dict[str, Any]) -> dict[str, Any]:
    return {"id": short(r["doc"], DOC), "iri": r["doc"], "number": r.get("docNumber"),
            "label": r.get("docLabel") or r.get("docNumber")}  # fmt: skip


def plan_source(store: Store, p: dict[str, Any]) -> str | None:
    """The plan's own text, read only from where it was ingested.

    A plan file: the file recorded at ingest. A JSON record: the file its ``source`` names,
    only inside the folder of the records file (a record saying ``../../etc/passwd`` shows
    nothing). A bundled sample: its file in ``data/plans``. Offsets in the graph count
    characters of the decoded file, so the text is decoded the way the reader decodes it
    (UTF-8, UTF-16 or CP1258; a .docx laid out as text) and never cleaned.
    """
    candidates: list[Path | None] = []
    key = key_of(p["iri"])  # the plan's own graph, not its file name (two plans may share one)
    res = store.query(
        "SELECT ?path ?kind WHERE { GRAPH ?meta { ?g "
        "<http://www.w3.org/ns/prov#wasDerivedFrom> ?path ; <https://cancu.dev/meta#kind> ?kind"
        " } }",
        {"g": URIRef(plan_graph(key) if key else p["iri"]), "meta": URIRef(META_GRAPH)},
    )
    for r in res.rows if isinstance(res, SelectResult) else []:
        url = urlparse(str(r["path"]))
        if url.scheme != "file":
            continue
        recorded = Path(unquote(url.path))
        if r["kind"] == "record":  # the records file: its plan lies beside it
            candidates.append(confined(recorded.parent, p["source"]))
        elif r["kind"] == "plan":
            candidates.append(recorded)
    candidates.append(confined(PLANS_DIR, p["source"]))
    from ingest.read import ReadError, decode_file

    for path in candidates:
        if path is not None and path.is_file():  # a regular file: no FIFO, device or folder
            try:
                return decode_file(path)[0]
            except ReadError:
                return path.read_bytes().decode("utf-8", "replace")
    return None


def confined(folder: Path, name: str) -> Path | None:
    """``folder/name`` when it lies inside ``folder`` once links and ``..`` are resolved."""
    try:
        base = folder.resolve()
        path = (base / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL in the name
        return None
    return path if path != base and path.is_relative_to(base) else None


# --- tasks ------------------------------------------------------------------------------------


@dataclass(slots=True)
class TaskFilter:
    """The filters of ``/api/tasks``; ids are already resolved to IRIs."""

    plan: str | None = None
    body: str | None = None
    role: str | None = None
    document: str | None = None
    article: str | None = None
    due_after: dt.date | None = None
    due_before: dt.date | None = None
    q: str | None = None
    body_name: str | None = None  # a name as people type it: "thanh tra tinh"
    tasks: tuple[str, ...] | None = None  # these tasks only (a search's hits), by IRI


def tasks(store: Store, f: TaskFilter | None = None, *,
          refs: dict[str, dict[str, Any]] | None = None,
          preambles: dict[str, list[dict[str, Any]]] | None = None,
          **kw: Any) -> list[dict[str, Any]]:  # fmt: skip
    """Tasks matching the filter, each with its assignments, legal basis and source link.
    ``refs`` (:func:`plan_refs`) and ``preambles`` (:func:`plan_bases`) of every plan, when the
    caller has them already (reading plan by plan: :func:`tasks_by_plan`)."""
    return _tasks(store, f or TaskFilter(**kw), refs, preambles)[0]


def tasks_page(store: Store, f: TaskFilter, limit: int, offset: int = 0) -> Page:
    """One page of the tasks of a body or of an article (``f.body`` or ``f.article``, with
    the other filters but no free text): the page's tasks picked by the engine, then the
    details of those only (graph_api.queries: ``# page:``), never every task of the body."""
    if not (f.body or f.article) or f.q or f.body_name:
        raise ValueError("a page is read for one body or one article, without free text")
    read: list[dict[str, Any]] = []
    found, more = _tasks(store, f, None, None, (limit, offset), plans_read=read)
    return Page(found, limit, offset, more, read)


def _tasks(store: Store, f: TaskFilter, refs: dict[str, dict[str, Any]] | None,
           preambles: dict[str, list[dict[str, Any]]] | None,
           page: tuple[int, int] | None = None, details: bool = True,
           plans_read: list[dict[str, Any]] | None = None) -> tuple[list[dict[str, Any]], bool]:
    """:func:`tasks`, or one page of them (``page``: limit and offset), and whether more lie
    past it; without ``details``, without their assignments and bases (what dates them).
    ``plans_read``: given the plans read for the tasks (:func:`plan_refs`)."""
    params = {
        "plan": URIRef(f.plan) if f.plan else None,
        "body": URIRef(f.body) if f.body else None,
        "role": f.role,
        "document": URIRef(f.document) if f.document else None,
        "article": URIRef(f.article) if f.article else None,
        "due_after": f.due_after,
        "due_before": f.due_before,
    }
    if f.tasks is not None and not f.body:
        params["task"] = tuple(sorted(URIRef(t) for t in set(f.tasks)))
    seen: dict[str, dict[str, Any]] = {}
    # one body's tasks are read from the body out: a filter over every task grows with the store
    query = "api_body_tasks" if f.body else "api_tasks"
    more = False
    if page is not None:
        # api_tasks answers for an article through api_article_tasks, which pages
        query = "api_body_tasks" if f.body else "api_article_tasks"
        found, more = _page_rows(store, query, *page, **params)
    else:
        found = _rows(store, query, **params)
    # all of a body's tasks (not a page, nor those of a filter): read from the body out
    whole_body = bool(f.body and page is None and not any(
        (f.plan, f.role, f.document, f.article, f.due_after, f.due_before)))
    if refs is not None:
        pass  # given by the caller (tasks_by_plan: every plan's, read once)
    elif whole_body:
        refs = plan_refs(store, f.body, read=plans_read)
    elif f.plan or f.tasks is not None or f.body or page is not None:
        # theirs, not every plan
        refs = plan_refs(store, only={r["planIri"] for r in found}, read=plans_read)
    else:
        refs = plan_refs(store, read=plans_read)
    for r in found:
        if r["task"] in seen:
            continue
        pid = plan_id(r["planIri"])
        seen[r["task"]] = {
            "id": task_id(r["task"]),
            "iri": r["task"],
            "plan": refs.get(r["planIri"]) or {"id": pid, "iri": r["planIri"],
                                               "source": r["source"], "name": pid},
            "section": r["section"],
            "heading": r["heading"],
            "text": r["text"],
            "due": _iso(r["due"]),
            "timeframe": r["timeframe"],
            "recurrence": r["recurrence"],
            "rrule": r["rrule"],
            "starts": _iso(r["begins"]),
            "span": {"start": r["start"], "end": r["end"], "line": r["line"]},
            "source_url": f"/plans/{pid}#{task_anchor(r['task'])}",
            "assignments": [],
            "basis": [],
        }
    if not seen or not details:
        return list(seen.values()), more
    plan_param = URIRef(f.plan) if f.plan and page is None else None
    # all of one body's tasks: the assignments and bases of those tasks only (read from the
    # body out)
    body_param = URIRef(f.body) if whole_body else None
    # tasks found by another filter (a document, a period, a search) or a page: theirs only,
    # by IRI
    filtered = any((f.role, f.document, f.article, f.due_after, f.due_before,
                    f.tasks is not None, page))
    task_param = (tuple(sorted(URIRef(t) for t in seen))
                  if plan_param is None and body_param is None and filtered else None)
    _add_details(store, seen, plan_param, body_param, task_param, preambles)
    out = list(seen.values())
    if f.body_name:
        wanted = fold(f.body_name).split()
        out = [t for t in out if any(
            all(w in folded(a["name"], a["body"]["name"]) for w in wanted)
            and (f.role is None or a.get("role") == f.role) for a in t["assignments"])]
    if f.q:
        words = fold(f.q).split()
        out = [t for t in out if all(w in _haystack(t) for w in words)]
    return out, more


def with_details(store: Store, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tasks read without their details (``_tasks(..., details=False)``) with them: their
    assignments and legal bases, as :func:`tasks` gives them for tasks named by IRI."""
    seen = {t["iri"]: {**t, "assignments": [], "basis": []} for t in items}
    if seen:
        _add_details(store, seen, None, None, tuple(sorted(URIRef(t) for t in seen)), None)
    return list(seen.values())


def _add_details(store: Store, seen: dict[str, dict[str, Any]], plan_param: URIRef | None,
                 body_param: URIRef | None, task_param: tuple[URIRef, ...] | None,
                 preambles: dict[str, list[dict[str, Any]]] | None) -> None:
    """The assignments and bases of the tasks ``seen`` (IRI -> task), read from the plan, the
    body or the tasks given; a task citing nothing rests on its plan's preamble."""
    for t, items in assignments(store, plan_param, body_param, task_param).items():
        if t in seen:
            seen[t]["assignments"] = items
    for t, items in bases(store, plan_param, body_param, task_param).items():
        if t in seen:
            seen[t]["basis"] = items
    if any(not t["basis"] for t in seen.values()):
        if preambles is not None:
            of_plan = preambles  # given by the caller (tasks_by_plan: every plan's, read once)
        else:
            # the preambles of the plans of the tasks citing nothing of their own, not every
            # plan's
            wanted = plan_param or tuple(sorted({URIRef(t["plan"]["iri"])
                                                 for t in seen.values() if not t["basis"]}))
            of_plan = plan_bases(store, wanted)
        for t in seen.values():  # a task citing nothing rests on what its plan rests on
            t["plan_basis"] = [] if t["basis"] else of_plan.get(t["plan"]["iri"], [])


def tasks_in_period(store: Store, period: Period, every: list[dict[str, Any]],
                    role: str | None = None) -> list[dict[str, Any]]:
    """The tasks (as :func:`tasks` gives them) that may fall due in ``period``, of which
    :func:`graph_api.agenda.agenda` keeps those that do; never every task of the store.

    Read from the deadlines out: the tasks due in the period, those whose rule names its own
    last day or whose cycle begins on a day of its own by the period's end; and, of the plans
    whose time meets the period (``every``: :func:`plans`), the recurring and ongoing work. A
    cycle of any other plan gives no date in the period: it runs from its plan's first day
    through its plan's last (:func:`graph_api.recurrence.rule_for`)."""
    found = {r["task"] for r in _rows(store, "due_tasks_between",
                                      **{"from": period.start, "to": period.end})}
    live = tuple(sorted(URIRef(p["iri"]) for p in every if covers(p, period)))
    if live:
        found |= {r["task"] for r in _rows(store, "recurring_tasks", plan=live)}
    return tasks(store, role=role, tasks=tuple(sorted(found)))


def due_page(store: Store, period: Period, limit: int, offset: int = 0,
             role: str | None = None) -> Page:
    """One page of the tasks with a deadline in ``period`` (tasks_due paged in the query:
    ``limit`` tasks in the engine's order), as :func:`tasks` gives them, with ``role`` (of any
    of their assignments) kept: never every deadline of the store, nor the recurring and
    ongoing work of every plan in force (a body's or a plan's agenda has them)."""
    rows, more = _page_rows(store, "tasks_due", limit, offset,
                            **{"from": period.start, "to": period.end})
    picked = tuple(sorted({URIRef(r["task"]) for r in rows}))
    found = tasks(store, role=role, tasks=picked) if picked else []
    return Page(found, limit, offset, more)


def task_page(store: Store, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of every task (as ``tasks()`` lists them: by source file, then place in it)
    and how many there are, read plan by plan: the plans and their counts of tasks first, then
    only the plans the page falls in, never every task of the store."""
    every = sorted(plans(store), key=lambda p: p["source"])
    total = sum(p["tasks"] for p in every)
    chosen: list[dict[str, Any]] = []
    at = first = 0
    # plans from files of one name are one unit: their tasks interleave in the whole list
    for _, group in itertools.groupby(every, key=lambda p: p["source"]):
        same = list(group)
        n = sum(p["tasks"] for p in same)
        if at + n > offset and at < offset + limit:
            first = first if chosen else at
            chosen += same
        at += n
    found = [t for p in chosen for t in tasks(store, plan=p["iri"])]
    found.sort(key=lambda t: (t["plan"]["source"], t["span"]["start"] is not None,
                              t["span"]["start"] or 0, t["iri"]))
    return found[offset - first : offset - first + limit], total


def tasks_by_plan(store: Store) -> Iterator[list[dict[str, Any]]]:
    """Every plan's tasks, as :func:`tasks` gives them, one plan at a time (so that memory
    holds one plan's, at any number of plans): the plans' rows and their preambles' bases are
    read once for all."""
    refs = plan_refs(store)
    preambles = plan_bases(store, None)
    for plan_iri in refs:
        yield tasks(store, plan=plan_iri, refs=refs, preambles=preambles)


def _haystack(t: dict[str, Any]) -> str:
    names = [a["name"] for a in t["assignments"]] + [a["body"]["name"] for a in t["assignments"]]
    return folded(t["text"], t["heading"], t["section"], t["timeframe"],
                  *names, *(b["label"] for b in t["basis"]))  # fmt: skip


def assignments(store: Store, plan_iri: URIRef | None, body_iri: URIRef | None = None,
                task_iris: tuple[URIRef, ...] | None = None,
                ) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    rows = (_rows(store, "api_body_task_assignments", of=body_iri) if body_iri is not None
            else _rows(store, "api_task_assignments", plan=plan_iri, task=task_iris))
    for r in rows:
        key = (r["task"], r["body"], r["role"])
        a = grouped.setdefault(key, {
            "role": r["role"], "role_vi": ROLE_VI.get(r["role"], r["role"]),
            "name": r["nameAsWritten"],
            "body": {"id": short(r["body"], BODY), "iri": r["body"], "name": None,
                     "collective": bool(r["collective"])},
        })  # fmt: skip
        a["name"] = a["name"] or r["nameAsWritten"]
        a["body"]["name"] = _best([a["body"]["name"], r["label"]]) or a["name"]
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (task, _, _), a in grouped.items():
        a["name"] = a["name"] or a["body"]["name"]
        out[task].append(a)
    for items in out.values():
        items.sort(key=lambda a: (ROLES.index(a["role"]) if a["role"] in ROLES else 9, a["name"]))
    return out


def bases(store: Store, plan_iri: URIRef | None, body_iri: URIRef | None = None,
          task_iris: tuple[URIRef, ...] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Per task, what it rests on; a document is left out when a part of it is cited too."""
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    rows = (_rows(store, "api_body_task_basis", body=body_iri) if body_iri is not None
            else _rows(store, "api_task_basis", plan=plan_iri, task=task_iris))
    for r in rows:
        b = found[r["task"]].setdefault(r["provision"], {
            "id": short(r["provision"], DOC), "iri": r["provision"], "label": None,
            "document": r["doc"], "document_number": r["docNumber"],
            "is_part": bool(r["isPart"]),
        })  # fmt: skip
        b["label"] = _best([b["label"], r["label"]])
    out: dict[str, list[dict[str, Any]]] = {}
    for task, items in found.items():
        parts_of = {b["document"] for b in items.values() if b["is_part"]}
        kept = [b for b in items.values() if b["is_part"] or b["iri"] not in parts_of]
        for b in kept:
            b["label"] = b["label"] or b["document_number"] or b["id"]
            b["url"] = _provision_url(b)
        out[task] = sorted(kept, key=lambda b: b["label"] or "")
    return out


def plan_bases(store: Store, plan_iri: URIRef | tuple[URIRef, ...] | None,
               ) -> dict[str, list[dict[str, Any]]]:
    """Per plan (of one, of several, or of every one), the documents its preamble rests on
    ("Căn cứ ..."), as ``bases`` gives them."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(store, "plan_bases", plan=plan_iri):
        b = {"id": short(r["doc"], DOC), "iri": r["doc"], "document": r["doc"],
             "document_number": r["docNumber"], "is_part": False,
             "label": r["label"] or r["docNumber"] or short(r["doc"], DOC)}  # fmt: skip
        b["url"] = _provision_url(b)
        out[r["planIri"]].append(b)
    return out


def _provision_url(b: dict[str, Any]) -> str | None:
    doc = short(b["document"], DOC) if b.get("document") else None
    if doc is None:
        return None
    if b["is_part"] and b["iri"] != b["document"]:
        tail = b["iri"][len(b["document"]) + 1 :].split("/")[0]
        return f"/documents/{doc}#{tail}"
    return f"/documents/{doc}"


# --- bodies -----------------------------------------------------------------------------------


def bodies(store: Store, only: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every body (or those ``only`` names, by IRI) with its name, the province it is of
    (``place``) and a ``label`` that says both (``Thanh tra Sở (Sở Nội vụ, tỉnh Quảng Ngãi)``)."""
    given = tuple(sorted(URIRef(b) for b in set(only))) if only is not None else None
    rows = _rows(store, "list_bodies", body=given)
    if only is not None and len({r["body"] for r in rows}) <= 2:
        return _bodies(store, rows, None)  # a body and its parent: the places they are of
    if only is not None:  # a few bodies (a search's hits): their places from a page of each
        return _bodies(store, rows, places_of(store, {r["bodyJurisdiction"] for r in rows}))
    return _bodies(store, rows, places(store))


def bodies_page(store: Store, limit: int, offset: int = 0,
                jurisdiction: str | None = None) -> Page:
    """One page of the bodies (of a jurisdiction), list_bodies paged in the query, with the
    names of their places read from their jurisdictions' plans and those of their parents
    read alone, never every plan or body."""
    rows, more = _page_rows(store, "list_bodies", limit, offset, jurisdiction=jurisdiction)
    shown = {r["body"] for r in rows}
    return Page([b for b in _with_parents(store, rows) if b["iri"] in shown], limit, offset,
                more)


def _bodies(store: Store, rows: list[dict[str, Any]],
            where: dict[str, str] | None) -> list[dict[str, Any]]:
    """Bodies from rows of list_bodies; ``where``: the names of their places (None: each
    body's, read from the plans it has tasks in)."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        bid = short(r["body"], BODY) or r["body"]
        b = out.setdefault(r["body"], {
            "id": bid, "iri": r["body"], "name": labels.capitalised(r["name"]) or bid,
            "jurisdiction": r["bodyJurisdiction"], "collective": bool(r["collective"]),
            "parent": short(r["parent"], BODY), "tasks": int(r["tasks"] or 0),
        })  # fmt: skip
        b["tasks"] = max(b["tasks"], int(r["tasks"] or 0))
    if where is None:
        where = {}
        for b in out.values():
            where.update(places(store, b["iri"], b["jurisdiction"]))
    for b in out.values():
        parent = out.get(BODY + b["parent"]) if b["parent"] else None
        b["parent_name"] = parent["name"] if parent else None
        b["place"] = where.get(b["jurisdiction"] or "")
        b["label"] = labels.body_label(b, where)
    # (the id last: bodies of one name and place, in the same order however they were read)
    return sorted(out.values(),
                  key=lambda b: (b["jurisdiction"] or "~", fold(b["name"]), b["id"]))


def bodies_named(store: Store, text: str, jurisdiction: str | None = None,
                 page: tuple[int, int] | None = None) -> tuple[list[dict[str, Any]], int]:
    """The bodies (of a ``jurisdiction``) whose label, name or id hold every word of ``text``
    (diacritics and case ignored), as :func:`bodies` gives them, in its order: every one, or
    one ``page`` of them (limit, offset); and how many there are.

    The names are matched in the look-up the search index keeps (graph_api.search: each body's
    label and name as the ingest made them), then the bodies matched are read, and the places
    and parents named for those shown only (a page of each jurisdiction's plans): never every
    body and every plan of the store. Without an index at hand (a SPARQL endpoint no search
    has asked yet), every body is read, as before."""
    from graph_api.search import kept_index

    wanted = fold(text).split()
    if not wanted:
        return [], 0
    index = kept_index(store)
    if index is None:  # no index at hand (building one reads every task): every body read
        every = [b for b in bodies(store) if (jurisdiction is None or
                 b["jurisdiction"] == jurisdiction) and all(
                 w in folded(b["label"], b["name"], b["id"]) for w in wanted)]  # fmt: skip
        return (every if page is None else every[page[1]:page[1] + page[0]]), len(every)
    named = {BODY + key: name or key for key, name, hay in _haystacks(index)
             if all(w in hay for w in wanted)}
    # their order (jurisdiction, name, id, as :func:`_bodies` sorts) from their jurisdictions
    # alone; the rest, places and parents, of those shown only
    where: dict[str, str | None] = {}
    if named:
        for r in _rows(store, "body_jurisdictions", body=tuple(map(URIRef, sorted(named)))):
            where.setdefault(r["body"], r["jurisdiction"])
    order = sorted((b for b in where if jurisdiction is None or where[b] == jurisdiction),
                   key=lambda b: (where[b] or "~", fold(named[b]), short(b, BODY)))
    shown = order if page is None else order[page[1]:page[1] + page[0]]
    rows = _rows(store, "list_bodies", body=tuple(map(URIRef, sorted(shown)))) if shown else []
    found = {b["iri"]: b for b in _with_parents(store, rows)}
    return [found[b] for b in shown if b in found], len(order)


_HAYSTACKS: tuple[object, list[tuple[str, str, str]]] | None = None


def _haystacks(index: Any) -> list[tuple[str, str, str]]:
    """Each body's (id, name, its label, name and id folded) from the index's kept names,
    folded once for each list the index keeps (a state of the store), not at each request."""
    global _HAYSTACKS
    names = index.body_names()
    kept = _HAYSTACKS
    if kept is None or kept[0] is not names:
        kept = _HAYSTACKS = (names, [(key, name, folded(label, name, key))
                                     for key, label, name in names])
    return kept[1]


def _with_parents(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bodies of rows of list_bodies, their parents read alone (a label names its
    parent), the names of their places from a page of each jurisdiction's plans."""
    shown = {r["body"] for r in rows}
    parents = tuple(sorted({URIRef(BODY + p) for r in rows
                            if (p := short(r["parent"], BODY)) and BODY + p not in shown}))
    if parents:
        rows = rows + _rows(store, "list_bodies", body=parents)
    return _bodies(store, rows, places_of(store, {r["bodyJurisdiction"] for r in rows}))


def find_bodies(store: Store, text: str) -> list[dict[str, Any]]:
    """Bodies a name as typed stands for, diacritics and case ignored: one whose label or
    name is the text itself first, then those holding all its words, most duties first (of
    the bodies :func:`bodies_named` finds, never every body)."""
    wanted = fold(text).split()
    if not wanted:
        return []
    exact, partial = [], []
    for b in bodies_named(store, text)[0]:
        names = (" ".join(fold(b["label"]).split()), " ".join(fold(b["name"]).split()))
        if " ".join(wanted) in names:
            exact.append(b)
        else:
            partial.append(b)
    partial.sort(key=lambda b: -b["tasks"])
    return exact + partial


def body_by_id(store: Store, bid: str) -> dict[str, Any] | None:
    """The body with id ``bid`` as :func:`bodies` gives it (its parent's name in its label),
    read alone: never every body of the store."""
    iri = body_iri(bid)
    found = bodies(store, only=[iri])
    if found and found[0]["parent"]:
        found = bodies(store, only=[iri, BODY + found[0]["parent"]])
    return next((b for b in found if b["iri"] == iri), None)


def resolve_body(store: Store, text: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """A body typed by id or by name: ``(body, [])`` when the text stands for one, else
    ``(None, candidates)`` (none, or several for the person to choose from)."""
    text = text.strip()
    if is_id(text) and (one := body_by_id(store, text)):  # an id: that body, read alone
        return one, []
    found = find_bodies(store, text)
    said = fold(text)
    exact = [b for b in found if said in (fold(b["label"]), fold(b["name"]))]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0], []
    return None, found


def body_iri(bid: str) -> str:
    """The IRI of a body id (or of its IRI); 400 for a value that is no id."""
    return str(bind("body", bid, "id"))


def body(store: Store, bid: str) -> dict[str, Any]:
    """A body with every duty it has, directly or through a group (the exports)."""
    out = body_summary(store, bid)
    out["duties"] = duties(store, out["iri"])
    return out


def body_page(store: Store, bid: str, limit: int, offset: int = 0) -> tuple[dict[str, Any], Page]:
    """A body and one page of its duties: the page is read first, from the body out, and the
    names of places come from the page's plans (not from every plan the body has tasks in,
    which grow with the store), unless the body's own place is not among them."""
    page = duty_page(store, body_iri(bid), limit, offset)
    where = labels.place_names(page.plans or [])  # the plans read for the page
    return body_summary(store, bid, where), page


def body_summary(store: Store, bid: str, where: dict[str, str] | None = None
                 ) -> dict[str, Any]:  # fmt: skip
    """A body's names, place and relations (parent, units, groups, members), without its
    duties. ``where``: names of places already known (jurisdiction -> name), used before the
    plans are asked (the search index, adding a plan, knows that plan's)."""
    node = body_iri(bid)
    rows = _rows(store, "api_body", body=URIRef(node))
    if not rows:
        raise NotFound(f"no body with id {bid!r}; see /api/bodies for the ids")
    relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["relation"] and r["other"]:
            oid = short(r["other"], BODY)
            item = {"id": oid, "name": labels.capitalised(r["otherLabel"]) or oid or r["other"]}
            if item not in relations[r["relation"]]:
                relations[r["relation"]].append(item)
    out: dict[str, Any] = {
        "id": short(node, BODY),
        "iri": node,
        "name": _best(r["label"] for r in rows) or short(node, BODY),
        "jurisdiction": rows[0]["jurisdiction"],
        "collective": bool(rows[0]["collective"]),
        **{k: relations.get(k, []) for k in ("parent", "unit", "group", "member")},
    }
    out["name"] = labels.capitalised(out["name"])
    out["parent_name"] = out["parent"][0]["name"] if out["parent"] else None
    if not where or (out["jurisdiction"] or "") not in where:
        where = places(store, node, out["jurisdiction"])
    out["place"] = where.get(out["jurisdiction"] or "")
    out["label"] = labels.body_label(out, where)
    return out


def duties(store: Store, node: str, period: Period | None = None) -> list[dict[str, Any]]:
    """Each (task, role, through, via) of a body, with the task's details: every one (the
    exports), or those that may fall due in ``period`` (of which graph_api.agenda keeps those
    that do): its tasks due then and its recurring work whose plan may be in force then, found
    in the agenda kept at ingest (:func:`period_tasks`), each read once, never every task of
    the body."""
    if period is None:
        return _duties(store, node, tasks(store, body=node))
    found = period_tasks(store, node, period)
    return _duties(store, node, tasks(store, tasks=tuple(sorted(found))) if found else [])


def period_tasks(store: Store, node: str, period: Period) -> set[str]:
    """The tasks of a body that may fall due in ``period``: those with a deadline in it and
    the recurring work whose plan may be in force then (``body_agenda``, from the agenda kept
    at ingest, graph_api.kept_agenda: the tasks ``api_body_tasks`` with ``due_after`` and
    ``due_before`` and ``body_recurring_tasks`` found over every task of the body)."""
    years = tuple(str(y) for y in range(period.start.year, period.end.year + 1))
    return {r["task"] for r in _rows(store, "body_agenda", body=URIRef(node), year=years,
                                     **{"from": period.start, "to": period.end})}


def period_page(store: Store, node: str, period: Period, limit: int,
                offset: int = 0) -> tuple[Agenda, set[int | None]]:  # fmt: skip
    """A body's agenda for ``period`` (graph_api.agenda, of :func:`duties` in the period, one
    row a deadline) with ``limit`` of its rows from ``offset``, and the years of the plans of
    the tasks that may fall due then: every row is dated and counted from its task's
    timeframe and plan alone, and the details (assignments, roles, bases) are read for the
    page's tasks only, never for every task that falls due."""
    found = period_tasks(store, node, period)
    light = _tasks(store, TaskFilter(tasks=tuple(sorted(found))), None, None,
                   details=False)[0] if found else []
    whole = agenda(light, period)
    shown = whole.rows[offset : offset + limit]
    wanted = {r["iri"] for r in shown}
    full = {d["iri"]: d for d in by_task(_duties(store, node, with_details(
        store, [t for t in light if t["iri"] in wanted])))}
    whole.total, whole.offset = len(whole.rows), offset
    whole.more = len(whole.rows) > offset + limit
    whole.rows = [{**full[r["iri"]], **{k: r[k] for k in _DATED}} for r in shown
                  if r["iri"] in full]
    return whole, {t["plan"].get("year") for t in light}


_DATED = ("date", "recurring", "rule", "rule_words")  # what graph_api.agenda adds to a row


def duty_page(store: Store, node: str, limit: int, offset: int = 0) -> Page:
    """One page of a body's duties: ``limit`` of its tasks, each with its roles."""
    page = tasks_page(store, TaskFilter(body=node), limit, offset)
    page.items = _duties(store, node, page.items)
    return page


def _duties(store: Store, node: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The duties of a body in tasks read once (:func:`tasks`): each assignment of a task to
    the body itself ("direct") or to a group it belongs to ("group", ``via`` that group), as
    body_duties answers them."""
    groups = {r["group"] for r in _rows(store, "body_groups", body=URIRef(node))}
    out = []
    for t in found:
        seen = set()
        for a in t["assignments"]:
            via = a["body"]["iri"]
            through = "direct" if via == node else "group" if via in groups else None
            if through is None or (a["role"], through, via) in seen:
                continue
            seen.add((a["role"], through, via))
            out.append({
                **t,
                "role": a["role"],
                "role_vi": ROLE_VI.get(a["role"], a["role"]),
                "through": through,
                "via": {"id": short(via, BODY), "name": a["name"]},
            })  # fmt: skip
    out.sort(key=lambda d: (d["plan"]["source"], d["span"]["start"] or 0, d["through"]))
    return out


def group_by_plan(items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[dict]]]:
    groups: dict[str, tuple[dict[str, Any], list[dict]]] = {}
    for d in items:
        groups.setdefault(d["plan"]["id"], (d["plan"], []))[1].append(d)
    return list(groups.values())


# --- documents and articles -------------------------------------------------------------------


def documents(store: Store, doc: str | Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every document that is not a plan (or the one ``doc`` names, or those it lists), most
    cited first."""
    out = []
    given = (URIRef(doc) if isinstance(doc, str) else tuple(sorted(URIRef(d) for d in set(doc)))
             if doc is not None else None)
    for r in _rows(store, "api_documents", doc=given):
        out.append({
            "id": short(r["doc"], DOC), "iri": r["doc"], "number": r["number"],
            "type": r["type"], "title": r["title"], "date": _iso(r["date"]),
            "resolved": bool(r["resolved"]), "has_text": bool(r["hasText"]),
            "plans": int(r["plans"] or 0), "tasks": int(r["tasks"] or 0),
            "label": labels.doc_label(r["type"], r["number"], r["title"], r["date"]),
            "full_label": labels.doc_label(r["type"], r["number"], r["title"], r["date"],
                                           full=True),
        })  # fmt: skip
    return out


def document_choices(store: Store) -> list[dict[str, Any]]:
    """Every document that is not a plan (id, IRI, label), by label: what a form offers to
    filter by, without the counts :func:`documents` reads over every citation of the store."""
    out = []
    for r in _rows(store, "document_choices"):
        if did := short(r["doc"], DOC):
            out.append({"id": did, "iri": r["doc"],
                        "label": labels.doc_label(r["type"], r["number"], r["title"],
                                                  _iso(r["date"]))})
    return sorted(out, key=lambda d: d["label"])


def document_iri(store: Store, did: str) -> str:
    """A document IRI from its id (``luat/36-2018-qh14``) or its number (``36/2018/QH14``)."""
    local = did.strip().removeprefix(DOC).strip("/")
    if is_id(local):
        candidate = bind("doc", local, "id")
        if store.query("ASK { ?d a ?t }", {"d": candidate}):
            return str(candidate)
    res = store.query(
        "SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#number> ?n ; "
        "a <http://data.europa.eu/eli/ontology#LegalResource> . "
        "FILTER NOT EXISTS { ?d a <http://data.europa.eu/eli/ontology#LegalResourceSubdivision> }"
        " FILTER(LCASE(STR(?n)) = LCASE(STR(?num))) } LIMIT 1",
        {"num": bind("text", did, "document")},
    )
    if isinstance(res, SelectResult) and res.rows:
        return str(res.rows[0]["d"])
    raise NotFound(f"no legal document with id or number {did!r}; see /api/documents")


def document(store: Store, did: str, page: tuple[int, int] | None = None) -> dict[str, Any]:
    """A document with its articles (number, title, text, how many plans and tasks cite each)
    and its citations: every one (the exports), or one ``page`` of them (limit, offset;
    ``more``: whether more lie past it), each under the article it cites. The counts are kept
    at ingest (graph_api.tallies): a law cited by every plan has thousands of citations, which
    a page listing all of them read (the plans' names with them) at every request."""
    node = document_iri(store, did)
    head = _rows(store, "api_document", doc=URIRef(node))
    if not head:
        raise NotFound(f"{did!r} is not a legal document")
    values: dict[str, list[Any]] = defaultdict(list)
    for r in head:
        if r["key"]:
            values[r["key"]].append(r["value"])
    h = {k: (_best(str(x) for x in v) if k in ("title", "label") else v[0])
         for k, v in values.items()}  # fmt: skip
    more = False
    if page is None:
        citations = _rows(store, "api_document_citations", doc=URIRef(node))
    else:
        citations, more = _page_rows(store, "api_document_citations", *page, doc=URIRef(node))
    by_article: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    plans_citing: dict[str, dict[str, Any]] = {}
    refs = plan_refs(store, only={c["plan"] for c in citations}) if citations else {}
    for c in citations:
        pid = plan_id(c["plan"])
        pref = refs.get(c["plan"]) or {"id": pid, "iri": c["plan"], "source": c["source"],
                                       "name": pid, "label": pid}  # fmt: skip
        plans_citing.setdefault(pid, pref)
        ref = {
            "plan": pid,
            "plan_name": pref["name"],
            "task": task_id(c["task"]) if c["task"] else None,
            "section": c["section"],
            "text": c["text"],
            "source_url": f"/plans/{pid}#{task_anchor(c['task'])}" if c["task"]
            else f"/plans/{pid}#cite-{c['start']}",
        }  # fmt: skip
        art = _article_of(c["provision"])
        if ref not in by_article[art]:
            by_article[art].append(ref)
    articles = []
    seen = set()
    for a in _rows(store, "api_document_articles", doc=URIRef(node)):
        if a["article"] in seen:
            continue
        seen.add(a["article"])
        articles.append({
            "id": short(a["article"], DOC), "iri": a["article"], "anchor":
            article_anchor(a["article"]), "number": a["number"], "title": a["title"],
            "text": a["fullText"], "chapter": a["chapterNumber"],
            "chapter_title": a["chapterTitle"], "cited_by": by_article.get(a["article"], []),
            "plans": int(a["plans"] or 0), "tasks": int(a["tasks"] or 0),
        })  # fmt: skip
    out = {
        "id": short(node, DOC), "iri": node, "number": h.get("number"), "type": h.get("type"),
        "title": h.get("title"), "date": _iso(h.get("date")), "issuer": h.get("issuer"),
        "label": labels.doc_label(h.get("type"), h.get("number"), h.get("title"), h.get("date"))
        or h.get("label"),
        "full_label": labels.doc_label(h.get("type"), h.get("number"), h.get("title"),
                                       h.get("date"), full=True),
        "source": h.get("source"),
        "resolved": bool(head[0]["resolved"]),
        "articles": articles,
        "cited_whole_by": by_article.get(None, []),
        "plans": sorted(plans_citing.values(), key=lambda p: p["id"]),
        # every plan and task citing it, as counted at ingest
        "plan_count": int(h.get("plans") or 0), "task_count": int(h.get("tasks") or 0),
    }  # fmt: skip
    if page is not None:
        out.update(limit=page[0], offset=page[1], more=more)
    return out


def _article_of(provision: str | None) -> str | None:
    """The article a provision lies in, by the IRI scheme: ``…/dieu-10/khoan-2`` → ``…/dieu-10``."""
    if not provision:
        return None
    m = re.match(r"(.*?/dieu-[^/]+)", provision)
    return m.group(1) if m else None


def article(store: Store, aid: str, cited: bool = True,
            page: tuple[int, int] | None = None) -> dict[str, Any]:
    """An article, its parts and (``cited``) the tasks citing it or a part of it: every one,
    or one ``page`` of them (limit, offset; ``more``: whether more lie past it)."""
    node = str(bind("doc", aid, "id"))
    rows = _rows(store, "api_article", article=URIRef(node))
    if not rows:
        raise NotFound(f"no article with id {aid!r}; ids look like luat/36-2018-qh14/dieu-10")
    r0 = rows[0]
    parts = []
    for r in rows:
        if r["part"] and r["part"] not in {p["iri"] for p in parts}:
            parts.append({"id": short(r["part"], DOC), "iri": r["part"],
                          "number": r["partNumber"], "text": r["partText"]})  # fmt: skip
    out = {
        "id": short(node, DOC), "iri": node, "number": r0["number"],
        "title": _best(r["title"] for r in rows), "text": r0["fullText"],
        "document": {"id": short(r0["doc"], DOC), "iri": r0["doc"], "number": r0["docNumber"],
                     "title": _best(r["docTitle"] for r in rows)},
        "parts": parts,
        # read from the article out (api_tasks answers through api_article_tasks)
        "tasks": [],
        "url": f"/documents/{short(r0['doc'], DOC)}#{article_anchor(node)}",
    }  # fmt: skip
    if cited and page is not None:
        found = tasks_page(store, TaskFilter(article=node), *page)
        out.update(tasks=found.items, more=found.more)
    elif cited:
        out["tasks"] = tasks(store, article=node)
    return out


def article_iri(document_node: str | None, article: str) -> str:
    """``article`` as an IRI: an id (``luat/36-2018-qh14/dieu-10``) or a number with a document."""
    if "/" in article:
        return str(bind("doc", article, "article"))
    if document_node is None:
        raise ValueError("an article number needs a document (document=36/2018/QH14&article=10)")
    from ontology.iris import slug

    number = slug(article)
    if not number or len(number) > 20:
        raise ValueError(f"parameter 'article' wants an article number like 10, not {article!r}")
    return f"{document_node}/dieu-{number}"
