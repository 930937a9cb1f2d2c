"""PDF plans as plain text, with the lines of each paragraph joined again.

A PDF keeps only positioned lines: a paragraph comes out cut at every line end, often before a
capitalised word ("... quy định tại Điều 10 Luật" / "Phòng, chống tham nhũng ..."), and each
page ends with its number. The reader joins lower-case continuations itself; here a line is
also joined to the one before when that one runs to the right margin and ends mid-sentence,
and lines that hold only a page number are dropped. Text comes from pypdf (pure Python, well
kept); a scan without a text layer is refused with a word on OCR rather than read as empty.
"""

from __future__ import annotations

import io
import re

_PAGE_NUMBER = re.compile(r"\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*")
# a line opening an item of the outline never continues the line above it
_OPENS_ITEM = re.compile(r"(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]|[A-Z])[.)/:-]\s|[-+•*]\s|Điều\s+\d")
_ENDS_SENTENCE = (".", ":", ";", "!", "?")


class PdfError(ValueError):
    """A PDF that gives no text: damaged, encrypted, or a scan without a text layer."""


def pdf_text(data: bytes) -> str:
    """The text of a PDF file's bytes, paragraphs joined; raises :class:`PdfError`."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        laid_out = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        if isinstance(exc, PdfError):
            raise
        raise PdfError(f"damaged PDF ({exc})") from exc
    lines = [ln.strip() for page in pages for ln in _without_page_number(page.splitlines())]
    if sum(len(ln) for ln in lines) < 20:
        raise PdfError("the PDF has no text layer (a scan?): run OCR on it first")
    return "\n".join(_paragraphs(lines, _indents(laid_out))) + "\n"


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
