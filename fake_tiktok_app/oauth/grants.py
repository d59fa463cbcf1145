"""authlib grants of the fake app: code (with both PKCE encodings), refresh with rotation, client token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import AccessDeniedError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7636.challenge import compare_plain_code_challenge
from flask import g

from fake_tiktok_app.oauth.tokens import TOKEN_AUTH_METHODS, BearerToken
from fake_tiktok_app.services import oauth_records
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import AuthorizationCode, Token
from sandbox.kernel.events import append_event
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.kernel.world_facts import hold

# TikTok sends `client_key` where RFC 6749 says `client_id`; accept both spellings.


def compare_s256_any_encoding(code_verifier: str, code_challenge: str) -> bool:
    """S256 in either encoding: TikTok desktop's lowercase hex, or RFC 7636 base64url."""
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    b64 = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return (hmac.compare_digest(digest.hex(), code_challenge.lower())
            or hmac.compare_digest(b64, code_challenge))


class TikTokCodeChallenge(CodeChallenge):
    """PKCE as authlib does it, with S256 accepting TikTok's hex encoding (protocols.md §1.1)."""

    DEFAULT_CODE_CHALLENGE_METHOD = "plain"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["plain", "S256"]
    CODE_CHALLENGE_METHODS = {"plain": compare_plain_code_challenge,
                              "S256": compare_s256_any_encoding}

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        """authlib's check, except that a verifier for a code whose authorization sent no
        challenge is ignored unless the world's `pkce_strict` says to refuse it (RFC 9700 §4.8):
        TikTok requires PKCE of mobile and desktop apps only (protocols.md §1.2)."""
        row = grant.request.authorization_code.row
        if not row.code_challenge and not settings_for(g.db, row.world_id).pkce_strict:
            return
        super().validate_code_verifier(grant, result)

    def get_authorization_code_challenge(self, authorization_code: Any) -> str | None:
        return authorization_code.row.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: Any) -> str | None:
        return authorization_code.row.code_challenge_method


class Code:
    """authlib's view of an AuthorizationCode row."""

    def __init__(self, row: AuthorizationCode) -> None:
        self.row = row

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def save_authorization_code(self, code: str, request: Any) -> None:
        client = request.client
        world_id = client.row.world_id
        now = self.server.now(world_id)
        data = request.payload.data
        row = AuthorizationCode(
            world_id=world_id, code=code, client_key=client.get_client_id(),
            open_id=request.user.open_id, redirect_uri=request.payload.redirect_uri or "",
            scope=request.scope or "", code_challenge=text_field(data, "code_challenge"),
            code_challenge_method=text_field(data, "code_challenge_method") if text_field(
                data, "code_challenge") else None,
            created_at=now, expires_at=now + timedelta(
                seconds=settings_for(g.db, world_id).auth_code_ttl_seconds))
        g.db.add(row)
        append_event(g.db, world_id, now, "oauth.code_issued", client.get_client_id(),
                     {"open_id": request.user.open_id, "scope": row.scope})

    def generate_authorization_code(self) -> str:
        return secrets.token_urlsafe(48)

    def create_authorization_response(self, redirect_uri: str, grant_user: Any) -> Any:
        """As authlib's, plus TikTok's `scopes` (the granted list, comma-separated)."""
        if not grant_user:
            raise AccessDeniedError(redirect_uri=redirect_uri)
        self.request.user = grant_user
        code = self.generate_authorization_code()
        self.save_authorization_code(code, self.request)
        params = [("code", code)]
        if self.server.tiktok_face():
            params.append(("scopes", self.request.scope or ""))
        if self.request.payload.state:
            params.append(("state", self.request.payload.state))
        return 302, "", [("Location", add_params_to_uri(redirect_uri, params))]

    def query_authorization_code(self, code: str, client: Any) -> Code | None:
        # The code with its account in one statement (held: authenticate_user reads no more).
        found = oauth_records.code_with_account(g.db, code) if code else None
        row = found[0] if found is not None else None
        if found is not None:
            hold(g.db, "auth_code", code, tuple(found))
        if row is None or row.client_key != client.get_client_id():
            return None
        now = self.server.now(row.world_id)
        if row.used_at is not None:
            # A replayed code: refuse it and revoke what it issued (RFC 6749 §4.1.2).
            oauth_records.revoke_tokens_of_code(g.db, code, now)
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


class RefreshTokenGrant(grants.RefreshTokenGrant):
    """Rotation: the refresh token just used stops working; the window is fixed at first issue.
    A `scope` may narrow the grant, never widen it (RFC 6749 §6). A replayed rotated-out refresh
    token is refused and the newest tokens live on, as TikTok documents; the world setting
    `refresh_reuse_revokes_family` also revokes its whole family (RFC 9700 §4.14.2)."""

    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> Any:
        row = oauth_records.token_by_refresh(g.db, refresh_token)
        if row is None or row.revoked_at is not None:
            return None
        if row.client_key != self.request.client.get_client_id():
            return None
        now = self.server.now(row.world_id)
        if row.refresh_revoked:
            if settings_for(g.db, row.world_id).refresh_reuse_revokes_family:
                revoke_family(row, now, "oauth.refresh_reused")
            return None
        if row.refresh_expires_at is None or now >= row.refresh_expires_at:
            return None
        return BearerToken(row, now, scope=grant_scope(row))

    def authenticate_user(self, refresh_token: Any) -> Account | None:
        return g.db.get(Account, refresh_token.row.open_id) if refresh_token.row.open_id else None

    def issue_token(self, user: Any, refresh_token: Any) -> dict[str, Any]:
        token = super().issue_token(user, refresh_token)
        remaining = refresh_token.row.refresh_expires_at - refresh_token.now
        token["refresh_expires_in"] = max(0, int(remaining.total_seconds()))
        return token

    def revoke_old_credential(self, refresh_token: Any) -> None:
        refresh_token.row.refresh_revoked = True


def grant_scope(row: Token) -> str:
    """What the person granted: the family's code's scope (a refresh may have narrowed the row)."""
    code = g.db.get(AuthorizationCode, row.from_code) if row.from_code else None
    return code.scope if code is not None else row.scope


def revoke_family(row: Token, now: Any, event: str) -> None:
    """Revoke every access and refresh token descended from `row`'s grant, and commit (the
    request itself fails)."""
    oauth_records.revoke_grant(g.db, row, now)
    append_event(g.db, row.world_id, now, event, row.client_key, {"open_id": row.open_id})
    g.db.commit()


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    """`clt.` client tokens (Research / Commercial Content API style)."""

    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS
