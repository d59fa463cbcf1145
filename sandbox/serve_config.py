"""The deployment's Settings for `tiktok-sandbox serve`: the Settings defaults, then a TOML config
file (`--config FILE`, else $TIKTOK_SANDBOX_CONFIG), then the command line (its own options,
then `--set KEY=VALUE`, the last word). KEY is a Settings field (`qr_ttl_seconds`) or a rule
parameter (`F1.hours`, into `Settings.rule_defaults`); anything unknown or invalid is refused."""

from __future__ import annotations

import argparse
import json
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from sandbox.kernel.errors import BadRequest
from sandbox.kernel.settings import Settings
from sandbox.kernel.world_config import patched_settings
from sandbox.rules.registry import OverrideRefused, apply_patch

ENV_CONFIG = "TIKTOK_SANDBOX_CONFIG"
ENV_SECRET_KEY = "TIKTOK_SANDBOX_SECRET_KEY"
RULES_TABLE = "rules"
_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


class ConfigError(ValueError):
    """A deployment setting `serve` cannot start with (bad usage: exit 2), in one line."""


def _field_types() -> dict[str, Any]:
    hints = typing.get_type_hints(Settings)
    return {f.name: hints[f.name] for f in fields(Settings) if f.name != "rule_defaults"}


def json_or_text(text: str) -> Any:
    """`1` → 1, `true` → True, `"x"` → "x", `[1, 2]` → [1, 2]; anything else as the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _typed(name: str, kind: Any, value: Any) -> Any:
    """`value` (a TOML value, or the text of `--set`) as the field's type."""
    def bad(why: str) -> ConfigError:
        return ConfigError(f"setting {name} {why}; got {value!r}")

    args = typing.get_args(kind)
    if type(None) in args:  # `str | None`: "null" or "" is None
        if value is None or value in ("null", ""):
            return None
        kind = next(a for a in args if a is not type(None))
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in _TRUE + _FALSE:
            return value.lower() in _TRUE
        raise bad("must be true or false")
    if kind is int or kind is float:
        if isinstance(value, bool):
            raise bad(f"must be a{'n integer' if kind is int else ' number'}")
        try:
            return kind(value) if isinstance(value, str) or kind is float else _whole(value)
        except (TypeError, ValueError):
            raise bad(f"must be a{'n integer' if kind is int else ' number'}") from None
    if typing.get_origin(kind) is tuple:
        items = value.strip("[]").split(",") if isinstance(value, str) else value
        try:
            return tuple(int(str(v).strip()) for v in items)
        except (TypeError, ValueError):
            raise bad("must be a list of whole numbers, e.g. 120,1800,10800") from None
    if not isinstance(value, str):
        raise bad("must be a string")
    return value


def _whole(value: Any) -> int:
    if not isinstance(value, int):
        raise TypeError(value)
    return value


def _checked_world(name: str, value: Any) -> None:
    """Bounds and choices of a world-scoped setting, as a world's PATCH checks them."""
    try:
        patched_settings({}, {name: list(value) if isinstance(value, tuple) else value})
    except BadRequest as exc:
        if exc.code != "UNKNOWN_SETTING":  # deployment-only: no bounds to check
            raise ConfigError(f"{exc.code}: {exc.message}") from None


def read_config(path: str) -> dict[str, Any]:
    """A TOML config file: top-level keys are settings, `[rules.F1]` holds `hours = 1`."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not TOML: {exc}") from None


def parse_set(items: list[str]) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """`--set KEY=VALUE` items: (settings as text, rule patch {RULE: {param: value}})."""
    settings: dict[str, str] = {}
    rules: dict[str, dict[str, Any]] = {}
    for item in items:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or not key:
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE, e.g. qr_ttl_seconds=60 "
                              "or F1.hours=1")
        if "." in key:
            rule, _, param = key.partition(".")
            rules.setdefault(rule, {})[param] = json_or_text(value)
        else:
            settings[key] = value
    return settings, rules


def _flags(args: argparse.Namespace, env: Mapping[str, str]) -> dict[str, Any]:
    """The settings `serve`'s own options give (only those given)."""
    given = {"db": args.db, "host": args.host, "seller_port": args.port,
             "app_port": args.app_port, "control_token": args.control_token,
             "qr_ttl_seconds": args.qr_ttl, "public_host": args.public_host,
             "secret_key": args.secret_key or env.get(ENV_SECRET_KEY) or None}
    out = {k: v for k, v in given.items() if v is not None}
    if args.open_control_plane:
        out["open_control_plane"] = True
    if args.rfc_errors:
        out["oauth_error_status"] = "rfc"
    if args.no_demo:
        out["seed_demo"] = False
    return out


def settings_from(args: argparse.Namespace, env: Mapping[str, str]) -> Settings:
    """The Settings `serve` starts with; ConfigError names the first unknown or invalid key."""
    types = _field_types()
    layers: list[Mapping[str, Any]] = []
    rule_patches: list[tuple[str, Any]] = []
    path = getattr(args, "config", None) or env.get(ENV_CONFIG) or None
    if path:
        data = dict(read_config(path))
        rule_patches.append((f"config file {path}", data.pop(RULES_TABLE, {})))
        layers.append(data)
    layers.append(_flags(args, env))
    set_settings, set_rules = parse_set(getattr(args, "set", None) or [])
    layers.append(set_settings)
    rule_patches.append(("--set", set_rules))
    values: dict[str, Any] = {}
    for layer in layers:
        if unknown := sorted(set(layer) - set(types)):
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; a key is a setting "
                              "such as qr_ttl_seconds, or RULE.param such as F1.hours")
        for name, value in layer.items():
            values[name] = _typed(name, types[name], value)
            _checked_world(name, values[name])
    if "app_port" not in values:
        port = values.get("seller_port", Settings.seller_port)
        values["app_port"] = port + 1 if port else 0
    rule_defaults: dict[str, dict[str, Any]] = {}
    for where, patch in rule_patches:
        try:
            rule_defaults = apply_patch(rule_defaults, patch)
        except OverrideRefused as exc:
            raise ConfigError(f"{where}: {exc.code} {exc.field}: {exc.message}") from None
    return Settings(**values, rule_defaults=rule_defaults)
