"""/openapi.json on either app, with `servers` naming the ports this process really serves."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify

from sandbox.openapi.routes import Route

ROUTES = "sandbox.openapi.routes"

bp = Blueprint("openapi", __name__)


@bp.get("/openapi.json")
def openapi() -> Any:
    """The OpenAPI 3.1 document of both apps."""
    # lazy: the document's builders (every operation module) are for this view, not start-up.
    from sandbox.openapi.document import build_document

    routes = current_app.extensions[ROUTES]()
    return jsonify(build_document(current_app.extensions["sandbox.runtime"].settings, routes))


def install(app: Flask, routes: Callable[[], Iterable[Route]]) -> None:
    """Serve the document on `app`; `routes` (given by a composition root, which may know both
    apps) lists what to document."""
    app.extensions[ROUTES] = routes
    if "openapi" not in app.blueprints:
        app.register_blueprint(bp)
