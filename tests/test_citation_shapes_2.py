"""Citations in more shapes plans write them, each on a few lines of our own: a number cut by
a page break or a line break, laws listed by their titles after one "Luật", the drafts a plan
of drafting work names as its products, a decision's own articles, a footnote marker set off
by a space, titles that end at a table's cell or run long."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from tests.shape_helpers import numbers_of, record_of, titles_of

HEAD = "Số: 12/KH-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2025\n\n"
BODY = "1. Sở Tư pháp chủ trì rà soát văn bản.\n"


def _record(preamble: str, body: str = BODY, head: str = HEAD):
    return record_of(head, preamble, body)


# -- 1. a number cut by a page break or a line break is one citation -------------------------

@pytest.mark.parametrize(("preamble", "number"), [
    # the page's number between the parts
    ("Căn cứ Nghị định số 45/2024/\n\n7\n\nNĐ-CP ngày 15/4/2024 của Chính phủ quy định chi tiết;", "45/2024/NĐ-CP"),
    # a footer "Trang n/m", the number an administrative one
    ("Căn cứ Quyết định số 318/\n\nTrang 2/9\n\nQĐ-UBND ngày 03/3/2025 của Ủy ban nhân dân thành phố;", "318/QĐ-UBND"),
    # cut after the type code's hyphen
    ("Căn cứ Thông tư số 12/2023/TT-\n\n5\n\nBTC ngày 20/02/2023 của Bộ Tài chính;", "12/2023/TT-BTC"),
    # a blank line alone (a page break the copy kept)
    ("Căn cứ Chỉ thị số 21/\n\nCT-TTg ngày 02/8/2024 của Thủ tướng Chính phủ;", "21/CT-TTg"),
    # a Party number cut after its hyphen
    ("Thực hiện Kết luận số 05-\n\n3\n\nKL/TW ngày 01/6/2025 của Bộ Chính trị;", "05-KL/TW"),
    # cut before its year: the page's number is not taken for the year
    ("Căn cứ Nghị định số 59/\n\n12\n\n2019/NĐ-CP ngày 01/7/2019 của Chính phủ;", "59/2019/NĐ-CP"),
])
def test_a_number_cut_by_a_page_break_is_one_basis(preamble, number):
    record = _record(preamble)
    assert numbers_of(record.bases) == [number]
    assert numbers_of(record.citations) == [number]


def test_a_cut_number_keeps_its_date_and_issuer():
    [basis] = _record("Căn cứ Quyết định số 318/\n\n4\n\nQĐ-UBND ngày 03/3/2025 của Ủy ban nhân dân thành phố về phân cấp;").bases
    assert (basis.date, basis.issuer) == ("2025-03-03", "Ủy ban nhân dân thành phố")


@pytest.mark.parametrize("body", [
    "1. Sở Tư pháp chủ trì triển khai Quyết định số 2210/\nQĐ-TTg ngày 05/3/2025 của Thủ tướng Chính phủ.\n",
    "1. Sở Tư pháp chủ trì triển khai Nghị định số 45/2024/NĐ-\nCP ngày 15/4/2024 của Chính phủ.\n",
    "1. Sở Tư pháp chủ trì triển khai Quyết định số 2210/\n\n6\n\nQĐ-TTg ngày 05/3/2025 của Thủ tướng Chính phủ.\n",
])
def test_a_task_whose_line_ends_inside_a_number_cites_it(body):
    record = _record("Căn cứ Luật Thanh tra năm 2022;", body=body)
    [task] = [t for t in record.tasks if "chủ trì" in t.text]
    expected = "2210/QĐ-TTg" if "2210" in body else "45/2024/NĐ-CP"
    assert numbers_of(task.citations) == [expected]
    assert expected in numbers_of(record.citations)


# -- 2. laws listed by their titles after one "Luật" -------------------------------------------

def test_titles_listed_after_one_law_are_laws_each():
    record = _record("Căn cứ Luật Thanh tra năm 2022;", body=(
        "1. Sở Nội vụ chủ trì cập nhật các nội dung được sửa đổi trong Luật Tổ chức Quốc hội, Tổ chức Chính phủ, Tổ chức chính quyền địa phương và Hoạt động giám sát của Quốc hội và Hội đồng nhân dân.\n"))
    [task] = record.tasks
    assert titles_of(task.citations) == [
        "Luật Tổ chức Quốc hội", "Luật Tổ chức Chính phủ", "Luật Tổ chức chính quyền địa phương",
        "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân"]
    # each resolved as a law named by its title alone: the version passed by the plan's date
    assert numbers_of(task.citations) == ["57/2014/QH13", "63/2025/QH15", "72/2025/QH15", "87/2015/QH13"]


def test_a_listed_title_the_catalogue_does_not_know_stays_a_title():
    [task] = _record("Căn cứ Luật Thanh tra năm 2022;", body=(
        "1. Sở Xây dựng chủ trì phổ biến Luật Đất đai, Nhà ở, Quản lý phát triển đô thị và Kinh doanh bất động sản.\n")).tasks
    assert titles_of(task.citations) == ["Luật Đất đai", "Luật Nhà ở", "Luật Quản lý phát triển đô thị",
                                       "Luật Kinh doanh bất động sản"]
    unknown = task.citations[2]
    assert unknown.number is None and unknown.key and unknown.key.startswith("luat/")


@pytest.mark.parametrize(("body", "titles"), [
    # each title with its year
    ("1. Sở Xây dựng chủ trì phổ biến Luật Đất đai năm 2024, Nhà ở năm 2023 và Kinh doanh bất động sản năm 2023.\n",
     ["Luật Đất đai", "Luật Nhà ở", "Luật Kinh doanh bất động sản"]),
    # a code's kind for all of the list
    ("1. Sở Tư pháp chủ trì phổ biến Bộ luật Dân sự, Hình sự và Tố tụng hình sự.\n",
     ["Bộ luật Dân sự", "Bộ luật Hình sự", "Bộ luật Tố tụng hình sự"]),
    # the first by its abbreviation
    ("1. Sở Tư pháp chủ trì phổ biến Luật PCTN, Tiếp cận thông tin và Thực hiện dân chủ ở cơ sở.\n",
     ["Luật PCTN", "Luật Tiếp cận thông tin", "Luật Thực hiện dân chủ ở cơ sở"]),
    # after "các luật:" in lower case, as after "các Luật:"
    ("1. Sở Tư pháp chủ trì phổ biến các luật: Đất đai, Nhà ở và Kinh doanh bất động sản.\n",
     ["Luật Đất đai", "Luật Nhà ở", "Luật Kinh doanh bất động sản"]),
    ("1. Sở Tư pháp chủ trì phổ biến những bộ luật: Dân sự, Hình sự.\n", ["Bộ luật Dân sự", "Bộ luật Hình sự"]),
])
def test_listed_titles_in_other_shapes(body, titles):
    [task] = _record("Căn cứ Luật Thanh tra năm 2022;", body=body).tasks
    assert titles_of(task.citations) == titles
    assert all(c.number for c in task.citations)


@pytest.mark.parametrize(("body", "titles"), [
    # a body after the comma: the sentence goes on
    ("1. Để thi hành Luật Đất đai, Sở Nông nghiệp và Môi trường chủ trì rà soát bảng giá đất.\n", ["Luật Đất đai"]),
    # no title of the list is one the catalogue knows: the words are the sentence's
    ("1. Sở Xây dựng chủ trì hướng dẫn Luật Đất đai, Quy hoạch sử dụng đất và Bảng giá đất của tỉnh.\n", ["Luật Đất đai"]),
    # another document's type after the comma is that document, not a law
    ("1. Sở Tư pháp chủ trì phổ biến Luật Đất đai, Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ.\n", ["Luật Đất đai", None]),
])
def test_words_after_a_law_and_a_comma_are_no_law_unless_a_list_oftitles_of(body, titles):
    [task] = _record("Căn cứ Luật Thanh tra năm 2022;", body=body).tasks
    assert titles_of(task.citations) == titles


# -- 3. a draft a task makes is its product, not its citation -----------------------------------

TABLE = ("| TT | Tên văn bản | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
         "| 1 | {row} | Sở Tư pháp | Quý II/2026 |\n")


@pytest.mark.parametrize("row", [
    "Luật sửa đổi, bổ sung một số điều của Luật Đất đai và các luật có liên quan",
    "Luật sửa đổi, bổ sung một số điều của Luật Đất đai",
])
def test_a_drafting_table_s_amending_law_cites_the_law_it_amends(row):
    record = _record("Căn cứ Luật Thanh tra năm 2022;", body=TABLE.format(row=row))
    [task] = record.tasks
    assert numbers_of(task.citations) == ["31/2024/QH15"]
    assert not any("sửa đổi" in (c.title or "") for c in record.citations)


def test_a_numbered_item_naming_a_draft_law_by_its_revision_is_no_citation():
    record = _record("Căn cứ Luật Thanh tra năm 2022;", body=(
        "1. Luật Phòng, chống ma túy (sửa đổi)\nCơ quan chủ trì: Công an tỉnh\nThời gian thực hiện: Quý III/2025\n"))
    assert not any(c.type == "Luật" and "ma túy" in (c.title or "") for c in record.citations)


def test_a_draft_resolution_cites_the_resolution_it_amends():
    [task] = _record("Căn cứ Luật Thanh tra năm 2022;", body=TABLE.format(
        row="Nghị quyết sửa đổi, bổ sung một số điều của Nghị quyết số 14/2023/NQ-HĐND ngày 12/7/2023 của Hội đồng nhân dân tỉnh quy định mức chi")).tasks
    assert numbers_of(task.citations) == ["14/2023/NQ-HĐND"]


def test_an_amending_law_named_in_running_text_or_a_basis_list_is_still_cited():
    record = _record("Căn cứ:\n- Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n- Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương;",
                     body="1. Sở Nội vụ chủ trì rà soát theo Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức năm 2019.\n")
    assert any((c.title or "").startswith("Luật sửa đổi") for c in record.bases)
    [task] = record.tasks
    assert "52/2019/QH14" in numbers_of(task.citations)


# -- 4. a decision's own articles name documents the plan cites ---------------------------------

DECISION = "Số: 77/QĐ-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\nQUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\n\n"


def test_the_documents_a_decision_s_articles_name_are_the_plan_s_citations():
    preamble = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\nQUYẾT ĐỊNH:\n\n"
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.\n\n"
                "Điều 2. Sở Nội vụ kịp thời cập nhật các nội dung được sửa đổi trong Luật Cán bộ, công chức để sửa đổi đồng bộ trong Quy chế số 05/QC-UBND.\n\n"
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
                "KẾ HOẠCH\nThực hiện năm 2025\n(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2025)\n\n"
                "Thực hiện Kế hoạch số 88/KH-UBND ngày 02/4/2025 của Ủy ban nhân dân thành phố, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:")
    record = _record(preamble, head=DECISION)
    assert numbers_of(record.bases) == ["72/2025/QH15", "88/KH-UBND"]
    assert {"80/2025/QH15", "05/QC-UBND"} <= set(numbers_of(record.citations))
    assert all(not t.citations for t in record.tasks)


# -- 5. a footnote's marker set off by a space ----------------------------------------------------

def test_a_bracketed_footnote_marker_after_a_space_gives_the_task_its_footnote():
    record = _record("Căn cứ Luật Thanh tra năm 2022;", body=(
        "1. Sở Tài chính chủ trì thẩm tra dự toán [1].\n2. Sở Nội vụ chủ trì rà soát biên chế.\n\n"
        "[1] Sau khi sửa đổi Luật Ngân sách nhà nước thì nội dung này do Sở Kế hoạch thực hiện.\n"))
    first, second = record.tasks
    assert numbers_of(first.citations) == ["89/2025/QH15"]
    assert second.citations == []


# -- 6. where a numbered document's title ends -------------------------------------------------

def test_a_title_ends_at_its_table_cell():
    record = _record("Căn cứ Luật Thanh tra năm 2022;", body=(
        "| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Sửa đổi Quyết định số 15/2024/QĐ-UBND ngày 02/5/2024 của Ủy ban nhân dân tỉnh về phân cấp quản lý (thay thế Quyết định số 09/2019/QĐ-UBND ngày 01/3/2019 của Ủy ban nhân dân tỉnh ban hành quy chế) | Sở Tư pháp | Quý II/2026 |\n"))
    by_number = {c.number: c for c in record.citations}
    assert by_number["15/2024/QĐ-UBND"].title == "phân cấp quản lý"
    assert by_number["09/2019/QĐ-UBND"].title == "ban hành quy chế"


def test_a_document_named_in_a_long_basis_title_is_cited_not_a_basis():
    long_title = ("đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, bảo đảm "
                  "tăng trưởng nhanh và bền vững của các ngành, lĩnh vực trên địa bàn tỉnh trong giai đoạn mới")
    record = _record(
        "Căn cứ Kế hoạch số 88/KH-UBND ngày 14 tháng 6 năm 2025 của Ủy ban nhân dân tỉnh về việc triển khai "
        f"Kế hoạch hành động số 12-KHHĐ/TU ngày 21 tháng 5 năm 2025 của Ban Thường vụ Tỉnh ủy về thực hiện {long_title};")
    assert numbers_of(record.bases) == ["88/KH-UBND"]
    assert "12-KHHĐ/TU" in numbers_of(record.citations)


# -- 7. the full name a defined term abbreviates --------------------------------------------

TERMED = ("Thực hiện Quyết định số 512/QĐ-BNV ngày 08/9/2025 của Bộ trưởng Bộ Nội vụ phê duyệt "
          "Đề án phát triển đội ngũ công chức số của các cơ quan hành chính đến năm 2030 (Đề án CCS); "
          "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:")


def test_a_term_s_full_name_written_later_names_its_document():
    record = _record(TERMED, body=(
        "1. Sở Nội vụ chủ trì triển khai có hiệu quả Đề án phát triển đội ngũ công chức số của các cơ quan hành chính đến năm 2030 tại các sở, ngành.\n"
        "2. Sở Tài chính chủ trì bố trí kinh phí thực hiện Đề án CCS.\n"
        "3. Sở Tư pháp chủ trì xây dựng Đề án phát triển nguồn nhân lực pháp chế.\n"))
    assert [numbers_of(t.citations) for t in record.tasks] == [["512/QĐ-BNV"], ["512/QĐ-BNV"], []]


def test_a_short_name_in_a_title_stands_for_nothing_but_its_term():
    """"Chương trình hành động" (three words) names any programme: no full name to find."""
    record = _record("Thực hiện Nghị quyết số 21/NQ-CP ngày 10/3/2025 của Chính phủ ban hành Chương trình hành động (Chương trình HĐ);",
                     body="1. Sở Nội vụ chủ trì xây dựng Chương trình hành động của ngành.\n")
    [task] = record.tasks
    assert task.citations == []
