"""LIVE Manager: its login (G4: organization accounts log in only with username + one-time
password), its console (go LIVE with products, end it, log out; B6), and the phone's "withdraw
earnings" button (H3)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    flash,
    g,
    get_flashed_messages,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from fake_tiktok_app.services import accounts, catalogue, content, organization, otp
from fake_tiktok_app.web.phone import follower_minimum
from fake_tiktok_app.web.session import BROWSER, WORLD_COOKIE, chosen_world_id, current_account
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World

bp = Blueprint("live_manager", __name__)
LIVE_COOKIE = "tts_live_session"
LIVE_REFUSED = "live_manager_refused"  # flash category: a console action's refusal


@bp.route("/live-manager/login", methods=["GET", "POST"])
def login() -> Any:
    world_id = chosen_world_id()
    world = g.db.get(World, world_id) if world_id else None
    error = code = None
    if request.method == "POST" and world is not None:
        try:
            now = g.runtime.now(g.db, world.id)
            if text_field(request.form, "method") == "password":
                app_session = accounts.log_in(g.db, world.id, text_field(request.form, "username", ""),
                                              text_field(request.form, "password", ""), now, BROWSER)
            else:
                app_session = otp.log_in_with_otp(
                    g.db, world.id, text_field(request.form, "username", ""),
                    text_field(request.form, "one_time_password", ""), now,
                    surface="live_manager", channel=BROWSER)
            g.db.commit()
            resp = make_response(redirect(url_for("live_manager.home")))
            resp.set_cookie(LIVE_COOKIE, app_session.token, httponly=True, samesite="Lax")
            resp.set_cookie(WORLD_COOKIE, world.id, samesite="Lax")
            return resp
        except SandboxError as exc:
            g.db.rollback()
            error, code = exc.message, exc.code
    return render_template("live_manager.html", world=world, error=error, code=code,
                           account=None), 401 if error else 200


def _live_account() -> Any:
    return accounts.session_account(g.db, request.cookies.get(LIVE_COOKIE), BROWSER)


@bp.get("/live-manager/")
def home() -> Any:
    """The console: the account, its LIVE (products pinned), Go LIVE / End LIVE, Log out."""
    account = _live_account()
    if account is None:
        return redirect(url_for("live_manager.login"))
    refused = get_flashed_messages(category_filter=[LIVE_REFUSED])
    return render_template(
        "live_manager.html", world=g.db.get(World, account.world_id), live_account=account,
        account=None, error=None, code=None, live=content.current_live(g.db, account),
        promotable=catalogue.promotable(g.db, account),
        titles=catalogue.product_titles(g.db, account.world_id),
        past=[v for v in content.lives_of(g.db, account) if v.ended_at is not None][:5],
        refused=refused[0] if refused else None)


def _console(act: Any) -> Any:
    """Do one console action, then back to the console (POST → redirect → GET)."""
    account = _live_account()
    if account is None:
        return redirect(url_for("live_manager.login"))
    try:
        act(account, g.runtime.now(g.db, account.world_id))
        g.db.commit()
    except SandboxError as exc:
        g.db.rollback()
        flash({"message": exc.message, "code": exc.code, "rule": exc.rule}, LIVE_REFUSED)
    return redirect(url_for("live_manager.home"))


@bp.post("/live-manager/live")
def go_live() -> Any:
    """B6: start a LIVE with the products ticked."""
    title = text_field(request.form, "title", "") or "LIVE"
    products = [p for p in request.form.getlist("product_id") if isinstance(p, str)][:50]
    return _console(lambda account, now: content.start_live(
        g.db, account, title[:150], products, follower_minimum(account.world_id), now))


@bp.post("/live-manager/live/end")
def end_live() -> Any:
    return _console(lambda account, now: content.end_live(g.db, account, now))


@bp.post("/live-manager/logout")
def logout() -> Any:
    """End the LIVE Manager's session on the server and forget its cookie."""
    accounts.log_out(g.db, request.cookies.get(LIVE_COOKIE), BROWSER)
    g.db.commit()
    resp = make_response(redirect(url_for("live_manager.login")))
    resp.delete_cookie(LIVE_COOKIE)
    return resp


@bp.post("/phone/earnings/withdraw")
def withdraw() -> Any:
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login"))
    organization.withdraw(g.db, account, g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return redirect(url_for("phone.home"))
