"""LIVE Manager's login (G4: organization accounts log in only with username + one-time password)
and the phone's "withdraw earnings" button (H3)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, make_response, redirect, render_template, request, url_for

from fake_tiktok_app.services import accounts, organization, otp
from fake_tiktok_app.web.session import BROWSER, WORLD_COOKIE, chosen_world_id, current_account
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World

bp = Blueprint("live_manager", __name__)
LIVE_COOKIE = "tts_live_session"


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


@bp.get("/live-manager/")
def home() -> Any:
    account = accounts.session_account(g.db, request.cookies.get(LIVE_COOKIE), BROWSER)
    if account is None:
        return redirect(url_for("live_manager.login"))
    return render_template("live_manager.html", world=g.db.get(World, account.world_id),
                           live_account=account, account=None, error=None, code=None)


@bp.post("/phone/earnings/withdraw")
def withdraw() -> Any:
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login"))
    organization.withdraw(g.db, account, g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return redirect(url_for("phone.home"))
