"""Real Word files: text boxes, fields and tracked changes read as Word shows them, and a
package's parts bounded before anything is inflated (a generated zip bomb is refused quickly,
with a message, in bounded memory)."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from ingest.docx import MAX_PART, docx_text
from ingest.extract import extract_file
from ingest.read import ReadError, read_plan
from tests.docx_build import field_para, para, revised_para, text_box, write_docx, zip_bomb


def test_text_boxes_fields_and_revisions_read_as_word_shows_them(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "lang-son-12.docx", [
        text_box("ỦY BAN NHÂN DÂN", ["TỈNH LẠNG SƠN", "Số: 12/KH-UBND"]),
        para("Lạng Sơn, ngày 02 tháng 6 năm 2025"),
        para("KẾ HOẠCH"),
        para("Kiểm tra an toàn thực phẩm năm 2025"),
        field_para("Căn cứ Luật An toàn thực phẩm ", 'MERGEFIELD "can_cu"', "ngày 17/6/2010",
                   "; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"),
        para("I. NHIỆM VỤ"),
        revised_para("1. Sở Y tế chủ trì kiểm tra các cơ sở chế biến thực phẩm.", " (cũ)",
                     " Bỏ đi."),
        para("TM. ỦY BAN NHÂN DÂN"), para("CHỦ TỊCH"), para("Lương Trọng Quỳnh"),
    ])
    text = docx_text(path.read_bytes())
    lines = [ln for ln in text.split("\n") if ln]
    # the box's paragraphs once each (not from the fallback copy too), after its anchor
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN", "Số: 12/KH-UBND"]
    assert text.count("TỈNH LẠNG SƠN") == 1
    assert ("Căn cứ Luật An toàn thực phẩm ngày 17/6/2010; Ủy ban nhân dân tỉnh ban hành Kế "
            "hoạch như sau:") in lines
    assert "MERGEFIELD" not in text and "(cũ)" not in text and "Bỏ đi" not in text
    doc = extract_file(path).document
    assert (doc.number, doc.date, doc.signer) == ("12/KH-UBND", "2025-06-02", "Lương Trọng Quỳnh")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"


def test_a_zip_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 8 * 1024 * 1024  # a few MB that unpack to 1 GiB
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ReadError, match=r"bomb\.docx: word/document\.xml would unpack to "
                                        r"1\.0 GiB .*zip bomb"):
        read_plan(bomb)
    took = time.perf_counter() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert took < 1.0 and peak < 32 * 1024 * 1024


def test_a_part_whose_header_lies_is_never_inflated_past_what_it_claims(tmp_path: Path) -> None:
    """A header that claims a small size: the reader inflates no more than it claims (zipfile
    stops there, and the reader never asks for more than the bound), so the part comes out
    cut and the file is refused as damaged, quickly."""
    honest = zip_bomb(tmp_path / "big.docx", unpacked=MAX_PART + (1 << 20))
    raw = bytearray(honest.read_bytes())
    central = raw.rfind(b"PK\x01\x02")  # document.xml's entry, the last one
    assert raw[central + 46:central + 46 + 17] == b"word/document.xml"
    raw[central + 24:central + 28] = (1024).to_bytes(4, "little")  # uncompressed size
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bytes(raw))
    with zipfile.ZipFile(liar) as z:
        assert z.getinfo("word/document.xml").file_size == 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ReadError, match=r"liar\.docx: (damaged Word file|not a Word)"):
        read_plan(liar)
    took = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert took < 1.0 and peak < 16 * 1024 * 1024
