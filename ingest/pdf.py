"""PDF plans as plain text, with the lines of each paragraph joined again, each page read from
its text layer or, where that cannot be read, by OCR.

A PDF keeps only positioned lines: a paragraph comes out cut at every line end, often before a
capitalised word ("... quy định tại Điều 10 Luật" / "Phòng, chống tham nhũng ..."), and each
page ends with its number. The reader joins lower-case continuations itself; here a line is
also joined to the one before when that one runs to the right margin and ends mid-sentence,
and lines that hold only a page number are dropped. Text comes from pypdf (pure Python, well
kept).

Many offices' PDFs have fonts without a Unicode map: their text layer gives "6Ӣ CÔNG 7+ѬѪ1*"
for "SỞ CÔNG THƯƠNG". Each page's text is measured (:mod:`ingest.quality`); a page that does
not read as Vietnamese, or has no text layer (a scan), is read by OCR (:mod:`ingest.ocr`), and
where OCR is not installed the file is refused with what is wrong and what to install. A
signed PDF may carry its number and day only as stamps of the signing system in the blanks
the drafter left ("Số:      /UBND-XD"): those are read by OCR into their blanks too.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest import ocr
from ingest.quality import Quality, assess

if TYPE_CHECKING:
    from pypdf import PageObject
    from pypdf.generic import StreamObject

_PAGE_NUMBER = re.compile(r"\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*")
# a line opening an item of the outline never continues the line above it: a number or
# letter, "Điều N", or a bullet the outline reads ("-", "–" as Word's autoformat writes "- ",
# "+", "*" before a space; "•", which no sentence holds, with or without one)
_OPENS_ITEM = re.compile(
    r"(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]|[A-Z])[.)/:-]\s|[-–+*]\s|•|Điều\s+\d")
_ENDS_SENTENCE = (".", ":", ";", "!", "?")
_GAP = re.compile(r"(\S+)( {3,})(\S+)")  # a blank left for a stamp: three spaces or more
# a stamp of the signing system: a small widget (a number, a day), not the signature's image
_STAMP_MAX = (160.0, 30.0)  # width, height in points


class PdfError(ValueError):
    """A PDF that gives no text: damaged, encrypted, a broken text layer or a scan without OCR."""


@dataclass(slots=True)
class PdfText:
    """A PDF's text, and where it came from: its text layer ("text") or, for some pages, all,
    or the signing system's stamps, OCR ("ocr"); ``ocr_pages`` are those pages (1-based),
    ``stamps`` the figures read from stamps."""

    text: str
    source: str = "text"
    ocr_pages: list[int] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)
    # stamps over the text's blanks left unread, and why ("OCR is turned off ..."): a signed
    # letter's number and date are often such stamps, and would be missing without a word
    unread_stamps: int = 0
    unread_why: str | None = None


    def notes(self) -> list[str]:
        """What a reader should know of the text's origin, in words."""
        out = []
        if self.ocr_pages:
            out.append(f"{_pages([p - 1 for p in self.ocr_pages], 0, 'read')} by OCR: check "
                       "figures and names against the file")
        if self.stamps:
            out.append("figures stamped by the signing system read by OCR: "
                       + ", ".join(self.stamps))
        if self.unread_stamps:
            n = self.unread_stamps
            out.append(f"{n} figure{'s' if n > 1 else ''} stamped by the signing system into "
                       "the text's blanks could not be read, so its number and date may be "
                       f"missing: {self.unread_why}")
        return out


def pdf_text(data: bytes) -> str:
    """The text of a PDF file's bytes, paragraphs joined; raises :class:`PdfError`."""
    return read_pdf(data).text


def read_pdf(data: bytes) -> PdfText:
    """A PDF file's text (see the module's notes); raises :class:`PdfError`."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        if isinstance(exc, PdfError):
            raise
        raise PdfError(f"damaged PDF ({exc})") from exc
    digest = hashlib.sha256(data).hexdigest()
    unread = {i: assess(text) for i, text in enumerate(pages)}
    unread = {i: q for i, q in unread.items() if _unreadable(pages[i], q)}
    out = PdfText("")
    if unread:
        _ocr_pages(data, digest, pages, unread, out)
    try:
        laid_out = [pages[i] if i in unread else page.extract_text(extraction_mode="layout")
                    or "" for i, page in enumerate(reader.pages)]  # OCR gives laid-out lines
        for i, page in enumerate(reader.pages):
            if i not in unread:
                pages[i] = _stamped(page, pages[i], data, i, digest, out)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise PdfError(f"damaged PDF ({exc})") from exc
    lines = [ln.strip() for page in pages for ln in _without_page_number(page.splitlines())]
    if sum(len(ln) for ln in lines) < 20:
        raise PdfError("the PDF has no text layer (a scan?) and OCR finds no text on it"
                       if unread else "the PDF holds no text")
    out.text = "\n".join(_paragraphs(lines, _indents(laid_out))) + "\n"
    return out


def _unreadable(text: str, quality: Quality) -> bool:
    """A page to read by OCR: no text layer (a scan), or one that is not Vietnamese."""
    return sum(not c.isspace() for c in text) < 3 or not quality.readable


def _ocr_pages(data: bytes, digest: str, pages: list[str], unread: dict[int, Quality],
               out: PdfText) -> None:
    """Read the ``unread`` pages by OCR, or refuse the file saying why and what to install."""
    reason = ocr.unavailable()
    if reason is not None:
        raise PdfError(f"{_what_is_wrong(pages, unread)}, and OCR cannot read them here: "
                       f"{reason}")
    if len(unread) > ocr.MAX_PAGES:
        raise PdfError(f"{_what_is_wrong(pages, unread)}: {len(unread)} pages to read by OCR, "
                       f"more than the {ocr.MAX_PAGES} allowed (CANCU_OCR_MAX_PAGES)")
    for i in sorted(unread):
        try:
            text = ocr.page_text(data, i, digest)
        except ocr.OcrError as exc:
            raise PdfError(str(exc)) from exc
        if not assess(text).readable:
            raise PdfError(f"page {i + 1} does not read as Vietnamese even by OCR "
                           f"({assess(text).describe()})")
        pages[i] = text
        out.ocr_pages.append(i + 1)
    out.source = "ocr"


def _what_is_wrong(pages: list[str], unread: dict[int, Quality]) -> str:
    """"pages 1-6 of 6 have a broken text layer (...)", "page 3 of 4 has no text layer"."""
    empty = [i for i in unread if sum(not c.isspace() for c in pages[i]) < 3]
    broken = [i for i in unread if i not in empty]
    parts = []
    if broken:
        joined = Quality(sum(unread[i].words for i in broken),
                         sum(unread[i].syllables for i in broken),
                         sum(unread[i].chars for i in broken),
                         sum(unread[i].unknown for i in broken))
        parts.append(f"{_pages(broken, len(pages))} a text layer that is not Vietnamese text "
                     f"(fonts without a Unicode map? {joined.describe()})")
    if empty:
        parts.append(f"{_pages(empty, len(pages))} no text layer (a scan)")
    return "; ".join(parts)


def _pages(found: list[int], total: int, verb: str = "has") -> str:
    """"pages 1-3, 5 of 6 have", "page 2 of 4 has"; ``total`` 0 leaves "of N" out; ``verb``
    "read" gives "pages 1-3 were read"."""
    numbers = [i + 1 for i in sorted(found)]
    runs: list[str] = []
    for n in numbers:
        if runs and runs[-1].split("-")[-1] == str(n - 1):
            runs[-1] = f"{runs[-1].split('-')[0]}-{n}"
        else:
            runs.append(str(n))
    one = len(numbers) == 1
    word = "page" if one else "pages"
    of = f" of {total}" if total else ""
    said = ("was read" if one else "were read") if verb == "read" else \
        ("has" if one else "have")
    return f"{word} {', '.join(runs)}{of} {said}"


def _stamped(page: PageObject, text: str, data: bytes, index: int, digest: str,
             out: PdfText) -> str:
    """``text`` with the numbers the signing system stamped into its blanks read in: each
    small widget with an appearance lies over a blank of three spaces or more on the line at
    its height; its figures (read by OCR) go into that blank."""
    stamps = []
    for annot in page.get("/Annots") or []:
        a = annot.get_object()
        if a.get("/Subtype") != "/Widget" or "/AP" not in a or "/N" not in a["/AP"]:
            continue
        left, right = sorted(map(float, a["/Rect"][0::2]))
        bottom, top = sorted(map(float, a["/Rect"][1::2]))
        if 2 < right - left <= _STAMP_MAX[0] and 2 < top - bottom <= _STAMP_MAX[1]:
            stamps.append(((left, bottom, right, top), a["/AP"]["/N"].get_object()))
    if not stamps:
        return text
    rows = _rows_at(page)
    by_row: dict[float, list[tuple[tuple[float, float, float, float], StreamObject]]] = {}
    for box, appearance in stamps:  # each to the line whose baseline lies nearest its own
        base = box[1] + (box[3] - box[1]) / 4
        near = [(abs(y - base), y) for y, _t in rows if box[1] - 4 <= y <= box[3] + 4]
        if near:
            by_row.setdefault(min(near)[1], []).append((box, appearance))
    lines = dict(rows)
    for y, found in by_row.items():  # a line's stamps go into its blanks left to right
        gaps = list(_GAP.finditer(lines[y]))
        for (box, appearance), gap in zip(sorted(found, key=lambda s: s[0][0]), gaps,
                                          strict=False):
            why = ocr.unavailable()
            if why is not None:  # the blank stays blank: say so, a reader sees figures there
                out.unread_stamps += 1
                out.unread_why = why
                continue
            where = f"{digest}/{index}/" + "/".join(f"{v:.1f}" for v in box)
            figures = ocr.stamp_digits(_alone(appearance), where)
            if not figures:
                continue
            before, after = gap.group(1), gap.group(3)
            at = re.search(re.escape(before) + r"\s{2,}" + re.escape(after), text)
            if at:
                text = f"{text[:at.start()]}{before} {figures} {after}{text[at.end():]}"
                out.stamps.append(figures)
                out.source = "ocr"
    return text


def _alone(appearance: StreamObject) -> bytes:
    """A one-page PDF of a stamp's appearance alone, its box the page (what lies under it on
    the page, the blank's neighbours, stays out of the picture read)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    x0, y0, x1, y1 = (float(v) for v in appearance.get("/BBox", [0, 0, 1, 1]))
    writer = PdfWriter()
    page = writer.add_blank_page(width=max(1.0, x1 - x0), height=max(1.0, y1 - y0))
    stamp = appearance.clone(writer)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/S"): stamp.indirect_reference})})
    content = DecodedStreamObject()
    content.set_data(f"q 1 0 0 1 {-x0} {-y0} cm /S Do Q".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _rows_at(page: PageObject) -> list[tuple[float, str]]:
    """The page's text by the height of its lines (the text pypdf shows at each height)."""
    found: dict[float, list[str]] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.setdefault(round(y, 1), []).append(text)

    page.extract_text(visitor_text=visit)
    return [(y, "".join(parts)) for y, parts in found.items()]


def _indents(pages: list[str]) -> dict[str, list[int]]:
    """Each line's indentation in the laid-out text, by its words: the plain text keeps the
    columns of the header in order but loses the first-line indent that opens a paragraph."""
    out: dict[str, list[int]] = {}
    for page in pages:
        for line in page.splitlines():
            words = " ".join(line.split())
            if words:
                out.setdefault(words, []).append(len(line) - len(line.lstrip()))
    return out


def _without_page_number(lines: list[str]) -> list[str]:
    """A page's lines without a lone number at its top or bottom."""
    while lines and _PAGE_NUMBER.fullmatch(lines[-1]):
        lines = lines[:-1]
    while lines and _PAGE_NUMBER.fullmatch(lines[0]):
        lines = lines[1:]
    return lines


def _capitals(text: str) -> bool:
    """A line mostly in capitals: a header cell, a title or a heading, laid out on purpose."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _paragraphs(lines: list[str], indents: dict[str, list[int]]) -> list[str]:
    """Lines joined into paragraphs where a line is cut by the margin, not by the writer: the
    line above runs to the right margin and ends mid-sentence, and this one starts at the left
    margin (an indented line opens a paragraph), opens no item and is no heading."""
    widths = sorted(len(ln) for ln in lines if ln)
    full = 0.8 * widths[int(0.9 * (len(widths) - 1))] if widths else 0
    seen = [i[0] for i in indents.values() if i]
    margin = min(set(seen), key=lambda n: (-seen.count(n), n)) if seen else 0
    out: list[str] = []
    for text in lines:
        if not text:
            continue
        found = indents.get(" ".join(text.split()))
        indent = found.pop(0) if found else None
        prev = out[-1] if out else ""
        if (prev and len(prev.rsplit("\n", 1)[-1]) >= full and not prev.endswith(_ENDS_SENTENCE)
                and (indent is None or indent <= margin + 1) and not _OPENS_ITEM.match(text)
                and not _capitals(prev.rsplit("\n", 1)[-1]) and not _capitals(text)):
            out[-1] = f"{prev} {text}"
        else:
            out.append(text)
    return out
