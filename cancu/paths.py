"""Where the bundled data lives, so every entry point finds it the same way."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PLANS = DATA / "plans"
LAWS = DATA / "laws"


def default_store() -> Path | str:
    """The persistent store: ``$CANCU_STORE`` (a directory, or a SPARQL endpoint URL, kept a
    string: a Path would fold its ``//``) or ``var/store`` in the project."""
    value = os.environ.get("CANCU_STORE")
    if value and value.lower().startswith(("http://", "https://")):
        return value
    return Path(value) if value else ROOT / "var" / "store"
