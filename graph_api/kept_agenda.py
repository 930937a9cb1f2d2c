"""What may fall due, kept at ingest: each task's deadlines and recurring work, by the body it
is assigned to and the years it may fall due in.

A body's period (its page's "what is due this quarter", ``/due?body=``, the exports of a
period) read every task of the body to find those due in the period and the recurring work
whose plan may be in force then: 1.4 s at 10,000 plans, growing with the store. Each plan's
graph now holds its agenda entries, made in its worker with the plan (``agenda_entries.rq``):
one node a (body assigned, task, stretch of time) with

- ``meta:agendaTask`` the task;
- ``meta:agendaKey`` "<body IRI> <year>" for each year of the stretch ("<body IRI> *" when the
  stretch has no end: a cycle of an undated plan, a rule naming its own last day);
- ``meta:agendaFrom`` / ``meta:agendaUntil`` its first and last day (``xsd:date``; 0001-01-01
  and 9999-12-31 under "*"), which the period must meet.

A task's deadlines give the stretch from the first to the last; a cycle, from its plan's date
(or its own first day, if earlier) to the end of the last year its plan is dated in or its
title names (the test ``body_recurring_tasks`` makes). ``body_agenda`` reads the entries of a
body and of its groups (membership is read when asked, as it may change with other plans) for
the years of a period: what a body's period costs is what falls in it. The entries are
replaced and dropped with their plan, so there is nothing to sum; ``cancu validate`` finds
assignments of dated work with no entry, and entries with no assignment (stale-agenda).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph_api.store import Store, iri

DATA = Path(__file__).parent / "data"
META = "https://cancu.dev/meta#"
TASK, KEY, FROM, UNTIL = (f"<{META}agenda{p}>" for p in ("Task", "Key", "From", "Until"))
# past this many years a stretch is kept under "*" (its first and last day still filter it)
MOST_YEARS = 60
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
# the days of an entry with no end of its own (Virtuoso 7.2 drops rows of a join on a BIND's
# key when the joined group has an OPTIONAL: every entry has both days)
EVER = ("0001-01-01", "9999-12-31")

__all__ = ["as_ntriples", "entries", "keys_of", "of_plan", "of_stored", "stale"]


def _stretch(row: dict[str, str | None]) -> tuple[str, str] | None:
    """A cycle's stretch (first day, last day) as text; None: no end (kept under "*")."""
    date, cycle = row["planDate"], row["cycle"] or ""
    if date is None or "UNTIL=" in cycle or not date[:4].isdigit():
        return None
    begins = row["begins"]
    first = min(date, begins) if begins is not None else date
    # the last year: the plan's, or a later one its title names standing alone (to 2099, as
    # body_recurring_tasks' ``years`` do)
    named = [int(y) for y in _YEAR.findall(row["title"] or "") if int(y) <= 2099]
    return first, f"{max([int(date[:4]), *named]):04d}-12-31"


def entries(rows: list[dict[str, str | None]]) -> dict[tuple[str, str], set[Any]]:
    """(body, task) -> its stretches (None: no end), from ``agenda_entries.rq``'s rows; a
    task's deadlines make one stretch, from the first to the last."""
    out: dict[tuple[str, str], set[Any]] = {}
    due: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        key = (r["grp"], r["task"])  # type: ignore[assignment]
        if r["kind"] == "due":
            due.setdefault(key, []).append(r["due"])  # type: ignore[arg-type]
        else:
            out.setdefault(key, set()).add(_stretch(r))
    for key, days in due.items():
        out.setdefault(key, set()).add((min(days), max(days)))
    return out


def dated(stretch: tuple[str, str] | None) -> tuple[str, str] | None:
    """A stretch whose days are ISO dates (what ``body_agenda`` compares with the period's,
    as dates); any other is kept under "*" with no days, for graph_api.agenda to judge."""
    if stretch is None or not all(_DATE.fullmatch(d) for d in stretch):
        return None
    return stretch


def keys_of(body: str, stretch: tuple[str, str] | None) -> list[str]:
    """The keys an entry is found by: one a year of its stretch, or "*"."""
    if dated(stretch) is not None:
        lo, hi = int(stretch[0][:4]), int(stretch[1][:4])  # type: ignore[index]
        if 0 <= hi - lo < MOST_YEARS:
            return [f"{body} {y}" for y in range(lo, hi + 1)]
    return [f"{body} *"]


def _literal(text: str) -> str:
    return str(ox.Literal(text))


def _date(text: str) -> str:
    return str(ox.Literal(text, datatype=ox.NamedNode(XSD_DATE)))


_COLUMNS = ("kind", "grp", "task", "due", "cycle", "planDate", "title", "begins")


@cache
def _query() -> str:
    """agenda_entries.rq, read once a process (each plan's worker ran it from the file)."""
    return (DATA / "agenda_entries.rq").read_text(encoding="utf-8")


def of_plan(nt: str | ox.Store, graph: str) -> str:
    """The agenda entries of one plan as N-Triples for its graph (``graph``). ``nt``: the
    plan's triples, its facts about shared things and their inferences (or a store of them)."""
    store = nt if isinstance(nt, ox.Store) else ox.Store()
    if isinstance(nt, str) and nt:
        store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    rows = [{k: (None if s[k] is None else s[k].value) for k in _COLUMNS}
            for s in store.query(_query())]
    return as_ntriples(rows, graph)


def of_stored(store: Store, plan: str, graph: str) -> str:
    """The agenda entries of a stored plan (``plan``, in ``graph``), read from the store: the
    same rows its worker reads, as each pattern starts from the plan's own tasks."""
    from rdflib import URIRef

    from graph_api.store import SelectResult, lateral_optionals

    text = lateral_optionals(_query()) if getattr(store, "lateral", False) else _query()
    res = store.query(text, {"plan": URIRef(plan)})
    assert isinstance(res, SelectResult)
    rows = [{k: (None if t.get(k) is None else str(t[k])) for k in _COLUMNS} for t in res.terms]
    return as_ntriples(rows, graph)


def as_ntriples(rows: list[dict[str, str | None]], graph: str) -> str:
    """The entries made of ``agenda_entries.rq``'s rows, as N-Triples for the plan's graph."""
    lines = []
    for (body, task), stretches in sorted(entries(rows).items()):
        for stretch in sorted(stretches, key=lambda s: s or ("", "")):
            digest = hashlib.sha1(f"{body} {task} {stretch}".encode()).hexdigest()[:16]
            node = iri(f"{graph}#agenda-{digest}")
            lines.append(f"{node} {TASK} {iri(task)} .")
            lines += [f"{node} {KEY} {_literal(k)} ." for k in keys_of(body, stretch)]
            days = dated(stretch) or EVER
            lines += [f"{node} {FROM} {_date(days[0])} .", f"{node} {UNTIL} {_date(days[1])} ."]
    return "".join(ln + "\n" for ln in lines)


def stale(store: Store) -> list[str]:
    """Tasks whose agenda entries do not follow their plan's graph: dated or recurring work
    assigned to a body with no entry for it, or an entry for a task the graph does not assign
    to that body (none: a store only cancu wrote); a pass over every entry."""
    res = store.query((DATA / "stale_agenda.rq").read_text(encoding="utf-8"))
    return sorted({r["task"] for r in res.rows})  # type: ignore[union-attr]
