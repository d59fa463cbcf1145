"""The Login Kit cases: the check plays a TikTok user at the app's login URL (cancels, forges the
callback's state, reopens the callback, lets tokens expire, removes the app's access) and
watches the app's calls to /v2/oauth/token/ and /v2/user/info/ (protocols §2)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

from sandbox.readiness.consent import (
    LOGIN_KIT_PATHS,
    Browser,
    ConsentProblem,
    Visit,
    login_with_tiktok,
)
from sandbox.readiness.context import Context, LoginSide, failed, passed, skipped
from sandbox.readiness.observe import Row, Watch, listed
from sandbox.readiness.results import Result

TOKEN, USER_INFO = "/v2/oauth/token/", "/v2/user/info/"
FORGED_STATE = "forged-by-tiktok-sandbox-check"
_LINK = re.compile(r'href="([^"]+)"')
REFUSED = ("access_token_invalid", "invalid_grant", "invalid_token")


class NoLogin(Exception):
    """The check could not log in to the app: the app's failure, or (`skip`) nothing to try."""

    def __init__(self, message: str, skip: bool = False) -> None:
        super().__init__(message)
        self.skip = skip


def _side(ctx: Context) -> LoginSide:
    assert ctx.login is not None  # the runner skips Login Kit cases without a client key
    return ctx.login


def _user(ctx: Context) -> dict[str, str]:
    side = _side(ctx)
    if side.user is None:
        name = f"readiness_user_{secrets.token_hex(3)}"
        side.user = ctx.world.create_account(name)
        ctx.stimulus.created.append({"kind": "account", "id": side.user["open_id"],
                                     "username": name})
    return {"username": side.user["username"], "password": side.user["password"]}


def _journey(ctx: Context, browser: Browser, decision: str) -> str:
    side = _side(ctx)
    if not side.url:
        raise NoLogin("needs the app's login URL (--login-url, or a --start-url that sends "
                      "the user to TikTok's Login Kit page) to play the user", skip=True)
    user = _user(ctx)
    try:
        return login_with_tiktok(browser, side.url, user["username"], user["password"],
                                 decision)
    except ConsentProblem as exc:
        raise NoLogin(f"the user could not log in from {side.url}: {exc}") from None


def _tokens(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r["path"] == TOKEN]


def _exchanged(rows: list[Row]) -> bool:
    return bool(_tokens(rows))


def _never(_rows: list[Row]) -> bool:
    return False


def _open(browser: Browser, url: str, watch: Watch, done: Callable[[list[Row]], bool] = _never,
          limit: float | None = None) -> tuple[Visit, list[Row]]:
    """Open one of the app's URLs and watch its calls after: until `done(calls)`, or `limit`
    seconds (default: the whole window)."""
    mark = watch.mark()
    return browser.visit(url), watch.until(mark, done, limit)


def _answered(visit: Visit) -> str:
    if visit.error:
        return f"did not answer ({visit.error})"
    return f"answered HTTP {visit.status}"


def _logged_in(ctx: Context, browser: Browser) -> Visit:
    """Log in, open the redirect URI: the page the user lands on after the code exchange."""
    watch = _side(ctx).watch
    callback = _journey(ctx, browser, "authorize")
    landing, calls = _open(browser, callback, watch, _exchanged, watch.reaction)
    exchanged = _tokens(calls)
    if not exchanged or exchanged[0].get("code"):
        said = (f"was refused ({exchanged[0]['code']})" if exchanged
                else f"was not made (the redirect URI {_answered(landing)})")
        raise NoLogin(f"logging in failed: the code exchange at {TOKEN} {said}")
    if landing.status is None or landing.status >= 400:
        raise NoLogin(f"after logging in, the app's page {landing.url} {_answered(landing)}")
    watch.quiet(exchanged[-1]["seq"])  # what it does with the tokens (e.g. Get User Info)
    return landing


def _run(case: str, body: Callable[[], Result]) -> Result:
    """Failures to log in are the app's (it could not complete TikTok's login), a missing URL
    is a skip."""
    try:
        return body()
    except NoLogin as exc:
        return skipped(case, str(exc)) if exc.skip else failed(case, str(exc))


def denied_consent(ctx: Context) -> Result:
    case, watch = "login_kit.denied_consent", _side(ctx).watch

    def body() -> Result:
        with Browser() as browser:
            callback = _journey(ctx, browser, "deny")
            answer, calls = _open(browser, callback, watch)
            tokens = _tokens(calls)
        if answer.error or (answer.status or 0) >= 500:
            return failed(case, f"{_answered(answer)} when the user cancelled at the consent "
                          "page (its redirect URI got error=access_denied)")
        if tokens:
            return failed(case, f"called {listed(tokens)} after the user cancelled",
                          *(r["log_id"] for r in tokens))
        return passed(case, f"{_answered(answer)} to error=access_denied and made no token "
                      f"call (watched {watch.window:g} s)")
    return _run(case, body)


def state_verified(ctx: Context) -> Result:
    case, watch = "login_kit.state_verified", _side(ctx).watch

    def body() -> Result:
        with Browser() as browser:
            callback = urlparse(_journey(ctx, browser, "authorize"))
            query = dict(parse_qsl(callback.query))
            if not query.get("state"):
                return failed(case, "its authorization link sends no state, so it cannot tell "
                              "its own callback from a forged one")
            forged = urlunparse(callback._replace(query=urlencode(
                {**query, "state": FORGED_STATE})))
            answer, calls = _open(browser, forged, watch, _exchanged)
            tokens = _tokens(calls)
        if tokens:
            return failed(case, f"exchanged the code ({listed(tokens)}) although the callback's "
                          f"state was {FORGED_STATE!r}, not the {query['state']!r} it sent",
                          *(r["log_id"] for r in tokens))
        return passed(case, f"{_answered(answer)} to a callback with a forged state and made no "
                      f"token exchange (watched {watch.window:g} s)")
    return _run(case, body)


def code_single_use(ctx: Context) -> Result:
    case, watch = "login_kit.code_single_use", _side(ctx).watch

    def body() -> Result:
        with Browser() as browser:
            callback = _journey(ctx, browser, "authorize")
            used = _tokens(_open(browser, callback, watch, _exchanged, watch.reaction)[1])
            if not used:
                return failed(case, f"did not exchange the code at {TOKEN} when the user came "
                              "back to its redirect URI")
            watch.quiet(used[-1]["seq"])
            replayed = _tokens(_open(browser, callback, watch)[1])  # a reload, a replay
        if replayed:
            return failed(case, f"exchanged the same code again when its redirect URI was "
                          f"opened a second time: {listed(replayed)}",
                          *(r["log_id"] for r in replayed))
        return passed(case, f"exchanged the code once at {TOKEN} and not again when its "
                      f"redirect URI was opened a second time (watched {watch.window:g} s)")
    return _run(case, body)


def refresh_rotation(ctx: Context) -> Result:
    """Twice: move the clock past the access token's lifetime and reload the page the user
    landed on. The second refresh works only with the refresh token the first one returned."""
    case, watch = "login_kit.refresh_rotation", _side(ctx).watch
    step = int(ctx.settings["access_token_ttl_seconds"]) + 1

    def body() -> Result:
        with Browser() as browser:
            landing = _logged_in(ctx, browser)
            for round_ in ("first", "second"):
                ctx.world.advance(step)
                ctx.changes.append(f"clock advanced {step} s past a Login Kit access token's "
                                   f"lifetime ({case})")
                _page, calls = _open(browser, landing.url, watch, lambda rows: any(
                    r["path"] == USER_INFO and not r.get("code") for r in rows), watch.reaction)
                refreshes = _tokens(calls)
                if not calls:
                    return skipped(case, f"reloading {landing.url} after the access token "
                                   "expired made no Login Kit call, so a refresh cannot be "
                                   "observed")
                if not refreshes:
                    return failed(case, f"did not refresh after its access token expired: "
                                  f"{listed(calls)}", *(r["log_id"] for r in calls))
                if refreshes[-1].get("code"):
                    why = (" with the refresh token it had before the first refresh (each "
                           "refresh returns a new one and retires the old)"
                           if round_ == "second" else "")
                    return failed(case, f"its {round_} refresh was refused "
                                  f"({refreshes[-1]['code']}){why}", refreshes[-1]["log_id"])
        return passed(case, "refreshed twice after its access token expired, each time with "
                      "the newest refresh token")
    return _run(case, body)


def _asked_again(visits: list[Visit], login_url: str | None) -> bool:
    """The user was sent to TikTok's authorization page, or shown a link that starts it."""
    start = urlparse(login_url or "").path
    for visit in visits:
        if visit.left_to and urlparse(visit.left_to).path.startswith(LOGIN_KIT_PATHS):
            return True
        paths = [urlparse(link).path for link in _LINK.findall(visit.text)]
        if any(p.startswith(LOGIN_KIT_PATHS) or (start and p == start) for p in paths):
            return True
    return False


def revoked_token(ctx: Context) -> Result:
    """The user removes the app's access in the TikTok app, then comes back to the app twice:
    the first visit may find out (one refused call), the second must not try the token again."""
    case = "login_kit.revoked_token"
    side = _side(ctx)
    watch = side.watch

    def body() -> Result:
        with Browser() as browser:
            landing = _logged_in(ctx, browser)
            user = _user(ctx)
            ctx.world.remove_app_access(user["username"], user["password"], side.client_key)
            first, found = _open(browser, landing.url, watch)
            second, calls = _open(browser, landing.url, watch)
            stale = [r for r in calls if r.get("code") in REFUSED]
        if stale:
            return failed(case, f"kept calling with the revoked token: when the user came back "
                          f"again, {listed(stale)}", *(r["log_id"] for r in stale))
        if not _asked_again([first, second], side.url):
            return failed(case, f"stopped calling, but did not send the user to TikTok to "
                          f"authorize again (its page {_answered(second)})")
        refused = [r for r in found if r.get("code") in REFUSED]
        how = f"after {listed(refused, 2)} " if refused else ""
        return passed(case, f"{how}it dropped the token and sent the user to TikTok's "
                      "authorization page again")
    return _run(case, body)
