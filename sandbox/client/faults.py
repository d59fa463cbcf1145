"""Client side of a world's fault rules and request log (sandbox extension)."""

from __future__ import annotations

import builtins
from typing import Any


class Faults:
    """`world.faults`: add, list and delete fault rules; `.presets` lists the TikTok errors."""

    def __init__(self, world: Any) -> None:
        self.world = world

    def add(self, match: dict[str, Any] | None = None, effect: dict[str, Any] | None = None, *,
            times: int | None = None, probability: float | None = None,
            seed: int | None = None, **effect_fields: Any) -> dict[str, Any]:
        """`world.faults.add({"face": "open_api"}, tiktok_error=105002, times=1)`; the effect
        is given as a dict or as keywords (status/body, tiktok_error, latency_ms,
        drop_connection)."""
        body: dict[str, Any] = {"match": match or {}, "effect": {**(effect or {}),
                                                                 **effect_fields}}
        for name, value in (("times", times), ("probability", probability), ("seed", seed)):
            if value is not None:
                body[name] = value
        return self.world._cp("POST", "/faults", json=body)

    def list(self) -> list[dict[str, Any]]:
        return self.world._cp("GET", "/faults")["faults"]

    def get(self, fault_id: str) -> dict[str, Any]:
        return next(f for f in self.list() if f["id"] == fault_id)

    def delete(self, fault_id: str) -> None:
        self.world._cp("DELETE", f"/faults/{fault_id}")

    def clear(self) -> None:
        for fault in self.list():
            self.delete(fault["id"])

    @property
    def presets(self) -> builtins.list[dict[str, Any]]:  # `list` here is Faults.list
        return self.world.sandbox.control("GET", "/faults/presets")["presets"]


class Diagnostics:
    """Mixin of the client's World: `world.faults`, `world.requests(...)` and
    `world.explain(log_id)`."""

    @property
    def faults(self) -> Faults:
        return Faults(self)

    def requests(self, after: int = 0, status: int | str | None = None,
                 wait: float | None = None) -> list[dict[str, Any]]:
        """The world's request log after row `after` (`seq`); `status` is 401, "4xx", "error"
        or 0 (dropped); `wait` long-polls."""
        params: dict[str, Any] = {"after": after}
        if status is not None:
            params["status"] = str(status)
        return self._poll("/requests", "requests", params, wait)  # type: ignore[attr-defined]

    def explain(self, log_id: str) -> dict[str, Any]:
        """Why the logged request `log_id` was refused: `explanation` (words), `rule`,
        `rule_text`, `state` and `clock` (sandbox extension)."""
        return self._cp("GET", "/explain", params={"log_id": log_id})  # type: ignore[attr-defined]
