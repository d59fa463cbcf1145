"""Control-plane operations of the rule registry and a world's rules and settings (sandbox
extension): words and answer shapes; the request bodies come from the generated models."""

from __future__ import annotations

from sandbox.openapi.shapes import BOOL, INT, OBJ, STR, Op, Schema, array, obj, op

_ANY = {"description": "a number, switch, word or instant, as the parameter's `type` says"}
_NUM = {"type": ["number", "null"]}

SCHEMAS: dict[str, Schema] = {
    "RuleParam": obj({
        "name": STR, "unit": STR, "type": {"enum": ["int", "float", "bool", "str"]},
        "default": _ANY, "per_market": {"type": "object", "description": "market → default, "
                                        "where a market differs (M1)"},
        "min": _NUM, "max": _NUM, "text": STR, "choices": array(STR),
        "deployment_default": _ANY}, ["name", "unit", "type", "default", "per_market"]),
    "RuleCode": obj({"code": STR, "status": INT, "ticket_fixable": BOOL}, ["code", "status"]),
    "Rule": obj({"id": STR, "text": {"type": "string", "description": "RULES.md's sentence "
                                     "with the default numbers"},
                 "template": STR, "sources": array(STR),
                 "codes": array({"$ref": "#/components/schemas/RuleCode"}),
                 "params": array({"$ref": "#/components/schemas/RuleParam"})},
                ["id", "text", "codes", "params"]),
    "WorldRules": obj({
        "world_id": STR,
        "rules": {"type": "object", "additionalProperties": OBJ,
                  "description": "rule ID → parameter → effective value"},
        "overridden": {"type": "object", "additionalProperties": array(STR),
                       "description": "rule ID → the parameters this world overrides"},
        "by_market": {"type": "object", "description": "market → rule → parameter → value, "
                      "for parameters whose default differs by market"},
        "texts": {"type": "object", "additionalProperties": STR,
                  "description": "rule ID → its text with the world's numbers"}},
        ["world_id", "rules", "overridden"]),
    "WorldSettings": obj({
        "world_id": STR, "settings": {"type": "object", "description": "setting → value"},
        "overridden": array(STR)}, ["world_id", "settings", "overridden"]),
}

_PATCH = {400: "UNKNOWN_RULE UNKNOWN_RULE_PARAMETER INVALID_FIELD INVALID_JSON INVALID_BODY"}

OPERATIONS: dict[str, Op] = {
    "control_rules.list_rules": op(
        "Every rule of RULES.md as the registry declares it: text, refusal codes, parameters "
        "(sandbox extension)", obj({"rules": array({"$ref": "#/components/schemas/Rule"}),
                                    "settings": array(OBJ)}, ["rules", "settings"])),
    "control_rules.world_rules": op(
        "The world's effective rule parameters and which it overrides", "WorldRules"),
    "control_rules.patch_world_rules": op(
        "Change the world's rule parameters (`{\"F1\": {\"hours\": 1}}`), from its next action; "
        "null resets a rule or a parameter", "WorldRules", errors=_PATCH),
    "control_rules.world_settings": op(
        "The world's TikTok-behaviour settings (token lifetimes, error style…) and which it "
        "overrides", "WorldSettings"),
    "control_rules.patch_world_settings": op(
        "Change the world's settings (`{\"oauth_error_status\": \"rfc\"}`); null resets one",
        "WorldSettings", errors={400: "UNKNOWN_SETTING INVALID_FIELD INVALID_JSON INVALID_BODY"}),
}
