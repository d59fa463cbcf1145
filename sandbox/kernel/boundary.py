"""One error boundary per face: refusals, HTTP errors and crashes rendered in the face's own shape.

Each app registers its faces once (`install_error_boundary`); blueprints carry no error handlers.
A face is chosen by the view's endpoint first, then by the longest matching path prefix, else the
app's default (its HTML pages). A refusal rolls the request's session back before rendering, so a
refused action leaves nothing half-written; an unexpected exception is logged and rendered as the
face's 500, never as a bare HTML 500 on a JSON face.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from sandbox.kernel.errors import SandboxError

Renderer = Callable[[SandboxError], Any]


@dataclass(frozen=True)
class Face:
    """A wire face: how its errors look, and which requests belong to it."""

    name: str
    render: Renderer
    prefixes: tuple[str, ...] = ()
    endpoints: tuple[str, ...] = ()
    blueprints: tuple[str, ...] = ()


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


def install_error_boundary(app: Flask, faces: Sequence[Face], default: Face) -> None:
    """Register the app's single error handler."""
    app.extensions["sandbox.faces"] = (tuple(faces), default)

    @app.errorhandler(Exception)
    def _boundary(exc: Exception) -> Any:
        if isinstance(exc, HTTPException) and (exc.code or 500) < 400:
            return exc  # routing redirects (a missing trailing slash) are not errors
        if not isinstance(exc, SandboxError | HTTPException):
            app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        db = g.get("db")
        if db is not None:
            db.rollback()
        face = face_for(faces, default, request.path, request.endpoint)
        response = app.make_response(face.render(as_sandbox_error(exc)))
        if isinstance(exc, MethodNotAllowed):
            # a routing answer, not the face's business: 405 even on faces that answer their
            # refusals with HTTP 200 (Login Kit), and naming the methods (RFC 9110 §15.5.6)
            response.status_code = 405
            if exc.valid_methods:
                response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response
