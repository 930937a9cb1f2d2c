"""Spans from character offsets: the same spans spaCy's ``char_span(..., "expand")`` makes."""

from __future__ import annotations

from ingest.nlp import build, token_span

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


def test_a_component_item_rides_on_its_span() -> None:
    """``span._.ref`` gives what the component found there; ``refs`` the same, in order."""
    from ingest import spot

    doc = build()(TEXT)
    spans = list(doc.spans["documents"])
    assert spans and [s._.ref for s in spans] == spot.refs(doc, "documents")
    assert all(s.start_char <= s._.ref.start < s._.ref.end <= s.end_char for s in spans)
