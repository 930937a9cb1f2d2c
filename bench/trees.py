"""The code of a git ref as a folder of its own, for benchmarks that time two codes in turns
(the ref against this tree): a long run is not changed under it by edits or merges here."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tree_of(ref: str) -> Path:
    """The files of ``ref`` in a folder of their own."""
    folder = Path(tempfile.mkdtemp(prefix="cancu-ref-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def short_ref(ref: str) -> str:
    """The short commit id ``ref`` names (the code a figure was taken with)."""
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref],
                          capture_output=True, text=True).stdout.strip()
