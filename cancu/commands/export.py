"""``cancu export``: write the whole store as RDF (graphs kept in nq/trig/jsonld)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cancu.commands.ask import add_store_argument
from cancu.paths import default_store
from graph_api.store import StoreError, open_store

NAME = "export"
HELP = "Export the graph store as Turtle (union), N-Quads, TriG, N-Triples or JSON-LD."
FORMATS = ("nq", "trig", "ttl", "nt", "jsonld")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default="nq")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    add_store_argument(parser)


def run(args: argparse.Namespace) -> int:
    try:
        with open_store(args.store or default_store(), create=False) as store:
            data = store.dump(args.format)
    except StoreError as exc:
        print(f"cancu export: {exc}", file=sys.stderr)
        return 2
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
