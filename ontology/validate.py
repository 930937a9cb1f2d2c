"""SHACL validation (pySHACL) of plan graphs, reported in words a legal reader understands.

Each violation names the node the way the plan does ("Task II.2.a of hue-232-kh-ubnd-2026.txt")
followed by the shape's message ("has no source span"), in English and in Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from ontology.reasoning import ontology_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Path(__file__).parent / "shapes.ttl"


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem: the node, the property, and a sentence (``message`` en, ``message_vi``)."""

    focus: str
    path: str | None
    message: str
    message_vi: str = ""
    severity: str = "Violation"


@dataclass(slots=True)
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        if self.conforms:
            return "OK"
        return "\n".join(f"- {v.message}" for v in self.violations)


@cache
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def _label(data: Graph, node: URIRef, lang: str) -> str:
    labels = {lit.language: str(lit) for lit in data.objects(node, RDFS.label)
              if isinstance(lit, Literal)}
    return labels.get(lang) or labels.get("vi") or next(iter(labels.values()), str(node))


def _message(results: Graph, result: URIRef, lang: str) -> str:
    msgs = {m.language: str(m) for m in results.objects(result, SH.resultMessage)}
    return msgs.get(lang) or msgs.get(None) or next(iter(msgs.values()), "is not valid")


def validate(graph: Graph) -> Report:
    """Check ``graph`` (one plan, or a whole dataset flattened) against ``shapes.ttl``."""
    data = Graph()
    triples = (graph.quads((None, None, None, None)) if hasattr(graph, "quads") else graph)
    for t in triples:
        data.add(t[:3])
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        allow_warnings=True,
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=str(focus),
            path=str(path) if path is not None else None,
            message=f"{_label(data, focus, 'en')} {_message(results, result, 'en')}",
            message_vi=f"{_label(data, focus, 'vi')} {_message(results, result, 'vi')}",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(bool(conforms), violations)
