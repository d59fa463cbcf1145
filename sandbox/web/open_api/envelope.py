"""TikTok Shop's response envelope `{code, message, request_id, data}` (protocols.md §4)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import log_id


def envelope(data: Any, code: int = 0, message: str = "Success", status: int = 200) -> Any:
    return jsonify({"code": code, "message": message, "request_id": log_id(wall_now()),
                    "data": data}), status
