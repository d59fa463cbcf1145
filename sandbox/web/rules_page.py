"""Presenter tool of Seller Center: a world's rules page, its numbers editable by operators."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from sandbox.kernel import worlds
from sandbox.kernel.errors import BadRequest, SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import effective_rules
from sandbox.rules.model import Param
from sandbox.rules.registry import BY_ID, RULES
from sandbox.web.auth import check_operator
from sandbox.web_shared.requests import is_operator

bp = Blueprint("rules_page", __name__)


def _input(param: Param) -> dict[str, Any]:
    """How the page edits `param`: a checkbox, a select, a number (with step) or a text box."""
    if param.kind is bool:
        return {"type": "checkbox"}
    if param.choices:
        return {"type": "select", "choices": list(param.choices)}
    if param.kind in (int, float):
        return {"type": "number", "step": "1" if param.kind is int else "any"}
    return {"type": "text"}


def rule_rows(session: Any, world_id: str) -> list[dict[str, Any]]:
    """Every rule of the registry with the world's text and each parameter's value and default."""
    found = effective_rules(session, world_id)
    by_market = found["by_market"]
    rows = []
    for rule in RULES:
        changed = found["overridden"].get(rule.id, [])
        params = [{"name": p.name, "unit": p.unit, "default": p.default, "text": p.text,
                   "min": p.min, "max": p.max, "value": found["rules"][rule.id][p.name],
                   "overridden": p.name in changed, "input": _input(p),
                   "markets": {m: by_market[m][rule.id][p.name] for m in by_market
                               if p.per_market}} for p in rule.params]
        rows.append({"id": rule.id, "text": found["texts"][rule.id], "params": params,
                     "overridden": bool(changed)})
    return rows


def _value(param: Param | None, where: str, form: Any) -> Any:
    """The form's value as the parameter's type (a refusal for a malformed number)."""
    raw = text_field(form, "value")
    if param is None:  # an unknown rule or parameter: change_config names it
        return raw
    if param.kind is bool:
        return raw in ("true", "on", "1")
    if param.kind in (int, float) and raw is not None:
        try:
            return param.kind(raw.strip())
        except ValueError:
            raise BadRequest(f"{where} must be a {param.kind.__name__} ({param.unit}); got "
                             f"{raw[:40]!r}.", code="INVALID_FIELD",
                             details={"field": where}) from None
    return raw


def form_patch(form: Any) -> tuple[str, dict[str, Any]]:
    """The rules patch one of the page's forms asks for: a parameter's value, or a reset."""
    rule_id, name = text_field(form, "rule", ""), text_field(form, "param", "")
    if text_field(form, "action") == "reset":
        return rule_id, {rule_id: None}
    rule = BY_ID.get(rule_id)
    where = f"{rule_id}.{name}"
    return rule_id, {rule_id: {name: _value(rule.param(name) if rule else None, where, form)}}


def _render(world_id: str, refusal: SandboxError | None = None) -> str:
    world = g.runtime.world(g.db, world_id)
    return render_template("rules.html", world=world, rules=rule_rows(g.db, world_id),
                           editable=is_operator(g.runtime.settings.control_token),
                           refusal=refusal)


@bp.get("/worlds/<world_id>/rules")
def page(world_id: str) -> Any:
    """Every rule with the world's numbers; operators also get a form per parameter."""
    return _render(world_id)


@bp.post("/worlds/<world_id>/rules")
def change(world_id: str) -> Any:
    """Operators: change (or reset) one rule parameter of the world, then back to the page."""
    check_operator(g.runtime.settings)
    try:
        rule_id, patch = form_patch(request.form)
        worlds.change_config(g.runtime, world_id, rules=patch)
    except SandboxError as exc:
        g.db.rollback()
        return _render(world_id, refusal=exc), exc.status
    flash(f"Rule {rule_id} changed." if patch[rule_id] else f"Rule {rule_id} reset.", "notice")
    return redirect(url_for("rules_page.page", world_id=world_id, _anchor=f"rule-{rule_id}"))
