"""Plan records (JSON dicts) to RDF: what a plan says, and what it says about shared things.

A plan's own graph holds the plan node, its tasks, assignments, timeframes, source spans and one
citation node per mention, with the edges from them to the bodies, documents and provisions they
name. The facts *about* those shared things (a body's label, jurisdiction, parent and groups; a
document's number and title; an article's place in its document) go apart (``MappedPlan.shared``)
into one shared graph, so that a store of 10,000 plans holds them once, not once per plan that
names them, and no query meets them thousands of times.

Accepts the full record of ``ingest.models.PlanRecord.to_dict()`` and the plainer gold/scorer
form (``snippet`` for ``text``, no spans, no keys): missing keys get defaults. IRIs come from the
facts (see :mod:`ontology.iris`), never from blank nodes, so re-ingesting gives the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from ontology import bodies, identity, iris
from ontology.iris import ID, doc_iri, provision_iri, slug, source_slug
from ontology.triples import (
    CC,
    ELI,
    ORG,
    PROV,
    RDF,
    RDFS,
    TIME,
    XSD,
    Term,
    Triples,
    iri,
    literal,
    to_graph,
    typed,
)

ROLE_PROPERTY = {"lead": CC.lead, "support": CC.support, "executor": CC.executor,
                 "requested": CC.requested}
RELATION_PROPERTY = {"based_on": ELI.based_on}


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in (("cc", iris.CC), ("eli", iris.ELI), ("org", iris.ORG), ("prov", iris.PROV),
                       ("time", iris.TIME)):
        g.bind(prefix, ns)
    return g


def _date(value: str | None) -> ox.Literal | None:
    return typed(value, XSD.date) if value and len(value) == 10 else None


def _add(g: Triples, s: Term, p: ox.NamedNode, o: Any) -> None:
    """Add a triple unless the object is empty; plain values become literals."""
    if o is None or o == "":
        return
    g.add((s, p, o if isinstance(o, (ox.NamedNode, ox.Literal)) else literal(o)))


@dataclass(slots=True)
class MappedPlan:
    """One plan as RDF: ``plan`` goes to the named graph ``graph`` (replaced whole on re-ingest);
    ``shared`` is added to the shared graph (``ontology.iris.SHARED_GRAPH``), set semantics.
    Both are sets of triples of pyoxigraph terms (:mod:`ontology.triples`)."""

    graph: str
    plan: Triples
    shared: Triples

    def merged(self) -> Graph:
        """Both parts in one rdflib graph: for a reader of one plan (tests, notebooks)."""
        return to_graph(self.plan, self.shared)


class _PlanMapper:
    """Holds one record's context (source, jurisdiction, plan node) while its triples are made:
    ``g`` what the plan says, ``s`` what it says about shared things."""

    def __init__(self, record: dict, source_text: str | None) -> None:
        self.r = record
        self.doc: dict = record.get("document") or {}
        self.source: str = record.get("source") or Path(record.get("path") or "plan").name
        # IRIs stem from what the plan is (identity.plan_key), never from its file name; bodies
        # whose province is unknown are scoped to the plan by the same key
        self.key = identity.record_key(record)
        self.slug = self.key
        self.scope = identity.scope(self.key)
        self.text = source_text
        self.g: Triples = set()
        self.s: Triples = set()
        self.mentions: dict[ox.NamedNode, ox.NamedNode] = {}  # citation node -> the node citing it
        self.mention_spans: set[ox.NamedNode] = set()  # the spans of those nodes
        self.sections: dict[ox.NamedNode, str] = {}  # task node -> its section number
        self.plan = iri(identity.plan_iri(self.key))
        self.source_node = iri(f"{ID}source/{self.slug}")
        self.task_slugs: set[str] = set()
        # each body once a plan: a plan names the same few bodies in most of its tasks, and
        # resolving a name (folding, the group rules) and writing its node cost the same each time
        self.resolved: dict[tuple[str, str | None, bool], bodies.Body] = {}
        self.noded: set[bodies.Body] = set()
        # what every body key of the plan is checked against: made once
        self.file_scope = f"{source_slug(self.source)}/"
        self.place_known = bodies.jurisdiction_of(self.doc, self.scope)[1] is not None

    # ------------------------------------------------------------------ spans
    def span(self, span: dict | None, quote: str | None, section_path: str | None
             ) -> ox.NamedNode | None:
        """A cc:SourceSpan node; the quote is the source text at the span when it is at hand."""
        if not span or span.get("start") is None or span.get("end") is None:
            return None
        start, end = int(span["start"]), int(span["end"])
        node = iri(f"{ID}span/{self.slug}/{start}-{end}")
        g = self.g
        g.add((node, RDF.type, CC.SourceSpan))
        g.add((node, CC.startOffset, literal(start)))
        g.add((node, CC.endOffset, literal(end)))
        _add(g, node, CC.line, literal(int(span["line"])) if span.get("line") else None)
        _add(g, node, CC.sectionPath, section_path)
        if self.text is not None and 0 <= start < end <= len(self.text):
            quote = self.text[start:end]
        _add(g, node, CC.quote, quote)
        # its file is its source's (prov:wasDerivedFrom/cc:sourceFile): a plan's spans, ~1 in 20
        # of its quads, no longer each repeat the file name the source node holds once
        g.add((node, PROV.wasDerivedFrom, self.source_node))
        return node

    # ------------------------------------------------------------------ plan
    def plan_node(self) -> None:
        g, d, p = self.g, self.doc, self.plan
        for t in (CC.Plan, ELI.LegalResource):
            g.add((p, RDF.type, t))
        _add(g, p, ELI.number, d.get("number"))
        _add(g, p, ELI.date_document, _date(d.get("date")))
        _add(g, p, ELI.title, d.get("title"))
        _add(g, p, CC.documentType, d.get("type"))
        _add(g, p, CC.issuerName, d.get("issuer"))
        _add(g, p, CC.signer, d.get("signer"))
        _add(g, p, CC.place, d.get("place"))
        _add(g, p, CC.sourceFile, self.source)
        juris, _ = bodies.jurisdiction_of(d, self.scope)
        _add(g, p, CC.jurisdiction, juris)
        label = " ".join(x for x in (d.get("type") or "Kế hoạch", d.get("number")) if x)
        g.add((p, RDFS.label, literal(f"{label} ({self.source})", lang="vi")))
        src = self.source_node
        g.add((src, RDF.type, PROV.Entity))
        g.add((src, CC.sourceFile, literal(self.source)))
        _add(g, src, CC.sha256, self.r.get("sha256"))
        _add(g, src, CC.textSource, self.r.get("text_source"))
        g.add((p, PROV.wasDerivedFrom, src))
        issuer = bodies.issuer_body(d, self.scope)
        if issuer:
            self.body_node(issuer)
            g.add((p, ELI.passed_by, iri(issuer.iri)))

    # ------------------------------------------------------------------ bodies
    def body_node(self, body: bodies.Body) -> ox.NamedNode:
        g, node = self.s, iri(body.iri)
        if body in self.noded:  # its triples are in the set already
            return node
        self.noded.add(body)
        g.add((node, RDF.type, ORG.Organization))
        if body.collective:
            g.add((node, RDF.type, CC.CollectiveBody))
        label = body.group.label if body.group else body.name[:1].upper() + body.name[1:]
        g.add((node, RDFS.label, literal(label, lang="vi")))
        g.add((node, CC.jurisdiction, literal(body.jurisdiction)))
        if body.parent:
            g.add((node, ORG.subOrganizationOf, iri(body.parent)))
        for group_iri in bodies.memberships(body, self.doc, self.scope):
            group = iri(group_iri)
            g.add((group, RDF.type, ORG.Organization))
            g.add((group, RDF.type, CC.CollectiveBody))
            g.add((group, ORG.hasMember, node))
            if label := bodies.group_label(group_iri):
                g.add((group, RDFS.label, literal(label, lang="vi")))
        return node

    # ------------------------------------------------------------------ tasks
    def task_slug(self, task: dict) -> str:
        base = slug(task.get("id") or task.get("section") or "task", dd=True) or "task"
        name, n = base, 1
        while name in self.task_slugs:
            n += 1
            name = f"{base}-{n}"
        self.task_slugs.add(name)
        return name

    def task_node(self, task: dict) -> None:
        g = self.g
        tslug = self.task_slug(task)
        t = iri(f"{ID}task/{self.slug}/{tslug}")
        text = task.get("text") or task.get("snippet") or ""
        section = task.get("section") or ""
        path = " > ".join(task.get("section_path") or []) or section
        for c in (CC.Task, CC.Obligation):
            g.add((t, RDF.type, c))
        g.add((t, CC.inPlan, self.plan))
        _add(g, t, CC.section, section)
        if section:
            self.sections[t] = section
        _add(g, t, CC.text, text)
        _add(g, t, CC.heading, task.get("heading"))
        g.add((t, RDFS.label, literal(f"Nhiệm vụ {section} của {self.source}", lang="vi")))
        g.add((t, RDFS.label, literal(f"Task {section} of {self.source}", lang="en")))
        span = self.span(task.get("span"), text, path)
        if span:
            g.add((t, CC.hasSpan, span))
        for b in task.get("bodies") or []:
            self.assignment(t, tslug, b, path)
        self.timeframe(t, task.get("timeframe") or {}, path)
        for c in task.get("citations") or []:
            self.citation(c, t, c.get("relation") or "cites", task.get("span"), path)

    def body_key(self, b: dict) -> str | None:
        """The extractor's key, unless it scopes the body to the file name (its province is
        unknown): such bodies are scoped to the plan's key, which two files may not share."""
        key = b.get("key")
        if key and key.startswith(self.file_scope) and not self.place_known:
            return None
        return key

    def assignment(self, task: ox.NamedNode, tslug: str, b: dict, path: str) -> None:
        g = self.g
        role = b.get("role") or "executor"
        name, key, group = b.get("name") or "", self.body_key(b), bool(b.get("group"))
        body = self.resolved.get((name, key, group))
        if body is None:
            body = self.resolved[name, key, group] = bodies.resolve(
                name, self.doc, self.scope, key=key, group=group)
        node = self.body_node(body)
        g.add((task, ROLE_PROPERTY.get(role, CC.bearer), node))
        tail = str(body.iri).removeprefix(f"{ID}body/").replace("/", "--")
        a = iri(f"{ID}assignment/{self.slug}/{tslug}/{slug(role)}/{tail}")
        g.add((a, RDF.type, CC.Assignment))
        g.add((a, CC.task, task))
        g.add((a, CC.body, node))
        g.add((a, CC.role, literal(role)))
        section = self.sections.get(task) or tslug
        g.add((a, RDFS.label, literal(f"Phân công {b.get('name')} ({role}) trong nhiệm vụ "
                                      f"{section} của {self.source}", lang="vi")))
        g.add((a, RDFS.label, literal(f"Assignment of {b.get('name')} ({role}) in task "
                                      f"{section} of {self.source}", lang="en")))
        _add(g, a, CC.nameAsWritten, b.get("name"))
        span = self.span(b.get("span"), b.get("name"), path)
        if span:
            g.add((a, CC.hasSpan, span))

    def timeframe(self, task: ox.NamedNode, tf: dict, path: str) -> None:
        if not any(tf.get(k) for k in ("text", "due", "recurrence", "rrule")):
            return
        g = self.g
        node = iri(f"{task.value}/timeframe")
        g.add((task, CC.timeframe, node))
        g.add((node, RDF.type, CC.Timeframe))
        g.add((node, RDF.type, TIME.Interval))
        _add(g, node, CC.timeframeText, tf.get("text"))
        _add(g, task, CC.timeframeText, tf.get("text"))  # a shortcut, as cc:due is
        _add(g, node, CC.recurrence, tf.get("recurrence"))
        _add(g, node, CC.rrule, (tf.get("rrule") or "").removeprefix("RRULE:") or None)
        begins = _date(tf.get("start"))
        if begins is not None:  # the period's first day, where the words give one
            first = iri(f"{task.value}/timeframe/start")
            g.add((node, TIME.hasBeginning, first))
            g.add((first, RDF.type, TIME.Instant))
            g.add((first, TIME.inXSDDate, begins))
        due = _date(tf.get("due"))
        if due is not None:
            end = iri(f"{task.value}/timeframe/end")
            g.add((node, TIME.hasEnd, end))
            g.add((end, RDF.type, TIME.Instant))
            g.add((end, TIME.inXSDDate, due))
            g.add((task, CC.due, due))
        span = self.span(tf.get("span"), tf.get("text"), path)
        if span:
            g.add((node, CC.hasSpan, span))

    # ------------------------------------------------------------------ citations
    def document_node(self, c: dict) -> ox.NamedNode:
        g = self.s
        number = c.get("number")
        doc = iri(doc_iri(number, c.get("type"), title=c.get("title"), date=c.get("date"),
                          key=c.get("key")))
        g.add((doc, RDF.type, ELI.LegalResource))
        if not number and not c.get("resolved"):
            g.add((doc, RDF.type, CC.UnresolvedDocument))
        _add(g, doc, ELI.number, number)
        _add(g, doc, ELI.title, c.get("title"))
        _add(g, doc, CC.documentType, c.get("type"))
        _add(g, doc, ELI.date_document, _date(c.get("date")))
        _add(g, doc, CC.issuerName, c.get("issuer"))
        label = _doc_label(c.get("type"), number, c.get("title"))
        g.add((doc, RDFS.label, literal(label or doc.value, lang="vi")))
        return doc

    def provisions(self, doc: ox.NamedNode, pins: list[dict], doc_label: str
                   ) -> list[ox.NamedNode]:
        """Nodes (in the shared graph) for the cited pinpoints, each linked up to its document."""
        return [self.provision(doc, pin, doc_label) for pin in pins]

    def provision(self, doc: ox.NamedNode, pin: dict, doc_label: str) -> ox.NamedNode:
        g = self.s
        article, clause, point = pin.get("article"), pin.get("clause"), pin.get("point")
        if not article:
            node = iri(provision_iri(doc.value, chapter=pin.get("chapter")))
            g.add((node, RDF.type, CC.Chapter))
            g.add((node, RDF.type, ELI.LegalResourceSubdivision))
            g.add((node, ELI.is_part_of, doc))
            g.add((node, ELI.number, literal(pin.get("chapter"))))
            label = f"Chương {pin.get('chapter')} {doc_label}"
            g.add((node, RDFS.label, literal(label, lang="vi")))
            return node
        levels = [(CC.Article, "Điều", {"article": article}, article)]
        if clause:
            levels.append((CC.Clause, "khoản", {"article": article, "clause": clause}, clause))
            if point:
                levels.append((CC.Point, "điểm", {"article": article, "clause": clause,
                                                  "point": point}, point))
        parent, label, node = doc, doc_label, doc
        for cls, word, kw, num in levels:
            node = iri(provision_iri(doc.value, **kw))
            label = f"{word} {num} {label}"
            g.add((node, RDF.type, cls))
            g.add((node, RDF.type, ELI.LegalResourceSubdivision))
            g.add((node, ELI.is_part_of, parent))
            g.add((node, ELI.number, literal(num)))
            g.add((node, RDFS.label, literal(label, lang="vi")))
            parent = node
        return node

    def citation(self, c: dict, citing: ox.NamedNode, relation: str, fallback_span: dict | None,
                 path: str, *, pooled: bool = False) -> None:
        """One cc:Citation node per mention of the document, with the pinpoints named there,
        plus the direct eli:cites / eli:based_on edges from the citing task or plan."""
        doc = self.document_node(c)
        label = c.get("number") or c.get("title") or ""
        for spans, pins in _mentions(c, fallback_span, pooled=pooled):
            provs = self.provisions(doc, pins, label)
            self.mention(c, doc, provs, spans, citing, relation, path)

    def mention(self, c: dict, doc: ox.NamedNode, provs: list[ox.NamedNode], spans: list[dict],
                citing: ox.NamedNode, relation: str, path: str) -> None:
        g = self.g
        tail = doc.value.removeprefix(f"{ID}doc/").replace("/", "--")
        where_at = f"{spans[0]['start']}-{spans[0]['end']}" if spans else (
            "plan" if citing == self.plan else citing.value.rsplit("/", 1)[-1])
        node = iri(f"{ID}citation/{self.slug}/{where_at}/{tail}")
        edge = RELATION_PROPERTY.get(relation, ELI.cites)
        for who in {citing, self.plan}:  # the plan, as a document, cites what its text cites
            g.add((who, edge if who == citing else ELI.cites, doc))
            for p in provs:
                g.add((who, ELI.cites, p))
                article = iri(p.value.split("/khoan-")[0])
                if article != p:  # a clause or point: the article is cited too
                    g.add((who, ELI.cites, article))
        if citing != self.plan:
            g.add((node, CC.citingTask, citing))
        if node in self.mentions:  # one footnote, marked in two tasks
            return
        self.mentions[node] = citing
        g.add((node, RDF.type, CC.Citation))
        g.add((node, CC.citingPlan, self.plan))
        g.add((node, CC.citedDocument, doc))
        g.add((node, CC.relation, literal(relation)))
        for p in provs:
            g.add((node, CC.citedProvision, p))
        what = c.get("number") or c.get("title") or tail
        where = (f"task {self.sections.get(citing)} of {self.source}" if citing != self.plan
                 else self.source)
        where_vi = where.replace("task ", "nhiệm vụ ").replace(" of ", " của ")
        g.add((node, RDFS.label, literal(f"Citation of {what} in {where}", lang="en")))
        g.add((node, RDFS.label, literal(f"Viện dẫn {what} trong {where_vi}", lang="vi")))
        quote = c.get("number") or c.get("title")
        for s in spans:
            span = self.span(s, quote, path)
            if span:
                g.add((node, CC.hasSpan, span))
                self.mention_spans.add(span)

    def plan_citations(self) -> None:
        """The preamble's bases, then the mentions outside any task (a plan's ``citations``
        pool every mention again: those already made by a task are skipped)."""
        for c in self.r.get("bases") or []:
            self.citation(c, self.plan, "based_on", None, "")
        made = self.mention_spans
        for c in self.r.get("citations") or []:
            rest = [(spans, pins) for spans, pins in _mentions(c, None, pooled=True)
                    if not any(self._span_iri(s) in made for s in spans)]
            if not rest and (c.get("mentions") or c.get("spans")):
                continue
            relation = c.get("relation") or "cites"
            relation = "cites" if relation == "based_on" else relation  # not in the preamble
            self.citation({**c, "mentions": [{"spans": sp, "pinpoints": pi} for sp, pi in rest]},
                          self.plan, relation, None, "")

    def _span_iri(self, span: dict) -> ox.NamedNode:
        return iri(f"{ID}span/{self.slug}/{int(span['start'])}-{int(span['end'])}")

    def build(self) -> tuple[Triples, Triples]:
        self.plan_node()
        for task in self.r.get("tasks") or []:
            self.task_node(task)
        self.plan_citations()
        return self.g, self.s


def map_plan(record: dict, source_text: str | None = None) -> MappedPlan:
    """One plan record as its own graph and its facts about shared things.

    ``source_text`` (the decoded plan file) lets every span carry the exact source words; when it
    is not given and the record's ``path`` exists, the file is decoded as the reader decodes it
    (a BOM dropped, UTF-16 or CP1258 recognised, a .docx laid out as text), since span offsets
    count those characters.
    """
    if source_text is None and record.get("path") and Path(record["path"]).is_file():
        source_text = _decoded(Path(record["path"]))
    mapper = _PlanMapper(record, source_text)
    plan, shared = mapper.build()
    return MappedPlan(identity.plan_graph(mapper.key), plan, shared)


def plan_to_graph(record: dict, source_text: str | None = None) -> tuple[str, Graph]:
    """The named-graph IRI and every triple of one plan record, its shared facts included
    (for a reader of one plan: tests, notebooks, validation)."""
    mapped = map_plan(record, source_text)
    return mapped.graph, mapped.merged()


def plans_to_dataset_quads(records: Iterable[dict]) -> list[tuple[str, Graph]]:
    """Convenience for callers that load several plans: ``[(graph IRI, graph), ...]``."""
    return [plan_to_graph(r) for r in records]


def _mentions(c: dict, fallback_span: dict | None, *, pooled: bool = False
              ) -> list[tuple[list[dict], list[dict]]]:
    """``(spans, pinpoints)`` of each mention of a citation. Records made before mentions were
    kept give one mention per span with all the citation's pinpoints, except where the
    citation pools a whole plan's mentions (``pooled``): there a span gets them only when it is
    the only one, as which span names them is not known. A citation with no span at all is one
    mention at the citing task's span (or at none)."""
    pins = [p for p in c.get("pinpoints") or [] if any(p.values())]
    if not pins:
        pins = [{"article": a} for a in c.get("articles") or []]
        pins += [{"chapter": ch} for ch in c.get("chapters") or []]
    if "mentions" in c:
        return [([s for s in m.get("spans") or [] if s],
                 [p for p in m.get("pinpoints") or [] if any(p.values())])
                for m in c["mentions"]]
    spans = [s for s in c.get("spans") or [] if s]
    if not spans:
        return [([fallback_span] if fallback_span else [], pins)]
    unique = list({(s["start"], s["end"]): s for s in spans}.values())
    return [([s], pins if len(unique) == 1 or not pooled else []) for s in unique]


def _doc_label(kind: str | None, number: str | None, title: str | None) -> str:
    """"Nghị định 59/2019/NĐ-CP"; a document known only by a title that already names its
    type ("Luật Tố cáo năm 2018", "Hiến pháp năm 2013") keeps it as it is."""
    name = number or title
    if not number and kind and title and title.casefold().startswith(kind.casefold()):
        return title
    return " ".join(x for x in (kind, name) if x)


def _decoded(path: Path) -> str | None:
    """The plan file's text as :func:`ingest.read.decode_file` gives it (a Word file's laid
    out text), or None if unreadable."""
    from ingest.read import ReadError, decode_file

    try:
        return decode_file(path)[0]
    except (ReadError, OSError):
        return None
