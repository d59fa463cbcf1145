"""A world's clock as the client sees it: read, advance, set, freeze (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .control import World


@dataclass
class ClockResult:
    now: str
    frozen: bool
    fired: list[dict[str, Any]]
    raw: dict[str, Any] = field(repr=False)

    @property
    def fired_count(self) -> int:
        """How many events this move's jobs appended (`fired` lists at most 500)."""
        return int(self.raw.get("fired_count", len(self.fired)))

    @property
    def fired_truncated(self) -> bool:
        return bool(self.raw.get("fired_truncated", False))

    @property
    def changes(self) -> list[str]:
        """What this move changed, in words (one line per event; per kind, counted, past 8)."""
        return list(self.raw.get("changes", []))


class Clock:
    """A world's clock: read, advance, set, freeze; advancing fires the jobs that fall due."""

    def __init__(self, world: World) -> None:
        self.world = world

    def _path(self) -> str:
        return f"/worlds/{self.world.id}/clock"

    def get(self) -> dict[str, Any]:
        return self.world.sandbox.control("GET", self._path())

    def now(self) -> str:
        return self.get()["now"]

    def advance(self, duration: float | str | timedelta | None = None, **parts: float) -> ClockResult:
        """``advance(90)``, ``advance("PT24H")`` or ``advance(hours=24)``; fires due jobs."""
        if isinstance(duration, timedelta):
            duration = duration.total_seconds()
        if parts:
            if isinstance(duration, str):
                raise TypeError("advance() takes an ISO-8601 duration string or keyword parts, not both")
            duration = (duration or 0) + timedelta(**parts).total_seconds()
        raw = self.world.sandbox.control("POST", self._path(), json={"advance": duration or 0})
        return ClockResult(raw["now"], raw["frozen"], raw["fired"], raw)

    def set(self, instant: str) -> ClockResult:
        raw = self.world.sandbox.control("POST", self._path(), json={"set": instant})
        return ClockResult(raw["now"], raw["frozen"], raw["fired"], raw)

    def freeze(self) -> dict[str, Any]:
        return self.world.sandbox.control("POST", self._path(), json={"freeze": True})

    def unfreeze(self) -> dict[str, Any]:
        return self.world.sandbox.control("POST", self._path(), json={"freeze": False})
