"""Folding of Vietnamese text for comparison (case, diacritics, đ, punctuation), and the
Roman numerals plans number their parts and chapters with."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: how two spellings compare."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


def slug(text: str) -> str:
    """A stable IRI-safe slug of a name or number ("59/2019/NĐ-CP" → "59-2019-nd-cp")."""
    return fold(text).replace(" ", "-")


def squash(text: str) -> str:
    """Collapse white space and trim: the form a name or title is stored in (str.split
    splits on what ``\\s`` matches, so this equals ``re.sub(r"\\s+", " ", text).strip()``)."""
    return " ".join(text.split())


_ROMAN_VALUES = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def to_roman(n: int) -> str:
    """4 → "IV"."""
    out = []
    for value, letters in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(numeral: str) -> int:
    """"IV" → 4 (upper case)."""
    values = [v for c in numeral for v, letters in _ROMAN_VALUES if letters == c]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))
