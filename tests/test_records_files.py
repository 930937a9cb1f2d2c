"""Which stored units a file holds, as an ingest of a whole store sees them
(``provenance.Records`` with every record loaded): looked up by an index of the files, kept as
records are set, and answering as the records now name their files."""

from __future__ import annotations

from pathlib import Path

from graph_api import provenance as pv


def _rec(graph: str, *paths: Path) -> pv.Record:
    return pv.Record(graph, "plan", paths[0].name if paths else "", "0" * 64, list(paths))


def test_files_of_loaded_and_new_records(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in ("a.docx", "b.docx", "c.docx"))
    recs = pv.Records(None, {"g1": _rec("g1", a), "g2": _rec("g2", a, b)})  # type: ignore[arg-type]
    assert recs.holding(a) == {"g1", "g2"}
    assert recs.holding(b) == {"g2"}
    assert recs.holding(c) == set()
    recs["g3"] = _rec("g3", c)  # set after the index was made: a file asked for later finds it
    recs["g4"] = _rec("g4", tmp_path / "d.docx")
    assert recs.holding(tmp_path / "d.docx") == {"g4"}
    # a path given another way (relative parts) is the same file
    assert recs.holding(tmp_path / "x" / ".." / "d.docx") == {"g4"}


def test_files_follow_records_changed_and_removed(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in ("a.docx", "b.docx", "c.docx"))
    recs = pv.Records(None, {"g1": _rec("g1", a, b), "g2": _rec("g2", c)})  # type: ignore[arg-type]
    assert recs.holding(a) == {"g1"}  # the index is made
    recs["g1"].paths = [a]  # g1 no longer comes from b
    del recs["g2"]  # g2 is removed
    assert recs.holding(b) == set()
    assert recs.holding(c) == set()
    rec = recs["g1"]
    rec.paths.append(c)  # a copy of g1's file, read in this ingest, recorded as the pipeline does
    recs["g1"] = rec
    assert recs.holding(tmp_path / "c2.docx") == set()
    assert pv.Records(None, {"g1": rec}).holding(c) == {"g1"}  # type: ignore[arg-type]


def test_square_of_records_is_not_scanned(tmp_path: Path) -> None:
    """Each file read asks for its units: with every record scanned each time, an ingest of
    n new plans resolves n*n/2 paths; with the index, each record's paths once."""
    calls = 0
    real = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        nonlocal calls
        calls += 1
        return real(self, strict)

    recs = pv.Records(None, {})  # type: ignore[arg-type]
    n = 300
    Path.resolve = counting  # type: ignore[method-assign]
    try:
        for i in range(n):
            f = tmp_path / f"p{i}.docx"
            assert recs.holding(f) == set()
            recs[f"g{i}"] = _rec(f"g{i}", f)
            recs.holding(f).add(f"g{i}")
    finally:
        Path.resolve = real  # type: ignore[method-assign]
    assert calls < 5 * n, calls
