"""Metamorphic bench: does the extractor still read the wide plans when they are made another
province's, another department's, another year's, numbered otherwise, copied with other
layout noise, or saved as the Word file staff work in (``docx``)?

Each transformation rewrites a plan's text and its gold the same way (a meaning-preserving
change: what a hidden plan of another province, ministry or year would write), the plan is
extracted in-process and scored with ``../shared/eval/score.py``; the figures are printed per
transformation beside the untransformed baseline. A figure that drops names a rule lifted from
the plans' strings, or a normalisation gap. Vocabularies: ``bench/data/metamorphic.toml``.

    .venv/bin/python bench/metamorphic.py                 # wide plans, every transformation
    .venv/bin/python bench/metamorphic.py --set samples   # the four bundled plans
    .venv/bin/python bench/metamorphic.py --only place,years --explain   # the new misses
    .venv/bin/python bench/metamorphic.py --keep /tmp/mm  # keep texts, gold, records per run

Reads ``../shared`` at run time and skips (exit 0) when it is absent; none of its files are
copied into the project.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import importlib.util
import json
import os
import random
import re
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "wide": (SHARED / "corpus-wide", SHARED / "gold-wide"),
    "samples": (ROOT / "data" / "plans", SHARED / "gold"),
}
VOCAB = Path(__file__).resolve().parent / "data" / "metamorphic.toml"
SHOWN = ("tasks.recall", "tasks.precision", "task_bodies.f1", "body_roles.accuracy",
         "timeframes.accuracy", "task_citations.f1", "citations.f1", "bases.f1",
         "metadata.accuracy", "law_numbers.accuracy")

Gold = dict[str, Any]
# a transformation: (text, gold) -> (text, gold), or None where it does not apply to the plan
Change = Callable[[str, Gold], tuple[str, Gold] | None]


@cache
def vocab() -> dict[str, Any]:
    with VOCAB.open("rb") as f:
        return tomllib.load(f)


@cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------- helpers

def map_strings(value: Any, fn: Callable[[str], str], skip: tuple[str, ...] = ("source",)) -> Any:
    """``value`` with ``fn`` applied to every string in it (keys in ``skip`` left alone)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [map_strings(v, fn, skip) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in skip else map_strings(v, fn, skip)) for k, v in value.items()}
    return value


GAP = r"(?:\s|\*\*)+"  # between a name's words: white space, a line end, bold marks


def _toned(word: str) -> str:
    """``word`` as a pattern that also takes its tone marks at their other place ("Hóa",
    "Hoá")."""
    alternatives = {}
    for a, b in vocab()["tone_pairs"]:
        alternatives[a] = alternatives[b] = f"(?:{a}|{b})"
    either = re.compile("|".join(sorted(alternatives, key=len, reverse=True)))
    return either.sub(lambda m: alternatives[m.group()],
                      re.escape(unicodedata.normalize("NFC", word)))


def phrase(name: str) -> str:
    """A pattern for ``name`` written with any white space or bold marks between its words
    (a copy's line may end inside it), either place of a tone mark, not inside a longer word."""
    return r"(?<!\w)" + GAP.join(_toned(w) for w in name.split()) + r"(?!\w)"


def respace(new: str, old: str) -> str:
    """``new`` with the line breaks ``old`` had between its words, at the same gaps, and the
    bold marks it had inside it after it."""
    gaps = re.findall(GAP, old)
    marks = "".join("**" for g in gaps for _ in range(g.count("**")))
    words = new.split(" ")
    if not any("\n" in g for g in gaps) or len(words) < 2:
        return new + marks
    out = words[0]
    for i, word in enumerate(words[1:]):
        gap = gaps[min(i, len(gaps) - 1)] if gaps else " "
        out += ("\n" if "\n" in gap else " ") + word
    return out + marks


def replace_names(text: str, mapping: dict[str, str]) -> str:
    """Every name of ``mapping`` (as written, and in capitals) replaced at once by its image."""
    forms: dict[str, str] = {}
    for old, new in mapping.items():
        forms[old] = new
        forms[old.upper()] = new.upper()
    pattern = re.compile("|".join(phrase(k) for k in sorted(forms, key=len, reverse=True)))

    keys = {fold_tones(k): v for k, v in forms.items()}

    def sub(m: re.Match[str]) -> str:
        key = fold_tones(re.sub(GAP, " ", m.group()))
        return respace(keys[key], m.group())

    return pattern.sub(sub, text)


def fold_tones(text: str) -> str:
    """``text`` with its tone marks at one place (the first of each pair)."""
    text = unicodedata.normalize("NFC", text)
    for a, b in vocab()["tone_pairs"]:
        text = text.replace(b, a)
    return text


def squash(text: str) -> str:
    return scorer().squash(text)


def plan_date(gold: Gold) -> str:
    return (gold.get("document") or {}).get("date") or ""


# ---------------------------------------------------------------------------- (a) places

def issuer_place(gold: Gold) -> tuple[str, str] | None:
    """(kind, place) of a provincial issuer ("tỉnh", "Bắc Ninh"); None for a central one."""
    issuer = (gold.get("document") or {}).get("issuer") or ""
    m = re.search(r"\b(tỉnh|[Tt]hành phố)\s+(.+)$", issuer)
    if not m:
        return None
    return m.group(1).lower(), m.group(2)


def place_change(index: int) -> Change:
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        found = issuer_place(gold)
        if not found:
            return None
        kind, place = found
        v = vocab()
        pool = v["cities"] if kind == "thành phố" else (
            v["provinces"] if plan_date(gold) >= v["reorganised"]
            else v["provinces"] + v["provinces_before_2025"])
        pool = [p for p in pool if p != place and not re.search(phrase(p), text, re.I)]
        rng = random.Random(f"{gold['source']}-{place}")
        chosen = rng.sample(pool, min(len(pool), v["places_per_plan"]))
        if index >= len(chosen):
            return None
        mapping = {place: chosen[index]}
        fn = lambda s: replace_names(s, mapping)  # noqa: E731
        return fn(text), map_strings(gold, fn)
    return change


# ---------------------------------------------------------------------------- (b) bodies

def _field(name: str) -> str:
    return name.split(" ", 1)[1]


def swappable(text: str, names: list[str]) -> list[str]:
    """The names of ``names`` the text writes in full, and whose field it never writes
    without a kind word before it (such a list, "các Sở: Nội vụ, Tư pháp", would keep the old
    field where the gold's "Sở Tư pháp" became another)."""
    kinds = "|".join(re.escape(k) for k in vocab()["kinds"])
    out = []
    for name in names:
        if not re.search(phrase(name), text):
            continue
        field = _field(name)
        bare = [m for m in re.finditer(phrase(field), text)
                if not re.search(rf"(?:{kinds})\s+$", text[max(0, m.start() - 12):m.start()])]
        if not bare:
            out.append(name)
    return out


def body_change(index: int) -> Change:
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        v = vocab()
        new = plan_date(gold) >= v["reorganised"]
        mapping: dict[str, str] = {}
        for group in ("departments", "ministries"):
            names = v[group] if new else v[f"{group}_before_2025"]
            present = swappable(text, names)
            fresh = [n for n in names if not re.search(phrase(_field(n)), text, re.I)]
            rng = random.Random(f"{gold['source']}-{group}-{index}")
            rng.shuffle(fresh)
            for old, to in zip(present, fresh, strict=False):
                mapping[old] = to
        if not mapping:
            return None
        fn = lambda s: replace_names(s, mapping)  # noqa: E731
        return fn(text), map_strings(gold, fn)
    return change


# ---------------------------------------------------------------------------- (c) years

@cache
def _law_year() -> re.Pattern[str]:
    """A year that names a law's version: "Luật Phòng, chống tham nhũng năm 2018", "Luật ...
    ngày 20/11/2018", "Bộ luật Hình sự 2015" (up to 12 words of title, no timing word)."""
    words = "|".join(re.escape(w) for w in vocab()["law_words"])
    word = r"[^\s.;:(),]+"  # a word of the title; after a comma only a lower-case one
    title = (r"(?:\s+(?!(?:trong|trước|đến|từ|quý|giai|hết|sau|kể)\b)"
             rf"(?:{word},(?=\s+[a-zđà-ỹ])|{word})){{1,12}}?")
    date = r"(?:\s+năm|\s+ngày\s+\d{1,2}\s*(?:/|\s+tháng\s+)\s*\d{1,2}\s*(?:/|\s+năm\s+)|,?)"
    return re.compile(rf"(?<!\w)(?:{words}){title}{date}\s*(?P<year>(?:19|20)\d\d)(?![\d/])")


# not the year of a number: "36/2018/QH14", "TCVN 14423:2025"
_YEAR = re.compile(r"(?<![\d.,:])(?:19|20)\d\d(?![\d/]|-[A-ZĐ])")


def shift_years(text: str, k: int, keep_laws: bool = True) -> str:
    keep = {m.start("year") for m in _law_year().finditer(text)} if keep_laws else set()
    return _YEAR.sub(lambda m: m.group() if m.start() in keep else str(int(m.group()) + k),
                     text)


def shift_iso(value: str, k: int) -> str:
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return value
    year, month, day = int(m[1]) + k, int(m[2]), int(m[3])
    if day == calendar.monthrange(int(m[1]), month)[1]:  # a month's end stays its end
        day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1])).isoformat()


def years_change(k: int) -> Change:
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        def fn(s: str) -> str:
            return shift_iso(s, k) if re.fullmatch(r"\d{4}-\d\d-\d\d", s) else shift_years(s, k)
        # the documents cited keep their dates and titles: laws as the text keeps them, others
        # are compared by number
        return shift_years(text, k), map_strings(gold, fn, skip=("source", "bases",
                                                                  "citations"))
    return change


# ---------------------------------------------------------------------------- (d) numbers

def number_change(new: str) -> Change:
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        number = (gold.get("document") or {}).get("number") or ""
        m = re.match(r"(\d+)(\s*[/-].+)$", number)
        if not m:
            return None
        own = re.compile(rf"(?<![\d/]){m[1]}(?=\s*{re.escape(m[2].strip())})")
        fn = lambda s: own.sub(new, s)  # noqa: E731
        return fn(text), map_strings(gold, fn)
    return change


# ---------------------------------------------------------------------------- (e) layout

_MARKER = re.compile(r"^(?:[-+•–]|\d+(?:\.\d+)*[./)]|[a-zđ]\)|[IVXLC]+[./]|\*|#|\[)")


def _cut(line: str, width: int) -> list[str]:
    """``line`` cut at spaces into lines of at most ``width`` characters; a word that would
    open a line as a marker would ("-", "2035).") stays on the line before."""
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width and not _MARKER.match(word):
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*out, current]


def rewrap(width: int) -> Change:
    """Paragraphs cut again at ``width``, as a copy with narrower lines has them: an
    overlong line is cut, and its last piece goes on at the head of the next line where that
    line goes on its paragraph (it does not open with a marker, and the line before ran near
    the copy's own width, ends no sentence, or the next opens in lower case). Table rows are
    left whole."""
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        lines = text.split("\n")
        prose = sorted(len(ln) for ln in lines if ln.strip() and "|" not in ln)
        own = prose[int(0.9 * (len(prose) - 1))] if prose else 0  # the copy's own width
        out: list[str] = []
        carry = ""
        for i, line in enumerate(lines):
            # the copy's own wrap, as the extractor reads it: a line near its width goes on
            full = own <= 100 and len(line) >= 0.8 * own
            if carry:
                line = f"{carry} {line.lstrip()}"
                carry = ""
            if len(line) <= width or "|" in line:
                out.append(line)
                continue
            pieces = _cut(line, width)
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            goes_on = bool(nxt.strip()) and "|" not in nxt and not _MARKER.match(
                nxt.lstrip()) and (full or not re.search(r"[.:;!?]\**$", line.rstrip())
                                  or nxt.lstrip()[:1].islower())
            if goes_on and len(pieces) > 1:
                carry = pieces.pop()
            out.extend(pieces)
        return "\n".join(out), gold
    return change


def rewrap_cells(width: int) -> Change:
    """Table rows cut at ``width`` as a hard-wrapped copy cuts them: a row line's cells run
    on over the next lines, a cut falling anywhere in a cell or beside a bar. The cell-per-line
    layout's lines are cut as prose (``rewrap``), so this cuts only lines holding a bar and
    text."""
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        out: list[str] = []
        cut = False
        for line in text.split("\n"):
            if len(line) > width and "|" in line and line.strip("| \t"):
                out.extend(_cut(line, width))
                cut = True
            else:
                out.append(line)
        return ("\n".join(out), gold) if cut else None
    return change


def no_bold(text: str, gold: Gold) -> tuple[str, Gold] | None:
    if "**" not in text:
        return None
    return re.sub(r"\*\*", "", text), gold


_HEAD = re.compile(r"^(?P<lead>[ \t]*)(?P<line>(?:[IVX]+[./]|\d+(?:\.\d+)*[./)]|[a-zđ][)]|"
                   r"[A-ZĐ][^:\n]{2,60}:)[^\n]*?)[ \t]*$", re.MULTILINE)


def add_bold(text: str, gold: Gold) -> tuple[str, Gold] | None:
    """Numbered headings and label lines made bold, as portal copies show them."""
    if "**" in text:
        text = re.sub(r"\*\*", "", text)
    return _HEAD.sub(lambda m: f"{m['lead']}**{m['line']}**", text), gold


def spaces(text: str, gold: Gold) -> tuple[str, Gold] | None:
    """A no-break space after labels, numbers and markers; every 7th space doubled."""
    text = re.sub(r"(?<=\S)[ ](?=\d)|(?<=[:.)])[ ](?=\S)", "\u00a0", text)
    count = 0

    def double(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "  " if count % 7 == 0 else " "

    return re.sub(r"(?<=\S) (?=\S)", double, text), gold


def tones(to_old: bool) -> Change:
    """Tone marks at their other place in an open syllable ("Ủy" ⇄ "Uỷ", "hóa" ⇄ "hoá", never
    "hoàn" nor "quý"), in the text and in the gold's snippets (the scorer matches them as the
    source writes them)."""
    pairs = [(a, b) if to_old else (b, a) for a, b in vocab()["tone_pairs"]]

    def fn(s: str) -> str:
        s = unicodedata.normalize("NFC", s)
        for a, b in pairs:
            s = re.sub(rf"(?<![qQ]){a}(?![^\W\d_])", b, s)  # a syllable's end: "hoà", not "hoàn"
        return s

    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        return fn(text), map_strings(gold, fn)
    return change


def bullets(mark: str) -> Change:
    """Dash bullets ("- ") written with another mark real copies use ("– ", "• ")."""
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        if not re.search(r"(?m)^[ \t]*- ", text):
            return None
        return re.sub(r"(?m)^([ \t]*)- ", rf"\g<1>{mark} ", text), gold
    return change


def tabs(text: str, gold: Gold) -> tuple[str, Gold] | None:
    """A tab after an outline marker, as a Word copy has it ("1.\tSở ...", "-\tTổ chức")."""
    return re.sub(r"(?m)^([ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|-)) ", "\\1\t",
                  text), gold


_DMY = re.compile(r"\bngày (\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_WORDS = re.compile(r"\bngày (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d\d)\b")


def dates(to_words: bool) -> Change:
    """A date written the other way Nghị định 30/2020 allows: "ngày 20/11/2025" ⇄ "ngày 20
    tháng 11 năm 2025" (the gold's dates are ISO and stay)."""
    def change(text: str, gold: Gold) -> tuple[str, Gold] | None:
        if to_words:
            fn = lambda s: _DMY.sub(r"ngày \1 tháng \2 năm \3", s)  # noqa: E731
        else:
            fn = lambda s: _WORDS.sub(r"ngày \1/\2/\3", s)  # noqa: E731
        new = fn(text)
        return (new, map_strings(gold, fn)) if new != text else None
    return change


def short_forms(text: str, gold: Gold) -> tuple[str, Gold] | None:
    """Bodies written with the short forms plans use ("UBND", "HĐND", "UBMTTQ"), the scorer
    expanding them."""
    pairs = [("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"),
             ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ Việt Nam")]
    fn = lambda s: replace_names(s, dict(pairs))  # noqa: E731
    new = fn(text)
    return (new, map_strings(gold, fn)) if new != text else None


def nfd(text: str, gold: Gold) -> tuple[str, Gold] | None:
    return unicodedata.normalize("NFD", text), gold


def crlf(text: str, gold: Gold) -> tuple[str, Gold] | None:
    return text.replace("\n", "\r\n"), gold


# ---------------------------------------------------------------------------- (f) formats

# a line opening a paragraph of its own: an outline number, a bullet, a footnote's number
_OPENS = re.compile(r"^\**\s*(?:[-+•–]\s(?!\d)|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|[IVXLC]+[./]\s|"
                    r"\[\d+\]|Điều\s+\d)")
_LINE = "\x1f"  # a line break of the copy inside a table row, kept for the cell's paragraphs


def _paragraphs(lines: list[str], short: int = 0, wrapped: bool = True) -> list[str]:
    """A copy's lines as the paragraphs Word would hold. Where the copy is hard-wrapped
    (``wrapped``), its wraps are joined: a new paragraph at a blank line, at a line that opens
    with an outline number or a bullet (not a range's dash, "- 2030"), and
    (in a cell, ``short`` > 0) after a line shorter than ``short`` where the next opens in
    no lower case (a letterhead's lines, "ỦY BAN NHÂN DÂN" / "TỈNH X")."""
    out: list[str] = []
    current = ""
    for line in lines:
        line = line.strip()
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        cut = short and len(current) < short and not line.lstrip("*")[:1].islower()
        if current and (not wrapped or _OPENS.match(line) or cut):
            out.append(current)
            current = ""
        current = f"{current} {line}" if current else line
    return [*out, current] if current else out


def docx_blocks(text: str) -> list[str]:
    """A plan's text as the blocks of a Word body, made as staff make one: each paragraph a
    Word paragraph (bold and italic runs where the copy has "**" and "*"), each table a Word
    table, numbers typed. The copy's tables (a row per line or a cell per line, see
    :mod:`ingest.tables`) are found by the project's layout reader, the only reader of the
    portal's two layouts, so a table it misreads is rendered as misread."""
    from ingest.tables import Cell, cells, columns, layout_edits
    from tests.docx_build import styled, table

    clean = "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    for s, e, new in sorted(layout_edits(clean), reverse=True):
        if new == " " and "\n" in clean[s:e]:
            new = _LINE
        clean = clean[:s] + new + clean[e:]
    widths = sorted(len(ln) for ln in clean.split("\n") if ln and "|" not in ln)
    wrapped = bool(widths) and widths[int(0.9 * (len(widths) - 1))] <= 100  # as ``rewrap``
    blocks: list[str] = []
    prose: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        blocks.extend(styled(p) for p in _paragraphs(prose, wrapped=wrapped))
        prose.clear()
        if rows:
            task = columns([Cell(c, 0, 0) for c in rows[0]]) is not None
            blocks.append(table(_task_rows(rows, task)))
            rows.clear()

    lines = clean.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("|") and line.count("|") >= 2:
            if prose:
                flush()
            row = [c.text for c in cells(line.replace(_LINE, " " + _LINE), 0)]
            if not (any(row) and all(re.fullmatch(r":?-{2,}:?", c) or not c for c in row)):
                rows.append(row)  # a markdown rule under the header is no row of Word's
        elif line.strip("| "):
            if rows:
                flush()
            prose.append(re.sub(r"^#+\s+", "", line))  # a markdown heading: Word's style
        elif rows and any(x.startswith("|") for x in lines[i + 1:i + 2]):
            continue  # a page break or a converter's stray bar inside a table
        else:
            if rows:
                flush()
            prose.append("")
    flush()
    return blocks


def _task_rows(rows: list[list[str]], task: bool) -> list[list[str]]:
    """A table's rows as Word cells. In a task table a row the copy gives short of the
    header (the portal leaves out what a cell above spans) is read as the text reader
    aligns it (:class:`ingest.tables.Rows`), and the cells it takes from above become
    Word's vertical merges; a row heading a group ("I" / a title) spans the width. Any other
    table's cells, their lines run together in a row-per-line copy, are cut back into the
    lines Word holds ("CHỦ TỊCH" / "Nguyễn Văn A")."""
    from ingest.tables import Cell, Rows, cell_lines
    from tests.docx_build import cell, styled

    def paras(text: str) -> list[str]:
        out = _paragraphs(text.split(_LINE), 40)
        if not task:
            out = [y.text for x in out for y in cell_lines(Cell(x, 0, len(x)))]
        return [styled(p) for p in out]

    if not task:
        return [[cell(paras(c)) for c in row] for row in rows]
    width = len(rows[0])
    aligner = Rows([Cell(c, 0, 0) for c in rows[0]])
    grid: list[list[list[Any]]] = []  # per row, per column: [paragraphs, span, merge]
    above: list[Cell | None] = [None] * width
    for r, row in enumerate(rows[1:], 1):
        own = [Cell(c, r * 1000 + i, r * 1000 + i) for i, c in enumerate(row)]
        filled = [c for c in row if c]
        # a group's heading ("| I | Title |", "| Title |"), as the outline reads one
        group = len(row) < width and (len(filled) == 1 or (len(filled) == 2 and bool(
            re.fullmatch(r"[IVXLC]+|[A-ZĐ]", filled[0].strip(".* ")))))
        if group:
            aligner.above = [None] * width
        if not filled:  # a row left empty ("| |" between two tasks): empty cells, no merge
            grid.append([[[], 1, None] for _ in range(width)])
            continue
        aligned = own if group else aligner.align(own)
        if len(aligned) < width:  # a group's heading: its last cell spans the rest
            cells_ = [[paras(c.text), 1, None] for c in aligned]
            if cells_:
                cells_[-1][1] = width - len(aligned) + 1
            grid.append(cells_)
            above = [None] * width
            continue
        cells_ = []
        for col, c in enumerate(aligned[:width]):
            if c is not None and above[col] is c and c.text:
                cells_.append([[], 1, "continue"])
                start = next(g for g in reversed(grid) if len(g) == width)[col]
                start[2] = start[2] or "restart"
            else:
                cells_.append([paras(c.text) if c is not None else [], 1, None])
        grid.append([*cells_, *[[paras(c.text), 1, None] for c in aligned[width:]]])
        above = list(aligned[:width])
    head = [cell(paras(c)) for c in rows[0]]
    return [head, *[[cell(p, span, merge) for p, span, merge in row] for row in grid]]


def render_docx(text: str, target: Path) -> Path:
    from tests.docx_build import write_docx

    return write_docx(target.with_suffix(".docx"), docx_blocks(text))


# a transformation that also changes the file's format: its name -> how the file is written
RENDERERS: dict[str, Callable[[str, Path], Path]] = {"docx": render_docx}


def changes() -> dict[str, Change]:
    """Every transformation by name; a name's prefix before ":" is its family (--only)."""
    v = vocab()
    out: dict[str, Change] = {}
    for i in range(v["places_per_plan"]):
        out[f"place:{i + 1}"] = place_change(i)
    for i in range(v["swaps_per_plan"]):
        out[f"bodies:{i + 1}"] = body_change(i)
    for k in v["year_shifts"]:
        out[f"years:{k:+d}"] = years_change(k)
    for n in v["numbers"]:
        out[f"number:{n}"] = number_change(n)
    for w in v["widths"]:
        out[f"wrap:{w}"] = rewrap(w)
    for w in v["widths"]:
        out[f"wrap-cells:{w}"] = rewrap_cells(w)
    out["bold:none"] = no_bold
    out["bold:added"] = add_bold
    out["space:nbsp-double"] = spaces
    out["bullet:en-dash"] = bullets("–")
    out["bullet:dot"] = bullets("•")
    out["space:tab"] = tabs
    out["date:words"] = dates(True)
    out["date:digits"] = dates(False)
    out["names:short"] = short_forms
    out["tone:old"] = tones(True)
    out["tone:new"] = tones(False)
    out["unicode:nfd"] = nfd
    out["eol:crlf"] = crlf
    out["docx"] = lambda text, gold: (text, gold)  # the same plan, written as a Word file
    return out


# ---------------------------------------------------------------------------- running

@dataclass
class Run:
    figures: dict[str, float]
    misses: list[str]
    plans: int  # plans the transformation applied to
    snippets: tuple[int, int]  # gold snippets found in the text, of those found before


def figures_of(tally: dict[str, Any]) -> dict[str, float]:
    out = {}
    for name, t in tally.items():
        for key, value in t.figures().items():
            if isinstance(value, float):
                out[f"{name}.{key}"] = value
    return out


@contextlib.contextmanager
def quiet_cache() -> Iterator[None]:
    """The scan's answers for transformed texts kept in a folder of this run, not the
    user's cache."""
    with tempfile.TemporaryDirectory(prefix="cancu-mm-cache-") as where:
        old = os.environ.get("CANCU_CACHE")
        os.environ["CANCU_CACHE"] = where
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("CANCU_CACHE", None)
            else:
                os.environ["CANCU_CACHE"] = old


def fit_snippets(gold: Gold, text: str) -> Gold:
    """A transformed snippet the text does not hold (it ended inside a name the change
    replaced in the text, not in the snippet) cut back by words to the longest prefix it
    holds."""
    after = squash(text.replace("**", ""))
    for task in gold.get("tasks") or []:
        words = task["snippet"].split()
        while len(words) > 4 and squash(" ".join(words)) not in after:
            words.pop()
        if squash(" ".join(words)) in after:
            task["snippet"] = " ".join(words)
    return gold


def comparable(miss: str) -> str:
    """A miss without what moves with any edit (offsets) or names what the change rewrote
    (the snippet), so that the baseline's own misses are known again."""
    return fold_tones(re.sub(r", 'span': \{[^}]*\}|«[^»]*»", "", miss))


def run(name: str, change: Change | None, plans: list[tuple[Path, Gold]], work: Path,
        keep: Path | None) -> Run:
    """Extract and score every plan ``change`` applies to (all of them untransformed when
    ``change`` is None); on a plan it does not apply to, the untransformed plan is scored."""
    from ingest.extract import extract_file

    score = scorer()
    tally: dict[str, Any] = {m: score.Tally() for m in score.METRICS}
    tally.update({m: score.Ratio() for m in score.RATIOS})
    misses: list[str] = []
    applied, found, findable = 0, 0, 0
    folder = work / re.sub(r"\W", "_", name)
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for path, gold in plans:
        text = path.read_text(encoding="utf-8")
        new_text, new_gold = text, gold
        if change is not None:
            done = change(text, gold)
            if done is not None:
                new_text, new_gold = done[0], fit_snippets(done[1], done[0])
                applied += 1
        target = folder / path.name
        render = RENDERERS.get(name)
        if render is not None:
            from ingest.docx import docx_text

            target = render(new_text, target)
            after = squash(docx_text(target.read_bytes()))
        else:
            target.write_bytes(new_text.encode("utf-8"))
            after = squash(new_text.replace("**", ""))
        before = squash(text.replace("**", ""))
        for g0, g1 in zip(gold.get("tasks") or [], new_gold.get("tasks") or [], strict=True):
            if squash(g0["snippet"]) in before:
                findable += 1
                found += squash(g1["snippet"]) in after
        record = extract_file(target).to_dict()
        records.append(record)
        score.score_plan(new_gold, record, tally, misses)
        if keep:
            (keep / folder.name / "gold").mkdir(parents=True, exist_ok=True)
            (keep / folder.name / target.name).write_bytes(target.read_bytes())
            (keep / folder.name / "gold" / (path.stem + ".json")).write_text(
                json.dumps(new_gold, ensure_ascii=False, indent=1), encoding="utf-8")
    if keep:
        (keep / folder.name / "records.json").write_text(
            json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return Run(figures_of(tally), misses, applied, (found, findable))


def load(which: str) -> list[tuple[Path, Gold]]:
    texts, golds = SETS[which]
    out = []
    for gold_path in sorted(golds.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = texts / gold["source"]
        if path.exists():
            out.append((path, gold))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="wide")
    ap.add_argument("--only", default="", help="families or names, comma-separated")
    ap.add_argument("--explain", action="store_true",
                    help="print each transformation's misses the baseline does not have")
    ap.add_argument("--keep", type=Path, help="keep texts, gold and records in this folder")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists() or not SETS[args.set][1].is_dir():
        print(f"metamorphic: skipped, {SHARED} (the shared gold and scorer) is absent")
        return 0
    sys.path.insert(0, str(ROOT))
    plans = load(args.set)
    wanted = [w for w in args.only.split(",") if w]
    todo = {n: c for n, c in changes().items()
            if not wanted or n in wanted or n.split(":")[0] in wanted}
    results: dict[str, Run] = {}
    with quiet_cache(), tempfile.TemporaryDirectory(prefix="cancu-mm-") as tmp:
        work = Path(tmp)
        results["baseline"] = run("baseline", None, plans, work, args.keep)
        for name, change in todo.items():
            results[name] = run(name, change, plans, work, args.keep)
    base = results["baseline"]
    if args.json:
        print(json.dumps({n: {"plans": r.plans, "snippets": r.snippets, **r.figures}
                          for n, r in results.items()}, ensure_ascii=False, indent=1))
        return 0
    heads = [s.replace(".accuracy", "").replace(".", " ") for s in SHOWN]
    print(f"{args.set}: {len(plans)} plans; a figure below the baseline is followed by its "
          "drop; 'plans' = plans the change applies to, 'gold' = gold snippets still in the "
          "text")
    print(f"{'transformation':20} {'plans':>5} {'gold':>9}  " + " ".join(
        f"{h[:10]:>10}" for h in heads))
    for name, r in results.items():
        cells = []
        for key in SHOWN:
            value = r.figures.get(key, 0.0)
            drop = base.figures.get(key, 0.0) - value
            mark = f"-{drop:.3f}".replace("0.", ".", 1) if drop > 0.0005 else ""
            cells.append(f"{value:.3f}{mark:>5}")
        found, findable = r.snippets
        print(f"{name:20} {r.plans:>5} {found:>4}/{findable:<4}  " + " ".join(
            f"{c:>10}" for c in cells))
    if args.explain:
        old = {comparable(m) for m in base.misses}
        for name, r in results.items():
            new = [m for m in r.misses if comparable(m) not in old]
            if name != "baseline" and new:
                print(f"\n## {name}: {len(new)} misses the baseline does not have")
                print("\n".join(new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
