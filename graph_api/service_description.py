"""The SPARQL 1.1 Service Description of ``/sparql`` (what a GET without a query answers).

Clients (YASGUI, SPARQLWrapper users, catalogues) read from it the endpoint's language, the
result formats it writes, that its default graph is the union of the named graphs, and which
named graphs there are. Written with rdflib, so any RDF format the client asks for is one
serializer away.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples", "RDF_XML")  # fmt: skip

__all__ = ["describe_service"]


def describe_service(endpoint: str, graphs: list[str], limit: int, timeout: float) -> Graph:
    """The description of the endpoint at ``endpoint`` holding the named ``graphs``."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("dcterms", DCTERMS)
    svc = URIRef(endpoint)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for f in RESULT_FORMATS:
        g.add((svc, SD.resultFormat, FORMATS[f]))
    g.add((svc, DCTERMS.title, Literal("cancu — căn cứ pháp lý và nhiệm vụ", lang="vi")))
    g.add((svc, DCTERMS.description, Literal(
        f"Read-only: SPARQL Update and SERVICE are refused; answers are capped at {limit} rows "
        f"and {timeout:g} s. The default graph is the union of the named graphs.", lang="en")))
    dataset = BNode("dataset")
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in graphs:
        node = BNode()
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    return g
