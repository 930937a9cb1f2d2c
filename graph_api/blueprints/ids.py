"""URL ids ↔ resource IRIs: the slug part of each IRI, so links stay stable across re-ingests.

Bodies are ``quang-ngai/so-noi-vu/thanh-tra-so`` (below ``/id/body/``), documents and articles
``luat/36-2018-qh14`` and ``luat/36-2018-qh14/dieu-10`` (below ``/id/doc/``), tasks
``hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026/ii-3-h-1`` (below ``/id/task/``). A plan's id
is its key (``hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026``: issuer, number and year, or a
content digest where the plan has no number; see :mod:`ontology.identity`), never its file
name, which two plans may share.
"""

from __future__ import annotations

from functools import lru_cache

from ontology.identity import key_of
from ontology.iris import ID, fold

BODY = ID + "body/"
DOC = ID + "doc/"
TASK = ID + "task/"

__all__ = ["BODY", "DOC", "TASK", "fold", "plan_id", "short", "task_anchor", "task_id"]


def short(iri: str | None, prefix: str) -> str | None:
    """The id of an IRI below ``prefix`` (None when it is not one of ours)."""
    if iri is None or not iri.startswith(prefix):
        return None
    return iri[len(prefix) :]


def plan_id(plan_iri: str) -> str:
    """The URL id of a plan node (its identity key)."""
    return key_of(plan_iri) or plan_iri


def task_id(iri: str) -> str:
    return iri.removeprefix(TASK)


def task_anchor(iri: str) -> str:
    """The HTML id of a task's ``<mark>`` in its plan page: ``task-ii-3-h-1``."""
    return "task-" + iri.rsplit("/", 1)[-1]


def article_anchor(iri: str) -> str:
    """The HTML id of an article on its document page: ``dieu-10``."""
    return iri.rsplit("/", 1)[-1]


def folded(*parts: str | None) -> str:
    """Lower case without diacritics, so ``thanh tra tinh`` finds ``Thanh tra tỉnh``."""
    return " ".join(_fold(p) for p in parts if p)


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    """Folding is pure and the same task texts are searched on every request: keep them."""
    return fold(text)
