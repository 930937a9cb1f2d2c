"""Plain records: the contract between extraction and the graph.

Every fact carries a :class:`Span` into the *source* file (character offsets in the decoded
original text, plus the 1-based line), so an answer can always be checked against the plan's
own words. ``to_dict`` gives the JSON record format of ``shared/eval/README.md`` with the
provenance fields added (the scorer ignores keys it does not know).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A character span ``[start, end)`` of the source file, with its first line.

    A value: hashed, compared by its fields, never changed once made. Not ``frozen``, as a
    frozen dataclass is built three times slower (through ``object.__setattr__``) and an
    extraction makes ~130 spans a plan."""

    start: int
    end: int
    line: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end, "line": self.line}


@dataclass(slots=True, unsafe_hash=True)
class Pinpoint:
    """One cited subdivision: ``điểm a khoản 1 Điều 3`` or ``Chương VII``. A value, never
    changed once made: hashed, so pooling a document's pinpoints stays linear."""

    article: str | None = None
    clause: str | None = None
    point: str | None = None
    chapter: str | None = None


@dataclass(slots=True)
class Mention:
    """One place where a plan names a document: its span(s) (a title and the number right after
    it are one mention) and the pinpoints named with it there ("Điều 10," before "Luật PCTN").
    A citation pools its document's mentions; the graph keeps each apart, so that an article is
    listed only beside the words that cite it."""

    spans: list[Span] = field(default_factory=list)
    pinpoints: list[Pinpoint] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"spans": [s.to_dict() for s in self.spans],
                "pinpoints": [asdict(p) for p in self.pinpoints]}


@dataclass(slots=True)
class Citation:
    """A legal or policy document named by a plan, with the pinpoints it cites."""

    type: str | None
    number: str | None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    articles: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    pinpoints: list[Pinpoint] = field(default_factory=list)
    key: str | None = None  # canonical id, e.g. "luat/36-2018-qh14"; None when unresolved
    resolved: bool = False
    relation: str = "cites"  # cites | based_on | implements | applies | replaces | amends
    spans: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number": self.number,
            "title": self.title,
            "date": self.date,
            "issuer": self.issuer,
            "articles": list(self.articles),
            "chapters": list(self.chapters),
            "pinpoints": [asdict(p) for p in self.pinpoints],
            "key": self.key,
            "resolved": self.resolved,
            "relation": self.relation,
            "spans": [s.to_dict() for s in self.spans],
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(slots=True)
class Timeframe:
    """When a task is due: the plan's words, the last day of the period, a recurrence.

    ``rrule`` is the cycle of recurring work as an RFC 5545 RRULE value ("FREQ=MONTHLY;
    BYMONTHDAY=20"), for a calendar to take as it is; ``start`` and ``end`` bound the period
    the words name (ISO dates, None where the words give none: "trước ngày 30/6/2025" has an
    end and no start, "từ năm 2026 trở đi" a start and no end)."""

    text: str | None = None
    due: str | None = None  # ISO date
    # ongoing | yearly | quarterly | half-yearly | monthly | weekly | periodic | occasional
    recurrence: str | None = None
    span: Span | None = None
    rrule: str | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "due": self.due,
            "recurrence": self.recurrence,
            "rrule": self.rrule,
            "start": self.start,
            "end": self.end,
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass(slots=True)
class Assignment:
    """A body bound to a task in one role: lead, support, executor or requested."""

    name: str
    role: str
    key: str | None = None  # canonical body id, scoped to a jurisdiction
    group: bool = False  # a collective body ("các sở, ban, ngành tỉnh")
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "key": self.key,
            "group": self.group,
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass(slots=True)
class Task:
    """The smallest unit of a plan's operative part that tells somebody to do something."""

    id: str
    section: str
    text: str
    span: Span
    heading: str | None = None
    section_path: list[str] = field(default_factory=list)
    bodies: list[Assignment] = field(default_factory=list)
    timeframe: Timeframe = field(default_factory=Timeframe)
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "section_path": list(self.section_path),
            "heading": self.heading,
            "text": self.text,
            "span": self.span.to_dict(),
            "bodies": [b.to_dict() for b in self.bodies],
            "timeframe": self.timeframe.to_dict(),
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(slots=True)
class DocumentInfo:
    """The plan's own header: number, type, issuer, place, date, title, signer."""

    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    signer: str | None = None
    province: str | None = None  # jurisdiction that "tỉnh"/"thành phố" refers to
    spans: dict[str, Span] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "type": self.type,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date,
            "title": self.title,
            "signer": self.signer,
            "province": self.province,
            "spans": {k: v.to_dict() for k, v in self.spans.items()},
        }


@dataclass(slots=True)
class PlanRecord:
    """Everything extracted from one plan file."""

    source: str  # file name, as the scorer matches it
    path: str
    sha256: str
    encoding: str
    document: DocumentInfo
    bases: list[Citation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_source: str = "text"  # "ocr": some of its text was read from page images by OCR

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "path": self.path,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "text_source": self.text_source,
            "document": self.document.to_dict(),
            "bases": [c.to_dict() for c in self.bases],
            "tasks": [t.to_dict() for t in self.tasks],
            "citations": [c.to_dict() for c in self.citations],
            "recipients": list(self.recipients),
            "warnings": list(self.warnings),
        }
