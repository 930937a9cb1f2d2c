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


def docx_text(data: bytes) -> str:
    """The text of a .docx file's bytes; raises :class:`DocxError` when it is no .docx."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        document = package.read("word/document.xml")
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


def _part(package: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        return ET.fromstring(package.read(name))
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


def _runs(p: ET.Element, marks: dict[str, int] | None = None) -> str:
    """A paragraph's visible text: runs, tabs and breaks; deleted text and field codes are
    other tags (w:delText, w:instrText) and so left out."""
    out: list[str] = []
    for el in p.iter():
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
    return "".join(out).strip()


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

    def blocks(self, parent: ET.Element) -> Iterator[str]:
        for el in parent:
            if el.tag == f"{W}p":
                yield self.paragraph(el)
            elif el.tag == f"{W}tbl":
                yield from self.table(el)
            elif el.tag == f"{W}sdt":  # a content control: its content is ordinary blocks
                content = el.find(f"{W}sdtContent")
                if content is not None:
                    yield from self.blocks(content)
            elif el.tag in (f"{W}customXml", f"{W}ins"):
                yield from self.blocks(el)

    def paragraph(self, p: ET.Element) -> str:
        text = _runs(p, self.note_numbers)
        label = self.numbering.label(p) if text else ""
        return f"{label} {text}" if label else text

    def table(self, tbl: ET.Element) -> Iterator[str]:
        rows = [[list(self.blocks(cell)) for cell in tr.findall(f"{W}tc")]
                for tr in tbl.findall(f"{W}tr")]  # children only: a nested table is a block
        if rows and _is_task_table(rows[0]):
            for row in rows:
                cells = [" ".join(x.replace("\n", " ") for x in cell if x).replace("|", "/")
                         for cell in row]
                yield "| " + " | ".join(cells) + " |"
            return
        for row in rows:
            for cell in row:
                yield from cell


def _is_task_table(header: list[list[str]]) -> bool:
    from ingest.tables import Cell, columns

    cells = [Cell(" ".join(c), 0, 0) for c in header]
    return columns(cells) is not None
