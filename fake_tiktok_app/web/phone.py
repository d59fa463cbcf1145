"""The phone simulator: a person logs in, scans a QR code and answers the consent screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlparse

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from fake_tiktok_app.domain import qr as qr_machine
from fake_tiktok_app.domain.accounts import age_on
from fake_tiktok_app.domain.scopes import describe_scopes
from fake_tiktok_app.services import accounts, otp, qr
from fake_tiktok_app.services.profile import organization_view, shop_name_of
from fake_tiktok_app.store.oauth import OAuthClient, QrTicket
from fake_tiktok_app.web.phone_live import feed as live
from fake_tiktok_app.web.session import (
    BROWSER,
    SESSION_COOKIE,
    WORLD_COOKIE,
    chosen_world_id,
    current_account,
)
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World
from sandbox.kernel.world_config import rules_for, settings_for
from sandbox.web_shared.requests import logged_out

bp = Blueprint("phone", __name__, url_prefix="/phone")
T = TypeVar("T")


def need_login(world_id: str | None = None) -> Any:
    """To the login page, coming back here after; in the world this page is about, if known
    (many worlds share one phone simulator)."""
    return redirect(url_for("phone.login", next=request.full_path,
                            world=world_id or text_field(request.args, "world")))


def follower_minimum(world_id: str) -> int:
    """A4's follower minimum for an affiliate creator in this world (rule A4 `followers`)."""
    return rules_for(g.db, world_id).A4.followers


def _flashed_refusal(exc: SandboxError) -> dict[str, Any]:
    """A refusal as the phone's pages show it: message, code and rule badge (flashed)."""
    return {"message": exc.message, "code": exc.code, "rule": exc.rule}


def attempt(action: Callable[[], T], success: str | Callable[[T], str], done: str,
            refused: str | None = None) -> Response:
    """Run one phone action and commit it, flash `success` and go to `done`; a refusal rolls
    back, is flashed and goes to `refused` (else `done`). Redirects are 303."""
    try:
        result = action()
        g.db.commit()
    except SandboxError as exc:
        g.db.rollback()
        flash(_flashed_refusal(exc), "refusal")
        return redirect(refused or done, code=303)
    flash(success(result) if callable(success) else _(success), "notice")
    return redirect(done, code=303)


@bp.get("/")
def home() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()  # the profile follows catalogue changes (phone/_selling.html)
    now = g.runtime.now(g.db, account.world_id)
    org = organization_view(g.db, account, now)
    return render_template("phone/home.html", account=account, age=age_on(account.birthdate, now),
                           world=g.db.get(World, account.world_id), org=org,
                           owner_shop_name=shop_name_of(g.db, account.world_id,
                                                        org["owner_shop_id"], account.open_id))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    world_id = chosen_world_id()
    world = g.db.get(World, world_id) if world_id else None
    error = None
    if request.method == "POST" and world is not None:
        try:
            now = g.runtime.now(g.db, world.id)
            if text_field(request.form, "method") == "otp":  # G4: organization accounts
                app_session = otp.log_in_with_otp(
                    g.db, world.id, text_field(request.form, "username", ""),
                    text_field(request.form, "one_time_password", ""), now,
                    channel=BROWSER)
            else:
                app_session = accounts.log_in(g.db, world.id, text_field(request.form, "username", ""),
                                              text_field(request.form, "password", ""), now, BROWSER)
            g.db.commit()
            nxt = text_field(request.form, "next") or ""
            resp = make_response(redirect(nxt if nxt.startswith("/phone/") else
                                          url_for("phone.home")))
            resp.set_cookie(SESSION_COOKIE, app_session.token, httponly=True, samesite="Lax")
            resp.set_cookie(WORLD_COOKIE, world.id, samesite="Lax")
            return resp
        except SandboxError as exc:
            error = exc.message
    logins = (world.settings or {}).get("app_logins", []) if world else []
    return render_template("phone/login.html", world=world, logins=logins, error=error,
                           next=text_field(request.values, "next", "")), 401 if error else 200


@bp.post("/logout")
def logout() -> Any:
    return logged_out(url_for("phone.login"), SESSION_COOKIE, accounts.log_out)


def _scanned_token(url: str, world_id: str) -> tuple[str, str | None, str | None] | None:
    """The QR token, client ticket and (Seller app deep link, D5) `for_username` in a scan
    link, or the ticket of a typed device code."""
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    if parsed.path.rstrip("/").endswith("/phone/authorize") and "token" in query:
        return (query["token"][0], (query.get("client_ticket") or [None])[0],
                (query.get("for_username") or [None])[0])
    device = g.db.query(QrTicket).filter(QrTicket.world_id == world_id,
                                         QrTicket.user_code == url.upper()).first()
    return (device.token, None, None) if device is not None else None  # RFC 8628: a user code


@bp.route("/scan", methods=["GET", "POST"])
def scan() -> Any:
    """Scanning is the POST (a picked tile, a pasted link or the scan page's button)."""
    account = current_account()
    if account is None:
        return need_login()
    error = None
    now = g.runtime.now(g.db, account.world_id)
    if request.method == "POST":
        scanned = _scanned_token((text_field(request.form, "url") or "").strip(), account.world_id)
        if scanned is None:
            error = _("That is not a TikTok QR code link or device code. Paste the link under "
                      "the QR code.")
        else:
            try:
                ticket = qr.scan(g.db, account, scanned[0], scanned[1], now, scanned[2])
                g.db.commit()
            except SandboxError as exc:
                g.db.rollback()
                return _refused(exc, account)
            return redirect(url_for("phone.authorize_page", token=ticket.token), code=303)
    tickets = qr.displayed_tickets(g.db, account.world_id, now)
    names = {c.client_key: c.name for c in g.db.query(OAuthClient).filter(
        OAuthClient.world_id == account.world_id)}
    ages = {t.token: _age(now, t.created_at) for t in tickets}
    return render_template("phone/scan.html", account=account, tickets=tickets, names=names,
                           ages=ages, error=error), 400 if error else 200


def _age(now: Any, then: Any) -> str:
    """How long ago a QR code appeared, in world time: "shown just now", "shown 3 min ago"."""
    seconds = int((now - then).total_seconds())
    if seconds < 60:
        return _("shown just now")
    if seconds < 3600:
        return _("shown %(n)s min ago", n=seconds // 60)
    return _("shown %(n)s h ago", n=seconds // 3600)


def _refused(exc: SandboxError, account: Any) -> Any:
    return render_template("phone/result.html", ok=False, message=exc.message,
                           code=exc.code, account=account), exc.status


@bp.get("/authorize")
def authorize_page() -> Any:
    """The scan link opened: the consent page once this phone scanned it, else a page asking
    to scan (a GET changes nothing, so a link from another site cannot scan for you)."""
    account = current_account()
    if account is None:  # log in in the QR code's own world
        ticket = g.db.get(QrTicket, text_field(request.args, "token") or "")
        return need_login(ticket.world_id if ticket is not None else None)
    try:
        now = g.runtime.now(g.db, account.world_id)
        qr_machine.check_deep_link_account(text_field(request.args, "for_username"), account.username)
        ticket = qr.peek(g.db, account, text_field(request.args, "token"), now)
    except SandboxError as exc:
        return _refused(exc, account)
    client = g.db.get(OAuthClient, ticket.client_key)
    if ticket.open_id != account.open_id:
        return render_template("phone/scan_confirm.html", account=account, ticket=ticket,
                               client=client, link=request.url)
    return render_template("phone/consent.html", account=account, ticket=ticket, client=client,
                           scopes=describe_scopes(ticket.scope, client.kind if client else ""))


@bp.post("/authorize")
def authorize_decision() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    token = text_field(request.form, "token")
    decision = text_field(request.form, "decision")
    try:
        now = g.runtime.now(g.db, account.world_id)
        if decision == "authorize":
            qr.authorize(g.db, account, token, now,
                         settings_for(g.db, account.world_id).auth_code_ttl_seconds)
            message = _("Authorized. You can go back to the other screen.")
        else:
            qr.deny(g.db, account, token, now)
            message = _("You cancelled. Nothing was shared.")
        g.db.commit()
    except SandboxError as exc:
        g.db.rollback()
        return _refused(exc, account)
    return render_template("phone/result.html", ok=decision == "authorize", message=message,
                           code=None, account=account)
