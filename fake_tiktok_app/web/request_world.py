"""How the fake app finds a request's world: a Login Kit client_key (or RFC client_id), an
access token or app session, or the world the phone is pointed at."""

from __future__ import annotations

from flask import g, request
from sqlalchemy.orm import Session

from fake_tiktok_app.services import accounts, clients
from fake_tiktok_app.store.accounts import AppSession
from fake_tiktok_app.store.oauth import Token
from fake_tiktok_app.web.session import SESSION_COOKIE, WORLD_COOKIE
from sandbox.web_shared.request_hooks import PRESENTED_KEY
from sandbox.web_shared.request_world import Resolver, by_key, named_world, path_world
from sandbox.web_shared.requests import bearer_token


def _with_client(found: Token | None) -> Token | None:
    """An access token names its client in the request log (a call with only a bearer
    token presents no client_key of its own)."""
    if found is not None:
        setattr(g, PRESENTED_KEY, found.client_key)
    return found


def _token_row(session: Session, token: str) -> AppSession | Token | None:
    """An access token (`act.…`: with its account and world) or an app session (with its
    account and world), each in one statement held for the view."""
    if "." in token:  # access tokens carry a prefix; app session tokens never hold a dot
        found = clients.token_with_account(session, token)
        return _with_client(found[0]) if found is not None else accounts.session_row(session,
                                                                                     token)
    app_session = accounts.session_row(session, token)
    if app_session is not None:
        return app_session
    found = clients.token_with_account(session, token)
    return _with_client(found[0]) if found is not None else None


RESOLVERS: tuple[Resolver, ...] = (
    path_world,
    by_key(clients.client_with_world, lambda: request.values.get("client_key"),
           lambda: request.values.get("client_id")),
    by_key(_token_row, bearer_token, lambda: request.cookies.get(SESSION_COOKIE)),
    named_world(WORLD_COOKIE),
)
