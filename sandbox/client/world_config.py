"""A world's rule numbers and TikTok-behaviour settings, as the client reads and changes them."""

from __future__ import annotations

from typing import Any


class WorldConfig:
    """Mixin of the client's World: `world.rules()`, `world.set_rules(F1={"hours": 1})`,
    `world.settings()`, `world.set_settings(oauth_error_status="rfc")`."""

    def _cp(self, method: str, path: str = "", **kwargs: Any) -> Any:
        raise NotImplementedError

    def rules(self) -> dict[str, Any]:
        """`{"rules": {RULE: {param: value}}, "overridden": {RULE: [param]}, "by_market": …}`."""
        return dict(self._cp("GET", "/rules"))

    def set_rules(self, patch: dict[str, Any] | None = None, **rules: Any) -> dict[str, Any]:
        """Change rule parameters from the world's next action (`F1={"hours": 1}`); None
        resets a rule or a parameter. Returns the effective values."""
        return dict(self._cp("PATCH", "/rules", json={**(patch or {}), **rules}))

    def settings(self) -> dict[str, Any]:
        """`{"settings": {name: value}, "overridden": [name]}`."""
        return dict(self._cp("GET", "/settings"))

    def set_settings(self, patch: dict[str, Any] | None = None, **settings: Any) -> dict[str, Any]:
        """Change how TikTok behaves in this world (`token_preset="2026"`); None resets one."""
        return dict(self._cp("PATCH", "/settings", json={**(patch or {}), **settings}))
