"""authlib's authorization server wired to the fake app's store and each world's clock."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import InvalidClientError
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc6750.errors import InvalidTokenError
from flask import g
from sqlalchemy import select, update

from sandbox.kernel.events import append_event
from sandbox.kernel.runtime import Runtime

from ..store import Account, AuthorizationCode, OAuthClient, Token

# TikTok sends `client_key` where RFC 6749 says `client_id`; accept both spellings.
CLIENT_KEY_POST = "client_key_post"
TOKEN_AUTH_METHODS = [CLIENT_KEY_POST, "client_secret_post", "client_secret_basic"]


class Client(ClientMixin):
    """authlib's view of an OAuthClient row."""

    def __init__(self, row: OAuthClient) -> None:
        self.row = row

    def get_client_id(self) -> str:
        return self.row.client_key

    def get_default_redirect_uri(self) -> str:
        return self.row.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        allowed = set(self.row.scopes.split(","))
        return ",".join(s for s in scope.replace(" ", ",").split(",") if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(self.row.client_secret, client_secret or "")

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in TOKEN_AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token", "client_credentials")


class Code:
    """authlib's view of an AuthorizationCode row."""

    def __init__(self, row: AuthorizationCode) -> None:
        self.row = row

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope


class BearerToken:
    """authlib's view of a Token row; expiry is judged against the token's world clock."""

    def __init__(self, row: Token, now: datetime) -> None:
        self.row, self.now = row, now

    def check_client(self, client: Client) -> bool:
        return client.get_client_id() == self.row.client_key

    def get_scope(self) -> str:
        return self.row.scope

    def get_expires_in(self) -> int:
        return int((self.row.expires_at - self.row.issued_at).total_seconds())

    def is_expired(self) -> bool:
        return self.now >= self.row.expires_at

    def is_revoked(self) -> bool:
        return self.row.revoked_at is not None


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


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        server: SandboxAuthorizationServer = self.server
        row = g.db.get(AuthorizationCode, code)
        if row is None or row.client_key != client.get_client_id():
            return None
        now = server.now(row.world_id)
        if row.used_at is not None:
            # A replayed code: refuse it and revoke what it issued (RFC 6749 §4.1.2).
            g.db.execute(update(Token).where(Token.from_code == code, Token.revoked_at.is_(None))
                         .values(revoked_at=now))
            append_event(g.db, row.world_id, now, "oauth.code_replayed", client.get_client_id(),
                         {"open_id": row.open_id})
            g.db.commit()
            return None
        if now >= row.expires_at:
            return None
        return Code(row)

    def delete_authorization_code(self, authorization_code: Code) -> None:
        row = authorization_code.row
        row.used_at = self.server.now(row.world_id)

    def authenticate_user(self, authorization_code: Code) -> Account | None:
        return g.db.get(Account, authorization_code.row.open_id)


class SandboxAuthorizationServer(AuthorizationServer):
    """One per fake-app instance; every callback reads the request's DB session `g.db`."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__()
        self.runtime = runtime

    def now(self, world_id: str) -> datetime:
        return self.runtime.now(g.db, world_id)

    def query_client(self, client_id: str) -> Client | None:
        row = g.db.get(OAuthClient, client_id) if client_id else None
        if row is not None:
            g.world_id = row.world_id
        return Client(row) if row is not None else None

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        client: Client = request.client
        world_id = client.row.world_id
        now = self.now(world_id)
        user = getattr(request, "user", None)
        code = getattr(request, "authorization_code", None)
        row = Token(
            world_id=world_id, client_key=client.get_client_id(),
            open_id=user.open_id if user is not None else None,
            access_token=token["access_token"], refresh_token=token.get("refresh_token"),
            scope=token.get("scope", ""), issued_at=now,
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
        token: dict[str, Any] = {
            "access_token": "act." + secrets.token_urlsafe(36),
            "expires_in": s.access_token_ttl_seconds,
            "open_id": user.open_id if user is not None else "",
            "scope": scope or "", "token_type": "Bearer"}
        if include_refresh_token:
            token["refresh_token"] = "rft." + secrets.token_urlsafe(36)
            token["refresh_expires_in"] = s.refresh_token_ttl_seconds
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
    server.register_grant(AuthorizationCodeGrant)
    protector = ResourceProtector()
    protector.register_token_validator(WorldBearerTokenValidator(server))
    return server, protector
