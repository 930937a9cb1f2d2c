"""Crash safety: each plan is written whole with its record, the store says when an ingest was
cut short, ``cancu validate`` reports it (exit 1) and the next ingest mends it; an ingest killed
with SIGKILL at random moments leaves a store that is whole or says why it is not."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cancu.cli import main
from graph_api import provenance as pv
from graph_api.pipeline import ingest_paths
from graph_api.store import META_GRAPH, open_store
from tests.test_ingest_identity import plan_text, plans, write

pytestmark = pytest.mark.slow

PROVINCES = ["Tây Ninh", "Bình Định", "Phú Yên", "Lào Cai", "Cà Mau", "Sơn La", "Gia Lai",
             "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Kon Tum", "Đắk Lắk"]


def batch(folder: Path) -> Path:
    """Twelve invented plans of twelve provinces."""
    for i, province in enumerate(PROVINCES):
        write(folder / f"plan-{i:02d}.txt", plan_text(province=province, number=str(100 + i)))
    return folder


def test_validate_reports_each_problem_and_the_next_ingest_mends_them(tmp_path: Path,
                                                                      capsys) -> None:
    plans_dir = batch(tmp_path / "plans")
    store_dir = tmp_path / "store"
    files = sorted(plans_dir.glob("*.txt"))[:3]
    with open_store(store_dir) as store:
        ingest_paths(store, files, progress=False, workers=1)
        reference = plans(store)
        a, b, _ = sorted(reference)
        # a plan graph with triples its record does not count (a write cut short) ...
        store.update(f"INSERT DATA {{ GRAPH <{a}> {{ <urn:x> <urn:y> <urn:z> }} }}")
        # ... a graph nobody recorded, a closure made with another ontology ...
        store.update("INSERT DATA { GRAPH <https://cancu.dev/graph/plan/x/y> "
                     "{ <urn:x> <urn:y> <urn:z> } }")
        store.update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{b}> "
                     "<https://cancu.dev/meta#closure> ?c } }")
        # ... and the mark of an ingest whose process is gone
        store.update(pv.set_state("999999999@" + os.uname().nodename + " since 2026-01-01"))
        kinds = sorted(f.kind for f in pv.check(store))
    assert kinds == ["half-written", "interrupted", "orphan", "stale-closure"]
    assert main(["validate", "--store", str(store_dir)]) == 1
    out = capsys.readouterr().out
    assert "did not finish" in out and "half" not in out.split("store: half-written")[0]
    assert "its record says" in out and "has no record" in out and "never computed" in out
    assert "the store is not whole" in out
    with open_store(store_dir) as store:
        report = ingest_paths(store, [files[2]], progress=False, workers=1)  # any ingest
        assert report.mended and pv.check(store) == []
        assert plans(store) == reference
    assert main(["validate", "--store", str(store_dir)]) == 0


def _quads(store) -> list[str]:
    """The store's quads, blank nodes unlabelled (the ontology's lists get new labels)."""
    return sorted(re.sub(r"_:\w+", "_:b", q) for q in store.dump("nq").decode().splitlines())


def _cancu(*argv: str) -> subprocess.Popen:
    code = "import sys; from cancu.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, *argv], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _end(proc: subprocess.Popen) -> None:
    """Kill what is left of an ingest (its workers, its forkserver)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)


@pytest.mark.parametrize("bulk", [False, True], ids=["transactions", "bulk"])
def test_an_ingest_killed_at_random_points_leaves_a_store_that_is_whole_or_says_why(
        tmp_path: Path, capsys, bulk: bool) -> None:
    plans_dir = batch(tmp_path / "plans")
    args = [str(plans_dir), "--workers", "1", "--batch", "1", "--bulk" if bulk else "--no-bulk"]
    # a bulk load is not one transaction: a kill may leave graphs whose records were not yet
    # written (orphans), never a record whose graph is not whole
    allowed = {"interrupted", "orphan"} if bulk else {"interrupted"}
    ref_dir, store_dir = tmp_path / "reference", tmp_path / "store"
    t0 = time.monotonic()
    proc = _cancu("ingest", *args, "--store", str(ref_dir))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    took = time.monotonic() - t0
    # the ingest itself (after imports and the workers' start): where the kills should land
    wall = float(re.search(r"([\d.]+)s in all\]", out.decode()).group(1))
    with open_store(ref_dir) as store:
        reference = plans(store)
        ref_dump = _quads(store)
    assert len(reference) == len(PROVINCES)
    seed = int(os.environ.get("CANCU_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    moments = sorted(took - wall * rng.uniform(0.0, 1.0) for _ in range(4))
    seen = []
    for moment in moments:
        proc = _cancu("ingest", *args, "--store", str(store_dir))
        time.sleep(moment)
        proc.send_signal(signal.SIGKILL)  # the ingest itself, as `kill -9` would
        _end(proc)
        with open_store(store_dir) as store:
            findings = pv.check(store)
            kinds = {f.kind for f in findings}
            # a kill never leaves half a plan: only the mark of the ingest cut short
            assert kinds <= allowed, (seed, moment, findings)
            recorded = set(pv.records(store))
            stored = {g: n for g, n in plans(store).items() if g in recorded}
            assert all(reference[g] == n for g, n in stored.items()), (seed, moment)
        seen.append(len(stored))
        code = main(["validate", "--store", str(store_dir)])
        text = capsys.readouterr().out
        if kinds:
            assert code == 1 and "did not finish" in text, (seed, moment, text)
    proc = _cancu("ingest", *args, "--store", str(store_dir))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    with open_store(store_dir) as store:
        assert pv.check(store) == []
        assert plans(store) == reference
        assert _quads(store) == ref_dump  # the mended store is the one never killed
    assert main(["validate", "--store", str(store_dir)]) == 0
    print(f"kill seed {seed}: killed at {', '.join(f'{m:.2f}' for m in moments)} s of "
          f"{took:.1f} s (writing from {took - wall:.1f} s); plans found after each kill: {seen}")
