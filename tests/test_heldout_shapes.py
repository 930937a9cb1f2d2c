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


# ------------------------------------------------------------------------------ task tables

MINISTRY = ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\nSố: 812/KH-BNNMT\n\nHà Nội, ngày 14 tháng 3 năm 2026\n\n"
            "KẾ HOẠCH\nTriển khai thi hành Luật Thủy lợi sửa đổi\n\n"
            "Căn cứ Nghị định số 35/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ;\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n\nBảo đảm sự phối hợp giữa các đơn vị thuộc Bộ.\n\n"
            "II. NỘI DUNG\n\nCác nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.\n\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nTrần Văn Khải\n\n"
            "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 812/KH-BNNMT ngày 14 tháng 3 năm 2026)\n\n")


@pytest.mark.parametrize(("lead_header", "support_header"), [
    ("Cơ quan, đơn vị chủ trì", "Cơ quan, đơn vị phối hợp"),
    ("Đơn vị chủ trì thực hiện", "Đơn vị phối hợp thực hiện"),
    ("Vụ, Cục chủ trì tham mưu", "Đơn vị phối hợp"),
    ("Chủ trì", "Phối hợp"),
])
def test_task_table_columns_by_their_header_words_in_any_wording(lead_header, support_header):
    """A column's meaning comes from its header's words, worded as each plan likes: the kind
    of a body or a role word opens it, "chủ trì" makes its bodies leads, "phối hợp" supports;
    "Sản phẩm", "Kinh phí thực hiện" or "Ghi chú" name nobody."""
    table = (f"| STT | Nội dung công việc | {lead_header} | {support_header} | Thời hạn hoàn thành | Sản phẩm | Kinh phí thực hiện |\n"
             "| 1 | Tổ chức hội nghị phổ biến Luật | Vụ Pháp chế | Văn phòng Bộ | Quý II/2026 | Hội nghị | Ngân sách |\n"
             "| 2 | Xây dựng Thông tư hướng dẫn về an toàn đập | Cục Quản lý đê điều | Vụ Pháp chế | Tháng 11/2026 | Thông tư | |\n")
    tasks = extract_text(MINISTRY + table).tasks
    assert [t.section for t in tasks] == ["PL.1", "PL.2"]
    assert [_roles(t) for t in tasks] == [[("Vụ Pháp chế", "lead"), ("Văn phòng Bộ", "support")],
                                          [("Cục Quản lý đê điều", "lead"), ("Vụ Pháp chế", "support")]]
    assert [t.timeframe.due for t in tasks] == ["2026-06-30", "2026-11-30"]


def test_a_header_that_left_out_the_number_column():
    """A table whose header lacks its (empty) number cell while its rows have it: the rows'
    cells stay under their columns, the bodies where the header says."""
    table = ("| STT | Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |\n"
             "| 1 | Rà soát quy chế quản lý công trình thủy lợi | Vụ Pháp chế | Văn phòng Bộ | Năm 2026 |\n\n"
             "| Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |\n"
             "| 2.1 | Số hóa hồ sơ công trình thủy lợi | Trung tâm Chuyển đổi số | Vụ Pháp chế | 2026 - 2027 |\n"
             "| 2.2 | Vận hành cơ sở dữ liệu hồ chứa | Cục Quản lý đê điều | Văn phòng Bộ | 2027 |\n")
    tasks = extract_text(MINISTRY + table).tasks
    assert [t.text for t in tasks] == ["Rà soát quy chế quản lý công trình thủy lợi",
                                       "Số hóa hồ sơ công trình thủy lợi",
                                       "Vận hành cơ sở dữ liệu hồ chứa"]
    assert [_roles(t) for t in tasks][1:] == [
        [("Trung tâm Chuyển đổi số", "executor"), ("Vụ Pháp chế", "support")],
        [("Cục Quản lý đê điều", "executor"), ("Văn phòng Bộ", "support")]]
    assert tasks[1].timeframe.text == "2026 - 2027"
