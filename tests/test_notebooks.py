"""The research notebooks run top to bottom on the bundled data (a broken notebook fails CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.test_research import bundled_store_dir

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS][:3] == [
        "01_tour.ipynb", "02_citation_network.ipynb", "03_explore.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(
    path: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = bundled_store_dir(tmp_path_factory)  # built once, shared by the notebooks
    monkeypatch.setenv("CANCU_STORE", str(store))
    monkeypatch.setenv("CANCU_NB_OUTPUT", str(tmp_path / "output"))
    monkeypatch.setenv("MPLBACKEND", "agg")
    work = tmp_path / path.name
    shutil.copy(path, work)
    nb = nbformat.read(work, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on the first failure
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    if path.stem.startswith("03"):
        pages = sorted(p.name for p in (tmp_path / "output").glob("*.html"))
        assert len(pages) >= 3, pages
        printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                          for o in c.get("outputs", []) if o.get("output_type") == "stream")
        assert ": 0 nodes" not in printed  # a view filtered on an id that no longer exists
    assert os.environ["CANCU_STORE"] == str(store)
