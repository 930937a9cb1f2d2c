"""A body's or a plan's duties as an Excel workbook laid out as a "phân công nhiệm vụ" table.

openpyxl writes it (pure Python, reads back what it writes, so tests open the file with the
same library offices' tools are checked against). A title block says whose duties and which
period; the table has a frozen header, a filter, wrapped text, and a link to the plan's words
in every row; ongoing work goes to a second sheet.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from graph_api.exports.table import COLUMNS, rows

WIDTHS = {"tt": 5, "task": 60, "role": 14, "lead": 24, "support": 28, "timeframe": 22,
          "deadline": 12, "basis": 30, "plan": 30, "section": 9, "source": 16}  # fmt: skip
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")

__all__ = ["workbook"]


def _columns(table: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every column, less "Vai trò" when no row has one (a plan's table has no one body)."""
    return [(k, h) for k, h in COLUMNS if k != "role" or any(r["role"] for r in table)]


def _sheet(ws: Worksheet, title: list[str], table: list[dict[str, Any]]) -> None:
    cols = _columns(table)
    for i, line in enumerate(title, 1):
        ws.cell(i, 1, line).font = Font(bold=i == 1, size=14 if i == 1 else 11)
    head = len(title) + 2
    for c, (key, header) in enumerate(cols, 1):
        cell = ws.cell(head, c, header)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(key, 16)
    for r, values in enumerate(table, head + 1):
        for c, (key, _) in enumerate(cols, 1):
            cell = ws.cell(r, c, values[key])
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if key == "source":
                cell.value = "Xem nguyên văn"
                cell.hyperlink = values[key]
                cell.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = ws.cell(head + 1, 1)
    if table:
        ws.auto_filter.ref = f"A{head}:{get_column_letter(len(cols))}{head + len(table)}"
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1


def workbook(title: list[str], items: list[dict[str, Any]], base_url: str,
             ongoing: list[dict[str, Any]] | None = None) -> bytes:  # fmt: skip
    """The .xlsx bytes: ``items`` on the first sheet, ``ongoing`` work on a second."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phân công nhiệm vụ"
    _sheet(ws, title, rows(items, base_url))
    if ongoing:
        _sheet(wb.create_sheet("Thường xuyên"), [*title[:1], "Nhiệm vụ thường xuyên"],
               rows(ongoing, base_url))  # fmt: skip
    wb.properties.title = title[0]
    wb.properties.creator = "cancu"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
