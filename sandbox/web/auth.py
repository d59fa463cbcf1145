"""Who is calling (a seller by cookie or bearer token, or an operator of the control plane), and
the Seller Center context every view hands its use cases."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, current_app, g, request

from sandbox.kernel.errors import BadRequest, Forbidden, SandboxError, Unauthorized
from sandbox.kernel.fields import text_field
from sandbox.kernel.passwords import BROWSER
from sandbox.services.partners import partner_for_token
from sandbox.services.seller_center import SellerCenter
from sandbox.services.shops import log_in, seller_for_token
from sandbox.store.partners import Partner
from sandbox.store.shops import Seller
from sandbox.web_shared.requests import MAX_STORED_INT, bearer_token, is_operator, logged_in

SELLER_COOKIE = "tts_seller_session"
WORLD_COOKIE = "tts_seller_world"


def bearer() -> str | None:
    return bearer_token()


def cookie_seller() -> Seller | None:
    return seller_for_token(g.db, request.cookies.get(SELLER_COOKIE), BROWSER)


def api_seller() -> Seller:
    seller = seller_for_token(g.db, bearer())
    if seller is None:
        raise Unauthorized("Send 'Authorization: Bearer <seller token>' (from the control plane's "
                           "shop creation, or POST /api/v1/seller/login).",
                           code="SELLER_LOGIN_REQUIRED")
    return seller


def seller_login_attempt(world: Any, home: str, cookie_path: str, cookie: str = SELLER_COOKIE,
                         refuse: Callable[[Seller], str | None] | None = None,
                         wrong_password: str | None = None,
                         ) -> tuple[Response | None, str | None]:
    """The POST of a seller's login page (Seller Center, the Seller app, the Douyin backend):
    a browser session and the redirect home, or the error to show (`refuse` may turn a right
    password away, e.g. a TikTok shop at the Douyin backend; `wrong_password` words the usual
    refusal in the page's language)."""
    if request.method != "POST" or world is None:
        return None, None
    try:
        now = g.runtime.now(g.db, world.id)
        session = log_in(g.db, world.id, text_field(request.form, "email", ""),
                         text_field(request.form, "password", ""), now, BROWSER)
    except SandboxError as exc:
        g.db.rollback()
        wrong = wrong_password if exc.code == "SELLER_LOGIN_FAILED" else None
        return None, wrong or exc.message
    seller = g.db.get(Seller, session.seller_id)
    if refuse is not None and (error := refuse(seller)) is not None:
        g.db.rollback()
        return None, error
    g.db.commit()
    return logged_in(home, cookie_path, cookie, session.token, WORLD_COOKIE, world.id), None


def check_operator(settings: Any) -> None:
    """The control plane is open on loopback and needs the bearer token anywhere else."""
    if is_operator(settings.control_token):
        return
    raise Forbidden("The control plane needs 'Authorization: Bearer <control token>' when "
                    "reached from beyond loopback (serve --control-token).",
                    code="CONTROL_TOKEN_REQUIRED")


PARTNER_COOKIE = "tts_partner_session"


def cookie_partner() -> Partner | None:
    return partner_for_token(g.db, request.cookies.get(PARTNER_COOKIE), BROWSER)


def api_partner() -> Partner:
    partner = partner_for_token(g.db, bearer())
    if partner is None:
        raise Unauthorized("Send 'Authorization: Bearer <partner token>' (from the control "
                           "plane's partner creation, or POST /api/v1/partner/login).",
                           code="PARTNER_LOGIN_REQUIRED")
    return partner


def any_seller() -> Seller | None:
    """A seller by cookie (browser) or bearer token (script), e.g. for QR images."""
    return cookie_seller() or seller_for_token(g.db, bearer())


def control_blueprint(name: str, import_name: str, url_prefix: str = "/_sandbox/v1") -> Blueprint:
    """A control-plane blueprint: operators only, every refusal in the sandbox's JSON shape."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)
    bp.before_request(lambda: check_operator(g.runtime.settings))
    return bp


def number_arg(name: str, default: float, maximum: float) -> float:
    """A non-negative number from the query string, capped at `maximum` and at what an INTEGER
    column holds (a cursor past every row means the same, and compares on every database);
    bad input is a 400."""
    raw = text_field(request.args, name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a number.", code="INVALID_PARAMETER") from None
    if math.isnan(value):
        raise BadRequest(f"'{name}' must be a number, not NaN.", code="INVALID_PARAMETER")
    if value < 0:
        raise BadRequest(f"'{name}' must not be negative.", code="INVALID_PARAMETER")
    return min(value, maximum, MAX_STORED_INT)


def seller_center() -> SellerCenter:
    """The app's Seller Center context (runtime + door to the TikTok app), set by the factory."""
    return current_app.extensions["sandbox.seller_center"]
