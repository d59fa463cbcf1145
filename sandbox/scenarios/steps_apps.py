"""Scenario actions of partner apps (Shop Open API, Login Kit) and of the operator (clock, data)."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx

from sandbox.domain import signing

from .context import RunContext
from .format import ScenarioError

Args = dict[str, Any]


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def _json(resp: httpx.Response) -> Any:
    try:
        return resp.json()
    except ValueError:
        return {"http_status": resp.status_code, "text": resp.text[:200]}


def _raw(ctx: RunContext) -> httpx.Client:
    """The sandbox's shared connection pool, for partner-app calls whose refusals are bodies."""
    return ctx.sandbox.http(ctx.sandbox.url).client


def _code(ctx: RunContext, a: Args, kind: str) -> str:
    found = ctx.ref(a, "code", kind)
    code = found.get("code") if isinstance(found, dict) else found
    if not code:
        raise ScenarioError(f"no authorization code in {found!r}")
    return str(code)


def _tokens(ctx: RunContext, a: Args, kind: str) -> dict[str, Any]:
    found = ctx.ref(a, "tokens", kind)
    return found.get("data", found) if isinstance(found, dict) else {}


# -- TikTok Shop partner apps: authorization, tokens, signed calls ------------------------------
def shop_authorize(ctx: RunContext, a: Args) -> Any:
    """The seller at the app's `/open/authorize` page presses Authorize (or `decision: deny`)."""
    url = f"{ctx.app(a)['authorize_url']}&state={ctx.state()}"
    return _query(ctx.shop(a).seller.approve(url, decision=str(a.get("decision", "authorize"))))


def token_get(ctx: RunContext, a: Args) -> Any:
    app = ctx.app(a)
    return _json(_raw(ctx).get(f"{ctx.sandbox.url}/api/v2/token/get", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"],
        "auth_code": _code(ctx, a, "shop_code"), "grant_type": "authorized_code"}))


def token_refresh(ctx: RunContext, a: Args) -> Any:
    app = ctx.app(a)
    return _json(_raw(ctx).get(f"{ctx.sandbox.url}/api/v2/token/refresh", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"], "grant_type": "refresh_token",
        "refresh_token": _tokens(ctx, a, "shop_tokens").get("refresh_token", "")}))


def open_api(ctx: RunContext, a: Args) -> Any:
    """A signed TikTok Shop Open API call, timestamped with the machine's time as a partner app
    signs (signature_clock; `cipher: true` adds the shop's)."""
    app, path = ctx.app(a), str(a.get("path", "/authorization/202309/shops"))
    query = {"app_key": app["app_key"], "timestamp": str(int(time.time())),
             **{k: str(v) for k, v in (a.get("query") or {}).items()}}
    if a.get("cipher"):
        query["shop_cipher"] = ctx.shop(a).data["cipher"]
    body = b"" if a.get("body") is None else httpx.Request("POST", "/", json=a["body"]).content
    ctype = "application/json" if body else ""
    query["sign"] = signing.sign(app["app_secret"], path, query, body, ctype)
    headers = {"x-tts-access-token": str(a.get("access_token") or
                                         _tokens(ctx, a, "shop_tokens").get("access_token", ""))}
    if body:
        headers["content-type"] = ctype
    return _json(_raw(ctx).request(str(a.get("method", "GET")), ctx.sandbox.url + path,
                                           params=query, content=body or None, headers=headers))


def deauthorize(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).seller.deauthorize(ctx.app(a)["app_key"])


# -- Login Kit ----------------------------------------------------------------------------------
def login_kit_authorize(ctx: RunContext, a: Args) -> Any:
    """The person at the Login Kit consent page logs in and presses Authorize (or deny)."""
    app = ctx.app(a)
    query = {"client_key": app["client_key"], "response_type": "code", "state": ctx.state(),
             "scope": str(a.get("scope") or ",".join(app["scopes"])),
             "redirect_uri": str(a.get("redirect_uri") or app["redirect_uris"][0])}
    url = f"{ctx.sandbox.app_url}/v2/auth/authorize/?{urlencode(query)}"
    return _query(ctx.account(a).app.approve(url, decision=str(a.get("decision", "authorize"))))


def _login_kit_token(ctx: RunContext, a: Args, form: dict[str, str]) -> Any:
    app = ctx.app(a)
    return _json(_raw(ctx).post(f"{ctx.sandbox.app_url}/v2/oauth/token/", data={
        "client_key": app["client_key"], "client_secret": app["client_secret"], **form}))


def login_kit_token(ctx: RunContext, a: Args) -> Any:
    app = ctx.app(a)
    return _login_kit_token(ctx, a, {"code": _code(ctx, a, "login_kit_code"),
                                     "grant_type": "authorization_code",
                                     "redirect_uri": str(a.get("redirect_uri")
                                                         or app["redirect_uris"][0])})


def login_kit_refresh(ctx: RunContext, a: Args) -> Any:
    return _login_kit_token(ctx, a, {"grant_type": "refresh_token", "refresh_token": str(
        _tokens(ctx, a, "login_kit_tokens").get("refresh_token", ""))})


def user_info(ctx: RunContext, a: Args) -> Any:
    token = _tokens(ctx, a, "login_kit_tokens").get("access_token", "")
    resp = _raw(ctx).get(f"{ctx.sandbox.app_url}/v2/user/info/",
                                 params={"fields": str(a.get("fields", "open_id,display_name"))},
                                 headers={"Authorization": f"Bearer {token}"})
    return {"http_status": resp.status_code, **_json(resp)}


# -- the operator (control plane) ---------------------------------------------------------------
def advance(ctx: RunContext, a: Args) -> Any:
    """Move the world's clock by `by` (seconds or ISO-8601, e.g. PT48H, P365D); jobs fire."""
    return ctx.world.clock.advance(a.get("by", 0)).raw


def set_clock(ctx: RunContext, a: Args) -> Any:
    return ctx.world.clock.set(str(a["to"])).raw


def _fields(a: Args, *drop: str) -> dict[str, Any]:
    return {k: v for k, v in a.items() if k not in drop}


def update_account(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).update(**_fields(a, "account"))


def update_shop(ctx: RunContext, a: Args) -> Any:
    return ctx.shop(a).update(**_fields(a, "shop"))


def set_totp(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).set_totp(a.get("secret"), **_fields(a, "account", "secret"))


def set_earnings(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).set_earnings(int(a.get("cents", 0)))


def resolve_ticket(ctx: RunContext, a: Args) -> Any:
    return ctx.ref(a, "ticket", "ticket").resolve(str(a.get("decision", "fix")), a.get("note"))


def operator_unlink(ctx: RunContext, a: Args) -> Any:
    link = ctx.ref(a, "link", "link")
    return ctx.world.unlink(str(getattr(link, "link_id", None) or link["id"]))


def partner_unlink(ctx: RunContext, a: Args) -> Any:
    return ctx.partner(a).unlink()


def world_call(verb: str) -> Any:
    """A world-level call: links, hold_webhooks, release_webhooks, deliveries…"""

    def act(ctx: RunContext, a: Args) -> Any:
        if verb == "drop_next_webhooks":
            return ctx.world.drop_next_webhooks(int(a.get("count", 1)))
        if verb == "sms":
            return ctx.world.sms(a.get("phone"))
        return getattr(ctx.world, verb)()

    return act


def adopt_account(ctx: RunContext, a: Args) -> Any:
    """Make an account the sandbox created (an organization account) a scenario actor `actor:`."""
    found = ctx.ref(a, "org", "org")
    open_id = getattr(found, "open_id", None) or (found.refresh().open_id if hasattr(
        found, "refresh") else None)
    if not open_id:
        raise ScenarioError("the organization account has no open_id yet (still pending?)")
    account = ctx.accounts[str(a["actor"])] = ctx.world.account(open_id)
    return account.data
