"""``cancu ingest <one plan> --store S`` as a git ref's code runs it against this tree's, in
turns: the command's wall time and the CPU seconds of it and every process it starts (its
workers and their forkserver), with the load average beside each line (issue 13: adding one
plan to a store of 10,000 under 2 s)::

    .venv/bin/python bench/add_one_bench.py var/bench-scale/store-1000 --before main \\
        [--rounds 3] [--workers N]
    .venv/bin/python bench/add_one_bench.py var/bench-scale/store-1000 --watch

With ``--watch`` the command is timed against a process that keeps running (``cancu ingest
--watch``), the plan written into its folder: the time from the write to its summary line.

Each turn adds a plan the store does not hold yet (``bench/plangen.py``, numbered after the
store's own, kept in ``<store>-extra/``), so every turn does the work of a new plan. CPU is
counted by making this script the subreaper of what the command starts, and reaping it all
before reading ``RUSAGE_CHILDREN``: a forkserver and its workers outlive the command by a
moment, and their CPU is the command's all the same. The stages are the ingest's own figures
(its summary line).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import plangen  # noqa: E402
from bench.trees import short_ref, tree_of  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36
# the command of a code tree: its own packages first on the path (an editable install of this
# tree's finds the others)
COMMAND = "import sys; sys.path.insert(0, sys.argv.pop(1)); from cancu.cli import main; " \
          "sys.exit(main())"


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def children() -> set[int]:
    import psutil

    return {p.pid for p in psutil.Process().children()}


def reap(before: set[int], timeout: float = 30.0) -> None:
    """Wait for every process the command left behind (reparented to this subreaper), not
    for the children this process had before it."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and (left := children() - before):
        for pid in left:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        time.sleep(0.02)


def timed(tree: Path, plan: Path, store: Path, workers: int | None) -> dict[str, Any]:
    """``cancu ingest <plan> --store <store>`` of the code in ``tree``: its wall time, the CPU
    seconds of it and of all it started, its stages (its summary line), the load after."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    cmd = [sys.executable, "-c", COMMAND, str(tree), "ingest", str(plan), "--store", str(store),
           "-q"] + ([] if workers is None else ["--workers", str(workers)])
    before = children()
    cpu0, t0 = children_cpu(), time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    reap(before)
    stages = re.search(r"\[(.*)\]", out.stdout.strip().splitlines()[-1] if out.stdout else "")
    return {"wall": wall, "cpu": children_cpu() - cpu0, "ok": out.returncode == 0,
            "stages": stages.group(1) if stages else out.stderr.strip()[-200:],
            "load": os.getloadavg()[0]}


class Watcher:
    """This tree's ``cancu ingest <folder> --store <store> --watch``, started once; each plan
    written into its folder is timed from the write to the summary line of its ingest (what a
    person saving a plan waits: two looks to see it stand still, then its ingest)."""

    LOOK = 0.2  # seconds between two looks

    def __init__(self, store: Path, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, "-c", COMMAND, str(ROOT), "ingest", str(folder), "--store",
             str(store), "--watch", str(self.LOOK), "-q"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self._until("watching")

    def _until(self, words: str) -> str:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            if words in line:
                return line
        raise RuntimeError(f"the watcher ended before {words!r}")

    def timed(self, plan: Path) -> dict[str, Any]:
        cpu0 = _cpu(self.proc.pid)
        t0 = time.perf_counter()
        os.replace(plan, self.folder / plan.name)  # saved whole, as a program's save does
        line = self._until("triples in")
        wall = time.perf_counter() - t0
        stages = re.search(r"\[(.*)\]", line)
        return {"wall": wall, "cpu": _cpu(self.proc.pid) - cpu0, "ok": True,
                "stages": stages.group(1) if stages else line.strip(),
                "load": os.getloadavg()[0]}

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


def _cpu(pid: int) -> float:
    """CPU seconds of a running process and of the children it has reaped."""
    import psutil

    t = psutil.Process(pid).cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--before", default="main", help="git ref of the code before (main)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None, help="--workers of the command")
    ap.add_argument("--watch", action="store_true",
                    help="time this tree's command against this tree's watching process "
                         "(`cancu ingest --watch`) instead of --before against this tree")
    ap.add_argument("--start", type=int, default=None,
                    help="number of the first plan added (default: past the store's own and "
                         "those added before)")
    a = ap.parse_args()
    before = tree_of(a.before)
    ref, here = short_ref(a.before), short_ref("HEAD")
    extra = a.store.with_name(a.store.name + "-extra")
    held = len(list(extra.rglob("*.txt"))) if extra.exists() else 0
    size = int(m.group(1)) if (m := re.search(r"(\d+)$", a.store.name)) else 100_000
    nxt = a.start if a.start is not None else size + held
    sides = [(f"before ({a.before} {ref})", before), (f"after (this tree, HEAD {here})", ROOT)]
    watcher = None
    if a.watch:  # the watched folder's plans are ingested there, so kept beside the others
        watcher = Watcher(a.store, extra / "watched")
        sides = [(f"command (HEAD {here})", ROOT), (f"watching process (HEAD {here})", None)]
    print(f"cancu ingest <one plan> --store {a.store} · {a.rounds} rounds"
          + (f" · --workers {a.workers}" if a.workers is not None else ""))
    print(f"{'code':<32} {'wall s':>7} {'CPU s':>7}  load  stages")
    try:
        for _ in range(a.rounds):
            for name, tree in sides:
                (plan,) = plangen.write(1, extra, start=nxt)
                nxt += 1
                r = watcher.timed(plan) if tree is None and watcher else \
                    timed(tree, plan, a.store, a.workers)
                print(f"{name:<32} {r['wall']:7.2f} {r['cpu']:7.2f}  {r['load']:4.1f}  "
                      f"{'' if r['ok'] else 'FAILED '}{r['stages']}", flush=True)
    finally:
        if watcher:
            watcher.close()
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
