"""What both apps' pages share for people: the `human_time` Jinja filter and the favicon."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, current_app, send_from_directory

FAVICON = "favicon.svg"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                 r"(?:Z|[+-]\d{2}:?\d{2})?)?")


def human_time(value: Any, with_time: bool = True) -> str:
    """A datetime or ISO 8601 string as people read it, in the world's time (UTC):
    "2 Dec 2026, 19:48 UTC" (or "2 Dec 2026" with `with_time=False`); '' for nothing. In any
    other text (a refusal's message), each ISO date or time in it is rewritten so."""
    if value is None or value == "":
        return ""
    when = value
    if isinstance(value, str):
        text = value.strip()
        if not ISO.fullmatch(text):
            return ISO.sub(lambda m: human_time(m.group(0), with_time), value)
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return value  # not a time: show it as it is
        if len(text) == 10:
            with_time = False  # a date alone
    if not isinstance(when, datetime):
        return str(value)
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    day = f"{when.day} {when:%b %Y}"
    return f"{day}, {when:%H:%M} UTC" if with_time else day


def _favicon() -> Response:
    assert current_app.static_folder is not None
    resp = send_from_directory(current_app.static_folder, FAVICON, mimetype="image/svg+xml",
                               max_age=86400)
    return resp


def install_humane(app: Flask) -> None:
    """Register `human_time` and answer /favicon.ico (browsers ask for it on every port)."""
    app.add_template_filter(human_time, "human_time")
    app.add_url_rule("/favicon.ico", "favicon", _favicon, methods=["GET"])
