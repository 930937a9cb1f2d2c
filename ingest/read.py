"""Reading a plan file: bytes to clean text, with a map back to source offsets.

STUB: minimal version (UTF-8, NFC, markdown emphasis); to be replaced by the full reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.models import Span


class ReadError(Exception):
    """A plan that cannot be read: unknown encoding, binary data, unsupported format."""


@dataclass(slots=True)
class CleanText:
    """Cleaned text plus, for each of its characters, the offset in ``raw`` it came from."""

    text: str
    raw: str
    encoding: str
    offsets: list[int] = field(default_factory=list)  # len(text) + 1 entries
    _line_starts: list[int] = field(default_factory=list)

    def source_offset(self, i: int) -> int:
        return self.offsets[min(max(i, 0), len(self.offsets) - 1)]

    def line_of(self, source_offset: int) -> int:
        import bisect

        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.raw)]
        return bisect.bisect_right(self._line_starts, source_offset)

    def source_span(self, start: int, end: int) -> Span:
        s = self.source_offset(start)
        e = self.source_offset(end - 1) + 1 if end > start else s
        return Span(s, e, self.line_of(s))


def clean(raw: str, encoding: str = "utf-8") -> CleanText:
    out: list[str] = []
    offsets: list[int] = []
    text = unicodedata.normalize("NFC", raw)
    for m in re.finditer(r"\*\*|__|[^*_]+|[*_]", text):
        if m.group() in ("**", "__"):
            continue
        out.append(m.group())
        offsets.extend(range(m.start(), m.end()))
    offsets.append(len(text))
    return CleanText("".join(out), text, encoding, offsets)


def read_plan(path: str | Path) -> CleanText:
    data = Path(path).read_bytes()
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not UTF-8 ({exc})") from exc
    return clean(raw, "utf-8")
