"""Shortcuts of the assembly stage give what the plain code they replace gives."""

from __future__ import annotations

import pytest

from ingest.extract import _find_markers, _marker_re

MARKER_TEXTS = [
    "Luật PCTN¹ và Nghị định²³, theo [1] và tại Điều 5[12]; xem (ghi chú)⁴.",
    " ¹ ²x³ [1234] [7]¹ ,⁵ ;[3] )⁶ a[] [x] ⁰",
    "¹²³ đầu dòng",
    "",
]


@pytest.mark.parametrize("text", MARKER_TEXTS)
def test_marker_scan_is_finditer(text: str) -> None:
    for start, end in [(0, len(text)), (1, len(text) - 2), (3, 9)]:
        start, end = min(start, len(text)), max(min(end, len(text)), 0)
        want = [(m.span(), m.group("marker")) for m in _marker_re().finditer(text, start, end)]
        got = [(m.span(), m.group("marker")) for m in _find_markers(text, start, end)]
        assert got == want
