"""A plan's source text is read only from where it was ingested (issue 14, item 7)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cancu.paths import PLANS
from graph_api.app import create_app
from graph_api.pipeline import ingest_paths
from graph_api.store import open_store
from ingest.extract import extract_file

SAMPLE = PLANS / "hue-232-kh-ubnd-2026.txt"


def _app_with_records(folder: Path, sources: list[str]):
    base = extract_file(SAMPLE).to_dict()
    # distinct numbers: distinct plans, however plans are told apart
    records = [{**base, "source": s, "document": {**base["document"], "number": f"{i}/KH-UBND"}}
               for i, s in enumerate(sources, 1)]  # fmt: skip
    (folder / "records.json").write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    store = open_store(":memory:")
    report = ingest_paths(store, [folder / "records.json"], reasoner="none", progress=False)
    assert report.ok, (report.failed, report.refused)
    return create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()


def test_a_record_naming_a_file_outside_its_folder_shows_no_text(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-LINE", "utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "linked.txt").symlink_to(secret)  # a link inside that leads outside
    shutil.copy(SAMPLE, folder / "beside.txt")
    client = _app_with_records(folder, ["../../../../etc/passwd", "../secret.txt", "linked.txt",
                                        "beside.txt"])  # fmt: skip
    plans = {p["source"]: p["id"] for p in client.get("/api/plans").get_json()["items"]}
    for source in ("../../../../etc/passwd", "../secret.txt", "linked.txt"):
        page = client.get(f"/plans/{plans[source]}")
        assert page.status_code == 200, source
        assert b"root:" not in page.data and b"SECRET-LINE" not in page.data, source
    # a record's own plan file, beside the records file, is shown with its tasks marked
    page = client.get(f"/plans/{plans['beside.txt']}").get_data(as_text=True)
    assert 'class="task"' in page and "Công văn số 870/TTCP-C.IV ngày 31/3/2026" in page
