"""`tiktok-sandbox serve`: both apps on their ports in this process (or `--workers` processes), and
the banner saying where they answer."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import threading
from typing import Any


def serve(args: argparse.Namespace) -> int:
    """`serve`, with the cyclic garbage collector paused while it starts.

    Start-up builds ~160,000 long-lived objects (modules, tables, routes, models, the demo
    world's rows) and almost no garbage, so the collector's passes over them only cost time
    (~100 ms of the cold start). Once the servers run, those objects are frozen (never scanned
    again) and collection resumes; with `--workers` it resumes before gunicorn takes over."""
    gc.disable()
    try:
        return _serve_started(args)
    finally:
        gc.enable()


def _serve_started(args: argparse.Namespace) -> int:
    from sandbox.serve import start
    from sandbox.serve_config import ConfigError, settings_from

    try:
        settings = settings_from(args, os.environ)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only == "seller":
        if not args.app_url:
            print("error: serve --only seller needs --app-url (where the fake app answers)",
                  file=sys.stderr)
            return 2
        settings = settings.with_(app_url=args.app_url.rstrip("/"))
    from sandbox.serve import ExposureError

    if args.workers is not None and args.workers < 1:
        print("error: --workers is a number of processes, 1 or more", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers > 1:
        gc.enable()
        return _serve_workers(args, settings)
    try:
        running = start(settings, transport="http" if args.only else args.transport,
                        only=args.only, threads=args.threads or 16)
    except ExposureError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # What start-up built stays for the life of the process: never scan it again. (Its few
    # cycles of garbage stay too; a collection here would hold the GIL ~100 ms while the
    # first requests wait.)
    gc.freeze()
    gc.enable()
    _banner(settings, running.seller_url, running.app_url, running.runtime.store.url)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    running.stop()
    return 0


def _serve_workers(args: argparse.Namespace, settings: Any) -> int:
    """gunicorn: this process becomes the arbiter of `--workers` processes serving both ports."""
    from sandbox.kernel.store import resolve_db_url
    from sandbox.serve import ExposureError
    from sandbox.serve_workers import Plan, WorkersError

    if args.only:
        print("error: --workers serves both services; leave out --only", file=sys.stderr)
        return 2
    try:
        plan = Plan(settings, workers=args.workers, threads=args.threads or 8,
                    transport=args.transport)
    except (ExposureError, WorkersError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    plan.prepare()
    _banner(plan.settings, plan.settings.seller_url, plan.settings.app_url,
            resolve_db_url(settings.db, settings.home),
            f"\n  workers:              {args.workers} processes x {args.threads or 8} threads")
    plan.run()
    return 0


def _banner(settings: Any, seller_url: str, app_url: str, db_url: str, extra: str = "") -> None:
    logins = ""
    if settings.seed_demo:
        from sandbox.web.control.seeding import DEMO_PASSWORD

        logins = (f"\n  demo seller:   seller@acme.test / {DEMO_PASSWORD}   (shop Acme Official, US); "
                  "also seller@other.test (Other Shop), seller@frozen.test (frozen, C4), "
                  "seller@brit.test (GB)"
                  f"\n  demo creator:  alice / {DEMO_PASSWORD}   (also teen_tom, uk_ursula, "
                  "flagged_fred, revoked_rita, linked_lena, pending_paul, violet, bob, "
                  "points_pat, starmcn_biz)"
                  f"\n  demo Douyin:   seller@douyin.test / {DEMO_PASSWORD} (抖音小店); "
                  "dy_bluev, dy_other, dy_ent, dy_user (cases 1-4), dy_anon (J2)"
                  f"\n  demo partners: partner@starmcn.test / {DEMO_PASSWORD} (Star MCN, MCN), "
                  f"partner@dealtap.test / {DEMO_PASSWORD} (Deal Finders TAP, TAP) at "
                  f"{seller_url}/partner/login?world=demo"
                  "\n  demo selling:  linked_lena (Other Shop's official account: shop page, B1), "
                  "mia_markets (Acme's marketing account: showcase, B3), aff_amy (affiliate, "
                  "25,400 followers, A4), few_fiona (640 followers: refused, A4)"
                  f"\n  Seller app:    {seller_url}/seller-app/ (Linked TikTok Accounts "
                  "→ Official Account, D5)")
    print(f"TikTok Shop Sandbox is up (database: {db_url.split('@')[-1]})\n"
          f"  Seller Center:        {seller_url}/\n"
          f"  TikTok app (phone):   {app_url}/phone/\n"
          f"  control plane:        {seller_url}/_sandbox/v1  (OpenAPI: "
          f"{seller_url}/openapi.json){extra}{logins}{_exposure(settings)}", flush=True)


def _exposure(settings: Any) -> str:
    """What the banner says about who can reach the sandbox."""
    from sandbox.web_shared.requests import is_loopback

    if is_loopback(settings.host):
        return ""
    control = ("needs 'Authorization: Bearer <control token>' from other machines"
               if settings.control_token else "OPEN to anyone who can reach it (--open-control-plane)")
    where = "every interface" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return f"\n  listening on {where}; the control plane {control}"
