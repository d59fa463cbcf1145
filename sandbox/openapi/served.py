"""The OpenAPI 3.1 document of the sandbox's control plane and actor APIs, at /openapi.json."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from sandbox.openapi.document import build_spec

bp = Blueprint("openapi", __name__)


@bp.get("/openapi.json")
def openapi() -> Any:
    return jsonify(build_spec())
