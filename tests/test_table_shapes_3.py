"""Task tables whose rows were read with the wrong bodies: an annex grid (STT | Nội dung |
Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm) as the portal's copy
renders it with a cell left empty, a Word row that holds two tasks with one bodies paragraph
each, and a Word header over two rows ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"). Every
line is invented, laid out as such annex tables are."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from tests.shape_helpers import roles, tasks_of

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n\nSố: 45/KH-UBND\n\nHà Nam, ngày 10 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nTriển khai thi hành Luật Dữ liệu\n\nI. NHIỆM VỤ\n\n")
HEADER = ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")


def _cell_per_line(rows: list[list[str]]) -> str:
    """A table in the portal's cell-per-line layout: "|" between cells, "|" / "|" between
    rows; an empty cell leaves nothing between its two bars."""
    out = []
    for row in rows:
        out.append("|\n" + "\n|\n".join(c if c else "" for c in row).replace("\n\n", "\n") + "\n|")
    return "\n".join(out) + "\n"


def _assigned(tasks) -> list[tuple[str, list[tuple[str, str]], str | None]]:
    return [(t.section, roles(t), t.timeframe.text) for t in tasks]


# ------------------------------------------------- a copy's row with an empty bodies cell

def test_an_empty_support_cell_in_a_cell_per_line_copy_stays_empty():
    """"Sở Nội vụ" / "|" / "|" / "Quý III/2026": the bars around the empty "phối hợp" cell
    look like a row's end, but the two pieces fill the header's width with it: one row, the
    time its own, and no support taken from the row above."""
    tasks = tasks_of(HEAD, _cell_per_line([
        list(HEADER),
        ["1", "Tổ chức hội nghị phổ biến Luật", "Sở Tư pháp", "Sở Tài chính", "Quý II/2026"],
        ["2", "Rà soát văn bản quy phạm pháp luật", "Sở Nội vụ", "", "Quý III/2026"]]))
    assert _assigned(tasks) == [
        ("I.1", [("Sở Tư pháp", "lead"), ("Sở Tài chính", "support")], "Quý II/2026"),
        ("I.2", [("Sở Nội vụ", "lead")], "Quý III/2026")]


def test_a_body_after_an_empty_lead_cell_is_the_support():
    """An empty "chủ trì" cell: the body in the cell after it is under "phối hợp", not moved
    into the leftmost bodies column."""
    tasks = tasks_of(HEAD, _cell_per_line([
        list(HEADER),
        ["1", "Tổ chức hội nghị phổ biến Luật", "Sở Tư pháp", "Sở Tài chính", "Quý II/2026"],
        ["2", "Xây dựng cơ sở dữ liệu về hộ tịch", "", "Sở Nội vụ", "Quý IV/2026"]]))
    assert _assigned(tasks)[1] == ("I.2", [("Sở Nội vụ", "support")], "Quý IV/2026")


def test_the_next_row_after_a_short_row_is_its_own():
    """A row that is short because a cell above spans it (the portal leaves that cell out)
    is followed by a row opening with its number: that is the next row, not the rest."""
    tasks = tasks_of(HEAD, "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
                     "| 1 | Tổ chức hội nghị phổ biến Luật | Sở Tư pháp | Sở Tài chính | Quý II/2026 |\n"
                     "| 2 | Rà soát văn bản quy phạm pháp luật | Sở Nội vụ | Quý III/2026 |\n"
                     "| 3 | Xây dựng cơ sở dữ liệu về hộ tịch | Sở Tư pháp | Công an tỉnh | Quý IV/2026 |\n")
    assert [t.section for t in tasks] == ["I.1", "I.2", "I.3"]
    assert _assigned(tasks)[2] == ("I.3", [("Sở Tư pháp", "lead"), ("Công an tỉnh", "support")], "Quý IV/2026")


def test_a_first_row_short_of_its_support_keeps_its_time():
    """The first row under the header lacks its "phối hợp" cell: no full row has shown yet
    what each column holds, so the header says it ("Thời gian hoàn thành": a time); the
    time is the row's, and its support stays missing."""
    tasks = tasks_of(HEAD, "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
                     "| 1 | Tổ chức hội nghị phổ biến Luật | Sở Tư pháp | Quý II/2026 |\n"
                     "| 2 | Rà soát văn bản quy phạm pháp luật | Sở Nội vụ | Sở Tài chính | Quý III/2026 |\n")
    assert _assigned(tasks) == [
        ("I.1", [("Sở Tư pháp", "lead")], "Quý II/2026"),
        ("I.2", [("Sở Nội vụ", "lead"), ("Sở Tài chính", "support")], "Quý III/2026")]
