"""``cancu ask``: run a named query (``graph_api/queries/*.rq``) with parameters."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from rdflib import Graph

from cancu.paths import default_store
from graph_api.queries import get, list_queries, run_with
from graph_api.store import QueryResult, SelectResult, StoreError, open_store

NAME = "ask"
HELP = "Answer a named question from the graph (cancu ask --list shows them)."
FORMATS = ("table", "json", "csv")
MAX_CELL = 80


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", help="store directory, ':memory:' or a SPARQL endpoint URL "
        "(default: $CANCU_STORE or var/store)"
    )  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the named query (file stem of its .rq)")
    parser.add_argument(
        "--param", "-p", action="append", default=[], metavar="KEY=VALUE",
        help="a query parameter; repeat for several",
    )  # fmt: skip
    parser.add_argument("--format", "-f", choices=FORMATS, default="table")
    parser.add_argument("--list", action="store_true", help="list the named queries")
    parser.add_argument("--timeout", type=float, default=None, help="seconds")
    add_store_argument(parser)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def render(result: QueryResult, fmt: str) -> str:
    """A query result as an aligned table, JSON or CSV (graphs as Turtle or JSON-LD)."""
    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else str(result).lower()
    if isinstance(result, Graph):
        return result.serialize(format="json-ld" if fmt == "json" else "turtle")
    assert isinstance(result, SelectResult)
    rows = result.rows
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=result.vars, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
        return buf.getvalue().rstrip("\n")
    return aligned(result.vars, rows)


def aligned(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Rows as a table for a terminal: columns padded, long cells cut with an ellipsis."""
    cells = [[_cell(r.get(v)) for v in columns] for r in rows]
    widths = [max([len(v), *(len(c[i]) for c in cells)]) for i, v in enumerate(columns)]
    line = "  ".join("-" * w for w in widths)
    head = "  ".join(v.ljust(w) for v, w in zip(columns, widths, strict=True))
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join([head, line, *body, f"({len(rows)} row{'' if len(rows) == 1 else 's'})"])


def describe_queries() -> str:
    lines = []
    for q in list_queries():
        lines.append(f"{q.name}: {q.title}")
        if q.description:
            lines.append(f"    {q.description}")
        for p in q.params:
            need = "required" if p.required else "optional"
            example = f"  e.g. {p.example}" if p.example else ""
            lines.append(f"    --param {p.name}=…  ({p.type}, {need}){example}")
    return "\n".join(lines) or "no named queries in graph_api/queries/"


def parse_params(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param wants KEY=VALUE, not {item!r}")
        out[key.strip()] = value
    return out


def run(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        print(describe_queries())
        return 0 if args.list else 2
    try:
        params = parse_params(args.param)
        query = get(args.name)
        query.bindings(params)  # fail on bad parameters before opening the store
        with open_store(args.store or default_store(), create=False) as store:
            result = run_with(store, query, params, timeout=args.timeout)
            print(render(result, args.format))
    except (StoreError, ValueError) as exc:
        print(f"cancu ask: {exc}", file=sys.stderr)
        return 2
    return 0
