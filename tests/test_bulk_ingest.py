"""A large ingest writes through the store's bulk loader: the store it makes is the one the
transactional writer makes, and a bulk load cut short (before its records) leaves graphs with
no record, which the next ingest finds, drops and writes again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_api import provenance as pv
from graph_api.pipeline import ingest_paths
from graph_api.store import META_GRAPH, OxigraphStore, StoreError, open_store
from tests.test_ingest_identity import plan_text, plans, write

PROVINCES = ["Tây Ninh", "Bình Định", "Phú Yên", "Lào Cai"]


def _plans(folder: Path) -> list[Path]:
    for i, province in enumerate(PROVINCES):
        write(folder / f"plan-{i}.txt", plan_text(province=province, number=str(200 + i)))
    return sorted(folder.glob("*.txt"))


def _quads(store) -> list[str]:
    """The store's quads, blank nodes unlabelled (the ontology's lists get new labels)."""
    return sorted(re.sub(r"_:\w+", "_:b", q) for q in store.dump("nq").decode().splitlines())


def test_the_bulk_loader_writes_the_store_the_transactions_write(tmp_path: Path,
                                                                 monkeypatch) -> None:
    files = _plans(tmp_path / "plans")
    bulk_calls = []
    real = OxigraphStore.bulk_insert
    monkeypatch.setattr(OxigraphStore, "bulk_insert",
                        lambda self, inserts: (bulk_calls.append(len(inserts)),
                                               real(self, inserts))[1])
    with open_store(tmp_path / "tx") as store:
        ingest_paths(store, files, progress=False, workers=0, bulk=False)
        reference = _quads(store)
    assert bulk_calls == []
    with open_store(tmp_path / "bulk") as store:
        report = ingest_paths(store, files, progress=False, workers=0, bulk=True, batch=1)
        assert _quads(store) == reference
        assert pv.check(store) == []
        assert "compact" in report.seconds
    assert len(bulk_calls) == len(files)  # batch=1: one bulk load per plan


def test_a_bulk_load_cut_short_before_its_records_is_mended_by_the_next_ingest(
        tmp_path: Path, monkeypatch) -> None:
    files = _plans(tmp_path / "plans")
    with open_store(tmp_path / "reference") as store:
        ingest_paths(store, files, progress=False, workers=0, bulk=True)
        reference, ref_quads = plans(store), _quads(store)
    real_apply = OxigraphStore.apply

    def records_fail(self, change) -> None:  # the process dies as the records are written
        if META_GRAPH in change.inserts:
            raise StoreError("disk full")
        real_apply(self, change)

    store_dir = tmp_path / "store"
    with open_store(store_dir) as store, monkeypatch.context() as m:
        m.setattr(OxigraphStore, "apply", records_fail)
        with pytest.raises(StoreError):
            ingest_paths(store, files, progress=False, workers=0, bulk=True)
    with open_store(store_dir) as store:
        kinds = {f.kind for f in pv.check(store)}
        assert kinds == {"interrupted", "orphan"}  # data without records, never the reverse
        assert not pv.records(store) and set(plans(store)) == set(reference)
        report = ingest_paths(store, files[:1], progress=False, workers=0)  # any ingest
        assert report.mended and pv.check(store) == []
        ingest_paths(store, files, progress=False, workers=0, bulk=True)
        assert plans(store) == reference
        assert _quads(store) == ref_quads
