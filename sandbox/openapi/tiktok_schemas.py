"""Component schemas of TikTok's own wire formats (protocols.md), security schemes and tags."""

from __future__ import annotations

from sandbox.openapi.shapes import (
    APP,
    BOOL,
    CONTROL,
    FIRST,
    INT,
    OBJ,
    SELLER,
    STR,
    Schema,
    array,
    null_or,
    obj,
    ref,
    strings,
)

SCHEMAS: dict[str, Schema] = {
    "OAuthError": obj({"error": {"enum": [
        "invalid_request", "invalid_client", "invalid_grant", "invalid_scope",
        "unauthorized_client", "unsupported_grant_type", "access_denied", "server_error"]},
        "error_description": STR, "log_id": {"type": "string", "description":
                                             "34 characters: UTC YYYYMMDDHHMMSS + 20 hex"}},
        ["error", "error_description", "log_id"], description=(
        "TikTok's OAuth error. HTTP 200 by default, as TikTok does; `serve --rfc-errors` "
        "answers 400/401 instead.")),
    "RfcError": obj({"error": {"type": "string", "description": (
        "RFC 6749 §5.2 / RFC 8628 §3.5 code: invalid_request, invalid_client, invalid_grant, "
        "authorization_pending, slow_down, expired_token, ...")}, "error_description": STR},
        ["error"], description="The standard OAuth faces' error, with the HTTP status."),
    "QrCode": obj({"scan_qrcode_url": {"type": "string", "description": (
        "the phone simulator's http URL with `client_ticket=tobefilled`")}, "token": STR},
        ["scan_qrcode_url", "token"]),
    "QrStatus": obj({
        "status": {"enum": ["new", "scanned", "confirmed", "utilised", "expired"]},
        "client_ticket": {"type": "string", "description": "empty until scanned, and when "
                          "expired"},
        **strings("code", "state", "scopes"), "redirect_uri": {
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
    "ApiError": obj(strings("code", "message", "log_id"), ["code", "message", "log_id"]),
    "UserInfoError": obj({"data": OBJ, "error": ref("ApiError")}, ["data", "error"]),
    "UserInfo": obj({"data": obj({"user": ref("TikTokUser")}), "error": ref("ApiError")},
                    ["data", "error"], description="`error.code` is \"ok\" on success"),
    "VideoList": obj({"data": obj({"videos": {"type": "array", "items": ref("TikTokVideo")},
                                   "cursor": INT, "has_more": BOOL}), "error": ref("ApiError")},
                     ["data", "error"], description="`error.code` is \"ok\" on success"),
    "TikTokVideo": obj({
        **strings("id", "cover_image_url", "share_url", "video_description", "title",
                  "embed_html", "embed_link"),
        **{k: INT for k in ("create_time", "duration", "height", "width", "like_count",
                            "comment_count", "share_count", "view_count")}},
        description="Only the requested `fields`"),
    "TikTokUser": obj({
        **strings("open_id", "union_id", "avatar_url", "avatar_url_100", "avatar_large_url",
                  "display_name", "bio_description", "profile_deep_link", "username"),
        "is_verified": BOOL,
        **{k: INT for k in ("follower_count", "following_count", "likes_count", "video_count")},
        **strings("birthdate", "region", "network_region", "account_status", "account_kind"),
        "is_over_18": BOOL, "ecommerce_permission": {"enum": ["granted", "revoked", "none"]},
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
    "ShopEnvelope": obj({"code": INT, "message": STR, "request_id": STR,
                         "data": {"type": ["object", "null"]}}, description=(
        "TikTok Shop's envelope: business errors are HTTP 200 with a non-zero `code`.")),
    "ShopWebhooks": obj({"code": INT, "message": STR, "request_id": STR, "data": null_or(obj({
        "webhooks": array(obj({"event_type": STR, "address": STR, "create_time": INT,
                               "update_time": INT},
                              ["event_type", "address", "create_time", "update_time"])),
        "total_count": INT}, ["webhooks", "total_count"]))}, description=(
        "The shop's webhook registrations, one row per event type (the envelope; `data` is "
        "null on an error). Sandbox convenience: an app created with a `webhook_url` counts as "
        "registered at it for every event type the sandbox sends, until the shop PUTs or "
        "DELETEs that type.")),
}

SECURITY_SCHEMES: dict[str, Schema] = {
    "control": {"type": "http", "scheme": "bearer", "description": (
        "The control plane is open on loopback; from anywhere else it needs "
        "`serve --control-token`'s value (403 CONTROL_TOKEN_REQUIRED).")},
    "seller": {"type": "http", "scheme": "bearer", "description": (
        "A seller token: from shop creation (`seller.token`) or POST /api/v1/seller/login.")},
    "app": {"type": "http", "scheme": "bearer", "description": (
        "An app session token from POST /app/api/v1/login.")},
    "partner": {"type": "http", "scheme": "bearer", "description": (
        "A Partner Center token: from partner creation (`login.token`) or POST "
        "/api/v1/partner/login.")},
    "tiktok_bearer": {"type": "http", "scheme": "bearer", "description": (
        "A Login Kit `act.` access token.")},
    "first_party": {"type": "http", "scheme": "basic", "description": (
        "Sandbox extension: Seller Center's client credentials as `client_key:client_secret`; "
        "first-party clients only (403 FIRST_PARTY_ONLY).")},
}

TAG_DESCRIPTIONS = {
    CONTROL: "DESIGN §6: worlds, shops, accounts, clients, clock and events. Open on loopback.",
    SELLER: "What a seller clicks in Seller Center, a script can call (bearer seller token).",
    APP: "The fake TikTok app's actor API (`/app/api/v1`), served on the app port.",
    FIRST: "Sandbox extension (TikTok publishes no such face): Seller Center's calls into the "
           "app, served on the app port.",
}
