"""Folders watched for plans that arrive or change (``cancu ingest --watch``).

Legal staff save plans from Word or Outlook into a shared folder; a process that stays running
reads each new or changed file as it settles, so it is in the graph seconds later without paying
again for the start of a process (imports, patterns: most of what one plan costs a command).

The folders are polled (one ``stat`` a file) rather than watched through the kernel's events:
shared folders are often network shares (SMB, NFS), where inotify sees nothing another machine
writes. A file is taken once its size and modification time have stood still over one poll, so a
plan still being copied or saved is not read half-written; Office's owner files (``~$plan.docx``,
written beside a document while it is open) are no plans and are passed over by the scan.
A file that disappears is only reported: a share that drops off for a minute must not empty the
graph, so deleting a plan stays an explicit ``cancu remove``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph_api.pipeline import find_files

Signature = tuple[int, int]  # (size, mtime in ns)


def _signature(path: Path) -> Signature | None:
    try:
        st = path.stat()
    except OSError:  # gone between the listing and the stat
        return None
    return st.st_size, st.st_mtime_ns


def scan(paths: Iterable[Path]) -> dict[Path, Signature]:
    """Every file ``cancu ingest`` would take or report under ``paths``, with its signature."""
    files, problems = find_files(list(paths), max_bytes=None)
    found = [*files, *(Path(p.source) for p in problems)]
    out: dict[Path, Signature] = {}
    for f in found:
        sig = _signature(f)
        if sig is not None:
            out[f] = sig
    return out


@dataclass
class Watch:
    """What was last ingested under ``paths``, and what has changed since but not yet settled."""

    paths: list[Path]
    seen: dict[Path, Signature] = field(default_factory=dict)
    pending: dict[Path, Signature] = field(default_factory=dict)

    def start(self) -> None:
        """Take the files as they are now as ingested (call it before the first ingest, so that
        a file changed while that ingest ran is read again)."""
        self.seen = scan(self.paths)
        self.pending = {}

    def poll(self) -> tuple[list[Path], list[Path]]:
        """(files to ingest: new or changed, and unchanged since the last poll; files gone)."""
        now = scan(self.paths)
        changed = {p: sig for p, sig in now.items() if self.seen.get(p) != sig}
        ready = sorted(p for p, sig in changed.items() if self.pending.get(p) == sig)
        self.pending = {p: sig for p, sig in changed.items() if p not in ready}
        for p in ready:
            self.seen[p] = now[p]
        gone = sorted(p for p in self.seen if p not in now)
        for p in gone:
            del self.seen[p]
        return ready, gone

    def retry(self, paths: Iterable[Path]) -> None:
        """Files an ingest could not take (the store was held): ready again at the next poll."""
        for p in paths:
            sig = self.seen.pop(p, None)
            if sig is not None:
                self.pending[p] = sig
