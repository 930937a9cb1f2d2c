"""Fixtures shared by several test files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.fixtures.graph.build import PLANS
from tests.test_ingest_identity import plan_text, write


def pytest_configure(config: pytest.Config) -> None:
    """The suite keeps the scan's answers (ingest.cache) in a folder of its own, not the
    user's: its fuzz texts would fill them with random words, read by every later process. OCR
    stays where it was cached (its pages are the same pages, and slow to read again)."""
    from ingest import cache

    ocr = cache.folder("ocr")
    if "CANCU_CACHE" not in os.environ:
        os.environ["CANCU_CACHE"] = config._cancu_cache = tempfile.mkdtemp(  # type: ignore[attr-defined]
            prefix="cancu-test-cache-")
        if ocr is not None:
            os.environ.setdefault("CANCU_OCR_CACHE", str(ocr))


def pytest_unconfigure(config: pytest.Config) -> None:
    if made := getattr(config, "_cancu_cache", None):
        shutil.rmtree(made, ignore_errors=True)
        os.environ["CANCU_CACHE"] = "off"  # (the scan's answers are written at exit: none)


@pytest.fixture
def plan_files(tmp_path: Path) -> list[Path]:
    """Three invented plans of three provinces and two of the samples, as files of a folder:
    what the tests of counts and agendas kept at ingest add, replace and remove."""
    files = [write(tmp_path / "plans" / f"p{i}.txt", plan_text(province=p, number=str(300 + i)))
             for i, p in enumerate(["Tây Ninh", "Bình Định", "Phú Yên"])]
    for sample in sorted(PLANS.glob("*.txt"))[:2]:
        files.append(Path(shutil.copy(sample, tmp_path / "plans" / sample.name)))
    return files
