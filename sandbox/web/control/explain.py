"""Control plane: explain a logged refusal, and the error catalogue (sandbox extension)."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, jsonify, request

from sandbox.kernel.fields import text_field
from sandbox.openapi.served import ROUTES
from sandbox.services.explain import explain_request
from sandbox.services.open_api_gateway import sign_for
from sandbox.web.auth import control_blueprint
from sandbox.web.models.control import SignRequest
from sandbox.web_shared.requests import accepts, body_dict

bp = control_blueprint("control_explain", __name__)


@bp.get("/worlds/<world_id>/explain")
def explain(world_id: str) -> Any:
    """Why the request `log_id` was refused, in words, with the rule and the state."""
    g.runtime.world(g.db, world_id)
    g.runtime.request_log.flush()
    return jsonify(explain_request(g.db, world_id, text_field(request.args, "log_id")))


@bp.post("/sign")
@accepts(SignRequest)
def sign() -> Any:
    """Sandbox extension: the string to sign and the sign of a request (secret hidden)."""
    body = body_dict(SignRequest)
    return jsonify({**sign_for(g.db, body["app_key"], body["url"],
                               (body.get("body") or "").encode(),
                               body.get("content_type") or "application/json"),
                    "method": (body.get("method") or "GET").upper()})


@bp.get("/errors")
def errors() -> Any:
    """Every refusal code the sandbox can give: status, rule (with its text) and faces."""
    # lazy: the catalogue reads the OpenAPI document's builders, which start-up never needs.
    from sandbox.openapi.error_catalogue import catalogue

    found = catalogue(current_app.extensions[ROUTES]())
    return jsonify({"errors": found, "count": len(found)})
