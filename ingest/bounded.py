"""Run a job over many items in worker processes: in order, a few at a time, each within a time
budget, so that a batch streams (nothing waits in memory but the items in flight) and one file
never stalls it.

:func:`run_bounded` is a small pool written for this rather than ``concurrent.futures`` or
``multiprocessing.Pool``: those read their whole input ahead (the batch in memory) and cannot stop
one task at its deadline (killing a worker breaks the whole pool). Here a worker past its budget
is killed, its item reported ("over its time budget of 60 s") and a fresh worker started; a worker
that dies (out of memory, a crash in a C library) costs only its item.

Workers come from a *forkserver* that imported ``preload`` once: each starts warm, and none
inherits the parent's open files (an open store, a lock). ``workers=0`` runs the job in the
calling process (a handful of items, tests, a debugger), each item within its budget where a
timer signal can stop it (the main thread on Unix: it stops at the job's next Python
instruction, not inside a C call).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(slots=True)
class Outcome(Generic[T, R]):
    """What became of one item: its result, or why there is none."""

    item: T
    result: R | None
    error: str | None = None  # "over its time budget of 60 s", "ValueError: ...", "worker died"
    seconds: float = 0.0


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _serve(conn: Connection, fn: Callable[[Any], Any], initializer: Callable[[], None] | None
           ) -> None:
    """A worker: run ``fn`` on each item received until told to stop or the parent is gone."""
    if initializer is not None:
        initializer()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent died or closed us
            return
        if message is None:
            return
        index, item = message
        t0 = time.perf_counter()
        try:
            reply = (index, fn(item), None, time.perf_counter() - t0)
        except Exception as exc:  # reported for this item; the worker goes on
            reply = (index, None, f"{type(exc).__name__}: {exc}", time.perf_counter() - t0)
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # the result cannot be sent (not picklable)
            conn.send((index, None, f"cannot send the result back: {exc}", reply[3]))


class _Worker:
    def __init__(self, ctx: Any, fn: Callable, initializer: Callable | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, initializer), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[int, float, float] | None = None  # index, started, deadline

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        with suppress(OSError):
            self.conn.send(None)
        self.proc.join(5)
        if self.proc.is_alive():
            self.kill()
        self.conn.close()


def _context(preload: Sequence[str]) -> Any:
    """A forkserver; plain fork where the main module cannot be imported again by path (a
    script read from stdin), as forkserver and spawn workers would try to."""
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    if main is not None and not os.path.isfile(main):
        return mp.get_context("fork")
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(preload))
    return ctx


def run_bounded(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    budget: float | None = None,
    initializer: Callable[[], None] | None = None,
    preload: Sequence[str] = (),
    window: int | None = None,
) -> Iterator[Outcome[T, R]]:
    """``fn`` over ``items`` in ``workers`` processes; outcomes in the order of the items.

    ``items`` is read lazily: at most ``window`` (default 2 x workers) are taken but not yet
    yielded. ``fn`` and the items must be picklable (``fn`` a module-level function).
    """
    n = default_workers() if workers is None else workers
    if n <= 0:
        yield from _inline(fn, items, initializer, budget)
        return
    ctx = _context(preload)
    limit = window or 2 * n
    source = iter(items)
    exhausted = False
    taken: dict[int, T] = {}
    done: dict[int, Outcome[T, R]] = {}
    next_in = next_out = 0
    pool = [_Worker(ctx, fn, initializer) for _ in range(n)]
    deaths = 0  # workers in a row that died before finishing an item
    try:
        while True:
            for w in pool:  # feed idle workers while the window allows
                if w.job is not None or exhausted or next_in - next_out >= limit:
                    continue
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    continue
                taken[next_in] = item
                now = time.monotonic()
                w.job = (next_in, now, now + budget if budget else float("inf"))
                with suppress(OSError):  # died before its first item: reported below
                    w.conn.send((next_in, item))
                next_in += 1
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in pool if w.job is not None]
            if not busy:
                if exhausted:
                    return
                continue
            deadline = min(w.job[2] for w in busy if w.job)
            timeout = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
            ready = wait([w.conn for w in busy], timeout)
            for w in busy:
                assert w.job is not None
                index, started, due = w.job
                if w.conn in ready:
                    try:
                        got, result, error, seconds = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(5)
                        code = w.proc.exitcode
                        why = f"the worker died (exit code {code})" if code else "the worker died"
                        done[index] = Outcome(taken.pop(index), None, why,
                                              time.monotonic() - started)
                        deaths += 1
                        if deaths >= max(3, n + 1):
                            raise RuntimeError(f"worker processes die as they start ({why}): "
                                               "see the errors above") from None
                        pool[pool.index(w)] = _replace(w, ctx, fn, initializer)
                        continue
                    done[got] = Outcome(taken.pop(got), result, error, seconds)
                    w.job = None
                    deaths = 0
                elif time.monotonic() >= due:
                    done[index] = Outcome(taken.pop(index), None,
                                          f"over its time budget of {budget:g} s",
                                          time.monotonic() - started)
                    pool[pool.index(w)] = _replace(w, ctx, fn, initializer)
    finally:
        for w in pool:
            if w.job is None:
                w.stop()
            else:
                w.kill()


def _replace(worker: _Worker, ctx: Any, fn: Callable, initializer: Callable | None) -> _Worker:
    worker.kill()
    return _Worker(ctx, fn, initializer)


class _OverBudget(BaseException):
    """Raised into an item run in this process at its deadline (not an ``Exception``, so that
    no handler of the job's takes it for one of its own errors)."""


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_OverBudget` in this thread after ``seconds``; nothing where no timer
    signal can (no budget, not the main thread, no ``setitimer``)."""
    if not seconds or not hasattr(signal, "setitimer") or (
            threading.current_thread() is not threading.main_thread()):
        yield
        return

    def over(_signum: int, _frame: object) -> None:
        raise _OverBudget

    before = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _inline(
    fn: Callable[[T], R], items: Iterable[T], initializer: Callable[[], None] | None,
    budget: float | None = None,
) -> Iterator[Outcome[T, R]]:
    if initializer is not None:
        initializer()
    for item in items:
        t0 = time.perf_counter()
        try:
            with _deadline(budget):
                result = fn(item)
        except _OverBudget:
            outcome = Outcome(item, None, f"over its time budget of {budget:g} s",
                              time.perf_counter() - t0)
        except Exception as exc:
            outcome = Outcome(item, None, f"{type(exc).__name__}: {exc}",
                              time.perf_counter() - t0)
        else:
            outcome = Outcome(item, result, None, time.perf_counter() - t0)
        yield outcome
