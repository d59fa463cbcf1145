"""OpenAPI 3.1 path items for issue 5's routes (partner faces, webhook control), merged by the spec."""

from __future__ import annotations

from typing import Any

# Paths served by the fake TikTok app carry this server; the rest are on the sandbox's port.
APP_SERVER = [{"url": "{app_url}", "description": "the fake TikTok app (serve's second port)",
               "variables": {"app_url": {"default": "http://127.0.0.1:8701"}}}]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _q(name: str, description: str, required: bool = False, where: str = "query") -> dict:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": {"type": "string"}}


def _op(summary: str, *, params: list | None = None, body: dict | None = None,
        ok: dict | None = None, tag: str, form: dict | None = None,
        extra: dict | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "tags": [tag], "parameters": params or [],
                          "responses": {"200": ok or _json({"type": "object"}), **(extra or {})}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if form is not None:
        op["requestBody"] = {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": form}}}
    return op


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {k: ({"type": v} if isinstance(v, str) else v)
                                             for k, v in props.items()}}


WORLD = _q("world_id", "world id", True, "path")
DELIVERY = {"name": "delivery_id", "in": "path", "required": True, "schema": {"type": "integer"}}
SIGNED = [_q("app_key", "the app's key", True), _q("timestamp", "Unix seconds, within -300/+30 s",
                                                    True),
          _q("sign", "hex HMAC-SHA256 of secret+path+sorted params+body+secret", True),
          _q("x-tts-access-token", "the seller's access token", True, "header")]
CIPHER = _q("shop_cipher", "the shop's cipher from GET /authorization/202309/shops", True)
LK, RFC, SHOP, CP, ACT = ("Login Kit v2", "Standard OAuth 2.0", "TikTok Shop Open API",
                          "Control plane: webhooks", "Actor APIs")
PAGE = {"description": "HTML page (login, consent) or a 302/303 redirect to the client"}
TOKEN_FORM = _obj(client_key="string", client_secret="string", grant_type="string",
                  code="string", redirect_uri="string", code_verifier="string",
                  refresh_token="string")
CP_BASE = "/_sandbox/v1/worlds/{world_id}/webhooks"

PATHS: dict[str, dict[str, Any]] = {
    "/_sandbox/v1/worlds/{world_id}/clients": {"post": _op(
        "Register a Login Kit client or (kind shop_app) a TikTok Shop partner app",
        tag="Control plane", params=[WORLD], body=_ref("ClientRequest"),
        ok=_json({"oneOf": [_ref("LoginKitClient"), _ref("ShopApp")]}, "Created"))},
    f"{CP_BASE}/deliveries": {"get": _op(
        "Delivery log (id > after); wait long-polls up to 60 s", tag=CP,
        params=[WORLD, _q("after", "last id seen"), _q("wait", "seconds to long-poll")],
        ok=_json(_obj(deliveries={"type": "array", "items": _ref("Delivery")})))},
    f"{CP_BASE}/deliveries/{{delivery_id}}": {"get": _op(
        "One delivery with every attempt", tag=CP, params=[WORLD, DELIVERY],
        ok=_json(_ref("Delivery")))},
    f"{CP_BASE}/deliveries/{{delivery_id}}/redeliver": {"post": _op(
        "Send it again now (same body, signature, notification id)", tag=CP,
        params=[WORLD, DELIVERY], ok=_json(_ref("Delivery")))},
    f"{CP_BASE}/deliveries/{{delivery_id}}/duplicate": {"post": _op(
        "Queue a second delivery of the same notification", tag=CP, params=[WORLD, DELIVERY],
        ok=_json(_ref("Delivery")))},
    f"{CP_BASE}/hold": {"post": _op("Hold new deliveries", tag=CP, params=[WORLD])},
    f"{CP_BASE}/release": {"post": _op("Release held deliveries", tag=CP, params=[WORLD])},
    f"{CP_BASE}/drop": {"post": _op("Lose the next N delivery attempts (they retry on schedule)",
                                    tag=CP, params=[WORLD], body=_obj(count="integer"))},
    "/api/v1/authorized_apps": {"get": _op("Seller: apps authorized for my shop", tag=ACT)},
    "/api/v1/authorized_apps/{app_key}/deauthorize": {"post": _op(
        "Seller: deauthorize an app (webhook type 6)", tag=ACT,
        params=[_q("app_key", "the app", True, "path")])},
    "/app/api/v1/authorizations": {"servers": APP_SERVER, "get": _op(
        "App user: apps I authorized", tag=ACT)},
    "/app/api/v1/authorizations/{client_key}": {"servers": APP_SERVER, "delete": _op(
        "App user: remove an app (webhook authorization.removed, reason 1)", tag=ACT,
        params=[_q("client_key", "the app", True, "path")])},
    "/v2/auth/authorize/": {"servers": APP_SERVER, "get": {
        "summary": "Login Kit authorization page (also without the trailing slash)",
        "tags": [LK], "parameters": [
            _q("client_key", "app key", True), _q("scope", "comma-separated", True),
            _q("redirect_uri", "registered URI (desktop: loopback, wildcard port)", True),
            _q("state", "echoed"), _q("response_type", "code", True),
            _q("disable_auto_auth", "1 always shows consent"),
            _q("code_challenge", "hex (desktop) or base64url SHA-256"),
            _q("code_challenge_method", "S256")],
        "responses": {"200": PAGE, "302": {"description": "redirect with code, scopes, state "
                                                          "or error"}}}},
    "/v2/oauth/token/": {"servers": APP_SERVER, "post": _op(
        "Tokens: authorization_code, refresh_token (rotating), client_credentials", tag=LK,
        form=TOKEN_FORM, ok=_json({"oneOf": [_ref("LoginKitToken"), _ref("OAuthError")]},
                                  "Tokens, or TikTok's error body (HTTP 200 by default)"))},
    "/v2/oauth/revoke/": {"servers": APP_SERVER, "post": _op(
        "Revoke a token", tag=LK, form=_obj(client_key="string", client_secret="string",
                                            token="string"))},
    "/v2/user/info/": {"servers": APP_SERVER, "get": _op(
        "User info; each field needs its scope", tag=LK,
        params=[_q("fields", "comma-separated field names", True)])},
    "/.well-known/oauth-authorization-server": {"servers": APP_SERVER, "get": _op(
        "RFC 8414 metadata", tag=RFC)},
    "/oauth/authorize": {"servers": APP_SERVER, "get": {
        "summary": "RFC 6749 authorization endpoint (PKCE S256)", "tags": [RFC],
        "responses": {"200": PAGE}}},
    "/oauth/token": {"servers": APP_SERVER, "post": _op(
        "RFC 6749 token endpoint, incl. the device_code grant; RFC error statuses", tag=RFC,
        form=TOKEN_FORM)},
    "/oauth/device_authorization": {"servers": APP_SERVER, "post": _op(
        "RFC 8628 device authorization; verification_uri_complete is the phone's scan link",
        tag=RFC, form=_obj(client_id="string", client_secret="string", scope="string"))},
    "/oauth/revoke": {"servers": APP_SERVER, "post": _op("RFC 7009 revocation", tag=RFC,
                                                         form=_obj(token="string"))},
    "/oauth/introspect": {"servers": APP_SERVER, "post": _op("RFC 7662 introspection", tag=RFC,
                                                             form=_obj(token="string"))},
    "/open/authorize": {"get": {
        "summary": "Seller authorization page: log in, authorize or deny; redirects to the "
                   "app's redirect URL with code+state or error=auth_denied",
        "tags": [SHOP], "parameters": [_q("service_id", "the app's service id", True),
                                       _q("state", "echoed")], "responses": {"200": PAGE}}},
    "/alliance/creator/auth": {"get": {
        "summary": "Creator authorization page: log in through TikTok, authorize, deny or "
                   "deauthorize (webhook 20)", "tags": [SHOP],
        "parameters": [_q("app_key", "the app's key", True), _q("state", "echoed")],
        "responses": {"200": PAGE}}},
    "/alliance/creator/callback": {"get": {
        "summary": "Where TikTok returns the creator after logging in (first-party Login Kit)",
        "tags": [SHOP], "parameters": [_q("code", "", True), _q("state", "", True)],
        "responses": {"302": {"description": "back to the creator authorization page"}}}},
    "/api/v2/token/get": {"get": _op(
        "Exchange an auth code (30 min, single use)", tag=SHOP,
        params=[_q("app_key", "", True), _q("app_secret", "", True), _q("auth_code", "", True),
                _q("grant_type", "authorized_code", True)],
        ok=_json(_ref("ShopEnvelope")))},
    "/api/v2/token/refresh": {"get": _op(
        "Refresh (rotates the refresh token)", tag=SHOP,
        params=[_q("app_key", "", True), _q("app_secret", "", True),
                _q("refresh_token", "", True), _q("grant_type", "refresh_token", True)],
        ok=_json(_ref("ShopEnvelope")))},
    "/authorization/202309/shops": {"get": _op(
        "Get authorized shops (signed, no shop_cipher)", tag=SHOP, params=SIGNED,
        ok=_json(_ref("ShopEnvelope")))},
    "/sandbox/202309/linked_accounts": {"get": _op(
        "Sandbox extension: the shop's linked TikTok accounts (signed, shop_cipher)", tag=SHOP,
        params=[*SIGNED, CIPHER], ok=_json(_ref("ShopEnvelope")))},
    "/event/202309/webhooks": {
        m: _op(f"{m.upper()} the shop's webhook address (signed, shop_cipher)", tag=SHOP,
               params=[*SIGNED, CIPHER], ok=_json(_ref("ShopEnvelope")))
        for m in ("get", "put", "delete")},
}

SCHEMAS: dict[str, Any] = {
    "ClientRequest": _obj(kind={"enum": ["login_kit", "shop_app"]}, name="string",
                          redirect_uris={"type": "array", "items": {"type": "string"}},
                          redirect_url="string", webhook_url="string",
                          scopes={"type": "array", "items": {"type": "string"}},
                          platform={"enum": ["web", "desktop", "mobile"]}),
    "LoginKitClient": _obj(client_key="string", client_secret="string", webhook_url="string"),
    "ShopApp": _obj(app_key="string", app_secret="string", service_id="string",
                    redirect_url="string", webhook_url="string", authorize_url="string",
                    scopes={"type": "array", "items": {"type": "string"}}),
    "Delivery": _obj(id="integer", source="string", app_key="string", url="string",
                     event="string", notification_id="string", body="string",
                     headers="object", status={"enum": ["pending", "held", "waiting", "sending",
                                                        "delivered", "failed"]},
                     attempts="integer", next_attempt_at="string", created_at="string",
                     log={"type": "array", "items": _obj(attempt="integer", at="string",
                                                         status="integer", error="string")}),
    "LoginKitToken": _obj(access_token="string", expires_in="integer", open_id="string",
                          refresh_token="string", refresh_expires_in="integer", scope="string",
                          token_type="string"),
    "OAuthError": _obj(error="string", error_description="string", log_id="string"),
    "ShopEnvelope": _obj(code="integer", message="string", request_id="string",
                         data={"type": ["object", "null"]}),
}

# The consent pages post their answer back to themselves (a browser form, not an API).
for _path, _tag in (("/v2/auth/authorize/", LK), ("/oauth/authorize", RFC)):
    PATHS[_path]["post"] = {
        "summary": "The consent page's form: Authorize or Cancel (a browser posts it)",
        "tags": [_tag], "responses": {"302": {"description": "redirect with code or error"},
                                      "200": PAGE}}
