"""`tiktok-sandbox`: serve both apps, and manage worlds and clocks of a running sandbox."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sandbox.cli_connection import add_connection_options, failure_line, resolve_url
from sandbox.cli_serve import serve as _serve


def _client(args: argparse.Namespace) -> Any:
    from sandbox.client import Sandbox

    return Sandbox(args.url, token=args.control_token)


def _print(data: Any) -> None:
    print(json.dumps(data, indent=2, sort_keys=True))


def _world(args: argparse.Namespace) -> int:
    sandbox = _client(args)
    if args.world_cmd == "create":
        world = sandbox.create_world(name=args.name, seed=args.seed, frozen=args.frozen)
        _print(world.data)
    elif args.world_cmd == "list":
        _print([w.data for w in sandbox.worlds()])
    elif args.world_cmd == "fork":
        _print(sandbox.fork_world(args.world_id, world_id=args.id, name=args.name).data)
    elif args.world_cmd == "snapshot":
        bundle = json.dumps(sandbox.snapshot(args.world_id), indent=1, sort_keys=True)
        if args.out and args.out != "-":
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(bundle + "\n")
            print(f"wrote {args.out}")
        else:
            print(bundle)
    elif args.world_cmd == "load":
        try:
            if args.file == "-":
                bundle = json.load(sys.stdin)
            else:
                with open(args.file, encoding="utf-8") as f:
                    bundle = json.load(f)
        except (OSError, ValueError) as exc:  # bad usage: no such file, or not JSON
            print(f"tiktok-sandbox: cannot read a bundle from {args.file}: {exc}",
                  file=sys.stderr)
            return 2
        _print(sandbox.load_snapshot(bundle, world_id=args.id, name=args.name).data)
    elif args.world_cmd == "delete":
        sandbox.world(args.world_id).delete()
        print(f"deleted {args.world_id}")
    return 0


def _clock(args: argparse.Namespace) -> int:
    clock = _client(args).world(args.world_id).clock
    if args.clock_cmd == "show":
        _print(clock.get())
    elif args.clock_cmd == "advance":
        _print(clock.advance(args.duration).raw)
    elif args.clock_cmd == "freeze":
        _print(clock.freeze() if not args.off else clock.unfreeze())
    return 0


def _demo(args: argparse.Namespace) -> int:
    _print(_client(args).reset_demo().data)
    return 0


def _listen(args: argparse.Namespace) -> int:
    from sandbox.listen import listen

    try:
        listen(_client(args), args.world, args.forward_to, after=args.after, limit=args.max)
    except KeyboardInterrupt:
        pass
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tiktok-sandbox", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    serve = sub.add_parser("serve", help="run Seller Center and the fake TikTok app")
    serve.add_argument("--host", default=None, help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None,
                       help="Seller Center port (default 8700; 0: ephemeral)")
    serve.add_argument("--app-port", type=int, default=None, help="fake app port (default port+1)")
    serve.add_argument("--db", default=None,
                       help="SQLAlchemy URL, 'memory', or default ./.tiktok-sandbox/sandbox.db")
    serve.add_argument("--transport", choices=("inprocess", "http"), default="inprocess",
                       help="how Seller Center reaches the fake app")
    serve.add_argument("--qr-ttl", type=int, default=None,
                       help="QR code lifetime, seconds (default 120; = --set qr_ttl_seconds=N)")
    serve.add_argument("--control-token", default=None,
                       help="bearer token the control plane requires beyond loopback")
    serve.add_argument("--open-control-plane", action="store_true",
                       help="allow --host beyond loopback without --control-token (anyone who "
                            "reaches it controls every world)")
    serve.add_argument("--public-host", default=None,
                       help="host name other machines use (URLs, QR codes) with --host 0.0.0.0")
    serve.add_argument("--rfc-errors", action="store_true",
                       help="OAuth errors with HTTP 400/401 instead of TikTok's 200")
    serve.add_argument("--no-demo", action="store_true", help="do not seed the demo world")
    serve.add_argument("--only", choices=("seller", "app"), default=None,
                       help="serve one service; the other runs in another process, same --db")
    serve.add_argument("--app-url", default=None,
                       help="with --only seller: the fake app's base URL")
    serve.add_argument("--workers", type=int, default=None,
                       help="N > 1: gunicorn with N processes, both services each (PostgreSQL "
                            "only); default: one process (waitress)")
    serve.add_argument("--threads", type=int, default=None,
                       help="threads per process (default 16; 8 per worker with --workers)")
    serve.add_argument("--secret-key", default=None,
                       help="cookie signing key; give every host of one shared sandbox the same "
                            "(default: $TIKTOK_SANDBOX_SECRET_KEY, else random per start)")
    serve.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                       help="a deployment default, repeatable: a setting (qr_ttl_seconds=60, "
                            "oauth_error_status=rfc) or a rule parameter (F1.hours=1); wins over "
                            "--config")
    serve.add_argument("--config", default=None, metavar="FILE",
                       help="TOML file of settings and [rules.F1] tables (default: "
                            "$TIKTOK_SANDBOX_CONFIG)")
    serve.set_defaults(func=_serve)
    listen = sub.add_parser("listen", help="forward a world's webhooks to a local URL")
    listen.add_argument("--forward-to", required=True, help="e.g. http://localhost:3000/webhooks")
    listen.add_argument("--world", default="demo", help="world id (default: demo)")
    listen.add_argument("--after", type=int, default=None,
                        help="also forward deliveries after this id (default: only new ones)")
    listen.add_argument("--max", type=int, default=None, help="stop after this many")
    listen.set_defaults(func=_listen)
    for name, helptext in (("world", "create, list, delete, fork, snapshot or load worlds"),
                           ("clock", "show, advance or freeze a world's clock"),
                           ("demo", "reset: delete world demo and seed it again")):
        p = sub.add_parser(name, help=helptext)
        if name == "world":
            wsub = p.add_subparsers(dest="world_cmd", required=True)
            c = wsub.add_parser("create")
            c.add_argument("--name")
            c.add_argument("--seed", choices=("demo",))
            c.add_argument("--frozen", action="store_true")
            wsub.add_parser("list")
            d = wsub.add_parser("delete")
            d.add_argument("world_id")
            f = wsub.add_parser("fork", help="copy a world (keys re-issued)")
            f.add_argument("world_id", help="the world to copy")
            s = wsub.add_parser("snapshot", help="write a world's JSON bundle")
            s.add_argument("world_id")
            s.add_argument("--out", "-o", default=None, help="file (default: stdout)")
            ld = wsub.add_parser("load", help="a new world from a JSON bundle")
            ld.add_argument("file", help="bundle file, or - for stdin")
            for copy in (f, ld):
                copy.add_argument("--id", default=None, help="the new world's id")
                copy.add_argument("--name", default=None, help="the new world's name")
            p.set_defaults(func=_world)
        elif name == "demo":
            p.add_subparsers(dest="demo_cmd", required=True).add_parser("reset")
            p.set_defaults(func=_demo)
        else:
            csub = p.add_subparsers(dest="clock_cmd", required=True)
            for cmd in ("show", "advance", "freeze"):
                c = csub.add_parser(cmd)
                c.add_argument("world_id")
                if cmd == "advance":
                    c.add_argument("duration", help="seconds or ISO-8601, e.g. PT24H, P15D")
                if cmd == "freeze":
                    c.add_argument("--off", action="store_true", help="unfreeze")
            p.set_defaults(func=_clock)
    from sandbox.scenarios.commands import add_commands

    add_commands(sub)  # run, link, invite, otp

    from sandbox.cli_check import add_parser as add_check_parser
    from sandbox.cli_explain import add_parsers
    from sandbox.cli_rules import add_parsers as add_rules_parsers
    from sandbox.cli_trigger import add_parser as add_trigger_parser

    add_parsers(sub)
    add_rules_parsers(sub)
    add_trigger_parser(sub)
    add_check_parser(sub)
    add_connection_options(parser, local=("serve",))  # every other command talks to a sandbox
    return parser


def main(argv: list[str] | None = None) -> int:
    """Exit 0 on success, 2 for bad usage or an invalid scenario, 1 for a failed expectation, a
    refusal or a sandbox that cannot be reached (one line on stderr, never a traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    resolve_url(args, parser)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the CLI's one error boundary
        line = failure_line(exc, args.url)
        if line is None:
            raise  # not the sandbox's answer nor its absence: a bug, with its traceback
        print(f"tiktok-sandbox: {line}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
