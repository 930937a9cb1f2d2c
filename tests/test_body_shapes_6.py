"""Who does a task, in shapes of real plans the extractor missed: a body named in a remark on
the task or in its footnote rather than in a bodies column or a "X chủ trì" clause; names that
hold "và" or "-"; the members of a body named with "viên". Every text is invented, in the
style of real plans."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from tests.shape_helpers import roles, spotted_names, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nSố: 88/KH-UBND\n\nTuyên Quang, ngày 12 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nTriển khai công tác phổ biến, giáo dục pháp luật năm 2026\n\n"
        "II. NHIỆM VỤ\n\n")


def _roles(body: str) -> list[list[tuple[str, str]]]:
    return [roles(t) for t in tasks_of(HEAD, body)]


# ------------------------------------------------- names that hold "và" or "-"

@pytest.mark.parametrize(("sentence", "names"), [
    ("Ủy ban Kinh tế và Ngân sách chủ trì thẩm tra dự thảo Nghị quyết.", ["Ủy ban Kinh tế và Ngân sách"]),
    ("Sau đó nội dung này do Ủy ban Văn hóa và Xã hội thực hiện.", ["Ủy ban Văn hóa và Xã hội"]),
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức các hoạt động.", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Ban Kinh tế - Ngân sách HĐND tỉnh giám sát việc thực hiện.", ["Ban Kinh tế - Ngân sách HĐND tỉnh"]),
    ("Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính.", ["Sở Khoa học và Công nghệ", "Sở Tài chính"]),
])
def test_a_name_that_holds_a_joiner_stays_whole(sentence, names):
    """Nghị định 30/2020 names a body after its fields, joined by "," "và" or "-" ("Ủy ban Kinh
    tế và Ngân sách"): where a table knows only the first field's name ("Ủy ban Kinh tế"), a
    "và" before a capital goes on with the name, as a comma or a dash does; the grammar joins
    no field that opens a body of its own."""
    assert spotted_names(sentence) == names


@pytest.mark.parametrize(("sentence", "names"), [
    ("Sở Tài chính và Sở Nội vụ tham mưu bố trí kinh phí.", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Tư pháp và Công an tỉnh phối hợp tuyên truyền.", ["Sở Tư pháp", "Công an tỉnh"]),
    ("Ủy ban Kinh tế và Ủy ban Pháp luật phối hợp thẩm tra.", ["Ủy ban Kinh tế", "Ủy ban Pháp luật"]),
    # a department's or a ministry's name a table knows is whole: its sectors are fixed by law
    ("Sở Công Thương và Quản lý thị trường tỉnh phối hợp kiểm tra.", ["Sở Công Thương"]),
    ("Bộ Công an và Quân đội phối hợp bảo đảm an ninh.", ["Bộ Công an"]),
])
def test_two_bodies_joined_by_va_are_two(sentence, names):
    """"Sở Tài chính và Sở Nội vụ": a head after "và" opens the next body; and after a name of
    a department or a ministry, whose names the tables list whole, "và" always does."""
    assert spotted_names(sentence) == names


def test_a_committee_named_after_two_fields_is_the_task_s_lead():
    assert _roles("1. Ủy ban Kinh tế và Ngân sách chủ trì thẩm tra dự thảo Nghị quyết.\n") == [
        [("Ủy ban Kinh tế và Ngân sách", "lead")]]


# ------------------------------------------------- "<word> viên": members, or not

@pytest.mark.parametrize(("sentence", "name"), [
    ("Hội viên Hội Nông dân tỉnh tham gia tuyên truyền tại cơ sở.", "Hội viên Hội Nông dân tỉnh"),
    ("Đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh tham gia tình nguyện.", "Đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Đoàn viên, hội viên Hội Liên hiệp Phụ nữ tỉnh tham gia hiến máu.", "Đoàn viên, hội viên Hội Liên hiệp Phụ nữ tỉnh"),
    ("Các Tỉnh ủy viên theo dõi địa bàn được phân công.", "Các Tỉnh ủy viên"),
    ("Các Đảng ủy viên theo dõi địa bàn được phân công.", "Các Đảng ủy viên"),
    ("Công an viên các xã tuần tra, kiểm soát.", "Công an viên các xã"),
    ("Ủy viên Ban Chấp hành Hội Nông dân tỉnh tham gia giám sát.", "Ủy viên Ban Chấp hành Hội Nông dân tỉnh"),
])
def test_words_that_name_a_body_s_members_make_them_a_group(sentence, name):
    """"thành viên", "ủy viên", "đoàn viên", "hội viên" before a body's name, "viên" after a
    Party committee's ("Tỉnh ủy viên") or the commune police's ("Công an viên"): the body's
    members, a group named with it."""
    assert name in spotted_names(sentence)


def test_members_of_a_mass_organisation_take_part():
    assert _roles("1. Hội viên Hội Nông dân tỉnh tham gia tuyên truyền tại cơ sở.\n") == [
        [("Hội viên Hội Nông dân tỉnh", "support")]]


@pytest.mark.parametrize(("sentence", "names"), [
    ("Sở Tư pháp viên chức tham gia tập huấn.", ["Sở Tư pháp"]),
    ("Nhân viên Sở Y tế hỗ trợ người dân.", ["Sở Y tế"]),
    ("Sinh viên Trường Đại học Tây Bắc tham gia tình nguyện.", ["Trường Đại học Tây Bắc"]),
    ("Cán bộ, công chức, viên chức Sở Tư pháp tham gia tập huấn.", ["Sở Tư pháp"]),
    ("Sở Nội vụ hướng dẫn cán bộ, công chức, viên chức.", ["Sở Nội vụ"]),
])
def test_employees_teachers_and_students_are_no_members(sentence, names):
    """"viên chức", "nhân viên", "giáo viên", "sinh viên" name a body's staff or its public,
    not its members: the body is named alone, and "viên" after a department's name ("Sở Tư
    pháp viên chức") joins no name."""
    assert spotted_names(sentence) == names


@pytest.mark.parametrize("item", [
    "1. Nhân viên Sở Y tế hỗ trợ người dân làm thủ tục.",
    "1. Giáo viên các trường học tham gia tập huấn.",
    "1. Cán bộ, công chức, viên chức Sở Tư pháp tham gia tập huấn.",
])
def test_a_body_s_staff_or_public_is_no_assignee(item):
    """"Nhân viên Sở Y tế hỗ trợ ...": those named are not the body, nor a group of it."""
    assert _roles(item + "\n") == [[]]
