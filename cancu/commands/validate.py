"""``cancu validate``: re-check every stored plan graph against the SHACL shapes."""

from __future__ import annotations

import argparse
import sys

from cancu.commands.ask import add_store_argument
from cancu.paths import default_store
from graph_api.pipeline import revalidate
from graph_api.store import StoreError, open_store

NAME = "validate"
HELP = "Re-validate the stored plans against the SHACL shapes (exit 1 on any violation)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    try:
        with open_store(args.store or default_store(), create=False) as store:
            checks = revalidate(store)
    except (StoreError, RuntimeError) as exc:
        print(f"cancu validate: {exc}", file=sys.stderr)
        return 2
    bad = [c for c in checks if c.violations]
    for c in checks:
        mark = "ok" if not c.violations else f"{len(c.violations)} violation(s)"
        print(f"{c.source:<48} {mark}")
        for v in c.violations:
            print(f"  - {v}")
        if c.note:
            print(f"  note: {c.note}")
    print(f"{len(checks)} plan graph(s) checked, {len(bad)} with violations")
    return 1 if bad else 0
