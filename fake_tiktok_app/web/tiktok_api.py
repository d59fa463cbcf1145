"""TikTok's own wire faces: QR get/check, the token endpoint, user info (protocols.md §1–2) and the
Display API's video list and query."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from fake_tiktok_app.domain.accounts import parse_fields, scopes_needed
from fake_tiktok_app.oauth import OAuthProtocolError as OAuth2Error
from fake_tiktok_app.services import clients, display, qr, userinfo
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.web.boundary import api_v2_error, oauth_error
from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import SandboxError, log_id
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.web_shared.requests import json_value

bp = Blueprint("tiktok_api", __name__)
CLIENT_FIELDS = ("client_key", "client_id", "client_secret")
# What TikTok's token endpoint reads (protocols.md §1.2), for every grant it serves.
TOKEN_FIELDS = (*CLIENT_FIELDS, "grant_type", "code", "redirect_uri", "code_verifier",
                "refresh_token", "scope", "device_code")


def _form(*names: str) -> dict[str, str | None]:
    """The endpoint's fields `names` as text. TikTok wants form bodies; accept JSON too, since
    clients in the wild send both (a list, an object or a number is invalid_request naming it)."""
    body = json_value() if not request.form else None
    source = body if isinstance(body, dict) else request.form
    return {name: text_field(source, name) for name in names}


def _client_or_error(form: dict[str, str | None]) -> Any:
    client = clients.find_client(g.db, form.get("client_key") or form.get("client_id"))
    if client is None:
        raise SandboxError("Client key is invalid." if form.get("client_key")
                           else "Client key is missed in request.", code="invalid_client",
                           status=401)
    return client


@bp.post("/v2/oauth/get_qrcode/", strict_slashes=False)
def get_qrcode() -> Any:
    form = _form("client_key", "client_id", "scope", "state", "display_name")
    client = _client_or_error(form)
    rt = g.runtime
    now = rt.now(g.db, client.world_id)
    ticket, url = qr.create_ticket(
        g.db, client, form.get("scope"), form.get("state"), now,
        settings_for(g.db, client.world_id).qr_ttl_seconds,
        rt.settings.app_url, display_name=form.get("display_name") if client.first_party else None)
    g.db.commit()
    return jsonify({"scan_qrcode_url": url, "token": ticket.token})


@bp.post("/v2/oauth/check_qrcode/", strict_slashes=False)
def check_qrcode() -> Any:
    form = _form(*CLIENT_FIELDS, "token")
    server = current_app.extensions["sandbox.oauth_server"]
    oauth_request = server.create_oauth2_request(request)
    try:
        client = server.authenticate_client(oauth_request, ["client_key_post"],
                                            endpoint="check_qrcode")
    except OAuth2Error as exc:
        return oauth_error(exc.error, exc.description or "Client authentication failed.", 401)
    now = g.runtime.now(g.db, client.row.world_id)
    body = qr.check_ticket(g.db, client.row, form.get("token"), now)
    g.db.commit()
    return jsonify(body)


@bp.post("/v2/oauth/token/", strict_slashes=False)
def issue_token() -> Any:
    _form(*TOKEN_FIELDS)  # a field that is no text is refused before the grant reads the form
    server = current_app.extensions["sandbox.oauth_server"]
    response = server.create_token_response()
    if response.status_code == 200:
        if not g.get("nothing_to_commit"):  # set when only a client token was issued
            g.db.commit()
        return response
    body = response.get_json(silent=True) or {}
    return oauth_error(body.get("error", "invalid_request"), body.get("error_description", ""),
                       response.status_code)


@bp.post("/v2/oauth/revoke/", strict_slashes=False)
def revoke_token() -> Any:
    """Form `client_key`, `client_secret`, `token`; success is `{}` (protocols.md §1.3)."""
    _form(*CLIENT_FIELDS, "token", "token_type_hint")
    server = current_app.extensions["sandbox.oauth_server"]
    response = server.create_endpoint_response("revocation")
    if response.status_code == 200:
        g.db.commit()
        return jsonify({})
    body = response.get_json(silent=True) or {}
    return oauth_error(body.get("error", "invalid_request"), body.get("error_description", ""),
                       response.status_code)


def _bearer_account() -> tuple[Any, Account]:
    """(token, account) of the request's user access token, else `access_token_invalid`."""
    protector = current_app.extensions["sandbox.resource_protector"]
    try:
        token = protector.acquire_token()
    except OAuth2Error:
        raise SandboxError("The access token is invalid or not found in the request.",
                           code="access_token_invalid", status=401) from None
    account = g.db.get(Account, token.row.open_id) if token.row.open_id else None
    if account is None:
        raise SandboxError("This token does not belong to a user.", code="access_token_invalid",
                           status=401)
    return token, account


@bp.get("/v2/user/info/", strict_slashes=False)
def user_info() -> Any:
    """The requested fields the token's scopes open; unknown fields are ignored unless the
    `user_info_strict_fields` setting is on."""
    try:
        token, account = _bearer_account()
    except SandboxError as exc:
        return api_v2_error(exc)
    fields = text_field(request.args, "fields")
    if not settings_for(g.db, account.world_id).user_info_strict_fields:
        names = parse_fields(fields)
        unknown = set(scopes_needed(names)[1])
        if names and unknown >= set(names):
            return _user_info({})  # only fields nobody knows: nothing to answer with
        fields = ",".join(n for n in names if n not in unknown)
    try:
        user = userinfo.user_fields(account, fields, token.row.scope, token.now,
                                    g.runtime.settings.app_url)
    except SandboxError as exc:
        return api_v2_error(exc)
    return _user_info(user)


def _user_info(user: dict[str, Any]) -> Any:
    return jsonify({"data": {"user": user},
                    "error": {"code": "ok", "message": "", "log_id": log_id(wall_now())}})


def _video_call(answer: Any) -> Any:
    """Display API: a user token with `video.list`, `fields` in the query, a JSON body."""
    try:
        token, account = _bearer_account()
        if display.SCOPE not in token.row.scope.split(","):
            raise SandboxError("The user did not authorize the scope required for completing "
                               "this request: video.list.", code="scope_not_authorized",
                               status=401)
        body = json_value() if request.data else {}
        if not isinstance(body, dict):
            raise SandboxError("The request body must be a JSON object.",
                               code="invalid_params", status=400)
        fields = display.parse_video_fields(text_field(request.args, "fields"))
        data = answer(account, body)
    except SandboxError as exc:
        return api_v2_error(exc)
    url = g.runtime.settings.app_url
    data["videos"] = [display.video_fields(v, account.username, fields, url)
                      for v in data["videos"]]
    return jsonify({"data": data, "error": {"code": "ok", "message": "",
                                            "log_id": log_id(wall_now())}})


@bp.post("/v2/video/list/", strict_slashes=False)
def video_list() -> Any:
    """The user's videos, newest first: body `max_count` (1-20, default 10), `cursor`."""
    def answer(account: Account, body: dict[str, Any]) -> dict[str, Any]:
        videos, cursor, more = display.list_page(g.db, account, body)
        return {"videos": videos, "cursor": cursor, "has_more": more}
    return _video_call(answer)


@bp.post("/v2/video/query/", strict_slashes=False)
def video_query() -> Any:
    """The user's videos among `filters.video_ids` (1-20)."""
    def answer(account: Account, body: dict[str, Any]) -> dict[str, Any]:
        return {"videos": display.query(g.db, account, body), "cursor": 0, "has_more": False}
    return _video_call(answer)
