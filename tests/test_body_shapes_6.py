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


# ------------------------------------------------- a body named in a remark on the task

@pytest.mark.parametrize(("item", "expected"), [
    ("1. Rà soát các văn bản do Hội đồng nhân dân tỉnh ban hành (nhiệm vụ này sẽ do Sở Tư pháp thực hiện).",
     [("Sở Tư pháp", "executor")]),
    ("1. Tổ chức thanh tra việc thực hiện chính sách. Nội dung này do Thanh tra tỉnh chủ trì thực hiện.",
     [("Thanh tra tỉnh", "lead")]),
    ("1. Kiện toàn tổ chức bộ máy các cơ quan chuyên môn (việc này do Sở Nội vụ đảm nhiệm).",
     [("Sở Nội vụ", "executor")]),
    ("1. Rà soát các văn bản quy phạm pháp luật (do Sở Tư pháp thực hiện).", [("Sở Tư pháp", "executor")]),
    ("1. Rà soát các văn bản quy phạm pháp luật (Sở Tư pháp chịu trách nhiệm thực hiện).",
     [("Sở Tư pháp", "executor")]),
    ("1. Tuyên truyền Nghị định số 30/2020/NĐ-CP do Chính phủ ban hành (nhiệm vụ này do Sở Tư pháp thực hiện).",
     [("Sở Tư pháp", "executor")]),
    # the agent's own cue, then another's part: the one leads, the other supports
    ("1. Rà soát thủ tục hành chính; nội dung này sẽ do Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thực hiện.",
     [("Sở Nội vụ", "support"), ("Sở Tư pháp", "lead")]),
    # a part of the task set apart ("riêng ...") with its own doer
    ("1. Sở Nội vụ chủ trì kiện toàn bộ máy; riêng nội dung đào tạo sẽ do Sở Giáo dục và Đào tạo thực hiện.",
     [("Sở Nội vụ", "lead"), ("Sở Giáo dục và Đào tạo", "executor")]),
    ("1. Sở Nội vụ chủ trì kiện toàn bộ máy. Nội dung này do Thanh tra tỉnh phối hợp thực hiện.",
     [("Sở Nội vụ", "lead"), ("Thanh tra tỉnh", "support")]),
    # a cause before the remark is no agent
    ("1. Tổ chức tập huấn trực tuyến do tình hình dịch bệnh, nhiệm vụ này do Sở Y tế thực hiện.",
     [("Sở Y tế", "executor")]),
])
def test_a_remark_naming_who_does_the_task_gives_it_that_body(item, expected):
    """"(nhiệm vụ này sẽ do Sở Tư pháp thực hiện)": a remark on the task, naming it by an
    anaphora ("nhiệm vụ này", "nội dung này", "việc này") or set alone in a bracket, says who
    does it, in the passive: "do" + the agent + a verb of doing the work. "chủ trì" makes the
    agent lead, "phối hợp" support, any other such verb executor."""
    assert _roles(item + "\n") == [expected]


@pytest.mark.parametrize(("body", "expected"), [
    ("1. Kiện toàn tổ chức bộ máy các cơ quan chuyên môn.\nGhi chú: nhiệm vụ này giao Sở Nội vụ thực hiện.\n",
     [("Sở Nội vụ", "executor")]),
    ("1. Kiện toàn tổ chức bộ máy các cơ quan chuyên môn.\nGhi chú: nhiệm vụ này được giao cho Sở Nội vụ thực hiện.\n",
     [("Sở Nội vụ", "executor")]),
    # under a body heading the heading's body keeps the task, the remark's joins it
    ("2. Sở Tư pháp\n- Rà soát văn bản quy phạm pháp luật (nội dung này sẽ do Sở Nội vụ thực hiện).\n",
     [("Sở Tư pháp", "executor"), ("Sở Nội vụ", "executor")]),
])
def test_a_note_under_an_item_gives_it_the_body_it_names(body, expected):
    """"Ghi chú: nhiệm vụ này được giao cho Sở Nội vụ ...": the note is the task's, and "được
    giao" with the task's anaphora gives it this task (not work given elsewhere before)."""
    assert _roles(body) == [expected]


def test_a_body_named_by_what_it_takes_on_is_one_body():
    """"nhiệm vụ này sẽ do cơ quan tiếp nhận chức năng, nhiệm vụ của Sở X thực hiện": a plan of a
    reorganisation names a body still to be set up by what it takes on; the agent is all the
    words between "do" and the verb that ends the remark."""
    item = "1. Kiện toàn bộ máy; nhiệm vụ này sẽ do cơ quan tiếp nhận chức năng, nhiệm vụ của Sở Kế hoạch và Đầu tư thực hiện.\n"
    assert _roles(item) == [[("cơ quan tiếp nhận chức năng, nhiệm vụ của Sở Kế hoạch và Đầu tư", "executor")]]


@pytest.mark.parametrize("item", [
    "1. Văn bản hướng dẫn do Bộ Tư pháp ban hành được phổ biến kịp thời tới cơ sở.",
    "1. Triển khai Thông tư số 01/2025/TT-BNV do Bộ Nội vụ ban hành.",
    "1. Quy chế phối hợp do Ủy ban nhân dân tỉnh Lào Cai phê duyệt được thực hiện nghiêm.",
    "1. Do Sở Y tế triển khai chậm nên kết quả còn hạn chế.",
    "1. Kết quả còn hạn chế do Sở Y tế triển khai chậm.",
    "1. Tổ chức tập huấn trực tuyến do tình hình dịch bệnh diễn biến phức tạp.",
    "1. Kiểm tra hiện trường (do Đoàn kiểm tra không thực hiện được việc đo đạc).",
])
def test_a_do_naming_a_document_s_author_or_a_cause_gives_no_body(item):
    """"do Bộ Nội vụ ban hành" names who issued a document the task names, not who does the
    task; "Do X triển khai chậm nên ..." and "... do X triển khai chậm" give a cause."""
    assert _roles(item + "\n") == [[]]


# ------------------------------------------------- a body named in a footnote

TABLE_HEAD = ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nSố: 12/KH-UBTVQH15\n\nHà Nội, ngày 10 tháng 1 năm 2025\n\n"
              "KẾ HOẠCH\nSửa đổi các nghị quyết về tổ chức bộ máy\n\n")


def _table(rows: str, notes: str) -> list[list[tuple[str, str]]]:
    text = (TABLE_HEAD + "| TT | Tên văn bản | Cơ quan soạn thảo | Cơ quan thẩm tra | Tiến độ |\n"
            "|---|---|---|---|---|\n" + rows + "\n" + notes)
    return [roles(t) for t in tasks_of(text, "")]


def test_a_footnote_naming_who_will_do_a_part_gives_that_body_the_marked_body_s_role():
    """"Ủy ban Xã hội chủ trì thẩm tra [1]" / "[1] Sau khi sửa đổi Luật ... thì nội dung này sẽ do
    Ủy ban Văn hóa và Xã hội thực hiện": the note says who takes over the marked work, so the
    body it names has the role of the body the marker follows (lead); after a bodies column's
    name that has no cue, that column's role."""
    rows = ("| 1 | Nghị quyết sửa đổi Quy chế thi đua | Ban Công tác đại biểu | Ủy ban Xã hội chủ trì thẩm tra [1] | Tháng 3/2025 |\n"
            "| 2 | Nghị quyết ban hành Quy chế đối ngoại | Ủy ban Đối ngoại [2] | Ủy ban Pháp luật chủ trì thẩm tra | Tháng 4/2025 |\n")
    notes = ("[1] Sau khi sửa đổi, bổ sung Luật Tổ chức Quốc hội thì nội dung này sẽ do Ủy ban Văn hóa và Xã hội thực hiện.\n\n"
             "[2] Sau khi sửa đổi, bổ sung Luật Tổ chức Quốc hội thì nội dung này sẽ do Ủy ban của Quốc hội tiếp nhận nhiệm vụ của Ủy ban Đối ngoại thực hiện\n")
    assert _table(rows, notes) == [
        [("Ban Công tác đại biểu", "executor"), ("Ủy ban Xã hội", "lead"), ("Ủy ban Văn hóa và Xã hội", "lead")],
        [("Ủy ban Đối ngoại", "executor"), ("Ủy ban Pháp luật", "lead"),
         ("Ủy ban của Quốc hội tiếp nhận nhiệm vụ của Ủy ban Đối ngoại", "executor")],
    ]


def test_a_footnote_on_the_task_s_words_gives_the_role_of_its_own_verb():
    body = ("1. Sửa đổi Quy chế làm việc của Ủy ban nhân dân tỉnh [1].\n\n"
            "[1] Nội dung này do Văn phòng Ủy ban nhân dân tỉnh chủ trì thực hiện.\n")
    assert _roles(body) == [[("Văn phòng Ủy ban nhân dân tỉnh", "lead")]]


def test_a_footnote_citing_a_document_names_no_body():
    """A footnote that gives a task's legal ground ("[1] Thông tư ... do Bộ Tư pháp ban hành")
    names the document's author, no doer."""
    body = ("1. Tổ chức phổ biến pháp luật cho cán bộ, công chức [1].\n\n"
            "[1] Theo Thông tư số 10/2025/TT-BTP do Bộ Tư pháp ban hành.\n")
    assert _roles(body) == [[]]


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
