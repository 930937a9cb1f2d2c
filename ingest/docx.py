"""Word (.docx) plans as plain text, laid out the way the reader expects a plan file.

Most plans leave the issuing office as .docx, and converting them by hand loses what the
extractor needs: Word's automatic numbering ("I.", "1.", "a)" that exist only in
``numbering.xml``), footnotes (where many plans put their legal bases) and task tables. So the
package is read directly (the standard library's zipfile and ElementTree, no converter):

- every paragraph becomes a line, preceded by its list number as Word would show it;
- a task table (its header names the content and who or when) becomes "| a | b |" rows,
  which :mod:`ingest.tables` reads; any other table (the header and signature grids) is
  read cell by cell, as text exports of such files read;
- a footnote reference becomes "[n]" and the footnotes follow the text as "[n] ..." lines.

The text made here is the plan's "source" for provenance: spans count its characters, and
the pages show it (:func:`ingest.read.decode_file` gives it again).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ingest.text import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

class DocxError(ValueError):
    """A file that is not a readable .docx package."""


# bounds on what a package may unpack to: a plan's document.xml is a few MB; a "1 MB .docx"
# that unpacks to 1 GiB is a zip bomb, refused before anything is inflated
MAX_PART = 64 * 1024 * 1024  # bytes of one part, unpacked
MAX_RATIO = 200  # unpacked / packed size of one part (Word's XML packs 5-20 to 1)
_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml")


def docx_text(data: bytes) -> str:
    """The text of a .docx file's bytes; raises :class:`DocxError` when it is no .docx, or
    one whose parts would unpack past the bounds (:data:`MAX_PART`, :data:`MAX_RATIO`)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        document = _member(package, "word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise DocxError(f"not a Word .docx file ({exc})") from exc
    try:
        root = ET.fromstring(document)
        numbering = _Numbering(_part(package, "word/numbering.xml"),
                               _part(package, "word/styles.xml"))
        notes = _footnotes(_part(package, "word/footnotes.xml"))
    except ET.ParseError as exc:
        raise DocxError(f"damaged Word file ({exc})") from exc
    body = root.find(f"{W}body")
    if body is None:
        raise DocxError("a Word file without a body")
    reader = _Reader(numbering)
    lines = list(reader.blocks(body))
    cited = [f"[{n}] {notes[i]}" for i, n in reader.note_numbers.items() if notes.get(i)]
    return "\n\n".join(line for line in [*lines, *cited] if line.strip()) + "\n"


def _member(package: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, within the bounds: its declared size and packing ratio are checked
    before it is inflated, and no more than the bound is ever inflated (a header may lie)."""
    info = package.getinfo(name)
    ratio = info.file_size / max(1, info.compress_size)
    if info.file_size > MAX_PART or (ratio > MAX_RATIO and info.file_size > 1024 * 1024):
        raise DocxError(f"{name} would unpack to {_size(info.file_size)} from "
                        f"{_size(info.compress_size)} (ratio {ratio:,.0f}:1; the bounds are "
                        f"{_size(MAX_PART)} and {MAX_RATIO}:1): refused, as a zip bomb is")
    found = bytearray()
    with package.open(info) as fh:  # in small pieces: one big read inflates it all at once
        while piece := fh.read(1 << 16):
            found += piece
            if len(found) > MAX_PART:
                raise DocxError(f"{name} unpacks past {_size(MAX_PART)} (its header says "
                                f"{_size(info.file_size)}): refused, as a zip bomb is")
    return bytes(found)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def _part(package: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        return ET.fromstring(_member(package, name))
    except KeyError:
        return None


def _footnotes(root: ET.Element | None) -> dict[str, str]:
    """Footnote id → its text (the separator notes Word keeps have no text and drop out)."""
    out: dict[str, str] = {}
    for note in root.iter(f"{W}footnote") if root is not None else ():
        text = " ".join(_runs(p) for p in note.iter(f"{W}p")).strip()
        if text:
            out[note.get(f"{W}id", "")] = text
    return out


def _runs(p: ET.Element, marks: dict[str, int] | None = None,
          boxes: list[ET.Element] | None = None) -> str:
    """A paragraph's visible text: runs, tabs and breaks. Deleted and moved-away text, field
    codes (w:instrText: a field shows its result) and the fallback copy of a drawing (Word
    writes a text box twice, mc:Choice and mc:Fallback) are left out; a text box's own
    paragraphs are no words of this one: they go to ``boxes``, to be read as blocks."""
    out: list[str] = []
    stack = [p]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == f"{W}t":
            out.append(el.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            out.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}footnoteReference" and marks is not None:
            note = el.get(f"{W}id", "")
            n = marks.setdefault(note, len(marks) + 1)
            if out:  # glued to the word it annotates, as Word shows it (superscript)
                out[-1] = out[-1].rstrip()
            out.append(f"[{n}]")
        elif tag == f"{W}txbxContent":
            if boxes is not None:
                boxes.append(el)
            continue
        if tag in _SKIPPED:
            continue
        stack.extend(reversed(el))
    return "".join(out).strip()


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = frozenset({f"{_MC}Fallback", f"{W}del", f"{W}moveFrom", f"{W}instrText"})


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass(slots=True)
class _Numbering:
    """Word's list numbering: which number each numbered paragraph shows."""

    numbering: ET.Element | None
    styles: ET.Element | None
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        root = self.numbering
        for a in root.iter(f"{W}abstractNum") if root is not None else ():
            abstract[a.get(f"{W}abstractNumId", "")] = {
                int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in a.iter(f"{W}lvl")}
        for num in root.iter(f"{W}num") if root is not None else ():
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
            for over in num.iter(f"{W}lvlOverride"):
                ilvl = int(over.get(f"{W}ilvl", "0"))
                lvl = over.find(f"{W}lvl")
                start = over.find(f"{W}startOverride")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                elif start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(base.fmt, base.text, int(start.get(f"{W}val", "1")))
            self.levels[num.get(f"{W}numId", "")] = levels
        for style in self.styles.iter(f"{W}style") if self.styles is not None else ():
            found = _num_pr(style.find(f"{W}pPr"))
            if found is not None:
                self.style_num[style.get(f"{W}styleId", "")] = found

    def label(self, p: ET.Element) -> str:
        """The number Word shows before ``p`` ("II.", "1.", "a)", "-"), or ""."""
        ppr = p.find(f"{W}pPr")
        found = _num_pr(ppr)
        if found is None and ppr is not None:
            style = ppr.find(f"{W}pStyle")
            found = self.style_num.get(style.get(f"{W}val", "")) if style is not None else None
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return ""

        def shown(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, _Level())
            return _format(lvl.start + max(counts[k], 1) - 1, lvl.fmt)

        return re.sub(r"%(\d)", shown, level.text).strip()


def _level(lvl: ET.Element) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"{W}{tag}")
        return el.get(f"{W}val", default) if el is not None else default

    return _Level(val("numFmt", "decimal"), val("lvlText", "%1."), int(val("start", "1")))


def _num_pr(ppr: ET.Element | None) -> tuple[str, int] | None:
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_id, ilvl = numpr.find(f"{W}numId"), numpr.find(f"{W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{W}val", ""), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        return to_roman(n) if fmt == "upperRoman" else to_roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Reader:
    """Walks the body in order, numbering paragraphs and footnote marks as it goes."""

    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.note_numbers: dict[str, int] = {}  # footnote id -> the number shown, in order
        self.cells = 0  # how deep in table cells the walk is

    def blocks(self, parent: ET.Element) -> Iterator[str]:
        for el in parent:
            if el.tag == f"{W}p":
                yield from self.paragraph(el)
            elif el.tag == f"{W}tbl":
                yield from self.table(el)
            elif el.tag == f"{W}sdt":  # a content control: its content is ordinary blocks
                content = el.find(f"{W}sdtContent")
                if content is not None:
                    yield from self.blocks(content)
            elif el.tag in (f"{W}customXml", f"{W}ins"):
                yield from self.blocks(el)

    def paragraph(self, p: ET.Element) -> Iterator[str]:
        """The paragraph's line, then the paragraphs of its text boxes (a letterhead or a
        number Word users put in a box). An empty numbered paragraph still takes its number,
        as Word shows it: in a table cell that number is the cell's text (the "TT" column of
        a task table numbered by a list); elsewhere it is no line, but the next paragraph of
        its list goes on from it."""
        boxes: list[ET.Element] = []
        text = _runs(p, self.note_numbers, boxes)
        label = self.numbering.label(p)
        if text:
            yield f"{label} {text}" if label else text
        elif self.cells and label != "-":
            yield label
        for box in boxes:
            yield from self.blocks(box)

    def table(self, tbl: ET.Element) -> Iterator[str]:
        self.cells += 1
        try:
            grid = [[(list(self.blocks(cell)), *_place(cell)) for cell in tr.findall(f"{W}tc")]
                    for tr in tbl.findall(f"{W}tr")]  # children only: a nested table is a block
        finally:
            self.cells -= 1
        who = _who_columns([c[0] for c in grid[0]]) if grid else None
        rows = _merged(tbl, grid) if who is not None else [[c[0] for c in r] for r in grid]
        if who is not None:
            # a cell's paragraphs each on a line of their own, which the text reader joins
            # into the row's line (:func:`ingest.tables.layout_edits`) with a space, so the
            # clean text reads as the portal's copy; the line breaks stay in the source,
            # where a row holding several tasks pairs each with its own bodies paragraph
            # (:func:`ingest.tasks._parallel`). In a column of who does a row, each paragraph
            # names one body or person ("Sở Tư pháp" / "Sở Nội vụ"): a list
            for row in rows:
                cells = [(";\n" if i in who else "\n").join(
                    x.replace("\n", " ") for x in cell if x).replace("|", "/")
                    for i, cell in enumerate(row)]
                yield "| " + " | ".join(cells) + " |"
            return
        for row in rows:
            for cell in row:
                yield from cell


def _place(tc: ET.Element) -> tuple[int, bool]:
    """A cell's width in grid columns, and whether it goes on a vertical merge from the
    cell above (``<w:vMerge/>`` without "restart": Word shows the merged cell's text once,
    in its first cell, and leaves the cells below it empty)."""
    pr = tc.find(f"{W}tcPr")
    span = pr.find(f"{W}gridSpan") if pr is not None else None
    merge = pr.find(f"{W}vMerge") if pr is not None else None
    width = int(span.get(f"{W}val", "1")) if span is not None else 1
    return max(width, 1), merge is not None and merge.get(f"{W}val", "continue") == "continue"


def _merged(tbl: ET.Element,
            grid: list[list[tuple[list[str], int, bool]]]) -> list[list[list[str]]]:
    """A task table's rows with each vertically merged cell's text in every row it spans:
    a row's lead, partner or time written once for several rows (one "Sở Tư pháp" cell
    beside three tasks) is each row's, as the text reader takes a merged cell of the portal's
    copy from the row above (:class:`ingest.tables.Rows`). Grid columns place the cells
    (``w:gridBefore``, ``w:gridSpan``)."""
    above: dict[int, list[str]] = {}
    spans: set[int] = set()  # the header's columns whose cell spans several below it
    out = []
    for r, (tr, row) in enumerate(zip(tbl.findall(f"{W}tr"), grid, strict=True)):
        before = tr.find(f"{W}trPr/{W}gridBefore")
        col = int(before.get(f"{W}val", "0")) if before is not None else 0
        cells, seen, places = [], {}, []
        for lines, span, goes_on in row:
            if goes_on and not any(lines):
                lines = above.get(col, lines)
            cells.append(lines)
            seen[col] = lines
            places.append(col)
            if r == 0 and span > 1:
                spans.update(range(col, col + span))
            col += span
        if r == 1 and _sub_header(cells, places, spans):
            # the header's second row ("Chủ trì" | "Phối hợp" under "Cơ quan thực hiện"): a
            # header cell of one column, left empty below it, is that column's header here
            cells = [lines if any(lines) else above.get(at, lines)
                     for lines, at in zip(cells, places, strict=True)]
        above = seen
        out.append(cells)
    return out


def _sub_header(cells: list[list[str]], places: list[int], spans: set[int]) -> bool:
    """Is the row under a task table's header its second row: text only under the header
    cells that span several columns, and there naming who does a row ("Chủ trì", "Phối
    hợp")? Its other cells are the header's own, merged down or left empty."""
    from ingest.tables import column_kind

    filled = [at for lines, at in zip(cells, places, strict=True) if any(lines)]
    if not filled or not all(at in spans for at in filled):
        return False
    kinds = [column_kind(" ".join(lines)) for lines in cells if any(lines)]
    return all(k in ("lead", "support", "executor") for k in kinds)


def _who_columns(header: list[list[str]]) -> set[int] | None:
    """The columns naming who does a row, where ``header`` is a task table's (else None)."""
    from ingest.tables import Cell, columns

    found = columns([Cell(" ".join(c), 0, 0) for c in header])
    if found is None:
        return None
    return {i for i, kind in found.items() if kind in ("lead", "support", "executor")}
