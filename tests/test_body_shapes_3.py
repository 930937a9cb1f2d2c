"""Who does a task, in more shapes of plans the project has not seen: a long form before its
own abbreviation, the levels listed with the bodies of them ("các cấp, ngành"), nouns listed
without their comma, bodies named with who set them up, the one who divides a team's work,
and long unit names. Every text is invented, in the style of real plans."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from tests.shape_helpers import roles, spotted_names, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\n\nSố: 41/KH-UBND\n\nĐiện Biên, ngày 3 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nQuản lý tài nguyên khoáng sản năm 2026\n\nCăn cứ Luật Địa chất và khoáng sản năm 2024;\n\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n")


def _tasks(body: str):
    return tasks_of(HEAD, body)


# ------------------------------------------------- long unit names (no count of words)

@pytest.mark.parametrize(("sentence", "name"), [
    ("Trung tâm Phát triển quỹ đất và cụm công nghiệp tỉnh chủ trì rà soát quỹ đất sạch.",
     "Trung tâm Phát triển quỹ đất và cụm công nghiệp tỉnh"),
    ("Giao Trung tâm Kỹ thuật đo đạc bản đồ và quan trắc môi trường tỉnh lập bản đồ hiện trạng.",
     "Trung tâm Kỹ thuật đo đạc bản đồ và quan trắc môi trường tỉnh"),
    ("Trung tâm Ứng dụng tiến bộ khoa học kỹ thuật nông nghiệp công nghệ cao tỉnh thực hiện thí điểm.",
     "Trung tâm Ứng dụng tiến bộ khoa học kỹ thuật nông nghiệp công nghệ cao tỉnh"),
    ("Phòng Cải cách hành chính và công tác thanh niên tham mưu dự thảo kế hoạch.",
     "Phòng Cải cách hành chính và công tác thanh niên"),
])
def test_a_long_unit_name_runs_to_its_place_or_the_verb_however_many_words(sentence, name):
    """A field's lower-case words end at a verb, a cue or a place, not after a count of them
    (which left the name's last word to be read as the sentence's verb); a "và" before words
    that run on to the name's place joins two of its fields."""
    assert spotted_names(sentence)[0] == name


def test_a_long_unit_name_keeps_its_role():
    [task] = _tasks("1. Trung tâm Phát triển quỹ đất và cụm công nghiệp tỉnh chủ trì, phối hợp với Sở Tài chính rà soát quỹ đất.\n")
    assert roles(task) == [("Trung tâm Phát triển quỹ đất và cụm công nghiệp tỉnh", "lead"),
                           ("Sở Tài chính", "support")]


@pytest.mark.parametrize(("sentence", "names"), [
    ("Sở Nội vụ và cơ quan liên quan tổ chức kiểm tra.", ["Sở Nội vụ", "cơ quan liên quan"]),
    ("Sở Tài chính và các sở liên quan bố trí kinh phí.", ["Sở Tài chính", "các sở liên quan"]),
    ("Sở Y tế và chính quyền địa phương tổ chức tiêm chủng.", ["Sở Y tế", "chính quyền địa phương"]),
])
def test_a_va_before_another_body_still_opens_it(sentence, names):
    """"và" before a group's noun, a head or an authority opens the next body."""
    assert spotted_names(sentence) == names


def test_a_va_with_no_place_after_its_words_is_the_sentences():
    """With no place to close the name, words after "và" may be the sentence's own."""
    assert spotted_names("Trung tâm Y tế và tiêm chủng mở rộng đợt hai.")[0] == "Trung tâm Y tế"


# ------------------------------------------------- nouns listed without their comma

@pytest.mark.parametrize(("sentence", "name"), [
    ("Các tổ chức cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
     "Các tổ chức cá nhân có liên quan"),
    ("Đề nghị các cơ quan đơn vị liên quan phối hợp thực hiện.", "các cơ quan đơn vị liên quan"),
    ("Các sở, ban, ngành đoàn thể tỉnh chủ động tuyên truyền.", "Các sở, ban, ngành đoàn thể tỉnh"),
])
def test_nouns_of_a_list_written_without_a_comma_are_one_group(sentence, name):
    """"các tổ chức cá nhân có liên quan": one group, as with its comma, not two bodies."""
    assert spotted_names(sentence) == [name]


def test_a_noun_that_is_also_a_verb_is_not_joined_without_a_comma():
    """"Các đơn vị tổ chức hội nghị": "tổ chức" is what the group does."""
    [task] = _tasks("1. Các đơn vị tổ chức hội nghị sơ kết việc thực hiện Kế hoạch.\n")
    assert roles(task) == [("Các đơn vị", "executor")]


def test_an_unjoined_group_is_one_assignee_of_a_closing_clause():
    [task] = _tasks("1. Chánh Văn phòng, Trưởng phòng Kinh tế, các tổ chức cá nhân có liên quan chịu trách nhiệm thực hiện Kế hoạch này.\n")
    assert ("các tổ chức cá nhân có liên quan", "executor") in roles(task)
    assert all(name != "cá nhân có liên quan" for name, _role in roles(task))


# ------------------------------------------------- the levels listed with their bodies

@pytest.mark.parametrize(("sentence", "name"), [
    ("Các cấp, ngành chủ động xây dựng kế hoạch kiểm tra định kỳ.", "Các cấp, ngành"),
    ("Các cấp, các ngành tăng cường tuyên truyền pháp luật về khoáng sản.", "Các cấp, các ngành"),
    ("Các cấp, các ngành, các địa phương rà soát các khu vực mỏ.", "Các cấp, các ngành, các địa phương"),
])
def test_the_levels_listed_with_the_bodies_of_them_are_a_group(sentence, name):
    """"Các cấp, ngành chủ động ...": the subject of its clause, one group."""
    [task] = _tasks(f"1. {sentence}\n")
    assert roles(task) == [(name, "executor")]


@pytest.mark.parametrize("sentence", [
    "Ban Chỉ đạo các cấp tổ chức sơ kết.",
    "Chính quyền các cấp chủ động rà soát.",
])
def test_the_levels_alone_are_a_scope_not_a_group(sentence):
    """"các cấp" alone places the body before it ("Ban Chỉ đạo các cấp")."""
    assert spotted_names(sentence) == [sentence.split(" tổ chức")[0].split(" chủ động")[0]]


def test_bullets_opened_by_the_levels_and_by_named_bodies_are_tasks_of_their_own():
    """Two bullets, one opened by "Các cấp, ngành", one by named bodies: distinct subjects,
    so each is a task with its own bodies."""
    tasks = _tasks("6. Tăng cường thanh tra, kiểm tra hoạt động khoáng sản\n\n"
                   "- Các cấp, ngành chủ động xây dựng kế hoạch kiểm tra định kỳ và đột xuất.\n\n"
                   "- Sở Công Thương và Công an tỉnh phối hợp chặt chẽ trong việc xử lý vi phạm.\n")
    assert [roles(t) for t in tasks] == [
        [("Các cấp, ngành", "executor")],
        [("Sở Công Thương", "support"), ("Công an tỉnh", "support")]]


# ------------------------------------------------- a long form before its own abbreviation

@pytest.mark.parametrize(("item", "expected"), [
    ("Chủ tịch Ủy ban nhân dân UBND cấp xã chịu trách nhiệm toàn diện trước Chủ tịch UBND tỉnh về quản lý khoáng sản.",
     [("Ủy ban nhân dân cấp xã", "executor")]),
    ("Ủy ban nhân dân (UBND) các xã, phường chủ trì rà soát các khu vực mỏ nhỏ lẻ.",
     [("Ủy ban nhân dân các xã, phường", "lead")]),
    ("Hội đồng nhân dân HĐND các xã giám sát việc thực hiện.",
     [("Hội đồng nhân dân các xã", "executor")]),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam (UBMTTQVN) tỉnh phối hợp tuyên truyền, vận động Nhân dân.",
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested")]),
])
def test_a_long_form_before_its_own_abbreviation_is_one_body(item, expected):
    """"Chủ tịch Ủy ban nhân dân UBND cấp xã": the long form repeated by its abbreviation
    (bare or in brackets) is one body, named once, no "Ủy ban nhân dân" of its own."""
    [task] = _tasks(f"1. {item}\n")
    assert roles(task) == expected


def test_a_long_form_and_another_bodys_abbreviation_stay_two_bodies():
    """"Ủy ban nhân dân tỉnh, UBND các huyện": a list, not a repetition."""
    [task] = _tasks("1. Giao Sở Tài chính, UBND các huyện bố trí kinh phí thực hiện.\n")
    assert roles(task) == [("Sở Tài chính", "executor"), ("Ủy ban nhân dân các huyện", "executor")]


# ------------------------------------------------- a body named with who set it up

@pytest.mark.parametrize(("item", "expected"), [
    ("Ban soạn thảo do Ủy ban Thường vụ Quốc hội thành lập chủ trì soạn thảo dự án Luật.",
     [("Ban soạn thảo do Ủy ban Thường vụ Quốc hội thành lập", "lead")]),
    ("Tổ công tác do Chủ tịch UBND tỉnh thành lập có trách nhiệm kiểm tra tiến độ các dự án.",
     [("Tổ công tác do Chủ tịch Ủy ban nhân dân tỉnh thành lập", "executor")]),
    ("Hội đồng thẩm định liên ngành do UBND tỉnh quyết định thành lập phối hợp với Sở Tài chính thẩm định hồ sơ.",
     [("Hội đồng thẩm định liên ngành do Ủy ban nhân dân tỉnh quyết định thành lập", "support"),
      ("Sở Tài chính", "support")]),
    ("Giao Tổ biên tập do Giám đốc Sở Tư pháp thành lập biên soạn tài liệu hỏi đáp.",
     [("Tổ biên tập do Giám đốc Sở Tư pháp thành lập", "executor")]),
])
def test_a_body_named_with_who_set_it_up_is_one_body_in_the_role_its_cue_gives(item, expected):
    """"Ban soạn thảo do UBTVQH thành lập": one body whose name holds the clause; who set it
    up is no assignee of the task."""
    [task] = _tasks(f"1. {item}\n")
    assert roles(task) == expected


def test_a_drafting_board_in_a_table_cell_keeps_its_founder_in_its_name():
    """A task table's "Cơ quan soạn thảo" cell: "Ban soạn thảo do UBTVQH thành lập"."""
    [task] = _tasks("| TT | Tên văn bản | Cơ quan soạn thảo | Thời gian |\n|---|---|---|---|\n"
                    "| 1 | Luật sửa đổi, bổ sung một số điều của Luật Thủy lợi | Ban soạn thảo do UBTVQH thành lập | Tháng 3/2026 |\n")
    assert roles(task) == [("Ban soạn thảo do Ủy ban Thường vụ Quốc hội thành lập", "executor")]


@pytest.mark.parametrize("sentence", [
    "Ban hành kế hoạch kiểm tra do Sở Tư pháp thành lập đoàn.",
    "Ban Chỉ đạo do đồng chí Phó Chủ tịch UBND tỉnh làm Trưởng ban.",
])
def test_no_founded_name_without_a_kind_and_a_verb_of_setting_up(sentence):
    """A verb at the sentence's start ("Ban hành ...") is no kind of body, and "do X làm
    Trưởng ban" says who heads it, not who set it up."""
    names = [*spotted_names(sentence), *(n for t in _tasks(f"1. {sentence}\n") for n, _r in roles(t))]
    assert names and all("thành lập" not in n and "làm Trưởng" not in n for n in names)


# ------------------------------------------------- the one who divides a team's work

@pytest.mark.parametrize(("item", "expected"), [
    ("Nhiệm vụ cụ thể của từng thành viên do Tổ trưởng tổ công tác phân công, tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.",
     [("tổ công tác", "executor")]),
    ("Chuẩn bị địa điểm, tài liệu. Nhiệm vụ của các thành viên do Trưởng Ban Chỉ đạo phân công.",
     [("Ban Chỉ đạo", "executor")]),
    ("Hội nghị sơ kết do Sở Nội vụ chủ trì, tổ chức vào quý III/2026.", [("Sở Nội vụ", "lead")]),
])
def test_the_agent_of_a_passive_clause_does_a_task_that_names_no_other(item, expected):
    """"Nhiệm vụ cụ thể ... do Tổ trưởng tổ công tác phân công": the head divides the work
    and stands for the team, so the team does the task, where the task names no body and
    inherits none."""
    [task] = _tasks(f"1. {item}\n")
    assert roles(task) == expected


@pytest.mark.parametrize(("item", "expected"), [
    ("Phương tiện đi lại: Xe ô tô 16 chỗ do Văn phòng Sở Tài nguyên và Môi trường bố trí.",
     [("Văn phòng Sở Tài nguyên và Môi trường", "executor")]),
    ("Hội trường tổ chức hội nghị: do Trung tâm Phát triển quỹ đất tỉnh tự bảo đảm.",
     [("Trung tâm Phát triển quỹ đất tỉnh", "executor")]),
    ("Giấy chứng nhận tập huấn: do Chi cục Kiểm lâm tỉnh cấp.", [("Chi cục Kiểm lâm tỉnh", "executor")]),
    # a scanned page read by OCR loses tone marks ("bô trí" for "bố trí")
    ("Tài liệu hội nghị do Văn phòng Sở Nội vụ tỉnh Điện Biên bô trí.",
     [("Văn phòng Sở Nội vụ tỉnh Điện Biên", "executor")]),
])
def test_a_thing_and_who_provides_it_gives_the_item_to_the_provider(item, expected):
    """An item of a plan's resources names a thing and, in a passive clause that is its whole
    predicate, who arranges it ("Xe ô tô do Văn phòng Sở bố trí"): that body does it, the
    verbs of providing as those of prose ("cấp" is a verb only where it ends the clause)."""
    [task] = _tasks(f"1. {item}\n")
    assert roles(task) == expected


@pytest.mark.parametrize("item", [
    "Kiểm tra hiện trường bằng quan sát (do Đoàn kiểm tra không được trang bị thiết bị chuyên sâu).",
    "Xe ô tô do Văn phòng Sở Nội vụ tỉnh Điện Biên cấp cho các xã quản lý.",
])
def test_a_do_clause_that_goes_on_past_its_verb_is_no_provision(item):
    """"do" also means "because" ("do Đoàn kiểm tra không được trang bị ..."): only a clause
    ending with the verb of providing names a provider."""
    [task] = _tasks(f"1. {item}\n")
    assert roles(task) == []


def test_under_a_body_heading_the_passive_agent_gives_way_to_the_heading():
    """The annotation guide: a task that names no body inherits the heading's ("3. Đoàn kiểm
    tra" / "b) Nhiệm vụ ... do Trưởng đoàn phân công")."""
    tasks = _tasks("3. Phòng Quản lý công nghiệp\n\na) Chuẩn bị hồ sơ kiểm tra.\n\n"
                   "b) Nhiệm vụ cụ thể của từng thành viên do Tổ trưởng tổ công tác phân công.\n")
    assert [roles(t) for t in tasks] == [[("Phòng Quản lý công nghiệp", "executor")]] * 2


@pytest.mark.parametrize("item", [
    "Triển khai Nền tảng phân tích dữ liệu do Bộ Khoa học và Công nghệ cung cấp, nhằm kết nối liên thông dữ liệu.",
    "Ưu tiên kinh phí từ ngân sách cho các nhiệm vụ do cơ quan nhà nước chủ trì thực hiện.",
    "Kế hoạch do Ủy ban nhân dân tỉnh ban hành được triển khai đồng bộ.",
])
def test_a_passive_clause_describing_an_object_or_the_issuers_document_names_no_assignee(item):
    """A clause opening with its verb tells what to do; "do X ..." in it describes the object
    (the platform X supplies), and the issuer's own documents are no task of the issuer."""
    [task] = _tasks(f"1. {item}\n")
    assert roles(task) == []


# ------------------------------------------------- the owner of a work named by its name

@pytest.mark.parametrize(("sentence", "name"), [
    ("Phối hợp các chủ dự án, cơ quan chủ quản Chương trình MTQG tổ chức triển khai các tiểu dự án.",
     "cơ quan chủ quản Chương trình MTQG"),
    ("Các chủ đầu tư Dự án Khu tái định cư báo cáo tiến độ giải ngân hằng tháng.",
     "Các chủ đầu tư Dự án Khu tái định cư"),
])
def test_the_owner_of_a_work_named_by_its_name_is_a_group(sentence, name):
    """"cơ quan chủ quản Chương trình MTQG": the owner's noun and kind, then the work."""
    assert name in spotted_names(sentence)


def test_an_owners_function_is_no_body():
    """"thực hiện chức năng chủ quản Chương trình MTQG": a function, not a body."""
    assert spotted_names("Sở Nông nghiệp và Môi trường thực hiện chức năng chủ quản Chương trình MTQG tại địa phương.") == \
        ["Sở Nông nghiệp và Môi trường"]


def test_an_owner_is_a_support_of_the_task_it_is_worked_with():
    [task] = _tasks("1. Phối hợp các chủ dự án, tiểu dự án thành phần, cơ quan chủ quản Chương trình MTQG tổ chức triển khai thực hiện các dự án.\n")
    assert roles(task) == [("các chủ dự án, tiểu dự án thành phần", "support"),
                           ("cơ quan chủ quản Chương trình MTQG", "support")]
