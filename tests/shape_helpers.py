"""What shape tests ask of an extraction: the tasks of a few lines under a plan's head, and
each task's bodies with their roles (shared by the held-out and unseen shape tests)."""

from __future__ import annotations

from ingest.extract import extract_text


def tasks_of(head: str, body: str) -> list:
    """The tasks extracted from ``body`` placed under ``head`` (a plan's header and heading)."""
    return extract_text(head + body).tasks


def roles(task) -> list[tuple[str, str]]:
    """(name as written, role) of every body a task names."""
    return [(b.name, b.role) for b in task.bodies]
