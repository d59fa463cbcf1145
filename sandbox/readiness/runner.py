"""Run readiness cases against a partner's running app, through the sandbox's HTTP control
plane only (a client `World`), so it works against a shared sandbox as well as a local one.

The runner owns two wall-clock bounds: `window` (how long "the app made no call" is watched
for, default 1 s) and `reaction` (how long the first call in reaction to a webhook is waited
for, default 5 s; a call ends that wait at once)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

from sandbox.readiness import api_cases, login_cases, shop_cases, webhook_cases
from sandbox.readiness.cases import BY_ID, CASES, LOGIN_KIT, SHOP_APP, unknown_ids
from sandbox.readiness.consent import kind_of
from sandbox.readiness.context import Context, LoginSide, skipped
from sandbox.readiness.observe import Watch
from sandbox.readiness.plane import Plane, PlaneError
from sandbox.readiness.reports import terminal
from sandbox.readiness.results import Report, Result
from sandbox.readiness.stimulus import NoStimulus, Stimulus

WINDOW_S = 1.0
REACTION_S = 5.0
LOGIN_KIT_FACES = ("login_kit", "tiktok_api")  # /v2/oauth/token/, /v2/user/info/

# Run order (reports keep the registry's): deauthorization last, since the app then ignores
# the shop; api.signature after the cases that make the app call.
RUN: dict[str, Callable[[Context], Result]] = {
    "webhook.signature_verified": webhook_cases.signature_verified,
    "webhook.fast_ack": webhook_cases.fast_ack,
    "webhook.duplicate_idempotent": webhook_cases.duplicate_idempotent,
    "webhook.out_of_order": webhook_cases.out_of_order,
    "api.rate_limited": api_cases.rate_limited,
    "shop.token_refresh": shop_cases.token_refresh,
    "api.signature": api_cases.signature,
    "login_kit.denied_consent": login_cases.denied_consent,
    "login_kit.state_verified": login_cases.state_verified,
    "login_kit.code_single_use": login_cases.code_single_use,
    "login_kit.refresh_rotation": login_cases.refresh_rotation,
    "login_kit.revoked_token": login_cases.revoked_token,
    "shop.auth_code_single_use": shop_cases.auth_code_single_use,
    "shop.deauthorization": shop_cases.deauthorization,
}


class UsageProblem(Exception):
    """Bad usage (unknown case id, unknown app key): exit 2 / HTTP 400."""

    def __init__(self, message: str, code: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.details = code, details or {}


def _app(world: Plane, key: str, kind: str) -> dict[str, Any]:
    try:
        found: dict[str, Any] = world.cp("GET", f"/clients/{quote(key, safe='')}")
    except PlaneError as exc:
        if exc.code in ("CLIENT_NOT_FOUND", "WORLD_NOT_FOUND"):
            raise UsageProblem(exc.message, exc.code, {"key": key}) from None
        if exc.status == 404:  # a key no path can hold (a "/" in it): no app has it either
            raise UsageProblem(f"No app with app_key or client_key {key!r} in world "
                               f"{world.id!r}.", "CLIENT_NOT_FOUND", {"key": key}) from None
        raise
    if found["kind"] != kind:
        raise UsageProblem(f"{key!r} is a {found['kind']} key in world {world.id!r}, not a "
                           f"{kind} one.", "CLIENT_KIND_MISMATCH", {"key": key})
    return found


def _selected(only: Iterable[str] | None) -> list[str]:
    wanted = list(only or [])
    if bad := unknown_ids(wanted):
        raise UsageProblem(f"Unknown case id(s): {', '.join(bad)}; known: "
                           f"{', '.join(c.id for c in CASES)}.", "UNKNOWN_CASE", {"cases": bad})
    return wanted or [c.id for c in CASES]


def _start_urls(start_url: str | None, login_url: str | None,
                client_key: str | None) -> tuple[str | None, str | None]:
    """(shop start URL, Login Kit login URL): one --start-url serves whichever authorization
    page it sends the browser to; --login-url (sandbox extension) names the login one when the
    app has both. Without a Login Kit client the start URL is the shop's, unopened."""
    if start_url is None or login_url is not None or client_key is None:
        return start_url, login_url
    return (None, start_url) if kind_of(start_url) == "login_kit" else (start_url, None)


def run_checks(world: Any, app_key: str, *, client_key: str | None = None,
               start_url: str | None = None, login_url: str | None = None,
               only: Iterable[str] | None = None,
               window: float = WINDOW_S, reaction: float = REACTION_S) -> Report:
    """Every selected case (default all) against the app `app_key` of `world` (a `Plane`,
    or a client `World`); UsageProblem before anything is done when a case id or a key is
    unknown."""
    began = time.monotonic()
    wanted = _selected(only)
    if not isinstance(world, Plane):
        with Plane.of(world) as plane:
            return run_checks(plane, app_key, client_key=client_key, start_url=start_url,
                              login_url=login_url, only=wanted, window=window,
                              reaction=reaction)
    app = _app(world, app_key, SHOP_APP)
    if client_key is not None:
        _app(world, client_key, LOGIN_KIT)
    watch = Watch(world, app_key, window, reaction)
    report = Report(world.id, app_key)
    shop_url, login_url = _start_urls(start_url, login_url, client_key)
    login = None if client_key is None else LoginSide(
        client_key, Watch(world, client_key, window, reaction, LOGIN_KIT_FACES), login_url)
    ctx = Context(world, app, watch, Stimulus(world, app, watch),
                  world.settings(), world.clock()["frozen"],
                  watch.mark(), shop_url, login)
    found: dict[str, Result] = {}
    for case_id in wanted:
        case = BY_ID[case_id]
        if case.applies_to == LOGIN_KIT and client_key is None:
            found[case_id] = skipped(case_id, "the app has no Login Kit client (--client-key)")
    for case_id, check in RUN.items():
        if case_id not in wanted or case_id in found:  # found: skipped before it ran
            continue
        started = time.monotonic()
        try:
            result = check(ctx)
        except NoStimulus as exc:
            result = skipped(case_id, f"the check cannot provoke the app: {exc}")
        result.seconds = time.monotonic() - started
        found[case_id] = result
    report.results = [found[c.id] for c in CASES if c.id in found]
    report.created = ctx.stimulus.created + [{"kind": "change", "what": c} for c in ctx.changes]
    report.seconds = time.monotonic() - began
    return report


def assert_ready(world: Any, app_key: str, **options: Any) -> Report:
    """pytest helper: run the check; fail the test with the terminal report when a case
    fails (`assert_ready(sandbox_world, app["app_key"], only=["webhook.fast_ack"])`)."""
    report = run_checks(world, app_key, **options)
    if not report.ok:
        raise AssertionError("readiness check failed:\n" + terminal(report))
    return report
