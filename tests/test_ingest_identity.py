"""Plans through the real ingest, known by what they are: one plan in two folders is one plan,
two plans with one file name are two, two provinces' 577/KH-UBND are two, a new version replaces
the old, ``cancu remove`` takes a plan away with all that was inferred from it, and a store of an
older version is rebuilt with a clear message. The plans are invented (tests/plan_text.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cancu.cli import main
from graph_api import provenance as pv
from graph_api.pipeline import ingest_paths
from graph_api.store import META_GRAPH, Store, open_store
from tests.plan_text import PLAN

pytestmark = pytest.mark.slow

TASKS = "https://cancu.dev/ontology#Task"


def plan_text(province: str = "Bình Định", number: str = "577", date: str = "02 tháng 5 năm 2024",
              drop_task: bool = False) -> str:
    """The invented plan, issued by another province, numbered and dated as asked."""
    text = PLAN.replace("TỈNH BÌNH ĐỊNH", f"TỈNH {province.upper()}")
    text = text.replace("Bình Định, ngày tháng 5 năm 2025", f"{province}, ngày {date}")
    text = text.replace("Số: /KH-UBND", f"Số: {number}/KH-UBND" if number else "Số: /KH-UBND")
    if drop_task:  # the new version has one task fewer
        task = "- Phối hợp Sở Nội vụ kiểm tra việc chuyển đổi vị trí công tác.\n\n"
        text = text.replace(task, "")
    return text


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ingest(store: Store, *paths: Path):
    report = ingest_paths(store, list(paths), progress=False, workers=1)
    assert not report.failed and not report.refused, (report.failed, report.refused)
    return report


def plans(store: Store) -> dict[str, int]:
    """Plan graph -> its number of tasks."""
    res = store.query(
        f"SELECT ?g (COUNT(?t) AS ?n) WHERE {{ GRAPH ?g {{ ?t a <{TASKS}> }} }} GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in res.rows}  # type: ignore[union-attr]


def test_one_plan_read_from_two_folders_is_one_plan(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "plan.txt", plan_text())
    b = write(tmp_path / "b" / "ke-hoach-577.txt", plan_text())
    store = open_store(None)
    report = ingest(store, tmp_path / "a", tmp_path / "b")
    assert len(report.stored) == 1 and report.duplicates == [("ke-hoach-577.txt", "plan.txt")]
    assert list(plans(store)) == ["https://cancu.dev/graph/plan/binh-dinh/uy-ban-nhan-dan-tinh/"
                                  "577-kh-ubnd-2024"]
    (rec,) = [r for r in pv.records(store).values() if r.kind == "plan"]
    assert sorted(rec.paths) == sorted([a.resolve(), b.resolve()])  # both files hold it
    again = ingest(store, b)
    assert [s.status for s in again.stored] == ["unchanged"] and len(plans(store)) == 1


def test_two_plans_with_one_file_name_are_two(tmp_path: Path) -> None:
    write(tmp_path / "a" / "plan.txt", plan_text(number="12"))
    write(tmp_path / "b" / "plan.txt", plan_text(number=""))  # no number: its content decides
    write(tmp_path / "b" / "plan.md", plan_text(number="", province="Phú Yên"))
    store = open_store(None)
    report = ingest(store, tmp_path / "a", tmp_path / "b")
    assert [s.status for s in report.stored] == ["new", "new", "new"]
    found = plans(store)
    assert len(found) == 3 and set(found.values()) == {6}
    assert not report.duplicates and not report.warnings


def test_two_provinces_577_kh_ubnd_of_2024_are_two(tmp_path: Path) -> None:
    write(tmp_path / "tay-ninh" / "577.txt", plan_text(province="Tây Ninh"))
    write(tmp_path / "binh-dinh" / "577.txt", plan_text(province="Bình Định",
                                                        date="15 tháng 8 năm 2024"))
    store = open_store(None)
    ingest(store, tmp_path)
    assert plans(store) == {
        "https://cancu.dev/graph/plan/binh-dinh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024": 6,
        "https://cancu.dev/graph/plan/tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024": 6}
    bodies = store.query("SELECT DISTINCT ?b WHERE { ?a <https://cancu.dev/ontology#body> ?b }")
    ids = {r["b"].removeprefix("https://cancu.dev/id/body/").split("/")[0]
           for r in bodies.rows}  # type: ignore[union-attr]
    assert ids == {"tay-ninh", "binh-dinh"}  # each plan's bodies in its own province


def test_a_new_version_replaces_the_old_one(tmp_path: Path) -> None:
    write(tmp_path / "old" / "kh-577.txt", plan_text())
    store = open_store(None)
    ingest(store, tmp_path / "old")
    (graph,) = plans(store)
    old_triples = store.triple_count(graph)
    # the corrected copy arrives under another name, in another folder
    new = write(tmp_path / "new" / "kh-577-sua-doi.txt", plan_text(drop_task=True))
    report = ingest(store, new)
    assert [s.status for s in report.stored] == ["updated"]
    assert plans(store) == {graph: 5}  # the new version's tasks, not 6 + 5
    fresh = open_store(None)
    ingest(fresh, new)
    assert store.triple_count(graph) == fresh.triple_count(graph) < old_triples
    # its closure too is the new version's (what of it is stored: ontology.reasoning.stored)
    assert store.triple_count(pv.inferred_graph(graph)) == fresh.triple_count(
        pv.inferred_graph(graph))


def test_an_unnumbered_plan_edited_in_place_replaces_its_old_version(tmp_path: Path) -> None:
    path = write(tmp_path / "du-thao.txt", plan_text(number=""))
    store = open_store(None)
    ingest(store, path)
    (old,) = plans(store)
    write(path, plan_text(number="", drop_task=True))  # its digest, so its key, changes
    report = ingest(store, path)
    (new,) = plans(store)
    assert new != old and report.removed == [old] and plans(store) == {new: 5}
    assert store.triple_count(pv.inferred_graph(old)) == 0
    assert old not in pv.records(store)


def test_cancu_remove_deletes_a_plan_with_everything_inferred_from_it(tmp_path: Path,
                                                                      capsys) -> None:
    write(tmp_path / "tay-ninh.txt", plan_text(province="Tây Ninh"))
    write(tmp_path / "binh-dinh.txt", plan_text())
    store_dir = tmp_path / "store"
    with open_store(store_dir) as store:
        ingest(store, tmp_path / "tay-ninh.txt", tmp_path / "binh-dinh.txt")
        before = plans(store)
    key = "tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024"
    assert main(["remove", key, "--store", str(store_dir)]) == 0
    assert "removed tay-ninh.txt" in capsys.readouterr().out
    with open_store(store_dir) as store:
        assert set(plans(store)) == set(before) - {f"https://cancu.dev/graph/plan/{key}"}
        # nothing anywhere (inferred graphs, shared inferences, records) names its nodes
        mentions = store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER(CONTAINS(STR(?s), ?k) || CONTAINS(STR(?o), ?k) || CONTAINS(STR(?g), ?k)) }",
            {"k": key})
        assert mentions.rows == [{"n": 0}]  # type: ignore[union-attr]
        assert pv.check(store) == []
    assert main(["remove", "no/such/plan", "--store", str(store_dir)]) == 1
    assert "no stored plan" in capsys.readouterr().err


def test_a_store_of_an_older_version_is_rebuilt_with_a_message(tmp_path: Path) -> None:
    """Before plans had an identity, graphs were named by file stem, with one store-wide
    closure and records without a format: such a store is read again from its files."""
    plan = write(tmp_path / "plans" / "kh.txt", plan_text())
    store = open_store(None)
    old_graph = "https://cancu.dev/graph/plan/kh"
    store.update(f"""INSERT DATA {{
      GRAPH <{old_graph}> {{ <https://cancu.dev/id/task/kh/1> a <{TASKS}> }}
      GRAPH <https://cancu.dev/graph/inferred> {{ <https://cancu.dev/id/task/kh/1> a
        <https://cancu.dev/ontology#Obligation> }}
      GRAPH <{META_GRAPH}> {{ <{old_graph}> <https://cancu.dev/meta#source> "kh.txt" ;
        <https://cancu.dev/meta#sha256> "0" ; <https://cancu.dev/meta#kind> "plan" ;
        <http://www.w3.org/ns/prov#wasDerivedFrom> <{plan.resolve().as_uri()}> }} }}""")
    assert {f.kind for f in pv.check(store)} >= {"old-format", "stale-closure"}
    other = write(tmp_path / "more" / "tay-ninh.txt", plan_text(province="Tây Ninh"))
    report = ingest(store, other)  # any ingest upgrades the store, reading kh.txt again
    assert any(m.startswith("upgraded the store") for m in report.mended)
    assert sorted(s.source for s in report.stored) == ["kh.txt", "tay-ninh.txt"]
    assert old_graph not in store.graphs() and "https://cancu.dev/graph/inferred" not in \
        store.graphs()
    assert len(plans(store)) == 2 and pv.state(store).format == pv.FORMAT
    assert pv.check(store) == []
