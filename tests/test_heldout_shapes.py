"""Shapes that plans kept aside from the project are written in, each a few lines of our own
(invented bodies, numbers and dates), checked against the annotation guide's rules: the way
Vietnamese administrative documents are written, not the strings of one plan."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.timeframes import from_phrase
from tests.shape_helpers import roles, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n\nSố: 95/KH-UBND\n\nHà Giang, ngày 07 tháng 5 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n\nCăn cứ Luật Giao dịch điện tử năm 2023;\n\n")


def _tasks(body: str, head: str = HEAD + "II. NHIỆM VỤ, GIẢI PHÁP\n\n"):
    return tasks_of(head, body)


_roles = roles


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


# ------------------------------------------------------------------------- names of bodies

def _names(text: str) -> list[str]:
    from ingest import bodynames
    return [text[n.start:n.end] for n in bodynames.find(text)]


@pytest.mark.parametrize("verb", [
    "khẩn trương xây dựng", "tích cực tham gia", "phấn đấu hoàn thành", "lựa chọn đơn vị",
    "chi trả chế độ", "ký kết thỏa thuận", "thực thi", "đề ra giải pháp", "chuẩn hóa dữ liệu",
    "làm đầu mối", "giữ vai trò", "điều phối", "phân bổ", "xác nhận", "thu hút", "củng cố",
    "định hướng", "giới thiệu", "chấp hành", "công bố", "tuyển dụng", "trình Ủy ban nhân dân tỉnh",
    "cử cán bộ", "mở lớp", "nâng cấp", "đăng ký", "quyết liệt", "thúc đẩy", "đẩy nhanh",
])
def test_a_name_no_table_knows_ends_before_the_verbs_of_administrative_prose(verb):
    """"A verb ends a name": the words where a sentence goes on after its subject are those
    of administrative prose at large, not the few of one plan."""
    assert _names(f"Trung tâm Kiểm định chất lượng {verb} các nội dung.")[0] == \
        "Trung tâm Kiểm định chất lượng"


def test_a_name_ends_where_the_plan_closes_it_elsewhere():
    """Words that are a field's as often as a verb ("phát triển", "cung ứng") end a name the
    grammar reads where the plan itself writes that name closed: a body heading, a list."""
    body = ("III. TỔ CHỨC THỰC HIỆN\n\n1. Trung tâm Dịch vụ việc làm\n\n- Tổ chức các phiên giao dịch việc làm.\n\n"
            "2. Sở Nội vụ chủ trì, phối hợp với Trung tâm Dịch vụ việc làm phát triển thị trường lao động.\n\n"
            "3. Trung tâm Dịch vụ việc làm cung ứng lao động cho doanh nghiệp.\n")
    tasks = _tasks(body, head=HEAD)
    assert [_roles(t) for t in tasks] == [
        [("Trung tâm Dịch vụ việc làm", "executor")],
        [("Sở Nội vụ", "lead"), ("Trung tâm Dịch vụ việc làm", "support")],
        [("Trung tâm Dịch vụ việc làm", "executor")]]


@pytest.mark.parametrize(("text", "names"), [
    ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy căn cứ Kế hoạch xây dựng kế hoạch.",
     ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"]),
    # "cơ sở" is their level (the grassroots), as in "chính quyền cơ sở"
    ("Các chi bộ, đảng bộ cơ sở tổ chức sinh hoạt chuyên đề.", ["Các chi bộ, đảng bộ cơ sở"]),
    ("Thủ trưởng các Vụ, Cục, đơn vị thuộc Bộ có trách nhiệm tổ chức thực hiện.",
     ["các Vụ, Cục, đơn vị thuộc Bộ"]),
    ("Vụ Pháp chế chủ trì, phối hợp với các Cục, Vụ thuộc Bộ rà soát.",
     ["Vụ Pháp chế", "các Cục, Vụ thuộc Bộ"]),
    ("Đẩy nhanh tiến độ xử lý các vụ án và các vụ việc phức tạp.", []),
    ("Các doanh nghiệp viễn thông, doanh nghiệp bưu chính ưu tiên bố trí nguồn lực.",
     ["Các doanh nghiệp viễn thông", "doanh nghiệp bưu chính"]),
    ("Các cơ sở giáo dục đại học mở thêm chuyên ngành đào tạo.", ["Các cơ sở giáo dục đại học"]),
    ("Chủ trì, phối hợp với doanh nghiệp phát triển hạ tầng số.", []),
    ("Nâng cao chất lượng giải quyết các trường hợp khiếu nại.", []),
    ("Tổ chức các hội nghị, hội thảo chuyên đề.", []),
])
def test_groups_of_party_committees_a_ministrys_units_and_kinds_of_enterprise(text, names):
    """Groups are written as common nouns: the Party's committees below the province in lower
    case, a ministry's own units with their capital ("các Vụ, Cục thuộc Bộ"), enterprises and
    schools by a kind in their own words, after "các"."""
    assert _names(text) == names


# ---------------------------------------------------------------------------- what a task is

def test_an_item_over_nothing_but_labelled_sub_items_is_their_task():
    """The guide's "a) Cơ quan chủ trì" / "b) Cơ quan phối hợp" sub-items, with the bodies
    on the lines below them, under an item that is only its title."""
    [task] = _tasks("1. Kết nối dữ liệu khám, chữa bệnh với Cơ sở dữ liệu quốc gia về dân cư\n\n"
                    "a) Cơ quan chủ trì\n\nCông an tỉnh.\n\n"
                    "b) Cơ quan phối hợp\n\n- Sở Y tế;\n\n- Ủy ban nhân dân các xã, phường.\n\n"
                    "c) Thời gian thực hiện: quý III/2026.\n")
    assert task.text == "Kết nối dữ liệu khám, chữa bệnh với Cơ sở dữ liệu quốc gia về dân cư"
    assert _roles(task) == [("Công an tỉnh", "lead"), ("Sở Y tế", "support"),
                            ("Ủy ban nhân dân các xã, phường", "support")]
    assert task.timeframe.due == "2026-09-30"


def test_a_task_that_opens_with_its_verb_is_no_passive_remark():
    """"Phong trào được triển khai từ ..." tells what happens; "Tổ chức rà soát các mỏ đã được
    khoanh định ..." tells somebody to act, whatever "được" its object's clause holds."""
    tasks = _tasks("1. Công tác đấu giá quyền khai thác khoáng sản\n\n"
                   "- Tổ chức thực hiện rà soát các mỏ khoáng sản đã được khoanh định trong quy hoạch tỉnh.\n\n"
                   "2. Phong trào thi đua được phát động từ tháng 6 đến hết tháng 12 năm 2026.\n")
    assert [t.text for t in tasks] == [
        "Tổ chức thực hiện rà soát các mỏ khoáng sản đã được khoanh định trong quy hoạch tỉnh."]


# ------------------------------------------------------------- times of events and cells

@pytest.mark.parametrize(("text", "due"), [
    ("2027", "2027-12-31"),  # a table's time cell: a year alone is that year
    ("2026.", "2026-12-31"),
    ("13h30’ ngày 29/4/2026 (Thứ Tư)", "2026-04-29"),  # the hour of an event, then its day
    ("08 giờ 00, ngày 15/5/2026", "2026-05-15"),
    ("8h00' ngày 02/6/2026", "2026-06-02"),
])
def test_a_year_alone_and_an_hour_before_the_day(text, due):
    """A time cell of a task table is often a year alone ("| 2026 |"): "năm 2026", due at its
    end, as the guide has it; an event's time is written with its hour before the day."""
    assert from_phrase(text, year=2026).due == due


@pytest.mark.parametrize("label", ["Thời gian kiểm tra", "Thời gian tổ chức", "Thời hạn nộp hồ sơ",
                                   "Thời gian huấn luyện"])
def test_the_time_of_the_event_a_plan_organises_is_its_time_line(label):
    """"Thời gian kiểm tra: ..." names when, like "Thời gian thực hiện: ...": it is the task's
    time, never a task of its own."""
    tasks = _tasks("1. Tổ chức kiểm tra việc chấp hành quy định về an toàn hóa chất tại các cơ sở\n"
                   "- Cơ quan thực hiện: Chi cục Quản lý thị trường.\n"
                   f"- {label}: 14h00 ngày 20/10/2026.\n")
    assert [t.text for t in tasks] == [
        "Tổ chức kiểm tra việc chấp hành quy định về an toàn hóa chất tại các cơ sở"]
    assert tasks[0].timeframe.due == "2026-10-20"


# -------------------------------------------------------------- heads typed in lower case

@pytest.mark.parametrize(("text", "names"), [
    ("Giao phòng Quản lý khoáng sản tổ chức thẩm định hồ sơ.", ["phòng Quản lý khoáng sản"]),
    ("Phối hợp với cơ quan Thuế, Sở Xây dựng rà soát sản lượng.", ["cơ quan Thuế", "Sở Xây dựng"]),
    ("Chánh Văn phòng Sở, Trưởng phòng Kế toán chịu trách nhiệm thi hành.",
     ["Văn phòng Sở", "phòng Kế toán"]),
    ("Tổ chức tại khu vực trung tâm Thành phố Cao Bằng.", []),
    ("Các cơ quan Trung ương đóng trên địa bàn tỉnh phối hợp.",
     ["Các cơ quan Trung ương đóng trên địa bàn tỉnh"]),
    ("Ban hành Văn bản hướng dẫn trong tháng 5.", []),
])
def test_a_head_typed_in_lower_case_before_its_field_is_a_name(text, names):
    """Inside a sentence a unit's head is often typed in lower case ("giao phòng Quản lý ...");
    its field in capitals makes it a name all the same; a place or a kind in capitals after
    it ("trung tâm Thành phố", "cơ quan Trung ương") does not, nor does a title of a head
    ("Trưởng") join the name before it."""
    assert _names(text) == names


@pytest.mark.parametrize(("text", "names"), [
    ("Trên cơ sở đó, Sở Xây dựng tổng hợp.", ["Sở Xây dựng"]),
    ("Làm việc tại trụ sở cơ quan.", []),
    ("Bảo vệ quyền sở hữu công nghiệp.", []),
    ("Các sở chủ động triển khai.", ["Các sở"]),
    ("UBND các phường xã thực hiện rà soát.", ["UBND các phường xã"]),
    ("UBND các phường, xã có liên quan phối hợp.", ["UBND các phường, xã có liên quan"]),
    ("UBND các xã phát triển kinh tế xã hội.", ["UBND các xã"]),
])
def test_no_department_in_co_so_and_communes_listed_without_their_comma(text, names):
    """"Sở" alone is a department only in its capital ("cơ sở", "trụ sở", "sở hữu" are
    words); units of a group are often listed without their comma ("các phường xã")."""
    assert _spotted(text) == names


@pytest.mark.parametrize(("text", "names"), [
    ("Sở Hàng hải phối hợp với Ban Dân tộc tỉnh thanh tra việc cấp phép.", ["Sở Hàng hải", "Ban Dân tộc tỉnh"]),
    ("Thanh tra huyện thanh tra công tác đấu thầu.", ["Thanh tra huyện"]),
    ("3. THANH TRA TỈNH", ["THANH TRA TỈNH"]),
    ("Giao Thanh tra chủ trì.", ["Thanh tra"]),
])
def test_the_inspectorate_has_its_capital_and_the_verb_none(text, names):
    """"Thanh tra" names the inspectorate with its capital (or in a heading's capitals); in
    lower case it is the verb that follows a subject ("... thanh tra việc cấp phép")."""
    assert _spotted(text) == names


def _spotted(text: str) -> list[str]:
    """The bodies a plan's text names, tables and grammar together (:mod:`ingest.spot`)."""
    from ingest import spot
    from ingest.nlp import build
    from ingest.read import clean
    return [f.text for f in spot.refs(build()(clean(text).text), "bodies")]


def test_a_subject_that_raises_responsibility_acts():
    """"nêu" ties a name to what follows only as "nêu trên"; "nêu cao trách nhiệm" is the
    subject's verb."""
    [task] = _tasks("1. Các sở, ban, ngành và UBND các xã, phường nêu cao trách nhiệm người đứng đầu trong quản lý tài nguyên.\n")
    assert _roles(task) == [("Các sở, ban, ngành", "executor"),
                            ("Ủy ban nhân dân các xã, phường", "executor")]


# --------------------------------------------------------------- đề nghị: asked or proposed

@pytest.mark.parametrize(("line", "roles"), [
    # the issuer asks: the asked body is requested, the issuer no assignee
    ("Ủy ban nhân dân tỉnh đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì giám sát.",
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested")]),
    # a department proposes to the issuer's chairman: he receives it, asked by nobody
    ("Sở Nội vụ tổng hợp hồ sơ, đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng.",
     [("Sở Nội vụ", "executor")]),
    # a department's own proposal to a ministry: the ministry is none of the plan's assignees
    ("Sở Tư pháp chủ trì thẩm định, đề nghị Bộ Tư pháp hướng dẫn nội dung vượt thẩm quyền.",
     [("Sở Tư pháp", "lead")]),
    # the issuer's request opens the clause: requested where the body is outside its authority;
    # to its own departments it is courtesy, and they carry the task out (the guide's
    # "requested" is "a body outside the issuer's authority"; the wide gold so reads "đề nghị
    # các bộ, ngành và địa phương kịp thời phản ánh" in a Government plan)
    ("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các sở, ban, ngành phản ánh về Sở Nội vụ.",
     [("các sở, ban, ngành", "executor")]),
    ("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị Hội Nông dân tỉnh phản ánh về Sở Nội vụ.",
     [("Hội Nông dân tỉnh", "requested")]),
    # "theo đề nghị của X, Y ...": X proposed, Y acts
    ("Theo đề nghị của Sở Y tế, Sở Tài chính bố trí kinh phí mua sắm trang thiết bị.",
     [("Sở Tài chính", "executor")]),
    ("Đề nghị Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh phối hợp thực hiện.",
     [("Tòa án nhân dân tỉnh", "requested"), ("Viện kiểm sát nhân dân tỉnh", "requested")]),
])
def test_de_nghi_asks_a_body_only_in_the_issuers_voice(line, roles):
    """The guide's requested body is one the issuer asks (DOMAIN.md: it can only request
    bodies outside its authority). A body that proposes ("X tổng hợp, đề nghị Y ...", "theo
    đề nghị của X") asks on its own account, and the plan never asks its own issuer."""
    [task] = _tasks(f"1. {line}\n")
    assert _roles(task) == roles


def test_a_body_under_a_heading_proposes_to_the_issuer():
    tasks = _tasks("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n- Bố trí kinh phí thực hiện Kế hoạch.\n\n"
                   "- Tổng hợp, đề nghị Ủy ban nhân dân tỉnh điều chỉnh dự toán khi cần thiết.\n", head=HEAD)
    assert [_roles(t) for t in tasks] == [[("Sở Tài chính", "executor")]] * 2


# ------------------------------------------------- decisions that set up a team; OCR'd letters

DECISION = ("SỞ XÂY DỰNG TỈNH YÊN BÌNH\n\nSố: 318/QĐ-SXD\n\nYên Bình, ngày 02 tháng 4 năm 2026\n\n"
            "QUYẾT ĐỊNH\nThành lập Tổ công tác kiểm tra an toàn công trình năm 2026\n\n"
            "GIÁM ĐỐC SỞ XÂY DỰNG\n\nCăn cứ Nghị định số 217/2025/NĐ-CP ngày 05/8/2025 của Chính phủ;\n\n"
            "QUYẾT ĐỊNH:\n\n")


def test_the_members_of_a_team_set_up_are_no_tasks_and_articles_end_items():
    """A decision that sets up a team lists its members ("Ông: ... - ..., Tổ trưởng;"): who
    sits on it, no duty; a member whose duties follow a colon has a task. An article's
    heading ("Điều 2. ...") closes the items of the article before it."""
    text = DECISION + (
        "Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau:\n\n"
        "1. Ông: Lê Minh Tâm - Phó Giám đốc Sở, Tổ trưởng;\n\n"
        "2. Bà Phạm Thu Hà, Chuyên viên phòng Quản lý xây dựng, thành viên.\n\n"
        "Điều 2. Nhiệm vụ của Tổ công tác\n\n"
        "1. Kiểm tra hồ sơ an toàn của các công trình trên địa bàn.\n\n"
        "2. Ông Lê Minh Tâm - Tổ trưởng: Phụ trách chung, ký biên bản kiểm tra.\n\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
        "GIÁM ĐỐC\n\nTrần Quốc Việt\n")
    tasks = extract_text(text).tasks
    assert [t.text for t in tasks] == [
        "Kiểm tra hồ sơ an toàn của các công trình trên địa bàn.",
        "Ông Lê Minh Tâm - Tổ trưởng: Phụ trách chung, ký biên bản kiểm tra."]


def test_a_letter_in_its_capital_amid_lettered_siblings_is_one_of_them():
    """"a." "b." "C." "d." (a typing slip, or OCR): "C." is item c of the list, not a part
    above the plan's numbered items; the plan's body still opens at its first "1."."""
    text = ("SỞ CÔNG THƯƠNG\n\nSố: 77/KH-SCT\n\nĐiện Biên, ngày 03 tháng 3 năm 2026\n\nKẾ HOẠCH\nKiểm tra an toàn hóa chất\n\n"
            "1. Mục đích\n\nPhát hiện vi phạm.\n\n2. Phương thức kiểm tra\n\n"
            "a. Thu thập tài liệu do doanh nghiệp cung cấp;\n\nb. Đối chiếu hồ sơ với quy định;\n\n"
            "C. Kiểm tra thực tế tại hiện trường;\n\nd. Lập biên bản kiểm tra.\n\n"
            "3. Phân công nhiệm vụ\n\nPhòng Kỹ thuật an toàn chủ trì thực hiện các nội dung kiểm tra.\n")
    tasks = extract_text(text).tasks
    assert [t.section for t in tasks] == ["2.a", "2.b", "2.c", "2.d", "3"]


# ------------------------------------------------------------ what a task yields; lists

def test_a_products_line_belongs_to_its_task():
    """"- Sản phẩm: Báo cáo rà soát." under a task's assignment and time lines says what the
    task yields: it belongs to that task, as "Cơ quan chủ trì:" does, and is no task."""
    tasks = extract_text(MINISTRY.split("II. NỘI DUNG")[0] + (
        "II. NỘI DUNG\n\n1. Rà soát các văn bản quy phạm pháp luật về an toàn đập\n\n"
        "- Cơ quan chủ trì: Vụ Pháp chế.\n\n- Cơ quan phối hợp: Cục Quản lý đê điều.\n\n"
        "- Thời hạn hoàn thành: trước ngày 15/12/2026.\n\n- Sản phẩm: Báo cáo rà soát.\n")).tasks
    assert [t.text for t in tasks] == ["Rà soát các văn bản quy phạm pháp luật về an toàn đập"]
    assert _roles(tasks[0]) == [("Vụ Pháp chế", "lead"), ("Cục Quản lý đê điều", "support")]
    assert tasks[0].timeframe.due == "2026-12-15"


def test_a_list_of_bodies_never_runs_over_a_line_break():
    """Bodies a line ends with and those the next line opens with are two lists ("... gửi Sở
    Tài chính" / "Sở Nội vụ tổng hợp ..."): the second line's subject acts on its own."""
    from ingest import assign, spot
    from ingest.nlp import build
    from ingest.read import clean
    text = clean("Báo cáo kết quả gửi Sở Tài chính\nSở Nội vụ tổng hợp, trình UBND tỉnh.").text
    bodies = spot.refs(build()(text), "bodies")
    groups = assign.lists(bodies, text)
    assert [[f.text for f in g.members] for g in groups][:2] == [["Sở Tài chính"], ["Sở Nội vụ"]]
    ctx = assign.Context(text, bodies, lambda s, e: None)
    assert ("Sở Nội vụ", "executor") in [(a.name, a.role) for a in assign.from_text(0, len(text), ctx)]
