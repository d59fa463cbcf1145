"""Sandbox extension: who may call the first-party faces under /sandbox/v1 — only TikTok's own
clients (Seller Center), authenticated by HTTP Basic client_key:client_secret through authlib."""

from __future__ import annotations

from flask import current_app, request

from fake_tiktok_app.oauth import OAuthProtocolError
from fake_tiktok_app.store.oauth import OAuthClient
from sandbox.kernel.errors import Forbidden, Unauthorized


def first_party_client(endpoint: str = "first_party") -> OAuthClient:
    """RFC 6749 §2.3.1 client_secret_basic; a partner's client is refused."""
    server = current_app.extensions["sandbox.oauth_server"]
    try:
        client = server.authenticate_client(server.create_oauth2_request(request),
                                            ["client_secret_basic"], endpoint=endpoint)
    except OAuthProtocolError as exc:
        raise Unauthorized(exc.description or "Client authentication failed: send HTTP Basic "
                           "client_key:client_secret.", code="CLIENT_AUTH_FAILED") from None
    if not client.row.first_party:
        raise Forbidden("Only TikTok's own first-party clients may call this.",
                        code="FIRST_PARTY_ONLY")
    return client.row
