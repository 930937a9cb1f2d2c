"""Folding of Vietnamese text for comparison: case, diacritics, đ, punctuation."""

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
