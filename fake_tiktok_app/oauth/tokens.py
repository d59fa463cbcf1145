"""authlib's view of the fake app's tokens and the client authentication methods every endpoint
accepts; the grants, endpoints and server all build on it, so it depends on none of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fake_tiktok_app.store.oauth import Token

# TikTok's own `client_key` + `client_secret` form fields, beside the RFC 6749 methods.
CLIENT_KEY_POST = "client_key_post"
TOKEN_AUTH_METHODS = [CLIENT_KEY_POST, "client_secret_post", "client_secret_basic"]


class BearerToken:
    """authlib's view of a Token row; expiry is judged against the token's world clock.
    `scope` overrides the row's (a refresh token carries its whole grant's scope)."""

    def __init__(self, row: Token, now: datetime, scope: str | None = None) -> None:
        self.row, self.now, self.scope = row, now, scope

    def check_client(self, client: Any) -> bool:
        return client.get_client_id() == self.row.client_key

    def get_scope(self) -> str:
        """Space-separated, as authlib compares scopes (stored comma-joined, TikTok's way)."""
        return (self.scope if self.scope is not None else self.row.scope).replace(",", " ")

    def get_expires_in(self) -> int:
        return int((self.row.expires_at - self.row.issued_at).total_seconds())

    def is_expired(self) -> bool:
        return self.now >= self.row.expires_at

    def is_revoked(self) -> bool:
        return self.row.revoked_at is not None
