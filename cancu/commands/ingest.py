"""``cancu ingest``: read, extract, map, check and reason over plans and laws in worker
processes, and store each with its inferences and provenance in one transaction."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from cancu.paths import default_store
from cancu.watch import Watch
from graph_api import snapshots
from graph_api.pipeline import (
    BATCH_TRIPLES,
    BUDGET,
    BULK_FROM,
    BULK_TRIPLES,
    REASONERS,
    IngestReport,
    ingest_paths,
)
from graph_api.store import StoreError, open_store
from ingest.read import MAX_BYTES

NAME = "ingest"
HELP = ("Load plans (.txt .md .docx .pdf), law texts and JSON records into the graph store; "
        "mends a store an earlier ingest left half done, and upgrades older stores.")
LIST_UP_TO = 40  # plans listed one per line; above, counts only (unless --list)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders to ingest")
    parser.add_argument(
        "--store", help="store directory, ':memory:' or a SPARQL endpoint URL "
        "(default: $CANCU_STORE or var/store)"
    )  # fmt: skip
    parser.add_argument(
        "--reasoner", choices=REASONERS, default="reasonable",
        help="OWL 2 RL engine for each plan's inferred graph (default: reasonable)",
    )  # fmt: skip
    parser.add_argument(
        "--workers", type=int, default=None,
        help="worker processes (default: one per core, none for a handful of files; 0: all "
             "in this process)",
    )  # fmt: skip
    parser.add_argument(
        "--budget", type=float, default=BUDGET,
        help=f"seconds one file may take before it is stopped and reported (default {BUDGET:g})",
    )  # fmt: skip
    parser.add_argument(
        "--batch", type=int, default=None,
        help=f"triples written per transaction, in whole plans (default {BATCH_TRIPLES}; "
             f"{BULK_TRIPLES} through the bulk loader)",
    )  # fmt: skip
    parser.add_argument(
        "--bulk", action=argparse.BooleanOptionalAction, default=None,
        help="write new plans through the store's bulk loader, a batch at a time, their "
             f"records after them (default: from {BULK_FROM} files, on an on-disk store)",
    )  # fmt: skip
    parser.add_argument(
        "--max-size", type=float, default=MAX_BYTES / 1048576, metavar="MB",
        help=f"largest file read, in MB (default {MAX_BYTES / 1048576:g}); larger ones are "
             "reported, unread",
    )  # fmt: skip
    parser.add_argument(
        "--check", action="store_true",
        help="first count every graph against its record and mend what disagrees (a pass "
             "over the whole store; made anyway after an ingest that did not finish)",
    )  # fmt: skip
    parser.add_argument(
        "--watch", type=float, default=None, metavar="SECONDS",
        help="after the ingest, keep running: look at the paths every SECONDS and ingest each "
             "file that arrives or changes once it has stood still for one look (Ctrl+C ends)",
    )  # fmt: skip
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress")
    parser.add_argument("--list", action="store_true", help="list every stored file")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when any file is refused or unreadable"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: IngestReport, location: str, graphs: int, *, every: bool = False) -> str:
    """The human summary printed after an ingest."""
    lines = [f"mended: {m}" for m in report.mended]
    kinds = Counter(s.kind for s in report.stored)
    status = Counter(s.status for s in report.stored)
    what = ", ".join(_plural(n, k) for k, n in sorted(kinds.items())) or "nothing"
    how = ", ".join(f"{status[k]} {k}" for k in ("new", "updated", "unchanged") if status[k])
    lines.append(f"stored {what}" + (f" ({how})" if how else ""))
    if every or len(report.stored) <= LIST_UP_TO:
        for s in report.stored:
            lines.append(f"  {s.source:<48} {s.triples:>7} triples  {s.status}")
    if report.duplicates:
        lines.append(f"the same plan as another file: {_plural(len(report.duplicates), 'file')}"
                     " (stored once)")
        lines.extend(f"  {a}: same as {b}" for a, b in report.duplicates[:LIST_UP_TO])
    if report.refused:
        lines.append(f"refused {_plural(len(report.refused), 'plan')} (not stored):")
        for p in report.refused:
            lines.append(f"  {p.source}: {p.reason}")
            lines.extend(f"    - {v}" for v in p.violations)
    if report.failed:
        lines.append(f"not ingested: {_plural(len(report.failed), 'file')}")
        lines.extend(f"  {p.source}: {p.reason}" for p in report.failed)
    lines.extend(f"warning: {w}" for w in report.warnings)
    if report.inferred is not None:
        lines.append(f"inferred {report.inferred} triples")
    timing = ", ".join(f"{k} {v:.2f}s" for k, v in report.seconds.items())
    lines.append(
        f"store {location}: {report.total_triples} triples in {_plural(graphs, 'graph')}"
        + (f"  [{timing}; {report.wall:.1f}s in all]" if timing else "")
    )
    return "\n".join(lines)


def _ingest(args: argparse.Namespace, paths: list[Path], *, progress: bool,
            workers: int | None, check: bool) -> IngestReport:
    """One ingest of ``paths`` in a store opened for it and closed after, its summary printed."""
    with open_store(args.store or default_store()) as store:
        report = ingest_paths(store, paths, reasoner=args.reasoner, progress=progress,
                              workers=workers, budget=args.budget or None, batch=args.batch,
                              max_bytes=int(args.max_size * 1048576) or None,
                              check=check, bulk=args.bulk)  # fmt: skip
        print(summary(report, store.location, report.graphs, every=args.list), flush=True)
        if report.stored:  # a running `cancu serve` moves to it at its next request
            snapshots.publish_store(store)
    return report


def _watch(args: argparse.Namespace, watch: Watch) -> int:
    """Ingest what arrives under the paths until interrupted. The store is open only while a
    file is ingested, so `cancu remove` or another ingest can run between two looks."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a service manager's stop
    import graph_api.warm  # noqa: F401  the first plan saved is read as fast as the next ones

    print(f"watching {', '.join(map(str, args.paths))} every {args.watch:g} s "
          "(Ctrl+C ends)", flush=True)  # fmt: skip
    try:
        while True:
            time.sleep(args.watch)
            ready, gone = watch.poll()
            for p in gone:
                print(f"{time.strftime('%H:%M:%S')} no longer there: {p} (its plan stays in "
                      f"the store; `cancu remove {p.name}` deletes it)", flush=True)
            if ready:
                print(f"{time.strftime('%H:%M:%S')} {_plural(len(ready), 'file')} to read: "
                      + ", ".join(p.name for p in ready[:LIST_UP_TO]), flush=True)
                try:
                    _ingest(args, ready, progress=False, workers=args.workers, check=False)
                except StoreError as exc:  # held by another writer, say: try at the next look
                    print(f"cancu ingest: {exc}; tried again in {args.watch:g} s", flush=True)
                    watch.retry(ready)
    except KeyboardInterrupt:
        pass
    return 0


def run(args: argparse.Namespace) -> int:
    if args.watch is not None and args.watch <= 0:
        print("cancu ingest: --watch takes a number of seconds above 0", file=sys.stderr)
        return 2
    watch = Watch(args.paths)
    if args.watch is not None:
        watch.start()  # before the first ingest: a file changed while it runs is read again
    try:
        report = _ingest(args, args.paths, progress=not args.quiet, workers=args.workers,
                         check=args.check)  # fmt: skip
        if args.watch is not None:
            return _watch(args, watch)
    except StoreError as exc:
        print(f"cancu ingest: {exc}", file=sys.stderr)
        return 2
    return 1 if args.strict and not report.ok else 0
