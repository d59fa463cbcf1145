"""Login Kit's authorization page and the standard OAuth face (RFC 8414, 6749, 7009, 7662, 8628)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    get_flashed_messages,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
)

from fake_tiktok_app.domain.scopes import describe_scopes
from fake_tiktok_app.oauth import OAuthProtocolError as OAuth2Error
from fake_tiktok_app.oauth.endpoints import metadata
from fake_tiktok_app.services import accounts, oauth_records
from fake_tiktok_app.web.session import BROWSER, SESSION_COOKIE, WORLD_COOKIE, current_account
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field

bp = Blueprint("login_kit", __name__)
LOGIN_REFUSED = "login_kit_refused"  # flash category: a failed login, shown once after the redirect


def _server() -> Any:
    return current_app.extensions["sandbox.oauth_server"]


def _already_granted(account: Any, client_key: str, scope: str) -> bool:
    """Auto-auth (disable_auto_auth=0): a live grant of this client already covers the scopes."""
    rows = oauth_records.live_grants(g.db, account, client_key)
    wanted = set(scope.split(","))
    now = g.runtime.now(g.db, account.world_id)
    return any(wanted <= set(r.scope.split(",")) and r.refresh_expires_at is not None
               and r.refresh_expires_at > now and not r.refresh_revoked for r in rows)


def _decide(grant: Any, account: Any) -> Any:
    response = _server().create_authorization_response(grant_user=account, grant=grant)
    g.db.commit()
    return response


@bp.route("/v2/auth/authorize/", methods=["GET", "POST"], strict_slashes=False)
@bp.route("/oauth/authorize", methods=["GET", "POST"])
def authorize() -> Any:
    """Log in if needed, show the consent page, redirect with code+scopes+state or error."""
    server = _server()
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        if error.redirect_uri:
            return server.handle_error_response(None, error)
        return render_template("oauth/authorize.html", account=None, client=None, error_page={
            "error": error.error, "description": error.description or "Invalid request."}), 400
    client = grant.request.client.row
    account = current_account()
    if account is not None and account.world_id != client.world_id:
        account = None
    action = text_field(request.form, "action") if request.method == "POST" else None
    if action == "login":
        try:
            now = g.runtime.now(g.db, client.world_id)
            app_session = accounts.log_in(g.db, client.world_id, text_field(request.form, "username", ""),
                                          text_field(request.form, "password", ""), now, BROWSER)
            g.db.commit()
        except SandboxError as exc:  # POST → redirect → GET, the refusal shown once there
            g.db.rollback()
            flash(exc.message, LOGIN_REFUSED)
            return redirect(request.full_path, code=303)
        resp = make_response(redirect(request.full_path, code=303))
        resp.set_cookie(SESSION_COOKIE, app_session.token, httponly=True, samesite="Lax")
        resp.set_cookie(WORLD_COOKIE, client.world_id, samesite="Lax")
        return resp
    if account is None:
        refused = get_flashed_messages(category_filter=[LOGIN_REFUSED])
        return render_template("oauth/authorize.html", account=None, client=client,
                               error=refused[0] if refused else None,
                               error_page=None), 401 if refused else 200
    if action in ("authorize", "deny"):
        return _decide(grant, account if action == "authorize" else None)
    if client.first_party:  # TikTok's own services (Seller Center) need no consent page
        return _decide(grant, account)
    scope = grant.request.scope or ""
    auto = text_field(request.args, "disable_auto_auth", "0") != "1" and server.tiktok_face()
    if auto and _already_granted(account, client.client_key, scope):
        return _decide(grant, account)
    return render_template("oauth/authorize.html", account=account, client=client, error_page=None,
                           scopes=describe_scopes(scope))


def _committed(response: Any) -> Any:
    if response.status_code == 200:
        g.db.commit()
    return response


@bp.get("/.well-known/oauth-authorization-server")
def well_known() -> Any:
    return jsonify(metadata(g.runtime.settings.app_url))


@bp.post("/oauth/token")
def token() -> Any:
    return _committed(_server().create_token_response())


@bp.post("/oauth/revoke")
def revoke() -> Any:
    return _committed(_server().create_endpoint_response("revocation"))


@bp.post("/oauth/device_authorization")
def device_authorization() -> Any:
    """RFC 8628 §3.1; verification_uri_complete is the phone's QR scan link."""
    return _server().create_endpoint_response("device_authorization")


@bp.post("/oauth/introspect")
def introspect() -> Any:
    return _server().create_endpoint_response("introspection")
