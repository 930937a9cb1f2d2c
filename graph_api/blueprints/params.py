"""Request text → typed RDF terms: the one way a route hands what a client sent to a query.

No route puts request text into SPARQL. A parameter becomes a term here, and the term goes to
a named query (or :meth:`Store.query`) as a binding, which the store serializes into a
``VALUES`` block (:func:`graph_api.store.bind_values`): pyoxigraph escapes literals and
validates IRIs, so a value can never become syntax.

Ids are checked against the project's id scheme before any query runs: lower-case ASCII
segments of letters, digits and hyphens, separated by ``/`` (``quang-ngai/so-noi-vu/
thanh-tra-so``, ``luat/36-2018-qh14/dieu-10``). A value of another shape is refused with 400 on
its shape alone, never after looking at the data, so the status of an answer tells nothing
about the graph that the listing routes do not already show (no 400-against-404 oracle).
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph_api.blueprints.errors import ApiError
from ontology.iris import ID

# what each kind of id looks like, for the messages
KINDS = {
    "body": "quang-ngai/so-noi-vu/thanh-tra-so",
    "doc": "luat/36-2018-qh14 (a document) or luat/36-2018-qh14/dieu-10 (an article)",
    "task": "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026/ii-3-h-1",
    "plan": "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026",
}
MAX_ID = 400  # characters; the longest id of the samples has ~90
MAX_TEXT = 1000  # characters of a free-text parameter (a search, a name, a number)
_SEGMENT = r"[a-z0-9]+(?:-+[a-z0-9]+)*"
ID_SCHEME = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")


def is_id(value: str) -> bool:
    """True when ``value`` has the shape of one of the project's ids."""
    return len(value) <= MAX_ID and ID_SCHEME.fullmatch(value) is not None


def bind(kind: str, value: str | int | dt.date, name: str) -> URIRef | Literal:
    """The typed term for the value of parameter ``name``.

    ``kind`` is an id kind (``body``, ``doc``, ``task``, ``plan``: the id, or the full IRI
    below ``https://cancu.dev/id/<kind>/``), ``text`` (a search, a name, a document number:
    a plain literal), ``date`` or ``integer`` (already parsed by :mod:`common`'s ``arg_*``).
    A value that does not fit is a 400 naming the parameter.
    """
    if kind in KINDS:
        prefix = f"{ID}{kind}/"
        text = str(value).strip()
        local = text[len(prefix) :] if text.startswith(prefix) else text.strip("/")
        if not is_id(local):
            raise ApiError(400, f"parameter {name!r} is not an id: ids are lower-case letters, "
                                "digits and hyphens in parts separated by '/', like "
                                f"{KINDS[kind]}")  # fmt: skip
        return URIRef(prefix + local)
    if kind == "text":
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            raise ApiError(400, f"parameter {name!r} is longer than {MAX_TEXT} characters")
        return Literal(text)
    if kind == "date" and isinstance(value, dt.date):
        return Literal(value, datatype=XSD.date)
    if kind == "integer" and isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    raise TypeError(f"bind: no {kind!r} term from {type(value).__name__} (parameter {name!r})")
