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
