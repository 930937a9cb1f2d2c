"""Text that is not Vietnamese is never read as if it were: the score of well-formed Vietnamese,
and the refusals of a file that holds only white space, double-encoded text or a broken
font's output. Every text here is written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import extract_file, extract_many
from ingest.quality import (
    assess,
    double_encoded_sample,
    is_syllable,
    suspect,
    undo_double_encoding,
)
from ingest.read import ReadError, read_plan

PLAN = ("KẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2025\n\nI. NHIỆM VỤ\n\n"
        "1. Sở Nội vụ chủ trì, phối hợp với các sở, ngành rà soát thủ tục hành chính; hoàn "
        "thành trong quý II/2025.\n\n2. Ủy ban nhân dân các xã, phường niêm yết công khai "
        "thủ tục hành chính tại bộ phận một cửa; thời gian thực hiện: thường xuyên.\n")


@pytest.mark.parametrize("word", ["nghiêng", "khuya", "Quyết", "GIẢI", "Thường", "tỉnh",
                                  "ương", "khuỷu", "gì", "Đoàn", "xoong", "oái"])
def test_syllables_that_vietnamese_spelling_allows(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["GLӋQ", "giÆ", "ĈiQK", "ÿӏQK", "Ưjơ", "hoàả", "cÆc",
                                  "tHƯƠNG", "nghiêngng"])
def test_words_that_are_no_syllable(word: str) -> None:
    assert not is_syllable(word)
    assert assess(word).words == 1 and assess(word).syllables == 0


def test_a_plan_reads_as_vietnamese_and_a_broken_font_does_not() -> None:
    good = assess(PLAN)
    assert good.readable and good.syllable_share > 0.95 and good.unknown == 0
    assert not suspect(PLAN)
    # what a font without a Unicode map gives: glyph numbers shifted into other alphabets
    broken = "".join(chr(ord(c) - 29) if c.isalpha() and c.isascii() else
                     chr(ord(c) + 0x3E0) if not c.isascii() and c.isalpha() else c for c in PLAN)
    bad = assess(broken * 3)
    assert suspect(broken) and not bad.readable
    assert "of its" in bad.describe() and "%" in bad.describe()


def test_english_and_abbreviations_are_no_evidence_either_way() -> None:
    assert assess("The UBND and IoT platforms, KCN, FDI. " * 20).readable


def test_a_double_encoding_is_undone_only_to_say_what_it_is() -> None:
    seen = PLAN.encode("utf-8").decode("cp1252", errors="replace")
    assert undo_double_encoding(PLAN) is None
    under = undo_double_encoding(seen)
    assert under is not None and under.startswith("KẾ HOẠCH")
    shown, meant = double_encoded_sample(seen)
    assert "Ã" in shown or "á»" in shown
    assert not suspect(meant.replace("?", ""))


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"   \n\t \r\n  ", "only white space"),
        (PLAN.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
         "double-encoded"),
        ("\n".join(["Bùi Thị ӌӍӎ ҨҩҪ ҫ Ҭҭ ӋӊӉ ѬѪ ѮѯѰѱ Ѳѳ ӐӑӒ"] * 30).encode("utf-8"),
         "does not read as Vietnamese"),
    ],
    ids=["white space", "mojibake", "garbled"],
)
def test_such_text_files_are_refused_and_the_batch_goes_on(tmp_path: Path, content: bytes,
                                                           why: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    (tmp_path / "good.txt").write_text(PLAN, encoding="utf-8")
    with pytest.raises(ReadError, match=f"bad.txt: .*{why}"):
        read_plan(bad)
    results = {p.name: (rec, err) for p, rec, err in extract_many(sorted(tmp_path.iterdir()))}
    assert results["bad.txt"][0] is None and why in results["bad.txt"][1]
    assert results["good.txt"][0] is not None and results["good.txt"][1] is None


def test_a_plan_read_from_its_text_says_so() -> None:
    from cancu.paths import PLANS

    record = extract_file(next(PLANS.glob("*.txt")))
    assert record.text_source == "text" and record.to_dict()["text_source"] == "text"
