"""The public extraction API: a plan file in, a :class:`~ingest.models.PlanRecord` out.

    >>> from ingest.extract import extract_file
    >>> record = extract_file("data/plans/hue-232-kh-ubnd-2026.txt")
    >>> record.tasks[0].bodies[0].name
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from ingest import assign, citations, spot, tasks, timeframes
from ingest.header import read_header
from ingest.lexicon import lexicon
from ingest.models import Citation, DocumentInfo, PlanRecord, Span, Task
from ingest.nlp import build
from ingest.outline import Line, parse
from ingest.read import UNSUPPORTED, CleanText, ReadError, is_owner_file, read_bytes, read_plan
from ingest.text import fold, slug

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def find_plan_files(paths: Iterable[str | Path]) -> list[Path]:
    """The plan files among ``paths``: files as given, folders searched recursively for
    .txt, .md, .docx and .pdf; files of formats we cannot read (.doc, .odt, .rtf, spreadsheets,
    slides) are listed too, so that they are reported, not passed over; Office's owner files
    (``~$plan.docx``) are not."""
    wanted = {*PLAN_SUFFIXES, *UNSUPPORTED}
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file()
                              and q.suffix.lower() in wanted and not is_owner_file(q)))
        else:
            out.append(p)
    return out


def extract_file(path: str | Path) -> PlanRecord:
    """Read and extract one plan; raises :class:`ReadError` for a file it cannot read."""
    return extract_file_text(path)[0]


def extract_file_text(path: str | Path) -> tuple[PlanRecord, str]:
    """:func:`extract_file`, and the file's decoded text that the record's spans count in
    (:func:`ingest.read.decode_file`'s): the mapping quotes it, so it is read and decoded (a
    .docx laid out, a PDF read) once, not again."""
    path = Path(path)
    data = read_bytes(path)
    clean = read_plan(path, data)
    record = extract_clean(clean, source=path.name, path=str(path))
    record.sha256 = hashlib.sha256(data).hexdigest()
    return record, clean.raw


def extract_text(text: str, source: str = "<text>") -> PlanRecord:
    """Extract from text already in memory (tests, notebooks)."""
    from ingest.read import clean

    return extract_clean(clean(text), source=source, path=source)


def _paragraph_breaks(ct: CleanText) -> Callable[[int, int], bool]:
    """Whether the source breaks a line between two clean offsets: in a Word file's text a
    table cell's paragraphs are its lines (:mod:`ingest.docx`)."""
    def breaks(start: int, end: int) -> bool:
        span = ct.source_span(start, end)
        return "\n" in ct.raw[span.start:span.end]

    return breaks


def extract_clean(ct: CleanText, source: str, path: str) -> PlanRecord:
    text = ct.text
    outline = parse(text)
    doc = build()(text)
    to_span = ct.source_span
    info = read_header(outline, to_span)
    record = PlanRecord(source=source, path=path, sha256="", encoding=ct.encoding,
                        document=info, recipients=[ln.text for ln in outline.recipients],
                        text_source=ct.text_source, warnings=list(ct.notes))
    doc_mentions = citations.mentions(text, spot.refs(doc, "documents"))
    pin_mentions = spot.refs(doc, "pinpoints")
    body_mentions = spot.refs(doc, "bodies")
    time_mentions = [(r.kind, r.start, r.end) for r in spot.refs(doc, "timeframes")]
    ctx = assign.Context(text, body_mentions, to_span, issuer=info.issuer,
                         footnotes=dict(outline.footnotes),
                         breaks=_paragraph_breaks(ct) if ct.encoding == "docx" else None)
    # the plan's year, knowing whether the plan covers several (a quarter without its year
    # then gets none: timeframes.PlanYear)
    year = timeframes.plan_years(plan_year(info), info.title)
    as_of = info.date or year  # which version of a law a title without a year means
    assign.definitions(ctx)

    own_types = (info.type, outline.attached_type)  # "Kế hoạch này": the plan, not a citation
    body_start = outline.sections[0].line.start if outline.sections else len(text)
    footnotes = dict(outline.footnotes)
    resolved: dict[tuple[int, int | None], Citation] = {}  # see citations.collect
    doc_spans: dict[tuple[int, int], Span] = {}

    def doc_span(start: int, end: int) -> Span:
        """A cited document's span, made once: the body is read per task, then whole."""
        span = doc_spans.get((start, end))
        if span is None:
            span = doc_spans[start, end] = to_span(start, end)
        return span

    def cite(start: int, end: int, earlier: list[Citation] | citations.Earlier | None = None,
             top_level: bool = False, implements: bool = False) -> list[Citation]:
        """The citations of a stretch of text and of the footnotes its markers point to;
        never the plan itself (its number in an annex caption is no citation, nor a draft's
        blank one: "(Kèm theo Kế hoạch số    /KH-SCT)")."""
        found = citations.collect(doc_mentions, pin_mentions, text, start, end, doc_span,
                                  own_types, earlier=earlier, as_of=as_of, memo=resolved,
                                  top_level=top_level, implements=implements)
        for marker in _markers(text, start, end, footnotes):
            note = footnotes[marker]
            found = citations.merge(found + citations.collect(
                doc_mentions, pin_mentions, text, note.start, note.end, doc_span, own_types,
                as_of=as_of, memo=resolved, top_level=top_level))
        return [c for c in found if not _is_itself(c, info.number, own_types)]

    # a decision's articles are left out of the preamble by the outline
    lines = [(ln.start, ln.end) for ln in outline.preamble]
    named_in_bases: list[Citation] = []  # the laws an amending law names, and the like
    for a, b, implements in citations.basis_spans(text, lines):
        record.bases = citations.merge([*record.bases, *cite(
            a, b, record.bases, top_level=True, implements=implements)])
        named_in_bases += cite(a, b, record.bases)
    for c in record.bases:
        c.relation = "based_on"
    all_cites: list[Citation] = list(record.bases)
    before = citations.Earlier(all_cites)  # grows with all_cites
    seen_ids: dict[str, int] = {}
    for unit in tasks.units(outline, ctx):
        cites = cite(unit.start, unit.end, earlier=before)
        for line in unit.own_meta:
            # its own "Cơ quan thực hiện: ..." / "Thời gian thực hiện: ..." lines are the
            # task's (the guide's "lines under a task ... belong to that task"), and so are
            # the documents they name; a block shared with other tasks is not one task's text
            cites = citations.merge([*cites, *cite(line.body_start, line.end, earlier=before)])
        n = seen_ids.get(unit.section, 0) + 1
        seen_ids[unit.section] = n
        task = Task(
            id=unit.section if n == 1 else f"{unit.section}#{n}",
            section=unit.section,
            section_path=list(unit.path),
            heading=unit.heading,
            text=text[unit.start:unit.end],
            span=to_span(unit.start, unit.end),
            bodies=assign.of_unit(unit, ctx),
            timeframe=tasks.timeframe(unit, ctx, time_mentions, year),
            citations=cites,
        )
        if not task.bodies and tasks.no_task(task.text):
            continue  # "Phong trào được triển khai từ ...", "(Chi tiết tại Phụ lục)": no task
        task.text = ct.as_written(unit.start, unit.end)  # read alike, quoted as written
        for b in task.bodies:
            b.key = body_key(b.name, info.province, source)
        record.tasks.append(task)
        all_cites.extend(cites)
    rest = cite(body_start, len(text), earlier=list(record.bases))  # in plan order
    # a decision's own articles ("Điều 2. ... sửa đổi, bổ sung đồng bộ trong Luật Hoạt động
    # giám sát ...") are the plan's words: the documents they name are its citations, though
    # neither bases nor tasks'
    for a, b in citations.article_stretches(text, lines, body_start):
        rest += cite(a, b, earlier=list(record.bases))
    record.citations = citations.merge([*record.bases, *named_in_bases,
                                        *(c for t in record.tasks for c in t.citations), *rest])
    citations.described_alike(record.citations, [c for t in record.tasks for c in t.citations])
    return record


def plan_year(info: DocumentInfo) -> int | None:
    """The year the plan was written: its date, else its number or title ("năm 2026")."""
    for value in (info.date, info.number, info.title):
        m = re.search(r"\b(?:19|20)\d\d\b", value or "")
        if m:
            return int(m.group())
    return None


NATIONAL = "viet-nam"  # the scope of the central state's and the Party's central bodies


def body_key(name: str, province: str | None, source: str) -> str:
    """A body's id: its folded name, scoped to the plan's province ("tỉnh" means that one);
    a plan that names no province scopes its bodies to itself, never to a shared "unknown".
    A ministry or another central body is the same body in every plan: scoped to the nation."""
    if fold(name) in _central_names():
        return _scoped(name, NATIONAL)
    return _scoped(name, _scope(province, source))


@lru_cache(maxsize=1)
def _central_names() -> frozenset[str]:
    return frozenset(fold(c.name) for c in lexicon().central)


@lru_cache(maxsize=256)
def _scope(province: str | None, source: str) -> str:
    return slug(province) if province else slug(Path(source).stem)


@lru_cache(maxsize=16384)
def _scoped(name: str, scope: str) -> str:
    """Cached by name and scope, not by file: a province's bodies recur from plan to plan."""
    return f"{scope}/{slug(name).removeprefix('cac-')}"


def _is_itself(c: Citation, own_number: str | None,
               own_types: tuple[str | None, str | None]) -> bool:
    """Is ``c`` the plan itself: its own number, or a document of its own type known by
    neither number nor title (a draft's annex caption "Kèm theo Kế hoạch số    /KH-SCT"
    names the plan before it has a number; nothing else is named so)?"""
    if c.number:
        return c.number == own_number
    return not c.title and c.type in own_types


def _markers(text: str, start: int, end: int, footnotes: dict[str, Line]) -> list[str]:
    """Footnote markers in ``text[start:end]`` that have a footnote text behind them."""
    if not footnotes:
        return []
    found = _marker_re().finditer(text, start, end)
    return [m.group("marker") for m in found if m.group("marker") in footnotes]


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern[str]:
    return re.compile(lexicon().pattern("outline", "footnote_marker"))


def extract_many(paths: Iterable[Path]) -> Iterator[tuple[Path, PlanRecord | None, str | None]]:
    """Each plan with its record, or with the reason it could not be read."""
    for path in paths:
        try:
            yield path, extract_file(path), None
        except ReadError as exc:
            yield path, None, str(exc)
        except Exception as exc:  # a bug on one plan must not stop the batch
            yield path, None, f"{path.name}: extraction failed ({type(exc).__name__}: {exc})"
