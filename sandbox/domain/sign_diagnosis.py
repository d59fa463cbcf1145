"""Why a `sign` did not match: what the sandbox signed, and the caller's likely mistake."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

from sandbox.domain.signing import EXCLUDED_PARAMS, sign, sign_base, wrapped_sign

SECRET = "<app_secret>"
SHOWN_BODY_BYTES = 2048  # a refusal's details (kept in the request log) show no more of a body


def string_to_sign(path: str, params: Mapping[str, str], body: bytes = b"",
                   content_type: str = "", shown: int | None = None) -> str:
    """What is signed, secret hidden: `<app_secret>` + path + sorted key+value + body +
    `<app_secret>`; a body over `shown` bytes is cut, its length and SHA-256 said instead."""
    base = sign_base(path, params, body, content_type)
    if shown is not None and len(base) > len(sign_base(path, params)) + shown:
        cut = base[:len(sign_base(path, params)) + shown]
        digest = hashlib.sha256(body).hexdigest()
        return (SECRET + cut.decode("utf-8", errors="replace")
                + f"…<body of {len(body)} bytes, sha256 {digest}>" + SECRET)
    return SECRET + base.decode("utf-8", errors="replace") + SECRET


def diagnosis(secret: str, given: str, path: str, params: Mapping[str, str], body: bytes = b"",
              content_type: str = "", other_secrets: Mapping[str, str] | None = None,
              other_paths: Iterable[str] = ()) -> dict[str, str]:
    """The details of a refused sign: string_to_sign, expected_sign, given_sign and, when one
    re-computation matches `given`, likely_mistake."""
    found = {"string_to_sign": string_to_sign(path, params, body, content_type,
                                              SHOWN_BODY_BYTES),
             "expected_sign": sign(secret, path, params, body, content_type),
             "given_sign": given}
    mistake = likely_mistake(secret, given.lower(), path, params, body, content_type,
                             other_secrets or {}, other_paths)
    if mistake:
        found["likely_mistake"] = mistake
    return found


def likely_mistake(secret: str, given: str, path: str, params: Mapping[str, str], body: bytes,
                   content_type: str, other_secrets: Mapping[str, str],
                   other_paths: Iterable[str]) -> str | None:
    """The first single mistake whose sign is `given`, in words; None if none explains it."""
    for mistake, guess in _guesses(secret, path, params, body, content_type, other_secrets,
                                   other_paths):
        if hmac.compare_digest(guess, given):
            return mistake
    return None


def _guesses(secret: str, path: str, params: Mapping[str, str], body: bytes, content_type: str,
             other_secrets: Mapping[str, str], other_paths: Iterable[str],
             ) -> Iterable[tuple[str, str]]:
    multipart = content_type.lower().startswith("multipart/form-data")
    if body and not multipart:
        yield ("the request body was left out of the signature (TikTok signs the raw body "
               "after the parameters)", sign(secret, path, params))
    if body and multipart:
        yield ("the multipart body was signed (TikTok leaves multipart/form-data bodies out)",
               wrapped_sign(secret, sign_base(path, params, body, with_body=True)))
    for name in sorted(params):
        if name in EXCLUDED_PARAMS:
            continue
        rest = {k: v for k, v in params.items() if k != name}
        yield (f"the query parameter `{name}` was left out of the signature (every query "
               "parameter but sign and access_token is signed)",
               sign(secret, path, rest, body, content_type))
    if "access_token" in params:
        yield ("`access_token` was signed (TikTok leaves sign and access_token out)",
               wrapped_sign(secret, sign_base(path, params, body, content_type,
                                              excluded=("sign",))))
    yield ("the parameters were not sorted by name before signing",
           wrapped_sign(secret, sign_base(path, params, body, content_type, sort=False)))
    yield ("the string to sign was not wrapped in the app secret (TikTok signs "
           "app_secret + string + app_secret)",
           hmac.new(secret.encode(), sign_base(path, params, body, content_type),
                    hashlib.sha256).hexdigest())
    for app_key, other in sorted(other_secrets.items()):
        if other != secret:
            yield (f"the request was signed with the secret of another app ({app_key})",
                   sign(other, path, params, body, content_type))
    for other_path in _paths(path, other_paths):
        yield (f"another path was signed: {other_path!r} instead of {path!r}",
               sign(secret, other_path, params, body, content_type))


def _paths(path: str, others: Iterable[str]) -> list[str]:
    """Paths a caller may have signed instead: the path with or without its trailing slash,
    without its leading slash, and every other path the sandbox serves."""
    variants = [path.rstrip("/") if path.endswith("/") else path + "/", path.lstrip("/")]
    seen = {path}
    found = []
    for candidate in [*variants, *others]:
        if candidate and candidate not in seen:
            seen.add(candidate)
            found.append(candidate)
    return found
