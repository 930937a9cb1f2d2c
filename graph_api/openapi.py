"""The OpenAPI 3.0 description of ``/api`` (served at ``/api/openapi.json``).

Written by hand next to the views rather than generated, so that its wording is for the
people who call the API; a test validates it and checks it lists every route.
"""

from __future__ import annotations

from typing import Any

ROLES = ["lead", "support", "executor", "requested"]


def _param(name: str, desc: str, schema: dict[str, Any] | None = None, where: str = "query",
           example: Any = None) -> dict[str, Any]:  # fmt: skip
    p: dict[str, Any] = {"name": name, "in": where, "description": desc,
                         "required": where == "path", "schema": schema or {"type": "string"}}
    if example is not None:
        p["example"] = example
    return p


PAGE = [_param("limit", "page size (default CANCU_PAGE_SIZE)",
               {"type": "integer", "minimum": 1, "maximum": 1000}),
        _param("offset", "rows to skip", {"type": "integer", "minimum": 0}),
        _param("format", "json (default) or csv; also by Accept: text/csv",
               {"type": "string", "enum": ["json", "csv"]})]  # fmt: skip
RESOURCE_FORMAT = _param("format", "json (default), ttl, jsonld or nt; also by Accept",
                         {"type": "string", "enum": ["json", "ttl", "jsonld", "nt"]})  # fmt: skip
ERRORS = {
    "400": {"description": "a bad parameter", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}},
    "404": {"description": "unknown id", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}},
}  # fmt: skip


def _list(summary: str, params: list[dict[str, Any]], item: str) -> dict[str, Any]:
    return {"get": {
        "summary": summary, "parameters": params + PAGE,
        "responses": {"200": {"description": "a page of the list (JSON) or all of it (CSV)",
            "content": {
                "application/json": {"schema": {"type": "object", "properties": {
                    "total": {"type": "integer"}, "limit": {"type": "integer"},
                    "offset": {"type": "integer"},
                    "next": {"type": "string", "nullable": True},
                    "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
                }}},
                "text/csv": {"schema": {"type": "string"}},
            }}, **ERRORS},
    }}  # fmt: skip


# one body's or one article's tasks: the engine reads one page of them (graph_api.queries,
# "# page:"), and says whether more follow (next) rather than counting them
PAGED = [_param("limit", "tasks per page (default CANCU_PAGE_SIZE, at most 500)",
                {"type": "integer", "minimum": 1, "maximum": 500}),
         _param("offset", "tasks before the page; the next page's URL is given (next, or "
                "duties_next / tasks_next in a resource; null on the last page)",
                {"type": "integer", "minimum": 0})]  # fmt: skip


def _resource(summary: str, id_desc: str, example: str,
              paged: bool = False) -> dict[str, Any]:  # fmt: skip
    return {"get": {
        "summary": summary,
        "parameters": [_param("id", id_desc, where="path", example=example), RESOURCE_FORMAT,
                       *(PAGED if paged else [])],
        "responses": {"200": {"description": "the resource", "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/turtle": {"schema": {"type": "string"}},
            "application/ld+json": {"schema": {"type": "object"}},
        }}, **ERRORS},
    }}  # fmt: skip


def spec() -> dict[str, Any]:
    task_filters = [
        _param("body", "body id (directly or through a group it belongs to), or a name as "
               "typed, diacritics ignored: 'thanh tra tinh' finds 'Thanh tra tỉnh'",
               example="quang-ngai/so-noi-vu/thanh-tra-so"),
        _param("role", "the body's role (with body) or any assignment's role",
               {"type": "string", "enum": ROLES}),
        _param("document", "cited document: id or number", example="59/2019/NĐ-CP"),
        _param("article", "cited article: id, or a number together with document",
               example="10"),
        _param("plan", "plan id (issuer, number and year; a digest where it has no number)",
               example="hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"),
        _param("due_after", "deadline on or after", {"type": "string", "format": "date"}),
        _param("due_before", "deadline on or before", {"type": "string", "format": "date"}),
        _param("q", "full text, diacritics optional", example="thanh tra tinh"),
    ]  # fmt: skip
    ref = {"type": "object", "properties": {"id": {"type": "string", "nullable": True},
                                            "iri": {"type": "string"}}}  # fmt: skip
    return {
        "openapi": "3.0.3",
        "info": {"title": "cancu API", "version": "0.1.0",
                 "description": "Tasks, responsible bodies, deadlines and legal bases extracted "
                                "from Vietnamese government plans. Every task links to its "
                                "words in the plan (source_url)."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/tasks": _list("Tasks, filtered. With body (an id) or article and no q, "
                                "a page holds at most 500 and says next (the next page's "
                                "URL) instead of total", task_filters, "Task"),
            "/api/bodies": _list("Bodies. Without q, a page holds at most 500 and says next "
                                 "(the next page's URL) instead of total; with q (a search), "
                                 "total", [_param("q", "name, diacritics optional"),
                                           _param("jurisdiction", "e.g. tay-ninh")], "Body"),
            "/api/bodies/{id}": _resource("A body with a page of its duties (duties_next: "
                                          "the next page); as CSV every duty", "body id",
                                          "quang-ngai/so-noi-vu/thanh-tra-so", paged=True),
            "/api/bodies/{id}/duties": {"get": {
                **_list("Duties of a body: a page of them as JSON ({limit, offset, next, "
                        "items}), every one as CSV", [], "Task")["get"],
                "parameters": [_param("id", "body id", where="path"), *PAGED, PAGE[2]]}},
            "/api/plans": _list("Plans: a page holds at most 500 and says next (the next "
                                "page's URL) instead of total; every one as CSV", [], "Plan"),
            "/api/plans/{id}": _resource("A plan with its tasks and citations", "plan id",
                                         "hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026"),
            "/api/documents": _list("Legal documents", [_param("q", "number or title")],
                                    "Document"),
            "/api/documents/{id}": _resource("A document with its articles, how many plans "
                                             "and tasks cite each, and a page of its citations "
                                             "(citations_next: the next page); as CSV every "
                                             "one", "document id or number",
                                             "luat/36-2018-qh14", paged=True),
            "/api/articles/{id}": _resource("An article, its parts and a page of the tasks "
                                            "citing it (tasks_next: the next page); as CSV "
                                            "every one", "article id",
                                            "luat/36-2018-qh14/dieu-10", paged=True),
            "/api/search": {"get": {
                "summary": "Ranked full-text search over tasks, bodies and documents",
                "description": "Diacritics ignored; tasks whose bodies hold the words as a "
                               "phrase first, then by BM25; the matching words marked "
                               "(<mark class=\"hit\">) in each task's highlight.",
                "parameters": [
                    _param("q", "the words to look for", example="thanh tra tinh"),
                    _param("plan", "plan id"),
                    _param("body", "body id, or a name as typed"),
                    _param("role", "a role of the body (or of any assignment)",
                           {"type": "string", "enum": ROLES}),
                    _param("period", "this-month, this-quarter, 2023-Q4, 2023-10, 2023"),
                    _param("from", "with to: a range", {"type": "string", "format": "date"}),
                    _param("to", "with from: a range", {"type": "string", "format": "date"}),
                    *PAGE[:2]],
                "responses": {"200": {"description": "hits, best first", "content": {
                    "application/json": {"schema": {"type": "object"}}}}, **ERRORS}}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                "status": {"type": "integer"}, "message": {"type": "string"}}}}},
            "Task": {"type": "object", "properties": {
                "id": {"type": "string"}, "iri": {"type": "string"}, "plan": ref,
                "section": {"type": "string"}, "text": {"type": "string"},
                "heading": {"type": "string", "nullable": True},
                "due": {"type": "string", "format": "date", "nullable": True},
                "timeframe": {"type": "string", "nullable": True},
                "assignments": {"type": "array", "items": {"type": "object", "properties": {
                    "role": {"type": "string", "enum": ROLES}, "name": {"type": "string"},
                    "body": ref}}},
                "basis": {"type": "array", "items": {"type": "object"}},
                "span": {"type": "object"}, "source_url": {"type": "string"}}},
            "Body": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"},
                "jurisdiction": {"type": "string", "nullable": True},
                "collective": {"type": "boolean"}, "tasks": {"type": "integer"}}},
            "Plan": {"type": "object", "properties": {
                "id": {"type": "string"}, "number": {"type": "string", "nullable": True},
                "title": {"type": "string", "nullable": True}, "source": {"type": "string"},
                "tasks": {"type": "integer"}}},
            "Document": {"type": "object", "properties": {
                "id": {"type": "string", "nullable": True},
                "number": {"type": "string", "nullable": True},
                "title": {"type": "string", "nullable": True}, "plans": {"type": "integer"}}},
        }},
    }  # fmt: skip
