"""CLI subcommands `run` (scenario files) and `link`, `invite`, `otp` (journeys), on the client."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _sandbox(args: argparse.Namespace) -> Any:
    from sandbox.client import Sandbox

    if args.url:  # --url or $TIKTOK_SANDBOX_URL (sandbox.cli_connection)
        return Sandbox(args.url, token=args.control_token)
    return Sandbox.local(ticker=False)


def run_command(args: argparse.Namespace) -> int:
    """`run FILE|NAME`: 0 passed, 1 an expectation failed (named on stderr), 2 a bad scenario."""
    from sandbox.scenarios import ScenarioError, library, load, read, run

    if args.list:
        for name, path in library().items():
            print(f"{name:32} {load(path.read_text(encoding='utf-8')).description}")
        return 0
    if not args.file:
        print("error: run needs FILE (or --list)", file=sys.stderr)
        return 2
    try:
        scenario = load(read(args.file)[0])
    except ScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sandbox = _sandbox(args)
    try:
        result = run(scenario, sandbox, seed=args.seed, keep=args.keep)
    except ScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        sandbox.close()
    if args.transcript:
        Path(args.transcript).write_text(result.text, encoding="utf-8")
    print(result.summary(), file=sys.stdout if result.passed else sys.stderr)
    if args.keep:
        print(f"world kept: {result.world_id}")
    return 0 if result.passed else 1


def _world(args: argparse.Namespace) -> Any:
    from sandbox.client import Sandbox

    return Sandbox(args.url, token=args.control_token).world(args.world)


def _login_of(world: Any, kind: str, who: str, field: str) -> str | None:
    for login in (world.data.get("logins") or {}).get(kind, []):
        if login.get(field) == who:
            return login.get("password")
    return None


def seller_of(world: Any, email: str, password: str | None) -> Any:
    """The shop whose seller logs in with `email` (password: given, or the world's logins)."""
    from sandbox.client import Shop

    password = password or _login_of(world, "seller", email, "email")
    if not password:
        raise SystemExit(f"no password for seller {email!r}: pass --seller-password")
    http = world.sandbox.http(world.sandbox.url)
    token = http.call("POST", "/api/v1/seller/login",
                      json={"world": world.id, "email": email, "password": password})["token"]
    probe = Shop(world, {"id": "", "name": "", "market": "", "seller": {"token": token}})
    data = probe.seller.my_shop()
    return Shop(world, {**data, "seller": {"email": email, "password": password, "token": token}})


def account_of(world: Any, username: str, password: str | None) -> Any:
    from sandbox.client import Account

    for view in world._cp("GET", "/accounts")["accounts"]:
        if view["username"] == username.lstrip("@"):
            pw = password or _login_of(world, "app", view["username"], "username") or ""
            return Account(world, {**view, "password": pw})
    raise SystemExit(f"no account {username!r} in world {world.id}")


def _print(data: Any) -> None:
    print(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))


def link_command(args: argparse.Namespace) -> int:
    """D1–D3 from a shell: QR shown, the account scans and authorizes, the seller confirms."""
    world = _world(args)
    shop = seller_of(world, args.shop, args.seller_password)
    account = account_of(world, args.account, args.password)
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    link.wait_until("ready")
    _print((link.confirm() if not args.no_confirm else link).data)
    return 0


def invite_command(args: argparse.Namespace) -> int:
    """E1 from a shell: the seller invites, the account accepts (unless --no-accept)."""
    world = _world(args)
    shop = seller_of(world, args.shop, args.seller_password)
    invitation = shop.seller.invite(args.account)
    if not args.no_accept:
        account = account_of(world, args.account, args.password)
        pending = [i for i in account.app.inbox() if i.status == "pending"
                   and i.from_shop == shop.name]
        pending[0].accept()
        invitation.wait_until("linked")
    _print(invitation.refresh().data)
    return 0


def otp_command(args: argparse.Namespace) -> int:
    """G4 from a shell: SMS code to the shop's phone, then the one-time password it shows."""
    world = _world(args)
    shop = seller_of(world, args.shop, args.seller_password)
    shop.seller.send_sms_code(args.open_id)
    code = world.sms(phone=shop.data.get("phone"))[-1]["code"]
    _print(shop.seller.one_time_password(code, args.open_id).raw)
    return 0


def add_commands(sub: Any) -> None:
    """Register run, link, invite and otp on the `tiktok-sandbox` parser's subparsers."""
    run = sub.add_parser("run", help="run a scenario file (or a shipped one) in a fresh world")
    run.add_argument("file", nargs="?", help="a .yaml/.json scenario, or a shipped name")
    run.add_argument("--list", action="store_true", help="list the shipped scenarios")
    run.add_argument("--seed", type=int, default=0, help="seeds states and verifiers")
    run.add_argument("--transcript", help="write the normalised transcript here")
    run.add_argument("--keep", action="store_true", help="keep the world to look at afterwards")
    run.set_defaults(func=run_command, local_by_default=True)  # no --url: start one here
    for name, func, helptext in (
            ("link", link_command, "link an account as a shop's official account (D1-D3)"),
            ("invite", invite_command, "invite an account as marketing account (E1)"),
            ("otp", otp_command, "get an organization account's one-time password (G4)")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--world", required=True)
        p.add_argument("--shop", required=True, help="the seller's login e-mail")
        p.add_argument("--seller-password", default=None,
                       help="default: the world's listed logins (demo)")
        if name != "otp":
            p.add_argument("--account", required=True, help="the TikTok username")
            p.add_argument("--password", default=None, help="the account's password")
        else:
            p.add_argument("--open-id", default=None, help="which organization account")
        if name == "link":
            p.add_argument("--no-confirm", action="store_true", help="stop at ready")
        if name == "invite":
            p.add_argument("--no-accept", action="store_true", help="only send it")
        p.set_defaults(func=func)
