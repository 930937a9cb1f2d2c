"""A unit's triples as pyoxigraph terms: what mapping makes, reasoning extends, validation
checks and the store loads.

A plan is a few thousand triples, made, checked, reasoned over and serialized once each in a
worker process, 10,000 times in a batch. An rdflib ``Graph`` indexes every triple three ways in
Python as it is added (some 10 µs a triple); a Python set of tuples of pyoxigraph terms costs a
hash, and its terms are the store's own (written in Rust: parsed, checked and escaped there), so
nothing is converted on the way in. ``Triples`` is that set; :func:`to_graph` and
:func:`from_graph` cross to rdflib for readers that want its API (tests, notebooks, the
reference reasoners and pySHACL).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
Triple: TypeAlias = tuple[Term, Term, Term]
Triples: TypeAlias = set[Triple]


class Vocabulary:
    """The IRIs of one namespace as ``NamedNode``s, each made once: ``CC.Task``."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)


CC = Vocabulary("https://cancu.dev/ontology#")
ELI = Vocabulary("http://data.europa.eu/eli/ontology#")
ORG = Vocabulary("http://www.w3.org/ns/org#")
PROV = Vocabulary("http://www.w3.org/ns/prov#")
TIME = Vocabulary("http://www.w3.org/2006/time#")
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")


def iri(value: str | URIRef | ox.NamedNode) -> ox.NamedNode:
    """A NamedNode from an IRI string (or an rdflib ``URIRef``); pyoxigraph refuses a malformed
    IRI here, before it can reach a store."""
    return value if isinstance(value, ox.NamedNode) else ox.NamedNode(str(value))


def literal(value: Any, *, lang: str | None = None) -> ox.Literal:
    """A literal as rdflib's ``Literal(value)`` types it: str plain (or tagged), int
    ``xsd:integer``, bool ``xsd:boolean``."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD.integer)
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value))


def typed(value: str, datatype: ox.NamedNode) -> ox.Literal:
    return ox.Literal(value, datatype=datatype)


def ntriples(triples: Iterable[Triple] | Graph) -> str:
    """N-Triples text, one line a triple (each term written and escaped by pyoxigraph); an
    rdflib graph is written by rdflib."""
    if isinstance(triples, Graph):
        if not len(triples):
            return ""
        return triples.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def parse_ntriples(text: str | bytes) -> Triples:
    """The triples of N-Triples text (what :func:`ntriples` wrote)."""
    return {(t.subject, t.predicate, t.object)
            for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)}


def to_ox(term: Node) -> Term:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == XSD.string:  # rdflib keeps "x" and "x"^^xsd:string apart
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def from_graph(graph: Graph | Iterable[tuple]) -> Triples:
    """The triples of an rdflib graph (every named graph of a Dataset, flattened) as
    pyoxigraph terms; triples already of pyoxigraph terms pass as they are."""
    if hasattr(graph, "quads"):
        source: Iterable[tuple] = (q[:3] for q in graph.quads((None, None, None, None)))
    else:
        source = graph
    out: Triples = set()
    for t in source:
        if isinstance(t[1], ox.NamedNode):
            out.add(tuple(t))  # type: ignore[arg-type]
        else:
            out.add((to_ox(t[0]), to_ox(t[1]), to_ox(t[2])))
    return out


def as_triples(graph: Graph | Iterable[Triple]) -> Triples:
    """A unit's triples as a set of pyoxigraph terms, whatever it came as (an rdflib graph is
    converted; a set of such triples is taken as it is)."""
    if isinstance(graph, set):
        return graph
    return from_graph(graph)


def to_graph(*parts: Iterable[Triple]) -> Graph:
    """One rdflib graph of the given triples (prefixes bound for readable Turtle)."""
    g = Graph()
    for prefix, ns in (("cc", CC), ("eli", ELI), ("org", ORG), ("prov", PROV), ("time", TIME)):
        g.bind(prefix, ns._base)
    for part in parts:
        for s, p, o in part:
            g.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return g


def subjects(triples: Iterable[Triple]) -> set[Term]:
    return {s for s, _, _ in triples}
