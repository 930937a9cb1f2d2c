"""End to end through the CLI: ingest the bundled plans and laws twice, validate, export, ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from cancu.cli import main
from cancu.paths import LAWS, PLANS
from graph_api.store import INFERRED_GRAPH, open_store

pytestmark = pytest.mark.slow


def cancu(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli") / "store"


def test_ingest_twice_gives_the_same_store(store_dir: Path, capsys) -> None:
    code, out, _ = cancu(capsys, "ingest", str(PLANS), str(LAWS), "--store", str(store_dir))
    assert code == 0, out
    assert "stored 5 laws, 4 plans (9 new)" in out
    assert "refused" not in out and "not ingested" not in out
    with open_store(store_dir) as s:
        first, graphs = s.triple_count(), s.graphs()
        assert s.triple_count(INFERRED_GRAPH) == 0  # no store-wide closure any more
        plan = "https://cancu.dev/graph/plan/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"
        assert s.triple_count(plan.replace("/graph/", "/graph/inferred/")) > 0
        assert s.triple_count("https://cancu.dev/graph/shared") > 0
        assert s.triple_count("https://cancu.dev/graph/inferred/shared") > 0
    code, out, _ = cancu(capsys, "ingest", str(PLANS), str(LAWS), "--store", str(store_dir))
    assert code == 0 and "(9 unchanged)" in out
    with open_store(store_dir) as s:
        assert s.triple_count() == first and s.graphs() == graphs


def test_validate_is_clean(store_dir: Path, capsys) -> None:
    code, out, _ = cancu(capsys, "validate", "--store", str(store_dir))
    assert code == 0, out
    assert "4 plan graph(s) checked, 0 with violations" in out


def test_export_parses(store_dir: Path, tmp_path: Path, capsys) -> None:
    for fmt, rdflib_fmt in (("nq", "nquads"), ("trig", "trig"), ("ttl", "turtle")):
        target = tmp_path / f"out.{fmt}"
        code, _, _ = cancu(capsys, "export", "--format", fmt, "-o", str(target),
                           "--store", str(store_dir))  # fmt: skip
        assert code == 0
        parsed = Dataset() if fmt != "ttl" else Graph()
        parsed.parse(target, format=rdflib_fmt)
        assert len(parsed) > 1000 if fmt == "ttl" else len(list(parsed.quads())) > 1000


def test_sparql_and_ask(store_dir: Path, capsys) -> None:
    code, out, _ = cancu(capsys, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                         "--format", "json", "--store", str(store_dir))  # fmt: skip
    assert code == 0 and json.loads(out)[0]["n"] > 1000
    code, _, err = cancu(capsys, "sparql", "DROP ALL", "--store", str(store_dir))
    assert code == 2 and "only reads" in err
    code, out, _ = cancu(capsys, "ask", "--list")
    assert code == 0
    code, _, err = cancu(capsys, "ask", "no_such_query", "--store", str(store_dir))
    assert code == 2 and "no named query" in err


def test_read_commands_do_not_create_a_store(tmp_path: Path, capsys) -> None:
    code, _, err = cancu(capsys, "export", "--store", str(tmp_path / "nowhere"))
    assert code == 2 and "no store at" in err
    assert not (tmp_path / "nowhere").exists()


def test_a_plan_that_breaks_the_shapes_is_refused_the_others_stored(tmp_path, capsys) -> None:
    """The real SHACL shapes, not a stand-in: a task without its source span and a plan date
    that is no date are named in plain words, and only that plan stays out."""
    from ingest.extract import extract_file

    records = [extract_file(p).to_dict() for p in sorted(PLANS.glob("*.txt"))[:2]]
    bad = json.loads(json.dumps(records[0]))
    bad["source"] = "broken-plan.txt"
    bad["document"]["date"] = "2026-13-45"
    bad["tasks"][0].pop("span")
    path = tmp_path / "records.json"
    path.write_text(json.dumps([*records, bad], ensure_ascii=False), encoding="utf-8")
    code, out, err = cancu(capsys, "ingest", str(path), "--store", str(tmp_path / "s"),
                           "--reasoner", "none")
    text = out + err
    assert code == 0, text
    assert "refused 1 plan" in text and "broken-plan.txt" in text
    assert "span" in text.lower()  # the violation says what is missing
    with open_store(tmp_path / "s") as s:
        stored = {str(g) for g in s.graphs()}
    assert sum("/graph/plan/" in g for g in stored) == 2
    assert not any("broken-plan" in g for g in stored)
