"""The scenario file format (YAML or JSON): actors, steps and their expectations, validated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

ACTOR_KINDS = ("shops", "accounts", "partners", "apps")
STEP_KEYS = frozenset({"do", "name", "as", "expect", "with"})
EXPECT_KEYS = frozenset({"ok", "error", "status", "result", "events", "only_events", "webhooks",
                         "no_webhooks"})
TOP_KEYS = ("name", "description", "start", "rules", "settings", "actors", "steps")
DEFAULT_START = "2026-01-05T09:00:00Z"
LIBRARY = Path(__file__).parent


class ScenarioError(ValueError):
    """The scenario itself is wrong (not the sandbox): says where and what to fix."""

    code = "INVALID_SCENARIO"

    def __init__(self, message: str, where: str = "") -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class Step:
    """One client call (`do`), its arguments, the name its result is saved as, what to expect."""

    index: int
    do: str
    args: dict[str, Any]
    name: str
    save_as: str | None = None
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass
class Scenario:
    name: str
    description: str
    start: str
    actors: dict[str, dict[str, dict[str, Any]]]
    steps: list[Step]
    rules: dict[str, Any] = field(default_factory=dict)  # the world's rules PATCH body
    settings: dict[str, Any] = field(default_factory=dict)  # its settings PATCH body


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ScenarioError("must be a mapping with string keys", where)
    return value


def _step(index: int, raw: Any, known_do: frozenset[str]) -> Step:
    where = f"step {index}"
    raw = _mapping(raw, where)
    do = raw.get("do")
    if not isinstance(do, str) or not do:
        raise ScenarioError("needs `do: <action>`", where)
    if do not in known_do:
        raise ScenarioError(f"unknown action {do!r}; known: {', '.join(sorted(known_do))}", where)
    args = {k: v for k, v in raw.items() if k not in STEP_KEYS}
    args.update(_mapping(raw.get("with"), f"{where}.with"))
    expect = _mapping(raw.get("expect"), f"{where}.expect")
    if unknown := sorted(set(expect) - EXPECT_KEYS):
        raise ScenarioError(f"unknown expectation(s) {unknown}; known: {sorted(EXPECT_KEYS)}",
                            f"{where}.expect")
    error = expect.get("error")
    if error is not None and not isinstance(error, str | dict):
        raise ScenarioError("`error` is a code or {code?, rule?, status?}", f"{where}.expect")
    for key in ("events", "only_events", "webhooks"):
        if key in expect and not (isinstance(expect[key], list)
                                  and all(isinstance(e, str | int) for e in expect[key])):
            raise ScenarioError(f"`{key}` is a list of types", f"{where}.expect")
    save_as = raw.get("as")
    if save_as is not None and not isinstance(save_as, str):
        raise ScenarioError("`as` names the result: a string", where)
    name = raw.get("name")
    return Step(index, do, args, str(name) if name is not None else do, save_as, expect)


def parse(data: Any, known_do: frozenset[str]) -> Scenario:
    """A scenario from parsed YAML/JSON; ScenarioError names the first thing to fix."""
    data = _mapping(data, "scenario")
    if unknown := sorted(set(data) - set(TOP_KEYS)):
        raise ScenarioError(f"unknown field(s) {unknown}; a scenario has "
                            f"{', '.join(TOP_KEYS)}", "scenario")
    actors_raw = _mapping(data.get("actors"), "actors")
    if unknown := sorted(set(actors_raw) - set(ACTOR_KINDS)):
        raise ScenarioError(f"unknown actor kind(s) {unknown}; known: {list(ACTOR_KINDS)}",
                            "actors")
    actors = {kind: {name: _mapping(spec, f"actors.{kind}.{name}")
                     for name, spec in _mapping(actors_raw.get(kind), f"actors.{kind}").items()}
              for kind in ACTOR_KINDS}
    steps_raw = data.get("steps") or []
    if not isinstance(steps_raw, list):
        raise ScenarioError("must be a list", "steps")
    start = data.get("start", DEFAULT_START)
    if not isinstance(start, str):
        raise ScenarioError("an ISO-8601 instant, quoted", "start")
    return Scenario(name=str(data.get("name") or "scenario"),
                    description=str(data.get("description") or ""), start=start, actors=actors,
                    steps=[_step(i, s, known_do) for i, s in enumerate(steps_raw, 1)],
                    rules=_rules(data.get("rules")),
                    settings=_settings(data.get("settings")))


def _rules(value: Any) -> dict[str, Any]:
    """`rules: {F1: {hours: 1}}`, checked against the rule registry (as the world's PATCH)."""
    from sandbox.rules.registry import OverrideRefused, apply_patch

    rules = _mapping(value, "rules")
    try:
        apply_patch({}, rules)
    except OverrideRefused as exc:
        raise ScenarioError(f"{exc.code}: {exc.message}", f"rules.{exc.field}") from None
    return rules


def _settings(value: Any) -> dict[str, Any]:
    """`settings: {qr_ttl_seconds: 60}`, checked as the world's settings PATCH is."""
    from sandbox.kernel.errors import BadRequest
    from sandbox.kernel.world_config import patched_settings

    settings = _mapping(value, "settings")
    try:
        patched_settings({}, settings)
    except BadRequest as exc:
        raise ScenarioError(f"{exc.code}: {exc.message}",
                            f"settings.{exc.details.get('field', '')}") from None
    return settings


def _plain(value: Any) -> Any:
    """YAML's dates and times as the ISO-8601 strings the sandbox takes."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def load_text(text: str) -> Any:
    """YAML (JSON is YAML too); refusal names the line."""
    try:
        return _plain(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise ScenarioError(f"not YAML or JSON: {exc}".replace("\n", " "), "scenario") from None


def library() -> dict[str, Path]:
    """The scenarios shipped with the package, by name (file stem)."""
    return {p.stem: p for p in sorted(LIBRARY.glob("*.yaml"))}


def read(source: str) -> tuple[Any, str]:
    """A scenario file's content by path, or a shipped scenario by name; and where it came from."""
    path = Path(source)
    if not path.exists():
        shipped = library().get(source.removesuffix(".yaml"))
        if shipped is None:
            raise ScenarioError(f"no such file, and no shipped scenario {source!r} "
                                "(tiktok-sandbox run --list)")
        path = shipped
    return load_text(path.read_text(encoding="utf-8")), str(path)


def dump(transcript: dict[str, Any]) -> str:
    """The transcript's bytes: sorted keys, two-space indents, one trailing newline."""
    return json.dumps(transcript, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
