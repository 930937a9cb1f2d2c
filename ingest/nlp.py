"""The spaCy pipeline: a blank "vi" language with our tokenizer and rule components.

spaCy's Vietnamese tokenizer either runs pyvi word segmentation (~10x slower) or splits on
spaces only ("10," stays one token). Ours splits words, numbers and punctuation with one
regular expression, which keeps the speed and lets spans align with every citation and name.
Components are registered by name and configured in :func:`build`, so a pipeline is data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, repeat
from operator import sub

import spacy
from spacy.attrs import IDX, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

PIECE = re.compile(r"\w+ ?|[^\w\s] ?|\s+")  # a token with its trailing space
TEXT_KEY = "cancu_text"
PIECES_KEY = "cancu_pieces"

if not Span.has_extension("ref"):
    Span.set_extension("ref", default=None)


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


def token_span(doc: Doc, start: int, end: int, label: str | int = 0) -> Span | None:
    """:func:`char_span` from the token offsets: the same span (or None), without spaCy
    making a Token object for every step of its search. ``label`` may be a string id."""
    if isinstance(label, str):
        label = doc.vocab.strings.add(label) if label else 0
    return token_spans(doc, [(start, end, label)])[0]


def token_spans(doc: Doc, wanted: Iterable[tuple[int, int, int]]) -> list[Span | None]:
    """:func:`token_span` of each (start, end, label id), the doc's offsets read once. When
    every span lies in the text and opens where a token does (nearly always), the tokens
    are found and the spans made in C loops."""
    wanted = list(wanted)
    if not wanted:
        return []
    starts, _spaces = offsets(doc)
    size = len(text_of(doc))
    begins, ends, labels = zip(*wanted, strict=True)
    if min(begins) >= 0 and max(begins) < size and min(ends) > 0 and max(ends) <= size:
        firsts = list(map(sub, map(bisect_right, repeat(starts), begins), repeat(1)))
        if tuple(map(starts.__getitem__, firsts)) == begins:
            lasts = map(bisect_right, repeat(starts), map(sub, ends, repeat(1)))
            return list(map(Span, repeat(doc), firsts, lasts, labels))
    return [_token_span(doc, start, end, label) for start, end, label in wanted]


def _token_span(doc: Doc, start: int, end: int, label: int) -> Span | None:
    """One span, as ``char_span(..., alignment_mode="expand")`` makes it."""
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
