"""OWL 2 RL reasoning that grows with the plan, not with the store.

What the project materializes is what follows from ONE stored unit (a plan, a law, the shared
facts a plan adds) and the ontology: the class and property hierarchy, inverses, domains and
ranges, and ``eli:is_part_of`` within the unit. Those consequences of one triple depend on the
schema alone, so the schema is *compiled* once per process: the reference reasoner (owlrl or
``reasonable``) is run over the ontology plus one probe triple per property and one probe
typing per class, and what it derives from each probe is kept as a template. A unit's closure
is then a pass over its triples (:func:`unit_closure`, :func:`plan_closure`), the same whatever
the store holds. Inferences that join facts of different units (a body's duties through the
groups it belongs to, a plan's clause inside a law's chapter) are not stored: the named queries
follow them at query time (``org:hasMember+``, ``eli:is_part_of+``). ``tests/test_reasoning.py``
checks that this answers every named query as the full closure of the whole store does.

:func:`closure` (the full closure of any graph, either engine) stays as the reference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
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


# --- the compiled schema, and the closure of one unit ------------------------------------------

_PROBE = ID + "probe/"
_S, _O = URIRef(_PROBE + "s"), URIRef(_PROBE + "o")


@dataclass(frozen=True, slots=True)
class Schema:
    """What the ontology entails from one triple: per property, templates ``(a, q, b)`` with
    ``a``/``b`` in {"s", "o", or a fixed term}; per class, the classes of its members."""

    by_property: dict[URIRef, tuple[tuple, ...]]
    by_class: dict[URIRef, tuple[URIRef, ...]]
    transitive: frozenset[URIRef]


@cache
def schema(engine: str = "reasonable") -> Schema:
    """The ontology compiled by ``engine``: one probe per property and class, reasoned over once."""
    onto = ontology_graph()
    props = sorted({p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
                    for p in onto.subjects(RDF.type, kind) if isinstance(p, URIRef)})
    classes = sorted(set(onto.subjects(RDF.type, OWL.Class)))
    probes = Graph()
    for k, p in enumerate(props):
        probes.add((URIRef(f"{_PROBE}p{k}/s"), p, URIRef(f"{_PROBE}p{k}/o")))
    for k, c in enumerate(classes):
        probes.add((URIRef(f"{_PROBE}c{k}"), RDF.type, c))
    derived = closure(probes, engine)
    by_property: dict[URIRef, set[tuple]] = defaultdict(set)
    by_class: dict[URIRef, set[URIRef]] = defaultdict(set)
    role = {}
    for k, p in enumerate(props):
        role[URIRef(f"{_PROBE}p{k}/s")] = (p, "s")
        role[URIRef(f"{_PROBE}p{k}/o")] = (p, "o")
    for k, c in enumerate(classes):
        role[URIRef(f"{_PROBE}c{k}")] = (c, "c")
    for s, q, o in derived:
        owner, a = role.get(s, (None, None))
        if owner is None:
            continue
        if a == "c":
            if q == RDF.type:
                by_class[owner].add(o)
            continue
        # the probe's own nodes become "s"/"o" (an inverse puts "o" first); others are terms
        b = role[o][1] if o in role else o
        by_property[owner].add((a, q, b))
    transitive = frozenset(onto.subjects(RDF.type, OWL.TransitiveProperty))
    return Schema({p: tuple(sorted(t, key=str)) for p, t in by_property.items()},
                  {c: tuple(sorted(v)) for c, v in by_class.items()}, transitive)


def _transitive_pairs(graph: Graph, prop: URIRef) -> set[tuple]:
    """The pairs a transitive property adds within one graph (a law's chapters, articles and
    clauses: tens of levels at most)."""
    succ: dict = defaultdict(set)
    for x, y in graph.subject_objects(prop):
        succ[x].add(y)
    out = set()
    for start in list(succ):
        seen, todo = set(), list(succ[start])
        while todo:
            y = todo.pop()
            if y in seen:
                continue
            seen.add(y)
            todo.extend(succ.get(y, ()))
        out |= {(start, prop, y) for y in seen if y not in succ[start]}
    return out


def unit_closure(graph: Graph, engine: str = "reasonable", *, known: Graph | None = None) -> Graph:
    """What the ontology adds to one unit (a plan, a law, a plan's shared facts) on its own: the
    triples not already in ``graph`` (nor in ``known``), noise left out as :func:`closure` does."""
    sch = schema(engine)
    base = set(_triples(graph))
    for prop in sch.transitive:
        base |= _transitive_pairs(graph, prop)
    out = set()
    for s, p, o in base:
        if p == RDF.type:
            out.update((s, RDF.type, c) for c in sch.by_class.get(o, ()))
            continue
        for a, q, b in sch.by_property.get(p, ()):
            x = s if a == "s" else o if a == "o" else a
            y = s if b == "s" else o if b == "o" else b
            out.add((x, q, y))
    result = Graph()
    asserted = set(_triples(graph))
    for t in base | out:
        t = normalise(t)
        if t in asserted or (known is not None and t in known) or isinstance(t[0], Literal):
            continue
        if of_interest(t):
            result.add(t)
    return result


@dataclass(slots=True)
class Inferred:
    """A plan's inferences: ``plan`` about its own nodes (stored beside its graph, dropped with
    it), ``shared`` about shared things only (added to the shared inferred graph)."""

    plan: Graph
    shared: Graph


def plan_closure(plan: Graph, shared: Graph, engine: str = "reasonable") -> Inferred:
    """The closure of one plan and the shared facts it adds, split so that no two plans store
    the same inferred triple: one that names a node of the plan's own is the plan's."""
    from_shared = unit_closure(shared, engine)
    known = Graph()
    for g in (shared, from_shared):
        for t in g:
            known.add(t)
    own = set(plan.subjects())
    mine, theirs = Graph(), Graph()
    for t in unit_closure(plan, engine, known=known):
        (mine if t[0] in own or t[2] in own else theirs).add(t)
    for t in from_shared:
        theirs.add(t)
    return Inferred(mine, theirs)
