"""Reading a plan file: bytes to clean text, with an exact map back to source offsets.

Extraction works on cleaned text (NFC, one tone-mark style, no markdown, page breaks
rejoined), but every fact must point at the plan's own words. So cleaning is a chain of
small edit passes; each pass rewrites ``(text, offsets)`` where ``offsets[i]`` is the offset
in the *decoded source* of clean character ``i``. Passes are regex-driven (no per-character
Python loops) so a 30 KB plan cleans in about a millisecond.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, count, pairwise
from operator import add
from pathlib import Path
from typing import NamedTuple

from ingest.models import Span

# --------------------------------------------------------------------------- errors / result


class ReadError(Exception):
    """A plan that cannot be read: unknown encoding, binary data, unsupported format."""


@dataclass(slots=True)
class CleanText:
    """Cleaned text plus, for each of its characters, the offset in ``raw`` it came from."""

    text: str
    raw: str
    encoding: str
    offset_map: _Map = field(repr=False, compare=False)
    text_source: str = "text"  # "ocr" when some of it was read from page images
    notes: list[str] = field(default_factory=list, repr=False, compare=False)
    _offsets: list[int] | None = field(default=None, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _moved: bool | None = field(default=None, repr=False, compare=False)

    @property
    def offsets(self) -> list[int]:
        """The offset of every clean character (and of the end): ``len(text) + 1`` entries,
        made on first use; spans read ``offset_map``, which needs no list of 30 000 ints."""
        if self._offsets is None:
            self._offsets = self.offset_map.to_list()
        return self._offsets

    def source_offset(self, i: int) -> int:
        """Offset in ``raw`` of clean character ``i`` (clamped to the text)."""
        return self.offset_map.at(min(max(i, 0), self.offset_map.n))

    def line_of(self, source_offset: int) -> int:
        """1-based line of ``raw`` holding ``source_offset`` (CRLF, LF and CR all end lines)."""
        if not self._line_starts:
            self._line_starts = _line_starts(self.raw)
        return bisect.bisect_right(self._line_starts, source_offset)

    def source_span(self, start: int, end: int) -> Span:
        """Raw span of clean ``[start, end)``; its end covers the last char's combining marks."""
        at = self.offset_map.at  # source_offset, inlined (~130 a plan); at() clamps the top
        s = at(start if start > 0 else 0)
        if end <= start:
            return Span(s, s, self.line_of(s))
        e = _char_end(self.raw, at(end - 1 if end > 1 else 0))
        return Span(s, e if e > s else s, self.line_of(s))


    def as_written(self, start: int, end: int) -> str:
        """Clean ``[start, end)`` with each tone mark where the source put it ("xã hội hoá",
        "Uỷ ban" stay so): the cleaner moves old-style marks to read the text alike, but the
        words a record quotes are the plan's (the gold quotes a task's first words as the
        source writes them)."""
        text = self.text[start:end]
        if not self.moved_tones:
            return text
        out = list(text)
        for mt in _TONE_NEW_RE.finditer(text):
            i = start + mt.start()
            a, b = self.source_offset(i), self.source_offset(i + 1)
            written = unicodedata.normalize("NFC", self.raw[a:_char_end(self.raw, b)])
            if _TONE_MOVE.get(written) == mt.group():
                out[mt.start():mt.end()] = written
        return "".join(out)

    @property
    def moved_tones(self) -> bool:
        """Did the cleaner move any tone mark (the source writes some old-style)?"""
        if self._moved is None:
            self._moved = bool(_TONE_RE.search(unicodedata.normalize("NFC", self.raw)))
        return self._moved


_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


def _line_starts(raw: str) -> list[int]:
    """Offset of each line's first character; with LF alone (most files), from the lengths
    of the lines, which takes no match object per line."""
    if "\r" in raw:
        return [0] + [m.end() for m in _NEWLINE_RE.finditer(raw)]
    # line k opens after the k lines before it and their k breaks
    starts = list(map(add, accumulate(map(len, raw.split("\n")), initial=0), count()))
    starts.pop()  # the end of the last line, which opens no line
    return starts


def _char_end(raw: str, o: int) -> int:
    """End of the source character at ``o``, including combining marks that follow it."""
    e, size = o + 1, len(raw)
    if e >= size:
        return size
    while e < size and unicodedata.combining(raw[e]):
        e += 1
    return e


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_TRIED = "BOM (UTF-8/16/32), UTF-8, UTF-16 LE/BE, Windows-1258 (Vietnamese)"
# Marks Vietnamese writes with: grave, acute, circumflex, tilde, breve, hook, horn, dot below.
_VI_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
UNSUPPORTED = {".doc", ".odt", ".rtf", ".xlsx", ".xls", ".pptx"}
DOCX, PDF = ".docx", ".pdf"


_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def _is_textual(text: str) -> bool:
    """No NULs and (almost) no control characters: binary data fails this."""
    if "\x00" in text:
        return False
    return _few_controls(len(_CONTROL_RE.findall(text)), len(text))


def _few_controls(controls: int, size: int) -> bool:
    return controls <= size // 1000


def _is_vietnamese_char(c: str) -> bool:
    """A non-ASCII char Vietnamese uses: đ/Đ, a Vietnamese mark, or a-z plus such marks."""
    if c in "đĐ" or c in _VI_MARKS:
        return True
    d = unicodedata.normalize("NFD", c)
    return d[0].isascii() and d[0].isalpha() and all(m in _VI_MARKS for m in d[1:])


def _looks_vietnamese(text: str) -> bool:
    """Why: cp1258 decodes almost any byte string, so only accept text that reads as Vietnamese."""
    if _CONTROL_RE.search(text):
        return False
    non_ascii = [c for c in text if not c.isascii()]
    letters = sum(1 for c in text if c.isalpha()) or 1
    if len(non_ascii) < max(3, letters // 50):  # Vietnamese prose: ~20-30% non-ASCII letters
        return False
    vi = sum(1 for c in non_ascii if _is_vietnamese_char(c))
    return vi >= 0.95 * len(non_ascii)


MAX_BYTES = 100 * 1024 * 1024  # a plan file larger than this is refused unread (--max-size)


def is_owner_file(path: Path) -> bool:
    """Word, Excel and PowerPoint write ``~$<name>`` beside a document while it is open (its
    owner's name, 162 bytes): no document, so a folder's listing passes over it."""
    return path.name.startswith("~$")


def not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file one may read (a named pipe would block the reader
    until something writes to it, a device never ends), or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "a symbolic link to nothing"
        return None  # missing or unreadable: said when it is opened
    for test, what in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return None


def too_large(path: Path, limit: int | None = MAX_BYTES) -> str | None:
    """Why ``path`` is too large to read as a plan (its size against ``limit``), or None."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return None
    if limit and size > limit:
        return (f"{size / 1048576:.1f} MB, more than the limit of {limit / 1048576:g} MB for "
                "a plan file (cancu ingest --max-size)")
    return None


def read_bytes(path: Path, limit: int | None = MAX_BYTES) -> bytes:
    """A plan file's bytes, or a :class:`ReadError` that says why not: only a regular file,
    and no larger than ``limit``."""
    why = not_regular(path) or too_large(path, limit)
    if why:
        raise ReadError(f"{path}: not read: {why}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot open ({exc.strerror or exc})") from exc


def _utf16_guess(data: bytes) -> str | None:
    """BOM-less UTF-16: ASCII-range text puts a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    if nul_odd >= 0.3 * half and nul_even <= 0.05 * half:
        return "utf-16-le"
    if nul_even >= 0.3 * half and nul_odd <= 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a plan's bytes: BOM, strict UTF-8, BOM-less UTF-16, then Vietnamese cp1258."""
    if not data:
        raise ReadError(f"{name}: file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(f"{name}: {enc} byte-order mark but invalid {enc} ({exc})") from exc
            if _is_textual(text):
                return text, enc
            raise ReadError(f"{name}: {enc} byte-order mark but binary content")
    try:
        text = data.decode("utf-8")
        # UTF-8 writes a control character as its own byte: counted in the bytes, in C
        if b"\x00" not in data and _few_controls(
                len(data) - len(data.translate(None, _CONTROL_BYTES)), len(text)):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    enc16 = _utf16_guess(data)
    if enc16:
        try:
            text = data.decode(enc16)
            if _is_textual(text):
                return text, enc16
        except UnicodeDecodeError:
            pass
    if b"\x00" not in data:
        try:
            text = data.decode("cp1258")
            if _looks_vietnamese(text):
                return text, "cp1258"
        except UnicodeDecodeError:
            pass
    raise ReadError(f"{name}: binary data or unknown text encoding (tried {_TRIED})")


def read_plan(path: str | Path, data: bytes | None = None) -> CleanText:
    """Read and clean a .txt/.md/.docx/.pdf plan; other office files are refused, not
    guessed at. ``data``: the file's bytes, when the caller has read them already."""
    found = decode_file(path, data)
    ct = clean(found.text, found.encoding)
    ct.text_source, ct.notes = found.text_source, list(found.notes)
    return ct


class Decoded(NamedTuple):
    """A plan file's source text, how it was decoded, and whether its words come from the
    file's text ("text") or, for a PDF page without a readable text layer, from OCR ("ocr")."""

    text: str
    encoding: str
    text_source: str = "text"
    notes: tuple[str, ...] = ()  # what a reader should know of the text's origin


def decode_file(path: str | Path, data: bytes | None = None) -> Decoded:
    """A plan file's source text and how it was read: what span offsets count and what the
    pages show. A .docx or .pdf gives the text :mod:`ingest.docx` or :mod:`ingest.pdf` lays
    out from it. A text that holds nothing, or does not read as Vietnamese (a double
    encoding, a broken font's output), is refused. ``data``: the file's bytes, if read."""
    p = Path(path)
    if p.suffix.lower() in UNSUPPORTED:
        raise ReadError(f"{p}: {p.suffix} format is not supported yet (save it as .docx, .pdf, "
                        ".txt or .md)")
    if data is None:
        data = read_bytes(p)
    suffix = p.suffix.lower()
    kind = suffix if suffix in (DOCX, PDF) else (
        DOCX if data.startswith(b"PK\x03\x04") else PDF if data.startswith(b"%PDF") else None)
    if kind == DOCX:
        from ingest.docx import DocxError, docx_text

        try:
            return Decoded(_vietnamese(docx_text(data), p), "docx")
        except DocxError as exc:
            raise ReadError(f"{p}: {exc}") from exc
    if kind == PDF:
        from ingest.pdf import PdfError, read_pdf

        try:
            pdf = read_pdf(data)
        except PdfError as exc:
            raise ReadError(f"{p}: {exc}") from exc
        return Decoded(pdf.text, "pdf", pdf.source, tuple(pdf.notes()))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(f"{p}: looks like an old Word (.doc) file; this format is not "
                        "supported yet (save it as .docx, .txt or .md)")
    text, encoding = decode(data, str(p))
    return Decoded(_vietnamese(text, p), encoding)


def _vietnamese(text: str, path: Path) -> str:
    """``text`` when it holds a text that reads as Vietnamese, else a :class:`ReadError` that
    says what is wrong with it."""
    from ingest import quality

    if not text.strip():
        raise ReadError(f"{path}: the file holds only white space: no text to read")
    if not quality.suspect(text):
        return text
    if quality.undo_double_encoding(text) is not None:
        seen, meant = quality.double_encoded_sample(text)
        raise ReadError(f"{path}: the text is double-encoded (its UTF-8 was read as "
                        f"Windows-1252 and saved again: \"{seen}\" stands for \"{meant}\"); "
                        "save the original again as UTF-8")
    found = quality.assess(text)
    if not found.readable:
        raise ReadError(f"{path}: the text does not read as Vietnamese ({found.describe()}): "
                        "a wrong encoding, or text copied from a PDF whose fonts have no "
                        "Unicode map? Give the PDF itself, which is read by OCR")
    return text


# --------------------------------------------------------------------------- edit machinery

Edit = tuple[int, int, str]  # replace text[start:end] with str
Seg = tuple[int, int, int, int]  # (clean start, length, raw offset at start, step 0|1)


class _Map:
    """Piecewise clean -> raw offset map: runs of copied chars (step 1) or replacements (0).

    Why not a plain list per pass: rebuilding 30 000 ints for every pass costs more than all
    the regex work; runs only change where an edit lands. Materialized only if asked.
    """

    __slots__ = ("end", "n", "segs", "starts")

    def __init__(self, segs: list[Seg], n: int, end: int) -> None:
        self.segs, self.n, self.end = segs, n, end
        self.starts = [seg[0] for seg in segs]  # bisected by at()

    @classmethod
    def identity(cls, n: int) -> _Map:
        return cls([(0, n, 0, 1)] if n else [], n, n)

    def at(self, i: int) -> int:
        if i >= self.n:
            return self.end
        k = bisect.bisect_right(self.starts, i) - 1
        cs, _ln, rb, st = self.segs[k]
        return rb + st * (i - cs)

    def to_list(self) -> list[int]:
        out: list[int] = []
        for _cs, ln, rb, st in self.segs:
            out.extend(range(rb, rb + ln) if st else [rb] * ln)
        out.append(self.end)
        return out


class _Builder:
    """Builds the map of an edited text from the old map, run by run."""

    __slots__ = ("k", "old", "out")

    def __init__(self, old: _Map) -> None:
        self.old, self.out, self.k = old, [], 0

    def add(self, cs: int, ln: int, rb: int, st: int) -> None:
        if ln <= 0:
            return
        if self.out:
            pcs, pln, prb, pst = self.out[-1]
            if pst == st == 1 and prb + pln == rb and pcs + pln == cs:
                self.out[-1] = (pcs, pln + ln, prb, 1)
                return
        self.out.append((cs, ln, rb, st))

    def copy(self, a: int, b: int, delta: int) -> None:
        """Carry old clean range [a, b) over, shifted by ``delta``."""
        segs = self.old.segs
        while self.k < len(segs) and segs[self.k][0] + segs[self.k][1] <= a:
            self.k += 1
        j = self.k
        while j < len(segs) and segs[j][0] < b:
            cs, ln, rb, st = segs[j]
            lo, hi = max(cs, a), min(cs + ln, b)
            self.add(lo + delta, hi - lo, rb + st * (lo - cs), st)
            j += 1


def _apply(text: str, m: _Map, edits: Iterable[Edit]) -> tuple[str, _Map]:
    """Apply sorted, non-overlapping edits, carrying source offsets along.

    A same-length replacement maps char by char; any other maps every new char to the
    source offset of the edit's first char (e.g. "u"+hook -> "ủ" maps to the "u").
    """
    parts: list[str] = []
    b = _Builder(m)
    pos = delta = 0
    for s, e, r in edits:
        parts.append(text[pos:s])
        b.copy(pos, s, delta)
        if len(r) == e - s:
            parts.append(r)
            b.copy(s, e, delta)
        elif r:
            parts.append(r)
            b.add(s + delta, len(r), m.at(s), 0)
        delta += len(r) - (e - s)
        pos = e
    if not parts:
        return text, m
    parts.append(text[pos:])
    b.copy(pos, len(text), delta)
    return "".join(parts), _Map(b.out, len(text) + delta, m.end)


def _sub(
    text: str, m: _Map, pattern: re.Pattern[str], fn: Callable[[re.Match[str]], str | None]
) -> tuple[str, _Map]:
    """Regex pass: ``fn`` returns the replacement for a match, or None to keep it."""

    def edits() -> Iterator[Edit]:
        for mt in pattern.finditer(text):
            r = fn(mt)
            if r is not None and r != mt.group():
                yield mt.start(), mt.end(), r

    return _apply(text, m, edits())


def _const(r: str) -> Callable[[re.Match[str]], str]:
    return lambda _m: r


def _runs(text: str, needles: tuple[str, ...], ch: str) -> Iterator[tuple[int, int]]:
    """Maximal runs of ``ch`` touching any needle, in order (str.find: faster than regex)."""
    found: dict[int, int] = {}
    for needle in needles:
        i = text.find(needle)
        while i >= 0:
            j = i + needle.index(ch)
            a = j
            while a > 0 and text[a - 1] == ch:
                a -= 1
            if a not in found:
                e = j
                while e < len(text) and text[e] == ch:
                    e += 1
                found[a] = e
            i = text.find(needle, found[a])
    return iter(sorted(found.items()))


# --------------------------------------------------------------------------- passes

Pass = tuple[str, _Map]

_CR_RE = re.compile(r"\r\n?")
_ODD_ANY_RE = re.compile(
    "[\t\f\v\x85\u00a0\u00ad\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]"
)
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]+")
_ODD_SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ODD_BREAK_RE = re.compile("[\f\v\x85\u2028\u2029]")
_COMBINING_RUN_RE = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S)


def _newlines(text: str, m: _Map) -> Pass:
    """CRLF/CR -> LF; the LF keeps its own offset (the CR is dropped)."""
    if "\r" not in text:
        return text, m
    edits = (
        (mt.start(), mt.start() + 1, "" if mt.end() - mt.start() == 2 else "\n")
        for mt in _CR_RE.finditer(text)
    )
    return _apply(text, m, edits)


def _spaces_and_invisibles(text: str, m: _Map) -> Pass:
    """Odd spaces -> space, odd breaks -> LF, zero-width chars and soft hyphens dropped."""
    if not _ODD_ANY_RE.search(text):
        return text, m
    text, m = _sub(text, m, _INVISIBLE_RE, _const(""))
    text, m = _sub(text, m, _ODD_BREAK_RE, _const("\n"))
    return _sub(text, m, _ODD_SPACE_RE, _const(" "))


def _nfc(text: str, m: _Map) -> Pass:
    """NFC-compose per base+marks cluster so each composed char maps to its base."""
    if unicodedata.is_normalized("NFC", text):
        return text, m
    text, m = _sub(text, m, _COMBINING_RUN_RE, lambda mt: unicodedata.normalize("NFC", mt.group()))
    if unicodedata.is_normalized("NFC", text):
        return text, m
    # Rare leftovers (singleton decompositions etc.): fix char by char.
    edits = (
        (i, i + 1, unicodedata.normalize("NFC", c))
        for i, c in enumerate(text)
        if not unicodedata.is_normalized("NFC", c)
    )
    return _apply(text, m, edits)


# Tone placement. The corpus writes "hóa, khỏe, thủy, Ủy": in an open syllable ending in
# oa/oe/uy the tone sits on the first vowel. Derived, not listed: decompose, move, recompose.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = frozenset("aăâeêioôơuưy")


def _tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for tone in _TONES:
                    old = f + unicodedata.normalize("NFC", s + tone)
                    table[old] = unicodedata.normalize("NFC", f + tone) + s
    return table


_TONE_MOVE = _tone_table()
_TONED_SECOND = "".join(sorted({k[1] for k in _TONE_MOVE}))
# Candidates: a toned a/e/y ending a word (no final consonant, no third vowel after it),
# after an o or u (every pair of the table opens with one; tested in C, not per match)
_TONE_FIRST = "".join(sorted({k[0] for k in _TONE_MOVE}))
_TONE_RE = re.compile(rf"[{_TONED_SECOND}](?<=[{_TONE_FIRST}].)(?![^\W\d_])")
# a pair as the cleaner writes it, ending a word: where the source may have had the other
_TONE_NEW_RE = re.compile("(?:" + "|".join(sorted(set(_TONE_MOVE.values()))) + r")(?![^\W\d_])")


def _base_lower(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0].lower()


def _tone_marks(text: str, m: _Map) -> Pass:
    """Old-style "hoá, Uỷ" -> "hóa, Ủy" unless final consonant, third vowel, or "qu"."""

    def edits() -> Iterator[Edit]:
        for mt in _TONE_RE.finditer(text):
            i = mt.start()
            pair = text[i - 1 : i + 1] if i else ""
            if pair not in _TONE_MOVE:
                continue
            prev = _base_lower(text[i - 2]) if i > 1 else ""
            if prev in _VOWELS or (prev == "q" and pair[0] in "uU"):
                continue
            yield i - 1, i + 1, _TONE_MOVE[pair]

    return _apply(text, m, edits())


def _collapse_spaces(text: str, m: _Map) -> Pass:
    """Strip line-leading/trailing spaces (markdown hard breaks too); runs -> one space."""
    n = len(text)

    def edits() -> Iterator[Edit]:
        for a, b in _runs(text, ("  ", " \n", "\n "), " "):
            if a == 0 or b == n or text[a - 1] == "\n" or text[b] == "\n":
                yield a, b, ""
            elif b - a > 1:
                yield a + 1, b, ""

    if text[:1] == " " or text[-1:] == " ":
        text, m = _apply(text, m, [(0, len(text) - len(text.lstrip(" ")), "")])
        text, m = _apply(text, m, [(len(text.rstrip(" ")), len(text), "")])
        n = len(text)
    return _apply(text, m, edits())


_HEADING_RE = re.compile(r"#{1,6}(?: +|$)", re.M)
_PARA = r"(?:[^\n]|\n(?!\n))"
_STRONG_UNDER_RE = re.compile(rf"__(?<![\w_]__)(?=[^\s_])({_PARA}+?)(?<=[^\s_])__(?![\w_])")
_EM_UNDER_RE = re.compile(r"_(?<![\w_\\]_)(?=[^\s_])((?:[^_\n]|\n(?!\n))+?)(?<=[^\s_])_(?![\w_])")
_STAR_RUN_RE = re.compile(r"\*+")


def _drop_delimiters(text: str, m: _Map, pattern: re.Pattern[str]) -> Pass:
    """Delete emphasis delimiters around a match's inner group, keeping the inner text."""

    def edits() -> Iterator[Edit]:
        for mt in pattern.finditer(text):
            yield mt.start(), mt.start(1), ""
            yield mt.end(1), mt.end(), ""

    return _apply(text, m, edits())


def _star_marks(text: str) -> Iterator[Edit]:
    """Every run of "*" that marks emphasis, wherever its author put it: the portal writes
    "*Label: *value", "** **", "****" between two bold runs and bold across lines, which
    the markdown rules (a closing mark right after a non-space) would leave in the text. What
    stays is a star that is text: a bullet ("* mục"), a note's mark ("(*)"), an escaped
    one, and a lone star between words ("2 * 3")."""
    n = len(text)
    for mt in _STAR_RUN_RE.finditer(text):
        s, e = mt.span()
        before = text[s - 1] if s else "\n"
        after = text[e] if e < n else "\n"
        if (before == "(" and after == ")") or before == "\\":
            continue
        if _empty_cell(text, s):
            continue  # "** **" between two bars: a cell left empty (tables.cells reads it so)
        if e - s == 1 and after == " ":
            nxt = text[e + 1] if e + 1 < n else "\n"
            if before == "\n" and nxt not in " *\n":
                continue  # a bullet
            if before == " " and nxt not in "*\n" and _words_before(text, s):
                continue  # between two words
        yield s, e, ""


def _empty_cell(text: str, at: int) -> bool:
    """Is the line holding ``at`` only emphasis marks and spaces ("** **"), between two lines
    of a bar alone? A table in the cell-per-line layout writes a cell left empty so: without
    its marks it would read as the bars that end a row."""
    ls = text.rfind("\n", 0, at) + 1
    le = text.find("\n", at)
    le = len(text) if le < 0 else le
    if text[ls:le].strip(" *") or ls < 2 or le >= len(text):
        return False
    above = text[text.rfind("\n", 0, ls - 1) + 1:ls - 1]
    below_end = text.find("\n", le + 1)
    below = text[le + 1:len(text) if below_end < 0 else below_end]
    return above.strip() == "|" and below.strip() == "|"


def _words_before(text: str, at: int) -> bool:
    """Does the line hold something other than spaces and stars before ``at``?"""
    line = text[text.rfind("\n", 0, at) + 1:at]
    return bool(line.strip(" *"))


def _headings(text: str) -> Iterator[Edit]:
    """Heading markers at line starts; found with str.find, as a multiline regex is slow."""
    i = 0 if text.startswith("#") else text.find("\n#")
    while i >= 0:
        start = i if i == 0 and text.startswith("#") else i + 1
        mt = _HEADING_RE.match(text, start)
        if mt:
            yield start, mt.end(), ""
        i = text.find("\n#", start + 1)


def _markdown(text: str, m: _Map) -> Pass:
    """Drop heading markers and emphasis delimiters; bullets and intraword "_" stay."""
    text, m = _apply(text, m, _headings(text))
    if "*" in text:
        text, m = _apply(text, m, _star_marks(text))
    for marker, pattern in (("__", _STRONG_UNDER_RE), ("_", _EM_UNDER_RE)):
        if marker in text:
            text, m = _drop_delimiters(text, m, pattern)
    return text, m


def _tables(text: str, m: _Map) -> Pass:
    """Every table one line per row, whichever layout the portal gave it (see
    :mod:`ingest.tables`): the outline reads a row from its line."""
    if "|" not in text:
        return text, m
    from ingest.tables import layout_edits

    return _apply(text, m, sorted(layout_edits(text)))


# The runs of line breaks that may change, found in C: those before a letter that is not
# ASCII upper case (lower case is checked in Python), and runs of three or more.
_BREAKS_RE = re.compile(r"\n(?:\n*(?=[^\W\d_A-Z])|\n\n+)")  # "\n" first: found by a fast scan
_ALL_BREAKS_RE = re.compile(r"\n+")
_SHORT_LINE_RE = re.compile(r"(?m)^[^\S\n]*[^\s]{1,8}\n(?=[^\s|])")  # "2.3." over its heading
# "a) ", "đ. ", "iv) ": an item marker, not a continuation.
_ITEM_RE = re.compile(r"(?:[^\W\d_]|[ivx]{1,4})[.)](?:\s|$)")
_ENDS_SENTENCE = (".", ":", ";", "!", "?", ".)", ".”", ".\"", ";)", ":)")
_RULE_LINE_RE = re.compile(r"[-–—_=*.·\s]+")
_DASH_NUMBER_RE = re.compile(r"[-–]\s*\d")


def _paragraphs(text: str, m: _Map) -> Pass:
    """Blank-line runs -> one blank line; a space where a page break split a sentence (the
    next line goes on in lower case and is no item); in a hard-wrapped file a space at every
    line end inside a paragraph too, whatever the case of the next line (see :func:`_wrap`).
    A line in capitals is a heading or a type line ("KẾ HOẠCH"), whole: the lower-case title
    below it is no continuation of it (party documents write "KẾ HOẠCH" / "thực hiện Kết
    luận ...")."""
    width = _wrap_width(text)
    room = _wrap_room(text, width)

    def edits() -> Iterator[Edit]:
        alone = {m.end() - 1 for m in _SHORT_LINE_RE.finditer(text)
                 if _marker_alone(text, m.end() - 1, m.end())}
        runs = (_ALL_BREAKS_RE if width else _BREAKS_RE).finditer(text)
        breaks = {*(r.span() for r in runs), *((a, a + 1) for a in alone)}
        dates = _date_cuts(text) if width else set()
        cuts = _number_cuts(text)
        if cuts:
            inside = {i for a, b in cuts for i in range(a, b)}
            breaks = {x for x in breaks if x[0] not in inside} | cuts
        for a, b in sorted(breaks):
            nxt = text[b] if b < len(text) else ""
            if (a, b) in cuts:
                yield a, b, ""  # "số 7619/" / "QĐ-BCA": one number
            elif a in alone:
                yield a, b, " "
            elif width and b - a == 1:
                if a in dates or _wraps(text, a, b, width, room):
                    yield a, b, " "
            elif a > 0 and nxt.islower() and not _ITEM_RE.match(text, b) \
                    and not _in_capitals(text, a):
                yield a, b, " "
            elif b - a > 2:
                yield a + 2, b, ""

    return _apply(text, m, edits())


def _number_cuts(text: str) -> set[tuple[int, int]]:
    """The line breaks that fall inside a document's number ("Quyết định số 7619/" / "QĐ-BCA
    ngày ...", ``[reading] number_cut``): a number is never cut by a paragraph's end."""
    if "/" not in text and "-" not in text:
        return set()
    return {m.span() for m in _number_cut_re().finditer(text)}


def _date_cuts(text: str) -> set[int]:
    """The line ends of a hard-wrapped file that fall between a date's or number's word and
    its number ("trong tháng" / "01 năm 2023", ``[reading] date_cut``): the width cut the
    phrase, however much room the line left (a wrapper that counted emphasis marks the
    cleaner removed, "**... trong tháng" / "01 năm 2023**", left less than it seems)."""
    if "\n" not in text:
        return set()
    return {m.start(m.lastindex or 0) for m in _date_cut_re().finditer(text)}


@lru_cache(maxsize=1)
def _date_cut_re() -> re.Pattern[str]:
    from ingest.lexicon import lexicon

    return re.compile(lexicon().patterns["reading"]["date_cut"])


@lru_cache(maxsize=1)
def _number_cut_re() -> re.Pattern[str]:
    from ingest.lexicon import lexicon

    return re.compile(lexicon().patterns["reading"]["number_cut"])


def _marker_alone(text: str, a: int, b: int) -> bool:
    """Is the line ending at ``a`` an outline marker with nothing after it ("2.3.", "b)"), the
    line after it (from ``b``) its heading? A marker always has its words after it: an
    emphasis run or a copy that broke the line between them ("*2.3.* / *Công an tỉnh*")
    is joined, whatever the case of the words."""
    prev = text[text.rfind("\n", 0, a) + 1:a]
    end = text.find("\n", b)
    nxt = text[b:end if end >= 0 else len(text)]
    if not nxt.strip() or nxt[0] == "|" or " " in prev.strip() or len(prev) > 8:
        return False
    return _opens_paragraph(prev.strip() + " X") and not _opens_paragraph(nxt)


def _in_capitals(text: str, end: int) -> bool:
    """Is the line ending at ``end`` written in capitals (four letters or more)?"""
    line = text[text.rfind("\n", 0, end) + 1:end]
    return _capitals(line)


def _capitals(line: str) -> bool:
    """Four letters or more, none in lower case (``str.isupper`` tests the case in C; the
    letters are counted only for the few lines it lets through)."""
    return line.isupper() and sum(map(str.isalpha, line)) >= 4


def _in_caps(line: str) -> bool:
    """Three letters or more, none in lower case: a heading's line, "NĂM 2025" too."""
    return line.isupper() and sum(map(str.isalpha, line)) >= 3


def _wrap_width(text: str) -> int:
    """The width a hard-wrapped file is wrapped at, or 0 for a file that writes a paragraph
    a line. Of the lines inside paragraphs (a line with another below it) that run near the
    file's width (the 90th percentile of their lengths), a hard-wrapped file ends most inside
    a sentence, where the width cut them; a file of a paragraph a line ends nearly all of
    them with a stop or a colon. Table rows do not count; nor does a "width" of a few words
    (the lines of a letterhead)."""
    inner = [a for a, b in pairwise(text.split("\n"))
             if a and b and a[0] != "|" and b[0] != "|"]
    if len(inner) < 8:
        return 0
    ordered = sorted(map(len, inner))
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if not 40 <= width <= 200:
        return 0
    reading = lexicon_reading()
    near = [a for a in inner if len(a) >= reading["near_width"] * width]
    cut = sum(1 for a in near if not a.endswith(_ENDS_SENTENCE))
    return width if cut >= reading["wrapped_share"] * len(near) else 0


def _wraps(text: str, a: int, b: int, width: int, room: int = 0) -> bool:
    """Does the line break at ``a`` (one "\\n", up to ``b``) fall inside a paragraph of a
    hard-wrapped file? It does unless the next line opens one (an outline marker, an
    article, a footnote, a label), either line is a table row or a rule, a line in
    capitals meets one that is not, a line far shorter than the width ends a sentence (unless
    the next line's first word would not have fit on it: "... (tại địa chỉ:" over
    "https://..."), or, in a file its wrapper filled to the width (``room``, see
    :func:`_wrap_room`), the line left room for the next line's first word, which goes on in
    no lower case: a heading in sentence case ("3. Tổ chức thực hiện", "a) Về công tác
    tuyên truyền") over its paragraph, or a paragraph's last line that ends in no stop."""
    prev = text[text.rfind("\n", 0, a) + 1:a]
    end = text.find("\n", b)
    nxt = text[b:end if end >= 0 else len(text)]
    if not prev or not nxt or prev[0] == "|" or nxt[0] == "|":
        return False
    if _RULE_LINE_RE.fullmatch(prev) or _RULE_LINE_RE.fullmatch(nxt):
        return False
    if _opens_paragraph(nxt):
        return False
    if _in_caps(prev) and any(c.islower() for c in nxt):
        return False  # a title's last line, however short ("NĂM 2025"), over the preamble
    if _capitals(nxt) and any(c.islower() for c in prev) and nxt.strip(
            "IVXLCDM/.,-–0123456789 ") and not _capitals_going_on().match(nxt):
        return False  # the type line or a heading under the date line or a paragraph (a
        # quarter's numeral cut from its word, "Quý" / "III/2025", is no heading)
    first = len(nxt.split(" ", 1)[0])
    if room and not nxt[0].islower() and len(prev) + 1 + first < room:
        return False
    if len(prev) + 1 + first > width:
        return True  # no room for the next word (a link, a number): the width cut the line
    return not (prev.endswith(_ENDS_SENTENCE) and len(prev) < 0.8 * width)


def _wrap_room(text: str, width: int) -> int:
    """The shortest a line of a wrapped paragraph would have been with the next line's first
    word on it (its 2nd percentile, over the breaks before a word in lower case, which go
    on a sentence): a wrapper that fills its lines to the width cuts only where that word
    did not fit, so a line that had room for it ended there. 0 where the wrapper did not
    fill them (a portal's copy cuts a paragraph's first line short by its indent, "2.5.
    Sở" / "Y tế"): there only the words tell a wrap."""
    if not width:
        return 0
    would = sorted(len(a) + 1 + len(b.split(" ", 1)[0])
                   for a, b in pairwise(text.split("\n"))
                   if a and b and a[0] != "|" and b[0].islower() and not _ITEM_RE.match(b))
    if len(would) < 8:
        return 0
    room = would[int(0.02 * (len(would) - 1))]
    return room if room >= lexicon_reading()["filled_width"] * width else 0


def _opens_paragraph(line: str) -> bool:
    """A line that opens a paragraph: an outline marker (not a dash before a number, which
    goes on a range: "2026" / "- 2030"), an article, a footnote, a label."""
    return _openers().match(line) is not None and not _DASH_NUMBER_RE.match(line)


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    """The outline's markers and the reading labels as one pattern (their names dropped:
    one match a line instead of one per pattern)."""
    from ingest.lexicon import lexicon

    lx = lexicon()
    kinds = ("part", "section", "upper", "numbered", "decimal", "lettered", "bullet", "plus",
             "footnote")
    found = [lx.pattern("outline", k) for k in kinds] + list(lx.patterns["reading"]["labels"])
    unnamed = (_GROUP_NAME_RE.sub("(?:", p) for p in found)
    return re.compile("|".join(f"(?:{p})" for p in unnamed))


_GROUP_NAME_RE = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=1)
def _capitals_going_on() -> re.Pattern[str]:
    """``[reading] capitals_going_on``: an abbreviation closing a sentence on a line of its
    own."""
    from ingest.lexicon import lexicon

    return re.compile(lexicon().patterns["reading"]["capitals_going_on"])


@lru_cache(maxsize=1)
def lexicon_reading() -> dict[str, float]:
    """The ``[reading]`` figures of patterns.toml."""
    from ingest.lexicon import lexicon

    reading = lexicon().patterns["reading"]
    return {k: float(reading[k]) for k in ("near_width", "wrapped_share", "filled_width")}


def _strip_ends(text: str, m: _Map) -> Pass:
    """Drop leading/trailing blank lines and spaces of the whole text."""
    b = len(text)
    while b and text[b - 1] in " \n":  # by index: rstrip would copy the whole text
        b -= 1
    if b < len(text):
        text, m = _apply(text, m, [(b, len(text), "")])
    a = 0
    while a < len(text) and text[a] in " \n":
        a += 1
    if a:
        text, m = _apply(text, m, [(0, a, "")])
    return text, m


_PASSES = (
    _newlines,
    _spaces_and_invisibles,
    _nfc,
    _tone_marks,
    _collapse_spaces,
    _markdown,
    _collapse_spaces,  # removing "### " or "**" can expose spaces
    _tables,
    _paragraphs,
    _strip_ends,
)


def clean(raw: str, encoding: str = "utf-8") -> CleanText:
    """Run the cleaning passes over ``raw``, keeping an exact clean -> raw offset map."""
    text, m = raw, _Map.identity(len(raw))
    for step in _PASSES:
        text, m = step(text, m)
    return CleanText(text, raw, encoding, m)
