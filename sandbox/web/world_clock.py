"""Presenter pages of Seller Center: the world-clock widget's state, and demo reset / new world."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, redirect, request, url_for
from flask_babel import gettext

from sandbox.kernel.errors import NotFound
from sandbox.kernel.fields import text_field
from sandbox.presenter import world_clock as presenter
from sandbox.web.auth import check_operator, cookie_partner, cookie_seller
from sandbox.web_shared.boundary import sandbox_json

bp = Blueprint("world_clock", __name__, template_folder=presenter.TEMPLATES)


def caller_world() -> str | None:
    """The world of whoever is logged in on this page: the partner on Partner Center, else the
    seller (Seller Center and the Douyin backend)."""
    who = cookie_partner() if request.path.startswith("/partner") else cookie_seller()
    return who.world_id if who is not None else None


def _urls(world_id: str) -> tuple[str, str]:
    """The widget reads the page's state here and moves the clock on the control plane."""
    return (url_for("world_clock.state", world=world_id),
            url_for("control.move_clock", world_id=world_id))


def _words() -> dict[str, str]:
    """The bar's words: the Douyin backend's language there (its Babel catalogue, Chinese by
    default), English on Seller Center and Partner Center."""
    if not request.path.startswith("/douyin"):
        return presenter.WORDS
    return {key: gettext(english) for key, english in presenter.WORDS.items()}


presenter.install_widget(bp, caller_world, _urls, _words)


@bp.get("/world-clock")
def state() -> Any:
    """`{world, now, human, frozen}` of `?world=` (default: the caller's world), for pages."""
    found = presenter.clock_state(g.db, text_field(request.args, "world") or caller_world())
    if found is None:
        return sandbox_json(NotFound("No such world (pass ?world=, or log in).",
                                     code="WORLD_NOT_FOUND"))
    return jsonify(found)


@bp.post("/demo/reset")
def reset_demo() -> Any:
    """Operators: delete world demo and create it again from the demo seed, then open it."""
    check_operator(g.runtime.settings)
    world = presenter.reset_demo(g.runtime)
    return redirect(url_for("seller.open_world", world_id=world.id))


@bp.post("/demo/new")
def new_demo() -> Any:
    """Operators: a fresh demo-seeded world with a generated id, opened."""
    check_operator(g.runtime.settings)
    world = presenter.new_demo(g.runtime)
    return redirect(url_for("seller.open_world", world_id=world.id))
