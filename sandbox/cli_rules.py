"""`tiktok-sandbox rules [--world W] [--set RULE.param=VALUE ...] [--json]`: every rule and its
numbers, a world's effective values (overrides marked), and changing them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sandbox.serve_config import json_or_text


class RulesUsageError(ValueError):
    """A `--set` item the command cannot read (bad usage: exit 2)."""


def _client(args: argparse.Namespace) -> Any:
    from sandbox.client import Sandbox

    return Sandbox(args.url, token=args.control_token)


def rules_patch(items: list[str]) -> dict[str, Any]:
    """`["F1.hours=1", "F2=null"]` → `{"F1": {"hours": 1}, "F2": None}` (the PATCH body)."""
    patch: dict[str, Any] = {}
    for item in items:
        key, eq, text = item.partition("=")
        rule, dot, param = key.strip().partition(".")
        if not eq or not rule or (dot and not param):
            raise RulesUsageError(f"--set {item!r}: expected RULE.param=VALUE (e.g. F1.hours=1) "
                                  "or RULE=null")
        value = json_or_text(text)
        if not dot:
            patch[rule] = value
        else:
            params = patch.get(rule)
            patch[rule] = {**(params if isinstance(params, dict) else {}), param: value}
    return patch


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _bounds(param: dict[str, Any]) -> str:
    low, high = param.get("min"), param.get("max")
    parts = [param.get("unit") or ""]
    if low is not None or high is not None:
        parts.append(f"{'' if low is None else _show(low)}..{'' if high is None else _show(high)}")
    if param.get("choices"):
        parts.append("one of " + ", ".join(param["choices"]))
    if param.get("per_market"):
        parts.append("by market: " + ", ".join(f"{m} {_show(v)}"
                                               for m, v in param["per_market"].items()))
    return "; ".join(p for p in parts if p)


def list_lines(rules: list[dict[str, Any]]) -> list[str]:
    """Every rule: its ID and text, then each parameter with its default."""
    lines = []
    for rule in rules:
        lines.append(f"{rule['id']:4} {rule['text']}")
        for p in rule["params"]:
            lines.append(f"       {rule['id']}.{p['name']} = {_show(p['default'])}  "
                         f"({_bounds(p)})")
    return lines


def world_lines(rules: list[dict[str, Any]], effective: dict[str, Any]) -> list[str]:
    """The world's rules that have numbers, with its values; `*` marks the world's overrides."""
    values, overridden = effective.get("rules", {}), effective.get("overridden", {})
    lines = [f"world {effective.get('world_id')}: effective rule values "
             "(* = overridden in this world; reset with --set RULE.param=null)"]
    for rule in rules:
        if not rule["params"]:
            continue
        mine = values.get(rule["id"], {})
        lines.append(f"{rule['id']:4} {effective.get('texts', {}).get(rule['id'], rule['text'])}")
        for p in rule["params"]:
            mark = "*" if p["name"] in overridden.get(rule["id"], []) else " "
            default = "" if not mark.strip() else f"  (registry default {_show(p['default'])})"
            lines.append(f"     {mark} {rule['id']}.{p['name']} = "
                         f"{_show(mine.get(p['name'], p['default']))}{default}")
    return lines


def _rules(args: argparse.Namespace) -> int:
    try:
        patch = rules_patch(args.set)
    except RulesUsageError as exc:
        print(f"tiktok-sandbox: {exc}", file=sys.stderr)
        return 2
    if patch and not args.world:
        print("tiktok-sandbox: rules --set needs --world W (the world whose rules change)",
              file=sys.stderr)
        return 2
    sandbox = _client(args)
    if not args.world:
        listed = sandbox.rules()
        print(json.dumps(listed, indent=2, sort_keys=True) if args.json
              else "\n".join(list_lines(listed)))
        return 0
    world = sandbox.world(args.world)
    effective = world.set_rules(patch) if patch else world.rules()
    if args.json:
        print(json.dumps(effective, indent=2, sort_keys=True))
    else:
        print("\n".join(world_lines(sandbox.rules(), effective)))
    return 0


def add_parsers(sub: Any) -> None:
    """Add the `rules` command to the CLI's subparsers."""
    p = sub.add_parser("rules", help="every rule and its numbers; a world's values; change them")
    p.add_argument("--world", default=None, help="a world id: its effective values")
    p.add_argument("--set", action="append", default=[], metavar="RULE.param=VALUE",
                   help="change a world's rule parameter (repeatable; VALUE is JSON or text); "
                        "RULE=null or RULE.param=null resets to the default; needs --world")
    p.add_argument("--json", action="store_true", help="the answer as JSON")
    p.set_defaults(func=_rules)
