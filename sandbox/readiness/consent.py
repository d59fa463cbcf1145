"""The check as the person at a browser: open the app's start URL, log in at TikTok Shop's
authorization page as a seller, authorize, and stop at the redirect back to the app (cookies,
redirects and form posts, as sandbox.client.consent does for scripts)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import httpx

AUTHORIZE_PATHS = ("/open/authorize",)
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
STEPS = 16


class ConsentProblem(Exception):
    """The journey did not reach the app's callback; the message says where it stopped."""


def _form(page: str, fields: dict[str, str]) -> dict[str, str]:
    token = _CSRF.search(page)
    return {**fields, "csrf_token": token.group(1)} if token else dict(fields)


def authorize_from(start_url: str, email: str, password: str) -> str:
    """The URL of the app's callback (with code and state) the seller is sent back to."""
    with httpx.Client(timeout=30, follow_redirects=False) as http:
        try:
            first = http.get(start_url)
        except httpx.HTTPError as exc:
            raise ConsentProblem(f"the start URL {start_url} did not answer ({exc})") from None
        target = urljoin(start_url, first.headers.get("location", ""))
        if first.status_code not in (301, 302, 303, 307) or \
                not urlparse(target).path.startswith(AUTHORIZE_PATHS):
            raise ConsentProblem(f"the start URL answered HTTP {first.status_code}, not a "
                                 "redirect to TikTok Shop's authorization page")
        method, current = "GET", target
        data: dict[str, str] | None = None
        for _ in range(STEPS):
            resp = http.request(method, current, data=data)
            if resp.status_code in (301, 302, 303, 307):
                target = urljoin(current, resp.headers["location"])
                if not urlparse(target).path.startswith(AUTHORIZE_PATHS):
                    return target
                method, current, data = "GET", target, None
            elif resp.status_code != 200:
                raise ConsentProblem(f"the authorization page answered HTTP {resp.status_code}")
            elif 'value="login"' in resp.text and (data or {}).get("action") != "login":
                method, data = "POST", _form(resp.text, {"action": "login", "email": email,
                                                         "password": password})
            elif 'value="authorize"' in resp.text and (data or {}).get("action") != "authorize":
                method, data = "POST", _form(resp.text, {"action": "authorize"})
            else:
                raise ConsentProblem(f"the authorization page at {current} went no further")
        raise ConsentProblem("the authorization took too many steps")
