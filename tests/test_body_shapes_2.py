"""Who does a task, in shapes of plans the project has not seen: groups named by a relative
clause, heads of bodies listed at an item's start, groups that keep their qualifying phrase,
and roles a clause after an aside gives. Every text is invented, in the style of real plans."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from tests.shape_helpers import roles, spotted_names, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n\nSố: 77/KH-UBND\n\nKon Tum, ngày 9 tháng 2 năm 2026\n\n"
        "KẾ HOẠCH\nPhát triển du lịch cộng đồng năm 2026\n\nCăn cứ Luật Du lịch năm 2017;\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n")


def _tasks(body: str):
    return tasks_of(HEAD, body)


# ------------------------------------------------- a group named by a relative clause

@pytest.mark.parametrize(("sentence", "name"), [
    ("Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Chương trình này có trách nhiệm lập dự toán.",
     "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Chương trình này"),
    ("Các sở, ngành được giao nhiệm vụ tại Kế hoạch này chịu trách nhiệm trước Chủ tịch UBND tỉnh về tiến độ.",
     "Các sở, ngành được giao nhiệm vụ tại Kế hoạch này"),
    ("Các đơn vị được giao chủ trì xây dựng đề án, căn cứ nguồn lực, bố trí cán bộ thực hiện.",
     "Các đơn vị được giao chủ trì xây dựng đề án"),
])
def test_a_group_named_by_a_relative_clause_runs_to_where_the_sentence_goes_on(sentence, name):
    """"Các cơ quan được phân công chủ trì ... theo Kế hoạch này có trách nhiệm ...": the
    passive clause names which bodies are meant, up to the duty or the comma."""
    assert spotted_names(sentence)[0] == name


def test_a_relative_clause_without_its_duty_keeps_the_known_qualifier_only():
    """With no duty or comma after it the clause may be the sentence's own: the name stops at
    the qualifier ("được giao chủ trì"), not at the end of the sentence."""
    assert spotted_names("Các cơ quan được giao chủ trì tổ chức hội nghị sơ kết.") == ["Các cơ quan được giao chủ trì"]


def test_groups_named_by_their_role_are_two_bodies_with_those_roles():
    """"Các cơ quan, đơn vị được giao chủ trì có trách nhiệm ..., các cơ quan phối hợp có
    trách nhiệm phối hợp ...": the first group carries the task out, the second supports."""
    [task] = _tasks("3. Các cơ quan, đơn vị được giao chủ trì có trách nhiệm bảo đảm tiến độ và chất lượng sản phẩm, các đơn vị phối hợp có trách nhiệm cung cấp thông tin đầy đủ, kịp thời.\n")
    assert roles(task) == [("Các cơ quan, đơn vị được giao chủ trì", "executor"),
                           ("các đơn vị phối hợp", "support")]


def test_a_role_word_followed_by_its_object_is_the_verb_not_a_name():
    """"Các sở phối hợp với Sở Du lịch ...": "phối hợp" is what the group does."""
    names = spotted_names("Các sở phối hợp với Sở Du lịch có trách nhiệm tổng hợp số liệu.")
    assert names[0] == "Các sở"


# ------------------------------------------------- heads of bodies at an item's start

def test_a_list_of_heads_in_the_singular_stands_for_the_bodies():
    """"Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch
    UBND các tỉnh ...": the heads stand for their bodies; one group, no fragment "cơ quan
    ngang bộ" of its own."""
    names = spotted_names("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương tổ chức thực hiện.")
    assert names == ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                     "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]


def test_a_heads_sentence_and_the_paragraph_that_goes_on_with_it_are_one_task():
    """An item opening with the heads, over a paragraph that opens with no assignment of its
    own ("Căn cứ ..., các bộ ... xây dựng ..."), is one task (a numbered item with no
    sub-items), its bodies those of both."""
    tasks = _tasks("2. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thực hiện Chương trình này.\n\n"
                   "Căn cứ Chương trình này, các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ xây dựng kế hoạch của mình, báo cáo kết quả về Bộ Văn hóa, Thể thao và Du lịch.\n")
    assert len(tasks) == 1
    names = [n for n, _r in roles(tasks[0])]
    assert "cơ quan ngang bộ" not in names and "cơ quan thuộc Chính phủ" not in names
    assert "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ" in names
    assert "Bộ Văn hóa, Thể thao và Du lịch" not in names  # it receives the reports


def test_a_paragraph_with_its_own_assignment_below_a_body_sentence_is_a_task_of_its_own():
    """"2. Giao Sở X chủ trì ..." over "Đồng thời, giao Sở X chủ trì ...": the second is
    another assignment, so another task."""
    tasks = _tasks("2. Giao Sở Du lịch chủ trì, phối hợp các đơn vị có liên quan theo dõi việc thực hiện Kế hoạch.\n\n"
                   "Đồng thời, giao Sở Du lịch chủ trì, phối hợp với Sở Tài chính rà soát, điều chỉnh Kế hoạch khi Luật sửa đổi có hiệu lực.\n")
    assert len(tasks) == 2
    assert ("Sở Tài chính", "support") in roles(tasks[1])
    assert ("Sở Tài chính", "support") not in roles(tasks[0])


# ------------------------------------------------- groups that keep their qualifiers

@pytest.mark.parametrize(("sentence", "name"), [
    ("Chủ trì, phối hợp với các đơn vị, địa phương có liên quan tại khu vực biên giới, cửa khẩu tăng cường tuần tra.",
     "các đơn vị, địa phương có liên quan tại khu vực biên giới, cửa khẩu"),
    ("Phối hợp với các doanh nghiệp tại khu công nghiệp và khu chế xuất tổ chức tuyên truyền.",
     "các doanh nghiệp tại khu công nghiệp và khu chế xuất"),
    ("Phối hợp các chủ dự án, tiểu dự án thành phần triển khai các hoạt động.",
     "các chủ dự án, tiểu dự án thành phần"),
    ("Các chủ đầu tư dự án, công trình báo cáo tiến độ giải ngân.",
     "Các chủ đầu tư dự án, công trình"),
])
def test_a_group_keeps_its_qualifying_phrase(sentence, name):
    assert spotted_names(sentence)[0] == name


def test_a_place_phrase_alone_makes_no_group_of_a_verb():
    """"Tổ chức tại khu vực ..." opens with the verb "tổ chức": no group."""
    assert spotted_names("Tổ chức tại khu vực cửa khẩu các buổi tuyên truyền.") == []


def test_a_group_ends_before_a_place_it_is_told_to_act_in():
    """"các sở tại hội nghị": a meeting is no place a group lies in."""
    assert spotted_names("Các sở báo cáo tại hội nghị.")[0] == "Các sở"


# ------------------------------------------------- roles after an aside, directed bodies

HEADING = "3. Ủy ban nhân dân các xã, thị trấn\n\n"


@pytest.mark.parametrize(("item", "role", "partner"), [
    # the aside names what the work rests on (commas inside it), then the body's action
    ("a) Căn cứ chức năng, nhiệm vụ, quyền hạn và theo quy định của Luật Du lịch, các văn bản hướng dẫn của Bộ, ngành và tỉnh, phối hợp với Sở Du lịch khảo sát điểm đến.\n", "support", True),
    ("a) Căn cứ điều kiện thực tế của địa phương, tham gia cùng Sở Du lịch xây dựng sản phẩm.\n", "support", False),
    ("a) Trên cơ sở hướng dẫn của Sở Du lịch, chủ trì tổ chức lễ hội văn hóa cấp xã.\n", "lead", False),
    # a verb of its own comes first: the body's own task, whatever it does with others later
    ("a) Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch năm, phối hợp với Sở Du lịch tổ chức thực hiện.\n", "executor", True),
])
def test_the_first_action_after_an_aside_gives_the_heading_body_its_role(item, role, partner):
    """(The owner of the guidance an aside names, "hướng dẫn của Sở Du lịch", is no assignee.)"""
    [task] = _tasks(HEADING + item)
    assert ("Ủy ban nhân dân các xã, thị trấn", role) in roles(task)
    assert (("Sở Du lịch", "support") in roles(task)) == partner


def test_bodies_a_task_directs_to_take_part_support_it():
    """"Chỉ đạo các ban, ngành, đoàn thể chủ động, tích cực phối hợp với ...": the directed
    bodies take part; bodies directed to any other verb are the heading body's means."""
    support, other = _tasks(HEADING + "a) Chỉ đạo các ban, ngành, đoàn thể chủ động, tích cực phối hợp với lực lượng Công an rà soát người lưu trú.\n\n"
                            "b) Chỉ đạo các trường học tổ chức ngày hội du lịch.\n")
    assert ("các ban, ngành, đoàn thể", "support") in roles(support)
    assert ("lực lượng Công an", "support") in roles(support)
    assert [n for n, _r in roles(other)] == ["Ủy ban nhân dân các xã, thị trấn"]


def test_the_heading_body_written_with_cac_in_its_task_is_that_body():
    """Under "3. Ủy ban nhân dân xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn phân công
    ..." names the heading's body again (the "các" of its plural), not another."""
    [task] = _tasks("3. Ủy ban nhân dân xã, thị trấn\n\na) Ủy ban nhân dân các xã, thị trấn phân công cán bộ theo dõi các điểm du lịch cộng đồng.\n")
    assert len(roles(task)) == 1


# ------------------------------------------------- foreign counterparts

@pytest.mark.parametrize(("item", "kept", "dropped"), [
    ("a) Phối hợp với Cục Cảnh sát Quốc gia Thái Lan và Bộ Công an trao đổi thông tin về tội phạm xuyên biên giới.\n",
     ["Bộ Công an"], ["Cục Cảnh sát Quốc gia Thái Lan"]),
    ("a) Tiếp tục phối hợp với Ủy ban Biên giới Chính phủ Campuchia, Bộ Ngoại giao tổ chức phân giới cắm mốc.\n",
     ["Bộ Ngoại giao"], ["Ủy ban Biên giới Chính phủ Campuchia"]),
    # ours, though it names another country
    ("a) Phối hợp với Hội Hữu nghị Việt Nam - Lào tổ chức giao lưu văn hóa.\n",
     ["Hội Hữu nghị Việt Nam - Lào"], []),
])
def test_a_foreign_states_body_is_a_counterpart_not_an_assignee(item, kept, dropped):
    """A Vietnamese plan can neither order nor request a foreign government's body (DOMAIN.md:
    it assigns bodies under it and requests those of the country's own system): working with
    it ("phối hợp với ... Chính phủ Campuchia") makes it no support of the task."""
    [task] = _tasks("3. Sở Ngoại vụ\n\n" + item)
    names = [n for n, _r in roles(task)]
    assert all(k in names for k in kept)
    assert not any(d in names for d in dropped)
    assert "Sở Ngoại vụ" in names


def test_a_group_of_its_own_words_in_a_list_after_named_bodies_is_a_member():
    """"phối hợp Sở Tư pháp, Sở Nội vụ, doanh nghiệp đối tác để ...": the group
    needs no "các" where it ends a list the names open; alone it may be the sentence's words."""
    [task] = _tasks("3. Sở Ngoại vụ\n\na) Xây dựng cơ sở dữ liệu đối ngoại, phối hợp Sở Tư pháp, Sở Nội vụ, doanh nghiệp đối tác để vận hành.\n")
    assert ("doanh nghiệp đối tác", "support") in roles(task)
    assert spotted_names("Hỗ trợ doanh nghiệp đối tác phát triển.") == []


@pytest.mark.parametrize(("sentence", "name"), [
    ("Phòng An ninh kinh tế nội bộ Công an tỉnh chủ trì kiểm tra.", "Phòng An ninh kinh tế nội bộ Công an tỉnh"),
    ("Đội Kiểm tra nghiệp vụ số hai Thanh tra tỉnh phối hợp.", "Đội Kiểm tra nghiệp vụ số hai Thanh tra tỉnh"),
])
def test_a_unit_named_with_the_body_it_belongs_to_is_never_cut_inside_that_body(sentence, name):
    """"Phòng X Công an tỉnh": the body's kind ("Công an", "Thanh tra") is one word of the
    unit's name, not cut after its capital ("... Công" / "an tỉnh" left as a verb)."""
    assert spotted_names(sentence)[0] == name


def test_the_members_listed_for_a_body_being_set_up_are_no_assignees():
    """A list of names that ends its clause (";") without a verb names who sits on a body,
    not who acts."""
    [task] = _tasks("5. Kiện toàn Tổ công tác liên ngành của tỉnh, gồm đại diện lãnh đạo Sở Tài chính. Sở Tư pháp, Phòng An ninh kinh tế nội bộ Công an tỉnh; thường trực Tổ công tác là Công an tỉnh.\n")
    assert roles(task) == []


@pytest.mark.parametrize(("sentence", "names"), [
    # each member's head with its "các", the later ones of the kinds of a state agency
    ("Bộ trưởng các bộ, Thủ trưởng các cơ quan ngang bộ, cơ quan thuộc Chính phủ chỉ đạo thực hiện.",
     ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
    ("Bộ trưởng, Thủ trưởng các cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh có trách nhiệm chỉ đạo.",
     ["các bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh"]),
    # heads of bodies of different kinds: a group each
    ("Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các xã chịu trách nhiệm thực hiện.",
     ["các sở", "các ban, ngành tỉnh", "Ủy ban nhân dân các xã"]),
])
def test_heads_listed_with_their_bodies_nouns_stand_for_those_bodies(sentence, names):
    assert spotted_names(sentence) == names


@pytest.mark.parametrize(("sentence", "name"), [
    ("Chủ trì, phối hợp với các cơ quan thành viên Ban Chỉ đạo tỉnh tổ chức kiểm tra.",
     "các cơ quan thành viên Ban Chỉ đạo tỉnh"),
    ("Phối hợp với các đơn vị chức năng trên địa bàn khu kinh tế cửa khẩu tổ chức tuần tra.",
     "các đơn vị chức năng trên địa bàn khu kinh tế cửa khẩu"),
    # the issuer's own area places nothing: the plan's scope is it
    ("Các cơ quan, đơn vị trên địa bàn tỉnh thực hiện nghiêm việc công khai.", "Các cơ quan, đơn vị"),
    ("Phối hợp với các cơ sở đào tạo trên địa bàn tổ chức tuyển sinh.", "các cơ sở đào tạo"),
])
def test_members_of_a_body_and_groups_placed_in_an_area_keep_it_in_their_name(sentence, name):
    assert spotted_names(sentence)[0] == name


@pytest.mark.parametrize("before", [
    "Phối hợp với các cơ quan thành viên ", "Mời các đồng chí Ủy viên ", "Giao thành viên ",
    "các đơn vị thành viên của ", "Các thành viên các thành viên ", "Giao cơ quan ",
    "thành viên\n", "Các ủy viên  ",
])
def test_the_members_words_read_backwards_from_the_name_are_those_read_forwards(before):
    """spot._members_re searches the words before a name from the name back (REVERSE): the
    words found are those a forward search of the window finds."""
    import regex

    from ingest.spot import _members_re

    backwards = _members_re()[0]
    forwards = regex.compile(backwards.pattern, backwards.flags & ~regex.REVERSE)
    text = before + "Ban Chỉ đạo tỉnh"
    at = len(before)

    def span(pattern):
        m = pattern.search(text, max(0, at - 80), at)
        return m and m.span()

    assert span(backwards) == span(forwards)


def test_named_bodies_followed_by_the_clause_that_says_which_are_meant_still_act():
    """"Các sở, ngành, Ủy ban nhân dân các huyện được giao nhiệm vụ tại Kế hoạch này, căn cứ
    ..., chủ động xây dựng ...": the passive clause and the aside stand between the list and
    its verb; the list is the subject. A body something is given to in passing is not."""
    first, second = _tasks("1. Các sở, ban, ngành, Ủy ban nhân dân các huyện được giao nhiệm vụ tại Chương trình này, căn cứ chức năng, nhiệm vụ, chủ động xây dựng kế hoạch.\n\n"
                           "2. Kinh phí được giao cho Sở Du lịch theo quy định hiện hành.\n")
    assert roles(first) == [("Các sở, ban, ngành", "executor"), ("Ủy ban nhân dân các huyện", "executor")]
    assert roles(second) == []


# ------------------------------------------------- the Fatherland Front by any of its names

@pytest.mark.parametrize(("written", "stored"), [
    ("MTTQVN tỉnh", "Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("MTTQ Việt Nam tỉnh", "Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("UBMTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ủy ban Mặt trận Tổ quốc, Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Thường trực UBMTTQVN tỉnh", "Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
])
def test_the_fatherland_front_is_found_and_stored_whole_by_its_short_forms(written, stored):
    """Every short form of [abbreviations] matches where its long form is a body's pattern:
    the long form is written out whole in the pattern, never hidden by ",?"."""
    [task] = _tasks(f"a) Đề nghị {written} phối hợp tuyên truyền, vận động Nhân dân.\n")
    assert roles(task) == [(stored, "requested")]
