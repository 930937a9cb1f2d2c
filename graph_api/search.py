"""Ranked, diacritic-insensitive search over tasks, bodies and documents: SQLite FTS5 beside
the store.

The index is derived from the graph: each task (its heading, its text, the names of its bodies
as written and as known, its legal basis), each body and each document is a row of an FTS5
table. Text is indexed *folded* (lower case, no diacritics, đ → d) one character for one, so
"thanh tra tinh" finds "Thanh tra tỉnh" and the folded text's offsets are the original's: a
hit found in the folded text is highlighted in the words the plan wrote. Rows are ranked by
BM25 with the bodies weighted above the text, and a task whose bodies hold the words as a
phrase comes before one that merely has them scattered.

Where it lives: beside an on-disk store (``var/store.search.sqlite`` for ``var/store``), built
at ingest (:func:`refresh`) and rebuilt when the store's state (:mod:`graph_api.state`) no
longer matches the one it was built from; in memory for other stores, built on first use.
SQLite ships with Python (no service to run, no extra dependency) and FTS5 answers in well
under a millisecond here; ``bench/search_bench.py`` measures it against a scan of every task.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from graph_api.state import state
from graph_api.store import Store

__all__ = ["Hit", "SearchIndex", "fold_same_length", "index_for", "refresh"]

KINDS = ("task", "body", "document")
# BM25 weights of the columns: title (a task's heading, a body's or document's name), bodies,
# text, basis. A body named on the task says more than a word in its text.
WEIGHTS = (4.0, 8.0, 1.0, 2.0)
MAX_HITS = 2000  # rows a query ranks at most (a page shows far fewer)
SCHEMA = 2  # bump when the rows change, so old index files are rebuilt
_WORD = re.compile(r"\w+")
START, END = "\x02", "\x03"


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    base = "".join(x for x in unicodedata.normalize("NFD", c) if unicodedata.category(x) != "Mn")
    base = base.lower().replace("đ", "d")
    return base if len(base) == 1 else c.lower() if len(c.lower()) == 1 else c


def fold_same_length(text: str) -> str:
    """Folded text with one character for each of the text's (NFC) characters."""
    return "".join(_fold_char(c) for c in text)


def match_expression(query: str) -> tuple[str, str] | None:
    """The FTS5 expressions for what a person typed: all its words (the last as a prefix, as
    one types), and the words as a phrase. Each word is quoted, so no typed character is FTS5
    syntax; None when the text has no word."""
    words = _WORD.findall(fold_same_length(unicodedata.normalize("NFC", query)))[:32]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted), '"' + " ".join(words) + '"'


@dataclass(slots=True)
class Hit:
    kind: str
    key: str  # the task's IRI, the body's or document's id
    rank: float
    phrase: bool  # the words stand together in its bodies (tasks) or its name
    marked: dict[str, Markup] = field(default_factory=dict)  # column -> highlighted words
    rowid: int | None = None


def _mark(original: str, folded_marked: str, window: int | None = None) -> Markup:
    """The original text with the spans the markers show in its folded copy in ``<mark>``;
    ``window`` characters around the first hit when the text is long."""
    spans, pos, start = [], 0, None
    for ch in folded_marked:
        if ch == START:
            start = pos
        elif ch == END:
            spans.append((start or 0, pos))
        else:
            pos += 1
    lo, hi = 0, len(original)
    if window and len(original) > window:
        first = spans[0][0] if spans else 0
        lo = max(0, first - window // 3)
        hi = min(len(original), lo + window)
    out, at = [], lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(str(escape(original[at:s])))
        out.append(f'<mark class="hit">{escape(original[s:e])}</mark>')
        at = e
    out.append(str(escape(original[at:hi])))
    text = "".join(out)
    return Markup(("…" if lo else "") + text + ("…" if hi < len(original) else ""))


class SearchIndex:
    """An FTS5 index of the graph's tasks, bodies and documents (thread-safe)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._db.executescript(f"""
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS rows (
                    id INTEGER PRIMARY KEY, kind TEXT, key TEXT, plan TEXT,
                    title TEXT, bodies TEXT, text TEXT, basis TEXT);
                CREATE TABLE IF NOT EXISTS row_bodies (id INTEGER, body TEXT, role TEXT);
                CREATE INDEX IF NOT EXISTS row_bodies_body ON row_bodies (body);
                CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
                    title, bodies, text, basis, kind UNINDEXED,
                    tokenize='unicode61 remove_diacritics 2');
                PRAGMA user_version = {SCHEMA};
            """)  # fmt: skip

    @property
    def built_from(self) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        return row[0] if row and version == SCHEMA else None

    def build(self, rows: Iterable[dict[str, Any]], tag: str) -> int:
        """Replace the index with ``rows`` (kind, key, plan, title, bodies, text, basis,
        assignments: [(body id, role)]); ``tag`` is the store state they were read from."""
        n = 0
        with self._lock, self._db:
            db = self._db
            db.execute("DELETE FROM rows")
            db.execute("DELETE FROM row_bodies")
            db.execute("DELETE FROM fts")
            n = self._insert(rows)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (tag,))
        return n

    def update(self, plans: Iterable[str], rows: Iterable[dict[str, Any]], tag: str) -> int:
        """Replace the rows of ``plans`` (plan ids: their tasks) and the rows of the bodies and
        documents in ``rows`` (by key) with ``rows``, in one transaction; rows written."""
        rows, plans = list(rows), list(plans)
        with self._lock, self._db:
            db = self._db
            gone: list[int] = []
            for kind, keys in (("task", plans),
                               ("body", [r["key"] for r in rows if r["kind"] == "body"]),
                               ("document", [r["key"] for r in rows if r["kind"] == "document"])):
                column = "plan" if kind == "task" else "key"
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    gone += [x for (x,) in db.execute(
                        f"SELECT id FROM rows WHERE kind = ? AND {column} IN "
                        f"({','.join('?' * len(chunk))})", [kind, *chunk])]
            for i in range(0, len(gone), 500):
                chunk = gone[i:i + 500]
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM rows WHERE id IN ({marks})", chunk)
                db.execute(f"DELETE FROM row_bodies WHERE id IN ({marks})", chunk)
                db.execute(f"DELETE FROM fts WHERE rowid IN ({marks})", chunk)
            start = db.execute("SELECT COALESCE(MAX(id), 0) FROM rows").fetchone()[0]
            n = self._insert(rows, start)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (tag,))
        return n

    def _insert(self, rows: Iterable[dict[str, Any]], start: int = 0) -> int:
        """Rows as ids ``start + 1``, ... (the caller holds the lock and the transaction)."""
        db, n = self._db, 0
        for n, r in enumerate(rows, 1):
            rid = start + n
            cols = [r.get(c) or "" for c in ("title", "bodies", "text", "basis")]
            db.execute("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (rid, r["kind"], r["key"], r.get("plan"), *cols))  # fmt: skip
            db.execute("INSERT INTO fts (rowid, title, bodies, text, basis, kind) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (rid, *(fold_same_length(c) for c in cols), r["kind"]))  # fmt: skip
            db.executemany("INSERT INTO row_bodies VALUES (?, ?, ?)",
                           [(rid, b, role) for b, role in r.get("assignments", ())])
        return n

    def search(self, query: str, kind: str = "task", *, plan: str | None = None,
               body: str | None = None, role: str | None = None,
               limit: int = MAX_HITS) -> list[Hit]:  # fmt: skip
        """Rows of ``kind`` matching every word (diacritics ignored), best first: those whose
        bodies (tasks) or name hold the words as a phrase, then by BM25. Not yet highlighted
        (:meth:`highlight` marks the few a page shows)."""
        expr = match_expression(query)
        if expr is None or kind not in KINDS:
            return []
        words, phrase = expr
        where, args = ["fts MATCH ?", "fts.kind = ?"], [words, kind]
        if plan:
            where.append("fts.rowid IN (SELECT id FROM rows WHERE plan = ?)")
            args.append(plan)
        if body or role:
            sub = "SELECT id FROM row_bodies WHERE " + " AND ".join(
                x for x, v in (("body = ?", body), ("role = ?", role)) if v)  # fmt: skip
            where.append(f"fts.rowid IN ({sub})")
            args += [v for v in (body, role) if v]
        column = "bodies" if kind == "task" else "title"
        sql = (
            "SELECT fts.rowid, bm25(fts, ?, ?, ?, ?) AS rank, "
            "fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?) AS phrase "
            f"FROM fts WHERE {' AND '.join(where)} ORDER BY phrase DESC, rank LIMIT ?"
        )
        params = [*WEIGHTS, f"{column} : {phrase}", *args, limit]
        with self._lock:
            try:
                found = self._db.execute(sql, params).fetchall()
                keys = dict(self._db.execute(
                    f"SELECT id, key FROM rows WHERE id IN ({','.join('?' * len(found))})",
                    [r[0] for r in found]).fetchall()) if found else {}  # fmt: skip
            except sqlite3.OperationalError:  # FTS5 could not read the words: no hits
                return []
        return [Hit(kind, keys[rowid], rank, bool(p), rowid=rowid) for rowid, rank, p in found]

    def highlight(self, query: str, hits: Iterable[Hit]) -> None:
        """Mark the words of ``query`` in each column of ``hits``, in their own letters."""
        expr = match_expression(query)
        chosen = {h.rowid: h for h in hits if h.rowid is not None and not h.marked}
        if expr is None or not chosen:
            return
        marks = ", ".join(f"highlight(fts, {i}, ?, ?)" for i in range(4))
        sql = (f"SELECT fts.rowid, {marks}, rows.title, rows.bodies, rows.text, rows.basis "
               "FROM fts JOIN rows ON rows.id = fts.rowid WHERE fts MATCH ? AND fts.rowid IN "
               f"({','.join('?' * len(chosen))})")  # fmt: skip
        with self._lock:
            try:
                found = self._db.execute(sql, [*[START, END] * 4, expr[0], *chosen]).fetchall()
            except sqlite3.OperationalError:
                return
        for rowid, *cols in found:
            for name, m, o in zip(("title", "bodies", "text", "basis"), cols[:4], cols[4:],
                                  strict=True):  # fmt: skip
                if m and START in m:
                    chosen[rowid].marked[name] = _mark(o, m, 320 if name == "text" else None)

    def close(self) -> None:
        with self._lock:
            self._db.close()


# --- the rows, from the graph -----------------------------------------------------------------


def graph_rows(store: Store) -> Iterable[dict[str, Any]]:
    """Every task, body and document as an index row, read plan by plan (memory holds one
    plan's tasks, not the store's)."""
    from graph_api.blueprints import data

    for tasks in data.tasks_by_plan(store):
        yield from _task_rows(tasks)
    for b in data.bodies(store):
        yield _body_row(b)
    for d in data.documents(store):
        if d["id"]:
            yield _document_row(d)


def plan_rows(store: Store, plans: Iterable[tuple[str, str]],
              named: Iterable[str] = ()) -> Iterable[dict[str, Any]]:
    """The rows of some plans' tasks, and of the bodies and documents their new facts name
    (each once): what adding plans changes in the index. ``plans``: (plan IRI, its graph);
    ``named``: the IRIs the facts the plans added about shared things (a body's names, parent
    and groups, a document's number and title) are about. A body or document the plans name
    with nothing new keeps its row, so adding a plan costs the plan, not the bodies and
    documents it shares with every other plan."""
    from graph_api import labels
    from graph_api.blueprints import data
    from graph_api.blueprints.ids import BODY, DOC, short

    named = set(named)
    where: dict[str, str] = {}
    for plan_iri, _graph in plans:
        yield from _task_rows(data.tasks(store, plan=plan_iri))
        where.update(labels.place_names(data.plans(store, only=[plan_iri])))
    for b in sorted(x for x in named if x.startswith(BODY)):
        yield _body_row(data.body_summary(store, b, where))
    for d in sorted(x for x in named if x.startswith(DOC)):
        for row in data.documents(store, d):
            if row["id"] and short(d, DOC) == row["id"]:
                yield _document_row(row)


def _body_row(b: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "body", "key": b["id"], "title": b["label"], "bodies": b["name"],
            "text": b.get("place") or ""}  # fmt: skip


def _document_row(d: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "document", "key": d["id"], "title": d["full_label"],
            "text": d["title"] or "", "bodies": d["number"] or ""}  # fmt: skip


def _task_rows(tasks: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for t in tasks:
        names = []
        for a in t["assignments"]:
            names += [a["name"], a["body"]["name"]]
        yield {
            "kind": "task", "key": t["iri"], "plan": t["plan"]["id"],
            "title": t["heading"] or "", "text": t["text"],
            "bodies": "; ".join(dict.fromkeys(n for n in names if n)),
            "basis": "; ".join(b["label"] for b in t["basis"]),
            "assignments": [(a["body"]["id"] or a["body"]["iri"], a["role"])
                            for a in t["assignments"]],
        }  # fmt: skip


# --- where the index lives --------------------------------------------------------------------

_open: dict[int, SearchIndex] = {}
_open_lock = threading.Lock()


def index_path(store: Store) -> Path | None:
    """``<store>.search.sqlite`` beside an on-disk store; None for other stores."""
    location = str(getattr(store, "location", "") or "")
    if not location or location == ":memory:" or re.match(r"https?://", location):
        return None
    return Path(location).with_name(Path(location).name + ".search.sqlite")


def _fresh(store: Store, index: SearchIndex) -> SearchIndex:
    tag = state(store).tag
    if index.built_from != tag:
        index.build(graph_rows(store), tag)
    return index


def index_for(store: Store) -> SearchIndex:
    """The store's index, rebuilt first if the store changed since it was built."""
    with _open_lock:
        index = _open.get(id(store))
        if index is None:
            path = index_path(store)
            try:
                index = SearchIndex(path)
            except sqlite3.Error:  # a file we may not write (a read-only deployment)
                index = SearchIndex(None)
            _open[id(store)] = index
    try:
        return _fresh(store, index)
    except sqlite3.Error:
        with _open_lock:
            index = _open[id(store)] = SearchIndex(None)
        return _fresh(store, index)


def add_plans(store: Store, plans: list[tuple[str, str]], before: str,
              named: Iterable[str] = ()) -> int | None:
    """Index plans just added to a store whose index was built from its state ``before``
    (a tag of :mod:`graph_api.state`); ``plans``: (plan IRI, its graph); ``named``: what their
    facts about shared things are about. Their tasks, and the rows of the bodies and documents
    they name, are replaced in place, so adding a plan costs
    the plan, not the store. None when the index is not that one (missing, stale, another
    schema): :func:`refresh` then."""
    from graph_api.blueprints import data

    path = index_path(store)
    if path is None or not path.exists():
        return None
    index = SearchIndex(path)
    try:
        if index.built_from != before:
            return None
        rows = list(plan_rows(store, plans, named))
        n = index.update([data.plan_id(p) for p, _ in plans], rows, state(store, ttl=0).tag)
    finally:
        index.close()
    with _open_lock:
        _open.pop(id(store), None)
    return n


def built_from(store: Store) -> str | None:
    """The state (a tag of :mod:`graph_api.state`) the index file beside ``store`` was built
    from; None when there is no index file, or one of another schema."""
    path = index_path(store)
    if path is None or not path.exists():
        return None
    index = SearchIndex(path)
    try:
        return index.built_from
    finally:
        index.close()


def refresh(store: Store) -> int:
    """Rebuild the index file beside an on-disk store after an ingest (a temporary file moved
    into place, so a server reading the old one never sees half an index); rows written."""
    path = index_path(store)
    if path is None:
        return 0
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    index = SearchIndex(tmp)
    try:
        n = index.build(graph_rows(store), state(store, ttl=0).tag)
    finally:
        index.close()
    os.replace(tmp, path)
    with _open_lock:
        _open.pop(id(store), None)
    return n
