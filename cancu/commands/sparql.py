"""``cancu sparql``: run a read-only SPARQL query given inline, as @file.rq or on stdin (-)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cancu.commands.ask import FORMATS, add_store_argument, render
from cancu.paths import default_store
from graph_api.store import QueryError, StoreError, is_update, open_store

NAME = "sparql"
HELP = "Run a SPARQL query (text, @file.rq or - for stdin) against the store."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="SPARQL text, @path/to/file.rq, or - for stdin")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table")
    parser.add_argument("--timeout", type=float, default=None, help="seconds")
    add_store_argument(parser)


def read_query(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    if arg.startswith("@"):
        return Path(arg[1:]).read_text(encoding="utf-8")
    return arg


def run(args: argparse.Namespace) -> int:
    try:
        text = read_query(args.query)
        if is_update(text):
            raise QueryError("cancu sparql only reads; the store is changed by cancu ingest")
        with open_store(args.store or default_store(), create=False) as store:
            print(render(store.query(text, timeout=args.timeout), args.format))
    except (StoreError, OSError) as exc:
        print(f"cancu sparql: {exc}", file=sys.stderr)
        return 2
    return 0
