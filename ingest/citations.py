"""Resolution of document mentions to citations: number, type, issuer, date, title, key.

A law named by title resolves through the catalogue of known documents; one the catalogue
does not know keeps its title and stays unresolved, never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

from ingest.lexicon import KnownDocument, lexicon, number_key
from ingest.models import Citation, Mention, Pinpoint, Span
from ingest.regexes import CAPITAL, DATE
from ingest.spot import Found, by_start, within
from ingest.text import fold, from_roman, slug, squash, to_roman


@lru_cache(maxsize=1)
def _issuer_re() -> re.Pattern[str]:
    """"..., của <issuer>" after a number: the issuer's name opens with a capital, an accented
    one too ("của Ủy ban nhân dân tỉnh"), and ends where the title (in lower or sentence
    case) or the sentence goes on,
    or where the next document of a list begins ("... của Ban Thường vụ Tỉnh ủy và Kế hoạch
    số 24/KH-UBND", "... của Ủy ban Thường vụ Quốc hội và Pháp lệnh ..."; the type words are
    the catalogue's and the kinds of titled documents)."""
    lx = lexicon()
    words = sorted({*(t.name for t in lx.types), *lx.documents["law_titles"]["kinds"]},
                   key=len, reverse=True)
    types = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"^\s*,?\s*của\s+(?P<issuer>{CAPITAL}[^,;.()“\"]*?)"
        r"(?=\s+(?:về|quy định|hướng dẫn|ban hành|đánh giá|gửi|triển khai|phê duyệt|sửa đổi"
        r"|bổ sung|thay thế|bãi bỏ|thực hiện|tăng cường|chỉ đạo|ngày)\b|[,;.(“\"]|$"
        # a title in sentence case ("của UBND tỉnh Sửa đổi, bổ sung ...", "của Bộ trưởng Bộ
        # Công Thương Ban hành Quy chuẩn ..."): verbs no body's name holds
        r"|\s+(?:Về|Quy định|Hướng dẫn|Ban hành|Phê duyệt|Sửa đổi|Bổ sung|Thay thế|Bãi bỏ)\b"
        rf"|\s+và\s+(?:các\s+)?(?:{types})\b)")


_PIN_JOINT = re.compile(r"^\s*(?:,|;)?\s*(?:và\s*)?$")
_GAP_PIN = re.compile(r"^[\s,]*(?:(?:của|tại|theo)\s+)?$")
_SPACES = re.compile(r"\s+")
_GAP_LEAD = re.compile(r"[\s,]*")  # _GAP_PIN's parts, to find where such a gap may end
_GAP_WORD = re.compile(r"(?:của|tại|theo)\s+")
_NOT_TITLE = re.compile(r"(?:của|và|để|nhằm|thì|đã|được|ngày)\b")  # "ngày /4/2026": a blank date
# words the sentence goes on with after a number, never a title's first word unless "về"
# opens it ("... Quy định 132-QĐ/TW theo tiến độ ...", "... số 12/KH-UBND trong năm 2025";
# "Nghị định số 59/2012/NĐ-CP ... về theo dõi tình hình thi hành pháp luật" has a title)
_RUNS_ON = re.compile(r"(?:theo|tại|trong|với|cho|trên|là|có|sẽ|cần|phải|đến|từ|khi|nêu)\b")


def _no_title(t: re.Match[str]) -> bool:
    """Is a match of :func:`_title_re` no title but the sentence going on?"""
    title = t.group("title")
    if _NOT_TITLE.match(title):
        return True
    return not t.group(0)[:t.start("title") - t.start()].strip(" ,") and bool(
        _RUNS_ON.match(title))


_COMMA_GAP = re.compile(r"\s*,?\s*")


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern[str]:
    """A numbered document's title, after its number and issuer: it ends where the sentence
    does, where the next document of a list begins ("..., Nghị quyết số 04-NQ/TW", "..., Luật
    X", "... và Luật Viên chức"; the type words are the catalogue's), or at the body the
    sentence goes on with, or where it says what amended the document, or where the next
    number of a list of one type's numbers begins (", số 58/2023/NĐ-CP", "và số ..."). A
    title may open with
    a type word ("về Chương trình hành động"), never with the next numbered reference."""
    types = "|".join(re.escape(t.name) for t in sorted(lexicon().types, key=lambda t: -len(t.name)))
    return re.compile(
        r"^\s*(?:,\s*)?(?:về việc\s+|về\s+)?"
        rf"(?P<title>(?!(?:{types})\s+(?:số\s*)?\d|(?:Luật|Bộ luật|Hiến pháp)\b|về\b|(?i:số)\s+\d)"
        # a line broken in mid-title (a hard-wrapped copy) goes on in lower case
        r"[\w“\"](?:[^;\n|]|\n(?=[a-zà-ỹđ])){2,399}?)"
        # ... or where its line ends and the next does not go on in lower case, or where a
        # table's cell ends ("| Ủy ban Thường vụ Quốc hội |": the next column)
        r"(?=;|\.\s|\.$|\s\(|\s*\||\n|, (?:đồng thời|trong đó)"
        # "..., được sửa đổi, bổ sung tại Nghị quyết số ...": the amending document is apart
        r"|,?\s+(?:đã\s+)?được\s+sửa đổi"
        rf"|,\s+(?:{types})\s+(?:số\s*)?\d|,\s+(?:Luật|Bộ luật|Hiến pháp)\b"
        # a list of one type's numbers: "Nghị định số 37/2019/NĐ-CP ..., số 58/2023/NĐ-CP ...
        # và số 22/2025/NĐ-CP ...": each number opens a document of its own
        r"|(?:,|\s+và)\s+(?i:số)\s+\d+(?:/|-[A-ZĐ])"
        r"|\s+và\s+(?:các\s+)?(?:Luật|Nghị định|Thông tư|Quyết định|Chỉ thị|Nghị quyết|Kế hoạch)\b"
        r"|,\s+(?:Ủy ban nhân dân|UBND|Sở|Thanh tra|Hội đồng nhân dân|Chủ tịch)\b|$)")


def _date(g: dict[str, str | None]) -> str | None:
    if g.get("dy"):
        d, m, y = g["dd"], g["dm"], g["dy"]
    elif g.get("ty"):
        d, m, y = g["td"], g["tm"], g["ty"]
    else:
        return None
    try:
        day, month, year = int(d), int(m), int(y)
    except (TypeError, ValueError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _clean_number(text: str) -> str:
    return _SPACES.sub("", text)


def _rejoined(sym: str) -> str:
    """"61/2018/NĐCP": a copy that lost the hyphen between the type code and the issuer code
    (a PDF's text layer drops it) gives it back, where the symbol is a known type code then a
    known issuer code, and is no issuer's code itself ("TTCP" is Thanh tra Chính phủ's)."""
    lx = lexicon()
    if "-" in sym or sym.upper() in lx.issuer_codes:
        return sym
    for n in (4, 3, 2):  # "TTLT", "CTr", "NĐ": the longest code first
        head, rest = sym[:n], sym[n:]
        if head.upper() in lx.type_by_code and rest and rest.upper() in lx.issuer_codes:
            return f"{head}-{rest}"
    return sym


def _with_type_code(sym: str, type_word: str | None) -> str:
    """"Chỉ thị 10/TTg" is Chỉ thị 10/CT-TTg: an administrative number (no year) written
    without its type code gets the code of the type word before it, where the rest is a
    known issuer. A normative number is never completed: a National Assembly resolution is
    "163/2024/QH15", its number carries no type code."""
    lx = lexicon()
    t = lx.type_by_name.get(fold(type_word)) if type_word else None
    head = sym.split("-")[0].upper()
    if t is None or t.bare or not t.code or head in lx.type_by_code:
        return sym
    if head not in lx.issuer_codes:
        return sym
    return f"{t.code}-{sym}"


def _type_from_symbol(sym: str) -> str | None:
    lx = lexicon()
    head = sym.split("-")[0].upper()
    t = lx.type_by_code.get(head)
    if t is not None and "-" in sym:
        return t.name
    return "Công văn" if "-" in sym or "/" not in sym else None


def _issuer_from_symbol(sym: str) -> str | None:
    lx = lexicon()
    parts = sym.split("-")
    codes = parts[1:] if len(parts) > 1 and parts[0].upper() in lx.type_by_code else parts
    names = [lx.issuers.get(c) or lx.issuers.get(c.upper()) for c in codes]
    names = [n for n in names if n]
    return ", ".join(names) if names else None


def from_numbered(f: Found, text: str) -> Citation:
    """A citation from a numbered mention; the words after it give issuer and title."""
    g = f.groups
    lx = lexicon()
    type_word = g.get("type")
    number: str | None
    issuer: str | None = None
    standard = False
    if g.get("pnum") or g.get("bpnum"):
        p = "b" if g.get("bpnum") else ""
        number = f"{g[p + 'pnum']}-{g[p + 'ptype']}/{g[p + 'pbody']}"
        type_name = type_word or (lx.type_by_code.get(g[p + "ptype"].upper()).name
                                  if lx.type_by_code.get(g[p + "ptype"].upper()) else None)
        issuer = lx.issuers.get(g[p + "pbody"])
    elif g.get("std") or g.get("bstd"):
        number = squash(g.get("std") or g.get("bstd") or "")
        # "QCVN 01:2019/BCT" is a technical regulation, "TCVN 9001:2015" a standard
        scheme = lx.type_by_code.get(number.split(" ")[0].upper())
        type_name = scheme.name if scheme is not None else "Tiêu chuẩn"
        standard = True
    elif g.get("blank"):
        number = None
        type_name = type_word
    else:
        p = "" if g.get("num") else "b"
        year = g.get(p + "year")
        sym = _rejoined(_clean_number(g[p + "sym"]))
        if not year:  # a normative number ("163/2024/QH15") is kept as written
            sym = _with_type_code(sym, type_word)
        number = f"{g[p + 'num']}/{year}/{sym}" if year else f"{g[p + 'num']}/{sym}"
        type_name = type_word or _type_from_symbol(sym)
        issuer = _issuer_from_symbol(sym)
    if type_name:
        type_name = lx.type_by_name.get(fold(type_name), None).name \
            if lx.type_by_name.get(fold(type_name)) else type_name
    after = text[f.end:f.end + 600]
    m = _issuer_re().match(after)
    date = _date(g)
    if m:
        issuer = lx.expand_abbreviations(squash(m.group("issuer")))
        after = after[m.end():]
        late = _LATE_DATE.match(after)
        if late:  # "số 411/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022": its date all the same
            date = date or _date(late.groupdict())
            after = after[late.end():]
    title = None
    if not standard:
        t = _title_re().match(after)
        if t and not _no_title(t):
            title = _balanced(squash(t.group("title")).rstrip(",;:")) or None
    cite = Citation(type=type_name, number=number, title=title, date=date, issuer=issuer)
    return _resolve_known(cite)


# a document's date written after its issuer rather than its number (Nghị định 30/2020 puts it
# after the number; some plans write "số 411/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022")
_LATE_DATE = re.compile(rf"\s*,?\s*ngày\s+{DATE}")


def _balanced(title: str) -> str:
    """A title without the closing bracket of the aside it was named in ("(thay thế Nghị
    quyết số 1170/2016/NQ-UBTVQH13 ... ban hành Quy chế hoạt động đối ngoại của Quốc hội)")."""
    while title.endswith(")") and title.count(")") > title.count("("):
        title = title[:-1].rstrip()
    return title


def _resolve_known(cite: Citation) -> Citation:
    lx = lexicon()
    if cite.number:
        known = lx.known_by_number.get(number_key(cite.number))
        if known:
            _fill(cite, known)
        else:
            type_slug = lx.slug_by_type_name.get(cite.type, "vb")
            cite.key = f"{type_slug}/{slug(cite.number)}"
            cite.resolved = True
    return cite


def _fill(cite: Citation, known: KnownDocument) -> None:
    cite.number = known.number or cite.number
    cite.type = known.type
    cite.key = known.key
    cite.resolved = True
    cite.title = cite.title or known.title
    cite.date = cite.date or known.date
    cite.issuer = cite.issuer or known.issuer


AsOf = int | str | None  # the plan's date (ISO) or, where it has none, its year


def from_law_title(f: Found, as_of: AsOf = None) -> Citation:
    """A law, the Constitution or a treaty named by its title."""
    g = f.groups
    lx = lexicon()
    if g.get("hp"):
        year = g.get("hyear")
        title = "Hiến pháp" + (f" năm {year}" if year else "")
        return Citation(type="Hiến pháp", number=None, title=title,
                        date=None, key=f"hien-phap/{year or 'khong-ro'}")
    if g.get("cu"):
        title = f"Công ước {squash(g['cutitle'])}"
        known = lx.known_by_title.get(lx.fold_title(title), [])
        if known:
            title = known[0].title
        return Citation(type="Công ước", number=None, title=title, date=None,
                        key=known[0].key if known else f"cu/{slug(title)}")
    kind = _kind_name(g.get("kind"))
    year = g.get("lyear") or g.get("ty") or g.get("dy")
    amend = bool(g.get("amend"))
    body = squash(g["alist"] if amend else g.get("given") or g["title"])
    title = f"{kind} {squash(g['amend'])} {body}" if amend else f"{kind} {body}"
    revision = g.get("rev") or g.get("brev")
    if revision:  # "Luật X (sửa đổi)": the law that will replace X, not X in force
        title = f"{title} ({squash(revision)})"
        return Citation(type=kind, number=None, title=title + (f" năm {year}" if year else ""),
                        date=None, key=_titled_key(kind, title, year))
    candidates = lx.known_by_title.get(lx.fold_title(title), [])
    if amend:
        # "... của Luật Xây dựng số 62/2020/QH14": a number in the list the catalogue knows as
        # an amending law is this law's own
        own = [k for n in _LAW_NUMBER.findall(body)
               if (k := lx.known_by_number.get(number_key(n))) and _amends(k)]
        if own:
            candidates = own
            year = year or str(own[0].year)
        elif not year:
            candidates = []  # a law has had several amending laws: without a year, none is
    if year:
        candidates = [k for k in candidates if str(k.year) == year]
        dated = _date(g)  # "ngày 16 tháng 6 năm 2025": the law passed that day, of two that year
        if dated and any(k.date == dated for k in candidates):
            candidates = [k for k in candidates if k.date == dated]
    elif as_of is not None:
        # no year given: the version in force when the plan was written; if the catalogue
        # knows only later ones, the law stays unresolved (never guessed)
        candidates = [k for k in candidates if _passed_by(k, as_of)]
    if candidates:
        # the latest of them: of two passed in one year, the later by its date
        known = max(candidates, key=lambda k: (k.year or 0, k.date or ""))
        # the title as the plan writes it ("Luật Ban hành văn bản QPPL"), the number, date
        # and issuer the catalogue knows
        cite = Citation(type=known.type, number=known.number or None, title=title, date=None)
        _fill(cite, known)
        cite.date = None if not year else cite.date
        return cite
    if amend:
        return Citation(type=kind, number=None, title=title, date=None,
                        key=_titled_key(kind, title, year))
    return Citation(type=kind, number=None, title=title + (f" năm {year}" if year else ""),
                    date=None, key=_titled_key(kind, title, year))


def _kind_name(written: str | None) -> str:
    """The kind of a titled document as the catalogue names it ("Bộ Luật" is "Bộ luật")."""
    if not written:
        return "Luật"
    folded = fold(written)
    return next((k for k in _LAWS if fold(k) == folded), written)


def _titled_key(kind: str, title: str, year: str | None) -> str:
    """The key of a document named by its title the catalogue does not know: laws and codes
    under "luat/", another kind (an ordinance) under its type's slug."""
    prefix = "luat" if kind in ("Luật", "Bộ luật") else lexicon().slug_by_type_name.get(kind, "vb")
    return f"{prefix}/{slug(title)}" + (f"-{year}" if year else "")


_LAW_NUMBER = re.compile(r"\d+/(?:19|20)\d\d/QH\d+")


def _amends(k: KnownDocument) -> bool:
    return fold(k.title).startswith(("luat sua doi", "bo luat sua doi"))


def _passed_by(k: KnownDocument, as_of: int | str) -> bool:
    """Was the law passed by the plan's date (or in its year or before, when only the year
    is known)? A law passed but not yet in force is the one a plan implementing it means."""
    if isinstance(as_of, int):
        return (k.year or 0) <= as_of
    return (k.date or f"{k.year or 0:04d}-12-31") <= as_of


@lru_cache(maxsize=1)
def _basis_res() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    out = {k: re.compile(lx.pattern("header", k))
           for k in ("basis", "not_basis", "issuing_clause", "not_basis_line", "type_heading",
                     "attached_note", "implements", "carried_out")}
    out["footnote_marker"] = re.compile(lx.pattern("outline", "footnote_marker"))
    return out


_MARKUP = " *_\t"
_CLAUSE = re.compile(r"[^;]+")
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐ])")


def basis_spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The stretches of a preamble that name what the plan rests on: each paragraph that
    opens with a basis word ("Căn cứ", "Thực hiện", "Trên cơ sở"), and the paragraphs a
    basis list goes on into (after "Căn cứ:" or a ";"), up to the issuer's own clause
    ("..., Ủy ban nhân dân tỉnh ban hành Kế hoạch") or the sentence's end; clauses saying
    who proposed the plan ("Xét đề nghị ...") left out. A line broken in mid-clause (a copy
    with hard line breaks) is read with the next. Each stretch comes with whether it says
    what the plan carries out ("Thực hiện ...", "Triển khai ...") rather than rests on."""
    res = _basis_res()
    paragraphs: list[list[int]] = []
    for start, end in lines:
        prev = text[paragraphs[-1][0]:paragraphs[-1][1]].rstrip(_MARKUP) if paragraphs else ""
        if prev and prev[-1] not in ".;:" and not _opens(text[start:end], res):
            paragraphs[-1][1] = end
        else:
            paragraphs.append([start, end])
    out: list[tuple[int, int, bool]] = []
    implements = False
    listing = False  # the paragraph before was a basis that goes on (";" or ":")
    title = False  # the paragraph before was a type heading: this one is the title
    notes = [bool(res["attached_note"].match(text[a:b])) for a, b in paragraphs]
    for i, (start, end) in enumerate(paragraphs):
        body = text[start:end]
        lead = len(body) - len(body.lstrip(_MARKUP + "-–+•"))
        opened = text[start + lead:end].rstrip(_MARKUP)
        was_title, title = title, bool(res["type_heading"].match(opened))
        was_title = was_title or (i + 1 < len(notes) and notes[i + 1])  # "(Kèm theo ...)" below
        if was_title or res["not_basis"].match(opened) or res["not_basis_line"].match(
                opened) or not (res["basis"].match(opened) or listing):
            listing = False
            continue
        if res["basis"].match(opened):
            implements = bool(res["implements"].match(opened))
        stop = end
        issuing = res["issuing_clause"].search(text, start + lead, end)
        if issuing is not None:
            stop = issuing.start()
        sentence = _SENTENCE_END.search(text, start + lead, stop)
        if sentence is not None:
            stop = sentence.start()
        marker = res["footnote_marker"]
        for m in _CLAUSE.finditer(text, start + lead, stop):
            if not res["not_basis"].match(m.group().strip(_MARKUP)):
                # "...năm 2018;¹": a footnote marker after the clause's ";" is the clause's
                note = marker.match(text, m.end() + 1) if text[m.end():m.end() + 1] == ";" else None
                out.append((m.start(), note.end() if note else m.end(), implements))
        listing = stop == end and text[start:end].rstrip(_MARKUP)[-1:] in (";", ":")
    return out


def article_stretches(text: str, lines: list[tuple[int, int]], body: int
                      ) -> list[tuple[int, int]]:
    """The stretches of a decision's own articles ("Điều 1. Ban hành kèm theo ...", "Điều 2.
    ..."): the gaps the outline left between the preamble's lines (``lines``, which it gives
    without them) and before the attached plan's body (from ``body``) where an article opens
    a line."""
    if not lines:
        return []
    article = _article_line()
    ends = [e for _s, e in lines]
    starts = [s for s, _e in lines[1:]] + [body]
    return [(a, b) for a, b in zip(ends, starts, strict=True)
            if b > a and article.search(text, a, b) is not None]


@lru_cache(maxsize=1)
def _article_line() -> re.Pattern[str]:
    """An article opening a line, past markup ("**Điều 2.**")."""
    article = lexicon().pattern("outline", "article").removeprefix("^")
    return re.compile(rf"(?m)^[ \t*_#]*{article}")


def _opens(line: str, res: dict[str, re.Pattern[str]]) -> bool:
    """Does a line open a clause of its own (a basis word, a bullet, a decision's words)?"""
    stripped = line.lstrip(_MARKUP)
    return bool(stripped[:1] in "-–+•" or any(
        res[k].match(stripped) for k in ("basis", "not_basis", "not_basis_line", "attached_note")))


@lru_cache(maxsize=1)
def _term_res() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    return {k: re.compile(lx.pattern("citations", k))
            for k in ("defined_term", "named_term", "not_term_next")}


_TERM_REACH = 400  # characters a definition may stand after the mention it names


def with_terms(text: str, docs: list[Found]) -> list[Found]:
    """``docs`` (sorted by start) with the uses of the terms the plan defines for a document
    ("Quyết định số 7619/QĐ-BCA ... (sau đây gọi là Chương trình MTQG)", "Luật Bảo vệ dữ liệu
    cá nhân (sau đây viết gọn là Luật)", "... (Chương trình MTQG)"): each later use of the
    term is a mention of the document the term was defined after (kind "term"), as the
    annotation guide has it. The term's head word alone ("Chương trình") is not the term: it
    names any document of its type."""
    res = _term_res()
    terms: list[tuple[str, int, Found]] = []  # (term, where its definition ends, document)
    for kind in ("defined_term", "named_term"):
        for m in res[kind].finditer(text):
            term = squash(m.group("term")).strip(" .,;*_")
            if not term or re.search(r"\d+\s*/", term):
                continue  # "(Nghị quyết số 50/NQ-CP)": a number is a mention of its own
            head = next((t.name for t in lexicon().types
                         if term == t.name or term.startswith(t.name + " ")), None)
            if head is None:
                continue  # "(gọi tắt là Ban Chỉ đạo quốc gia)": a body the document sets up
            doc = _defined_after(docs, m.start(), text, head)
            if doc is not None and not any(t == term for t, _e, _d in terms):
                terms.append((term, m.end(), doc))
    if not terms:
        return docs
    out = list(docs)
    for term, after, doc in terms:
        named = _named_in_title(term, doc, text)
        for phrase in (term, *([named] if named else [])):
            words = r"\s+".join(map(re.escape, phrase.split()))
            for m in re.compile(rf"(?<![\w]){words}(?![\w])").finditer(text, after):
                if phrase == term and res["not_term_next"].match(text, m.end()):
                    continue
                out.append(Found("term", m.start(), m.end(), {}, m.group(), refers=doc))
    return _kept_apart(out)


_NAMED_WORDS = 5  # the fewest words of a full name that stands for its document


def _named_in_title(term: str, doc: Found, text: str) -> str | None:
    """The full name a term abbreviates, where the title of the document it was defined for
    holds it from the term's head word to its end ("Quyết định số 7619/QĐ-BCA ... phê duyệt
    Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 (Chương trình MTQG)": the
    programme's name written in full later is the term written in full, and names that
    document as the term does). A short name ("Chương trình hành động") names too many."""
    if doc.kind != "numbered":
        return None
    title = from_numbered(doc, text).title or ""
    head = term.split()[0]
    at = re.search(rf"(?<![\w]){re.escape(head)}\s", title)
    if at is None:
        return None
    named = title[at.start():].strip(" .,;")
    return named if named != term and len(named.split()) >= _NAMED_WORDS else None


def with_given_titles(text: str, docs: list[Found]) -> list[Found]:
    """``docs`` with each later use of a title the plan gives in full with its number
    ("Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng số 26/2005/PL-UBTVQH11"): a
    mention of that title whole, though it holds the words that end a title in running text
    ("... theo quy định của Pháp lệnh Ưu đãi người có công với cách mạng."); the shorter
    mention the scan made of it gives way."""
    given = {(d.groups["kind"], squash(d.groups["given"])) for d in docs
             if d.kind == "law" and d.groups.get("given")}
    if not given:
        return docs
    found: list[Found] = []
    for kind, title in given:
        words = r"\s+".join(map(re.escape, f"{kind} {title}".split()))
        for m in re.finditer(rf"(?<![\w]){words}(?![\w])", text):
            found.append(Found("law", m.start(), m.end(), {"kind": kind, "given": title},
                               m.group()))
    spans = [(f.start, f.end) for f in found]
    kept = [d for d in docs if not (d.kind == "law" and not d.groups.get("amend") and any(
        a <= d.start and d.end <= b and (a, b) != (d.start, d.end) for a, b in spans))]
    starts = {d.start for d in kept}
    return sorted(kept + [f for f in found if f.start not in starts], key=by_start)


@lru_cache(maxsize=1)
def _split_res() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    return {k: re.compile(lx.pattern("citations", k)) for k in ("number_break", "draft_opening")}


def mentions(text: str, found: list[Found]) -> list[Found]:
    """The plan's document mentions: what the scan found (``found``, by start), with numbers
    broken over a page's foot made whole (:func:`with_split_numbers`), titles the plan gives
    in full, laws listed after one kind word, the drafts a plan of drafting work names left
    out (:func:`without_drafts`), and the terms the plan defines."""
    docs = with_given_titles(text, with_split_numbers(text, found))
    return with_terms(text, without_drafts(text, with_listed_laws(text, docs)))


def with_split_numbers(text: str, docs: list[Found]) -> list[Found]:
    """``docs`` with the numbers a page break or a line break cut in two ("Nghị định số
    59/2019/" at a page's foot, its page number, then "NĐ-CP ngày ..." on the next page): one
    mention, from its type word to its date. A break is a line end right after the number's
    "/" or "-" and what a page's foot leaves between (blank lines, a page number, "Trang 3/12":
    ``[citations] number_break``); the number is read as if it were whole, and its mention
    spans both parts of the source. A break with nothing but one line end is read by the scan
    itself (a number's parts may be spaced)."""
    from ingest.regexes import document_ref

    brk = _split_res()["number_break"]
    ref = document_ref()
    found: list[Found] = []
    for b in brk.finditer(text):
        if b.group().count("\n") < 2:
            continue  # one line end only: the scan reads the number across it
        lo = max(0, b.start() - 80)
        joined = text[lo:b.start()] + text[b.end():b.end() + 300]
        cut = b.start() - lo  # where the second part begins in ``joined``
        for m in ref.finditer(joined, 0, len(joined)):
            if m.start() >= cut or m.end() <= cut:
                continue
            start = lo + m.start()
            end = b.end() + (m.end() - cut)
            found.append(Found("numbered", start, end, m.groupdict(), text[start:end]))
            break
    if not found:
        return docs
    kept = [d for d in docs if not any(f.start < d.end and d.start < f.end for f in found)]
    return sorted(kept + found, key=by_start)


def without_drafts(text: str, docs: list[Found]) -> list[Found]:
    """``docs`` without the drafts a plan of drafting work names as its tasks' products: an
    amending law or a law "(sửa đổi)" named by its title alone (no year, date or number) at
    the opening of an item or a table cell ("| Luật sửa đổi, bổ sung một số điều của Luật Tổ
    chức Quốc hội và các luật khác ... | Ủy ban Thường vụ Quốc hội |", "2. Luật Phòng, chống
    ma túy (sửa đổi)"). The item is the document to be made, which no one can cite yet (the
    annotation guide cites documents a task rests on); the laws it amends, named inside its
    title, are cited. A bullet of a basis list is no such opening ("- Luật sửa đổi ...;")."""
    opening = _split_res()["draft_opening"]
    out = []
    for d in docs:
        g = d.groups
        if d.kind == "law" and (g.get("amend") or g.get("rev") or g.get("brev")) and not (
                g.get("lyear") or g.get("ty") or g.get("dy")) and not _NUMBER_NEXT.match(
                text, d.end):
            line = text.rfind("\n", 0, d.start) + 1
            if opening.fullmatch(text, line, d.start):
                continue
        out.append(d)
    return out


_NUMBER_NEXT = re.compile(r"\s*,?\s*(?i:số)\s*\d")


def with_listed_laws(text: str, docs: list[Found]) -> list[Found]:
    """``docs`` with the laws a list names after one kind word and a colon ("các Luật: Cán
    bộ, công chức; Viên chức", see :func:`ingest.regexes.listed_laws`), each a mention of
    its own (kind "law"); the list ends at the first title the catalogue does not know."""
    from ingest.regexes import listed_laws

    _opening, item = listed_laws()
    found: list[Found] = []
    for m in _list_res()["opening"].finditer(text):
        kind = _kind_name(squash(m.group("kind")))
        at = m.end()
        while (t := item.match(text, at)) is not None:
            end = t.end("lyear") if t.group("lyear") else t.end("title")
            found.append(Found("law", t.start(), end, {
                "kind": kind, "title": squash(t.group("title")), "lyear": t.group("lyear")},
                text[t.start():end]))
            if not t.group("joint"):
                break
            at = t.end()
    found += _laws_after_one(text, docs, item)
    if not found:
        return docs
    taken = [(f.start, f.end) for f in found]
    kept = [d for d in docs if not any(a < d.end and d.start < b for a, b in taken)]
    return sorted(kept + found, key=by_start)


@lru_cache(maxsize=1)
def _list_res() -> dict[str, re.Pattern[str]]:
    """A list's joint, the end of a title in it, and a title the catalogue does not know (in
    sentence case, up to the words that end a title in running text: [law_titles]); never a
    body's name or another document's type ("Luật Đất đai, Sở Tài nguyên ...")."""
    lx = lexicon()
    stop = "|".join(rf"{re.escape(w)}\b" for w in lx.documents["law_titles"]["stop_words"])
    heads = sorted({*lx.bodies["grammar"]["heads"], *(t.name for t in lx.types), *_LAWS},
                   key=len, reverse=True)
    not_head = "|".join(rf"{re.escape(h)}(?![\w])" for h in heads)
    kinds = sorted((k for k in _LAWS if k != "Pháp lệnh"), key=len, reverse=True)
    return {
        # "các Luật: ...", "các luật: ...", "những Bộ luật: ...": the kind in either case
        "opening": re.compile(r"(?<![\w])(?i:các|những)\s+(?P<kind>(?i:"
                              + "|".join(r"\s+".join(map(re.escape, k.split())) for k in kinds)
                              + r"))\s*:\s*"),
        "joint": re.compile(r"\s*[,;]\s*(?:và\s+)?|\s+và\s+"),
        "end": re.compile(_TITLE_END),
        "unknown": re.compile(rf"(?!{not_head}){CAPITAL}[\wÀ-ỹ]*"
                              rf"(?:,?\s+(?!{stop})[a-zà-ỹđ][\wÀ-ỹ]*){{0,7}}{_TITLE_END}"),
    }


_TITLE_END = r"(?=\s*(?:[,;.:)(]|\n|$)|\s+(?:và|năm|số)\s)"  # a listed title ends there


def _laws_after_one(text: str, docs: list[Found], item: re.Pattern[str]) -> list[Found]:
    """The laws a list names by their titles after one law's kind and title, without a kind
    word of their own ("Luật Tổ chức Quốc hội, Tổ chức Chính phủ, Tổ chức chính quyền địa
    phương và Hoạt động giám sát của Quốc hội và Hội đồng nhân dân"): each a mention of its
    own (kind "law"). An item opens with a capital (a title in sentence case) and ends where a
    title does; one the catalogue knows is that law, one it does not is kept as a title, but
    only in a list that holds a title the catalogue knows (else the words after a comma are
    as likely the sentence going on: "Luật Đất đai, Quy hoạch sử dụng đất và ...")."""
    res = _list_res()
    out: list[Found] = []
    for d in docs:
        g = d.groups
        if d.kind != "law" or not (g.get("title") or g.get("given")) or g.get("amend") \
                or g.get("rev") or g.get("brev"):
            continue
        kind = _kind_name(g.get("kind"))
        at, items, known = d.end, [], False
        while (j := res["joint"].match(text, at)) is not None:
            s = j.end()
            t = item.match(text, s)
            if t is not None and text[s].isupper() and res["end"].match(
                    text, t.end("lyear") if t.group("lyear") else t.end("title")):
                end, title, year = (t.end("lyear") if t.group("lyear") else t.end("title"),
                                    t.group("title"), t.group("lyear"))
                known = True
            elif (u := res["unknown"].match(text, s)) is not None:
                end, title, year = u.end(), u.group(), None
            else:
                break
            items.append(Found("law", s, end, {"kind": kind, "title": squash(title),
                                               "lyear": year}, text[s:end]))
            at = end
        if known:
            out += items
    return out


def _defined_after(docs: list[Found], at: int, text: str, head: str) -> Found | None:
    """The document mention a definition at ``at`` names: the last one before it within
    :data:`_TERM_REACH` characters, none where the issuer's own clause comes between
    ("..., Ủy ban nhân dân tỉnh ban hành Kế hoạch ... (sau đây gọi tắt là Kế hoạch)": the
    plan itself). The term's type word (``head``) is that document's type or names what its
    title issues or approves ("Quyết định ... phê duyệt Chương trình ... (sau đây gọi là
    Chương trình MTQG)"); a "Kế hoạch" defined after a law the plan carries out ("ban hành
    Kế hoạch triển khai thi hành Luật X (sau đây gọi tắt là Kế hoạch)") is the plan."""
    i = bisect_left(docs, at, key=by_start)
    for d in reversed(docs[max(0, i - 4):i]):
        if d.kind in ("numbered", "law") and d.end <= at and at - d.end <= _TERM_REACH:
            if _basis_res()["issuing_clause"].search(text, d.end, at):
                return None
            named = re.search(rf"(?<![\w]){re.escape(head)}(?![\w])", text[d.start:at])
            if named is None and not (d.kind == "numbered" and from_numbered(d, text).type == head):
                return None
            return d
    return None


def _kept_apart(found: list[Found]) -> list[Found]:
    """Mentions by start, a term's use dropped where it overlaps a mention found by the scan
    (that mention says more)."""
    found.sort(key=by_start)
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            if f.kind == "term":
                continue
            if out[-1].kind == "term":
                out.pop()
        out.append(f)
    return out


def pinpoint_of(f: Found) -> list[Pinpoint]:
    """"điểm a khoản 1 Điều 3" → one pinpoint; "Điều 55, 56" → two; ranges expanded."""
    g = f.groups
    if g.get("chap"):
        return [Pinpoint(chapter=c) for c in _chapters(g["chap"])]
    arts = _expand(g.get("arts") or "")
    clauses = re.findall(r"\d+", g.get("clauses") or "") or [None]
    points = re.findall(r"[a-zđ]", g.get("points") or "") or [None]
    out = []
    for art in arts:
        for clause in clauses if art == arts[0] else [None]:
            for point in points if clause == clauses[0] else [None]:
                out.append(Pinpoint(article=art, clause=clause, point=point))
    return out


def _chapters(chap: str) -> list[str]:
    """"II, III" → II, III; "II đến IV" → II, III, IV (the chapters of a range, by number)."""
    out: list[str] = []
    tokens = re.findall(r"\b[IVXLC]+\b|đến|-|–", chap)  # "Chương" itself is no numeral
    for i, tok in enumerate(tokens):
        if tok in ("đến", "-", "–"):
            continue
        if i >= 2 and tokens[i - 1] in ("đến", "-", "–") and out:
            lo, hi = from_roman(out[-1]), from_roman(tok)
            if 0 < hi - lo <= 15:
                out.extend(to_roman(n) for n in range(lo + 1, hi))
        if tok not in out:
            out.append(tok)
    return out


def _expand(arts: str) -> list[str]:
    out: list[str] = []
    tokens = re.findall(r"\d+[a-z]?|đến|-|–", arts)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("đến", "-", "–") and out and i + 1 < len(tokens):
            lo, hi = out[-1], tokens[i + 1]
            if lo.isdigit() and hi.isdigit() and 0 < int(hi) - int(lo) <= 50:
                out.extend(str(n) for n in range(int(lo) + 1, int(hi) + 1))
            else:
                out.append(hi)
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


class Earlier:
    """The citations a plan made before a stretch of text, and what :func:`collect` looks up
    in them (the last citation of each type, the last dated version of each law), kept up as
    the list grows: each look-up is one step however many came before (a plan of 10,000
    items would otherwise read all of them again for each of its items)."""

    def __init__(self, cites: list[Citation] | None = None) -> None:
        self.cites = cites if cites is not None else []  # only ever appended to
        self._read = 0
        self._of_type: dict[str | None, Citation] = {}
        self._dated: dict[tuple[str | None, str], Citation] = {}

    def _catch_up(self) -> None:
        for c in self.cites[self._read:]:
            self._of_type[c.type] = c
            if c.type in _LAWS and (c.date or (c.key and _YEAR_KEY.search(c.key))):
                self._dated[c.type, _bare_title(c.title)] = c
        self._read = len(self.cites)

    def last_of_type(self, type_name: str | None) -> Citation | None:
        self._catch_up()
        return self._of_type.get(type_name)

    def last_dated(self, type_name: str | None, bare_title: str) -> Citation | None:
        """The last citation of the law of that type and title (without its year) that has
        a date or a year."""
        self._catch_up()
        return self._dated.get((type_name, bare_title))


_LAWS = tuple(lexicon().documents["law_titles"]["kinds"])  # the kinds named by their title


def collect(docs: list[Found], pins: list[Found], text: str, start: int, end: int,
            to_span: Callable[[int, int], Span], own_types: tuple[str | None, ...],
            earlier: list[Citation] | Earlier | None = None, as_of: AsOf = None,
            memo: dict[tuple[int, int | None], Citation] | None = None,
            top_level: bool = False, implements: bool = False) -> list[Citation]:
    """The distinct citations of ``text[start:end]``, pinpoints attached, in order;
    ``as_of`` (the plan's date, else its year) picks the version of a law named without
    its year. ``memo`` (one plan's, empty at first) keeps each mention's resolution: a
    plan's body is read per task, then whole, so each mention would otherwise be resolved
    twice. ``top_level`` leaves out the documents named inside another's title (a basis's
    title names what it carries out; an amending law's, the laws it amends): not bases;
    unless ``implements`` (the text says what the plan carries out) and the title says it
    carries that document out ("Kế hoạch số 24/KH-UBND ... thực hiện Nghị quyết số 66-NQ/TW"):
    the plan carries out the chain."""
    mentions = within(docs, start, end) + _cut_at_end(docs, start, end, text)
    if not mentions:  # most tasks cite nothing, and a pinpoint alone cites nothing
        return []
    if top_level:
        mentions = _top_level(mentions, text, implements)
    cited: list[tuple[Found, Citation]] = []
    before = earlier if isinstance(earlier, Earlier) else Earlier(list(earlier or []))
    mine = Earlier()  # this text's citations but the last,
    last: Citation | None = None  # which a number right after it may still change
    for d in mentions:
        if d.kind in ("numbered", "law"):
            cite = _resolved(d, text, as_of, memo)
            if d.kind == "law":
                cite = _named_before(cite, d, (last, mine, before))
        elif d.kind == "term":  # a term the plan defined: the document it stands for
            cite = _same_document(_resolved(d.refers, text, as_of, memo))
        elif d.kind == "short":
            cite = _short_named(d, docs, text, as_of, memo)
        else:
            atype = d.groups.get("atype")
            if atype in own_types and d.groups.get("which") == "này":
                continue
            prior = (last if last is not None and last.type == atype else None) \
                or mine.last_of_type(atype) or before.last_of_type(atype)
            if prior is None:
                continue
            cite = _same_document(prior)
        cite.spans.append(to_span(d.start, d.end))
        if cited and _numbers_title(cited[-1], d, cite, text):
            continue
        cited.append((d, cite))
        if last is not None:
            mine.cites.append(last)
        last = cite
    here = within(pins, start, end)
    targets: list[Citation | None] = [None] * len(here)
    starts = [d.start for d, _ in cited]
    for i in range(len(here) - 1, -1, -1):  # from the last: a list's document comes after it
        p = here[i]
        targets[i] = _cited_after(p, cited, starts, text) or _bracketed_after(p, cited, starts,
                                                                              text)
        if targets[i] is None and i + 1 < len(here) and _PIN_JOINT.match(
                text[p.end:here[i + 1].start]):
            targets[i] = targets[i + 1]  # "Chương II, Chương III Luật ...": the list's document
    pooled: dict[int, tuple[set[str], set[str]]] = {}
    for p, target in zip(here, targets, strict=True):
        if target is None:
            continue
        articles, chapters = pooled.setdefault(
            id(target), (set(target.articles), set(target.chapters)))
        for pin in pinpoint_of(p):
            target.pinpoints.append(pin)
            if pin.article and pin.article not in articles:
                articles.add(pin.article)
                target.articles.append(pin.article)
            if pin.chapter and pin.chapter not in chapters:
                chapters.add(pin.chapter)
                target.chapters.append(pin.chapter)
    for _, c in cited:  # before pooling: each citation here is one mention
        c.mentions = [Mention(list(c.spans), list(c.pinpoints))]
    return merge([c for _, c in cited])


_NUMBER_CUT = re.compile(r"[/-][\s*_]*$")


def _cut_at_end(docs: list[Found], start: int, end: int, text: str) -> list[Found]:
    """A numbered mention that ``text[start:end]`` holds the head of, its number cut where the
    stretch ends ("... thực hiện Quyết định số 7619/" on one line, "QĐ-BCA ngày ..." on the
    next, which the layout made a paragraph of its own): the stretch names that document."""
    i = bisect_left(docs, end, key=by_start) - 1
    while i >= 0 and docs[i].start >= start:
        d = docs[i]
        if d.end > end and d.kind == "numbered":
            return [d] if _NUMBER_CUT.search(text, d.start, end) else []
        if d.end <= end:
            return []
        i -= 1
    return []


def _cited_after(p: Found, cited: list[tuple[Found, Citation]], starts: list[int],
                 text: str) -> Citation | None:
    """The document a pinpoint belongs to: the first cited after it with nothing but
    :data:`_GAP_PIN` between them. Such a gap ends within a run of spaces and commas, or one
    word (``của``, ``tại``, ``theo``) and the spaces after it: only the documents starting
    there are tried, so a list of many pinpoints costs their number, not its square."""
    lead = _GAP_LEAD.match(text, p.end).end()  # type: ignore[union-attr]
    word = _GAP_WORD.match(text, lead)
    last = word.end() if word else lead
    for k in range(bisect_left(starts, p.end), bisect_right(starts, last)):
        d, c = cited[k]
        if _GAP_PIN.match(text[p.end:d.start]):
            return c
    return None


_OPEN_BRACKET = re.compile(r"\s*\(\s*(?:(?:tại|theo)\s+)?")


def _bracketed_after(p: Found, cited: list[tuple[Found, Citation]], starts: list[int],
                     text: str) -> Citation | None:
    """"Nghị định số 59/2019/NĐ-CP (Điều 29, Điều 30)": a pinpoint in brackets right after a
    document's mention is that document's (the brackets give where in it)."""
    k = bisect_left(starts, p.start) - 1
    if k < 0:
        return None
    d, c = cited[k]
    gap = _OPEN_BRACKET.fullmatch(text, d.end, p.start)
    return c if gap is not None and "(" in text[d.end:p.start] else None


def _resolved(d: Found, text: str, as_of: AsOf,
              memo: dict[tuple[int, int | None], Citation] | None) -> Citation:
    """A new citation of a numbered or titled mention, resolved once per ``memo``."""
    if memo is None:
        return from_numbered(d, text) if d.kind == "numbered" else from_law_title(d, as_of)
    key = (id(d), as_of)  # the mentions outlive the memo: a plan's, made per extraction
    found = memo.get(key)
    if found is None:
        found = memo[key] = (from_numbered(d, text) if d.kind == "numbered"
                             else from_law_title(d, as_of))
    return Citation(type=found.type, number=found.number, title=found.title, date=found.date,
                    issuer=found.issuer, articles=list(found.articles),
                    chapters=list(found.chapters), pinpoints=list(found.pinpoints),
                    key=found.key, resolved=found.resolved, relation=found.relation,
                    spans=list(found.spans))


def _top_level(mentions: list[Found], text: str, implements: bool = False) -> list[Found]:
    """The mentions not inside an earlier one's title (a law's title is its mention; a
    numbered document's runs on after its number and issuer, see :func:`_title_re`)."""
    out: list[Found] = []
    reach = -1
    carried = _basis_res()["carried_out"]
    for d in mentions:
        if d.start < reach and not (implements and carried.search(text, max(0, d.start - 30),
                                                                  d.start)):
            continue
        out.append(d)
        reach = max(reach, _title_end(d, text))
    return out


def _title_end(d: Found, text: str) -> int:
    """Where the title of a mentioned document ends in ``text``."""
    if d.kind != "numbered":
        return d.end
    after = text[d.end:d.end + 600]
    issuer = _issuer_re().match(after)
    at = issuer.end() if issuer else 0
    title = _title_re().match(after[at:])
    if title is None or _no_title(title):
        return d.end + at  # "... số 57/2014/QH13 đã được sửa đổi ... theo Luật số ...": none
    return d.end + at + title.end()


def _short_named(d: Found, docs: list[Found], text: str, as_of: AsOf,
                 memo: dict[tuple[int, int | None], Citation] | None) -> Citation:
    """"Chỉ thị 32" is the Chỉ thị the plan names in full as "Chỉ thị số 32/CT-TTg" (its
    type and number's first part); one the plan never names in full keeps its short name
    as its title ("Đề án 06"), never a guessed number. A number with its year and without
    its symbol ("Nghị định 59/2019") is the one of that number and year the plan names in
    full, else the one its type's own symbol gives (every decree's is NĐ-CP) or the one of
    its kind the catalogue knows under it, else it keeps its name as written."""
    stype, snum, syear = d.groups["stype"], d.groups["snum"], d.groups.get("syear")
    lx = lexicon()
    own = lx.type_by_name.get(fold(stype))
    type_name = own.name if own else stype
    head = rf"0*{int(snum)}/{syear}/" if syear else rf"0*{int(snum)}[/-]"
    for other in docs:
        if other.kind != "numbered":
            continue
        full = _resolved(other, text, as_of, memo)
        if full.number and full.type == type_name and re.match(head, full.number):
            return _same_document(full)
    if syear:
        written = f"{int(snum)}/{syear}"
        if own is not None and own.symbol:
            return _resolve_known(Citation(type=type_name, number=f"{written}/{own.symbol}",
                                           title=None, date=None,
                                           issuer=_issuer_from_symbol(own.symbol)))
        known = [k for k in lx.known if k.type == type_name and re.match(head, k.number)]
        if len(known) == 1:
            cite = Citation(type=type_name, number=known[0].number, title=None, date=None)
            _fill(cite, known[0])
            return cite
        return Citation(type=type_name, number=None, title=f"{type_name} {written}", date=None,
                        key=f"{lx.slug_by_type_name.get(type_name, 'vb')}/ten-{slug(written)}")
    return Citation(type=type_name, number=None, title=f"{type_name} {snum}", date=None,
                    key=f"{lx.slug_by_type_name.get(type_name, 'vb')}/ten-{int(snum)}")


def _named_before(cite: Citation, f: Found,
                  history: tuple[Citation | None, Earlier, Earlier]) -> Citation:
    """"Luật Hòa giải ở cơ sở" after "Luật Hòa giải ở cơ sở năm 2013": a law named again
    without its year is the one the plan named before with it, not a version guessed from
    the plan's date. ``history``: the last citation made, the others of this text, those
    before it (latest first)."""
    g = f.groups
    if g.get("lyear") or g.get("ty") or g.get("dy") or cite.type not in _LAWS:
        return cite
    own = _bare_title(cite.title)
    last, mine, before = history
    found = last if last is not None and (last.date or (last.key and _YEAR_KEY.search(last.key))) \
        and last.type == cite.type and _bare_title(last.title) == own else None
    found = found or mine.last_dated(cite.type, own) or before.last_dated(cite.type, own)
    if found is None:
        return cite
    if found.key == cite.key:
        return cite  # the version the plan's date gave: keep this mention as it is
    return _same_document(found)


def _same_document(c: Citation) -> Citation:
    """A new citation of the document ``c`` cites: its identity, none of its pinpoints or
    spans (the new mention brings its own)."""
    return Citation(type=c.type, number=c.number, title=c.title, date=c.date, issuer=c.issuer,
                    key=c.key, resolved=c.resolved)


_YEAR_KEY = re.compile(r"-(?:19|20)\d\d$")
_YEAR_TAIL = re.compile(r"\s+năm\s+(?:19|20)\d\d$")


@lru_cache(maxsize=4096)
def _bare_title(title: str | None) -> str:
    """A law's folded title without its year (cached: a pure function of a title, and
    :func:`_named_before` reads a plan's earlier citations again for each law it names)."""
    return lexicon().fold_title(_YEAR_TAIL.sub("", title or ""))


def _numbers_title(prev: tuple[Found, Citation], d: Found, cite: Citation, text: str) -> bool:
    """"Luật PCTN số 55/2005/QH11": the number right after a law's title is that law's, so
    the title's own (guessed) resolution gives way to it. Merges into ``prev`` in place."""
    pd, pc = prev
    if pd.kind != "law" or d.kind != "numbered" or d.groups.get("type") or not cite.number:
        return False
    if not _COMMA_GAP.fullmatch(text[pd.end:d.start]):
        return False
    pc.number, pc.key, pc.resolved = cite.number, cite.key, cite.resolved
    pc.date = cite.date or (pc.date if pc.date and pc.date[:4] in cite.number else None)
    pc.issuer = cite.issuer or pc.issuer
    pc.spans.extend(cite.spans)
    return True


def identity(c: Citation) -> str:
    """What tells one cited document from another: its key; for a document whose number
    carries no year (an administrative or a Party document, "02/CT-TTg", "80-KL/TW") the
    year of its date too, for such numbers start again every year (Nghị định 30/2020, Điều
    15): "Chỉ thị số 02/CT-TTg ngày 04/7/2018" and "... 02/CT-TTg ngày 15/11/2019" are two."""
    base = c.key or f"{fold(c.type or '')}|{fold(c.title or '')}"
    year = _year_apart(c)
    return f"{base}@{year}" if year else base


_NUMBER_YEAR = re.compile(r"/(?:19|20)\d\d/")


def _year_apart(c: Citation) -> str | None:
    """The year that tells apart documents of one number without a year in it, if dated."""
    if c.number and c.date and c.key and not _NUMBER_YEAR.search(c.number):
        return c.date[:4]
    return None


def _identities(citations: list[Citation]) -> list[str]:
    """Each citation's :func:`identity`; one of a number without a year and without a date
    is the dated document of that number named last before it (as a plan names a document
    in full, then again by its number), else the first named after it."""
    ids = [identity(c) for c in citations]
    first: dict[str, str] = {}
    for c, i in zip(citations, ids, strict=True):
        if c.key and i != c.key:
            first.setdefault(c.key, i)
    if not first:
        return ids
    last: dict[str, str] = {}
    out = []
    for c, i in zip(citations, ids, strict=True):
        if c.key and i != c.key:
            last[c.key] = i
        elif c.key in first:
            i = last.get(c.key, first[c.key])
        out.append(i)
    return out


def _fuller_title(kept: str | None, other: str | None) -> str | None:
    """Of two ways a plan writes one title, the one in full: "Luật Bảo vệ bí mật nhà nước"
    over "Luật Bảo vệ BMNN" (still as the plan writes it, so the reader finds it there)."""
    if not kept or not other or kept == other:
        return kept or other
    expand = lexicon().expand_title
    if expand(kept) != kept and expand(other) == other and _bare_title(kept) == _bare_title(other):
        return other
    return kept


def described_alike(plan_wide: list[Citation], cited: list[Citation]) -> None:
    """Give each of ``cited`` (a task's citations) the title, date and issuer the plan's own
    merged citation of that document has: one document reads the same wherever it is cited,
    in its fullest form the plan writes ("Luật Bảo vệ bí mật nhà nước" in a task that wrote
    "Luật Bảo vệ BMNN"). Changes ``cited`` in place."""
    whole = dict(zip(_identities(plan_wide), plan_wide, strict=True))
    for c, key in zip(cited, _identities([*plan_wide, *cited])[len(plan_wide):], strict=True):
        w = whole.get(key)
        if w is not None:
            c.title, c.date, c.issuer = w.title, w.date, w.issuer


def merge(citations: list[Citation]) -> list[Citation]:
    """One citation per document: pinpoints, spans and missing fields pooled. What each has
    pooled is kept in sets beside it, so that a document cited by every one of 10,000 items
    costs 10,000 steps, not 10,000² (the issue's fuzz test)."""
    out: dict[str, Citation] = {}
    seen: dict[str, tuple[set, set, set, set]] = {}
    for c, key in zip(citations, _identities(citations), strict=True):
        if key not in out:
            out[key] = Citation(type=c.type, number=c.number, title=c.title, date=c.date,
                                issuer=c.issuer, key=c.key, resolved=c.resolved,
                                relation=c.relation)
            seen[key] = (set(), set(), set(), set())
        m = out[key]
        articles, chapters, pinpoints, mentions = seen[key]
        m.title = _fuller_title(m.title, c.title)
        m.date = m.date or c.date
        m.issuer = m.issuer or c.issuer
        _pool(m.articles, articles, c.articles)
        _pool(m.chapters, chapters, c.chapters)
        _pool(m.pinpoints, pinpoints, c.pinpoints)
        m.spans.extend(c.spans)
        for mention in c.mentions:  # a plan's citations pool its tasks' mentions again
            k = (tuple(mention.spans), tuple(mention.pinpoints))
            if k not in mentions:
                mentions.add(k)
                m.mentions.append(mention)
    return list(out.values())


def _pool(into: list, seen: set, items: list) -> None:
    """Append to ``into`` those of ``items`` not in it yet (``seen`` holds what it holds)."""
    for x in items:
        if x not in seen:
            seen.add(x)
            into.append(x)
