"""Runs a scenario in a fresh world through the Python client and writes its transcript."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.client.base import SandboxAPIError, SandboxClientError, SandboxTimeout

from .actions import ACTIONS
from .context import RunContext
from .expect import check
from .format import Scenario, ScenarioError, Step, dump
from .normalise import Normaliser

if TYPE_CHECKING:
    from sandbox.client import Sandbox

FORMAT_VERSION = 1


@dataclass
class RunResult:
    """`passed`, the first failed expectation (step, name, why) and the normalised transcript."""

    passed: bool
    failures: list[dict[str, Any]]
    transcript: dict[str, Any]
    world_id: str

    @property
    def text(self) -> str:
        return dump(self.transcript)

    def summary(self) -> str:
        name = self.transcript["scenario"]
        if self.passed:
            return f"PASS {name} ({len(self.transcript['steps'])} steps)"
        return "\n".join(f"FAIL {name}: step {f['step']} ({f['name']}): {f['reason']}"
                         for f in self.failures)


def _data(result: Any) -> Any:
    """What a client result says, as JSON data."""
    if isinstance(result, list | tuple):
        return [_data(r) for r in result]
    for attr in ("data", "raw"):
        value = getattr(result, attr, None)
        if isinstance(value, dict):
            return value
    return result


def _setup(ctx: RunContext, scenario: Scenario, norm: Normaliser) -> dict[str, Any]:
    """Create the scenario's actors; each one's issued values get its name."""
    world, actors = ctx.world, scenario.actors
    created: dict[str, Any] = {}
    for name, spec in actors["shops"].items():
        shop = ctx.shops[name] = world.create_shop(**{"name": name, **spec})
        for value, label in ((shop.id, "shop"), (shop.data["seller"]["email"], "seller"),
                             (shop.data.get("cipher"), "cipher")):
            norm.name(value, f"{label}:{name}")
        created[f"shop:{name}"] = shop.data
    for name, spec in actors["accounts"].items():
        account = ctx.accounts[name] = world.create_account(**{"username": name, **spec})
        norm.name(account.open_id, f"account:{name}")
        norm.name(account.data.get("union_id"), f"union:{name}")
        created[f"account:{name}"] = account.data
    for name, spec in actors["partners"].items():
        partner = ctx.partners[name] = world.create_partner(**{"name": name, **spec})
        norm.name(partner.id, f"partner:{name}")
        created[f"partner:{name}"] = partner.data
    for name, spec in actors["apps"].items():
        app = ctx.apps[name] = world.create_client(**{"name": name, **spec})
        for key in ("app_key", "client_key"):
            norm.name(app.get(key), f"app:{name}")
        for key in ("app_secret", "client_secret"):
            norm.name(app.get(key), f"secret:{name}")
        norm.name(app.get("service_id"), f"service:{name}")
        created[f"app:{name}"] = app
    return created


class _Cursor:
    """What is new in the world since the last step: events, webhook deliveries."""

    def __init__(self, ctx: RunContext) -> None:
        self.world = ctx.world
        self.event = max([e["seq"] for e in self.world.events()], default=0)
        self.delivery = max([d["id"] for d in self.world.deliveries()], default=0)

    def new(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        events = self.world.events(after=self.event)
        deliveries = self.world.deliveries(after=self.delivery)
        self.event = max([e["seq"] for e in events], default=self.event)
        self.delivery = max([d["id"] for d in deliveries], default=self.delivery)
        return events, [_webhook(d) for d in deliveries]


def _webhook(delivery: dict[str, Any]) -> dict[str, Any]:
    try:
        body = json.loads(delivery.get("body") or "null")
    except ValueError:
        body = delivery.get("body")
    kind = body.get("type", body.get("event")) if isinstance(body, dict) else None
    return {"id": delivery["id"], "event": delivery["event"], "type": kind, "body": body,
            "status": delivery["status"], "attempts": delivery["attempts"]}


def _call(ctx: RunContext, step: Step) -> tuple[Any, dict[str, Any] | None]:
    function, kind = ACTIONS[step.do]
    try:
        result = function(ctx, step.args)
    except SandboxAPIError as exc:
        return None, {"status": exc.status, "code": exc.code, "rule": exc.rule,
                      "message": exc.message}
    except SandboxTimeout as exc:
        return None, {"status": None, "code": "TIMEOUT", "rule": None, "message": str(exc)}
    except (KeyError, TypeError, ValueError) as exc:
        raise ScenarioError(f"bad arguments for {step.do!r}: {exc!r}",
                            f"step {step.index}") from None
    if kind:
        ctx.last[kind] = result
    if hasattr(result, "wait_until"):
        ctx.last["polled"] = result
        if getattr(result, "qr_url", None):
            ctx.last["qr"] = result
    if step.save_as:
        ctx.saved[step.save_as] = result
    return result, None


def run(scenario: Scenario, sandbox: Sandbox, *, seed: int = 0, keep: bool = False) -> RunResult:
    """Run `scenario` in a new world frozen at its `start`; delete the world unless `keep`."""
    norm = Normaliser()
    norm.base(sandbox.url, "seller")
    norm.base(sandbox.app_url, "app")
    label = re.sub(r"[^A-Za-z0-9 _-]", "-", scenario.name)[:60] or "scenario"
    try:
        world = sandbox.create_world(f"scenario {label}", now=scenario.start,
                                     rules=scenario.rules or None,
                                     settings=scenario.settings or None)
    except SandboxAPIError as exc:  # e.g. an unknown or out-of-bounds setting: the file's fault
        if exc.status != 400:
            raise
        raise ScenarioError(f"{exc.code}: {exc.message}", "scenario rules/settings") from None
    norm.name(world.id, "world")
    norm.name(world.id.replace("_", "-"), "world")
    ctx = RunContext(sandbox, world, random.Random(seed))
    transcript: dict[str, Any] = {"format": FORMAT_VERSION, "scenario": scenario.name,
                                  "seed": seed, "start": scenario.start, "steps": []}
    for key in ("rules", "settings"):
        if getattr(scenario, key):
            transcript[key] = getattr(scenario, key)
    failures: list[dict[str, Any]] = []
    try:
        transcript["actors"] = norm(_setup(ctx, scenario, norm))
        cursor = _Cursor(ctx)
        for step in scenario.steps:
            try:
                result, error = _call(ctx, step)
            except (ScenarioError, SandboxClientError) as exc:
                result, error = None, {"status": None, "code": "SCENARIO_STEP_INVALID",
                                       "rule": None, "message": str(exc)}
            events, webhooks = cursor.new()
            record = norm({"step": step.index, "name": step.name, "do": step.do,
                           "now": world.clock.now(), "outcome": "refused" if error else "ok",
                           "error": error, "result": _data(result), "events": events,
                           "webhooks": webhooks})
            transcript["steps"].append(record)
            reasons = check(step.expect, record)
            if reasons:
                failures.append({"step": step.index, "name": step.name, "do": step.do,
                                 "reason": "; ".join(reasons)})
                break
    finally:
        if not keep:
            world.delete()
    transcript["passed"] = not failures
    transcript["failures"] = failures
    return RunResult(not failures, failures, transcript, world.id)
