"""Long polls of every face (`wait=`): one ceiling, and a declined wait tells its caller so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g
from sqlalchemy.orm import Session

from sandbox.kernel.held_waits import RETRY_AFTER_SECONDS

WAIT_HEADER = "X-Sandbox-Wait"
DECLINED = "declined"


def held_poll(world_id: str, fetch: Callable[[Session], list[Any]], wait: float) -> list[Any]:
    """`fetch` until it finds something or `wait` seconds pass, woken by commits that changed
    `world_id` (runtime.poll); the request's own transaction is ended first, so none stays
    open while it waits."""
    if wait > 0:
        g.db.rollback()
    polled = g.runtime.poll(world_id, fetch, wait)
    if polled.declined:
        g.wait_declined = True
    return polled.found


def install_wait_headers(app: Flask) -> None:
    """A declined wait's answer says so: the caller asks again after `Retry-After` seconds
    (the Python client's waits loop on it until their own deadline)."""

    @app.after_request
    def _declined(resp: Response) -> Response:
        if g.get("wait_declined"):
            resp.headers[WAIT_HEADER] = DECLINED
            resp.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return resp
