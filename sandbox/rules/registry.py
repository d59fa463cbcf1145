"""Every rule in one table, and the questions asked of it: which rule a code belongs to, what a
world's numbers are, and whether an override may be applied."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sandbox.rules import accounts_and_partners, linking, shops_and_roles
from sandbox.rules.model import Code, Param, Rule

Overrides = Mapping[str, Mapping[str, Any]]  # rule ID → parameter → value

RULES: tuple[Rule, ...] = (*shops_and_roles.RULES, *linking.RULES, *accounts_and_partners.RULES)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
MARKETS = shops_and_roles.MARKETS


class OverrideRefused(ValueError):
    """An override the registry cannot take; `code` is UNKNOWN_RULE, UNKNOWN_RULE_PARAMETER or
    INVALID_FIELD and `field` names what to fix (e.g. "F1.hours")."""

    def __init__(self, message: str, *, code: str, field: str) -> None:
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


def declared(code: str, rule: str) -> Code | None:
    """The declaration of `code` under `rule`, or None if the registry does not declare it."""
    found = BY_ID.get(rule)
    return next((c for c in found.codes if c.code == code), None) if found else None


@lru_cache(maxsize=1)
def _code_rules() -> dict[str, tuple[tuple[str, Code], ...]]:
    out: dict[str, list[tuple[str, Code]]] = {}
    for rule in RULES:
        for code in rule.codes:
            out.setdefault(code.code, []).append((rule.id, code))
    return {k: tuple(v) for k, v in out.items()}


def rules_of_code(code: str) -> tuple[tuple[str, Code], ...]:
    """(rule ID, declaration) of every rule that raises `code` (most codes have one)."""
    return _code_rules().get(code, ())


def rule_of(code: str) -> str | None:
    """The one rule a code belongs to, for documents to name beside it; None when no rule, or
    several, declare it, or it is also a generic code."""
    found = rules_of_code(code)
    return found[0][0] if len(found) == 1 and not found[0][1].general else None


def all_codes() -> Iterable[tuple[Rule, Code]]:
    return ((rule, code) for rule in RULES for code in rule.codes)


class ParamValues:
    """One rule's effective parameters, read as attributes (`rules.F1.hours`)."""

    __slots__ = ("_rule", "_values")

    def __init__(self, rule: str, values: Mapping[str, Any]) -> None:
        self._rule, self._values = rule, values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"rule {self._rule} has no parameter {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]


class RuleValues:
    """A world's effective rule parameters for one market (`rules.F1.hours`, `rules.E2.max`)."""

    __slots__ = ("market", "_values", "overridden")

    def __init__(self, market: str | None, values: dict[str, dict[str, Any]],
                 overridden: dict[str, list[str]]) -> None:
        self.market, self._values, self.overridden = market, values, overridden

    def __getattr__(self, rule: str) -> ParamValues:
        try:
            return ParamValues(rule, self._values[rule])
        except KeyError:
            raise AttributeError(f"no rule {rule!r} with parameters") from None

    def __getitem__(self, rule: str) -> Mapping[str, Any]:
        return MappingProxyType(self._values[rule])  # resolved values are cached and shared

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {rule: dict(params) for rule, params in self._values.items()}

    def text(self, rule: str) -> str:
        """The rule's text with these values in it."""
        return BY_ID[rule].render(self._values)


def resolve(market: str | None, deployment: Overrides | None = None,
            world: Overrides | None = None) -> RuleValues:
    """Defaults (the market's where they differ), then the deployment's overrides, then the
    world's; `overridden` names what the world changed."""
    return _resolve(market, json.dumps(deployment or {}, sort_keys=True),
                    json.dumps(world or {}, sort_keys=True))


@lru_cache(maxsize=256)
def _resolve(market: str | None, deployment: str, world: str) -> RuleValues:
    values = {r.id: {p.name: p.default_for(market) for p in r.params} for r in RULES}
    overridden: dict[str, list[str]] = {}
    for layer, mark in ((json.loads(deployment), False), (json.loads(world), True)):
        for rule, params in layer.items():
            for name, value in params.items():
                if name in values.get(rule, {}):
                    values[rule][name] = value
                    if mark:
                        overridden.setdefault(rule, []).append(name)
    return RuleValues(market, values, overridden)


def check_value(param: Param, value: Any, where: str) -> Any:
    """`value` if it fits `param` (type, bounds, choices), else OverrideRefused naming `where`."""
    kind = param.kind
    if kind is tuple:  # a list of whole numbers (e.g. webhook retry delays), each in bounds
        ok = isinstance(value, list) and bool(value) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value)
        what, items = "non-empty list of whole numbers", value
    else:
        ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
        if ok and kind is float and not math.isfinite(value):
            ok = False  # NaN and Infinity pass no bound and are not JSON
        what, items = kind.__name__, [value]
    if not ok:
        raise OverrideRefused(f"{where} must be a {what} ({param.unit}), not "
                              f"{json.dumps(value)}.", code="INVALID_FIELD", field=where)
    if any(param.min is not None and v < param.min or param.max is not None and v > param.max
           for v in items):
        raise OverrideRefused(f"{where} must be between {param.min} and {param.max} "
                              f"({param.unit}); got {value}.", code="INVALID_FIELD", field=where)
    if param.choices and value not in param.choices:
        raise OverrideRefused(f"{where} must be one of {', '.join(param.choices)}; got "
                              f"{value!r}.", code="INVALID_FIELD", field=where)
    if param.unit == "instant":
        try:
            year = datetime.fromisoformat(value.replace("Z", "+00:00")).year
            if not 1970 <= year <= 9000:  # where a world's clock can be (as POST /worlds `now`)
                raise ValueError(year)
        except ValueError:
            raise OverrideRefused(f"{where} must be an ISO 8601 instant such as "
                                  "2022-12-16T00:00:00Z, in the years 1970 to 9000.",
                                  code="INVALID_FIELD", field=where) from None
    return value


def apply_patch(current: Overrides, patch: Any) -> dict[str, dict[str, Any]]:
    """The overrides after `patch` ({RULE: {param: value|null}|null}): null resets a rule or a
    parameter to its default. Checks the whole patch first; raises OverrideRefused."""
    if not isinstance(patch, dict):
        raise OverrideRefused("The body must be an object of rule IDs, e.g. "
                              '{"F1": {"hours": 1}}.', code="INVALID_FIELD", field="body")
    out = {rule: dict(params) for rule, params in current.items()}
    for rule_id, params in patch.items():
        rule = BY_ID.get(rule_id)
        if rule is None:
            raise OverrideRefused(f"There is no rule {rule_id!r}; GET /_sandbox/v1/rules lists "
                                  "them.", code="UNKNOWN_RULE", field=str(rule_id))
        if params is None:
            out.pop(rule_id, None)
            continue
        if not isinstance(params, dict):
            raise OverrideRefused(f"{rule_id} takes an object of parameters or null, e.g. "
                                  f"{_example(rule)}.", code="INVALID_FIELD", field=rule_id)
        for name, value in params.items():
            param = rule.param(name)
            if param is None:
                names = ", ".join(p.name for p in rule.params) or "none"
                raise OverrideRefused(f"Rule {rule_id} has no parameter {name!r} (its parameters: "
                                      f"{names}).", code="UNKNOWN_RULE_PARAMETER",
                                      field=f"{rule_id}.{name}")
            if value is None:
                out.get(rule_id, {}).pop(name, None)
            else:
                out.setdefault(rule_id, {})[name] = check_value(param, value, f"{rule_id}.{name}")
        if not out.get(rule_id):
            out.pop(rule_id, None)
    return out


def _example(rule: Rule) -> str:
    return json.dumps({p.name: p.default for p in rule.params[:1]}) if rule.params else "null"


def rule_text(rule: str | None) -> str | None:
    """The rule's text with the default numbers, or None for no (or an unknown) rule."""
    return BY_ID[rule].render(resolve(None).as_dict()) if rule in BY_ID else None


def describe(deployment: Overrides | None = None) -> list[dict[str, Any]]:
    """Every rule as the control plane lists it (GET /_sandbox/v1/rules); a parameter the
    deployment changed (`serve --set`) says so in `deployment_default`."""
    defaults, deployment = resolve(None), deployment or {}
    return [{"id": r.id, "text": r.render(defaults.as_dict()), "template": r.text,
             "sources": list(r.sources), "codes": [c.describe() for c in r.codes],
             "params": [p.describe() | ({"deployment_default": deployment[r.id][p.name]}
                                        if p.name in deployment.get(r.id, {}) else {})
                        for p in r.params]} for r in RULES]
