"""Shapes the metamorphic bench (bench/metamorphic.py) found read differently once a plan was
made another city's, spelt with its tone marks at their old place, or cut at another width:
each a few lines of our own (invented bodies, numbers and dates)."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text
from tests.shape_helpers import roles


def _head(issuer: str, place: str) -> str:
    return (f"{issuer}\n\nSố: 37/KH-UBND\n\n{place}, ngày 09 tháng 4 năm 2026\n\n"
            "KẾ HOẠCH\nPhát triển thể thao quần chúng năm 2026\n\nI. NHIỆM VỤ\n\n")


# ------------------------------------------------------------------------------- tone marks

def test_a_task_is_quoted_with_its_tone_marks_where_the_plan_put_them():
    """The cleaner reads "Uỷ ban", "hoá" as "Ủy ban", "hóa" (so names and patterns match),
    but a task's words are quoted as written: the gold's snippets are the source's words."""
    body = ("1. Sở Văn hóa và Thể thao chủ trì, phối hợp với Uỷ ban nhân dân các xã đẩy mạnh xã hội hoá "
            "các hoạt động thể thao, chăm lo sức khoẻ người cao tuổi.\n")
    task, = extract_text(_head("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI", "Gia Lai") + body).tasks
    assert task.text.startswith("Sở Văn hóa và Thể thao chủ trì, phối hợp với Uỷ ban nhân dân các xã "
                                "đẩy mạnh xã hội hoá các hoạt động thể thao, chăm lo sức khoẻ")
    assert roles(task) == [("Sở Văn hóa và Thể thao", "lead"), ("Ủy ban nhân dân các xã", "support")]


def test_a_plan_in_one_spelling_is_quoted_unchanged():
    body = "1. Sở Y tế chủ trì tổ chức khám sức khỏe định kỳ cho vận động viên; Ủy ban nhân dân các xã phối hợp.\n"
    task, = extract_text(_head("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI", "Gia Lai") + body).tasks
    assert task.text == "Sở Y tế chủ trì tổ chức khám sức khỏe định kỳ cho vận động viên; Ủy ban nhân dân các xã phối hợp."


def test_quoted_tones_are_the_source_s_in_nfd_too():
    import unicodedata

    body = "1. Sở Y tế chủ trì tuyên truyền về an toàn thực phẩm, xã hội hoá công tác y tế.\n"
    text = unicodedata.normalize("NFD", _head("UỶ BAN NHÂN DÂN\nTỈNH GIA LAI", "Gia Lai") + body)
    task, = extract_text(text).tasks
    assert task.text == "Sở Y tế chủ trì tuyên truyền về an toàn thực phẩm, xã hội hoá công tác y tế."


# ------------------------------------------------------------------------------ letterheads

@pytest.mark.parametrize("letterhead, issuer", [
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("UBND THÀNH PHỐ HẢI PHÒNG\nSỞ NỘI VỤ", "Sở Nội vụ thành phố Hải Phòng"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nVĂN PHÒNG", None),
])
def test_a_place_whose_name_ends_in_a_kind_word_is_no_body(letterhead, issuer):
    """"Phòng" opens a body's name ("Phòng Tư pháp"), but in "THÀNH PHỐ HẢI PHÒNG" it ends
    the city's: the letterhead's issuer is the Ủy ban (a kind word with no words after it,
    closing a place, names none); a body below the place is still the issuer."""
    record = extract_text(_head(letterhead, "Hải Phòng") + "1. Sở Y tế chủ trì tập huấn cho huấn luyện viên.\n")
    if issuer is None:  # "VĂN PHÒNG" alone under the place: the office, a body of its own
        assert record.document.issuer.startswith("Văn phòng")
    else:
        assert record.document.issuer == issuer


# ------------------------------------------------------------------------------- hard wraps

WRAPPED_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\n\nSố: 64/KH-UBND\n\nĐiện Biên, ngày 03 tháng 6 năm 2026\n\n"
                "KẾ HOẠCH\nThực hiện Chương trình mục tiêu quốc gia năm 2026\n\nI. NHIỆM VỤ\n\n")


def _wrapped(item: str) -> str:
    """A plan hard-wrapped at 60 characters (the width a copy cut it at), ``item`` among
    paragraphs of the same width."""
    filler = ("2. Sở Nông nghiệp và Môi trường chủ trì hướng dẫn các xã xây\n"
              "dựng mô hình sản xuất gắn với tiêu thụ sản phẩm của người\n"
              "dân trên địa bàn, báo cáo kết quả thực hiện trước ngày 15\n"
              "tháng 12 năm 2026 về Ủy ban nhân dân tỉnh để theo dõi, chỉ\n"
              "đạo và tổng hợp chung theo quy định của Chương trình.\n\n"
              "3. Sở Tài chính chủ trì thẩm định nguồn vốn thực hiện các dự\n"
              "án thành phần, tham mưu Ủy ban nhân dân tỉnh phân bổ vốn\n"
              "kịp thời cho các xã, phường theo tiến độ giải ngân của\n"
              "từng dự án; phối hợp các sở, ngành kiểm tra, giám sát việc\n"
              "sử dụng vốn đúng mục đích, hiệu quả, tiết kiệm, công khai.\n")
    return WRAPPED_HEAD + item + "\n" + filler


def test_an_abbreviation_cut_onto_a_line_of_its_own_ends_the_paragraph_it_is_in():
    """"MTQG." alone on a line is the last word of a sentence the width cut, not a heading in
    capitals: the task goes on to it."""
    item = ("1. Công an tỉnh chủ trì, phối hợp các sở, ngành tổ chức\n"
            "thực hiện có hiệu quả các nội dung, nhiệm vụ của Chương trình\n"
            "MTQG.\n")
    tasks = extract_text(_wrapped(item)).tasks
    assert [t.section for t in tasks] == ["I.1", "I.2", "I.3"]
    assert tasks[0].text.endswith("nhiệm vụ của Chương trình MTQG.")


def test_a_heading_in_capitals_under_a_paragraph_still_stands_apart():
    item = ("1. Công an tỉnh chủ trì, phối hợp các sở, ngành tổ chức\n"
            "thực hiện có hiệu quả các nội dung, nhiệm vụ của Chương trình\n"
            "II. TỔ CHỨC THỰC HIỆN\n")
    text = _wrapped(item).replace("\n\n2. Sở Nông", "\n\n1. Sở Nông").replace("\n\n3. Sở Tài", "\n\n2. Sở Tài")
    tasks = extract_text(text).tasks
    assert [t.section for t in tasks] == ["I.1", "II.1", "II.2"]


def test_a_line_ending_in_a_colon_goes_on_where_the_next_word_had_no_room():
    """"(tại địa chỉ:" is far shorter than the width, but the address after it could not
    have stood on it: the width cut the line, the paragraph goes on."""
    item = ("1. Sở Khoa học và Công nghệ chủ trì cập nhật kết quả thực\n"
            "hiện lên phần mềm theo dõi (tại địa chỉ:\n"
            "https://theodoi-chuongtrinh-muctieuquocgia.example.vn) để\n"
            "tổng hợp trước ngày 20 hằng tháng, báo cáo Ủy ban nhân dân\n"
            "tỉnh theo quy định.\n")
    tasks = extract_text(_wrapped(item)).tasks
    assert [t.section for t in tasks] == ["I.1", "I.2", "I.3"]
    assert "(tại địa chỉ: https://theodoi-chuongtrinh-muctieuquocgia.example.vn) để" in tasks[0].text
    assert tasks[0].timeframe.text == "trước ngày 20 hằng tháng"



def test_an_abbreviation_ending_a_heading_cut_onto_its_own_line_stays_in_the_heading():
    """"c) Tăng cường ... về" / "PCTN": the heading's last word, not a paragraph of the item;
    the bullets under it, each with its own body, stay tasks."""
    item = ("c) Tăng cường công tác tuyên truyền, phổ biến pháp luật về\n"
            "PCTN\n\n"
            "- Sở Tư pháp chủ trì tổ chức tập huấn cho đội ngũ báo cáo viên\n"
            "pháp luật của tỉnh về phòng, chống tham nhũng trong năm 2026.\n\n"
            "- Các cơ quan, đơn vị, địa phương tiếp tục quán triệt các văn\n"
            "bản pháp luật về phòng, chống tham nhũng đến cán bộ, công chức.\n")
    tasks = extract_text(_wrapped("1. Nhiệm vụ phòng ngừa\n\n" + item)).tasks
    assert [roles(t) for t in tasks[:2]] == [[("Sở Tư pháp", "lead")],
                                            [("Các cơ quan, đơn vị, địa phương", "executor")]]


@pytest.mark.parametrize("cut", [
    ("Thời gian hoàn thành trong tháng", "03 năm 2026**"),
    ("Hoàn thành xong trước ngày", "15/3/2026**"),
    ("Thời gian hoàn thành trong năm", "2026**"),
])
def test_a_date_cut_by_the_width_after_its_word_goes_on(cut):
    """The copy's wrapper counted the emphasis marks the cleaner drops: "... trong tháng"
    seems to leave room for "03", yet a date's word is followed by its number, so the width
    cut the date and the paragraph goes on (its time is the task's)."""
    first, rest = cut
    item = ("1. Các phòng chuyên môn xây dựng kế hoạch, xác định rõ nội dung\n"
            f"và **giải pháp cụ thể**. **{first}\n"
            f"{rest} và gửi Văn phòng Sở để theo dõi, tổng hợp chung.\n")
    from ingest.read import clean

    date = f"{first} {rest.split('**')[0]}"  # "... trong tháng 03 năm 2026"
    assert any(line.endswith(f"{date} và gửi Văn phòng Sở để theo dõi, tổng hợp chung.")
               for line in clean(_wrapped(item)).text.split("\n"))
    tasks = extract_text(_wrapped(item)).tasks
    assert [t.section for t in tasks] == ["I.1", "I.2", "I.3"]
    assert tasks[0].timeframe.due.startswith("2026-")


@pytest.mark.parametrize("heading", ["a) Chỉ tiêu phấn đấu hằng năm", "b) Về chuyển đổi số"])
def test_a_figure_under_a_heading_that_ends_in_a_date_word_opens_its_paragraph(heading):
    """"năm", "số" may end a phrase ("hằng năm", "chuyển đổi số"): over "100% ..." the
    line is a heading, its paragraph apart; only a date's or a number's own shape goes on."""
    item = (f"1. Nhiệm vụ trọng tâm\n\n{heading}\n"
            "100% cơ quan, đơn vị thực hiện tiếp nhận hồ sơ trực tuyến,\n"
            "Sở Khoa học và Công nghệ chủ trì theo dõi, đôn đốc việc\n"
            "thực hiện và báo cáo Ủy ban nhân dân tỉnh kết quả đạt được.\n")
    from ingest.read import clean

    assert heading in clean(_wrapped(item)).text.split("\n")


# ------------------------------------------------------------------------- places of two names

@pytest.mark.parametrize("place", ["Bà Rịa - Vũng Tàu", "Quảng Trị"])
def test_a_place_named_with_a_dash_places_the_issuer_and_a_body_heading(place):
    """"tỉnh Bà Rịa - Vũng Tàu" is one province (two names joined by a dash): the preamble's
    issuer is its Ủy ban, and a heading of bodies "trên địa bàn tỉnh Bà Rịa - Vũng Tàu:" is a
    heading of bodies, whose bullets are their tasks."""
    text = (f"Số: 77/KH-UBND\n\n{place}, ngày 01 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nPhát động phong trào thi đua năm 2024\n\n"
            f"UBND tỉnh {place} ban hành Kế hoạch phát động phong trào thi đua như sau:\n\nI. NHIỆM VỤ\n\n"
            f"1. Các cơ quan, đơn vị, địa phương, doanh nghiệp có vốn Nhà nước trên địa bàn tỉnh {place}:\n\n"
            "- Triển khai thực hiện các nội dung Kế hoạch này theo chức năng, nhiệm vụ.\n\n"
            "- Phối hợp với các cấp ủy, tổ chức đảng tuyên truyền phong trào thi đua.\n")
    record = extract_text(text)
    assert record.document.issuer == f"Ủy ban nhân dân tỉnh {place}"
    assert [roles(t) for t in record.tasks] == [
        [("Các cơ quan, đơn vị, địa phương", "executor"), ("doanh nghiệp có vốn Nhà nước", "executor")],
        [("Các cơ quan, đơn vị, địa phương", "support"), ("doanh nghiệp có vốn Nhà nước", "support"),
         ("các cấp ủy, tổ chức đảng", "support")]]


# ------------------------------------------------------------------------ bullets of all kinds

BULLETS = ["-", "–", "•"]  # Word's autoformat turns "- " into "– "; copies keep "•"
PLAIN_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nSố: 12/KH-UBND\n\nQuảng Trị, ngày 02 tháng 3 năm 2026\n\n"
              "KẾ HOẠCH\nThực hiện công tác phòng, chống tham nhũng năm 2026\n\n")


@pytest.mark.parametrize("mark", BULLETS)
def test_a_body_opening_a_bullet_of_any_mark_acts(mark):
    """Under a funding heading a bullet is a task where a body is told to act: its subject
    opens the clause after any bullet mark the outline reads."""
    body = ("I. NHIỆM VỤ\n\n1. Sở Y tế chủ trì tập huấn cán bộ y tế.\n\n2. Kinh phí thực hiện\n\n"
            f"{mark} Kinh phí thực hiện Kế hoạch do ngân sách tỉnh bảo đảm theo quy định.\n\n"
            f"{mark} Sở Tài chính chủ trì, hướng dẫn các cơ quan, đơn vị lập dự toán kinh phí.\n")
    tasks = extract_text(PLAIN_HEAD + body).tasks
    assert ("Sở Tài chính", "lead") in roles(tasks[-1])


@pytest.mark.parametrize("mark", BULLETS)
def test_a_year_opening_a_bullet_of_any_mark_times_its_item(mark):
    """"– Năm 2026: Rà soát ..." opens its line with the year and a colon: the clause's time."""
    body = ("I. NHIỆM VỤ\n\n1. Giải pháp\n\na) Hoàn thiện chính sách về hỗ trợ người cao tuổi:\n\n"
            f"{mark} Nghiên cứu, xây dựng chính sách hỗ trợ người cao tuổi.\n\n"
            f"{mark} Năm 2026: Rà soát các văn bản về người cao tuổi.\n\n"
            f"{mark} Năm 2027: Trình ban hành quy định thay thế.\n\n"
            "b) Sở Y tế chủ trì tuyên truyền chính sách.\n")
    task = extract_text(PLAIN_HEAD + body).tasks[0]
    assert (task.timeframe.text, task.timeframe.due) == ("Năm 2026", "2026-12-31")


@pytest.mark.parametrize("mark", BULLETS)
def test_bases_listed_with_any_bullet_mark_are_bases(mark):
    text = (PLAIN_HEAD + f"{mark} Căn cứ Luật Phòng, chống tham nhũng năm 2018;\n\n"
            f"{mark} Căn cứ Nghị định số 59/2019/NĐ-CP ngày 01/7/2019 của Chính phủ;\n\n"
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. NHIỆM VỤ\n\n1. Sở Y tế chủ trì tập huấn cán bộ y tế.\n")
    assert [c.number for c in extract_text(text).bases] == ["36/2018/QH14", "59/2019/NĐ-CP"]


# ------------------------------------------------------------------------------ short forms

def test_the_front_s_short_form_with_its_country_written_out_is_one_body():
    """"UBMTTQ Việt Nam tỉnh" mixes the short form and the words: the whole Front committee,
    and the list after it is still asked."""
    body = ("I. NHIỆM VỤ\n\n1. Đề nghị UBMTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tăng cường "
            "tuyên truyền, vận động nhân dân tham gia phòng, chống ma túy.\n")
    task, = extract_text(PLAIN_HEAD + body).tasks
    assert roles(task) == [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested"),
                           ("các tổ chức chính trị - xã hội tỉnh", "requested")]
