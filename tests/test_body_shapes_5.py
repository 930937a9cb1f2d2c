"""Who does a task, in shapes common in real plans that gave no body: the members of a
steering committee or team ("các thành viên Ban Chỉ đạo tỉnh"), persons by the office they
hold ("Các đồng chí Tỉnh ủy viên"), a Party committee's standing board typed in lower case.
Every text is invented, in the style of real plans."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from tests.shape_helpers import roles, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nSố: 88/KH-UBND\n\nTuyên Quang, ngày 12 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nTriển khai công tác phổ biến, giáo dục pháp luật năm 2026\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n")


def _roles(body: str) -> list[list[tuple[str, str]]]:
    return [roles(t) for t in tasks_of(HEAD, body)]


# ------------------------------------------------- the members of a committee or team

@pytest.mark.parametrize(("line", "expected"), [
    ("1. Sở Tư pháp và các thành viên Ban Chỉ đạo tỉnh triển khai các nội dung của Kế hoạch trong phạm vi được giao.",
     [("Sở Tư pháp", "executor"), ("các thành viên Ban Chỉ đạo tỉnh", "executor")]),
    ("1. Các thành viên Đoàn kiểm tra thực hiện kiểm tra theo lịch được phê duyệt.",
     [("Các thành viên Đoàn kiểm tra", "executor")]),
    ("1. Các thành viên Ban Chỉ đạo theo dõi, đôn đốc việc thực hiện tại địa bàn được phân công.",
     [("Các thành viên Ban Chỉ đạo", "executor")]),
    ("1. Thành viên Tổ công tác có trách nhiệm báo cáo kết quả với Tổ trưởng.",
     [("Thành viên Tổ công tác", "executor")]),
    ("1. Các cơ quan thành viên Đoàn kiểm tra chủ trì chuẩn bị tài liệu, phối hợp với Sở Nội vụ.",
     [("Các cơ quan thành viên Đoàn kiểm tra", "lead"), ("Sở Nội vụ", "support")]),
    # members by the body's name with a suffix, their scope theirs: one group
    ("1. Công an viên các xã phối hợp tuần tra, kiểm soát trên địa bàn.",
     [("Công an viên các xã", "support")]),
])
def test_the_members_of_a_committee_or_team_are_a_group_that_acts(line, expected):
    """"Các thành viên Ban Chỉ đạo tỉnh triển khai ...": each member does the committee's part
    of the work, so the members are a body of the task (a head stands for the body it heads,
    by the annotation guide; a member acts for his part of it), named with the committee."""
    assert _roles(line + "\n") == [expected]


def test_members_a_body_is_to_appoint_are_no_assignee():
    """"Sở Nội vụ tham mưu kiện toàn thành viên Ban Chỉ đạo tỉnh": the members are what the
    department's work is about, the object of its verb, not who does it."""
    assert _roles("1. Sở Nội vụ tham mưu kiện toàn thành viên Ban Chỉ đạo tỉnh.\n") == [[("Sở Nội vụ", "executor")]]


# ------------------------------------------------- persons by the seat they hold

PARTY_HEAD = ("ĐẢNG BỘ TỈNH TUYÊN QUANG\nTỈNH ỦY\n\nSố: 45-KH/TU\n\nTuyên Quang, ngày 12 tháng 3 năm 2026\n\n"
              "KẾ HOẠCH\nThực hiện Chỉ thị của Ban Bí thư về công tác dân vận\n\n"
              "III. TỔ CHỨC THỰC HIỆN\n\n")


@pytest.mark.parametrize(("line", "name"), [
    ("1. Các đồng chí Tỉnh ủy viên được phân công theo dõi địa bàn, chỉ đạo thực hiện Kế hoạch ở cơ sở.",
     "Các đồng chí Tỉnh ủy viên"),
    ("1. Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy theo dõi, đôn đốc việc thực hiện.",
     "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy"),
    ("1. Các Huyện ủy viên có trách nhiệm nắm tình hình tại địa bàn phụ trách.",
     "Các Huyện ủy viên"),
    ("1. Các đồng chí Thành ủy viên được phân công theo dõi địa bàn chỉ đạo thực hiện Kế hoạch ở cơ sở.",
     "Các đồng chí Thành ủy viên"),
])
def test_persons_by_their_seat_in_a_committee_are_its_members_who_act(line, name):
    """"Các đồng chí Tỉnh ủy viên ..." (members of the provincial Party committee), "Các đồng
    chí Ủy viên Ban Thường vụ ...": persons by the seat they hold do the task, as the members
    of a committee do; the committee itself ("Tỉnh ủy" inside "Tỉnh ủy viên") is not named."""
    [task] = tasks_of(PARTY_HEAD, line + "\n")
    assert [b.name for b in task.bodies] == [name]
    assert task.bodies[0].role == "executor"


# ------------------------------------------------- a committee's standing board in lower case

@pytest.mark.parametrize(("line", "expected"), [
    ("1. Ban thường vụ các huyện ủy, thành ủy trực thuộc Tỉnh ủy lãnh đạo, chỉ đạo thực hiện Kế hoạch.",
     [("Ban thường vụ các huyện ủy, thành ủy trực thuộc Tỉnh ủy", "executor")]),
    ("1. Ban chấp hành Công đoàn Viên chức tỉnh chủ trì tổ chức hội nghị quán triệt.",
     [("Ban chấp hành Công đoàn Viên chức tỉnh", "lead")]),
    ("1. Ban Thường vụ các huyện ủy lãnh đạo thực hiện Kế hoạch.",
     [("Ban Thường vụ các huyện ủy", "executor")]),
])
def test_a_standing_board_typed_in_lower_case_is_a_name(line, expected):
    """"Ban thường vụ các huyện ủy" is the standing board of each district Party committee, as
    "Ban Thường vụ các huyện ủy" is: plans type the kind of a committee's board ("thường vụ",
    "chấp hành") in lower case as often as with its capital."""
    assert [roles(t) for t in tasks_of(PARTY_HEAD, line + "\n")] == [expected]


def test_a_board_the_plan_reports_to_is_no_assignee():
    """"Sở Nội vụ báo cáo Ban thường vụ kết quả": the board receives the report."""
    assert _roles("1. Sở Nội vụ tổng hợp, báo cáo Ban thường vụ Tỉnh ủy kết quả thực hiện.\n") == [[("Sở Nội vụ", "executor")]]


@pytest.mark.parametrize(("line", "expected"), [
    ("1. Ban Thường vụ Tỉnh đoàn chủ trì tổ chức diễn đàn thanh niên với pháp luật.",
     [("Ban Thường vụ Tỉnh đoàn", "lead")]),
    ("1. Ban chấp hành các Huyện đoàn phối hợp tổ chức diễn đàn.",
     [("Ban chấp hành các Huyện đoàn", "support")]),
    ("1. Các huyện đoàn, thành đoàn phối hợp tổ chức diễn đàn.",
     [("Các huyện đoàn, thành đoàn", "support")]),
])
def test_a_board_of_the_youth_union_s_committee_is_named_with_it(line, expected):
    """"Ban Thường vụ Tỉnh đoàn": the standing board of the provincial Youth Union, placed by its
    committee as "Ban Thường vụ Tỉnh ủy" is by the Party's; "Tỉnh" is no place of "Ban Thường
    vụ" with "đoàn" left over as the verb (which lost the board its "chủ trì")."""
    assert [roles(t) for t in tasks_of(PARTY_HEAD, line + "\n")] == [expected]


def test_a_passive_duty_then_the_subject_s_verb_with_no_comma():
    """"UBND các huyện được giao theo dõi địa bàn triển khai thực hiện": the passive clause
    (its duty's verb and object) says which are meant, the next verb is what they do; a
    clause whose duty is a role's cue ("được giao chủ trì tổ chức ...") is left as it was."""
    assert _roles("1. Ủy ban nhân dân các huyện được giao theo dõi địa bàn triển khai thực hiện Kế hoạch.\n") == [[("Ủy ban nhân dân các huyện", "executor")]]


# ------------------------------------------------- a role given in the passive

@pytest.mark.parametrize(("line", "expected"), [
    ("1. Sở Y tế được giao chủ trì tổ chức tập huấn cho cán bộ y tế cơ sở.", [("Sở Y tế", "lead")]),
    ("1. Sở Văn hóa, Thể thao và Du lịch được giao chủ trì thực hiện đề án.",
     [("Sở Văn hóa, Thể thao và Du lịch", "lead")]),
    ("1. Công an tỉnh được phân công chủ trì kiểm tra công tác phòng cháy.", [("Công an tỉnh", "lead")]),
    ("1. Sở Tư pháp được giao chủ trì, phối hợp với Sở Nội vụ rà soát văn bản.",
     [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")]),
    ("1. Ban Dân tộc được phân công phối hợp với các huyện thực hiện chính sách.",
     [("Ban Dân tộc", "support"), ("các huyện", "support")]),
])
def test_a_body_given_its_role_in_the_passive_has_that_role(line, expected):
    """"X được giao chủ trì ...": X is assigned to lead, so it leads (was: no body, or X only
    executor where a comma followed the role word)."""
    assert _roles(line + "\n") == [expected]


@pytest.mark.parametrize(("line", "expected"), [
    # a group named by what it was given keeps its clause; the role word before the duty
    ("1. Các đơn vị được giao chủ trì xây dựng đề án, căn cứ nguồn lực, bố trí cán bộ thực hiện.",
     [("Các đơn vị được giao chủ trì xây dựng đề án", "executor")]),
    ("1. UBND các huyện được giao nhiệm vụ tại Kế hoạch này, căn cứ tình hình thực tế, chủ động triển khai.",
     [("Ủy ban nhân dân các huyện", "executor")]),
])
def test_a_passive_clause_that_is_no_role_stays_as_it_was(line, expected):
    assert _roles(line + "\n") == [expected]


def test_a_group_named_by_the_role_it_was_given_has_its_duty_after_the_clause():
    """"các sở, ngành được phân công chủ trì thực hiện nhiệm vụ ... có trách nhiệm ...": the
    clause says which bodies are meant; their duty follows it, no role of theirs."""
    [task] = tasks_of(HEAD, "1. Các sở, ngành được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này có trách nhiệm xây dựng kế hoạch chi tiết.\n")
    assert {r for _n, r in roles(task)} == {"executor"}
