"""`tiktok-sandbox explain --world W LOG_ID`, `errors` and `sign` (sandbox extensions): why a
request was refused, every refusal code, and what the sandbox signs for a request."""

from __future__ import annotations

import argparse
import json
from typing import Any


def _client(args: argparse.Namespace) -> Any:
    from sandbox.client import Sandbox

    return Sandbox(args.url, token=args.control_token)


def _explain(args: argparse.Namespace) -> int:
    found = _client(args).world(args.world).explain(args.log_id)
    if args.json:
        print(json.dumps(found, indent=2, sort_keys=True))
    else:
        print(found["explanation"])
    return 0


def _errors(args: argparse.Namespace) -> int:
    for entry in _client(args).errors():
        rule = f" rule {entry['rule']}" if entry["rule"] else ""
        print(f"{entry['code']}\t{entry['status']}\t{','.join(entry['faces'])}{rule}")
    return 0


def _sign(args: argparse.Namespace) -> int:
    body = b""
    if args.body:
        with open(args.body, "rb") as f:
            body = f.read()
    found = _client(args).sign(args.app_key, args.method, args.request_url, body,
                               content_type=args.content_type)
    if args.json:
        print(json.dumps(found, indent=2, sort_keys=True))
    else:
        print(f"string to sign: {found['string_to_sign']}")
        print(f"sign:           {found['sign']}")
    return 0


def add_parsers(sub: Any) -> None:
    """Add the commands to the CLI's subparsers."""
    p = sub.add_parser("explain", help="say why a logged request was refused")
    p.add_argument("log_id", help="the request's log id (world requests, X-Tt-Logid)")
    p.add_argument("--world", required=True, help="world id")
    p.add_argument("--json", action="store_true", help="the whole explanation as JSON")
    p.set_defaults(func=_explain)
    e = sub.add_parser("errors", help="the error catalogue: every refusal code")
    e.set_defaults(func=_errors)
    g = sub.add_parser("sign", help="print the string to sign and the sign of a request",
                       description="What the sandbox signs for a TikTok Shop Open API request "
                       "and the sign it expects (the secret shown as <app_secret>), to compare "
                       "with your own signing code.")
    g.add_argument("--app-key", required=True, help="the app whose secret signs")
    g.add_argument("method", help="the HTTP method (not signed)")
    g.add_argument("request_url", help="the request URL with its query, e.g. "
                   "'http://127.0.0.1:8700/product/202309/products/search?app_key=K&timestamp=T'")
    g.add_argument("--body", metavar="FILE", help="the raw body, as sent")
    g.add_argument("--content-type", default="application/json",
                   help="multipart/form-data bodies are not signed (default application/json)")
    g.add_argument("--json", action="store_true", help="the whole answer as JSON")
    g.set_defaults(func=_sign)
