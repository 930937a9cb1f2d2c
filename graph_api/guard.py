"""What the public SPARQL endpoint refuses before a query runs: federated calls (``SERVICE``).

Oxigraph follows ``SERVICE <url>`` to any address, the server itself included, so a client could
make the server call anywhere (SSRF) or call itself until every worker waits. The endpoint
refuses ``SERVICE`` unless its endpoint is written as an absolute IRI (in full, or as a
prefixed name of a declared prefix) that is on the allow list ``CANCU_SPARQL_SERVICES``; an
endpoint in a variable or relative to a ``BASE`` is refused, as it cannot be checked before the
query runs. Updates (``LOAD`` among them) are refused elsewhere, by the query parser.

The check reads the query's tokens the way the grammar does (strings, IRIs and comments are
skipped, keywords are case-insensitive) after undoing ``\\u`` escapes, so that no spelling of
the keyword slips through; a false alarm costs a clear 400, never a call.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*|\s+)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<pname>(?:[^\W\d_][\w.-]*)?:[\w.:%-]*)
      | (?P<word>[^\W\d]\w*)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class ServiceRefused(ValueError):
    """A query asks for a federated call this endpoint does not make."""


def _tokens(sparql: str) -> Iterator[tuple[str, str]]:
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "skip":
            yield kind, m.group()


def services(sparql: str) -> list[str | None]:
    """The endpoint of each ``SERVICE`` in the query: an absolute IRI, or None when it is a
    variable, relative, of an undeclared prefix, or missing."""
    prefixes: dict[str, str] = {}
    tokens = list(_tokens(sparql))
    out: list[str | None] = []
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        word = value.upper()
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1][0] == "pname" \
                and tokens[i + 2][0] == "iri":  # fmt: skip
            prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
        elif word == "SERVICE":
            j = i + 1
            if j < len(tokens) and tokens[j] == ("word", tokens[j][1]) and \
                    tokens[j][1].upper() == "SILENT":  # fmt: skip
                j += 1
            out.append(_endpoint(tokens[j] if j < len(tokens) else None, prefixes))
    return out


def _endpoint(token: tuple[str, str] | None, prefixes: dict[str, str]) -> str | None:
    if token is None:
        return None
    kind, value = token
    if kind == "iri":
        iri = value[1:-1]
    elif kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix not in prefixes:
            return None
        iri = prefixes[prefix] + local
    else:
        return None
    return iri if _ABSOLUTE.match(iri) else None


def refuse_services(sparql: str, allowed: Collection[str] = ()) -> None:
    """Raise :class:`ServiceRefused` unless every ``SERVICE`` goes to an allowed endpoint."""
    for endpoint in services(sparql):
        if endpoint is not None and endpoint in allowed:
            continue
        what = f"SERVICE <{endpoint}>" if endpoint else "SERVICE with an endpoint that is not " \
            "an absolute IRI"  # fmt: skip
        hint = (f"the endpoints allowed are {', '.join(sorted(allowed))}" if allowed else
                "federated queries are off (CANCU_SPARQL_SERVICES lists the endpoints allowed)")
        raise ServiceRefused(f"{what} is not allowed on this endpoint: {hint}")
