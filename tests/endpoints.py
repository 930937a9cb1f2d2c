"""Real SPARQL servers for the tests, each started here on a free loopback port in a temporary
folder: Oxigraph server (the ``oxigraph`` package) and Virtuoso Open Source (Debian's
``virtuoso-opensource``). A server that is not installed is a clean skip."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 500M
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
EnabledDavVSP = 0

[SPARQL]
; every row (the default 10000 cuts answers short without a word), no estimate refusals
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
"""


@dataclass(slots=True)
class Endpoint:
    """A running server: its query URL and the environment that points cancu at it."""

    engine: str
    url: str
    env: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    while True:
        try:
            urllib.request.urlopen(probe, timeout=2).read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                text = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
                _stop(proc)
                pytest.fail(f"{url} did not start: {text}")
            time.sleep(0.2)


def _stop(proc: subprocess.Popen, grace: float = 30) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Endpoint]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no `oxigraph` server binary (pip install oxigraph, in the dev extras)")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph", "--timeout-s", "30"],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query", proc, 30, log)
        yield Endpoint("oxigraph", base + "/query", {"CANCU_SPARQL_ENGINE": "oxigraph"})
    finally:
        _stop(proc)


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Endpoint]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("no Virtuoso (apt-get install virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port))
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        _wait(url, proc, 90, folder / "virtuoso.log")
        # a fresh database's administrator; updates go to the digest-protected /sparql-auth
        yield Endpoint("virtuoso", url, {"CANCU_SPARQL_USER": "dba",
                                         "CANCU_SPARQL_PASSWORD": "dba"})
    finally:
        _stop(proc, 60)


SERVERS = {"oxigraph": oxigraph_server, "virtuoso": virtuoso_server}


def installed(engine: str) -> bool:
    return (oxigraph_binary() if engine == "oxigraph" else shutil.which("virtuoso-t")) is not None


def environ(endpoint: Endpoint) -> dict[str, str]:
    return {**os.environ, "CANCU_STORE": endpoint.url, **endpoint.env}
