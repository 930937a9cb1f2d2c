"""The spaCy pipeline: a blank "vi" language with our tokenizer and rule components.

spaCy's Vietnamese tokenizer either runs pyvi word segmentation (~10x slower) or splits on
spaces only ("10," stays one token). Ours splits words, numbers and punctuation with one
regular expression, which keeps the speed and lets spans align with every citation and name.
Components are registered by name and configured in :func:`build`, so a pipeline is data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

import spacy
from spacy.attrs import IDX, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

PIECE = re.compile(r"\w+ ?|[^\w\s] ?|\s+")  # a token with its trailing space
TEXT_KEY = "cancu_text"
PIECES_KEY = "cancu_pieces"

REFS_KEY = "cancu_refs"  # doc.user_data: (start char, end char) -> what a component found


def _ref(span: Span):
    """What the rule component that made ``span`` found there (``span._.ref``)."""
    return span.doc.user_data.get(REFS_KEY, {}).get((span.start_char, span.end_char))


if not Span.has_extension("ref"):
    Span.set_extension("ref", getter=_ref)


class RegexTokenizer:
    """Words, numbers and single punctuation marks, with spaces kept for exact offsets.

    One space after a word or a mark is that token's trailing space; other white space is a
    token of its own. A plan is mostly the same few thousand syllables, so each distinct
    piece's string id and trailing space are kept: the Doc is built from ids, and spaCy
    need not hash each word again.
    """

    _MAX_PIECES = 500_000  # distinct pieces kept before the look-ups start again

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self._ids: dict[str, int] = {}  # piece ("word " with its space) -> the word's id
        self._spaces: dict[str, bool] = {}  # piece -> has it a trailing space?

    def _learn(self, piece: str) -> None:
        space = len(piece) > 1 and piece[-1] == " " and not piece[0].isspace()
        self._ids[piece] = self.vocab.strings.add(piece[:-1] if space else piece)
        self._spaces[piece] = space

    def __call__(self, text: str) -> Doc:
        pieces = PIECE.findall(text)
        if len(self._ids) > self._MAX_PIECES:
            self._ids.clear()
            self._spaces.clear()
        for piece in set(pieces).difference(self._ids):
            self._learn(piece)
        spaces = list(map(self._spaces.__getitem__, pieces))
        doc = Doc(self.vocab, words=list(map(self._ids.__getitem__, pieces)), spaces=spaces)
        doc.user_data[TEXT_KEY] = text  # Doc.text is rebuilt from tokens on each access
        doc.user_data[PIECES_KEY] = pieces, spaces  # each token's text with its space
        return doc

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
    # spaCy refuses texts over 1 M characters (E088) for the memory its parser and NER need;
    # this pipeline has neither, its cost grows with the text, and the size of a plan file is
    # bounded where it is read (ingest.read.MAX_BYTES, --max-size)
    nlp.max_length = 1 << 40
    return nlp


def text_of(doc: Doc) -> str:
    """The doc's text, cached by the tokenizer (``Doc.text`` rebuilds it every time)."""
    return doc.user_data.get(TEXT_KEY) or doc.text


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A span over characters, widened to whole tokens."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


OFFSETS_KEY = "cancu_offsets"


def pieces(doc: Doc) -> list[str] | None:
    """Each token's text with its trailing space, as the tokenizer cut them (None for a
    doc made by another tokenizer)."""
    found = doc.user_data.get(PIECES_KEY)
    return found[0] if found else None


def offsets(doc: Doc) -> tuple[list[int], list[bool]]:
    """Each token's start offset and whether a space trails it (kept on the doc)."""
    found = doc.user_data.get(OFFSETS_KEY)
    if found is None:
        made = doc.user_data.get(PIECES_KEY)
        if made is not None:
            starts = list(accumulate(map(len, made[0]), initial=0))
            starts.pop()
            found = starts, made[1]
        else:
            found = (doc.to_array(IDX).tolist(), doc.to_array(SPACY).astype(bool).tolist())
        doc.user_data[OFFSETS_KEY] = found
    return found


def token_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """The span :func:`char_span` makes (or None), found by bisecting the token offsets
    rather than by spaCy's walk over Token objects (~3x faster, a plan has hundreds)."""
    starts, spaces = offsets(doc)
    size = len(text_of(doc))
    if not (0 <= start < size and 0 < end <= size):
        return None  # char_span finds no token there
    first = bisect_right(starts, start) - 1
    last = bisect_right(starts, end - 1)
    # "expand" leaves out a token whose trailing space is all the span starts on
    if spaces[first] and start == (starts[first + 1] if first + 1 < len(starts) else size) - 1:
        first += 1
    return Span(doc, first, last, label)
