"""`tiktok-sandbox listen`: forward a world's webhook deliveries to a local URL and print each one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from sandbox.client import Sandbox


def describe(delivery: dict[str, Any]) -> str:
    try:
        body = json.loads(delivery["body"])
    except ValueError:
        body = {}
    kind = body.get("type", body.get("event", delivery["event"]))
    who = body.get("shop_id") or body.get("user_openid") or body.get("creator_open_id") or ""
    return (f"#{delivery['id']} {delivery['source']} {delivery['app_key']} type={kind} {who} "
            f"id={delivery['notification_id']}")


def forward(http: httpx.Client, target: str, delivery: dict[str, Any]) -> str:
    """POST the delivery's exact body and signature headers to `target`; return the outcome."""
    try:
        resp = http.post(target, content=delivery["body"].encode(), headers=delivery["headers"])
        return str(resp.status_code)
    except httpx.HTTPError as exc:
        return f"error {type(exc).__name__}: {exc}"


def listen(sandbox: Sandbox, world_id: str, target: str, *, after: int | None = None,
           limit: int | None = None, wait: float = 25,
           out: Callable[[str], None] = print) -> int:
    """Forward every new delivery (or those after id `after`); stop after `limit` of them."""
    world = sandbox.world(world_id)
    if after is None:
        existing = world.deliveries()
        after = existing[-1]["id"] if existing else 0
    out(f"Forwarding webhooks of world {world_id} to {target} (Ctrl-C to stop)")
    forwarded = 0
    with httpx.Client(timeout=10) as http:
        while limit is None or forwarded < limit:
            for delivery in world.deliveries(after=after, wait=wait):
                after = delivery["id"]
                out(f"{describe(delivery)} -> {forward(http, target, delivery)}")
                forwarded += 1
                if limit is not None and forwarded >= limit:
                    break
    return forwarded
