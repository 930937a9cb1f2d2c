"""Shapes that plans kept aside from the project are written in, each a few lines of our own
(invented bodies, numbers and dates), checked against the annotation guide's rules: the way
Vietnamese administrative documents are written, not the strings of one plan."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.timeframes import from_phrase

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n\nSố: 95/KH-UBND\n\nHà Giang, ngày 07 tháng 5 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n\nCăn cứ Luật Giao dịch điện tử năm 2023;\n\n")


def _tasks(body: str, head: str = HEAD + "II. NHIỆM VỤ, GIẢI PHÁP\n\n"):
    return extract_text(head + body).tasks


def _roles(task) -> list[tuple[str, str]]:
    return [(b.name, b.role) for b in task.bodies]


# ------------------------------------------------------------------------------- timeframes

@pytest.mark.parametrize("text", [
    "Năm 2026 và các năm tiếp theo",
    "năm 2026 và những năm tiếp theo",
    "Quý IV năm 2026 và các năm tiếp theo",
    "Tháng 12/2026 và thường xuyên",
    "Quý III/2026, Quý I/2027 và thường xuyên",
    "Từ tháng 10/2026 trở đi",
    "Từ năm 2026 đến năm 2030 và tiếp theo",
    "Tháng 9/2026 và kiện toàn thường xuyên",
])
def test_a_timeframe_that_runs_on_has_no_due(text):
    """The guide: "A timeframe that runs on ("Năm 2025 và các năm tiếp theo", "Tháng 12/2013
    và thường xuyên", "từ ... trở đi") has no due"; it opens on the period it names."""
    tf = from_phrase(text, year=2026)
    assert tf.due is None
    assert tf.recurrence == "ongoing"
    assert tf.start is not None and tf.start.startswith("2026")
    assert tf.end is None


def test_a_running_on_time_line_gives_its_task_no_due():
    [task] = _tasks("1. Xây dựng kho dữ liệu dùng chung của tỉnh\n"
                    "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n"
                    "- Thời gian thực hiện: Năm 2026\nvà các năm tiếp theo.\n")
    assert task.timeframe.due is None
    assert task.timeframe.text.startswith("Năm 2026")
