"""The routes both apps serve, read from their Flask url maps: the document's list of paths."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Route:
    """One method of one url rule; `path` is the OpenAPI template with the rule's own names."""

    path: str
    method: str
    endpoint: str
    view: Callable[..., Any]
    on_app: bool
    converters: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def request_model(self) -> Any:
        """The model the view validates its JSON body with (`web_shared.requests.accepts`), or None."""
        if self.method not in ("post", "put", "patch"):
            return None
        return getattr(self.view, "request_model", None)


def openapi_path(rule: str) -> str:
    """A Flask rule as an OpenAPI path: `<int:delivery_id>` → `{delivery_id}`."""
    return re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", rule)


def _converters(rule: Any) -> dict[str, str]:
    return {name: type(conv).__name__ for name, conv in rule._converters.items()}


def routes_of(app: Flask, *, on_app: bool) -> list[Route]:
    """Every (rule, method) of `app`, HEAD and OPTIONS aside."""
    return [Route(openapi_path(rule.rule), method.lower(), rule.endpoint,
                  app.view_functions[rule.endpoint], on_app, _converters(rule))
            for rule in app.url_map.iter_rules()
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


def route_table(seller: Flask, fake: Flask) -> list[Route]:
    return routes_of(seller, on_app=False) + routes_of(fake, on_app=True)
