"""Look-ups by name that read what they find, not the store (issue 13): a plan by its file name,
bodies by the words of their names (``/api/bodies?q=``, the suggestions as one types, a body
typed on ``/due``, ``/search`` and ``/graph``). Each gives what reading every plan or body gave,
and asks no query for every plan or every body."""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.blueprints import data
from graph_api.blueprints.ids import fold, folded
from tests.test_web_support import make_app, recorded_queries, sample_store

HUE = "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
# what people type: whole names, a word cut short as one types, places, ids, words of no body
TYPED = ["thanh tra tinh", "thanh tra so noi vu quang ngai", "Sở Nội vụ", "so noi v", "ubnd",
         "quang-ngai/so-noi-vu", "hue", "cac so ban nganh", "Tây Ninh", "khong co co quan nao",
         "  ", "tra"]


@pytest.fixture(autouse=True)
def _indexed() -> None:
    """The search index built first, as an ingest builds it beside an on-disk store (in
    memory, the first search builds it from the graph)."""
    from graph_api.search import index_for

    index_for(sample_store())


def _every_body_filtered(text: str) -> list[dict[str, Any]]:
    """The bodies holding every word of ``text``, as read from every body before."""
    words = fold(text).split()
    return [b for b in data.bodies(sample_store())
            if all(w in folded(b["label"], b["name"], b["id"]) for w in words)] if words else []


def _whole_lists(asked: list[tuple[str, set[str]]]) -> list[str]:
    """The queries asked for every plan or every body (no plan or body bound)."""
    return [title for title, bound in asked
            if (title == "Plans" and "plan" not in bound)
            or (title == "Bodies" and "body" not in bound)]


@pytest.mark.parametrize("text", TYPED)
def test_bodies_by_name_are_those_every_body_gave(text: str) -> None:
    store = sample_store()
    every = _every_body_filtered(text)
    with recorded_queries(store) as asked:
        found, total = data.bodies_named(store, text)
        pages = [data.bodies_named(store, text, page=(3, offset))
                 for offset in range(0, len(every) + 3, 3)]
        hue = data.bodies_named(store, text, "hue")[0]
    assert found == every and total == len(every)
    assert [b for p, _ in pages for b in p] == every and {n for _, n in pages} <= {len(every)}
    assert hue == [b for b in every if b["jurisdiction"] == "hue"]
    assert not _whole_lists(asked)


def test_a_name_typed_stands_for_the_same_body_as_before() -> None:
    store = sample_store()
    for text in TYPED:
        before = _every_body_filtered(text)
        said = " ".join(fold(text).split())
        exact = [b for b in before
                 if said in (" ".join(fold(b["label"]).split()), " ".join(fold(b["name"]).split()))]
        partial = sorted((b for b in before if b not in exact), key=lambda b: -b["tasks"])
        assert data.find_bodies(store, text) == exact + partial, text


def test_the_api_s_name_search_reads_the_bodies_it_finds() -> None:
    app = make_app()
    client = app.test_client()
    with recorded_queries(sample_store()) as asked:
        found = client.get("/api/bodies?q=so n&limit=3").get_json()
        csv = client.get("/api/bodies?q=so n&format=csv").get_data(as_text=True)
    every = _every_body_filtered("so n")
    assert found["total"] == len(every) > 3
    assert found["items"] == [{**b} for b in every[:3]]
    assert len(csv.strip().splitlines()) == len(every) + 1
    assert not _whole_lists(asked)


def test_a_plan_by_its_file_name_is_read_alone() -> None:
    store = sample_store()
    with recorded_queries(store) as asked:
        by_file = data.plan_by_id(store, "hue-232-kh-ubnd-2026.txt")
        by_id = data.plan_by_id(store, HUE)
        by_iri = data.plan_by_id(store, f"https://cancu.dev/id/plan/{HUE}")
    assert by_file == by_id == by_iri and by_id["id"] == HUE
    assert not _whole_lists(asked)
    for missing in ("khong-co.txt", "a b", "hue/khong-co"):
        with pytest.raises(data.NotFound):
            data.plan_by_id(store, missing)


def test_a_file_name_two_plans_came_from_names_both(tmp_path) -> None:
    from graph_api.pipeline import ingest_paths
    from graph_api.store import open_store

    text = (data.PLANS_DIR / "hue-232-kh-ubnd-2026.txt").read_text(encoding="utf-8")
    other = (data.PLANS_DIR / "tay-ninh-577-kh-ubnd-2024.txt").read_text(encoding="utf-8")
    for folder, body in (("a", text), ("b", other)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.txt").write_text(body, encoding="utf-8")
    store = open_store(":memory:")
    report = ingest_paths(store, [tmp_path / "a", tmp_path / "b"], progress=False)
    assert report.ok
    with pytest.raises(data.NotFound, match=r"2 plans came from files named 'plan\.txt'"):
        data.plan_by_id(store, "plan.txt")
    assert data.plan_by_id(store, HUE)["source"] == "plan.txt"


def test_without_an_index_at_hand_every_body_is_read_for_the_same_answer(monkeypatch) -> None:
    """A store no index was built for (a SPARQL endpoint no search has asked yet): building
    one would read every task, so the bodies are read, as before, with the same answers."""
    from graph_api import search

    store = sample_store()
    assert search.kept_index(store) is not None  # (built above, for this process)
    indexed = {t: data.bodies_named(store, t, page=(2, 1)) for t in TYPED}
    monkeypatch.setattr(search, "kept_index", lambda store: None)
    assert {t: data.bodies_named(store, t, page=(2, 1)) for t in TYPED} == indexed
    assert data.find_bodies(store, "thanh tra tinh")
