"""Small builders for OpenAPI 3.1 path items, shared by every module that documents routes."""

from __future__ import annotations

from typing import Any

CONTROL, SELLER, APP, TIKTOK = ("Control plane", "Seller actor API", "App actor API (fake app port)",
                                "TikTok wire faces (fake app port)")
OBJ: dict[str, Any] = {"type": "object"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def as_json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def array_of(key: str, name: str) -> dict[str, Any]:
    return {"type": "object", "properties": {key: {"type": "array", "items": ref(name)}}}


def form(props: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "required": required, "properties": props}
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": schema}}}


def op(summary: str, ok: dict[str, Any] | None, *, tag: str, rules: str = "", body: Any = None,
       path: list[str] | None = None, query: dict[str, dict[str, Any]] | None = None,
       status: str = "200", security: str | None = None, errors: str | None = None,
       description: str = "") -> dict[str, Any]:
    """One operation. `errors` replaces the default 4XX description (e.g. for TikTok shapes)."""
    responses: dict[str, Any] = {
        status: {"description": "OK", **(as_json(ok) if ok is not None else {})},
        "4XX": {"description": errors or "Refused: `{error: {code, message, rule?, details?}}`; "
                "rule refusals are 422 and name their rule ID.",
                **(as_json(ref("Error")) if errors is None else {})}}
    operation: dict[str, Any] = {"summary": summary, "tags": [tag], "responses": responses}
    text = " ".join(t for t in (description, f"Rules: {rules}." if rules else "") if t)
    if text:
        operation["description"] = text
    if body is not None:
        operation["requestBody"] = body if "content" in body else {"required": True,
                                                                    **as_json(body)}
    params = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
              for p in path or []]
    params += [{"name": k, "in": "query", "required": False, "schema": v}
               for k, v in (query or {}).items()]
    if params:
        operation["parameters"] = params
    if security:
        operation["security"] = [{security: []}]
    return operation
