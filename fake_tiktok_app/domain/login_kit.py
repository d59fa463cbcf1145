"""Login Kit's pure partner rules: desktop redirect URIs and the `authorization.removed` webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import urlsplit

LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def redirect_uri_matches(registered: str, given: str) -> bool:
    """Exact match, or a desktop URI `http://127.0.0.1:*/path` matching any port on loopback.

    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://127.0.0.1:53682/cb/")
    True
    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://evil.test:53682/cb/")
    False
    """
    if not isinstance(given, str) or not given:
        return False
    if registered == given:
        return True
    if ":*/" not in registered and not registered.endswith(":*"):
        return False
    reg = urlsplit(registered.replace(":*", ":1", 1))
    try:
        got = urlsplit(given)
        port = got.port
    except ValueError:
        return False
    return (reg.scheme == got.scheme and reg.hostname in LOOPBACK_HOSTS
            and got.hostname == reg.hostname and port is not None and 0 < port < 65536
            and (reg.path or "/") == (got.path or "/") and not got.query and not got.fragment
            and reg.query == got.query)


# authorization.removed reasons (webhooks-events doc).
REASON_UNKNOWN, REASON_USER_DISCONNECTED, REASON_ACCOUNT_DELETED = 0, 1, 2
REASON_AGE_CHANGED, REASON_ACCOUNT_BANNED, REASON_DEVELOPER_REVOKED = 3, 4, 5


def signature_header(client_secret: str, timestamp: int, body: bytes) -> str:
    """`TikTok-Signature: t=<ts>,s=<hex HMAC_SHA256(client_secret, "<ts>." + body)>`."""
    mac = hmac.new(client_secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},s={mac.hexdigest()}"


def authorization_removed(client_key: str, open_id: str, create_time: int,
                          reason: int) -> bytes:
    """The documented body; `content` is a JSON *string*."""
    body: dict[str, Any] = {"client_key": client_key, "event": "authorization.removed",
                            "create_time": create_time, "user_openid": open_id,
                            "content": json.dumps({"reason": reason})}
    return json.dumps(body, separators=(",", ":")).encode()
