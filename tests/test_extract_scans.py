"""Shortcuts of the assembly stage give what the plain code they replace gives."""

from __future__ import annotations

import random

import pytest

from ingest import assign


def _texts(words: list[str], n: int = 400) -> list[str]:
    """Random runs of cue words, letters, white space and punctuation (fixed seed)."""
    rng = random.Random(7)
    pieces = [*words, "x", "a", " ", "  ", "\n", "\t", ",", "-", "Ủy ban", "\u00a0"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(n)]


@pytest.mark.parametrize("name", ["request_end", "assign_end", "head_end"])
def test_tail_search_and_sub_are_the_plain_ones(name: str) -> None:
    tail = assign._tails()[name]
    words = ["đề nghị", "Đề Nghị", "giao", "giao cho", "GIAO", "Thủ trưởng", "Chi cục trưởng",
             "trưởng", "Cục trưởng", "các", "Các"]
    for text in _texts(words):
        want = tail.pattern.search(text)
        got = tail.search(text)
        assert (got and got.span()) == (want and want.span()), text
        assert tail.sub("", text) == tail.pattern.sub("", text), text
        assert tail.sub(" ", text) == tail.pattern.sub(" ", text), text


def test_each_end_and_unbounded_tails() -> None:
    for text in _texts(["các", "Các", "CÁC"]):
        assert assign._EACH_END.sub(" ", text) == assign._EACH_END.pattern.sub(" ", text)
    unbounded = assign._Tail.of(r"a\s*b+")
    assert unbounded.width is None and unbounded.sub("", "x ab  ") == "x "
