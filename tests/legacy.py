"""Bytes as legacy Vietnamese files hold them, for reading tests."""

from __future__ import annotations

import unicodedata

_KEPT = "\u0302\u0306\u031b"  # circumflex, breve, horn: cp1258 has â ă ê ô ơ ư precomposed


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word files wrote it: the tone mark a separate character
    after its letter, since the code page has no room for letters carrying both marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            out += unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _KEPT)
                                         ).encode("cp1258")
            for m in marks:
                if m not in _KEPT:
                    out += m.encode("cp1258")
    return bytes(out)
