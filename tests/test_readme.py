"""Every example of the README runs, in the order the README gives them: its shell lines and
its Python blocks, in a scratch folder that holds the bundled data (so nothing is written into
the project), the store in that folder (``CANCU_STORE``). Where an example talks to the
service (``curl http://127.0.0.1:8000/...``) the service is started on a free port first; the
SPARQL-server examples run against an Oxigraph server started here (skipped without one);
``cancu serve`` is started, asked for a page and stopped; a watching ``cancu ingest`` is
started, waited for until it watches, and stopped.

``make`` targets are checked with ``make -n`` (their recipes set up a machine, serve until
stopped, or run for minutes): the target exists and its recipe expands. A few lines cannot run
inside a test at all; they are listed in ``NOT_RUN`` with the reason, and a README line that is
neither runnable nor listed fails the test, so the README cannot drift from what runs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_web_support import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
SHARED = ROOT.parent / "shared"
# lines of the README's examples no test can run, and why
NOT_RUN = {
    ".venv/bin/pip install jupyterlab": "installs a package into the project's .venv",
    ".venv/bin/jupyter lab notebooks/": "opens an interactive server (tests/test_notebooks.py "
                                         "runs the notebooks)",
    ".ci/run": "runs the whole suite, this test included",
    ".venv/bin/python bench/body_page_bench.py var/bench-scale/store-10000 --after-store COPY "
    "--before main": "reads a 10,000-plan store (bench/scale_bench.py --keep makes it)",
    ".venv/bin/python bench/add_one_bench.py var/bench-scale/store-1000 --before main --rounds 3":
        "adds plans to a kept 1,000-plan store (bench/scale_bench.py --keep makes it)",
    ".venv/bin/python bench/routes_bench.py var/bench-scale/store-1000 --before main /bodies":
        "reads a kept 1,000-plan store (bench/scale_bench.py --keep makes it)",
}  # fmt: skip
SERVICE = "127.0.0.1:8000"
SPARQL_SERVER = "127.0.0.1:7878"


@dataclass(frozen=True)
class Example:
    kind: str  # "shell" or "python"
    text: str
    line: int  # where it is in the README

    def __str__(self) -> str:
        return f"README.md:{self.line}: {self.text.splitlines()[0]}"


def examples(readme: str) -> list[Example]:
    """The shell lines of the indented blocks and the ```python blocks, in order; output shown
    in a block (``cancu extract: skipped ...``) and diagrams are not examples."""
    out: list[Example] = []
    lines = readme.splitlines()
    fence: str | None = None
    block: list[str] = []
    start = 0
    for n, line in enumerate(lines, 1):
        if line.startswith("```"):
            if fence is None:
                fence, block, start = line[3:].strip(), [], n + 1
            else:
                if fence == "python":
                    out.append(Example("python", "\n".join(block), start))
                fence = None
            continue
        if fence is not None:
            block.append(line)
            continue
        indented = line.startswith("    ") and line.strip()
        after_blank = n >= 2 and (not lines[n - 2].strip() or lines[n - 2].startswith("    "))
        if indented and after_blank and not line.lstrip().startswith(("|", "-", "*")):
            for command in _commands(line.strip()):
                out.append(Example("shell", command, n))
    return out


def _commands(line: str) -> list[str]:
    """A line's commands (``a && b`` gives two), its comment dropped; none for output."""
    words = shlex.split(line, comments=True)
    if not words or re.fullmatch(r"cancu \w+:", " ".join(words[:2])):  # "cancu extract: ..."
        return []
    text = shlex.join(words)
    return [c.strip() for c in text.split(" '&&' ")] if "'&&'" in text else [text]


def test_the_readme_has_the_examples_this_test_runs() -> None:
    found = examples(README.read_text(encoding="utf-8"))
    shell = [e.text for e in found if e.kind == "shell"]
    assert sum(e.kind == "python" for e in found) >= 2
    assert any(s.startswith("cancu extract") for s in shell)
    assert any(s.startswith("cancu ingest") for s in shell)
    assert any(s.startswith("curl") for s in shell)
    assert not any("skipped" in s for s in shell)  # output is no example


@contextmanager
def _running(cmd: list[str], url: str, env: dict[str, str], cwd: Path,
             seconds: float = 90) -> Iterator[None]:  # fmt: skip
    """A server process started, waited for until ``url`` answers, and stopped."""
    log = cwd / f"server-{len(list(cwd.glob('server-*.log')))}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + seconds
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"{cmd} ended: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"{url} never answered") from None
                time.sleep(0.3)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


class Runner:
    """Runs the examples one after the other in ``scratch``, as a reader would."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        (scratch / "data").symlink_to(ROOT / "data")
        (scratch / "notebooks").symlink_to(ROOT / "notebooks")
        if SHARED.exists():
            (scratch.parent / "shared").symlink_to(SHARED)  # ../shared, as beside the project
        self.env = {**os.environ, "CANCU_STORE": str(scratch / "var" / "store"),
                    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                    "CANCU_OCR_CACHE": str(scratch / "ocr-cache")}  # fmt: skip
        self.service: str | None = None
        self.sparql_server: str | None = None

    def run(self, e: Example) -> str:
        if e.kind == "python":
            code = e.text.replace(SERVICE, self.service) if self.service else e.text
            return self._run([sys.executable, "-c", code], e)
        words = shlex.split(e.text)
        env = dict(self.env)
        while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
            key, _, value = words.pop(0).partition("=")
            env[key] = value
        if words[0] == "make":
            return self._run(["make", "-n", *words[1:]], e, cwd=ROOT)
        if words[0] == "cancu" and words[1:2] == ["serve"]:
            port = free_port()
            url = f"http://127.0.0.1:{port}/api/plans"
            serve = [str(BIN / "cancu"), *words[1:], "--port", str(port)]
            with _running(serve, url, env, self.scratch), urllib.request.urlopen(url) as resp:
                return f"served: {resp.status} {len(resp.read())} bytes"
        if words[:2] == ["cancu", "ingest"] and "--watch" in words:
            return self._watch([str(BIN / "cancu"), *words[1:]], e, env)
        if words[0] == "curl":
            assert self.service, "a curl example with no service running"
            words = [w.replace(SERVICE, self.service) for w in words]
            return self._run(["curl", "-sS", "--fail-with-body", *words[1:]], e, env)
        if words[0] == "python":
            words[0] = sys.executable
        if words[0] == "cancu":
            words[0] = str(BIN / "cancu")
        return self._run(words, e, env)

    def _watch(self, cmd: list[str], e: Example, env: dict[str, str]) -> str:
        """A watching ingest: its first ingest done and its first look begun, then stopped as
        a service manager stops it (SIGTERM), which it must take as a clean end."""
        proc = subprocess.Popen(cmd, cwd=self.scratch, env={**env, "PYTHONUNBUFFERED": "1"},
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        out: list[str] = []
        guard = threading.Timer(300, proc.kill)  # a watcher that never says so ends the read
        guard.start()
        try:
            for line in proc.stdout:  # type: ignore[union-attr]
                out.append(line)
                if line.startswith("watching "):
                    break
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=60)
        finally:
            guard.cancel()
            if proc.poll() is None:
                proc.kill()
        if code != 0 or not out or not out[-1].startswith("watching "):
            raise AssertionError(f"{e} exited {code} before watching:\n{''.join(out)[-3000:]}")
        return "".join(out)

    def _run(self, cmd: list[str], e: Example, env: dict[str, str] | None = None,
             cwd: Path | None = None) -> str:  # fmt: skip
        done = subprocess.run(cmd, cwd=cwd or self.scratch, env=env or self.env,
                              capture_output=True, text=True, timeout=600)  # fmt: skip
        if done.returncode != 0:
            raise AssertionError(f"{e} exited {done.returncode}:\n{done.stderr[-3000:]}"
                                 f"\n{done.stdout[-1000:]}")  # fmt: skip
        return done.stdout


def test_every_readme_example_runs(tmp_path: Path) -> None:
    from tests.endpoints import oxigraph_binary, oxigraph_server

    scratch = tmp_path / "cancu"
    scratch.mkdir()
    runner = Runner(scratch)
    found = examples(README.read_text(encoding="utf-8"))
    listed = {e.text for e in found if e.kind == "shell"} & set(NOT_RUN)
    assert listed == set(NOT_RUN), f"NOT_RUN names lines the README no longer has: {NOT_RUN}"
    ran: list[tuple[Example, str]] = []
    skipped: list[str] = []
    with ExitStack() as servers:
        for e in found:
            if e.kind == "shell" and e.text in NOT_RUN:
                skipped.append(f"{e}: {NOT_RUN[e.text]}")
                continue
            if "../shared" in e.text and not SHARED.exists():
                skipped.append(f"{e}: needs ../shared")
                continue
            if SPARQL_SERVER in e.text:
                if oxigraph_binary() is None:
                    skipped.append(f"{e}: no oxigraph server binary")
                    continue
                if runner.sparql_server is None:
                    (tmp_path / "oxigraph").mkdir()
                    endpoint = servers.enter_context(oxigraph_server(tmp_path / "oxigraph"))
                    runner.sparql_server = endpoint.url.split("//", 1)[1].split("/", 1)[0]
                e = Example(e.kind, e.text.replace(SPARQL_SERVER, runner.sparql_server), e.line)
            if SERVICE in e.text and runner.service is None:
                # the service over what the examples before this one stored
                port = free_port()
                runner.service = f"127.0.0.1:{port}"
                servers.enter_context(_running(
                    [str(BIN / "cancu"), "serve", "--port", str(port)],
                    f"http://{runner.service}/api/plans", runner.env, scratch))  # fmt: skip
            ran.append((e, runner.run(e)))
    print("\n".join(["ran:", *(str(e) for e, _ in ran), "not run:", *skipped]))
    assert len(ran) >= 15
    said = {e.text: out for e, out in ran}
    tasks = next(o for t, o in said.items() if t.startswith("curl") and "/api/tasks?" in t)
    assert "Thanh tra tỉnh" in tasks  # the README's own example finds what it says it finds
    duties = next(o for t, o in said.items() if t.startswith("curl") and "format=csv" in t)
    assert duties.startswith("\ufeff")  # a BOM, and limit=5 honoured
    assert len(list(csv.DictReader(io.StringIO(duties.removeprefix("\ufeff"))))) == 5
    _files_say_what_the_readme_says(scratch)


def _files_say_what_the_readme_says(scratch: Path) -> None:
    """What the examples wrote holds what their comments promise."""
    import icalendar
    from openpyxl import load_workbook

    records = json.loads((scratch / "out.json").read_text(encoding="utf-8"))
    lines = (scratch / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == len(lines) == 4
    rows = (scratch / "tasks.csv").read_bytes()
    assert rows.startswith(b"\xef\xbb\xbf")
    tasks = list(csv.DictReader(io.StringIO(rows.decode("utf-8-sig"))))
    assert len(tasks) == sum(len(r["tasks"]) for r in records)
    sheet = load_workbook(scratch / "duties.xlsx").worksheets[0]
    assert str(sheet["A2"].value).startswith("Thanh tra Sở") and sheet.max_row >= 4 + 3
    feed = icalendar.Calendar.from_ical((scratch / "thanh-tra-so.ics").read_bytes())
    assert feed.walk("VEVENT")
    assert (scratch / "graph.ttl").stat().st_size > 100_000
