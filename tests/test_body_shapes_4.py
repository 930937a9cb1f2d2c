"""Who does a task, in more shapes of plans the project has not seen: a bracket of a bodies
cell or line that gives a body a part of its own, a table row whose cells hold one task per
paragraph, a longer name beside one a table cell closes. Every text is invented, in the style
of real plans."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from tests.shape_helpers import roles, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n\nSố: 57/KH-UBND\n\nKon Tum, ngày 9 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nXây dựng văn bản quy phạm pháp luật năm 2026\n\nCăn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2025;\n\n"
        "II. NHIỆM VỤ\n\n")
TABLE = "| TT | Tên văn bản | Cơ quan soạn thảo | Thời gian |\n|---|---|---|---|\n"


def _tasks(body: str):
    return tasks_of(HEAD, body)


# ------------------------------------------------- a bracket that gives a body its part

@pytest.mark.parametrize(("cell", "expected"), [
    ("Sở Nội vụ (Ban Thi đua - Khen thưởng phối hợp chuẩn bị dự thảo)",
     [("Sở Nội vụ", "executor"), ("Ban Thi đua - Khen thưởng", "support")]),
    ("Sở Tư pháp (Văn phòng Ủy ban nhân dân tỉnh, Sở Tài chính tham gia)",
     [("Sở Tư pháp", "executor"), ("Văn phòng Ủy ban nhân dân tỉnh", "support"), ("Sở Tài chính", "support")]),
    ("Ban soạn thảo do Chủ tịch UBND tỉnh thành lập (Sở Xây dựng là cơ quan thường trực của Ban soạn thảo)",
     [("Ban soạn thảo do Chủ tịch Ủy ban nhân dân tỉnh thành lập", "executor"), ("Sở Xây dựng", "executor")]),
])
def test_a_bracket_in_a_bodies_cell_that_gives_a_body_its_part_names_it(cell, expected):
    """A bodies cell "X (Y phối hợp chuẩn bị dự thảo)": Y is written on the task's assignment
    line and its own action is "phối hợp", so it supports (the annotation guide); "Y là cơ quan
    thường trực của X" does X's work, in the cell's role."""
    [task] = _tasks(TABLE + f"| 1 | Quyết định quy định chức năng, nhiệm vụ của Sở Xây dựng | {cell} | Tháng 6/2026 |\n")
    assert sorted(roles(task)) == sorted(expected)


def test_a_bracket_on_an_assignment_line_gives_its_body_its_part():
    [task] = _tasks("1. Rà soát các quy định về quản lý cụm công nghiệp.\n"
                    "- Cơ quan chủ trì: Sở Công Thương (Trung tâm Khuyến công tỉnh phối hợp thực hiện).\n"
                    "- Thời gian thực hiện: Quý II/2026.\n")
    assert roles(task) == [("Sở Công Thương", "lead"), ("Trung tâm Khuyến công tỉnh", "support")]


@pytest.mark.parametrize("cell", [
    "Công an tỉnh (Phòng Tham mưu)",  # a unit of the body that does it for it
    "Sở Tài chính (theo chức năng, nhiệm vụ được giao)",
    "Ủy ban nhân dân các xã, phường (UBND cấp xã)",
])
def test_a_bracket_with_no_part_of_its_own_adds_no_body(cell):
    [task] = _tasks(TABLE + f"| 1 | Quy chế phối hợp quản lý cụm công nghiệp | {cell} | Tháng 6/2026 |\n")
    assert len(roles(task)) == 1


# ------------------------------------------------- one row's cell holding two tasks

PARALLEL = ("| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n|---|---|---|---|---|\n"
            "| 1 | Rà soát hồ sơ đất đai của các dự án chậm tiến độ. Lập danh mục dự án đề nghị thu hồi. "
            "| Các sở, ban, ngành Sở Tư pháp | Ủy ban nhân dân các xã, phường Sở Xây dựng | Quý III/2026 |\n")


def test_a_cell_of_two_paragraphs_beside_cells_of_two_lists_is_two_tasks():
    """The portal joins a cell's paragraphs: two sentences in the content cell and, in each
    bodies cell, two lists with nothing between them are two tasks, each with the lists of
    its own place; the time cell of one piece is both's."""
    tasks = _tasks(PARALLEL)
    assert [t.text for t in tasks] == ["Rà soát hồ sơ đất đai của các dự án chậm tiến độ.",
                                       "Lập danh mục dự án đề nghị thu hồi."]
    assert [roles(t) for t in tasks] == [
        [("Các sở, ban, ngành", "lead"), ("Ủy ban nhân dân các xã, phường", "support")],
        [("Sở Tư pháp", "lead"), ("Sở Xây dựng", "support")]]
    assert [t.section for t in tasks] == ["II.1", "II.1"]
    assert {t.timeframe.due for t in tasks} == {"2026-09-30"}


@pytest.mark.parametrize(("lead", "support"), [
    ("Các sở, ban, ngành, Sở Tư pháp", "Sở Xây dựng"),  # one list each: the row's own bodies
    ("Các sở, ban, ngành Sở Tư pháp", "Sở Xây dựng"),  # a lead for each, one support for both
    ("Các sở, ban, ngành Sở Tư pháp Các sở, ngành", "Ủy ban nhân dân các xã, phường Sở Xây dựng"),
])
def test_a_row_whose_bodies_do_not_pair_with_its_sentences_is_one_task(lead, support):
    row = PARALLEL.replace("Các sở, ban, ngành Sở Tư pháp", lead).replace(
        "Ủy ban nhân dân các xã, phường Sở Xây dựng", support)
    [task] = _tasks(row)
    assert task.text.endswith("Lập danh mục dự án đề nghị thu hồi.")


# ------------------------------------------------- a name closed elsewhere, and a longer one

CLOSED = ("| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
          "| 1 | Tổ chức sàn giao dịch việc làm | Trung tâm Dịch vụ việc làm | Quý II/2026 |\n\n")


def test_a_longer_name_that_runs_into_its_verb_is_not_cut_to_one_closed_elsewhere():
    """A table cell writes "Trung tâm Dịch vụ việc làm" closed; "Trung tâm Dịch vụ việc làm
    thanh niên chủ trì ..." names another body, the subject of "chủ trì": cut, "thanh niên"
    would be read as its verb, and the lead lost."""
    [_row, task] = _tasks(CLOSED + "2. Trung tâm Dịch vụ việc làm thanh niên chủ trì tư vấn nghề cho học sinh.\n")
    assert roles(task) == [("Trung tâm Dịch vụ việc làm thanh niên", "lead")]


def test_a_name_closed_elsewhere_still_ends_one_that_runs_on_into_its_object():
    """"... phát triển mạng lưới ...": a field's word that is the verb here (the plan writes
    the name closed in its table), so the name ends before it."""
    [_row, task] = _tasks(CLOSED + "2. Trung tâm Dịch vụ việc làm phát triển mạng lưới giao dịch việc làm.\n")
    assert roles(task) == [("Trung tâm Dịch vụ việc làm", "executor")]
