"""`tiktok-sandbox check`: run the readiness cases against a partner's running app, registered
in a world of a running sandbox. Exit 0 when no case fails, 1 when one fails, 2 for bad usage."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sandbox.readiness.cases import CASES, unknown_ids


def case_list(value: str) -> list[str]:
    """`--only a,b`: known case ids, or bad usage (exit 2)."""
    ids = [v.strip() for v in value.split(",") if v.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("give at least one case id")
    if bad := unknown_ids(ids):
        raise argparse.ArgumentTypeError(f"unknown case id(s): {', '.join(bad)} (see --help)")
    return ids


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def _check(args: argparse.Namespace) -> int:
    from sandbox.readiness.plane import Plane, PlaneError
    from sandbox.readiness.reports import as_json, junit, terminal
    from sandbox.readiness.runner import UsageProblem, run_checks

    with Plane(args.url, args.world, args.control_token) as plane:
        try:
            report = run_checks(plane, args.app_key, client_key=args.client_key,
                                start_url=args.start_url, login_url=args.login_url,
                                only=args.only)
        except UsageProblem as exc:
            print(f"tiktok-sandbox check: {exc}", file=sys.stderr)
            return 2
        except PlaneError as exc:  # the sandbox refused a step of the check itself
            print(f"tiktok-sandbox check: refused: HTTP {exc.status} {exc}", file=sys.stderr)
            return 1
    print(terminal(report))
    if args.json:
        _write(args.json, as_json(report))
    if args.junit:
        _write(args.junit, junit(report))
    return 0 if report.ok else 1


def add_parser(sub: Any) -> None:
    """Add `check` to the CLI's subparsers; its help lists every case id."""
    cases = "\n".join(f"  {c.id:<30} {c.title}" for c in CASES)
    p = sub.add_parser(
        "check", help="run readiness cases against a partner's running integration",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Drive the app registered in world W (its webhook URL, its shop's\n"
                    "authorization) through what TikTok will do to it, and report each case:\n"
                    "pass, fail (what the app did, what TikTok requires, where to read) or\n"
                    "skip. Exit 0 when no case fails, 1 when one fails, 2 for bad usage.",
        epilog=f"cases:\n{cases}")
    p.add_argument("--world", required=True, help="the world the app is registered in")
    p.add_argument("--app-key", required=True, help="the app's TikTok Shop app_key")
    p.add_argument("--client-key", default=None, help="its Login Kit client_key, if any")
    p.add_argument("--start-url", default=None,
                   help="the app's URL that starts its login or shop authorization")
    p.add_argument("--login-url", default=None,
                   help="the app's URL that starts its TikTok login, when --start-url is its "
                        "shop authorization (sandbox extension)")
    p.add_argument("--only", type=case_list, default=None, metavar="CASE,...",
                   help="run only these cases")
    p.add_argument("--json", default=None, metavar="FILE", help="also write the JSON report")
    p.add_argument("--junit", default=None, metavar="FILE", help="also write JUnit XML")
    p.set_defaults(func=_check)
