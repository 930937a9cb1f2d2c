"""Shortcuts of the assembly stage give what the plain code they replace gives."""

from __future__ import annotations

import random

import pytest

from ingest import assign
from ingest.regexes import Tail


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
    unbounded = Tail.of(r"a\s*b+")
    assert unbounded.width is None and unbounded.sub("", "x ab  ") == "x "


def test_new_words_narrowed_by_their_prefixes_keep_every_candidate() -> None:
    """A word's patterns are sought among its prefix's (a pattern that can open a word can
    open its prefixes): the same as trying every pattern its first letter allows, word by
    word, in any order of learning."""
    import re

    from cancu.paths import PLANS
    from ingest.regexes import WordIndex, spotting_index

    patterns = spotting_index()[0].patterns
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.txt")))
    words = sorted(set(re.findall(r"\w+", text)))
    random.Random(5).shuffle(words)
    learned, plain = WordIndex(patterns), WordIndex(patterns)
    for word in words:
        want = tuple(i for i in plain._opening_with(word[:1])
                     if plain._partial[i].match(word, partial=True) is not None)
        assert learned.candidates(word) == want, word
    assert any(learned.candidates(w) for w in words)  # some words do open patterns


def test_first_list_is_the_first_of_the_lists() -> None:
    """``leading`` groups only the list a text opens with: the same as the first of all."""
    from cancu.paths import PLANS
    from ingest import spot
    from ingest.nlp import build
    from ingest.read import read_plan

    for path in sorted(PLANS.glob("*.txt")):
        text = read_plan(path).text
        bodies = spot.refs(build()(text), "bodies")
        rng = random.Random(path.name)
        for _ in range(200):
            start = rng.randrange(len(text))
            inside = spot.within(bodies, start, start + rng.randint(1, 600))
            first, groups = assign.first_list(inside, text), assign.lists(inside, text)
            want = [m.start for m in groups[0].members] if groups else None
            assert ([m.start for m in first.members] if first else None) == want
