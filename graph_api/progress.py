"""Progress of a long ingest, stage by stage: a bar per stage on a terminal, one line per stage
when it is done otherwise (a log, CI), nothing when quiet.

A stage counts its items and the seconds spent in it (CPU seconds of the workers for the stages
they run, wall seconds for the writer), so the summary says where the time went.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass(slots=True)
class Stage:
    name: str
    unit: str
    items: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)
    ended: float | None = None
    bar: Any = None

    @property
    def wall(self) -> float:
        return (self.ended or time.perf_counter()) - self.started

    def line(self) -> str:
        """``extract   10000 plans  95.1 s``: the seconds spent in the stage, over all workers."""
        return (f"{self.name:<9} {self.items:>7} {self.unit}{'' if self.items == 1 else 's'}  "
                f"{self.seconds:8.1f} s")


class Progress:
    """Stages in the order they are opened; ``tty=None`` asks the stream whether it is one."""

    def __init__(self, enabled: bool = True, *, stream: TextIO | None = None,
                 tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and (self.stream.isatty() if tty is None else tty)
        self.stages: dict[str, Stage] = {}
        self.total: int | None = None

    def stage(self, name: str, unit: str = "plan", total: int | None = None) -> Stage:
        st = self.stages.get(name)
        if st is None:
            st = self.stages[name] = Stage(name, unit)
            if self.tty:
                from tqdm import tqdm

                st.bar = tqdm(total=total if total is not None else self.total, desc=f"{name:<9}",
                              unit=unit, position=len(self.stages) - 1, leave=True,
                              file=self.stream, dynamic_ncols=True)
        return st

    def advance(self, name: str, seconds: float = 0.0, items: int = 1, unit: str = "plan") -> None:
        st = self.stage(name, unit)
        st.items += items
        st.seconds += seconds
        if st.bar is not None:
            st.bar.update(items)
            st.bar.set_postfix_str(f"{st.seconds:.1f} s", refresh=False)

    def done(self, name: str) -> None:
        """The stage is over: its bar closes, or its line is written."""
        st = self.stages.get(name)
        if st is None or st.ended is not None:
            return
        st.ended = time.perf_counter()
        if st.bar is not None:
            st.bar.close()
        elif self.enabled:
            print(st.line(), file=self.stream, flush=True)

    def close(self) -> None:
        for name in list(self.stages):
            self.done(name)

    def seconds(self) -> dict[str, float]:
        return {name: st.seconds for name, st in self.stages.items()}
