"""Presenter tools both apps' pages share: the world-clock widget and a demo that never runs out."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Blueprint, g
from sqlalchemy.exc import SQLAlchemyError

from sandbox.kernel import worlds
from sandbox.kernel.clock import as_utc, iso, wall_now
from sandbox.kernel.errors import NotFound, SandboxError
from sandbox.kernel.jobs import Fired
from sandbox.kernel.models import World
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.store import new_id
from sandbox.presenter.changes import summarize
from sandbox.web_shared.requests import is_operator

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
ADVANCES = (("+2 min", "PT2M"), ("+1 h", "PT1H"), ("+24 h", "PT24H"), ("+48 h", "PT48H"),
            ("+15 days", "P15D"))
# The bar's words (English); a face in another language passes `words` to install_widget.
# world_clock.js reads the ones it writes itself from data-words ({n} is a count).
WORDS = {"World time": "World time", "running": "running", "frozen": "frozen",
         "Rules": "Rules", "Freeze": "Freeze", "Unfreeze": "Unfreeze", "Advance": "Advance",
         "Timeline": "Timeline", "PT90M or 3600": "PT90M or 3600",
         "Advance by (ISO-8601 duration or seconds)": "Advance by (ISO-8601 duration or seconds)",
         "Nothing fell due.": "Nothing fell due.",
         "{n} due job(s) ran; nothing changed.": "{n} due job(s) ran; nothing changed.",
         "1 change:": "1 change:", "{n} changes:": "{n} changes:", "Frozen.": "Frozen.",
         "Running.": "Running.", **{label: label for label, _duration in ADVANCES}}
FIRED_LISTED = 500  # events listed in a clock move's answer; the rest are in the event log
DEMO = "demo"


def human_time(value: datetime) -> str:
    """E.g. '2 Dec 2026 14:05 UTC'."""
    value = as_utc(value)
    return f"{value.day} {value:%b %Y %H:%M} UTC"


def clock_state(session: Any, world_id: str | None) -> dict[str, Any] | None:
    """The widget's view of a world's clock, or None when there is no such world."""
    world = session.get(World, world_id) if world_id else None
    if world is None:
        return None
    now = world.clock.now(wall_now())
    return {"world": world.id, "now": iso(now), "human": human_time(now),
            "frozen": world.clock.frozen}


def fired_fields(fired: Fired) -> dict[str, Any]:
    """What a clock move fired: the events its jobs appended (every type, either app's), how
    many, and `changes`, those events in words (what the widget's summary lists)."""
    listed = [e.to_dict() for e in fired.events[:FIRED_LISTED]]
    return {"fired": listed, "fired_count": len(fired.events), "jobs_fired": fired.jobs,
            "fired_truncated": len(listed) < len(fired.events),
            "changes": summarize(listed, len(fired.events))}


def moved(world: World, fired: Fired) -> dict[str, Any]:
    """A clock move's answer, in the control plane's shape."""
    now = world.clock.now(wall_now())
    return {"now": iso(now), "human": human_time(now), "frozen": world.clock.frozen,
            **fired_fields(fired)}


def install_widget(bp: Blueprint, world_of: Callable[[], str | None],
                   urls: Callable[[str], tuple[str, str]],
                   words: Callable[[], dict[str, str]] = lambda: WORDS) -> None:
    """Give the app's templates `world_clock()` (used by world_clock.html): the caller's world
    clock, with the state and control URLs `urls(world_id)` names and the page's `words` (WORDS'
    keys); None means no widget."""

    def world_clock() -> dict[str, Any] | None:
        try:  # the widget never breaks a page, not even an error page
            state = clock_state(g.db, world_of())
        except (SandboxError, SQLAlchemyError):
            return None
        if state is None:
            return None
        state_url, control_url = urls(state["world"])
        # The per-world timeline and rules pages live on Seller Center's port, whichever app shows the widget.
        world_url = f"{g.runtime.settings.seller_url}/worlds/{state['world']}"
        said = {**WORDS, **words()}
        return {**state, "state_url": state_url, "control_url": control_url,
                "timeline_url": f"{world_url}/timeline", "rules_url": f"{world_url}/rules",
                "operator": is_operator(g.runtime.settings.control_token),
                "advances": [(said[label], duration) for label, duration in ADVANCES],
                "words": said}

    bp.app_context_processor(lambda: {"world_clock": world_clock})


def reset_demo(runtime: Runtime) -> World:
    """Delete world demo if there is one, and create it again from the demo seed."""
    try:
        worlds.delete_world(runtime, DEMO)
    except NotFound:
        pass
    return worlds.create_world(runtime, "Demo", seed=DEMO, world_id=DEMO)


def new_demo(runtime: Runtime) -> World:
    """A fresh demo-seeded world with a generated id."""
    world_id = new_id("demo-", 3)
    return worlds.create_world(runtime, f"Demo {world_id[5:]}", seed=DEMO, world_id=world_id)
