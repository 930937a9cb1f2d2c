"""`cancu ingest --watch`: a plan saved into a watched folder is in the graph seconds later,
read once it has stood still, never half-written; a file that goes away is reported, not
deleted from the graph; the store is free between two looks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cancu.watch import Watch
from graph_api.store import open_store
from tests.test_ingest_identity import plan_text, plans, write

ROOT = Path(__file__).resolve().parents[1]


def test_a_new_file_is_ready_once_it_has_stood_still_for_one_look(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "kế hoạch a")
    watch = Watch([tmp_path])
    watch.start()
    assert watch.poll() == ([], [])
    new = write(tmp_path / "sub" / "b.txt", "kế hoạch b")
    assert watch.poll() == ([], [])  # seen once: it may still be being written
    assert watch.poll() == ([new], [])
    assert watch.poll() == ([], [])  # ingested: not again until it changes


def test_a_file_still_growing_waits_and_a_changed_one_is_read_again(tmp_path: Path) -> None:
    plan = write(tmp_path / "a.txt", "kế hoạch")
    watch = Watch([tmp_path])
    watch.start()
    for i in range(3):  # written to at every look
        with plan.open("a", encoding="utf-8") as f:
            f.write(f" thêm {i}")
        assert watch.poll() == ([], [])
    assert watch.poll() == ([plan], [])
    os.utime(plan, ns=(time.time_ns(), time.time_ns() + 10**9))  # saved again, same size
    assert watch.poll() == ([], [])
    assert watch.poll() == ([plan], [])


def test_owner_files_and_hidden_files_are_no_plans(tmp_path: Path) -> None:
    watch = Watch([tmp_path])
    watch.start()
    write(tmp_path / "~$ke-hoach.docx", "owner")  # Word's, while ke-hoach.docx is open
    write(tmp_path / ".ke-hoach.txt.swp", "editor")
    real = write(tmp_path / "ke-hoach.txt", "kế hoạch")
    watch.poll()
    assert watch.poll() == ([real], [])


def test_a_file_gone_is_reported_once_and_a_held_store_means_a_retry(tmp_path: Path) -> None:
    plan = write(tmp_path / "a.txt", "kế hoạch")
    watch = Watch([tmp_path])
    watch.start()
    plan.unlink()
    assert watch.poll() == ([], [plan])
    assert watch.poll() == ([], [])
    again = write(tmp_path / "b.txt", "kế hoạch")
    watch.poll()
    assert watch.poll() == ([again], [])
    watch.retry([again])  # the ingest could not open the store
    assert watch.poll() == ([again], [])


def _wait_for(out: list[str], proc: subprocess.Popen, words: str, timeout: float = 60) -> None:
    """Read the watcher's output until a line holds ``words``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            break
        out.append(line)
        if words in line:
            return
    pytest.fail(f"no {words!r} in the watcher's output:\n{''.join(out)}")


@pytest.mark.slow
def test_a_plan_saved_into_a_watched_folder_is_ingested_and_the_store_is_free_between(
        tmp_path: Path) -> None:
    folder, store_dir = tmp_path / "plans", tmp_path / "store"
    write(folder / "plan-1.txt", plan_text(province="Tây Ninh", number="101"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cancu.cli", "ingest", str(folder), "--store", str(store_dir),
         "--watch", "0.2", "-q"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    out: list[str] = []
    try:
        _wait_for(out, proc, "watching")
        # between two looks the watcher holds no lock: another process opens the store
        with open_store(store_dir) as store:
            assert len(plans(store)) == 1
        write(folder / "plan-2.txt", plan_text(province="Cà Mau", number="202"))
        _wait_for(out, proc, "stored 1 plan")
        (folder / "plan-1.txt").unlink()
        _wait_for(out, proc, "no longer there")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    with open_store(store_dir) as store:
        assert len(plans(store)) == 2  # the plan whose file went stays
    assert any("plan-2.txt" in line for line in out)


def test_watch_takes_a_positive_number_of_seconds(tmp_path: Path, capsys) -> None:
    from cancu.cli import main

    assert main(["ingest", str(tmp_path), "--store", ":memory:", "--watch", "0"]) == 2
    assert "--watch takes a number of seconds above 0" in capsys.readouterr().err
