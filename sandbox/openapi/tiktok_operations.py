"""Operations of TikTok's own wire faces, keyed by Flask endpoint: Login Kit, standard OAuth,
TikTok Shop's Open API and pages, and the sandbox's first-party extensions. Their bodies are
forms or TikTok's shapes, so they are described here by hand rather than by request models."""

from __future__ import annotations

from typing import Any

from sandbox.openapi.shapes import (
    FIRST,
    LOGIN_KIT,
    OBJ,
    RFC,
    SHOP,
    STR,
    Op,
    Schema,
    form_body,
    obj,
    op,
    ref,
    strings,
)

_OAUTH_NOTE = ("Errors are TikTok's `{error, error_description, log_id}` with **HTTP 200** by "
               "default; `serve --rfc-errors` answers 400/401 instead. Form or JSON body.")
_CLIENT = strings("client_key", "client_secret")
_PAGE = {"200": {"description": "HTML page (login, consent)"},
         "302": {"description": "a redirect to the client with code and state, or error"},
         "400": {"description": "HTML error page: a missing or bad parameter"},
         "403": {"description": "HTML error page: a form posted without its CSRF token"},
         "404": {"description": "HTML error page: no such client, app or world"}}
_FIRST_NOTE = "Authenticated with Seller Center's client credentials (HTTP Basic)."


def _q(description: str = "", kind: str = "string") -> Schema:
    return {"type": kind, **({"description": description} if description else {})}


_SIGNED = {"app_key!": _q("the app's key"), "timestamp!": _q("Unix seconds, within -300/+30 s"),
           "sign!": _q("hex HMAC-SHA256 of secret + path + sorted params + body + secret")}
_CIPHER = {"shop_cipher!": _q("the shop's cipher from GET /authorization/202309/shops")}
_ACCESS = {"x-tts-access-token": _q("the seller's access token")}


def _tiktok(summary: str, ok: str, rfc: dict[int, str], body: Schema, description: str = ""
            ) -> Op:
    """A TikTok OAuth face: success or error body at 200, RFC statuses only in rfc mode."""
    return op(summary, {"anyOf": [ref(ok), ref("OAuthError")]}, 200, rfc, tag=LOGIN_KIT,
              security=[], error_schema="OAuthError", body=body,
              ok_text="Success, or the error body (TikTok's default)",
              description=f"{_OAUTH_NOTE} {description}".strip())


# A signed call's refusals: TikTok Shop's envelope with a numeric `code` (36009004, 106001,
# 105001, ...) and, for credentials and parameters, an HTTP status too.
_SIGNED_ERRORS = {400: "", 401: "", 403: ""}


def _signed(summary: str, ok: str = "ShopEnvelope", *, cipher: bool = True, **kw: Any) -> Op:
    """A signed TikTok Shop Open API call answering its envelope."""
    return op(summary, ok, 200, _SIGNED_ERRORS, tag=SHOP, security=[],
              error_schema="ShopEnvelope", query={**_SIGNED, **(_CIPHER if cipher else {})},
              headers=_ACCESS, **kw)


_VIDEO_FIELDS = ("id, create_time, cover_image_url, share_url, video_description, duration, "
                 "height, width, title, embed_html, embed_link, like_count, comment_count, "
                 "share_count, view_count")


def _display(summary: str, body: Schema, description: str) -> Op:
    """A Display API call: a user token with scope video.list, `fields` in the query."""
    return op(summary, "VideoList", errors={400: "invalid_params",
                                            401: "access_token_invalid scope_not_authorized"},
              tag=LOGIN_KIT, security=[{"tiktok_bearer": []}], error_schema="UserInfoError",
              query={"fields!": _q(f"comma-separated: {_VIDEO_FIELDS}")}, body=body,
              description=f"TikTok API v2 envelope and errors. {description}")


def _page(summary: str, tag: str, query: dict[str, Schema] | None = None) -> Op:
    return op(summary, tag=tag, security=[], query=query or {}, extra_responses=_PAGE)


def _first(summary: str, ok: str, status: int = 200, body: Schema | None = None,
           errors: dict[int, str] | None = None) -> Op:
    return op(summary, ok, status, {401: "", 403: "FIRST_PARTY_ONLY", **(errors or {})},
              tag=FIRST, security=[{"first_party": []}], description=_FIRST_NOTE,
              body=None if body is None else {"required": True, "content": {
                  "application/json": {"schema": body}}})


def _json_body(props: dict[str, Schema], required: list[str]) -> Schema:
    return {"required": True, "content": {"application/json": {"schema": obj(props, required)}}}


_EVENT_TYPE_NOTE = (
    "`event_type` is one of TikTok Shop's event type names (ORDER_STATUS_CHANGE, "
    "PACKAGE_UPDATE, SELLER_DEAUTHORIZATION, UPCOMING_AUTHORIZATION_EXPIRATION, "
    "CREATOR_DEAUTHORIZATION, ...) or a sandbox extension (SANDBOX_ACCOUNT_LINKED = type 9001, "
    "SANDBOX_ACCOUNT_UNLINKED = 9002); anything else is refused with 36009004.")
_TOKEN_FORM = form_body({**_CLIENT, "grant_type": {"enum": [
    "authorization_code", "refresh_token", "client_credentials"]}, "code": STR,
    "redirect_uri": STR, "code_verifier": _q("PKCE; desktop clients' challenge is hex SHA-256"),
    "refresh_token": STR}, ["client_key", "client_secret", "grant_type"])
_RFC_FORM = form_body(strings("grant_type", "client_id", "client_secret", "code",
                              "redirect_uri", "code_verifier", "refresh_token", "device_code"),
                      ["grant_type"], json_too=False)


OPERATIONS: dict[str, Op] = {
    "tiktok_api.get_qrcode": _tiktok(
        "Get a QR code (Login Kit QR, protocols.md §2.1)", "QrCode",
        {400: "invalid_request invalid_scope", 401: "invalid_client"},
        form_body({"client_key": STR, "scope": _q("comma-separated"),
                   "state": {"type": "string", "maxLength": 512},
                   "display_name": _q("sandbox extension, first-party clients only: the name "
                                      "the phone shows (Seller Center sends the shop's)")},
                  ["client_key", "scope"])),
    "tiktok_api.check_qrcode": _tiktok(
        "Poll a QR code (protocols.md §2.2)", "QrStatus",
        {400: "invalid_request", 401: "invalid_client"},
        form_body({**_CLIENT, "token": STR}, ["client_key", "client_secret", "token"]),
        "new → scanned → confirmed (code, state, scopes and a redirect_uri carrying them) → "
        "utilised; expired (+ `sandbox_reason: denied`)."),
    "tiktok_api.issue_token": _tiktok(
        "Token endpoint (protocols.md §1.2): authorization_code, refresh_token, "
        "client_credentials", "LoginKitToken",
        {400: "invalid_request invalid_grant unauthorized_client unsupported_grant_type "
              "invalid_scope", 401: "invalid_client"}, _TOKEN_FORM),
    "tiktok_api.revoke_token": _tiktok(
        "Revoke a token", "OAuthError", {401: "invalid_client"},
        form_body({**_CLIENT, "token": STR}, ["client_key", "client_secret", "token"])),
    "tiktok_api.user_info": op(
        "User info (protocols.md §1.4): the requested fields, each needing its scope",
        "UserInfo", errors={400: "invalid_params",
                            401: "access_token_invalid scope_not_authorized"},
        tag=LOGIN_KIT, security=[{"tiktok_bearer": []}], error_schema="UserInfoError",
        query={"fields!": _q("comma-separated field names")}, description=(
            "TikTok API v2 errors (`{data: {}, error: {code, message, log_id}}`) use real HTTP "
            "statuses. `user.info.eligibility` fields are a sandbox extension for first-party "
            "clients.")),
    "tiktok_api.video_list": _display(
        "Display API: the user's videos, newest first (POST, as TikTok's)",
        _json_body({"max_count": {"type": "integer", "minimum": 1, "maximum": 20,
                                  "description": "default 10"},
                    "cursor": {"type": "integer", "minimum": 0,
                               "description": "Unix ms: videos created before it (the "
                                              "previous page's data.cursor)"}}, []),
        "A page never splits one millisecond of create times: it ends before it, or holds "
        "all of it (sandbox extension). Links open the phone simulator's video page; the "
        "sandbox counts no views, likes, comments or shares (0)."),
    "tiktok_api.video_query": _display(
        "Display API: the user's videos among filters.video_ids (1-20)",
        _json_body({"filters": obj({"video_ids": {"type": "array", "items": STR,
                                                  "minItems": 1, "maxItems": 20}},
                                   ["video_ids"])}, ["filters"]),
        "Ids of other users' videos are left out."),
    "login_kit.well_known": op("RFC 8414 authorization server metadata", OBJ, tag=RFC,
                               security=[], error_schema="RfcError"),
    "login_kit.authorize": _page(
        "Authorization page (Login Kit v2 at /v2/auth/authorize/, RFC 6749 at /oauth/authorize)",
        LOGIN_KIT, {"client_key": _q("Login Kit's name for the client"),
                    "client_id": _q("RFC 6749's name for the client"),
                    "scope": _q("comma-separated (Login Kit) or space-separated"),
                    "redirect_uri": _q("registered URI (desktop: loopback, any port)"),
                    "state": _q("echoed"), "response_type": _q("code"),
                    "disable_auto_auth": _q("1 always shows consent"),
                    "code_challenge": _q("hex (desktop) or base64url SHA-256"),
                    "code_challenge_method": _q("S256")}),
    "login_kit.authorize:post": _page("The consent page's form: Authorize or Cancel (a browser "
                                      "posts it)", LOGIN_KIT),
    "login_kit.token": op("RFC 6749 token endpoint, incl. the device_code grant; RFC error "
                          "statuses", OBJ, errors={400: "", 401: ""}, tag=RFC, security=[],
                          body=_RFC_FORM, error_schema="RfcError"),
    "login_kit.device_authorization": op(
        "RFC 8628 device authorization; verification_uri_complete is the phone's scan link",
        OBJ, errors={400: "", 401: ""}, tag=RFC, security=[], error_schema="RfcError",
        body=form_body(strings("client_id", "client_secret", "scope"), ["client_id"],
                       json_too=False)),
    "login_kit.revoke": op("RFC 7009 revocation", None, errors={401: ""}, tag=RFC, security=[],
                           error_schema="RfcError",
                           body=form_body(strings("token", "token_type_hint"), ["token"],
                                          json_too=False)),
    "login_kit.introspect": op("RFC 7662 introspection", OBJ, errors={401: ""}, tag=RFC,
                               security=[], error_schema="RfcError",
                               body=form_body(strings("token"), ["token"], json_too=False)),
    "open_pages.authorize": _page(
        "Seller authorization page: log in, authorize or deny; redirects to the app's redirect "
        "URL with code+state or error=auth_denied", SHOP,
        {"service_id!": _q("the app's service id"), "state": _q("echoed")}),
    "creator_pages.authorize": _page(
        "Creator authorization page: log in through TikTok, authorize, deny or deauthorize "
        "(webhook 20)", SHOP, {"app_key!": _q("the app's key"), "state": _q("echoed")}),
    "creator_pages.callback": _page(
        "Where TikTok returns the creator after logging in (first-party Login Kit)", SHOP,
        {"code!": _q(), "state!": _q()}),
    "open_api.token_get": op("Exchange an auth code (30 min, single use)", "ShopEnvelope",
                             tag=SHOP, security=[], error_schema="ShopEnvelope", query={
                                 "app_key!": _q(), "app_secret!": _q(), "auth_code!": _q(),
                                 "grant_type!": _q("authorized_code")}),
    "open_api.token_refresh": op("Refresh (rotates the refresh token)", "ShopEnvelope",
                                 tag=SHOP, security=[], error_schema="ShopEnvelope", query={
                                     "app_key!": _q(), "app_secret!": _q(),
                                     "refresh_token!": _q(), "grant_type!": _q("refresh_token")}),
    "open_api.authorized_shops": _signed("Get authorized shops (signed, no shop_cipher)",
                                         cipher=False),
    "open_api.linked_accounts": _signed("Sandbox extension: the shop's linked TikTok accounts "
                                        "(signed, shop_cipher)"),
    "open_api.webhooks": _signed(
        "Get the shop's webhooks: one row per registered event type (signed, shop_cipher)",
        "ShopWebhooks"),
    "open_api.webhooks:put": _signed(
        "Register one event type's webhook address for the shop (signed, shop_cipher)",
        description=_EVENT_TYPE_NOTE, body=_json_body(
            {"address": {"type": "string", "description": "http(s) URL"},
             "event_type": _q("e.g. SELLER_DEAUTHORIZATION")}, ["address", "event_type"])),
    "open_api.webhooks:delete": _signed(
        "Delete one event type's webhook for the shop (signed, shop_cipher)",
        description=_EVENT_TYPE_NOTE, body=_json_body(
            {"event_type": _q("e.g. SELLER_DEAUTHORIZATION")}, ["event_type"])),
    "first_party.create": _first(
        "Create an organization account for a shop: a due job after delay_seconds (G1-G3)",
        "OrgCreation", 201, errors={400: ""}),
    "first_party.status": _first("The creation's status: pending | created (with the account) | "
                                 "failed (with why)", "OrgCreation",
                                 errors={404: "ORG_CREATION_NOT_FOUND"}),
    "first_party.one_time_password": _first(
        "Issue the current one-time password of the shop's organization account (G4)",
        "OneTimePassword", errors={404: "ACCOUNT_NOT_FOUND ORG_ACCOUNT_NOT_OWNED"}),
    "first_party.start_upgrade": _first(
        "Start the trial of an account that consented (token with scope account.upgrade, H1)",
        "Upgrade", 201, errors={400: "", 409: "UPGRADE_IN_TRIAL", 422: "*"}),
    "first_party.upgrade_status": _first("An upgrade's status (trial | completed | cancelled)",
                                         "Upgrade", errors={404: "UPGRADE_NOT_FOUND"}),
    "first_party.finish_upgrade": _first("action = complete (Upgrade now) or cancel (H4)",
                                         "Upgrade", errors={404: "UPGRADE_NOT_FOUND",
                                                            409: "UPGRADE_NOT_IN_TRIAL"}),
    "first_party_links.account": _first(
        "Eligibility fields of an account by username or open_id (C8, F4)", OBJ,
        errors={404: "ACCOUNT_NOT_FOUND"}),
    "first_party_links.send_invitation": _first(
        "Deliver a shop's invitation to an account's inbox (E1)", OBJ, 201,
        errors={422: "*"}),
    "first_party_links.check_invitation": _first(
        "Check an invitation like check_qrcode: the first check after acceptance returns an "
        "authorization code (E1)", OBJ, errors={404: "INVITATION_NOT_FOUND"}),
    "first_party_links.link_notice": _first(
        "Tell the app a link exists or ended: link info, B2 rename, M3 business upgrade",
        OBJ, errors={404: "ACCOUNT_NOT_FOUND"}),
    "first_party_links.douyin_verification": _first(
        "Start blue V verification (J4 case 4) or an entity-change confirmation (case 3); it "
        "completes by itself after `delay_seconds` of world time", OBJ,
        errors={404: "ACCOUNT_NOT_FOUND", 409: "VERIFICATION_IN_PROGRESS"}),
    "first_party_links.partner_notice": _first(
        "Tell the app which Partner Center partner the account is linked to (I3), or none",
        OBJ, errors={404: "ACCOUNT_NOT_FOUND"}),
    "first_party_links.list_unlink_requests": _first(
        "Creators' unlink requests addressed to a shop (F5; query shop_id)", OBJ),
    "first_party_links.resolve_unlink_request": _first(
        "Record the shop's decision on an unlink request (F5)", "UnlinkRequest",
        errors={404: "UNLINK_REQUEST_NOT_FOUND", 409: "*"}),
}
