"""``cancu remove``: delete plans (or laws) from the store with everything inferred from them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cancu.commands.ask import add_store_argument
from cancu.paths import default_store
from graph_api import snapshots
from graph_api.pipeline import remove_units
from graph_api.provenance import Record, records
from graph_api.store import StoreError, open_store
from ontology.identity import key_of, plan_graph

NAME = "remove"
HELP = ("Delete plans from the store, each with its inferred graph and its record, in one "
        "transaction. Name a plan by its id (as in /plans/<id>), its IRI, or its file.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plans", nargs="+", help="plan ids, plan or graph IRIs, or file paths")
    add_store_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="say what would go, remove nothing")


def resolve(name: str, recs: dict[str, Record]) -> list[Record]:
    """The stored units a name means: an id or IRI of a plan, a graph IRI, or a file."""
    key = key_of(name)
    graph = plan_graph(key) if key else name if name in recs else plan_graph(name)
    if graph in recs:
        return [recs[graph]]
    path = Path(name).expanduser()
    if path.exists():
        here = path.resolve()
        return [r for r in recs.values() if any(p.resolve() == here for p in r.paths)]
    return [r for r in recs.values() if r.source == name]


def run(args: argparse.Namespace) -> int:
    try:
        with open_store(args.store or default_store(), create=False) as store:
            recs = records(store)
            chosen: dict[str, Record] = {}
            missing = []
            for name in args.plans:
                found = resolve(name, recs)
                if not found:
                    missing.append(name)
                chosen.update((r.graph, r) for r in found)
            for name in missing:
                print(f"cancu remove: no stored plan is {name!r} (see `cancu ask list_plans`)",
                      file=sys.stderr)
            if missing:
                return 1
            for r in chosen.values():
                print(f"{'would remove' if args.dry_run else 'removed'} {r.source}  ({r.graph})")
            if not args.dry_run:
                remove_units(store, chosen)
                from graph_api import search

                search.refresh(store)  # the full-text index beside the store, without them
                snapshots.publish_store(store)  # a running `cancu serve` follows
    except StoreError as exc:
        print(f"cancu remove: {exc}", file=sys.stderr)
        return 2
    return 0
