"""Builders and component schemas for the OpenAPI document, so `openapi_spec` reads as routes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Schema = dict[str, Any]

CONTROL, SELLER = "Control plane", "Seller actor API"
APP = "TikTok app (served on the app port)"
STR, INT, NUM = {"type": "string"}, {"type": "integer"}, {"type": "number"}
BOOL = {"type": "boolean"}
TS: Schema = {"type": "string", "format": "date-time"}
OBJ: Schema = {"type": "object"}
APP_SERVER = [{"url": "{app_url}", "description": "the fake TikTok app (serve's app port)",
               "variables": {"app_url": {"default": "http://127.0.0.1:8701"}}}]


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def null_or(schema: Schema) -> Schema:
    """`schema` or JSON null (OpenAPI 3.1 has no `nullable`)."""
    return {"oneOf": [schema, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(props: Mapping[str, Any], required: Iterable[str] = (), *, closed: bool = False,
        description: str = "") -> Schema:
    """An object schema; `closed` when the route refuses unknown fields (UNKNOWN_FIELD)."""
    schema: Schema = {"type": "object", "properties": dict(props)}
    if required := list(required):
        schema["required"] = required
    if closed:
        schema["additionalProperties"] = False
    if description:
        schema["description"] = description
    return schema


def json_content(schema: Schema) -> Schema:
    return {"content": {"application/json": {"schema": schema}}}


def form_body(props: Mapping[str, Any], required: Iterable[str]) -> Schema:
    """TikTok's faces take form bodies (JSON is accepted too)."""
    schema = obj(props, required)
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": schema},
                                          "application/json": {"schema": schema}}}


def error_response(codes: Iterable[str], schema: str = "Error") -> Schema:
    """A refusal response; each code is `CODE` or `CODE@RULE`. `x-error-codes` lists the codes
    for machines (the test checks them against the source)."""
    pairs = [(c.partition("@")[0], c.partition("@")[2]) for c in codes]
    text = ", ".join(f"`{c}` (rule {r})" if r else f"`{c}`" for c, r in pairs)
    return {"description": text or "Refused", "x-error-codes": [c for c, _ in pairs],
            **json_content(ref(schema))}


def op(summary: str, ok: Schema | None, *, tag: str, status: str = "200",
       body: Schema | None = None, path: Iterable[str] = (),
       query: Mapping[str, Schema] | None = None,
       errors: Mapping[str, Iterable[str]] | None = None, description: str = "",
       security: list[dict[str, list[str]]] | None = None, ok_text: str = "OK",
       error_schema: str = "Error") -> Schema:
    """One operation: its success response, refusals by status, parameters (a query name ending
    in `!` is required) and body."""
    responses: Schema = {status: {"description": ok_text, **(json_content(ok) if ok else {})}}
    for code, names in (errors or {}).items():
        responses[code] = error_response(names, error_schema)
    operation: Schema = {"summary": summary, "tags": [tag], "responses": responses}
    if description:
        operation["description"] = description
    params = [{"name": p, "in": "path", "required": True, "schema": STR} for p in path]
    params += [{"name": k.rstrip("!"), "in": "query", "required": k.endswith("!"), "schema": v}
               for k, v in (query or {}).items()]
    if params:
        operation["parameters"] = params
    if body is not None:
        operation["requestBody"] = body if "content" in body else {"required": True,
                                                                    **json_content(body)}
    if security is not None:
        operation["security"] = security
    return operation


# -- the sandbox's own shapes --------------------------------------------------------------------

_KINDS = {"enum": ["personal", "business", "organization"]}
_ACCOUNT_STATUSES = {"enum": ["normal", "restricted", "banned", "suspended"]}
_SHOP_STATUSES = {"enum": ["normal", "frozen", "suspended", "closed", "deactivated"]}
_REGION = {"type": "string", "pattern": "^[A-Za-z]{2}$", "description": "two letters, e.g. US"}
_COUNT = {"type": "integer", "minimum": 0}
_LINK_REQUEST_STATUSES = ["qr_shown", "scanned", "checking", "ready", "refused", "in_progress",
                          "linked", "expired", "denied", "cancelled", "failed"]

_ACCOUNT_ATTRIBUTES = obj({
    "username": {"type": "string", "maxLength": 24, "description": "create only; letters, "
                 "digits, '.', '_' (a leading @ is dropped)"},
    "nickname": STR, "age": {"type": "integer", "minimum": 1, "maximum": 129},
    "birthdate": {"type": "string", "format": "date", "description": "instead of age"},
    "region": _REGION, "network_region": _REGION, "kind": _KINDS, "status": _ACCOUNT_STATUSES,
    "followers": _COUNT, "following": _COUNT, "likes": _COUNT, "videos": _COUNT,
    "violation_points": _COUNT, "health_score": _COUNT,
    "ecommerce_revoked": {"oneOf": [BOOL, STR], "description": "true, false, or the reason; "
                          "'violations' keeps a link in progress (C7) instead of refusing (C5)"},
    "ecommerce_revoked_reason": STR, "associated_with_revoked": BOOL,
    "phone": null_or(STR), "bio": null_or(STR), "verified": BOOL,
    "password": {"type": "string", "minLength": 4, "description": "generated when omitted"},
    "serious_violation_at": null_or(STR) | {"description": "ISO instant, \"now\", or null (F4)"},
}, closed=True)

SCHEMAS: dict[str, Schema] = {
    "ErrorBody": obj({"code": STR, "message": STR, "rule": {"type": "string", "description":
                      "the rule that refused (RULES.md), e.g. C1, B1, D1"},
                      "details": OBJ}, ["code", "message"]),
    "Error": obj({"error": ref("ErrorBody")}, ["error"], description=(
        "Every sandbox refusal. `code` is stable; rule refusals are 422 and name their rule "
        "(a few 400s name one too: INVALID_MARKET M1, recruitment B4).")),
    "Info": obj({"seller_url": STR, "app_url": STR, "database": STR, "version": STR}),
    "WorldCreate": obj({"name": STR, "id": {"type": "string", "pattern": "^[a-z0-9_-]{1,40}$"},
                        "seed": {"enum": ["demo"]}, "frozen": {"type": "boolean", "description":
                                                               "start frozen at the wall clock"},
                        "now": TS | {"description": "start frozen at this instant"}},
                       closed=True),
    "Clock": obj({"now": TS, "frozen": BOOL}, ["now", "frozen"]),
    "ClockMove": obj({"advance": {"oneOf": [NUM, STR], "description": "seconds, or an ISO-8601 "
                                  "duration such as PT24H or P15D"},
                      "set": TS | {"description": "forward only"}, "freeze": BOOL}, closed=True),
    "ClockMoved": {"allOf": [ref("Clock"), obj(
        {"fired": array(ref("Event"))}, ["fired"],
        description="events the due jobs appended while the clock moved, in order")]},
    "World": obj({"id": STR, "name": STR, "created_at": TS, "clock": ref("Clock"),
                  "logins": obj({"seller": array(OBJ), "app": array(OBJ)}, description=(
                      "GET /worlds/{world_id} only: the seeded logins (seed demo)"))},
                 ["id", "name", "clock"]),
    "Event": obj({"seq": INT, "at": TS, "type": {"type": "string", "examples": [
        "link.linked"]}, "subject": STR, "data": OBJ}, ["seq", "at", "type", "subject", "data"]),
    "Seller": obj({"email": STR, "password": STR, "token": {
        "type": "string", "description": "bearer token for the seller actor API"}},
        ["email", "password", "token"]),
    "Shop": obj({
        "id": STR, "name": STR, "market": {"enum": ["US", "GB", "CB", "DOUYIN"]},
        "status": _SHOP_STATUSES, "recruitment": {"enum": ["open", "invited"]},
        "phone": null_or(STR), "cipher": STR, "created_at": TS,
        "seller": ref("Seller") | {"description": "on creation only"},
        "links": array(ref("Link")) | {"description": "GET of one shop: its active links"},
        "organization_account": {"type": "object", "description": "on creation with "
                                 "`organization_account` (G1): see OrganizationAccount"}},
        ["id", "name", "market", "status", "recruitment", "cipher"]),
    "ShopCreate": obj({
        "name": {"type": "string", "maxLength": 200}, "market": {
            "enum": ["US", "GB", "CB", "DOUYIN"], "default": "US", "description":
            "case-insensitive (M1)"}, "recruitment": {"enum": ["open", "invited"],
                                                      "default": "invited"},
        "status": _SHOP_STATUSES, "phone": STR, "business_entity": STR, "email": STR,
        "password": STR, "organization_account": {"oneOf": [BOOL, obj({"username": STR})],
                                                  "description": "create one at onboarding (G1)"}},
        ["name"], closed=True),
    "ShopChange": obj({"status": _SHOP_STATUSES, "phone": STR, "name": STR}, closed=True),
    "Account": obj({
        "open_id": STR, "union_id": STR, "username": STR, "nickname": STR, "kind": _KINDS,
        "birthdate": {"type": "string", "format": "date"}, "age": INT, "region": STR,
        "network_region": STR, "status": _ACCOUNT_STATUSES, "ecommerce_revoked": BOOL,
        "ecommerce_revoked_reason": null_or(STR), "associated_with_revoked": BOOL,
        "followers": INT, "violation_points": INT, "health_score": INT, "phone": null_or(STR),
        "verified": BOOL, "created_at": TS, "serious_violation_at": null_or(TS),
        "password": {"type": "string", "description": "on creation only"}},
        ["open_id", "username", "region", "status"]),
    "AccountAttributes": _ACCOUNT_ATTRIBUTES,
    "ClientRequest": obj({
        "kind": {"enum": ["login_kit", "shop_app"], "default": "login_kit"},
        "name": STR, "redirect_uris": array(STR), "redirect_url": {
            "type": "string", "description": "shop_app (or the first redirect_uris)"},
        "scopes": {"oneOf": [array(STR), STR], "description": "list or comma-separated"},
        "platform": {"enum": ["web", "desktop", "mobile"], "description": "login_kit"},
        "webhook_url": STR}),
    "Client": obj({"client_key": STR, "client_secret": STR, "name": STR, "kind": STR,
                   "platform": STR, "redirect_uris": array(STR), "scopes": array(STR),
                   "webhook_url": null_or(STR)}, ["client_key", "client_secret"]),
    "ShopApp": obj({"kind": {"const": "shop_app"}, "app_key": STR, "app_secret": STR,
                    "service_id": STR, "name": STR, "redirect_url": STR,
                    "webhook_url": null_or(STR), "scopes": array(STR), "authorize_url": STR},
                   ["app_key", "app_secret", "service_id"]),
    "Link": obj({
        "id": STR, "shop_id": STR, "open_id": STR, "role": {"enum": ["official", "marketing"]},
        "status": {"enum": ["linked", "in_progress", "unlinked", "rejected"]},
        "account": OBJ, "linked_at": TS, "pending_reason": null_or(obj(
            {"code": STR, "rule": STR, "message": STR}, description="C7: why it waits")),
        "unlinked_at": TS, "unlinked_by": STR}, ["id", "shop_id", "open_id", "role", "status"]),
    "LinkRequest": obj({
        "id": STR, "shop_id": STR, "role": {"const": "official"},
        "status": {"enum": _LINK_REQUEST_STATUSES}, "qr_url": {
            "type": "string", "description": "the QR code's content: the phone's scan URL"},
        "client_ticket": STR, "qr_png_url": STR, "qr_svg_url": STR,
        "account": null_or(OBJ) | {"description": "what user info said, once authorized"},
        "link_id": null_or(STR), "created_at": TS, "updated_at": TS,
        "error": obj({"code": STR, "rule": STR, "message": STR, "all": array(obj(
            {"code": STR, "rule": STR}))}, description="refused: every rule that failed, the "
                     "first in `code`/`rule`; failed: the app's error")},
        ["id", "shop_id", "role", "status", "qr_url"]),
    "SellerSession": obj({"token": STR, "world": STR}, ["token", "world"]),
    "AppSession": obj({"session_token": STR, "open_id": STR, "username": STR, "world": STR},
                      ["session_token", "open_id"]),
    "ScannedQr": obj({"token": STR, "status": {"enum": ["new", "scanned", "confirmed",
                                                          "utilised", "expired"]},
                      "client": obj({"client_key": STR, "name": STR}), "display_name": STR,
                      "scopes": array(STR), "expires_at": TS}, ["token", "status"]),
    "AuthorizedApp": obj({"client_key": STR, "name": STR, "scopes": array(STR)}),
}

# -- TikTok's wire formats (protocols.md §1.2, §1.4, §2) -----------------------------------------

_TIKTOK_SCHEMAS: dict[str, Schema] = {
    "OAuthError": obj({"error": {"enum": [
        "invalid_request", "invalid_client", "invalid_grant", "invalid_scope",
        "unauthorized_client", "unsupported_grant_type", "access_denied", "server_error"]},
        "error_description": STR, "log_id": {"type": "string", "description":
                                             "34 characters: UTC YYYYMMDDHHMMSS + 20 hex"}},
        ["error", "error_description", "log_id"], description=(
        "TikTok's OAuth error. HTTP 200 by default, as TikTok does; `serve --rfc-errors` "
        "answers 400/401 instead.")),
    "QrCode": obj({"scan_qrcode_url": {"type": "string", "description": (
        "the phone simulator's http URL with `client_ticket=tobefilled`")}, "token": STR},
        ["scan_qrcode_url", "token"]),
    "QrStatus": obj({
        "status": {"enum": ["new", "scanned", "confirmed", "utilised", "expired"]},
        "client_ticket": {"type": "string", "description": "empty until scanned, and when "
                          "expired"},
        "code": STR, "state": STR, "scopes": STR, "redirect_uri": {
            "type": "string", "description": "the registered redirect URI carrying code, "
            "state and scopes (confirmed only)"},
        "sandbox_reason": {"const": "denied", "description": "sandbox extension: `expired` "
                           "because the phone tapped Cancel"}}, ["status", "client_ticket"],
        description="The first poll that sees `confirmed` hands out the code; later polls say "
                    "`utilised`."),
    "LoginKitToken": obj({
        "access_token": {"type": "string", "description": "`act.` (user) or `clt.` (client)"},
        "expires_in": INT, "open_id": STR, "scope": {"type": "string", "description":
                                                     "comma-separated"},
        "refresh_token": {"type": "string", "description": "`rft.`; rotates on refresh"},
        "refresh_expires_in": INT, "token_type": {"const": "Bearer"}},
        ["access_token", "expires_in", "token_type"], description=(
        "TikTok's flat token JSON; client_credentials returns only access_token, expires_in, "
        "token_type.")),
    "ApiError": obj({"code": STR, "message": STR, "log_id": STR}, ["code", "message", "log_id"]),
    "UserInfoError": obj({"data": OBJ, "error": ref("ApiError")}, ["data", "error"]),
    "UserInfo": obj({"data": obj({"user": ref("TikTokUser")}), "error": ref("ApiError")},
                    ["data", "error"], description="`error.code` is \"ok\" on success"),
    "TikTokUser": obj({
        **{k: STR for k in ("open_id", "union_id", "avatar_url", "avatar_url_100",
                            "avatar_large_url", "display_name")},
        **{k: STR for k in ("bio_description", "profile_deep_link", "username")},
        "is_verified": BOOL,
        **{k: INT for k in ("follower_count", "following_count", "likes_count", "video_count")},
        "birthdate": STR, "is_over_18": BOOL, "region": STR, "network_region": STR,
        "account_status": STR, "account_kind": STR,
        "ecommerce_permission": {"enum": ["granted", "revoked", "none"]},
        "ecommerce_revoked_reason": null_or(STR), "associated_with_revoked": BOOL,
        "phone_number": null_or(STR) | {"description": "masked"}, "violation_points": INT,
        "health_score": INT, "last_serious_violation_at": null_or(STR),
        "music_library": STR, "muted_earlier_videos": INT, "owner_shop_id": null_or(STR),
        "upgrade_status": null_or(STR)}, description=(
        "Only the requested `fields`. user.info.basic: open_id, union_id, avatar_url*, "
        "display_name; user.info.profile: bio_description, profile_deep_link, is_verified, "
        "username; user.info.stats: the counts. Every other field needs scope "
        "user.info.eligibility, a sandbox extension granted to first-party clients only "
        "(Seller Center reads it to apply rules C1–C7, G5, H2).")),
}
SCHEMAS.update(_TIKTOK_SCHEMAS)

SECURITY_SCHEMES: dict[str, Schema] = {
    "control": {"type": "http", "scheme": "bearer", "description": (
        "The control plane is open on loopback; from anywhere else it needs "
        "`serve --control-token`'s value (403 CONTROL_TOKEN_REQUIRED).")},
    "seller": {"type": "http", "scheme": "bearer", "description": (
        "A seller token: from shop creation (`seller.token`) or POST /api/v1/seller/login.")},
    "app": {"type": "http", "scheme": "bearer", "description": (
        "An app session token from POST /app/api/v1/login.")},
    "tiktok_bearer": {"type": "http", "scheme": "bearer", "description": (
        "A Login Kit `act.` access token.")},
}

TAG_DESCRIPTIONS = {
    CONTROL: "DESIGN §6: worlds, shops, accounts, clients, clock and events. Open on loopback.",
    SELLER: "What a seller clicks in Seller Center, a script can call (bearer seller token).",
    APP: "The fake TikTok app's actor API (`/app/api/v1`) and TikTok's own faces (`/v2/…`), "
         "served on the app port (8701 by default), not the sandbox's.",
}
