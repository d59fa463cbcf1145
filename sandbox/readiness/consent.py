"""The check as the person at a browser: open the app's start URL, log in at TikTok's (or TikTok
Shop's) authorization page, authorize or cancel, and come back to the app's redirect URI, with
one cookie jar for the app's pages and TikTok's, as a browser has."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import httpx

from sandbox.client.base import SandboxAPIError
from sandbox.client.consent import account_login, seller_login, walk_consent

SHOP_PATHS = ("/open/authorize",)
LOGIN_KIT_PATHS = ("/v2/auth/authorize", "/oauth/authorize")
REDIRECTS = (301, 302, 303, 307, 308)
STEPS = 8  # redirects followed on the app's own site


class ConsentProblem(Exception):
    """The journey did not reach the app's callback; the message says where it stopped."""


@dataclass
class Visit:
    """What the browser ended on after opening one of the app's URLs."""

    url: str
    status: int | None = None  # the app's last answer (None: it did not answer)
    left_to: str | None = None  # where the app sent the browser off its own site
    text: str = ""
    error: str | None = None


def _origin(url: str) -> tuple[str, str]:
    parts = urlparse(url)
    return parts.scheme, parts.netloc


class Browser:
    """One person's browser (redirects followed by hand, so each step can be watched)."""

    def __init__(self) -> None:
        self.http = httpx.Client(timeout=30, follow_redirects=False)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def first_step(self, start_url: str) -> tuple[int, str | None]:
        """Open the start URL: its status and where it redirects (None: no redirect)."""
        try:
            first = self.http.get(start_url)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise ConsentProblem(f"the start URL {start_url} did not answer ({exc})") from None
        if first.status_code not in REDIRECTS:
            return first.status_code, None
        return first.status_code, urljoin(start_url, first.headers.get("location", ""))

    def begin(self, start_url: str, paths: tuple[str, ...], what: str) -> str:
        """Open the start URL: it must send the browser to the authorization page."""
        status, target = self.first_step(start_url)
        if target is None or not urlparse(target).path.startswith(paths):
            raise ConsentProblem(f"the start URL answered HTTP {status}, not a redirect to {what}")
        return target

    def consent(self, start_url: str, login: dict[str, str], decision: str,
                paths: tuple[str, ...], what: str) -> str:
        """The URL of the app's redirect URI (code and state, or error) TikTok sends back to."""
        target = self.begin(start_url, paths, what)
        try:
            return walk_consent(target, login, decision, browser=self.http)
        except SandboxAPIError as exc:
            raise ConsentProblem(f"{what} went no further: {exc.message}") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise ConsentProblem(f"{what} did not answer ({exc})") from None

    def visit(self, url: str) -> Visit:
        """Open one of the app's URLs, following its redirects while they stay on its site."""
        current = url
        for _ in range(STEPS):
            try:
                resp = self.http.get(current)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                return Visit(current, error=f"{type(exc).__name__}: {exc}")
            if resp.status_code not in REDIRECTS:
                return Visit(current, resp.status_code, text=resp.text)
            target = urljoin(current, resp.headers.get("location", ""))
            if _origin(target) != _origin(url):
                return Visit(current, resp.status_code, left_to=target)
            current = target
        return Visit(current, error=f"more than {STEPS} redirects")


def authorize_from(start_url: str, email: str, password: str) -> str:
    """A seller authorizes the shop app: the callback URL (code and state) sent back to."""
    with Browser() as browser:
        return browser.consent(start_url, seller_login(email, password), "authorize",
                               SHOP_PATHS, "TikTok Shop's authorization page")


def login_with_tiktok(browser: Browser, start_url: str, username: str, password: str,
                      decision: str) -> str:
    """A TikTok user logs in to the app with Login Kit and authorizes (or cancels)."""
    return browser.consent(start_url, account_login(username, password), decision,
                           LOGIN_KIT_PATHS, "TikTok's Login Kit authorization page")


def kind_of(start_url: str) -> str | None:
    """'shop' or 'login_kit': which authorization page the start URL sends a browser to."""
    with Browser() as browser:
        try:
            _status, target = browser.first_step(start_url)
        except ConsentProblem:
            return None
    path = urlparse(target or "").path
    return ("shop" if path.startswith(SHOP_PATHS) else
            "login_kit" if path.startswith(LOGIN_KIT_PATHS) else None)
