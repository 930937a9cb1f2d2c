"""The cyclic garbage collector held off while one plan is extracted.

Why: a plan's extraction makes tens of thousands of short-lived containers (matches, spans,
records); CPython's collector runs after every 700 allocations and walks the young objects
each time, ~6% of the extraction, to find cycles it almost never finds: reference counting
frees them. So it waits until the plan is done and then runs as usual, cycles included.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with the collector off, restoring its state after (nested calls too)."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        was_on = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()

    return run
