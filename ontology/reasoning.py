"""OWL 2 RL closure of a graph, returning only the inferred triples of interest.

The inferred triples are kept in their own named graph (``https://cancu.dev/graph/inferred``)
so they can be dropped and recomputed. Two engines: ``owlrl`` (pure Python, the reference) and
``reasonable`` (Rust, much faster). Both outputs pass the same filter, so they can be compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ontology.iris import ID

ONTOLOGY = Path(__file__).parent / "cancu.ttl"
ENGINES = ("owlrl", "reasonable")
_NOISE_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class,
                RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty}
_SCHEMA_NS = (str(OWL), str(RDFS))


@cache
def ontology_graph() -> Graph:
    """The cancu ontology (parsed once; do not modify the returned graph)."""
    return Graph().parse(ONTOLOGY, format="turtle")


def _triples(graph: Graph) -> Iterable[tuple]:
    """All triples of a graph, or of every named graph of a Dataset, as plain triples."""
    if hasattr(graph, "quads"):
        return ((s, p, o) for s, p, o, _ in graph.quads((None, None, None, None)))
    return iter(graph)


def of_interest(triple: tuple) -> bool:
    """Facts about the project's own nodes; no tautologies, no schema or literal-typing noise."""
    s, p, o = triple
    if not isinstance(s, URIRef) or not str(s).startswith(ID) or isinstance(o, BNode):
        return False
    if p == OWL.sameAs or p == OWL.differentFrom or (isinstance(o, Literal) and p == RDF.type):
        return False
    if p == RDF.type:
        return o not in _NOISE_TYPES
    return not str(p).startswith(_SCHEMA_NS)


def closure(graph: Graph, engine: str = "owlrl", *, with_ontology: bool = True) -> Graph:
    """The triples entailed by ``graph`` (plus the ontology) that are not already asserted."""
    base = Graph()
    for t in _triples(graph):
        base.add(t)
    if with_ontology:
        for t in ontology_graph():
            base.add(t)
    if engine == "owlrl":
        inferred = _owlrl(base)
    elif engine == "reasonable":
        inferred = _reasonable(base)
    else:
        raise ValueError(f"unknown reasoning engine {engine!r}; use one of {ENGINES}")
    out = Graph()
    for t in inferred:
        t = normalise(t)
        if t not in base and of_interest(t):
            out.add(t)
    return out


def normalise(triple: tuple) -> tuple:
    """``"x"^^xsd:string`` and ``"x"`` are the same RDF 1.1 literal; engines differ in which
    they return, so compare in the plain form."""
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype == XSD.string:
        o = Literal(str(o))
    return s, p, o


def chains(graph: Graph) -> list[tuple[URIRef, tuple[URIRef, ...]]]:
    """The ``owl:propertyChainAxiom`` of a graph: (property, (p1, p2, ...))."""
    return [(p, tuple(Collection(graph, lst))) for p, lst in
            graph.subject_objects(OWL.propertyChainAxiom)]


def apply_chains(graph: Graph, axioms: list[tuple[URIRef, tuple[URIRef, ...]]]) -> set[tuple]:
    """One pass of rule prp-spo2 (property chains): the new triples it derives."""
    new: set[tuple] = set()
    for prop, steps in axioms:
        frontier = {(x, y) for x, y in graph.subject_objects(steps[0])}
        for step in steps[1:]:
            frontier = {(x, z) for x, y in frontier for z in graph.objects(y, step)}
        new |= {(x, prop, z) for x, z in frontier if (x, prop, z) not in graph}
    return new


def _owlrl(base: Graph) -> Iterable[tuple]:
    import owlrl

    expanded = Graph()
    for t in base:
        expanded.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(expanded)
    return iter(expanded)


def _reasonable(base: Graph) -> Iterable[tuple]:
    import reasonable

    # reasonable 0.4 does not implement property chains (prp-spo2): apply them here and
    # reason again until nothing new appears.
    axioms = chains(base)
    current = Graph()
    for t in base:
        current.add(t)
    while True:
        r = reasonable.PyReasoner()
        r.from_graph(current)
        for t in r.reason():
            current.add(normalise(t))
        new = apply_chains(current, axioms)
        if not new:
            return iter(current)
        for t in new:
            current.add(t)
