"""Per-request hooks both apps install: find the request's world, let its fault rules answer,
and hand the request-log row to the runtime's batch writer after the answer (the world and its
rules come in one read, which also warms the session the view uses)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, Response, g, jsonify, make_response, request
from werkzeug.exceptions import RequestEntityTooLarge

from sandbox.diagnostics.fault_presets import LOGIN_KIT, OPEN_API, TIKTOK_API, find_preset
from sandbox.diagnostics.faults import HAS_FAULTS, matches, take_hit, world_with_faults
from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import SandboxError, log_id
from sandbox.kernel.request_log import DROPPED
from sandbox.kernel.world_facts import WORLD_ROWS, remember_world
from sandbox.web_shared.boundary import SANDBOX_JSON, request_face
from sandbox.web_shared.request_world import Resolver
from sandbox.web_shared.requests import BODY_TOO_LARGE
from sandbox.web_shared.waits import install_wait_headers

DROP = "sandbox.drop_connection"  # environ flag: the fault dropped this request's connection
# flask.g attribute: the client a request's credentials name when it presents no key of its own
# (a Login Kit call with only an access token), set by the app's world resolver.
PRESENTED_KEY = "presented_key"
_FACES = {"tiktok_shop_api": OPEN_API, "login_kit": LOGIN_KIT, "tiktok_api_v2": TIKTOK_API,
          "oauth_rfc": "oauth"}


@dataclass
class Seen:
    world_id: str
    at: datetime
    face: str
    key: str | None
    fault_id: str | None = None


def face_name(app: Flask) -> str:
    """open_api, login_kit, tiktok_api, oauth, actor, control or pages."""
    name = request_face(app).name
    if name == SANDBOX_JSON:
        return "control" if request.path.startswith("/_sandbox/") else "actor"
    return _FACES.get(name, "pages")


def _keys() -> dict[str, str]:
    values = request.values
    return {"client_key": values.get("client_key") or values.get("client_id") or "",
            "app_key": request.args.get("app_key") or ""}


def _answer(app: Flask, face: str, effect: dict[str, Any]) -> Response | None:
    if "latency_ms" in effect:
        time.sleep(effect["latency_ms"] / 1000)  # real latency; the world's clock is untouched
        return None
    if effect.get("drop_connection"):
        request.environ[DROP] = True
        return make_response("", 204)
    if "tiktok_error" in effect:
        exc = find_preset(effect["tiktok_error"], face).error()
        g.refusal = exc
        return app.make_response(request_face(app).render(exc))
    body = effect.get("body")
    resp = jsonify(body) if body is not None else make_response("")
    resp.status_code = effect["status"]
    return resp


@dataclass
class Outcome:
    code: str | None = None
    rule: str | None = None
    log_id: str | None = None
    message: str | None = None
    details: dict[str, Any] | None = None


def _outcome(resp: Response) -> Outcome:
    """Code, rule, log id, message and details of an answer: the refusal the boundary rendered,
    else what a JSON body says (Login Kit and authlib answer some refusals themselves)."""
    exc: SandboxError | None = g.get("refusal")
    out = Outcome() if exc is None else Outcome(exc.code, exc.rule, None, exc.message,
                                                exc.details or None)
    data = resp.get_json(silent=True) if resp.is_json and not resp.is_streamed else None
    if not isinstance(data, dict):
        return out
    error = data.get("error")
    lid = data.get("request_id") or data.get("log_id") or (
        error.get("log_id") if isinstance(error, dict) else None)
    out.log_id = lid if isinstance(lid, str) else None
    if out.code is None:
        if isinstance(data.get("code"), int) and data["code"] != 0:
            out.code, out.message = f"TTS_{data['code']}", data.get("message")
        elif isinstance(error, str):
            out.code, out.message = error, data.get("error_description")
        elif isinstance(error, dict) and error.get("code") not in (None, "", "ok"):
            out.code, out.rule = str(error["code"]), error.get("rule")
            out.message = error.get("message")
            out.details = error.get("details") if isinstance(error.get("details"), dict) else None
    if not isinstance(out.message, str):
        out.message = None
    return out


def install_request_hooks(app: Flask, resolvers: Sequence[Resolver],
                          quiet: Sequence[str] = ()) -> None:
    """Call right after install_db_session. `quiet` endpoints are neither faulted nor logged
    (the log's own long poll)."""
    runtime = app.extensions["sandbox.runtime"]
    limit = runtime.settings.max_request_bytes
    app.config["MAX_CONTENT_LENGTH"] = limit  # a chunked body is cut off as it is read
    install_wait_headers(app)

    @app.before_request
    def _bounded() -> None:
        """A body declared larger than the limit is refused before a byte of it is read."""
        if request.environ.get(BODY_TOO_LARGE) or (
                request.content_length is not None and request.content_length > limit):
            raise RequestEntityTooLarge(
                f"The request body is larger than this sandbox reads ({limit} bytes, the "
                "deployment setting max_request_bytes); send a smaller one.")

    @app.before_request
    def _arrive() -> Response | None:
        g.seen = None
        setattr(g, PRESENTED_KEY, None)
        if request.endpoint in quiet or request.endpoint == "static":
            return None
        world_id = next((w for r in resolvers if (w := r(g.db))), None)
        if world_id is None:
            return None
        world = g.db.info.get(WORLD_ROWS, {}).get(world_id)  # the resolver's lookup read it
        if world is None or (world.settings or {}).get(HAS_FAULTS):
            found, faults = world_with_faults(g.db, world_id)
            if found is None:
                return None
            world = remember_world(g.db, found)  # the view's clock and settings
        else:
            faults = []
        face, keys = face_name(app), _keys()
        g.seen = seen = Seen(world_id, world.clock.now(wall_now()), face,
                             keys["app_key"] or keys["client_key"] or g.get(PRESENTED_KEY))
        for fault in faults:
            if not matches(fault, face, request.method, request.path, keys):
                continue
            with runtime.session() as session:
                fired = take_hit(session, fault)
                session.commit()
            if fired:
                seen.fault_id = fault.id
                return _answer(app, face, fault.effect)
        return None

    @app.after_request
    def _log(resp: Response) -> Response:
        seen: Seen | None = g.get("seen")
        if seen is None:
            return resp
        out = _outcome(resp)
        lid = out.log_id or log_id(wall_now())
        resp.headers["X-Tt-Logid"] = lid
        dropped = request.environ.get(DROP)
        values = {"world_id": seen.world_id, "log_id": lid, "at": seen.at, "face": seen.face,
                  "method": request.method, "path": request.path[:1000],
                  "status": DROPPED if dropped else resp.status_code,
                  "code": "CONNECTION_DROPPED" if dropped else out.code, "rule": out.rule,
                  "fault_id": seen.fault_id, "key": (seen.key or "")[:80] or None,
                  "message": (out.message or "")[:2000] or None, "details": out.details}
        runtime.request_log.add(values)
        return resp

    app.wsgi_app = _Dropper(app.wsgi_app)  # type: ignore[method-assign]


class _Dropper:
    """WSGI wrapper: a request a fault dropped gets no answer at all; the server closes the
    connection (waitress: ClientDisconnected; other servers: a reset)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        result = self.inner(environ, start_response)
        if not environ.get(DROP):
            return result
        if hasattr(result, "close"):
            result.close()
        if "waitress.client_disconnected" in environ:
            from waitress.channel import ClientDisconnected

            raise ClientDisconnected("connection dropped by a sandbox fault rule")
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            import socket

            sock.shutdown(socket.SHUT_RDWR)
            raise ConnectionResetError("connection dropped by a sandbox fault rule")
        import httpx  # in-process (httpx.WSGITransport): what an httpx client sees on a drop

        raise httpx.RemoteProtocolError("Server disconnected without sending a response "
                                        "(a sandbox fault rule dropped the connection).")
