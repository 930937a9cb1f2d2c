"""Citations in the shapes Vietnamese legal documents write them (DOMAIN.md, Nghị định
30/2020 on their form), each on a few lines of our own: numbers as written, amending laws,
terms a plan defines for a document, footnotes, the preamble's bases."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from tests.shape_helpers import numbers_of, record_of

HEAD = "Số: 12/KH-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2025\n\n"


def _record(preamble: str, body: str = "1. Sở Tư pháp chủ trì rà soát văn bản.\n", head: str = HEAD):
    return record_of(head, preamble, body)


@pytest.mark.parametrize(("preamble", "number"), [
    # a National Assembly resolution or an ordinance of its standing committee: no type code
    ("Căn cứ Nghị quyết số 41/2024/QH15 ngày 20/6/2024 của Quốc hội về thí điểm;", "41/2024/QH15"),
    ("Căn cứ Nghị quyết số 17/2023/UBTVQH15 ngày 12/7/2023;", "17/2023/UBTVQH15"),
    # a number with a part after a dot
    ("Căn cứ Nghị quyết số 12.3/2025/NQ-CP ngày 01/8/2025 của Chính phủ;", "12.3/2025/NQ-CP"),
    # an administrative number without its type code still takes the type word's
    ("Căn cứ Chỉ thị 07/TTg ngày 02/3/2022 của Thủ tướng Chính phủ;", "07/CT-TTg"),
])
def test_numbers_as_written(preamble, number):
    assert numbers_of(_record(preamble).bases) == [number]


def test_the_laws_catalogue_is_well_formed():
    """Every row of laws.tsv: a law's number (number/year/QHxx), its type, a title that opens
    with its type, an ISO date in the number's year; numbers distinct."""
    import re

    from ingest.lexicon import lexicon

    laws = lexicon().laws
    assert len(laws) > 60
    numbers = [k.number for k in laws]
    assert len(numbers) == len(set(numbers))
    for k in laws:
        assert re.fullmatch(r"\d+/(19|20)\d\d/QH1[0-5]", k.number), k.number
        assert k.type in ("Luật", "Bộ luật") and k.title.startswith(k.type), k
        assert k.date is None or (re.fullmatch(r"\d{4}-\d\d-\d\d", k.date)
                                  and k.date[:4] == k.number.split("/")[1]), k
        assert k.issuer and k.issuer.startswith("Quốc hội khóa"), k


@pytest.mark.parametrize(("plan_date", "mention", "number"), [
    # the version passed by the plan's date, not the one passed after it
    ("ngày 10 tháng 9 năm 2025", "Luật Bảo vệ bí mật nhà nước", "29/2018/QH14"),
    ("ngày 20 tháng 12 năm 2025", "Luật Bảo vệ bí mật nhà nước", "117/2025/QH15"),
    ("ngày 10 tháng 9 năm 2025", "Luật Việc làm", "74/2025/QH15"),
    ("ngày 10 tháng 9 năm 2025", "Bộ luật Lao động", "45/2019/QH14"),
    # a year written with the title names the version
    ("ngày 10 tháng 9 năm 2025", "Luật An ninh mạng năm 2018", "24/2018/QH14"),
])
def test_a_law_by_title_resolves_to_its_version_by_the_plans_date(plan_date, mention, number):
    head = f"Số: 12/KH-UBND\nĐà Nẵng, {plan_date}\nKẾ HOẠCH\nTriển khai công tác\n\n"
    [law] = _record(f"Căn cứ {mention};", head=head).bases
    assert (law.number, law.title) == (number, mention.removesuffix(" năm 2018"))


@pytest.mark.parametrize(("preamble", "numbers"), [
    # a clause broken over two lines, as copies with hard line breaks have it
    ("*Căn cứ Nghị định số 45/2024/NĐ-CP ngày 15 tháng 4 năm\n2024 của Chính phủ; *\n\n*Căn cứ Thông tư số 03/2025/TT-BNV\nngày 02/01/2025; *", ["45/2024/NĐ-CP", "03/2025/TT-BNV"]),
    # a basis list under "Căn cứ:" goes on over its lines; who proposed it is no basis
    ("Căn cứ:\n- Nghị định số 45/2024/NĐ-CP;\n- Quyết định số 12/2025/QĐ-UBND;\nXét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV,", ["45/2024/NĐ-CP", "12/2025/QĐ-UBND"]),
    # what the plan carries out ("Thực hiện", "Trên cơ sở") is a basis too
    ("Thực hiện Chỉ thị số 05/CT-TTg ngày 01/3/2025 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", ["05/CT-TTg"]),
    ("Trên cơ sở Kế hoạch số 88/KH-UBND ngày 02/4/2025 của Ủy ban nhân dân tỉnh, Sở Tư pháp ban hành Kế hoạch thực hiện năm 2025.", ["88/KH-UBND"]),
    # a cited document's description may say "ban hành Kế hoạch": the basis goes on after it
    ("Thực hiện Nghị quyết số 21/NQ-CP ngày 10/3/2025 của Chính phủ về ban hành Kế hoạch hành động, Quyết định số 310/QĐ-TTg ngày 20/3/2025 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", ["21/NQ-CP", "310/QĐ-TTg"]),
])
def test_bases_are_what_the_preamble_rests_on(preamble, numbers):
    assert numbers_of(_record(preamble).bases) == numbers


def test_a_decision_s_articles_are_no_basis():
    head = "Số: 77/QĐ-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\nQUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\n\n"
    preamble = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm\n2025;\n\nQUYẾT ĐỊNH:\n\n"
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Nghị định số 45/2024/NĐ-CP.\n\n"
                "KẾ HOẠCH\nThực hiện Nghị định số 45/2024/NĐ-CP\n(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2025)\n\n"
                "Thực hiện Kế hoạch số 88/KH-UBND ngày 02/4/2025 của Ủy ban nhân dân thành phố, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:")
    assert numbers_of(_record(preamble, head=head).bases) == ["72/2025/QH15", "88/KH-UBND"]


def test_a_footnote_marker_after_a_basis_clause_belongs_to_it():
    record = _record("Căn cứ Luật Thanh tra năm 2022;¹ Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:",
                     body="1. Sở Tư pháp chủ trì rà soát văn bản.\n\n¹ Nghị định số 43/2023/NĐ-CP ngày 30/6/2023 của Chính phủ.\n")
    assert numbers_of(record.bases) == ["11/2022/QH15", "43/2023/NĐ-CP"]


def _tasknumbers_of(record) -> list[list[str | None]]:
    return [[c.number or c.title for c in t.citations] for t in record.tasks]


def test_a_term_defined_for_a_document_cites_it_where_used():
    record = _record(
        "Thực hiện Quyết định số 215/QĐ-BNV ngày 03/3/2025 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án nâng cao chất lượng dịch vụ công (sau đây gọi tắt là Đề án DVC), Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:",
        body="1. Sở Nội vụ chủ trì quán triệt Đề án DVC đến cán bộ, công chức.\n"
             "2. Văn phòng Ủy ban nhân dân thành phố theo dõi việc thực hiện Đề án DVC tại các xã, phường.\n"
             "3. Sở Tư pháp rà soát các đề án khác của thành phố.\n"
             # the term's head word alone is not the term: it names any Đề án
             "4. Sở Tài chính bố trí kinh phí thực hiện Đề án tại các xã.\n")
    assert _tasknumbers_of(record) == [["215/QĐ-BNV"], ["215/QĐ-BNV"], [], []]


def test_a_short_name_in_brackets_and_the_word_law_for_the_law_implemented():
    record = _record(
        "Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024 (sau đây viết gọn là Luật); Quyết định số 88/QĐ-TTg ngày 02/01/2025 của Thủ tướng Chính phủ phê duyệt Chương trình chuyển đổi số quốc gia (Chương trình CĐS);",
        body="1. Sở Khoa học và Công nghệ chủ trì hướng dẫn thi hành Luật.\n"
             "2. Sở Nội vụ chủ trì triển khai Chương trình CĐS trong năm 2025.\n"
             "3. Sở Tư pháp tuyên truyền Luật Đất đai.\n")
    assert _tasknumbers_of(record) == [["60/2024/QH15"], ["88/QĐ-TTg"], ["31/2024/QH15"]]


def test_a_term_of_another_type_than_the_document_before_it_is_the_plan():
    """"ban hành Kế hoạch triển khai thi hành Luật X (sau đây gọi tắt là Kế hoạch)": the term
    names the plan, not the law its title carries out."""
    record = _record(
        "Thực hiện Quyết định số 41/QĐ-TTg ngày 02/3/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân thành phố ban hành Kế hoạch triển khai thi hành Luật Lưu trữ (sau đây gọi tắt là Kế hoạch) với các nội dung sau:",
        body="1. Sở Nội vụ chủ trì theo dõi việc thực hiện Kế hoạch theo quy định của Luật Ngân sách nhà nước.\n")
    assert [[c.title for c in t.citations] for t in record.tasks] == [["Luật Ngân sách nhà nước"]]


def test_a_term_for_the_plan_itself_or_a_body_cites_nothing():
    record = _record(
        "Thực hiện Quyết định số 17/QĐ-TTg ngày 05/01/2025 của Thủ tướng Chính phủ thành lập Ban Chỉ đạo chuyển đổi số (gọi tắt là Ban Chỉ đạo), Ủy ban nhân dân thành phố ban hành Kế hoạch thực hiện năm 2025 (sau đây gọi tắt là Kế hoạch) như sau:",
        body="1. Sở Nội vụ tham mưu Ban Chỉ đạo tổ chức thực hiện Kế hoạch.\n")
    assert _tasknumbers_of(record) == [[]]


@pytest.mark.parametrize(("body", "cited"), [
    # a short name the plan writes in full elsewhere is that document
    ("1. Sở Nội vụ quán triệt Chỉ thị 05 đến các cơ quan.\n", ["05/CT-TTg"]),
    # one it never writes in full keeps its short name, no number guessed
    ("1. Công an thành phố triển khai Đề án 06 trên địa bàn.\n", ["Đề án 06"]),
    # a year is no short number
    ("1. Sở Tư pháp xây dựng Kế hoạch 2026.\n", []),
    # nor a figure counting the time a document covers
    ("1. Sở Kế hoạch và Đầu tư tham mưu Kế hoạch 5 năm (2026 - 2030) của tỉnh.\n", []),
    ("1. Sở Tài chính xây dựng Kế hoạch 05 năm 2026-2030 và Chương trình 3 năm.\n", []),
    ("1. Sở Nội vụ xây dựng Kế hoạch 6 tháng cuối năm.\n", []),
    # but a short name with its year or its date is one, and one ending a sentence too
    ("1. Sở Nội vụ quán triệt Chỉ thị 05 năm 2025 đến các cơ quan.\n", ["05/CT-TTg"]),
    ("1. Sở Nội vụ quán triệt Chỉ thị 05 ngày 01/3/2025 đến các cơ quan.\n", ["05/CT-TTg"]),
    ("1. Công an thành phố chủ trì triển khai Đề án 06.\n", ["Đề án 06"]),
])
def test_documents_named_by_a_short_number(body, cited):
    record = _record("Thực hiện Chỉ thị số 05/CT-TTg ngày 01/3/2025 của Thủ tướng Chính phủ;", body=body)
    assert _tasknumbers_of(record) == [cited]


def _ids(citations) -> list[str | None]:
    return [c.number or c.title for c in citations]


def test_an_amending_law_is_one_document_that_names_the_laws_it_amends():
    record = _record("Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014; Luật sửa đổi, bổ sung một số điều của Luật Nhà ở, Luật Kinh doanh bất động sản và Luật Đấu giá tài sản ngày 12 tháng 3 năm 2025;")
    assert _ids(record.bases) == [
        "50/2014/QH13",
        "Luật sửa đổi, bổ sung một số điều của Luật Nhà ở, Luật Kinh doanh bất động sản và Luật Đấu giá tài sản"]
    amending = record.bases[1]
    assert amending.date is None and amending.number is None  # not in the catalogue: no guess
    # the laws it names are cited by the plan, not bases of it; the year is the amending law's
    assert set(_ids(record.citations)) >= {"27/2023/QH15", "29/2023/QH15", "Luật Đấu giá tài sản"}


@pytest.mark.parametrize(("preamble", "number"), [
    # the catalogue knows it by its title and year
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức đối tác công tư và Luật Đấu thầu ngày 29 tháng 11 năm 2024;", "57/2024/QH15"),
    # a number in the list the catalogue knows as an amending law is its own
    ("Căn cứ Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung tại Luật sửa đổi, bổ sung một số điều của Luật Xây dựng số 62/2020/QH14;", "62/2020/QH14"),
    # the two amending laws most preambles of 2020-2025 name, with the date or in capitals
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;", "47/2019/QH14"),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015; Luật Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 18 tháng 6 năm 2020;", "63/2020/QH14"),
    # a law amending many: "37 luật"
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày 20 tháng 11 năm 2018;", "35/2018/QH14"),
])
def test_amending_laws_resolve_by_their_title_and_date(preamble, number):
    assert number in numbers_of(_record(preamble).bases)


def test_what_a_basis_names_in_its_title_is_cited_not_a_basis():
    record = _record("Căn cứ Nghị quyết số 21/NQ-CP ngày 10/3/2025 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, được sửa đổi, bổ sung tại Nghị quyết số 99/NQ-CP ngày 01/6/2025 của Chính phủ;")
    assert numbers_of(record.bases) == ["21/NQ-CP", "99/NQ-CP"]
    assert "57-NQ/TW" in numbers_of(record.citations)


@pytest.mark.parametrize(("mention", "title"), [
    # an abbreviation in a law's title: resolved, kept as written
    ("Luật Bảo vệ BMNN", "Luật Bảo vệ BMNN"),
    ("Luật Ban hành văn bản QPPL", "Luật Ban hành văn bản QPPL"),
    # a local body a title names, written short as plans write it
    ("Luật Hoạt động giám sát của Quốc hội và HĐND", "Luật Hoạt động giám sát của Quốc hội và HĐND"),
    ("Luật Tổ chức Hội đồng nhân dân và UBND năm 2003", "Luật Tổ chức Hội đồng nhân dân và UBND"),
])
def test_a_law_title_with_an_abbreviation(mention, title):
    [law] = _record(f"Căn cứ {mention};").bases
    assert (law.number is not None, law.title) == (True, title)


@pytest.mark.parametrize("short_first", [True, False])
def test_a_document_reads_the_same_in_every_task_in_its_fullest_written_form(short_first):
    """A plan abbreviates a law's title in one task and writes it out in another: both tasks
    cite it by the title written out, the plan's list too; a title written only abbreviated
    stays so."""
    short = "1. Sở Nội vụ phổ biến Luật Bảo vệ BMNN đến công chức.\n"
    full = "2. Sở Tư pháp kiểm tra việc thi hành Luật Bảo vệ bí mật nhà nước tại các xã.\n"
    only = "3. Văn phòng rà soát theo Luật Ban hành văn bản QPPL.\n"
    record = _record("Căn cứ Luật Tổ chức chính quyền địa phương;",
                     (short + full if short_first else full + short) + only)
    titles = {t.section: [c.title for c in t.citations] for t in record.tasks}
    assert titles == {"I.1": ["Luật Bảo vệ bí mật nhà nước"], "I.2": ["Luật Bảo vệ bí mật nhà nước"],
                      "I.3": ["Luật Ban hành văn bản QPPL"]}
    assert "Luật Bảo vệ bí mật nhà nước" in [c.title for c in record.citations]
    assert "Luật Bảo vệ BMNN" not in [c.title for c in record.citations]


def test_a_plan_carrying_out_a_plan_carries_out_what_that_plan_carries_out():
    record = _record("Thực hiện Kế hoạch số 31-KH/TU ngày 02/6/2025 của Ban Thường vụ Thành ủy và Kế hoạch số 40/KH-UBND ngày 10/6/2025 của Ủy ban nhân dân thành phố thực hiện Kết luận số 120-KL/TW ngày 07/01/2025 của Bộ Chính trị, Sở Nội vụ ban hành Kế hoạch như sau:")
    assert numbers_of(record.bases) == ["31-KH/TU", "40/KH-UBND", "120-KL/TW"]


@pytest.mark.parametrize(("body", "cited"), [
    # the revision being drafted is a law of its own, not the one in force under that title
    ("1. Sở Xây dựng chủ trì cập nhật quy hoạch ngay sau khi Luật Quy hoạch (sửa đổi) được Quốc hội thông qua.\n",
     [(None, "Luật Quy hoạch (sửa đổi)")]),
    ("1. Sở Tư pháp chủ trì góp ý dự thảo Luật Đất đai (sửa đổi, bổ sung) năm 2026.\n",
     [(None, "Luật Đất đai (sửa đổi, bổ sung) năm 2026")]),
    ("1. Sở Xây dựng chủ trì xây dựng Nghị định hướng dẫn thi hành Luật Quy hoạch sửa đổi.\n",
     [(None, "Luật Quy hoạch (sửa đổi)")]),
    ("1. Sở Nội vụ chủ trì tuyên truyền Luật Lưu trữ sửa đổi.\n", [(None, "Luật Lưu trữ (sửa đổi)")]),
    # look-alikes: the verb "sửa đổi" after a law, a bracket that is no revision: the law in force
    ("1. Sở Xây dựng chủ trì rà soát các quy định mà Luật Quy hoạch sửa đổi về quy hoạch tỉnh.\n",
     [("21/2017/QH14", "Luật Quy hoạch")]),
    ("1. Sở Xây dựng chủ trì thực hiện Luật Quy hoạch (Điều 5).\n", [("21/2017/QH14", "Luật Quy hoạch")]),
])
def test_a_law_named_with_its_revision_is_the_new_law(body, cited):
    record = _record("Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017;", body=body)
    assert [[(c.number, c.title) for c in t.citations] for t in record.tasks] == [cited]


def test_an_ordinance_given_with_its_number_is_cited_by_its_title_later():
    """An ordinance (Pháp lệnh) is cited by title as a law is; the title the preamble gives in
    full before its number runs over the words that end a title in running text ("có",
    "với"), and its later uses are that ordinance; the amending ordinance keeps its own."""
    record = _record(
        "Căn cứ Pháp lệnh Bảo vệ người có công với địa phương số 12/2009/PL-UBTVQH12 ngày 05 tháng 3 năm 2009 của Ủy ban Thường vụ Quốc hội và Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Bảo vệ người có công với địa phương số 07/2014/PL-UBTVQH13 ngày 10 tháng 6 năm 2014;",
        body="1. Sở Nội vụ chủ trì rà soát hồ sơ theo quy định của Pháp lệnh Bảo vệ người có công với địa phương.\n"
             # look-alike: another ordinance opening with the same words is not that one
             "2. Sở Tư pháp chủ trì góp ý Pháp lệnh Bảo vệ người cao tuổi.\n")
    assert numbers_of(record.bases) == ["12/2009/PL-UBTVQH12", "07/2014/PL-UBTVQH13"]
    assert record.bases[0].title == "Pháp lệnh Bảo vệ người có công với địa phương"
    assert _tasknumbers_of(record) == [["12/2009/PL-UBTVQH12"], ["Pháp lệnh Bảo vệ người cao tuổi"]]


def test_a_given_title_stops_at_the_next_titled_document():
    record = _record("Căn cứ Luật Đất đai và Luật Nhà ở số 27/2023/QH15 ngày 27 tháng 11 năm 2023;")
    assert [(c.number, c.title) for c in record.bases] == [
        ("31/2024/QH15", "Luật Đất đai"), ("27/2023/QH15", "Luật Nhà ở")]


def test_a_code_written_with_a_capital_second_word():
    record = _record("Căn cứ Chỉ thị số 05/CT-TTg ngày 01/3/2025 của Thủ tướng Chính phủ;",
                     body="1. Công an tỉnh chủ trì tuyên truyền Bộ Luật hình sự năm 2015.\n")
    assert _tasknumbers_of(record) == [["100/2015/QH13"]]


def test_this_plan_in_a_plan_a_decision_issues_is_no_citation():
    """"Kế hoạch này" in the plan a decision issues is that plan, though the plan cites
    another Kế hoạch before it; in a plan of its own, "Quyết định này" still names the last
    Quyết định it cites (a decision it is not)."""
    head = "Số: 12/QĐ-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\nQUYẾT ĐỊNH\nBan hành Kế hoạch chuyển đổi số\n\n"
    preamble = ("Căn cứ Kế hoạch số 41/KH-UBND ngày 02/3/2025 của Ủy ban nhân dân thành phố;\n\nQUYẾT ĐỊNH:\n\n"
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số.\n\n"
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nKẾ HOẠCH\nChuyển đổi số năm 2025\n")
    body = "1. Sở Tài chính chủ trì bố trí kinh phí thực hiện các nhiệm vụ được giao tại Kế hoạch này.\n"
    record = extract_text(head + preamble + "\nI. NHIỆM VỤ\n" + body)
    assert _tasknumbers_of(record) == [[]]
    plan = _record("Căn cứ Quyết định số 41/QĐ-UBND ngày 02/3/2025 của Ủy ban nhân dân thành phố;",
                   body="1. Sở Nội vụ chủ trì thực hiện các nội dung của Quyết định này.\n")
    assert _tasknumbers_of(plan) == [["41/QĐ-UBND"]]


@pytest.mark.parametrize(("preamble", "title"), [
    # a known title ("Luật Kế toán", "Luật Đầu tư") that goes on in title words up to the
    # law's year or date is a longer title the catalogue does not know: kept, never the shorter
    ("Căn cứ Luật Kế toán công năm 2030;", "Luật Kế toán công năm 2030"),
    ("Căn cứ Luật Đầu tư kinh doanh và dịch vụ ngày 12 tháng 6 năm 2031;",
     "Luật Đầu tư kinh doanh và dịch vụ năm 2031"),
])
def test_a_longer_title_than_a_known_one_is_not_the_known_law(preamble, title):
    [law] = _record(preamble).bases
    assert (law.number, law.title) == (None, title)


@pytest.mark.parametrize(("body", "number"), [
    # the known law, followed by the sentence's own words (no year or date after them), or
    # by a list, or by a word that ends a title
    ("1. Sở Nội vụ triển khai Luật Việc làm bảo đảm kịp thời, đồng bộ.\n", "74/2025/QH15"),
    ("1. Sở Tài chính bố trí kinh phí theo Luật Ngân sách nhà nước, nguồn chi tổ chức năm 2025.\n", "89/2025/QH15"),
    ("1. Sở Tư pháp hướng dẫn Luật Phòng, chống tham nhũng trong năm 2025.\n", "36/2018/QH14"),
    ("1. Sở Xây dựng triển khai Luật Quy hoạch đô thị và nông thôn năm 2024.\n", "47/2024/QH15"),
])
def test_a_known_law_followed_by_running_words_stays_that_law(body, number):
    record = _record("Căn cứ Quyết định số 15/2025/QĐ-UBND ngày 02/3/2025;", body)
    assert [c.number for t in record.tasks for c in t.citations] == [number]


WRAPPED_PLAN = """Số: 12/KH-UBND
Đà Nẵng, ngày 10 tháng 9 năm 2025

KẾ HOẠCH
THỰC HIỆN CÔNG TÁC PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT TRÊN ĐỊA BÀN THÀNH PHỐ
NĂM 2025

{preamble}

I. NHIỆM VỤ

1. Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành tổ chức tuyên truyền
pháp luật cho cán bộ, công chức, viên chức và người lao động trên địa bàn
thành phố, bảo đảm thiết thực, hiệu quả, phù hợp với từng đối tượng.

2. Ủy ban nhân dân các xã, phường chủ trì tổ chức hòa giải ở cơ sở theo quy
định, kịp thời giải quyết mâu thuẫn, tranh chấp nhỏ trong cộng đồng dân cư
và báo cáo kết quả về Sở Tư pháp trước ngày 15 tháng 12 năm 2025.
"""


def test_a_preamble_after_a_type_line_that_carries_its_title_is_the_preamble():
    """A hard-wrapped copy: "KẾ HOẠCH" and its title in capitals make one paragraph, then
    "Thực hiện ...": that paragraph is what the plan carries out, not more of its title."""
    record = extract_text(WRAPPED_PLAN.format(preamble="""Thực hiện Luật Phổ biến, giáo dục pháp luật năm 2012; Quyết định số
25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ quy định về xã, phường
đạt chuẩn tiếp cận pháp luật, Ủy ban nhân dân thành phố ban hành Kế hoạch
thực hiện năm 2025 như sau:"""))
    assert record.document.title.endswith("TRÊN ĐỊA BÀN THÀNH PHỐ NĂM 2025")
    assert numbers_of(record.bases) == ["14/2012/QH13", "25/2021/QĐ-TTg"]


def test_a_title_in_running_case_under_a_bare_type_line_stays_the_title():
    record = _record("Căn cứ Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ;",
                     head="Số: 12/KH-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\n\nKẾ HOẠCH\n\nThực hiện các giải pháp nâng cao hiệu quả công tác pháp chế năm 2025\n\n")
    assert record.document.title == "Thực hiện các giải pháp nâng cao hiệu quả công tác pháp chế năm 2025"
    assert numbers_of(record.bases) == ["25/2021/QĐ-TTg"]


@pytest.mark.parametrize(("preamble", "numbers"), [
    # "xây dựng Kế hoạch" is the issuer's own clause, as "ban hành Kế hoạch" is: what the
    # plan's subject names after it is no basis
    ("Thực hiện Quyết định số 10/QĐ-TTg ngày 02/01/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh xây dựng Kế hoạch thực hiện Kế hoạch số 25/KH-BNV ngày 05/01/2025 như sau:", ["10/QĐ-TTg"]),
    # a cited document about building a plan is still a basis
    ("Căn cứ Công văn số 12/BNV-CCVC ngày 03/01/2025 của Bộ Nội vụ về việc xây dựng Kế hoạch năm 2026;", ["12/BNV-CCVC"]),
])
def test_the_issuer_building_its_plan_ends_the_bases(preamble, numbers):
    assert numbers_of(_record(preamble).bases) == numbers


def test_one_number_of_two_years_is_two_documents():
    """An administrative number carries no year and starts again every year: the Chỉ thị
    02/CT-TTg of 2018 and that of 2019 are two documents; the same number named again
    without its date is the one dated document of that number the plan names."""
    record = _record(
        "Căn cứ Chỉ thị số 02/CT-TTg ngày 15/11/2019 của Thủ tướng Chính phủ về tăng cường công tác bảo vệ bí mật nhà nước;",
        body="1. Công an tỉnh tuyên truyền Chỉ thị số 02/CT-TTg ngày 04/7/2018 của Thủ tướng Chính phủ về bảo vệ bí mật nhà nước trên không gian mạng.\n"
             "2. Sở Nội vụ hướng dẫn thực hiện Chỉ thị số 02/CT-TTg và Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư.\n")
    dates = sorted(c.date for c in record.citations if c.number == "02/CT-TTg")
    assert dates == ["2018-07-04", "2019-11-15"]
    assert [[c.number for c in t.citations] for t in record.tasks] == [["02/CT-TTg"], ["02/CT-TTg", "80-KL/TW"]]


def test_one_number_named_again_in_its_year_is_one_document():
    record = _record(
        "Căn cứ Chỉ thị số 02/CT-TTg ngày 15/11/2019 của Thủ tướng Chính phủ;",
        body="1. Sở Nội vụ hướng dẫn thực hiện Chỉ thị số 02/CT-TTg ngày 15 tháng 11 năm 2019 và Chỉ thị số 02/CT-TTg.\n")
    assert [c.number for c in record.citations] == ["02/CT-TTg"]


def test_a_list_of_one_types_numbers_names_each_document():
    """"Các Nghị định ... (số 37/2019/NĐ-CP ngày ..., số 58/2023/NĐ-CP ... sửa đổi ... và số
    22/2025/NĐ-CP ...)": each number is a document of its own, a basis like the others, not
    words of the title before it; a title naming its type's document ("của Nghị định số
    37/2019/NĐ-CP") keeps it."""
    record = _record("Căn cứ các Nghị định của Chính phủ quy định chi tiết thi hành Luật Quy hoạch (số 37/2019/NĐ-CP ngày 07/5/2019, số 58/2023/NĐ-CP ngày 12/8/2023 sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP và số 22/2025/NĐ-CP ngày 11/02/2025 sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP);")
    assert set(numbers_of(record.bases)) >= {"37/2019/NĐ-CP", "58/2023/NĐ-CP", "22/2025/NĐ-CP"}
    titles = {c.number: c.title for c in record.bases}
    assert titles["58/2023/NĐ-CP"] == "sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP"


@pytest.mark.parametrize(("body", "number", "title"), [
    # a decree's symbol is always NĐ-CP: the number and year name it
    ("1. Sở Công Thương rà soát theo Nghị định 17/2021 của Chính phủ.\n", "17/2021/NĐ-CP", None),
    ("1. Sở Công Thương rà soát theo Nghị định số 17/2021.\n", "17/2021/NĐ-CP", None),
    # another type's symbol names its issuer, which the number alone does not give: the
    # document keeps the name it is written by, never a guessed number
    ("1. Sở Công Thương rà soát theo Thông tư 33/2022 về an toàn.\n", None, "Thông tư 33/2022"),
])
def test_a_normative_number_without_its_symbol_is_cited(body, number, title):
    record = _record("Căn cứ Luật Tổ chức chính quyền địa phương;", body=body)
    cited = record.tasks[0].citations
    assert [(c.number, c.title if number is None else None) for c in cited] == [(number, title)]


def test_a_number_without_its_symbol_is_the_one_the_plan_names_in_full():
    """"Thông tư 33/2022" after "Thông tư số 33/2022/TT-BCT" is that circular, and an article
    of it is its article."""
    record = _record(
        "Căn cứ Thông tư số 33/2022/TT-BCT ngày 05/12/2022 của Bộ Công Thương;",
        body="1. Sở Công Thương hướng dẫn khoản 2 Điều 4 Thông tư 33/2022 và Nghị định 09/2018/NĐ-CP.\n")
    cited = record.tasks[0].citations
    assert [c.number for c in cited] == ["33/2022/TT-BCT", "09/2018/NĐ-CP"]
    assert cited[0].articles == ["4"]


@pytest.mark.parametrize("shape", [
    "Kế hoạch 5 năm 2021",  # the years a plan covers, not a number
    "Nghị định 17/2021/NĐ-CP",  # in full: one citation, not two
])
def test_a_figure_and_a_year_name_no_second_document(shape):
    record = _record("Căn cứ Luật Tổ chức chính quyền địa phương;",
                     body=f"1. Sở Công Thương rà soát theo {shape}.\n")
    assert len(record.tasks[0].citations) <= 1


@pytest.mark.parametrize(("preamble", "issuer", "title"), [
    # an issuer that opens with an accented capital
    ("Căn cứ Quyết định số 215/QĐ-UBND ngày 03/3/2025 của Ủy ban nhân dân tỉnh về phân công nhiệm vụ;",
     "Ủy ban nhân dân tỉnh", "phân công nhiệm vụ"),
    # ... and ends where the next document of the list begins, a titled one too
    ("Căn cứ Nghị quyết số 40/NQ-HĐND ngày 10/7/2024 của Ủy ban Thường vụ Hội đồng nhân dân và Pháp lệnh Dân số;",
     "Ủy ban Thường vụ Hội đồng nhân dân", None),
])
def test_the_issuer_after_a_number(preamble, issuer, title):
    cite = _record(preamble).bases[0]
    assert (cite.issuer, cite.title) == (issuer, title)


def test_running_words_after_a_number_are_no_title():
    """"... Kết luận 21-KL/TW theo lộ trình ...": the sentence goes on; after "về" such a word
    opens the title ("... về theo dõi tình hình thi hành pháp luật")."""
    record = _record("Căn cứ Nghị định số 61/2013/NĐ-CP ngày 02/7/2013 của Chính phủ về theo dõi việc thi hành;",
                     body="1. Công an tỉnh triển khai Kết luận 21-KL/TW theo lộ trình của Bộ Công an.\n")
    assert [(c.number, c.title) for c in record.tasks[0].citations] == [("21-KL/TW", None)]
    assert [(c.number, c.title) for c in record.bases] == [("61/2013/NĐ-CP", "theo dõi việc thi hành")]


def test_a_drafts_blank_number_in_its_annex_caption_is_the_plan_itself():
    """A draft's annex says "(Kèm theo Kế hoạch số    /KH-SCT ...)" before the plan has a
    number: the plan itself, no citation; another type's blank number is still cited."""
    head = "Số:     /KH-SCT\nHuế, ngày    tháng 4 năm 2026\nKẾ HOẠCH\nKiểm tra an toàn hóa chất\n\n"
    record = _record("Căn cứ Luật Hóa chất năm 2007;", head=head, body=(
        "1. Phòng Kỹ thuật an toàn chủ trì kiểm tra theo Quyết định số    /QĐ-SCT.\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n\nPHÂN CÔNG NHIỆM VỤ\n\n"
        "(Kèm theo Kế hoạch số    /KH-SCT ngày    /4/2026 của Sở Công Thương)\n\n"
        "| TT | Nhiệm vụ thực hiện | Người thực hiện |\n\n| 1 | Rà soát hồ sơ | Lê Văn Chung |\n\n"
        "| 2 | Lập biên bản | Lê Văn Chung |\n"))
    assert [c.type for c in record.citations if not c.number and not c.title] == ["Quyết định"]


@pytest.mark.parametrize(("preamble", "number"), [
    # a PDF's text layer that lost the hyphen between type code and issuer code
    ("Căn cứ Nghị định số 45/2020/NĐCP ngày 08/4/2020 của Chính phủ;", "45/2020/NĐ-CP"),
    ("Căn cứ Thông tư số 02/2019/TTVPCP ngày 12/3/2019 của Văn phòng Chính phủ;", "02/2019/TT-VPCP"),
    ("Căn cứ Quyết định số 731/QĐUBND ngày 05/5/2025 của Ủy ban nhân dân tỉnh;", "731/QĐ-UBND"),
    # look-alikes: an issuer's own code, a unit's letter
    ("Căn cứ Công văn số 214/TTCP ngày 03/02/2025 của Thanh tra Chính phủ;", "214/TTCP"),
    ("Căn cứ Công văn số 97/UBND ngày 03/02/2025 của Ủy ban nhân dân tỉnh;", "97/UBND"),
])
def test_a_symbol_that_lost_its_hyphen(preamble, number):
    assert numbers_of(_record(preamble).bases) == [number]


def test_a_list_of_laws_after_one_kind_word_names_each_law():
    """"các Luật: Nhà ở, Kinh doanh bất động sản năm 2023 và Đất đai năm 2024": one law per
    title, as "các Sở: Nội vụ, Tài chính" names departments; a title's own comma ("Cán bộ,
    công chức") stays in it; the list ends at a title the catalogue does not know."""
    record = _record("Căn cứ Luật Tổ chức chính quyền địa phương;", body=(
        "1. Sở Xây dựng tuyên truyền các Luật: Nhà ở, Kinh doanh bất động sản năm 2023 và Đất đai năm 2024.\n"
        "2. Sở Nội vụ hướng dẫn các Luật: Viên chức; Bảo hiểm tiền gửi mới; Nhà ở.\n"
        "3. Sở Nội vụ tập huấn về các luật mới: thời gian quý IV/2025.\n"))
    first, second, third = ([c.number for c in t.citations] for t in record.tasks)
    assert first == ["27/2023/QH15", "29/2023/QH15", "31/2024/QH15"]
    assert second == ["58/2010/QH12"]  # an unknown title ends the list: nothing guessed after it
    assert third == []


def test_a_pinpoint_in_brackets_after_a_document_is_its_own():
    """"Nghị định số 45/2020/NĐ-CP (Điều 7, Điều 9)": where in the document, after it; a
    pinpoint of another document named inside the brackets stays that document's."""
    record = _record("Căn cứ Luật Tổ chức chính quyền địa phương;", body=(
        "1. Sở Nội vụ thực hiện Nghị định số 45/2020/NĐ-CP (Điều 7, Điều 9).\n"
        "2. Sở Nội vụ thực hiện Nghị định số 45/2020/NĐ-CP (Điều 3 Luật Bảo vệ bí mật nhà nước năm 2018).\n"))
    first, second = ({c.number: c.articles for c in t.citations} for t in record.tasks)
    assert first == {"45/2020/NĐ-CP": ["7", "9"]}
    assert second == {"45/2020/NĐ-CP": [], "29/2018/QH14": ["3"]}


@pytest.mark.parametrize(("preamble", "number", "type_name"), [
    # a Party programme's type code ends in lower case
    ("Căn cứ Chương trình hành động số 08-CTr/TU ngày 12/02/2024 của Tỉnh ủy;", "08-CTr/TU", "Chương trình"),
    ("Căn cứ Chương trình số 31-CTr/TW ngày 03/7/2025 của Ban Bí thư;", "31-CTr/TW", "Chương trình"),
])
def test_a_party_number_with_a_mixed_case_type_code(preamble, number, type_name):
    assert [(c.number, c.type) for c in _record(preamble).bases] == [(number, type_name)]


@pytest.mark.parametrize(("body", "numbers"), [
    # a law's kind written in lower case before a title the catalogue knows
    ("1. Sở Nội vụ hướng dẫn thực hiện luật Viên chức năm 2010.\n", ["58/2010/QH12"]),
    # look-alikes: the law of a field ("pháp luật ..."), a bill ("dự luật"), the common noun
    ("1. Sở Nội vụ tuyên truyền pháp luật Viên chức cho công chức.\n", []),
    ("1. Sở Nội vụ góp ý dự luật Viên chức.\n", []),
    ("1. Sở Nội vụ thực hiện theo quy định của luật.\n", []),
])
def test_a_law_named_with_its_kind_in_lower_case(body, numbers):
    record = _record("Căn cứ Hiến pháp năm 2013;", body=body)
    assert [c.number for c in record.tasks[0].citations] == numbers


@pytest.mark.parametrize("written", ["ngày 24-5-2025", "ngày 24.5.2025", "ngày 24/5/2025"])
def test_a_documents_date_with_dashes_or_dots(written):
    cite = _record(f"Căn cứ Quyết định số 612/QĐ-TTg {written} của Thủ tướng Chính phủ phê duyệt Đề án;").bases[0]
    assert (cite.number, cite.date, cite.title) == ("612/QĐ-TTg", "2025-05-24", "phê duyệt Đề án")
