"""How the sandbox finds a request's world: the control plane's path, a Shop app_key, a seller's
or partner's token or cookie, or the world a login page names."""

from __future__ import annotations

from flask import request
from sqlalchemy.orm import Session

from sandbox.services import shops
from sandbox.services.open_api_gateway import app_of
from sandbox.store.partners import PartnerSession
from sandbox.store.shops import SellerSession
from sandbox.web.auth import PARTNER_COOKIE, SELLER_COOKIE, WORLD_COOKIE
from sandbox.web_shared.request_world import Resolver, by_key, named_world, path_world, usable
from sandbox.web_shared.requests import bearer_token


def _session_row(session: Session, token: str) -> SellerSession | PartnerSession | None:
    """A seller's session comes with its seller and world in one statement, held for the view
    (`shops.seller_for_token` reads nothing more); else a partner's session."""
    return shops.seller_session_row(session, token) or session.get(PartnerSession, token)


def open_api_token() -> str | None:
    """The access token an Open API call presents (TikTok's header, or the query)."""
    return request.headers.get("x-tts-access-token") or request.args.get("access_token")


RESOLVERS: tuple[Resolver, ...] = (
    path_world,
    # the app with the presented token's grant and shop: the gateway's one read, held for it
    by_key(lambda s, k: app_of(s, k, usable(open_api_token())),
           lambda: request.args.get("app_key")),
    by_key(_session_row, bearer_token, lambda: request.cookies.get(SELLER_COOKIE),
           lambda: request.cookies.get(PARTNER_COOKIE)),
    named_world(WORLD_COOKIE),
)
