"""Regular expressions built from the data tables, compiled once.

The tables (:mod:`ingest.lexicon`) give the words; this module gives them shape: a document
number, a date, a pinpoint, a list of bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from ingest.lexicon import lexicon

DATE = r"(?:(?P<dd>\d{1,2})\s*/\s*(?P<dm>\d{1,2})\s*/\s*(?P<dy>\d{4})" \
       r"|(?P<td>\d{1,2})\s+tháng\s+(?P<tm>\d{1,2})\s+năm\s+(?P<ty>\d{4}))"
_SYM = r"[A-ZĐ](?:[A-Za-zĐđ0-9]|[.&](?=[A-Za-zĐ0-9]))*"  # "C.IV", "CCHC&PC"


def _types_alt() -> str:
    return "|".join(re.escape(t.name) for t in lexicon().types)


@lru_cache(maxsize=1)
def document_ref() -> re.Pattern[str]:
    """A numbered reference: type word, "số", number and symbol, optional date."""
    types = _types_alt()
    number = (
        rf"(?P<num>\d+[a-z]?)(?:\s*/\s*(?P<year>(?:19|20)\d\d))?\s*/\s*"
        rf"(?P<sym>{_SYM}(?:\s*-\s*{_SYM})*)"
    )
    party = rf"(?P<pnum>\d+)\s*-\s*(?P<ptype>[A-ZĐ]{{1,4}})\s*/\s*(?P<pbody>{_SYM})"
    blank = rf"(?P<blank>/\s*{_SYM}(?:\s*-\s*{_SYM})*)"
    std = "|".join(lexicon().standard_prefixes)
    standard = rf"(?P<std>(?:{std})\s*\d+(?::\d{{4}})?)"
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
    """A law, the Constitution or a treaty named by its title, with its year or date."""
    lx = lexicon()
    aliases = sorted(
        {a for k in lx.known for a in (k.title, *k.aliases) if a.startswith(("Luật", "Bộ luật"))},
        key=len, reverse=True,
    )
    known = "|".join(
        r"[,\s]+".join(re.escape(w.strip(",")) for w in a.split()[1:]) for a in aliases
    )
    # a title in sentence case; a comma may join its parts ("Luật Tín ngưỡng, tôn giáo")
    stop = "|".join(rf"{re.escape(w)}\b" for w in lx.documents["law_titles"]["stop_words"])
    generic = rf"[A-ZĐ][\wÀ-ỹ]*(?:,?\s+(?!{stop})[a-zà-ỹđ][\wÀ-ỹ]*){{0,7}}"
    amend = (r"(?P<amend>(?i:sửa đổi,?\s+bổ sung)(?:\s+một số điều)?(?:\s+của)?"
             r"\s+(?:các\s+)?Luật\s+)?")
    return re.compile(
        rf"(?<![\w])(?P<kind>Bộ luật|Luật)\s+{amend}(?P<title>(?i:{known})|{generic})"
        rf"(?:,?\s+(?:năm\s+(?P<lyear>(?:19|20)\d\d)|(?:ngày\s+{DATE})))?"
        rf"|(?<![\w])(?P<hp>Hiến pháp)(?:\s+năm\s+(?P<hyear>(?:19|20)\d\d))?"
        # a treaty by its title: "Công ước của Liên hợp quốc về chống tham nhũng"
        rf"|(?<![\w])(?P<cu>Công ước)\s+(?P<cutitle>(?:của\s+)?[A-ZĐ][^,;.()“”\"\n]{{3,100}}?)"
        rf"(?=\s*[,;.()“”\"\n]|\s+(?:và|mà|năm|để|nhằm)\s|$)"
    )


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


@lru_cache(maxsize=1)
def bodies() -> list[tuple[re.Pattern[str], bool, bool]]:
    """(pattern, collective, outside) for every body, each allowing a location after it."""
    lx = lexicon()
    out = []
    for pattern, collective, outside, cased in lx.body_entries:
        tail = lx.belongs_re if collective else lx.location_re + lx.belongs_re
        core = pattern if cased else f"(?i:{pattern})"
        out.append((re.compile(rf"{core}(?![\w]){tail}"), collective, outside))
    return out


_WORD = re.compile(r"\w+")
_NEXT = re.compile(r"[^\w\n]{0,3}\w+")
_RUN = 5  # tokens after an opener that may narrow its patterns down
# ... and while one pattern is left: a word that only may open it ("quy định", "2023") is
# mostly ruled out by the next two tokens, which costs less than a failed match
_SINGLE_RUN = 2


class WordIndex:
    """Which patterns can open on a given word, learned once per word and kept.

    Trying dozens of patterns at every position of a plan costs more than everything else
    together; the ``regex`` module's partial matching tells, for a word, which patterns could
    start with it, so each distinct word is looked up once per process and most words are
    ruled out by one dictionary look-up. Patterns must be able to match at a word start.
    """

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        import regex as rx

        self.patterns = patterns
        self.matchers = [p.match for p in patterns]
        self._partial = [rx.compile(p.pattern, p.flags & re.IGNORECASE) for p in patterns]
        self._by_word: dict[str, tuple[int, ...]] = {}
        self._firsts: list[re.Pattern[str] | None] | None = None
        self._by_char: dict[str, tuple[int, ...]] = {}
        # a token's text with its space -> its node, or () when no pattern opens on it
        self._by_piece: dict[str, list | tuple[()]] = {}

    def candidates(self, word: str, among: tuple[int, ...] | None = None) -> tuple[int, ...]:
        """Patterns that can match at the start of ``word`` (a word, or two with what lies
        between them): those it could begin, and those that match a prefix of it."""
        found = self._by_word.get(word)
        if found is None:
            pool = self._narrowed(word) if among is None else among
            found = tuple(i for i in pool
                          if self._partial[i].match(word, partial=True) is not None)
            self._by_word[word] = found
        return found

    def _narrowed(self, word: str) -> tuple[int, ...]:
        """The patterns ``word`` without its last character can open (a pattern that can
        open a word can open each prefix of it), so a new word is tried against those only:
        once a few words are known, a new one shares all but its end with one of them."""
        if len(word) <= 1:
            return self._opening_with(word)
        known = len(word) - 1
        while known > 1 and word[:known] not in self._by_word:
            known -= 1
        pool = self._by_word.get(word[:known]) if known > 1 else None
        if pool is None:
            pool = self.candidates(word[:1])
        for end in range(max(known, 1) + 1, len(word)):  # the prefixes not known yet
            pool = self.candidates(word[:end], pool)
        return pool

    def _opening_with(self, char: str) -> tuple[int, ...]:
        """The patterns whose match can start with ``char``: a new word is tried against
        these only (each pattern's first characters are read from its parse tree)."""
        found = self._by_char.get(char)
        if found is None:
            if self._firsts is None:
                self._firsts = [first_class(p) for p in self.patterns]
            found = self._by_char[char] = tuple(
                i for i, first in enumerate(self._firsts) if first is None or first.match(char))
        return found

    def piece(self, piece: str) -> list | tuple[()]:
        """The node of a token (its text with its trailing space), () when no pattern opens
        on it (punctuation and white space included). A node is [candidates, the nodes of
        the tokens that may follow, the tokens' text, the length of the opening word]."""
        found = self._by_piece.get(piece)
        if found is None:
            word = _unspaced(piece)
            cands = self.candidates(word) if _WORD.fullmatch(word) else ()
            found = self._by_piece[piece] = [cands, {}, piece, len(word)] if cands else ()
        return found

    def follow(self, node: list, piece: str) -> list:
        """The node of ``node``'s tokens followed by ``piece``: its candidates are those of
        the text so far (without the last token's space), as :meth:`candidates` gives them."""
        child = [self.candidates(node[2] + _unspaced(piece), node[0]), {}, node[2] + piece, 0]
        node[1][piece] = child
        return child

    def scan(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """The longest match at every word start where one of the patterns matches."""
        out = []
        patterns = self.patterns
        for word in _WORD.finditer(text):
            cands = self.candidates(word.group())
            if not cands:
                continue
            pos = word.start()
            best = None
            for i in cands:
                m = patterns[i].match(text, pos)
                if m is not None and (best is None or m.end() > best[1].end()):
                    best = (i, m)
            if best is not None:
                out.append(best)
        return out


GROUPS = ("numbered", "law", "anaphora")
ROLES = ("request", "assign", "lead", "support")


@lru_cache(maxsize=1)
def families() -> list[tuple[str, list[re.Pattern[str]], bool]]:
    """(family, patterns, keep every match?) for every spotting component."""
    from ingest import timeframes

    lx = lexicon()
    roles = [re.compile(rf"{lx.pattern('roles', r)}(?![\w])") for r in ROLES]
    return [
        ("documents", [document_ref(), law_title(), anaphora()], False),
        ("pinpoints", [pinpoint()], False),
        ("bodies", [p for p, _c, _o in bodies()], False),
        ("roles", roles, False),
        ("timeframes", [p for _k, p in timeframes.patterns()], True),
    ]


@lru_cache(maxsize=1)
def spotting_index() -> tuple[WordIndex, list[tuple[str, int, bool]]]:
    """Every pattern the spotting components need, so a plan's words are walked once."""
    patterns: list[re.Pattern[str]] = []
    owner: list[tuple[str, int, bool]] = []
    for family, pats, keep_all in families():
        for i, p in enumerate(pats):
            patterns.append(p)
            owner.append((family, i, keep_all))
    return WordIndex(patterns), owner


@dataclass(frozen=True, slots=True)
class Tail:
    r"""A pattern ``core\s*$``, which only the end of the text (or of a window of it) can
    match, searched from where a match of ``core`` (``width`` characters at most) can start
    before the trailing white space: ``re`` would try it at every character. ``$`` is the
    window's end, and look-behinds still see what precedes the window, as with ``re``."""

    pattern: re.Pattern[str]
    width: int | None  # None: ``core`` may be empty or has no bound; the whole text is searched

    @classmethod
    def of(cls, core: str) -> Tail:
        from re import _parser  # type: ignore[attr-defined]

        lo, hi = _parser.parse(core).getwidth()
        return cls(re.compile(rf"{core}\s*$"), hi if lo > 0 and hi < _parser.MAXREPEAT else None)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if self.width is None:
            return self.pattern.search(text, pos, end)
        if end - pos <= self.width:  # most texts are short, many empty
            return self.pattern.search(text, pos, end) if end > pos else None
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        return self.pattern.search(text, max(pos, stop - self.width), end)

    def sub(self, repl: str, text: str) -> str:
        """``pattern.sub(repl, text)``: its one match is the text's end."""
        if self.width is None:
            return self.pattern.sub(repl, text)
        m = self.search(text)
        return text if m is None else text[:m.start()] + repl


def first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters a match of ``pattern`` can start with (either case, as re
    folds them), or None when it may start with any or match nothing."""
    from re import _parser  # type: ignore[attr-defined]

    from ingest.firstchars import first_chars

    if _parser.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0:
        return None  # it can match an empty string: any position
    chars = first_chars(pattern.pattern, pattern.flags & re.IGNORECASE)
    if chars is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)


def _unspaced(piece: str) -> str:
    return piece[:-1] if len(piece) > 1 and piece[-1] == " " else piece


def _openings(text: str, index: WordIndex) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    """(start, end, candidate patterns) of every word some pattern may open on, found in the
    text (the doc's tokens are faster: see :func:`scan`)."""
    known = index._by_word
    for word in _WORD.finditer(text):
        w = word.group()
        cands = known.get(w)
        if cands is None:
            cands = index.candidates(w)
        if cands:
            yield word.start(), word.end(), cands


def _token_openings(index: WordIndex, pieces: list[str], starts: list[int]
                    ) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(start, candidate patterns) of every token some pattern may open on, the patterns
    narrowed down by the tokens after it (up to :data:`_SINGLE_RUN`, then while more than one
    is left): each run of tokens is learned once (a path in :class:`WordIndex`'s tree), so
    this costs a look-up per token."""
    follow = index.follow
    last = len(pieces) - 1
    if last < 0:
        return
    # most tokens are ruled out by one look-up (a C loop; tokens never seen are learned first)
    try:
        nodes = list(map(index._by_piece.__getitem__, pieces))
    except KeyError:
        for piece in set(pieces).difference(index._by_piece):
            index.piece(piece)
        nodes = list(map(index._by_piece.__getitem__, pieces))
    for k in compress(range(last), nodes):
        piece = pieces[k + 1]  # the next token narrows even one candidate (_SINGLE_RUN >= 1)
        node = nodes[k][1].get(piece) or follow(nodes[k], piece)
        cands = node[0]
        if not cands:
            continue  # most openers: ruled out by the token after them
        j = k + 2
        if k + _RUN <= last:  # nearly always: no min() calls
            stop, single = k + _RUN, k + _SINGLE_RUN
        else:
            stop, single = last, min(k + _SINGLE_RUN, last)
        while cands and (j <= single or (len(cands) > 1 and j <= stop)):
            piece = pieces[j]
            node = node[1].get(piece) or follow(node, piece)
            cands = node[0]
            j += 1
        if cands:
            yield starts[k], cands
    if nodes[last]:
        yield starts[last], nodes[last][0]


def scan(text: str, tokens: tuple | None = None) -> dict[str, list[tuple[int, re.Match[str]]]]:
    """Per family, the longest match at each word start (or every match, for timeframes).
    ``tokens`` (the doc's tokens, each with its trailing space, and their offsets) saves
    finding the words again, and lets the tokens after an opener rule patterns out cheaply."""
    index, owner = spotting_index()
    out: dict[str, list[tuple[int, re.Match[str]]]] = {f: [] for f, _p, _k in families()}
    matchers = index.matchers
    if tokens is not None:
        opens: Iterator[tuple[int, tuple[int, ...]]] = _token_openings(index, *tokens)
    else:
        opens = _text_openings(text, index)
    for pos, cands in opens:
        if len(cands) == 1:  # most openers, once narrowed: its match is its family's best
            m = matchers[cands[0]](text, pos)
            if m is not None:
                family, local, _keep_all = owner[cands[0]]
                out[family].append((local, m))
            continue
        best: dict[str, tuple[int, re.Match[str]]] | None = None
        for i in cands:
            m = matchers[i](text, pos)
            if m is None:
                continue
            family, local, keep_all = owner[i]
            if keep_all:
                out[family].append((local, m))
            elif best is None:
                best = {family: (local, m)}
            elif family not in best or m.end() > best[family][1].end():
                best[family] = (local, m)
        if best is not None:
            for family, hit in best.items():
                out[family].append(hit)
    return out


def _text_openings(text: str, index: WordIndex) -> Iterator[tuple[int, tuple[int, ...]]]:
    for pos, end, cands in _openings(text, index):
        if len(cands) > 3:  # a frequent opener ("các"): the next word narrows it down
            nxt = _NEXT.match(text, end)
            if nxt is not None:
                cands = index.candidates(text[pos:nxt.end()], cands)
        yield pos, cands


_DEPT_HEAD, _DEPT_EACH = "Sở", "các"


@lru_cache(maxsize=1)
def department_list() -> re.Pattern[str]:
    """"các Sở: Nội vụ, Tài chính, ... và Giáo dục và Đào tạo": one body per name."""
    names = "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in lexicon().departments)
    return re.compile(
        rf"(?i:(?:{_DEPT_EACH}\s+)?{_DEPT_HEAD})\s*:\s*(?P<names>(?:{names})"
        rf"(?:\s*(?:,|và)\s*(?:{names})(?![\w]))*)"
    ), re.compile(rf"(?:{names})")


def department_lists(text: str) -> Iterator[re.Match[str]]:
    """``department_list().finditer(text)``, without trying the pattern at every position:
    each list has a colon right after "Sở" (white space between), so the only places it can
    open are, for each colon, that "Sở" and the "các" before it; they are tried in order."""
    list_re = department_list()[0]
    pos = 0
    colon = text.find(":")
    while colon >= 0:
        head = colon
        while head > 0 and text[head - 1].isspace():  # str.isspace is what \s matches
            head -= 1
        head -= len(_DEPT_HEAD)
        each = head
        while each > 0 and text[each - 1].isspace():
            each -= 1
        opens = ([each - len(_DEPT_EACH)] if each < head else []) + [head]
        for at in opens:
            if at >= pos and (m := list_re.match(text, at)) is not None:
                yield m
                pos = m.end()
                break
        colon = text.find(":", max(colon + 1, pos))
    return


@lru_cache(maxsize=1)
def heads() -> re.Pattern[str]:
    words = "|".join(re.escape(h) for h in lexicon().heads)
    return re.compile(rf"(?i:{words})\s+$")


def compile_data(section: str, name: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(lexicon().pattern(section, name), flags)
