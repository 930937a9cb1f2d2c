"""``cancu validate``: is the store whole (no half-written plan, no ingest cut short, every
closure current), and does every stored plan still meet the SHACL shapes?"""

from __future__ import annotations

import argparse
import sys

from cancu.commands.ask import add_store_argument
from cancu.paths import default_store
from graph_api.pipeline import revalidate
from graph_api.provenance import check
from graph_api.store import StoreError, open_store

NAME = "validate"
HELP = ("Check the store (half-written plans, an interrupted ingest, stale closures) and "
        "re-validate the stored plans against the SHACL shapes; exit 1 on any problem.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    try:
        with open_store(args.store or default_store(), create=False) as store:
            findings = check(store)
            checks = revalidate(store)
    except (StoreError, RuntimeError) as exc:
        print(f"cancu validate: {exc}", file=sys.stderr)
        return 2
    for f in findings:
        print(f"store: {f.kind}: {f.message}")
    bad = [c for c in checks if c.violations]
    for c in checks:
        mark = "ok" if not c.violations else f"{len(c.violations)} violation(s)"
        print(f"{c.source:<48} {mark}")
        for v in c.violations:
            print(f"  - {v}")
        if c.note:
            print(f"  note: {c.note}")
    print(f"{len(checks)} plan graph(s) checked, {len(bad)} with violations")
    if findings:
        print(f"the store is not whole: {len(findings)} problem(s) above; "
              "`cancu ingest --check` mends them")
    return 1 if bad or findings else 0
