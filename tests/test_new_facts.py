"""What a plan says of shared things (bodies, laws) is compared with the shared graph as RDF
terms: a name with quotes, braces, brackets or escapes is looked up as itself and cannot change
the query it is looked up by."""

from __future__ import annotations

from graph_api.pipeline import _new_facts
from graph_api.provenance import SHARED_GRAPH
from graph_api.store import open_store

BODY = "<https://cancu.example/id/body/so-tu-phap>"
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"

HOSTILE = [
    '"Sở Tư pháp"@vi',
    '"Sở \\"Tư\\" pháp } } ; DROP ALL ; {"@vi',
    '"a ) (0 <x:y> <x:y> <x:y>) ( b"',
    '"dòng một\\ndòng hai \\\\ } ."@vi',
]


def test_facts_not_yet_shared_are_new_and_shared_ones_are_not() -> None:
    with open_store(None) as store:
        nt = "".join(f"{BODY} {LABEL} {o} .\n" for o in HOSTILE)
        assert _new_facts(store, nt).count("\n") == len(HOSTILE)
        # two of them become shared; only the other two are new, each as it was written
        store.bulk_insert({SHARED_GRAPH: [f"{BODY} {LABEL} {o} ." for o in HOSTILE[1:3]]})
        new = _new_facts(store, nt)
        assert sorted(new.splitlines()) == sorted(f"{BODY} {LABEL} {o} ."
                                                  for o in (HOSTILE[0], HOSTILE[3]))
        assert len(store.query(f"SELECT * {{ GRAPH <{SHARED_GRAPH}> {{ ?s ?p ?o }} }}").rows) == 2


def test_nothing_to_compare() -> None:
    with open_store(None) as store:
        assert _new_facts(store, "") == ""
        blank = f"_:b0 {LABEL} \"x\" .\n"
        assert _new_facts(store, blank) == blank  # a blank node cannot be looked up: kept
