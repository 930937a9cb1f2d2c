"""Every flow of the service in headless Chromium (Playwright), at a desktop's width and a
phone's (390 px): a body's duties by period with its name chosen as typed, the /due filters,
ranked search with its words marked, the calendar and Excel exports, the SPARQL workbench,
a linked-data IRI, the explorer, and every page readable on a phone.

Screenshots are kept as test artefacts in ``var/screenshots/`` (``CANCU_SCREENSHOTS`` to put
them elsewhere), named ``<width>-<flow>.png``; ``index.txt`` there says what each shows, and
the folder is printed at the end of the run. No page may ask for anything outside the server
or break its Content-Security-Policy.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_web_support import make_app, plan_id, sample_store, served

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium "
                              "(apt-get install -y chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("CANCU_SCREENSHOTS", ROOT / "var" / "screenshots"))
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TTS = "quang-ngai/so-noi-vu/thanh-tra-so"
Q4 = (dt.date(2023, 10, 1), dt.date(2023, 12, 31))
SHOWN: dict[str, str] = {}  # screenshot file → what it shows


@pytest.fixture(scope="module")
def base(request: pytest.FixtureRequest) -> Iterator[str]:
    with served(make_app()) as url:
        yield url
    if SHOWN:
        SHOTS.mkdir(parents=True, exist_ok=True)
        lines = [f"{name}\t{what}" for name, what in sorted(SHOWN.items())]
        (SHOTS / "index.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"browser screenshots ({len(SHOWN)}): {SHOTS}/ (index.txt)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A page at one width that records what it asked of other hosts and what the CSP
    refused, and keeps named screenshots."""

    def __init__(self, browser: Any, base: str, width: str) -> None:
        self.base, self.width = base, width
        phone = width == "phone"
        self.context = browser.new_context(viewport=WIDTHS[width], is_mobile=phone,
                                           has_touch=phone, accept_downloads=True,
                                           locale="vi-VN")  # fmt: skip
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.refused: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith(base) or
                     r.url.startswith(("data:", "blob:")) else self.outside.append(r.url))
        self.page.on("console", lambda m: self.refused.append(m.text)
                     if "Content Security Policy" in m.text else None)  # fmt: skip

    def go(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str, what: str, *, full: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        file = f"{self.width}-{name}.png"
        self.page.screenshot(path=str(SHOTS / file), full_page=full)
        SHOWN[file] = what

    def no_horizontal_overflow(self) -> None:
        """Nothing wider than the window: the page never scrolls sideways."""
        wide = self.page.evaluate(
            "() => ({doc: document.documentElement.scrollWidth, win: window.innerWidth,"
            " over: [...document.querySelectorAll('body *')].filter(e => {"
            "  const r = e.getBoundingClientRect(); return r.width > 0 && r.right >"
            "  window.innerWidth + 1 && !e.closest('.yasr, .CodeMirror, pre, #network');"
            " }).slice(0, 5).map(e => e.tagName + '.' + e.className)})")
        assert wide["doc"] <= wide["win"], f"{self.page.url}: {wide}"
        assert wide["over"] == [], f"{self.page.url}: past the right edge: {wide['over']}"

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"the pages asked for outside resources: {self.outside}"
        assert self.refused == [], f"the CSP blocked: {self.refused}"


@pytest.fixture(params=list(WIDTHS))
def tab(request: pytest.FixtureRequest, browser: Any, base: str) -> Iterator[Tab]:
    t = Tab(browser, base, request.param)
    yield t
    t.close()


def _day(text: str) -> dt.date:
    d, m, y = text.strip().split("/")
    return dt.date(int(y), int(m), int(d))


def _page_rows(tab: Tab) -> list[dict[str, Any]]:
    """Each row of the duties table as the reader sees it."""
    return tab.page.eval_on_selector_all("table.duties tbody tr", """rows => rows.map(r => ({
        deadline: r.querySelector('.deadline').textContent,
        source: r.querySelector('a.source').getAttribute('href'),
        span: (r.querySelector('.span') || {}).textContent || '',
        role: (r.querySelector('[data-label="Vai trò"]') || {}).textContent || '',
        basis: [...r.querySelectorAll('[data-label="Căn cứ"] a')].map(a => a.textContent),
        display: getComputedStyle(r).display,
        right: r.getBoundingClientRect().right}))""")


def _pick_body(tab: Tab, typed: str, wanted: str) -> str:
    """Types a body's name without its diacritics and takes the suggestion that is ``wanted``."""
    field = tab.page.locator("input[name=body]")
    field.fill("")
    field.press_sequentially(typed, delay=15)
    list_id = field.get_attribute("list")
    # the suggestions for the whole name (those for a prefix typed before may come first)
    tab.page.wait_for_function(
        "([id, wanted]) => [...document.querySelectorAll(`#${id} option`)]"
        ".some(o => o.value.startsWith(wanted))", arg=[list_id, wanted])
    offered = tab.page.eval_on_selector_all(f"#{list_id} option", "os => os.map(o => o.value)")
    pick = next(o for o in offered if o.startswith(wanted))
    field.fill(pick)
    return pick


# --- 1. my duties, by period; 2. their calendar and workbook ----------------------------------


def test_a_legal_officer_finds_the_quarters_duties_and_takes_them_away(tab: Tab) -> None:
    """Thanh tra Sở Nội vụ Quảng Ngãi, quý IV/2023: each duty with its deadline, role, basis
    and the span of its words; the .xlsx and the .ics hold the same rows."""
    import icalendar
    import recurring_ical_events
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    from graph_api.periods import parse_period

    page = tab.page
    tab.go("/due")
    expect(page.locator("h1")).to_contain_text(parse_period(None).label)  # this quarter
    picked = _pick_body(tab, "thanh tra so noi vu quang ngai", "Thanh tra Sở")
    assert "Quảng Ngãi" in picked
    page.select_option("select[name=period]", "2023-Q4")
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text("quý IV/2023")
    expect(page.locator("h1")).to_contain_text("Thanh tra Sở")
    rows = _page_rows(tab)
    assert len(rows) >= 3
    plan = plan_id("quang-ngai-snv-pctn-2023.txt")
    for r in rows:
        assert Q4[0] <= _day(r["deadline"]) <= Q4[1], r
        assert r["source"].startswith(f"/plans/{plan}#task-"), r
        assert re.fullmatch(r"\(dòng \d+, ký tự \d+–\d+\)", r["span"].strip()), r
        assert r["role"].strip(), r
        assert r["basis"], f"a duty shown without its legal basis: {r}"
    assert any(role.strip() == "chủ trì" for role in (r["role"] for r in rows))
    if tab.width == "phone":
        assert all(r["display"] == "block" and r["right"] <= 391 for r in rows)  # cards
        tab.no_horizontal_overflow()
    tab.shot("due-quy-iv-2023", "/due: Thanh tra Sở (Sở Nội vụ tỉnh Quảng Ngãi), quý IV/2023: "
             "each duty's deadline, role, bodies, legal basis and the line/characters of its words",
             full=True)  # fmt: skip

    shown = sorted((tab.base + r["source"], r["deadline"]) for r in rows)
    with page.expect_download() as got:
        page.click("a:text-is('Excel')")
    workbook = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    sheet = list(workbook.worksheets[0].iter_rows())
    head = next(i for i, r in enumerate(sheet) if r[0].value == "TT")
    names = [c.value for c in sheet[head]]
    in_book = sorted((cells["Nguyên văn"].hyperlink.target, cells["Hạn"].value)
                     for cells in (dict(zip(names, r, strict=True)) for r in sheet[head + 1 :]))
    assert in_book == shown
    feed = page.request.get(tab.base + page.locator("a:text-is('Lịch (.ics)')").get_attribute(
        "href"))  # fmt: skip
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.body())
    events = recurring_ical_events.of(calendar).between(Q4[0], Q4[1] + dt.timedelta(days=1))
    in_cal = sorted((str(e["URL"]), e["DTSTART"].dt.strftime("%d/%m/%Y")) for e in events)
    assert in_cal == shown

    first = page.locator("table.duties a.source").first
    anchor = first.get_attribute("href").split("#", 1)[1]  # type: ignore[union-attr]
    first.click()
    page.wait_for_url(f"**/plans/{plan}#{anchor}")
    mark = page.locator(f"mark#{anchor}")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(255, 213, 74)"
    tab.shot("plan-span", "the plan page at the first duty's words, highlighted (:target)")


def test_the_body_page_filters_by_period_too(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.go(f"/bodies/{TTS}")
    expect(page.locator("h1")).to_have_text("Thanh tra Sở")
    page.select_option("section.period select[name=period]", "2023-Q4")
    page.click("section.period button[type=submit]")
    expect(page.locator("section.period")).to_contain_text("quý IV/2023")
    deadlines = page.eval_on_selector_all("section.period .deadline", "es => es.map(e => "
                                          "e.textContent)")  # fmt: skip
    assert deadlines and all(Q4[0] <= _day(d) <= Q4[1] for d in deadlines)
    exports = page.eval_on_selector_all("p.exports a", "as => as.map(a => a.getAttribute('href'))")
    assert f"/bodies/{TTS}/duties.xlsx" in exports and f"/bodies/{TTS}/calendar.ics" in exports
    if tab.width == "phone":
        tab.no_horizontal_overflow()
    tab.shot("body-period", "the body page of Thanh tra Sở: its quý IV/2023 deadlines above all "
             "its duties, with the Excel and calendar links")  # fmt: skip


def test_due_filters_by_role_plan_and_a_range_of_days(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.go(f"/due?body={TTS}&period=2023-Q4")
    everything = _page_rows(tab)
    page.select_option("select[name=role]", "lead")
    page.click("form.filters button[type=submit]")
    leads = _page_rows(tab)
    assert 0 < len(leads) < len(everything)
    assert all(r["role"].strip() == "chủ trì" for r in leads)
    page.select_option("select[name=role]", "")
    page.select_option("select[name=plan]", plan_id("quang-ngai-snv-pctn-2023.txt"))
    range_fields = page.locator("form.filters .range")
    expect(range_fields).to_be_hidden()
    page.select_option("select[name=period]", "range")
    expect(range_fields).to_be_visible()  # shown once "Khoảng ngày…" is chosen
    page.fill("input[name=from]", "2023-12-01")
    page.fill("input[name=to]", "2023-12-31")
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text("01/12/2023")
    december = _page_rows(tab)
    assert december and all(dt.date(2023, 12, 1) <= _day(r["deadline"]) <= Q4[1]
                            for r in december)  # fmt: skip
    assert len(december) <= len(everything)
    if tab.width == "phone":
        tab.no_horizontal_overflow()
    tab.shot("due-filters", "/due filtered by plan and a range of days (01/12–31/12/2023), "
             "the range fields shown since 'Khoảng ngày…' is chosen")  # fmt: skip


# --- 3. ranked search ---------------------------------------------------------------------------


def test_search_ranks_a_thanh_tra_tinhs_tasks_first_and_marks_the_words(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.go("/")
    page.fill("#q", "thanh tra tinh")
    page.click(".big-search button")
    expect(page.locator("h1")).to_contain_text("thanh tra tinh")
    hits = page.eval_on_selector_all("article.task.hit", """hs => hs.map(h => ({
        bodies: [...h.querySelectorAll('ul.assign li a')].map(a => a.textContent).join(' | '),
        text: h.textContent, marks: h.querySelectorAll('mark').length,
        score: parseFloat(h.querySelector('.score').textContent)}))""")
    assert len(hits) >= 3
    for h in hits[:3]:
        assert "thanh tra tỉnh" in h["bodies"].lower() and h["marks"] > 0, h
    scores = [h["score"] for h in hits]
    assert scores[0] >= scores[-1]
    marked = page.eval_on_selector_all("article.task.hit mark", "ms => ms.map(m => m.textContent)")
    assert any(re.fullmatch(r"(?i)thanh", m) or "tỉnh" in m.lower() for m in marked)
    if tab.width == "phone":
        tab.no_horizontal_overflow()
    tab.shot("search-thanh-tra-tinh", "search 'thanh tra tinh' (no diacritics): tasks of a "
             "Thanh tra tỉnh first, BM25 score on each, the matching words marked")  # fmt: skip

    tab.go("/search?q=thanh+tra&body=" + TTS + "&role=lead")  # the filters
    filtered = page.eval_on_selector_all("article.task.hit", """hs => hs.map(h =>
        [...h.querySelectorAll('ul.assign li')].map(li => li.textContent.trim()))""")
    assert filtered and all(any(re.match(r"chủ trì\s+Thanh tra Sở", a) for a in assigned)
                            for assigned in filtered)  # fmt: skip


# --- 5. the SPARQL workbench and linked data ----------------------------------------------------


def test_the_workbench_runs_a_query_into_a_table(tab: Tab) -> None:
    page = tab.page
    downloads: list[Any] = []
    page.on("download", lambda d: downloads.append(d))
    page.add_init_script("try { localStorage.clear(); } catch (e) {}")
    tab.go("/sparql")
    page.wait_for_selector("#yasgui .CodeMirror")
    page.wait_for_function("() => window.cancuWorkbench !== undefined")
    examples = page.eval_on_selector_all("#examples option", "os => os.map(o => o.textContent)")
    assert len(examples) > 3
    assert any(re.search(r"[ạ-ỹđơư]", e.lower()) for e in examples)  # Vietnamese titles
    page.evaluate("""query => { window.cancuWorkbench.getTab().setQuery(query); }""",
                  "PREFIX cc: <https://cancu.dev/ontology#>\nPREFIX eli: "
                  "<http://data.europa.eu/eli/ontology#>\nSELECT ?plan ?title WHERE "
                  "{ ?plan a cc:Plan ; eli:title ?title } ORDER BY ?title")
    page.click("#yasgui .yasqe_queryButton")
    page.wait_for_selector("#yasgui .yasr table tbody tr td")
    cells = page.eval_on_selector_all("#yasgui .yasr table tbody tr", "rs => rs.length")
    assert cells == len({p["iri"] for p in _plans()})
    assert downloads == []  # the answer is a table on the page, not a file
    tab.shot("sparql-workbench", "the SPARQL workbench (YASGUI served by the app): the editor "
             "with a query and its answer as a results table")  # fmt: skip
    page.select_option("#examples", index=1)  # a named query runs as it is chosen
    page.wait_for_function("() => document.querySelectorAll('#yasgui .yasr table tbody tr')"
                           ".length > 0")  # fmt: skip
    if tab.width == "phone":
        tab.no_horizontal_overflow()


def _plans() -> list[dict[str, Any]]:
    from graph_api.blueprints.data import plans

    return plans(sample_store())


def test_an_iri_of_ours_opens_in_the_browser(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.go(f"/id/body/{TTS}")
    assert page.url.endswith(f"/bodies/{TTS}")  # 303 to its page
    expect(page.locator("h1")).to_have_text("Thanh tra Sở")
    citation = sample_store().query(
        "SELECT ?c WHERE { ?c a <https://cancu.dev/ontology#Citation> ; "
        "<https://cancu.dev/ontology#citingTask> ?t } ORDER BY ?c LIMIT 1").rows[0]["c"]
    tab.go(citation.replace("https://cancu.dev", ""))
    expect(page.locator("h2").first).to_have_text("Thuộc tính")
    links = page.eval_on_selector_all("table.cards a", "as => as.map(a => a.textContent)")
    assert links and not any(t.startswith("https://") for t in links)  # names, not IRIs
    formats = page.eval_on_selector_all("p.meta a", "as => as.map(a => a.textContent)")
    assert {"ttl", "jsonld"} <= set(formats)
    ttl = page.request.get(page.url, headers={"Accept": "text/turtle"})
    assert ttl.ok and ttl.headers["content-type"].startswith("text/turtle")
    if tab.width == "phone":
        tab.no_horizontal_overflow()
    tab.shot("linked-data-citation", f"{citation}: a page of its statements, objects linked "
             "by name, formats offered")  # fmt: skip


# --- 6. the explorer ----------------------------------------------------------------------------


def _network_ready(tab: Tab) -> None:
    tab.page.wait_for_selector("#network canvas")
    tab.page.wait_for_function("() => window.cancuNetwork && window.cancuNetwork.nodes.length > 0")
    tab.page.wait_for_function("() => !window.cancuNetwork.network.physics.options.enabled",
                               timeout=30_000)  # laid out  # fmt: skip


def _label_px(tab: Tab, kind: str) -> list[float]:
    """The on-screen font size of each label of ``kind`` now drawn (vis-network's own)."""
    return tab.page.evaluate(f"""() => {{
        const net = window.cancuNetwork.network, scale = net.getScale();
        return window.cancuNetwork.nodes.get({{filter: n => n.kind === '{kind}'}})
          .map(n => net.body.nodes[n.id]).filter(n => n && n.labelModule.visible())
          .map(n => n.labelModule.fontOptions.size * scale); }}""")


def test_the_explorer_reads_at_any_zoom_and_takes_a_body_by_name(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.go("/graph")
    _network_ready(tab)
    drawn = page.evaluate("Object.keys(window.cancuNetwork.network.getPositions()).length")
    assert drawn == page.evaluate("window.cancuNetwork.nodes.length") > 50
    labels = page.evaluate("window.cancuNetwork.nodes.get().map(n => n.label)")
    assert not any(".txt" in lab for lab in labels)
    for scale in (0.15, 0.5, 2.0):
        page.evaluate(f"window.cancuNetwork.network.moveTo({{scale: {scale}}})")
        page.wait_for_timeout(200)
        plans = _label_px(tab, "plan")
        assert plans and min(plans) >= 14.9, (scale, plans)  # the plans' names always read
        for kind in ("document", "article", "body"):
            assert all(px >= 9 for px in _label_px(tab, kind)), (scale, kind)  # never tiny
    page.evaluate("window.cancuNetwork.network.fit()")
    page.wait_for_timeout(300)
    tab.shot("graph-whole", "the explorer: every plan (by number), document, article and body; "
             "labels at a readable size")  # fmt: skip

    _pick_body(tab, "thanh tra so noi vu", "Thanh tra Sở")
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Thanh tra Sở")
    _network_ready(tab)
    bodies = page.evaluate("window.cancuNetwork.nodes.get({filter: n => n.kind === 'body'})"
                           ".map(n => n.label)")  # fmt: skip
    assert bodies == ["Thanh tra Sở"]
    assert page.locator(".legend").inner_text().count("Lỗi") == 0
    if tab.width == "phone":
        tab.no_horizontal_overflow()
    page.wait_for_timeout(300)
    tab.shot("graph-body", "the explorer on one body chosen by name (Thanh tra Sở, Sở Nội vụ "
             "Quảng Ngãi): its plan, the documents and articles its duties rest on")  # fmt: skip


def test_at_scale_the_explorer_opens_on_a_neighbourhood_clustered_by_plan(
        browser: Any, request: pytest.FixtureRequest) -> None:  # fmt: skip
    from playwright.sync_api import expect

    for width in WIDTHS:
        with served(make_app(CANCU_GRAPH_MAX_NODES=40, CANCU_GRAPH_CLUSTER_AT=10)) as small:
            t = Tab(browser, small, width)
            try:
                page = t.page
                t.go("/graph")
                expect(page.locator("#neighbourhood")).to_be_visible()
                _network_ready(t)
                assert page.evaluate("window.cancuNetwork.clustered()") is True
                clusters = page.evaluate("""() => window.cancuNetwork.nodes.get()
                    .map(n => window.cancuNetwork.network.clustering.findNode(n.id)[0])
                    .filter(id => id.startsWith('cluster:'))""")
                assert clusters, "no plan gathered into a cluster"
                t.shot("graph-neighbourhood", "the explorer past its node limit: the most "
                       "cited document's neighbourhood, each plan's part gathered into a cluster")
                page.click("#cluster-toggle")
                assert page.evaluate("window.cancuNetwork.clustered()") is False
                if width == "phone":
                    t.no_horizontal_overflow()
            finally:
                t.close()


# --- 7. phones ----------------------------------------------------------------------------------

PAGES = {
    "home": "/",
    "plans": "/plans",
    "bodies": "/bodies",
    "documents": "/documents",
    "document": "/documents/luat/36-2018-qh14",
    "article": "/articles/luat/36-2018-qh14/dieu-10",
    "queries": "/queries",
    "query": "/queries/tasks_by_article?document=36/2018/QH14&article=10",
    "due": "/due",
}


def test_every_page_reads_at_the_width(tab: Tab) -> None:
    page = tab.page
    for name, path in PAGES.items():
        resp = tab.go(path)
        assert resp is not None and resp.ok, path
        if tab.width == "phone":
            tab.no_horizontal_overflow()
            for table in page.locator("table.cards").all():
                assert table.evaluate("t => getComputedStyle(t.querySelector('tr')"
                                      " || t).display") == "block", (path, "not cards")  # fmt: skip
        tab.shot(f"page-{name}", f"{path}")


def test_the_plan_page_shows_its_tasks_first_or_beside_the_text(tab: Tab) -> None:
    page = tab.page
    tab.go(f"/plans/{plan_id('quang-ngai-snv-pctn-2023.txt')}")
    tasks = page.locator("section.task-list").bounding_box()
    text = page.locator("section.source-text").bounding_box()
    assert tasks and text
    if tab.width == "phone":
        assert tasks["y"] + tasks["height"] <= text["y"] + 1  # the task list first
        assert tasks["y"] < 900  # and near the top, not after the source
        tab.no_horizontal_overflow()
    else:
        assert tasks["x"] + tasks["width"] <= text["x"] and abs(tasks["y"] - text["y"]) < 5
    links = page.locator("section.task-list a.task-jump")
    assert links.count() > 10
    tab.shot("plan", "a plan page: its task list first (phone) or beside its text (desktop)")
