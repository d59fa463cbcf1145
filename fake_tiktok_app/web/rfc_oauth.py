"""The standard OAuth 2.0 face: RFC 8414 metadata, token, revocation and introspection."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify

from ..oauth.endpoints import metadata

bp = Blueprint("rfc_oauth", __name__)


def _server() -> Any:
    return current_app.extensions["sandbox.oauth_server"]


def _committed(response: Any) -> Any:
    if response.status_code == 200:
        g.db.commit()
    return response


@bp.get("/.well-known/oauth-authorization-server")
def well_known() -> Any:
    return jsonify(metadata(g.runtime.settings.app_url))


@bp.post("/oauth/token")
def token() -> Any:
    return _committed(_server().create_token_response())


@bp.post("/oauth/revoke")
def revoke() -> Any:
    return _committed(_server().create_endpoint_response("revocation"))


@bp.post("/oauth/device_authorization")
def device_authorization() -> Any:
    """RFC 8628 §3.1; verification_uri_complete is the phone's QR scan link."""
    return _server().create_endpoint_response("device_authorization")


@bp.post("/oauth/introspect")
def introspect() -> Any:
    return _server().create_endpoint_response("introspection")
