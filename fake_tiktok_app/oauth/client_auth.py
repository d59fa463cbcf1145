"""Client authentication for every endpoint: TikTok's form fields or HTTP Basic, one secret check."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from authlib.oauth2.rfc6749.errors import InvalidClientError

from fake_tiktok_app.oauth.tokens import CLIENT_KEY_POST
from sandbox.kernel.fields import text_field

# What TikTok answers for a wrong key/secret pair; never authlib's internal method names.
INVALID_CLIENT = "Client key or secret is invalid."


def secret_matches(stored: str, given: str | None) -> bool:
    """Constant-time comparison of the UTF-8 bytes (a str compare refuses non-ASCII)."""
    return hmac.compare_digest(stored.encode("utf-8", "surrogatepass"),
                               (given or "").encode("utf-8", "surrogatepass"))


def _body_key(request: Any) -> str | None:
    form = request.form
    return text_field(form, "client_key") or text_field(form, "client_id")


def basic_credentials(headers: Any) -> tuple[str, str] | None:
    """RFC 6749 §2.3.1 `Authorization: Basic`; None when absent or not decodable."""
    scheme, _, token = (headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        text = base64.b64decode(token.strip()).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    key, sep, secret = text.partition(":")
    return (unquote(key), unquote(secret)) if sep and key else None


def authenticate_form(query_client: Any, request: Any) -> Any | None:
    """TikTok's `client_key` (or RFC `client_id`) + `client_secret` form fields."""
    key, secret = _body_key(request), text_field(request.form, "client_secret")
    if not key:
        return None  # let client_secret_basic have a go
    if not secret:
        if basic_credentials(request.headers) is not None:
            return None  # HTTP Basic carries the secret; the body only names the client
        raise InvalidClientError(description="Client secret is missed in request.")
    client = query_client(key)
    if client is None:
        raise InvalidClientError(description="Client key is invalid.", status_code=401)
    return client if client.check_client_secret(secret) else None


def authenticate_basic(query_client: Any, request: Any) -> Any | None:
    """HTTP Basic; a client named in the body too must be the same client."""
    credentials = basic_credentials(request.headers)
    if credentials is None:
        return None
    key, secret = credentials
    named = _body_key(request)
    if named and named != key:
        raise InvalidClientError(description="The client named in the body is not the one in "
                                 "the Authorization header.", status_code=401)
    client = query_client(key)
    if client is None:
        raise InvalidClientError(description="Client key is invalid.", status_code=401)
    return client if client.check_client_secret(secret) else None


METHODS: dict[str, Callable[[Any, Any], Any | None]] = {
    CLIENT_KEY_POST: authenticate_form,
    "client_secret_post": authenticate_form,
    "client_secret_basic": authenticate_basic,
}


def authenticate_client(query_client: Any, request: Any, methods: list[str],
                        endpoint: str) -> Any:
    """The first method that recognises the client; invalid_client in TikTok's words if none."""
    for method in methods:
        client = METHODS[method](query_client, request)
        if client is not None and client.check_endpoint_auth_method(method, endpoint):
            request.auth_method = method
            return client
    status = 401 if "client_secret_basic" in methods else 400
    raise InvalidClientError(description=INVALID_CLIENT, status_code=status)
