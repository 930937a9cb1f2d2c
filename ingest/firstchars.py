"""The characters a regular expression can start with, read from its parse tree.

Scanning a plan with sixty alternatives at every position is slow in Python's ``re``; knowing
each pattern's possible first characters lets a scan try only the patterns that can match.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """Possible first characters (both cases), or None when any character may start it."""
    tree = _parser.parse(pattern, flags)
    chars = _first(list(tree))
    if chars is None:
        return None
    return chars | {c.upper() for c in chars} | {c.lower() for c in chars}


def _first(items: list) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            return out | {chr(av)}
        if op is C.IN:
            sub: set[str] = set()
            for iop, iav in av:
                if iop is C.LITERAL:
                    sub.add(chr(iav))
                elif iop is C.RANGE:
                    sub.update(chr(c) for c in range(iav[0], iav[1] + 1))
                elif iop is C.NEGATE:
                    return None
                else:  # a category such as \w
                    return None
            return out | sub
        if op is C.SUBPATTERN:
            inner = _first(list(av[3]))
            if inner is None:
                return None
            out |= inner
            if av[3].getwidth()[0] > 0:
                return out
            continue
        if op is C.BRANCH:
            for branch in av[1]:
                inner = _first(list(branch))
                if inner is None:
                    return None
                out |= inner
            if all(b.getwidth()[0] > 0 for b in av[1]):
                return out
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub_items = av
            inner = _first(list(sub_items))
            if inner is None:
                return None
            out |= inner
            if lo > 0 and sub_items.getwidth()[0] > 0:
                return out
            continue
        return None
    return out if out else None


def dispatch(patterns: list[re.Pattern[str]]) -> tuple[re.Pattern[str], dict[str, list[int]]]:
    """A scanner for plausible starts, and for each first character the patterns to try."""
    table: dict[str, set[int]] = {}
    wild: set[int] = set()
    for i, p in enumerate(patterns):
        chars = first_chars(p.pattern, p.flags & re.IGNORECASE)
        if chars is None:
            wild.add(i)
        else:
            for c in chars:
                table.setdefault(c, set()).add(i)
    if wild:
        return re.compile(r"(?<!\w)\w"), _Wild(table, wild)
    cls = "".join(re.escape(c) for c in sorted(table))
    return re.compile(rf"(?<!\w)[{cls}]"), {c: sorted(v) for c, v in table.items()}


class _Wild(dict):
    """Look-up for when some pattern may start anywhere: it is tried at every start."""

    def __init__(self, table: dict[str, set[int]], wild: set[int]) -> None:
        super().__init__({c: sorted(v | wild) for c, v in table.items()})
        self.wild = sorted(wild)

    def __missing__(self, key: str) -> list[int]:
        return self.wild
