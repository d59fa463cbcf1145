"""How the fake app finds a request's world: a Login Kit client_key (or RFC client_id), an
access token or app session, or the world the phone is pointed at."""

from __future__ import annotations

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.store.accounts import AppSession
from fake_tiktok_app.store.oauth import OAuthClient, Token
from fake_tiktok_app.web.session import SESSION_COOKIE, WORLD_COOKIE
from sandbox.kernel.request_world import Resolver, by_key, named_world, path_world
from sandbox.kernel.web import bearer_token


def _token_row(session: Session, token: str) -> AppSession | Token | None:
    return session.get(AppSession, token) or session.scalars(
        select(Token).where(Token.access_token == token)).first()


RESOLVERS: tuple[Resolver, ...] = (
    path_world,
    by_key(lambda s, k: s.get(OAuthClient, k), lambda: request.values.get("client_key"),
           lambda: request.values.get("client_id")),
    by_key(_token_row, bearer_token, lambda: request.cookies.get(SESSION_COOKIE)),
    named_world(WORLD_COOKIE),
)
