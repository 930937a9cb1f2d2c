"""Rows of plain values read straight from the engine's terms (``Store.select_rows``,
``queries.rows_with``) are the rows made through rdflib terms (``run_with(...).rows``)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph_api.queries import list_queries, rows_with, run_with
from graph_api.store import (
    OxigraphStore,
    QueryError,
    SelectResult,
    ox_to_python,
    ox_to_rdflib,
    to_python,
)
from tests.fixtures.graph.build import ox_store

XSD = "http://www.w3.org/2001/XMLSchema#"


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


TERMS = [
    ox.NamedNode("https://cancu.dev/id/body/hue/so-noi-vu"),
    ox.BlankNode("b0"),
    ox.Literal("Sở Nội vụ"),
    ox.Literal("Sở Nội vụ", language="vi"),
    ox.Literal("Department of Home Affairs", language="en"),
    *(_typed(v, "integer") for v in ("5", "-12", "007", "+5", " 5", "abc", "1e3", "")),
    *(_typed(v, "boolean") for v in ("true", "false", "1", "0", "TRUE")),
    *(_typed(v, "date") for v in ("2026-02-03", "2026-02-30")),
    _typed("2.50", "decimal"),
    _typed("1.5E2", "double"),
    ox.Literal("x", datatype=ox.NamedNode("https://example.org/own-type")),
]


@pytest.mark.parametrize("term", TERMS, ids=str)
def test_a_term_has_the_value_rdflib_gives_it(term: ox.Term) -> None:
    got, want = ox_to_python(term), to_python(ox_to_rdflib(term))
    assert (type(got), got) == (type(want), want)


@pytest.fixture(scope="module")
def samples() -> OxigraphStore:
    store = OxigraphStore()
    store.raw.extend(ox_store().quads_for_pattern(None, None, None, None))
    return store


def test_every_named_query_gives_the_same_rows(samples: OxigraphStore) -> None:
    """Each named SELECT with its example parameters (paged ones and those another query
    answers take run_with's path; the rest the engine's terms)."""
    checked = 0
    for nq in list_queries():
        params = {p.name: p.example for p in nq.params if p.example}
        if any(p.required and p.name not in params for p in nq.params):
            continue
        try:
            res = run_with(samples, nq, params)
        except QueryError:  # examples that do not go together: refused the same way
            with pytest.raises(QueryError):
                rows_with(samples, nq, params)
            continue
        if not isinstance(res, SelectResult):
            continue
        assert rows_with(samples, nq, params) == res.rows, nq.name
        checked += 1
    assert checked >= 30


def test_rows_of_what_is_no_select_are_refused(samples: OxigraphStore) -> None:
    with pytest.raises(ValueError, match="not a SELECT"):
        samples.select_rows("ASK { ?s ?p ?o }")
