"""A query worker: one process holding one read-only store, answering its parent's queries.

Started by :mod:`graph_api.querypool` as ``python -m graph_api.query_worker SNAPSHOT MEGABYTES``.
pyoxigraph cannot stop a query once it runs, so the service runs each query in such a process
and kills it at the deadline: the query stops and its memory goes back with the process. The
address space is capped (``RLIMIT_AS``) so that a query building a huge intermediate answer
dies here instead of taking the machine's memory.

The worker imports pyoxigraph only (no Flask, rdflib or spaCy), so a replacement starts in a
fraction of a second. Messages both ways are length-prefixed pickles on stdin/stdout (the
parent is the only one who writes to them); each request is a dict:

* ``{"sparql", "mode": "rows", "limit"}`` → ``("select", vars, rows, truncated)`` with rows as
  tuples of terms, ``("ask", bool)`` or ``("graph", triples, truncated)``, at most ``limit``
  rows or triples (one more is read to tell that there were more);
* ``{"sparql", "mode": "raw", "format"}`` → ``("raw", bytes)``: the answer serialized by
  pyoxigraph in the format of that media type (``QueryResultsFormat`` / ``RdfFormat``).

Errors come back as ``("error", kind, message)`` with kind ``syntax``, ``query`` or ``io``.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import Any

HEADER = struct.Struct("!Q")


def read_message(fd: int) -> Any:
    """One message from ``fd``; None at the end of the stream."""
    head = _read_exactly(fd, HEADER.size)
    if head is None:
        return None
    body = _read_exactly(fd, HEADER.unpack(head)[0])
    return None if body is None else pickle.loads(body)


def write_message(fd: int, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def answer(store: Any, request: dict[str, Any]) -> tuple[Any, ...]:
    import pyoxigraph as ox

    try:
        res = store.query(request["sparql"], use_default_graph_as_union=True)
        if request["mode"] == "raw":
            formats = ox.RdfFormat if isinstance(res, ox.QueryTriples) else ox.QueryResultsFormat
            return ("raw", res.serialize(format=formats.from_media_type(request["format"])))
        if isinstance(res, ox.QueryBoolean):
            return ("ask", bool(res))
        limit = int(request["limit"])
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = []
            for solution in res:
                if len(rows) == limit:
                    return ("select", names, rows, True)
                rows.append(tuple(solution[n] for n in names))
            return ("select", names, rows, False)
        triples = []
        for t in res:
            if len(triples) == limit:
                return ("graph", triples, True)
            triples.append(t)
        return ("graph", triples, False)
    except SyntaxError as exc:
        return ("error", "syntax", str(exc))
    except OSError as exc:
        return ("error", "io", str(exc))
    except (RuntimeError, ValueError, TypeError) as exc:
        return ("error", "query", str(exc))


def main(argv: list[str]) -> int:
    path, megabytes = argv[0], int(argv[1])
    if megabytes > 0:
        cap = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    sys.stdout = sys.stderr  # nothing but messages on the parent's pipe
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(path)
    except OSError as exc:
        write_message(stdout, ("error", "io", f"cannot open {path} read-only: {exc}"))
        return 2
    write_message(stdout, ("ready", os.getpid()))
    while True:
        request = read_message(stdin)
        if request is None:  # the parent closed the pipe: done
            return 0
        try:
            reply = answer(store, request)
        except MemoryError:
            reply = ("error", "memory", "the query needed more memory than the worker may use")
        except Exception as exc:  # a bad request must not end the worker
            reply = ("error", "query", f"{type(exc).__name__}: {exc}")
        write_message(stdout, reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
