"""Kinds of document the corpora show little of (an official letter of a UBND, a ministry's
decision with its annex table, a Party committee's plan, a yearly work programme, an
inspection plan), each in a few invented lines written as Nghị định 30/2020 lays such
documents out, checked against the annotation guide, each with a shape that looks alike and
must not be read so."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from ingest.extract import extract_text
from tests.shape_helpers import roles, tasks_of

# ------------------------------------------------------------------ an official letter

LETTER_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n\nSố: 562/UBND-VX\n"
               "V/v tăng cường phòng, chống dịch bệnh trên gia súc, gia cầm\n\n"
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
               "Lai Châu, ngày 05 tháng 02 năm 2026\n\n"
               "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các xã, phường.\n\n"
               "Để chủ động phòng, chống dịch bệnh, Ủy ban nhân dân tỉnh có ý kiến như sau:\n\n")
LETTER_END = ("\nYêu cầu các cơ quan, đơn vị, địa phương nghiêm túc thực hiện./.\n\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLò Văn Mạnh\n")


def test_a_letter_s_date_read_after_its_subject_is_its_date():
    """The letterhead's left column holds the number and the subject ("V/v ..."), the right
    one the motto and the place and date: a copy that reads the cells in turn puts the date
    after the subject. It is the letter's date, and neither it nor the motto is the subject."""
    doc = extract_text(LETTER_HEAD + "1. Giao Sở Tài chính bố trí kinh phí.\n" + LETTER_END).document
    assert (doc.type, doc.number, doc.date, doc.place) == ("Công văn", "562/UBND-VX", "2026-02-05", "Lai Châu")
    assert doc.title == "Tăng cường phòng, chống dịch bệnh trên gia súc, gia cầm"


def test_a_date_in_the_letter_s_text_is_not_its_date():
    """Once the letter is addressed ("Kính gửi"), a line of place and date is its text's."""
    head = LETTER_HEAD.replace("Lai Châu, ngày 05 tháng 02 năm 2026\n\n", "")
    doc = extract_text(head + "Lai Châu, ngày 05 tháng 02 năm 2026 đã xảy ra ổ dịch.\n\n1. Giao Sở Tài chính bố trí kinh phí.\n" + LETTER_END).document
    assert doc.date is None


def test_a_letter_s_numbered_orders_are_its_tasks():
    """A letter that is no plan numbers its orders straight away: "Giao X chủ trì ...",
    "Yêu cầu Chủ tịch UBND các xã ..." (the head stands for the body, ordered), "Đề nghị Ủy ban
    MTTQ ..." (outside the issuer's authority: requested); its closing "Yêu cầu ... ./." and
    its recipients are none."""
    record = extract_text(LETTER_HEAD
                          + "1. Giao Sở Xây dựng chủ trì, phối hợp với Công an tỉnh kiểm tra các công trình xây dựng không phép; báo cáo Ủy ban nhân dân tỉnh trước ngày 30/6/2026.\n\n"
                          + "2. Yêu cầu Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về công tác quản lý trật tự xây dựng trên địa bàn.\n\n"
                          + "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường giám sát, vận động nhân dân chấp hành pháp luật.\n"
                          + LETTER_END)
    assert [t.section for t in record.tasks] == ["1", "2", "3"]
    assert [roles(t) for t in record.tasks] == [
        [("Sở Xây dựng", "lead"), ("Công an tỉnh", "support")],
        [("Ủy ban nhân dân các xã, phường", "executor")],
        [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested")]]
    assert record.tasks[0].timeframe.due == "2026-06-30"


def test_requirements_headed_yeu_cau_are_still_no_tasks():
    """"2. Yêu cầu: ..." (or a sentence of requirements in lower case) heads what the plan
    requires of itself, as "Mục đích, yêu cầu" does; only "Yêu cầu" before a body orders."""
    tasks = extract_text(LETTER_HEAD + "1. Mục đích: Chủ động phòng, chống dịch bệnh.\n\n"
                         "2. Yêu cầu: Việc triển khai phải kịp thời, hiệu quả.\n\n"
                         "3. Yêu cầu đặt ra là bảo đảm an toàn dịch bệnh cho đàn gia cầm toàn tỉnh trong năm 2026.\n\n"
                         "4. Yêu cầu các sở, ban, ngành tỉnh triển khai thực hiện nghiêm túc.\n" + LETTER_END).tasks
    assert [t.section for t in tasks] == ["4"]
    assert roles(tasks[0]) == [("các sở, ban, ngành tỉnh", "executor")]
