"""The error a view raises for a bad request, apart from Flask: :mod:`graph_api.blueprints.params`
checks parameters with it, and the ingest reads the search rows through ``data`` and ``params``
(importing Flask there cost every ``cancu ingest`` ~0.3 CPU-s for nothing)."""

from __future__ import annotations


class ApiError(Exception):
    """A client error with a message meant for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
