"""`tiktok-sandbox trigger TYPE`: send one webhook of a type now (sandbox extension, cf. `stripe trigger`)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sandbox.domain.webhook_types import TRIGGERABLE, resolve
from sandbox.kernel.errors import SandboxError


def webhook_type(value: str) -> int | str:
    """TYPE as the sandbox names it (16, PRODUCT_CREATION, authorization.removed), or bad usage."""
    try:
        return resolve(value).key
    except SandboxError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def describe(sent: dict[str, Any]) -> list[str]:
    """What was sent, in lines: the type and its object, what was made, each delivery."""
    about = sent["about"]
    shop = f" (shop {sent['shop_id']})" if sent.get("shop_id") and about["kind"] != "shop" else ""
    label = f"{sent['type']} {sent['name']}" if sent["face"] == "shop" else sent["name"]
    lines = [f"{label} about {about['kind']} {about['id']}{shop}"]
    if sent["created"]:
        made = ", ".join(f"{c['kind']} {c.get('id') or c.get('app_key')}" for c in sent["created"])
        lines.append(f"created: {made}")
    lines += [f"delivery {d['id']} to app {d['app_key']} at {d['url']}: {d['status']}"
              for d in sent["deliveries"]]
    return lines


def _trigger(args: argparse.Namespace) -> int:
    from sandbox.client import Sandbox

    world = Sandbox(args.url, token=args.control_token).world(args.world)
    sent = world.trigger_webhook(args.type, shop_id=args.shop, app_key=args.app_key)
    if args.json:
        print(json.dumps(sent, indent=2, sort_keys=True))
    else:
        print("\n".join(describe(sent)))
        print(json.dumps(sent["payload"], indent=2, sort_keys=True))
    return 0


def add_parser(sub: Any) -> None:
    """Add `trigger` to the CLI's subparsers; its help lists every type it takes."""
    types = "\n".join(f"  {str(t.key) if t.face == 'shop' else '':>5}  {t.name:<34} {t.about}"
                      for t in TRIGGERABLE)
    p = sub.add_parser(
        "trigger", help="send one webhook of a type now, about a real object of the world",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Send one webhook of TYPE now to the apps registered for it, signed and\n"
                    "queued as real ones, about a real object of the world (a shop, product,\n"
                    "link, authorization or account is made first when there is none).",
        epilog=f"types (by number or name):\n{types}")
    p.add_argument("type", metavar="TYPE", type=webhook_type,
                   help="a Shop type number or name, or a Login Kit event (listed below)")
    p.add_argument("--world", default="demo", help="world id (default: demo)")
    p.add_argument("--shop", default=None, help="the id of the shop it is about (default: the one that "
                   "last authorized the app, else the first, else a new one)")
    p.add_argument("--app-key", default=None, help="only this app (a Shop app_key or a Login "
                   "Kit client_key; default: every app registered for the type)")
    p.add_argument("--json", action="store_true", help="the whole answer as JSON")
    p.set_defaults(func=_trigger)
