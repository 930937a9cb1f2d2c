"""What of each unit's closure the store keeps (ontology/data/stored_inferences.toml): every
inference something of the project reads, nothing that nothing reads."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_api.pipeline import ingest_paths
from graph_api.store import open_store
from ontology.reasoning import expand, plan_closure, schema, stored, stored_inferences
from ontology.triples import RDF
from tests.fixtures.graph.build import mapped_plans

ROOT = Path(__file__).resolve().parents[1]
XSD = "http://www.w3.org/2001/XMLSchema#"


def _derivable() -> tuple[set[str], set[str]]:
    """The properties and classes the compiled schema can derive a triple of (literal types
    aside: the closure leaves out typings of literals)."""
    sch = schema()
    props, classes = set(), set()
    for templates in sch.by_property.values():
        for _, q, b in templates:
            if q == RDF.type:
                if isinstance(b, ox.NamedNode) and not b.value.startswith(XSD):
                    classes.add(b.value)
            else:
                props.add(q.value)
    for derived in sch.by_class.values():
        classes.update(c.value for c in derived)
    return props, classes


def _listed(side: str, kind: str) -> set[str]:
    return {expand(c) for c in stored_inferences()[side][kind]}


def _readers() -> dict[Path, str]:
    """What reads the store: the named queries, the pipeline's own queries, the shapes, the
    service's code and its page templates."""
    files = [*ROOT.glob("graph_api/queries/*.rq"), *ROOT.glob("graph_api/data/*.r[qu]"),
             ROOT / "ontology" / "shapes.ttl", *ROOT.glob("graph_api/*.py"),
             *ROOT.glob("graph_api/blueprints/*.py"), *ROOT.glob("graph_api/templates/*.html")]
    return {f: f.read_text(encoding="utf-8") for f in files}


def _curies(iri: str) -> list[str]:
    from ontology.reasoning import ontology_graph

    out = [iri]
    for name, ns in ontology_graph().namespaces():
        if name and iri.startswith(str(ns)):
            out.append(f"{name}:{iri[len(str(ns)):]}")
    return out


def test_every_derivable_term_is_kept_or_left_once():
    props, classes = _derivable()
    kept_p, left_p = _listed("kept", "properties"), _listed("left", "properties")
    kept_c, left_c = _listed("kept", "classes"), _listed("left", "classes")
    assert not kept_p & left_p and not kept_c & left_c
    assert props - kept_p - left_p == set(), "classify these in stored_inferences.toml"
    assert classes - kept_c - left_c == set(), "classify these in stored_inferences.toml"


def test_every_derivable_term_the_project_reads_is_kept():
    """A query that starts reading an inference that is not stored fails here, not in use."""
    props, classes = _derivable()
    asserted = {expand(c) for c in stored_inferences()["left"]["read_where_asserted"]}
    kept = _listed("kept", "properties") | _listed("kept", "classes") | asserted
    texts = _readers()
    assert len(texts) > 60
    read = {iri for iri in props | classes
            if any(re.search(re.escape(form) + r"(?![\w-])", t)
                   for form in _curies(iri) for t in texts.values())}
    assert {expand("cc:inPlan"), expand("eli:LegalResource")} <= read  # the scan sees them
    assert read - kept == set()


def test_stored_keeps_the_read_inferences_of_a_plan_and_no_other():
    m = mapped_plans()[0]
    full = plan_closure(m.plan, m.shared, "reasonable")
    kept = stored(full.plan | full.shared)
    left = (full.plan | full.shared) - kept
    names = {t[1].value if t[1] != RDF.type else t[2].value for t in left}
    assert expand("cc:hasLeadDuty") in names and expand("prov:Entity") in names
    assert all(expand("cc:hasLeadDuty") != t[1].value for t in kept)
    assert any(t[1].value == expand("eli:cites") for t in kept)  # eli:based_on ⊑ eli:cites
    assert len(kept) < len(full.plan | full.shared) / 2


@pytest.mark.parametrize("plan", ["hue-232-kh-ubnd-2026.txt", "quang-ngai-snv-pctn-2023.txt"])
def test_an_ingested_plan_stores_only_what_is_kept(plan):
    path = ROOT / "data" / "plans" / plan
    store = open_store(":memory:")
    report = ingest_paths(store, [path], progress=False, workers=0)
    assert report.ok and report.inferred
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                      "FILTER(STRSTARTS(STR(?g), 'https://cancu.dev/graph/inferred')) "
                      "FILTER(?p IN (<https://cancu.dev/ontology#hasLeadDuty>, "
                      "<https://cancu.dev/ontology#hasAssignment>) "
                      "|| ?o = <http://www.w3.org/ns/prov#Entity>) }")
    assert int(res.rows[0]["n"]) == 0
    kept = store.query("ASK { GRAPH ?g { ?t <http://data.europa.eu/eli/ontology#cites> ?d } "
                       "FILTER(STRSTARTS(STR(?g), 'https://cancu.dev/graph/inferred')) }")
    assert kept
