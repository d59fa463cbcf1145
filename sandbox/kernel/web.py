"""Flask plumbing both apps share: a DB session per request and JSON bodies."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, g, request

from sandbox.kernel.errors import BadRequest
from sandbox.kernel.runtime import Runtime


def static_dir() -> str:
    """`static/` ships in the wheel as sandbox/_static; in a clone it sits beside the packages."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(here, "_static")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "static")


def install_db_session(app: Flask, runtime: Runtime) -> None:
    """`g.db`: one SQLAlchemy session per request, rolled back and closed at teardown."""

    @app.before_request
    def _open_db() -> None:
        g.runtime = runtime
        g.db = runtime.session()

    @app.teardown_request
    def _close_db(_exc: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None:
            db.rollback()
            db.close()


def json_body() -> dict[str, Any]:
    """The request's JSON object, or {} when there is no body; malformed JSON is a clear 400."""
    if not request.get_data(cache=True):
        return {}
    body = request.get_json(silent=True)
    if body is None:
        raise BadRequest("The request body is not valid JSON.", code="INVALID_JSON")
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.", code="INVALID_BODY")
    return body
