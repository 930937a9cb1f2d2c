"""Where the bundled data lives, so every entry point finds it the same way."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PLANS = DATA / "plans"
LAWS = DATA / "laws"


def default_store() -> Path:
    """The persistent store: ``$CANCU_STORE`` or ``var/store`` in the project."""
    return Path(os.environ.get("CANCU_STORE", ROOT / "var" / "store"))
