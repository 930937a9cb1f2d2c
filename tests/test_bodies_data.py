"""The body names of ingest/data/bodies.toml, each read in a short task of a tiny plan.

Every case is one numbered item of the plan's "II. NHIỆM VỤ" section; the task it becomes must
carry exactly the bodies listed, with their names (abbreviations spelled out, the place kept)
and roles. Exact names also check that a pattern stops where the name does: before the verb,
at a comma, at "và" followed by another body.
"""
# ruff: noqa: E501  (plan sentences are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.nlp import build

HEADER = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH ĐỊNH | Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND | Bình Định, ngày 10 tháng 5 năm 2025

KẾ HOẠCH

Thực hiện công tác phòng, chống tham nhũng năm 2025

Căn cứ Luật Phòng, chống tham nhũng năm 2018; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

- Nâng cao hiệu quả công tác phòng, chống tham nhũng.

II. NHIỆM VỤ

"""

FOOTER = """
Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""

E, R, L, S = "executor", "requested", "lead", "support"

# (task sentence, {body name: role}); every sentence opens a task of its own.
CASES: list[tuple[str, dict[str, str]]] = [
    # local government at district and commune level
    ("UBND các huyện thực hiện việc kiểm tra.", {"Ủy ban nhân dân các huyện": E}),
    ("Ủy ban nhân dân các huyện, thị xã thực hiện việc kiểm tra.", {"Ủy ban nhân dân các huyện, thị xã": E}),
    ("UBND các quận, huyện, thị xã thực hiện việc rà soát.", {"Ủy ban nhân dân các quận, huyện, thị xã": E}),
    ("UBND cấp huyện thực hiện việc rà soát.", {"Ủy ban nhân dân cấp huyện": E}),
    ("UBND các cấp thực hiện việc rà soát.", {"Ủy ban nhân dân các cấp": E}),
    ("UBND xã, phường, thị trấn thực hiện việc rà soát.", {"Ủy ban nhân dân xã, phường, thị trấn": E}),
    ("UBND huyện thực hiện việc rà soát.", {"Ủy ban nhân dân huyện": E}),
    ("UBND các huyện, thị xã, thành phố; Công an tỉnh thực hiện việc kiểm tra.",
     {"Ủy ban nhân dân các huyện, thị xã, thành phố": E, "Công an tỉnh": E}),
    ("Chủ tịch UBND các xã, phường thực hiện việc kiểm tra.", {"Ủy ban nhân dân các xã, phường": E}),
    ("Phòng Nội vụ huyện thực hiện việc kiểm tra.", {"Phòng Nội vụ huyện": E}),
    ("Phòng Tài chính - Kế hoạch huyện thực hiện việc kiểm tra.", {"Phòng Tài chính - Kế hoạch huyện": E}),
    ("Phòng Kinh tế, Hạ tầng và Đô thị phường thực hiện việc kiểm tra.", {"Phòng Kinh tế, Hạ tầng và Đô thị phường": E}),
    ("Văn phòng HĐND và UBND huyện thực hiện việc kiểm tra.", {"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện": E}),
    ("Công an xã thực hiện việc kiểm tra.", {"Công an xã": E}),
    ("Công an các xã, phường thực hiện việc kiểm tra.", {"Công an các xã, phường": E}),
    ("Công an xã Tân Phú thực hiện việc kiểm tra.", {"Công an xã Tân Phú": E}),
    # provincial bodies other than the departments
    ("Sở Ngoại vụ thực hiện việc kiểm tra.", {"Sở Ngoại vụ": E}),
    ("Sở Dân tộc và Tôn giáo thực hiện việc kiểm tra.", {"Sở Dân tộc và Tôn giáo": E}),
    ("Ban Dân tộc tỉnh thực hiện việc kiểm tra.", {"Ban Dân tộc tỉnh": E}),
    ("Ban Quản lý Khu kinh tế tỉnh thực hiện việc kiểm tra.", {"Ban Quản lý Khu kinh tế tỉnh": E}),
    ("Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi thực hiện việc kiểm tra.",
     {"Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi": E}),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh thực hiện việc công khai.",
     {"Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh": E}),
    ("Ban QLDA đầu tư xây dựng tỉnh chủ trì, phối hợp với Sở Xây dựng kiểm tra.",
     {"Ban Quản lý dự án đầu tư xây dựng tỉnh": L, "Sở Xây dựng": S}),
    ("Trường Chính trị tỉnh thực hiện việc bồi dưỡng.", {"Trường Chính trị tỉnh": E}),
    ("Trường Chính trị Tôn Đức Thắng, Sở Nội vụ thực hiện việc bồi dưỡng.",
     {"Trường Chính trị Tôn Đức Thắng": E, "Sở Nội vụ": E}),
    ("Trung tâm Phục vụ hành chính công tỉnh, Bộ phận Một cửa các xã thực hiện việc công khai.",
     {"Trung tâm Phục vụ hành chính công tỉnh": E, "Bộ phận Một cửa các xã": E}),
    ("Báo và Phát thanh, Truyền hình tỉnh thực hiện việc tuyên truyền.", {"Báo và Phát thanh, Truyền hình tỉnh": E}),
    ("Báo và Phát thanh, Truyền hình Quảng Ngãi, Cổng Thông tin điện tử tỉnh tăng cường tuyên truyền.",
     {"Báo và Phát thanh, Truyền hình Quảng Ngãi": E, "Cổng Thông tin điện tử tỉnh": E}),
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Đài Phát thanh - Truyền hình tỉnh tuyên truyền.",
     {"Sở Văn hóa, Thể thao và Du lịch": L, "Đài Phát thanh - Truyền hình tỉnh": S}),
    ("Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh thực hiện việc tuyên truyền.",
     {"Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh": E}),
    ("Giao Ban Chỉ đạo cải cách hành chính tỉnh theo dõi việc thực hiện.", {"Ban Chỉ đạo cải cách hành chính tỉnh": E}),
    ("Ban Tiếp công dân tỉnh chủ trì, phối hợp với Chi cục Văn thư - Lưu trữ thực hiện việc rà soát.",
     {"Ban Tiếp công dân tỉnh": L, "Chi cục Văn thư - Lưu trữ": S}),
    # central agencies' offices in the province, and the armed forces
    ("Cục Thuế tỉnh thực hiện việc kiểm tra.", {"Cục Thuế tỉnh": E}),
    ("Cục Thuế tỉnh, Kho bạc Nhà nước tỉnh và Bảo hiểm xã hội tỉnh phối hợp kiểm tra.",
     {"Cục Thuế tỉnh": S, "Kho bạc Nhà nước tỉnh": S, "Bảo hiểm xã hội tỉnh": S}),
    ("Chi cục Thuế khu vực XV thực hiện việc kiểm tra.", {"Chi cục Thuế khu vực XV": E}),
    ("Thuế tỉnh Quảng Ngãi thực hiện việc kiểm tra.", {"Thuế tỉnh Quảng Ngãi": E}),
    ("Cục Hải quan tỉnh thực hiện việc kiểm tra.", {"Cục Hải quan tỉnh": E}),
    ("Cục Thống kê tỉnh thực hiện việc kiểm tra.", {"Cục Thống kê tỉnh": E}),
    ("Ngân hàng Nhà nước chi nhánh tỉnh thực hiện việc kiểm tra.", {"Ngân hàng Nhà nước chi nhánh tỉnh": E}),
    ("Ngân hàng Nhà nước Khu vực 5 thực hiện việc kiểm tra.", {"Ngân hàng Nhà nước Khu vực 5": E}),
    ("Cục Thi hành án dân sự tỉnh thực hiện việc kiểm tra.", {"Cục Thi hành án dân sự tỉnh": E}),
    ("Bộ Chỉ huy Quân sự tỉnh thực hiện việc kiểm tra.", {"Bộ Chỉ huy Quân sự tỉnh": E}),
    ("Thanh tra tỉnh chủ trì, phối hợp với Công an tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh kiểm tra.",
     {"Thanh tra tỉnh": L, "Công an tỉnh": S, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh": S}),
    ("Phòng Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu thực hiện việc điều tra.",
     {"Phòng Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu": E}),
    ("Đề nghị Kiểm toán Nhà nước khu vực III, Thanh tra tỉnh phối hợp kiểm tra.",
     {"Kiểm toán Nhà nước khu vực III": R, "Thanh tra tỉnh": R}),
    # elected bodies, the Party, mass organisations
    ("Thường trực HĐND tỉnh thực hiện việc giám sát.", {"Thường trực Hội đồng nhân dân tỉnh": E}),
    ("Đề nghị Đoàn ĐBQH tỉnh, Thường trực HĐND tỉnh giám sát việc thực hiện.",
     {"Đoàn Đại biểu Quốc hội tỉnh": R, "Thường trực Hội đồng nhân dân tỉnh": R}),
    ("Đoàn Đại biểu Quốc hội tỉnh thực hiện việc giám sát.", {"Đoàn Đại biểu Quốc hội tỉnh": E}),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh thực hiện việc kiểm tra.",
     {"Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh": E}),
    ("Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh thực hiện việc kiểm tra.",
     {"Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh": E}),
    ("Ban Pháp chế HĐND tỉnh giám sát việc thực hiện.", {"Ban Pháp chế Hội đồng nhân dân tỉnh": E}),
    ("Đề nghị Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh chỉ đạo việc kiểm tra.",
     {"Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh": R}),
    ("Đề nghị Ban Chỉ đạo tỉnh về PCTN, TC kiểm tra việc thực hiện.", {"Ban Chỉ đạo tỉnh về PCTN, TC": R}),
    ("Đề nghị Văn phòng Tỉnh ủy thực hiện việc kiểm tra.", {"Văn phòng Tỉnh ủy": R}),
    ("Đề nghị Ban Tổ chức Tỉnh ủy thực hiện việc kiểm tra.", {"Ban Tổ chức Tỉnh ủy": R}),
    ("Đề nghị Ban Thường vụ Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy chỉ đạo việc kiểm tra.",
     {"Ban Thường vụ Tỉnh ủy": R, "Ủy ban Kiểm tra Tỉnh ủy": R}),
    ("Đề nghị Đảng ủy UBND tỉnh chỉ đạo việc kiểm tra.", {"Đảng ủy Ủy ban nhân dân tỉnh": R}),
    ("Hội Luật gia tỉnh thực hiện việc tuyên truyền.", {"Hội Luật gia tỉnh": E}),
    ("Đề nghị Đoàn Luật sư tỉnh thực hiện việc tuyên truyền.", {"Đoàn Luật sư tỉnh": R}),
    ("Đề nghị Tỉnh Đoàn, Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh tuyên truyền.",
     {"Tỉnh Đoàn": R, "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh": R}),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội và các hội, đoàn thể giám sát việc thực hiện.",
     {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": R, "các tổ chức chính trị - xã hội": R, "các hội, đoàn thể": R}),
    # a head stands for the body it heads
    ("Chánh Thanh tra tỉnh thực hiện việc kiểm tra.", {"Thanh tra tỉnh": E}),
    ("Chánh Văn phòng UBND tỉnh thực hiện việc kiểm tra.", {"Văn phòng Ủy ban nhân dân tỉnh": E}),
    ("Đề nghị Chánh án Tòa án nhân dân tỉnh chỉ đạo việc xét xử.", {"Tòa án nhân dân tỉnh": R}),
    ("Đề nghị Viện trưởng VKSND tỉnh chỉ đạo việc kiểm sát.", {"Viện kiểm sát nhân dân tỉnh": R}),
    ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh thực hiện việc kiểm tra.", {"Bộ Chỉ huy Quân sự tỉnh": E}),
    ("Cục trưởng Cục Thuế tỉnh thực hiện việc kiểm tra.", {"Cục Thuế tỉnh": E}),
    ("Trưởng các phòng, đơn vị thuộc Sở thực hiện việc kiểm tra.", {"các phòng, đơn vị thuộc Sở": E}),
    ("Giám đốc các Sở thực hiện việc kiểm tra.", {"các Sở": E}),
    ("Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh thực hiện việc kiểm tra.",
     {"các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh": E}),
    ("Thủ trưởng các cơ quan, đơn vị thuộc Sở Nội vụ thực hiện việc kiểm tra.",
     {"các cơ quan, đơn vị thuộc Sở Nội vụ": E}),
    # collective bodies
    ("Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh thực hiện việc kiểm tra.",
     {"Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh": E}),
    ("Các cơ quan, đơn vị thuộc tỉnh thực hiện việc kiểm tra.", {"Các cơ quan, đơn vị thuộc tỉnh": E}),
    ("Các đơn vị sự nghiệp thuộc Sở thực hiện việc kiểm tra.", {"Các đơn vị sự nghiệp thuộc Sở": E}),
    ("Các hội, đoàn thể thực hiện việc tuyên truyền.", {"Các hội, đoàn thể": E}),
    ("Các Ban Quản lý dự án thực hiện việc công khai.", {"Các Ban Quản lý dự án": E}),
    ("Đề nghị các cơ quan Đảng, đoàn thể thực hiện việc kiểm tra.", {"các cơ quan Đảng, đoàn thể": R}),
    ("Đề nghị các cơ quan Trung ương đóng trên địa bàn tỉnh phối hợp thực hiện.",
     {"các cơ quan Trung ương đóng trên địa bàn tỉnh": R}),
    ("Đề nghị các cơ quan tiến hành tố tụng tỉnh đẩy nhanh việc xử lý.", {"các cơ quan tiến hành tố tụng tỉnh": R}),
    ("Sở Tư pháp chủ trì, phối hợp với các Sở: Nội vụ, Lao động, Thương binh và Xã hội, Tài chính kiểm tra.",
     {"Sở Tư pháp": L, "Sở Nội vụ": S, "Sở Lao động, Thương binh và Xã hội": S, "Sở Tài chính": S}),
]

# Words that name no assignee here: a common noun, an activity, a place where news is posted.
NO_BODY = [
    "Thực hiện đầy đủ chính sách bảo hiểm xã hội, bảo hiểm y tế cho người lao động.",
    "Thống kê, báo cáo kết quả thực hiện Kế hoạch.",
    "Đăng tải công khai kết quả trên Cổng Thông tin điện tử tỉnh.",
    "Tuyên truyền các chủ trương của Đảng, chính sách, pháp luật của Nhà nước đến các xã, phường.",
]

COLLECTIVE = {
    "Ủy ban nhân dân các huyện", "Ủy ban nhân dân các huyện, thị xã", "Ủy ban nhân dân các cấp",
    "Ủy ban nhân dân xã, phường, thị trấn", "Ủy ban nhân dân các xã, phường", "Công an các xã, phường",
    "các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", "Các cơ quan, đơn vị thuộc tỉnh",
    "các phòng, đơn vị thuộc Sở", "Các hội, đoàn thể", "các cơ quan Đảng, đoàn thể",
    "các cơ quan Trung ương đóng trên địa bàn tỉnh",
}
SINGLE = {
    "Ủy ban nhân dân huyện", "Công an xã", "Cục Thuế tỉnh", "Thanh tra tỉnh", "Ban Dân tộc tỉnh",
    "Văn phòng Tỉnh ủy", "Đoàn Đại biểu Quốc hội tỉnh", "Phòng Nội vụ huyện",
}


def _plan(sentences: list[str]) -> str:
    return HEADER + "\n\n".join(f"{i}. {s}" for i, s in enumerate(sentences, 1)) + "\n" + FOOTER


@pytest.fixture(scope="module")
def tasks():
    """Task text → bodies, for one plan holding every case."""
    record = extract_text(_plan([s for s, _b in CASES] + NO_BODY), source="bodies.txt")
    return {t.text: t.bodies for t in record.tasks}


def _bodies(tasks, sentence):
    assert sentence in tasks, f"no task reads {sentence!r}"
    return tasks[sentence]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:48] for s, _b in CASES])
def test_body_names_and_roles(tasks, sentence, expected):
    found = {b.name: b.role for b in _bodies(tasks, sentence)}
    assert found == expected


@pytest.mark.parametrize("sentence", NO_BODY, ids=[s[:40] for s in NO_BODY])
def test_common_nouns_and_venues_are_no_assignees(tasks, sentence):
    assert [b.name for b in _bodies(tasks, sentence)] == []


def test_collective_bodies_are_groups_and_single_bodies_are_not(tasks):
    groups = {b.name: b.group for bodies in tasks.values() for b in bodies}
    assert (COLLECTIVE | SINGLE) - groups.keys() == set()
    assert {n for n in COLLECTIVE if not groups[n]} == set()
    assert {n for n in SINGLE if groups[n]} == set()


def test_commune_level_keeps_its_name_next_to_units_of_the_province():
    """"UBND cấp xã và các đơn vị sự nghiệp thuộc UBND tỉnh": the "thuộc" is the units'."""
    text = _plan(["Rà soát các thủ tục hành chính.\n\nĐơn vị thực hiện: Các Sở, ban ngành, UBND cấp xã và các đơn vị sự nghiệp thuộc UBND tỉnh."])
    [task] = extract_text(text).tasks
    assert [b.name for b in task.bodies] == [
        "Các Sở, ban ngành", "Ủy ban nhân dân cấp xã",
        "các đơn vị sự nghiệp thuộc Ủy ban nhân dân tỉnh"]


OUTSIDE = {
    "Kiểm toán Nhà nước khu vực III": True,
    "Đoàn Luật sư tỉnh": True,
    "Hội Luật gia tỉnh": True,
    "Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực tỉnh": True,
    "Văn phòng Tỉnh ủy": True,
    "Ban Tổ chức Tỉnh ủy": True,
    "Đoàn ĐBQH tỉnh": True,
    "Thường trực HĐND tỉnh": True,
    "các cơ quan Đảng, đoàn thể": True,
    "các hội, đoàn thể": True,
    "Cục Thuế tỉnh": False,
    "Ban Quản lý Khu kinh tế tỉnh": False,
    "Trung tâm Phục vụ hành chính công tỉnh": False,
    "Ủy ban nhân dân các huyện": False,
    "Công an xã": False,
    "các cơ quan chuyên môn thuộc UBND tỉnh": False,
}


@pytest.mark.parametrize(("name", "outside"), OUTSIDE.items(), ids=list(OUTSIDE))
def test_bodies_outside_local_authority_are_flagged(name, outside):
    """The spotted name carries `outside` (a body the plan can only request) from the data."""
    doc = build()(f"Đề nghị {name} phối hợp thực hiện.")
    spans = [s._.ref for s in doc.spans["bodies"]]
    assert [f.text for f in spans] == [name]
    assert spans[0].outside is outside
