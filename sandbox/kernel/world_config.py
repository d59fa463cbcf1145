"""A world's rule numbers and TikTok-behaviour settings: the deployment's defaults with the
world's own overrides on top, read once per request with the world's other facts."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sandbox.kernel.errors import BadRequest
from sandbox.kernel.settings import WORLD_SCOPED, Settings, setting_param
from sandbox.kernel.world_facts import world_settings
from sandbox.rules import registry
from sandbox.rules.registry import OverrideRefused, RuleValues

RULE_OVERRIDES = "rule_overrides"  # World.settings key: {RULE: {param: value}}
SETTING_OVERRIDES = "setting_overrides"  # World.settings key: {setting: value}
DEPLOYMENT = "sandbox.settings"  # Session.info key: the runtime's Settings (sessionmaker info)


def deployment(session: Session) -> Settings:
    """The deployment's settings, as the runtime put them in every session it makes."""
    found = session.info.get(DEPLOYMENT)
    return found if isinstance(found, Settings) else Settings(db="memory", seed_demo=False)


def rules_for(session: Session, world_id: str, market: str | None = None) -> RuleValues:
    """The world's effective rule parameters for a shop of `market` (`rules.F1.hours`)."""
    bag = world_settings(session, world_id)
    return registry.resolve(market, deployment(session).rule_defaults, bag.get(RULE_OVERRIDES))


def settings_for(session: Session, world_id: str) -> Settings:
    """The deployment's settings with the world's overrides of the world-scoped ones."""
    base = deployment(session)
    overrides = world_settings(session, world_id).get(SETTING_OVERRIDES)
    if not overrides:
        return base
    return base.with_(**{k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()})


def refused(exc: OverrideRefused) -> BadRequest:
    return BadRequest(exc.message, code=exc.code, details={"field": exc.field})


def patched_rules(current: dict[str, Any], patch: Any) -> dict[str, dict[str, Any]]:
    """The world's rule overrides after `patch`; BadRequest (UNKNOWN_RULE…) changes nothing."""
    try:
        return registry.apply_patch(current, patch)
    except OverrideRefused as exc:
        raise refused(exc) from None


def patched_settings(current: dict[str, Any], patch: Any) -> dict[str, Any]:
    """The world's setting overrides after `patch` ({name: value|null}); BadRequest
    (UNKNOWN_SETTING, INVALID_FIELD) on the first bad entry, changing nothing."""
    if not isinstance(patch, dict):
        raise BadRequest('The body must be an object of settings, e.g. {"qr_ttl_seconds": 60}.',
                         code="INVALID_FIELD", details={"field": "body"})
    out = dict(current)
    for name, value in patch.items():
        param = setting_param(name)
        if param is None:
            raise BadRequest(f"There is no world setting {name!r}; GET "
                             "/_sandbox/v1/worlds/{id}/settings lists them.",
                             code="UNKNOWN_SETTING", details={"field": name})
        if value is None:
            out.pop(name, None)
        else:
            try:
                out[name] = registry.check_value(param, value, name)
            except OverrideRefused as exc:
                raise refused(exc) from None
    return out


def effective_rules(session: Session, world_id: str) -> dict[str, Any]:
    """What GET /worlds/{id}/rules answers: the values, which are overridden, and the values
    that differ by market."""
    values = rules_for(session, world_id)
    markets = {m: rules_for(session, world_id, m) for m in registry.MARKETS}
    per_market = {m: {r.id: {p.name: v[r.id][p.name] for p in r.params if p.per_market}
                      for r in registry.RULES if any(p.per_market for p in r.params)}
                  for m, v in markets.items()}
    return {"world_id": world_id, "rules": values.as_dict(), "overridden": values.overridden,
            "by_market": per_market, "texts": {r.id: values.text(r.id) for r in registry.RULES}}


def effective_settings(session: Session, world_id: str) -> dict[str, Any]:
    """What GET /worlds/{id}/settings answers: every world-scoped setting's value and which
    the world overrides."""
    current = settings_for(session, world_id)
    overrides = world_settings(session, world_id).get(SETTING_OVERRIDES) or {}
    values = {}
    for name in WORLD_SCOPED:
        value = getattr(current, name)
        values[name] = list(value) if isinstance(value, tuple) else value
    return {"world_id": world_id, "settings": values, "overridden": sorted(overrides)}

