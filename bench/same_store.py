"""Does this tree's ingest write the store a git ref's writes? The same inputs are ingested by
each code, in a process of its own, into a fresh on-disk store, through the transactional
writer and through the bulk loader, and the quads of each store are compared (blank nodes
unlabelled, as a load gives them new labels; the records' times of ingest and the code's
folder left out)::

    .venv/bin/python bench/same_store.py [--ref main] [--plans 40] [inputs ...]

Default inputs: the four samples and ``data/laws``; ``--plans N`` adds N of
``bench/plangen.py``'s plans (an ingest of many files, as at volume). Exit status 1 and the
first differing quads when the stores differ.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trees import short_ref, tree_of  # noqa: E402

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])


def main() -> None:
    from graph_api import pipeline
    from graph_api.store import open_store

    with open_store(sys.argv[2]) as store:
        report = pipeline.ingest_paths(store, sys.argv[6:], progress=False,
                                       bulk=sys.argv[4] == "bulk", workers=int(sys.argv[5]))
        assert report.ok, (report.failed, report.refused)
        with open(sys.argv[3], "wb") as out:
            out.write(store.dump("nq"))


if __name__ == "__main__":  # (the workers' forkserver imports this file again)
    main()
"""
# what differs from one ingest to the next of the same inputs: when it ran, and by which process
VOLATILE = re.compile(r'"\d{4}-\d\d-\d\dT[^"]*"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>')


def quads(dump: Path, tree: Path) -> list[str]:
    """The dump's lines, sorted, blank nodes unlabelled, times and the code's folder (the
    ontology file's path in its record) written as placeholders."""
    text = dump.read_text(encoding="utf-8").replace((tree.resolve() / "ontology").as_uri(),
                                                    "file:///(code)/ontology")
    return sorted(VOLATILE.sub('"(time)"', re.sub(r"_:\w+", "_:b", ln))
                  for ln in text.splitlines())


def ingest(tree: Path, work: Path, mode: str, workers: int, inputs: list[str]) -> list[str]:
    child = work / "child.py"
    child.write_text(CHILD, encoding="utf-8")
    store = Path(tempfile.mkdtemp(prefix="store-", dir=work))
    dump = store.with_suffix(".nq")
    subprocess.run([sys.executable, str(child), str(tree), str(store / "s"), str(dump), mode,
                    str(workers), *inputs], check=True, cwd=tree)  # fmt: skip
    shutil.rmtree(store, ignore_errors=True)
    return quads(dump, tree)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--ref", default="main", help="git ref of the code compared with")
    ap.add_argument("--plans", type=int, default=0, help="generated plans added to the inputs")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (0: inline)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cancu-same-", dir=ROOT / "var"))
    inputs = [str(Path(p).resolve()) for p in args.inputs] or [
        str(ROOT / "data" / "plans"), str(ROOT / "data" / "laws")]
    if args.plans:
        from bench import plangen

        plangen.write(args.plans, work / "plans")
        inputs.append(str(work / "plans"))
    ref = tree_of(args.ref)
    same = True
    try:
        for mode in ("transactions", "bulk"):
            before = ingest(ref, work, mode, args.workers, inputs)
            after = ingest(ROOT, work, mode, args.workers, inputs)
            ok = before == after
            same = same and ok
            print(f"{mode}: {args.ref} ({short_ref(args.ref)}) {len(before)} quads, this tree "
                  f"{len(after)} quads: {'the same' if ok else 'DIFFERENT'}", flush=True)
            if not ok:
                diff = difflib.unified_diff(before, after, args.ref, "this tree", lineterm="", n=0)
                print("\n".join(list(diff)[:40]))
    finally:
        shutil.rmtree(ref, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
