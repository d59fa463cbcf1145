"""The fake app's front door: pick a world, and the avatars user info points at."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, g, make_response, redirect, render_template, url_for
from markupsafe import escape

from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.web.session import WORLD_COOKIE
from sandbox.kernel.models import World
from sandbox.kernel.worlds import worlds_by_age
from sandbox.web_shared.requests import is_operator

bp = Blueprint("landing", __name__)


@bp.get("/")
def index() -> Any:
    listed = is_operator(g.runtime.settings.control_token)  # others must know a world's id
    worlds = worlds_by_age(g.db) if listed else []
    worlds.sort(key=lambda w: w.id != "demo")
    return render_template("landing.html", worlds=worlds, listed=listed)


@bp.get("/worlds/<world_id>/open")
def open_world(world_id: str) -> Any:
    if g.db.get(World, world_id) is None:
        abort(404)
    resp = make_response(redirect(url_for("phone.login", world=world_id)))
    resp.set_cookie(WORLD_COOKIE, world_id, samesite="Lax")
    return resp


@bp.get("/avatars/<open_id>.svg")
def avatar(open_id: str) -> Response:
    account = g.db.get(Account, open_id)
    if account is None:
        abort(404)
    letter = escape((account.nickname or account.username or "?")[:1].upper())
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
           f'<circle cx="50" cy="50" r="50" fill="{account.avatar_color}"/>'
           f'<text x="50" y="64" font-size="44" text-anchor="middle" fill="#fff" '
           f'font-family="Helvetica,Arial,sans-serif">{letter}</text></svg>')
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/healthz")
def healthz() -> Any:
    return {"ok": True, "service": "fake_tiktok_app"}
