"""Task tables: the annex grid ("| TT | Nội dung | Cơ quan chủ trì | ... |") many plans
use instead of prose. Each data row is a task; its cells say who leads, supports, executes
and by when, as an assignment line would. Column meanings come from the header row's words
(``[tables]`` in patterns.toml), so any column order works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import lexicon
from ingest.text import fold

# the label each kind of cell stands for, read as an assignment or time line
LABELS = {"lead": "Cơ quan chủ trì", "support": "Cơ quan phối hợp",
          "executor": "Cơ quan thực hiện", "time": "Thời gian thực hiện"}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int
    end: int


def is_row(text: str) -> bool:
    return text.startswith("|") and text.rstrip().endswith("|") and text.count("|") >= 3


def cells(line: str, offset: int) -> list[Cell]:
    """The cells of one "| a | b |" line with their offsets in the text."""
    out = []
    for m in re.finditer(r"(?<=\|)([^|]*)(?=\|)", line):
        raw = m.group(1)
        stripped = raw.strip()
        at = offset + m.start(1) + (raw.index(stripped) if stripped else 0)
        out.append(Cell(stripped, at, at + len(stripped)))
    return out


def is_rule(row: list[Cell]) -> bool:
    """The "|---|:---:|" line under a markdown header."""
    return all(re.fullmatch(r":?-{2,}:?", c.text) or not c.text for c in row)


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    return {k: list(v) for k, v in lexicon().patterns["tables"].items()}


def columns(header: list[Cell]) -> dict[int, str] | None:
    """Column index → meaning, when the header is that of a task table; else None."""
    words = _words()
    out: dict[int, str] = {}
    for i, cell in enumerate(header):
        folded = fold(cell.text).strip(" .:")
        for kind, starts in words.items():
            if any(folded == w or folded.startswith(w + " ") for w in starts):
                out.setdefault(i, kind)
                break
    kinds = set(out.values())
    if "content" in kinds and kinds & {"lead", "support", "executor", "time"}:
        return out
    return None
