"""Who is calling: a seller (cookie or bearer token) or an operator of the control plane."""

from __future__ import annotations

import hmac
from typing import Any

from flask import g, request

from sandbox.kernel.errors import Forbidden, Unauthorized

from ..services.shops import seller_for_token
from ..store import Seller

SELLER_COOKIE = "tts_seller_session"
WORLD_COOKIE = "tts_seller_world"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def cookie_seller() -> Seller | None:
    return seller_for_token(g.db, request.cookies.get(SELLER_COOKIE))


def api_seller() -> Seller:
    seller = seller_for_token(g.db, bearer())
    if seller is None:
        raise Unauthorized("Send 'Authorization: Bearer <seller token>' (from the control plane's "
                           "shop creation, or POST /api/v1/seller/login).",
                           code="SELLER_LOGIN_REQUIRED")
    return seller


def check_operator(settings: Any) -> None:
    """The control plane is open on loopback and needs the bearer token anywhere else."""
    if request.remote_addr in LOOPBACK:
        return
    token = settings.control_token
    if token and hmac.compare_digest(bearer() or "", token):
        return
    raise Forbidden("The control plane needs 'Authorization: Bearer <control token>' when "
                    "reached from beyond loopback (serve --control-token).",
                    code="CONTROL_TOKEN_REQUIRED")


def any_seller() -> Seller | None:
    """A seller by cookie (browser) or bearer token (script), e.g. for QR images."""
    return cookie_seller() or seller_for_token(g.db, bearer())
