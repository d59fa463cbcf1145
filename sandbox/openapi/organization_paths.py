"""OpenAPI 3.1 path items and schemas for organization accounts, one-time passwords and upgrades
(issue #3, rules G1-G6 and H1-H6), kept apart so they merge into the served document."""

from __future__ import annotations

from typing import Any

APP_SERVER = [{"url": "http://127.0.0.1:8701", "description": "the fake TikTok app"}]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR = _json(_ref("Error"), "Refused: `error.code` is stable, `error.rule` names the rule")


def _op(summary: str, ok: dict[str, Any], *, body: dict[str, Any] | None = None,
        status: str = "200", errors: tuple[str, ...] = ("400", "404"), tags: str = "",
        params: list[dict[str, Any]] | None = None, description: str = "") -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "responses": {status: ok,
                                                           **{e: ERROR for e in errors}}}
    if description:
        op["description"] = description
    if tags:
        op["tags"] = [tags]
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    return op


def _path(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
            for n in names]


def _query(name: str, kind: str, text: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": {"type": kind},
            "description": text}


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


S, INT, B = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
CP, SELLER, APP, FIRST = "control plane", "seller actor API", "app actor API", "first party"
SELLER_ERRORS = ("400", "401", "404", "422")
FIRST_NOTE = ("Sandbox extension (TikTok publishes no such face): authenticated with Seller "
              "Center's client credentials as HTTP Basic `client_key:client_secret`; first-party "
              "clients only (403 FIRST_PARTY_ONLY).")

PATHS: dict[str, dict[str, Any]] = {
    # -- control plane ---------------------------------------------------------------------
    "/_sandbox/v1/worlds/{world_id}/sms": {"get": _op(
        "The world's SMS outbox (long-poll)", _json(_obj({"messages": {
            "type": "array", "items": _ref("SmsMessage")}})), tags=CP,
        params=_path("world_id") + [
            _query("phone", "string", "only messages to this phone number"),
            _query("after", "integer", "only messages with a larger id"),
            _query("wait", "number", "long-poll up to this many seconds (max 60)")])},
    "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}/totp": {
        "get": _op("An account's TOTP state and the password of the world's now (extension)",
                   _json(_ref("TotpState")), tags=CP, params=_path("world_id", "open_id")),
        "put": _op("Set a known TOTP secret, digits, interval (extension, for RFC 6238 tests)",
                   _json(_ref("TotpState")), tags=CP, params=_path("world_id", "open_id"),
                   body=_obj({"secret": {**S, "description": "base32"},
                              "digits": {**INT, "minimum": 6, "maximum": 10},
                              "interval": {**INT, "minimum": 1}}))},
    "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}/earnings": {"put": _op(
        "Set the earnings (cents) a creator could withdraw (H3)", _json(_ref("Organization")),
        tags=CP, params=_path("world_id", "open_id"), body=_obj({"cents": INT}, ["cents"]))},
    "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}/organization": {"get": _op(
        "What the account is (G6, H2): kind, badge, music library, muted videos, trial",
        _json(_ref("Organization")), tags=CP, params=_path("world_id", "open_id"))},
    "/_sandbox/v1/worlds/{world_id}/links/{link_id}/deactivate": {"post": _op(
        "Operator unlink, no F-rule checks", _json(_ref("Link")), tags=CP,
        params=_path("world_id", "link_id"))},
    "/_sandbox/v1/worlds/{world_id}/shops/{shop_id}/organization-accounts": {"get": _op(
        "A shop's organization accounts, outcomes that fell due learnt first (G3, H5)",
        _json(_obj({"organization_accounts": {"type": "array",
                                              "items": _ref("OrganizationAccount")}})),
        tags=CP, params=_path("world_id", "shop_id"),
        description="POST /_sandbox/v1/worlds/{world_id}/shops also takes "
                    "`organization_account: true | {username}` to create one at onboarding (G1).")},
    # -- seller actor API ------------------------------------------------------------------
    "/api/v1/organization-accounts": {
        "post": _op("Official account → Create (G1); pending for the market's delay (G3)",
                    _json(_ref("OrganizationAccount"), "Requested"), status="201",
                    tags=SELLER, errors=SELLER_ERRORS, body=_obj({"username": S})),
        "get": _op("The shop's organization accounts (the 'Use existing account' list)",
                   _json(_obj({"organization_accounts": {
                       "type": "array", "items": _ref("OrganizationAccount")}})),
                   tags=SELLER, errors=("401",))},
    "/api/v1/organization-accounts/{id}": {"get": _op(
        "One organization account by its id or open_id", _json(_ref("OrganizationAccount")),
        tags=SELLER, errors=("401", "404"), params=_path("id"))},
    "/api/v1/organization-accounts/{open_id}/link": {"post": _op(
        "Use existing account: link it again without a QR (G5: own shop, at most 2 times)",
        _json(_ref("OrganizationAccount")), tags=SELLER, errors=SELLER_ERRORS,
        params=_path("open_id"))},
    "/api/v1/organization-accounts/{open_id}/sms-code": {"post": _op(
        "One-time password → verify by phone: send a code to the shop's phone (G4)",
        _json(_obj({"sent_to": S, "expires_at": S}), "Sent"), status="201", tags=SELLER,
        errors=SELLER_ERRORS, params=_path("open_id"))},
    "/api/v1/organization-accounts/{open_id}/one-time-password": {"post": _op(
        "Enter the SMS code; get the login username and a one-time password (G4)",
        _json(_ref("OneTimePassword")), tags=SELLER, errors=SELLER_ERRORS,
        params=_path("open_id"), body=_obj({"sms_code": S}, ["sms_code"]),
        description="5 wrong codes lock the shop's phone check for 15 minutes "
                    "(SMS_VERIFICATION_LOCKED).")},
    "/api/v1/upgrades": {"post": _op(
        "Upgrade an existing personal account: agree to the terms, get a QR code (H1)",
        _json(_ref("UpgradeRequest"), "QR shown"), status="201", tags=SELLER,
        errors=SELLER_ERRORS, body=_obj({"agreed": B}, ["agreed"]))},
    "/api/v1/upgrades/{id}": {"get": _op(
        "Poll the upgrade: QR status, then the trial (refused H6 if linked as official)",
        _json(_ref("UpgradeRequest")), tags=SELLER, errors=("401", "404"),
        params=_path("id"))},
    "/api/v1/upgrades/{id}/complete": {"post": _op(
        "Upgrade now (H4): complete early, link as the official account",
        _json(_ref("UpgradeRequest")), tags=SELLER, errors=("401", "404", "409"),
        params=_path("id"))},
    "/api/v1/upgrades/{id}/cancel": {"post": _op(
        "Cancel (H4): the account is personal again, nothing is linked",
        _json(_ref("UpgradeRequest")), tags=SELLER, errors=("401", "404", "409"),
        params=_path("id"))},
    # -- app actor API (fake app) ----------------------------------------------------------
    "/app/api/v1/login/otp": {"servers": APP_SERVER, "post": _op(
        "Log in with username + one-time password (G4; also accounts in upgrade trial, H2)",
        _json(_ref("AppSession")), tags=APP, errors=("400", "401", "404", "422"),
        body=_obj({"world": S, "username": S, "one_time_password": S,
                   "surface": {"enum": ["app", "live_manager"]}},
                  ["world", "username", "one_time_password"]))},
    "/app/api/v1/login/phone": {"servers": APP_SERVER, "post": _op(
        "Phone + password login; ORG_ACCOUNT_PHONE_LOGIN_DISABLED for OTP-only accounts",
        _json(_ref("AppSession")), tags=APP, errors=("400", "401", "422"),
        body=_obj({"world": S, "phone": S, "password": S}, ["world", "phone", "password"]))},
    "/app/api/v1/login/email": {"servers": APP_SERVER, "post": _op(
        "E-mail (<username>@…) + password; ORG_ACCOUNT_EMAIL_LOGIN_DISABLED for OTP-only",
        _json(_ref("AppSession")), tags=APP, errors=("400", "401", "422"),
        body=_obj({"world": S, "email": S, "password": S}, ["world", "email", "password"]))},
    "/app/api/v1/me/organization": {"servers": APP_SERVER, "get": _op(
        "What this account is (G6, H2)", _json(_ref("Organization")), tags=APP,
        errors=("401",))},
    "/app/api/v1/earnings": {"servers": APP_SERVER, "get": _op(
        "Earnings left to withdraw (H3)", _json(_obj({"earnings_cents": INT})), tags=APP,
        errors=("401",))},
    "/app/api/v1/earnings/withdraw": {"servers": APP_SERVER, "post": _op(
        "Withdraw every earning (H3)", _json(_obj({"withdrawn_cents": INT,
                                                   "earnings_cents": INT})),
        tags=APP, errors=("401",))},
    # -- first-party faces (fake app, sandbox extension) -----------------------------------
    "/sandbox/v1/organization-accounts": {"servers": APP_SERVER, "post": _op(
        "Create an organization account for a shop: a due job after delay_seconds (G1-G3)",
        _json(_ref("OrgCreation"), "Pending"), status="201", tags=FIRST,
        errors=("400", "401", "403"), description=FIRST_NOTE,
        body=_obj({"shop_id": S, "nickname": S, "username": S, "region": S, "phone": S,
                   "avatar_url": S, "shop_status": S, "delay_seconds": INT, "name_limit": INT},
                  ["shop_id", "nickname", "region", "shop_status"]))},
    "/sandbox/v1/organization-accounts/{id}/status": {"servers": APP_SERVER, "post": _op(
        "The creation's status: pending | created (with the account) | failed (with why)",
        _json(_ref("OrgCreation")), tags=FIRST, errors=("401", "403", "404"),
        description=FIRST_NOTE, params=_path("id"))},
    "/sandbox/v1/accounts/{open_id}/one-time-password": {"servers": APP_SERVER, "post": _op(
        "Issue the current one-time password of the shop's organization account (G4)",
        _json(_ref("OneTimePassword")), tags=FIRST, errors=("401", "403", "404"),
        description=FIRST_NOTE, params=_path("open_id"), body=_obj({"shop_id": S}))},
    "/sandbox/v1/upgrades": {"servers": APP_SERVER, "post": _op(
        "Start the trial of an account that consented (token with scope account.upgrade, H1)",
        _json(_ref("Upgrade"), "Trial started"), status="201", tags=FIRST,
        errors=("400", "401", "403", "409", "422"), description=FIRST_NOTE,
        body=_obj({"access_token": S, "shop_id": S}, ["access_token", "shop_id"]))},
    "/sandbox/v1/upgrades/{id}/status": {"servers": APP_SERVER, "post": _op(
        "An upgrade's status (trial | completed | cancelled)", _json(_ref("Upgrade")),
        tags=FIRST, errors=("401", "403", "404"), description=FIRST_NOTE,
        params=_path("id"))},
    "/sandbox/v1/upgrades/{id}/{action}": {"servers": APP_SERVER, "post": _op(
        "action = complete (Upgrade now) or cancel (H4)", _json(_ref("Upgrade")), tags=FIRST,
        errors=("401", "403", "404", "409"), description=FIRST_NOTE,
        params=_path("id", "action"))},
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "SmsMessage": _obj({"id": INT, "phone": S, "body": S, "code": S, "purpose": S, "shop_id": S,
                        "sent_at": S, "expires_at": S, "used_at": {"type": ["string", "null"]}}),
    "TotpState": _obj({"digits": INT, "interval": INT, "current_otp": S, "last_used_step": INT,
                       "failures": INT, "locked_until": {"type": ["string", "null"]}}),
    "Organization": _obj({
        "open_id": S, "username": S, "kind": {"enum": ["personal", "business", "organization"]},
        "verified_badge": B, "music_library": {"enum": ["general", "commercial"]},
        "muted_earlier_videos": INT, "owner_shop_id": {"type": ["string", "null"]},
        "organization_origin": {"enum": ["created", "upgraded", None]},
        "login_methods": {"type": "array", "items": S},
        "ecommerce_permission": {"enum": ["granted", "revoked", "none"]},
        "upgrade": {"type": ["object", "null"]}, "earnings_cents": INT}),
    "OrganizationAccount": _obj({
        "id": S, "shop_id": S, "origin": {"enum": ["created", "upgraded"]},
        "status": {"enum": ["pending", "created", "failed", "trial", "cancelled"]},
        "open_id": {"type": ["string", "null"]}, "username": {"type": ["string", "null"]},
        "display_name": S, "due_at": S, "failure": {"type": ["object", "null"],
                                                    "description": "code, rule, message (G2)"},
        "link_refusal": {"type": ["object", "null"]}, "linked": B, "times_linked": INT,
        "created_at": S}),
    "OneTimePassword": _obj({"open_id": S, "username": S, "one_time_password": S,
                             "expires_at": S, "digits": INT, "interval": INT}),
    "UpgradeRequest": _obj({
        "id": S, "shop_id": S, "status": {"enum": [
            "qr_shown", "scanned", "checking", "trial", "completed", "cancelled", "refused",
            "expired", "denied", "failed"]},
        "qr_url": S, "qr_png_url": S, "account": {"type": ["object", "null"]},
        "open_id": {"type": ["string", "null"]}, "trial_ends_at": {"type": ["string", "null"]},
        "link_id": {"type": ["string", "null"]}, "error": _ref("ErrorBody")}),
    "OrgCreation": _obj({"id": S, "shop_id": S, "status": {"enum": ["pending", "created",
                                                                     "failed"]},
                         "due_at": S, "failure": {"type": ["object", "null"]},
                         "account": {"type": ["object", "null"]}}),
    "Upgrade": _obj({"id": S, "open_id": S, "shop_id": S, "status": {
        "enum": ["trial", "completed", "cancelled"]}, "started_at": S, "ends_at": S,
        "finished_at": {"type": ["string", "null"]}, "expired_earnings_cents": INT}),
    "AppSession": _obj({"session_token": S, "open_id": S, "username": S, "world": S}),
    "Link": _obj({"id": S, "shop_id": S, "open_id": S, "role": S, "status": S,
                  "account": {"type": "object"}, "linked_at": S}),
    "ErrorBody": _obj({"code": S, "message": S, "rule": S, "details": {"type": "object"}},
                      ["code", "message"]),
    "Error": _obj({"error": _ref("ErrorBody")}, ["error"]),
}
