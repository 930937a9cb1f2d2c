"""Validation: the shapes, turned into SPARQL queries run by pyoxigraph, report what pySHACL
(the reference SHACL engine) reports, on a sample plan broken in every way the shapes know."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from ontology.iris import CC, ELI, ID, PROV, TIME
from ontology.mapping import map_plan, plan_to_graph
from ontology.reasoning import ontology_graph
from ontology.shacl import ShapesError, compile_shapes, rules
from ontology.triples import ntriples
from ontology.validate import shapes_graph, validate
from tests.fixtures.graph.build import records, source_text

SH = Namespace("http://www.w3.org/ns/shacl#")
THING = ID + "thing/"
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def _sample() -> tuple[dict, Graph]:
    record = next(r for r in records() if r["source"].startswith("hue"))
    return record, plan_to_graph(record, source_text(record["source"]))[1]


def _nth(g: Graph, cls: URIRef, n: int, having: URIRef | None = None) -> Node:
    nodes = sorted(s for s in g.subjects(RDF.type, cls)
                   if having is None or g.value(s, having) is not None)
    return nodes[n]


def broken_plan() -> Graph:
    """The Huế sample with every constraint of shapes.ttl broken at least once, each on a node
    of its own, so that a missed or misread rule shows."""
    _, g = _sample()
    date = DATE
    plan = next(g.subjects(RDF.type, CC.Plan))
    g.remove((plan, CC.sourceFile, None))  # minCount
    second = URIRef(ID + "plan/second")
    g.add((second, RDF.type, CC.Plan))
    g.add((second, CC.sourceFile, Literal("a.txt")))
    g.add((second, CC.sourceFile, Literal("b.txt")))  # maxCount
    g.set((plan, ELI.date_document, Literal("2026-02-30", datatype=date)))  # ill-typed
    g.add((plan, ELI.date_document, Literal("2026-02-01", datatype=date)))  # maxCount
    g.add((plan, ELI.passed_by, URIRef(THING + "not-a-body")))  # class
    task = [_nth(g, CC.Task, k) for k in range(5)]
    g.remove((task[0], CC.hasSpan, None))
    g.add((task[1], CC.hasSpan, URIRef(THING + "not-a-span")))
    g.remove((task[1], CC.text, None))
    g.add((task[2], CC.text, Literal("a second text")))
    g.remove((task[1], CC.inPlan, None))
    g.add((task[2], CC.inPlan, URIRef(ID + "plan/not-a-plan")))
    g.remove((task[3], CC.section, None))
    g.add((task[3], CC.due, Literal("31/12/2026")))
    g.add((task[4], CC.due, Literal("2026-12-31", datatype=date)))
    g.add((task[4], CC.due, Literal("2027-12-31", datatype=date)))
    for role in (CC.lead, CC.support, CC.executor, CC.requested):
        g.add((task[3], role, URIRef(THING + "not-a-body")))
    a = [_nth(g, CC.Assignment, k) for k in range(4)]
    g.remove((a[0], CC.task, None))
    g.remove((a[0], CC.body, None))
    g.remove((a[0], CC.role, None))
    g.add((a[1], CC.task, URIRef(THING + "not-a-task")))
    g.add((a[1], CC.body, URIRef(THING + "not-a-body")))
    g.add((a[1], CC.role, Literal("support")))
    g.set((a[2], CC.role, Literal("boss")))
    c = [_nth(g, CC.Citation, k) for k in range(3)]
    for p in (CC.citedDocument, CC.citingPlan, CC.hasSpan):
        g.remove((c[0], p, None))
    g.add((c[1], CC.citedDocument, URIRef(THING + "not-a-document")))
    g.add((c[1], CC.citedProvision, URIRef(THING + "not-a-provision")))
    g.add((c[1], CC.citingPlan, URIRef(THING + "not-a-plan")))
    g.add((c[2], CC.hasSpan, URIRef(THING + "not-a-span")))
    s = [_nth(g, CC.SourceSpan, k) for k in range(5)]
    g.remove((s[0], PROV.wasDerivedFrom, None))  # its file: prov:wasDerivedFrom/cc:sourceFile
    other = URIRef(THING + "another-source")
    g.add((other, CC.sourceFile, Literal("another.txt")))
    g.add((s[1], PROV.wasDerivedFrom, other))
    g.remove((s[2], CC.startOffset, None))
    g.remove((s[2], CC.endOffset, None))
    g.set((s[3], CC.startOffset, Literal("ten")))
    g.set((s[3], CC.endOffset, Literal(12.5)))
    g.set((s[4], CC.startOffset, Literal(900)))
    g.set((s[4], CC.endOffset, Literal(100)))
    tf = [_nth(g, CC.Timeframe, k) for k in range(2)]
    for k, values in enumerate((["soon"], ["2027-01-01", "2027-01-02"])):
        for n, v in enumerate(values):
            end = URIRef(f"{tf[k]}/end-{n}")
            g.add((tf[k], TIME.hasEnd, end))
            g.add((end, TIME.inXSDDate, Literal(v, datatype=None if v == "soon" else date)))
    return g


def _by_pyshacl(g: Graph) -> set[tuple]:
    """What pySHACL reports, worded as ontology.validate words it: (focus, path, en, vi)."""
    from pyshacl import validate as shacl_validate

    _, results, _ = shacl_validate(g, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                   inference="none", allow_warnings=True)
    out = set()
    for res in results.subjects(RDF.type, SH.ValidationResult):
        focus, path = results.value(res, SH.focusNode), results.value(res, SH.resultPath)
        msgs = {m.language: str(m) for m in results.objects(res, SH.resultMessage)}
        labels = {x.language: str(x) for x in g.objects(focus, RDFS.label)}
        name = {lang: labels.get(lang) or labels.get("vi") or str(focus) for lang in ("en", "vi")}
        out.add((str(focus), str(path) if isinstance(path, URIRef) else "sequence",
                 f"{name['en']} {msgs['en']}", f"{name['vi']} {msgs['vi']}"))
    return out


def _ours(g: Graph) -> set[tuple]:
    report = validate(g)
    assert report.conforms is False
    return {(v.focus, v.path if v.path and "<" not in v.path else "sequence", v.message,
             v.message_vi) for v in report.violations}


def test_compiled_shapes_report_what_pyshacl_reports():
    g = broken_plan()
    ours = _ours(g)
    assert ours == _by_pyshacl(g)
    assert len(ours) >= 40


def test_the_broken_plan_breaks_every_rule():
    """Each compiled query finds its breach: none is dead or misread."""
    from ontology.validate import _store

    store = _store(broken_plan())
    dead = [(r.shape, r.path_text, r.component) for r in rules() if not r.breaches(store)]
    assert not dead


def test_ill_typed_and_out_of_order_values_are_reported_in_words():
    g = broken_plan()
    messages = [v.message for v in validate(g).violations]
    plan = "Kế hoạch 232/KH-UBND (hue-232-kh-ubnd-2026.txt)"
    assert f"{plan} has a date of issue that is not a valid date (YYYY-MM-DD), or several" in (
        messages)
    assert any(m.endswith(" starts after it ends") for m in messages)
    assert any(m.endswith(" has an end that is not a valid date (YYYY-MM-DD)") for m in messages)


def test_samples_conform_in_every_form_validate_takes():
    for record in records():
        mapped = map_plan(record, source_text(record["source"]))
        triples = mapped.plan | mapped.shared
        for form in (triples, ntriples(triples), mapped.merged()):
            report = validate(form)
            assert report.conforms and not report.violations, str(report)


def test_a_shape_the_compiler_does_not_know_is_refused():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix cc: <https://cancu.dev/ontology#> .
        cc:S a sh:NodeShape ; sh:targetClass cc:Task ;
            sh:property [ sh:path cc:section ; sh:pattern "^[IVX]+" ] .
    """, format="turtle")
    with pytest.raises(ShapesError, match="pattern"):
        compile_shapes(shapes, ontology_graph())
