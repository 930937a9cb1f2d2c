"""Answers that grow with the store, read a page at a time (issue 13): a paged named query
(``# page:``) walked page by page gives the rows of its whole answer, each once, on the samples
and on generated plans; a body's duties read from its tasks' assignments are body_duties's;
the API and the body page hand out the next page's link and stop at the last one."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from cancu.paths import LAWS
from graph_api.agenda import agenda, by_task
from graph_api.blueprints import data
from graph_api.periods import parse_period
from graph_api.pipeline import ingest_paths
from graph_api.queries import get, list_queries, run_with
from graph_api.store import QueryError, SelectResult, Store, open_store
from tests.test_web_support import make_app, sample_store

TTS = "https://cancu.dev/id/body/quang-ngai/so-noi-vu/thanh-tra-so"
LAW = "https://cancu.dev/id/doc/luat/36-2018-qh14"
PLANS = ("https://cancu.dev/id/plan/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026",
         "https://cancu.dev/id/plan/tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024")
PAGED = sorted(q.name for q in list_queries() if q.page_unit)
# pages of units some of which give no row (requested_only_bodies: a page of plans, of which
# those requesting no body only list none): a page may hold fewer than its limit, and not be
# the last
SPARSE = {"requested_only_bodies"}


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """A row as a comparable value; a GROUP_CONCAT's parts in order (the engine's is its own,
    and differs from one evaluation to another where it joins by hash)."""
    return tuple(sorted((k, " | ".join(sorted(str(v).split(" | ")))) for k, v in row.items()))


def walk(store: Store, name: str, params: dict[str, Any], limit: int) -> list[list[dict]]:
    """Every page of a paged query's answer, following ``more`` to the end."""
    pages, offset = [], 0
    while True:
        res = run_with(store, name, {**params, "limit": limit, "offset": offset})
        assert isinstance(res, SelectResult) and res.more is not None
        pages.append(res.rows)
        if not res.more:
            return pages
        offset += limit
        assert len(pages) < 500, "pages that never end"


def check_pages_make_the_answer(store: Store, name: str, params: dict[str, Any],
                                limit: int) -> int:  # fmt: skip
    """The pages hold the whole answer's rows, each once; each page at most ``limit`` of the
    query's units, each unit on one page only, and only the last page says it is the last."""
    unit = get(name).page_unit
    every = run_with(store, name, params)
    assert isinstance(every, SelectResult) and every.more is None
    pages = walk(store, name, params, limit)
    assert Counter(_key(r) for p in pages for r in p) == Counter(_key(r) for r in every.rows)
    units = [{r[unit] for r in p} for p in pages]
    assert all(len(u) <= limit for u in units)
    if name not in SPARSE:
        assert all(len(u) == limit for u in units[:-1])  # a page short of its limit is the last
    assert sum(map(len, units)) == len({r[unit] for r in every.rows})  # none on two pages
    return len(pages)


SAMPLE_CASES = [
    ("body_duties", {"body": "quang-ngai/so-noi-vu/thanh-tra-so"}),
    ("body_duties", {"body": "hue/so-noi-vu"}),
    ("tasks_by_article", {"document": "36/2018/QH14", "article": "10"}),
    ("tasks_by_article", {"document": "36/2018/QH14"}),  # a task under several articles
    ("plans_citing_document", {"document": "36/2018/QH14"}),
    ("plans_citing_document", {"document": "59/2019/NĐ-CP"}),
    ("api_document_citations", {"doc": LAW}),  # citations of the preambles and of the tasks
    ("api_document_citations", {"doc": "https://cancu.dev/id/doc/nd/59-2019-nd-cp"}),
    ("api_body_tasks", {"body": TTS}),
    ("api_body_tasks", {"body": TTS, "role": "executor"}),
    ("api_body_tasks", {"body": TTS, "due_after": "2023-01-01", "due_before": "2023-12-31"}),
    ("api_body_task_assignments", {"of": TTS}),
    ("api_body_task_assignments", {"of": "https://cancu.dev/id/body/hue/so-noi-vu"}),
    ("api_body_task_basis", {"body": TTS}),
    ("api_body_task_basis", {"body": "https://cancu.dev/id/body/hue/so-noi-vu"}),
    ("api_article_tasks", {"article": f"{LAW}/dieu-10"}),
    ("api_article_tasks", {"article": f"{LAW}/dieu-55", "role": "executor"}),
    ("list_plans", {}),
    ("list_plans", {"plan": tuple(sorted(PLANS))}),
    ("list_bodies", {}),
    ("list_bodies", {"jurisdiction": "hue"}),
    ("requested_only_bodies", {}),
    ("requested_only_bodies", {"plan": "tay-ninh-577-kh-ubnd-2024.txt"}),
    ("tasks_due", {"from": "2023-10-01", "to": "2023-12-31"}),
    ("tasks_due", {"from": "2018-01-01", "to": "2030-12-31"}),
    ("due_tasks_between", {"from": "2023-10-01", "to": "2023-12-31"}),
    ("due_tasks_between", {"from": "2018-01-01", "to": "2030-12-31"}),
    ("article_detail", {"document": "36/2018/QH14", "article": "10"}),
    ("article_detail", {"document": "36/2018/QH14", "article": "1"}),  # linked to nothing
    ("api_graph_edges", {}),  # the explorer's whole network
    ("api_graph_edges", {"document": LAW}),
    ("plans_of_jurisdiction", {"jurisdiction": "quang-ngai"}),
    ("plans_of_jurisdiction", {"jurisdiction": ("hue", "tay-ninh", "quang-ngai")}),
]


def test_every_paged_query_is_walked_here() -> None:
    assert sorted({name for name, _ in SAMPLE_CASES}) == PAGED


def plain_sparql(store: Store) -> Store:
    """The same store read as an engine without LATERAL reads it (Virtuoso, or Oxigraph as a
    server): the named queries as written, not rewritten (graph_api.store.lateral_optionals)."""
    from graph_api.store import OxigraphStore

    plain = OxigraphStore(None)
    plain._s, plain.lateral = store.raw, False  # type: ignore[attr-defined]
    return plain


@pytest.mark.parametrize("lateral", [True, False])
@pytest.mark.parametrize("name,params", SAMPLE_CASES)
def test_pages_give_the_whole_answer_on_the_samples(name: str, params: dict[str, Any],
                                                    lateral: bool) -> None:  # fmt: skip
    store = sample_store() if lateral else plain_sparql(sample_store())
    assert run_with(store, name, params).rows  # something to page through
    for limit in (1, 2, 5):
        check_pages_make_the_answer(store, name, params, limit)


def test_a_filter_of_a_paged_query_is_the_page_s_own() -> None:
    """The filters of api_body_tasks are tested in the page's selection: a page as long as a
    body's lead tasks holds all of them, not a page of all its tasks thinned out afterwards."""
    store = sample_store()
    lead = {r["task"] for r in run_with(store, "api_body_tasks", {"body": TTS, "role": "lead"})}
    every = {r["task"] for r in run_with(store, "api_body_tasks", {"body": TTS})}
    assert 0 < len(lead) < len(every)
    page = run_with(store, "api_body_tasks", {"body": TTS, "role": "lead", "limit": len(lead)})
    assert {r["task"] for r in page.rows} == lead and page.more is False


def test_a_page_past_the_end_is_empty_and_limits_are_checked() -> None:
    store = sample_store()
    res = run_with(store, "body_duties", {"body": TTS, "limit": 5, "offset": 10_000})
    assert isinstance(res, SelectResult) and res.rows == [] and res.more is False
    assert "through" in res.vars  # the columns still named
    cap = get("body_duties").page_cap
    with pytest.raises(QueryError, match="limit"):
        run_with(store, "body_duties", {"body": TTS, "limit": cap + 1})
    with pytest.raises(QueryError, match="limit"):
        run_with(store, "body_duties", {"body": TTS, "limit": 0})
    every = {r["task"] for r in run_with(store, "body_duties", {"body": TTS}).rows}
    first = run_with(store, "body_duties", {"body": TTS, "limit": 3})
    rest = run_with(store, "body_duties", {"body": TTS, "offset": 3})  # the most a page holds
    assert rest.more is False and len(every) > 3
    assert {r["task"] for r in first.rows} | {r["task"] for r in rest.rows} == every


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Eight generated plans (bench/plangen.py: two of each sample, in other provinces, with
    their departments permuted) and the laws."""
    from bench import plangen

    folder = tmp_path_factory.mktemp("plans")
    plangen.write(8, Path(folder))
    store = open_store(":memory:")
    report = ingest_paths(store, [folder, LAWS], reasoner="reasonable", progress=False)
    assert report.ok, (report.failed, report.refused)
    return store


def test_pages_give_the_whole_answer_on_generated_plans(generated: Store) -> None:
    from bench import plangen

    bodies = [f"{plangen.slug(name)}/so-noi-vu" for _, name in plangen.places()[:8]]
    walked = 0
    for body in bodies:
        if run_with(generated, "body_duties", {"body": body}).rows:
            walked += check_pages_make_the_answer(generated, "body_duties", {"body": body}, 4)
    for name, params in [("tasks_by_article", {"document": "36/2018/QH14", "article": "10"}),
                         ("plans_citing_document", {"document": "36/2018/QH14"}),
                         ("api_article_tasks", {"article": f"{LAW}/dieu-10"})]:
        walked += check_pages_make_the_answer(generated, name, params, 3)
    assert walked > 10  # several pages each, not one page holding everything


def _duty_keys(items: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return sorted((d["iri"], d["role"], d["through"], data.BODY + d["via"]["id"]) for d in items)


def test_duties_read_from_the_tasks_are_body_duties_for_every_body() -> None:
    """The service reads a body's tasks once (api_body_tasks, with their assignments) and
    works out its roles from them: the same (task, role, through, via) as body_duties, for
    every body of the samples, and the same again page by page."""
    store = sample_store()
    checked = 0
    for b in data.bodies(store):
        rows = run_with(store, "body_duties", {"body": b["iri"]}).rows
        want = sorted((r["task"], r["role"], r["through"], r["via"]) for r in rows)
        assert _duty_keys(data.duties(store, b["iri"])) == want, b["id"]
        walked, offset = [], 0
        while True:
            page = data.duty_page(store, b["iri"], 3, offset)
            walked += page.items
            if not page.more:
                break
            offset += 3
        assert _duty_keys(walked) == want, b["id"]
        checked += bool(want)
    assert checked > 20


def _agenda(items: list[dict[str, Any]], key: str) -> tuple[list, list]:
    found = agenda(by_task(items), parse_period(key))
    return ([(r["iri"], r["date"], r["role_vi"]) for r in found.rows],
            sorted(t["iri"] for t in found.ongoing))


@pytest.mark.parametrize("key", ["2023-Q4", "2024", "2026-Q2", "2027", "2020"])
def test_a_body_s_agenda_read_for_its_period_is_that_of_all_its_duties(key: str) -> None:
    """The body page and /due read, of a body's tasks, those due in the period and its
    recurring work whose plan may be in force then (body_recurring_tasks): the agenda they
    make is the one made of every duty of the body, for every body of the samples."""
    store = sample_store()
    period, seen = parse_period(key), 0
    for b in data.bodies(store):
        every = data.duties(store, b["iri"])
        some = data.duties(store, b["iri"], period)
        assert len({d["iri"] for d in some}) <= len({d["iri"] for d in every})
        assert _agenda(some, key) == _agenda(every, key), b["id"]
        seen += bool(_agenda(every, key)[0])
    assert seen or key != "2023-Q4"  # Thanh tra Sở's deadlines fall in it


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app(CANCU_PAGE_SIZE=2).test_client()


def _follow(client: FlaskClient, url: str, key: str, next_key: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while url:
        body = client.get(url).get_json()
        assert len({i["iri"] for i in body[key]}) <= 2  # a page holds two tasks (their roles)
        items += body[key]
        url = body[next_key]
    return items


def test_the_api_pages_a_body_s_duties_and_an_article_s_tasks(client: FlaskClient) -> None:
    bid = "quang-ngai/so-noi-vu/thanh-tra-so"
    every = data.duties(sample_store(), TTS)
    assert len(every) > 4
    listed = _follow(client, f"/api/bodies/{bid}/duties", "items", "next")
    assert _duty_keys(listed) == _duty_keys(every)
    assert _duty_keys(_follow(client, f"/api/bodies/{bid}", "duties", "duties_next")) == (
        _duty_keys(every))
    first = client.get(f"/api/bodies/{bid}/duties?limit=3").get_json()
    assert first["next"].endswith("limit=3&offset=3") or "offset=3" in first["next"]
    # the CSV is every duty, not a page
    csv = client.get(f"/api/bodies/{bid}/duties?format=csv").get_data(as_text=True)
    assert csv.count("\r\n") - 1 == len(every)
    article = "luat/36-2018-qh14/dieu-55"
    tasks = data.tasks(sample_store(), article=f"{LAW}/dieu-55")
    assert len(tasks) == 2
    walked = _follow(client, f"/api/articles/{article}?limit=1", "tasks", "tasks_next")
    assert sorted(t["iri"] for t in walked) == sorted(t["iri"] for t in tasks)
    by_filter = _follow(client, "/api/tasks?article=luat/36-2018-qh14/dieu-55&limit=1", "items",
                        "next")
    assert sorted(t["iri"] for t in by_filter) == sorted(t["iri"] for t in tasks)
    assert client.get(f"/api/bodies/{bid}/duties?limit=501").status_code == 400


def test_the_body_page_shows_a_page_and_links_the_next(client: FlaskClient) -> None:
    bid = "quang-ngai/so-noi-vu/thanh-tra-so"
    every = {d["iri"] for d in data.duties(sample_store(), TTS)}
    seen: list[str] = []
    url: str | None = f"/bodies/{bid}"
    while url:
        html = client.get(url, headers={"Accept": "text/html"}).get_data(as_text=True)
        tasks = set(re.findall(r'class="duty-link" href="[^"#]+#task-([^"]+)"', html))
        assert 0 < len(tasks) <= 2
        seen += sorted(tasks)
        found = re.search(r'<a rel="next" href="([^"#]+)#duties"', html)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert len(seen) == len(set(seen)) == len(every)


def _walk_html(client: FlaskClient, url: str | None, found: str) -> list[str]:
    """Every page of an HTML list, following its rel="next" link: what ``found`` finds in
    each."""
    seen: list[str] = []
    while url:
        html = client.get(url, headers={"Accept": "text/html"}).get_data(as_text=True)
        seen += re.findall(found, html.split("<main", 1)[-1].split('class="pager"', 1)[0])
        link = re.search(r'<a rel="next" href="([^"#]+)', html)
        url = link.group(1).replace("&amp;", "&") if link else None
        assert len(seen) < 1000, "pages that never end"
    return seen


def test_the_plans_and_bodies_pages_list_a_page_and_link_the_next(client: FlaskClient) -> None:
    """/plans and /bodies show a page each (two here), the home page the first page of the
    plans; walked to the end, they list every plan and every body once."""
    store = sample_store()
    every_plan = sorted(p["id"] for p in data.plans(store))
    every_body = sorted(b["id"] for b in data.bodies(store))
    plans = _walk_html(client, "/plans", r'<td data-label="Kế hoạch"><a href="/plans/([^"]+)"')
    assert sorted(plans) == every_plan and len(every_plan) > 2
    bodies = _walk_html(client, "/bodies", r'<td data-label="Cơ quan"><a href="/bodies/([^"]+)"')
    assert sorted(bodies) == every_body and len(every_body) > 2
    home = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert len(re.findall(r'<li><a href="/plans/', home)) == 2
    assert 'rel="next" href="/plans?offset=2"' in home
    # a page past the end says so, and links back
    past = client.get("/plans?offset=400", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Không còn kế hoạch nào" in past and 'rel="prev"' in past


def test_the_api_pages_the_plans_and_bodies_and_exports_them_whole(client: FlaskClient) -> None:
    store = sample_store()
    every_body = data.bodies(store)
    walked = _follow_items(client, "/api/bodies")
    # a page's bodies carry the names of their places, as the whole list gives them
    assert sorted((b["id"], b["label"], b["place"]) for b in walked) == sorted(
        (b["id"], b["label"], b["place"]) for b in every_body)
    hue = _follow_items(client, "/api/bodies?jurisdiction=hue&limit=3")
    assert sorted(b["id"] for b in hue) == sorted(
        b["id"] for b in every_body if b["jurisdiction"] == "hue")
    plans = _follow_items(client, "/api/plans?limit=1")
    assert sorted(p["id"] for p in plans) == sorted(p["id"] for p in data.plans(store))
    assert sorted(map(str, plans)) == sorted(map(str, data.plans(store)))
    csv = client.get("/api/bodies?format=csv").get_data(as_text=True)
    assert csv.count("\r\n") - 1 == len(every_body)  # the export: every body
    csv = client.get("/api/plans?format=csv").get_data(as_text=True)
    assert csv.count("\r\n") - 1 == len(plans)
    assert client.get("/api/plans?limit=501").status_code == 400


def _follow_items(client: FlaskClient, url: str | None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while url:
        body = client.get(url).get_json()
        assert len(body["items"]) <= body["limit"]
        items += body["items"]
        url = body["next"]
    return items


@pytest.mark.parametrize("key", ["2023-Q4", "2023", "2024", "2026"])
def test_due_with_no_body_pages_the_deadlines_of_the_period(client: FlaskClient,
                                                            key: str) -> None:  # fmt: skip
    """/due with no body nor plan: a page of the tasks with a deadline in the period (two
    here), each by date; walked to the end, every deadline of the period's agenda that is
    a task's own (not a recurring one's), once. The exports hold the whole agenda."""
    store = sample_store()
    period = parse_period(key)
    whole = agenda(data.tasks_in_period(store, period, data.plans(store)), period)
    want = sorted(r["iri"] for r in whole.rows if not r["recurring"])
    walked, offset = [], 0
    while True:
        page = data.due_page(store, period, 2, offset)
        rows = agenda(page.items, period).rows
        assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
        walked += [r["iri"] for r in rows if not r["recurring"]]
        if not page.more:
            break
        offset += 2
    assert sorted(walked) == want
    shown = _walk_html(client, f"/due?period={key}", r'href="/plans/[^"#]+#task-([^"]+)"')
    assert len(shown) >= len(want)
    csv = client.get(f"/due?period={key}&format=csv").get_data(as_text=True)
    assert csv.count("\r\n") - 1 == len(whole.rows)
