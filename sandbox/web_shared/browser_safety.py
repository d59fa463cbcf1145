"""Pages another origin cannot drive: CSRF tokens (Flask-WTF), an Origin check, no framing.

Both apps install it once. Every state-changing request of a face that serves forms (the HTML
pages, incl. the consent pages) must carry the page's CSRF token and, when the browser says where
it comes from, an Origin equal to the app's own. A page on another port of the same host is
*same-site* (SameSite cookies do not stop it) but *cross-origin*, so both checks refuse it.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import Flask, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from sandbox.kernel.errors import Forbidden
from sandbox.web_shared.boundary import request_face

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FRAME_HEADERS = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'",
                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def app_secret(secret_key: str, app_name: str) -> str:
    """Each app signs its Flask session with its own key, so one app's session cookie (which the
    browser also sends to the other port) means nothing to the other app."""
    return hmac.new(secret_key.encode(), app_name.encode(), hashlib.sha256).hexdigest()


def _own_origin() -> str:
    return request.host_url.rstrip("/")


def check_same_origin() -> None:
    """Browsers send Origin on every cross-origin POST (and on same-origin ones); refuse any that
    is not this app's own. Scripts that send no Origin are judged by the CSRF token alone."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != _own_origin():
        raise Forbidden(f"This form may only be submitted from {_own_origin()} (the request came "
                        f"from {origin[:100]}). Open the page on this server and submit it there.",
                        code="CROSS_ORIGIN_REQUEST")
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        raise Forbidden("This form may only be submitted from a page of this server.",
                        code="CROSS_ORIGIN_REQUEST")


def install_browser_safety(app: Flask, app_name: str, secret_key: str) -> None:
    app.config.update(
        SECRET_KEY=app_secret(secret_key, app_name),
        WTF_CSRF_CHECK_DEFAULT=False,  # checked below, only on faces that serve forms
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session: presenters leave pages open
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    csrf = CSRFProtect(app)

    @app.before_request
    def _protect_forms() -> None:
        if request.method in SAFE_METHODS or request.routing_exception is not None:
            return  # a 404/405 is answered as such: there is no form to protect
        if not request_face(app).forms:
            return
        check_same_origin()
        try:
            csrf.protect()
        except CSRFError as exc:
            raise Forbidden(f"{exc.description} Reload the page and submit the form again (a form "
                            "is only accepted with the token of the page that showed it).",
                            code="CSRF_TOKEN_INVALID") from None

    @app.after_request
    def _no_framing(resp: Any) -> Any:
        # One pass over the answer's few headers: werkzeug's `setdefault` looks each name up
        # by raising and catching a KeyError when it is missing, which it nearly always is.
        present = {name.lower() for name, _ in resp.headers}
        for name, value in FRAME_HEADERS.items():
            if name.lower() not in present:
                resp.headers.add(name, value)
        return resp
