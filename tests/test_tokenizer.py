"""The pipeline's tokenizer: punctuation split off, offsets exact, its look-ups faithful."""

from __future__ import annotations

import pytest

from ingest.nlp import PIECE, RegexTokenizer, build, offsets, pieces


@pytest.fixture()
def tokenizer() -> RegexTokenizer:
    """A fresh tokenizer (empty caches) on the pipeline's vocabulary."""
    return RegexTokenizer(build().vocab)


def test_punctuation_is_split_from_numbers_and_words(tokenizer: RegexTokenizer) -> None:
    doc = tokenizer("Điều 55, 56 Luật số 36/2018/QH14; Nghị định 59/2019/NĐ-CP.")
    words = [t.text for t in doc]
    assert words[:4] == ["Điều", "55", ",", "56"]
    assert "36" in words and "/" in words and "QH14" in words and ";" in words
    assert words[-1] == "."


@pytest.mark.parametrize("text", [
    "a b c",
    "a  b",  # two spaces
    "a   b",  # three: one white-space token of two spaces
    "  leading",
    " \nleading",
    "trailing  ",
    "x\n  y",  # indentation after a line break
    "x \n y",
    "\n \n",
    "tab\tand nbsp\xa0here",
    "",
    " ",
    "Sở Tư pháp, Sở Nội vụ (chủ trì).\nThời gian: quý IV/2025",
])
def test_tokens_are_the_pattern_pieces_on_any_spacing(tokenizer: RegexTokenizer,
                                                     text: str) -> None:
    """Every text rebuilt exactly with its offsets, the first time (pieces learned) and the
    second (pieces looked up)."""
    for _ in range(2):
        doc = tokenizer(text)
        assert pieces(doc) == PIECE.findall(text)
        assert doc.text == text
        starts, _spaces = offsets(doc)
        assert starts == [t.idx for t in doc]


def test_pieces_learned_in_one_text_serve_another(tokenizer: RegexTokenizer) -> None:
    tokenizer("Thanh tra tỉnh chủ trì, phối hợp với Sở Nội vụ.")
    text = "Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh."
    doc = tokenizer(text)
    assert pieces(doc) == PIECE.findall(text)
    assert [t.whitespace_ for t in doc] == [" " if p.endswith(" ") and len(p) > 1 else ""
                                           for p in PIECE.findall(text)]


def test_cache_starts_again_when_full(tokenizer: RegexTokenizer,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RegexTokenizer, "_MAX_PIECES", 3)
    for n in range(20):
        text = f"mục {n} số {n * 7}/{n}, năm 20{n}"
        doc = tokenizer(text)
        assert pieces(doc) == PIECE.findall(text) and doc.text == text
    assert len(tokenizer._ids) <= 3 + 10
