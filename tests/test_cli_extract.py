"""``cancu extract``: records for the plans it can read, a clear reason for the others."""

from __future__ import annotations

import json
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
