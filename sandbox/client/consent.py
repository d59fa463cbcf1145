"""The person at a browser: walks consent pages (log in, answer Authorize/Cancel) for both actors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urljoin, urlparse

import httpx

from .base import SandboxAPIError

# Pages of the sandbox and the fake app a consent journey passes through; a redirect anywhere
# else is the partner's redirect URI, carrying the code (or the error).
JOURNEY_PATHS = ("/v2/auth/authorize", "/oauth/authorize", "/open/authorize",
                 "/alliance/creator/")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _with_csrf(page: str, form: dict[str, str]) -> dict[str, str]:
    """A form post as the page's own form would send it: with the page's CSRF token."""
    token = _CSRF.search(page)
    return {**form, "csrf_token": token.group(1)} if token else dict(form)


def walk_consent(url: str, login: dict[str, str], decision: str,
                 browser: httpx.Client | None = None) -> str:
    """Drive consent pages as a browser would (cookies, redirects, form posts): log in where a
    login form shows, answer the consent page with `decision`, return the final redirect.
    `browser` (redirects not followed) keeps its cookies for what comes after."""
    with _borrowed(browser) as http:
        method, current, data = "GET", url, None
        logged_in = False
        for _ in range(16):
            resp = http.request(method, current, data=data)
            if resp.status_code in (301, 302, 303, 307):
                target = urljoin(current, resp.headers["location"])
                if not urlparse(target).path.startswith(JOURNEY_PATHS):
                    return target
                method, current, data = "GET", target, None
                continue
            if resp.status_code != 200:
                raise SandboxAPIError(resp.status_code, "AUTHORIZE_PAGE_ERROR", resp.text[:300])
            if 'value="login"' in resp.text:
                if logged_in:
                    raise SandboxAPIError(401, "LOGIN_FAILED", "The page refused the login.")
                method, data, logged_in = "POST", _with_csrf(resp.text, login), True
            elif 'value="authorize"' in resp.text and (data or {}).get("action") != decision:
                method, data = "POST", _with_csrf(resp.text, {"action": decision})
            else:
                return current  # a page with no redirect, e.g. after deauthorizing
        raise SandboxAPIError(508, "AUTHORIZE_LOOP", f"Too many steps at {current}.")


@contextmanager
def _borrowed(browser: httpx.Client | None) -> Iterator[httpx.Client]:
    if browser is not None:
        yield browser
        return
    with httpx.Client(timeout=30, follow_redirects=False) as http:
        yield http


def seller_login(email: str, password: str) -> dict[str, str]:
    """The login form of TikTok Shop's authorization page (`/open/authorize`): a seller's e-mail."""
    return {"action": "login", "email": email, "password": password}


def account_login(username: str, password: str) -> dict[str, str]:
    """The login form of the Login Kit and OAuth consent pages: a TikTok username."""
    return {"action": "login", "username": username, "password": password}
