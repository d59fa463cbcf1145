"""The OpenAPI 3.1 document at /openapi.json: core routes here, each area's merged in."""

from __future__ import annotations

import copy
import importlib
from typing import Any

from sandbox.openapi import schemas as oas
from sandbox.openapi.schemas import APP, CONTROL, SELLER, STR, array, form_body, obj, op, ref

AREAS = ("organization_paths", "marketing_paths", "partner_paths")
W, BODY = ["world_id"], ["INVALID_JSON", "INVALID_BODY"]
NO_WORLD = {"404": ["WORLD_NOT_FOUND"]}
PUBLIC: list[dict[str, list[str]]] = []  # `security: []`: no credentials (the login routes)

# -- control plane (sandbox/web/control_plane.py) -----------------------------------------------

ACCOUNT_ERRORS = ["UNKNOWN_FIELD", "INVALID_FIELD", *BODY]
PATHS: dict[str, dict[str, Any]] = {
    "/_sandbox/v1/info": {"get": op("Both services' URLs and the database kind", ref("Info"),
                                    tag=CONTROL)},
    "/_sandbox/v1/worlds": {
        "post": op("Create a world (one transaction; `seed: demo` adds the walkthrough's shops "
                   "and personas)", ref("World"), tag=CONTROL, status="201",
                   body=ref("WorldCreate"), ok_text="Created", errors={
                       "400": ["UNKNOWN_FIELD", "INVALID_WORLD_NAME", "INVALID_WORLD_ID",
                               "UNKNOWN_SEED", "INVALID_INSTANT", *BODY],
                       "409": ["WORLD_EXISTS"]}),
        "get": op("List worlds", obj({"worlds": array(ref("World"))}), tag=CONTROL)},
    "/_sandbox/v1/worlds/{world_id}": {
        "get": op("A world, with its seeded logins", ref("World"), tag=CONTROL, path=W,
                  errors=NO_WORLD),
        "delete": op("Delete a world and every row of it", None, tag=CONTROL, path=W,
                     status="204", ok_text="Deleted", errors=NO_WORLD)},
    "/_sandbox/v1/worlds/{world_id}/shops": {
        "post": op("Create a shop and its seller login", ref("Shop"), tag=CONTROL, path=W,
                   status="201", ok_text="Created", body=ref("ShopCreate"), errors={
                       "400": ["UNKNOWN_FIELD", "MISSING_FIELD", "INVALID_FIELD@B4",
                               "INVALID_MARKET@M1", *BODY],
                       "404": ["WORLD_NOT_FOUND"], "409": ["SELLER_EMAIL_TAKEN"]}),
        "get": op("List shops", obj({"shops": array(ref("Shop"))}), tag=CONTROL, path=W,
                  errors=NO_WORLD)},
    "/_sandbox/v1/worlds/{world_id}/shops/{shop_id}": {
        "get": op("A shop and its active links", ref("Shop"), tag=CONTROL, path=W + ["shop_id"],
                  errors={"404": ["SHOP_NOT_FOUND"]}),
        "patch": op("Change a shop's status (abnormal statuses refuse links, C4), phone or name "
                    "(the official account is renamed with it, B2)", ref("Shop"), tag=CONTROL,
                    path=W + ["shop_id"], body=ref("ShopChange"),
                    errors={"400": ["UNKNOWN_FIELD", "INVALID_FIELD", *BODY],
                            "404": ["WORLD_NOT_FOUND", "SHOP_NOT_FOUND"]})},
    "/_sandbox/v1/worlds/{world_id}/accounts": {
        "post": op("Create a TikTok account; the answer carries its password", ref("Account"),
                   tag=CONTROL, path=W, status="201", ok_text="Created", body={"allOf": [
                       ref("AccountAttributes"), {"required": ["username", "region"]}]},
                   errors={"400": ["MISSING_FIELD", *ACCOUNT_ERRORS], **NO_WORLD,
                           "409": ["USERNAME_TAKEN"]}),
        "get": op("List accounts", obj({"accounts": array(ref("Account"))}), tag=CONTROL,
                  path=W, errors=NO_WORLD)},
    "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}": {
        "get": op("An account, every attribute the rules read", ref("Account"), tag=CONTROL,
                  path=W + ["open_id"], errors={"404": ["WORLD_NOT_FOUND", "ACCOUNT_NOT_FOUND"]}),
        "patch": op("Change an account's attributes (not its username)", ref("Account"),
                    tag=CONTROL, path=W + ["open_id"], body=ref("AccountAttributes"),
                    errors={"400": ACCOUNT_ERRORS,
                            "404": ["WORLD_NOT_FOUND", "ACCOUNT_NOT_FOUND"]})},
    "/_sandbox/v1/worlds/{world_id}/clients": {
        "post": op("Register a Login Kit client, or (kind shop_app) a TikTok Shop partner app",
                   {"oneOf": [ref("Client"), ref("ShopApp")]}, tag=CONTROL, path=W,
                   status="201", ok_text="Created", body=ref("ClientRequest"), errors={
                       "400": ["CLIENT_KIND_UNSUPPORTED", "INVALID_FIELD", "INVALID_SCOPE",
                               *BODY], **NO_WORLD},
                   description="Login Kit clients may not ask for user.info.eligibility "
                               "(first-party only).")},
    "/_sandbox/v1/worlds/{world_id}/clock": {
        "get": op("The world's clock", ref("Clock"), tag=CONTROL, path=W, errors=NO_WORLD),
        "post": op("Advance, set or freeze the clock", ref("ClockMoved"), tag=CONTROL, path=W,
                   body=ref("ClockMove"), description="Due jobs (QR expiry, organization accounts, "
                   "webhook retries, …) fire in time order before it returns; `fired` lists the "
                   "events they appended.", errors={
                       "400": ["UNKNOWN_FIELD", "INVALID_FIELD", "INVALID_DURATION",
                               "INVALID_INSTANT", "CLOCK_AMBIGUOUS", "CLOCK_BACKWARDS", *BODY],
                       **NO_WORLD})},
    "/_sandbox/v1/worlds/{world_id}/events": {
        "get": op("Events in order", obj({"events": array(ref("Event"))}), tag=CONTROL, path=W,
                  query={"after": {"type": "integer", "minimum": 0, "description": "last seq seen"},
                         "type": {"type": "string", "description": "exact type, or a prefix "
                                  "ending in '.' for a family (`link.`)"},
                         "wait": {"type": "number", "minimum": 0, "maximum": 60,
                                  "description": "long-poll up to this many seconds for the "
                                  "first new event"}},
                  errors={"400": ["INVALID_PARAMETER"], **NO_WORLD})},
    "/_sandbox/v1/worlds/{world_id}/links": {
        "get": op("Every active link of the world", obj({"links": array(ref("Link"))}),
                  tag=CONTROL, path=W, errors=NO_WORLD)},
}

# -- seller actor API (sandbox/web/seller_api.py, services/linking.py) ---------------------------

RQ = ["request_id"]
C_RULES = ["LINK_HOLDER_UNDER_18@C1", "LINK_ACCOUNT_OUTSIDE_MARKET@C2",
           "LINK_ACCOUNT_STATUS_ABNORMAL@C3", "LINK_SHOP_STATUS_ABNORMAL@C4",
           "LINK_ECOMMERCE_PERMISSION_REVOKED@C5", "LINK_ACCOUNT_ALREADY_LINKED@C6",
           "ORG_ACCOUNT_OTHER_SHOP@G5", "ORG_ACCOUNT_LINK_LIMIT@G5",
           "LINK_ACCOUNT_IN_UPGRADE_TRIAL@H2"]
JOURNEY = ("D1 agree → QR shown (`qr_shown`) → D2 the phone scans (`scanned`) and authorizes → "
           "D3 Seller Center reads user info and applies C1–C7: `refused` (with `error`), "
           "`in_progress` (C7: a link that waits for a support ticket) or `ready` → confirm → "
           "`linked`. Also `expired`, `denied` (the phone tapped Cancel), `cancelled`, `failed`.")

PATHS.update({
    "/api/v1/seller/login": {"post": op(
        "Log a seller in; returns a bearer token", ref("SellerSession"), tag=SELLER,
        security=PUBLIC, body=obj({"world": STR, "email": STR, "password": STR},
                                  ["world", "email", "password"]),
        errors={"400": ["MISSING_FIELD", *BODY], "401": ["SELLER_LOGIN_FAILED"], **NO_WORLD})},
    "/api/v1/shop": {"get": op("The seller's shop and its active links", ref("Shop"),
                               tag=SELLER)},
    "/api/v1/links/official": {"post": op(
        "Agree to the official account rules and show a QR code (D1)", ref("LinkRequest"),
        tag=SELLER, status="201", ok_text="QR shown", body=obj({"agreed": {"const": True}},
                                                               ["agreed"]),
        description=JOURNEY, errors={
            "400": BODY, "404": ["SELLER_CENTER_CLIENT_MISSING"],
            "422": ["AGREEMENT_REQUIRED@D1", "LINK_SHOP_STATUS_ABNORMAL@C4",
                    "LINK_SHOP_HAS_OFFICIAL_ACCOUNT@B1"],
            "502": ["TIKTOK_APP_ERROR"]})},
    "/api/v1/links/{request_id}": {"get": op(
        "The link request: polls the QR code once and, when the phone has authorized, applies "
        "the C rules", ref("LinkRequest"), tag=SELLER, path=RQ, description=JOURNEY + (
            " A refusal is not an HTTP error here: the request turns `refused` and its `error` "
            "names the rule (C1–C6, G5, H2; B1 if another link won a race)."),
        errors={"404": ["LINK_REQUEST_NOT_FOUND"], "502": ["TIKTOK_APP_ERROR"]})},
    "/api/v1/links/{request_id}/confirm": {"post": op(
        "Link this account (D3): the rules are read again, the account may have changed",
        ref("LinkRequest"), tag=SELLER, path=RQ, errors={
            "404": ["LINK_REQUEST_NOT_FOUND"], "409": ["LINK_REQUEST_NOT_READY"],
            "422": [*C_RULES, "LINK_SHOP_HAS_OFFICIAL_ACCOUNT@B1"],
            "502": ["TIKTOK_APP_ERROR"]})},
    "/api/v1/links/{request_id}/cancel": {"post": op(
        "Cancel a link request (not one that made a link)", ref("LinkRequest"), tag=SELLER,
        path=RQ, errors={"404": ["LINK_REQUEST_NOT_FOUND"],
                         "409": ["LINK_REQUEST_NOT_CANCELLABLE"]})},
})

# -- the fake app: actor API (fake_tiktok_app/web/actor_api.py) ---------------------------------

QR_STATE = ["QR_EXPIRED", "QR_ALREADY_USED", "QR_SCANNED_BY_OTHER"]
TK = ["token"]
PATHS.update({
    "/app/api/v1/login": {"post": op(
        "Log in on the phone with username and password; returns a session token",
        ref("AppSession"), tag=APP, security=PUBLIC,
        body=obj({"world": STR, "username": STR, "password": STR},
                 ["world", "username", "password"]),
        errors={"400": ["MISSING_FIELD", *BODY], "401": ["LOGIN_FAILED", "ACCOUNT_BANNED"],
                **NO_WORLD, "422": ["ORG_ACCOUNT_PASSWORD_LOGIN_DISABLED@G4 or H2"]})},
    "/app/api/v1/me": {"get": op("The logged-in account", ref("Account"), tag=APP)},
    "/app/api/v1/scan": {"post": op(
        "Scan a QR code (D2): its URL, or its token", ref("ScannedQr"), tag=APP,
        body=obj({"url": {"type": "string", "description": "the QR code's content"},
                  "token": STR, "client_ticket": STR}),
        errors={"400": ["MISSING_FIELD", *BODY], "404": ["QR_NOT_FOUND"], "409": QR_STATE})},
    "/app/api/v1/qr/{token}/authorize": {"post": op(
        "Tap Authorize (D2): the QR code turns confirmed", ref("ScannedQr"), tag=APP, path=TK,
        errors={"404": ["QR_NOT_FOUND"], "409": ["QR_NOT_SCANNED", *QR_STATE]})},
    "/app/api/v1/qr/{token}/deny": {"post": op(
        "Tap Cancel: the QR code expires (check_qrcode adds sandbox_reason: denied)",
        ref("ScannedQr"), tag=APP, path=TK,
        errors={"404": ["QR_NOT_FOUND"], "409": ["QR_NOT_SCANNED", *QR_STATE]})},
    "/app/api/v1/qr/displayed": {"get": op(
        "QR codes on screen in this world now (status new, not expired)",
        obj({"qr_codes": array(ref("ScannedQr"))}), tag=APP)},
    "/app/api/v1/authorizations": {"get": op(
        "Settings → Manage app permissions: third-party apps this account authorized",
        obj({"apps": array(ref("AuthorizedApp"))}), tag=APP)},
    "/app/api/v1/authorizations/{client_key}": {"delete": op(
        "Remove an app: its tokens stop working; webhook authorization.removed (reason 1)",
        obj({"client_key": STR, "revoked_tokens": oas.INT}), tag=APP, path=["client_key"],
        errors={"404": ["CLIENT_NOT_FOUND", "APP_NOT_AUTHORIZED"]})},
})

# -- the fake app: TikTok's own faces (fake_tiktok_app/web/tiktok_api.py) -------------------------

OAUTH_NOTE = ("Errors are TikTok's `{error, error_description, log_id}` with **HTTP 200** by "
              "default; `serve --rfc-errors` answers 400/401 instead. Form or JSON body.")
_CLIENT = {"client_key": STR, "client_secret": STR}


def _tiktok(summary: str, ok: str, rfc: dict[str, list[str]], body: dict[str, Any],
            description: str = "") -> dict[str, Any]:
    """A TikTok OAuth face: success or error body at 200, RFC statuses only in rfc mode."""
    return op(summary, {"oneOf": [ref(ok), ref("OAuthError")]}, tag=APP, security=PUBLIC,
              errors=rfc, error_schema="OAuthError", body=body,
              ok_text="Success, or the error body (TikTok's default)",
              description=f"{OAUTH_NOTE} {description}".strip())


PATHS.update({
    "/v2/oauth/get_qrcode/": {"post": _tiktok(
        "Get a QR code (Login Kit QR, protocols.md §2.1)", "QrCode", {
            "400": ["invalid_request", "invalid_scope"], "401": ["invalid_client"]},
        body=form_body({"client_key": STR, "scope": {"type": "string", "description":
                                                     "comma-separated"},
                        "state": {"type": "string", "maxLength": 512},
                        "display_name": {"type": "string", "description": (
                            "sandbox extension, first-party clients only: the name the phone "
                            "shows (Seller Center sends the shop's)")}}, ["client_key", "scope"]))},
    "/v2/oauth/check_qrcode/": {"post": _tiktok(
        "Poll a QR code (protocols.md §2.2)", "QrStatus", {
            "400": ["invalid_request"], "401": ["invalid_client"]},
        body=form_body({**_CLIENT, "token": STR}, ["client_key", "client_secret", "token"]),
        description="new → scanned → confirmed (code, state, scopes and a redirect_uri "
                    "carrying them) → utilised; expired (+ `sandbox_reason: denied`).")},
    "/v2/oauth/token/": {"post": _tiktok(
        "Token endpoint (protocols.md §1.2): authorization_code, refresh_token, "
        "client_credentials", "LoginKitToken", {
            "400": ["invalid_request", "invalid_grant", "unauthorized_client",
                    "unsupported_grant_type", "invalid_scope"], "401": ["invalid_client"]},
        body=form_body({**_CLIENT, "grant_type": {"enum": [
            "authorization_code", "refresh_token", "client_credentials"]}, "code": STR,
            "redirect_uri": STR, "code_verifier": {"type": "string", "description": (
                "PKCE; desktop clients' challenge is hex SHA-256")}, "refresh_token": STR},
            ["client_key", "client_secret", "grant_type"]))},
    "/v2/user/info/": {"get": op(
        "User info (protocols.md §1.4): the requested fields, each needing its scope",
        ref("UserInfo"), tag=APP, security=[{"tiktok_bearer": []}],
        query={"fields!": {"type": "string", "description": "comma-separated field names"}},
        error_schema="UserInfoError", errors={
            "400": ["invalid_params"], "401": ["access_token_invalid", "scope_not_authorized"]},
        description="TikTok API v2 errors (`{data: {}, error: {code, message, log_id}}`) use "
                    "real HTTP statuses. `user.info.eligibility` fields are a sandbox extension "
                    "for first-party clients.")},
})

# -- merging ------------------------------------------------------------------------------------

METHODS = ("get", "put", "post", "delete", "patch")
APP_PREFIXES = ("/app/", "/v2/", "/oauth/", "/.well-known/", "/sandbox/v1/")
LOGIN_REQUIRED = {"/_sandbox/v1/": ("control", "403", "CONTROL_TOKEN_REQUIRED"),
                  "/api/v1/": ("seller", "401", "SELLER_LOGIN_REQUIRED"),
                  "/app/api/v1/": ("app", "401", "APP_LOGIN_REQUIRED")}
TAG_ALIASES = {"control plane": CONTROL, "seller actor API": SELLER, "app actor API": APP,
               "App actor API": APP, "first party": "Sandbox extension: Seller Center first-party"}


def _merge(paths: dict[str, Any], schemas: dict[str, Any], area: str) -> None:
    """Add an area's routes and schemas; on a clash this module's description wins."""
    module = importlib.import_module(f"{__package__}.{area}")
    for path, item in copy.deepcopy(module.PATHS).items():
        mine = paths.setdefault(path, {})
        for key, value in item.items():
            mine.setdefault(key, value)
    for name, schema in module.SCHEMAS.items():
        schemas.setdefault(name, copy.deepcopy(schema))


def _require_login(operation: dict[str, Any], scheme: str, status: str, code: str) -> None:
    """Declare the prefix's credentials (unless declared) and the refusal without them."""
    optional = [{}] if scheme == "control" else []  # loopback needs no token
    if operation.setdefault("security", [*optional, {scheme: []}]) == []:
        return  # declared public
    responses = operation["responses"]
    if status not in responses:
        responses[status] = oas.error_response([code])
        return
    response = responses[status] = copy.deepcopy(responses[status])  # areas share responses
    if code not in response.setdefault("x-error-codes", []):
        response["x-error-codes"].insert(0, code)
        response["description"] = f"`{code}`, {response['description']}"


def _apply_conventions(path: str, item: dict[str, Any], tags: dict[str, None]) -> None:
    """What holds by prefix: the server a path lives on, who may call it, and tag names."""
    if path.startswith(APP_PREFIXES):
        item.setdefault("servers", oas.APP_SERVER)
    auth = next((v for k, v in LOGIN_REQUIRED.items() if path.startswith(k)), None)
    for operation in (item[m] for m in METHODS if m in item):
        operation["tags"] = [TAG_ALIASES.get(t, t) for t in operation.get("tags", [])]
        tags.update(dict.fromkeys(operation["tags"]))
        if "login" in path.split("/"):  # logging in needs no credentials
            operation.setdefault("security", [])
        elif auth is not None:
            _require_login(operation, *auth)
        operation["responses"] = dict(sorted(operation["responses"].items()))


def build_spec() -> dict[str, Any]:
    paths, schemas = copy.deepcopy(PATHS), copy.deepcopy(oas.SCHEMAS)
    for area in AREAS:
        _merge(paths, schemas, area)
    tags: dict[str, None] = dict.fromkeys(oas.TAG_DESCRIPTIONS)
    for path, item in paths.items():
        _apply_conventions(path, item, tags)
    return {"openapi": "3.1.0",
            "info": {"title": "TikTok Shop Sandbox", "version": "0.1.0", "description": (
                "The sandbox's control plane and actor APIs (port 8700 by default), and the fake "
                "TikTok app's faces (port 8701 by default: those paths carry their `servers`). "
                "Refusals are `{error: {code, message, rule?, details?}}`; rule refusals are "
                "422 and name their rule ID.")},
            "servers": [{"url": "{seller_url}", "description": "the sandbox (serve's first port)",
                         "variables": {"seller_url": {"default": "http://127.0.0.1:8700"}}}],
            "tags": [{"name": t, **({"description": oas.TAG_DESCRIPTIONS[t]}
                                    if t in oas.TAG_DESCRIPTIONS else {})} for t in tags],
            "paths": dict(sorted(paths.items())),
            "components": {"schemas": schemas, "securitySchemes": oas.SECURITY_SCHEMES}}
