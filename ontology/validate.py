"""SHACL validation of plan graphs, reported in words a legal reader understands.

Each violation names the node the way the plan does ("Task II.2.a of hue-232-kh-ubnd-2026.txt")
followed by the shape's message ("has no source span"), in English and in Vietnamese.

``shapes.ttl`` (SHACL Core) is the one source of the rules and of their messages. Every plan of
a batch is checked, so the check must cost a few milliseconds, not pySHACL's ~120 ms a plan:
each constraint of a property shape is turned, once per process, into one SPARQL query that
selects the nodes breaking it (:mod:`ontology.shacl`), and pyoxigraph runs those queries over an
in-memory store holding the plan. ``tests/test_validate.py`` holds pySHACL, the reference
engine, to the same results on a plan broken in every way the shapes know.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph

from ontology.shacl import SHAPES, Rule, rules, shapes_graph
from ontology.triples import RDFS, Triple, ntriples

__all__ = ["SHAPES", "Report", "Violation", "shapes_graph", "validate"]


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


def _store(data: Graph | Iterable[Triple] | str | ox.Store) -> ox.Store:
    """An in-memory store of the triples to check (N-Triples text is loaded as it is; a store
    is taken as it is)."""
    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    text = data if isinstance(data, str) else ntriples(_flat(data))
    if text:
        store.load(text, format=ox.RdfFormat.N_TRIPLES)
    return store


def _flat(data: Graph | Iterable[Triple]) -> Graph | Iterable[Triple]:
    """A Dataset's named graphs as one graph (what ``cancu validate`` reads back)."""
    if isinstance(data, Graph) and hasattr(data, "quads"):
        flat = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            flat.add((s, p, o))
        return flat
    return data


def _labels(store: ox.Store, node: ox.NamedNode | ox.BlankNode) -> dict[str | None, str]:
    return {q.object.language: q.object.value
            for q in store.quads_for_pattern(node, RDFS.label, None)
            if isinstance(q.object, ox.Literal)}


def _sentence(labels: dict[str | None, str], node: ox.Term, rule: Rule, lang: str) -> str:
    subject = labels.get(lang) or labels.get("vi") or next(iter(labels.values()), node.value)
    return f"{subject} {rule.message(lang)}"


def validate(data: Graph | Iterable[Triple] | str | ox.Store) -> Report:
    """Check one plan (or a whole dataset flattened) against ``shapes.ttl``: an rdflib graph,
    triples of pyoxigraph terms (:mod:`ontology.triples`), their N-Triples text, or an
    in-memory store of them (its default graph; read, not changed)."""
    store = _store(data)
    violations = []
    labels: dict[ox.Term, dict[str | None, str]] = {}
    for rule in rules():
        for focus in rule.breaches(store):
            if focus not in labels:
                labels[focus] = _labels(store, focus)
            violations.append(Violation(
                focus=focus.value,
                path=rule.path_text,
                message=_sentence(labels[focus], focus, rule, "en"),
                message_vi=_sentence(labels[focus], focus, rule, "vi"),
                severity=rule.severity,
            ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(not any(v.severity == "Violation" for v in violations), violations)
