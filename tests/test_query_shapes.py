"""The shapes the named queries rely on to read from their parameters out (issue 13.5): the
facts the mapping materialises for them, several values bound at once, a query answered by the
one that reads from its given parameter, and the lateral groups on Oxigraph."""

from __future__ import annotations

from rdflib import URIRef

from graph_api.queries import get, run_with
from graph_api.store import OxigraphStore, bind_values, lateral_optionals
from ontology.iris import ID
from ontology.mapping import map_plan
from ontology.triples import CC, ELI, RDF
from tests.fixtures.graph.build import ox_store

LAW36 = ID + "doc/luat/36-2018-qh14"


def _store() -> OxigraphStore:
    store = OxigraphStore(None)
    store._s = ox_store()
    return store


def test_a_task_citing_a_clause_or_point_cites_its_article_too():
    """tasks_by_article finds the tasks resting on an article by the article itself (one index
    lookup from it): the plan's graph says that a task citing a part of an article cites the
    article."""
    record = {
        "source": "thu.txt", "document": {"number": "7/KH-UBND", "type": "Kế hoạch",
                                          "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi"},
        "tasks": [{"id": "1", "section": "1", "text": "Thực hiện theo điểm a khoản 2 Điều 10",
                   "citations": [{"number": "36/2018/QH14", "type": "Luật", "pinpoints": [
                       {"article": "10", "clause": "2", "point": "a"},
                       {"article": "12", "clause": "1"}]}]}],
    }
    m = map_plan(record)
    task = next(s for s, p, o in m.plan if p == RDF.type and o == CC.Task)
    cited = {o.value for s, p, o in m.plan if s == task and p == ELI.cites}
    assert {f"{LAW36}/dieu-10/khoan-2/diem-a", f"{LAW36}/dieu-10", f"{LAW36}/dieu-12/khoan-1",
            f"{LAW36}/dieu-12"} <= cited


def test_tasks_by_article_lists_the_tasks_citing_a_part_of_it():
    store = _store()
    rows = run_with(store, "tasks_by_article", {"document": "36/2018/QH14", "article": "10"}).rows
    assert rows and all(r["articleNumber"] == "10" for r in rows)
    assert all(r["provision"].startswith(f"{LAW36}/dieu-10") for r in rows)
    whole = run_with(store, "tasks_by_article", {"document": "36/2018/QH14"}).rows
    assert {r["task"] for r in rows} < {r["task"] for r in whole}


def test_a_tuple_binds_each_of_its_values():
    text = "SELECT ?p WHERE { ?p a ?t }"
    out = bind_values(text, {"p": (URIRef("http://a"), URIRef("http://b"))})
    assert "VALUES (?p) { (<http://a>) (<http://b>) }" in out
    assert "VALUES (?p) {  }" in bind_values(text, {"p": ()})  # no value: no answer
    store = _store()
    plans = [r["plan"] for r in run_with(store, "list_plans").rows]
    both = run_with(store, "api_task_assignments", {"plan": tuple(plans[:2])}).rows
    one = [run_with(store, "api_task_assignments", {"plan": p}).rows for p in plans[:2]]
    assert len(both) == len(one[0]) + len(one[1]) > 0
    assert run_with(store, "api_task_assignments", {"plan": ()}).rows == []


def test_a_query_given_a_body_is_answered_from_the_body_out():
    store = _store()
    body = ID + "body/hue/so-noi-vu"
    assert ("body", "api_body_tasks") in get("api_tasks").instead
    got = run_with(store, "api_tasks", {"body": body}).rows
    assert got and got == run_with(store, "api_body_tasks", {"body": body}).rows
    found = run_with(store, "search_tasks", {"body": "hue/so-tu-phap"}).rows
    assert [r["task"] for r in found] == [
        r["task"] for r in run_with(store, "search_body_tasks", {"body": "hue/so-tu-phap"}).rows]
    assert found


def test_groups_at_the_top_of_where_become_lateral_and_nothing_else():
    text = ("SELECT * WHERE { { SELECT DISTINCT ?x WHERE { ?x ?p ?o } } { ?x ?q ?y } "
            "{ ?a ?b ?c } UNION { ?d ?e ?f } OPTIONAL { ?x ?r ?z } "
            "FILTER NOT EXISTS { ?x ?s ?w } }")
    out = lateral_optionals(text)
    assert out.count("LATERAL {") == 3  # the subquery, the group after it, the OPTIONAL
    assert "LATERAL { SELECT DISTINCT" in out and "LATERAL { ?x ?q ?y }" in out
    assert "{ ?a ?b ?c } UNION { ?d ?e ?f }" in out
    assert "NOT EXISTS { ?x ?s ?w }" in out


def test_every_task_paged_reads_the_plans_of_the_page_and_lists_as_the_whole_list():
    """/api/tasks with no filter: each page is the slice of the whole list (tasks by source
    file, then their place in it), read from the plans the page falls in."""
    from graph_api.app import get_store
    from graph_api.blueprints import data
    from tests.test_web_support import make_app

    client = make_app().test_client()
    with client.application.test_request_context():
        every = [t["iri"] for t in data.tasks(get_store())]  # the whole list, as before
    assert len(every) > 40
    for offset, limit in ((0, 7), (25, 30), (len(every) - 3, 10), (len(every) + 5, 10)):
        page = client.get(f"/api/tasks?limit={limit}&offset={offset}").get_json()
        assert page["total"] == len(every)
        assert [t["iri"] for t in page["items"]] == every[offset:offset + limit]
