"""What shape tests ask of an extraction: the tasks of a few lines under a plan's head, each
task's bodies with their roles, the names the spotter finds, a plan's citations (shared by
the shape tests)."""

from __future__ import annotations

from ingest.extract import extract_text
from ingest.nlp import build
from ingest.spot import refs


def tasks_of(head: str, body: str) -> list:
    """The tasks extracted from ``body`` placed under ``head`` (a plan's header and heading)."""
    return extract_text(head + body).tasks


def roles(task) -> list[tuple[str, str]]:
    """(name as written, role) of every body a task names."""
    return [(b.name, b.role) for b in task.bodies]


def spotted_names(text: str) -> list[str]:
    """The body names the spotter finds in one sentence, as written."""
    return [f.text for f in refs(build()(text), "bodies")]


def record_of(head: str, preamble: str, body: str):
    """The record of a plan: ``head``, its ``preamble`` and one section of tasks ``body``."""
    return extract_text(head + preamble + "\n\nI. NHIỆM VỤ\n" + body)


def numbers_of(citations) -> list[str | None]:
    """The numbers of cited documents, in order (None for a law cited by title alone)."""
    return [c.number for c in citations]


def titles_of(citations) -> list[str | None]:
    """The titles of cited documents, in order."""
    return [c.title for c in citations]
