"""Extraction throughput on one core: the bundled plans, then 1,000 plans made from them.

Prints plans/s and ms per plan (p50/p95). Run with ``make bench``.

Shared machines differ in speed from hour to hour, so the bench also times a fixed yardstick
on the same plans: spaCy's own blank "vi" tokenizer (``use_pyvi = false``), which the
extraction issue measured at ~6 ms for a 24 KB plan. The ratio of the two figures is what
to compare across machines and days.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cancu.paths import PLANS
from ingest.extract import extract_file
from ingest.nlp import build


def run(paths: list[Path]) -> tuple[list[float], float]:
    """Wall time of each plan, and the CPU time of them all (what a busy machine can't
    inflate: on a shared machine the wall clock also counts other processes' turns)."""
    times = []
    cpu = time.process_time()
    for path in paths:
        start = time.perf_counter()
        extract_file(path)
        times.append(time.perf_counter() - start)
    return times, time.process_time() - cpu


def report(label: str, result: tuple[list[float], float], factor: float) -> None:
    """One line of figures; ``factor`` (this machine's slowness against the issue's, from
    the yardstick) turns the CPU figure into plans/s at the issue's machine speed."""
    times, cpu = result
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"{label:20} {len(ms):5d} plans  {len(ms) / sum(times):6.1f} plans/s  "
          f"p50 {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  |  CPU "
          f"{cpu / len(ms) * 1000:6.2f} ms/plan = {len(ms) / cpu:6.1f} plans per CPU-second"
          f"  (~{len(ms) / cpu * factor:.0f} at the issue's machine speed)")


YARDSTICK_MS_PER_KB = 6 / 24  # spaCy's blank "vi" tokenizer where the issue was written


def yardstick(paths: list[Path], rounds: int = 10) -> float:
    """CPU ms per KB of spaCy's blank "vi" tokenizer (spaces only, no pyvi) on ``paths``."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    texts = [p.read_text(encoding="utf-8-sig") for p in paths]
    for text in texts:
        nlp(text)
    cpu = time.process_time()
    for _ in range(rounds):
        for text in texts:
            nlp(text)
    kb = sum(len(t.encode()) for t in texts) / 1024
    return (time.process_time() - cpu) * 1000 / rounds / kb


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    build()
    print(f"one core; load average {os.getloadavg()[0]:.2f} (other work on the machine slows "
          "the wall clock, not the CPU figure)")
    samples = sorted(PLANS.glob("*.txt"))
    here = yardstick(samples)
    factor = here / YARDSTICK_MS_PER_KB
    kb = sum(p.stat().st_size for p in samples) / 1024 / len(samples)
    print(f"yardstick: spaCy's blank 'vi' tokenizer takes {here:.3f} ms/KB here "
          f"({here * kb:.1f} ms for a mean sample of {kb:.0f} KB); the issue measured "
          f"{YARDSTICK_MS_PER_KB:.3f} ms/KB: this machine runs {factor:.2f}x slower")
    run(samples)  # warm caches: compiled patterns, spaCy vocab
    report("samples (x25)", run(samples * 25), factor)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = []
        for i in range(1000):
            src = samples[i % len(samples)]
            dst = Path(tmp) / f"{i:04d}-{src.name}"
            shutil.copy(src, dst)
            corpus.append(dst)
        report("1,000-plan corpus", run(corpus), factor)


if __name__ == "__main__":
    main()
