"""Bodies no table knows, read by the grammar of organisation names (ingest/bodynames.py).

Every name here is invented or written in a shape the tables do not list: a head, fields that
open with a capital, joiners, a place or a scope; groups in lower case with "các".
"""
# ruff: noqa: E501

from __future__ import annotations

import pytest

from ingest.nlp import build
from ingest.spot import refs
from tests.shape_helpers import spotted_names


@pytest.mark.parametrize(("sentence", "names"), [
    # a head and its fields, up to the verb
    ("Bộ Hàng hải và Thủy sản hướng dẫn các địa phương.", ["Bộ Hàng hải và Thủy sản", "các địa phương"]),
    ("Viện Nghiên cứu chiến lược giao thông chủ trì thực hiện.", ["Viện Nghiên cứu chiến lược giao thông"]),
    ("Cục Quản lý tài nguyên biển phối hợp kiểm tra.", ["Cục Quản lý tài nguyên biển"]),
    ("Trung tâm Dữ liệu dân cư Thành phố tổng hợp số liệu.", ["Trung tâm Dữ liệu dân cư Thành phố"]),
    # joined fields: ",", "và", "-"
    ("Bộ Văn hóa, Thông tin và Thể thao tổ chức hội nghị.", ["Bộ Văn hóa, Thông tin và Thể thao"]),
    ("Sở Lao động - Việc làm tỉnh báo cáo.", ["Sở Lao động - Việc làm tỉnh"]),
    # a unit's field in lower case that holds "và" or a function word ("nhà ở")
    ("Cục Quản lý nhà và thị trường bất động sản thẩm định hồ sơ.", ["Cục Quản lý nhà và thị trường bất động sản"]),
    ("Phòng Quản lý nhà ở tổng hợp số liệu.", ["Phòng Quản lý nhà ở"]),
    ("Chi cục Quản lý chất lượng nông lâm sản và thủy sản kiểm tra mẫu.", ["Chi cục Quản lý chất lượng nông lâm sản và thủy sản"]),
    # a head after a joiner opens the next body
    ("Sở Tư pháp, Sở Hàng hải và Công an tỉnh thực hiện.", ["Sở Tư pháp", "Sở Hàng hải", "Công an tỉnh"]),
    ("Sở Y tế và Bảo hiểm xã hội tỉnh kiểm tra.", ["Sở Y tế", "Bảo hiểm xã hội tỉnh"]),
    ("Bộ Quốc phòng, Bộ Ngoại giao phối hợp.", ["Bộ Quốc phòng", "Bộ Ngoại giao"]),
    # a scope: "các cấp", "các tỉnh, thành phố trực thuộc Trung ương", "cấp quân khu"
    ("Hội Cựu thanh niên các cấp tuyên truyền.", ["Hội Cựu thanh niên các cấp"]),
    ("Ban Chỉ đạo các tỉnh, thành phố trực thuộc Trung ương triển khai.", ["Ban Chỉ đạo các tỉnh, thành phố trực thuộc Trung ương"]),
    ("Ban Chỉ đạo cấp quân khu chỉ đạo.", ["Ban Chỉ đạo cấp quân khu"]),
    ("UBND các tỉnh, thành phố trực thuộc trung ương báo cáo.", ["UBND các tỉnh, thành phố trực thuộc trung ương"]),
    ("Kiểm toán nhà nước khu vực IX kiểm toán.", ["Kiểm toán nhà nước khu vực IX"]),
    ("Ban Chỉ đạo quốc gia về cải cách tư pháp chỉ đạo.", ["Ban Chỉ đạo quốc gia"]),
    ("Văn phòng Ban Chỉ đạo chuẩn bị tài liệu.", ["Văn phòng Ban Chỉ đạo"]),
    ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam giám sát.", ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]),
    # groups
    ("Các cơ quan, đơn vị, địa phương liên quan thực hiện.", ["Các cơ quan, đơn vị, địa phương liên quan"]),
    ("Các Bộ, ngành có liên quan phối hợp.", ["Các Bộ, ngành có liên quan"]),
    ("các sở ngành liên quan báo cáo.", ["các sở ngành liên quan"]),
    ("Các đơn vị trực thuộc Bộ Hàng hải và Thủy sản thực hiện.", ["Các đơn vị trực thuộc Bộ Hàng hải và Thủy sản"]),
    ("Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp tham gia.",
     ["Các tổ chức chính trị - xã hội", "tổ chức xã hội - nghề nghiệp"]),
    ("Các cơ quan báo chí Trung ương, địa phương, quân đội đưa tin.", ["Các cơ quan báo chí Trung ương, địa phương, quân đội"]),
    ("lực lượng Hải quan phối hợp kiểm tra.", ["lực lượng Hải quan"]),
    # a kind of its own words, up to three of them ("công nghệ số", "vận tải biển")
    ("Các doanh nghiệp công nghệ số tích cực tham gia.", ["Các doanh nghiệp công nghệ số"]),
    ("Các doanh nghiệp vận tải biển đăng ký tuyến.", ["Các doanh nghiệp vận tải biển"]),
    ("Các cơ quan được phân công chủ trì thực hiện nhiệm vụ báo cáo.", ["Các cơ quan được phân công chủ trì thực hiện nhiệm vụ"]),
])
def test_names_by_grammar(sentence, names):
    assert spotted_names(sentence) == names


@pytest.mark.parametrize("sentence", [
    "Ban hành Quyết định về chế độ, chính sách.",  # "Ban" before a lower-case word: a verb
    "Hội nghị tổng kết được tổ chức vào tháng 12.",
    "Bộ Chỉ số đánh giá được công bố.",  # a set of indicators, no body
    "Tổ chức hội nghị quán triệt.",  # "tổ chức" alone is a verb
])
def test_words_that_only_look_like_bodies(sentence):
    assert spotted_names(sentence) == []


def test_a_table_name_ends_where_the_table_says():
    """"Sở Tư pháp" is known: what follows in lower case is the sentence's, even a verb no
    stop list holds; a place or a scope still goes with it."""
    assert spotted_names("Sở Tư pháp tổng kết việc thi hành.") == ["Sở Tư pháp"]
    assert spotted_names("Sở Tư pháp tỉnh Hòa Bình tổng kết.") == ["Sở Tư pháp tỉnh Hòa Bình"]


def test_a_group_ends_before_a_name_the_table_knows():
    assert spotted_names("Các cơ quan, đơn vị, doanh nghiệp nhà nước thực hiện.") == [
        "Các cơ quan, đơn vị", "doanh nghiệp nhà nước"]


def test_heads_outside_a_government_are_flagged():
    doc = build()("Đề nghị Hội Cựu thanh niên tỉnh và Sở Hàng hải phối hợp.")
    assert [(f.text, f.outside) for f in refs(doc, "bodies")] == [
        ("Hội Cựu thanh niên tỉnh", True), ("Sở Hàng hải", False)]


def test_bullets_that_only_name_bodies_are_not_tasks_each():
    """"- Bộ Hàng hải." / "- Sở Tư pháp; các sở, ngành liên quan.": a list of who, not of
    what; read as names now, such bullets must not split into a task per body."""
    from ingest.extract import extract_text
    from tests.test_bodies_data import FOOTER, HEADER

    plan = HEADER + ("1. Rà soát các quy định về quản lý cảng biển.\n\n2. Cơ quan thực hiện\n\n"
                     "- Bộ Hàng hải.\n\n- Sở Tư pháp; các sở, ngành liên quan.\n") + FOOTER
    texts = [t.text for t in extract_text(plan).tasks]
    assert "Bộ Hàng hải." not in texts
    assert "Sở Tư pháp; các sở, ngành liên quan." not in texts


@pytest.mark.parametrize(("sentence", "names"), [
    ("Đài Phát thanh và Truyền hình Thành phố đưa tin.", ["Đài Phát thanh và Truyền hình Thành phố"]),
    ("cơ quan thông tấn báo chí đưa tin.", ["cơ quan thông tấn báo chí"]),
    ("Các đơn vị chuyên trách của quân đội thực hiện.", ["Các đơn vị chuyên trách của quân đội"]),
    ("các Ủy ban của Quốc hội tham gia.", ["các Ủy ban của Quốc hội"]),
])
def test_places_kinds_and_owners_of_groups(sentence, names):
    assert spotted_names(sentence) == names


def test_central_bodies_by_their_short_forms_never_inside_a_number():
    from ingest.assign import name_of

    doc = build()("BQP chủ trì, phối hợp với Bộ LĐ-TB&XH và VPCP theo Thông tư liên tịch số "
                  "03/2018/TTLT-VKSTC-BCA-BQP-TTCP và Công văn số 870/TTCP-C.IV.")
    assert [name_of(f) for f in refs(doc, "bodies")] == [
        "Bộ Quốc phòng", "Bộ Lao động - Thương binh và Xã hội", "Văn phòng Chính phủ"]


def test_a_central_body_is_one_body_in_every_plan():
    from ingest.extract import body_key

    assert body_key("Bộ Công an", "Hà Nội", "a.txt") == body_key("Bộ Công an", None, "b.txt")
    assert body_key("Sở Tư pháp", "Hà Nội", "a.txt") != body_key("Sở Tư pháp", "Huế", "b.txt")


def test_central_bodies_carry_who_took_over_from_them():
    from ingest.lexicon import lexicon

    by_name = {c.name: c for c in lexicon().central}
    assert by_name["Bộ Kế hoạch và Đầu tư"].successor == "Bộ Tài chính"
    assert by_name["Ủy ban Pháp luật"].until == 2025 and by_name["Ủy ban Pháp luật"].outside
    assert all(c.successor in by_name for c in by_name.values() if c.successor)


@pytest.mark.parametrize(("sentence", "names"), [
    ("Chủ tịch Ủy ban nhân dân các huyện ven biển chỉ đạo Ủy ban nhân dân các xã miền núi rà soát.",
     ["Ủy ban nhân dân các huyện ven biển", "Ủy ban nhân dân các xã miền núi"]),
    ("Công an các xã biên giới tuần tra.", ["Công an các xã biên giới"]),
    ("Các địa phương trọng điểm rà soát.", ["Các địa phương trọng điểm"]),
])
def test_a_group_of_units_with_the_kind_of_land_they_lie_in(sentence, names):
    """"các xã biên giới", "các huyện ven biển": the kind of land names which units, not the
    sentence's verb."""
    assert spotted_names(sentence) == names


def test_a_list_of_heads_is_the_group_of_the_bodies_they_head():
    """"Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ": a head
    stands for its body ("N trưởng" heads an N), so the list is one group, named without its
    heads; a head before a name in capitals opens a body of its own."""
    assert spotted_names("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, "
                  "Chủ tịch Ủy ban nhân dân các tỉnh rà soát quy chế.") == [
        "Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh"]
    assert spotted_names("Các Cục trưởng, Thủ trưởng đơn vị sự nghiệp thuộc Bộ báo cáo.") == [
        "Các Cục, đơn vị sự nghiệp thuộc Bộ"]
