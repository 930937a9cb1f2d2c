"""Regular expressions built from the data tables, compiled once.

The tables (:mod:`ingest.lexicon`) give the words; this module gives them shape: a document
number, a date, a pinpoint, a list of bodies.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cached_property, lru_cache
from typing import Any

from ingest.lexicon import lexicon

# a document's date: "01/7/2019", "24-5-2025", "01.7.2019", "ngày 01 tháng 7 năm 2019"
DATE = r"(?:(?P<dd>\d{1,2})\s*[/.-]\s*(?P<dm>\d{1,2})\s*[/.-]\s*(?P<dy>\d{4})" \
       r"|(?P<td>\d{1,2})\s+tháng\s+(?P<tm>\d{1,2})\s+năm\s+(?P<ty>\d{4}))"
# a capital letter of Vietnamese, tone marks included ("Ưu đãi", "Ủy ban")
CAPITAL = "[A-ZĐ" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper()
                             and unicodedata.normalize("NFD", c)[0] in "AEIOUY") + "]"
_SYM = r"[A-ZĐ](?:[A-Za-zĐđ0-9]|[.&](?=[A-Za-zĐ0-9]))*"  # "C.IV", "CCHC&PC"


def _types_alt() -> str:
    return "|".join(re.escape(t.name) for t in lexicon().types)


@lru_cache(maxsize=1)
def document_ref() -> re.Pattern[str]:
    """A numbered reference: type word, "số", number and symbol, optional date."""
    types = _types_alt()
    number = (
        # "66.2/2025/NQ-CP": a number may have a part after a dot
        rf"(?P<num>\d+(?:\.\d+)?[a-z]?)(?:\s*/\s*(?P<year>(?:19|20)\d\d))?\s*/\s*"
        rf"(?P<sym>{_SYM}(?:\s*-\s*{_SYM})*)"
    )
    # "57-NQ/TW", "15-CTr/TU": a type code may end in lower case, as "CTr" (Chương trình) does
    party = (rf"(?P<pnum>\d+)\s*-\s*(?P<ptype>[A-ZĐ](?:[A-ZĐ]|[a-z](?=\s*/)){{0,3}})"
             rf"\s*/\s*(?P<pbody>{_SYM})")
    blank = rf"(?P<blank>/\s*{_SYM}(?:\s*-\s*{_SYM})*)"
    std = "|".join(lexicon().standard_prefixes)
    standard = rf"(?P<std>(?:{std})\s*\d+(?::\d{{4}})?(?:/[A-ZĐ][A-ZĐ\d-]*)?)"
    typed = (
        rf"(?P<type>(?i:{types}))(?:\s+(?i:quốc gia))?\s+(?:(?i:số)\s*)?"
        rf"(?:{party}|{number}|{blank}|{standard})"
    )
    bare = rf"(?:(?i:số)\s+)?(?:{party.replace('?P<', '?P<b')}|{number.replace('?P<', '?P<b')})"
    return re.compile(
        rf"(?<![\w/])(?:{typed}|{bare}|{standard.replace('?P<std', '?P<bstd')})"
        rf"(?:\s*,?\s*(?i:ngày)\s+{DATE})?"
    )


@lru_cache(maxsize=1)
def law_title() -> re.Pattern[str]:
    """A law, the Constitution or a treaty named by its title, with its year or date. An
    amending law's title runs over the list of laws it amends ("Luật sửa đổi, bổ sung một
    số điều của Luật Quy hoạch, Luật Đầu tư ... và Luật Đấu thầu", "... của 37 luật có liên
    quan đến quy hoạch"): one document, which names those laws (found inside it too)."""
    lx = lexicon()
    titles = lx.documents["law_titles"]
    titled = tuple(titles["kinds"])
    aliases = sorted(
        {a for k in lx.known for a in (k.title, *k.aliases) if a.startswith(titled)},
        key=len, reverse=True,
    )
    by_length = sorted(titles["kinds"], key=len, reverse=True)
    kinds = "|".join(_kind(k) for k in by_length)
    known = "|".join(
        r"[,\s]+".join(re.escape(w.strip(",")) for w in _without_kind(a, by_length).split())
        for a in _abbreviated(aliases, lx.documents["law_titles"]["abbreviations"])
    )
    # a title in sentence case; a comma may join its parts ("Luật Tín ngưỡng, tôn giáo")
    stop = "|".join([*(rf"{re.escape(w)}\b" for w in titles["stop_words"]),
                     *(rf"{re.escape(w)}\s*:?\s*\d" for w in titles["before_number"])])
    generic = rf"{CAPITAL}[\wÀ-ỹ]*(?:,?\s+(?!{stop})[a-zà-ỹđ][\wÀ-ỹ]*){{0,7}}"
    # a known title that goes on in title words up to the law's year or date is a longer
    # title the catalogue does not know ("Luật Quy hoạch đô thị và nông thôn năm 2024" is no
    # "Luật Quy hoạch"): a law is cited by its title and then its year or date; a known title
    # followed by running words ("Luật Việc làm bảo đảm kịp thời, ...") stays that law; the
    # longer title's words are joined by spaces or "và", never by a comma (a list goes on)
    inner = "|".join(rf"{re.escape(w)}\b" for w in titles["stop_words"] if w != "và")
    longer = (rf"(?i:{known})(?:(?:\s+và)?\s+(?!{inner})[a-zà-ỹđ][\wÀ-ỹ]*){{1,8}}?"
              rf"(?=,?\s+(?:năm\s+)?(?:19|20)\d\d(?![\d/])|,?\s+ngày\s+\d)")
    name = rf"(?:{longer}|(?i:{known})|{generic})"
    # a title the plan gives with its number runs up to it, over the words that end a title
    # in running text ("Pháp lệnh Ưu đãi người có công với cách mạng số 26/2005/PL-UBTVQH11");
    # never over the next titled document ("Luật A và Luật B số ...")
    given = (rf"{CAPITAL}[\wÀ-ỹ]*(?:,?\s+(?!(?:{kinds})\b|số\s)[\wÀ-ỹ]+){{0,15}}"
             rf"(?=\s+số\s+\d+/(?:19|20)\d\d/(?:PL-)?(?:UBTV)?QH\d+)")
    item = rf"(?:{kinds})\s+(?:{given}|{name})(?:\s+số\s+\d+/(?:19|20)\d\d/QH\d+)?"
    many = (r"\d+\s+luật\s+[^;.,()\n]{2,80}?(?=,?\s+(?:ngày|năm)\s|\s*[;.,()]|$)")
    amend = (r"(?P<amend>(?i:sửa\s+đổi,?\s+bổ\s+sung)(?:\s+một\s+số\s+điều)?(?:\s+của)?"
             r"\s+(?:các\s+)?)")
    alist = rf"(?P<alist>{many}|{item}(?:(?:\s*,\s*|\s+và\s+){item})*)"
    revision = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in titles["revision"])
    return re.compile(
        # "luật Giao dịch điện tử": a law's kind in lower case, where a title the catalogue
        # knows follows it (elsewhere "luật" is the common noun: "theo quy định của luật";
        # "pháp luật PCTN" is the law of a field, "dự luật" a bill)
        rf"(?<![\w])(?P<kind>{kinds}|(?<!pháp )(?<!Pháp )(?<!dự )(?<!Dự )"
        rf"luật(?=\s+(?:{known})(?![\w])))"
        rf"\s+(?:{amend}{alist}|(?P<given>{given})|(?P<title>{name}))"
        # "Luật X (sửa đổi)", or unbracketed where the phrase ends: "... thi hành Luật X sửa đổi."
        rf"(?:\s*\(\s*(?P<rev>{revision})\s*\)|\s+(?P<brev>{revision})(?=\s*(?:[.;,)]|$)))?"
        rf"(?:,?\s+(?:(?:năm\s+)?(?P<lyear>(?:19|20)\d\d)(?![\d/])|(?:ngày\s+{DATE})))?"
        rf"|(?<![\w])(?P<hp>Hiến pháp)(?:\s+năm\s+(?P<hyear>(?:19|20)\d\d))?"
        # a treaty by its title: "Công ước của Liên hợp quốc về chống tham nhũng"
        rf"|(?<![\w])(?P<cu>Công ước)\s+(?P<cutitle>(?:của\s+)?[A-ZĐ][^,;.()“”\"\n]{{3,100}}?)"
        rf"(?=\s*[,;.()“”\"\n]|\s+(?:và|mà|năm|để|nhằm)\s|$)"
    )


@lru_cache(maxsize=1)
def law_title_head() -> str:
    """What every text :func:`law_title` matches opens with: a kind of titled document ("Luật",
    "Bộ luật", ...) or "luật" before white space, "Hiến pháp", "Công ước". The scan's opening
    index asks this instead of the whole pattern (~40,000 characters, most of them the
    catalogue's titles, which cost ~0.6 CPU-s a process to compile for partial matching):
    it opens wherever the pattern may, and on more ("Luật" before any word), where the whole
    pattern is then matched and fails."""
    kinds = "|".join(_kind(k) for k in sorted(lexicon().documents["law_titles"]["kinds"],
                                               key=len, reverse=True))
    return rf"(?<![\w])(?:(?:{kinds}|luật)(?=\s)|Hiến pháp|Công ước(?=\s))"


def _without_kind(title: str, kinds: list[str]) -> str:
    """A known title after its kind ("Bộ luật Hình sự" → "Hình sự"), the kinds longest first."""
    return next((title[len(k):] for k in kinds if title.startswith(k + " ")), title)


def _kind(kind: str) -> str:
    """A kind of titled document as plans write it: its first word as is, the others with a
    capital or without ("Bộ luật", "Bộ Luật")."""
    first, *rest = kind.split()
    return r"\s+".join([re.escape(first), *(f"[{w[0].lower()}{w[0].upper()}]{re.escape(w[1:])}"
                                           for w in rest)])


def _abbreviated(titles: list[str], abbreviations: dict[str, str]) -> list[str]:
    """The titles, and each as plans abbreviate it ("Luật Bảo vệ BMNN"), longest first."""
    out = set(titles)
    for title in titles:
        for short, long in abbreviations.items():
            if long.lower() in title.lower():
                i = title.lower().index(long.lower())
                out.add(title[:i] + short + title[i + len(long):])
    return sorted(out, key=len, reverse=True)


@lru_cache(maxsize=1)
def listed_laws() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"các Luật: Cán bộ, công chức; Viên chức và Đất đai": laws named by their titles after
    one kind word and a colon, as "các Sở: Nội vụ, Tài chính" names departments (the list's
    opening, and one title of it with its year and the joint after it). A title's own comma
    ("Cán bộ, công chức") keeps the list apart only where the catalogue knows the title, so
    the titles are the catalogue's (the longest first), never guessed."""
    lx = lexicon()
    kinds = [k for k in lx.documents["law_titles"]["kinds"] if k != "Pháp lệnh"]
    by_length = sorted(kinds, key=len, reverse=True)
    titles = sorted({_without_kind(a, by_length) for k in lx.known if k.type in kinds
                     for a in (k.title, *k.aliases) if a.startswith(tuple(kinds))},
                    key=len, reverse=True)
    known = "|".join(r"[,\s]+".join(re.escape(w.strip(",")) for w in t.split()) for t in titles)
    opening = re.compile(rf"(?<![\w])(?i:các|những)\s+(?P<kind>{'|'.join(map(_kind, by_length))})"
                         r"\s*:\s*")
    item = re.compile(rf"(?P<title>(?i:{known}))(?:,?\s+(?:năm\s+)?(?P<lyear>(?:19|20)\d\d))?"
                      r"(?![\w/])(?P<joint>\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+))?")
    return opening, item


@lru_cache(maxsize=1)
def short_name() -> re.Pattern[str]:
    """"Đề án 06", "Nghị quyết 57", "Chỉ thị 32": a document named by its type and the first
    part of its number, as plans name well-known ones, or by its number and year without its
    symbol ("Nghị định 59/2019") (never a year: "Kế hoạch 2025"; never
    the time a document covers: "Kế hoạch 5 năm (2021 - 2025)")."""
    names = lexicon().documents["short_names"]
    types = "|".join(re.escape(t) for t in names["types"])
    units = "|".join(re.escape(u) for u in names["time_units"])
    # "Nghị định 59/2019": a normative number and its year, the symbol left out
    year = r"(?:\s*/\s*(?P<syear>(?:19|20)\d\d)(?![\w/-]|\s*/|[.,]\d))?"
    return re.compile(rf"(?<![\w])(?P<stype>{types})\s+(?:(?i:số)\s*(?=\d+\s*/\s*(?:19|20)\d\d))?"
                      rf"(?P<snum>(?!(?:19|20)\d\d(?!\d))\d{{1,4}}){year}"
                      rf"(?![\w/-]|[.,]\d|\s*/)"
                      rf"(?!\s+(?:{units})\b(?!\s+(?:(?:19|20)\d\d(?![\d/-])(?!\s*[-–]\s*\d)"
                      rf"|\d{{1,2}}\s*(?:/|tháng))))")


@lru_cache(maxsize=1)
def anaphora() -> re.Pattern[str]:
    """"Luật này", "Nghị định nêu trên": a document named again by its type."""
    return re.compile(rf"(?<![\w])(?P<atype>{_types_alt()})\s+(?P<which>này|nêu trên|trên|đó)\b")


@lru_cache(maxsize=1)
def pinpoint() -> re.Pattern[str]:
    """"điểm a khoản 1 Điều 3", "Điều 55, 56", "Điều 5 đến Điều 9", "Chương VII", "Chương II,
    III"."""
    art = r"\d+[a-z]?"
    return re.compile(
        r"(?<![\w])(?:(?i:điểm)\s+(?P<points>[a-zđ](?:\s*(?:,|và)\s*[a-zđ](?![\w]))*)\s+)?"
        r"(?:(?i:khoản)\s+(?P<clauses>\d+(?:\s*(?:,|và)\s*\d+(?![\w/]))*)\s+(?:(?i:của)\s+)?)?"
        rf"(?i:Điều)\s+(?P<arts>{art}(?:\s*(?:,|và|đến|-|–)\s*(?:(?i:Điều)\s+)?{art}(?![\w/]))*)"
        r"|(?<![\w])(?i:Chương)\s+(?P<chap>[IVXLC]+\b(?:\s*(?:,|và|đến|-|–)\s*(?:(?i:Chương)\s+)?"
        r"[IVXLC]+\b)*)"
    )


class Deferred:
    """A regular expression compiled when it is first used (``match``, or any attribute of a
    compiled pattern), then kept: of the ~220 bodies' patterns a plan may name, a plan opens
    on ~60, and compiling them all cost a process more than reading a plan."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:  # fmt: skip
        return self.compiled.match(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # (copy and pickle ask before __init__ has run)
            raise AttributeError(name)
        return getattr(self.compiled, name)


@lru_cache(maxsize=1)
def bodies() -> list[tuple[Deferred, bool, bool]]:
    """(pattern, collective, outside) for every body, each allowing a location after it;
    each pattern compiled when first used."""
    lx = lexicon()
    out = []
    for head, (_p, collective, outside, _c) in zip(body_heads(), lx.body_entries, strict=True):
        tail = lx.belongs_re if collective else lx.location_re + lx.belongs_re
        out.append((Deferred(head + tail), collective, outside))
    return out


@lru_cache(maxsize=1)
def body_heads() -> list[str]:
    """The part of each pattern of :func:`bodies` before its location, which is optional
    (the pattern is its head, then a tail that may match nothing): text a body's pattern may
    open on is text its head may open on. The scan's opening index asks the heads, a tenth
    of the patterns' length (the location is the same long tail on all of them)."""
    return [rf"{pattern if cased else f'(?i:{pattern})'}(?![\w])"
            for pattern, _collective, _outside, cased in lexicon().body_entries]


ROLES = ("request", "assign", "lead", "support")


def at_end(core: str) -> re.Pattern[str]:
    r"""A pattern that only the end of a text (or of the window searched) matches:
    ``core``, then white space at most."""
    return re.compile(rf"{core}\s*$")


@lru_cache(maxsize=1)
def department_list() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"các Sở: Nội vụ, Tài chính, ... và Giáo dục và Đào tạo", "Các Bộ: Công Thương, Xây
    dựng, Tài nguyên và Môi trường": one body per name, its head ("Sở", "Bộ") before each (the
    list, and one name of it). A ministry's names are those of the ``[[central]]`` table."""
    lx = lexicon()
    ministries = [c.name.removeprefix("Bộ ") for c in lx.central if c.name.startswith("Bộ ")]
    # longest first (a name before its shorter start), then by name: the same pattern in every
    # process (its text keys the scan's cached answers)
    fields = sorted({*lx.departments, *ministries}, key=lambda d: (-len(d), d))
    names = "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in fields)
    return re.compile(
        rf"(?<![\w])(?i:(?:các\s+)?(?P<head>Sở|Bộ))\s*:\s*(?P<names>(?:{names})"
        rf"(?:\s*(?:,|và)\s*(?:{names})(?![\w]))*)"
    ), re.compile(rf"(?:{names})")


@lru_cache(maxsize=1)
def heads() -> re.Pattern[str]:
    words = "|".join(re.escape(h) for h in lexicon().heads)
    return re.compile(rf"(?i:{words})\s+$")


def compile_data(section: str, name: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(lexicon().pattern(section, name), flags)
