"""The agenda kept at ingest (graph_api.kept_agenda) finds, for a body and a period, the tasks
that reading every task of the body found (api_body_tasks due in the period, and
body_recurring_tasks): on the samples and on generated plans, for periods in every year they
span, and after plans are added, replaced and removed; a store written before the agenda was
kept is given one; entries that do not follow their plan are found by `cancu validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from graph_api import kept_agenda
from graph_api import provenance as pv
from graph_api.agenda import agenda, by_task
from graph_api.blueprints import data
from graph_api.periods import Period, parse_period
from graph_api.pipeline import ingest_paths, remove_units
from graph_api.store import META_GRAPH, Store, open_store
from tests.fixtures.graph.build import LAWS
from tests.test_ingest_identity import plan_text, write
from tests.test_web_support import sample_store

PERIODS = ["2019", "2020-Q3", "2021", "2022-Q1", "2023-Q4", "2023-10", "2024", "2025-Q2",
           "2026-Q4", "2027", "2031"]


def unkept(store: Store, node: str, period: Period) -> set[str]:
    """The tasks read over every task of the body, as before the agenda was kept."""
    due = {t["iri"] for t in data.tasks(store, body=node, due_after=period.start,
                                        due_before=period.end)}
    years = "|".join(str(y) for y in range(period.start.year, 2100))
    cycles = {r["task"] for r in data._rows(
        store, "body_recurring_tasks", body=URIRef(node),
        years=f"(^|[^0-9])({years})([^0-9]|$)", **{"from": period.start, "to": period.end})}
    return due | cycles


def assert_kept_is_read(store: Store, periods: list[str] = PERIODS) -> int:
    """Every body, every period: the same tasks; how many (body, period) found any."""
    found = 0
    for b in data.bodies(store):
        for key in periods:
            period = parse_period(key)
            want = unkept(store, b["iri"], period)
            assert data.period_tasks(store, b["iri"], period) == want, (b["id"], key)
            found += bool(want)
    return found


def test_the_samples_agenda_is_what_every_task_of_a_body_gives() -> None:
    store = sample_store()
    assert assert_kept_is_read(store) > 20
    assert pv.check(store) == []


def _rows(rows: list[dict]) -> list[tuple]:
    return [(r["iri"], r["date"], r["role_vi"], r["rule"], len(r["assignments"]),
             len(r["basis"]), len(r.get("plan_basis") or [])) for r in rows]


@pytest.mark.parametrize("key", ["2023-Q4", "2023", "2024", "2026"])
def test_the_body_page_s_period_is_paged_from_the_kept_agenda(key: str) -> None:
    """The body page's period: its pages' rows (each with its details) make the agenda of
    the body's duties read over every task of the body, with its count and ongoing work."""
    store, period, seen, paged = sample_store(), parse_period(key), 0, 0
    for b in data.bodies(store):
        old = unkept(store, b["iri"], period)
        duties = data._duties(store, b["iri"], data.tasks(store, tasks=tuple(sorted(old)))
                              if old else [])  # fmt: skip
        want = agenda(by_task(duties), period)
        walked, offset = [], 0
        while True:
            page, years = data.period_page(store, b["iri"], period, 3, offset)
            assert page.total == len(want.rows) and len(page.rows) <= 3
            assert years == {d["plan"].get("year") for d in duties}  # the period picker's
            assert {t["iri"] for t in page.ongoing} == {t["iri"] for t in want.ongoing}
            walked += page.rows
            if not page.more:
                break
            offset += 3
        assert _rows(walked) == _rows(want.rows), (b["id"], key)
        # (a task citing something has no plan_basis, or an empty one, as the tasks read with
        # it have: the same on the page)
        assert all({**w, "plan_basis": w.get("plan_basis") or []}
                   == {**r, "plan_basis": r.get("plan_basis") or []}
                   for w, r in zip(walked, want.rows, strict=True))
        seen += bool(walked)
        paged += offset > 0
    assert seen or key == "2024"  # (no sample is in force in 2024)
    assert paged or key not in ("2023", "2026")  # years of reports: pages of three rows


def test_a_range_over_years_reads_each_of_them() -> None:
    store = sample_store()
    periods = [Period(parse_period("2023-Q4").start, parse_period("2026").end, "range", "")]
    for b in data.bodies(store):
        want = unkept(store, b["iri"], periods[0])
        assert data.period_tasks(store, b["iri"], periods[0]) == want, b["id"]


def test_a_stretch_is_its_deadlines_or_its_plan_s_years() -> None:
    body, task = "https://x/b", "https://x/t"
    cycle = {"kind": "cycle", "grp": body, "task": task, "due": None, "cycle": "quarterly",
             "planDate": "2021-03-05", "title": "Kế hoạch giai đoạn 2021-2025", "begins": None}
    assert kept_agenda.entries([cycle]) == {(body, task): {("2021-03-05", "2025-12-31")}}
    earlier = {**cycle, "begins": "2020-12-01", "title": "năm 2021; 20300 người; 2150"}
    assert kept_agenda.entries([earlier]) == {(body, task): {("2020-12-01", "2021-12-31")}}
    until = {**cycle, "cycle": "FREQ=MONTHLY;UNTIL=20221231"}
    assert kept_agenda.entries([until]) == {(body, task): {None}}
    assert kept_agenda.entries([{**cycle, "planDate": None}]) == {(body, task): {None}}
    due = [{**cycle, "kind": "due", "due": d, "cycle": None} for d in ("2024-06-30", "2023-01-31")]
    assert kept_agenda.entries(due) == {(body, task): {("2023-01-31", "2024-06-30")}}
    assert kept_agenda.keys_of(body, ("2023-01-31", "2024-06-30")) == [f"{body} 2023",
                                                                       f"{body} 2024"]
    assert kept_agenda.keys_of(body, None) == [f"{body} *"]
    assert kept_agenda.keys_of(body, ("2021-01-01", "2099-12-31")) == [f"{body} *"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Eight generated plans (bench/plangen.py), dated over several years."""
    from bench import plangen

    folder = tmp_path_factory.mktemp("plans")
    plangen.write(8, Path(folder))
    store = open_store(":memory:")
    ingest_paths(store, [folder, LAWS], progress=False, workers=0)
    return store


def test_generated_plans_agenda_is_what_every_task_of_a_body_gives(generated: Store) -> None:
    assert assert_kept_is_read(generated) > 20


def _entries(store: Store) -> int:
    return len(store.query(f"SELECT ?e WHERE {{ ?e <{kept_agenda.META}agendaTask> ?t }}").rows)


def test_the_agenda_follows_plans_added_replaced_and_removed(tmp_path: Path,
                                                             plan_files: list[Path]) -> None:
    with open_store(tmp_path / "store") as store:
        ingest_paths(store, [*plan_files[:-1], LAWS], progress=False, workers=0)
        assert assert_kept_is_read(store)
        before = _entries(store)
        ingest_paths(store, plan_files[-1:], progress=False, workers=0)  # added
        assert assert_kept_is_read(store)
        assert _entries(store) > before
        write(plan_files[0], plan_text(province="Tây Ninh", number="300", drop_task=True,
                                       date="02 tháng 5 năm 2026"))
        ingest_paths(store, plan_files[:1], progress=False, workers=0)  # replaced
        assert assert_kept_is_read(store)
        graph = next(g for g, r in pv.records(store).items() if r.source == plan_files[1].name)
        remove_units(store, [graph])  # removed
        assert assert_kept_is_read(store)
        assert pv.check(store) == []
        # an entry dropped by other hands is found
        task = store.query(f"SELECT ?t WHERE {{ GRAPH ?g {{ ?e <{kept_agenda.META}agendaTask> "
                           "?t } } LIMIT 1").rows[0]["t"]
        store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?e <{kept_agenda.META}agendaTask> <{task}> ;"
                     " ?p ?o } }")
        assert "stale-agenda" in {f.kind for f in pv.check(store)}
        assert kept_agenda.stale(store) == [task]


def drop_agenda(store: Store) -> None:
    """The plans' agenda entries dropped, their records counting none (as a store of format 3
    or older holds them)."""
    for g, r in pv.records(store).items():
        if r.kind == "plan":
            n = len(store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o "
                                f"FILTER(STRSTARTS(STR(?s), '{g}#agenda-')) }} }}").rows)
            store.update(f"DELETE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{g}> "
                         f"{{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{g}#agenda-')) }} }} ; "
                         f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{g}> <{pv.META}triples> "
                         f"?n }} }} ; INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{g}> "
                         f"<{pv.META}triples> {r.triples - n} }} }}")


def test_a_store_written_before_the_agenda_was_kept_is_given_one(tmp_path: Path,
                                                                 plan_files: list[Path]) -> None:
    with open_store(tmp_path / "store") as store:
        ingest_paths(store, [*plan_files[:3], LAWS], progress=False, workers=0)
        drop_agenda(store)  # as format 3 wrote it
        store.update(pv.set_state(None, fmt=3))
        assert _entries(store) == 0
        assert pv.check(store) == []  # format 3 is judged by format 3's checks
        report = ingest_paths(store, plan_files[3:], progress=False, workers=0)
        assert any("agendas" in m for m in report.mended), report.mended
        assert pv.state(store).format == pv.FORMAT
        assert assert_kept_is_read(store)
        assert pv.check(store) == []
