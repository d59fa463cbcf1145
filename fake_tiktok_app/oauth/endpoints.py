"""authlib endpoints beyond grants: revocation (RFC 7009), introspection (7662), metadata (8414)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7662 import IntrospectionEndpoint
from authlib.oauth2.rfc8414 import AuthorizationServerMetadata
from flask import g

from fake_tiktok_app.domain.login_kit import REASON_DEVELOPER_REVOKED
from fake_tiktok_app.oauth.device import DeviceCodeGrant, DeviceEndpoint
from fake_tiktok_app.oauth.tokens import TOKEN_AUTH_METHODS, BearerToken
from fake_tiktok_app.services import oauth_records
from fake_tiktok_app.services.authorizations import notify_removed
from sandbox.kernel.events import append_event


def _query_token(server: Any, token_string: str, hint: str | None) -> Any:
    if not token_string:
        return None
    row = oauth_records.token_by_string(g.db, token_string, hint)
    return BearerToken(row, server.now(row.world_id)) if row is not None else None


class Revocation(RevocationEndpoint):
    """`/v2/oauth/revoke/` and `/oauth/revoke`: revoking either token ends the whole grant."""

    CLIENT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        return _query_token(self.server, token_string, token_type_hint)

    def revoke_token(self, token: Any, request: Any) -> None:
        row = token.row
        now = self.server.now(row.world_id)
        if row.revoked_at is None:
            row.revoked_at = now
            row.refresh_revoked = True
            append_event(g.db, row.world_id, now, "oauth.token_revoked", row.client_key,
                         {"open_id": row.open_id, "by": "client"})
            if row.open_id:
                notify_removed(g.db, request.client.row, row.open_id, now,
                               REASON_DEVELOPER_REVOKED)


class Introspection(IntrospectionEndpoint):
    """RFC 7662: a client may introspect the tokens issued to it."""

    CLIENT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        return _query_token(self.server, token_string, token_type_hint)

    def check_permission(self, token: Any, client: Any, request: Any) -> bool:
        return token.check_client(client)

    def introspect_token(self, token: Any) -> dict[str, Any]:
        row = token.row
        return {"active": True, "client_id": row.client_key, "token_type": "Bearer",
                "scope": row.scope.replace(",", " "), "sub": row.open_id,
                "exp": int(row.expires_at.timestamp()), "iat": int(row.issued_at.timestamp()),
                "iss": self.server.runtime.settings.app_url}


def register_endpoints(server: Any) -> None:
    server.register_endpoint(Revocation)
    server.register_endpoint(Introspection)
    server.register_endpoint(DeviceEndpoint)
    server.register_grant(DeviceCodeGrant)


def metadata(app_url: str) -> dict[str, Any]:
    """RFC 8414 document naming the URL the app is really served on, http on a LAN address
    too. authlib's model validates it with the scheme swapped to https, the one check a
    plain-HTTP sandbox cannot pass."""
    secure = urlunsplit(("https", *urlsplit(app_url)[1:]))
    AuthorizationServerMetadata(_document(secure)).validate()
    return _document(app_url)


def _document(app_url: str) -> dict[str, Any]:
    return {
        "issuer": app_url,
        "authorization_endpoint": f"{app_url}/oauth/authorize",
        "token_endpoint": f"{app_url}/oauth/token",
        "revocation_endpoint": f"{app_url}/oauth/revoke",
        "introspection_endpoint": f"{app_url}/oauth/introspect",
        "device_authorization_endpoint": f"{app_url}/oauth/device_authorization",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials",
                                  "urn:ietf:params:oauth:grant-type:device_code"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_post",
                                                       "client_secret_basic"],
        "introspection_endpoint_auth_methods_supported": ["client_secret_post",
                                                          "client_secret_basic"],
        "code_challenge_methods_supported": ["S256", "plain"],
        "scopes_supported": ["user.info.basic", "user.info.profile", "user.info.stats",
                             "video.list"],
    }
