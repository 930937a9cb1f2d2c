"""Bounded inputs through the real ingest (issue 14, item 4): only regular files are read (a
named pipe, a device, a socket, a loop of links are reported by name, in a folder or named
alone, and nothing hangs), files over the size cap are reported unread, a plan past its time
budget is stopped without stalling the batch, and files of white space or double-encoded text
are refused, not stored."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from cancu.cli import main
from graph_api.pipeline import find_files, ingest_paths
from graph_api.store import open_store
from ingest.read import ReadError, read_bytes
from tests.plan_text import PLAN
from tests.test_ingest_identity import plan_text, plans, write

pytestmark = pytest.mark.slow


def _special_folder(folder: Path) -> Path:
    """A folder of one good plan and every kind of file that is not one."""
    write(folder / "plan.txt", PLAN)
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "null.txt").symlink_to("/dev/null")
    (folder / "up").symlink_to(folder)  # a link to a folder that holds it
    return folder


def _unblock(fifo: Path) -> None:
    """Open ``fifo`` for writing without blocking, releasing any reader stuck on it."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_special_files_in_a_folder_are_reported_by_name(tmp_path: Path) -> None:
    folder = _special_folder(tmp_path / "plans")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    try:
        files, problems = find_files([folder])
        reasons = {Path(p.source).name: p.reason for p in problems}
        assert [f.name for f in files] == ["plan.txt"]
        assert reasons == {
            "pipe.txt": "not read: a named pipe (FIFO)",
            "loop.txt": "not read: a loop of symbolic links",
            "gone.txt": "not read: a symbolic link to nothing",
            "null.txt": "not read: a device",
            "sock.txt": "not read: a socket",
            "up": "a link to a folder, not followed (name the folder itself to read it)",
        }
    finally:
        sock.close()


def test_a_fifo_named_alone_is_reported_and_nothing_hangs(tmp_path: Path) -> None:
    folder = _special_folder(tmp_path / "plans")
    fifo = folder / "pipe.txt"
    out: dict[str, object] = {}

    def run() -> None:
        store = open_store(None)
        out["report"] = ingest_paths(store, [fifo, folder / "loop.txt", folder / "plan.txt"],
                                     progress=False, workers=0)  # fmt: skip
        out["plans"] = plans(store)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(120)
    if worker.is_alive():
        _unblock(fifo)
        worker.join(10)
        pytest.fail("the ingest blocked on a named pipe")
    report = out["report"]
    failed = {Path(p.source).name: p.reason for p in report.failed}  # type: ignore[attr-defined]
    assert failed == {"pipe.txt": "not read: a named pipe (FIFO)",
                      "loop.txt": "not read: a loop of symbolic links"}
    assert len(out["plans"]) == 1  # type: ignore[arg-type]  # the good plan, stored


def test_the_reader_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match=r"pipe\.txt: not read: a named pipe"):
        read_bytes(fifo)  # `cancu extract pipe.txt` took this path and blocked
    with pytest.raises(ReadError, match="a device"):
        read_bytes(Path("/dev/zero"))  # which never ends


def test_files_over_the_size_cap_are_reported_unread(tmp_path: Path, capsys) -> None:
    big = write(tmp_path / "plans" / "big.txt", plan_text() + "\n" + "Nội dung. " * 300)
    small = write(tmp_path / "plans" / "small.txt", plan_text(province="Phú Yên", number="9"))
    assert small.stat().st_size < 4096 < big.stat().st_size
    store = open_store(None)
    report = ingest_paths(store, [tmp_path / "plans"], progress=False, workers=0,
                          max_bytes=4096)  # fmt: skip
    assert [Path(p.source).name for p in report.failed] == ["big.txt"]
    assert "more than the limit of 0.00390625 MB" in report.failed[0].reason
    assert len(report.stored) == 1
    code = main(["ingest", str(big), "--store", str(tmp_path / "store"), "--quiet",
                 "--max-size", "0.001", "--strict"])  # fmt: skip
    assert code == 1
    assert "big.txt: not read:" in capsys.readouterr().out


def test_a_plan_past_its_budget_is_stopped_without_stalling_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    items = "\n\n".join(f"{i}. Sở Tư pháp chủ trì rà soát theo Điều {i % 90 + 1} Luật Thanh "
                        f"tra năm 2022, báo cáo trước ngày 30/9/2025." for i in range(1, 40_001))
    write(folder / "a-huge.txt", plan_text().replace("II. NHIỆM VỤ", "II. NHIỆM VỤ\n\n" + items))
    for i, province in enumerate(["Phú Yên", "Lào Cai", "Cà Mau"]):
        write(folder / f"b-{i}.txt", plan_text(province=province, number=str(10 + i)))
    store = open_store(None)
    t0 = time.monotonic()
    report = ingest_paths(store, [folder], progress=False, workers=2, budget=8)
    took = time.monotonic() - t0
    assert [(Path(p.source).name, p.reason) for p in report.failed] == [
        ("a-huge.txt", "over its time budget of 8 s")]
    assert sorted(s.source for s in report.stored) == ["b-0.txt", "b-1.txt", "b-2.txt"]
    assert took < 120, took  # the huge plan alone costs minutes without its budget


def test_a_lone_plan_is_read_in_this_process_within_its_budget(tmp_path: Path,
                                                               monkeypatch) -> None:
    """One plan starts no pool (its workers' start, imports and patterns would cost more than
    the plan): it is prepared in this process, and a plan past its budget is stopped there."""
    import graph_api.pipeline as pipeline

    seen: list[int] = []
    prepare = pipeline.prepare

    def spy(job: pipeline.Job) -> pipeline.Prepared:
        seen.append(os.getpid())
        return prepare(job)

    monkeypatch.setattr(pipeline, "prepare", spy)
    store = open_store(None)
    plan = write(tmp_path / "plan.txt", plan_text(province="Phú Yên", number="9"))
    report = ingest_paths(store, [plan], progress=False)
    assert seen == [os.getpid()] and [s.status for s in report.stored] == ["new"]
    items = "\n\n".join(f"{i}. Sở Tư pháp chủ trì rà soát theo Điều {i % 90 + 1} Luật Thanh "
                         f"tra năm 2022, báo cáo trước ngày 30/9/2025." for i in range(1, 40_001))
    huge = write(tmp_path / "huge.txt",
                 plan_text().replace("II. NHIỆM VỤ", "II. NHIỆM VỤ\n\n" + items))
    t0 = time.monotonic()
    report = ingest_paths(store, [huge], progress=False, budget=8)
    assert [p.reason for p in report.failed] == ["over its time budget of 8 s"]
    assert time.monotonic() - t0 < 60  # the huge plan alone costs minutes without its budget


@pytest.mark.parametrize(("name", "data", "why"), [
    ("blank.txt", " \n\t\n\u3000 \r\n".encode(), "white space"),
    ("mojibake.txt", PLAN.encode("utf-8").decode("latin-1").encode("utf-8"), "double-encoded"),
], ids=["white space", "mojibake"])
def test_blank_and_garbled_files_are_refused_not_stored(tmp_path: Path, name: str, data: bytes,
                                                        why: str) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / name).write_bytes(data)
    write(folder / "plan.txt", PLAN)
    store = open_store(None)
    report = ingest_paths(store, [folder], progress=False, workers=0)
    assert [Path(p.source).name for p in report.failed] == [name]
    assert why in report.failed[0].reason
    assert [s.source for s in report.stored] == ["plan.txt"]
