"""``cancu extract PATH... -o FILE``: the records of every plan, as the scorer reads them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "extract"
HELP = "extract tasks, bodies, timeframes and citations of plans into a JSON record file"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, help="plan files or folders of plans")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="JSON file to write (default: standard output)")
    p.add_argument("--jsonl", action="store_true", help="one record per line")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ingest.extract import extract_many, find_plan_files

    files = find_plan_files(args.paths)
    if not files:
        print("cancu extract: no plan files (.txt, .md) found", file=sys.stderr)
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
    if args.jsonl:
        out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        out = json.dumps(records, ensure_ascii=False, indent=1)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    tasks = sum(len(r["tasks"]) for r in records)
    print(f"cancu extract: {len(records)} plan(s), {tasks} task(s)"
          + (f", {len(failures)} not read" if failures else ""), file=sys.stderr)
    return 1 if failures and not records else 0
