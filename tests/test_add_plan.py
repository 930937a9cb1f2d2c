"""Adding a plan to a store costs the plan, not the store (issue 13, items 2 and 5): the ingest
looks up only the records it needs, counts no graph it does not write, indexes the new plan for
search in place, and leaves every earlier answer as it was. A store edited by hand is checked
whole when asked (``cancu ingest --check``), as after an ingest that did not finish."""

from __future__ import annotations

from pathlib import Path

import pytest

from cancu.cli import main
from graph_api import provenance as pv
from graph_api import search
from graph_api.queries import run
from graph_api.store import open_store
from tests.test_ingest_identity import ingest, plan_text, plans, write

pytestmark = pytest.mark.slow

PROVINCES = ["Tây Ninh", "Phú Yên", "Lào Cai"]


def _answers(store) -> dict[str, list]:
    return {
        "plans": sorted(map(str, run(store, "list_plans"))),
        "duties": sorted(map(str, run(store, "body_duties",
                                      body="https://cancu.dev/id/body/tay-ninh/so-noi-vu"))),
        "search": [h.key for h in search.index_for(store).search("so noi vu tay ninh", "body")],
    }


def test_adding_a_plan_reads_what_it_needs_and_changes_no_earlier_answer(
        tmp_path: Path, monkeypatch) -> None:
    files = [write(tmp_path / "plans" / f"plan-{i}.txt",
                   plan_text(province=p, number=str(100 + i))) for i, p in enumerate(PROVINCES)]
    new = write(tmp_path / "new" / "plan-new.txt", plan_text(province="Cà Mau", number="900"))
    with open_store(tmp_path / "store") as store:
        ingest(store, *files)
        before, stored = _answers(store), plans(store)
        assert before["duties"] and before["search"]

        def whole_store(*_a, **_k):
            raise AssertionError("adding one plan read the whole store")

        everything = pv.records
        monkeypatch.setattr(pv, "graph_sizes", whole_store)
        monkeypatch.setattr(pv, "records", lambda s, graph=None: everything(s, graph)
                            if graph else whole_store())
        monkeypatch.setattr(search, "refresh", whole_store)
        report = ingest(store, new)
        monkeypatch.undo()
        assert [s.status for s in report.stored] == ["new"]
        assert report.total_triples == store.triple_count()
        assert pv.check(store) == []
        after = _answers(store)
        assert after["plans"] != before["plans"] and set(before["plans"]) <= set(after["plans"])
        assert after["duties"] == before["duties"] and after["search"] == before["search"]
        assert plans(store) == {**stored, **{g: n for g, n in plans(store).items()
                                             if g not in stored}}
        index = search.index_for(store)
        assert [h.key for h in index.search("so noi vu ca mau", "body")] == ["ca-mau/so-noi-vu"]
        key = next(g for g in plans(store) if g not in stored).removeprefix(pv.GRAPH + "plan/")
        assert index.search("so noi vu", plan=key)  # its tasks
        # the index updated in place holds what a rebuild from the store holds
        index = search.index_path(store)
        assert index is not None
        in_place = _rows(index)
        search.refresh(store)
        assert _rows(index) == in_place


def test_a_plan_read_again_unchanged_rebuilds_no_index_and_probes_no_graph(
        tmp_path: Path, monkeypatch, capsys) -> None:
    """``cancu ingest`` of a plan the store holds unchanged changes nothing: the search index
    built from that state is kept (a rebuild reads every plan of the store), and the graphs
    its summary counts are the records' (not a look into each graph of the store)."""
    from graph_api.store import OxigraphStore

    plan = write(tmp_path / "plans" / "a.txt", plan_text(province="Tây Ninh", number="101"))
    store_dir = tmp_path / "store"
    with open_store(store_dir) as store:
        first = ingest(store, plan)
        assert first.graphs == len(store.graphs())
        index = search.index_path(store)
        assert index is not None
        rows = _rows(index)

    def whole_store(*_a, **_k):
        raise AssertionError("reading a plan again read the whole store")

    monkeypatch.setattr(search, "refresh", whole_store)
    monkeypatch.setattr(OxigraphStore, "graphs", whole_store)
    assert main(["ingest", str(plan), "--store", str(store_dir), "-q"]) == 0
    monkeypatch.undo()
    out = capsys.readouterr().out
    assert "1 unchanged" in out and f"triples in {first.graphs} graphs" in out
    assert _rows(index) == rows


def _rows(path: Path) -> list[tuple]:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return sorted(db.execute("SELECT kind, key, plan, title, bodies, text, basis FROM rows"))
    finally:
        db.close()


def test_a_graph_left_by_hand_is_found_by_validate_and_dropped_by_ingest_check(
        tmp_path: Path, capsys) -> None:
    first = write(tmp_path / "plans" / "a.txt", plan_text(province="Tây Ninh", number="101"))
    second = write(tmp_path / "plans" / "b.txt", plan_text(province="Phú Yên", number="102"))
    store_dir = tmp_path / "store"
    orphan = "https://cancu.dev/graph/plan/x/y"
    with open_store(store_dir) as store:
        ingest(store, first)
        store.update(f"INSERT DATA {{ GRAPH <{orphan}> {{ <urn:x> <urn:y> <urn:z> }} }}")
        # the last ingest finished: the next one trusts the records, and counts no graph
        ingest(store, second)
        assert [f.kind for f in pv.check(store)] == ["orphan"]
    assert main(["validate", "--store", str(store_dir)]) == 1
    assert "`cancu ingest --check` mends them" in capsys.readouterr().out
    assert main(["ingest", str(second), "--store", str(store_dir), "--check", "-q"]) == 0
    assert f"dropped {orphan}" in capsys.readouterr().out
    with open_store(store_dir) as store:
        assert pv.check(store) == [] and orphan not in store.graphs()


def test_the_index_is_rebuilt_plan_by_plan_with_the_rows_of_all_tasks_at_once() -> None:
    from graph_api.blueprints import data
    from tests.test_web_support import sample_store

    store = sample_store()
    whole = sorted(map(repr, search._task_rows(data.tasks(store))))
    by_plan = sorted(repr(r) for tasks in data.tasks_by_plan(store)
                     for r in search._task_rows(tasks))
    assert whole and by_plan == whole


def test_the_writer_flushes_the_store_as_it_goes(tmp_path: Path, monkeypatch) -> None:
    """An embedded store holds what was written in memory until flushed: an ingest flushes it
    every few hundred thousand triples, so its memory does not grow with the batch."""
    from graph_api import pipeline
    from graph_api.store import OxigraphStore

    flushed = []
    original = OxigraphStore.flush
    monkeypatch.setattr(OxigraphStore, "flush", lambda s: (flushed.append(1), original(s)))
    monkeypatch.setattr(pipeline, "FLUSH_TRIPLES", 1)
    files = [write(tmp_path / "plans" / f"plan-{i}.txt",
                   plan_text(province=p, number=str(100 + i))) for i, p in enumerate(PROVINCES)]
    with open_store(tmp_path / "store") as store:
        pipeline.ingest_paths(store, files, progress=False, workers=1, batch=1)
        assert len(flushed) >= len(files)
        assert pv.check(store) == []


def test_the_state_tag_read_from_csv_is_the_one_read_as_terms(tmp_path: Path) -> None:
    """An ingest reads the store's state tag twice (graph_api.state), a row per stored unit:
    from the engine's CSV on an embedded store. The same pairs, so the same tag, as terms
    give, before and after a plan is added (and the tag moves with it)."""
    from graph_api import state

    files = [write(tmp_path / "plans" / f"plan-{i}.txt",
                   plan_text(province=p, number=str(200 + i))) for i, p in enumerate(PROVINCES)]
    with open_store(tmp_path / "store") as store:
        ingest(store, *files[:2])
        first = state._csv_pairs(store)
        assert len(first) >= 2 and sorted(first) == sorted(state._pairs(store))
        before = state.state(store, ttl=0).tag
        ingest(store, files[2])
        assert sorted(state._csv_pairs(store)) == sorted(state._pairs(store))
        assert len(state._csv_pairs(store)) > len(first)
        assert state.state(store, ttl=0).tag != before
