"""Outline to tasks: which lines make one task, and whose it is.

Rules from the annotation guide (``shared/eval/README.md``), none from a sample's strings:
a task is the smallest item that carries its own assignment; a run of lines closed by an
assignment line ("Đơn vị thực hiện: ...") is one task; bullets with distinct subjects are
distinct tasks; bullets under a body heading ("3. Thanh tra tỉnh") are tasks of that body;
bullets that list the content of a sentence ending in ":" belong to that sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import dropwhile, pairwise, takewhile
from operator import itemgetter

from ingest import assign, tables, timeframes
from ingest.lexicon import lexicon
from ingest.models import Assignment, Timeframe
from ingest.outline import Item, Line, Outline, is_sentence
from ingest.text import fold

META = ("assign", "time", "output")  # a task's lines that are none of its text
SECTIONS = ("article", "part", "section", "rowgroup")  # headings of parts, never tasks themselves
_COLON_TEXT = re.compile(r":\s+\S")
_REQUEST = re.compile(r"(?i)đề nghị")
_ASIDE = re.compile(r"\([^()]*\)")
# what a heading of bodies may go on with: more of its list, each in at most four words in
# lower case ("..., doanh nghiệp và cộng đồng.")
_LOWER_WORDS = r"(?!và\b)[a-zà-ỹđ][\wÀ-ỹ]*(?:\s+(?!và\b)[a-zà-ỹđ\-][\wÀ-ỹ]*){0,3}"
_LISTED = re.compile(rf"(?:\s*(?:,|,?\s+và)\s+{_LOWER_WORDS})+[\s.:;]*")
_PIECE = re.compile(rf"(?:,|\bvà)\s+(?P<name>{_LOWER_WORDS})")
_PLACE = re.compile(r"^\s*(?i:trên địa bàn|thuộc)\s+(?i:tỉnh|thành phố)"
                    r"(?:\s+(?:[-–]\s+)?[A-ZĐ][\wÀ-ỹ]*)*")  # "tỉnh Bà Rịa - Vũng Tàu" too


@dataclass(slots=True)
class Unit:
    """The lines of one task, with what it inherits from above."""

    section: str
    path: list[str]
    lines: list[Line]
    heading: str | None = None
    meta: list[Line] = field(default_factory=list)
    inherited: list[Assignment] = field(default_factory=list)
    said: list[Assignment] = field(default_factory=list)  # inherited from a task's sentence
    heading_role_lines: bool = False
    own_meta: list[Line] = field(default_factory=list)  # its own labelled lines, not a block's

    @property
    def start(self) -> int:
        return self.lines[0].body_start  # after the item's marker ("a)", "-", "+")

    @property
    def end(self) -> int:
        return self.lines[-1].end


def _folded_title(item: Item) -> str:
    return fold(item.title)


@cache
def _words(name: str) -> tuple[str, ...]:
    """A ``[sections]`` word list of the data as a tuple: ``str.startswith`` takes it whole."""
    return tuple(lexicon().patterns["sections"][name])


def _kind_of(words: tuple[str, ...], folded: str) -> bool:
    padded = f" {folded}"
    return folded.startswith(words) or any(f" {w}" in padded for w in words)


def operative(item: Item) -> bool:
    """Does this section or item hold tasks? ("Mục đích, yêu cầu" does not; "c) Căn cứ tình
    hình thực tế, rà soát ..." is a sentence, not a heading, and does.)"""
    folded = _folded_title(item)
    not_op = _words("not_operative")
    heading, colon, _value = item.title.partition(":")  # "Địa điểm: Sở Công Thương ..."
    if item.under_article and colon and not _is_sentence(heading):
        # a decision's clause "2. Phạm vi và nội dung kiểm tra: ..." names what its article
        # settles; "2. Yêu cầu các đối tượng ... cung cấp ..." is a duty, read as a sub-item
        return not fold(heading).startswith(not_op)
    sentence = _is_sentence(heading if colon and len(heading.split()) <= 4 else item.title)
    if item.kind in SECTIONS or len(item.path) == 1:  # a plan's top level, "I." or "1."
        if sentence:  # a long title names its work: "Hoàn thiện ... yêu cầu kỹ thuật"
            return not folded.startswith(not_op) or _orders(item.title)
        return not (_kind_of(not_op, folded) and not _kind_of(_words("operative"), folded))
    return sentence or not folded.startswith(not_op)


def _orders(title: str) -> bool:
    """Does a sentence open by requiring bodies ("3. Yêu cầu Chủ tịch UBND các xã ...", "Yêu
    cầu các sở, ban, ngành ...": ``order`` in patterns.toml)? A letter's or a plan's numbered
    order in the issuer's voice, not a heading of requirements ("2. Yêu cầu: ...")."""
    m = re.match(rf"\s*{lexicon().pattern('roles', 'order')}\s+", title)
    if m is None:
        return False
    rest = title[m.end():]
    return rest[:1].isupper() or fold(rest).startswith(_words("order_objects"))


def _conditional(item: Item) -> bool:
    """Does this heading hold tasks only where a body is told to act ("Kinh phí", "Kinh phí
    thực hiện Kế hoạch: do ngân sách ... bảo đảm", its heading before the colon)?"""
    heading = item.title.partition(":")[0]
    return not _is_sentence(heading) and fold(heading).startswith(_words("conditional"))


def _particular(item: Item) -> bool:
    """Is this heading a particular of the event an inspection or training plan organises
    ("4. Nội dung kiểm tra: Quy định tại Điều 9 ...", "Nội dung huấn luyện", ``[sections]
    particulars``)? What it holds says what the event covers, and is a task only where it
    tells somebody to act. A decision's article
    ("Điều 2. Nội dung kiểm tra gồm:") decides its clauses: they stay its tasks."""
    if item.kind == "article" or item.under_article:
        return False
    heading = item.title.partition(":")[0]
    return not _is_sentence(heading) and bool(_particulars().match(fold(heading)))


@cache
def _particulars() -> re.Pattern[str]:
    return re.compile(lexicon().patterns["sections"]["particulars"])


def _is_sentence(title: str) -> bool:
    return is_sentence(title) or len(title.split()) > _HEADING_WORDS


_HEADING_WORDS = 12  # a heading is short: "2. Kinh phí thực hiện", "1. Mục đích"


def addressees(item: Item) -> bool:
    return _folded_title(item).startswith(_words("addressees"))


def units(outline: Outline, ctx: assign.Context) -> list[Unit]:
    """Every task's lines, in plan order."""
    out: list[Unit] = []
    if not outline.sections:
        return _letter_paragraphs(outline, ctx)
    said = _preamble_lead_in(outline, ctx)
    for section in outline.sections:
        if operative(section):
            above = _Above(list(said), said=list(said)) if section.kind not in SECTIONS \
                else _Above()
            _walk(section, ctx, out, above)
    return out


def _letter_paragraphs(outline: Outline, ctx: assign.Context) -> list[Unit]:
    """The tasks of a letter that numbers nothing: the paragraphs after the sentence that
    leads in to them ("..., Chủ tịch UBND tỉnh có ý kiến như sau:"), each that tells a body
    other than the issuer to act ("Giao Sở X chủ trì, phối hợp với ..."); its closing words
    ("UBND tỉnh thông báo để Sở X biết, thực hiện./.") and its recipients are none."""
    tail = [ln.start for ln in (*outline.recipients, *outline.signature)]
    lines = [ln for ln in outline.preamble if not tail or ln.start < min(tail)]
    addressed = re.compile(lexicon().pattern("header", "addressed"))
    opened = next((i for i, ln in enumerate(lines) if not addressed.match(ln.text)
                   and _leads_in([_as_para(ln)], ctx)), None)
    if opened is None:
        return []
    out = []
    for line in lines[opened + 1:]:
        para = _as_para(line)
        if not _opens_as_issuer(para, ctx) and assign.from_text(para.start, para.end, ctx):
            out.append(Unit("", [], [para]))
    return out


def _as_para(line: Line) -> Line:
    return Line(line.text, line.start, line.end, kind="para", body=line.text,
                body_start=line.start)


def _opens_as_issuer(line: Line, ctx: assign.Context) -> bool:
    """Does a paragraph open with the issuer as its subject ("Ủy ban nhân dân tỉnh thông báo
    để ...", "UBND tỉnh yêu cầu ... ./.")? It closes the letter rather than orders."""
    first = assign.leading(line.start, line.end, ctx)
    return first is not None and first.start - line.start <= 2 and all(
        map(ctx.is_issuer, first.members))


def _preamble_lead_in(outline: Outline, ctx: assign.Context) -> list[Assignment]:
    """What the sentence closing the preamble assigns, where it leads in to the numbered
    items below it: a letter with no parts asks its addressees "Sở Nội vụ đề nghị các cơ
    quan, đơn vị thực hiện một số nội dung sau:" over "1. Rà soát ...", "2. Báo cáo ...",
    which inherit those bodies as sub-items inherit a lead-in's (an item naming its own keeps
    them). A sentence that names none ("UBND tỉnh có ý kiến như sau:") assigns nothing."""
    if not outline.preamble:
        return []
    last = outline.preamble[-1]
    line = Line(last.text, last.start, last.end, kind="para", body=last.text,
                body_start=last.start)
    if not _leads_in([line], ctx):
        return []
    # only bodies the sentence addresses, after its cue ("đề nghị", "giao", "yêu cầu"): the
    # issuer that speaks ("Ban Chỉ đạo ... xây dựng Kế hoạch như sau:") and the bodies of the
    # documents it carries out ("Thực hiện Công văn ... của Bộ Nội vụ") do none of the items
    named = [f for f in ctx.within(line.start, line.end) if not ctx.is_issuer(f)]
    addressed = {fold(assign.name_of(f)) for group in assign.lists(named, ctx.text)
                 if _addressing().search(assign.strip_head(ctx.text[line.start:group.start]))
                 for f in group.members}
    if not addressed:
        return []
    return [a for a in assign.of_unit(Unit("", [], [line]), ctx) if fold(a.name) in addressed]


@cache
def _addressing() -> re.Pattern[str]:
    roles = lexicon().patterns["roles"]
    return re.compile(rf"(?:^|\s)(?:{roles['request']}|{roles['assign']}|{roles['order']})"
                      r"\s*(?:(?i:cho)\s*)?$")


@dataclass(slots=True)
class _Above:
    """What the items above a task give it: bodies of a body heading (``inherited``), of the
    section's addressees (``defaults``) and of a task's sentence (``said``); a block of
    assignment and time lines (``shared``); and whether a heading above only holds tasks where
    a body is told to act ("Kinh phí thực hiện": ``acting_only``)."""

    inherited: list[Assignment] = field(default_factory=list)
    defaults: list[Assignment] = field(default_factory=list)
    said: list[Assignment] = field(default_factory=list)
    shared: list[Line] = field(default_factory=list)
    acting_only: bool = False
    duties: list[Assignment] = field(default_factory=list)  # a "Nhiệm vụ của X" heading's
    particulars: bool = False  # under "Nội dung kiểm tra" (_particular)


@dataclass(slots=True)
class _Fields:
    """An item's labelled sub-items, read as the parts of its task they name: "2. Cơ quan chủ
    trì" / "a) Cơ quan phối hợp" / "3. Thời gian thực hiện: ..." give its assignment and time
    lines (``meta``), "a) Nhiệm vụ: ..." its text (``content``); the other sub-items, and those
    of a labelled content sub-item ("1. Nội dung, biện pháp" over "a)", "b)"), hold its tasks
    (``tasks``), each of which the block then covers."""

    meta: list[Line] = field(default_factory=list)
    content: list[Line] = field(default_factory=list)
    tasks: list[Item] = field(default_factory=list)


def _fields(item: Item, ctx: assign.Context) -> _Fields:
    out = _Fields()
    for child in item.children:
        label = child.label
        if label is not None and label.field in ("bodies", "time") and _is_block(child):
            out.meta.extend(_block_lines(child, ctx))
        elif label is not None and label.field in ("content", "output") and not child.children:
            out.content.extend(_labelled_lines(child))
        else:
            out.tasks.append(child)
    return out


def _is_block(item: Item) -> bool:
    """Is a sub-item labelled with bodies or time a block of them rather than a heading over
    tasks? It holds no sub-item but labelled ones; a label of role words alone ("Chủ trì thực
    hiện", no head word such as "Cơ quan") also needs lines that name and do not act: a verb
    ("- Sở Tư pháp chủ trì rà soát ...") makes them tasks under a heading."""
    label = item.label
    if label is None or any(c.label is None for c in item.children):
        return False
    if label.field != "bodies" or _HEAD_WORD.match(label.text):
        return True
    return not any(_has_verb(ln.body) for ln in item.lines if ln.kind not in META)


_HEAD_WORD = re.compile(r"(?i)cơ quan|đơn vị|bộ phận|lực lượng")


@cache
def _verb() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){lexicon().pattern('roles', 'subject_verbs')}(?![\w])")


@cache
def _duty() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){lexicon().pattern('roles', 'duty')}(?![\w])", re.IGNORECASE)


def _has_verb(text: str) -> bool:
    """Does ``text`` hold a verb in lower case? (In capitals it is a name's: "Ban Chỉ đạo".)"""
    return any(m.group().islower() for m in _verb().finditer(text))


def _acts(unit: Unit, ctx: assign.Context) -> bool:
    """Does a unit tell somebody to act: a body its words assign, or a word of duty ("chủ
    trì", "có trách nhiệm", "chủ động", "giao")?"""
    text = ctx.text[unit.start:unit.end]
    return bool(_duty().search(text)) or bool(assign.from_text(unit.start, unit.end, ctx))


def _somebody_acts(unit: Unit, ctx: assign.Context) -> bool:
    """Does a unit name who acts: its own assignment line, a body heading's or its words'
    bodies? (A particular of an inspection, "Kiểm tra hồ sơ: ... thiết bị có yêu cầu nghiêm
    ngặt ...", holds words of duty as nouns, and names nobody.)"""
    return bool(unit.inherited) or any(ln.kind == "assign" for ln in unit.own_meta) or bool(
        assign.from_text(unit.start, unit.end, ctx))


def _block_lines(item: Item, ctx: assign.Context) -> list[Line]:
    """The assignment or time lines a labelled sub-item gives: its title's value, and each
    line and sub-item below it (a line with a label of its own keeps it)."""
    label = item.label
    assert label is not None
    kind = "time" if label.field == "time" else "assign"
    line = item.line
    out = []
    if line.end > label.value_start:  # "3. Thời gian thực hiện: Tháng 12/2013."
        out.append(Line(line.text, line.start, line.end, kind=kind, body=line.text,
                        body_start=label.value_start, label=label.text))
    for ln in item.lines:
        out.append(ln if ln.kind in META else _as_meta(ln, kind, label.text))
    for child in item.children:
        if child.label is not None and child.label.field in ("bodies", "time"):
            out.extend(_block_lines(child, ctx))
        else:
            out.append(_as_meta(child.line, kind, label.text))
            out.extend(_as_meta(ln, kind, label.text) for ln in child.lines)
    return out


def _as_meta(line: Line, kind: str, label: str) -> Line:
    return Line(line.text, line.start, line.end, kind=kind, marker=line.marker, body=line.body,
                body_start=line.body_start, label=label)


def _labelled_lines(item: Item) -> list[Line]:
    """The lines of a labelled content sub-item ("a) Nhiệm vụ: Tham mưu ..."): its title's
    value, then the lines below it."""
    label = item.label
    assert label is not None
    line = item.line
    out = list(item.lines)
    if line.end > label.value_start:
        out.insert(0, Line(line.text, line.start, line.end, kind="para", marker=line.marker,
                           body=line.text[label.value_start - line.start:],
                           body_start=label.value_start, label=label.text))
    return out


def _values_below(lines: list[Line]) -> list[Line]:
    """A label whose value is on the lines below it ("- Thời gian thực hiện:" over "+"
    lines, "Cơ quan thực hiện:" over "-" lines): those lines are its values."""
    out: list[Line] = []
    open_label: Line | None = None
    for line in lines:
        if open_label is not None and _DEPTH.get(line.kind, 0) > _DEPTH.get(
                _marker_kind(open_label), 0) and line.kind not in META:
            out.append(_as_meta(line, open_label.kind, open_label.label))
            continue
        open_label = line if line.kind in META and line.body_start >= line.end else None
        out.append(line)
    return out


_DEPTH = {"para": 0, "bullet": 1, "plus": 2}


def _marker_kind(line: Line) -> str:
    """The kind of marker a meta line was written with ("-", "+" or none)."""
    first = line.text[:1]
    return "plus" if first == "+" else "bullet" if first in "-–•" else "para"


def _walk(item: Item, ctx: assign.Context, out: list[Unit], above: _Above) -> None:
    if item.kind not in SECTIONS and item.kind != "row":
        item.lines = [_submission_time(ln, ctx) or ln for ln in item.lines]
    section = ".".join(item.path)
    below = _Above(list(above.inherited), list(above.defaults), list(above.said),
                   list(above.shared), above.acting_only or _conditional(item),
                   list(above.duties), above.particulars or _particular(item))
    if item.kind not in SECTIONS and item.children and tables.is_period(item.title):
        # "1. Quý I" over "a) ...", "b) ...": a programme's period heading times its items
        below.shared = _shared([_as_meta(item.line, "time", tables.LABELS["time"])],
                               below.shared)
    fields = _fields(item, ctx) if item.kind != "row" else _Fields(tasks=list(item.children))
    head = None if item.kind == "row" or item.label is not None else _heading_bodies(item, ctx)
    inline = _is_inline(item) and item.label is None
    if item.kind not in SECTIONS and _lists_content(item, ctx, head):
        head, inline = None, True  # its bullets are what the sentence asks for: one task
    if head is not None and item.kind not in SECTIONS:
        bodies, only_bodies = head
        below.inherited.extend(bodies)
        if not only_bodies and item.children and _colon_lead_in(item.line, ctx):
            # "1. Cục X có trách nhiệm:" over a), b): it names whose they are and leads in to
            # them, as a body heading does; no task of its own
            below.said.extend(bodies)
        elif not only_bodies:  # "2. Thanh tra tỉnh chủ trì ...": a sentence, not a heading
            below.said.extend(bodies)
            notes = list(takewhile(lambda ln: ln.kind == "note", item.lines))
            notes += _goes_on(item, ctx, len(notes))
            out.append(Unit(section, item.path, [item.line, *notes], heading=None,
                            meta=_shared([ln for ln in item.lines if ln.kind in META],
                                         below.shared)))
        inline = False
    duties = _duties_of(item, ctx)
    if duties:
        below.duties = duties
    for child in item.children:
        if addressees(child):
            below.defaults.extend(_bodies_of_lines(child, ctx))
    own = _values_below(item.lines)
    if head is not None and not head[1]:
        own = list(dropwhile(lambda ln: ln.kind == "note", own))  # in the sentence's unit
        if not (item.children and _colon_lead_in(item.line, ctx)):
            taken = {id(ln) for ln in _goes_on(item, ctx, 0)}
            own = [ln for ln in own if id(ln) not in taken]
    fields.tasks = [c for c in fields.tasks if operative(c) and not addressees(c)]
    if item.kind not in SECTIONS and _one_block(fields.tasks):
        # sub-items that repeat one assignment word for word name the objects of one task
        # ("3.1. Góp ý dự thảo các văn bản" over "a) Nghị định ...", "b) Nghị định ...")
        first = fields.tasks[0]
        fields.content = [*fields.content, *(c.line for c in fields.tasks), *first.lines]
        fields.tasks = []
        inline = True
    if fields.tasks:  # the block and the item's own assignment lines cover its sub-items
        below.shared = _shared([*[ln for ln in own if ln.kind in META], *fields.meta],
                               below.shared)
        own = [ln for ln in own if ln.kind not in META]
        lines = own
        if _leads_in(lines, ctx):
            # "Chủ trì, phối hợp với các cơ quan liên quan tham mưu UBND tỉnh:" over a), b):
            # no task of its own; what it assigns, each sub-item does
            intro = Unit(section, item.path, lines, heading=item.title,
                         inherited=list(below.inherited) or list(below.defaults)
                         or list(below.duties),
                         said=list(below.said) if below.inherited else [])
            said = assign.of_unit(intro, ctx)
            if said:
                below.inherited, below.said = said, [*below.said, *said]
            lines = []
    else:
        lines = [*own, *fields.content, *fields.meta]
    titled = bool(fields.content) or bool(lines and lines[0].label and lines[0].kind not in META)
    # "2. Kết nối dữ liệu ..." over nothing but "a) Cơ quan chủ trì" / "b) Cơ quan phối hợp" /
    # "c) Thời gian thực hiện": its own line is the task those sub-items assign and time
    titled = titled or bool(fields.meta and not fields.tasks
                            and not any(ln.kind not in META for ln in lines))
    if (inline or titled) and item.kind not in SECTIONS and item.label is None:
        lines = [item.line, *lines]  # "6. Xây dựng Cổng ..." over "- Nội dung: ...": one task
        inline = True
    if any(ln.kind not in META for ln in lines):
        # an intro above sub-items ("Nhà nước giữ vai trò ...") and an item under a heading of
        # acting-only tasks is a task where it names who acts
        acting_only = below.acting_only or bool(fields.tasks)
        for unit in _segment(lines, ctx, under_body_heading=head is not None,
                             inherits=bool(below.inherited or below.defaults)):
            unit.section, unit.path = section, item.path
            unit.heading = None if inline else item.title
            unit.inherited = list(below.inherited) or list(below.defaults)
            if not unit.inherited and below.duties and not _names_subject(unit, ctx):
                unit.inherited = list(below.duties)
            unit.said = list(below.said) if below.inherited else []
            unit.own_meta = list(unit.meta)
            unit.meta = _shared(unit.meta, below.shared)
            if head is not None and not head[1] and unit.lines == [item.line]:
                continue
            if acting_only and not unit.meta and not unit.inherited and not _acts(unit, ctx):
                continue
            if below.particulars and not _somebody_acts(unit, ctx):
                continue  # what the inspection covers, or how: the event's, no one's task
            out.extend(_parallel(unit, ctx) if item.kind == "row" else [unit])
    heir = below
    for child in fields.tasks:
        said = _lone_lead_in(child, ctx, below)
        if said:
            heir = _Above(said, list(below.defaults), [*below.said, *said], list(below.shared),
                          below.acting_only, list(below.duties), below.particulars)
            continue
        if heir is not below and (child.children or _opens_with_bodies(child.line, ctx)):
            heir = below  # a sibling with its own subject, or a group of its own, ends the run
        _walk(child, ctx, out, heir)


def _parallel(unit: Unit, ctx: assign.Context) -> list[Unit]:
    """A table row whose content cell holds several tasks, each its own paragraph, beside
    bodies cells holding one list of bodies per paragraph in the same order ("Bố trí nhân lực
    ... cập nhật Hệ thống. Bố trí nhân lực ... khai thác Hệ thống." / "Các sở, ngành" / "Sở Tài
    chính"): each paragraph is a task with the lists of its own place (the annotation guide:
    the smallest item that carries its own assignment). The cell's paragraphs come as
    sentences, the lists side by side with nothing between them, as a cell's lines are
    joined; every bodies cell must pair so, and the time cell is every part's. Any other row
    is one task."""
    if len(unit.lines) != 1:
        return [unit]
    line = unit.lines[0]
    cuts = _task_cuts(line, ctx)
    if not cuts:
        return [unit]
    n = len(cuts) + 1
    split: dict[int, list[tuple[int, int]]] = {}
    for i, meta in enumerate(unit.meta):
        if meta.kind != "assign":
            continue
        split[i] = _side_by_side(meta, ctx)
        if len(split[i]) != n:
            return [unit]
    if not split:
        return [unit]
    own = {id(m) for m in unit.own_meta}
    out = []
    for k, (a, b) in enumerate(pairwise([line.body_start, *cuts, line.end])):
        meta = [m if i not in split else _cut(m, *split[i][k], ctx)
                for i, m in enumerate(unit.meta)]
        out.append(Unit(unit.section, unit.path, [_cut(line, a, b, ctx)], unit.heading, meta,
                        list(unit.inherited), list(unit.said), unit.heading_role_lines,
                        [m for m, o in zip(meta, unit.meta, strict=True) if id(o) in own]))
    return out


def _task_cuts(line: Line, ctx: assign.Context) -> list[int]:
    """Where a content cell's paragraphs that are tasks of their own open: after a full stop
    or semicolon, a sentence with a capital ("... Hệ thống. Bố trí ...") or, in a cell that
    opens as a list ("a) ...", "- ..."), the list's next point ("...; b) Tổ chức ..."). A
    Word file keeps a cell's paragraphs: there a point that opens one needs no mark before
    it ("a) Xây dựng kế hoạch" / "b) Tổ chức ...")."""
    text, breaks = ctx.text, ctx.breaks
    listed = _POINT.match(text, line.body_start) is not None
    out = []
    for m in _GAP.finditer(text, line.body_start, line.end):
        at, closed = m.end(), text[m.start() - 1] in ".;"
        sentence = closed and text[at].isupper()
        point = listed and _POINT.match(text, at) is not None and (
            closed or (breaks is not None and breaks(m.start(), at)))
        if sentence or point:
            out.append(at)
    return out


# the spaces between two words of a cell; a point of a list a cell's text opens with
_GAP = re.compile(r"(?<=\S)[^\S\n]+(?=\S)")
_POINT = re.compile(r"(?:[a-zđ]|\d{1,2})[.)][^\S\n]|[-+•][^\S\n]")


def _side_by_side(line: Line, ctx: assign.Context) -> list[tuple[int, int]]:
    """The stretches of a bodies cell that lists of bodies fill one after another with
    nothing between them but a space ("Các sở, ngành, UBND xã, phường Sở Tài chính": two
    paragraphs of the cell run together), each with its separators. A Word file keeps a
    cell's paragraphs: there a stretch is one paragraph ("Sở Tư pháp;" / "Sở Nội vụ")."""
    _label, start = assign.label_value(line)
    bodies = ctx.within(start, line.end)
    breaks = ctx.breaks
    cuts = [b.start for a, b in pairwise(bodies) if a.end < b.start and (
        breaks(a.end, b.start) if breaks is not None else ctx.text[a.end:b.start].isspace())]
    return list(pairwise([start, *cuts, line.end]))


def _cut(line: Line, start: int, end: int, ctx: assign.Context) -> Line:
    """``line`` narrowed to ``text[start:end]`` (its label kept)."""
    text = ctx.text[start:end].strip()
    start += len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip())
    return Line(text, start, start + len(text), kind=line.kind, body=text, body_start=start,
                label=line.label)


def _submission_time(line: Line, ctx: assign.Context) -> Line | None:
    """A line under an item that only says when the item goes to whom ("Trình Ủy ban nhân dân
    tỉnh xem xét, thông qua trước ngày 10/01/2026.", ``[sections] submission_*``): the body
    it is submitted to, what that body does with it, a sitting, a time, and nothing else. It
    is the item's time line, as a "Thời gian trình: ..." line would be; the body it goes to
    receives the item and does none of it. ``None`` where the line says more."""
    if line.kind not in ("para", "bullet", "plus") or line.label:
        return None
    res = _submission_res()
    m = res["opening"].match(ctx.text[line.body_start:line.end])
    if m is None:
        return None
    at = line.body_start + m.end()
    to = assign.leading(at, line.end, ctx)  # "Trình Chủ tịch UBND tỉnh": a head for its body
    if to is None:
        return None
    rest = res["purpose"].match(ctx.text, to.end, line.end)
    time = ctx.text[rest.end() if rest else to.end:line.end].strip(" ,;.*()")
    if not res["time"].match(time):
        return None
    tf = timeframes.from_phrase(time)
    if tf.due is None and tf.recurrence is None:
        return None
    return Line(line.text, line.start, line.end, kind="time", marker=line.marker,
                body=line.body, body_start=line.body_start, label=tables.LABELS["time"])


@cache
def _submission_res() -> dict[str, re.Pattern[str]]:
    words = lexicon().patterns["sections"]
    return {"opening": re.compile(words["submission_opening"], re.IGNORECASE),
            "purpose": re.compile(words["submission_purpose"] + words["submission_sitting"],
                                  re.IGNORECASE),
            "time": re.compile(lexicon().patterns["table_cells"]["time"])}


def _lone_lead_in(item: Item, ctx: assign.Context, above: _Above) -> list[Assignment]:
    """What an item that is nothing but a sentence leading in ("1. Giao phòng Kỹ thuật thực
    hiện các công việc sau:", no line or sub-item under it) assigns: the siblings after it,
    numbered as its equals, are the work it announces, and inherit its bodies, as sub-items
    inherit those of an assignment line that covers their group. It is no task itself."""
    if item.kind in SECTIONS or item.children or item.lines or item.label is not None:
        return []
    line = Line(item.line.text, item.line.start, item.line.end, kind="para",
                body=item.line.body, body_start=item.line.body_start)
    if not _leads_in([line], ctx):
        return []
    intro = Unit(".".join(item.path), item.path, [item.line],
                 inherited=list(above.inherited) or list(above.defaults),
                 said=list(above.said) if above.inherited else [])
    return assign.of_unit(intro, ctx) if assign.from_text(intro.start, intro.end, ctx) else []


def _opens_with_bodies(line: Line, ctx: assign.Context) -> bool:
    return assign.leading(line.body_start, line.end, ctx) is not None


def _leads_in(lines: list[Line], ctx: assign.Context) -> bool:
    """Is an item's text above its sub-items one sentence that ends in a colon, leading in to
    them? (One that first states a task of its own, "... thực hiện nghiêm túc. Đồng thời,
    yêu cầu ... như sau:", is a task.)"""
    if len(lines) != 1 or lines[0].kind not in ("para", "bullet"):
        return False
    text = ctx.text[lines[0].body_start:lines[0].end].rstrip(" *")
    return text.endswith(":") and not _SENTENCE_BREAK.search(text[:-1])


_SENTENCE_BREAK = re.compile(r"[.;!?]\s+\S")


def _colon_lead_in(line: Line, ctx: assign.Context) -> bool:
    """Is an item's own line one sentence ending in a colon ("Cục X có trách nhiệm:")?"""
    text = ctx.text[line.body_start:line.end].rstrip(" *")
    return text.endswith(":") and not _SENTENCE_BREAK.search(text[:-1])


def _one_block(items: list[Item]) -> bool:
    """Do two or more sub-items each name a document ("a) Nghị định quy định chi tiết ...")
    and hold nothing but the same assignment and time lines, word for word? Then they are
    the objects of one task; sub-items that say what to do ("a) Thường xuyên rà soát ...")
    stay tasks of their own, whatever their lines."""
    if len(items) < 2 or any(it.children or it.label is not None or not _names_document(it)
                             for it in items):
        return False
    blocks = {tuple((ln.kind, fold(ln.label), fold(ln.body)) for ln in it.lines) for it in items}
    block = next(iter(blocks))
    return len(blocks) == 1 and bool(block) and all(kind in META for kind, _l, _b in block)


def _names_document(item: Item) -> bool:
    """Does the item's title open with a document's type ("Nghị định", "Thông tư ...")?"""
    title = item.title
    return any(title.startswith(t.name) and title[len(t.name):len(t.name) + 1] in (" ", "")
               for t in lexicon().types)


def _shared(meta: list[Line], shared: list[Line]) -> list[Line]:
    """A task's own assignment and time lines, and those of a block above it that it does not
    state itself (a task with its own "Thời gian" keeps it; its bodies still come from the
    block when it names none)."""
    kinds = {ln.kind for ln in meta}
    return [*meta, *(ln for ln in shared if ln.kind not in kinds)]


def _lists_content(item: Item, ctx: assign.Context,
                   head: tuple[list[Assignment], bool] | None) -> bool:
    """Do the item's bullets spell out what its own line asks for, making them one task? "b)
    Sở Tư pháp chủ trì tuyên truyền các nội dung sau:" or "a) Tham mưu UBND tỉnh trình HĐND
    tỉnh quyết định:" over bullets: a sentence that ends in a colon; "1. Sở Khoa học và Công
    nghệ theo dõi, đôn đốc ... báo cáo" over "- Cơ quan thường trực ... trước ngày 20 hằng
    tháng": a sentence of a body that is not closed, its bullet going on with it. A body
    heading ("3. Thanh tra tỉnh:") is only a name, and bullets that open with bodies of their
    own are their tasks: both keep their bullets as tasks."""
    if head is not None and head[1]:
        return False
    contents = [ln for ln in item.lines if ln.kind not in META]
    if item.children or not contents or not all(ln.kind in ("bullet", "plus") for ln in contents):
        return False
    kinds = [ln.kind in META for ln in item.lines]
    if any(meta and not after for meta, after in pairwise(kinds)):
        return False  # bullets with assignment lines of their own: each is a task
    title = item.line.text.rstrip(" *")
    if title.endswith(":"):
        return not any(assign.leading(ln.body_start, ln.end, ctx) for ln in contents)
    return head is not None and not is_sentence(title) and not title.endswith(",")


def _is_inline(item: Item) -> bool:
    """Is the item's own line a sentence of the task rather than a heading?"""
    if item.kind in SECTIONS:
        return False
    title = item.title.strip()
    contents = [ln for ln in item.lines if ln.kind not in META]
    if item.children:
        return False
    if not contents:
        return True
    return title.endswith((".", ";")) or bool(_COLON_TEXT.search(title)) or len(title) > 160


def _bodies_of_lines(item: Item, ctx: assign.Context) -> list[Assignment]:
    out: list[Assignment] = []
    for line in item.lines:
        mentions = ctx.within(line.start, line.end)
        for group in assign.lists(mentions, ctx.text)[:1]:
            for f in group.members:
                out.append(Assignment(assign.name_of(f), "executor", group=f.collective,
                                      span=ctx.to_span(f.start, f.end)))
    return out


def _duties_of(item: Item, ctx: assign.Context) -> list[Assignment]:
    """Bodies a heading names as those whose duties its items are ("II. NHIỆM VỤ CHỦ YẾU CỦA
    BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "3. Trách nhiệm của các sở, ban, ngành": ``[sections]
    duties_of``): the list of bodies right after "của". Each item below that names no body of
    its own is theirs, as under a body heading; a body heading below it names its own."""
    if item.kind == "row" or not (item.children or item.lines):
        return []
    line = item.line
    first = assign.first_list(ctx.within(line.body_start, line.end), ctx.text)
    if first is None:
        return []
    prefix = fold(ctx.text[line.body_start:first.start])
    if prefix not in _words("duties_of"):
        return []
    return [Assignment(_as_written(x, ctx), "executor", group=x.collective,
                       span=ctx.to_span(x.start, x.end))
            for f in first.members for x in assign._expand(f, ctx)]


def _goes_on(item: Item, ctx: assign.Context, skip: int) -> list[Line]:
    """The paragraphs right below a body's sentence ("2. Bộ trưởng, Thủ trưởng cơ quan ngang
    bộ, ... chịu trách nhiệm thực hiện Kế hoạch này." over "Căn cứ nội dung Kế hoạch này, các
    bộ, ... xây dựng kế hoạch chi tiết ...") that go on with it: they open with no assignment
    of their own ("Đồng thời, giao X chủ trì ..." does, and is a task of its own), and the
    sentence leads in to nothing (no ":"). A numbered item with no sub-items is one task, as
    the annotation guide has it."""
    if item.children or ctx.text[item.line.body_start:item.line.end].rstrip(" *").endswith(":"):
        return []
    out: list[Line] = []
    for line in item.lines[skip:]:
        if line.kind != "para" or assign.leading(line.body_start, line.end, ctx) is not None:
            break
        out.append(line)
    return out


def _names_subject(unit: Unit, ctx: assign.Context) -> bool:
    """Does a task name a body that does it (not only those it works with or reports to)?"""
    return any(a.role != "support" for a in assign.from_text(unit.start, unit.end, ctx))


def _as_written(f: assign.Found, ctx: assign.Context) -> str:
    """A body's name as the plan writes it in running text, where a heading gives it in
    capitals ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" is "Bộ Tài nguyên và Môi trường" in its
    sentences), else as the tables spell it; a group in capitals is in lower case ("CÁC SỞ,
    BAN, NGÀNH")."""
    name = assign.name_of(f)
    if not name.isupper():
        return name
    key = fold(name)
    cased = next((assign.name_of(g) for g in ctx.bodies
                  if not g.text.isupper() and fold(assign.name_of(g)) == key), None)
    if cased is None:
        cased = lexicon().spellings.get(key)
    if cased is not None:
        return cased
    return name.lower() if f.collective and key.startswith("cac ") else name


def _heading_bodies(item: Item, ctx: assign.Context) -> tuple[list[Assignment], bool] | None:
    """Bodies an item's line opens with, and whether the line is nothing but them."""
    line = item.line
    lead = assign.leading(line.body_start, line.end, ctx) or _addressed(line, ctx)
    if lead is None:
        return None
    prefix = ctx.text[line.body_start:lead.start]
    if _addressed_re().match(prefix):
        prefix = ""
    requested = bool(_REQUEST.search(prefix))
    after = ctx.text[lead.end:line.end]
    # "3. Các cơ quan, đơn vị trên địa bàn tỉnh": the place (a name in capitals) is part of the
    # heading; what follows it in lower case is the task's own words; an aside in brackets
    # ("1. Sở Tài chính (cơ quan chủ trì)") is no words of a task
    rest = _ASIDE.sub("", _PLACE.sub("", after))
    only = not rest.strip(" :.;")
    # "16. Các tổ chức chính trị - xã hội, tổ chức xã hội, doanh nghiệp và cộng đồng.": a
    # heading that goes on listing, in lower case and with no verb, names bodies the grammar
    # does not know; each piece of its list is one of them
    tail = _LISTED.fullmatch(rest) if not only and len(lead.members) > 1 and not _has_verb(
        rest) else None
    if tail:
        only = True
    acts = assign._res()["verbs"].match(after) or after.lstrip().startswith(":")
    if not only and not acts and not requested:
        return None
    role = "requested" if requested else "executor"
    found = []
    for f in lead.members:
        for x in assign._expand(f, ctx):
            found.append(Assignment(assign.name_of(x), role, group=x.collective,
                                    span=ctx.to_span(x.start, x.end)))
    if tail:
        at = lead.end + len(after) - len(after.lstrip()) if rest == after else None
        for piece in _PIECE.finditer(rest):
            start = None if at is None else at + piece.start("name")
            span = None if start is None else ctx.to_span(start, start + len(piece["name"]))
            found.append(Assignment(piece["name"], role, group=True, span=span))
    if not only and item.lines == [] and not item.children:
        return None
    return found, only


def _addressed(line: Line, ctx: assign.Context) -> assign.BodyList | None:
    """"6.2. Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo ...", "Đối với các sở, ngành:": an
    item that opens by naming whom it addresses, the names closed by a colon, is theirs to do
    ("Đối với các cơ sở, công trình thuộc phạm vi quản lý, hướng dẫn ..." names objects)."""
    m = _addressed_re().match(ctx.text, line.body_start, line.end)
    if m is None:
        return None
    first = assign.first_list(ctx.within(m.end(), line.end), ctx.text)
    if first is None or first.start != m.end() or not ctx.text.startswith(":", first.end):
        return None
    return first


@cache
def _addressed_re() -> re.Pattern[str]:
    return re.compile(rf"\s*{lexicon().pattern('roles', 'addressed')}\s+")


def _segment(lines: list[Line], ctx: assign.Context, under_body_heading: bool,
             inherits: bool) -> list[Unit]:
    """Split an item's lines into tasks (see the module's rules)."""
    groups: list[tuple[list[Line], list[Line]]] = []
    content: list[Line] = []
    meta: list[Line] = []
    for line in lines:
        if line.kind in META:
            meta.append(line)
            continue
        if meta:
            groups.append((content, meta))
            content, meta = [], []
        content.append(line)
    if content or meta:
        groups.append((content, meta))
    out: list[Unit] = []
    for content, meta in groups:
        if not content:
            if out:
                out[-1].meta.extend(meta)
            continue
        parts = _parts(content)
        if under_body_heading:
            parts = [q for part in parts for q in _lead_in_parts(part, ctx)]
        has_bodies = any(m.kind == "assign" for m in meta)
        if under_body_heading or (not has_bodies and _split(parts, meta, ctx, inherits)):
            out.extend(Unit("", [], part, meta=list(meta)) for part in parts)
        else:
            out.append(Unit("", [], content, meta=list(meta)))
    return out


def _lead_in_parts(part: list[Line], ctx: assign.Context) -> list[list[Line]]:
    """Under a body heading, a paragraph that ends in a colon and gives the work to somebody
    ("Trong đó giao Giám đốc Công an tỉnh chỉ đạo thực hiện:") leads in to its bullets, each a
    task of the body; it is none itself."""
    first, rest = part[0], part[1:]
    if first.kind != "para" or not rest or not all(ln.kind == "bullet" for ln in rest) \
            or not ctx.text[first.body_start:first.end].rstrip(" *").endswith(":") \
            or not assign.from_text(first.body_start, first.end, ctx):
        return [part]
    return _parts(rest)


def _parts(content: list[Line]) -> list[list[Line]]:
    """Sentences with the bullets that list their content, and continuation lines."""
    parts: list[list[Line]] = []
    for line in content:
        starts_new = line.kind in ("bullet", "plus", "numbered", "lettered") or (
            line.kind == "para" and line.text[:1].isupper())
        listing = (parts and parts[-1][-1].text.rstrip().endswith(":")) or (
            parts and parts[-1][0].text.rstrip().endswith(":") and line.kind in ("bullet", "plus")
            and parts[-1][-1].kind in ("bullet", "plus")) or (
            # "+" below a "-": the sub-bullets spell out the bullet's own task
            parts and line.kind == "plus" and parts[-1][0].kind == "bullet")
        if parts and (not starts_new or listing):
            parts[-1].append(line)
        else:
            parts.append([line])
    return parts


def _split(parts: list[list[Line]], meta: list[Line], ctx: assign.Context,
           inherits: bool) -> bool:
    """Do these parts carry distinct assignments? Bullets that name no body are tasks of their
    own only where they inherit one (the addressees of a section, say); else they spell out
    the item they stand under, as the annotation guide has it."""
    if len(parts) < 2 or all(assign.only_names(p[0].body_start, p[-1].end, ctx) for p in parts):
        return False  # bullets that only name bodies ("- Bộ Quốc phòng.") list who, not what
    leads = []
    for part in parts:
        first = part[0]
        lead = assign.leading(first.body_start, first.end, ctx)
        person = None if lead is not None else assign.person_heading(first.start, first.end, ctx)
        # a bullet headed by a team's member ("- Ông X - Thư ký: ...") has that subject
        leads.append((fold(person.name),) if person is not None else None if lead is None else
                     tuple(fold(assign.name_of(m)) for m in lead.members))
    if all(leads):
        return len(set(leads)) > 1
    bullets = not meta and all(p[0].kind in ("bullet", "plus") for p in parts)
    if not any(leads):
        return inherits and bullets
    # bullets that name distinct subjects are each a task, those without one included; one
    # subject among them makes them one task of that subject
    return bullets and len({lead for lead in leads if lead}) > 1


_ASIDE = re.compile(r"\s*\([^()]*\)[\s.;]*")
_PASSIVE = re.compile(r"^[^,;:]{0,80}?(?P<by>\s(?:được|đã được)\s)")


def no_task(text: str) -> bool:
    """Is a unit that names no body a remark rather than a task? "(Chi tiết tại Phụ lục)",
    a member of a body set up ("Ông: Nguyễn Văn A - Phó Giám đốc Sở, Trưởng đoàn;"),
    "Các nhiệm vụ cụ thể tại Phụ lục kèm theo" (it points to where the tasks are);
    "Phong trào được triển khai từ ..." (what happens, told in the passive, with no word of
    duty: "Các cơ quan được giao ... có trách nhiệm ..." is a task)."""
    if _ASIDE.fullmatch(text) or _annex_pointer().match(text) or _member().match(text):
        return True
    passive = _PASSIVE.match(text)
    # the subject before "được" names what happens, not an action: one that holds a verb is
    # a task's own words ("Tổ chức rà soát các mỏ đã được khoanh định ...")
    return bool(passive) and not _duty().search(text) and not _prose_verb().search(
        text, 0, passive.end() - len(passive.group("by")))


@cache
def _prose_verb() -> re.Pattern[str]:
    verbs = sorted(lexicon().bodies["grammar"]["verbs"], key=len, reverse=True)
    return re.compile(rf"(?<![\w])(?i:{'|'.join(map(re.escape, verbs))})(?![\w])")


@cache
def _member() -> re.Pattern[str]:
    return re.compile(lexicon().patterns["sections"]["member"])


@cache
def _annex_pointer() -> re.Pattern[str]:
    return re.compile(lexicon().patterns["sections"]["annex_pointer"])


def timeframe(unit: Unit, ctx: assign.Context, found: list[tuple[str, int, int]],
              year: int | None = None) -> Timeframe:
    """The "Thời gian" line of the unit, else the most telling phrase of its text (``found``:
    the plan's timeframe mentions in plan order); ``year`` (the plan's) completes a date
    written without one ("trước ngày 15/12")."""
    times = [ln for ln in unit.meta if ln.kind == "time"]
    if times:
        # the "Thời gian" line, with the lines that carry its value below it
        label = times[0].label
        run = [ln for ln in times if ln.label == label]
        value_start = _label_value(run[0])[1]
        if value_start >= run[0].end and len(run) > 1:
            value_start = run[1].body_start
        value = ctx.text[value_start:run[-1].end]
        if label == tables.PERIOD_LABEL:  # marks under "Quý III", "Quý IV": the span of both
            ends = (run[0].text,) if len(run) == 1 else (run[0].text, run[-1].text)
            tf = timeframes.from_phrase(" - ".join(ends), year=year)
        else:
            tf = timeframes.from_phrase(value, year=year)
        tf.span = ctx.to_span(value_start, value_start + len(value.rstrip()))
        if run[0] not in unit.own_meta:  # a block's time, shared with the tasks beside it
            return timeframes.prefer_own(tf, _own_time(unit, ctx, found, year))
        return tf
    return _own_time(unit, ctx, found, year)


def _own_time(unit: Unit, ctx: assign.Context, found: list[tuple[str, int, int]],
              year: int | None) -> Timeframe:
    """The most telling time phrase of the unit's own text."""
    lo = bisect_left(found, unit.start, key=_start)  # found is in plan order
    hi = bisect_right(found, unit.end, lo=lo, key=_start)
    inside = [(k, s, e) for k, s, e in found[lo:hi] if e <= unit.end]
    best = timeframes.best_in(inside, ctx.text, year)
    if best is None:
        return Timeframe()
    s, e = best
    tf = timeframes.from_phrase(ctx.text[s:e], year=year)
    tf.span = ctx.to_span(s, e)
    return tf


_start = itemgetter(1)  # a mention's start, as a C-level bisect key


_label_value = assign.label_value
