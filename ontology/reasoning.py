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

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ontology.iris import ID
from ontology.triples import OWL as OWL_
from ontology.triples import RDF as RDF_
from ontology.triples import Triple, Triples, as_triples, subjects, to_ox

ONTOLOGY = Path(__file__).parent / "cancu.ttl"
STORED = Path(__file__).parent / "data" / "stored_inferences.toml"
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
    ``a``/``b`` in {"s", "o", or a fixed term}; per class, the classes of its members. Terms are
    pyoxigraph's, as the units' triples are (:mod:`ontology.triples`)."""

    by_property: dict[ox.NamedNode, tuple[tuple, ...]]
    by_class: dict[ox.NamedNode, tuple[ox.NamedNode, ...]]
    transitive: frozenset[ox.NamedNode]


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
    by_property: dict[ox.NamedNode, set[tuple]] = defaultdict(set)
    by_class: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
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
                by_class[to_ox(owner)].add(to_ox(o))
            continue
        # the probe's own nodes become "s"/"o" (an inverse puts "o" first); others are terms
        b = role[o][1] if o in role else to_ox(o)
        by_property[to_ox(owner)].add((a, to_ox(q), b))
    transitive = frozenset(to_ox(p) for p in onto.subjects(RDF.type, OWL.TransitiveProperty))
    return Schema({p: tuple(sorted(t, key=str)) for p, t in by_property.items()},
                  {c: tuple(sorted(v, key=str)) for c, v in by_class.items()}, transitive)


def _transitive_pairs(triples: Triples, prop: ox.NamedNode) -> Triples:
    """The pairs a transitive property adds within one unit (a law's chapters, articles and
    clauses: tens of levels at most)."""
    succ: dict = defaultdict(set)
    for x, p, y in triples:
        if p == prop:
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


_TYPE = RDF_.type
_NOISE = frozenset(to_ox(t) for t in _NOISE_TYPES)
_UNWANTED = frozenset({OWL_.sameAs, OWL_.differentFrom})


def _wanted(triple: Triple) -> bool:
    """:func:`of_interest` for triples of pyoxigraph terms."""
    s, p, o = triple
    if not isinstance(s, ox.NamedNode) or not s.value.startswith(ID) or isinstance(o, ox.BlankNode):
        return False
    if p == _TYPE:
        return not isinstance(o, ox.Literal) and o not in _NOISE
    return p not in _UNWANTED and not p.value.startswith(_SCHEMA_NS)


def unit_closure(graph: Graph | Iterable[Triple], engine: str = "reasonable", *,
                 known: Triples | None = None) -> Triples:
    """What the ontology adds to one unit (a plan, a law, a plan's shared facts) on its own: the
    triples not already in ``graph`` (nor in ``known``), noise left out as :func:`closure` does."""
    sch = schema(engine)
    asserted = as_triples(graph)
    base = set(asserted)
    for prop in sch.transitive:
        base |= _transitive_pairs(asserted, prop)
    by_property, by_class = sch.by_property, sch.by_class
    out: set[tuple] = set()
    for s, p, o in base:
        if p == _TYPE:
            out.update((s, _TYPE, c) for c in by_class.get(o, ()))
            continue
        for a, q, b in by_property.get(p, ()):
            x = s if a == "s" else o if a == "o" else a
            y = s if b == "s" else o if b == "o" else b
            out.add((x, q, y))
    known = known or set()
    # the candidates: what the schema added, and the transitive pairs (the rest of ``base``
    # is asserted, so would be left out; a unit is thousands of triples, its inferences tens)
    return {t for t in out | (base - asserted)
            if t not in asserted and t not in known and not isinstance(t[0], ox.Literal)
            and _wanted(t)}


@dataclass(slots=True)
class Inferred:
    """A plan's inferences: ``plan`` about its own nodes (stored beside its graph, dropped with
    it), ``shared`` about shared things only (added to the shared inferred graph)."""

    plan: Triples
    shared: Triples


def plan_closure(plan: Graph | Iterable[Triple], shared: Graph | Iterable[Triple],
                 engine: str = "reasonable") -> Inferred:
    """The closure of one plan and the shared facts it adds, split so that no two plans store
    the same inferred triple: one that names a node of the plan's own is the plan's."""
    plan, shared = as_triples(plan), as_triples(shared)
    from_shared = unit_closure(shared, engine)
    known = shared | from_shared
    own = subjects(plan)
    mine: Triples = set()
    theirs: Triples = set(from_shared)
    for t in unit_closure(plan, engine, known=known):
        (mine if t[0] in own or t[2] in own else theirs).add(t)
    return Inferred(mine, theirs)


# --- what of a closure the store keeps ---------------------------------------------------------


def expand(curie: str) -> str:
    """``cc:lead`` -> the IRI, by the ontology's own prefixes."""
    prefix, _, local = curie.partition(":")
    for name, ns in ontology_graph().namespaces():
        if name == prefix:
            return str(ns) + local
    raise ValueError(f"{STORED.name}: unknown prefix in {curie!r}")


@cache
def stored_inferences() -> dict[str, dict[str, dict[str, str]]]:
    """``stored_inferences.toml``: ``kept`` and ``left``, each ``properties`` and ``classes``
    (CURIE -> why)."""
    return tomllib.loads(STORED.read_text(encoding="utf-8"))


@cache
def _kept() -> tuple[frozenset[ox.NamedNode], frozenset[ox.NamedNode]]:
    kept = stored_inferences()["kept"]
    return (frozenset(ox.NamedNode(expand(c)) for c in kept["properties"]),
            frozenset(ox.NamedNode(expand(c)) for c in kept["classes"]))


def stored(inferred: Graph | Iterable[Triple]) -> Triples:
    """Of a unit's inferences, those the store keeps: the ones whose property (for rdf:type,
    whose class) something of the project reads (``stored_inferences.toml``). The rest, a fifth
    of a plan's quads, is what nothing reads (inverses, provenance super-properties, the
    classes above cc:Task): storing it cost the bulk load and every index, answering nothing."""
    props, classes = _kept()
    return {t for t in as_triples(inferred)
            if (t[2] in classes if t[1] == _TYPE else t[1] in props)}
