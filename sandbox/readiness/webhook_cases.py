"""The webhook cases: signature, duplicates, order, speed of the answer (protocols §3.6)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from sandbox.readiness.context import Context, failed, passed, skipped
from sandbox.readiness.observe import listed
from sandbox.readiness.results import Result
from sandbox.readiness.stimulus import NoStimulus, first_error, first_status

ACK = (200, 401)  # what TikTok counts as received; a 2xx is "processed"
FORGED_TIMEOUT_S = 10.0


def _forged(delivery: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """The delivery's body as another notification (new tts_notification_id) under the
    delivery's own Authorization header, which no longer matches it."""
    body = json.loads(str(delivery["body"]))
    body["tts_notification_id"] = str(body["tts_notification_id"]) + "1"
    headers = {str(k): str(v) for k, v in delivery["headers"].items()}
    return json.dumps(body, separators=(",", ":")).encode(), headers


def signature_verified(ctx: Context) -> Result:
    """A correct delivery from the outbox, then the check posts its body as another
    notification under the old signature: refused (non-2xx) vs acknowledged (2xx)."""
    case = "webhook.signature_verified"
    _order, good = ctx.stimulus.order()
    body, headers = _forged(good)
    try:
        resp = httpx.post(str(good["url"]), content=body, headers=headers,
                          timeout=FORGED_TIMEOUT_S)
    except httpx.HTTPError as exc:
        return failed(case, f"gave no answer to a wrongly signed webhook ({exc}); refuse it "
                      "with 401")
    if 200 <= resp.status_code < 300:
        return failed(case, f"acknowledged a wrongly signed webhook with HTTP "
                      f"{resp.status_code} (its Authorization header does not match the "
                      "body); it must be refused, e.g. 401", f"delivery {good['id']}")
    status = first_status(good)
    if status is None or not 200 <= status < 300:
        said = f"HTTP {status}" if status else f"no answer ({first_error(good)})"
        return failed(case, f"refused a wrongly signed webhook (HTTP {resp.status_code}) but "
                      f"answered the correctly signed one with {said}, not 2xx",
                      f"delivery {good['id']}")
    return passed(case, f"refused a wrongly signed webhook with HTTP {resp.status_code} and "
                  f"acknowledged the correctly signed one with {status}", f"delivery {good['id']}")


def duplicate_idempotent(ctx: Context) -> Result:
    case = "webhook.duplicate_idempotent"
    mark = ctx.watch.mark()
    _order, first = ctx.stimulus.order()
    if not ctx.watch.reacted(mark):
        return skipped(case, "the app made no API call in reaction to an ORDER_STATUS_CHANGE "
                       f"webhook within {ctx.watch.reaction:g} s, so acting twice cannot be seen")
    ctx.watch.quiet(mark)  # let the first reaction finish
    again = ctx.watch.mark()
    copy = ctx.world.duplicate_delivery(first["id"])
    calls = ctx.watch.quiet(again)
    nid = json.loads(first["body"])["tts_notification_id"]
    if calls:
        return failed(case, f"acted twice on tts_notification_id {nid}: the second delivery "
                      f"made it call {listed(calls)} again", f"deliveries {first['id']}, "
                      f"{copy['id']}", *(r["log_id"] for r in calls))
    return passed(case, f"made no call when tts_notification_id {nid} came a second time "
                  f"(watched {ctx.watch.window:g} s)", f"deliveries {first['id']}, {copy['id']}")


def out_of_order(ctx: Context) -> Result:
    """The first status of an order is lost once (dropped, retried on schedule); the order
    moves on and the newer status arrives; then the clock reaches the retry and the older
    status arrives, as a notification the app has not seen."""
    case = "webhook.out_of_order"
    ctx.stimulus.fixtures()  # made first, so the product's own webhook does not take the drop
    ctx.world.drop_next_webhooks(1)
    try:
        order, older = ctx.stimulus.order()
    finally:
        ctx.world.drop_next_webhooks(0)
    if first_error(older) is None:
        return skipped(case, "the sandbox could not hold back the older notification (another "
                       "delivery took the drop)")
    ctx.world.advance(1)
    mark = ctx.watch.mark()
    after = ctx.watch.last_delivery_id()
    ctx.world.transition(order, "AWAITING_SHIPMENT")
    newer = ctx.stimulus.delivery_about(order, after)
    if not ctx.watch.reacted(mark):
        return skipped(case, "the app made no API call in reaction to an ORDER_STATUS_CHANGE "
                       f"webhook within {ctx.watch.reaction:g} s, so going back cannot be seen")
    ctx.watch.quiet(mark)
    retry = ctx.settings["webhook_retry_seconds"][0]
    ctx.changes.append(f"clock advanced {retry + 1} s (out_of_order)")
    stale = ctx.watch.mark()
    ctx.world.advance(retry)
    calls = ctx.watch.quiet(stale)
    old = json.loads(older["body"])["data"]["order_status"]
    new = json.loads(newer["body"])["data"]["order_status"]
    if calls:
        return failed(case, f"acted on an older {old} notification after the newer {new} one "
                      f"of order {order}: it called {listed(calls)}",
                      *(r["log_id"] for r in calls))
    return passed(case, f"made no call when an older {old} notification of order {order} came "
                  f"after the newer {new} one (watched {ctx.watch.window:g} s)")


def fast_ack(ctx: Context) -> Result:
    case = "webhook.fast_ack"
    timeout = ctx.settings["webhook_timeout_seconds"]
    try:
        _order, delivery = ctx.stimulus.order()
    except NoStimulus as exc:
        return skipped(case, str(exc))
    status = first_status(delivery)
    if status is None:
        return failed(case, f"did not answer an ORDER_STATUS_CHANGE webhook within {timeout:g} s "
                      f"(the world's webhook_timeout_seconds): {first_error(delivery)}",
                      f"delivery {delivery['id']}")
    if status not in ACK:
        return failed(case, f"answered an ORDER_STATUS_CHANGE webhook with HTTP {status}; "
                      "TikTok counts only 200 (or 401) as received", f"delivery {delivery['id']}")
    return passed(case, f"answered within {timeout:g} s with HTTP {status}",
                  f"delivery {delivery['id']}")
