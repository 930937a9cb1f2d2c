"""The counts kept at ingest (graph_api.tallies) are the counts made over every citation,
assignment and task of the store: on the samples, and after plans are added, replaced, removed,
an ingest cut short, and a store written before the counts were kept."""

from __future__ import annotations

from pathlib import Path

from graph_api import provenance as pv
from graph_api import tallies
from graph_api.pipeline import ingest_paths, remove_units
from graph_api.provenance import TALLY_GRAPH
from graph_api.store import META_GRAPH, open_store
from tests.fixtures.graph.build import LAWS, ox_store
from tests.test_ingest_identity import plan_text, write
from tests.test_kept_agenda import drop_agenda

PREFIXES = """PREFIX cc: <https://cancu.dev/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX meta: <https://cancu.dev/meta#>
"""
# the counts as the list queries made them, over the whole store, before they were kept
COUNTED = {
    "documents": """SELECT ?key (COUNT(DISTINCT ?plan) AS ?plans) (COUNT(DISTINCT ?task) AS ?tasks)
      WHERE { ?c cc:citedDocument ?key ; cc:citingPlan ?plan . OPTIONAL { ?c cc:citingTask ?task } }
      GROUP BY ?key""",
    "articles": """SELECT ?key (COUNT(DISTINCT ?plan) AS ?plans) (COUNT(DISTINCT ?task) AS ?tasks)
      WHERE {
        { SELECT DISTINCT ?provision ?key WHERE {
            ?c cc:citedProvision ?provision . ?provision eli:is_part_of* ?key .
            ?key a cc:Article ; eli:number ?n ; eli:is_part_of+ ?doc .
            ?doc a eli:LegalResource ; eli:number ?dn .
            FILTER NOT EXISTS { ?doc a eli:LegalResourceSubdivision } } }
        ?c cc:citedProvision ?provision ; a cc:Citation ; cc:citingPlan ?plan .
        OPTIONAL { ?c cc:citingTask ?task } }
      GROUP BY ?key""",
    "bodies": """SELECT ?key (COUNT(DISTINCT ?task) AS ?tasks)
      WHERE { ?a cc:body ?key ; cc:task ?task } GROUP BY ?key""",
    "plans": """SELECT ?key (COUNT(DISTINCT ?task) AS ?tasks)
      WHERE { ?key a cc:Plan ; cc:sourceFile ?f . OPTIONAL { ?task cc:inPlan ?key } }
      GROUP BY ?key""",
}
KEPT = {
    "documents": "?key meta:citingPlans ?plans ; meta:citingTasks ?tasks . ?key a eli:LegalResource"
                 " FILTER NOT EXISTS { ?key a eli:LegalResourceSubdivision }",
    "articles": "?key meta:citingPlans ?plans ; meta:citingTasks ?tasks . ?key a cc:Article",
    "bodies": "?key meta:assignedTasks ?tasks",
    "plans": "?key meta:taskCount ?tasks",
}


def counted(run, kind: str) -> dict[str, tuple]:
    return {r["key"]: (r.get("plans"), r["tasks"]) for r in run(PREFIXES + COUNTED[kind])}


def kept(run, kind: str) -> dict[str, tuple]:
    pattern = KEPT[kind].split(" . ", 1)
    where = f"GRAPH <{TALLY_GRAPH}> {{ {pattern[0]} }}" + (f" {pattern[1]}" if len(pattern) > 1
                                                           else "")
    cols = "?key ?plans ?tasks" if "plans" in KEPT[kind] else "?key ?tasks"
    return {r["key"]: (r.get("plans"), r["tasks"])
            for r in run(PREFIXES + f"SELECT DISTINCT {cols} WHERE {{ {where} }}")}


def _ox_rows(store):
    def run(sparql: str) -> list[dict]:
        res = store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in res.variables]
        return [{k: (None if s[k] is None else s[k].value if k == "key" else int(s[k].value))
                 for k in names} for s in res]
    return run


def _store_rows(store):
    def run(sparql: str) -> list[dict]:
        return [{k: (int(v) if k != "key" and v is not None else v) for k, v in r.items()}
                for r in store.query(sparql).rows]
    return run


def assert_kept_is_counted(run) -> None:
    for kind in COUNTED:
        want = counted(run, kind)
        assert want, kind  # something to count: the comparison says something
        assert kept(run, kind) == want, kind


def test_the_counts_of_the_samples_are_the_counts_over_the_store() -> None:
    assert_kept_is_counted(_ox_rows(ox_store()))


def test_the_counts_follow_plans_added_replaced_and_removed(tmp_path: Path,
                                                            plan_files: list[Path]) -> None:
    with open_store(tmp_path / "store") as store:
        ingest_paths(store, [*plan_files[:-1], LAWS], progress=False, workers=0)
        run = _store_rows(store)
        assert_kept_is_counted(run)
        before = kept(run, "documents")
        ingest_paths(store, plan_files[-1:], progress=False, workers=0)  # added
        assert_kept_is_counted(run)
        assert kept(run, "documents") != before
        write(plan_files[0], plan_text(province="Tây Ninh", number="300", drop_task=True))
        ingest_paths(store, plan_files[:1], progress=False, workers=0)  # replaced
        assert_kept_is_counted(run)
        graph = next(g for g, r in pv.records(store).items() if r.source == plan_files[1].name)
        remove_units(store, [graph])  # removed
        assert_kept_is_counted(run)
        assert pv.check(store) == []
        # a kept count edited by other hands is found, and summed again by `ingest --check`
        store.update(f"DELETE WHERE {{ GRAPH <{TALLY_GRAPH}> {{ ?k <{tallies.META}"
                     "assignedTasks> ?n } }")
        assert {f.kind for f in pv.check(store)} == {"stale-counts"}
        ingest_paths(store, plan_files[:1], progress=False, workers=0, check=True)
        assert pv.check(store) == []
        assert_kept_is_counted(run)


def test_a_store_written_before_the_counts_were_kept_is_counted(tmp_path: Path,
                                                               plan_files: list[Path]) -> None:
    with open_store(tmp_path / "store") as store:
        ingest_paths(store, plan_files[:3], progress=False, workers=0)
        # as format 2 wrote it: no tallies (nor agenda) in the plan graphs, no sums, records
        # counting neither
        recs = pv.records(store)
        for g, r in recs.items():
            if r.kind == "plan":
                n = len(store.query(f"SELECT ?t WHERE {{ GRAPH <{g}> {{ ?t <{tallies.META}"
                                    "tallyOf> ?k } }").rows)
                store.update(f"DELETE WHERE {{ GRAPH <{g}> {{ ?t <{tallies.META}tallyOf> ?k ;"
                             f" ?p ?o }} }} ; DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{g}> "
                             f"<{pv.META}triples> ?n }} }} ; INSERT DATA {{ GRAPH <{META_GRAPH}> "
                             f"{{ <{g}> <{pv.META}triples> {r.triples - 3 * n} }} }}")
        drop_agenda(store)
        store.update(f"DROP GRAPH <{TALLY_GRAPH}>")
        store.update(pv.set_state(None, fmt=2))
        assert pv.check(store) == []
        report = ingest_paths(store, plan_files[3:], progress=False, workers=0)
        assert any("counted" in m for m in report.mended)
        assert_kept_is_counted(_store_rows(store))
        assert pv.check(store) == []
