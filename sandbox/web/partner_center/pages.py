"""Partner Center pages: log in, My Account and its TikTok link by QR code (I1–I3)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.domain import qr_images
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.services import partner_linking, partners
from sandbox.store.partners import Partner
from sandbox.web.auth import BROWSER, PARTNER_COOKIE, bearer, cookie_partner, seller_center
from sandbox.web.live import feed as live
from sandbox.web.outcomes import after_post, flashed, refusal
from sandbox.web_shared.requests import logged_in, logged_out, login_world

bp = Blueprint("partner_pages", __name__, url_prefix="/partner")
WORLD_COOKIE = "tts_partner_world"


def partner_or_login() -> tuple[Partner | None, Any]:
    """The partner behind the cookie, or a redirect to the login page (shared by the pages)."""
    partner = cookie_partner()
    if partner is None:
        return None, redirect(url_for("partner_pages.login", next=request.path))
    return partner, None


def page(template: str, partner: Partner, **context: Any) -> str:
    """Render a Partner Center page with the partner and its linked account (for the header)."""
    return render_template(template, partner=partner,
                           view=partners.partner_view(g.db, partner), **context)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    world = login_world(g.db, WORLD_COOKIE)
    if request.method == "POST":
        return _login_attempt(world)
    error, entered = flashed()
    logins = (world.settings or {}).get("partner_logins", []) if world else []
    return render_template("partner/login.html", world=world, logins=logins,
                           error=error["message"] if error else None,
                           email=entered.get("email", ""), partner=None,
                           next=text_field(request.values, "next", ""))


def _login_attempt(world: Any) -> Any:
    """The login form's POST: a browser session and My Account, or the login page again (by
    GET) with the refusal and the e-mail entered (never the password)."""
    email = text_field(request.form, "email", "")
    error = None
    if world is not None:
        try:
            now = g.runtime.now(g.db, world.id)
            session = partners.log_in(g.db, world.id, email,
                                      text_field(request.form, "password", ""), now,
                                      channel=BROWSER)
            g.db.commit()
            return logged_in(url_for("partner_pages.account"), "/partner/", PARTNER_COOKIE,
                             session.token, WORLD_COOKIE, world.id)
        except SandboxError as exc:
            g.db.rollback()
            error = refusal(exc)
    return after_post("partner_pages.login", error, {"email": email},
                      world=world.id if world is not None else None,
                      next=text_field(request.values, "next"))


@bp.post("/logout")
def logout() -> Any:
    return logged_out(url_for("partner_pages.login"), PARTNER_COOKIE, partners.log_out)


@bp.get("/")
def home() -> Any:
    return redirect(url_for("partner_pages.account"))


@bp.get("/account")
def account() -> Any:
    """My Account: the partner, and its TikTok business account or Link TikTok Account (I3:
    no unlink button, the account manager unlinks)."""
    partner, to_login = partner_or_login()
    if to_login:
        return to_login
    live.live_after()  # the page's event cursor, read before what it shows
    return page("partner/account.html", partner)


@bp.route("/account/link", methods=["GET", "POST"])
def link_guide() -> Any:
    """Link TikTok Account: Sign Up for TikTok, or Get Started (a QR code, I1)."""
    partner, to_login = partner_or_login()
    if to_login:
        return to_login
    if request.method == "POST":
        try:
            req = partner_linking.start_link(seller_center(), partner.world_id, partner.id)
        except SandboxError as exc:
            return after_post("partner_pages.link_guide", refusal(exc))
        return redirect(url_for("partner_pages.link_request", request_id=req.id))
    error, _done = flashed()
    signup = f"{g.runtime.settings.app_url}/phone/signup?world={partner.world_id}"
    return page("partner/link_guide.html", partner, error=error, signup_url=signup)


@bp.get("/links/<request_id>")
def link_request(request_id: str) -> Any:
    """The QR page: one check of the QR code, then the request as it now stands (`checking` for
    one poll after Connect Now: setting `pages_show_checking`). live.js fetches it again when
    the world's event log moves."""
    partner, to_login = partner_or_login()
    if to_login:
        return to_login
    live.live_after()  # the page's event cursor, read before what it shows
    try:
        req = partner_linking.refresh_link_request(seller_center(), partner.world_id, request_id,
                                                   partner.id,
                                                   settings_for(g.db, partner.world_id).pages_show_checking)
    except SandboxError:
        abort(404)
    g.db.rollback()  # read what the refresh committed in its own sessions
    return page("partner/link_request.html", partner, req=req)


@bp.get("/links/<request_id>/qr.png")
def qr_png(request_id: str) -> Response:
    partner = cookie_partner() or partners.partner_for_token(g.db, bearer())
    if partner is None:
        abort(401)
    try:
        req = partner_linking.get_request(g.db, partner.world_id, request_id, partner.id)
    except SandboxError:
        abort(404)
    return Response(qr_images.png(req.scan_url), mimetype="image/png")
