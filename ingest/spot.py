"""Rule components of the spaCy pipeline, registered by name.

Each finds one kind of span in the whole plan and puts it in ``doc.spans[kind]``; the
regular-expression match that found it rides along in ``span._.ref`` for the resolvers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ingest import bodynames, regexes, scan
from ingest.lexicon import lexicon
from ingest.nlp import REFS_KEY, offsets, pieces, text_of, token_span
from ingest.text import squash


@dataclass(slots=True)
class Found:
    """What a component matched, in clean-text characters."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]
    text: str
    collective: bool = False
    outside: bool = False
    refers: Found | None = None  # a defined term's use: the mention of what it stands for


by_start = attrgetter("start")  # a C-level key: bisect calls it at every step
_by_end = attrgetter("end")


def within(found: list[Found], start: int, end: int) -> list[Found]:
    """The items of ``found`` (sorted by start) lying inside ``[start, end)``."""
    lo = bisect_left(found, start, key=by_start)
    hi = bisect_left(found, end, lo=lo, key=by_start)
    return [f for f in found[lo:hi] if f.end <= end]


def _add(doc: Doc, key: str, found: list[Found]) -> None:
    """Put ``found`` in ``doc.spans[key]`` (by start, the longer first), each span widened
    to whole tokens; ``span._.ref`` gives its item, and :func:`refs` the items in order."""
    spans, kept = [], []
    by_chars = doc.user_data.setdefault(REFS_KEY, {})
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        span = token_span(doc, f.start, f.end, f.kind)
        if span is not None:
            by_chars[span.start_char, span.end_char] = f
            spans.append(span)
            kept.append(f)
    doc.spans[key] = spans
    doc.user_data[REFS_KEY, key] = kept


def refs(doc: Doc, key: str) -> list[Found]:
    """What the component found for ``doc.spans[key]``, span by span."""
    return doc.user_data[REFS_KEY, key]


def _no_overlap(found: list[Found]) -> list[Found]:
    """Longest match first; drop what overlaps an earlier, longer match."""
    import bisect

    kept: list[Found] = []
    starts: list[int] = []
    ends: list[int] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        i = bisect.bisect_left(starts, f.end)  # kept spans starting before f ends
        if i and ends[i - 1] > f.start:
            continue
        if i < len(starts) and starts[i] < f.end:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    return sorted(kept, key=by_start)


def _tokens(doc: Doc) -> tuple[list[str], list[int]] | None:
    """The doc's tokens (each with its trailing space) and their starts, if our tokenizer
    made it."""
    made = pieces(doc)
    return None if made is None else (made, offsets(doc)[0])


def _with_named_inside(found: list[Found]) -> list[Found]:
    """:func:`_no_overlap`, keeping also the mentions inside an amending law's title ("Luật
    sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư"): it names those laws."""
    kept = _no_overlap(found)
    amending = [f for f in kept if f.kind == "law" and f.groups.get("amend")]
    if not amending:
        return kept
    chosen = {id(f) for f in kept}
    inner = []
    for f in found:
        outer = next((a for a in amending if a.start < f.start and f.end <= a.end), None)
        if id(f) in chosen or outer is None:
            continue
        if f.end == outer.end:  # "... và Luật B năm 2019": the year is the amending law's
            f = Found(f.kind, f.start, f.end, {k: v for k, v in f.groups.items()
                                               if k not in _DATE_GROUPS}, f.text)
        inner.append(f)
    return sorted([*kept, *_no_overlap(inner)], key=by_start)


_DATE_GROUPS = ("lyear", "dd", "dm", "dy", "td", "tm", "ty")


def _scan(doc: Doc) -> dict:
    """One walk over the plan's words serves every component (kept on the doc)."""
    hits = doc.user_data.get("cancu_scan")
    if hits is None:
        made = pieces(doc)
        tokens = None if made is None else (made, offsets(doc)[0])
        hits = doc.user_data["cancu_scan"] = scan.scan(text_of(doc), tokens)
    return hits


@Language.component("cancu_documents")
def documents(doc: Doc) -> Doc:
    """Document references (numbered, by title, by anaphora) and pinpoints."""
    kinds = scan.GROUPS
    hits = _scan(doc)
    found = [Found(kinds[i], m.start(), m.end(), m.groupdict(), m.group())
             for i, m in hits["documents"]]
    _add(doc, "documents", _with_named_inside(found))
    pins = [Found("pinpoint", m.start(), m.end(), m.groupdict(), m.group())
            for _i, m in hits["pinpoints"]]
    _add(doc, "pinpoints", _no_overlap(pins))
    return doc


@Language.component("cancu_bodies")
def bodies(doc: Doc) -> Doc:
    """Names of bodies, single or collective, with the place that scopes them: those the
    tables know (``bodies.toml``), and those the grammar of names reads
    (:mod:`ingest.bodynames`)."""
    text = text_of(doc)
    found: list[Found] = []
    name_re = regexes.department_list()[1]
    end = 0
    for _i, m in _scan(doc)["departments"]:
        if m.start() < end:  # "Sở: ..." inside the "các Sở: ..." just read
            continue
        end = m.end()
        for i, n in enumerate(name_re.finditer(m.group("names"))):
            s = m.start("names") + n.start()
            # the first name's span opens at "các Sở:", so the list reads as one
            head = m.group("head").capitalize()  # "Sở", "Bộ"
            found.append(Found("body", m.start() if i == 0 else s, s + len(n.group()),
                               {"department": n.group()}, f"{head} {squash(n.group())}"))
    flags = regexes.bodies()
    for i, m in _scan(doc)["bodies"]:
        found.append(Found("body", m.start(), m.end(), {}, squash(m.group()), flags[i][1],
                           flags[i][2]))
    ends: dict[int, int] = {}
    for f in found:
        ends[f.start] = max(ends.get(f.start, f.end), f.end)
    found.sort(key=by_start)
    read = [_before_known(f, found, text)
            for f in (Found("body", n.start, n.end, {}, _read_name(text[n.start:n.end], n),
                            n.collective, n.outside)
                      for n in bodynames.find(text, _tokens(doc), _scan(doc)[scan.NAMES]))
            if not _known_whole(f, ends, text)]
    read = _ended_as_closed([f for f in read if f], found, text)
    kept = _members(_no_overlap(found + read), text)
    _add(doc, "bodies", _alternatives(kept, text))  # a tie: the table's
    return doc


def _members(found: list[Found], text: str) -> list[Found]:
    """The members of a named body are a group: written before its name ("các thành viên Ban
    Chỉ đạo tỉnh", "Thành viên Tổ công tác", "các cơ quan thành viên Đoàn kiểm tra", "Các đồng
    chí Ủy viên Ban Thường vụ Tỉnh ủy") or, a Party committee's, after it ("Các đồng chí Tỉnh
    ủy viên"). Each member acts for the body's part of the work, as a head stands for the body
    it heads. The group's name is the words with the body's; a group the grammar read of the
    members' kind alone ("các cơ quan thành viên", then the name) joins it."""
    before, after = _members_re()
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue  # the place of the members just read ("các xã" of "Công an viên các xã")
        # a group is its members' only by the suffix ("Các Huyện ủy viên")
        m = None if f.collective else before.search(text, max(0, f.start - 80), f.start)
        end = f.end
        if m is None:
            m = after.match(text, f.end)
            if m is None:
                out.append(f)
                continue
            end = m.end()
            # the members' place or scope goes with them ("Công an viên các xã")
            placed = bodynames.grammar().place.match(text, end)
            end = end if placed is None else placed.end()
            m = _titled_before().search(text, max(0, f.start - 40), f.start)
        start = f.start if m is None else m.start()
        if out and out[-1].end > start:  # "các cơ quan thành viên", read as a kind
            if not out[-1].collective or out[-1].start < start:
                out.append(f)
                continue
            start = out.pop().start
        out.append(Found(f.kind, start, end, f.groups, squash(text[start:end]), True,
                         f.outside))
    return out


def _alts(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _titled_before() -> re.Pattern[str]:
    """"các", a person's title ("đồng chí": ``[grammar] person_titles``) or both, right
    before a name on its line."""
    titles = _alts(lexicon().bodies["grammar"]["person_titles"])
    return re.compile(rf"(?<!\w)(?:(?i:các)[^\S\n]+(?:(?i:{titles})[^\S\n]+)?"
                      rf"|(?i:{titles})[^\S\n]+)$")


@lru_cache(maxsize=1)
def _members_re() -> tuple[regex.Pattern[str], re.Pattern[str]]:
    """The words that make a named body's members of it: right before its name, on its line
    (``[grammar.collective] members_of``, after "các", a person's title or a group's noun),
    and right after it (``member_suffixes``, after the words of ``member_suffixed``: "Tỉnh
    ủy viên", "Công an viên").

    The words before end where the name opens (``$`` at the end of the window searched), so
    they are searched from there backwards (``regex``'s REVERSE): a forward search tries
    every group's noun at each of the 80 characters before every name, for the one end that
    can match."""
    g = lexicon().bodies["grammar"]
    c = g["collective"]
    sp = r"[^\S\n]+"
    # members of two kinds named together ("Đoàn viên, hội viên Hội Liên hiệp Phụ nữ tỉnh")
    one = _alts(c["members_of"])
    members = rf"(?:{one})(?:(?:,{sp}|{sp}và{sp})(?:{one}))*"
    before = regex.compile(rf"(?<!\w)(?:(?i:các){sp})?(?:(?i:{_alts(g['person_titles'])}){sp})?"
                           rf"(?:(?i:{_alts(c['nouns'])}){sp})?(?i:{members}){sp}$",
                           regex.REVERSE)
    # ... the suffix after the words that take it only ("Tỉnh ủy viên", "Công an viên"; not the
    # "viên chức" after "Sở Tư pháp")
    took = "|".join(rf"(?<={re.escape(w)})" for w in c["member_suffixed"])
    after = re.compile(rf"(?i:{took}){sp}(?:{_alts(c['member_suffixes'])})(?!\w)")
    return before, after


def _read_name(written: str, n: bodynames.Name) -> str:
    """A name the grammar read, as stored: a group's without its members' heads."""
    return squash(bodynames.headless(written) if n.collective else written)


def _alternatives(found: list[Found], text: str) -> list[Found]:
    """Two names joined by "/" are one body by its alternative names ("Sở Văn hóa, Thể thao và
    Du lịch/Sở Văn hóa và Thể thao tỉnh": the department a province has by either name)."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and not prev.collective and not f.collective \
                and text[prev.end:f.start] == "/":
            out[-1] = Found(prev.kind, prev.start, f.end, {}, f"{prev.text}/{f.text}",
                            False, prev.outside or f.outside)
        else:
            out.append(f)
    return out


def _ended_as_closed(read: list[Found], known: list[Found], text: str) -> list[Found]:
    """A name the grammar read that runs on in lower case ("Trung tâm Dịch vụ việc làm phát
    triển ...": the grammar cannot tell a field's words from the verb after it) ends where
    the plan itself ends that name elsewhere: a heading, a list or an assignment line closes
    it ("3. Trung tâm Dịch vụ việc làm", "Cơ quan chủ trì: Trung tâm Dịch vụ việc làm.").
    A name the plan writes closed at its full length keeps it, and so does one that runs
    straight into the sentence's verb ("Trung tâm Dịch vụ việc làm thanh niên chủ trì ...":
    the words before the verb are its subject's, a longer name's, not a verb phrase of the
    shorter one, which would leave "thanh niên" as the verb)."""
    verb_next = _verb_next().match
    candidates = [f for f in read if not f.collective and _lower_words(f.text)
                  and not verb_next(text, f.end)]
    if not candidates:
        return read
    heads = {f.text.partition(" ")[0] for f in candidates}
    closed = {f.text for f in (*known, *read) if not f.collective
              and f.text.partition(" ")[0] in heads and not _runs_on(text, f.end)}
    cuts: dict[int, Found] = {}
    for f in candidates:
        if f.text in closed:
            continue
        for at in reversed(_lower_words(f.text)):  # the longest closed name first
            prefix = f.text[:at]
            if prefix in closed:
                words = list(_WORDS.finditer(text, f.start, f.end))
                end = words[prefix.count(" ")].end()
                cuts[id(f)] = Found(f.kind, f.start, end, f.groups, prefix, f.collective,
                                    f.outside)
                break
    return [cuts.get(id(f), f) for f in read] if cuts else read


@lru_cache(maxsize=1)
def _verb_next() -> re.Pattern[str]:
    """A verb of administrative prose or a role cue next on the line (``[grammar] verbs`` of
    bodies.toml: "chủ trì", "phối hợp", "tổ chức", ...), the sentence going on from its
    subject."""
    verbs = sorted(lexicon().bodies["grammar"]["verbs"], key=len, reverse=True)
    return re.compile(r"[^\S\n]+(?:" + "|".join(map(re.escape, verbs)) + r")(?!\w)")


_SPACE_WORD = re.compile(r" (\w)")


def _lower_words(name: str) -> list[int]:
    """Where the words in lower case of a (squashed) name open, at their spaces."""
    return [m.start() for m in _SPACE_WORD.finditer(name) if m.group(1).islower()]


_WORDS = re.compile(r"\S+")
_NEXT = re.compile(r"[^\S\n]*(\w?)")


def _runs_on(text: str, end: int) -> bool:
    """Does a lower-case word follow ``text[:end]`` on its line?"""
    m = _NEXT.match(text, end)
    return bool(m and m.group(1).islower())


def _known_whole(f: Found, ends: dict[int, int], text: str) -> bool:
    """Does a table know the name ``f`` opens with, ``f`` going on in lower case only? The
    table's name is then whole ("Sở Tư pháp" of "Sở Tư pháp tổng hợp ..."), while a capital,
    a joiner or a place goes on with it ("Sở Văn hóa, Thể thao và Du lịch", "Ban Chỉ đạo các
    tỉnh"). Groups are the grammar's to end ("các sở, ban, ngành liên quan")."""
    end = ends.get(f.start)
    if f.collective or end is None or end >= f.end:
        return False
    rest = text[end:f.end].lstrip()
    # "và" before a capital joins a field the grammar read as the name's own ("Ủy ban Kinh tế
    # và Ngân sách": it joins none that opens a body, "Sở Tư pháp và Công an tỉnh" is two),
    # but never to a name of a head the tables list whole (``[grammar] listed_heads``: "Sở
    # Công Thương và Quản lý thị trường tỉnh" is two bodies)
    joined = _JOINED_FIELD.match(rest)
    if not rest[:1].islower() or (joined and rest[joined.end()].isupper()
                                  and text[f.start:end].partition(" ")[0] not in _listed()):
        return False
    # a place goes with it: "các tỉnh, thành phố", and "Thành phố" where the table's name
    # took "Thành" for a name in capitals
    place = bodynames.grammar().place.fullmatch
    return not (place(text, end, f.end) or place(text, text.rfind(" ", f.start, end), f.end))


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(lexicon().bodies["grammar"]["listed_heads"])


_JOINED_FIELD = re.compile(r"và[^\S\n]+(?=[^\W\d_])")
_LIST_END = re.compile(r"(?:,|\s+và)?\s*$")


def _before_known(f: Found, known: list[Found], text: str) -> Found | None:
    """A group the grammar reads ends before a name a table knows that it runs into: "các
    cơ quan, đơn vị, địa phương, doanh nghiệp có vốn Nhà nước" is two bodies."""
    lo = bisect_left(known, f.start + 1, key=by_start)
    hi = bisect_left(known, f.end, lo=lo, key=by_start)
    cut = min((k.start for k in known[lo:hi] if k.end > f.end), default=None)
    if cut is None or not f.collective:
        return f
    end = f.start + len(_LIST_END.sub("", text[f.start:cut]))
    if end <= f.start:
        return None
    return Found(f.kind, f.start, end, f.groups, squash(text[f.start:end]), f.collective,
                 f.outside)


@Language.component("cancu_roles")
def roles(doc: Doc) -> Doc:
    """Role cues: chủ trì (lead), phối hợp (support), giao (assign), đề nghị (request)."""
    found = [Found(regexes.ROLES[i], m.start(), m.end(), {}, m.group())
             for i, m in _scan(doc)["roles"]]
    _add(doc, "roles", _no_overlap(found))
    return doc


@Language.component("cancu_timeframes")
def timeframes(doc: Doc) -> Doc:
    """Deadlines and periods: "quý IV/2023", "trước ngày 31/5", "thường xuyên"."""
    from ingest import timeframes as tf

    text = text_of(doc)
    kinds = [k for k, _p in tf.patterns()]
    found = []
    for i, m in _scan(doc)["timeframes"]:
        hit = tf.accept(kinds[i], m, text)
        if hit is not None:
            kind, s, e, groups = hit
            found.append(Found(kind, s, e, groups, text[s:e]))
    _add(doc, "timeframes", found)
    return doc
