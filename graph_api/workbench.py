"""The SPARQL workbench's examples: every named query with a Vietnamese question and its
example parameters bound, so an example runs as it is shown (``graph_api/data/examples.toml``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from graph_api.queries import NamedQuery, QueryError, list_queries
from graph_api.store import bind_values

DATA = Path(__file__).resolve().parent / "data" / "examples.toml"

__all__ = ["examples"]


@cache
def _table() -> dict[str, Any]:
    with DATA.open("rb") as f:
        return tomllib.load(f)


def _runnable(q: NamedQuery, values: dict[str, str]) -> str:
    """The query with its example values bound (declared examples where the table has none);
    a required parameter without an example is left unbound, for the user to fill."""
    given = {p.name: values.get(p.name, p.example) for p in q.params}
    given = {k: v for k, v in given.items() if v}
    try:
        return bind_values(q.sparql, q.bindings(given)) if given else q.sparql
    except QueryError:
        return q.sparql


def examples() -> list[dict[str, str]]:
    """``[{name, title, description, query}]`` for the workbench, the API's own queries left out."""
    out = []
    for q in list_queries():
        if q.name.startswith("api_"):
            continue
        row = _table().get(q.name, {})
        title = row.get("vi") or q.title
        text = f"# {title}\n" + _runnable(q, row.get("params", {}))
        out.append({"name": q.name, "title": title, "description": q.description,
                    "query": text})  # fmt: skip
    return out
