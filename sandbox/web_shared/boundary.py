"""One error boundary per face: refusals, HTTP errors and crashes rendered in the face's own shape.

Each app registers its faces once (`install_error_boundary`); blueprints carry no error handlers.
A face is chosen by the view's endpoint first, then by the longest matching path prefix, else the
app's default (its HTML pages). A refusal rolls the request's session back before rendering, so a
refused action leaves nothing half-written; an unexpected exception is logged and rendered as the
face's 500, never as a bare HTML 500 on a JSON face.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from sandbox.kernel.errors import NotFound, SandboxError
from sandbox.kernel.models import World
from sandbox.kernel.world_facts import WORLDS_SEEN

Renderer = Callable[[SandboxError], Any]


@dataclass(frozen=True)
class Face:
    """A wire face: how its errors look, and which requests belong to it."""

    name: str
    render: Renderer
    prefixes: tuple[str, ...] = ()
    endpoints: tuple[str, ...] = ()
    blueprints: tuple[str, ...] = ()
    # Browser pages with forms: their state-changing requests need a CSRF token and a same-origin
    # Origin (web_shared/browser_safety.py); API faces authenticate by header and need neither.
    forms: bool = False
    # Paths no prefix names that still belong to the face (a regular expression, e.g. any
    # TikTok Shop API path `/family/202309/...`), tried after every face's prefixes.
    pattern: str | None = None


def sandbox_json(exc: SandboxError) -> Any:
    """The sandbox's own JSON: `{"error": {code, message, rule?, details?}}`."""
    resp = jsonify(exc.to_dict())
    resp.status_code = exc.status
    return resp


def html_page(exc: SandboxError) -> Any:
    """A page in the app's own look (each app ships an `error.html`)."""
    return render_template("error.html", error=exc), exc.status


SANDBOX_JSON = "sandbox_json"


def json_face(prefixes: tuple[str, ...] = (), endpoints: tuple[str, ...] = ()) -> Face:
    return Face(SANDBOX_JSON, sandbox_json, prefixes, endpoints)


def face_for(faces: Sequence[Face], default: Face, path: str, endpoint: str | None) -> Face:
    blueprint = endpoint.rpartition(".")[0] if endpoint else ""
    for face in faces:
        if endpoint and endpoint in face.endpoints:
            return face
    for face in faces:
        if blueprint and blueprint in face.blueprints:
            return face
    best, length = default, -1
    for face in faces:
        for prefix in face.prefixes:
            if path.startswith(prefix) and len(prefix) > length:
                best, length = face, len(prefix)
    if length < 0:
        best = next((face for face in faces if face.pattern and re.match(face.pattern, path)),
                    default)
    return best


def as_sandbox_error(exc: BaseException) -> SandboxError:
    """What any exception means to a caller: refusals as they are, HTTP errors by their status,
    anything else a 500 whose message says it is the sandbox's fault."""
    if isinstance(exc, SandboxError):
        return exc
    if isinstance(exc, HTTPException):
        code = (exc.name or "error").upper().replace(" ", "_")
        return SandboxError(exc.description or exc.name, code=code, status=exc.code or 500)
    return SandboxError("The sandbox failed unexpectedly; this is a bug in the sandbox, not in "
                        "your request. The server log has the traceback.",
                        code="INTERNAL_ERROR", status=500)


def request_face(app: Flask) -> Face:
    """The face of the current request, as the app's boundary was told."""
    faces, default = app.extensions["sandbox.web"]
    return face_for(faces, default, request.path, request.endpoint)


def _lost_to_deletion(exc: Exception) -> SandboxError | None:
    """A write that lost a race with its world's deletion fails in the database (a foreign key,
    a row gone mid-request): that is the caller's 404, not the sandbox's crash."""
    if not isinstance(exc, SQLAlchemyError):
        return None
    world_ids = set(g.get("db").info.get(WORLDS_SEEN, ()) if g.get("db") is not None else ())
    world_ids |= {v for k, v in (request.view_args or {}).items() if k == "world_id"}
    runtime = g.get("runtime")
    if runtime is None or not world_ids:
        return None
    with runtime.session() as session:
        for world_id in world_ids:
            if session.get(World, world_id) is None:
                return NotFound(f"World {world_id!r} was deleted while this request ran.",
                                code="WORLD_NOT_FOUND")
    return None


def install_error_boundary(app: Flask, faces: Sequence[Face], default: Face) -> None:
    """Register the app's single error handler."""
    app.extensions["sandbox.web"] = (tuple(faces), default)

    @app.errorhandler(Exception)
    def _boundary(exc: Exception) -> Any:
        if isinstance(exc, HTTPException) and (exc.code or 500) < 400:
            return exc  # routing redirects (a missing trailing slash) are not errors
        db = g.get("db")
        if db is not None:
            db.rollback()
        if not isinstance(exc, SandboxError | HTTPException):
            exc = _lost_to_deletion(exc) or exc
        if not isinstance(exc, SandboxError | HTTPException):
            app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        face = face_for(faces, default, request.path, request.endpoint)
        g.refusal = refusal = as_sandbox_error(exc)  # the request log names its code and rule
        response = app.make_response(face.render(refusal))
        if isinstance(exc, MethodNotAllowed):
            # a routing answer, not the face's business: 405 even on faces that answer their
            # refusals with HTTP 200 (Login Kit), and naming the methods (RFC 9110 §15.5.6)
            response.status_code = 405
            if exc.valid_methods:
                response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response
