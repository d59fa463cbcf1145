"""The shop authorization cases: token expiry and refresh, deauthorization (protocols §3.2,
§3.6 type 6)."""

from __future__ import annotations

from datetime import datetime

import httpx

from sandbox.readiness.consent import ConsentProblem, authorize_from
from sandbox.readiness.context import Context, failed, passed, skipped
from sandbox.readiness.observe import Row, listed
from sandbox.readiness.results import Result

REFRESH = "/api/v2/token/refresh"
TOKEN_GET = "/api/v2/token/get"
FIXTURE_SHOP = {"name": "Readiness check shop", "market": "US"}
EXPIRED = "TTS_105002"
LOOP = 3  # this many calls with the expired token and no refresh: a loop


def _instant(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def _expiry(ctx: Context) -> float | None:
    shop = ctx.stimulus.shop_id
    for auth in ctx.world.cp("GET", f"/clients/{ctx.app_key}")["authorizations"]:
        if auth["status"] == "active" and auth["shop_id"] == shop:
            found = auth.get("access_token_expires_at")
            return _instant(found) if found else None
    return None


def _refreshed(calls: list[Row]) -> bool:
    """A refresh answered without error, then a successful call after it."""
    for i, row in enumerate(calls):
        if row["path"] == REFRESH and not row.get("code"):
            return any(not r.get("code") and r["path"] != REFRESH for r in calls[i + 1:])
    return False


def token_refresh(ctx: Context) -> Result:
    """Move the world's clock past the app's newest access token's expiry, then provoke it."""
    case = "shop.token_refresh"
    expiry = _expiry(ctx)
    if expiry is None:
        return skipped(case, "the app holds no access token for the shop (exchange its auth "
                       "code at /api/v2/token/get first)")
    now = _instant(ctx.world.clock()["now"])
    step = max(1, int(expiry - now) + 1)
    mark = ctx.watch.mark()
    ctx.world.advance(step)
    ctx.changes.append(f"clock advanced {step} s past the access token's expiry "
                       "(shop.token_refresh)")
    ctx.stimulus.order()
    calls = ctx.watch.until(mark, _refreshed, ctx.watch.reaction)
    if _refreshed(calls):
        expired = [r for r in calls if r.get("code") == EXPIRED]
        how = (f"after {listed(expired[:1])} it" if expired else "it")
        return passed(case, f"{how} called {REFRESH} and retried with the new token")
    calls = calls + ctx.watch.quiet(calls[-1]["seq"] if calls else mark)
    expired = [r for r in calls if r.get("code") == EXPIRED]
    refreshes = [r for r in calls if r["path"] == REFRESH]
    if not calls:
        return skipped(case, "the app made no API call after the clock passed its token's "
                       f"expiry and an order changed (watched {ctx.watch.reaction:g} s)")
    if refreshes and refreshes[-1].get("code"):
        return failed(case, f"called {REFRESH} and was refused ({refreshes[-1]['code']}: "
                      f"{refreshes[-1].get('message')})", refreshes[-1]["log_id"])
    if len(expired) >= LOOP and not refreshes:
        return failed(case, f"kept calling with the expired token: {len(expired)} calls answered "
                      f"105002 Expired credentials and no call to {REFRESH}",
                      *(r["log_id"] for r in expired[:LOOP]))
    if expired and not refreshes:
        return failed(case, f"called {listed(expired)} with the expired access token (105002 "
                      f"Expired credentials) and never called {REFRESH}",
                      *(r["log_id"] for r in expired))
    return failed(case, f"called {REFRESH} but made no successful call after it: "
                  f"{listed(calls)}", *(r["log_id"] for r in calls))


def deauthorization(ctx: Context) -> Result:
    """Webhook 6 (the notification alone: the sandbox keeps the authorization, so the check
    can be run again), then an order change in that shop: the app must not call for it."""
    case = "shop.deauthorization"
    shop = ctx.stimulus.shop_id
    ctx.stimulus.fixtures()
    sent = ctx.world.trigger_webhook(6, shop, ctx.app_key)
    if not sent["deliveries"]:
        return skipped(case, "the app has no webhook address for SELLER_DEAUTHORIZATION")
    delivery = sent["deliveries"][0]
    status = delivery["log"][0]["status"] if delivery["log"] else None
    if status is not None and not 200 <= status < 300:  # a slow answer still heard it
        return failed(case, f"refused the SELLER_DEAUTHORIZATION webhook with HTTP {status}",
                      f"delivery {delivery['id']}")
    ctx.watch.quiet(ctx.watch.mark())  # whatever it does on hearing it (e.g. drop tokens)
    mark = ctx.watch.mark()
    order, _delivery = ctx.stimulus.order()
    calls = [r for r in ctx.watch.quiet(mark)]
    if calls:
        return failed(case, f"kept calling for shop {shop} after SELLER_DEAUTHORIZATION: "
                      f"{listed(calls)} (in reaction to order {order})",
                      *(r["log_id"] for r in calls))
    return passed(case, f"made no call for shop {shop} after SELLER_DEAUTHORIZATION, though an "
                  f"order changed there (watched {ctx.watch.window:g} s)",
                  f"delivery {delivery['id']}")


def auth_code_single_use(ctx: Context) -> Result:
    """A shop of the check's own authorizes the app through the app's start URL; the check
    follows the redirect to the app's callback, then opens it again (a reload, a replayed
    redirect): the second visit must not redeem the same code."""
    case = "shop.auth_code_single_use"
    if not ctx.start_url:
        return skipped(case, "needs --start-url (the app's URL that starts its shop "
                       "authorization) to play the seller")
    shop = ctx.world.cp("POST", "/shops", json=FIXTURE_SHOP)
    ctx.stimulus.created.append({"kind": "shop", "id": shop["id"]})
    try:
        callback = authorize_from(ctx.start_url, shop["seller"]["email"],
                                  shop["seller"]["password"])
    except ConsentProblem as exc:
        return failed(case, f"the seller could not authorize the app from its start URL: {exc}")
    mark = ctx.watch.mark()
    httpx.get(callback, timeout=30)  # the browser follows the redirect
    redeemed = [r for r in ctx.watch.until(
        mark, lambda rows: any(r["path"] == TOKEN_GET for r in rows), ctx.watch.reaction)
        if r["path"] == TOKEN_GET]
    if not redeemed:
        return failed(case, f"did not redeem the auth code at {TOKEN_GET} when the seller "
                      "came back to its callback")
    if redeemed[0].get("code"):
        return failed(case, f"redeeming the auth code at {TOKEN_GET} was refused: "
                      f"{redeemed[0]['code']} {redeemed[0].get('message')}",
                      redeemed[0]["log_id"])
    ctx.watch.quiet(redeemed[-1]["seq"])  # what it does next with the tokens
    again = ctx.watch.mark()
    httpx.get(callback, timeout=30)  # the same redirect, opened again
    replayed = [r for r in ctx.watch.quiet(again) if r["path"] == TOKEN_GET]
    if replayed:
        said = f" → {replayed[0]['code']}" if replayed[0].get("code") else ""
        return failed(case, f"redeemed the same auth code again when its callback was opened "
                      f"a second time: {TOKEN_GET}{said}", *(r["log_id"] for r in replayed))
    return passed(case, f"redeemed the auth code once at {TOKEN_GET} and not again when its "
                  f"callback was opened a second time (watched {ctx.watch.window:g} s)")
