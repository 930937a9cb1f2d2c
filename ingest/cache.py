"""Files a process keeps for the next one: what took it long to work out, and depends only on
things a key names (a digest), so that a file found under its key is the answer itself.

The folder is ``$CANCU_CACHE`` (``off`` keeps nothing), else ``$XDG_CACHE_HOME/cancu`` or
``~/.cache/cancu``, one sub-folder per kind (``scan``: :mod:`ingest.scan`'s opening answers;
``ocr``: :mod:`ingest.ocr`'s pages). A cache is never needed: a folder that cannot be made or
written, or a file that cannot be read or is not what its key says, is worked out again.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any

OFF = ("0", "off", "no", "false")


def folder(kind: str) -> Path | None:
    """The folder of one kind of cached file; None when caching is off."""
    base = os.environ.get("CANCU_CACHE")
    if base is not None and base.strip().lower() in OFF:
        return None
    if not base:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cancu")
    return Path(base) / kind


def read_json(kind: str, key: str) -> Any | None:
    """The value kept under ``key``, or None (none kept, unreadable, another key inside)."""
    where = folder(kind)
    if where is None:
        return None
    try:
        with (where / f"{key}.json").open(encoding="utf-8") as f:
            held = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(held, dict) or held.get("key") != key:
        return None
    return held.get("value")


def write_json(kind: str, key: str, value: Any) -> bool:
    """Keep ``value`` under ``key``, whole or not at all (written aside, then renamed over);
    False when it could not be kept."""
    where = folder(kind)
    if where is None:
        return False
    tmp = where / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as f:
            json.dump({"key": key, "value": value}, f, ensure_ascii=False,
                      separators=(",", ":"))
        tmp.replace(where / f"{key}.json")
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
    return True
