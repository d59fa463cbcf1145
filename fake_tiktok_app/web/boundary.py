"""The fake app's faces and their error shapes (protocols.md §1), registered once by the factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, g, jsonify

from sandbox.diagnostics.fault_presets import LOGIN_KIT, TIKTOK_API
from sandbox.diagnostics.fault_reach import ACTOR, OAUTH, TIKTOK_APP, prefixes
from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import SandboxError, log_id
from sandbox.kernel.world_config import settings_for
from sandbox.web_shared.boundary import Face, html_page, install_error_boundary, json_face

# Used when authlib raises an error without a description of its own.
_DESCRIPTIONS = {
    "unsupported_grant_type": "The grant_type is not supported: use authorization_code.",
    "invalid_client": "Client authentication failed: check client_key and client_secret.",
    "invalid_request": "The request parameters are malformed.",
    "invalid_grant": "The authorization code or refresh token is invalid or expired.",
}


def oauth_error(error: str, description: str, rfc_status: int = 400) -> Any:
    """`{error, error_description, log_id}`; HTTP 200 like TikTok unless the rfc setting is on."""
    description = description or _DESCRIPTIONS.get(error, "The request was refused.")
    body = {"error": error, "error_description": description, "log_id": log_id(wall_now())}
    seen = g.get("seen")  # the request's world, when it presented one (a client_key…)
    settings = settings_for(g.db, seen.world_id) if seen is not None else g.runtime.settings
    tiktok = settings.oauth_error_status == "tiktok"
    return jsonify(body), 200 if tiktok else rfc_status


def _oauth_word(exc: SandboxError) -> str:
    """OAuth error words are lower case (`invalid_client`); other refusals are requests the
    endpoint could not use."""
    return exc.code if exc.code.islower() else "invalid_request"


def login_kit_error(exc: SandboxError) -> Any:
    return oauth_error(_oauth_word(exc), exc.message, exc.status)


def _api_word(exc: SandboxError) -> str:
    """TikTok API v2's codes are lower case (`access_token_invalid`); a 400 the sandbox words
    in its own upper case (a field of the wrong type) is TikTok's `invalid_params`."""
    return exc.code if exc.code.islower() or exc.status != 400 else "invalid_params"


def api_v2_error(exc: SandboxError) -> Any:
    """TikTok API v2's `{data: {}, error: {code, message, log_id}}` (protocols.md §1.4)."""
    return jsonify({"data": {}, "error": {"code": _api_word(exc).lower(), "message": exc.message,
                                          "log_id": log_id(wall_now())}}), exc.status


def rfc_error(exc: SandboxError) -> Any:
    """RFC 6749 §5.2: `{error, error_description}` with the HTTP status."""
    return jsonify({"error": _oauth_word(exc), "error_description": exc.message}), exc.status


def install(app: Flask) -> None:
    # Pages by default; Login Kit's consent page sits under /oauth/, so it is named.
    html = Face("html", html_page, endpoints=("login_kit.authorize",), forms=True)
    install_error_boundary(app, [
        json_face(prefixes(TIKTOK_APP, ACTOR)),
        Face("login_kit", login_kit_error, prefixes(TIKTOK_APP, LOGIN_KIT)),
        Face("tiktok_api_v2", api_v2_error, prefixes(TIKTOK_APP, TIKTOK_API)),
        Face("oauth_rfc", rfc_error, prefixes(TIKTOK_APP, OAUTH)),
        html,
    ], html)
