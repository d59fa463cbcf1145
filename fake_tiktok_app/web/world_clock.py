"""Presenter endpoints of the phone: the world-clock widget (state, and a same-origin proxy of
the clock move for operators) and demo reset / new world."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from flask import Blueprint, g, jsonify, redirect, url_for
from flask_babel import gettext

from fake_tiktok_app.web.session import current_account
from sandbox.kernel import worlds
from sandbox.kernel.clock import parse_duration
from sandbox.kernel.errors import Forbidden, NotFound, SandboxError
from sandbox.presenter import world_clock as presenter
from sandbox.web_shared.boundary import sandbox_json
from sandbox.web_shared.requests import RequestModel, is_operator, validated_body

bp = Blueprint("phone_clock", __name__, template_folder=presenter.TEMPLATES)


class PhoneClockMove(RequestModel):
    """POST /phone/world-clock: advance (seconds or ISO-8601) and/or freeze the phone's world."""

    field_codes: ClassVar[dict[str, str]] = {"advance": "INVALID_DURATION"}
    advance: int | float | str | None = None
    freeze: bool | None = None


def caller_world() -> str | None:
    account = current_account()
    return account.world_id if account is not None else None


def _urls(_world_id: str) -> tuple[str, str]:
    return url_for("phone_clock.state"), url_for("phone_clock.move")


def _words() -> dict[str, str]:
    """The bar's words in the phone's language (Chinese on the 抖音 phone, else English)."""
    return {key: gettext(english) for key, english in presenter.WORDS.items()}


presenter.install_widget(bp, caller_world, _urls, _words)


def _operator() -> None:
    if not is_operator(g.runtime.settings.control_token):
        raise Forbidden("Only the sandbox's operator (on loopback, or with the control token) "
                        "moves the world's clock.", code="CONTROL_TOKEN_REQUIRED")


@bp.get("/phone/world-clock")
def state() -> Any:
    """`{world, now, human, frozen}` of the logged-in account's world."""
    found = presenter.clock_state(g.db, caller_world())
    if found is None:
        return sandbox_json(NotFound("Log in on the phone first.", code="APP_LOGIN_REQUIRED"))
    return jsonify(found)


@bp.post("/phone/world-clock")
def move() -> Any:
    """Operators: move the phone's world clock (CSRF token in X-CSRFToken); answers like the
    control plane's clock move, with `fired` and `fired_count`."""
    try:
        _operator()
        world_id = caller_world()
        if world_id is None:
            raise NotFound("Log in on the phone first.", code="APP_LOGIN_REQUIRED")
        body = validated_body(PhoneClockMove)
        advance: timedelta | None = None
        if body.advance is not None:
            advance = parse_duration(body.advance)
        world, fired = worlds.move_clock(g.runtime, world_id, advance=advance, freeze=body.freeze)
    except SandboxError as exc:  # the widget reads JSON, not the pages' HTML error
        return sandbox_json(exc)
    return jsonify(presenter.moved(world, fired))


@bp.post("/demo/reset")
def reset_demo() -> Any:
    """Operators: delete world demo and create it again from the demo seed, then open it."""
    _operator()
    world = presenter.reset_demo(g.runtime)
    return redirect(url_for("landing.open_world", world_id=world.id))


@bp.post("/demo/new")
def new_demo() -> Any:
    """Operators: a fresh demo-seeded world with a generated id, opened."""
    _operator()
    world = presenter.new_demo(g.runtime)
    return redirect(url_for("landing.open_world", world_id=world.id))
