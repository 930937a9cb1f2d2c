"""Who must do a task, and in which role, from assignment lines and role cues.

Roles follow the annotation guide: *chủ trì* lead, *phối hợp* support, *giao* or a body
heading executor, *đề nghị* requested (it outranks *chủ trì*). A body that only receives
reports is no assignee, so only bodies at a clause start or behind a cue are taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

import regex

from ingest.lexicon import lexicon
from ingest.models import Assignment, Span
from ingest.outline import Line
from ingest.regexes import at_end
from ingest.spot import Found, by_start
from ingest.text import fold, squash

if TYPE_CHECKING:
    from ingest.tasks import Unit

RANK = {"requested": 4, "lead": 3, "executor": 2, "support": 1}
_BELONGS = re.compile(r"\s(?:trực )?thuộc\s.+$")
_AND = re.compile(r"\s+và\s+")
_BLANK = re.compile(r"\s*")
_PARENS = re.compile(r"\([^)]*\)")
_CUE_OPENING = re.compile(r"(?i)^\s*(?:đề nghị|giao)\s+")
_COMMA_AND = re.compile(r",|\bvà\b")
_DIGIT = re.compile(r"\d")


_EACH_END = at_end(r"(?i)(?:^|\s)các")


@dataclass(slots=True)
class BodyList:
    """Bodies written as one list ("Sở Tư pháp, Sở Nội vụ và các cơ quan liên quan")."""

    members: list[Found]
    start: int
    end: int


@dataclass(slots=True)
class Context:
    """What a plan tells about its bodies: defined terms and the text they are read in."""

    text: str
    bodies: list[Found]  # in plan order
    to_span: Callable[[int, int], Span]
    definitions: dict[str, list[Found]] = field(default_factory=dict)
    issuer: str | None = None  # the plan's issuer ("Ủy ban nhân dân tỉnh Hà Giang")
    footnotes: dict[str, Line] = field(default_factory=dict)  # marker ("[1]", "¹") → its note
    # does the source break a paragraph between two clean offsets? Known for a Word file,
    # whose table cells keep their paragraphs one a line (:mod:`ingest.docx`); a text copy's
    # line breaks are hard wraps, so there it is None
    breaks: Callable[[int, int], bool] | None = None
    starts: list[int] = field(init=False, repr=False)  # the bodies' starts, bisected

    def __post_init__(self) -> None:
        self.bodies = _founded(self.text, self.bodies)
        self.starts = [f.start for f in self.bodies]

    def is_issuer(self, f: Found) -> bool:
        """Does a mention name the plan's own issuer ("Ủy ban nhân dân tỉnh", "Chủ tịch UBND
        tỉnh" in a plan of UBND tỉnh Hà Giang; "Sở Công Thương" in one of that Sở)? A group
        ("các Sở") or a bare head never does."""
        if self.issuer is None or f.collective:
            return False
        name = fold(name_of(f))
        return len(name.split()) >= 2 and f"{fold(self.issuer)} ".startswith(f"{name} ")

    def within(self, start: int, end: int) -> list[Found]:
        """:func:`ingest.spot.within` of the plan's bodies: the same bisection, on their
        starts kept once instead of a key called at every step (some 100 times a plan)."""
        starts = self.starts
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        return [f for f in self.bodies[lo:hi] if f.end <= end]


def _founded(text: str, bodies: list[Found]) -> list[Found]:
    """A body named with who set it up ("Ban soạn thảo do Ủy ban Thường vụ Quốc hội thành
    lập", "Tổ công tác do Chủ tịch UBND tỉnh thành lập") is one body, the clause its name's
    own: the founder named inside it is no body of the task."""
    if " do " not in text:
        return bodies
    founded = _founded_re()
    out: list[Found] = []
    until = -1
    for f in bodies:
        if f.start < until:
            continue  # the founder, inside the name just made
        m = None if f.collective else founded.match(text, f.end)
        if m is None:
            out.append(f)
            continue
        until = m.end()
        out.append(Found(f.kind, f.start, m.end(), f.groups, squash(text[f.start:m.end()]),
                         f.collective, f.outside, f.refers))
    return out


@lru_cache(maxsize=1)
def _founded_re() -> regex.Pattern[str]:
    """:data:`ingest.bodynames.FOUNDED`, its verbs from ``[grammar] founding``."""
    from ingest.bodynames import END, FOUNDED, SP
    return regex.compile(FOUNDED.replace("{SP}", SP).replace("{END}", END),
                         founding=lexicon().bodies["grammar"]["founding"])


@lru_cache(maxsize=1)
def _tails() -> dict[str, re.Pattern[str]]:
    """Cues and head words that end a text ("... đề nghị", "... giao cho", "Thủ trưởng")."""
    lx = lexicon()
    heads = "|".join(re.escape(h) for h in lx.heads)
    return {
        "request_end": at_end(lx.pattern("roles", "request")),
        # "(?:^|\s)" matches where " " + text would have its space; a cue may open a
        # bracket after the task's words ("... ban hành Quy chế (Giao Công an tỉnh chủ trì)")
        "assign_end": at_end(rf"(?:^|[\s(]){lx.pattern('roles', 'assign')}"),
        "head_end": at_end(rf"(?:^|\s)(?i:{heads})"),
        # "gửi kết quả về Sở X", "báo cáo Chủ tịch UBND tỉnh": who receives, not who does
        "receiver_end": at_end(rf"(?:^|\s){lx.pattern('roles', 'receive')}(?:\s+(?i:{heads}))?"),
    }


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    rel = lx.bodies["grammar"]["collective"]
    heads = "|".join(re.escape(h) for h in lx.heads)
    return {
        # a head word joins names after a mark ("X, thủ trưởng các Y") or in its own case
        # ("X Thủ trưởng Y", a cell's lines run together); in lower case with no mark it is
        # a verb ("Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh ...": "lãnh đạo" leads)
        "sep": re.compile(rf"^\s*(?:(?:,|;|và|,\s*và)\s*(?:(?i:{heads})\s+)?|(?:{heads})\s+)?"
                          rf"(?:(?i:các)\s+)?$"),
        "support_end": re.compile(
            r"(?i:phối hợp)(?:\s+(?:chặt chẽ|thường xuyên|với nhau))?"
            r"(?:,\s*[\wÀ-ỹ]+(?:\s+[\wÀ-ỹ]+){0,3})?\s*(?:(?i:với|cùng)\s*)?$"),
        "verbs": re.compile(rf"^\s*,?\s*{lx.pattern('roles', 'subject_verbs')}(?![\w])"),
        # the subject's cue, after an adverb of how it acts ("X chủ động phối hợp với Y", "X
        # tiếp tục chủ trì ...": ``subject_lead_in``)
        "lead_next": re.compile(rf"^\s*,?\s*{lx.pattern('roles', 'subject_lead_in')}"
                                rf"{lx.pattern('roles', 'lead')}(?![\w])"),
        "support_next": re.compile(rf"^\s*{lx.pattern('roles', 'subject_lead_in')}"
                                   rf"{lx.pattern('roles', 'support_action')}(?![\w])"),
        # a clause of a task that opens with the action of the body it is given to
        "own_action": re.compile(
            rf"[\s\-+•–*]*{lx.pattern('roles', 'clause_lead_in')}"
            rf"(?:(?P<lead>{lx.pattern('roles', 'lead')})|"
            rf"(?P<support>{lx.pattern('roles', 'support_action')}))(?![\w])"),
        # a heading over bullets that reads on into each ("b) Chủ trì, phối hợp" / "- Sở Tài
        # chính ..."): its bodies are what the heading's cue is done with
        "lead_in": re.compile(rf"^\s*(?P<lead>{lx.pattern('roles', 'lead')},?\s*)?"
                              rf"{lx.pattern('roles', 'support')}[\s:*]*$"),
        "assign_next": re.compile(rf"^\s*{lx.pattern('roles', 'assign')}(?![\w])"),
        "request_next": re.compile(rf"^\s*{lx.pattern('roles', 'request')}(?![\w])"),
        # any verb of administrative prose ("bố trí", "tổng hợp", "thẩm định")
        "prose_next": re.compile(r"^\s*(?:" + "|".join(
            map(re.escape, sorted(lx.bodies["grammar"]["verbs"], key=len, reverse=True)))
            + r")(?![\w])"),
        # ... opening a clause, in any case ("Ưu tiên kinh phí ...", "Triển khai ...")
        "prose_start": re.compile(r"(?i)[\s\-+•–*]*(?:" + "|".join(
            map(re.escape, sorted(lx.bodies["grammar"]["verbs"], key=len, reverse=True)))
            + r")(?![\w])"),
        "standing_next": re.compile(rf"^\s*{lx.pattern('roles', 'standing')}(?![\w])"),
        "modal_next": re.compile(r"^\s*(?i:cần|phải|có trách nhiệm)(?![\w])"),
        # "Các trường đại học tại tỉnh phối hợp ...": the place, then the subject's verb
        "placed_next": re.compile(
            rf"^\s+{lx.pattern('roles', 'placed')}\s(?:(?!(?i:được|bị|và)\s)[^.;:\n]){{0,60}}?"
            rf"(?<=\s)(?P<verb>{lx.pattern('roles', 'subject_verbs')}|"
            + "|".join(map(re.escape, sorted(lx.bodies["grammar"]["verbs"], key=len, reverse=True)))
            + r")(?![\w])"),
        # "X, Y và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này"
        "condition_end": re.compile(lx.pattern("roles", "condition_end")),
        # a modal a few words on, past a passive qualifier ("... được phân công chủ trì thực
        # hiện nhiệm vụ được giao tại Kế hoạch này có trách nhiệm ...")
        "modal_later": re.compile(
            r"^[^.;:]{0,100}?\s(?i:cần|phải|có trách nhiệm|chịu trách nhiệm)(?![\w])"),
        # "Sở Tài chính, trên cơ sở đề xuất của ..., chủ trì ...": the aside up to the comma
        # after which the subject's cue or verb goes on
        "aside": re.compile(
            rf"^\s*,\s*{lx.pattern('roles', 'aside')}\s[^.;:\n]{{0,160}}?,\s*(?=(?:"
            rf"{lx.pattern('roles', 'lead')}|{lx.pattern('roles', 'support_action')}|"
            rf"{lx.pattern('roles', 'subject_verbs')})(?![\w]))"),
        "aside_start": re.compile(rf"[\s\-+•–*]*{lx.pattern('roles', 'aside')}\s"),
        # a passive clause after a list that says which of them are meant ("... được giao
        # nhiệm vụ tại Kế hoạch này, ..."; bodynames' relative clause), up to its comma or duty
        "relative": re.compile(
            rf"^\s+(?:{_alts(rel['relative_opens'])})(?:\s+(?!và\s)[^\s,;.:()]+){{0,12}}?"
            rf"(?=,|\s(?:{_alts(rel['relative_ends'])})(?![\w]))"
            # ... or, with no comma, its duty's verb and a few words up to the subject's own
            # verb ("Các đồng chí Tỉnh ủy viên được phân công theo dõi địa bàn chỉ đạo ..."); not
            # a role's cue, which gives the subject its role ("X được giao chủ trì tổ chức ...")
            rf"|^\s+(?:{_alts(rel['relative_opens'])})\s+"
            rf"(?!{lx.pattern('roles', 'lead')}|{lx.pattern('roles', 'support_action')})"
            rf"{lx.pattern('roles', 'subject_verbs')}"
            rf"(?:\s+(?!và\s)[^\s,;.:()]+){{1,6}}?"
            rf"(?=\s{lx.pattern('roles', 'subject_verbs')}(?![\w]))"),
        # the subject given its role in the passive ("Sở Y tế được giao chủ trì tổ chức ...",
        # "X được phân công phối hợp ..."): the role is the subject's, no clause naming a group
        "passive_role": re.compile(
            rf"^\s+(?:{_alts(rel['relative_opens'])})(?=\s+(?:{lx.pattern('roles', 'lead')}|"
            rf"{lx.pattern('roles', 'support_action')})(?![\w]))"),
        "relative_duty": re.compile(rf"\s(?:{_alts(rel['relative_ends'])})(?![\w])"),
        "after_cue": re.compile(lx.pattern("roles", "after_cue")),
        "inner_label": re.compile(lx.pattern("roles", "inner_label")),
        "definition": re.compile(lx.pattern("roles", "definition")),
        "subject_next": re.compile(
            r"^\s+(?!(?:" + "|".join(re.escape(w) for w in lx.patterns["roles"]["not_subject_next"])
            + r")(?![\w]))[a-zà-ỹđ]"),
        "colon_next": re.compile(r"^\s*:\s*(?P<rest>.*)", re.DOTALL),
        "request_start": re.compile(rf"\s*{lx.pattern('roles', 'request')}"),
        "encourage": re.compile(lx.pattern("roles", "encourage")),
        "order": re.compile(lx.pattern("roles", "order")),
        "agent": re.compile(lx.pattern("roles", "agent")),
        "addressed": re.compile(lx.pattern("roles", "addressed")),
        "directs": re.compile(lx.pattern("roles", "directs")),
        "directed_next": re.compile(
            rf"\s*{lx.pattern('roles', 'directed_lead_in')}"
            rf"(?:(?P<lead>{lx.pattern('roles', 'lead')})"
            rf"|(?P<support>{lx.pattern('roles', 'support_action')}))(?![\w])"),
        # a group named by its part in the tasks ("các cơ quan phối hợp": bodynames.py)
        "by_support": re.compile(rf"\s{lx.pattern('roles', 'support_action')}$"),
        "issuing_next": re.compile(rf"^\s*{lx.pattern('roles', 'issuing')}(?![\w])"),
        "cause_result": re.compile(rf"(?<![\w]){lx.pattern('roles', 'cause_result')}(?![\w])"),
        "cause_judgement": re.compile(rf"\s+{lx.pattern('roles', 'cause_judgement')}(?![\w])"),
        **_note_res(),
        "clause": re.compile(r"[.;:!?\n]|\s-\s"),
        "clause_end": re.compile(r"[.;:\n]"),
    }


def _alts(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _note_res() -> dict[str, re.Pattern[str]]:
    """The remarks on a task that say who does it (:func:`_noted`)."""
    lx = lexicon()
    subject, verb = lx.pattern("roles", "note_subject"), lx.pattern("roles", "note_verb")
    heads = _alts([*lx.bodies["grammar"]["heads"], *lx.bodies["grammar"]["lower_heads"]])
    agent = r"(?P<agent>[^.;:()\n]{2,160}?)"
    # the verb, and the remark's end where the agent is named by what it takes on
    verb_end = rf"\s+(?:(?i:sẽ|cùng)\s+)?{verb}(?![\w])(?P<closed>\s*(?=[.;)\n]|$))?"
    return {
        "note_by": re.compile(rf"(?<![\w]){subject}\s+(?:(?i:sẽ|được)\s+)*(?i:do)\s+{agent}"
                              rf"{verb_end}"),
        "note_bracket": re.compile(
            rf"\(\s*(?:(?i:sẽ)\s+)?(?:(?i:do)\s+)?{agent}\s+(?:(?i:sẽ|chịu trách nhiệm|có "
            rf"trách nhiệm)\s+)?{verb}(?![\w])\s*\)"),
        "note_given": re.compile(rf"(?<![\w]){subject}\s+(?:(?i:sẽ|được)\s+)*(?i:giao(?:\s+cho)?)"
                                 rf"(?=\s)"),
        # an agent named by what it takes on: a head, then words with no negation or tense
        # ("do Đoàn kiểm tra chưa ..." tells what the team did not do)
        "described": re.compile(rf"(?:{heads})\s(?!.*(?<![\w])(?i:không|chưa|đã|đang)(?![\w]))"),
    }


def strip_head(text: str) -> str:
    """``text`` without the head word it ends with ("... đề nghị Thủ trưởng " → "... đề
    nghị"): a head stands for the body named after it."""
    return _tails()["head_end"].sub("", text).rstrip()


def name_of(f: Found) -> str:
    return _name(f.text)


@lru_cache(maxsize=16384)
def _name(text: str) -> str:
    """A body's name as stored (a pure function of a mention's words: bodies recur); a long
    form written before its own abbreviation ("Ủy ban nhân dân UBND cấp xã", "Ủy ban nhân dân
    (UBND) các xã") is named once."""
    return _doubled().sub(r"\g<long>", lexicon().expand_abbreviations(text)).rstrip(" ,.;:")


@lru_cache(maxsize=1)
def _doubled() -> re.Pattern[str]:
    longs = "|".join(map(re.escape, sorted(lexicon().abbreviations, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?P<long>{longs})\s+(?:\((?P=long)\)|(?P=long))(?!\w)")


def lists(mentions: list[Found], text: str) -> list[BodyList]:
    """Group mentions that stand side by side, joined by commas, "và" or a head word."""
    if len(mentions) < 2:  # most texts name no body or one: nothing to join
        return [BodyList([m], m.start, m.end) for m in mentions]
    out: list[BodyList] = []
    sep = _res()["sep"].match
    for m in sorted(mentions, key=by_start):
        # a list runs on over commas and "và", never over a line break (a heading's bodies
        # and the next line's subject are two lists)
        if out and sep(text[out[-1].end:m.start]) and "\n" not in text[out[-1].end:m.start]:
            out[-1].members.append(m)
            out[-1].end = m.end
        else:
            out.append(BodyList([m], m.start, m.end))
    for group in out:
        _share_belongs(group, text)
    return out


def first_list(mentions: list[Found], text: str) -> BodyList | None:
    """``lists(mentions, text)[0]``, without grouping the mentions after it (``leading``
    only wants the list a text opens with)."""
    if len(mentions) < 2:
        return BodyList([mentions[0]], mentions[0].start, mentions[0].end) if mentions else None
    ordered = sorted(mentions, key=by_start)
    group = BodyList([ordered[0]], ordered[0].start, ordered[0].end)
    sep = _res()["sep"].match
    for m in ordered[1:]:
        if not sep(text[group.end:m.start]) or "\n" in text[group.end:m.start]:
            break
        group.members.append(m)
        group.end = m.end
    _share_belongs(group, text)
    return group


def _share_belongs(group: BodyList, text: str) -> None:
    """"các đơn vị sự nghiệp và doanh nghiệp nhà nước thuộc UBND thành phố": both belong."""
    for i in range(len(group.members) - 1, 0, -1):
        last, prev = group.members[i], group.members[i - 1]
        if not prev.collective or " thuộc " in prev.text:
            continue  # tested first: most bodies are named ones, and these tests are cheap
        m = _BELONGS.search(last.text)
        if m and _AND.fullmatch(text[prev.end:last.start] or ""):
            prev.text = prev.text + m.group()


def definitions(ctx: Context) -> None:
    """"... (sau đây viết tắt là cơ quan, đơn vị)": the term stands for the list before it."""
    for m in _res()["definition"].finditer(ctx.text):
        before = ctx.within(max(0, m.start() - 400), m.start())
        groups = lists(before, ctx.text)
        if not groups or not _BLANK.fullmatch(ctx.text[groups[-1].end:m.start()]):
            continue
        term = _term(m.group("term"))
        ctx.definitions[term] = groups[-1].members


def _term(text: str) -> str:
    return fold(text).removeprefix("cac ")


def _expand(f: Found, ctx: Context) -> list[Found]:
    if not ctx.definitions:  # most plans define no term
        return [f]
    return ctx.definitions.get(_term(f.text), [f])


def _make(f: Found, role: str, ctx: Context) -> Assignment:
    return Assignment(name=name_of(f), role=role, group=f.collective,
                      span=ctx.to_span(f.start, f.end))


def from_line(value_start: int, value_end: int, label: str, ctx: Context) -> list[Assignment]:
    """"Đơn vị thực hiện: Thanh tra Sở (chủ trì); Văn phòng Sở (phối hợp)."; also a second
    label inside the line ("...; cơ quan phối hợp: Y"), cues after a list ("X (chủ trì), Y,
    Z (phối hợp)", "X chủ trì; Y phối hợp") and before one ("X chủ trì, phối hợp với Y").
    A body the line gives no cue keeps the label's role."""
    res = _res()
    value = ctx.text[value_start:value_end]
    base = _label_role(label)
    if res["request_start"].match(value):
        base = "requested"
    out: list[Assignment] = []
    pos = 0
    for segment in value.split(";"):
        s, e = value_start + pos, value_start + pos + len(segment)
        pos += len(segment) + 1
        role = base
        inner = res["inner_label"].match(segment)
        if inner:
            role = "requested" if base == "requested" else _label_role(inner.group("label"))
            s += inner.end()
        elif res["request_start"].match(segment):
            role = "requested"  # "...; Đề nghị Tỉnh Đoàn phối hợp.": asked, whatever its cue
        parens = [(m.start() + s, m.end() + s) for m in _PARENS.finditer(ctx.text[s:e])]
        inside = [_with_complement(b, e, ctx.text)
                  for b in ctx.within(s, e) if not any(a <= b.start < z for a, z in parens)]
        covered = [(b.start, b.end) for b in inside]
        inside = _not_receivers(s, inside, ctx)
        cued = _cued_roles(s, e, inside, ctx) if role == "executor" else {}
        courtesy = role == "requested" and bool(inside) and all(map(_commanded, inside))
        for b in inside:
            # "Đề nghị các sở, ngành ...": courtesy to the issuer's own (see from_text)
            own = "executor" if courtesy else role
            for x in _expand(b, ctx):
                out.append(_make(x, cued.get(b.start, own), ctx))
        out.extend(_bracketed(parens, role, ctx))
        out.extend(_leftovers(s, e, covered, role, ctx))
    return dedupe(out)


def _bracketed(parens: list[tuple[int, int]], role: str, ctx: Context) -> list[Assignment]:
    """Bodies a bracket of an assignment line gives a part in its own clause ("Ban Công tác
    đại biểu (Viện Nghiên cứu lập pháp phối hợp chuẩn bị dự thảo)": support; "(... chủ trì
    ...)": lead; "Ban soạn thảo (Văn phòng Quốc hội là cơ quan thường trực của Ban soạn
    thảo)": the line's role, the board's standing body doing its work). They are written on
    the task's assignment line (the annotation guide); a bracket with no such clause names a
    unit of the body before it, an abbreviation or a remark, and gives no body."""
    res = _res()
    out: list[Assignment] = []
    for a, z in parens:
        first = first_list(ctx.within(a + 1, z - 1), ctx.text)
        if first is None or ctx.text[a + 1:first.start].strip():
            continue
        after = ctx.text[first.end:z - 1]
        own = ("lead" if res["lead_next"].match(after) else "support"
               if res["support_next"].match(after) else role
               if res["standing_next"].match(after) else None)
        if own is not None:
            out += [_make(x, own, ctx) for f in first.members if not ctx.is_issuer(f)
                    for x in _expand(f, ctx)]
    return out


def _with_complement(f: Found, end: int, text: str) -> Found:
    """A group in an assignment line with the words that specify it, up to the next name
    ("các tổ chức hoạt động khai thác khoáng sản", "các doanh nghiệp công nghệ số"): the line
    holds nothing but names, so words in lower case after a group's noun are its own, where
    in running text they may be the sentence's verb. A function word ("theo", "để") ends it."""
    if not f.collective:
        return f
    m = _complement().match(text, f.end, end)
    if m is None or not m.group() or fold(m.group().split()[0]) in _complement_stops():
        return f
    return Found(f.kind, f.start, m.end(), f.groups, squash(text[f.start:m.end()]),
                 f.collective, f.outside, f.refers)


@lru_cache(maxsize=1)
def _complement() -> re.Pattern[str]:
    """Words in lower case up to a name's end (a comma, a semicolon, a bracket, "và", the
    line's end), none of them a role cue ("các Ủy ban của Quốc hội phối hợp")."""
    lx = lexicon()
    cue = rf"{lx.pattern('roles', 'lead')}|{lx.pattern('roles', 'support_action')}"
    word = rf"(?!và\b|(?:{cue})(?![\w]))[a-zà-ỹđ][\wÀ-ỹ]*(?:-[\wÀ-ỹ]+)?"
    return re.compile(rf"(?:[^\S\n]+{word}){{1,8}}(?=\s*(?:[,;(.:]|\bvà\b|$))")


@lru_cache(maxsize=1)
def _complement_stops() -> frozenset[str]:
    """Function words (``[grammar] stops`` of bodies.toml, folded): where a sentence, not a
    name, goes on."""
    return frozenset(fold(w) for w in lexicon().bodies["grammar"]["stops"])


def _not_receivers(start: int, bodies: list[Found], ctx: Context) -> list[Found]:
    """The bodies of a line but those it sends something to ("... gửi kết quả về Sở Khoa học
    và Công nghệ để tổng hợp, báo cáo Chủ tịch UBND tỉnh"): a receiver is no assignee. A list
    is sent to as a whole ("gửi Sở Tư pháp, Sở Nội vụ")."""
    receiver = _tails()["receiver_end"].search
    out = []
    for group in lists(bodies, ctx.text):
        clause = _clause_start(ctx.text, start, group.start)
        if not receiver(ctx.text, clause, group.start):
            out.extend(group.members)
    return out


def _label_role(label: str) -> str:
    folded = fold(label)
    if "chu tri" in folded:
        return "lead"
    # "Cơ quan tham gia:" takes part, as "phối hợp" does (the guide: "Tham gia ..." support)
    return "support" if "phoi hop" in folded or "tham gia" in folded else "executor"


def _cued_roles(s: int, e: int, bodies: list[Found], ctx: Context) -> dict[int, str]:
    """Role of each body (by start) that a cue in ``[s, e)`` gives: "(chủ trì)" or a bare
    "chủ trì"/"phối hợp" after a list covers the bodies since the previous cue; a cue before
    a list ("phối hợp với Y") is read as in running text."""
    res = _res()
    out: dict[int, str] = {}
    cues = [m for m in res["after_cue"].finditer(ctx.text, s, e)
            if not any(b.start <= m.start() < b.end for b in bodies)]
    last = s
    for cue in cues:
        word = cue.group("role") or cue.group("role2")
        role = "lead" if fold(word) == "chu tri" else "support"
        for b in bodies:
            if last <= b.start and b.end <= cue.start():
                out[b.start] = role
        last = cue.end()
    uncued = [b for b in bodies if b.start not in out]
    if uncued:  # read as running text only when a body has no cue of its own
        by_name = {fold(a.name): a.role for a in from_text(s, e, ctx)}
        for b in uncued:
            if fold(name_of(b)) in by_name:
                out[b.start] = by_name[fold(name_of(b))]
    return out


def _leftovers(s: int, e: int, covered: list[tuple[int, int]], role: str,
               ctx: Context) -> list[Assignment]:
    """Names in a line that no pattern knows: kept as written, never dropped."""
    text = ctx.text
    cuts = [s, *[x for pair in sorted(covered) for x in pair], e]
    out = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        chunk = text[a:b]
        if not any(map(str.isupper, chunk)):
            continue  # a name opens with a capital; most gaps are ", ", " và " or "."
        chunk = _PARENS.sub(" ", chunk)
        chunk = _CUE_OPENING.sub("", chunk)
        for piece in _COMMA_AND.split(chunk):
            name = squash(_tails()["head_end"].sub("", piece)).strip(" .;:")
            # a name is its kind and a field, both capitalised ("Thông tấn xã Việt Nam"); one
            # capital opens a sentence ("Đồng thời ...") or is a head's title ("Tư lệnh")
            if sum(w[:1].isupper() for w in name.split()) >= 2 and name[:1].isupper() \
                    and not _DIGIT.search(name):
                at = text.find(name, a, b)
                span = ctx.to_span(at, at + len(name)) if at >= 0 else None
                out.append(Assignment(name=lexicon().expand_abbreviations(name), role=role,
                                      span=span))
    return out


def from_text(start: int, end: int, ctx: Context) -> list[Assignment]:
    """Bodies a task's own words assign: subjects at a clause start and bodies behind cues.

    "Đề nghị" asks a body only in the issuer's voice: the plan never asks its own issuer
    ("Sở Nội vụ tổng hợp, đề nghị Chủ tịch UBND tỉnh khen thưởng" proposes to it), and a
    body that acts earlier in the clause makes the "đề nghị" its own proposal ("Sở Tư pháp
    thẩm định, đề nghị Bộ Tư pháp hướng dẫn"): who receives a proposal is no assignee. The
    issuer asking ("UBND tỉnh đề nghị ...") is no assignee either."""
    head_end = _tails()["head_end"].sub
    res = _res()
    text = ctx.text
    mentions = ctx.within(start, end)
    out: list[Assignment] = []
    acting_in: int | None = None  # the clause where a body other than the issuer acts
    for group in lists(mentions, text):
        clause_start = _clause_start(text, start, group.start)
        prefix = text[clause_start:group.start]
        prefix = head_end("", prefix)
        after = text[group.end:min(end, group.end + 200)]
        role = _role(prefix, after)
        if role is None and prefix.rstrip().endswith("(") and (
                res["lead_next"].match(after) or res["support_next"].match(after)):
            # "Kế hoạch chuyển đổi số (Sở Khoa học và Công nghệ chủ trì)": the bracket that
            # closes a task names who leads it or takes part, as "(Giao X chủ trì)" does
            role = "lead" if res["lead_next"].match(after) else "support"
        elif role is None and group.start < end and res["encourage"].fullmatch(
                prefix.strip(_MARKS)) and _MARKER_ONLY.fullmatch(text, start, clause_start):
            role = "executor"  # "16. Khuyến khích Hội Nông dân tỉnh ...": the task is theirs
        elif role is None and res["directs"].fullmatch(prefix.strip(_MARKS)) and \
                _MARKER_ONLY.fullmatch(text, start, clause_start):
            cue = res["directed_next"].match(after)  # "Chỉ đạo các ban, ngành phối hợp ..."
            role = None if cue is None else "lead" if cue.group("lead") else "support"
        elif role is None and res["addressed"].fullmatch(prefix.strip(_MARKS)) and \
                text.startswith(":", group.end):
            role = "executor"  # "Đối với các sở, ngành: chuẩn bị báo cáo ..."
        members = group.members
        if role is None and len(members) > 1 and _OWNER_END.search(prefix):
            # "Theo đề nghị của Sở Y tế, Sở Tài chính bố trí ...": the owner's phrase ends at
            # its comma; the bodies after it are the clause's subject
            cut = next((i for i in range(1, len(members))
                        if text[members[i - 1].end:members[i].start].strip() == ","), None)
            if cut is not None:
                role = _role(head_end("", text[clause_start:members[cut].start]), after)
                if role is None and res["prose_next"].match(after):
                    role = "executor"  # any verb of administrative prose goes on from it
                members = members[cut:]
        if role == "requested":
            if acting_in == clause_start:
                continue  # the acting body's own proposal
            members = [f for f in members if not ctx.is_issuer(f)]
        elif role is not None and res["request_next"].match(after) and all(
                map(ctx.is_issuer, members)):
            continue  # "Ủy ban nhân dân tỉnh đề nghị ...": the issuer asks
        if role is None:
            continue
        if role in ("executor", "lead") and not all(map(ctx.is_issuer, members)):
            acting_in = clause_start
        # "đề nghị" to none but the issuer's own administration is courtesy: they act on their
        # own cue; a list with a body outside authority is asked as a whole ("đề nghị Viện
        # kiểm sát, Tòa án và các cơ quan, đơn vị có liên quan")
        courtesy = role == "requested" and all(map(_commanded, members))
        for f in members:
            own = (_role("", after) or "executor") if courtesy else role
            if own == "executor" and f.collective and res["by_support"].search(f.text):
                own = "support"  # "các cơ quan phối hợp có trách nhiệm ...": named by its part
            for x in _expand(f, ctx):
                out.append(_make(x, own, ctx))
    return dedupe(out)


def _commanded(f: Found) -> bool:
    """Is a mention a group of the administration's own ("các bộ, ngành", "các sở, ban,
    ngành", "UBND các huyện": ``[grammar.collective] commanded`` in bodies.toml), which an
    issuer commands even where it writes "đề nghị" in courtesy (DOMAIN.md: only a body
    outside its authority is requested)? A group outside it ("các cơ quan Trung ương", "các
    tổ chức chính trị - xã hội") and a named body (a central agency's office) are not."""
    if not f.collective or f.outside:
        return False
    words = fold(name_of(f)).removeprefix("cac ")
    return any(words == n or words.startswith((f"{n} ", f"{n},")) for n in _commanded_nouns())


@lru_cache(maxsize=1)
def _commanded_nouns() -> tuple[str, ...]:
    return tuple(fold(n) for n in lexicon().bodies["grammar"]["collective"]["commanded"])


# what may stand before a clause's first word besides it: the bullets the outline reads
# ("-", "–", "•", "+") and a comma
_MARKS = " -–•+,"
_OWNER_END = re.compile(r"(?i:\bcủa)\s*$")
# nothing but a list marker before a clause: it opens the task ("16. ", "- ", "a) ")
_MARKER_ONLY = re.compile(r"[\s\-+•–*]*(?:(?:\d{1,3}|[IVXL]{1,5}|[a-zđ])(?:\.\d{1,3})*[.)]?\s*)?")


def _clause_start(text: str, start: int, at: int) -> int:
    """Where the clause holding ``at`` opens: after the last clause mark (``clause`` in
    :func:`_res`: [.;:!?] or a line break, or " - ") in ``text[start:at]``, read left to
    right. The last [.;:!?\n] before ``at`` always ends a mark (its own, or a " - " ending in
    it), so only what follows it can hold another mark, a " - ", which needs a dash."""
    mark = max(map(text.rfind, _CLAUSE_CHARS, repeat(start), repeat(at)))
    found = start if mark < 0 else mark + 1
    if text.find("-", found - 1 if mark >= 0 else start, at) >= 0:
        for m in _res()["clause"].finditer(text, start if mark < 0 else mark, at):
            found = m.end()
    return found


_CLAUSE_CHARS = ".;:!?\n"
_BRACKET_AFTER = re.compile(r"^\s*\(\s*(?P<inner>[^()\n]{1,120}?)\s*\)")
# a place's name may join two by a dash ("tỉnh Bà Rịa - Vũng Tàu")
_PLACE_AFTER = re.compile(r"^\s*(?i:trên địa bàn)\s+(?i:tỉnh|thành phố|huyện|xã|phường)"
                          r"(?:\s+(?:[-–]\s+)?[A-ZĐ][\wÀ-ỹ]*)*")


def _role(prefix: str, after: str) -> str | None:
    res, tails = _res(), _tails()
    after = _PLACE_AFTER.sub("", after)  # "Các cơ quan trên địa bàn tỉnh thực hiện ..."
    bracket = _BRACKET_AFTER.match(after)
    if bracket:  # "Công an tỉnh (Phòng An ninh chính trị nội bộ) chủ trì ...": the unit that
        # does it for the body, then the body's verb; a cue in it is the body's ("(chủ trì)")
        inner = bracket.group("inner")
        cue = res["lead_next"].fullmatch(inner) or res["support_next"].fullmatch(inner)
        after = (f" {inner}" if cue else "") + after[bracket.end():]
    relative = res["relative"].match(after)
    passive = res["passive_role"].match(after)
    if passive and not (relative and res["relative_duty"].match(after, relative.end())):
        # "Sở Y tế được giao chủ trì tổ chức ...": it leads; but "các sở được phân công chủ
        # trì thực hiện nhiệm vụ ... có trách nhiệm ..." names the group, its duty after
        after = after[passive.end():]
    elif relative:  # "UBND các huyện được giao nhiệm vụ tại Kế hoạch này, căn cứ ..., chủ động"
        after = after[relative.end():]
    aside = res["aside"].match(after)
    if aside:
        after = " " + after[aside.end():]
    prefix = _EACH_END.sub(" ", prefix)
    bare = prefix.strip(_MARKS)
    if res["assign_next"].match(after):
        return None  # "UBND tỉnh giao X ...": who gives the task is not its assignee
    if tails["request_end"].search(bare):
        return "requested"
    if res["support_end"].search(bare):
        return "support"
    assigned = tails["assign_end"].search(bare)
    if not bare or assigned or fold(bare) in ("giao cho",):
        colon = res["colon_next"].match(after)  # "Thanh tra tỉnh: hướng dẫn, đôn đốc ..."
        if colon:
            after = " " + colon.group("rest")
        if res["lead_next"].match(after):
            return "lead"
        if res["support_next"].match(after):
            return "support"
        if res["verbs"].match(after) or assigned or colon:
            return "executor"
        if res["modal_later"].match(after) or (not bare and res["subject_next"].match(after)):
            return "executor"
        placed = None if bare else res["placed_next"].match(after)
        if placed:
            verb = placed.group("verb")
            return "lead" if res["lead_next"].match(verb) else "support" if res[
                "support_next"].match(verb) else "executor"
        return None
    if (prefix.rstrip().endswith(",") or res["condition_end"].search(prefix)) \
            and not after.lstrip().startswith(","):
        # "Trên cơ sở ..., Sở Tài chính phối hợp ...", "nếu có khó khăn, vướng mắc các cơ quan
        # báo cáo ...": the subject goes straight on to its verb
        if res["lead_next"].match(after):
            return "lead"
        if res["support_next"].match(after):
            return "support"
        if res["modal_next"].match(after) or res["verbs"].match(after) or \
                res["modal_later"].match(after):
            return "executor"
    return None


def leading(start: int, end: int, ctx: Context) -> BodyList | None:
    """The list of bodies a text opens with ("Đề nghị X", "Thủ trưởng các Sở ..."), if any."""
    tails = _tails()
    first = first_list(ctx.within(start, end), ctx.text)
    if first is None:
        return None
    prefix = tails["head_end"].sub("", ctx.text[start:first.start]).strip(_MARKS)
    if prefix and not tails["request_end"].search(prefix) and not tails["assign_end"].search(
            prefix):
        return None
    return first


_NAMES_ONLY = re.compile(r"[\s,;.:+\-–]*(?:(?:và|cùng)[\s,;.:+\-–]*)?")


def only_names(start: int, end: int, ctx: Context) -> bool:
    """Is ``text[start:end]`` nothing but names of bodies ("Bộ Quốc phòng; các Bộ, ngành.")?"""
    pos = start
    for f in ctx.within(start, end):
        if not _NAMES_ONLY.fullmatch(ctx.text, pos, f.start):
            return False
        pos = f.end
    return pos > start and bool(_NAMES_ONLY.fullmatch(ctx.text, pos, end))


def label_value(line: Line) -> tuple[str, int]:
    """A labelled line's label and where its value starts: "Cơ quan chủ trì: Sở Tư pháp",
    or a table cell, whose label is its column's."""
    if line.label:
        return line.label, line.body_start
    label, _sep, _rest = line.body.partition(":")
    at = line.body_start + len(label) + 1
    while at < line.end and line.body[at - line.body_start].isspace():
        at += 1
    return label, at


def of_unit(unit: Unit, ctx: Context) -> list[Assignment]:
    """Who does one task, and in which role (:class:`ingest.tasks.Unit`: its lines, its
    labelled lines, what it inherits). Labelled lines decide where there are any ("Cơ quan
    chủ trì: X" and "Cơ quan phối hợp: Y" together). Else the task's own words, and the bodies
    it inherits from a body heading or a shared block, in the role its own clauses give them
    ("Chủ trì ..." lead; "Phối hợp ...", "Tham gia ..." support; both: lead); a body the task's
    words name keeps the role they give it. A remark on the task naming who does it, in its
    words or in a footnote its markers point to, adds that body (:func:`_noted`)."""
    found = _of_unit(unit, ctx)
    noted = _noted(unit.start, unit.end, ctx)
    return dedupe([*found, *noted, *_footnoted(unit, ctx, [*found, *noted])])


def _of_unit(unit: Unit, ctx: Context) -> list[Assignment]:
    """Who does a task by its labelled lines, its own words and what it inherits: all of
    :func:`of_unit` but the remarks on it (:func:`_noted`, :func:`_footnoted`)."""
    from_lines: list[Assignment] = []
    for line in unit.meta:
        if line.kind == "assign":
            label, value_start = label_value(line)
            from_lines += from_line(value_start, line.end, label, ctx)
    own = from_text(unit.start, unit.end, ctx)
    if from_lines:
        # the lines say who; the text adds those it works with ("Tham mưu UBND Thành phố phối
        # hợp với Bộ Công an ...") or asks ("đề nghị ..."), never another subject of its own
        cued = [a for a in own if a.role in ("support", "requested")]
        return dedupe([*from_lines, *cued])
    person = person_heading(unit.start, unit.end, ctx)
    if person is not None:  # "Ông Nguyễn Văn A - Trưởng đoàn: ...": the item is theirs
        return dedupe([person, *(a for a in own if a.role in ("support", "requested"))])
    heritage = unit.inherited
    if not own and not heritage:
        own = _ordered(unit.start, unit.end, ctx) or _agents(unit.start, unit.end, ctx)
    if own and unit.said and leading(unit.start, unit.end, ctx) is not None:
        # it opens with its own subject ("- Đề nghị Công an tỉnh ..."): what the sentence above
        # it assigned is not its to inherit, as the annotation guide has it ("where the task
        # names none, it inherits"); a body heading's bodies still are ("6. Sở Nội vụ")
        heritage = [a for a in heritage if all(a is not s for s in unit.said)]
    heritage = _narrowed(heritage, unit, ctx)
    action = _own_action(unit.start, unit.end, ctx)
    lead_in = _res()["lead_in"].match(unit.heading or "")
    if lead_in:  # "b) Chủ trì, phối hợp" / "- Sở Tài chính ...": the bullet's bodies support
        first = leading(unit.start, unit.end, ctx)
        openers = {fold(name_of(f)) for f in first.members} if first else set()
        own = [Assignment(a.name, "support", a.key, a.group, a.span)
               if fold(a.name) in openers and a.role != "requested" else a for a in own]
        if lead_in.group("lead"):
            action = "lead"
    heirs = {same_key(a.name) for a in heritage if a.role != "requested"}
    if action == "lead":  # "Chủ trì, ..." under "9. Ủy ban nhân dân cấp xã" whose words name it
        own = [Assignment(a.name, "lead", a.key, a.group, a.span)
               if a.role == "executor" and same_key(a.name) in heirs else a
               for a in own]
    named = {same_key(a.name) for a in own}
    inherited = []
    for a in heritage:
        if same_key(a.name) in named and a.role != "requested":
            continue  # its own words say what it does here
        role = action if action and a.role != "requested" else a.role
        inherited.append(Assignment(a.name, role, a.key, a.group, a.span))
    return dedupe([*inherited, *own])


def person_heading(start: int, end: int, ctx: Context) -> Assignment | None:
    """The person an item opens with, named with an honorific and, before a colon, the part
    they play ("Ông. Hoàng Văn A - Trưởng đoàn: Phụ trách chung ...": ``person_titles`` in
    bodies.toml): the item's duties are theirs, as a person's name in a task table's bodies
    cell makes the row theirs. Their role is what the duties open with ("Chủ trì, phụ trách
    ...": lead), else executor. The name is two to five words, each capitalised."""
    text = ctx.text
    at = _MARKER_ONLY.match(text, start, end).end()
    m = _person().match(text, at, end)
    if m is None or not all(w[:1].isupper() for w in m.group("name").split()):
        return None
    action = _own_action(m.end(), end, ctx)
    role = action if action in ("lead", "support") else "executor"
    span = ctx.to_span(m.start("name"), m.end("name"))
    return Assignment(name=m.group("name"), role=role, span=span)


@lru_cache(maxsize=1)
def _person() -> re.Pattern[str]:
    """An honorific, a name of two to five words, the part in the team after a dash, a comma
    or in brackets, up to the colon that opens the duties."""
    titles = "|".join(map(re.escape, sorted(lexicon().bodies["grammar"]["person_titles"],
                                            key=len, reverse=True)))
    return re.compile(rf"(?i:{titles})\.?\s+(?P<name>[^\W\d]+(?:\s+[^\W\d]+){{1,4}}?)\s*"
                      r"(?:(?:[-–,]|\()\s*[^:;\n]{1,80}?)?\s*:")


def _ordered(start: int, end: int, ctx: Context) -> list[Assignment]:
    """The bodies a task that inherits none opens by requiring ("Yêu cầu Thủ trưởng các cơ
    quan, đơn vị, Chủ tịch UBND các huyện triển khai ..."): the issuer orders them to do it,
    as it does with "giao" (``order`` in patterns.toml)."""
    first = first_list(ctx.within(start, end), ctx.text)
    if first is None:
        return []
    prefix = _tails()["head_end"].sub("", ctx.text[start:first.start]).strip(_MARKS)
    if not _res()["order"].fullmatch(prefix):
        return []
    return dedupe([_make(x, "executor", ctx) for f in first.members if not ctx.is_issuer(f)
                   for x in _expand(f, ctx)])


def _agents(start: int, end: int, ctx: Context) -> list[Assignment]:
    """The agents of a task's passive clauses ("Nhiệm vụ cụ thể của từng thành viên do Tổ
    trưởng tổ công tác phân công": the team's head divides the work, and a head stands for
    its body), for a task that names no body in an active clause and inherits none (the
    annotation guide: where the task names none, it inherits the heading's). "do X chủ trì"
    makes X lead; any other verb of administrative prose after X, executor. Only where the
    passive is the clause's own predicate: a clause that opens with a verb tells what to do,
    and "do X ..." in it describes its object ("Triển khai Nền tảng ... do Bộ Khoa học và
    Công nghệ cung cấp"). Never the issuer (its own documents: "Kế hoạch do UBND tỉnh ban
    hành"). A clause that is nothing but a thing and who provides it ("Phương tiện: Xe ô tô
    do Văn phòng Sở bố trí", "Kinh phí do các đơn vị tự bảo đảm") gives it to that body: its
    verb, one of prose or of providing, read with its tone marks folded (OCR drops them: "bô
    trí"), for it ends the clause."""
    res = _res()
    head_end = _tails()["head_end"].sub
    text = ctx.text
    out: list[Assignment] = []
    for group in lists(ctx.within(start, end), text):
        clause = _clause_start(text, start, group.start)
        prefix = head_end("", text[clause:group.start])
        after = text[group.end:min(end, group.end + 200)]
        if not res["agent"].search(prefix) or not (res["lead_next"].match(after)
                                                   or res["prose_next"].match(after)
                                                   or _provides(after)):
            continue
        if res["prose_start"].match(prefix, _MARKER_ONLY.match(prefix).end()):
            continue  # "Ưu tiên kinh phí ... do cơ quan nhà nước chủ trì thực hiện"
        if res["issuing_next"].match(after) or _a_cause(text, clause, prefix, after):
            continue  # "Văn bản do Bộ Tư pháp ban hành ...", "Do Sở Y tế triển khai chậm nên"
        role = "lead" if res["lead_next"].match(after) else "executor"
        out += [_make(x, role, ctx) for f in group.members if not ctx.is_issuer(f)
                for x in _expand(f, ctx)]
    return dedupe(out)


def _a_cause(text: str, clause: int, prefix: str, after: str) -> bool:
    """Does the "do" before a list give a cause, not an agent? Opening its clause, with the
    sentence going on to the result ("Do Sở Y tế triển khai chậm nên ..."), or with a
    judgement of how the work went after the verb ("... do Sở Y tế triển khai chậm")."""
    res = _res()
    verb = res["prose_next"].match(after)
    if verb is not None and res["cause_judgement"].match(after, verb.end()):
        return True
    if prefix.strip(_MARKS).lower() != "do":
        return False
    sentence = _SENTENCE_REST.match(text, clause)
    return res["cause_result"].search(sentence.group()) is not None


_SENTENCE_REST = re.compile(r"[^.;!?\n]*")


def _noted(start: int, end: int, ctx: Context) -> list[Assignment]:
    """The bodies a remark on a task names as the ones doing it ("(nhiệm vụ này sẽ do Sở Tư
    pháp thực hiện)", "Nội dung này do Thanh tra tỉnh chủ trì thực hiện", "Ghi chú: nhiệm vụ
    này được giao cho Sở Nội vụ"): the task named by an anaphora (``note_subject`` in
    patterns.toml), or a bracket holding the remark alone, then "do" and the agent with a
    verb of doing the work, or "giao" and the body given it. The role is the verb's ("chủ
    trì" lead, "phối hợp" support, else executor). A "do" with no such verb (a document's
    author: "do Bộ Nội vụ ban hành"; a cause) names none."""
    text = ctx.text
    stretch = text[start:end]
    if "do" not in stretch and "giao" not in stretch and "(" not in stretch:
        return []  # most tasks have no remark
    res = _res()
    out: list[Assignment] = []
    for m in res["note_by"].finditer(text, start, end):
        out += _agent_of(m, ctx, described=True)
    for m in res["note_bracket"].finditer(text, start, end):
        out += _agent_of(m, ctx, described=False)
    for m in res["note_given"].finditer(text, start, end):
        first = first_list(ctx.within(m.end(), end), text)
        if first is None or text[m.end():first.start].strip():
            continue
        after = text[first.end:min(end, first.end + 200)]
        role = "lead" if res["lead_next"].match(after) else "support" if res[
            "support_next"].match(after) else "executor"
        out += [_make(x, role, ctx) for f in first.members if not ctx.is_issuer(f)
                for x in _expand(f, ctx)]
    return out


def _agent_of(m: re.Match[str], ctx: Context, described: bool) -> list[Assignment]:
    """The bodies of a remark's agent (``m``'s group "agent", up to the first verb of doing
    the work: "Sở Tư pháp" of "do Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thực hiện", whose
    supporter the task's own words give): the names it is made of; where ``described``, an
    agent named by what it takes on, a head and its words up to the verb that ends the remark
    ("Ủy ban của Quốc hội tiếp nhận nhiệm vụ của Ủy ban Đối ngoại", "cơ quan tiếp nhận chức
    năng, nhiệm vụ của Sở X": a body a reorganisation is still to set up), one body."""
    role = "lead" if m.group("lead") else "support" if m.group("support") else "executor"
    a, z = m.span("agent")
    if only_names(a, z, ctx):
        return [_make(x, role, ctx) for f in ctx.within(a, z) if not ctx.is_issuer(f)
                for x in _expand(f, ctx)]
    agent = m.group("agent")
    if described and m.group("closed") is not None and _res()["described"].match(agent):
        return [Assignment(name=lexicon().expand_abbreviations(squash(agent)), role=role,
                           span=ctx.to_span(a, z))]
    return []


def _footnoted(unit: Unit, ctx: Context, found: list[Assignment]) -> list[Assignment]:
    """The bodies a footnote of a task names as the ones to do a part of it ("Ủy ban Tài
    chính, Ngân sách chủ trì thẩm tra [1]" / "[1] Sau khi sửa đổi Luật ... thì nội dung này
    sẽ do Ủy ban Kinh tế và Ngân sách thực hiện"): the note tells who takes over the marked
    work, so the body it names has the role of the body the marker follows in its clause
    (lead there), else the role the note's verb gives."""
    if not ctx.footnotes:
        return []
    text = ctx.text
    roles = {same_key(a.name): a.role for a in found}
    out: list[Assignment] = []
    spans = [(unit.start, unit.end), *((ln.body_start, ln.end) for ln in unit.meta)]
    for s, e in spans:
        for m in _marker_re().finditer(text, s, e):
            note = ctx.footnotes.get(m.group("marker"))
            if note is None:
                continue
            named = _noted(note.body_start, note.end, ctx)
            marked = _marked(text, s, m.start(), ctx)
            role = None if marked is None else roles.get(same_key(name_of(marked)))
            out += [a if role is None else Assignment(a.name, role, a.key, a.group, a.span)
                    for a in named]
    return out


def _marked(text: str, start: int, at: int, ctx: Context) -> Found | None:
    """The last body named in the clause a footnote marker at ``at`` closes."""
    clause = max(_clause_start(text, start, at), text.rfind("(", start, at) + 1)
    bodies = ctx.within(clause, at)
    return bodies[-1] if bodies else None


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern[str]:
    return re.compile(lexicon().pattern("outline", "footnote_marker"))


def _provides(after: str) -> bool:
    """Is the rest of a clause after its passive agent only the agent's verb ("... do Văn
    phòng Sở tự bố trí.")? Compared folded, as OCR'd text may have lost its tone marks."""
    clause = _CLAUSE_REST.match(after)
    return clause is not None and _provision().fullmatch(fold(clause.group())) is not None


_CLAUSE_REST = re.compile(r"[^.;:\n]*")


@lru_cache(maxsize=1)
def _provision() -> re.Pattern[str]:
    """The verbs an agent may end a clause with (``[grammar] providing`` and ``verbs``), after
    an adverb (``providing_adverbs``), folded."""
    g = lexicon().bodies["grammar"]
    verbs = list({fold(v) for v in [*g["providing"], *g["verbs"]]})
    adverbs = list({fold(a) for a in g["providing_adverbs"]})
    return re.compile(rf"(?:(?:{_alts(adverbs)}) )?(?:{_alts(verbs)})")


def _narrowed(heritage: list[Assignment], unit: Unit, ctx: Context) -> list[Assignment]:
    """A task that opens with some of the bodies it inherits as its subject ("- Ban Quản lý
    Khu kinh tế chủ trì ..." under "7. Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công
    nghiệp") is theirs alone: the heading's other bodies are not its. One that opens with
    another body ("- Giao Phòng X ...") keeps the heading's (who gives it the task)."""
    if len(heritage) < 2:
        return heritage
    first = leading(unit.start, unit.end, ctx)
    if first is None:
        return heritage
    opened = {same_key(name_of(f)) for f in first.members}
    kept = [a for a in heritage if same_key(a.name) in opened]
    return kept or heritage


def _own_action(start: int, end: int, ctx: Context) -> str | None:
    """What the body a task is given to does, where a clause of it opens with that body's
    action, its subject left out: "lead" where one opens with "chủ trì" ("Chủ trì, phối hợp
    với ...", or a later "...; chủ trì kiểm định ..."), "support" where the task's first one
    opens with "phối hợp" or "tham gia" (a later "; phối hợp với X ..." is part of its own
    work, not a part in another's)."""
    res = _res()
    action = res["own_action"]
    m = action.match(ctx.text, start, end)
    found = None if m is None else "lead" if m.group("lead") else "support"
    if found is None:
        found = _after_aside(start, end, ctx)
    if found != "lead":
        for mark in res["clause_end"].finditer(ctx.text, start, end):
            m = action.match(ctx.text, mark.end(), end)
            if m is not None and m.group("lead"):
                return "lead"
    return found


def _after_aside(start: int, end: int, ctx: Context) -> str | None:
    """The action of a task that opens with an aside on what it rests on ("Căn cứ chức năng,
    nhiệm vụ, quyền hạn và theo quy định của Luật ..., các văn bản chỉ đạo của Chính phủ, Bộ,
    ngành và tỉnh, phối hợp với ..."): the aside's pieces name things, the first piece after a
    comma that opens with a verb is the body's own action ("lead" for "chủ trì", "support" for
    "phối hợp"/"tham gia"; any other verb leaves it the body's own task)."""
    res = _res()
    text = ctx.text
    opener = res["aside_start"].match(text, start, end)
    if opener is None:
        return None
    stop = res["clause_end"].search(text, opener.end(), end)
    clause_end = stop.start() if stop else end
    for comma in _COMMA.finditer(text, opener.end(), clause_end):
        at = comma.end()
        m = res["own_action"].match(text, at, clause_end)
        if m is not None:
            return "lead" if m.group("lead") else "support"
        if res["prose_next"].match(text[at:clause_end]):  # (its "^" holds at 0 only)
            return None
    return None


_COMMA = re.compile(r",")


def same_key(name: str) -> str:
    """A body's name folded, without the "các" of its plural anywhere in it: "Ủy ban nhân
    dân các xã, phường" under the heading "Ủy ban nhân dân xã, phường" is that body."""
    return _PLURAL.sub("", fold(name))


_PLURAL = re.compile(r"(?<![^\s,])cac\s+")


@lru_cache(maxsize=1)
def _foreign() -> tuple[re.Pattern[str], re.Pattern[str]]:
    f = lexicon().bodies["foreign"]
    alts = "|".join(map(re.escape, sorted(f["countries"], key=len, reverse=True)))
    # ("các Đội quy tập ở Lào": our own bodies working there)
    return (re.compile(rf"(?<![\w])(?<!ở )(?<!tại )(?:{alts})\s*$"),
            re.compile("|".join(map(re.escape, f["own"]))))


def foreign(name: str) -> bool:
    """Is a name a foreign state's body ("Ban Công tác đặc biệt Chính phủ Lào": ``[foreign]``
    of bodies.toml)? A plan works with it, never orders or requests it: no assignee."""
    ends, own = _foreign()
    return bool(ends.search(name)) and not own.search(name)


def dedupe(items: list[Assignment]) -> list[Assignment]:
    """One assignment per body; the stronger role wins (đề nghị outranks chủ trì). A foreign
    state's body is no assignee (:func:`foreign`)."""
    out: dict[str, Assignment] = {}
    for a in items:
        if foreign(a.name):
            continue
        key = same_key(a.name)
        if key not in out or (RANK[a.role] > RANK[out[key].role] and a.role == "requested"):
            out[key] = a
    return list(out.values())
