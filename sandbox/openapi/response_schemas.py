"""Component schemas of what the sandbox's own faces answer (the requests come from models)."""

from __future__ import annotations

from sandbox.domain.webhook_types import LOGIN_KIT, SHOP, TRIGGERABLE
from sandbox.openapi.shapes import BOOL, INT, OBJ, STR, TS, Schema, array, null_or, obj, ref, strings

_KINDS = {"enum": ["personal", "business", "organization", "enterprise"],
          "description": "enterprise: a Douyin enterprise account (企业号)"}
_ACCOUNT_STATUSES = {"enum": ["normal", "restricted", "banned", "suspended"]}
_SHOP_STATUSES = {"enum": ["normal", "frozen", "suspended", "closed", "deactivated"]}
_MARKETS = {"enum": ["US", "GB", "CB", "DOUYIN"]}
_NSTR = {"type": ["string", "null"]}
_NOBJ = {"type": ["object", "null"]}
_REFUSAL = {"type": ["object", "null"], "properties": {"code": STR, "rule": _NSTR, "message": STR}}
_LINK_REQUEST_STATUSES = ["qr_shown", "scanned", "checking", "ready", "refused", "in_progress",
                          "linked", "expired", "denied", "cancelled", "failed"]

SCHEMAS: dict[str, Schema] = {
    "ErrorBody": obj({"code": STR, "message": STR, "rule": {
        "type": "string", "description": "the rule that refused (RULES.md), e.g. C1, B1, D1"},
        "details": obj({
            "field": {"type": "string", "description": "the field to fix (a dotted name), on "
                      "UNKNOWN_FIELD, MISSING_FIELD and INVALID_FIELD"},
            "expected": array(STR) | {"description": "INVALID_FIELD: what to send instead"},
            "missing": array(STR) | {"description": "MISSING_FIELD: every missing field"},
            "unknown": array(STR) | {"description": "UNKNOWN_FIELD: every unknown field"},
            "parameter": {"type": "string", "description": "the query parameter to fix"}},
            description="what the refusal is about; rule refusals add their own facts (e.g. "
                        "next_possible_at, limit, followers)") | {
            "additionalProperties": {"description": "a fact of the refusing rule"}}},
        ["code", "message"]),
    "Error": obj({"error": ref("ErrorBody")}, ["error"], description=(
        "Every sandbox refusal. `code` is stable; rule refusals are 422 and name their rule "
        "(a few 400s name one too: INVALID_MARKET M1, recruitment B4).")),
    "Info": obj(strings("seller_url", "app_url", "database", "version")),
    "Clock": obj({"now": TS, "frozen": BOOL}, ["now", "frozen"]),
    "ClockMoved": {"allOf": [ref("Clock"), obj(
        {"fired": array(ref("Event")), "fired_count": INT, "jobs_fired": INT,
         "fired_truncated": BOOL, "changes": array(STR)},
        ["fired", "fired_count", "jobs_fired", "fired_truncated", "changes"],
        description=("events appended by the due jobs this move fired, in order (moves of one "
                     "world take turns); at most 500 are listed: `fired_count` says how many "
                     "there were and `fired_truncated` whether the list is cut; `changes` says "
                     "them in words, one line each (one per kind, counted, past 8)"))]},
    "World": obj({"id": STR, "name": STR, "created_at": TS, "clock": ref("Clock"),
                  "logins": obj({"seller": array(OBJ), "app": array(OBJ),
                                 "partner": array(OBJ)}, description=(
                      "GET /worlds/{world_id} only: the seeded logins (seed demo)"))},
                 ["id", "name", "clock"]),
    "Event": obj({"seq": INT, "at": TS, "type": {"type": "string", "examples": ["link.linked"]},
                  "subject": STR, "data": OBJ}, ["seq", "at", "type", "subject", "data"]),
    "Seller": obj({"email": STR, "password": STR, "token": {
        "type": "string", "description": "bearer token for the seller actor API"}},
        ["email", "password", "token"]),
    "Shop": obj({
        "id": STR, "name": STR, "market": _MARKETS, "status": _SHOP_STATUSES,
        "recruitment": {"enum": ["open", "invited"]}, "phone": null_or(STR),
        "business_entity": null_or(STR) | {"description": (
            "the shop's business entity (Douyin J rules compare accounts with it); the shop's "
            "name unless given at creation")},
        "cipher": STR, "created_at": TS,
        "seller": ref("Seller") | {"description": "on creation only"},
        "links": array(ref("Link")) | {"description": "GET of one shop: its active links"},
        "organization_account": {"type": "object", "description": "on creation with "
                                 "`organization_account` (G1): see OrganizationAccount"}},
        ["id", "name", "market", "status", "recruitment", "cipher"]),
    "Account": obj({
        **strings("open_id", "union_id", "username", "nickname", "region", "network_region"),
        "kind": _KINDS, "birthdate": {"type": "string", "format": "date"}, "age": INT,
        "status": _ACCOUNT_STATUSES, "ecommerce_revoked": BOOL,
        "ecommerce_revoked_reason": null_or(STR), "associated_with_revoked": BOOL,
        "followers": INT, "violation_points": INT, "health_score": INT, "phone": null_or(STR),
        "verified": BOOL, "created_at": TS, "serious_violation_at": null_or(TS),
        "following": INT, "likes": INT, "videos": INT, "bio": STR,
        "business_entity": null_or(STR), "creator_network": BOOL, "real_name_verified": BOOL,
        "enterprise_verified": BOOL, "verified_entity": null_or(STR),
        "douyin_verification": {"enum": ["blue_v", "entity_change", None], "description": (
            "a Douyin verification under way (J4)")},
        "id_document": null_or(obj(strings("type", "country"))), "affiliate": BOOL,
        "affiliate_since": null_or(TS),
        "payment": {"enum": ["succeed", "decline", "unpaid"],
                    "description": "what the sandbox's payment does when this account buys (S3)"},
        "shipping_address": null_or(OBJ),
        "password": {"type": "string", "description": "on creation only"}},
        ["open_id", "username", "region", "status"]),
    "Client": obj({**strings("client_key", "client_secret", "name", "kind", "platform"),
                   "redirect_uris": array(STR), "scopes": array(STR),
                   "webhook_url": null_or(STR)}, ["client_key", "client_secret"]),
    "ShopApp": obj({"kind": {"const": "shop_app"},
                    **strings("app_key", "app_secret", "service_id", "name", "redirect_url",
                              "authorize_url"),
                    "webhook_url": null_or(STR), "scopes": array(STR)},
                   ["app_key", "app_secret", "service_id"]),
    "Link": obj({
        **strings("id", "shop_id", "open_id", "unlinked_by"),
        "role": {"enum": ["official", "marketing"]},
        "status": {"enum": ["linked", "in_progress", "unlinked", "rejected"]},
        "account": OBJ, "linked_at": TS, "unlinked_at": TS, "pending_reason": null_or(obj(
            strings("code", "rule", "message"), description="C7: why it waits"))},
        ["id", "shop_id", "open_id", "role", "status"]),
    "LinkRequest": obj({
        "id": STR, "shop_id": STR, "role": {"const": "official"},
        "status": {"enum": _LINK_REQUEST_STATUSES}, "qr_url": {
            "type": "string", "description": "the QR code's content: the phone's scan URL"},
        **strings("client_ticket", "qr_png_url", "qr_svg_url"),
        "entry": {"enum": ["qr", "seller_app"], "description": (
            "qr: Seller Center shows the code; seller_app: the Seller app's entry (D5)")},
        "username": {"type": "string", "description": "seller_app: the username typed (D5)"},
        "app_link": {"type": "string", "description": (
            "seller_app: the link the Seller app opens the TikTok app with — the scan URL "
            "with `for_username` (sandbox extension); another account is refused "
            "(SELLER_APP_ACCOUNT_MISMATCH, D5)")},
        "account": null_or(OBJ) | {"description": "what user info said, once authorized"},
        "link_id": null_or(STR), "created_at": TS, "updated_at": TS,
        "error": obj({**strings("code", "rule", "message"), "all": array(obj(
            strings("code", "rule")))}, description="refused: every rule that failed, the first "
                                                    "in `code`/`rule`; failed: the app's error")},
        ["id", "shop_id", "role", "status", "qr_url"]),
    "SellerSession": obj(strings("token", "world"), ["token", "world"]),
    "AppSession": obj(strings("session_token", "open_id", "username", "world"),
                      ["session_token", "open_id"]),
    "ScannedQr": obj({"token": STR, "status": {"enum": ["new", "scanned", "confirmed",
                                                          "utilised", "expired"]},
                      "client": obj(strings("client_key", "name")), "display_name": STR,
                      "scopes": array(STR), "expires_at": TS}, ["token", "status"]),
    "AuthorizedApp": obj({"client_key": STR, "name": STR, "scopes": array(STR)}),
    "SmsMessage": obj({"id": INT, **strings("phone", "body", "code", "purpose", "shop_id"),
                       "sent_at": TS, "expires_at": TS, "used_at": _NSTR}),
    "TotpState": obj({"digits": INT, "interval": INT, "current_otp": STR, "last_used_step": INT,
                      "failures": INT, "locked_until": _NSTR}),
    "Organization": obj({
        "open_id": STR, "username": STR, "kind": _KINDS, "verified_badge": BOOL,
        "music_library": {"enum": ["general", "commercial"]}, "muted_earlier_videos": INT,
        "owner_shop_id": _NSTR, "organization_origin": {"enum": ["created", "upgraded", None]},
        "login_methods": array(STR), "ecommerce_permission": {"enum": ["granted", "revoked",
                                                                       "none"]},
        "upgrade": _NOBJ, "earnings_cents": INT}),
    "OrganizationAccount": obj({
        "id": STR, "shop_id": STR, "origin": {"enum": ["created", "upgraded"]},
        "status": {"enum": ["pending", "created", "failed", "trial", "cancelled"]},
        "open_id": _NSTR, "username": _NSTR, "display_name": STR, "due_at": STR,
        "failure": {"type": ["object", "null"], "description": "code, rule, message (G2)"},
        "link_refusal": _NOBJ, "linked": BOOL, "times_linked": INT, "created_at": STR}),
    "OneTimePassword": obj({**strings("open_id", "username", "one_time_password", "expires_at"),
                            "digits": INT, "interval": INT}),
    "UpgradeRequest": obj({
        "id": STR, "shop_id": STR, "status": {"enum": [
            "qr_shown", "scanned", "checking", "trial", "completed", "cancelled", "refused",
            "expired", "denied", "failed"]},
        "qr_url": STR, "qr_png_url": STR, "account": _NOBJ, "open_id": _NSTR,
        "trial_ends_at": _NSTR, "link_id": _NSTR, "error": ref("ErrorBody"),
        "created_at": TS, "updated_at": TS}),
    "OrgCreation": obj({"id": STR, "shop_id": STR, "status": {"enum": ["pending", "created",
                                                                        "failed"]},
                        "due_at": STR, "failure": _NOBJ, "account": _NOBJ}),
    "Upgrade": obj({**strings("id", "open_id", "shop_id", "started_at", "ends_at"),
                    "status": {"enum": ["trial", "completed", "cancelled"]},
                    "finished_at": _NSTR, "expired_earnings_cents": INT}),
    "Invitation": obj({
        **strings("id", "shop_id", "username", "open_id"),
        "status": {"enum": ["sent", "checking", "linked", "declined", "expired", "refused"]},
        "account": _NOBJ, "link_id": _NSTR, "created_at": TS, "expires_at": TS,
        "updated_at": TS, "error": _REFUSAL}),
    "InboxInvitation": obj({
        "id": STR, "from": {"type": "string", "description": "the inviting shop"},
        "status": {"enum": ["pending", "accepted", "declined", "expired"]},
        "created_at": TS, "expires_at": TS}),
    "UnlinkRequest": obj({
        **strings("id", "open_id", "link_id", "shop_id"),
        "status": {"enum": ["pending", "approved", "declined"]}, "created_at": TS,
        "decided_at": {"type": ["string", "null"], "format": "date-time"}}),
    "Ticket": obj({
        "id": STR, "shop_id": STR, "subject": {"enum": ["link_in_progress", "ineligible_invitee"]},
        "link_id": _NSTR, "open_id": STR, "username": _NSTR, "cause": _REFUSAL,
        "status": {"enum": ["open", "fixed", "rejected", "closed"]}, "note": _NSTR, "created_at": TS,
        "resolved_at": {"type": ["string", "null"], "format": "date-time"}}),
    "Delivery": obj({
        "id": INT, **strings("source", "app_key", "url", "event", "notification_id", "body",
                             "next_attempt_at", "created_at"),
        "headers": OBJ, "attempts": INT, "status": {"enum": [
            "pending", "held", "waiting", "sending", "delivered", "failed"]},
        "log": array(obj({"attempt": INT, "at": STR, "status": {"type": ["integer", "null"]},
                          "error": _NSTR}))}),
    "Triggered": obj({
        "type": {"enum": [t.key for t in TRIGGERABLE], "description": "the type sent: a Shop "
                 "`type` number, or the Login Kit event"},
        "name": STR, "face": {"enum": [SHOP, LOGIN_KIT]},
        "shop_id": {**_NSTR, "description": "the shop it is about (null: 20, Login Kit)"},
        "about": obj({"kind": {"enum": ["product", "shop", "link", "account"]}, "id": STR},
                     ["kind", "id"], description="the real object the payload is about"),
        "created": array(obj({"kind": {"enum": [
            "shop", "product", "account", "link", "authorization", "creator_authorization"]}},
            ["kind"])),
        "deliveries": array(ref("Delivery")),
        "payload": obj({}, description="the first delivery's body, parsed")},
        ["type", "name", "face", "shop_id", "about", "created", "deliveries", "payload"],
        description="What a trigger sent (one delivery per app) and what it had to make first"),
}
