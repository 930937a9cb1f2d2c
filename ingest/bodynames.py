"""Names of bodies by the grammar of Vietnamese organisation names, for bodies no table knows.

Nghị định 30/2020 (Phụ lục II) has a body's name written as its kind, then the fields it works
in, each opening with a capital: "Bộ Lao động - Thương binh và Xã hội", "Viện Nghiên cứu lập
pháp", "Trung tâm Chuyển đổi số Thành phố". So a name is

    head  field ( joiner field )*  scope?  belongs?

- a head: the kind of body ("Bộ", "Sở", "Ủy ban", "Trung tâm" ...; ``[grammar] heads``);
- a field: a capitalised word, then words that are not where the sentence goes on (a verb,
  a cue, a function word: ``[grammar] stops`` and ``verbs``): however many before the place
  that closes the name ("Trung tâm Ứng dụng tiến bộ khoa học kỹ thuật nông nghiệp công nghệ
  cao tỉnh"), at most :data:`FIELD_WORDS` where none does; a "và" before lower-case words
  that run to the name's place is the field's own ("Trung tâm Phát triển quỹ đất và cụm
  công nghiệp tỉnh");
- a joiner (",", "và", "-") before a field that opens no body of its own ("Bộ Tài nguyên và
  Môi trường", but "Sở Tư pháp và Công an tỉnh" is two bodies);
- a scope: "các cấp", "các tỉnh, thành phố trực thuộc Trung ương", "cấp quân khu";
- belongs: "thuộc Bộ Quốc phòng", "trực thuộc Sở".

Groups are written in lower case, as common nouns with "các" ("các sở, ban, ngành liên
quan", "các cơ quan, đơn vị, địa phương"): ``[grammar.collective]``.

The words are data (``ingest/data/bodies.toml``); this module gives them their shape. A
match here is a candidate: :mod:`ingest.spot` keeps a table's name where a table knows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import regex

from ingest.lexicon import lexicon

SP = r"[^\S\n]+"  # a name never runs over a line break
# "Quốc", "HĐND", and a short form joined by "&" ("TN&MT", "KH&CN": Tài nguyên và Môi
# trường, Khoa học và Công nghệ), one word of a name
UPPER = r"\p{Lu}[\p{L}\p{M}]*(?:&\p{Lu}[\p{L}\p{M}]*)*"
LOWER = r"\p{Ll}[\p{L}\p{M}]*"
NUMBER = r"(?:\d+[A-Za-z]?|[IVXLC]+)(?![\p{L}\d])"  # "Ban Chỉ đạo 1237", "Quân khu 7", "khu vực XI"


@dataclass(frozen=True, slots=True)
class Grammar:
    named: regex.Pattern[str]
    collective: regex.Pattern[str]
    not_group: regex.Pattern[str]
    # the words a name or a group can open with (a group's in lower case): each pattern is
    # tried only where one of them stands, as ``re`` would try it at every character
    named_firsts: frozenset[str]
    collective_firsts: frozenset[str]
    opener_pieces: frozenset[str]  # those words as tokens: with a trailing space or without
    outside: regex.Pattern[str]  # a name whose head is outside a government's authority
    place: regex.Pattern[str]  # what places a name: "tỉnh", "các cấp", "thuộc Bộ Quốc phòng"
    heads_in: regex.Pattern[str]  # the heads of a group's members ("Thủ trưởng cơ quan ...")
    alone: frozenset[str] = frozenset()  # nouns that name a group alone ("cấp ủy")


def _phrases(words: list[str]) -> list[str]:
    """The phrases as written, and with each long form an abbreviation stands for replaced
    by it ("Ủy ban nhân dân" and "UBND"): a ``regex`` named list, matched as a set."""
    out = set(words)
    for long, shorts in lexicon().abbreviations.items():
        for w in words:
            at = w.lower().find(long.lower())
            if at >= 0:
                out.update(w[:at] + short + w[at + len(long):] for short in shorts)
    # a hyphen between words is typed as either dash ("chính trị – xã hội")
    out.update([w.replace(" - ", " – ") for w in out if " - " in w])
    return sorted(out)


def _sectors() -> list[str]:
    """The sectors a department or ministry is named after that join words with "và"
    ("Tài nguyên và Môi trường", "Văn hóa, Thể thao và Du lịch"), in lower case, and the
    fields of units that hold a "và" or a function word (``[grammar] fields``: "nhà ở")."""
    lx = lexicon()
    fields = [*lx.departments, *(c.name.removeprefix("Bộ ") for c in lx.central
                                 if c.name.startswith("Bộ "))]
    named = {f.lower() for f in fields if " và " in f}
    return sorted(named | set(lx.bodies["grammar"]["fields"]), key=len, reverse=True)


# who set a body up, after its name: "do", the founder (a head, then a name in capitals, up
# to a clause's end), a verb of setting up (``[grammar] founding``); ``regex`` syntax with the
# named lists of :func:`grammar` (its spaces and word ends filled in there)
FOUNDED = (r"{SP}do{SP}(?=\p{Lu})[^\n.;:()]{1,80}?{SP}\L<founding>{END}")


def _doubled() -> tuple[str, str]:
    """Patterns of a long form before its own abbreviation ("Ủy ban nhân dân UBND"), and of
    an abbreviation in brackets after its long form ("Ủy ban nhân dân (UBND)")."""
    def spaced(words: str) -> str:
        return regex.escape(words, literal_spaces=True).replace(" ", SP)

    before, after = [], []
    for long, shorts in sorted(lexicon().abbreviations.items(), key=lambda kv: -len(kv[0])):
        alts = "|".join(map(spaced, sorted(shorts, key=len, reverse=True)))
        before.append(rf"{spaced(long)}{SP}(?=(?:{alts}){END})")
        after.append(rf"(?<={spaced(long)}){SP}\((?:{alts})\)")
    return "|".join(before), "|".join(after)


# lower-case words of a field that no place closes: the verbs of the data are not all a
# plan's, and a field that ran to the clause's end would be read as a name the plan closes
# ("Trung tâm Dịch vụ việc làm phát triển thị trường lao động."); a field its place closes
# ("Trung tâm Ứng dụng tiến bộ khoa học kỹ thuật nông nghiệp công nghệ cao tỉnh") has no count
FIELD_WORDS = 5
END = r"(?![\p{L}\p{M}\d])"  # the end of a word
START = r"(?<![\p{L}\p{M}\d])"


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    g = lexicon().bodies["grammar"]
    c = g["collective"]
    lists = {name: _phrases(words) for name, words in (
        ("heads", g["heads"]), ("bare", g["bare_heads"]), ("lower_heads", g["lower_heads"]),
        ("person_heads", lexicon().heads),
        ("stops", g["stops"] + g["verbs"]),
        ("units", g["units"]), ("not_bodies", g["not_bodies"]),
        ("outside_heads", g["outside_heads"]), ("founded_heads", g["founded_heads"]),
        ("founding", g["founding"]), ("nouns", c["nouns"]),
        ("cased", c["cased_nouns"]), ("specified", c["specified"]),
        ("authorities", c["authorities"]),
        ("not_groups", c["not_groups"]), ("kinds", c["types"]),
        ("member_kinds", c["member_types"]),
        ("enterprises", c["enterprises"]), ("enterprise_kinds", c["enterprise_types"]),
        ("quals", c["qualifiers"]), ("rel_opens", c["relative_opens"]),
        ("rel_roles", c["relative_roles"]), ("rel_ends", c["relative_ends"]),
        ("place_words", c["place_words"]), ("place_nouns", c["place_nouns"]),
        ("unjoined", c["unjoined"]), ("levels", c["levels"]),
        ("owners", c["owners"]), ("owned", c["owned"]), ("members_of", c["members_of"]),
        ("upper_quals", [q for q in c["types"] + c["qualifiers"] if q[:1].isupper()]),
        ("sectors", _sectors()))}
    heads = r"\L<heads>"
    bare = r"(?=\p{Lu})(?i:\L<bare>)"  # "Kiểm toán nhà nước": any case after the capital
    units = r"(?i:\L<units>)"
    # a field: a capital, then words up to the sentence's own (a stop or a verb; before the
    # place that closes the name no count of words, which cut a long unit's name and left its
    # last word to be read as the verb: FIELD_WORDS; capitals and numbers are the name's,
    # "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"), never into a place: "tỉnh", "Thành phố"
    # end the fields, as what places the body
    location = lexicon().location_re
    # the place (not its absence) and the field are written once, in a DEFINE group, and
    # called where a pattern needs them: regex then compiles each once, not its ~30 copies
    # (and the word lists in them once each); a call backtracks as its text in place would
    place = "(?&place)"
    # ("Sở Tài chính Các sở, ngành": a list's "Các" is no word of a name)
    # ... a body's kind that names a body with a place alone ("Công an", "Thanh tra") is one
    # capital too, its lower-case words its own: "Phòng An ninh chính trị nội bộ Công an tỉnh"
    # (the unit and the body it belongs to) is never cut inside "Công an"
    capital = (rf"(?:(?!{place}){SP}(?!Các{END}|Những{END})"
               rf"(?:{bare}{END}|{UPPER}|{NUMBER}))")
    lower = rf"(?:(?!{place}){SP}(?!\L<stops>{END}){LOWER})"
    # a sector written in lower case after the field's first words is the field's own, its
    # "và" too ("Viện Chiến lược, Chính sách tài nguyên và môi trường", "Trung tâm Truyền
    # thông tài nguyên và môi trường"): the sectors are those the departments and ministries
    # are named after (a "và" before other words opens the next body or the sentence's own)
    sector = rf"(?:{SP}(?=\p{{Ll}})(?i:\L<sectors>){END})"
    # ... and a "và" before words in lower case that run to the name's place joins two of the
    # field's own ("Trung tâm Phát triển quỹ đất và cụm công nghiệp tỉnh"); before a group's
    # noun or a head it opens the next body ("Sở Nội vụ và cơ quan liên quan"), and with no
    # place after them the words may be the sentence's
    also = (rf"(?:{SP}và(?={SP}(?!(?i:\L<nouns>){END}|(?i:\L<lower_heads>){END}"
            rf"|(?i:\L<authorities>){END}))(?={lower}+{place}))")
    part = rf"(?:(?:{sector}|{also}?{lower}){capital}*)"
    field = "(?&field)"
    define = (rf"(?(DEFINE)(?P<place>{location.removesuffix('?')})"
              rf"(?P<field>(?:{UPPER}|{NUMBER}){capital}*(?:{part}*(?={place})|{part}{{0,{FIELD_WORDS}}})))")
    # "Sở Tư pháp, Sở Nội vụ": a head after a joiner opens the next body
    # ... and so does the title of a body's head ("Chánh Văn phòng Sở, Trưởng phòng Kinh tế")
    opens_body = rf"(?:{heads}|{bare}|\L<person_heads>){END}"
    joiner = rf"(?:,{SP}|{SP}(?:và|-|–){SP}|{SP}?[-–]{SP}?)"
    joined = rf"(?:{joiner}(?!{opens_body}){field})"
    # "các tỉnh, thành phố trực thuộc Trung ương", "các cấp", "cấp quân khu"; "các huyện ủy,
    # đảng ủy trực thuộc Tỉnh ủy" (the Party committee's own, not the province's)
    committee = rf"(?:tỉnh|thành){SP}(?:ủy|uỷ)"
    scope = (rf"(?:{SP}(?i:các|cấp){SP}{units}{END}(?:(?:,{SP}|{SP}và{SP}){units}{END})*"
             rf"(?:{SP}(?:trực{SP})?thuộc{SP}(?i:trung ương|{committee}|tỉnh|thành phố){END})?)")
    # "Bộ Quốc phòng tỉnh"; "Công an tỉnh", "Thanh tra" (heads that name a body with a place
    # alone)
    # a head typed in lower case before its capitalised field ("giao phòng Quản lý công
    # nghiệp", "phối hợp với cơ quan Thuế"): a name all the same, unless the capital is a
    # place or a kind written so ("trung tâm Thành phố", "cơ quan Trung ương", "cơ quan Đảng")
    lower_head = (rf"\L<lower_heads>(?!{place}){SP}(?!\L<upper_quals>{END})"
                  rf"(?!\L<heads>{END}|{bare}{END}){field}")
    # a long form written before its own abbreviation, as a plan sometimes repeats it ("Chủ
    # tịch Ủy ban nhân dân UBND cấp xã"; "Ủy ban nhân dân (UBND) các xã, phường"): one name
    # (:func:`ingest.assign.name_of` stores it once)
    doubled = _doubled()
    name = (rf"(?:{doubled[0]})?(?:{heads}{SP}{field}{joined}*|{bare}{END}|{lower_head}{joined}*)"
            rf"(?:{doubled[1]})?{location}{scope}?")
    # a name inside another's words ("thuộc X", "của X") is called from the DEFINE group too
    define = define.removesuffix(")") + rf"(?P<body>{name}))"
    inner_name = "(?&body)"
    # "thuộc Bộ Quốc phòng"; "thuộc Tỉnh ủy", "trực thuộc Sở", "thuộc Bộ" (the issuer's own)
    belongs = (rf"(?:{SP}(?:trực{SP})?thuộc{SP}"
               rf"(?:{inner_name}|(?i:tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy){END}"
               rf"|(?:Bộ|Sở|Tổng cục|Cục|Ban){END}"
               # "các đơn vị thuộc các Bộ có liên quan": a group of groups
               rf"|(?i:các){SP}(?i:\L<nouns>){END}(?:(?:,{SP}|{SP}và{SP})(?i:\L<nouns>){END})*"
               rf"|(?i:tỉnh|thành phố|trung ương|Chính phủ|Quốc hội){END}))")
    # a body set up for a piece of work, its kind and the work in lower case, before who set
    # it up ("Ban soạn thảo do Ủy ban Thường vụ Quốc hội thành lập"): the clause tells it is
    # a name, where lower-case words after a kind are else the sentence's; the clause itself
    # joins the name in assign.py (:data:`FOUNDED`), also after a name a table knows
    founded = FOUNDED.replace("{SP}", SP).replace("{END}", END)
    adhoc = (rf"(?!(?i:\L<not_groups>){END})\L<founded_heads>(?:{SP}(?!do{END}){LOWER})+"
             rf"(?={founded})")
    named = regex.compile(rf"{define}{START}(?!\L<not_bodies>{END})(?P<name>{name}|{adhoc})"
                          rf"{belongs}?{END}", ignore_unused=True, **lists)
    # a noun before a capital is a named body's head ("phòng, Bộ Công an"), unless the
    # capital is a kind or qualifier written so ("các cơ quan Đảng", "các cơ quan Trung ương");
    # bare nouns share one "các" ("các cơ quan, đơn vị, địa phương"); a noun of a kind is a
    # body of its own ("các tổ chức chính trị - xã hội, tổ chức xã hội" are two)
    noun = rf"(?:(?i:\L<nouns>)|\L<cased>){END}"
    kind = rf"(?P<kind>{SP}(?i:\L<kinds>){END})"
    no_name = rf"(?!{SP}(?!\L<upper_quals>{END}(?!{SP}\p{{Lu}}))\p{{Lu}})"
    joiner = rf"(?:,{SP}|,?{SP}và{SP})"
    # a noun whose kind is its own words: "các doanh nghiệp viễn thông" (not into a place, a
    # qualifier or the sentence's own words)
    spec = (rf"(?P<spec>(?:(?!{place}){SP}(?!\L<stops>{END}|(?i:\L<quals>){END}|\L<nouns>{END})"
            rf"{LOWER}){{1,3}})")
    # "chính quyền" with its qualifier or scope ("chính quyền địa phương", "... các cấp") ends
    # a comma list ("cấp ủy, chính quyền các cấp"); after "và" it is a group of its own ("các
    # sở, ngành và chính quyền địa phương")
    authority = (rf"(?i:\L<authorities>){END}{no_name}"
                 rf"(?={SP}(?:(?i:\L<quals>)|(?:(?i:các|cấp){SP})?{units}){END})")
    # a later noun of a list may have the kind of an agency of the state ("các bộ, cơ quan
    # ngang bộ, cơ quan thuộc Chính phủ": one group), written in lower case ("Phòng Nội chính"
    # is a named body); a list's first noun with its kind is a group of its own (above)
    member_kind = rf"(?:{SP}(?=\p{{Ll}})\L<member_kinds>{END})?"
    # ... which a member with a head of its own needs to stay in the list ("Bộ trưởng các bộ,
    # Thủ trưởng các cơ quan ngang bộ": one group; "Giám đốc các Sở, Thủ trưởng các ngành":
    # two, each kind of body its own)
    kinded = rf"{SP}\L<member_kinds>"
    # a list of enterprises that ends with a kind they share: "các Tập đoàn, Tổng công ty nhà
    # nước" (its nouns in either case: "Tổng Công ty"); one group
    enterprise = rf"(?i:\L<enterprises>){END}{no_name}"
    shared_kind = (rf"{enterprise}(?:{joiner}{enterprise})+"
                   rf"(?P<shared>{SP}(?i:\L<enterprise_kinds>){END}){no_name}")
    # the heads of a list's members, each before its noun ("Các Bộ trưởng, Thủ trưởng cơ quan
    # ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ"; "N trưởng" is the head of an N): a head
    # stands for its body, so the list is one group as "các bộ, cơ quan ngang bộ, ..." is
    # (:func:`headless` drops the heads from its name), with "các" or in the singular ("Bộ
    # trưởng, Thủ trưởng cơ quan ngang bộ, ..." opening an item: tasks.py keeps the paragraphs
    # that go on with such a sentence in its task)
    # before a noun in lower case, with or without its "các" ("Bộ trưởng các bộ, Thủ trưởng
    # các cơ quan ngang bộ, cơ quan thuộc Chính phủ": one group, its members' heads left out)
    headed = rf"(?:\L<person_heads>{SP}(?:(?i:các){SP})?(?=\p{{Ll}}))"
    titled = (rf"{noun}{SP}trưởng(?:{joiner}{headed}{noun}{member_kind}"
              rf"{no_name})(?:{joiner}{headed}?{noun}{member_kind}{no_name})*")
    # the owners of works with the works listed ("các chủ dự án, tiểu dự án thành phần")
    owned = (rf"(?i:\L<owners>){END}(?:{SP}(?i:\L<owned>){END})?"
             rf"(?:(?:,{SP}|{SP}và{SP})(?i:\L<owned>){END})+{no_name}")
    # the owner of a work named by its own name ("cơ quan chủ quản Chương trình MTQG", "các
    # chủ đầu tư Dự án Khu tái định cư"): the noun and the owner's kind (or a noun that is an
    # owner), the work with a capital ("chức năng chủ quản Chương trình" is a function)
    owner_of = (rf"(?:{noun}{SP}(?i:\L<owners>)|(?=(?i:\L<owners>){END})(?i:\L<nouns>)){END}"
                rf"{SP}(?=\p{{Lu}})(?i:\L<owned>){END}"
                rf"(?:{SP}{field})?")
    # members named after their body: "các cơ quan thành viên Ban Chỉ đạo tỉnh"
    member_of = rf"{noun}{SP}(?i:\L<members_of>){SP}(?:{name})"
    # a noun written after another with no comma ("các tổ chức cá nhân có liên quan")
    unjoined = rf"{SP}(?i:\L<unjoined>){END}{no_name}"
    # the levels listed with the bodies of them, each noun with its "các" or not ("Các cấp,
    # ngành", "các cấp, các ngành, các địa phương"): one group
    levels = (rf"(?i:\L<levels>){END}(?:{joiner}(?:(?i:các){SP})?{noun}{no_name}"
              rf"(?!{SP}(?i:\L<kinds>){END}))+")
    nouns = (rf"(?:{owner_of}|{owned}|{member_of}|{levels}|{noun}{kind}{no_name}|{shared_kind}"
             rf"|(?i:\L<specified>){END}{spec}{no_name}"
             rf"|{titled}"
             rf"|{noun}{no_name}(?:{joiner}(?:{headed}{noun}{member_kind}(?<={kinded})"
             rf"|{noun}{member_kind}){no_name}(?!{SP}(?i:\L<owners>){END})|{unjoined})*"
             rf"(?:,{SP}{authority})?|{authority})")
    # "liên quan", "khác", "thuộc Bộ Quốc phòng" (tried first: "trực thuộc" alone is a
    # qualifier too), levels in a list ("Trung ương, địa phương, quân đội")
    qual = (rf"(?:{SP}|,{SP}(?=(?i:trung ương|địa phương|quân đội){END}))"
            rf"(?i:\L<quals>){END}")
    # a group of a body: "các Ủy ban của Quốc hội", "các đội chuyên trách của quân đội"
    owner = (rf"(?:{SP}của{SP}(?:{inner_name}|(?i:Quốc hội|Chính phủ|quân đội|Đảng|tỉnh|thành phố)"
             rf"{END}))")
    # a relative clause that names the group by what it was given ("các cơ quan được phân
    # công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm ..."), up to the duty or
    # the comma after which the sentence goes on; a role word only right before the duty
    # ("các cơ quan phối hợp có trách nhiệm ...")
    rel_end = rf"{SP}\L<rel_ends>{END}"
    relative = (rf"(?:{SP}(?:(?i:\L<rel_opens>){END}(?:{SP}(?!và{END})[^\s,;.:()]+){{0,12}}?"
                rf"(?=,|{rel_end})|\L<rel_roles>{END}(?={rel_end})))")
    # where the group is ("tại khu vực biên giới, cửa khẩu"): place nouns with their words
    # (not the issuer's own area: "trên địa bàn tỉnh" places nothing, the plan's scope is it)
    # ("trên địa bàn" alone, or before a verb, is the plan's area too)
    spot = (rf"(?!(?i:địa bàn)(?:{place}{END}|(?!{SP}(?:(?i:\L<place_nouns>){END}|(?!\L<stops>"
            rf"{END}|\L<nouns>{END}){LOWER}))))(?i:\L<place_nouns>){END}"
            rf"(?:(?!{place}){SP}(?:(?i:\L<place_nouns>){END}|"
            rf"(?!\L<stops>{END}|\L<nouns>{END}){LOWER})){{0,4}}{place}?")
    placed = (rf"(?:{SP}(?i:\L<place_words>){SP}{spot}(?:(?:,{SP}|{SP}và{SP}){spot})*)")
    collective = regex.compile(
        rf"{define}{START}(?i:(?P<each>các){SP})?(?P<nouns>{nouns})"
        rf"(?P<quals>(?:{belongs}|{relative}|{qual})*{owner}?(?:{qual})*)"
        rf"(?P<tail>{scope}|{SP}{units}{END})?(?P<placed>{placed})?{END}", ignore_unused=True,
        **lists)
    outside = regex.compile(rf"^\L<outside_heads>{END}", ignore_unused=True, **lists)
    heads_in = regex.compile(rf"(?<=^(?:(?i:các){SP})?\p{{L}}+){SP}trưởng(?=,)"
                             rf"|(?<=,{SP}){headed}", ignore_unused=True, **lists)
    # "các trường hợp", "hội nghị": words a group's noun opens that name no group
    not_group = regex.compile(rf"(?i:(?:các|những){SP})?(?i:\L<not_groups>){END}",
                              ignore_unused=True, **lists)
    named_firsts = frozenset(w.split()[0] for w in lists["heads"] + lists["bare"]
                             + lists["lower_heads"] + lists["founded_heads"])
    # a group opens with "các" or a noun in any case, or a cased noun as written ("Vụ", never
    # the "vụ" of "nhiệm vụ")
    collective_firsts = frozenset([*(w.split()[0].lower() for w in lists["nouns"]), "các",
                                   *(w.split()[0].lower() for w in lists["authorities"]),
                                   *(w.split()[0] for w in lists["cased"])])
    cased = {v for w in collective_firsts for v in (w, w.capitalize(), w.upper())
             if w.islower()} | {w.split()[0] for w in lists["cased"]}
    opener_pieces = frozenset(p for w in named_firsts | cased for p in (w, w + " "))
    return Grammar(named, collective, not_group, named_firsts, collective_firsts,
                   opener_pieces, outside,
                   regex.compile(rf"{define}(?:{scope}|{belongs}|{location})", ignore_unused=True,
                                 **lists),
                   heads_in,
                   frozenset(w.lower() for w in c["alone"]))


@dataclass(frozen=True, slots=True)
class Name:
    """A name the grammar read: ``text[start:end]``."""

    start: int
    end: int
    collective: bool = False
    outside: bool = False


def find(text: str, tokens: tuple[list[str], list[int]] | None = None,
         opening: dict[int, tuple[int, ...]] | None = None) -> list[Name]:
    """Every name the grammar reads in ``text``, left to right. A group needs "các", a list
    of nouns, a kind or a qualifier to be one: "cơ quan, đơn vị", "các sở", "cơ quan báo chí",
    "đơn vị liên quan"; a noun alone ("tổ chức", "đơn vị") is a common word. Each pattern is
    tried only at a word it can open with (``re`` would try it at every character), never
    inside its last match; ``tokens`` (the doc's tokens with their trailing spaces, and their
    starts) find those words by a set look-up each; ``opening`` (the spotting scan's
    ``hits["names"]``: :func:`ingest.scan.scan`) tells, from the words there, which of the two
    patterns can match at a start at all. Most of the words a name may open with open none
    where they stand ("cơ sở", "tổ chức thực hiện", "phòng, chống", "công tác"), and a failed
    match costs ~30 µs, hundreds a plan; the scan's partial matching rules them out in the
    walk it makes anyway, so the names found are the same."""
    g = grammar()
    named_at = collective_at = 0
    named_from = 0  # where the last name opened: a group never opens inside it
    out: list[Name] = []
    for at, w, can in _openers(text, tokens, g, opening):
        if NAMED in can and at >= named_at and w in g.named_firsts:
            m = g.named.match(text, at)
            if m is not None:
                named_from, named_at = at, m.end()
                out.append(Name(at, m.end(), outside=bool(g.outside.match(m.group()))))
        if named_from < at < named_at:
            continue  # "Đài Phát thanh và Truyền hình tỉnh, cơ quan ...": "tỉnh" is its place
        if COLLECTIVE in can and at >= collective_at and (w.lower() in g.collective_firsts
                                    or w in g.collective_firsts):
            m = g.collective.match(text, at)
            if m is not None and g.not_group.match(text, at):
                m = None
            if m is not None:
                collective_at = m.end()
                # a kind of its own words needs "các" ("các doanh nghiệp công nghệ số"): with
                # none they may be the sentence's ("phối hợp với doanh nghiệp phát triển ...")
                if m.group("spec") and not m.group("each") and not _listed_after(out, text, at):
                    continue
                if m.group("each") or m.group("quals") or m.group("tail") or \
                        m.group("kind") or m.group("spec") or _several(m.group("nouns")) \
                        or m.group("nouns").lower() in g.alone:
                    out.append(Name(at, m.end(), collective=True))
    return out


def headless(name: str) -> str:
    """A group's name without the heads of its members: "Các Bộ trưởng, Thủ trưởng cơ quan
    ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ" is "Các Bộ, cơ quan ngang bộ, cơ quan
    thuộc Chính phủ" (a head stands for its body); in the singular ("Bộ trưởng, Thủ trưởng
    cơ quan ngang bộ" opening an item: each minister of his ministry) it is all of them, "các
    bộ, cơ quan ngang bộ"."""
    out = grammar().heads_in.sub("", name)
    if _SINGULAR_TITLED.match(name):
        out = f"các {out[:1].lower()}{out[1:]}"
    return out


_SINGULAR_TITLED = regex.compile(r"(?!(?i:các)\s)\p{L}+\s+trưởng,")


NAMED, COLLECTIVE = 0, 1  # the grammar's patterns, in the scan's family "names"
_BOTH = (NAMED, COLLECTIVE)


def _openers(text: str, tokens: tuple[list[str], list[int]] | None,
             g: Grammar, opening: dict[int, tuple[int, ...]] | None
             ) -> Iterator[tuple[int, str, tuple[int, ...]]]:
    """(start, word, patterns) of every word a name or a group may open with, and which of
    the two may open there (``opening``: the scan's; both, without it)."""
    if tokens is None:
        for word in _WORD.finditer(text):
            yield word.start(), word.group(), _BOTH
        return
    pieces, starts = tokens
    for i in compress(range(len(pieces)), map(g.opener_pieces.__contains__, pieces)):
        at = starts[i]
        yield at, pieces[i].rstrip(" "), _BOTH if opening is None else opening.get(at, ())


_WORD = re.compile(r"\w+")


_JOINER = re.compile(r",?\s+(?:và\s+)?|,\s*")


def _listed_after(out: list[Name], text: str, at: int) -> bool:
    """Does ``text[at:]`` go on with a list of bodies ("Các doanh nghiệp viễn thông, doanh
    nghiệp bưu chính": the second shares the first's "các"; "phối hợp Bộ Công an, Sở Tư pháp,
    doanh nghiệp đồng hành": a member of the list the names open)?"""
    return bool(out) and bool(_JOINER.fullmatch(text, out[-1].end, at))


def _several(nouns: str) -> bool:
    return "," in nouns or " và " in nouns or len(nouns.split()) > 2
