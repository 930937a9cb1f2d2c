"""Spans from character offsets: the same spans spaCy's ``char_span(..., "expand")`` makes."""

from __future__ import annotations

import random

from ingest.nlp import build, token_span, token_spans

TEXT = ("Căn cứ Luật Phòng, chống tham nhũng số 36/2018/QH14;\n"
        "Sở Tư pháp chủ trì,  phối hợp với Thanh tra tỉnh (quý IV/2025).")


def _expected(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def test_every_offset_pair_matches_char_span() -> None:
    doc = build().tokenizer(TEXT)
    n = len(TEXT)
    for start in range(-1, n + 1):
        for end in range(start, n + 2, 3):
            got, want = token_span(doc, start, end), _expected(doc, start, end)
            assert (got is None) == (want is None), (start, end)
            if want is not None:
                assert (got.start, got.end) == (want.start, want.end), (start, end)


def test_batches_fast_and_slow_alike() -> None:
    """A batch of spans opening on token starts takes the C path; one odd span sends the
    batch to the careful path; both give what char_span gives, labels included."""
    doc = build().tokenizer(TEXT)
    label = doc.vocab.strings.add("body")
    token_starts = [t.idx for t in doc]
    rng = random.Random(7)
    aligned = [(s, min(len(TEXT), s + rng.randint(1, 30)), label)
               for s in rng.sample(token_starts, 20)]
    odd = [*aligned, (token_starts[5] + 1, token_starts[9], label), (-3, 4, label)]
    for batch in (aligned, odd):
        spans = token_spans(doc, batch)
        for (start, end, _label), span in zip(batch, spans, strict=True):
            want = _expected(doc, start, end)
            if want is None:
                assert span is None
            else:
                assert (span.start, span.end, span.label_) == (want.start, want.end, "body")
    assert token_spans(doc, []) == []
