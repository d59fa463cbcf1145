"""Where the CLI's commands find a running sandbox (`--url`, `TIKTOK_SANDBOX_URL`), and how they fail."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator

ENV_URL = "TIKTOK_SANDBOX_URL"
DEFAULT_URL = "http://127.0.0.1:8700"
HINT = "start it with 'tiktok-sandbox serve' or pass --url"
_ERRNO = re.compile(r"\[Errno -?\d+\]\s*")


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _option(parser: argparse.ArgumentParser, flag: str, helptext: str) -> None:
    """Add `flag` with no default (so a value given at another level is not overwritten); a
    subcommand that declared it itself keeps its help, but loses its default the same way."""
    existing = parser._option_string_actions.get(flag)
    if existing is not None:
        existing.default = argparse.SUPPRESS
    else:
        parser.add_argument(flag, default=argparse.SUPPRESS, help=helptext)


def add_connection_options(parser: argparse.ArgumentParser, local: tuple[str, ...] = ()) -> None:
    """`--url` and `--control-token` on `parser` and on every subcommand and verb below it,
    except the `local` ones (which start a sandbox rather than talk to one): accepted before or
    after the subcommand, and after its verb (`world --url U list`, `world list --url U`)."""
    _option(parser, "--url", f"a running sandbox (default: ${ENV_URL}, else {DEFAULT_URL})")
    _option(parser, "--control-token", "bearer token of the control plane beyond loopback")
    for name, child in _subcommands(parser):
        if name not in local:
            add_connection_options(child)


def resolve_url(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Settle `args.url` (given, else $TIKTOK_SANDBOX_URL, else the default; None for a command
    that starts its own sandbox when neither is given) and `args.control_token`."""
    url = getattr(args, "url", None) or os.environ.get(ENV_URL) or None
    if url is None and not getattr(args, "local_by_default", False):
        url = DEFAULT_URL
    if url is not None and not url.startswith(("http://", "https://")):
        parser.error(f"--url {url!r} is not an http:// or https:// URL")
    args.url = url.rstrip("/") if url else None
    if not hasattr(args, "control_token"):
        args.control_token = None


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reason(exc: Exception) -> str:
    """`[Errno 111] Connection refused` → `connection refused`."""
    text = _one_line(_ERRNO.sub("", str(exc)).strip()) or type(exc).__name__
    return text[:1].lower() + text[1:]


def failure_line(exc: Exception, url: str | None) -> str | None:
    """What the CLI prints for `exc` instead of a traceback (None: a bug, let it show)."""
    import httpx

    from sandbox.client import SandboxAPIError, SandboxClientError

    if isinstance(exc, SandboxAPIError):
        rule = f" (rule {exc.rule})" if exc.rule else ""
        hint = f" (is {url} a TikTok Shop Sandbox?)" if exc.code == "HTTP_ERROR" and url else ""
        return f"refused: HTTP {exc.status} {exc.code}{rule}: {_one_line(exc.message)}{hint}"
    if isinstance(exc, SandboxClientError):
        return _one_line(str(exc))
    at = f" at {url}" if url else ""
    if isinstance(exc, httpx.TransportError):
        return f"cannot reach the sandbox{at} ({_reason(exc)}); {HINT}"
    if isinstance(exc, httpx.HTTPError):
        return f"the sandbox{at} answered in a way this client cannot read ({_reason(exc)})"
    return None
