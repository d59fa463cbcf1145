"""The OpenAPI document, written out by hand so it says what each field means."""

from __future__ import annotations

from typing import Any


def build_spec() -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "TikTok Shop Sandbox", "version": "0.1.0"},
            "paths": {}}
