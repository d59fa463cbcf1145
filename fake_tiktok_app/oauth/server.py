"""authlib's authorization server wired to the fake app's store and each world's clock."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Payload, FlaskOAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc6750.errors import InvalidTokenError
from flask import g
from flask import request as flask_request

from fake_tiktok_app.domain.login_kit import describable, redirect_uri_matches
from fake_tiktok_app.oauth.client_auth import authenticate_client, secret_matches
from fake_tiktok_app.oauth.endpoints import register_endpoints
from fake_tiktok_app.oauth.grants import (
    AuthorizationCodeGrant,
    ClientCredentialsGrant,
    RefreshTokenGrant,
    TikTokCodeChallenge,
)
from fake_tiktok_app.oauth.tokens import TOKEN_AUTH_METHODS, BearerToken
from fake_tiktok_app.services import clients
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import OAuthClient, Token
from sandbox.kernel.events import append_event
from sandbox.kernel.fields import text_field
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.world_config import settings_for

GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials",
               "urn:ietf:params:oauth:grant-type:device_code")


class TikTokPayload(FlaskOAuth2Payload):
    """TikTok's `client_key` is RFC 6749's `client_id`; TikTok's comma scopes become spaces.
    authlib quotes response_type and redirect_uri in error descriptions, which must be ASCII
    (RFC 6749 §5.2), so those two arrive percent-encoded when they hold anything else."""

    @property
    def client_id(self) -> str | None:
        return text_field(self.data, "client_id") or text_field(self.data, "client_key")

    @property
    def scope(self) -> str | None:
        scope = text_field(self.data, "scope")
        return scope.replace(",", " ") if scope else scope

    @property
    def response_type(self) -> str | None:
        return describable(super().response_type)

    @property
    def redirect_uri(self) -> str | None:
        return describable(text_field(self.data, "redirect_uri"))


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
        return secret_matches(self.row.client_secret, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in TOKEN_AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in GRANT_TYPES


def _family(request: Any) -> str | None:
    """The code a token's grant began with: refreshes and device polls inherit it, so a
    replayed code or refresh token can revoke the whole family."""
    if request.authorization_code is not None:
        return request.authorization_code.row.code
    if request.refresh_token is not None:
        return request.refresh_token.row.from_code
    credential = request.credential
    return getattr(getattr(credential, "ticket", None), "code", None)


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

    def authenticate_client(self, request: Any, methods: list[str],
                            endpoint: str = "token") -> Client:
        return authenticate_client(self.query_client, request, methods, endpoint)

    def create_oauth2_request(self, request: Any) -> FlaskOAuth2Request:
        oauth_request = super().create_oauth2_request(request)
        oauth_request.payload = TikTokPayload(flask_request)
        return oauth_request

    def query_client(self, client_id: str) -> Client | None:
        row = clients.client_with_world(g.db, client_id) if client_id else None
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
        row = Token(
            world_id=world_id, client_key=client.get_client_id(),
            open_id=user.open_id if user is not None else None,
            access_token=token["access_token"], refresh_token=token.get("refresh_token"),
            scope=token.get("scope", "").replace(" ", ","), issued_at=now,
            expires_at=now + timedelta(seconds=token["expires_in"]),
            refresh_expires_at=(now + timedelta(seconds=token["refresh_expires_in"])
                                if "refresh_expires_in" in token else None),
            from_code=_family(request))
        g.db.add(row)
        append_event(g.db, world_id, now, "oauth.token_issued", client.get_client_id(),
                     {"open_id": row.open_id, "grant_type": request.payload.grant_type,
                      "scope": row.scope})

    def generate_tiktok_token(self, grant_type: str, client: Client, user: Account | None = None,
                              scope: str | None = None, expires_in: int | None = None,
                              include_refresh_token: bool = True) -> dict[str, Any]:
        """TikTok's flat token JSON: act./rft./clt. prefixes, open_id, refresh_expires_in."""
        s = settings_for(g.db, client.row.world_id)
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
        found = clients.token_with_account(g.db, token_string) if token_string else None
        if found is None:
            return None
        row = found[0]
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
    server.register_grant(AuthorizationCodeGrant, [TikTokCodeChallenge(required=False)])
    server.register_grant(RefreshTokenGrant)
    server.register_grant(ClientCredentialsGrant)
    register_endpoints(server)
    protector = ResourceProtector()
    protector.register_token_validator(WorldBearerTokenValidator(server))
    return server, protector
