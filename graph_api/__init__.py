"""The graph: store, named queries and ingest, as one Python API for scripts and notebooks.

    >>> from graph_api import connect, run
    >>> store = connect()                      # the default store (``cancu ingest`` fills it)
    >>> run(store, "tasks_by_article", document="36/2018/QH14", article="10").rows
"""

from graph_api.pipeline import ingest_paths
from graph_api.queries import NamedQuery, Param, connect, get, list_queries, run, run_with
from graph_api.store import QueryError, SelectResult, Store, StoreError, open_store

__all__ = [
    "NamedQuery", "Param", "QueryError", "SelectResult", "Store", "StoreError", "connect", "get",
    "ingest_paths", "list_queries", "open_store", "run", "run_with",
]
