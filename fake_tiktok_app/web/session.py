"""Who is holding the phone: the app session from a cookie (browser) or bearer token (API)."""

from __future__ import annotations

from flask import g, request

from fake_tiktok_app.services import accounts
from fake_tiktok_app.store.accounts import Account
from sandbox.kernel.errors import Unauthorized
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World
from sandbox.kernel.passwords import BROWSER
from sandbox.kernel.worlds import latest_world_id
from sandbox.web_shared.requests import bearer_token as bearer

SESSION_COOKIE = "tts_app_session"
WORLD_COOKIE = "tts_app_world"


def current_account() -> Account | None:
    token = request.cookies.get(SESSION_COOKIE)
    return accounts.session_account(g.db, token, BROWSER)


def api_account() -> Account:
    account = accounts.session_account(g.db, bearer())
    if account is None:
        raise Unauthorized("Log in first: POST /app/api/v1/login, then send "
                           "'Authorization: Bearer <session_token>'.", code="APP_LOGIN_REQUIRED")
    return account


def chosen_world_id() -> str | None:
    """The world the phone is pointed at: ?world=, then the cookie, then demo, then the newest."""
    wanted = text_field(request.args, "world") or text_field(request.form, "world") or request.cookies.get(
        WORLD_COOKIE)
    if wanted and g.db.get(World, wanted) is not None:
        return wanted
    if g.db.get(World, "demo") is not None:
        return "demo"
    return latest_world_id(g.db)
