"""The documented TikTok errors each face can be made to answer (protocols.md §1.3, §1.4, §3.4).

A fault's `{tiktok_error: CODE}` names one of these; the face's own error renderer writes it, so
the faulted answer has exactly the wire shape (envelope, HTTP status, log id) a real one has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.kernel.errors import BadRequest, SandboxError

OPEN_API, LOGIN_KIT, TIKTOK_API = "open_api", "login_kit", "tiktok_api"
# The faces of a request, as the request log and fault matches name them.
FACES = (OPEN_API, LOGIN_KIT, TIKTOK_API, "oauth", "actor", "control", "pages")
FAULTABLE = tuple(f for f in FACES if f != "control")  # the control plane is never faulted


class ShopCodeError(SandboxError):
    """A TikTok Shop refusal with its numeric code, as the Shop face's envelope renders it
    (the domain's OpenApiError is the same thing for refusals the sandbox makes itself)."""

    def __init__(self, api_code: int, message: str, status: int = 200) -> None:
        super().__init__(message, code=f"TTS_{api_code}", status=status)
        self.api_code = api_code


@dataclass(frozen=True)
class Preset:
    face: str
    code: str  # Shop codes as digits ("105002"), TikTok's words otherwise
    status: int
    message: str

    def error(self) -> SandboxError:
        """The refusal the face's renderer turns into its wire shape."""
        if self.face == OPEN_API:
            return ShopCodeError(int(self.code), self.message, self.status)
        return SandboxError(self.message, code=self.code, status=self.status)

    def view(self) -> dict[str, Any]:
        code: Any = int(self.code) if self.face == OPEN_API else self.code
        return {"face": self.face, "tiktok_error": code, "status": self.status,
                "message": self.message}


_SHOP = [  # TikTok Shop Open API, common-errors.md; statuses as the gateway answers them
    ("105002", 401, "Expired credentials. The `x-tts-access-token` header has expired."),
    ("105001", 401, "access token is invalid; detail:your token has been deauthorized"),
    ("106001", 401, "Invalid credentials. The `sign` query parameter is invalid."),
    ("36009004", 401, "Invalid credentials. The `x-tts-access-token` header is invalid."),
    ("36004004", 200, "Invalid auth code."),
    ("36004005", 200, "can not find related auth record"),
    ("36004001", 200, "rt has expired"),
    ("105005", 403, "Access denied. The app is not authorized to access the endpoint because "
                    "the access scopes of the app do not include this scope."),
    ("106013", 400, "Missing identifier. The `shop_cipher` query parameter is required to "
                    "identify the target shop."),
    ("36009002", 429, "Too many requests. You've made too many requests in a short period of "
                      "time."),
    ("36009003", 500, "Internal error. Please try again."),
    ("36009007", 504, "Request timeout. The request to the endpoint timed out."),
    ("36009033", 403, "Access denied. Your IP address is not in the IP allow list configured "
                      "for this app."),
]
_LOGIN_KIT = [  # OAuth error handling: {error, error_description, log_id}
    ("invalid_request", 400, "The request parameters are malformed."),
    ("invalid_client", 401, "Client authentication failed: check client_key and client_secret."),
    ("invalid_grant", 400, "The authorization code or refresh token is invalid or expired."),
    ("invalid_scope", 400, "The requested scope is invalid, unknown, or malformed."),
    ("access_denied", 403, "The user or the server denied the request."),
    ("unauthorized_client", 401, "The client is not authorized to use this grant type."),
    ("unsupported_grant_type", 400, "The grant_type is not supported."),
    ("server_error", 500, "The server encountered an unexpected condition."),
    ("temporarily_unavailable", 503, "The server is temporarily unable to handle the request."),
]
_TIKTOK_API = [  # TikTok API v2 error handling: {data: {}, error: {code, message, log_id}}
    ("access_token_invalid", 401, "Access token is invalid, please refresh token and retry"),
    ("scope_not_authorized", 401, "The user did not authorize the scope required for "
                                  "completing this request."),
    ("scope_permission_missed", 400, "The client does not have the permission for this scope."),
    ("rate_limit_exceeded", 429, "API rate limit exceeded, please retry later."),
    ("invalid_params", 400, "The request parameters are invalid."),
    ("internal_error", 500, "There was an error on TikTok's side, please retry."),
]

PRESETS: tuple[Preset, ...] = tuple(
    Preset(face, code, status, message)
    for face, table in ((OPEN_API, _SHOP), (LOGIN_KIT, _LOGIN_KIT), (TIKTOK_API, _TIKTOK_API))
    for code, status, message in table)


def find_preset(code: Any, face: str | None) -> Preset:
    """The preset `code` names, on `face` or (when none is given) the one face that has it."""
    wanted = str(code)
    found = [p for p in PRESETS if p.code == wanted and face in (None, p.face)]
    if len(found) == 1:
        return found[0]
    known = sorted({p.code for p in PRESETS if face in (None, p.face)})
    where = f"face {face!r}" if face else "any face"
    raise BadRequest(f"No documented TikTok error {code!r} on {where}; known: "
                     f"{', '.join(known)} (GET /_sandbox/v1/faults/presets).",
                     code="UNKNOWN_TIKTOK_ERROR", details={"field": "effect.tiktok_error"})
