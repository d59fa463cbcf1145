"""Login Kit's pure partner rules: desktop redirect URIs and the `authorization.removed` webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import quote, urlsplit

LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
# RFC 6749 §5.2: the characters an error_description may hold.
_DESCRIBABLE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\')


def describable(value: str | None) -> str | None:
    """`value` unchanged if an error description may quote it, else percent-encoded.

    >>> describable("code"), describable("\u00e9")
    ('code', '%C3%A9')
    """
    if value is None or all(ch in _DESCRIBABLE for ch in value):
        return value
    return quote(value, safe=_DESCRIBABLE)


def redirect_uri_matches(registered: str, given: str) -> bool:
    """Exact match, or a desktop URI `http://127.0.0.1:*/path` matching any port on loopback.
    A wildcard URI is a pattern, never a target itself; the port is plain digits and no
    userinfo may precede the host.

    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://127.0.0.1:53682/cb/")
    True
    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://evil.test:53682/cb/")
    False
    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://127.0.0.1:*/cb/")
    False
    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://u:p@127.0.0.1:5555/cb/")
    False
    >>> redirect_uri_matches("http://127.0.0.1:*/cb/", "http://127.0.0.1:05555/cb/")
    False
    """
    if not isinstance(given, str) or not given:
        return False
    if ":*/" not in registered and not registered.endswith(":*"):
        return registered == given
    reg = urlsplit(registered.replace(":*", ":1", 1))
    try:
        got = urlsplit(given)
        port = got.port
    except ValueError:
        return False
    return (reg.scheme == got.scheme and reg.hostname in LOOPBACK_HOSTS
            and got.hostname == reg.hostname and port is not None and 0 < port < 65536
            and got.netloc == f"{reg.hostname}:{port}"
            and (reg.path or "/") == (got.path or "/") and not got.query and not got.fragment
            and reg.query == got.query)


AUTHORIZATION_REMOVED = "authorization.removed"
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
    body: dict[str, Any] = {"client_key": client_key, "event": AUTHORIZATION_REMOVED,
                            "create_time": create_time, "user_openid": open_id,
                            "content": json.dumps({"reason": reason})}
    return json.dumps(body, separators=(",", ":")).encode()
