"""The collector is off while a plan is extracted, and back as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from ingest.extract import extract_text
from ingest.gcpause import gc_paused


def test_collector_off_inside_and_restored_after() -> None:
    seen = []
    probe = gc_paused(lambda: seen.append(gc.isenabled()))
    assert gc.isenabled()
    probe()
    assert seen == [False] and gc.isenabled()


def test_restored_after_an_error() -> None:
    @gc_paused
    def fails() -> None:
        raise ValueError("bad plan")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        gc_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_calls_and_extraction_leave_it_on() -> None:
    outer = gc_paused(lambda: gc_paused(lambda: None)() or gc.isenabled())
    assert outer() is False
    record = extract_text("KẾ HOẠCH\n\nI. NHIỆM VỤ\n1. Thanh tra tỉnh chủ trì kiểm tra.\n")
    assert record.tasks and gc.isenabled()
