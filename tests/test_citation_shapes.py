"""Citations in the shapes Vietnamese legal documents write them (DOMAIN.md, Nghị định
30/2020 on their form), each on a few lines of our own: numbers as written, amending laws,
terms a plan defines for a document, footnotes, the preamble's bases."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

import pytest

from ingest.extract import extract_text

HEAD = "Số: 12/KH-UBND\nĐà Nẵng, ngày 10 tháng 9 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2025\n\n"


def _record(preamble: str, body: str = "1. Sở Tư pháp chủ trì rà soát văn bản.\n", head: str = HEAD):
    return extract_text(head + preamble + "\n\nI. NHIỆM VỤ\n" + body)


def _numbers(citations) -> list[str | None]:
    return [c.number for c in citations]


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
    assert _numbers(_record(preamble).bases) == [number]
