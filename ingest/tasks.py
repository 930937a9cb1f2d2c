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
from operator import itemgetter

from ingest import assign, timeframes
from ingest.lexicon import lexicon
from ingest.models import Assignment, Timeframe
from ingest.outline import Item, Line, Outline
from ingest.text import fold

META = ("assign", "time")
SECTIONS = ("part", "section", "rowgroup")  # headings of parts, never tasks themselves
_COLON_TEXT = re.compile(r":\s+\S")
_REQUEST = re.compile(r"(?i)đề nghị")
_PLACE = re.compile(r"^\s*(?i:trên địa bàn|thuộc)\s+(?i:tỉnh|thành phố)(?:\s+[A-ZĐ][\wÀ-ỹ]*)*")


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
    """Does this section or item hold tasks? ("Mục đích, yêu cầu" does not)."""
    folded = _folded_title(item)
    not_op = _words("not_operative")
    if item.kind in SECTIONS or len(item.path) == 1:  # a plan's top level, "I." or "1."
        return not (_kind_of(not_op, folded) and not _kind_of(_words("operative"), folded))
    return not folded.startswith(not_op)


def addressees(item: Item) -> bool:
    return _folded_title(item).startswith(_words("addressees"))


def units(outline: Outline, ctx: assign.Context) -> list[Unit]:
    """Every task's lines, in plan order."""
    out: list[Unit] = []
    for section in outline.sections:
        if operative(section):
            _walk(section, ctx, out, inherited=[], defaults=[], said=[])
    return out


def _walk(item: Item, ctx: assign.Context, out: list[Unit], inherited: list[Assignment],
          defaults: list[Assignment], said: list[Assignment]) -> None:
    section = ".".join(item.path)
    head = None if item.kind == "row" else _heading_bodies(item, ctx)
    inline = _is_inline(item)
    if head is not None and item.kind not in SECTIONS and not head[1] and _lists_content(item, ctx):
        head, inline = None, True  # its bullets are what the sentence asks for: one task
    if head is not None and item.kind not in SECTIONS:
        bodies, only_bodies = head
        inherited = [*inherited, *bodies]
        if not only_bodies:  # "2. Thanh tra tỉnh chủ trì ...": a sentence, not a heading
            said = [*said, *bodies]
        if not only_bodies:
            out.append(Unit(section, item.path, [item.line], heading=None,
                            meta=[ln for ln in item.lines if ln.kind in META]))
            inline = False
        else:
            inline = False
    sub_defaults = list(defaults)
    for child in item.children:
        if addressees(child):
            found = _bodies_of_lines(child, ctx)
            sub_defaults = [*sub_defaults, *found]
    lines = list(item.lines)
    if inline:
        lines = [item.line, *lines]
    if lines:
        for unit in _segment(lines, ctx, under_body_heading=head is not None):
            unit.section, unit.path = section, item.path
            unit.heading = None if inline else item.title
            unit.inherited = [*inherited] or [a for a in sub_defaults]
            unit.said = list(said) if inherited else []
            if head is not None and not head[1] and unit.lines == [item.line]:
                continue
            out.append(unit)
    for child in item.children:
        if operative(child) and not addressees(child):
            _walk(child, ctx, out, inherited, sub_defaults, said)


def _lists_content(item: Item, ctx: assign.Context) -> bool:
    """"b) Sở Tư pháp chủ trì tuyên truyền các nội dung sau:" over bullets: a sentence with its
    own subject and verb that ends in a colon, its bullets spelling out the content. A body
    heading ("3. Thanh tra tỉnh:") is only a name, and bullets that open with bodies of their
    own are their tasks: both keep their bullets as tasks."""
    contents = [ln for ln in item.lines if ln.kind not in META]
    return (item.line.text.rstrip(" *").endswith(":") and not item.children and bool(contents)
            and all(ln.kind in ("bullet", "plus") for ln in contents)
            and not any(assign.leading(ln.body_start, ln.end, ctx) for ln in contents))


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


def _heading_bodies(item: Item, ctx: assign.Context) -> tuple[list[Assignment], bool] | None:
    """Bodies an item's line opens with, and whether the line is nothing but them."""
    line = item.line
    lead = assign.leading(line.body_start, line.end, ctx)
    if lead is None:
        return None
    prefix = ctx.text[line.body_start:lead.start]
    requested = bool(_REQUEST.search(prefix))
    after = ctx.text[lead.end:line.end]
    # "3. Các cơ quan, đơn vị trên địa bàn tỉnh": the place (a name in capitals) is part of the
    # heading; what follows it in lower case is the task's own words
    rest = _PLACE.sub("", after)
    only = not rest.strip(" :.;")
    acts = assign._res()["verbs"].match(after) or after.lstrip().startswith(":")
    if not only and not acts and not requested:
        return None
    role = "requested" if requested else "executor"
    found = []
    for f in lead.members:
        for x in assign._expand(f, ctx):
            found.append(Assignment(assign.name_of(x), role, group=x.collective,
                                    span=ctx.to_span(x.start, x.end)))
    if not only and item.lines == [] and not item.children:
        return None
    return found, only


def _segment(lines: list[Line], ctx: assign.Context, under_body_heading: bool) -> list[Unit]:
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
        has_bodies = any(m.kind == "assign" for m in meta)
        if under_body_heading or (not has_bodies and _split(parts, meta, ctx)):
            out.extend(Unit("", [], part, meta=list(meta)) for part in parts)
        else:
            out.append(Unit("", [], content, meta=list(meta)))
    return out


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


def _split(parts: list[list[Line]], meta: list[Line], ctx: assign.Context) -> bool:
    """Do these parts carry distinct assignments?"""
    if len(parts) < 2 or all(assign.only_names(p[0].body_start, p[-1].end, ctx) for p in parts):
        return False  # bullets that only name bodies ("- Bộ Quốc phòng.") list who, not what
    leads = []
    for part in parts:
        first = part[0]
        lead = assign.leading(first.body_start, first.end, ctx)
        leads.append(None if lead is None else
                     tuple(fold(assign.name_of(m)) for m in lead.members))
    if all(leads):
        return len(set(leads)) > 1
    if not any(leads):
        return not meta and all(p[0].kind in ("bullet", "plus") for p in parts)
    return False


def timeframe(unit: Unit, ctx: assign.Context, found: list[tuple[str, int, int]],
              year: int | None = None) -> Timeframe:
    """The "Thời gian" line of the unit, else the most telling phrase of its text (``found``:
    the plan's timeframe mentions in plan order); ``year`` (the plan's) completes a date
    written without one ("trước ngày 15/12")."""
    for line in unit.meta:
        if line.kind == "time":
            _label, value_start = _label_value(line)
            value = ctx.text[value_start:line.end]
            tf = timeframes.from_phrase(value, year=year)
            at = value_start
            tf.span = ctx.to_span(at, at + len(value.strip()))
            return tf
    lo = bisect_left(found, unit.start, key=_start)  # found is in plan order
    hi = bisect_right(found, unit.end, lo=lo, key=_start)
    inside = [(k, s, e) for k, s, e in found[lo:hi] if e <= unit.end]
    best = timeframes.best_in(inside, ctx.text)
    if best is None:
        return Timeframe()
    s, e = best
    tf = timeframes.from_phrase(ctx.text[s:e], year=year)
    tf.span = ctx.to_span(s, e)
    return tf


_start = itemgetter(1)  # a mention's start, as a C-level bisect key


_label_value = assign.label_value
