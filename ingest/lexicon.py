"""The extractor's tables, loaded once from ``ingest/data/*.toml``.

Code asks this module for compiled patterns and look-ups; the words themselves live in the
data files so that a new province, body or document type is a data change, not a code change.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ingest.text import fold, slug

DATA = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    with (DATA / name).open("rb") as fh:
        return tomllib.load(fh)


def _load_tsv(name: str) -> list[dict[str, str]]:
    """The rows of a tab-separated data file with a header line; "#" lines are comments."""
    with (DATA / name).open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@dataclass(frozen=True, slots=True)
class DocType:
    name: str
    code: str
    slug: str
    bare: bool = False  # its numbers carry no type code
    symbol: str = ""  # the symbol of all its numbers, where one issuer issues them all


@dataclass(frozen=True, slots=True)
class KnownDocument:
    key: str
    number: str
    type: str
    title: str
    date: str | None
    issuer: str | None
    year: int | None
    aliases: tuple[str, ...]
    text: str | None


@dataclass(frozen=True, slots=True)
class CentralBody:
    name: str
    outside: bool = False
    until: int | None = None  # the year it ceased
    successor: str | None = None  # the body that took its duties


class Lexicon:
    """All tables, with the regular expressions built from them."""

    def __init__(self) -> None:
        self.documents = _load("documents.toml")
        self.bodies = _load("bodies.toml")
        self.patterns = _load("patterns.toml")

    # -- documents -------------------------------------------------------------------------
    @cached_property
    def types(self) -> list[DocType]:
        types = [DocType(t["name"], t["code"], t["slug"], t.get("bare", False),
                         t.get("symbol", ""))
                 for t in self.documents["type"]]
        return sorted(types, key=lambda t: -len(t.name))

    @cached_property
    def type_by_code(self) -> dict[str, DocType]:
        out: dict[str, DocType] = {}
        for t in reversed(self.types):  # shorter names first, so "Quyết định" wins over "Quy định"
            if t.code and t.code.upper() not in out:
                out[t.code.upper()] = t
        out["QĐ"] = next(t for t in self.types if t.name == "Quyết định")
        return out

    @cached_property
    def type_by_name(self) -> dict[str, DocType]:
        return {fold(t.name): t for t in self.types}

    @cached_property
    def slug_by_type_name(self) -> dict[str, str]:
        """The slug of each type name (the first of :attr:`types` that has it)."""
        out: dict[str, str] = {}
        for t in self.types:
            out.setdefault(t.name, t.slug)
        return out

    @cached_property
    def issuers(self) -> dict[str, str]:
        return dict(self.documents["issuers"])

    @cached_property
    def issuer_codes(self) -> frozenset[str]:
        """The issuers' codes in upper case."""
        return frozenset(code.upper() for code in self.issuers)

    @cached_property
    def party_bodies(self) -> set[str]:
        return set(self.documents["party"]["bodies"])

    @cached_property
    def standard_prefixes(self) -> list[str]:
        return list(self.documents["standards"]["prefixes"])

    @cached_property
    def known(self) -> list[KnownDocument]:
        """The catalogue: documents.toml's known documents, then the laws of laws.tsv."""
        return [
            KnownDocument(
                key=k["key"], number=k["number"], type=k["type"], title=k["title"],
                date=k.get("date"), issuer=k.get("issuer"), year=k.get("year"),
                aliases=tuple(k.get("aliases", [])), text=k.get("text"),
            )
            for k in self.documents["known"]
        ] + self.laws

    @cached_property
    def laws(self) -> list[KnownDocument]:
        """The laws and codes of ``laws.tsv``: number, type, title, date passed, aliases."""
        out = []
        for row in _load_tsv("laws.tsv"):
            number, type_name, date = row["number"], row["type"], row["date"] or None
            year = int((date or number.split("/")[1])[:4])
            issuer = self.issuers.get(number.rsplit("/", 1)[-1])
            slug_type = self.slug_by_type_name.get(type_name, "luat")
            out.append(KnownDocument(
                key=f"{slug_type}/{slug(number)}", number=number, type=type_name,
                title=row["title"], date=date, issuer=issuer, year=year,
                aliases=tuple(a for a in row["aliases"].split("|") if a), text=None))
        return out

    @cached_property
    def known_by_number(self) -> dict[str, KnownDocument]:
        return {number_key(k.number): k for k in self.known if k.number}

    @cached_property
    def known_by_title(self) -> dict[str, list[KnownDocument]]:
        out: dict[str, list[KnownDocument]] = {}
        for k in self.known:
            for alias in (k.title, *k.aliases):
                out.setdefault(self.fold_title(alias), []).append(k)
        return out

    def fold_title(self, title: str) -> str:
        """Folded title with abbreviations expanded ("Luật PCTN" = "Luật Phòng, chống ...")."""
        words = fold(title).split()
        expanded = [self.title_abbreviations.get(w, w) for w in words]
        return " ".join(expanded)

    @cached_property
    def title_abbreviations(self) -> dict[str, str]:
        out = {fold(short): fold(long)
               for short, long in self.documents["law_titles"]["abbreviations"].items()
               if " " not in short}
        for long, shorts in self.bodies["abbreviations"].items():
            for short in shorts:
                if " " not in short:
                    out[fold(short)] = fold(long)
        return out

    def expand_title(self, title: str) -> str:
        """"Luật Bảo vệ BMNN" → "Luật Bảo vệ bí mật nhà nước": a law's title in full, as the
        catalogue and a reader know it (the abbreviations plans use in titles are data)."""
        return self._title_abbreviation_re.sub(lambda m: self._title_long_of[m.group()], title)

    @cached_property
    def _title_long_of(self) -> dict[str, str]:
        return dict(self.documents["law_titles"]["abbreviations"])

    @cached_property
    def _title_abbreviation_re(self) -> re.Pattern[str]:
        shorts = sorted(self._title_long_of, key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, shorts))})(?!\w)")

    # -- bodies ----------------------------------------------------------------------------
    @cached_property
    def abbreviations(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.bodies["abbreviations"].items()}

    def with_abbreviations(self, pattern: str) -> str:
        """Let every long form in ``pattern`` also match its abbreviations."""
        for long in sorted(self.abbreviations, key=len, reverse=True):
            if long.lower() in pattern.lower():
                alts = "|".join(_short(s) for s in [long, *self.abbreviations[long]])
                pattern = re.sub(re.escape(long), lambda _m, a=alts: f"(?:{a})", pattern,
                                 flags=re.IGNORECASE)
        return pattern

    def expand_abbreviations(self, name: str) -> str:
        """"UBND tỉnh" → "Ủy ban nhân dân tỉnh": names are stored in full, and a stray comma
        inside a known name ("Mặt trận Tổ quốc, Việt Nam") is dropped."""
        return self._expanded(name)

    @cached_property
    def _expanded(self) -> Callable[[str], str]:
        # a pure function of the name (the tables do not change): the same body is named
        # in many tasks and plans
        return lru_cache(maxsize=16384)(self._expand)

    def _expand(self, name: str) -> str:
        name = self._abbreviation_re.sub(lambda m: self._long_of[m.group()], name)
        return self._stray_comma_re.sub(lambda m: self._long_by_fold[fold(m.group())], name)

    @cached_property
    def _long_by_fold(self) -> dict[str, str]:
        return {fold(long): long for long in self.abbreviations}

    @cached_property
    def _stray_comma_re(self) -> re.Pattern[str]:
        longs = sorted((k for k in self.abbreviations if "," not in k), key=len, reverse=True)
        alts = "|".join(r",?\s+".join(map(re.escape, k.split())) for k in longs)
        return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")

    @cached_property
    def _long_of(self) -> dict[str, str]:
        return {short: long for long, shorts in self.abbreviations.items() for short in shorts}

    @cached_property
    def _abbreviation_re(self) -> re.Pattern[str]:
        shorts = sorted(self._long_of, key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, shorts))})(?!\w)")

    @cached_property
    def departments(self) -> list[str]:
        return sorted(self.bodies["departments"]["names"], key=len, reverse=True)

    @cached_property
    def spellings(self) -> dict[str, str]:
        """The names the tables know, by their folded form: how a name a heading writes in
        capitals ("SỞ TƯ PHÁP") is spelt ("Sở Tư pháp")."""
        names = [f"Sở {d}" for d in self.bodies["departments"]["names"]]
        names += [c.name for c in self.central] + list(self.abbreviations)
        return {fold(n): n for n in names}

    @cached_property
    def heads(self) -> list[str]:
        return list(self.bodies["heads"]["words"])

    @cached_property
    def location_re(self) -> str:
        return self.bodies["qualifiers"]["location"]

    @cached_property
    def belongs_re(self) -> str:
        return self.bodies["qualifiers"]["belongs"]

    @cached_property
    def body_entries(self) -> list[tuple[str, bool, bool, bool]]:
        """(regex, collective, outside, cased) for every body pattern, departments included."""
        depts = "|".join(_spaced(d) for d in self.departments)
        entries = [(rf"Sở (?:{depts})", False, False, False)]  # spaced below
        # a name as written ("-" unescaped, so that its short forms are found for it)
        entries += [(re.escape(c.name).replace(r"\ ", " ").replace(r"\-", "-"), False,
                     c.outside, False) for c in self.central]
        for kind, collective in (("named", False), ("collective", True)):
            entries += [(e["pattern"], collective, e.get("outside", False),
                         e.get("cased", False)) for e in self.bodies[kind]]
        return [(_spaced(self.with_abbreviations(p)), c, o, k) for p, c, o, k in entries]

    @cached_property
    def central(self) -> list[CentralBody]:
        """Ministries, central agencies, the National Assembly's and the Party's central
        bodies, with the body that took over from each that ceased (``[[central]]``)."""
        return [CentralBody(name, e.get("outside", False), e.get("until"), e.get("successor"))
                for e in self.bodies.get("central", []) for name in e["names"]]

    def pattern(self, section: str, name: str) -> str:
        return self.patterns[section][name]


def _short(form: str) -> str:
    """A long or short form as a pattern; a short form in one word of capitals ("BCA") never
    inside a document's number ("03/2018/TTLT-VKSTC-BCA-BQP-TTCP", "870/TTCP-C.IV")."""
    if " " not in form and form.isupper():
        return rf"(?<![-/&]){re.escape(form)}(?![-/&])"
    return r"\s+".join(map(re.escape, form.split()))


def _spaced(pattern: str) -> str:
    """A literal space in a data pattern matches any run of white space, and a hyphen between
    spaces either dash a plan types there ("chính trị - xã hội", "chính trị – xã hội")."""
    return pattern.replace(" - ", r"\s+[-–]\s+").replace(" ", r"\s+")


def number_key(number: str) -> str:
    """Comparable form of a document number: no spaces, upper case, no diacritics."""
    return fold(number).replace(" ", "-")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
