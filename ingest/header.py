"""The plan's own metadata: number, type, issuer, place, date, title, signer."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.lexicon import DATA, _load, lexicon
from ingest.models import DocumentInfo, Span
from ingest.outline import Line, Outline
from ingest.text import squash


def _cities() -> set[str]:
    return set(_load("provinces.toml")["cities"]["names"])


def read_header(outline: Outline, to_span: Callable[[int, int], Span]) -> DocumentInfo:
    lx = lexicon()
    h = outline.header
    info = DocumentInfo()
    if h.number is not None:
        m = re.match(lx.pattern("header", "number"), h.number.text.strip("* "))
        value = re.sub(r"\s+", "", m.group("value")) if m else ""
        info.number = value if value and not value.startswith("/") else None
        info.spans["number"] = to_span(h.number.start, h.number.end)
    if h.place_date is not None:
        m = re.match(lx.pattern("header", "place_date"), h.place_date.text.strip("* "))
        if m:
            info.place = squash(m.group("place"))
            if m.group("day") and m.group("month"):
                info.date = f"{int(m.group('year')):04d}-{int(m.group('month')):02d}-" \
                            f"{int(m.group('day')):02d}"
        info.spans["date"] = to_span(h.place_date.start, h.place_date.end)
    if h.type_line is not None:
        upper = h.type_line.text.strip("* ").upper()
        info.type = next((t.name for t in lx.types if t.name.upper() == upper), None)
        info.spans["type"] = to_span(h.type_line.start, h.type_line.end)
    if h.title:
        info.title = squash(" ".join(ln.text.strip("* ") for ln in h.title))
        info.spans["title"] = to_span(h.title[0].start, h.title[-1].end)
    info.issuer = _issuer(outline, info)
    info.province = _province(info)
    signer = _signer(outline.signature)
    if signer is not None:
        info.signer = signer.text.strip("* ")
        info.spans["signer"] = to_span(signer.start, signer.end)
    return info


def _issuer(outline: Outline, info: DocumentInfo) -> str | None:
    lx = lexicon()
    h = outline.header
    issuer = None
    if h.issuer_lines:
        issuer = " ".join(ln.text for ln in h.issuer_lines)
        issuer = issuer[:1] + issuer[1:].lower()
        issuer = re.sub(r"\b(tỉnh|thành phố|huyện) (.+)$", lambda m: f"{m.group(1)} " +
                        m.group(2).title(), issuer)
    if issuer is None:
        pre = " ".join(ln.text for ln in outline.preamble)
        found = list(re.finditer(lx.pattern("header", "issuer_in_preamble"), pre))
        if found:  # the issuing sentence closes the preamble; earlier ones cite others
            issuer = squash(found[-1].group("issuer"))
    if issuer is None:
        for ln in outline.signature:
            m = re.match(lx.pattern("header", "signature_lead"), ln.text.strip("* "))
            if m:
                body = m.group("body").strip()
                issuer = body[:1] + body[1:].lower()
                break
    if issuer is None:
        return None
    issuer = lx.expand_abbreviations(issuer)
    issuer = re.sub(r"^(?i:uỷ|ủy) ban", "Ủy ban", issuer)
    if info.place and info.place not in issuer and not re.search(r"\b(tỉnh|thành phố)\s+[A-ZĐ]",
                                                                   issuer):
        kind = "thành phố" if info.place in _cities() else "tỉnh"
        if re.search(rf"\b{kind}$", issuer):
            issuer = f"{issuer} {info.place}"
        else:
            issuer = f"{issuer} {kind} {info.place}"
    return issuer


def _province(info: DocumentInfo) -> str | None:
    if info.place:
        return info.place
    if info.issuer:
        m = re.search(r"\b(?:tỉnh|thành phố)\s+([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*)*)",
                      info.issuer)
        if m:
            return m.group(1)
    return None


def _signer(lines: list[Line]) -> Line | None:
    for ln in reversed(lines):
        text = ln.text.strip("* ")
        words = text.split()
        if 2 <= len(words) <= 5 and all(w[:1].isupper() and not w.isupper() for w in words):
            return ln
    return None


__all__ = ["DATA", "read_header"]
