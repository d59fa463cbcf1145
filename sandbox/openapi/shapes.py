"""Small JSON Schema and OpenAPI builders, so the hand-written tables read as data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sandbox.rules.registry import declared, rule_of

Schema = dict[str, Any]

STR, INT, NUM, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
TS: Schema = {"type": "string", "format": "date-time"}
OBJ: Schema = {"type": "object"}
CONTROL, SELLER = "Control plane", "Seller actor API"
APP = "TikTok app (served on the app port)"
FIRST = "Sandbox extension: Seller Center first-party"
LOGIN_KIT, RFC, SHOP = "Login Kit v2", "Standard OAuth 2.0", "TikTok Shop Open API"


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def null_or(schema: Schema) -> Schema:
    """`schema` or JSON null (OpenAPI 3.1 has no `nullable`)."""
    return {"oneOf": [schema, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(props: Mapping[str, Any], required: Iterable[str] = (), *, description: str = "") -> Schema:
    schema: Schema = {"type": "object", "properties": dict(props)}
    if required := list(required):
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema


def strings(*names: str) -> dict[str, Schema]:
    return {n: STR for n in names}


def json_content(schema: Schema) -> Schema:
    return {"content": {"application/json": {"schema": schema}}}


def form_body(props: Mapping[str, Any], required: Iterable[str], *, json_too: bool = True) -> Schema:
    """TikTok's faces take form bodies (JSON is accepted too)."""
    schema = obj(props, required)
    content = {"application/x-www-form-urlencoded": {"schema": schema}}
    if json_too:
        content["application/json"] = {"schema": schema}
    return {"required": True, "content": content}


def _ruled(spelled: str) -> tuple[str, str]:
    """(code, rule): the rule the registry declares the code under, or the one `CODE@RULE`
    names for a code several rules (or none) declare; a named rule must declare the code."""
    code, _, named = spelled.partition("@")
    if named and declared(code, named) is None:
        raise ValueError(f"{spelled}: rule {named} does not declare {code} (sandbox/rules)")
    return code, named or rule_of(code) or ""


def error_response(codes: Iterable[str], schema: str = "Error") -> Schema:
    """A refusal; each code is `CODE` (its rule comes from the registry) or `CODE@RULE`;
    `x-error-codes` lists them for machines."""
    pairs = [_ruled(c) for c in codes]
    text = ", ".join(f"`{c}` (rule {r})" if r else f"`{c}`" for c, r in pairs)
    response: Schema = {"description": text or "Refused", **json_content(ref(schema))}
    if pairs:
        response["x-error-codes"] = list(dict.fromkeys(c for c, _ in pairs))
    return response


@dataclass
class Op:
    """What the url map and the models cannot say about an operation: its words and answers.

    `errors` maps a status to space-separated codes (`CODE@RULE` names the rule); `query` names
    query parameters (a trailing `!` marks a required one); `body` is a hand request body, for
    the TikTok faces' form bodies (JSON bodies come from the view's request model)."""

    summary: str = ""
    ok: Schema | str | None = None
    status: str = "200"
    errors: Mapping[str, str] = field(default_factory=dict)
    tag: str = ""
    query: Mapping[str, Schema] = field(default_factory=dict)
    description: str = ""
    body: Schema | None = None
    ok_text: str = "OK"
    error_schema: str = "Error"
    security: list[dict[str, list[str]]] | None = None
    headers: Mapping[str, Schema] = field(default_factory=dict)
    extra_responses: Mapping[str, Schema] = field(default_factory=dict)


def op(summary: str = "", ok: Schema | str | None = None, status: int | str = 200,
       errors: Mapping[int | str, str] | None = None, **kw: Any) -> Op:
    """An `Op`; `ok` may be a component name."""
    if not isinstance(status, int | str):
        raise TypeError(f"status {status!r} of {summary!r} is not a status code")
    return Op(summary, ok, str(status), {str(k): v for k, v in (errors or {}).items()}, **kw)
