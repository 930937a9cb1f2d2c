"""OWL 2 RL closure: inverses, transitive is_part_of, duties through groups; owlrl and
reasonable agree on the plan graph."""

from __future__ import annotations

import time

import pytest
from rdflib import URIRef

from ontology.iris import CC, ELI, ID, ORG
from ontology.reasoning import closure
from tests.fixtures.graph.build import law_graphs, plan_graphs, plan_key, union

LAW36 = ID + "doc/luat/36-2018-qh14"


@pytest.fixture(scope="module")
def plans():
    return union(plan_graphs())


def test_owlrl_and_reasonable_agree(plans):
    t = time.perf_counter()
    by_owlrl = closure(plans, "owlrl")
    t_owlrl = time.perf_counter() - t
    t = time.perf_counter()
    by_reasonable = closure(plans, "reasonable")
    t_reasonable = time.perf_counter() - t
    assert set(by_owlrl) == set(by_reasonable)
    assert len(by_owlrl) > 1000
    print(f"owlrl {t_owlrl:.2f}s reasonable {t_reasonable:.2f}s")


def test_duties_through_groups_and_inverses(plans):
    inferred = closure(plans, "reasonable")
    so_noi_vu = URIRef(ID + "body/hue/so-noi-vu")
    task = URIRef(ID + "task/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026/ii-1-a")
    assert (so_noi_vu, CC.hasDutyThroughGroup, task) in inferred
    assert (so_noi_vu, ORG.memberOf, URIRef(ID + "body/hue/cac-so-ban-nganh")) in inferred
    assert (URIRef(ID + "body/hue/so-tu-phap"), CC.hasLeadDuty,
            URIRef(ID + "task/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026/ii-1-b")) in inferred
    assert (URIRef(f"{LAW36}/dieu-10"), CC.citedBy,
            URIRef(ID + "task/" + plan_key("quang-ngai-snv-pctn-2023.txt") + "/ii-3-a")) in inferred
    # nested groups: a unit of Sở Nội vụ Quảng Ngãi carries what "đơn vị trực thuộc" must do
    assert (URIRef(ID + "body/quang-ngai/so-noi-vu/thanh-tra-so"), CC.hasDutyThroughGroup,
            URIRef(ID + "task/" + plan_key("quang-ngai-snv-pctn-2023.txt") + "/ii-1")) in inferred


def test_article_belongs_to_document_through_chapter():
    graph = union(law_graphs())
    inferred = closure(graph, "reasonable")
    assert not set(inferred) & set(graph)  # only what is new
    inferred += graph
    art = URIRef(f"{LAW36}/dieu-10")
    assert (art, ELI.is_part_of, URIRef(LAW36)) in inferred
    assert (URIRef(LAW36), ELI.has_part, art) in inferred
    assert (URIRef(f"{LAW36}/dieu-10/khoan-1"), ELI.is_part_of, URIRef(LAW36)) in inferred


# --- per-plan reasoning answers as the full closure does ---------------------------------------


def _store(graphs):
    from graph_api.store import OxigraphStore
    from tests.fixtures.graph.build import ox_store

    store = OxigraphStore(None)
    store._s = ox_store(graphs)
    return store


def _cases():
    """Every named query with the example values of its header: the required ones, then each
    optional filter alone (as bench/graph_bench.py runs them), and the competency questions."""
    from graph_api.queries import list_queries

    for q in list_queries():
        if any(p.required and not p.example for p in q.params):
            continue
        required = {p.name: p.example for p in q.params if p.required}
        yield q.name, required
        for p in q.params:
            if not p.required and p.example:
                yield q.name, {**required, p.name: p.example}
    yield "body_duties", {"body": "hue/so-noi-vu"}
    yield "body_duties", {"body": "quang-ngai/so-noi-vu/thanh-tra-so"}
    yield "api_tasks", {"body": ID + "body/hue/so-noi-vu"}
    yield "api_graph_edges", {"body": ID + "body/quang-ngai/so-noi-vu/thanh-tra-so"}


def test_per_plan_closures_answer_every_named_query_as_the_full_closure():
    """Issue 13.2: each plan reasoned alone (against the compiled schema), duties through groups
    followed at query time, gives the rows that one closure of the whole store gave."""
    from graph_api.queries import run_with
    from tests.fixtures.graph.build import full_closure_graphs, sample_graphs

    per_plan, full = _store(sample_graphs()), _store(full_closure_graphs())
    assert full.triple_count() > per_plan.triple_count()  # hasDutyThroughGroup is not stored
    checked = 0
    for name, params in _cases():
        a, b = run_with(per_plan, name, params), run_with(full, name, params)
        key = [sorted(map(repr, r.items())) for r in a.rows], [
            sorted(map(repr, r.items())) for r in b.rows]
        assert sorted(key[0]) == sorted(key[1]), (name, params)
        checked += bool(a.rows)
    assert checked >= 20


def test_compiled_schema_gives_what_the_reasoner_gives_on_each_plan():
    """Plan by plan, the templates compiled from the ontology derive exactly the reasoner's
    closure of that plan, less the chain (duties through groups), which is followed at query
    time."""
    from ontology.reasoning import plan_closure
    from ontology.triples import from_graph, subjects
    from tests.fixtures.graph.build import mapped_plans

    for m in mapped_plans():
        inferred = plan_closure(m.plan, m.shared, "reasonable")
        got = inferred.plan | inferred.shared
        want = from_graph(t for t in closure(m.merged(), "reasonable")
                          if t[1] != CC.hasDutyThroughGroup)
        assert got == want, m.graph
        own = subjects(m.plan)
        assert all(s in own or o in own for s, _, o in inferred.plan)
        assert not any(s in own or o in own for s, _, o in inferred.shared)
