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
    ("Các chi bộ, đảng bộ cơ sở tổ chức sinh hoạt chuyên đề.", ["Các chi bộ, đảng bộ"]),
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
