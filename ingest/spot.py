"""Rule components of the spaCy pipeline, registered by name.

Each finds one kind of span in the whole plan and puts it in ``doc.spans[kind]``; the
regular-expression match that found it rides along in ``span._.ref`` for the resolvers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ingest import regexes
from ingest.lexicon import lexicon
from ingest.nlp import char_span
from ingest.text import squash


@dataclass(slots=True)
class Found:
    """What a component matched, in clean-text characters."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]
    text: str
    collective: bool = False
    outside: bool = False


def _add(doc: Doc, key: str, found: list[Found]) -> None:
    spans = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        span = char_span(doc, f.start, f.end, f.kind)
        if span is not None:
            span._.ref = f
            spans.append(span)
    doc.spans[key] = spans


def _no_overlap(found: list[Found]) -> list[Found]:
    """Longest match first; drop what lies inside an earlier, longer match."""
    kept: list[Found] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        kept.append(f)
        taken.append((f.start, f.end))
    return sorted(kept, key=lambda f: f.start)


@Language.component("cancu_documents")
def documents(doc: Doc) -> Doc:
    """Document references (numbered, by title, by anaphora) and pinpoints."""
    text = doc.text
    found = [Found("numbered", m.start(), m.end(), m.groupdict(), m.group())
             for m in regexes.document_ref().finditer(text)]
    found += [Found("law", m.start(), m.end(), m.groupdict(), m.group())
              for m in regexes.law_title().finditer(text)]
    found += [Found("anaphora", m.start(), m.end(), m.groupdict(), m.group())
              for m in regexes.anaphora().finditer(text)]
    _add(doc, "documents", _no_overlap(found))
    pins = [Found("pinpoint", m.start(), m.end(), m.groupdict(), m.group())
            for m in regexes.pinpoint().finditer(text)]
    _add(doc, "pinpoints", pins)
    return doc


@Language.component("cancu_bodies")
def bodies(doc: Doc) -> Doc:
    """Names of bodies, single or collective, with the place that scopes them."""
    text = doc.text
    found: list[Found] = []
    list_re, name_re = regexes.department_list()
    for m in list_re.finditer(text):
        for i, n in enumerate(name_re.finditer(m.group("names"))):
            s = m.start("names") + n.start()
            # the first name's span opens at "các Sở:", so the list reads as one
            found.append(Found("body", m.start() if i == 0 else s, s + len(n.group()),
                               {"department": n.group()}, "Sở " + squash(n.group())))
    for pattern, collective, outside in regexes.bodies():
        for m in pattern.finditer(text):
            found.append(Found("body", m.start(), m.end(), {}, squash(m.group()),
                               collective, outside))
    _add(doc, "bodies", _no_overlap(found))
    return doc


@Language.component("cancu_roles")
def roles(doc: Doc) -> Doc:
    """Role cues: chủ trì (lead), phối hợp (support), giao (assign), đề nghị (request)."""
    lx = lexicon()
    import re

    found = []
    for role in ("request", "assign", "lead", "support"):
        for m in re.finditer(rf"(?<![\w]){lx.pattern('roles', role)}(?![\w])", doc.text):
            found.append(Found(role, m.start(), m.end(), {}, m.group()))
    _add(doc, "roles", _no_overlap(found))
    return doc


@Language.component("cancu_timeframes")
def timeframes(doc: Doc) -> Doc:
    """Deadlines and periods: "quý IV/2023", "trước ngày 31/5", "thường xuyên"."""
    from ingest import timeframes as tf

    found = [Found(kind, s, e, groups, doc.text[s:e]) for kind, s, e, groups in
             tf.find_all(doc.text)]
    _add(doc, "timeframes", found)
    return doc
