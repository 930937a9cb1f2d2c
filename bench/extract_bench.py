"""Extraction throughput on one core: the bundled plans, the thirteen real plans of other
kinds in ../shared/corpus-wide (when present), then 1,000 plans made from the bundled ones.

Prints plans/s and ms per plan (p50/p95). Run with ``make bench``.

Shared machines differ in speed from hour to hour, so the bench also times a fixed yardstick
on the same plans, in alternation with extraction: spaCy's own blank "vi" tokenizer
(``use_pyvi = false``), which the extraction issue measured at ~6 ms for a 24 KB plan. The
ratio of the two is what to compare across machines and days.
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

# read from the shared data beside the worktree, never shipped (skipped when absent)
WIDE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-wide"


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


def report(label: str, result: tuple[list[float], float]) -> None:
    times, cpu = result
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"{label:20} {len(ms):5d} plans  {len(ms) / sum(times):6.1f} plans/s  "
          f"p50 {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  |  CPU "
          f"{cpu / len(ms) * 1000:6.2f} ms/plan = {len(ms) / cpu:6.1f} plans per CPU-second")


YARDSTICK_MS_PER_KB = 6 / 24  # spaCy's blank "vi" tokenizer where the issue was written


def yardstick_nlp():
    """spaCy's blank "vi" pipeline as the issue timed it: spaces only, no pyvi."""
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def cpu_per_plan(work, items: list, rounds: int) -> float:
    cpu = time.process_time()
    for _ in range(rounds):
        for item in items:
            work(item)
    return (time.process_time() - cpu) / rounds / len(items)


def against_yardstick(samples: list[Path], rounds: int = 27) -> None:
    """Extraction's CPU time as a multiple of the yardstick's on the same plans, the two
    timed in alternation so that both see the same machine; the median ratio, with the
    issue's yardstick figure, gives plans/s on the machine where the bar was set."""
    nlp = yardstick_nlp()
    texts = [p.read_text(encoding="utf-8-sig") for p in samples]
    kb = sum(len(t.encode()) for t in texts) / 1024 / len(texts)
    ratios, sticks = [], []
    for _ in range(rounds):
        # short rounds (each plan once), many of them: the two figures of a round are taken
        # close together, so the machine's drift shifts both alike
        stick = cpu_per_plan(nlp, texts, 1)
        ratios.append(cpu_per_plan(extract_file, samples, 1) / stick)
        sticks.append(stick * 1000 / kb)
    ratio = statistics.median(ratios)
    at_issue = 1000 / (ratio * YARDSTICK_MS_PER_KB * kb)
    print(f"yardstick: spaCy's blank 'vi' tokenizer, {statistics.median(sticks):.3f} ms/KB here "
          f"(the issue measured {YARDSTICK_MS_PER_KB:.3f}); extraction costs {ratio:.2f}x it on "
          f"the same plans (median of {rounds} alternated rounds, {min(ratios):.2f}-"
          f"{max(ratios):.2f}) = ~{at_issue:.0f} plans/s at the issue's machine speed")


def unseen_once(k: int) -> None:
    """In a fresh process: the CPU time of the first plan (the patterns compiled, nothing
    learned: what a one-plan command pays), then, warmed up on the other samples, of sample
    ``k`` the first time (its words and phrases never seen) and once seen: three floats."""
    build()
    samples = sorted(PLANS.glob("*.txt"))
    held, rest = samples[k], [p for i, p in enumerate(samples) if i != k]
    cold = cpu_per_plan(extract_file, rest[:1], 1)
    for _ in range(3):
        for path in rest:
            extract_file(path)
    first = cpu_per_plan(extract_file, [held], 1)
    extract_file(held)
    print(first, cpu_per_plan(extract_file, [held], 5), cold)


def against_unseen(samples: list[Path]) -> None:
    """What the repeated corpus hides: a plan's words, phrases and runs of tokens are learned
    the first time they are met (the scan's index, the tokenizer's chunks, cached readings),
    so a never-seen plan costs more. Each sample is held out in turn, the other three seen."""
    import subprocess

    firsts, seens, colds = [], [], []
    for k in range(len(samples)):
        out = subprocess.run([sys.executable, __file__, "--unseen", str(k)], check=True,
                             capture_output=True, text=True).stdout.split()
        firsts.append(float(out[0]) * 1000)
        seens.append(float(out[1]) * 1000)
        colds.append(float(out[2]) * 1000)
    ratio = statistics.median(f / s for f, s in zip(firsts, seens, strict=True))
    print(f"a plan never seen before (each sample held out, the others seen): CPU "
          f"{statistics.median(firsts):.1f} ms the first time vs {statistics.median(seens):.1f} ms "
          f"once seen (median of {len(samples)}; {ratio:.1f}x); the first plan of a process "
          f"{statistics.median(colds):.0f} ms (its patterns compiled)")


def ocr_path() -> None:
    """The OCR path timed apart (seconds per page): the fixtures whose pages only OCR reads
    (a text layer without a Unicode map, a scan; each also signed, seal and signature laid
    over as pictures or scanned in colour), read with an empty cache (render, ink
    removal, recognition), then again from the cache; beside them a PDF with a good text
    layer, for scale."""
    from pypdf import PdfReader

    from ingest import ocr
    from ingest.pdf import read_pdf

    fixtures = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "plans"
    reason = ocr.unavailable()
    if reason:
        print(f"OCR path: skipped ({reason})")
        return
    files = [fixtures / f"lang-son-41-{name}.pdf"
             for name in ("broken-font", "scan", "sealed", "sealed-scan")]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CANCU_OCR_CACHE"] = tmp
        pages = cold = cached = 0.0
        for path in files:
            data = path.read_bytes()
            pages += len(PdfReader(path).pages)
            t0 = time.perf_counter()
            read_pdf(data)
            t1 = time.perf_counter()
            read_pdf(data)
            cold, cached = cold + t1 - t0, cached + time.perf_counter() - t1
        os.environ.pop("CANCU_OCR_CACHE")
    text_pdf = fixtures / "phu-yen-88-kh-ubnd-2024.pdf"
    t0 = time.perf_counter()
    read_pdf(text_pdf.read_bytes())
    layer = (time.perf_counter() - t0) / len(PdfReader(text_pdf).pages)
    print(f"OCR path ({int(pages)} pages, Tesseract vie at {ocr.DPI} dpi, one core): "
          f"{cold / pages:.1f} s/page read by OCR, {1000 * cached / pages:.0f} ms/page again "
          f"from its cache; a text-layer page {1000 * layer:.0f} ms")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--unseen":
        unseen_once(int(sys.argv[2]))
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    build()
    print(f"one core; load average {os.getloadavg()[0]:.2f} (other work on the machine slows "
          "the wall clock, not the CPU figure)")
    samples = sorted(PLANS.glob("*.txt"))
    run(samples)  # warm caches: compiled patterns, spaCy vocab
    report("samples (x25)", run(samples * 25))
    wide = sorted(WIDE.glob("*.txt")) if WIDE.is_dir() else []
    if wide:
        first = run(wide)  # the first time: their words and phrases are learned
        report("corpus-wide, 1st", first)
        report("corpus-wide (x8)", run(wide * 8))
    else:
        print(f"corpus-wide: {WIDE} not present, skipped")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = []
        for i in range(1000):
            src = samples[i % len(samples)]
            dst = Path(tmp) / f"{i:04d}-{src.name}"
            shutil.copy(src, dst)
            corpus.append(dst)
        report("1,000-plan corpus", run(corpus))
    against_yardstick(samples)
    against_unseen(samples)
    ocr_path()


if __name__ == "__main__":
    main()
