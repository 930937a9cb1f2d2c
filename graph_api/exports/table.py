"""The "phân công nhiệm vụ" table: one row per task (or per deadline), the columns an office
keeps in its own assignment tables. Excel and CSV both write these rows, so they agree."""

from __future__ import annotations

from typing import Any

from graph_api.labels import basis_text, vi_date

# (key, header) in the order of the sheet
COLUMNS: list[tuple[str, str]] = [
    ("tt", "TT"),
    ("task", "Nội dung nhiệm vụ"),
    ("role", "Vai trò"),
    ("lead", "Cơ quan chủ trì"),
    ("support", "Cơ quan phối hợp"),
    ("timeframe", "Thời gian thực hiện (theo kế hoạch)"),
    ("deadline", "Hạn"),
    ("basis", "Căn cứ"),
    ("plan", "Kế hoạch"),
    ("section", "Mục"),
    ("source", "Nguyên văn"),
]


def _names(item: dict[str, Any], *roles: str) -> str:
    return "; ".join(a["name"] for a in item["assignments"] if a["role"] in roles)


def row(item: dict[str, Any], n: int, base_url: str) -> dict[str, Any]:
    """One table row for a task, a duty (with the body's ``role_vi``) or an agenda row (with
    its ``date``); ``base_url`` makes the link to the plan's words absolute."""
    text = item["text"] if not item.get("heading") else f"{item['heading']}\n{item['text']}"
    if item.get("date"):
        deadline = vi_date(item["date"])
    elif item.get("due"):
        deadline = vi_date(item["due"])
    else:
        deadline = ""
    role = item.get("role_vi") or ""
    if item.get("through") == "group" and item.get("via", {}).get("name"):
        role += f" (qua {item['via']['name']})"
    return {
        "tt": n,
        "task": text,
        "role": role,
        "lead": _names(item, "lead") or _names(item, "executor"),
        "support": _names(item, "support"),
        "timeframe": item.get("timeframe") or "",
        "deadline": deadline,
        "basis": basis_text(item),
        "plan": item["plan"].get("label") or item["plan"].get("name") or item["plan"]["id"],
        "section": item["section"],
        "source": base_url.rstrip("/") + item["source_url"],
    }


def rows(items: list[dict[str, Any]], base_url: str) -> list[dict[str, Any]]:
    return [row(item, n, base_url) for n, item in enumerate(items, 1)]
