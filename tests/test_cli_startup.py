"""What ``cancu ingest`` of one plan loads (issue 13: adding one plan under 2 s): the modules
of the paths it takes, not those of the service, the notebooks or the other engines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cancu.paths import PLANS

pytestmark = pytest.mark.slow

# loaded only by the paths that use them: the web service, the notebooks, pySHACL's and
# owlrl's engines (the ingest has its own shapes and reasons with `reasonable`)
NOT_FOR_ONE_PLAN = ("flask", "werkzeug", "pandas", "pyshacl", "owlrl", "jupyter_client")

REPORT = ("import atexit, json, sys; from cancu.cli import main; "
          "atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules "
          "if '.' not in m)), file=sys.stderr)); sys.exit(main(sys.argv[1:]))")


def test_ingesting_one_plan_loads_no_module_of_other_paths(tmp_path: Path) -> None:
    plan = sorted(PLANS.glob("*.txt"))[0]
    env = {**os.environ, "CANCU_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", REPORT, "ingest", str(plan), "--store",
                           str(tmp_path / "store"), "-q"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert {"spacy", "rdflib", "pyoxigraph"} <= loaded  # (the report is the real one)
    assert loaded.isdisjoint(NOT_FOR_ONE_PLAN), sorted(loaded & set(NOT_FOR_ONE_PLAN))
