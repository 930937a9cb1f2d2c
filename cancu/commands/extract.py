"""``cancu extract PATH... [-o FILE] [--format json|jsonl|csv|table]``: the records of every
plan, as the scorer reads them (JSON, JSON Lines), or one row per task (CSV, a table)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

NAME = "extract"
HELP = ("extract the header, tasks, bodies, timeframes and citations of plans (.txt .md .docx "
        ".pdf) as JSON records, JSON Lines, or one row per task as CSV or a table")
FORMATS = ("json", "jsonl", "csv", "table")
# one row per task (csv, table); lead holds the executors where no body leads
COLUMNS = ("plan", "section", "lead", "support", "others", "timeframe", "due", "rrule",
           "citations", "text", "start", "end", "line", "source")  # fmt: skip
TABLE_COLUMNS = ("plan", "section", "lead", "due", "citations", "text")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, help="plan files or folders of plans")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="file to write (default: standard output)")
    p.add_argument("--format", "-f", choices=FORMATS, default=None,
                   help="json: a list of records (default); jsonl: one record a line; csv: "
                        "one row a task (UTF-8 with a BOM when written to a file, for Excel); "
                        "table: one line a task, for reading")  # fmt: skip
    p.add_argument("--jsonl", action="store_true", help="the same as --format jsonl")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _citation(c: dict[str, Any]) -> str:
    """``36/2018/QH14 Điều 10, Chương II``: the document and the parts of it cited."""
    what = c.get("number") or c.get("title") or c.get("key") or "?"
    parts = [f"Điều {a}" for a in c.get("articles") or []]
    parts += [f"Chương {ch}" for ch in c.get("chapters") or []]
    return f"{what} {', '.join(parts)}" if parts else what


def task_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per task of every record: who (by role), when, on what basis, where."""
    from graph_api.labels import plan_name

    out = []
    for r in records:
        plan = plan_name({**(r.get("document") or {}), "source": r["source"]})
        for t in r["tasks"]:
            bodies = t.get("bodies") or []
            tf = t.get("timeframe") or {}
            span = t.get("span") or {}
            out.append({
                "plan": plan,
                "section": t.get("section"),
                "lead": "; ".join(b["name"] for b in bodies
                                  if b.get("role") in ("lead", "executor")),
                "support": "; ".join(b["name"] for b in bodies if b.get("role") == "support"),
                "others": "; ".join(f"{b['name']} ({b.get('role')})" for b in bodies
                                    if b.get("role") not in ("lead", "executor", "support")),
                "timeframe": tf.get("text"),
                "due": tf.get("due"),
                "rrule": tf.get("rrule"),
                "citations": "; ".join(_citation(c) for c in t.get("citations") or []),
                "text": t.get("text"),
                "start": span.get("start"),
                "end": span.get("end"),
                "line": span.get("line"),
                "source": r["source"],
            })  # fmt: skip
    return out


def render(records: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1)
    from cancu.commands.ask import aligned

    rows = task_rows(records)
    if fmt == "table":
        return aligned(list(TABLE_COLUMNS), rows) + "\n"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return buf.getvalue()


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ingest.extract import PLAN_SUFFIXES, extract_many, find_plan_files

    fmt = args.format or ("jsonl" if args.jsonl else "json")
    if args.jsonl and fmt != "jsonl":
        print("cancu extract: --jsonl and --format disagree", file=sys.stderr)
        return 2
    files = find_plan_files(args.paths)
    if not files:
        print(f"cancu extract: no plan files ({', '.join(PLAN_SUFFIXES)}) found", file=sys.stderr)
        return 2
    show = sys.stderr.isatty() and not args.no_progress
    records, failures = [], []
    for _path, record, error in tqdm(extract_many(files), total=len(files), disable=not show,
                                    unit="plan", desc="extract"):
        if record is None:
            failures.append(error)
            print(f"cancu extract: skipped {error}", file=sys.stderr)
        else:
            records.append(record.to_dict())
            for warning in record.warnings:  # what the record says of its text's origin
                print(f"cancu extract: {record.source}: {warning}", file=sys.stderr)
    out = render(records, fmt)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        # a CSV file is for Excel too, which reads UTF-8 only after a byte-order mark
        args.output.write_text(out, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    else:
        sys.stdout.write(out)
    tasks = sum(len(r["tasks"]) for r in records)
    print(f"cancu extract: {len(records)} plan(s), {tasks} task(s)"
          + (f", {len(failures)} not read" if failures else ""), file=sys.stderr)
    return 1 if failures and not records else 0
