"""authlib's authorization server wired to the fake app's store and each world's clock."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Payload, FlaskOAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.errors import InvalidClientError
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc6750.errors import InvalidTokenError
from flask import g
from flask import request as flask_request
from sqlalchemy import bindparam, select

from fake_tiktok_app.domain.login_kit import redirect_uri_matches
from fake_tiktok_app.oauth.endpoints import register_endpoints
from fake_tiktok_app.oauth.grants import (
    AuthorizationCodeGrant,
    ClientCredentialsGrant,
    RefreshTokenGrant,
    TikTokCodeChallenge,
)
from fake_tiktok_app.oauth.tokens import CLIENT_KEY_POST, TOKEN_AUTH_METHODS, BearerToken
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import OAuthClient, Token
from sandbox.kernel.events import append_event
from sandbox.kernel.runtime import Runtime

GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials",
               "urn:ietf:params:oauth:grant-type:device_code")


# Prebuilt: the token endpoint's hottest query skips per-call statement construction.
_CLIENT_BY_KEY = select(OAuthClient).where(OAuthClient.client_key == bindparam("key"))


class TikTokPayload(FlaskOAuth2Payload):
    """TikTok's `client_key` is RFC 6749's `client_id`; TikTok's comma scopes become spaces."""

    @property
    def client_id(self) -> str | None:
        return self.data.get("client_id") or self.data.get("client_key")

    @property
    def scope(self) -> str | None:
        scope = self.data.get("scope")
        return scope.replace(",", " ") if scope else scope

class Client(ClientMixin):
    """authlib's view of an OAuthClient row."""

    def __init__(self, row: OAuthClient) -> None:
        self.row = row

    def get_client_id(self) -> str:
        return self.row.client_key

    def get_default_redirect_uri(self) -> str:
        return self.row.redirect_uris[0]

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """The requested scopes, comma-joined; None (invalid_scope) if any is not allowed."""
        allowed = set(self.row.scopes.split(","))
        wanted = [s for s in (scope or "").replace(" ", ",").split(",") if s]
        if not wanted or any(s not in allowed for s in wanted):
            return None
        return ",".join(dict.fromkeys(wanted))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return any(redirect_uri_matches(r, redirect_uri) for r in self.row.redirect_uris)

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(self.row.client_secret, client_secret or "")

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in TOKEN_AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in GRANT_TYPES


def authenticate_client_key_post(query_client: Any, request: Any) -> Client | None:
    data = request.form
    key = data.get("client_key") or data.get("client_id")
    secret = data.get("client_secret")
    if not key:
        return None  # let client_secret_basic have a go
    if not secret:
        raise InvalidClientError(description="Client secret is missed in request.")
    client = query_client(key)
    if client is None:
        raise InvalidClientError(description="Client key is invalid.", status_code=401)
    return client if client.check_client_secret(secret) else None


class SandboxAuthorizationServer(AuthorizationServer):
    """One per fake-app instance; every callback reads the request's DB session `g.db`."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__()
        self.runtime = runtime

    def now(self, world_id: str) -> datetime:
        return self.runtime.now(g.db, world_id)

    @staticmethod
    def tiktok_face() -> bool:
        """True on TikTok's /v2/ paths; False on the standard RFC face under /oauth/."""
        return not flask_request.path.startswith("/oauth/")

    def create_oauth2_request(self, request: Any) -> FlaskOAuth2Request:
        oauth_request = super().create_oauth2_request(request)
        oauth_request.payload = TikTokPayload(flask_request)
        return oauth_request

    def query_client(self, client_id: str) -> Client | None:
        row = g.db.scalars(_CLIENT_BY_KEY, {"key": client_id}).first() if client_id else None
        if row is not None:
            g.world_id = row.world_id
        return Client(row) if row is not None else None

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        client: Client = request.client
        user = getattr(request, "user", None)
        if user is None:
            g.nothing_to_commit = True
            # `clt.` client tokens open nothing the sandbox serves (TikTok uses them for the
            # Research and Commercial Content APIs), so they are not stored: issuing one
            # changes no world state (docs/issue5.md lists the difference).
            return
        world_id = client.row.world_id
        now = self.now(world_id)
        code = getattr(request, "authorization_code", None)
        row = Token(
            world_id=world_id, client_key=client.get_client_id(),
            open_id=user.open_id if user is not None else None,
            access_token=token["access_token"], refresh_token=token.get("refresh_token"),
            scope=token.get("scope", "").replace(" ", ","), issued_at=now,
            expires_at=now + timedelta(seconds=token["expires_in"]),
            refresh_expires_at=(now + timedelta(seconds=token["refresh_expires_in"])
                                if "refresh_expires_in" in token else None),
            from_code=code.row.code if code is not None else None)
        g.db.add(row)
        append_event(g.db, world_id, now, "oauth.token_issued", client.get_client_id(),
                     {"open_id": row.open_id, "grant_type": request.payload.grant_type,
                      "scope": row.scope})

    def generate_tiktok_token(self, grant_type: str, client: Client, user: Account | None = None,
                              scope: str | None = None, expires_in: int | None = None,
                              include_refresh_token: bool = True) -> dict[str, Any]:
        """TikTok's flat token JSON: act./rft./clt. prefixes, open_id, refresh_expires_in."""
        s = self.runtime.settings
        if grant_type == "client_credentials":
            return {"access_token": "clt." + secrets.token_urlsafe(36),
                    "expires_in": s.client_token_ttl_seconds, "token_type": "Bearer"}
        access_ttl, refresh_ttl = s.login_kit_lifetimes()
        scope = (scope or "").replace(" ", ",")
        token: dict[str, Any] = {
            "access_token": "act." + secrets.token_urlsafe(36),
            "expires_in": access_ttl,
            "open_id": user.open_id if user is not None else "",
            "scope": scope if self.tiktok_face() else scope.replace(",", " "),
            "token_type": "Bearer"}
        if include_refresh_token:
            token["refresh_token"] = "rft." + secrets.token_urlsafe(36)
            token["refresh_expires_in"] = refresh_ttl
        return token


class WorldBearerTokenValidator(BearerTokenValidator):
    def __init__(self, server: SandboxAuthorizationServer) -> None:
        super().__init__()
        self.server = server

    def authenticate_token(self, token_string: str) -> BearerToken | None:
        row = g.db.scalars(select(Token).where(Token.access_token == token_string)).first()
        if row is None:
            return None
        g.world_id = row.world_id
        return BearerToken(row, self.server.now(row.world_id))

    def validate_token(self, token: BearerToken | None, scopes: Any, request: Any) -> None:
        if token is None or token.is_expired() or token.is_revoked():
            raise InvalidTokenError(realm=self.realm, extra_attributes=self.extra_attributes)


def build_oauth(app: Any, runtime: Runtime) -> tuple[SandboxAuthorizationServer,
                                                       ResourceProtector]:
    server = SandboxAuthorizationServer(runtime)
    server.init_app(app)
    server.register_token_generator("default", server.generate_tiktok_token)
    server.register_client_auth_method(CLIENT_KEY_POST, authenticate_client_key_post)
    server.register_grant(AuthorizationCodeGrant, [TikTokCodeChallenge(required=False)])
    server.register_grant(RefreshTokenGrant)
    server.register_grant(ClientCredentialsGrant)
    register_endpoints(server)
    protector = ResourceProtector()
    protector.register_token_validator(WorldBearerTokenValidator(server))
    return server, protector
