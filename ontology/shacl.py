"""The SHACL Core constraints of ``shapes.ttl`` as SPARQL queries selecting what breaks them.

Read once per process: each constraint of each property shape becomes one ``SELECT ?this`` (the
focus nodes, with the offending value where there is one) that any SPARQL engine can run over
a plan's triples; :mod:`ontology.validate` runs them with pyoxigraph. The queries say what
SHACL Core says each component means:

- targets: ``sh:targetClass`` C, i.e. the instances of C and of its subclasses in the ontology
  (what a SHACL engine given the ontology, as pySHACL was, sees);
- ``sh:path``: a property or a sequence of properties;
- ``sh:minCount``/``sh:maxCount`` count distinct values; ``sh:class`` wants a value typed C or
  a subclass; ``sh:datatype`` a literal of that datatype whose lexical form is valid (an
  ill-typed "2026-02-30"^^xsd:date breaks it); ``sh:in`` a value that is one of the list's
  terms; ``sh:lessThan`` each value less than each value of the other property, values that
  cannot be compared breaking it too.

A shape using anything else is refused when the shapes are read (:class:`ShapesError`), so no
rule is ever ignored in silence: teach this module the new component first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from ontology.reasoning import ontology_graph
from ontology.triples import to_ox

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Path(__file__).parent / "shapes.ttl"
XSD_CASTS = {  # datatypes whose lexical forms SPARQL can check by a cast to them
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("string", "boolean", "integer", "decimal", "float", "double", "date", "dateTime",
              "time", "duration")
}
_NODE_KEYS = {RDF.type, SH.targetClass, SH.property, RDFS.label, RDFS.comment}
_DOCUMENTATION = {SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group,
                  RDFS.label, RDFS.comment}
_COMPONENTS = {SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["in"], SH.lessThan}


class ShapesError(ValueError):
    """shapes.ttl uses something this module does not turn into a query."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One constraint of one property shape, as a query, with the shape's messages."""

    shape: str  # the node shape, e.g. https://cancu.dev/shapes#TaskShape
    component: str  # SHACL's name for it: "MinCountConstraintComponent", ...
    path_text: str  # the property's IRI, or a sequence as SPARQL writes it
    messages: tuple[tuple[str | None, str], ...]  # (language, text)
    severity: str  # "Violation" | "Warning" | "Info"
    sparql: str

    def message(self, lang: str) -> str:
        by_lang = dict(self.messages)
        return (by_lang.get(lang) or by_lang.get(None) or next(iter(by_lang.values()), None)
                or "is not valid")

    def breaches(self, store: ox.Store) -> list[ox.NamedNode | ox.BlankNode]:
        """The focus nodes breaking this constraint: once per offending value."""
        return [row["this"] for row in store.query(self.sparql)]


@cache
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@cache
def rules() -> tuple[Rule, ...]:
    """Every constraint of ``shapes.ttl`` as a :class:`Rule` (read and checked once)."""
    return compile_shapes(shapes_graph(), ontology_graph())


def compile_shapes(shapes: Graph, ontology: Graph) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        unknown = {p for p in shapes.predicates(shape) if p not in _NODE_KEYS}
        if unknown:
            raise ShapesError(f"{shape}: node-level {_names(unknown)} not supported")
        targets = sorted({c for t in shapes.objects(shape, SH.targetClass)
                          for c in _subclasses(ontology, t)}, key=str)
        if not targets:
            raise ShapesError(f"{shape}: only sh:targetClass targets are supported")
        target = (f"?this a ?target . VALUES ?target {{ {' '.join(_sparql(c) for c in targets)} }}"
                  if len(targets) > 1 else f"?this a {_sparql(targets[0])} .")
        for prop in shapes.objects(shape, SH.property):
            out.extend(_property_rules(shapes, ontology, shape, prop, target))
    return tuple(out)


def _property_rules(shapes: Graph, ontology: Graph, shape: URIRef, prop: URIRef | BNode,
                    target: str) -> list[Rule]:
    keys = set(shapes.predicates(prop))
    unknown = keys - _COMPONENTS - _DOCUMENTATION - {SH.path}
    if unknown:
        raise ShapesError(f"{shape}: property shape with {_names(unknown)} not supported")
    path = _path(shapes, shapes.value(prop, SH.path), shape)
    path_text = path if path.count("<") > 1 else path.strip("<>")
    messages = tuple(sorted(((m.language, str(m)) for m in shapes.objects(prop, SH.message)
                             if isinstance(m, Literal)), key=lambda x: (x[0] or "", x[1])))
    severity = shapes.value(prop, SH.severity)
    severity_name = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
    rules = []
    for key in sorted(keys & _COMPONENTS, key=str):
        for value in shapes.objects(prop, key):
            name, sparql = _query(shapes, ontology, key, value, target, path, shape)
            if sparql:
                rules.append(Rule(str(shape), name, path_text, messages, severity_name, sparql))
    return rules


def _query(shapes: Graph, ontology: Graph, key: URIRef, value, target: str, path: str,
           shape: URIRef) -> tuple[str, str | None]:
    """The component's name and the query selecting the focus nodes (and values) breaking it."""
    values = f"SELECT DISTINCT ?this ?value WHERE {{ {target} ?this {path} ?value . "
    if key in (SH.minCount, SH.maxCount):
        n = int(value)
        low = key == SH.minCount
        if low and n == 0:
            return "MinCountConstraintComponent", None
        return (("MinCountConstraintComponent" if low else "MaxCountConstraintComponent"),
                f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {path} ?value }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {'<' if low else '>'} {n})")
    if key == SH["class"]:
        classes = " ".join(_sparql(c) for c in sorted(_subclasses(ontology, value), key=str))
        return "ClassConstraintComponent", (
            values + f"FILTER NOT EXISTS {{ ?value a ?class . VALUES ?class {{ {classes} }} }} }}")
    if key == SH.datatype:
        dt = _sparql(value)
        valid = (f"BIND({dt}(STR(?value)) AS ?valid) FILTER (!BOUND(?valid) || "
                 if str(value) in XSD_CASTS else "FILTER (")
        return "DatatypeConstraintComponent", (
            values + f"{valid}!isLiteral(?value) || DATATYPE(?value) != {dt}) }}")
    if key == SH["in"]:
        members = list(Collection(shapes, value))
        allowed = " || ".join(f"sameTerm(?value, {_sparql(m)})" for m in members) or "false"
        return "InConstraintComponent", values + f"FILTER (!({allowed})) }}"
    if key == SH.lessThan:
        return "LessThanConstraintComponent", (
            values + f"?this {_sparql(value)} ?other . "
            f"FILTER (!COALESCE(?value < ?other, false)) }}")
    raise ShapesError(f"{shape}: {key} not supported")  # pragma: no cover - _COMPONENTS


def _path(shapes: Graph, path, shape: URIRef) -> str:
    """A SPARQL property path for ``sh:path``: an IRI, or a list of IRIs (a sequence)."""
    if isinstance(path, URIRef):
        return _sparql(path)
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        steps = list(Collection(shapes, path))
        if steps and all(isinstance(s, URIRef) for s in steps):
            return "/".join(_sparql(s) for s in steps)
    raise ShapesError(f"{shape}: only a property or a sequence of properties as sh:path")


def _subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """The class and every class below it in the ontology (rdfs:subClassOf*)."""
    return set(ontology.transitive_subjects(RDFS.subClassOf, cls))


def _sparql(term) -> str:
    return str(to_ox(term))  # N-Triples syntax is SPARQL syntax


def _names(preds) -> str:
    return ", ".join(sorted(str(p).rsplit("#", 1)[-1] for p in preds))
