"""Builds the OpenAPI 3.1 document: paths from the url maps, request bodies from the request
models, words and error codes from the operation tables, servers from the running settings."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from sandbox.kernel.settings import Settings
from sandbox.openapi import (
    actor_operations,
    affiliate_partner_operations,
    catalogue_operations,
    check_operations,
    commerce_operations,
    control_operations,
    douyin_operations,
    explain_operations,
    fault_operations,
    order_api_operations,
    order_operations,
    partner_operations,
    product_operations,
    rule_operations,
    tiktok_operations,
)
from sandbox.openapi.response_schemas import SCHEMAS as OWN_SCHEMAS
from sandbox.openapi.routes import Route
from sandbox.openapi.shapes import (
    APP,
    CONTROL,
    FIRST,
    SELLER,
    Op,
    Schema,
    error_response,
    json_content,
    ref,
)
from sandbox.openapi.tiktok_schemas import SCHEMAS as TIKTOK_SCHEMAS
from sandbox.openapi.tiktok_schemas import SECURITY_SCHEMES, TAG_DESCRIPTIONS

API_PREFIXES = ("/_sandbox/v1/", "/api/v1/", "/app/api/v1/", "/v2/", "/api/v2/",
                "/authorization/", "/event/", "/sandbox/", "/oauth/", "/.well-known/")
OPERATIONS: dict[str, Op] = {**control_operations.OPERATIONS, **actor_operations.SELLER_OPERATIONS,
                             **actor_operations.APP_OPERATIONS, **tiktok_operations.OPERATIONS,
                             **partner_operations.OPERATIONS, **affiliate_partner_operations.OPERATIONS,
                             **douyin_operations.OPERATIONS, **fault_operations.OPERATIONS,
                             **commerce_operations.OPERATIONS, **catalogue_operations.OPERATIONS,
                             **product_operations.OPERATIONS, **order_operations.OPERATIONS,
                             **order_api_operations.OPERATIONS,
                             **explain_operations.OPERATIONS, **rule_operations.OPERATIONS,
                             **check_operations.OPERATIONS}
# prefix → (security scheme, status and code of a call without credentials, tag)
PREFIXES = {"/_sandbox/v1/": ("control", "403", "CONTROL_TOKEN_REQUIRED", CONTROL),
            "/api/v1/partner/": ("partner", "401", "PARTNER_LOGIN_REQUIRED",
                                 partner_operations.PARTNER),
            "/api/v1/": ("seller", "401", "SELLER_LOGIN_REQUIRED", SELLER),
            "/app/api/v1/": ("app", "401", "APP_LOGIN_REQUIRED", APP),
            "/sandbox/v1/": (None, "", "", FIRST)}
BODY_CODES = ["INVALID_JSON", "INVALID_BODY", "UNKNOWN_FIELD", "INVALID_FIELD"]


def operation_of(route: Route) -> Op | None:
    return OPERATIONS.get(f"{route.endpoint}:{route.method}") or OPERATIONS.get(route.endpoint)


def is_documented(route: Route) -> bool:
    return (route.path + "/").startswith(API_PREFIXES) or operation_of(route) is not None


def _clean(node: Any) -> Any:
    """A pydantic schema without its generated titles (the names say as much)."""
    if isinstance(node, dict):
        return {k: _clean(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def model_schema(model: type[BaseModel], components: dict[str, Schema]) -> Schema:
    """`model`'s JSON Schema (2020-12, as OpenAPI 3.1 takes it) in components; its `$defs` are
    hoisted beside it. Returns the $ref."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in {**schema.pop("$defs", {}), model.__name__: schema}.items():
        definition = _clean(definition)
        if components.setdefault(name, definition) != definition:
            raise ValueError(f"two schemas are named {name!r}; rename the model")
    return ref(model.__name__)


def _body_codes(model: type[BaseModel]) -> list[str]:
    schema = model.model_json_schema()
    required = schema.get("required") or any(
        (f.metadata and any(getattr(m, "min_length", None) for m in f.metadata))
        for f in model.model_fields.values())
    return [*BODY_CODES, *(["MISSING_FIELD"] if required else []),
            *getattr(model, "field_codes", {}).values()]


def _summary(route: Route, spec: Op | None) -> str:
    if spec is not None and spec.summary:
        return spec.summary
    doc = inspect.getdoc(route.view) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    return first or route.endpoint.rpartition(".")[2].replace("_", " ").capitalize()


INTEGER_CONVERTERS = ("IntegerConverter", "StoredIntConverter")


def _parameters(route: Route, spec: Op | None) -> list[Schema]:
    params = [{"name": n, "in": "path", "required": True,
               "schema": {"type": "integer" if c in INTEGER_CONVERTERS else "string"}}
              for n, c in route.converters.items()]
    for where, table in (("query", spec.query if spec else {}),
                         ("header", spec.headers if spec else {})):
        params += [{"name": k.rstrip("!"), "in": where, "required": k.endswith("!"), "schema": v}
                   for k, v in table.items()]
    return params


def _responses(route: Route, spec: Op | None, security: list[Any], auth: tuple[Any, ...] | None
               ) -> Schema:
    spec = spec or Op()
    ok = ref(spec.ok) if isinstance(spec.ok, str) else spec.ok
    responses: Schema = {spec.status: {"description": spec.ok_text,
                                       **(json_content(ok) if ok else {})}}
    responses.update(spec.extra_responses)
    errors: dict[str, list[str]] = {k: v.split() for k, v in spec.errors.items()}
    if route.request_model is not None:
        errors.setdefault("400", []).extend(_body_codes(route.request_model))
    # any query string with a NUL character is refused (sandbox.web_shared.requests.refuse_nul_in_query)
    if "400" not in spec.extra_responses:  # pages answer it with their HTML error page
        errors.setdefault("400", []).append("INVALID_PARAMETER")
    if "world_id" in route.converters and route.path.startswith("/_sandbox/"):
        errors.setdefault("404", []).insert(0, "WORLD_NOT_FOUND")
    if auth is not None and auth[0] and security:
        errors.setdefault(auth[1], []).insert(0, auth[2])
    for status, codes in sorted(errors.items()):
        listed = list(dict.fromkeys(c for c in codes if c != "*"))
        response = error_response(listed, spec.error_schema)
        if "*" in codes:  # open-ended: a business rule's code, named with its rule ID
            response.pop("x-error-codes", None)
            response["description"] += " or a rule's code (`error.rule` names it)"
        responses[status] = response
    return dict(sorted(responses.items()))


def _operation(route: Route, components: dict[str, Schema]) -> Schema:
    spec = operation_of(route)
    auth = next((v for k, v in PREFIXES.items() if route.path.startswith(k)), None)
    if spec is not None and spec.security is not None:
        security = spec.security
    elif "login" in route.path.split("/") or auth is None or auth[0] is None:
        security = []  # logging in needs no credentials
    else:
        security = [{}, {auth[0]: []}] if auth[0] == "control" else [{auth[0]: []}]
    operation: Schema = {"summary": _summary(route, spec),
                         "tags": [spec.tag if spec and spec.tag else (auth[3] if auth else APP)],
                         "operationId": f"{route.method}{route.path}",
                         "security": security}
    if spec is not None and spec.description:
        operation["description"] = spec.description
    if params := _parameters(route, spec):
        operation["parameters"] = params
    if route.request_model is not None:
        model = route.request_model
        operation["requestBody"] = {"required": bool(model.model_json_schema().get("required")),
                                    **json_content(model_schema(model, components))}
    elif spec is not None and spec.body is not None:
        operation["requestBody"] = spec.body
    operation["responses"] = _responses(route, spec, security, auth)
    return operation


def build_document(settings: Settings, routes: Iterable[Route]) -> dict[str, Any]:
    """The document of `routes` (both apps', from a composition root) for `settings`' URLs."""
    components: dict[str, Schema] = {**OWN_SCHEMAS, **TIKTOK_SCHEMAS,
                                     **partner_operations.SCHEMAS, **affiliate_partner_operations.SCHEMAS,
                                     **douyin_operations.SCHEMAS, **fault_operations.SCHEMAS,
                                     **rule_operations.SCHEMAS,
                                     **product_operations.SCHEMAS,
                                     **order_api_operations.SCHEMAS,
                                     **explain_operations.SCHEMAS,
                                     **check_operations.SCHEMAS}
    paths: dict[str, Schema] = {}
    for route in routes:
        if not is_documented(route):
            continue
        item = paths.setdefault(route.path, {})
        if route.on_app:
            item["servers"] = [{"url": settings.app_url,
                                "description": "the fake TikTok app (serve's app port)"}]
        item[route.method] = _operation(route, components)
    tags = dict.fromkeys([*TAG_DESCRIPTIONS, *(o["tags"][0] for i in paths.values()
                                               for k, o in i.items() if k != "servers")])
    return {"openapi": "3.1.0",
            "info": {"title": "TikTok Shop Sandbox", "version": "0.1.0", "description": (
                "The sandbox's control plane and actor APIs, and the fake TikTok app's faces "
                "(those paths carry their own `servers`). Refusals are `{error: {code, message, "
                "rule?, details?}}`; rule refusals are 422 and name their rule ID. Generated "
                "from the url maps and the request models that validate the bodies.")},
            "servers": [{"url": settings.seller_url, "description": "the sandbox"}],
            "tags": [{"name": t, **({"description": TAG_DESCRIPTIONS[t]}
                                    if t in TAG_DESCRIPTIONS else {})} for t in tags],
            "paths": dict(sorted(paths.items())),
            "components": {"schemas": dict(sorted(components.items())),
                           "securitySchemes": SECURITY_SCHEMES}}
