"""The OpenAPI document served at /openapi.json: the walking skeleton's routes here, each later
area's in its own `openapi_<area>` module, merged by `build_spec`."""

from __future__ import annotations

import importlib
from typing import Any

from .openapi_tools import APP, CONTROL, OBJ, SELLER, TIKTOK, array_of, form, op, ref

W = ["world_id"]
_STR, _INT, _BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
AREAS = ("openapi_issue3", "openapi_issue4", "openapi_issue5")

WORLD_BODY = {"type": "object", "properties": {
    "name": _STR, "seed": {"enum": ["demo"]}, "frozen": _BOOL, "id": _STR,
    "now": {"type": "string", "format": "date-time", "description": "start frozen at this instant"}}}
SHOP_BODY = {"type": "object", "required": ["name"], "properties": {
    "name": _STR, "market": {"enum": ["US", "GB", "CB", "DOUYIN"]},
    "recruitment": {"enum": ["open", "invited"]}, "status": _STR, "phone": _STR,
    "business_entity": _STR, "email": _STR, "password": _STR}}
ACCOUNT_BODY = {"type": "object", "required": ["username", "region"], "properties": {
    "username": _STR, "nickname": _STR, "age": _INT, "birthdate": {"type": "string",
                                                                   "format": "date"},
    "region": _STR, "network_region": _STR, "kind": {"enum": ["personal", "business",
                                                              "organization"]},
    "status": _STR, "followers": _INT, "violation_points": _INT, "health_score": _INT,
    "ecommerce_revoked": {"oneOf": [_BOOL, _STR]}, "associated_with_revoked": _BOOL,
    "phone": _STR, "password": _STR}}
CLOCK_BODY = {"type": "object", "properties": {
    "advance": {"oneOf": [{"type": "number"}, _STR],
                "description": "seconds or ISO-8601 duration (PT24H)"},
    "set": {"type": "string", "format": "date-time"}, "freeze": _BOOL}}
LINK_BY = "Rules: D1–D4, C1–C7, B1, B5."

PATHS: dict[str, dict[str, Any]] = {
    "/_sandbox/v1/info": {"get": op("Both services' URLs and the database kind", OBJ, tag=CONTROL)},
    "/_sandbox/v1/worlds": {
        "post": op("Create a world (one transaction)", ref("World"), tag=CONTROL, status="201",
                   body=WORLD_BODY),
        "get": op("List worlds", array_of("worlds", "World"), tag=CONTROL)},
    "/_sandbox/v1/worlds/{world_id}": {
        "get": op("A world with its logins", ref("World"), tag=CONTROL, path=W),
        "delete": op("Delete a world and every row of it", None, tag=CONTROL, path=W,
                     status="204")},
    "/_sandbox/v1/worlds/{world_id}/shops": {
        "post": op("Create a shop and its seller login", ref("Shop"), tag=CONTROL, path=W,
                   status="201", body=SHOP_BODY, rules="M1, B4"),
        "get": op("List shops", array_of("shops", "Shop"), tag=CONTROL, path=W)},
    "/_sandbox/v1/worlds/{world_id}/shops/{shop_id}": {
        "get": op("A shop and its active links", ref("Shop"), tag=CONTROL, path=W + ["shop_id"]),
        "patch": op("Change a shop's status, phone or name", ref("Shop"), tag=CONTROL,
                    path=W + ["shop_id"], body=OBJ, rules="C4, B2")},
    "/_sandbox/v1/worlds/{world_id}/accounts": {
        "post": op("Create a TikTok account (returns its password)", ref("Account"), tag=CONTROL,
                   path=W, status="201", body=ACCOUNT_BODY),
        "get": op("List accounts", array_of("accounts", "Account"), tag=CONTROL, path=W)},
    "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}": {
        "get": op("An account", ref("Account"), tag=CONTROL, path=W + ["open_id"]),
        "patch": op("Change an account's attributes", ref("Account"), tag=CONTROL,
                    path=W + ["open_id"], body=ACCOUNT_BODY)},
    "/_sandbox/v1/worlds/{world_id}/clients": {
        "post": op("Register a partner app", OBJ, tag=CONTROL, path=W, status="201", body={
            "type": "object", "properties": {"kind": _STR, "name": _STR, "platform": _STR,
                                             "redirect_uris": {"type": "array", "items": _STR},
                                             "scopes": _STR}})},
    "/_sandbox/v1/worlds/{world_id}/clock": {
        "get": op("The world's clock", ref("Clock"), tag=CONTROL, path=W),
        "post": op("Advance, set or freeze the clock; due jobs fire, in time order, before it "
                   "returns", ref("Clock"), tag=CONTROL, path=W, body=CLOCK_BODY)},
    "/_sandbox/v1/worlds/{world_id}/events": {
        "get": op("Events in order", array_of("events", "Event"), tag=CONTROL, path=W, query={
            "after": _INT, "type": {"type": "string", "description": "`link.` matches a family"},
            "wait": {"type": "number", "description": "long-poll up to this many seconds (≤ 60)"}})},
    "/_sandbox/v1/worlds/{world_id}/links": {
        "get": op("Every active link of the world", array_of("links", "Link"), tag=CONTROL,
                  path=W)},
    "/api/v1/seller/login": {
        "post": op("Log a seller in; returns a bearer token", OBJ, tag=SELLER, body={
            "type": "object", "required": ["world", "email", "password"],
            "properties": {"world": _STR, "email": _STR, "password": _STR}})},
    "/api/v1/shop": {"get": op("The seller's shop and its links", ref("Shop"), tag=SELLER,
                               security="seller")},
    "/api/v1/links/official": {
        "post": op("Agree and show a QR code to link the official account", ref("LinkRequest"),
                   tag=SELLER, status="201", security="seller", rules="D1, C4, B1",
                   body={"type": "object", "properties": {"agreed": _BOOL}})},
    "/api/v1/links/{request_id}": {
        "get": op("The link request; polls the QR code once and applies the C rules when the "
                  "phone has authorized", ref("LinkRequest"), tag=SELLER, path=["request_id"],
                  security="seller", description=LINK_BY)},
    "/api/v1/links/{request_id}/confirm": {
        "post": op("Link this account (rules read again)", ref("LinkRequest"), tag=SELLER,
                   path=["request_id"], security="seller", description=LINK_BY)},
    "/api/v1/links/{request_id}/cancel": {
        "post": op("Cancel a link request", ref("LinkRequest"), tag=SELLER, path=["request_id"],
                   security="seller")},
    "/app/api/v1/login": {
        "post": op("Log in on the phone; returns a session token", OBJ, tag=APP, body={
            "type": "object", "required": ["world", "username", "password"],
            "properties": {"world": _STR, "username": _STR, "password": _STR}})},
    "/app/api/v1/me": {"get": op("The logged-in account", ref("Account"), tag=APP,
                                 security="app")},
    "/app/api/v1/scan": {
        "post": op("Scan a QR code (its URL, or its token)", ref("ScannedQr"), tag=APP,
                   security="app", rules="D2", body={"type": "object", "properties": {
                       "url": _STR, "token": _STR, "client_ticket": _STR}})},
    "/app/api/v1/qr/{token}/authorize": {
        "post": op("Tap Authorize", ref("ScannedQr"), tag=APP, path=["token"], security="app",
                   rules="D2")},
    "/app/api/v1/qr/{token}/deny": {
        "post": op("Tap Cancel", ref("ScannedQr"), tag=APP, path=["token"], security="app")},
    "/app/api/v1/qr/displayed": {
        "get": op("QR codes on screen in this world now", array_of("qr_codes", "ScannedQr"),
                  tag=APP, security="app")},
}

TIKTOK_ERRORS = ("TikTok's OAuth error `{error, error_description, log_id}`, with HTTP 200 by "
                 "default (serve --rfc-errors: 400/401).")
_CLIENT = {"client_key": _STR, "client_secret": _STR}
PATHS.update({
    "/v2/oauth/get_qrcode/": {"post": op(
        "Get a QR code (TikTok Login Kit QR v2)", {"type": "object", "properties": {
            "scan_qrcode_url": _STR, "token": _STR}}, tag=TIKTOK, errors=TIKTOK_ERRORS,
        body=form({"client_key": _STR, "scope": _STR, "state": _STR, "display_name": {
            "type": "string", "description": "sandbox extension, first-party clients only"}},
            ["client_key", "scope"]))},
    "/v2/oauth/check_qrcode/": {"post": op(
        "Poll a QR code: new, scanned, confirmed (code, state, scopes, redirect_uri), utilised, "
        "expired (+ sandbox_reason: denied)", OBJ, tag=TIKTOK, errors=TIKTOK_ERRORS,
        body=form({**_CLIENT, "token": _STR}, ["client_key", "client_secret", "token"]))},
    "/v2/oauth/token/": {"post": op(
        "Token endpoint (TikTok's flat token JSON: act./rft. tokens, open_id, "
        "refresh_expires_in)", OBJ, tag=TIKTOK, errors=TIKTOK_ERRORS,
        body=form({**_CLIENT, "grant_type": _STR, "code": _STR, "redirect_uri": _STR,
                   "refresh_token": _STR, "code_verifier": _STR}, ["grant_type"]))},
    "/v2/user/info/": {"get": op(
        "User info: `fields` checked against the granted scopes; `user.info.eligibility` fields "
        "are a first-party sandbox extension", OBJ, tag=TIKTOK, security="tiktok_bearer",
        query={"fields": _STR}, errors="`{data: {}, error: {code, message, log_id}}`: "
        "access_token_invalid / scope_not_authorized (401), invalid_params (400).")},
})

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"], "properties": {
            "code": _STR, "message": _STR, "rule": _STR, "details": OBJ}}}},
    "Clock": {"type": "object", "properties": {"now": {"type": "string", "format": "date-time"},
                                               "frozen": _BOOL,
                                               "fired": {"type": "array",
                                                         "items": ref("Event")}}},
    "World": {"type": "object", "required": ["id", "name", "clock"], "properties": {
        "id": _STR, "name": _STR, "created_at": _STR, "clock": ref("Clock"), "logins": OBJ}},
    "Event": {"type": "object", "properties": {"seq": _INT, "at": _STR, "type": _STR,
                                               "subject": _STR, "data": OBJ}},
    "Shop": {"type": "object", "properties": {
        "id": _STR, "name": _STR, "market": _STR, "status": _STR, "recruitment": _STR,
        "phone": _STR, "cipher": _STR, "seller": OBJ, "links": {"type": "array",
                                                              "items": ref("Link")}}},
    "Account": {"type": "object", "properties": {
        "open_id": _STR, "username": _STR, "nickname": _STR, "kind": _STR, "age": _INT,
        "region": _STR, "network_region": _STR, "status": _STR, "password": _STR}},
    "Link": {"type": "object", "properties": {
        "id": _STR, "shop_id": _STR, "open_id": _STR, "role": _STR, "status": _STR,
        "account": OBJ, "linked_at": _STR, "pending_reason": OBJ}},
    "LinkRequest": {"type": "object", "properties": {
        "id": _STR, "shop_id": _STR, "role": _STR, "status": {"enum": [
            "qr_shown", "scanned", "checking", "ready", "refused", "in_progress", "linked",
            "expired", "denied", "cancelled", "failed"]}, "qr_url": _STR, "qr_png_url": _STR,
        "qr_svg_url": _STR, "account": OBJ, "link_id": _STR, "error": OBJ}},
    "ScannedQr": {"type": "object", "properties": {
        "token": _STR, "status": _STR, "client": OBJ, "display_name": _STR,
        "scopes": {"type": "array", "items": _STR}, "expires_at": _STR}},
}

SECURITY = {
    "control": {"type": "http", "scheme": "bearer", "description":
                "Only beyond loopback: serve --control-token"},
    "seller": {"type": "http", "scheme": "bearer", "description": "the seller token"},
    "app": {"type": "http", "scheme": "bearer", "description": "an app session token"},
    "tiktok_bearer": {"type": "http", "scheme": "bearer", "description": "act.… access token"},
}


def build_spec() -> dict[str, Any]:
    paths, schemas, security = dict(PATHS), dict(SCHEMAS), dict(SECURITY)
    for area in AREAS:
        try:
            module = importlib.import_module(f"{__package__}.{area}")
        except ModuleNotFoundError:
            continue
        for path, item in module.PATHS.items():
            paths.setdefault(path, {}).update(item)
        schemas.update(getattr(module, "SCHEMAS", {}))
        security.update(getattr(module, "SECURITY", {}))
    return {"openapi": "3.1.0",
            "info": {"title": "TikTok Shop Sandbox", "version": "0.1.0", "description":
                     "Control plane and actor APIs of the sandbox (Seller Center port, 8700), "
                     "and the fake TikTok app's faces (app port, 8701)."},
            "servers": [{"url": "http://127.0.0.1:8700", "description": "sandbox"},
                        {"url": "http://127.0.0.1:8701", "description": "fake TikTok app"}],
            "tags": [{"name": t} for t in (CONTROL, SELLER, APP, TIKTOK)],
            "paths": dict(sorted(paths.items())),
            "components": {"schemas": schemas, "securitySchemes": security}}
