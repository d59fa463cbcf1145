"""Password hashes for sandbox logins, in werkzeug's `pbkdf2:sha256:N$salt$hex` format (so hashes in
an existing database still verify), without pulling a web framework into the services; and the
channels a login's session is held in."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# A login session is a cookie's (browser) or a bearer token's (api), never accepted for the other.
BROWSER, API = "browser", "api"

# Sandbox passwords guard nothing real: few iterations on purpose, so logins stay fast.
ITERATIONS = 1000


def hash_password(password: str) -> str:
    salt = secrets.token_urlsafe(12)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ITERATIONS).hex()
    return f"pbkdf2:sha256:{ITERATIONS}${salt}${digest}"


def check_password(stored: str | None, password: str) -> bool:
    try:
        method, salt, digest = (stored or "").split("$", 2)
        kind, algorithm, rounds = method.split(":")
    except ValueError:
        return False
    if kind != "pbkdf2":
        return False
    computed = hashlib.pbkdf2_hmac(algorithm, password.encode(), salt.encode(), int(rounds)).hex()
    return hmac.compare_digest(computed, digest)


def new_password() -> str:
    """A generated password (11 URL-safe characters) that never starts with '-', so it can be
    passed to a command line (`--password X`) without being taken for an option."""
    return "p" + secrets.token_urlsafe(8)
