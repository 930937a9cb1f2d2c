"""Task tables whose rows were read with the wrong bodies: an annex grid (STT | Nội dung |
Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm) as the portal's copy
renders it with a cell left empty, a Word row that holds two tasks with one bodies paragraph
each, and a Word header over two rows ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"). Every
line is invented, laid out as such annex tables are."""
# ruff: noqa: E501  (plan paragraphs are one line each, as in real files)

from __future__ import annotations

from ingest.extract import extract_file
from tests.docx_build import para, write_docx
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


def test_a_copy_s_header_over_two_rows_gives_the_roles_by_its_lower_row():
    """The portal's copy of a two-row header: "| STT | Nội dung | Cơ quan thực hiện | Thời
    gian hoàn thành |" over "| Chủ trì | Phối hợp |" (the cells merged down left out): the
    lower row takes the place of "Cơ quan thực hiện", so the rows are as wide as it makes
    the header and each bodies column has its role; the time stays a time."""
    tasks = tasks_of(HEAD, "| STT | Nội dung | Cơ quan thực hiện | Thời gian hoàn thành |\n| Chủ trì | Phối hợp |\n|---|---|---|---|---|\n"
                     "| 1 | Tổ chức hội nghị phổ biến Luật Dữ liệu | Sở Tư pháp | Sở Tài chính | Quý II/2026 |\n"
                     "| 2 | Rà soát văn bản quy phạm pháp luật | | Sở Nội vụ | Quý III/2026 |\n")
    assert _assigned(tasks) == [
        ("I.1", [("Sở Tư pháp", "lead"), ("Sở Tài chính", "support")], "Quý II/2026"),
        ("I.2", [("Sở Nội vụ", "support")], "Quý III/2026")]


def test_a_row_under_the_header_naming_bodies_is_a_task():
    """A first row whose cells name bodies beside its content ("| 1 | Tổ chức ... | Sở Tư
    pháp | ... |") is a task, not the header's second row: only cells that all name who
    does a row, with nothing else in the row, are."""
    tasks = tasks_of(HEAD, "| STT | Nội dung | Cơ quan thực hiện | Thời gian hoàn thành |\n|---|---|---|---|\n"
                     "| 1 | Tổ chức hội nghị phổ biến Luật Dữ liệu | Sở Tư pháp, Sở Tài chính | Quý II/2026 |\n")
    assert _assigned(tasks) == [("I.1", [("Sở Tư pháp", "executor"), ("Sở Tài chính", "executor")], "Quý II/2026")]


# ------------------------------------------------------------------- Word tables

def _cell(*paragraphs: str, merge: str | None = None, span: int = 1) -> str:
    """A Word cell of ``paragraphs``; ``merge`` "restart"/"continue" a vertical merge."""
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
    body = "".join(para(p) for p in paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def _word_plan(tmp_path, header: list[str], rows: list[str]):
    blocks = [para(x) for x in (
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Số: 45/KH-UBND", "Hà Nam, ngày 10 tháng 3 năm 2026",
        "KẾ HOẠCH", "Triển khai thi hành Luật Dữ liệu", "I. NHIỆM VỤ",
        "Các nhiệm vụ cụ thể tại bảng sau:")]
    table = "<w:tbl>" + "".join(header) + "".join(rows) + "</w:tbl>"
    path = write_docx(tmp_path / "plan.docx", [*blocks, table, para("CHỦ TỊCH"), para("Nguyễn Văn An")])
    return extract_file(path).tasks


ONE_ROW_HEADER = [_row(*(_cell(h) for h in (*HEADER, "Sản phẩm")))]


def test_a_word_row_of_two_points_pairs_each_with_its_own_bodies(tmp_path):
    """"Nội dung" holds "a) ..." and "b) ..." as two paragraphs, "Chủ trì" and "Phối hợp"
    one paragraph per point in the same order: each point is a task with its own bodies
    (the smallest item carrying its own assignment), the time cell every point's."""
    tasks = _word_plan(tmp_path, ONE_ROW_HEADER, [
        _row(_cell("1"), _cell("a) Xây dựng cơ sở dữ liệu về đất đai", "b) Kết nối cơ sở dữ liệu với Cổng dịch vụ công"),
             _cell("Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ"),
             _cell("Sở Tài chính", "Công an tỉnh"), _cell("Năm 2026"), _cell("Cơ sở dữ liệu"))])
    assert _assigned(tasks) == [
        ("I.1", [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tài chính", "support")], "Năm 2026"),
        ("I.1", [("Sở Khoa học và Công nghệ", "lead"), ("Công an tỉnh", "support")], "Năm 2026")]


def test_a_word_row_of_two_sentences_pairs_them_as_its_paragraphs(tmp_path):
    """Two tasks each a sentence paragraph, the bodies cells one paragraph a task (the
    second paragraph naming a list): paired so, as a copy's cell run together is."""
    tasks = _word_plan(tmp_path, ONE_ROW_HEADER, [
        _row(_cell("4"), _cell("Bố trí nhân lực để cập nhật cơ sở dữ liệu về đất đai.", "Bố trí nhân lực để khai thác cơ sở dữ liệu về đất đai."),
             _cell("Các sở, ngành", "Sở Tài chính"), _cell("Sở Tài chính", "Các sở, ngành"),
             _cell("Năm 2026"), _cell("Nhân lực"))])
    assert [roles(t) for t in tasks] == [
        [("Các sở, ngành", "lead"), ("Sở Tài chính", "support")],
        [("Sở Tài chính", "lead"), ("Các sở, ngành", "support")]]


def test_a_word_row_whose_counts_disagree_gives_every_task_all_bodies(tmp_path):
    """Two points but three lead paragraphs (co-leads of the row): nothing pairs them, so
    the row stays one task, all its bodies its own."""
    tasks = _word_plan(tmp_path, ONE_ROW_HEADER, [
        _row(_cell("1"), _cell("a) Xây dựng cơ sở dữ liệu về đất đai", "b) Kết nối cơ sở dữ liệu với Cổng dịch vụ công"),
             _cell("Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Tư pháp"),
             _cell("Sở Tài chính"), _cell("Năm 2026"), _cell("Cơ sở dữ liệu"))])
    assert [roles(t) for t in tasks] == [
        [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Khoa học và Công nghệ", "lead"),
         ("Sở Tư pháp", "lead"), ("Sở Tài chính", "support")]]


def test_a_word_cell_listing_bodies_by_paragraph_beside_one_task_is_one_list(tmp_path):
    """One task, its lead cell two paragraphs ("Sở Tư pháp" / "Sở Nội vụ"): both lead it."""
    tasks = _word_plan(tmp_path, ONE_ROW_HEADER, [
        _row(_cell("1"), _cell("Tổ chức hội nghị phổ biến Luật Dữ liệu"),
             _cell("Sở Tư pháp", "Sở Nội vụ"), _cell("Sở Tài chính"), _cell("Quý II/2026"), _cell("Hội nghị"))])
    assert [roles(t) for t in tasks] == [[("Sở Tư pháp", "lead"), ("Sở Nội vụ", "lead"), ("Sở Tài chính", "support")]]


def test_a_word_header_over_two_rows_gives_the_roles_by_its_lower_row(tmp_path):
    """"Cơ quan thực hiện" spans "Chủ trì" | "Phối hợp" below it, the other header cells
    merged down over both rows: the lower row names each bodies column's role."""
    header = [
        _row(_cell("STT", merge="restart"), _cell("Nội dung", merge="restart"),
             _cell("Cơ quan thực hiện", span=2), _cell("Thời gian hoàn thành", merge="restart")),
        _row(_cell(merge="continue"), _cell(merge="continue"), _cell("Chủ trì"), _cell("Phối hợp"),
             _cell(merge="continue"))]
    tasks = _word_plan(tmp_path, header, [
        _row(_cell("1"), _cell("Tổ chức hội nghị phổ biến Luật Dữ liệu"), _cell("Sở Tư pháp"),
             _cell("Sở Tài chính"), _cell("Quý II/2026")),
        _row(_cell("2"), _cell("Rà soát văn bản quy phạm pháp luật"), _cell("Sở Nội vụ"),
             _cell(), _cell("Quý III/2026"))])
    assert _assigned(tasks) == [
        ("I.1", [("Sở Tư pháp", "lead"), ("Sở Tài chính", "support")], "Quý II/2026"),
        ("I.2", [("Sở Nội vụ", "lead")], "Quý III/2026")]


def test_a_word_header_over_two_rows_left_unmerged_still_gives_the_roles(tmp_path):
    """The same header with its other cells left empty in the lower row (no vMerge, as many
    files are made): the lower row is still the header's, each empty cell the one above."""
    header = [
        _row(_cell("STT"), _cell("Nhiệm vụ"), _cell("Cơ quan thực hiện", span=2), _cell("Thời gian hoàn thành")),
        _row(_cell(), _cell(), _cell("Chủ trì"), _cell("Phối hợp"), _cell())]
    tasks = _word_plan(tmp_path, header, [
        _row(_cell("1"), _cell("Tổ chức hội nghị phổ biến Luật Dữ liệu"), _cell("Sở Tư pháp"),
             _cell("Sở Tài chính"), _cell("Quý II/2026")),
        _row(_cell("2"), _cell("Rà soát văn bản quy phạm pháp luật"), _cell(),
             _cell("Sở Nội vụ"), _cell("Quý III/2026"))])
    assert _assigned(tasks) == [
        ("I.1", [("Sở Tư pháp", "lead"), ("Sở Tài chính", "support")], "Quý II/2026"),
        ("I.2", [("Sở Nội vụ", "support")], "Quý III/2026")]
