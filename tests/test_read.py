"""Reading stage: decoding, cleaning, and the clean -> source offset map."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from ingest.read import CleanText, ReadError, clean, decode, read_plan
from tests.legacy import cp1258_bytes

PLANS = sorted((Path(__file__).resolve().parent.parent / "data" / "plans").glob("*.txt"))
VI = "Ủy ban nhân dân tỉnh ban hành Kế hoạch phòng, chống tham nhũng năm 2024.\n"


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (VI.encode("utf-8"), "utf-8"),
        (VI.encode("utf-8-sig"), "utf-8-sig"),
        (VI.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + VI.encode("utf-16-be"), "utf-16"),
        (VI.encode("utf-16-le"), "utf-16-le"),
        (VI.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decode_unicode_encodings(data: bytes, encoding: str) -> None:
    text, enc = decode(data)
    assert (text, enc) == (VI, encoding)


def test_cp1258_file_decodes_and_cleans_to_nfc(tmp_path: Path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes(cp1258_bytes(VI))
    ct = read_plan(p)
    assert ct.encoding == "cp1258"
    assert ct.text == VI.strip()
    assert ct.raw != ct.text  # raw keeps the decomposed source


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(500)), "png"),
        ("日本語のテキストです。行政計画の文書。".encode("shift_jis"), "shift-jis"),
        ("Die Behörde prüft die Maßnahmen für Bürger gründlich.".encode("latin-1"), "latin-1"),
    ],
)
def test_undecodable_raises_with_file_name(tmp_path: Path, data: bytes, why: str) -> None:
    p = tmp_path / f"bad-{why}.txt"
    p.write_bytes(data)
    with pytest.raises(ReadError, match=rf"bad-{why}\.txt.*tried .*UTF-8.*1258"):
        read_plan(p)


def test_empty_and_unsupported_formats(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(ReadError, match=r"empty\.txt.*empty"):
        read_plan(tmp_path / "empty.txt")
    for name in ("plan.doc", "plan.odt"):
        (tmp_path / name).write_bytes(b"PK\x03\x04whatever")
        with pytest.raises(ReadError, match=rf"{name}.*not supported"):
            read_plan(tmp_path / name)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04whatever")
    with pytest.raises(ReadError, match=r"broken\.docx.*not a Word \.docx file"):
        read_plan(tmp_path / "broken.docx")
    (tmp_path / "renamed.txt").write_bytes(b"%PDF-1.7\n...")  # read as what it is
    with pytest.raises(ReadError, match=r"renamed\.txt: damaged PDF"):
        read_plan(tmp_path / "renamed.txt")
    (tmp_path / "old.txt").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    with pytest.raises(ReadError, match=r"old\.txt: .*old Word \(\.doc\).*not supported"):
        read_plan(tmp_path / "old.txt")


def test_missing_file_is_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nope\.txt"):
        read_plan(tmp_path / "nope.txt")


def test_markdown_file(tmp_path: Path) -> None:
    p = tmp_path / "plan.md"
    p.write_text("# **KẾ HOẠCH**\n\nTriển khai *Kế hoạch*.\n", encoding="utf-8")
    assert read_plan(p).text == "KẾ HOẠCH\n\nTriển khai Kế hoạch."


# --------------------------------------------------------------------------- cleaning


def test_nfd_input_is_composed_and_mapped_to_base_letters() -> None:
    src = "Ủy ban nhân dân tỉnh Tây Ninh"
    ct = clean(nfd(src))
    assert ct.text == src
    sp = ct.source_span(0, 2)  # "Ủy": source is U + hook + dot-less... + y
    assert unicodedata.normalize("NFC", ct.raw[sp.start : sp.end]) == "Ủy"
    assert ct.raw[sp.end] == " "


def test_newlines_spaces_and_invisibles() -> None:
    ct = clean("Kế\u00a0hoạch\u200b số\u00ad 1\r\nNgày  2\rTháng\t3   \r\n")
    assert ct.text == "Kế hoạch số 1\nNgày 2\nTháng 3"
    assert ct.raw[ct.source_offset(ct.text.index("Ngày"))] == "N"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
        ("hệ thống hoá văn bản", "hệ thống hóa văn bản"),
        ("HOÁ", "HÓA"),
        ("thuỷ lợi", "thủy lợi"),
        ("sức khoẻ", "sức khỏe"),
        ("hoà", "hòa"),
        ("tuỳ", "tùy"),
    ],
)
def test_old_style_tone_marks_become_corpus_style(old: str, new: str) -> None:
    assert clean(old).text == new
    assert clean(nfd(old)).text == new
    assert clean(new).text == new


@pytest.mark.parametrize(
    "word", ["quý", "Quý", "quỹ", "hoàn", "thuyết", "toán", "khuya", "ngoáy", "khuỷu", "hoạch"]
)
def test_tone_marks_left_alone(word: str) -> None:
    assert clean(word).text == word


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("**KẾ HOẠCH**  ", "KẾ HOẠCH"),
        ("### **3. Triển khai thực hiện**", "3. Triển khai thực hiện"),
        ("+ *Đơn vị thực hiện: Văn phòng Sở.*", "+ Đơn vị thực hiện: Văn phòng Sở."),
        (
            "**Thời gian hoàn thành trong tháng 01 năm 2023** và gửi",
            "Thời gian hoàn thành trong tháng 01 năm 2023 và gửi",
        ),
        ("- **Thời gian:** thường xuyên.", "- Thời gian: thường xuyên."),
        ("__Ghi chú__ và _nhấn mạnh_", "Ghi chú và nhấn mạnh"),
        ("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
        ("* mục một\n* mục hai", "* mục một\n* mục hai"),
        ("tên_tệp_mới và 2 * 3 * 4", "tên_tệp_mới và 2 * 3 * 4"),
        ("Số 12 #3", "Số 12 #3"),
    ],
)
def test_markdown_markers_removed(src: str, out: str) -> None:
    assert clean(src).text == out


def test_hard_break_lines_stay_separate_lines() -> None:
    assert clean("**KẾ HOẠCH**  \n**Công tác PCTN**  \n").text == "KẾ HOẠCH\nCông tác PCTN"


def test_page_break_joins_lower_case_continuation() -> None:
    src = "hoạt động của\n\nchính quyền.\n\n\nđược giao ./.\n\nưu tiên"
    assert clean(src).text == "hoạt động của chính quyền. được giao ./. ưu tiên"


@pytest.mark.parametrize(
    "nxt", ["a) Tăng cường", "đ) Cải cách", "b. Thực hiện", "- Rà soát", "+ Đơn vị", "2. Yêu cầu"]
)
def test_no_join_before_items_or_capitals(nxt: str) -> None:
    assert clean(f"thực hiện như sau\n\n{nxt}").text == f"thực hiện như sau\n\n{nxt}"


def test_blank_line_runs_and_outer_blank_lines() -> None:
    assert clean("\n\n  Mục A\n\n\n\nMục B\n\n\n").text == "Mục A\n\nMục B"


# --------------------------------------------------------------------------- offset map


def _check_map(ct: CleanText) -> None:
    assert len(ct.offsets) == len(ct.text) + 1
    assert all(a < b for a, b in zip(ct.offsets[:-1], ct.offsets[1:], strict=True))
    assert ct.offsets[-1] <= len(ct.raw)
    for i, c in enumerate(ct.text):
        r = ct.raw[ct.offsets[i]]
        if c.isalnum() and r != c:  # only NFC composition or a moved tone mark may differ
            base = unicodedata.normalize("NFD", c)[0].lower()
            assert unicodedata.normalize("NFD", r)[0].lower() == base, (i, c, r)


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_offset_map_on_sample_plans(path: Path) -> None:
    ct = read_plan(path)
    _check_map(ct)
    words = _words(ct.text)
    rng = random.Random(path.stem)
    for _ in range(200):
        i = rng.randrange(len(words))
        j = min(len(words) - 1, i + rng.randrange(40))
        start, end = words[i][0], words[j][1]
        sp = ct.source_span(start, end)
        again = clean(ct.raw[sp.start : sp.end]).text
        # A span may cut an emphasis pair in half; the leftover marker is the only difference.
        assert again.replace("*", "") == ct.text[start:end].replace("*", "")


@pytest.mark.parametrize(
    "src",
    [
        nfd("**Uỷ ban**  \r\n\r\nhoá   thuỷ\u00a0khoẻ\r\n\r\nchính quyền\u200b *địa phương*"),
        "### **3. Triển khai**\n\n- **Thời gian:** quý I.\n\n\nđược giao",
    ],
)
def test_offset_map_on_every_span_of_messy_text(src: str) -> None:
    ct = clean(src)
    _check_map(ct)
    words = _words(ct.text)
    for i, (start, _) in enumerate(words):
        for _, end in words[i:]:
            sp = ct.source_span(start, end)
            assert clean(src[sp.start : sp.end]).text.replace("*", "") == ct.text[start:end]


def test_read_plan_keeps_line_numbers() -> None:
    hue = next(p for p in PLANS if p.stem.startswith("hue"))
    ct = read_plan(hue)
    assert ct.encoding == "utf-8"
    i = ct.text.index("không trùng lặp, chồng chéo với")  # joined across a page break
    assert ct.line_of(ct.source_span(i, i + 5).start) == 65
    k = ct.text.index("chéo với", i)
    assert ct.line_of(ct.source_offset(k)) == 67
    t = ct.text.index("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    sp = ct.source_span(t, t + len("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"))
    assert ct.raw[sp.start : sp.end] == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert sp.line == 267
    qn = next(p for p in PLANS if p.stem.startswith("quang-ngai"))
    ct = read_plan(qn)
    j = ct.text.index("Thời gian hoàn thành trong tháng 01 năm 2023 và gửi")
    assert ct.line_of(ct.source_offset(j)) == 193
    assert "**" not in ct.text and "###" not in ct.text


def test_line_of_counts_crlf_and_cr() -> None:
    ct = clean("một\r\nhai\rba\nbốn")
    assert [
        ct.line_of(ct.source_offset(ct.text.index(w))) for w in ("một", "hai", "ba", "bốn")
    ] == [
        1,
        2,
        3,
        4,
    ]


def test_hard_wrapped_lines_are_joined_items_are_not() -> None:
    raw = ("a) Tổ chức quán triệt các văn bản về phòng, chống tham\nnhũng đến cán bộ.\n"
           "b) Kiểm tra.\n- Lập\nđ) Báo cáo.")
    ct = clean(raw)
    assert ct.text == ("a) Tổ chức quán triệt các văn bản về phòng, chống tham nhũng đến cán bộ."
                       "\nb) Kiểm tra.\n- Lập\nđ) Báo cáo.")
    at = ct.text.index("nhũng")
    assert raw[ct.source_span(at, at + 5).start:][:5] == "nhũng"


# a plan cut at a fixed width by a tool that fills every line (no blank lines between
# paragraphs): only the room a line left tells a heading in sentence case from a wrap
_FILLED = [
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức thi hành Luật Thủ đô năm 2026 trên địa "
    "bàn tỉnh với các nội dung cụ thể như sau để các cơ quan cùng thực hiện",
    "1. Mục đích",
    "Bảo đảm việc thi hành Luật được tiến hành kịp thời, thống nhất, đồng bộ và hiệu quả "
    "tại các cơ quan, đơn vị và địa phương trong toàn tỉnh theo Kế hoạch số 15/KH-UBND",
    "a) Về công tác tuyên truyền",
    "Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành tổ chức tuyên truyền, phổ biến "
    "nội dung của Luật đến cán bộ, công chức, viên chức và Nhân dân trên địa bàn tỉnh.",
    "b) Về công tác rà soát văn bản",
    "Văn phòng Ủy ban nhân dân tỉnh chủ trì rà soát các văn bản quy phạm pháp luật do tỉnh "
    "ban hành có liên quan, hoàn thành trong quý III/2026.",
    "c) Về công tác bảo đảm kinh phí",
    "Sở Tài chính chủ trì, phối hợp với các cơ quan có liên quan hướng dẫn việc lập dự "
    "toán, quản lý, sử dụng kinh phí bảo đảm cho công tác thi hành Luật trên địa bàn tỉnh "
    "theo quy định của pháp luật về ngân sách nhà nước và các văn bản hướng dẫn thi hành.",
    "3. Tổ chức thực hiện",
    "Các sở, ban, ngành, Ủy ban nhân dân các xã, phường căn cứ chức năng, nhiệm vụ được "
    "giao xây dựng kế hoạch và báo cáo kết quả về Sở Tư pháp trước ngày 15/12/2026; trong "
    "quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh về Sở Tư pháp để "
    "tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết theo thẩm quyền.",
]


@pytest.mark.parametrize("width", [64, 72, 88])
def test_a_sentence_case_heading_of_a_filled_wrap_stands_alone(width: int) -> None:
    import textwrap

    raw = "\n".join(textwrap.fill(p, width) for p in _FILLED) + "\n"
    ct = clean(raw)
    # every paragraph joined whole, every heading on its own line: neither the heading
    # "a) Về công tác tuyên truyền" nor the unstopped "... số 15/KH-UBND" takes the next line
    assert ct.text.split("\n") == _FILLED
    at = ct.text.index("Sở Tư pháp chủ trì")
    assert raw[ct.source_offset(at):].startswith("Sở Tư pháp chủ trì")


def test_a_filled_wraps_headings_keep_their_tasks_bodies() -> None:
    import textwrap

    from ingest.extract import extract_text

    raw = "\n".join(textwrap.fill(p, 72) for p in ["II. NHIỆM VỤ", *_FILLED[3:]]) + "\n"
    tasks = extract_text(raw, "wrapped.txt").tasks
    assert [t.section for t in tasks] == ["II.a", "II.b", "II.c", "II.3"]
    # the heading is the item's title, not its first words: the subject opens the text
    assert [t.text.split(" ", 2)[:2] for t in tasks] == [
        ["Sở", "Tư"], ["Văn", "phòng"], ["Sở", "Tài"], ["Các", "sở,"]]
    leads = [{b.name for b in t.bodies if b.role == "lead"} for t in tasks[:3]]
    assert leads == [{"Sở Tư pháp"}, {"Văn phòng Ủy ban nhân dân tỉnh"}, {"Sở Tài chính"}]


def test_a_copy_with_short_first_lines_still_joins_them() -> None:
    """A portal's copy cuts each paragraph's first line short (its indent): there a heading's
    body name goes on over the break, "1. Sở" / "Tài chính ...", whatever room it left."""
    para = ("Chủ trì, phối hợp với các cơ quan có liên quan hướng dẫn việc lập dự toán,\n"
            "quản lý, sử dụng kinh phí bảo đảm cho công tác thi hành Luật trên địa bàn\n"
            "tỉnh theo quy định của pháp luật về ngân sách nhà nước.\n")
    raw = "".join(f"{i}. Sở\nTài chính\n\n{para}\n" if i == 1 else
                  f"{i}. Tổ chức\ntập huấn chuyên sâu cho đội ngũ cán bộ, công chức làm công\n"
                  f"tác pháp chế của các sở, ngành.\n\n" for i in range(1, 12))
    lines = clean(raw).text.split("\n")
    assert lines[0] == "1. Sở Tài chính"
    assert lines[2].startswith("Chủ trì, phối hợp") and lines[2].endswith("ngân sách nhà nước.")
