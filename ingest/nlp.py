"""The spaCy pipeline: a blank "vi" language with our tokenizer and rule components.

spaCy's Vietnamese tokenizer either runs pyvi word segmentation (~10x slower) or splits on
spaces only ("10," stays one token). Ours splits words, numbers and punctuation with one
regular expression, which keeps the speed and lets spans align with every citation and name.
Components are registered by name and configured in :func:`build`, so a pipeline is data.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

_TOKEN = re.compile(r"\w+|[^\w\s]")

if not Span.has_extension("ref"):
    Span.set_extension("ref", default=None)


class RegexTokenizer:
    """Words, numbers and single punctuation marks, with spaces kept for exact offsets."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _TOKEN.finditer(text):
            words.append(m.group())
            end = m.end()
            spaces.append(end < len(text) and text[end] == " ")
        # white space other than one space after a token becomes its own token, as spaCy does
        doc_words: list[str] = []
        doc_spaces: list[bool] = []
        pos = 0
        for word, space in zip(words, spaces, strict=True):
            start = text.index(word, pos)
            if start > pos:
                doc_words.append(text[pos:start])
                doc_spaces.append(False)
            doc_words.append(word)
            doc_spaces.append(space)
            pos = start + len(word) + (1 if space else 0)
        if pos < len(text):
            doc_words.append(text[pos:])
            doc_spaces.append(False)
        return Doc(self.vocab, words=doc_words, spaces=doc_spaces)

    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> RegexTokenizer:
        return self

    def to_disk(self, _path, **_kwargs) -> None:
        return None

    def from_disk(self, _path, **_kwargs) -> RegexTokenizer:
        return self


@registry.tokenizers("cancu.regex_tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> RegexTokenizer:
        return RegexTokenizer(nlp.vocab)

    return make


COMPONENTS = ["cancu_documents", "cancu_bodies", "cancu_roles", "cancu_timeframes"]


@lru_cache(maxsize=1)
def build() -> Language:
    """The pipeline: tokenizer plus the rule components of :mod:`ingest.spot`."""
    from ingest import spot  # noqa: F401  (registers the components)

    nlp = spacy.blank(
        "vi", config={"nlp": {"tokenizer": {"@tokenizers": "cancu.regex_tokenizer.v1"}}}
    )
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A span over characters, widened to whole tokens."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")
