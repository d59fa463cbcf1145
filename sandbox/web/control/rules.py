"""The control plane's rules and settings (sandbox extension): every rule as declared, and a
world's own numbers and TikTok-behaviour settings, read and changed per world."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify

from sandbox.kernel import worlds
from sandbox.kernel.settings import describe_settings
from sandbox.kernel.world_config import effective_rules, effective_settings
from sandbox.rules.registry import describe
from sandbox.web.auth import control_blueprint
from sandbox.web.models.world_config import RulesPatch, SettingsPatch
from sandbox.web_shared.requests import accepts, json_body

bp = control_blueprint("control_rules", __name__)


@bp.get("/rules")
def list_rules() -> Any:
    """Every rule of RULES.md: its text, codes and parameters (with the deployment's values)."""
    settings = g.runtime.settings
    return jsonify({"rules": describe(settings.rule_defaults), "settings": describe_settings(settings)})


@bp.get("/worlds/<world_id>/rules")
def world_rules(world_id: str) -> Any:
    return jsonify(effective_rules(g.db, world_id))


@bp.patch("/worlds/<world_id>/rules")
@accepts(RulesPatch)
def patch_world_rules(world_id: str) -> Any:
    worlds.change_config(g.runtime, world_id, rules=json_body())
    return jsonify(effective_rules(g.db, world_id))


@bp.get("/worlds/<world_id>/settings")
def world_settings(world_id: str) -> Any:
    return jsonify(effective_settings(g.db, world_id))


@bp.patch("/worlds/<world_id>/settings")
@accepts(SettingsPatch)
def patch_world_settings(world_id: str) -> Any:
    worlds.change_config(g.runtime, world_id, settings=json_body())
    return jsonify(effective_settings(g.db, world_id))
