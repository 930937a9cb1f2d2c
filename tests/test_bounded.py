"""The bounded pool: outcomes in order, a lazy input, a budget that kills, a crash that costs
only its item."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from ingest.bounded import run_bounded


def job(item: tuple[str, float]) -> str:
    """``("sleep", s)`` sleeps, ``("die", 0)`` ends the process, ``("fail", 0)`` raises."""
    what, value = item
    if what == "sleep":
        time.sleep(value)
    elif what == "die":
        os._exit(3)
    elif what == "fail":
        raise ValueError("bad item")
    return f"{what}:{os.getpid()}"


def test_outcomes_in_order_and_each_failure_only_costs_its_item() -> None:
    items = [("sleep", 0.3), ("ok", 0), ("sleep", 30), ("fail", 0), ("die", 0), ("ok", 0)]
    t0 = time.monotonic()
    # a budget well above the short items' time: a worker's first item also pays for reading
    # this module in it, seconds on a loaded machine
    out = list(run_bounded(job, items, workers=2, budget=6))
    assert time.monotonic() - t0 < 25  # the 30 s item was stopped at its budget
    assert [o.item for o in out] == items
    assert out[0].result and out[1].result and out[5].result
    assert out[2].result is None and out[2].error == "over its time budget of 6 s"
    assert out[3].error == "ValueError: bad item"
    assert out[4].result is None and "worker died" in (out[4].error or "")


def test_the_input_is_read_lazily() -> None:
    taken: list[int] = []

    def items() -> Iterator[tuple[str, float]]:
        for i in range(50):
            taken.append(i)
            yield ("ok", 0)

    stream = run_bounded(job, items(), workers=2, window=4)
    first = next(stream)
    assert first.result and len(taken) <= 5  # the window, not the batch
    stream.close()


@pytest.mark.parametrize("workers", [0, 1])
def test_inline_and_single_worker(workers: int) -> None:
    out = list(run_bounded(job, [("ok", 0), ("fail", 0)], workers=workers))
    assert out[0].result and out[1].error == "ValueError: bad item"
    pids = {o.result.split(":")[1] for o in out if o.result}
    assert (pids == {str(os.getpid())}) == (workers == 0)


def test_an_item_run_in_this_process_is_stopped_at_its_budget() -> None:
    """Without workers (a handful of files) each item still has its budget: it is stopped
    and reported, and the items after it run."""
    t0 = time.monotonic()
    out = list(run_bounded(job, [("sleep", 30), ("ok", 0)], workers=0, budget=1))
    assert time.monotonic() - t0 < 10
    assert out[0].result is None and out[0].error == "over its time budget of 1 s"
    assert out[1].result == f"ok:{os.getpid()}"
