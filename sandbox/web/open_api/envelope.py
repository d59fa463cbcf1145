"""TikTok Shop's response envelope `{code, message, request_id, data}` (protocols.md §4)."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify

from sandbox.diagnostics.fault_presets import OPEN_API
from sandbox.diagnostics.fault_reach import SELLER_CENTER, prefixes
from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import log_id


def envelope(data: Any, code: int = 0, message: str = "Success", status: int = 200) -> Any:
    return jsonify({"code": code, "message": message, "request_id": log_id(wall_now()),
                    "data": data}), status


SERVED_PATHS = "sandbox.open_api_paths"


def served_paths() -> tuple[str, ...]:
    """The Open API paths this app serves that have no variable part, which a caller may have
    signed instead of the one it called (the sign explainer tries them)."""
    paths = current_app.extensions.get(SERVED_PATHS)
    if paths is None:
        families = prefixes(SELLER_CENTER, OPEN_API)
        paths = tuple(sorted({rule.rule for rule in current_app.url_map.iter_rules()
                              if "<" not in rule.rule and rule.rule.startswith(families)}))
        current_app.extensions[SERVED_PATHS] = paths
    return paths
