"""Request bodies of a world's rules and settings, generated from the rule registry and the
Settings dataclass, so the OpenAPI document shows every rule, parameter, type and bound."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from pydantic import Field, create_model

from sandbox.kernel.settings import Settings
from sandbox.rules.registry import RULES
from sandbox.web_shared.requests import RequestModel


def _param_field(kind: type, low: float | None, high: float | None, choices: tuple[str, ...],
                 text: str) -> tuple[Any, Any]:
    extra: dict[str, Any] = {"ge": low, "le": high} if kind in (int, float) else {}
    if choices:
        extra["json_schema_extra"] = {"enum": [*choices, None]}
    return kind | None, Field(None, description=text + " (null: back to the default)", **extra)


def _rule_model(rule: Any) -> type[RequestModel]:
    params = {p.name: _param_field(p.kind, p.min, p.max, p.choices, f"{p.unit}: {p.text}")
              for p in rule.params}
    return create_model(f"Rule{rule.id}Params", __base__=RequestModel, **params)


RulesPatch: type[RequestModel] = create_model(
    "RulesPatch", __base__=RequestModel, __doc__=(
        "PATCH /worlds/{world_id}/rules (and POST /worlds `rules`): per rule, the parameters to "
        "change; null resets a rule or one parameter to its default. Unknown rule: "
        "UNKNOWN_RULE; unknown parameter: UNKNOWN_RULE_PARAMETER; wrong type or out of "
        "bounds: INVALID_FIELD."),
    **{r.id: (_rule_model(r) | None, Field(None, description=r.text)) for r in RULES if r.params})


def _setting_type(default: Any) -> Any:
    return list[int] if isinstance(default, tuple) else type(default)


SettingsPatch: type[RequestModel] = create_model(
    "SettingsPatch", __base__=RequestModel, __doc__=(
        "PATCH /worlds/{world_id}/settings (and POST /worlds `settings`): how TikTok behaves "
        "in this world; null resets a setting to the deployment's value. Unknown: "
        "UNKNOWN_SETTING; wrong type or out of bounds: INVALID_FIELD."),
    **{f.name: (_setting_type(f.default) | None, Field(None, description=(
        f"deployment default {list(f.default) if isinstance(f.default, tuple) else f.default}"
        + (f"; one of {', '.join(f.metadata['choices'])}" if f.metadata["choices"] else "")),
        **({"ge": f.metadata["min"], "le": f.metadata["max"]}
           if not isinstance(f.default, bool | str | tuple) else {})))
       for f in fields(Settings) if f.metadata.get("world")})
