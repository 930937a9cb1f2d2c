"""Stable IRIs derived from facts, so that re-ingesting a plan gives the same nodes.

One place for folding (diacritics, đ→d) and for the IRI shapes of documents, provisions,
bodies, plans, tasks and spans: the mapping of plans and the parsing of laws both use it, so
a plan's citation of ``36/2018/QH14`` lands on the law's own article nodes.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from rdflib import Namespace, URIRef

CC = Namespace("https://cancu.dev/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")

ID = "https://cancu.dev/id/"
GRAPH = "https://cancu.dev/graph/"
INFERRED_GRAPH = URIRef(GRAPH + "inferred")
ONTOLOGY_GRAPH = URIRef(GRAPH + "ontology")
# What plans say about shared things (bodies, documents, provisions): one graph, each fact once
SHARED_GRAPH = URIRef(GRAPH + "shared")
# What the ontology adds to the shared facts (see ontology.reasoning.plan_closure)
SHARED_INFERRED_GRAPH = URIRef(GRAPH + "inferred/shared")
DATA = Path(__file__).parent / "data"

@lru_cache(maxsize=1 << 16)
def fold(text: str, *, dd: bool = False) -> str:
    """Lower case without diacritics; đ becomes d (``dd`` when enumerators must stay apart).
    Remembered: a plan folds the same names, roles and headings many times (a fifth of its
    mapping was spent here)."""
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "dd" if dd else "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def slug(text: str, *, dd: bool = False) -> str:
    """A folded, hyphenated IRI segment: ``"Sở Nội vụ"`` → ``so-noi-vu``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text, dd=dd)).strip("-")


@cache
def _types() -> dict:
    with (DATA / "doctypes.toml").open("rb") as f:
        return tomllib.load(f)


def type_code(number: str | None, type_name: str | None) -> str:
    """The document's type segment: from the number's own code, else the type name."""
    table = _types()
    if number:
        for part in re.split(r"[/\-]", fold(number)):
            if part in table["codes"]:
                return table["codes"][part]
    if type_name:
        name = " ".join(fold(type_name).split())
        if name in table["names"]:
            return table["names"][name]
        return slug(type_name)
    return table["default"]["code"]


def has_year(number: str) -> bool:
    """Normative numbers carry their year (59/2019/NĐ-CP); administrative ones do not."""
    return re.search(r"/(19|20)\d\d/", number) is not None


def doc_iri(
    number: str | None,
    type_name: str | None = None,
    *,
    title: str | None = None,
    date: str | None = None,
    key: str | None = None,
) -> URIRef:
    """The IRI of a cited or issued document.

    From the number where there is one (``doc/nd/59-2019-nd-cp``); a number without its year
    (``10/CT-TTg``) gets the year of the date when known, since such numbers restart every year.
    Without a number: the extractor's key, else type + folded title + year (unresolved).
    """
    year = date[:4] if date and re.match(r"\d{4}", date) else None
    if number and slug(number):
        tail = slug(number)
        if year and not has_year(number) and not tail.endswith(year):
            tail = f"{tail}-{year}"
        return URIRef(f"{ID}doc/{type_code(number, type_name)}/{tail}")
    if key:
        return URIRef(ID + "doc/" + "/".join(slug(p) for p in key.split("/") if slug(p)))
    words = slug(title or "khong-ro")[:80].strip("-")
    tail = f"{words}-{year}" if year and not words.endswith(year) else words
    return URIRef(f"{ID}doc/{type_code(None, type_name)}/{tail}")


def provision_iri(
    doc: URIRef | str,
    *,
    chapter: str | None = None,
    article: str | None = None,
    clause: str | None = None,
    point: str | None = None,
) -> URIRef:
    """An article, clause or point below its document (``.../dieu-3/khoan-1/diem-a``);
    a chapter directly below the document (``.../chuong-vii``)."""
    if article:
        iri = f"{doc}/dieu-{slug(article)}"
        if clause:
            iri += f"/khoan-{slug(clause)}"
            if point:
                iri += f"/diem-{slug(point, dd=True)}"
        return URIRef(iri)
    if chapter:
        return URIRef(f"{doc}/chuong-{roman(chapter)}")
    return URIRef(str(doc))


def roman(numeral: str) -> str:
    """Chapters are cited in Roman numerals; keep them lower case, turn digits into Roman."""
    from ingest.text import to_roman

    s = slug(numeral)
    return to_roman(int(s)).lower() if s.isdigit() else s


def source_slug(source: str) -> str:
    """The slug of a name without its extension (plan IRIs use :mod:`ontology.identity`)."""
    return slug(Path(source).stem)


def inferred_graph_iri(graph: str) -> URIRef:
    """Where the inferences of one stored unit live: ``graph/plan/x`` -> ``graph/inferred/plan/x``,
    so that dropping a plan drops what followed from it."""
    return URIRef(GRAPH + "inferred/" + str(graph).removeprefix(GRAPH))


def law_graph_iri(doc: URIRef | str) -> URIRef:
    return URIRef(GRAPH + "law/" + str(doc).removeprefix(ID + "doc/"))


def body_iri(*segments: str) -> URIRef:
    return URIRef(ID + "body/" + "/".join(s for s in segments if s))
