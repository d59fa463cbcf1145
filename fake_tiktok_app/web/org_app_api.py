"""The app user's actor API for organization accounts: log in with a one-time password (G4),
the phone and e-mail logins they refuse, what the account is (G6) and its earnings (H3)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from fake_tiktok_app.services import accounts, organization, otp
from fake_tiktok_app.services.profile import organization_view
from fake_tiktok_app.store.accounts import Account, AppSession
from fake_tiktok_app.web.models import EmailLogin, OtpLogin, PhoneLogin
from fake_tiktok_app.web.session import api_account
from sandbox.kernel.errors import Unauthorized
from sandbox.kernel.passwords import check_password
from sandbox.web_shared.requests import accepts, body_dict

bp = Blueprint("org_app_api", __name__, url_prefix="/app/api/v1")



def _logged_in(app_session: AppSession, world_id: str) -> Any:
    g.db.commit()
    account = accounts.get_account(g.db, world_id, app_session.open_id)
    return jsonify({"session_token": app_session.token, "open_id": account.open_id,
                    "username": account.username, "world": world_id})


@bp.post("/login/otp")
@accepts(OtpLogin)
def login_otp() -> Any:
    """G4: username + one-time password (organization accounts, accounts in upgrade trial)."""
    body = body_dict(OtpLogin)
    now = g.runtime.now(g.db, body["world"])
    app_session = otp.log_in_with_otp(g.db, body["world"], str(body["username"]),
                                      str(body["one_time_password"]), now,
                                      surface=str(body.get("surface") or "app"))
    return _logged_in(app_session, body["world"])


def _other_login(account: Account | None, method: str, password: str, world_id: str) -> Any:
    otp.refuse_other_login(g.db, account, method)
    if account is None or not check_password(account.password_hash, password or ""):
        raise Unauthorized(f"Wrong {method.replace('_', ' ')} or password.", code="LOGIN_FAILED")
    now = g.runtime.now(g.db, world_id)
    return _logged_in(accounts.log_in(g.db, world_id, account.username, password, now), world_id)


@bp.post("/login/phone")
@accepts(PhoneLogin)
def login_phone() -> Any:
    """Phone number + password (modelled minimally); refused for OTP-only accounts."""
    body = body_dict(PhoneLogin)
    g.runtime.world(g.db, body["world"])
    account = accounts.find_by_phone(g.db, body["world"], str(body["phone"]))
    return _other_login(account, "phone", str(body["password"]), body["world"])


@bp.post("/login/email")
@accepts(EmailLogin)
def login_email() -> Any:
    """E-mail + password; the sandbox's e-mail of an account is <username>@<anything>."""
    body = body_dict(EmailLogin)
    g.runtime.world(g.db, body["world"])
    account = accounts.find_by_username(g.db, body["world"], str(body["email"]).split("@")[0])
    return _other_login(account, "email", str(body["password"]), body["world"])


@bp.get("/me/organization")
def me_organization() -> Any:
    """G6 and H2: what kind of account this is, what it can use, and its upgrade trial."""
    account = api_account()
    return jsonify(organization_view(g.db, account, g.runtime.now(g.db, account.world_id)))


@bp.get("/earnings")
def earnings() -> Any:
    account = api_account()
    view = organization_view(g.db, account, g.runtime.now(g.db, account.world_id))
    return jsonify({"earnings_cents": view["earnings_cents"]})


@bp.post("/earnings/withdraw")
def withdraw() -> Any:
    """H3: withdraw every earning (do it during the trial; unclaimed ones expire at its end)."""
    account = api_account()
    amount = organization.withdraw(g.db, account, g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify({"withdrawn_cents": amount, "earnings_cents": 0})
