"""Text to outline: header, preamble, sections, items, footnotes, signature, recipients.

Works on clean text (see :mod:`ingest.read`): one paragraph per line, markdown gone. Every
piece keeps its ``[start, end)`` in the clean text, so later stages can map back to source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ingest import tables
from ingest.lexicon import lexicon
from ingest.text import fold


@dataclass(slots=True)
class Line:
    """One non-empty line of clean text; ``kind`` says what its marker makes it."""

    text: str
    start: int
    end: int
    kind: str = "para"  # section numbered lettered bullet plus para footnote assign time note row
    marker: str = ""
    body: str = ""  # the text after the marker
    body_start: int = 0
    label: str = ""  # the label it opens with ("Cơ quan chủ trì"), its value from body_start


@dataclass(slots=True)
class Item:
    """A numbered or lettered item (or a section) with the lines under it."""

    kind: str  # article | part | section | upper | numbered | decimal | lettered | rowgroup | row
    num: str
    line: Line
    path: list[str]
    lines: list[Line] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    label: Label | None = None  # its title is a label: "a) Cơ quan chủ trì", "3. Thời gian: ..."
    under_article: bool = False  # a clause of a decision's article ("Điều 3." over "1.")

    @property
    def title(self) -> str:
        return self.line.body


@dataclass(frozen=True, slots=True)
class Label:
    """A label a line or title opens with: what follows it (``field``: "bodies", "time",
    "content" or "output"), the label as written, and where its value starts (its end when
    the value is on the lines below)."""

    field: str
    text: str
    value_start: int


@dataclass(slots=True)
class Header:
    number: Line | None = None
    place_date: Line | None = None
    type_line: Line | None = None
    title: list[Line] = field(default_factory=list)
    issuer_lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Outline:
    text: str
    header: Header
    preamble: list[Line]
    sections: list[Item]
    footnotes: dict[str, Line]
    signature: list[Line]
    recipients: list[Line]
    closing: list[Line]
    # the type of the document a decision issues with it ("KẾ HOẠCH" after its articles):
    # "Kế hoạch này" in its text is that document, as "Quyết định này" is the decision
    attached_type: str | None = None


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    names = ["part", "section", "upper", "numbered", "decimal", "lettered", "bullet", "plus",
             "footnote"]
    res = {n: re.compile(lx.pattern("outline", n)) for n in names}
    res["number"] = re.compile(lx.pattern("header", "number"))
    res["place_date"] = re.compile(lx.pattern("header", "place_date"))
    res["recipients"] = re.compile(lx.pattern("header", "recipients"))
    res["sig_lead"] = re.compile(lx.pattern("header", "signature_lead"))
    res["issuer_line"] = re.compile("|".join(lx.patterns["header"]["issuer_lines"]))
    res["authority"] = re.compile(lx.pattern("header", "authority"))
    res["attached_note"] = re.compile(lx.pattern("header", "attached_note"))
    res["last"] = re.compile(lx.pattern("outline", "last"))
    res["article"] = re.compile(lx.pattern("outline", "article"))
    res["article_heading"] = re.compile(lx.pattern("outline", "article_heading"))
    res["bare_marker"] = re.compile(lx.pattern("outline", "bare_marker"))
    res["wide_numbered"] = re.compile(lx.pattern("outline", "wide_numbered"))
    return res


def _lines(text: str) -> list[Line]:
    """Split into lines, and cells where a header is laid out as a table ("a | b"); the rows
    of a task table stay whole (kind "row"), each to become a task."""
    out: list[Line] = []
    in_task_table = False
    nxt = 0
    for raw in text.split("\n"):  # the runs [^\n]+ finds, with their offsets
        start, nxt = nxt, nxt + len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        s = start if stripped is raw else start + raw.index(stripped)  # clean lines: unstripped
        if in_task_table and not stripped.strip("| "):
            continue  # a bar left alone between rows: the table goes on
        if stripped[0] == "|" and tables.is_row(stripped):
            in_task_table = in_task_table or tables.columns(tables.cells(stripped, s)) is not None
            if in_task_table:
                out.append(Line(stripped, s, s + len(stripped), kind="row"))
                continue
        else:
            in_task_table = False
        if "|" in raw and (start < 2000 or _signs(raw)):
            out.extend(_cell_lines(raw, start))  # a letterhead or signature table
            continue
        out.append(Line(stripped, s, s + len(stripped)))
    return out


def _cell_lines(raw: str, start: int) -> list[Line]:
    """The lines of a letterhead or signature row's cells (:func:`tables.cell_lines`)."""
    out: list[Line] = []
    for cell in re.finditer(r"[^|]+", raw):
        piece = cell.group().strip()
        if piece and set(piece) - set("-: "):
            at = start + cell.start() + cell.group().index(piece)
            for part in tables.cell_lines(tables.Cell(piece, at, at + len(piece))):
                out.append(Line(part.text, part.start, part.end))
    return out


def _signs(raw: str) -> bool:
    """Is this table row the closing one, with the recipients or the signature?"""
    res = _res()
    for cell in raw.split("|"):
        text = cell.strip(" *")
        if res["recipients"].match(text) or res["sig_lead"].match(text) or \
                any(text.startswith(t + " ") for t in _signature_titles()):
            return True
    return False


MARKERS = ("part", "section", "upper", "lettered", "numbered", "decimal", "footnote", "bullet",
           "plus")  # tried in this order
@cache
def _marker_group(kind: str) -> str | None:
    """The group holding a marker kind's number or mark ("num", "marker"), if it has one."""
    groups = _res()[kind].groupindex
    return next((g for g in ("num", "marker") if g in groups), None)


def _wide_numbers(lines: list[Line]) -> None:
    """Items numbered past 99: a line opening with three digits or more ("100. Sở Tư pháp
    ...") is an item where its number goes on from the item before it, as a plan's numbering
    does; elsewhere such a line is text (a year, an amount)."""
    wide = _res()["wide_numbered"]
    last = -1
    for line in lines:
        if line.kind == "numbered":
            last = int(line.marker)
            continue
        if line.kind != "para" or last < 99:
            continue
        m = wide.match(line.text)
        if m is None or int(m.group("num")) != last + 1:
            continue
        line.kind, line.marker, line.label = "numbered", m.group("num"), ""
        line.body, line.body_start = m.group("title"), line.start + m.start("title")
        last += 1


def _classify(line: Line) -> None:
    if line.kind == "row":
        line.body, line.body_start = line.text, line.start
        return
    text = line.text
    res = _res()
    for kind in MARKERS:
        m = res[kind].match(text)
        if m:
            group = _marker_group(kind)
            line.kind = kind
            line.marker = (m.group(group) if group else None) or ""
            line.body = m.group("title")
            line.body_start = line.start + m.start("title")
            break
    else:
        line.body, line.body_start = text, line.start
    if line.kind not in ("para", "bullet", "plus"):
        return
    label = label_of(line.body, line.body_start)
    if label is not None:
        line.label = label.text
        line.body = line.body[label.value_start - line.body_start:]
        line.body_start = label.value_start
        if label.field in _META_FIELDS:
            line.kind = _META_FIELDS[label.field]


_FIRST_ITEM = re.compile(r"\s+(?=(?:1|a)[.)]\s+\S)")


def _first_item_apart(line: Line) -> list[Line]:
    """"II. NHIỆM VỤ 1. Công tác tuyên truyền": a copy (a PDF's text layer) that ran a
    section's heading in capitals and its first item ("1.", "a)") into one line gives two
    lines, the item read as its own (it was the heading's text, and its task was lost)."""
    if line.kind not in ("part", "section", "upper"):
        return [line]
    m = _FIRST_ITEM.search(line.body)
    if m is None or not _is_caps(line.body[:m.start()]):
        return [line]
    cut, rest = line.body_start + m.start(), line.body_start + m.end()
    head = Line(line.text[:cut - line.start], line.start, cut, kind=line.kind,
                marker=line.marker, body=line.body[:m.start()], body_start=line.body_start)
    item = Line(line.text[rest - line.start:], rest, line.end)
    _classify(item)
    return [head, item]


# labels whose lines are no task's text (who, when, what it yields: "Sản phẩm: Báo cáo"), and
# a note, which goes with the task above it
_META_FIELDS = {"bodies": "assign", "time": "time", "output": "output", "note": "note"}
_INLINE_KINDS = ("para", "bullet", "plus", "numbered", "decimal", "lettered")
_INLINE_FIELDS = ("bodies", "time", "output")


def _inline_labels(line: Line) -> list[Line]:
    """A task's labelled lines written into its own sentence: "Rà soát ... (Cơ quan chủ trì:
    Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ; thời gian: Quý II/2026)." or "Tổ chức ... .
    Đơn vị chủ trì: Sở Nội vụ. Thời gian: Quý II/2026." — the line up to them, then one
    labelled line each, as if written below it (the annotation guide's lines that name a
    task's bodies or time). The labels open a bracket that closes the line, or a sentence
    that runs to its end, and name who, when or what it yields (``[labels]``, the colon
    required); a bracket that goes on into more text is the sentence's own."""
    if ":" not in line.body:
        return [line]
    text, at = line.body, line.body_start
    if line.kind in ("assign", "time", "output"):
        # "- Cơ quan chủ trì: Sở Tư pháp; thời gian thực hiện: Quý I/2026.": a line of two
        return _more_labels(line)
    if line.kind not in _INLINE_KINDS:
        return [line]
    opening = _inline_res()["opening"]
    for m in opening.finditer(text):
        first = label_of(text[m.end():], at + m.end())
        if first is None or first.field not in _INLINE_FIELDS or not text[:m.start()].strip() \
                or fold(first.text) in _bare_heads():
            continue  # "(Đơn vị: triệu đồng)": a unit of measure, not who does the task
        close = _closing_bracket(text, m.start()) if m.group("bracket") else len(text)
        if close is None or text[close + 1:].strip(" .;*"):
            continue
        cut = at + m.start() + (m.group("stop") == ".")  # a sentence keeps its full stop
        head = Line(line.text[:cut - line.start].rstrip(), line.start, line.start + len(
            line.text[:cut - line.start].rstrip()), kind=line.kind, marker=line.marker,
            body=text[:cut - at].rstrip(), body_start=at, label=line.label)
        return [head, *_labelled_pieces(text, at, m.end(), close)]
    return [line]


def _more_labels(line: Line) -> list[Line]:
    """A labelled line that goes on with another label after a ";" or ",": one line each
    (a second label of bodies stays in its line: ``assign.from_line`` reads it there)."""
    text, at = line.body, line.body_start
    for m in _inline_res()["next"].finditer(text):
        nxt = label_of(text[m.end():], at + m.end())
        if nxt is None or nxt.field not in _INLINE_FIELDS or (
                nxt.field == "bodies" and line.kind == "assign"):
            continue
        value = text[:m.start()].rstrip()
        head = Line(line.text[:at + len(value) - line.start], line.start, at + len(value),
                    kind=line.kind, marker=line.marker, body=value, body_start=at,
                    label=line.label)
        return [head, *_labelled_pieces(text, at, m.end(), len(text.rstrip(" .;*")))]
    return [line]


def _labelled_pieces(text: str, at: int, start: int, end: int) -> list[Line]:
    """The labelled lines of ``text[start:end]``: a piece runs from its label to the next
    one ("; cơ quan phối hợp: ...", ". Thời gian: ..."); what opens with none goes on with
    the piece before it ("Sở Tư pháp; Sở Nội vụ")."""
    bounds = [start]
    for m in _inline_res()["next"].finditer(text, start, end):
        nxt = label_of(text[m.end():end], at + m.end())
        if nxt is not None and nxt.field in _META_FIELDS:
            bounds.append(m.end())
    out: list[Line] = []
    for a, b in zip(bounds, [*bounds[1:], end], strict=True):
        piece = text[a:b].rstrip(" .;*")
        label = label_of(piece, at + a)
        assert label is not None
        kind = _META_FIELDS[label.field]
        out.append(Line(piece, at + a, at + a + len(piece), kind=kind, body=piece[
            label.value_start - at - a:], body_start=label.value_start, label=label.text))
    return out


def _closing_bracket(text: str, opened: int) -> int | None:
    """Where the bracket opened at ``text[opened]`` closes (brackets inside it counted)."""
    depth = 0
    for i in range(opened, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return None


@cache
def _bare_heads() -> frozenset[str]:
    return frozenset(map(fold, lexicon().patterns["labels"]["inline_bare_heads"]))


@lru_cache(maxsize=1)
def _inline_res() -> dict[str, re.Pattern[str]]:
    return {"opening": re.compile(r"(?:(?P<bracket>\()|(?P<stop>[.;]))\s*"),
            "next": re.compile(r"[;.,]\s+")}


@lru_cache(maxsize=1)
def _label_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A labelled line ("Cơ quan chủ trì: X", the colon required) and a labelled title ("b)
    Cơ quan phối hợp", "Thời gian thực hiện: ...", the label alone or with a colon)."""
    fields = dict(lexicon().patterns["labels"])
    unmarked, time = fields.pop("time_unmarked"), fields.pop("time_unmarked_label")
    fields.pop("inline_bare_heads")
    label = "|".join(f"(?P<{name}>{pattern})" for name, pattern in fields.items())
    return (re.compile(rf"(?:{label})\s*:\s*|(?P<time_>{time})\s+(?={unmarked})",
                       re.IGNORECASE),
            re.compile(rf"(?:{label})\s*(?::\s*|[.;]?\s*$)", re.IGNORECASE))


def label_of(text: str, at: int, title: bool = False) -> Label | None:
    """The label ``text`` (found at offset ``at``) opens with, if any; a title may be the
    label alone ("a) Cơ quan chủ trì"), a line needs its colon ("Cơ quan chủ trì: X")."""
    m = _label_res()[title].match(text)
    if m is None:
        return None
    name = m.lastgroup
    if name is None:
        return None
    return Label(name.rstrip("_"), m.group(name), at + m.end())


@lru_cache(maxsize=1)
def _closings() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in lexicon().pattern("outline", "closing"))


def _closes(text: str) -> bool:
    """Does a closing sentence pattern occur in ``text``? Each pattern is searched alone: one
    with a literal is found far faster than the alternation of them all."""
    return any(p.search(text) for p in _closings())


def _speck(text: str) -> bool:
    """A line of no words: marks a seal, a stroke or a page's number leave ("_.", "`", "2")."""
    return sum(map(str.isalpha, text)) < 2 and len(text.strip()) <= 3


def _is_signature(line: Line) -> bool:
    text = line.text.strip(" *")
    return bool(_res()["sig_lead"].match(text)) or text in _signature_titles() or (
        text.isupper() and fold(text) in _folded_titles())  # a mark misread by OCR


@lru_cache(maxsize=1)
def _folded_titles() -> frozenset[str]:
    return frozenset(fold(t) for t in _signature_titles())


@lru_cache(maxsize=1)
def _signature_titles() -> frozenset[str]:
    """Signing titles, as a set (a line is looked up, not compared with each); all in
    capitals, which a title line must match exactly."""
    return frozenset(t for t in lexicon().patterns["header"]["signature_titles"] if t.isupper())


def looks_like_name(text: str) -> bool:
    """A signer's name: 2-5 capitalised words ("Nguyễn Văn An", "Rơ Ô Hải", "Y Thanh Hà Niê
    Kđăm"); a word in capitals is a title ("CHỦ TỊCH"), unless it is a single letter."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and (len(w) == 1 or not w.isupper())
                                        for w in words) \
        and not any(ch.isdigit() for ch in text) and not text.endswith((".", ":", ";"))


_RANKS = {"article": -2.0, "part": -1.0, "section": 0.0, "upper": 0.5, "numbered": 1.0,
          "lettered": 2.0}
ITEM_KINDS = ("part", "section", "upper", "numbered", "decimal", "lettered")
LABELLED_ITEMS = ("numbered", "decimal", "lettered")  # a part or Roman section heads a part


def _ranks(lines: list[Line]) -> dict[str, float]:
    """Depth of each kind of marker: PHẦN above I. above 1. above 1.1. above a); capital
    letters ("A.") sit below the Roman sections, or above them where they come first."""
    ranks = dict(_RANKS)
    first = {kind: next((i for i, ln in enumerate(lines) if ln.kind == kind), None)
             for kind in ("section", "upper")}
    if first["upper"] is not None and (first["section"] is None
                                       or first["upper"] < first["section"]):
        ranks["upper"] = -0.5
    return ranks


def _depth(line: Line, ranks: dict[str, float]) -> float:
    if line.kind == "decimal":  # "1.1" below "1.", "1.1.1" below "1.1"
        return ranks["numbered"] + 0.1 * line.marker.count(".")
    return ranks[line.kind]


def _bare_markers(lines: list[Line], text: str) -> list[Line]:
    """A marker alone on its line ("2.3." over "Công an tỉnh", as Word's numbering leaves
    it) takes the line below it as its title."""
    bare = _res()["bare_marker"]
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.kind == "para" and nxt is not None and nxt.kind == "para" \
                and bare.match(line.text) and not bare.match(nxt.text):
            joined = Line(text[line.start:nxt.end], line.start, nxt.end)
            _classify(joined)
            if joined.kind in ITEM_KINDS:
                out.append(joined)
                i += 2
                continue
        out.append(line)
        i += 1
    return out


def _first_item(lines: list[Line]) -> int:
    """Where the plan's body opens: its first part, Roman section or capital letter, or,
    in a plan numbered without them, its first "1." or task table row (header and preamble
    carry none). In a decision that issues a plan, the body is the plan's, after its own type
    line: the decision's articles are no part of it."""
    opens = _plan_opens(lines)
    for kinds in (("part", "section", "upper"), ("numbered", "row")):
        found = next((i for i in range(opens, len(lines)) if lines[i].kind in kinds), None)
        if found is not None:
            return found if opens or kinds[0] == "part" else _article_before(lines, found)
    return len(lines)


def _article_before(lines: list[Line], found: int) -> int:
    """In a decision that attaches no plan, its articles are its outline: the body opens at
    the article whose clauses hold its first item ("Điều 2. Đoàn kiểm tra có nhiệm vụ:" over
    "1. ..."), so that the article's words lead in to them. A signature or a closing "./."
    between them is a decision signed above the plan it issues: the plan's item opens it."""
    res = _res()
    for i in range(found - 1, -1, -1):
        text = lines[i].text.strip("* ")
        if _is_signature(lines[i]) or res["last"].search(text):
            return found
        if lines[i].kind == "para" and res["article_heading"].match(text):
            return i
    return found


def _plan_opens(lines: list[Line]) -> int:
    """After the articles of a decision ("Điều 1. Ban hành kèm theo Quyết định này Kế
    hoạch ..."), the line after the attached plan's type line ("KẾ HOẠCH"); else 0."""
    article = _res()["article"]
    last = next((i for i in range(len(lines) - 1, -1, -1)
                 if article.match(lines[i].text.strip("* "))), None)
    if last is None:
        return 0
    return next((i + 1 for i in range(last + 1, len(lines))
                 if type_prefix(lines[i].text.strip("* ")) is not None), 0)


def parse(text: str) -> Outline:
    """Build the outline of a plan from its clean text."""
    res = _res()
    lines = _lines(text)
    for line in lines:
        _classify(line)
    lines = [piece for line in lines for piece in _first_item_apart(line)]
    lines = [piece for line in lines for piece in _inline_labels(line)]
    _wide_numbers(lines)
    lines = _bare_markers(lines, text)
    _cased_letters(lines)
    first_section = _first_item(lines)
    header, preamble = _header(lines[:first_section], text)
    body = _titled_parts(lines[first_section:])
    ranks = _ranks(body)

    sections: list[Item] = []
    footnotes: dict[str, Line] = {}
    signature: list[Line] = _signed_before(preamble)
    opens = _plan_opens(preamble)
    attached = type_prefix(preamble[opens - 1].text.strip("* ")) if opens else None
    preamble = _without_articles(preamble)
    recipients: list[Line] = []
    closing: list[Line] = []
    stack: list[Item] = []
    ended = False
    in_recipients = False
    grid = _Grid(sections)
    for line in body:
        if line.kind == "footnote":  # wherever the page break put it, signature block included
            footnotes[line.marker] = line
            continue
        if line.kind == "row":  # a task table, in the text or in an annex after the signature
            grid.row(line, None if ended else (stack[-1] if stack else None), annex=ended)
            continue
        grid.end()
        if line.text.startswith("PHỤ LỤC") and _is_caps(line.text):
            ended = True  # the annex: its task tables are read above, its prose is no task
            continue
        if res["recipients"].match(line.text.strip("* ")):
            in_recipients, ended = True, True
            continue
        if in_recipients and line.kind in ("bullet", "plus"):
            recipients.append(line)
            continue
        named = ended and looks_like_name(line.text.strip("* "))
        if _is_signature(line) or named:
            signature.append(line)
            # the closing block's two columns read row by row (OCR): the signer's titles
            # between "Nơi nhận:" and its list go on the list; the signer's name ends it
            ended, in_recipients = True, in_recipients and not named
            continue
        if ended:
            # a speck of the seal or a stroke ("_.", "`", "2"), a line in capitals (the
            # signer's title, however misread: "TRƯỜNG ĐOẢN") or a recipient's line going on
            # in lower case goes on the list too
            in_recipients = in_recipients and (_speck(line.text) or line.text.isupper()
                                               or line.text[:1].islower())
            continue
        if line.kind in ("para", "bullet") and _closes(line.text):
            closing.append(line)
            ended = True
            continue
        if line.kind not in ITEM_KINDS and res["last"].search(line.text):
            ended = True  # "./.": the body's last sentence
            if line.kind == "para" and stack and (stack[-1].lines
                                                   or is_sentence(stack[-1].title)):
                closing.append(line)
                continue
        if line.kind == "para" and (m := res["article_heading"].match(line.text.strip("* "))):
            # "Điều 2. Đối tượng, phạm vi ...": a decision's article closes the items of the
            # one before it and holds its clauses; its heading is no item's text
            stack.clear()
            article = _article(line, m)
            sections.append(article)
            stack.append(article)
            continue
        if line.kind in ITEM_KINDS:
            depth = _depth(line, ranks)
            while stack and _depth(stack[-1].line, ranks) >= depth:
                stack.pop()
            parent_path = stack[-1].path if stack else []
            num = line.marker.rsplit(".", 1)[-1]  # "1.2" under "1." is item 2 of it
            item = Item(line.kind, num, line, [*parent_path, num],
                        under_article=bool(stack) and stack[-1].kind == "article")
            if line.kind in LABELLED_ITEMS:
                item.label = label_of(line.body, line.body_start, title=True)
            if stack:
                stack[-1].children.append(item)
            else:
                sections.append(item)
            stack.append(item)
            continue
        if stack:
            stack[-1].lines.append(line)
    return Outline(text, header, preamble, sections, footnotes, signature, recipients, closing,
                   attached)


def _article(line: Line, m: re.Match[str]) -> Item:
    """A decision's article as an item ("Điều 3" in its path): its title the heading's words;
    a title that ends in a colon ("Điều 2. Giao Sở X thực hiện các nội dung sau:") is also the
    sentence that leads in to its clauses, as an article's paragraph does."""
    at = line.start + len(line.text) - len(line.text.lstrip("* "))  # ``m`` is of the stripped text
    title = m.group("title").rstrip(" *")
    start = at + m.start("title")
    line.kind, line.marker, line.body, line.body_start = "article", m["marker"], title, start
    item = Item("article", m["marker"], line, [m["marker"]])
    if title.endswith(":"):
        item.lines.append(Line(title, start, start + len(title), body=title, body_start=start))
    return item


_LETTERS = "abcdđefghijklmnopqrstuvwxyz"


def _cased_letters(lines: list[Line]) -> None:
    """"a." "b." "C." "d.": a letter typed (or read by OCR) in its capital amid its lettered
    siblings is one of them, not a part above them: the letter after the last lettered
    item's ("b"), one left out at most (plans skip "f", "j" or "đ"), with no other item
    between them."""
    last: str | None = None
    for line in lines:
        if line.kind == "lettered":
            last = line.marker
        elif line.kind == "upper" and last and last in _LETTERS \
                and line.marker.lower() in _LETTERS \
                and 1 <= _LETTERS.index(line.marker.lower()) - _LETTERS.index(last) <= 2:
            line.kind = "lettered"
            line.marker = last = line.marker.lower()
        elif line.kind in ITEM_KINDS:
            last = None


def _without_articles(preamble: list[Line]) -> list[Line]:
    """The preamble without a decision's articles, up to the type line of the plan it issues
    ("Điều 1. Ban hành kèm theo ..." ... "KẾ HOẠCH"): what they say is neither basis nor task."""
    article = _res()["article"]
    first = next((i for i, ln in enumerate(preamble) if article.match(ln.text.strip("* "))), None)
    if first is None:
        return preamble
    opens = _plan_opens(preamble)
    return preamble[:first] + preamble[opens:] if opens > first else preamble[:first]


def _signed_before(preamble: list[Line]) -> list[Line]:
    """The signature of a decision that issues the plan ("QUYẾT ĐỊNH ... Điều 3 ... TM. ỦY
    BAN NHÂN DÂN / CHỦ TỊCH / name", the plan attached after it): before the plan's body,
    a signing title and the name within a few lines below it."""
    out: list[Line] = []
    since = None
    for line in preamble:
        if _is_signature(line):
            out.append(line)
            since = 0
        elif since is not None and since < 3:
            since += 1
            if looks_like_name(line.text.strip("* ")):
                out.append(line)
                since = None
    return out if any(not _is_signature(ln) for ln in out) else []


_GROUP_HEAD = re.compile(r"(?P<num>[IVXLC]+|[A-ZĐ])\.\s+(?P<title>\S.*)")  # "I. Văn bản ..."
_ROW_NUMBER = re.compile(r"[0-9IVXLCA-ZĐa-zđ.]{1,8}")  # "1", "1.2", "II", "a"


def _is_part_letter(num: str) -> bool:
    """A group's number that letters a part ("A", "B", "Đ"), not a Roman numeral ("I", "V",
    "X"; "C", "D", "L", "M" number no group of rows, so they are letters here)."""
    return len(num) == 1 and num.isupper() and num not in "IVX"


class _Grid:
    """Reads task tables row by row: the header row gives the columns, a row with content
    but no assignment or time opens a group, every other row is a task (kind "row")."""

    def __init__(self, sections: list[Item]) -> None:
        self.sections = sections
        self.columns: dict[int, str] | None = None
        self.rows: tables.Rows | None = None  # the table's rows aligned to its columns
        self.base: Item | None = None  # where the table's rows go
        self.group: Item | None = None  # the group row the next rows belong to
        self.part: Item | None = None  # the lettered part ("| A | ... |") holding the groups
        self.grouped = False  # was the last row read a group's row?
        self.fresh = False  # was the last row read the header?
        self.annex: Item | None = None
        self.header: list[tables.Cell] = []

    def _label(self, col: int, kind: str) -> str:
        """A column's label: its header as written ("Cơ quan soạn thảo"), where that names
        the column's kind, else the kind's ("Cơ quan chủ trì")."""
        text = self.header[col].text if col < len(self.header) else ""
        return text if kind != "time" and text else tables.LABELS[kind]

    def _unshifted(self, row: list[tables.Cell]) -> list[tables.Cell]:
        """A row as wide as its header that left out its empty number cell ("| Nghị quyết ...
        | Ban ... | |": text where the number goes, an empty cell padding its end) put back
        under its columns: an empty cell first, the padding one less."""
        assert self.columns is not None
        if len(row) < len(self.header) or row[-1].text or self.columns.get(0) != "number" \
                or not row[0].text or _ROW_NUMBER.fullmatch(row[0].text.rstrip(".")):
            return row  # a short row lacks the cells merged above it (Rows.align)
        at = row[0].start
        return [tables.Cell("", at, at), *row[:-1]]

    def _sub_header(self, row: list[tables.Cell]) -> bool:
        """Is ``row``, just under the header, the header's second row ("| STT | Nội dung | Cơ
        quan thực hiện | Thời gian |" over "| Chủ trì | Phối hợp |", the cells merged down
        left out or empty)? Its cells all name who does a row, under the one header cell
        that names who without a role: they take that cell's place, so each bodies column
        has its role."""
        assert self.columns is not None
        filled = [c for c in row if c.text]
        spanning = [i for i, kind in self.columns.items() if kind == "executor"]
        if len(filled) < 2 or len(spanning) != 1 or any(
                tables.column_kind(c.text) not in ("lead", "support", "executor") for c in filled):
            return False
        at = spanning[0]
        header = [*self.header[:at], *filled, *self.header[at + 1:]]
        columns = tables.columns(header)
        if columns is None:
            return False
        self.header, self.columns, self.rows = header, columns, tables.Rows(header)
        self.fresh = True  # a rule or a third row of the header may follow
        return True

    def _spans_row(self, row: list[tables.Cell]) -> bool:
        """Is ``row`` as wide as its header, with nothing in it but its number first and one
        text past the empty cell after it (where a row's content would be)?"""
        filled = [i for i, c in enumerate(row) if c.text]
        return (len(row) >= len(self.header) and len(filled) == 2 and filled[0] == 0
                and filled[1] >= 2 and bool(_ROW_NUMBER.fullmatch(row[0].text.rstrip("."))))

    def _lacks_number(self, row: list[tables.Cell]) -> bool:
        """Does the header leave out the number column its rows have ("| Nội dung | Đơn vị
        thực hiện | ... |" over "| 1.1 | Xây dựng ... | Sở X | ... |": the header's number
        cell was empty, or merged with a caption above, and the portal dropped it)?"""
        assert self.columns is not None
        return ("number" not in self.columns.values() and len(row) == len(self.header) + 1
                and bool(_ROW_NUMBER.fullmatch(row[0].text.rstrip("."))))

    def _number_first(self) -> None:
        """Put the number column the header left out back in front of its columns."""
        assert self.columns is not None
        at = self.header[0].start
        self.header = [tables.Cell("", at, at), *self.header]
        self.columns = {0: "number", **{i + 1: kind for i, kind in self.columns.items()}}
        self.rows = tables.Rows(self.header)

    def end(self) -> None:
        self.columns, self.rows, self.base, self.group = None, None, None, None
        self.part, self.grouped, self.fresh = None, False, False

    def row(self, line: Line, parent: Item | None, annex: bool = True) -> None:
        """Read one table line; ``parent`` is the item the table stands under, if any, and
        ``annex`` whether it stands after the plan's text (its rows are then "PL.<row>")."""
        row = tables.cells(line.text, line.start)
        if tables.is_rule(row):
            return
        header = tables.columns(row)
        if header is not None:
            # a header under a group's row, or the same header again (a page's, a part's),
            # goes on the groups above it: "| B | ... |" / "| I | ... |" / "| Nội dung | ..."
            again = self.columns is not None and sorted(header.values()) == sorted(
                self.columns.values())
            if not (self.grouped or again):
                self.base, self.group, self.part = None, None, None
            self.columns = header
            self.rows = tables.Rows(row)
            self.header = row
            self.grouped = False
            self.fresh = True
            return
        if self.columns is None or self.rows is None:
            return
        fresh, self.fresh = self.fresh, False
        if fresh and self._sub_header(row):
            return
        self.grouped = True  # until a task's row says otherwise
        filled = [c for c in row if c.text]
        heading = _GROUP_HEAD.match(filled[0].text) if len(filled) == 1 else None
        if heading:  # "| I. Văn bản thuộc thẩm quyền của Quốc hội |": a group of rows
            at = filled[0].start + heading.start("title")
            title = Line(heading.group("title"), at, filled[0].end, body=heading.group("title"),
                         body_start=at)
            self._group(heading.group("num"), title, self._base(line, parent, annex))
            self.rows.align(row)  # rows below it inherit nothing from the rows above it
            return
        if self._spans_row(row):
            # "| 5.2 | | Công nghiệp và năng lượng | | |": a group's number and its title, which
            # spans the row (the converter put it in one of the merged cells)
            number, title_cell = filled
            title = Line(title_cell.text, title_cell.start, title_cell.end, body=title_cell.text,
                         body_start=title_cell.start)
            self._group(number.text.rstrip("."), title, self._base(line, parent, annex))
            self.rows.align([number, title_cell])
            return
        if self._lacks_number(row):
            self._number_first()
        row = self.rows.align(self._unshifted(row))
        by_kind: dict[str, tables.Cell] = {}
        meta: list[Line] = []
        for i, kind in self.columns.items():
            if i >= len(row) or not row[i].text:
                continue
            by_kind.setdefault(kind, row[i])
            if kind in tables.LABELS:  # each column its own line: "Cơ quan soạn thảo", ...
                c = row[i]
                meta.append(Line(c.text, c.start, c.end, kind="time" if kind == "time" else
                                 "assign", body=c.text, body_start=c.start,
                                 label=self._label(i, kind)))
        if "time" not in by_kind:
            meta += self._periods(row)
        content = by_kind.get("content")
        if content is None:
            return
        self._base(line, parent, annex)
        assert self.base is not None
        title = Line(content.text, content.start, content.end, body=content.text,
                     body_start=content.start)
        num = by_kind["number"].text.rstrip(".") if "number" in by_kind else ""
        num = num if _ROW_NUMBER.fullmatch(num) else ""
        if not meta:
            self._group(num, title, self.base)
            return
        self.grouped = False
        holder = self.base if self.group is None else self.group
        num = num or str(len(holder.children) + 1)
        # "5.1.1" under the group "5.1" numbers itself in full: its path is its own number
        above = holder.path[:-1] if holder is self.group and num.startswith(
            f"{holder.num}.") else holder.path
        holder.children.append(Item("row", num, title, [*above, num], meta))

    def _periods(self, row: list[tables.Cell]) -> list[Line]:
        """The time lines of a row's marks under period columns ("| Quý I | Quý II |" over "|
        x | |"): each marked column's header, or the cell itself where it gives a time."""
        assert self.columns is not None
        out = []
        for i, kind in self.columns.items():
            if kind != "period" or i >= len(row) or not row[i].text or i >= len(self.header):
                continue
            c = row[i] if tables.is_time(row[i].text) else self.header[i]
            out.append(Line(c.text, c.start, c.end, kind="time", body=c.text, body_start=c.start,
                            label=tables.PERIOD_LABEL))
        return out

    def _group(self, num: str, title: Line, base: Item) -> None:
        """Open a group of rows: a lettered part ("A", "B": the parts of an annex) holds the
        groups after it ("I", "II", "5.1") up to the next part, so that part B's "I.1.1" is
        not part A's."""
        part = _is_part_letter(num)
        holder = base if part or self.part is None else self.part
        num = num or str(len(holder.children) + 1)
        self.group = Item("rowgroup", num, title, [*holder.path, num])
        holder.children.append(self.group)
        if part:
            self.part = self.group

    def _base(self, line: Line, parent: Item | None, annex: bool) -> Item:
        """Where the table's rows go: the item it stands under, the annex, or, for a table
        that is the plan's text itself, the top of the plan."""
        if self.base is None:
            self.base = parent or (self._annex(line) if annex else self._top(line))
        return self.base

    def _top(self, line: Line) -> Item:
        head = Line("", line.start, line.start, body="", body_start=line.start)
        top = Item("part", "", head, [])
        self.sections.append(top)
        return top

    def _annex(self, line: Line) -> Item:
        if self.annex is None:
            head = Line("Phụ lục", line.start, line.start, body="Phụ lục", body_start=line.start)
            self.annex = Item("part", "PL", head, ["PL"])
            self.sections.append(self.annex)
        return self.annex


def _titled_parts(lines: list[Line]) -> list[Line]:
    """"PHẦN I" alone on its line takes the capitals below it as its title."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("part", "section") and not prev.body.strip() \
                and line.kind == "para" and _is_caps(line.text):
            prev.body, prev.body_start, prev.end = line.text, line.start, line.end
            continue
        out.append(line)
    return out


def _header(lines: list[Line], source: str) -> tuple[Header, list[Line]]:
    """Split the lines before the first section into header fields and preamble.

    The type line ("KẾ HOẠCH") normally separates the header from the title; copies that lack
    it (or put it beside the title) still give a title (capitals below the number and date)
    and a preamble (the first sentence in running case).
    """
    res = _res()
    header = Header()
    preamble: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i] = _without_motto(lines[i]) if not preamble else lines[i]
        stripped = line.text.strip("* ")
        dated = header.number is not None or header.place_date is not None
        if preamble and _in_subject(preamble) and (
                not any(ch.isalpha() for ch in stripped) or _is_motto(stripped)):
            pass  # the letterhead's right column, read after the letter's subject ("V/v ...")
        elif preamble and header.place_date is None and _in_subject(preamble) \
                and res["place_date"].match(stripped):
            header.place_date = line  # its date cell, likewise
        elif preamble:
            preamble.append(line)
        elif not any(ch.isalpha() for ch in stripped) or _is_motto(stripped):
            pass  # rules ("-------") and the national motto
        elif header.number is None and res["number"].match(stripped):
            # "Số:" / "1610/QĐ-UBND": a copy that wrapped the table cell
            header.number = _joined(lines, i, res["number"], blank_value=True) or line
            i += 1 if header.number is line else 2
            rest = res["number"].match(header.number.text.strip("* ")).group("rest")
            if header.place_date is None and rest and res["place_date"].match(rest):
                at = header.number.start + header.number.text.rindex(rest)
                header.place_date = Line(rest, at, at + len(rest))  # "Số: ... Huế, ngày ..."
            continue
        elif header.place_date is None and res["place_date"].match(stripped):
            header.place_date = line
        elif header.place_date is None and (both := _joined(lines, i, res["place_date"])):
            header.place_date = both  # "Quảng" / "Nam, ngày 07 tháng 5 năm 2015"
            i += 2
            continue
        elif header.type_line is None and not header.title and type_prefix(stripped) is not None:
            header.type_line = line
            i = _title(lines, i + 1, header, source)
            continue
        elif header.type_line is None and not header.title and (
                res["issuer_line"].match(stripped)
                or (not dated and stripped.isupper() and not stripped.startswith("("))):
            header.issuer_lines.append(line)  # the issuer block, above the number
        elif header.type_line is None and not header.title and dated and _is_caps(stripped) \
                and not _opens_preamble(stripped):
            i = _title(lines, i, header, source)
            continue
        elif header.type_line is not None or header.title or dated:
            preamble.append(line)
        i += 1
    return header, preamble


def _in_subject(preamble: list[Line]) -> bool:
    """Is the preamble so far an official letter's subject ("V/v ...", Nghị định 30/2020,
    annex I: under the number, in the letterhead's left column), not yet addressed? A copy
    that reads the letterhead's cells in turn puts the right column's place and date after it."""
    lx = lexicon()
    return bool(re.match(lx.pattern("header", "subject"), preamble[0].text.strip("* "))) \
        and not any(re.match(lx.pattern("header", "addressed"), ln.text.strip("* "))
                    for ln in preamble)


def _joined(lines: list[Line], i: int, pattern: re.Pattern[str],
            blank_value: bool = False) -> Line | None:
    """Line ``i`` and the next as one, when together they match ``pattern`` and (with
    ``blank_value``) line ``i`` alone leaves the pattern's value empty."""
    if i + 1 >= len(lines):
        return None
    first, second = lines[i], lines[i + 1]
    if blank_value:
        m = pattern.match(first.text.strip("* "))
        if m is None or m.group("value").strip(" *"):
            return None
    text = f"{first.text.strip('* ')} {second.text.strip('* ')}"
    m = pattern.match(text)
    if m is None or (blank_value and not m.group("value").strip(" *")):
        return None
    return Line(text, first.start, second.end)


def _title(lines: list[Line], j: int, header: Header, text: str) -> int:
    """Take the title's lines from ``j`` on, up to the paragraph that opens the preamble."""
    first = j
    # a type line that carries its title ("KẾ HOẠCH THỰC HIỆN CÔNG TÁC ..." in one paragraph):
    # the paragraph after it that opens the preamble ("Thực hiện Luật ...") is no title
    typed = header.type_line
    titled = typed is not None and (kind := type_prefix(typed.text.strip("* "))) is not None \
        and len(typed.text.strip("* ")) > len(kind) + 3
    while j < len(lines):
        line, prev = lines[j], lines[j - 1]
        if j == first and (line.text.startswith("Căn cứ")
                           or (titled and _opens_preamble(line.text.strip("* ")))):
            break
        if j > first and (_opens_preamble(line.text) or "\n\n" in text[prev.end:line.start]
                          # a short line of capitals ("NĂM 2026") still goes on the title
                          or (_is_caps(prev.text) and any(ch.islower() for ch in line.text))
                          or (not _is_caps(prev.text) and _is_caps(line.text))
                          or _res()["authority"].match(line.text.strip("* "))
                          or _res()["attached_note"].match(line.text)):
            break  # "ỦY BAN NHÂN DÂN TỈNH ...", "CHỦ TỊCH ...": who decides, below the title;
            # "(Ban hành kèm theo Quyết định số ...)": what issues it, under the title
        header.title.append(line)
        j += 1
    return j


def is_sentence(text: str) -> bool:
    """Does ``text`` end as a sentence does, rather than as a heading?"""
    return text.rstrip(" *").endswith((".", ";", "!", "?"))


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


@lru_cache(maxsize=1)
def _mottos() -> tuple[str, ...]:
    return tuple(fold(m) for m in lexicon().patterns["header"]["motto"])


def _is_motto(text: str) -> bool:
    """The national motto, also split over cells or wrapped ("CỘNG" / "HÒA XÃ HỘI ...")."""
    folded = " ".join(fold(text).strip(" -").split())
    return len(folded) >= 3 and any(f" {folded} " in f" {m} " for m in _mottos())


def _without_motto(line: Line) -> Line:
    """A two-column copy puts the motto beside the issuer on one line ("ỦY BAN NHÂN DÂN CỘNG
    HÒA XÃ HỘI ..."); the part before it is the line's own."""
    folded = fold(line.text)
    for motto in _mottos():
        at = folded.find(motto)
        if at > 0 and len(folded) == len(line.text):  # fold keeps one char per char
            head = line.text[:at].rstrip(" |")
            return Line(head, line.start, line.start + len(head))
    return line


def type_prefix(text: str) -> str | None:
    """The document type a header line names ("KẾ HOẠCH", "KẾ HOẠCH HÀNH ĐỘNG"), if any."""
    if not _is_caps(text):
        return None
    upper = text.upper()
    for t in lexicon().types:  # longest names first
        name = t.name.upper()
        if upper == name or upper.startswith(name + " "):
            return t.name
    folded = fold(text)  # a mark misread by OCR ("QUYÉT ĐỊNH"): the letters still tell it
    for t in lexicon().types:
        name = fold(t.name)
        if folded == name or folded.startswith(name + " "):
            return t.name
    return None


def _opens_preamble(text: str) -> bool:
    return bool(re.match(r"(?:Căn cứ|Thực hiện|Triển khai|Trên cơ sở|Nhằm|Để)\b", text))
