"""Redirect-URI matching: exact for web, and TikTok desktop's localhost wildcard port."""

from __future__ import annotations

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
