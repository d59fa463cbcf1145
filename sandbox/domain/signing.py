"""TikTok's request and webhook signatures, pure: the Open API sign and both webhook schemes."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime

from sandbox.kernel.errors import SandboxError

# Every Open API timestamp must fall in [now - 5 min, now + 30 s] (common-parameters.md).
TIMESTAMP_PAST_S = 300
TIMESTAMP_FUTURE_S = 30
EXCLUDED_PARAMS = ("sign", "access_token")
BAD_SIGN = 106001  # "Invalid credentials. The `sign` query parameter is invalid."


class OpenApiError(SandboxError):
    """A refusal in TikTok Shop's envelope: numeric `api_code`, verbatim message, HTTP status."""

    def __init__(self, api_code: int, message: str, status: int = 200) -> None:
        super().__init__(message, code=f"TTS_{api_code}", status=status)
        self.api_code = api_code


def sign_base(path: str, params: Mapping[str, str], body: bytes = b"",
              content_type: str = "", *, excluded: tuple[str, ...] = EXCLUDED_PARAMS,
              sort: bool = True, with_body: bool | None = None) -> bytes:
    """path + sorted key+value (sign/access_token excluded) + raw body unless multipart (the
    keywords make the mistakes the sign explainer tries)."""
    names = sorted(params) if sort else list(params)
    base = (path + "".join(f"{k}{params[k]}" for k in names if k not in excluded)).encode()
    if with_body is None:
        with_body = not content_type.lower().startswith("multipart/form-data")
    return base + body if body and with_body else base


def wrapped_sign(app_secret: str, base: bytes) -> str:
    """lowercase hex HMAC-SHA256(key=secret, msg=secret + base + secret) (sign-your-api-request)."""
    key = app_secret.encode()
    return hmac.new(key, key + base + key, hashlib.sha256).hexdigest()


def sign(app_secret: str, path: str, params: Mapping[str, str], body: bytes = b"",
         content_type: str = "") -> str:
    """The `sign` of a request: wrapped_sign of its sign_base."""
    return wrapped_sign(app_secret, sign_base(path, params, body, content_type))


def check_sign(app_secret: str, given: str | None, path: str, params: Mapping[str, str],
               body: bytes = b"", content_type: str = "") -> None:
    if not given:
        raise OpenApiError(36009004, "Missing credentials. The request does not include a "
                                     "required signature in the query.", 401)
    expected = sign(app_secret, path, params, body, content_type)
    if not hmac.compare_digest(expected, given.lower()):
        raise OpenApiError(BAD_SIGN, "Invalid credentials. The `sign` query parameter is invalid.",
                           401)


def timestamp_clocks(mode: str, wall: datetime, world: datetime) -> dict[str, datetime]:
    """The clocks a client-supplied time is checked against (world setting signature_clock)."""
    if mode == "world":
        return {"world": world}
    if mode == "either":
        return {"wall": wall, "world": world}
    return {"wall": wall}


def check_timestamp(raw: str | None, clocks: Mapping[str, datetime]) -> int:
    """The request's Unix `timestamp`, refused unless within [now - 300 s, now + 30 s] of one of
    `clocks` (by name: "wall", "world"); the refusal says which clocks it read and what."""
    try:
        ts = int(raw or "")
    except ValueError:
        raise OpenApiError(36009004, "Invalid timestamp. The `timestamp` query parameter must "
                                     "be a Unix time in seconds.", 401) from None
    if ts < 0:
        raise OpenApiError(36009004, "Invalid timestamp. The value of the `timestamp` query "
                                     "parameter must not be lesser than 0.", 401)
    late = True
    for now in clocks.values():
        current = int(now.timestamp())
        if current - TIMESTAMP_PAST_S <= ts <= current + TIMESTAMP_FUTURE_S:
            return ts
        late = late and ts < current - TIMESTAMP_PAST_S
    read = " and ".join(f"the {name} clock read {int(now.timestamp())} "
                        f"({now.strftime('%Y-%m-%dT%H:%M:%SZ')})" for name, now in clocks.items())
    said = (f" (sandbox: timestamp {ts} checked against {read}; the world setting "
            "signature_clock chooses wall, world or either)")
    if late:
        raise OpenApiError(36009004, "Invalid timestamp. The `timestamp` query parameter must "
                                     "not be earlier than 5 minutes before the current time."
                           + said, 401)
    raise OpenApiError(36009004, "Invalid timestamp. The `timestamp` query parameter must "
                                 "not exceed the current time by more than 30 seconds." + said,
                       401)


def shop_webhook_signature(app_key: str, app_secret: str, body: bytes) -> str:
    """TikTok Shop webhooks: `Authorization: hex(HMAC_SHA256(app_secret, app_key + body))`."""
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()
