"""The plan's own metadata: number, type, issuer, place, date, title, signer."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.lexicon import DATA, _load, lexicon
from ingest.models import DocumentInfo, Span
from ingest.outline import Line, Outline, looks_like_name, type_prefix
from ingest.text import fold, squash


def _cities() -> set[str]:
    return set(_load("provinces.toml")["cities"]["names"])


def read_header(outline: Outline, to_span: Callable[[int, int], Span]) -> DocumentInfo:
    lx = lexicon()
    h = outline.header
    info = DocumentInfo()
    if h.number is not None:
        m = re.match(lx.pattern("header", "number"), h.number.text.strip("* "))
        value = re.sub(r"\s+", "", m.group("value")) if m else ""
        info.number = value if value[:1].isdigit() else None  # "Số: /KH-UBND" is a draft
        info.spans["number"] = to_span(h.number.start, h.number.end)
    if h.place_date is not None:
        m = re.match(lx.pattern("header", "place_date"), h.place_date.text.strip("* "))
        if m:
            info.place = squash(m.group("place"))
            day, month = m.group("day") or m.group("nday"), m.group("month") or m.group("nmonth")
            year = m.group("year") or m.group("nyear")
            if day and month:
                info.date = _iso(year, month, day)
        info.spans["date"] = to_span(h.place_date.start, h.place_date.end)
    title_parts = [ln.text.strip("* ") for ln in h.title]
    if h.type_line is not None:
        line = h.type_line.text.strip("* ")
        info.type = type_prefix(line)
        info.spans["type"] = to_span(h.type_line.start, h.type_line.end)
        rest = line[len(info.type or ""):].strip()  # "KẾ HOẠCH HÀNH ĐỘNG ..."
        if rest:
            title_parts.insert(0, rest)
    elif info.number:  # no type line: the type code of the number ("10/KH-UBND")
        info.type = _type_of_number(info.number)
    if not title_parts and h.type_line is None:
        subject = _subject(outline)
        if subject:
            info.title = squash(" ".join(ln.text for ln in subject))
            info.title = re.sub(lexicon().pattern("header", "subject"), "", info.title)
            info.title = info.title[:1].upper() + info.title[1:]
            info.spans["title"] = to_span(subject[0].start, subject[-1].end)
            info.type = info.type or lexicon().pattern("header", "subject_type")
    if title_parts:
        info.title = squash(" ".join(title_parts))
        first = h.title[0] if h.title else h.type_line
        last = h.title[-1] if h.title else h.type_line
        info.spans["title"] = to_span(first.start, last.end)
    if info.number is None and h.number is None and h.place_date is None:
        _attached_to(outline, info, to_span)
    info.issuer = _issuer(outline, info)
    info.province = _province(info)
    annex = re.search(r"(?m)^PHỤ LỤC\b", outline.text)  # a name in an annex signs nothing
    signer = _signer([ln for ln in outline.signature if annex is None or ln.start < annex.start()])
    if signer is not None:
        info.signer = signer.text.strip("* ")
        info.spans["signer"] = to_span(signer.start, signer.end)
    return info


def _iso(year: str, month: str, day: str) -> str:
    """An ISO date from the header's figures; a web copy may split a figure's digits by a
    space ("tháng 0 6")."""
    y, mo, d = (int(x.replace(" ", "")) for x in (year, month, day))
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _attached_to(outline: Outline, info: DocumentInfo,
                 to_span: Callable[[int, int], Span]) -> None:
    """A copy without its letterhead (no number, no date): the attached plan's line naming
    the document that issues it ("(Ban hành kèm theo Nghị quyết số 1339/NQ-UBTVQH15 ngày 28
    tháng 12 năm 2024 của ...)") gives that document's number and date, when it is of the
    record's own type (the decision the record stands for, as the annotation guide has)."""
    pattern = re.compile(lexicon().pattern("header", "attached_to"), re.M)
    m = pattern.search(outline.text)
    if m is None or (info.type and squash(m.group("type")).lower() != info.type.lower()):
        return
    number = m.group("number")
    if number[:1].isdigit():
        info.number = number
        info.spans["number"] = to_span(m.start(), m.end())
    if m.group("day"):
        info.date = _iso(m.group("year"), m.group("month"), m.group("day"))
        info.spans["date"] = to_span(m.start(), m.end())


def _subject(outline: Outline) -> list[Line]:
    """An official letter's subject lines ("V/v ..." down to "Kính gửi"), if it has one."""
    lx = lexicon()
    opens = re.compile(lx.pattern("header", "subject"))
    ends = re.compile(lx.pattern("header", "addressed"))
    lines = outline.preamble
    start = next((i for i, ln in enumerate(lines[:6]) if opens.match(ln.text)), None)
    if start is None:
        return []
    out = []
    for line in lines[start:start + 8]:
        if ends.match(line.text) or (out and opens.match(line.text)):
            break
        out.append(line)
    return out


def _type_of_number(number: str) -> str | None:
    m = re.match(r"^\d+[a-z]?(?:/\d{4})?/(?P<code>[^-/]+)-", number)
    found = lexicon().type_by_code.get(m.group("code").upper()) if m else None
    return found.name if found else None


def _issuer(outline: Outline, info: DocumentInfo) -> str | None:
    lx = lexicon()
    h = outline.header
    issuer = None
    if h.issuer_lines:
        block = _RULE.sub(" ", " ".join(ln.text.strip("* ") for ln in h.issuer_lines)).strip()
        starts = [m.start() for m in re.finditer(lx.pattern("header", "issuer_starts"), block)
                  if not _ends_place(block, m.start())]
        issuer = _sentence_case(block[starts[-1]:] if starts else block)
    if issuer is None and outline.preamble and _is_authority(outline.preamble[0].text):
        issuer = _authority_body(outline.preamble[0].text.strip("* "))
    if issuer is None:
        pre = " ".join(ln.text for ln in outline.preamble)
        found = list(re.finditer(lx.pattern("header", "issuer_in_preamble"), pre))
        if found:  # the issuing sentence closes the preamble; earlier ones cite others
            issuer = squash(found[-1].group("issuer"))
    if issuer is None:
        for ln in outline.signature:
            m = re.match(lx.pattern("header", "signature_lead"), ln.text.strip("* "))
            if m:
                issuer = _sentence_case(m.group("body").strip())
                break
    if issuer is None:
        return None
    issuer = lx.expand_abbreviations(issuer)
    issuer = re.sub(r"^(?i:uỷ|ủy) ban", "Ủy ban", issuer)
    placed = re.search(rf"\b(?:{_PLACE_UNITS})\s+[A-ZĐ0-9]", issuer)
    central = re.search(lx.pattern("header", "central_issuer"), issuer)
    by_document = re.search(r"\bsố \S*\d\S*/", issuer)  # "Đoàn kiểm tra theo Quyết định số
    # 1050/QĐ-SCT": the document that set it up says whose it is
    if info.place and info.place not in issuer and not placed and not central \
            and not by_document:
        kind = "thành phố" if info.place in _cities() else "tỉnh"
        # a Party committee takes its place's name straight after it: "Tỉnh ủy Tuyên Quang"
        if re.search(rf"\b{kind}$", issuer) or fold(issuer).endswith(_PARTY_COMMITTEES):
            issuer = f"{issuer} {info.place}"
        else:
            issuer = f"{issuer} {kind} {info.place}"
    return issuer


_PARTY_COMMITTEES = ("tinh uy", "thanh uy", "huyen uy", "quan uy")  # folded: "Tỉnh uỷ" too
_RULE = re.compile(r"\s*[-–—_=]{3,}\s*")  # the rule a letterhead draws under the issuer


def _ends_place(block: str, start: int) -> bool:
    """Is the kind word at ``start`` the last word of the place that closes the letterhead
    ("THÀNH PHỐ HẢI PHÒNG": "PHÒNG" is the city's name, no body)? A kind word names a body
    only with words after it."""
    if block[start:].strip().count(" "):
        return False
    return re.search(rf"\b(?:{_PLACE_UNITS})(?:\s+\S+){{1,3}}\s*$", block[:start]) is not None


def _is_authority(text: str) -> bool:
    """The enacting authority a decision names below its title, in capitals ("ỦY BAN
    THƯỜNG VỤ QUỐC HỘI", "BỘ TRƯỞNG BỘ ..."): a line of capitals that is no type line."""
    text = text.strip("* ")
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and not any(c.islower() for c in letters) \
        and type_prefix(text) is None and not text.endswith(":")


def _authority_body(caps: str) -> str:
    """The body of an enacting authority: a head's title before it stands for the body
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" is the Ủy ban); a title alone is the issuer ("THỦ
    TƯỚNG CHÍNH PHỦ"). One body, so its name opens where the first name does."""
    found = re.search(lexicon().pattern("header", "issuer_starts"), caps)
    return _sentence_case(caps[found.start():] if found else caps)


_PLACE_UNITS = "(?i:tỉnh ủy|thành ủy|huyện ủy|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|" \
               "thị trấn|đặc khu)"


def _sentence_case(caps: str) -> str:
    """"SỞ TÀI CHÍNH TỈNH BÌNH ĐỊNH" → "Sở Tài chính tỉnh Bình Định": a known name keeps its
    own casing, a place name after its unit (tỉnh, xã, Tỉnh ủy ...) is capitalised."""
    lx = lexicon()
    text = caps[:1] + caps[1:].lower()
    for number in re.findall(r"\S*\d\S*/\S+", caps):  # a document's number keeps its case
        text = text.replace(number.lower(), number)
    for t in lx.types:  # and its type ("theo Quyết định số 1050/QĐ-SCT")
        text = re.sub(rf"\b{re.escape(t.name.lower())}(?= số \S*\d)", t.name, text)
    for name in (*lx.departments, *lx.bodies["abbreviations"]):
        text = re.sub(rf"(?i)\b{re.escape(name)}\b", name, text)
    text = re.sub(rf"\b(?P<unit>{_PLACE_UNITS})\s+(?P<name>[^A-ZĐ].*)$",
                  lambda m: f"{m.group('unit')} {m.group('name').title()}", text)
    # the names of issuers that numbers code, of two words or more, as written there ("THỦ
    # TƯỚNG CHÍNH PHỦ" is "Thủ tướng Chính phủ"), each where it is the longest that fits
    issuers = {n.lower(): n for n in lx.issuers.values() if " " in n}
    names = "|".join(map(re.escape, sorted(issuers, key=len, reverse=True)))
    text = re.sub(rf"(?i)\b(?:{names})\b", lambda m: issuers.get(m.group().lower(), m.group()),
                  text)
    return text


def _province(info: DocumentInfo) -> str | None:
    if info.place:
        return info.place
    if info.issuer:
        m = re.search(r"\b(?:tỉnh|thành phố)\s+([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*)*)",
                      info.issuer)
        if m:
            return m.group(1)
    return None


def _signer(lines: list[Line]) -> Line | None:
    """The signer: the name right under the signing titles ("KT. CHỦ TỊCH" / "PHÓ CHỦ
    TỊCH" / name); else the last name of the block (a name in an annex comes after it)."""
    names = [i for i, ln in enumerate(lines) if looks_like_name(ln.text.strip("* "))]
    if not names:
        return None
    first = next((i for i in names if i > 0 and not looks_like_name(lines[i - 1].text.strip(
        "* "))), names[-1])
    return lines[first]


__all__ = ["DATA", "read_header"]
