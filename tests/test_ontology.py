"""The ontology: parses, every own term is labelled in Vietnamese and English and commented,
stays inside OWL 2 RL, and its documentation builds."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph

from ontology.docs import build_docs
from ontology.iris import CC
from ontology.reasoning import ONTOLOGY, ontology_graph

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def own_terms(g: Graph) -> set:
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if str(s).startswith(str(CC))}


def test_every_term_has_labels_vi_en_and_a_comment():
    g = ontology_graph()
    terms = own_terms(g)
    assert len(terms) > 40
    for term in terms:
        langs = {lit.language for lit in g.objects(term, RDFS.label)}
        assert {"vi", "en"} <= langs, term
        assert g.value(term, RDFS.comment) is not None, term


def test_inside_owl2_rl_profile():
    g = ontology_graph()
    for forbidden in (OWL.someValuesFrom, OWL.minCardinality, OWL.cardinality,
                      OWL.minQualifiedCardinality, OWL.qualifiedCardinality, OWL.unionOf,
                      OWL.complementOf, OWL.hasSelf):
        assert not list(g.subject_objects(forbidden)), forbidden
    for _, n in g.subject_objects(OWL.maxCardinality):
        assert int(n) <= 1


def test_reasoning_axioms_present():
    g = ontology_graph()
    assert (CC.hasDuty, OWL.inverseOf, CC.bearer) in g
    assert len(list(g.objects(CC.hasDutyThroughGroup, OWL.propertyChainAxiom))) == 2
    assert (CC.Task, RDFS.subClassOf, CC.Obligation) in g


def test_docs_build(tmp_path):
    out = build_docs(tmp_path / "index.html", ONTOLOGY)
    html = out.read_text(encoding="utf-8")
    assert "Nhiệm vụ" in html and "hasDutyThroughGroup" in html
