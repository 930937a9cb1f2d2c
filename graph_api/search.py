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
at ingest (:func:`refresh`, or :func:`add_plans` in place) and rebuilt when the store's state
(:mod:`graph_api.state`) no longer matches the one it was built from; in memory for other
stores, built on first use. At ingest, each plan's task rows are made in its worker
(:func:`drafts`) and take the store's labels when the index is written (:class:`Labels`), so
the ingest does not read every plan's tasks back out of the store.
SQLite ships with Python (no service to run, no extra dependency) and FTS5 answers in well
under a millisecond here; ``bench/search_bench.py`` measures it against a scan of every task.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from graph_api.state import state
from graph_api.store import Store

__all__ = ["Drafts", "Hit", "SearchIndex", "fold_same_length", "index_for", "refresh"]

KINDS = ("task", "body", "document")
# BM25 weights of the columns: title (a task's heading, a body's or document's name), bodies,
# text, basis. A body named on the task says more than a word in its text.
WEIGHTS = (4.0, 8.0, 1.0, 2.0)
MAX_HITS = 2000  # rows a query ranks at most (a page shows far fewer)
SCHEMA = 2  # bump when the rows change, so old index files are rebuilt
_WORD = re.compile(r"\w+")
START, END = "\x02", "\x03"


def _fold_char(c: str) -> str:
    base = "".join(x for x in unicodedata.normalize("NFD", c) if unicodedata.category(x) != "Mn")
    base = base.lower().replace("đ", "d")
    return base if len(base) == 1 else c.lower() if len(c.lower()) == 1 else c


class _Folds(dict[int, str]):
    """Each character's folded form, made the first time it is met: str.translate's table, so
    that folding a text runs in C (a character at a time in Python was a third of the index's
    writing at ingest)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLDS = _Folds()


def fold_same_length(text: str) -> str:
    """Folded text with one character for each of the text's (NFC) characters."""
    return text.translate(_FOLDS)


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
        self._names: tuple[str | None, list[tuple[str, str, str]]] | None = None
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

    def body_names(self) -> list[tuple[str, str, str]]:
        """Every body's (id, label, name) as the index holds them (its label names its parent
        and place, as data.bodies made it): a look-up of names kept for the state the index was
        built from (read once for it), so that a name typed is matched without reading every
        body and every plan of the store."""
        tag = self.built_from
        kept = self._names
        if kept is not None and kept[0] == tag:
            return kept[1]
        with self._lock:
            names = [(k, t or "", b or "") for k, t, b in self._db.execute(
                "SELECT key, title, bodies FROM rows WHERE kind = 'body' ORDER BY id")]
        self._names = (tag, names)
        return names

    def close(self) -> None:
        with self._lock:
            self._db.close()


# --- the rows, from the graph -----------------------------------------------------------------


def graph_rows(store: Store, drafts: Drafts | None = None) -> Iterable[dict[str, Any]]:
    """Every task, body and document as an index row, read plan by plan (memory holds one
    plan's tasks, not the store's). The tasks of the plans ``drafts`` holds (those an ingest
    just stored) are finished from their drafts, with the store's labels, not read back."""
    from graph_api.blueprints import data

    if drafts is None:
        for tasks in data.tasks_by_plan(store):
            yield from _task_rows(tasks)
    else:
        yield from _drafted_rows(store, drafts)
    for b in data.bodies(store):
        yield _body_row(b)
    for d in data.documents(store):
        if d["id"]:
            yield _document_row(d)


def _drafted_rows(store: Store, drafts: Drafts) -> Iterable[dict[str, Any]]:
    """Every plan's task rows, in graph_rows's order: from its draft where there is one (the
    labels of a batch of plans read in one query), else read from the store."""
    from graph_api.blueprints import data

    refs = data.plan_refs(store)
    order, held, labels = list(refs), drafts.plans(), Labels(store)
    for i in range(0, len(order), DRAFT_BATCH):
        chunk = order[i:i + DRAFT_BATCH]
        got = drafts.of([p for p in chunk if p in held])
        labels.read(r for rows in got.values() for r in rows)
        for p in chunk:
            if p in got:
                yield from (labels.finish(r) for r in got[p])
            else:  # a plan this ingest did not store: its tasks as they are stored
                yield from _task_rows(data.tasks(store, plan=p, refs=refs, preambles={}))


def plan_rows(store: Store, plans: Iterable[tuple[str, str]], named: Iterable[str] = (),
              drafts: Drafts | None = None) -> Iterable[dict[str, Any]]:
    """The rows of some plans' tasks, and of the bodies and documents their new facts name
    (each once): what adding plans changes in the index. ``plans``: (plan IRI, its graph);
    ``named``: the IRIs the facts the plans added about shared things (a body's names, parent
    and groups, a document's number and title) are about. A body or document the plans name
    with nothing new keeps its row, so adding a plan costs the plan, not the bodies and
    documents it shares with every other plan. A plan ``drafts`` holds is finished from its
    draft, not read back."""
    from graph_api import labels
    from graph_api.blueprints import data
    from graph_api.blueprints.ids import BODY, DOC, short

    named, plans = set(named), list(plans)
    where: dict[str, str] = {}
    got = drafts.of([p for p, _ in plans]) if drafts is not None else {}
    finished = Labels(store)
    for plan_iri, _graph in plans:
        if plan_iri in got:
            finished.read(got[plan_iri])
            yield from (finished.finish(r) for r in got[plan_iri])
        else:
            yield from _task_rows(data.tasks(store, plan=plan_iri))
        where.update(labels.place_names(data.plans(store, only=[plan_iri])))
    for b in sorted(x for x in named if x.startswith(BODY)):
        yield _body_row(data.body_summary(store, b, where))
    for d in sorted(x for x in named if x.startswith(DOC)):
        for row in data.documents(store, d):
            if row["id"] and short(d, DOC) == row["id"]:
                yield _document_row(row)


# --- the rows, from each plan's worker -------------------------------------------------------
#
# A plan's task rows are made in its worker from the plan's own facts, by the queries
# graph_rows's data.tasks reads (api_tasks, api_task_assignments, api_task_basis): everything
# but two kinds of labels, which other units give, so the store's are read when the index is
# written (:func:`finish`): a body's name (the best label any plan gives it, data._best) and a
# provision's label (the law's, "Điều 10 Luật 36/2018/QH14", above the plan's own). Reading
# those labels costs a query a batch of plans; reading every plan's tasks back out of the
# store (data.tasks_by_plan) cost ~0.9 s a plan at 200 plans, 40% of the ingest.

DRAFT_BATCH = 200  # plans finished per query of the store's labels
_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?x ?label ?lang ?number WHERE {
  { ?x rdfs:label ?label BIND(LANG(?label) AS ?lang) } UNION { ?x eli:number ?number }
}"""


def drafts(facts: Store, plan: str) -> list[dict[str, Any]]:
    """The rows of one plan's tasks before their labels (run in the plan's worker, on a store
    of its own facts: its graph, its facts about shared things, their inferences). As
    :func:`_task_rows` would make them, but ``assignments`` are (body IRI, role, its name as
    written) and ``basis`` (provision IRI, document IRI, document number), in the order the
    queries give them; the provisions a task cites a part of are already left out."""
    from rdflib import URIRef

    from graph_api.blueprints.ids import plan_id
    from graph_api.queries import rows_with

    bound = {"plan": URIRef(plan)}
    tasks, assignments, basis = _draft_queries()
    out: dict[str, dict[str, Any]] = {}
    for r in rows_with(facts, tasks, bound):
        if r["task"] not in out:
            out[r["task"]] = {"kind": "task", "key": r["task"], "plan": plan_id(r["planIri"]),
                              "title": r["heading"] or "", "text": r["text"],
                              "assignments": [], "basis": []}  # fmt: skip
    who: dict[tuple[str, str, str], list[Any]] = {}
    for r in rows_with(facts, assignments, bound):
        key = (r["task"], r["body"], r["role"])
        if key in who:
            who[key][2] = who[key][2] or r["nameAsWritten"]
        elif r["task"] in out:
            who[key] = [r["body"], r["role"], r["nameAsWritten"]]
            out[r["task"]]["assignments"].append(who[key])
    cited: dict[str, dict[str, tuple[str, str | None, bool]]] = {}
    for r in rows_with(facts, basis, bound):
        if r["task"] in out:
            cited.setdefault(r["task"], {}).setdefault(
                r["provision"], (r["doc"], r["docNumber"], bool(r["isPart"])))
    for task, items in cited.items():
        parts_of = {doc for doc, _, is_part in items.values() if is_part}
        out[task]["basis"] = [[p, doc, number] for p, (doc, number, is_part) in items.items()
                              if is_part or p not in parts_of]  # fmt: skip
    return list(out.values())


@cache
def _draft_queries() -> tuple[Any, ...]:
    """The named queries :func:`drafts` runs, read and parsed once a process (a worker makes
    the rows of many plans; ``queries.get`` reads the file again at each call)."""
    from graph_api.queries import get

    return tuple(get(name) for name in ("api_tasks", "api_task_assignments", "api_task_basis"))


@dataclass(slots=True)
class Labels:
    """What the store says of the bodies and provisions of rows: every label (by IRI), and
    every number (by document IRI), read for many rows at a time."""

    store: Store
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # IRI -> (label, lang)
    numbers: dict[str, list[str]] = field(default_factory=dict)

    def read(self, rows: Iterable[dict[str, Any]]) -> None:
        """The labels of the bodies, provisions and documents of ``rows`` not read yet, in
        one query (VALUES of IRIs, bound as parameters)."""
        from rdflib import URIRef

        wanted: set[str] = set()
        for r in rows:
            wanted.update(b for b, _, _ in r["assignments"])
            for p, doc, _ in r["basis"]:
                wanted.update((p, doc))
        wanted -= self.names.keys()
        if not wanted:
            return
        for x in wanted:
            self.names[x], self.numbers[x] = [], []
        for r in self.store.select_rows(_LABELS, {"x": tuple(URIRef(x) for x in sorted(wanted))}):
            if r["label"] is not None:
                self.names[r["x"]].append((r["label"], r["lang"] or ""))
            if r["number"] is not None:
                self.numbers[r["x"]].append(r["number"])

    def finish(self, draft: dict[str, Any]) -> dict[str, Any]:
        """A draft's row with the store's labels, as data.assignments and data.bases give
        them (the best label, else the name as written or the document's number), in their
        order (which the labels set)."""
        from graph_api.blueprints.data import ROLES, _best
        from graph_api.blueprints.ids import BODY, DOC, short

        made = []
        for body, role, written in draft["assignments"]:
            body_name = _best(label for label, _ in self.names.get(body, ())) or written
            made.append((written or body_name, body_name, body, role))
        made.sort(key=lambda a: (ROLES.index(a[3]) if a[3] in ROLES else 9, a[0]))
        basis = []
        for p, doc, number in draft["basis"]:
            number = min(self.numbers.get(doc) or [], default=None) or number
            label = _best(x for x, lang in self.names.get(p, ()) if lang != "en")
            basis.append(label or number or short(p, DOC))
        basis.sort(key=lambda label: label or "")
        return {**draft,
                "bodies": "; ".join(dict.fromkeys(n for a in made for n in a[:2] if n)),
                "basis": "; ".join(basis),
                "assignments": [(short(b, BODY) or b, role) for _, _, b, role in made]}


class Drafts:
    """The drafts of the plans an ingest stores, kept on disk as they come (a throwaway SQLite
    file beside the index: memory holds none but the plan in hand), by plan IRI, the last
    version of a plan replacing the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                               "CREATE TABLE drafts (plan TEXT PRIMARY KEY, rows TEXT);")

    def put(self, plan: str, rows: list[dict[str, Any]]) -> None:
        self._db.execute("INSERT OR REPLACE INTO drafts VALUES (?, ?)",
                         (plan, json.dumps(rows, ensure_ascii=False)))  # fmt: skip

    def plans(self) -> set[str]:
        return {p for (p,) in self._db.execute("SELECT plan FROM drafts")}

    def of(self, plans: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The drafts of ``plans`` (those there are)."""
        out = {}
        for i in range(0, len(plans), 500):
            chunk = plans[i:i + 500]
            out.update((p, json.loads(rows)) for p, rows in self._db.execute(
                f"SELECT plan, rows FROM drafts WHERE plan IN ({','.join('?' * len(chunk))})",
                chunk))  # fmt: skip
        return out

    def close(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)


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


def kept_index(store: Store) -> SearchIndex | None:
    """The store's index when one is at hand and fresh, never built here: the file an ingest
    wrote beside an on-disk store, or one this process built already (a search). None where
    there is none (a SPARQL endpoint no search has asked yet, a store changed since): building
    one reads every task of the store, which a look-up of a few names must not cost."""
    tag = state(store).tag
    with _open_lock:
        index = _open.get(id(store))
    if index is not None and index.built_from == tag:
        return index
    path = index_path(store)
    if path is None or not path.exists():
        return None
    try:
        fresh = SearchIndex(path)  # (the file of a later ingest, or a first look)
        if fresh.built_from != tag:
            fresh.close()
            return None
    except sqlite3.Error:  # a file we may not write (a read-only deployment)
        return None
    with _open_lock:
        _open[id(store)] = fresh
    return fresh


def add_plans(store: Store, plans: list[tuple[str, str]], before: str,
              named: Iterable[str] = (), drafts: Drafts | None = None) -> int | None:
    """Index plans just added to a store whose index was built from its state ``before``
    (a tag of :mod:`graph_api.state`); ``plans``: (plan IRI, its graph); ``named``: what their
    facts about shared things are about. Their tasks, and the rows of the bodies and documents
    they name, are replaced in place, so adding a plan costs
    the plan, not the store. None when the index is not that one (missing, stale, another
    schema): :func:`refresh` then. ``drafts``: the plans' rows as their workers made them."""
    from graph_api.blueprints import data

    path = index_path(store)
    if path is None or not path.exists():
        return None
    index = SearchIndex(path)
    try:
        if index.built_from != before:
            return None
        rows = list(plan_rows(store, plans, named, drafts))
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


def refresh(store: Store, drafts: Drafts | None = None) -> int:
    """Rebuild the index file beside an on-disk store after an ingest (a temporary file moved
    into place, so a server reading the old one never sees half an index); rows written.
    ``drafts``: the rows of the plans the ingest stored, as their workers made them."""
    path = index_path(store)
    if path is None:
        return 0
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    index = SearchIndex(tmp)
    try:
        n = index.build(graph_rows(store, drafts), state(store, ttl=0).tag)
    finally:
        index.close()
    os.replace(tmp, path)
    with _open_lock:
        _open.pop(id(store), None)
    return n
