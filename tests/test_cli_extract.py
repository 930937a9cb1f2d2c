"""``cancu extract``: records for the plans it can read, a clear reason for the others."""

from __future__ import annotations

import json
import re
import shutil

from cancu.cli import main
from cancu.paths import PLANS


def test_extract_folder_with_a_bad_plan(tmp_path, capsys):
    plans = tmp_path / "plans"
    plans.mkdir()
    for p in sorted(PLANS.glob("*.txt"))[:2]:
        shutil.copy(p, plans / p.name)
    (plans / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00garbage" * 10)
    (plans / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    (plans / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0...")
    (plans / "notes.json").write_text("{}")  # not a plan at all: passed over
    out = tmp_path / "out.json"
    assert main(["extract", str(plans), "-o", str(out)]) == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(r["source"] for r in records) == sorted(p.name for p in PLANS.glob("*.txt"))[:2]
    err = capsys.readouterr().err
    assert "broken.txt" in err and "skipped" in err
    assert "scan.pdf: damaged PDF" in err and "notes.json" not in err
    assert "old.doc: .doc format is not supported" in err
    assert err.count("broken.txt") == 1  # the reason names the file once
    task = records[0]["tasks"][0]
    assert set(task) >= {"section", "text", "bodies", "timeframe", "citations", "span"}


def test_extract_nothing_to_read(tmp_path, capsys):
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "o.json")]) == 2
    assert "no plan files" in capsys.readouterr().err


def test_every_format_holds_the_same_tasks(tmp_path, capsys):
    import csv
    import io

    one = sorted(PLANS.glob("*.txt"))[0]
    assert main(["extract", str(one), "-o", str(tmp_path / "a.json")]) == 0
    record = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))[0]
    assert main(["extract", str(one), "--format", "jsonl", "-o", str(tmp_path / "a.jsonl")]) == 0
    assert main(["extract", str(one), "--jsonl", "-o", str(tmp_path / "b.jsonl")]) == 0
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [record]
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()

    assert main(["extract", str(one), "-f", "csv", "-o", str(tmp_path / "a.csv")]) == 0
    data = (tmp_path / "a.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a file for Excel too
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(record["tasks"])
    for row, task in zip(rows, record["tasks"], strict=True):
        assert row["section"] == task["section"] and row["text"] == task["text"]
        assert row["start"] == str(task["span"]["start"]) and row["source"] == record["source"]
        leads = [b["name"] for b in task["bodies"] if b["role"] in ("lead", "executor")]
        assert row["lead"] == "; ".join(leads)
        assert row["due"] == (task["timeframe"] or {}).get("due") or not row["due"]
    cited = [r for r in rows if r["citations"]]
    assert cited and all(re.search(r"\d+/\d{4}/|Điều|Luật|[A-Z]", r["citations"]) for r in cited)

    capsys.readouterr()
    assert main(["extract", str(one), "--format", "table"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["plan", "section", "lead"]
    assert set(table[1]) <= {"-", " "} and table[-1] == f"({len(record['tasks'])} rows)"
    assert not table[2].startswith("{")  # never a record


def test_the_json_options_do_not_disagree(tmp_path, capsys):
    one = sorted(PLANS.glob("*.txt"))[0]
    assert main(["extract", str(one), "--jsonl", "--format", "csv"]) == 2
    assert "disagree" in capsys.readouterr().err
