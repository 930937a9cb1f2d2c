"""Shapes of plans never seen by the project (other provinces, ministries and years), each a
few lines of our own (invented bodies, numbers and dates), checked against the annotation
guide's rules and the way Vietnamese administrative documents are written (Nghị định
30/2020), each with a shape that looks alike and must not be read so."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from ingest.extract import extract_text

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nSố: 41/KH-UBND\n\nCao Bằng, ngày 12 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nPhát triển thương mại điện tử năm 2026\n\nCăn cứ Luật Thương mại năm 2005;\n\n")


def _tasks(body: str, head: str = HEAD + "II. TỔ CHỨC THỰC HIỆN\n\n"):
    return extract_text(head + body).tasks


def _roles(task) -> list[tuple[str, str]]:
    return [(b.name, b.role) for b in task.bodies]


# ------------------------------------------------------------- cues in brackets, encouraging

def test_an_assignment_in_brackets_after_the_task_names_its_bodies():
    """"... ban hành Quy chế (Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính)": the bracket
    that closes a task gives it, as "giao" does in running text."""
    [task] = _tasks("1. Xây dựng và tham mưu UBND tỉnh ban hành Quy chế quản lý chợ đầu mối (Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính tham mưu).\n")
    assert _roles(task) == [("Sở Công Thương", "lead"), ("Sở Tài chính", "support")]


def test_a_body_in_brackets_without_a_cue_is_not_given_the_task():
    [task] = _tasks("1. Rà soát các chợ đầu mối trên địa bàn (Sở Công Thương đã tổng hợp năm 2025) và đề xuất phương án sắp xếp.\n")
    assert ("Sở Công Thương", "lead") not in _roles(task)


def test_a_task_that_opens_by_encouraging_bodies_is_theirs():
    """"17. Khuyến khích Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh xây dựng ...": a body
    the issuer cannot order is encouraged to take the task on; it is the one to act."""
    [task] = _tasks("17. Khuyến khích Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh xây dựng kế hoạch hỗ trợ hội viên bán hàng trên sàn thương mại điện tử.\n")
    assert _roles(task) == [("Hội Nông dân tỉnh", "executor"), ("Liên minh Hợp tác xã tỉnh", "executor")]


def test_encouraging_inside_a_body_s_task_is_that_body_s_means():
    """"Sở Công Thương: ... khuyến khích các doanh nghiệp ..." and "Tổ chức cuộc thi để
    khuyến khích các doanh nghiệp ...": the encouraged are no assignees of the task."""
    tasks = _tasks("1. Sở Công Thương\n\n- Tổ chức cuộc thi để khuyến khích các doanh nghiệp nhỏ và vừa bán hàng trực tuyến.\n\n"
                   "- Hướng dẫn hồ sơ đăng ký sàn; khuyến khích các hợp tác xã tham gia sàn thương mại điện tử của tỉnh.\n")
    assert [_roles(t) for t in tasks] == [[("Sở Công Thương", "executor")]] * 2


# -------------------------------------------------------------------- headings that list

def test_a_heading_that_lists_bodies_the_grammar_does_not_know_names_them_all():
    """"5. Các tổ chức chính trị - xã hội, tổ chức xã hội, hợp tác xã và cộng đồng.": a heading
    of bodies that goes on listing in lower case, with no verb, names every piece; the text
    below it is their task, not a second one."""
    tasks = _tasks("5. Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp, hợp tác xã và cộng đồng.\n\n"
                   "Tham gia tuyên truyền, vận động người dân sử dụng dịch vụ thanh toán không dùng tiền mặt.\n")
    assert len(tasks) == 1
    assert tasks[0].text.startswith("Tham gia tuyên truyền")
    assert _roles(tasks[0]) == [(name, "support") for name in (  # "Tham gia ...": they take part
        "Các tổ chức chính trị - xã hội", "tổ chức xã hội - nghề nghiệp", "hợp tác xã", "cộng đồng")]


def test_a_heading_of_one_group_and_a_field_lists_no_bodies():
    """"7. Các ngành, lĩnh vực khác" names fields of activity: one group and words after it
    are no list of bodies."""
    tasks = _tasks("7. Các ngành, lĩnh vực khác\n\nTập trung phát triển thương mại điện tử trong từng ngành, lĩnh vực.\n")
    assert [b.name for t in tasks for b in t.bodies] == []
