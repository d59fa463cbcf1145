"""Resolvers both apps share for the world a request presents (DESIGN §2): its path, or the
world a login page or JSON body names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

MAX_KEY = 128
Resolver = Callable[[Session], str | None]  # the world a request presents, from g.db


def usable(value: Any) -> str | None:
    """A presented key worth a lookup: a short string without NUL."""
    if isinstance(value, str) and value and len(value) <= MAX_KEY and "\x00" not in value:
        return value
    return None


def path_world(_session: Session) -> str | None:
    return usable((request.view_args or {}).get("world_id"))


def named_world(cookie: str) -> Callable[[Session], str | None]:
    """`?world=`, a JSON body's `world`, then the app's world cookie (checked by the caller's
    single read of the world)."""

    def resolve(_session: Session) -> str | None:
        body = request.get_json(silent=True) if request.is_json else None
        named = body.get("world") if isinstance(body, dict) else None
        return usable(request.args.get("world") or named or request.cookies.get(cookie))

    return resolve


def by_key(lookup: Callable[[Session, str], Any], *values: Callable[[], Any]
           ) -> Callable[[Session], str | None]:
    """The world of the row `lookup` finds for the first usable value; a failed lookup is no
    world, never an error."""

    def resolve(session: Session) -> str | None:
        for value in values:
            key = usable(value())
            if key is None:
                continue
            try:
                row = lookup(session, key)
            except SQLAlchemyError:
                session.rollback()
                return None
            if row is not None:
                return row.world_id
        return None

    return resolve
