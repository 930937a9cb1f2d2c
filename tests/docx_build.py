"""Small .docx packages written by hand, shaped as Word saves plans: list numbers that exist
only in numbering.xml, footnotes, a header grid and a task table."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# one outline list as plans use it: I. / 1. / a) / bullet
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering {NS}>
<w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>\
<w:lvlText w:val="%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:abstractNum w:abstractNumId="8">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"""
# numId 4: a plain "1." list of its own, as Word numbers the rows of a table's "TT" column


def numbered(text: str = "", num: int = 4, level: int = 0) -> str:
    """A paragraph numbered by list ``num`` (4: "1.", "2." ...), its text maybe empty: a
    table's number cell that holds only the number Word shows."""
    runs = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/>'
            f"</w:numPr></w:pPr>{runs}</w:p>")


def para(text: str, level: int | None = None) -> str:
    """A paragraph; ``level`` numbers it in the outline list; "{fn:ID}" marks a footnote."""
    ppr = (f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
           if level is not None else "")
    runs = []
    for i, piece in enumerate(text.split("{fn:")):
        if i:
            note, piece = piece.split("}", 1)
            runs.append(f'<w:r><w:footnoteReference w:id="{note}"/></w:r>')
        lines = piece.split("\n")
        runs.append("<w:r>" + "<w:br/>".join(
            f'<w:t xml:space="preserve">{escape(x)}</w:t>' for x in lines) + "</w:r>")
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def styled(text: str) -> str:
    """A paragraph whose "**" marks open and close bold runs and whose "*" marks italic
    ones, as a portal copy writes Word's emphasis; a star that is text ("(*)", a bullet
    "* ", "2 * 3") stays."""
    runs, bold, italic = [], False, False
    pieces = re.split(r"(\*\*|(?<![(\s])\*|\*(?![)\s]))", text)
    for piece in pieces:
        if piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece:
            props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return f"<w:p>{''.join(runs)}</w:p>"


def table(rows: list[list[list[str] | str]]) -> str:
    """A table: rows of cells, each cell a list of paragraph texts (or of paragraphs
    already written, "<w:p>..."), or a cell already written (:func:`cell`)."""
    def tc(c: list[str] | str) -> str:
        if isinstance(c, str):
            return c
        return "<w:tc>" + "".join(p if p.startswith("<w:p>") else para(p) for p in c) + "</w:tc>"

    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(tc(c) for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def cell(paragraphs: list[str], span: int = 1, merge: str | None = None) -> str:
    """A table cell spanning ``span`` grid columns; ``merge`` "restart" opens a vertical
    merge, "continue" goes on with the cell above (Word leaves its paragraph empty)."""
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        '<w:vMerge w:val="restart"/>' if merge == "restart" else
        "<w:vMerge/>" if merge == "continue" else "")
    body = "".join(p if p.startswith("<w:p>") else para(p) for p in paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def write_docx(path: Path, blocks: list[str], footnotes: dict[str, str] | None = None) -> Path:
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>'
                + "".join(blocks) + "<w:sectPr/></w:body></w:document>")
    notes = "".join(f'<w:footnote w:id="{k}"><w:p><w:r><w:t>{escape(v)}</w:t></w:r></w:p>'
                    "</w:footnote>" for k, v in (footnotes or {}).items())
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/footnotes.xml", f'<?xml version="1.0"?><w:footnotes {NS}>'
                   '<w:footnote w:id="-1"><w:p/></w:footnote>' + notes + "</w:footnotes>")
    return path


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def text_box(anchor: str, box: list[str]) -> str:
    """A paragraph ``anchor`` holding a text box with the paragraphs ``box``, written as Word
    writes it: the DrawingML box in mc:Choice and its VML copy in mc:Fallback."""
    inner = "".join(para(p) for p in box)
    return (f'<w:p><w:r><w:t xml:space="preserve">{escape(anchor)}</w:t></w:r><w:r>'
            f'<mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing><wps:wsp {WPS}>'
            f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></w:drawing>"
            f'</mc:Choice><mc:Fallback><w:pict><v:shape {V}><v:textbox><w:txbxContent>{inner}'
            "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
            "</w:r></w:p>")


def field_para(before: str, code: str, shown: str, after: str) -> str:
    """A paragraph with a complex field: its code (w:instrText) and the result Word shows."""
    def run(x: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{escape(x)}</w:t></w:r>'

    return (f"<w:p>{run(before)}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            f'<w:r><w:instrText xml:space="preserve">{escape(code)}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>{run(after)}</w:p>')


def revised_para(kept: str, moved_away: str, deleted: str) -> str:
    """A paragraph with tracked changes: text moved away and deleted text Word no longer
    shows."""
    return (f'<w:p><w:r><w:t xml:space="preserve">{escape(kept)}</w:t></w:r>'
            f'<w:moveFrom><w:r><w:t>{escape(moved_away)}</w:t></w:r></w:moveFrom>'
            f'<w:del><w:r><w:delText>{escape(deleted)}</w:delText></w:r></w:del></w:p>')


def zip_bomb(path: Path, unpacked: int = 1 << 30) -> Path:
    """A .docx whose document.xml is ``unpacked`` bytes of one repeated character, packed to
    about a thousandth of it (written in pieces: the bomb never sits in memory whole)."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(unpacked // len(chunk)):
                fh.write(chunk)
    return path
