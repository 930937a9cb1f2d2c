"""Roles of bodies (ingest/assign.py of_unit): what the task's own clauses say the body it
is given to does. Plans and names are invented; each shape follows the annotation guide."""
# ruff: noqa: E501

from __future__ import annotations

from ingest.extract import extract_text
from tests.test_bodies_data import FOOTER, HEADER

E, L, S, R = "executor", "lead", "support", "requested"


def _roles(body: str) -> dict[str, dict[str, str]]:
    record = extract_text(HEADER + body + FOOTER, source="roles.txt")
    return {" ".join(t.text.split()[:4]): {b.name: b.role for b in t.bodies} for t in record.tasks}


def test_a_heading_body_leads_supports_or_executes_by_the_bullets_own_action():
    got = _roles(
        "1. Sở Hàng hải\n\n"
        "- Chủ trì xây dựng quy chế quản lý bến thủy nội địa.\n\n"
        "- Phối hợp với Sở Tư pháp rà soát các văn bản.\n\n"
        "- Tham gia đoàn kiểm tra liên ngành.\n\n"
        "- Chủ động phối hợp với Công an tỉnh kiểm tra bến bãi.\n\n"
        "- Căn cứ chức năng, nhiệm vụ, tham gia thẩm định các dự án.\n\n"
        "- Theo dõi tình hình bến bãi; chủ trì kiểm định phương tiện.\n\n"
        "- Thống kê số liệu bến bãi; phối hợp với Sở Tài chính lập dự toán.\n")
    assert got == {
        "Chủ trì xây dựng": {"Sở Hàng hải": L},
        "Phối hợp với Sở": {"Sở Hàng hải": S, "Sở Tư pháp": S},
        "Tham gia đoàn kiểm": {"Sở Hàng hải": S},
        "Chủ động phối hợp": {"Sở Hàng hải": S, "Công an tỉnh": S},
        "Căn cứ chức năng,": {"Sở Hàng hải": S},
        "Theo dõi tình hình": {"Sở Hàng hải": L},
        # its own work, in which another takes part
        "Thống kê số liệu": {"Sở Hàng hải": E, "Sở Tài chính": S},
    }


def test_a_body_the_task_names_keeps_the_role_its_words_give():
    got = _roles("1. Sở Hàng hải\n\n- Sở Hàng hải chủ trì, phối hợp với Sở Nội vụ rà soát biên chế.\n")
    assert got == {"Sở Hàng hải chủ": {"Sở Hàng hải": L, "Sở Nội vụ": S}}


def test_a_heading_that_reads_on_into_its_bullets():
    """"b) Chủ trì, phối hợp" / "- Sở X và ... tham mưu ...": the heading's body presides,
    the bodies each bullet opens with are those it works with."""
    got = _roles(
        "1. Công an tỉnh\n\n"
        "a) Chủ trì tổ chức tuyên truyền về phòng, chống ma túy.\n\n"
        "b) Chủ trì, phối hợp\n\n"
        "- Sở Hàng hải và các đơn vị có liên quan tham mưu bố trí kinh phí.\n\n"
        "- Sở Xây dựng, Sở Tài chính rà soát cơ sở vật chất.\n")
    assert got["Sở Hàng hải và"] == {
        "Công an tỉnh": L, "Sở Hàng hải": S, "các đơn vị có liên quan": S}
    assert got["Sở Xây dựng, Sở"] == {
        "Công an tỉnh": L, "Sở Xây dựng": S, "Sở Tài chính": S}


def test_a_subject_after_an_opening_phrase_and_a_support_cue_after_a_list():
    got = _roles(
        "1. Trên cơ sở kết quả rà soát năm trước, Sở Tài chính phối hợp với các đơn vị liên quan thẩm định dự toán.\n\n"
        "2. Rà soát quy chế làm việc.\n\nĐơn vị thực hiện: Sở Hàng hải chủ trì; Sở Nội vụ, Ban Dân tộc tỉnh tham gia.\n")
    assert got["Trên cơ sở kết"] == {
        "Sở Tài chính": S, "các đơn vị liên quan": S}
    assert got["Rà soát quy chế"] == {"Sở Hàng hải": L, "Sở Nội vụ": S, "Ban Dân tộc tỉnh": S}


def test_who_receives_is_advised_or_owns_is_no_assignee_in_a_line():
    got = _roles(
        "1. Rà soát các quy định về bến thủy nội địa.\n\n"
        "Cơ quan thực hiện: Sở Hàng hải chủ trì tham mưu Ủy ban nhân dân tỉnh ban hành quy chế; "
        "các sở, ngành liên quan rà soát văn bản thuộc nhiệm vụ của cơ quan, đơn vị và gửi kết quả "
        "về Sở Tư pháp để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh.\n")
    assert got == {"Rà soát các quy": {"Sở Hàng hải": L, "các sở, ngành liên quan": E}}


def test_titles_of_heads_are_no_names_left_over_in_a_line():
    got = _roles("1. Kiện toàn tổ công tác.\n\nChủ trì thực hiện: Tư lệnh các quân khu; Chủ tịch UBND các huyện.\n")
    assert got == {"Kiện toàn tổ công": {"các quân khu": L, "Ủy ban nhân dân các huyện": L}}


def test_a_heading_body_with_an_aside_keeps_its_bullets_as_tasks():
    got = _roles("1. Sở Hàng hải (cơ quan chủ trì)\n\n- Chủ trì lập quy hoạch bến bãi.\n\n- Tổng hợp số liệu bến bãi.\n")
    assert got == {"Chủ trì lập quy": {"Sở Hàng hải": L}, "Tổng hợp số liệu": {"Sở Hàng hải": E}}


def test_a_labelled_line_and_the_bodies_the_text_works_with():
    """The line names who; the text adds whom it works with, never a subject of its own."""
    got = _roles("1. Lập quy hoạch bến bãi.\n\na) Nhiệm vụ: Tham mưu UBND tỉnh phối hợp với Bộ Hàng hải lập quy hoạch bến bãi.\n\n"
                 "b) Cơ quan chủ trì: Sở Hàng hải.\n")
    assert got == {"Lập quy hoạch bến": {"Sở Hàng hải": L, "Bộ Hàng hải": S}}


def test_a_subjects_cue_after_an_adverb_of_how_it_acts():
    """"X chủ động phối hợp với Y", "X tiếp tục chủ trì": the adverb tells how the subject
    acts, the cue what it does; a frequency ("thường xuyên phối hợp chặt chẽ với") tells of a
    standing duty of its own, so the body still carries the task out."""
    got = _roles(
        "1. Ban Quản lý bến bãi tỉnh chủ động phối hợp với Sở Hàng hải kiểm tra phương tiện.\n\n"
        "2. Ủy ban nhân dân các huyện tiếp tục chủ trì rà soát bến thủy nội địa.\n\n"
        "3. Ban Dân tộc tỉnh căn cứ chức năng, nhiệm vụ, tham gia thẩm định các dự án.\n\n"
        "4. Các đơn vị, địa phương thường xuyên phối hợp chặt chẽ với Hội Nông dân tỉnh tuyên truyền pháp luật.\n")
    assert got["Ban Quản lý bến"] == {"Ban Quản lý bến bãi tỉnh": S, "Sở Hàng hải": S}
    assert got["Ủy ban nhân dân"] == {"Ủy ban nhân dân các huyện": L}
    assert got["Ban Dân tộc tỉnh"] == {"Ban Dân tộc tỉnh": S}
    assert got["Các đơn vị, địa"]["Các đơn vị, địa phương"] == E


def test_a_task_that_opens_by_requiring_bodies_is_theirs_in_the_issuers_voice():
    """"Yêu cầu Thủ trưởng các cơ quan, đơn vị ... triển khai" orders those bodies; under a
    body heading the same words are that body's means, and its enterprises no assignees."""
    got = _roles(
        "1. Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các huyện nghiêm túc triển khai quy chế bến bãi.\n\n"
        "2. Sở Hàng hải\n\n"
        "- Yêu cầu các doanh nghiệp vận tải biển báo cáo số liệu hằng quý.\n")
    assert got["Yêu cầu Thủ trưởng"] == {"các cơ quan, đơn vị": E, "Ủy ban nhân dân các huyện": E}
    assert got["Yêu cầu các doanh"] == {"Sở Hàng hải": E}


def test_a_subject_whose_verb_follows_an_aside_or_a_passive_qualifier():
    """"X, trên cơ sở đề xuất của ..., chủ trì ...": a phrase set off by commas stands between
    the subject and its cue; "X và Y được phân công ... có trách nhiệm ...": the modal a few
    words on is the subject's."""
    got = _roles(
        "1. Sở Hàng hải, trên cơ sở báo cáo của các cơ quan, đơn vị, chủ trì tổng hợp nhu cầu bến bãi.\n\n"
        "2. Ban Dân tộc tỉnh, theo chức năng, nhiệm vụ được giao, phối hợp với Sở Nội vụ rà soát biên chế.\n\n"
        "3. Căn cứ nội dung Kế hoạch, các sở, ngành và Ủy ban nhân dân các huyện được phân công chủ trì "
        "thực hiện nhiệm vụ tại Kế hoạch này có trách nhiệm xây dựng kế hoạch chi tiết.\n")
    assert got["Sở Hàng hải, trên"] == {"Sở Hàng hải": L}
    assert got["Ban Dân tộc tỉnh,"] == {"Ban Dân tộc tỉnh": S, "Sở Nội vụ": S}
    assert got["Căn cứ nội dung"] == {"các sở, ngành": E, "Ủy ban nhân dân các huyện": E}


def test_de_nghi_to_the_issuers_own_administration_is_courtesy():
    """"Đề nghị" asks a body outside the issuer's authority (requested); written to none but
    groups of the issuer's own administration ("các sở, ngành", "UBND các huyện") it is
    courtesy, and they carry the task out as ordered, in the role their own cue gives them."""
    got = _roles(
        "1. Đề nghị các sở, ban, ngành và Ủy ban nhân dân các huyện tuyên truyền quy chế bến bãi.\n\n"
        "2. Đề nghị các cơ quan, đơn vị chủ trì rà soát bến thủy nội địa.\n\n"
        "3. Đề nghị các tổ chức chính trị - xã hội tỉnh vận động hội viên.\n\n"
        "4. Đề nghị Cục Hàng hải khu vực II hướng dẫn nghiệp vụ.\n\n"
        "5. Đề nghị Tòa án nhân dân tỉnh và các cơ quan, đơn vị có liên quan phối hợp xét xử.\n")
    assert got["Đề nghị các sở,"] == {"các sở, ban, ngành": E, "Ủy ban nhân dân các huyện": E}
    assert got["Đề nghị các cơ"] == {"các cơ quan, đơn vị": L}
    assert got["Đề nghị các tổ"] == {"các tổ chức chính trị - xã hội tỉnh": R}
    assert got["Đề nghị Cục Hàng"] == {"Cục Hàng hải khu vực II": R}
    # a list with a body outside authority is asked as a whole
    assert got["Đề nghị Tòa án"] == {"Tòa án nhân dân tỉnh": R, "các cơ quan, đơn vị có liên quan": R}


def test_a_subject_with_its_unit_in_brackets_before_its_cue():
    """"Công an tỉnh (Phòng X) chủ trì, ...": the bracket names the unit that does it for the
    body; the body's cue follows it, or is the bracket itself ("Sở Y (chủ trì) ...")."""
    got = _roles(
        "1. Công an tỉnh (Phòng Cảnh sát giao thông đường thủy) chủ trì, phối hợp với Sở Hàng hải tuần tra bến bãi.\n\n"
        "2. Ban Dân tộc tỉnh (phối hợp) cung cấp số liệu về bến bãi vùng cao.\n")
    assert got["Công an tỉnh (Phòng"]["Công an tỉnh"] == L
    assert got["Công an tỉnh (Phòng"]["Sở Hàng hải"] == S
    assert got["Ban Dân tộc tỉnh"] == {"Ban Dân tộc tỉnh": S}


def test_bare_role_labels_a_taking_part_label_and_a_request_inside_a_line():
    """"Chủ trì: X" / "Phối hợp: Y" label a task's bodies as "Cơ quan chủ trì:" does; "Cơ quan
    tham gia:" takes part (support); "...; Đề nghị Z phối hợp" in a line asks Z."""
    got = _roles(
        "1. Lập bản đồ bến bãi.\n\n- Chủ trì: Sở Hàng hải.\n\n- Phối hợp: Ban Dân tộc tỉnh, các cơ quan, đơn vị liên quan.\n\n"
        "2. Kiểm tra bến bãi.\n\n- Cơ quan đầu mối: Sở Nội vụ.\n\n- Cơ quan tham gia: Viễn thông tỉnh, Bưu điện tỉnh.\n\n"
        "3. Tuyên truyền quy chế.\n\nCơ quan thực hiện: Sở Tư pháp; Đề nghị Hội Nông dân tỉnh phối hợp.\n")
    assert got["Lập bản đồ bến"] == {"Sở Hàng hải": L, "Ban Dân tộc tỉnh": S, "các cơ quan, đơn vị liên quan": S}
    assert got["Kiểm tra bến bãi."] == {"Sở Nội vụ": E, "Viễn thông tỉnh": S, "Bưu điện tỉnh": S}
    assert got["Tuyên truyền quy chế."] == {"Sở Tư pháp": E, "Hội Nông dân tỉnh": R}


def test_a_subjects_cue_after_its_duty_or_standing():
    """"X có trách nhiệm chủ trì, ...", "X là cơ quan chủ trì, ...": the duty or the standing
    comes before the cue that says what X does; a standing with no cue ("là cơ quan thường
    trực, đôn đốc ...") leaves X the executor."""
    got = _roles(
        "1. Sở Hàng hải có trách nhiệm chủ trì, phối hợp với Sở Nội vụ rà soát biên chế.\n\n"
        "2. Ban Dân tộc tỉnh là cơ quan chủ trì, phối hợp với Sở Tư pháp lập quy chế.\n\n"
        "3. Sở Lâm nghiệp có trách nhiệm phối hợp với Sở Hàng hải kiểm tra bến bãi.\n\n"
        "4. Sở Thủy sản là cơ quan thường trực, đôn đốc thực hiện Kế hoạch.\n")
    assert got["Sở Hàng hải có"] == {"Sở Hàng hải": L, "Sở Nội vụ": S}
    assert got["Ban Dân tộc tỉnh"] == {"Ban Dân tộc tỉnh": L, "Sở Tư pháp": S}
    assert got["Sở Lâm nghiệp có"] == {"Sở Lâm nghiệp": S, "Sở Hàng hải": S}
    assert got["Sở Thủy sản là"] == {"Sở Thủy sản": E}
