"""Tables in plan text: the portal's markdown tables made one row per line, their cells read
with offsets, merged cells inherited downward; and task tables (the annex grid "| TT | Nội
dung | Cơ quan chủ trì | ... |" many plans use instead of prose), whose column meanings come
from the header row's words (``[tables]`` in patterns.toml), so any column order works.

The largest legal portal gives a table in one of two layouts (and copies mix them):

- a row per line, ``| a | b |``, under an optional ``|---|---|`` rule; a cell's own line
  breaks are lost (its lines run together), and a long row may be cut over several lines;
- a cell per line: a line holding only ``|`` between cells, two such lines (``|`` / ``|``)
  between rows, each cell's text on the lines between, hard-wrapped as the text around it.

:func:`layout_edits` turns both into the first (one line per row, a cell's lines joined by
spaces), as edits that :mod:`ingest.read` applies with its offset map, so every cell keeps
the source offsets of its characters. A cell missing from a row (a merged cell: the portal
leaves out what a cell above spans) is taken from the row above by :class:`Rows`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from ingest.lexicon import lexicon
from ingest.text import fold

# the label each kind of cell stands for, read as an assignment or time line
LABELS = {"lead": "Cơ quan chủ trì", "support": "Cơ quan phối hợp",
          "executor": "Cơ quan thực hiện", "time": "Thời gian thực hiện"}
# the label of a time line read from a period column ("| Quý I | Quý II |", a mark under the
# periods a row's work falls in): several such lines of one row are the span they cover
PERIOD_LABEL = "Thời gian thực hiện (theo cột)"

Edit = tuple[int, int, str]  # replace text[start:end] with str, as ingest.read applies them


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int
    end: int


# --------------------------------------------------------------------------- layout


_BAR_LINE = re.compile(r"\|+")  # a line of bars alone: "|" between cells or rows
_NEWLINES = re.compile(r"\n+")


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def layout_edits(text: str) -> list[Edit]:
    """Edits that make every table of ``text`` one line per row (see the module's notes).

    ``text`` is clean text line by line (lines stripped, LF only). A bar line before a row
    line is a stray of the converter and goes; a row line cut before its closing bar goes
    on to the next line, and a line that ends in a bar without opening with one continues
    the row above it.
    """
    if "|" not in text:
        return []
    lines = _line_spans(text)
    edits: list[Edit] = []
    width: list[int] = []  # the width of the last task table's header, while its table goes on
    i, n = 0, len(lines)
    while i < n:
        s, e = lines[i]
        if s == e or text[s] != "|":
            if s < e:
                width.clear()  # running text: the table has ended
            i += 1
            continue
        if _BAR_LINE.fullmatch(text, s, e):
            j = _next_filled(text, lines, i + 1)
            if j < n and text[lines[j][0]] == "|" and not _BAR_LINE.fullmatch(text, *lines[j]):
                edits.append((s, e, ""))  # a stray bar above a row line
                i += 1
            else:
                i = _cell_rows(text, lines, i, edits, width)
            continue
        i = _row_lines(text, lines, i, edits, width)
    return edits


def _next_filled(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """The first non-blank line from ``i`` on (``len(lines)`` when none is left)."""
    while i < len(lines) and lines[i][0] == lines[i][1]:
        i += 1
    return i


def _row_lines(text: str, lines: list[tuple[int, int]], i: int, edits: list[Edit],
               width: list[int]) -> int:
    """A row-per-line table from line ``i``: each row joined onto one line. ``width`` holds
    the width of the task table's header read before (and is set by a header read here)."""
    n = len(lines)
    short: tuple[int, int] | None = None  # the last row if it fell short: its line, its cells
    while i < n and lines[i][0] < lines[i][1]:
        s, e = lines[i]
        if text[s] != "|" and text[e - 1] != "|":
            break  # running text after the table
        j = i
        # a row goes on while its line lacks the closing bar, or the lines after it, opening
        # without a bar, reach one that ends in a bar (the converter or a copy's hard wrap cut
        # the row there, maybe inside a cell); a closed row followed by lines without bars is
        # the table's end, the text going on below it ("| Số: ... | ... |" / "KẾ HOẠCH" in a
        # copy that leaves no blank line after the letterhead)
        while j + 1 < n and lines[j + 1][0] < lines[j + 1][1] and (
                text[lines[j][1] - 1] != "|" or _cell_goes_on(text, lines, j + 1)):
            j += 1
        if j > i:
            edits.extend((lines[k][1], lines[k][1] + 1, " ") for k in range(i, j))
        row = cells(" ".join(text[a:b] for a, b in lines[i:j + 1]), 0)
        if columns(row) is not None:
            width[:] = [len(row)]
            short = None
        elif short is not None and width and _goes_on(short[1], row, width[0]):
            edits.append((lines[short[0]][1], lines[short[0]][1] + 1, " "))
            short = None
        else:
            short = (j, len(row)) if width and 1 < len(row) < width[0] else None
        i = j + 1
    return i


def _cell_goes_on(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Do the lines from ``i`` on, opening without a bar, go on a closed row line above
    them? They are a cell's words cut over lines where a cell began ("| 3 | Rà soát ... |" /
    "Sở Nội vụ (phối hợp với" / "các huyện) | Quý II |") when one of them ends in a bar, or
    when a row line follows them with no blank line between (a last cell left open, "... nếu
    có." / "| ||"): the table goes on around them. Running text below a table ends in no bar,
    and a blank line or the end of the text parts it from what follows."""
    n, first = len(lines), i
    while i < n and lines[i][0] < lines[i][1]:
        if text[lines[i][0]] == "|":
            return i > first
        if text[lines[i][1] - 1] == "|":
            return True
        i += 1
    return False


def _goes_on(above: int, row: list[Cell], width: int) -> bool:
    """Is a short row line the rest of the short row line above it (``above`` cells), cut
    where a cell between them was empty ("| 1 | Nghị quyết ... | Ban X |" / "| Trình ... | Hồ
    sơ ... |")? The two with that empty cell make exactly one row of the header's width, and
    the second opens with text, not with a row's number: a row that lacks the cells merged
    above it is narrower, and opens with its number or content. A lone cell goes on only
    when it gives a time (the last column's "| Quý III/2026 |"): a lone text heads a group."""
    if above + 1 + len(row) != width or not row or not row[0].text:
        return False
    if len(row) < 2 and _shape(row[0].text) != "time":
        return False
    return not (_ROW_NUMBER.fullmatch(row[0].text.rstrip(".")) or _GROUP_NUMBER.match(row[0].text))


def _cell_rows(text: str, lines: list[tuple[int, int]], i: int, edits: list[Edit],
               width: list[int]) -> int:
    """A cell-per-line table from its first bar line ``i``: each row joined onto one line.

    After a cell's text, a bar directly followed by more text separates two cells; a bar
    followed by another bar (blank lines may lie between: a page break) closes the row and
    the next opens a row; a bar followed by a blank line and text, or by nothing, closes the
    table. An empty cell leaves two bars with nothing between them too ("Sở Nội vụ" / "|" /
    "|" / "Quý III/2026": no "phối hợp"), read as a row's end at first; where the two rows
    so made fill exactly the header's width with that empty cell between them, and the
    second opens with no row number, they are one row (:func:`_goes_on`), so each cell
    keeps its column. ``width`` is as in :func:`_row_lines`.
    """
    n = len(lines)
    opening = i
    k = i + 1
    bar = i  # the last bar line seen
    short: tuple[int, int] | None = None  # a row that closed short: its closing bar, its cells

    def close(end_line: int) -> None:
        nonlocal short
        s0, e0 = lines[opening][0], lines[end_line][1]
        _join(text, s0, e0, edits)
        row = cells(_NEWLINES.sub(" ", text[s0:e0]), 0)
        if columns(row) is not None:
            width[:] = [len(row)]
            short = None
        elif short is not None and width and _goes_on(short[1], row, width[0]):
            _join(text, lines[short[0]][1], s0, edits)  # the empty cell between them
            short = None
        else:
            short = (end_line, len(row)) if width and 1 < len(row) < width[0] else None

    while True:
        j = _next_filled(text, lines, k)
        if j >= n:  # the table's end without a closing bar
            if j > opening + 1:
                _join(text, lines[opening][0], lines[j - 1][1], edits)
            return j
        s, e = lines[j]
        if not _BAR_LINE.fullmatch(text, s, e):
            if _next_filled(text, lines, bar + 1) == j and bar > opening \
                    and _type_heading().match(text[s:e]):
                # "|" / "KẾ HOẠCH": a letterhead grid whose last bar no bar closes; the type
                # line is below the letterhead (Nghị định 30/2020), in no cell of it
                _join(text, lines[opening][0], lines[bar][1], edits)
                return j
            k = j + 1  # a line of the cell's text
            continue
        bar = j
        after = _next_filled(text, lines, j + 1)
        if after < n and _BAR_LINE.fullmatch(text, *lines[after]):
            close(j)  # the row ends; the next one opens
            opening, k = after, after + 1
        elif after < n and after == j + 1:
            k = j + 1  # a bar between two cells
        else:
            close(j)  # the row ends, and the table
            width.clear()
            return j + 1


@lru_cache(maxsize=1)
def _type_heading() -> re.Pattern[str]:
    """A document's type line alone ("KẾ HOẠCH", "QUYẾT ĐỊNH"), as the header reads it."""
    return re.compile(lexicon().pattern("header", "type_heading"))


def _join(text: str, start: int, end: int, edits: list[Edit]) -> None:
    """One row's line breaks (blank lines in a cell too) made spaces."""
    edits.extend((m.start(), m.end(), " ") for m in _NEWLINES.finditer(text, start, end))


# --------------------------------------------------------------------------- cells


def is_row(text: str) -> bool:
    """A table row on one line: "| a | b |" (a last cell may lack its closing bar)."""
    return text.startswith("|") and text.count("|") >= 2


def cells(line: str, offset: int) -> list[Cell]:
    """The cells of one "| a | b |" line with their offsets in the text; a last cell left
    open ("| a | b") runs to the line's end."""
    out = []
    body = line.rstrip()
    closed = body.endswith("|") and len(body) > 1
    pattern = _CELL_CLOSED if closed else _CELL_OPEN
    for m in pattern.finditer(body):
        raw = m.group(1)
        stripped = raw.strip()
        if stripped and not stripped.strip("* "):
            stripped = ""  # "** **": a cell left empty, in bold
        if not closed and m.end() == len(body) and not stripped and out:
            continue
        at = offset + m.start(1) + (raw.index(stripped) if stripped else 0)
        out.append(Cell(stripped, at, at + len(stripped)))
    return out


_CELL_CLOSED = re.compile(r"(?<=\|)([^|]*)(?=\|)")
_CELL_OPEN = re.compile(r"(?<=\|)([^|]*)(?=\||$)")


def is_rule(row: list[Cell]) -> bool:
    """The "|---|:---:|" line under a markdown header (or a row of empty cells)."""
    return all(re.fullmatch(r":?-{2,}:?", c.text) or not c.text for c in row)


def cell_lines(cell: Cell) -> list[Cell]:
    """A letterhead or signature cell cut back into the lines it was written in, where the
    row-per-line layout ran them together: "Nơi nhận: - A; - B" gives the label and one line
    per recipient; "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A" the titles in capitals and the
    name after them (a name is written in title case, a title in capitals)."""
    text = cell.text
    cuts = [m.start() + 1 for m in _RECIPIENT_BULLET.finditer(text)]
    named = _TRAILING_NAME.search(text)
    if named and named.start() > 0 and _in_capitals(text[:named.start()]):
        cuts.append(named.start())
    if not cuts:
        return [cell]
    out = []
    for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), len(text)], strict=True):
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            at = cell.start + a + piece.index(stripped)
            out.append(Cell(stripped, at, at + len(stripped)))
    return out


# " - " opening a recipient after the label or a recipient ("Nơi nhận: - A; - B;")
_RECIPIENT_BULLET = re.compile(r"(?<=[:;.,]) (?=- \S)")
# two to five words in title case closing a cell: a signer's name after the titles
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+|[A-ZĐ]"
_TRAILING_NAME = re.compile(rf"(?<= )(?:{_NAME_WORD})(?: (?:{_NAME_WORD})){{1,4}}$")


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


# --------------------------------------------------------------------------- merged cells


class Rows:
    """The rows of one table aligned to its header's columns, merged cells filled in.

    The portal leaves out of a row the cells that a cell above it spans (rowspan), so a row
    may hold fewer cells than the header. Which ones it lacks is read from the shape of each
    cell (a row number, a time, other text) against the shapes its table's full rows give
    each column; ties go to the leftmost columns. A lacking cell is the cell above it, whose
    offsets it keeps (the source of that fact). A row of a number (I, II, A) and a title
    only, or a lone title, heads a group of rows: it spans the whole width, and rows below
    it inherit nothing from the rows above it.
    """

    def __init__(self, header: list[Cell]) -> None:
        self.width = len(header)
        self.above: list[Cell | None] = [None] * self.width
        self.shapes: list[dict[str, int]] = [{} for _ in header]
        # what a column holds before any full row shows it: the header says it ("STT": row
        # numbers, "Thời gian hoàn thành": times), so a first short row's time is no body's
        kinds = columns(header) or {}
        self.expect = {i: _EXPECTED[k] for i, k in kinds.items() if k in _EXPECTED}

    def align(self, row: list[Cell]) -> list[Cell]:
        """``row`` with one cell per column (or as it is, when it heads a group)."""
        k, width = len(row), self.width
        if k >= width:
            for i, c in enumerate(row[:width]):
                # an empty cell (a group row's "| II | Title | | | |") tells nothing of what
                # its column holds
                shape = _shape(c.text)
                if shape != "empty":
                    self.shapes[i][shape] = self.shapes[i].get(shape, 0) + 1
            self.above = list(row[:width])
            return row
        if _heads_group(row):
            self.above = [None] * width
            return row
        wanted = [_shape(c.text) for c in row]
        best, best_score = None, -1
        for cols in combinations(range(width), k):  # in order: leftmost choices first
            score = sum(self._fits(col, shape) for col, shape in zip(cols, wanted, strict=True))
            if score > best_score:
                best, best_score = cols, score
        out = list(self.above)
        for col, c in zip(best or range(k), row, strict=True):
            out[col] = c
        aligned = [c if c is not None else Cell("", row[-1].end, row[-1].end) for c in out]
        self.above = aligned
        return aligned

    def _fits(self, col: int, shape: str) -> int:
        seen = self.shapes[col]
        if not seen:
            return 1 if shape == self.expect.get(col, "text") else 0
        return 2 if max(seen, key=seen.get) == shape else 0


# the shape of the cells under a header of this kind (any other column's: "text")
_EXPECTED = {"number": "number", "time": "time"}


def _heads_group(row: list[Cell]) -> bool:
    texts = [c.text for c in row if c.text]
    if len(texts) == 1:
        return bool(_GROUP_NUMBER.match(texts[0])) or _in_capitals(texts[0])
    return len(texts) == 2 and bool(_GROUP_NUMBER.fullmatch(texts[0]))


# "I", "II.", "A", "B." heading a group of rows; "I. Văn bản ..." a group's title
_GROUP_NUMBER = re.compile(r"(?:[IVXLC]+|[A-ZĐ])\.?(?=\s|$)")
_ROW_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]+|[A-ZĐa-zđ])[.)]?")


@lru_cache(maxsize=4096)
def _shape(text: str) -> str:
    """A cell's shape: "number" (a row number), "time", "empty" or "text"."""
    if not text:
        return "empty"
    if _ROW_NUMBER.fullmatch(text):
        return "number"
    time, longest = _time()
    if len(text) <= longest and time.match(text):
        return "time"
    return "text"


@lru_cache(maxsize=1)
def _period() -> re.Pattern[str]:
    return re.compile(lexicon().patterns["tables"]["period"])


def is_period(text: str) -> bool:
    """Is ``text`` only a period ("Quý I", "Tháng 3", "6 tháng cuối năm": [tables] period)?"""
    return _period().fullmatch(fold(text).strip(" .:")) is not None


def is_time(text: str) -> bool:
    """Does a cell's text give a time ("Quý III/2026", "Trước ngày 30/6") rather than a mark?"""
    return _shape(text) == "time"


@lru_cache(maxsize=1)
def _time() -> tuple[re.Pattern[str], int]:
    found = lexicon().patterns["table_cells"]
    return re.compile(found["time"]), int(found["time_max_length"])


# --------------------------------------------------------------------------- task tables


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    return {k: list(v) for k, v in lexicon().patterns["tables"].items()}


_HEADER_WORDS = 8  # a header cell is short: "Đơn vị chủ trì tham mưu thực hiện"


def columns(header: list[Cell]) -> dict[int, str] | None:
    """Column index → meaning, when the header is that of a task table; else None."""
    out: dict[int, str] = {}
    for i, cell in enumerate(header):
        kind = _column_kind(fold(cell.text).strip(" .:"))
        if kind is not None:
            out[i] = kind
    kinds = set(out.values())
    if any(_shape(c.text) == "number" for c in header):
        return None  # "| 5.4 | Triển khai ... | Giải pháp |": a row, not a header
    if "content" in kinds and kinds & {"lead", "support", "executor", "time", "period"}:
        return out
    return None


def column_kind(text: str) -> str | None:
    """What one header cell names (:func:`_column_kind`), from its text as written."""
    return _column_kind(fold(text).strip(" .:"))


def _column_kind(folded: str) -> str | None:
    """What a header cell (folded) names: "number", "time", "content", or who does the task,
    "lead", "support" or "executor" (``[tables]`` of patterns.toml)."""
    words = _words()
    for kind in ("number", "time", "content"):
        if _opens(folded, words[kind]):
            return kind
    if _period().fullmatch(folded):
        return "period"  # "Quý I", "Tháng 3", "6 tháng cuối năm": a column of marks
    roles = len(folded.split()) <= _HEADER_WORDS and _has_word(folded, words["who_roles"])
    if _opens(folded, words["who_heads"]) or _opens(folded, words["who_roles"]) or (
            roles and _opens(folded, words["who_bodies"])):
        if _has_word(folded, words["lead"]):
            return "lead"
        return "support" if _has_word(folded, words["support"]) else "executor"
    return None


def _opens(folded: str, words: list[str]) -> bool:
    """Does ``folded`` open with one of ``words``, a whole word ("Cơ quan thẩm tra/chuẩn bị ý
    kiến": a header word ends at any mark or space)?"""
    return any(folded == w or (folded.startswith(w) and not folded[len(w)].isalnum())
               for w in words)


def _has_word(folded: str, words: list[str]) -> bool:
    """Does ``folded`` hold one of ``words`` as whole words ("don vi chu tri/phoi hop")?"""
    padded = f" {' '.join(_WORD.findall(folded))} "
    return any(f" {w} " in padded for w in words)


_WORD = re.compile(r"\w+")


__all__ = ["LABELS", "PERIOD_LABEL", "Cell", "Rows", "cell_lines", "cells", "column_kind",
           "columns", "is_period", "is_row", "is_rule", "is_time", "layout_edits"]
