"""TikTok for Developers webhooks, pure: the `authorization.removed` body and TikTok-Signature."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

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
