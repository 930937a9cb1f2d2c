"""What people read instead of ids: plans by number and title, bodies with their province,
documents by type, number and date, without words said twice.

One place for display names, so the pages, the CSV/Excel/calendar exports and the explorer
call a thing by the same name. Every name is composed (NFC).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ontology.identity import scope
from ontology.iris import fold, slug

__all__ = ["basis_text", "doc_label", "nfc", "place_names", "plan_label", "plan_name", "vi_date"]

_PLACE = re.compile(r"\b(tỉnh|thành phố)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)\s*$")


def nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", text) if text else text


def vi_date(value: Any) -> str:
    """``2023-12-31`` → ``31/12/2023`` (a date as Vietnamese documents write it)."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return day.strftime("%d/%m/%Y")


def capitalised(text: str | None) -> str | None:
    """A group's label ("các sở, ban, ngành") as a name at the head of a line."""
    return text[:1].upper() + text[1:] if text else text


def _starts_with(text: str, prefix: str) -> bool:
    return fold(text).startswith(fold(prefix))


def doc_label(type_name: str | None, number: str | None, title: str | None = None,
              date: Any = None, *, full: bool = False) -> str:  # fmt: skip
    """A document as it is cited: ``Nghị định 59/2019/NĐ-CP`` (``full``: ``Nghị định số
    59/2019/NĐ-CP ngày 01/07/2019 quy định chi tiết ...``); one whose title names its type
    ("Luật Phòng, chống tham nhũng") is ``Luật Phòng, chống tham nhũng số 36/2018/QH14``."""
    type_name, number, title = nfc(type_name), nfc(number), nfc((title or "").strip()) or None
    if title and number and _starts_with(title, number):
        title = title[len(number):].lstrip(" ,.-—") or None  # "59/2019/NĐ-CP ngày ..."
    when = vi_date(date)
    if title and when:  # a title that repeats the date: "ngày 01/07/2019 quy định ..."
        title = re.sub(r"^ngày\s+\d{1,2}/\d{1,2}/\d{4}\s*", "", title) or None
    if title and type_name and _starts_with(title, type_name):
        head = title  # "Luật Phòng, chống tham nhũng", "Luật sửa đổi ... Luật PCTN"
        if number:
            head += f" số {number}"
        return head + (f" ngày {when}" if full and when else "")
    head = " ".join(x for x in (type_name, ("số " if full else "") + number if number else None)
                    if x)  # fmt: skip
    if not full:
        return head or title or ""
    parts = [head or None, f"ngày {when}" if when else None, title]
    return " ".join(x for x in parts if x)


def plan_name(plan: dict[str, Any], places: dict[str, str] | None = None) -> str:
    """A plan's short name: ``Kế hoạch 232/KH-UBND``; one without a number is named by its
    issuer and year (``Kế hoạch của Sở Nội vụ tỉnh Quảng Ngãi năm 2023``), never its file."""
    kind = nfc(plan.get("type")) or "Kế hoạch"
    if plan.get("number"):
        return f"{kind} {nfc(plan['number'])}"
    year = plan_year(plan)
    issuer = nfc(plan.get("issuer"))
    if issuer:
        return f"{kind} của {issuer}" + (f" năm {year}" if year else "")
    return f"{kind} {nfc(plan.get('title')) or ''}".strip()


def plan_label(plan: dict[str, Any]) -> str:
    """``Kế hoạch 232/KH-UBND — Thực hiện các giải pháp ...``: the name and the title."""
    kind = nfc(plan.get("type")) or "Kế hoạch"
    title = nfc(plan.get("title"))
    head = f"{kind} {nfc(plan['number'])}" if plan.get("number") else kind
    if plan.get("number") or not title:
        head += f" ngày {vi_date(plan['date'])}" if plan.get("date") else ""
        return f"{head} — {capitalised(title)}" if title else plan_name(plan)
    return f"{head} — {capitalised(title)}"


def plan_year(plan: dict[str, Any]) -> int | None:
    """The year a plan is for: its date's, else the one its title names ("... năm 2023")."""
    date = plan.get("date")
    if date:
        return int(str(date)[:4])
    m = re.search(r"\b(?:năm|nam)\s+((?:19|20)\d\d)\b", plan.get("title") or "")
    if m:
        return int(m.group(1))
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", plan.get("source") or "")
    return int(m.group(1)) if m else None


def place_names(plans: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Jurisdiction key → its name as the plans' issuers write it (``quang-ngai`` → ``tỉnh
    Quảng Ngãi``): taken from the issuers' own words, so no list of provinces is needed."""
    out: dict[str, str] = {}
    for p in plans:
        key = p.get("jurisdiction")
        for text in (p.get("issuer"), p.get("place")):
            m = _PLACE.search(nfc(text) or "")
            if key and m and slug(m.group(2)) == key:
                out.setdefault(key, f"{m.group(1)} {m.group(2)}")
        if key and key == scope(p.get("id") or "") and key not in out:
            # the issuer names no province ("Ủy ban nhân dân tỉnh"): its bodies are scoped
            # to the plan; say so rather than show the plan's file name as a place
            out[key] = "tỉnh chưa rõ tên"
    return out


def body_label(body: dict[str, Any], places: dict[str, str]) -> str:
    """``Thanh tra Sở (Sở Nội vụ, tỉnh Quảng Ngãi)``: the body, what it is a unit of, where."""
    name = capitalised(nfc(body.get("name"))) or ""
    said, where = fold(name), []
    for part in (nfc(body.get("parent_name")), places.get(body.get("jurisdiction") or "")):
        if part and fold(part) not in said:  # "Sở Nội vụ tỉnh Quảng Ngãi" says the province
            where.append(part)
            said += " " + fold(part)
    return f"{name} ({', '.join(where)})" if where else name


def basis_text(item: dict[str, Any]) -> str:
    """A task's basis in one line (CSV, Excel, calendar): its own citations, else its plan's,
    said to be the plan's."""
    if item.get("basis"):
        return "; ".join(b["label"] for b in item["basis"])
    if item.get("plan_basis"):
        return "Căn cứ của kế hoạch: " + "; ".join(b["label"] for b in item["plan_basis"])
    return ""
