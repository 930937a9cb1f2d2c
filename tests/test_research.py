"""graph_api.research on the bundled plans and laws: tables, spans and graphs researchers use."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from graph_api import research as r
from graph_api.store import Store, open_store

pytestmark = pytest.mark.slow

INSPECTORATE = "https://cancu.dev/id/body/quang-ngai/so-noi-vu/thanh-tra-so"


def bundled_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One on-disk store of the bundled data per test session (built once, then closed)."""
    path = tmp_path_factory.getbasetemp() / "cancu-bundled-store"
    done = path.with_suffix(".built")
    if not done.exists():
        st = r.load_graph(path, quiet=True)
        st.close()
        done.touch()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    st = open_store(bundled_store_dir(tmp_path_factory))
    r.load_graph(st)
    yield st
    st.close()


def test_load_graph_builds_in_memory_when_default_store_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANCU_STORE", str(tmp_path / "missing"))
    laws = tmp_path / "laws"
    laws.mkdir()
    st = r.load_graph(paths=[Path(r.PLANS) / "tay-ninh-577-kh-ubnd-2024.txt", laws],
                      reasoner="none", quiet=True)
    try:
        assert st.location == ":memory:" or "memory" in repr(st).lower()
        assert not (tmp_path / "missing").exists()  # the default store is not created
        assert list(r.plans(st).source) == ["tay-ninh-577-kh-ubnd-2024.txt"]
    finally:
        st.close()


def test_ask_returns_query_columns_and_known_rows(store: Store) -> None:
    df = r.ask("tasks_by_article", document="36/2018/QH14", article="10")
    assert isinstance(df, pd.DataFrame)
    assert {"source", "section", "text", "articleNumber", "bodyName", "role"} <= set(df.columns)
    hits = set(zip(df.source, df.section, strict=True))
    assert ("quang-ngai-snv-pctn-2023.txt", "II.3.a") in hits
    assert set(df.articleNumber) == {"10"}


def test_ask_accepts_keyword_parameters_with_trailing_underscore(store: Store) -> None:
    q4 = r.ask("tasks_due", from_="2023-10-01", to="2023-12-31")
    lead = q4[q4.role == "lead"]
    assert list(lead.bodyName) == ["Thanh tra Sở"]
    assert str(lead.due.iloc[0]) == "2023-12-31"


def test_sparql_adds_prefixes_and_binds_values(store: Store) -> None:
    df = r.sparql("SELECT ?source WHERE { ?p a cc:Plan ; cc:sourceFile ?source } ORDER BY ?source")
    assert list(df.columns) == ["source"]
    assert "hue-232-kh-ubnd-2026.txt" in set(df.source)
    bound = r.sparql("SELECT ?p WHERE { ?p cc:sourceFile ?source }",
                     source="tay-ninh-577-kh-ubnd-2024.txt")
    assert len(bound) >= 1
    assert r.sparql("ASK { ?a cc:role 'lead' }") is True


def test_find_bodies_ignores_diacritics_and_scopes_to_a_province(store: Store) -> None:
    found = r.find_bodies("thanh tra so", jurisdiction="quang-ngai")
    assert list(found.body) == [INSPECTORATE]
    assert found.tasks.iloc[0] >= 5
    assert "hue/so-tu-phap" in " ".join(r.find_bodies("Sở Tư pháp").body)


def test_source_text_is_the_plan_text_of_the_span(store: Store) -> None:
    duties = r.ask("body_duties", body=INSPECTORATE)
    row = duties[duties.role == "lead"].iloc[0]
    text = r.source_text(row.task)
    assert text == row.quote
    assert text.startswith("Tổ chức thực hiện 01 cuộc kiểm tra")
    around = r.source_text(row.task, context=80)
    assert f"⟦{text}⟧" in around and len(around) > len(text) + 80


def test_citations_and_citation_graph(store: Store) -> None:
    cites = r.citations()
    law36 = cites[cites.docNumber == "36/2018/QH14"]
    assert law36.plan.nunique() == 3
    assert "Điều 10 36/2018/QH14" in set(law36.articleLabel)
    G = r.citation_graph(cites=cites)
    doc = "https://cancu.dev/id/doc/luat/36-2018-qh14"
    assert G.nodes[doc]["kind"] == "document"
    assert G.in_degree(doc) == 3
    assert G.has_edge(doc, doc + "/dieu-10")
    assert {k for _, k in G.nodes(data="kind")} == {"plan", "document", "article"}


def test_cocitation_and_body_task_graphs(store: Store) -> None:
    cites = r.citations()
    co = r.cocitation_graph(cites=cites, unit="task")
    law36 = "https://cancu.dev/id/doc/luat/36-2018-qh14"
    nd59 = "https://cancu.dev/id/doc/nd/59-2019-nd-cp"
    assert co[law36][nd59]["weight"] >= 2
    bt = r.body_task_graph(body="hue/so-tu-phap")
    roles = {d["role"] for *_, d in bt.edges(data=True)}
    assert "lead" in roles and "support" in roles
    tasks = [n for n, k in bt.nodes(data="kind") if k == "task"]
    assert all(bt.has_edge("https://cancu.dev/id/body/hue/so-tu-phap", t) for t in tasks)


def test_to_pyvis_writes_an_offline_page(store: Store, tmp_path: Path) -> None:
    net = r.to_pyvis(r.document_graph("59/2019/NĐ-CP"))
    out = tmp_path / "nd59.html"
    net.write_html(str(out), notebook=False)
    html = out.read_text(encoding="utf-8")
    assert "vis-network" in html and "unpkg.com/vis-network" not in html
    assert "59/2019/NĐ-CP" in html or json.dumps("59/2019/NĐ-CP")[1:-1] in html
