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
