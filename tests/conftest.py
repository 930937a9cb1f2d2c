"""Fixtures shared by several test files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fixtures.graph.build import PLANS
from tests.test_ingest_identity import plan_text, write


@pytest.fixture
def plan_files(tmp_path: Path) -> list[Path]:
    """Three invented plans of three provinces and two of the samples, as files of a folder:
    what the tests of counts and agendas kept at ingest add, replace and remove."""
    files = [write(tmp_path / "plans" / f"p{i}.txt", plan_text(province=p, number=str(300 + i)))
             for i, p in enumerate(["Tây Ninh", "Bình Định", "Phú Yên"])]
    for sample in sorted(PLANS.glob("*.txt"))[:2]:
        files.append(Path(shutil.copy(sample, tmp_path / "plans" / sample.name)))
    return files
