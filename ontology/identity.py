"""A plan's identity: who issued it, its number and its year, or its content where it has no
number; never the name of the file it came in.

The same text read from two folders is one plan; two plans that happen to share a file name
are two; two provinces' ``577/KH-UBND`` of 2024 are two (their issuers differ); a corrected
copy of a numbered plan is the same plan, so it replaces the old one. The key is the stem of
every IRI the plan's graph mints (graph, plan node, tasks, spans, citations) and the plan's id
in URLs: ``tay-ninh/uy-ban-nhan-dan-tinh/577-kh-ubnd-2024``,
``quang-ngai/so-noi-vu/3f9a0c12d4e5`` (no number: a content digest).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ontology import bodies
from ontology.iris import GRAPH, ID, doc_iri, slug

DIGEST_CHARS = 12  # 48 bits: no two plans of one issuer collide by chance
PLAN = ID + "plan/"
PLAN_GRAPH = GRAPH + "plan/"
# record fields that say where a plan was read, not what it is
_WHERE = ("source", "path", "sha256", "encoding")


def issuer_part(document: dict) -> str:
    """``tay-ninh/uy-ban-nhan-dan-tinh``: the issuer as a body of its province; the issuer's
    name alone where the province is unknown (never the file name, as body scopes fall back to)."""
    province, words = bodies.jurisdiction_of(document, "")
    if words is None:
        return slug(document.get("issuer") or "") or "khong-ro"
    issuer = bodies.issuer_body(document, "")
    return str(issuer.iri).removeprefix(bodies.body_iri()) if issuer else province


def content_digest(record: dict[str, Any]) -> str:
    """The file's sha256 where the record has it, else a digest of what the record says."""
    if record.get("sha256"):
        return str(record["sha256"])
    what = {k: v for k, v in record.items() if k not in _WHERE}
    text = json.dumps(what, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_key(document: dict, digest: str) -> str:
    """The plan's key from its header (issuer, number, date), or issuer + ``digest``."""
    number = document.get("number")
    if number and slug(number):
        tail = str(doc_iri(number, document.get("type"), date=document.get("date")))
        return f"{issuer_part(document)}/{tail.rsplit('/', 1)[-1]}"
    return f"{issuer_part(document)}/{digest[:DIGEST_CHARS]}"


def record_key(record: dict[str, Any]) -> str:
    """:func:`plan_key` of a plan record (its ``document`` and its content)."""
    return plan_key(record.get("document") or {}, content_digest(record))


def scope(key: str) -> str:
    """One IRI segment standing for the plan, for bodies whose province is unknown."""
    return key.replace("/", "-")


def plan_iri(key: str) -> str:
    return PLAN + key


def plan_graph(key: str) -> str:
    return PLAN_GRAPH + key


def key_of(iri: str) -> str | None:
    """The key of a plan node or plan graph IRI; None for any other IRI."""
    for prefix in (PLAN, PLAN_GRAPH):
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return None
