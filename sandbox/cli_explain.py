"""`tiktok-sandbox explain --world W LOG_ID` and `tiktok-sandbox errors` (sandbox extension)."""

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


def add_parsers(sub: Any) -> None:
    """Add the commands to the CLI's subparsers."""
    p = sub.add_parser("explain", help="say why a logged request was refused")
    p.add_argument("log_id", help="the request's log id (world requests, X-Tt-Logid)")
    p.add_argument("--world", required=True, help="world id")
    p.add_argument("--json", action="store_true", help="the whole explanation as JSON")
    p.set_defaults(func=_explain)
    e = sub.add_parser("errors", help="the error catalogue: every refusal code")
    e.set_defaults(func=_errors)
