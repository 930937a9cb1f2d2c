"""Legal texts (``data/laws/*.txt``) as data: chapters, sections, articles, clauses and points,
each a node with its number, title and text, and the references between articles as
``eli:cites`` edges. Document IRIs come from :func:`ontology.iris.doc_iri`, the same function
the plan mapping uses, so plan citations land on these article nodes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import PROV, RDF, RDFS, XSD, Graph, Literal, URIRef

from ontology.iris import CC, ELI, ID, doc_iri, fold, law_graph_iri, provision_iri, slug
from ontology.mapping import bind_prefixes

_DOC_TYPES = ("Thông tư liên tịch", "Thông tư", "Nghị định", "Nghị quyết", "Quyết định", "Bộ luật",
              "Luật", "Chỉ thị", "Pháp lệnh", "Hiến pháp")
_CHAPTER = re.compile(r"^Chương\s+([IVXLC]+|\d+)\.?\s*(.*)$")
_SECTION = re.compile(r"^Mục\s+(\d+)\.?\s*(.*)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+[a-z]?)\.\s*(.*)$")
_CLAUSE = re.compile(r"^(\d+)\.\s+\S")
_POINT = re.compile(r"^([a-zđ])\)\s+")
_NUM_LIST = r"\d+[a-z]?(?:\s*(?:,|và|,\s*và)\s*\d+[a-z]?)*"
_REF = re.compile(
    rf"(?:[Đđ]iểm\s+(?P<points>[a-zđ](?:\s*(?:,|và)\s*(?:điểm\s+)?[a-zđ])*)\s+)?"
    rf"(?:[Kk]hoản\s+(?P<clauses>{_NUM_LIST})\s+)?"
    rf"(?:Điều|điều)\s+(?P<articles>{_NUM_LIST})\b"
)
_DOC_AFTER = re.compile(
    r"^\s*(?:của\s+|tại\s+)?(?:(?P<self>(?:Luật|Nghị định|Thông tư|Bộ luật)\s+này)"
    r"|(?P<type>Luật|Nghị định|Thông tư|Bộ luật|Nghị quyết)\s+(?:số\s+(?P<number>[\w/.\-Đđ]+)"
    r"|(?P<title>[A-ZĐÂĂÊÔƠƯ][^;.:()]{3,80})))"
)


@dataclass(slots=True)
class Unit:
    """One chapter, section, article, clause or point while the file is read."""

    cls: URIRef
    iri: URIRef
    number: str
    parent: URIRef
    title: str | None = None
    lines: list[str] = field(default_factory=list)
    line: int = 0
    start: int = 0
    end: int = 0


# The extractor's catalogue of known documents is the one source of law titles and numbers.


@cache
def _known() -> list[tuple[str, str, str, int]]:
    """(folded title, type, number, year) of every known document (the extractor's
    catalogue: documents.toml and laws.tsv), longest title first."""
    from ingest.lexicon import lexicon

    rows = {(fold(alias), k.type, k.number, k.year or 0)
            for k in lexicon().known if k.number for alias in (k.title, *k.aliases)}
    return sorted(rows, key=lambda r: (-len(r[0]), -r[3]))


def parse_header(lines: list[str]) -> dict:
    """Document facts from the ``# document: ...`` comment line."""
    header = next((ln[len("# document:"):].strip() for ln in lines
                   if ln.startswith("# document:")), "")
    type_name = next((t for t in _DOC_TYPES if header.startswith(t)), None)
    number = re.search(r"\bsố\s+([\w/.\-Đđ]+\d[\w/.\-Đđ]*)", header)
    date = re.search(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", header)
    title = re.split(r"\s+số\s+", header)[0]
    if (type_name and title == type_name) or not title:
        # the words after the number and its date: "... số 59/2019/NĐ-CP ngày 01/07/2019 quy
        # định chi tiết ..." is titled "quy định chi tiết ...", never "/NĐ-CP ngày ..."
        cut = date.end() if date else number.end() if number else 0
        rest = re.split(r"\s+—\s+", header[cut:])[0]  # an editor's note after a dash
        title = re.sub(r"\s*\(.*$", "", rest).strip() or header
    return {
        "type": type_name,
        "number": number.group(1) if number else None,
        "date": (f"{date.group(3)}-{int(date.group(2)):02d}-{int(date.group(1)):02d}"
                 if date else None),
        "title": re.sub(r"\s*\(.*$", "", title).strip(),
    }


def _doc_for(match: re.Match[str], own: URIRef, as_of: int | None) -> URIRef | None:
    """The document a reference points to, from the words after it; None when unknown.
    A law named by title alone is the version in force at ``as_of`` (the citing text's year).
    """
    if match.group("self"):
        return own
    if match.group("number"):
        return doc_iri(match.group("number").rstrip(".,"), match.group("type"))
    title = fold(f"{match.group('type')} {match.group('title') or ''}")
    hits = [r for r in _known() if title.startswith(r[0])]
    hits = [r for r in hits if len(r[0]) == len(hits[0][0])] if hits else []
    in_force = [r for r in hits if as_of is None or r[3] <= as_of]
    if not in_force:  # only later versions are known: never guess
        return None
    _t, type_name, number, _y = max(in_force, key=lambda r: r[3])
    return doc_iri(number, type_name)


def _expand(numbers: str | None) -> list[str]:
    return re.findall(r"\d+[a-z]?|[a-zđ]", numbers or "")


def references(text: str, own: URIRef, as_of: int | None = None) -> list[URIRef]:
    """Provisions cited in ``text``: ``điểm a khoản 1 Điều 3``, ``Điều 9 của Luật này``,
    ``Điều 15 của Luật Phòng, chống tham nhũng``. A reference without a document inherits the
    last document named before it in the same article (``của Luật ..., bao gồm: a) Điều 35``)."""
    out: list[URIRef] = []
    context = own
    doc_mentions = [(m.start(), m) for m in re.finditer(
        r"(?:Luật|Nghị định|Thông tư|Bộ luật)\s+(?:này|số\s+[\w/.\-Đđ]+|[A-ZĐ][^;.:()]{3,80})",
        text)]
    for ref in _REF.finditer(text):
        for pos, m in doc_mentions:
            if pos < ref.start():
                after = _DOC_AFTER.match(m.group(0))
                if after:
                    found = _doc_for(after, own, as_of)
                    context = found if found is not None else context
        after = _DOC_AFTER.match(text[ref.end():])
        if after:
            doc = _doc_for(after, own, as_of)
            if doc is None:
                continue  # a document we do not know: never guess
        else:
            doc = context
        clauses = _expand(ref.group("clauses"))
        points = _expand(ref.group("points"))
        for article in _expand(ref.group("articles")):
            if not clauses:
                out.append(provision_iri(doc, article=article))
            for clause in clauses:
                if points and len(clauses) == 1:
                    out += [provision_iri(doc, article=article, clause=clause, point=p)
                            for p in points]
                else:
                    out.append(provision_iri(doc, article=article, clause=clause))
    return out


def _units(text: str, doc: URIRef) -> list[Unit]:
    """Chapters, sections, articles, clauses and points, in file order, with their lines."""
    units: list[Unit] = []
    chapter = section = article = clause = None
    offset = 0
    for lineno, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.strip()
        start, offset = offset, offset + len(raw)
        if not line or line.startswith("#"):
            continue
        if m := _CHAPTER.match(line):
            chapter = Unit(CC.Chapter, provision_iri(doc, chapter=m.group(1)), m.group(1), doc,
                           m.group(2).strip(), [], lineno, start)
            section = article = clause = None
            units.append(chapter)
        elif (m := _SECTION.match(line)) and chapter:
            section = Unit(CC.Section, URIRef(f"{chapter.iri}/muc-{m.group(1)}"), m.group(1),
                           chapter.iri, m.group(2).strip(), [], lineno, start)
            article = clause = None
            units.append(section)
        elif m := _ARTICLE.match(line):
            parent = (section or chapter).iri if (section or chapter) else doc
            article = Unit(CC.Article, provision_iri(doc, article=m.group(1)), m.group(1), parent,
                           m.group(2).strip(), [], lineno, start)
            clause = None
            units.append(article)
        elif article and (m := _CLAUSE.match(line)):
            clause = Unit(CC.Clause, provision_iri(doc, article=article.number, clause=m.group(1)),
                          m.group(1), article.iri, None, [line], lineno, start)
            article.lines.append(line)
            units.append(clause)
        elif article and clause and (m := _POINT.match(line)):
            iri = provision_iri(doc, article=article.number, clause=clause.number,
                                point=m.group(1))
            units.append(Unit(CC.Point, iri, m.group(1), clause.iri, None, [line], lineno, start))
            clause.lines.append(line)
            article.lines.append(line)
        elif article:
            article.lines.append(line)
            if clause:
                clause.lines.append(line)
        for u in (chapter, section, article, clause, units[-1] if units else None):
            if u is not None:
                u.end = offset
    return units


def law_to_graph(path: str | Path) -> tuple[str, Graph]:
    """The named-graph IRI and the triples of one legal text file."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    facts = {k: _nfc(v) for k, v in parse_header(text.splitlines()[:20]).items()}
    doc = doc_iri(facts["number"], facts["type"], title=facts["title"], date=facts["date"])
    g = bind_prefixes(Graph())
    g.add((doc, RDF.type, ELI.LegalResource))
    for p, v in ((ELI.number, facts["number"]), (ELI.title, facts["title"]),
                 (CC.documentType, facts["type"]), (CC.sourceFile, path.name)):
        if v:
            g.add((doc, p, Literal(v)))
    if facts["date"]:
        g.add((doc, ELI.date_document, Literal(facts["date"], datatype=XSD.date)))
    g.add((doc, CC.resolved, Literal(True)))
    source = URIRef(f"{ID}source/law/{slug(path.stem)}")  # the file, as a plan's source node
    g.add((source, RDF.type, PROV.Entity))
    g.add((source, CC.sourceFile, Literal(path.name)))
    g.add((doc, PROV.wasDerivedFrom, source))
    doc_label = " ".join(x for x in (facts["type"], facts["number"]) if x) or path.stem
    g.add((doc, RDFS.label, Literal(doc_label, lang="vi")))
    words = {CC.Chapter: "Chương", CC.Section: "Mục", CC.Article: "Điều", CC.Clause: "khoản",
             CC.Point: "điểm"}
    labels: dict[URIRef, str] = {doc: doc_label}
    for u in _units(text, doc):
        g.add((u.iri, RDF.type, u.cls))
        g.add((u.iri, RDF.type, ELI.LegalResourceSubdivision))
        g.add((u.iri, ELI.is_part_of, u.parent))
        g.add((u.iri, ELI.number, Literal(u.number)))
        parent_label = labels.get(u.parent, doc_label)
        if u.cls in (CC.Chapter, CC.Section, CC.Article):
            parent_label = doc_label
        labels[u.iri] = f"{words[u.cls]} {u.number} {parent_label}"
        g.add((u.iri, RDFS.label, Literal(labels[u.iri], lang="vi")))
        if u.title:
            g.add((u.iri, ELI.title, Literal(_nfc(u.title))))
        if u.lines:
            g.add((u.iri, CC.fullText, Literal(_nfc("\n".join(u.lines)))))
        span = URIRef(f"{ID}span/law/{slug(path.stem)}/{u.start}-{u.end}")
        g.add((u.iri, CC.hasSpan, span))
        g.add((span, RDF.type, CC.SourceSpan))
        g.add((span, PROV.wasDerivedFrom, source))
        g.add((span, CC.startOffset, Literal(u.start)))
        g.add((span, CC.endOffset, Literal(u.end)))
        g.add((span, CC.line, Literal(u.line)))
        if u.cls == CC.Article:
            year = int(facts["date"][:4]) if facts["date"] else None
            for cited in references("\n".join(u.lines), doc, year):
                if cited == u.iri or str(cited).startswith(f"{u.iri}/"):
                    continue
                _cite(g, u.iri, cited)
    return str(law_graph_iri(doc)), g


def _nfc(text: str | None) -> str | None:
    """Texts go into the graph composed (NFC), as plans' texts do: some law files are saved
    decomposed (NFD), and "tham nhũng" must look the same, and match, wherever it came from.
    Offsets stay those of the file as it is."""
    return unicodedata.normalize("NFC", text) if text else text


def _cite(g: Graph, article: URIRef, cited: URIRef) -> None:
    """``article eli:cites cited``; the cited article too when a clause or point is cited."""
    g.add((article, ELI.cites, cited))
    m = re.match(r"^(.*/dieu-[^/]+)((?:/khoan-[^/]+)?)((?:/diem-[^/]+)?)$", str(cited))
    if not m:
        return
    art = URIRef(m.group(1))
    chain = [(art, CC.Article, None)]
    if m.group(2):
        chain.append((URIRef(m.group(1) + m.group(2)), CC.Clause, art))
        if m.group(3):
            chain.append((cited, CC.Point, URIRef(m.group(1) + m.group(2))))
    for node, cls, parent in chain:
        g.add((node, RDF.type, cls))
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, ELI.is_part_of, parent or URIRef(m.group(1).rsplit("/", 1)[0])))
        g.add((node, ELI.number, Literal(str(node).rsplit("-", 1)[-1])))
    if art != cited:
        g.add((article, ELI.cites, art))
