"""Fail when an extraction figure of the scorer's JSON output is below its bar."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path


def main(score_path: str, bars_path: str) -> int:
    scores = json.loads(Path(score_path).read_text(encoding="utf-8"))
    bars = tomllib.loads(Path(bars_path).read_text(encoding="utf-8"))
    failed = []
    for figure, metrics in bars.items():
        for metric, bar in metrics.items():
            got = scores[metric][figure]
            status = "ok " if got >= bar else "LOW"
            print(f"{status} {metric:20} {figure:9} {got:.3f} (bar {bar:.3f})")
            if got < bar:
                failed.append(metric)
    if failed:
        print(f"extraction below its bar: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
