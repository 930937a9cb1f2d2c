"""Queries that stop: a pool of worker processes, each killed at its query's deadline.

pyoxigraph offers no way to cancel a running query, and a thread that stops waiting leaves the
query running (the issue measured 20 threads and 676 MB left behind by eight cross joins). So
the service runs queries in :mod:`graph_api.query_worker` processes opened read-only on an
immutable snapshot of the store (:mod:`graph_api.snapshots`): at the deadline the worker is
killed — the query stops, its memory is given back — and a fresh one takes its place.

Deadlines: each query has its own limit of running time, and a request as a whole has one too
(``deadline``, set per request by the app), so a page that runs several named queries stops in
time as well. A request that finds every worker busy waits for one until its deadline, then
gets :class:`PoolBusy` (503 with Retry-After).
"""

from __future__ import annotations

import contextvars
import os
import pickle
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph_api.query_worker import read_message, write_message
from graph_api.store import QueryError, QueryTimeout, StoreError

# the deadline (time.monotonic()) of the request being served in this context, if any
deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


class PoolBusy(StoreError):
    """Every worker stayed busy until the request's deadline."""


class QueryTooCostly(QueryError):
    """A query ran past its time limit or its memory cap, and was stopped."""


class _Worker:
    """One worker process and its two pipes."""

    def __init__(self, snapshot: Path, megabytes: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "graph_api.query_worker", str(snapshot), str(megabytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True,
            cwd=Path(__file__).resolve().parents[1],
        )  # fmt: skip
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.wfd, self.rfd = self.proc.stdin.fileno(), self.proc.stdout.fileno()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        reply = self._receive(timeout)
        if reply is None or reply[0] != "ready":
            self.kill()
            detail = reply[2] if reply and reply[0] == "error" else "it did not start"
            raise StoreError(f"a query worker could not open the store: {detail}")
        self.ready = True

    def ask(self, request: dict[str, Any], timeout: float) -> tuple[Any, ...] | None:
        """The worker's reply; None when the deadline passed, ``("died",)`` when the worker
        ended first (its memory cap: the allocator aborts it)."""
        if not self.send(request):
            return ("died",)
        return self._receive(timeout)

    def send(self, request: dict[str, Any]) -> bool:
        try:
            write_message(self.wfd, request)
        except OSError:
            return False
        return True

    def _receive(self, timeout: float) -> tuple[Any, ...] | None:
        ready, _, _ = select.select([self.rfd], [], [], max(timeout, 0))
        if not ready:
            return None
        try:
            reply = read_message(self.rfd)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            reply = None
        return ("died",) if reply is None else reply  # type: ignore[no-any-return]

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()

    def close(self) -> None:
        """Let an idle worker end by itself (end of its input), killing it if it lingers."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class QueryPool:
    """``size`` workers over one snapshot; :meth:`run` answers a request within a time limit."""

    def __init__(self, snapshot: Path, size: int = 2, megabytes: int = 2048,
                 name: str = "query", busy_after: float = 0.0) -> None:  # fmt: skip
        self.snapshot, self.size, self.megabytes = snapshot, max(size, 1), megabytes
        self.name = name
        # a query that has run this long is stopped as soon as another waits for a worker
        # (0: never; each keeps its whole limit)
        self.busy_after = busy_after
        self._waiting = 0  # requests waiting for a worker
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()  # idle and busy
        self._cond = threading.Condition()
        self._closed = False
        self.killed = 0  # workers ended at a deadline (figures for tests and the soak script)
        for _ in range(self.size):
            self._idle.append(self._ready(self._spawn()))

    def _spawn(self) -> _Worker:
        """A new worker process, counted at once (so no two threads replace the same one)."""
        worker = _Worker(self.snapshot, self.megabytes)
        with self._cond:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> _Worker:
        try:
            worker.wait_ready(30)
        except StoreError:
            self._forget(worker)
            raise
        return worker

    def _replace(self) -> None:
        """Start a successor for a killed worker in the background: the next query finds it
        ready instead of waiting for its start."""
        with self._cond:
            if self._closed or len(self._all) >= self.size:
                return
        worker = self._spawn()

        def ready() -> None:
            try:
                self._ready(worker)
            except StoreError:
                return
            with self._cond:
                if self._closed:
                    self._all.discard(worker)
                else:
                    self._idle.append(worker)
                    self._cond.notify()
                    return
            worker.close()

        threading.Thread(target=ready, daemon=True, name=f"cancu-{self.name}-start").start()

    def _forget(self, worker: _Worker) -> None:
        with self._cond:
            self._all.discard(worker)
            self._cond.notify()

    @contextmanager
    def _checkout(self, until: float) -> Iterator[list[_Worker | None]]:
        worker: _Worker | None = None
        with self._cond:
            while True:
                if self._closed:
                    raise StoreError("the store was replaced by a newer snapshot; try again")
                if self._idle:
                    worker = self._idle.pop()
                    break
                if len(self._all) < self.size:  # a successor failed to start: try here
                    worker = _Worker(self.snapshot, self.megabytes)
                    self._all.add(worker)
                    break
                left = until - time.monotonic()
                if left <= 0:
                    raise PoolBusy(f"every {self.name} worker is busy; try again shortly")
                self._waiting += 1
                try:
                    self._cond.wait(left)
                finally:
                    self._waiting -= 1
        if not worker.ready:
            self._ready(worker)
        slot: list[_Worker | None] = [worker]
        try:
            yield slot
        finally:
            done = slot[0]  # None when it was killed
            with self._cond:
                if done is not None and self._closed:
                    self._all.discard(done)
                elif done is not None:
                    self._idle.append(done)
                    done = None
                self._cond.notify()
            if done is not None:
                done.close()

    def run(self, request: dict[str, Any], timeout: float, until: float | None = None
            ) -> tuple[Any, ...]:  # fmt: skip
        """The worker's reply to ``request``, run for at most ``timeout`` s once a worker is
        free, and never past ``until`` (a ``time.monotonic()``: the request's deadline; waits
        for a worker until then, or ``timeout`` s when there is none); :class:`QueryTimeout`
        or :class:`QueryTooCostly` when it was stopped."""
        end = time.monotonic() + timeout if until is None else until
        with self._checkout(end) as slot:
            worker = slot[0]
            assert worker is not None
            if until is not None:
                timeout = min(timeout, until - time.monotonic())
            started = time.monotonic()
            reply, yielded = self._await(worker, request, timeout)
            if reply is None or reply == ("died",):  # past the deadline, or it died first
                died = reply is not None
                worker.kill()
                self._forget(worker)
                slot[0] = None
                self.killed += 1
                self._replace()
                if died:
                    raise QueryTooCostly(f"the query needed more memory than a query may use "
                                         f"({self.megabytes} MB) and was stopped")  # fmt: skip
                if yielded:
                    raise QueryTimeout(
                        f"the query ran {time.monotonic() - started:.1f} s while other queries "
                        f"waited for a worker, past the limit of a busy {self.name} endpoint "
                        f"({self.busy_after:g} s), and was stopped; try again later")
                raise QueryTimeout(f"the query ran longer than its limit of {timeout:g} s "
                                   "and was stopped")  # fmt: skip
        return reply

    def _await(self, worker: _Worker, request: dict[str, Any], timeout: float
               ) -> tuple[tuple[Any, ...] | None, bool]:  # fmt: skip
        """The worker's reply within ``timeout`` (None past it), and whether it was cut short
        because others waited: past :attr:`busy_after` a query gives its worker up as soon as
        a request waits for one, so a few costly queries cannot hold every worker for their
        whole limit while the small ones queue behind them (a soak with cross joins among its
        requests measured that)."""
        if not 0 < self.busy_after < timeout:
            return worker.ask(request, timeout), False
        if not worker.send(request):
            return ("died",), False
        start = time.monotonic()
        reply = worker._receive(self.busy_after)
        while reply is None:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                return None, False
            if self._waiting:
                return None, True
            reply = worker._receive(min(0.1, left))
        return reply, False

    def pids(self) -> list[int]:
        """Process ids of the workers (for memory figures)."""
        with self._cond:
            return [w.proc.pid for w in self._all]

    def close(self) -> None:
        """End the idle workers now and the busy ones when their query returns."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._all.difference_update(idle)
            self._cond.notify_all()
        for worker in idle:
            worker.close()


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of processes (Linux /proc; 0 where it cannot be read)."""
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue
    return total
