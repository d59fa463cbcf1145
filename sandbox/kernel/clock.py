"""The only module that reads the wall clock; every world's time is derived from it here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sandbox.kernel.errors import BadRequest


def wall_now() -> datetime:
    """Real UTC time. Nothing else in the project may call datetime.now()."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Treat naive datetimes (SQLite hands them back) as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class ClockState:
    """A world's clock: real time shifted by `offset`, or stopped at `frozen_at`."""

    offset: timedelta = timedelta(0)
    frozen_at: datetime | None = None

    def now(self, wall: datetime | None = None) -> datetime:
        if self.frozen_at is not None:
            return as_utc(self.frozen_at)
        return (wall or wall_now()) + self.offset

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    def moved_to(self, instant: datetime, wall: datetime | None = None) -> ClockState:
        """The same clock mode, now reading `instant`."""
        if self.frozen:
            return ClockState(frozen_at=instant)
        return ClockState(offset=instant - (wall or wall_now()))

    def with_freeze(self, freeze: bool, wall: datetime | None = None) -> ClockState:
        now = self.now(wall)
        if freeze:
            return ClockState(frozen_at=now)
        return ClockState(offset=now - (wall or wall_now()))


_ISO_DURATION = re.compile(
    r"^P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(value: object) -> timedelta:
    """Seconds (number or numeric string) or an ISO-8601 duration such as P1DT2H or PT90S."""
    if isinstance(value, bool):
        raise BadRequest("A duration must be seconds or ISO-8601 (e.g. PT2M).", code="INVALID_DURATION")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value.strip()):
        seconds = float(value)
    elif (isinstance(value, str) and (m := _ISO_DURATION.match(value.strip().upper()))
          and any(m.groupdict().values())):
        parts = {k: float(v) for k, v in m.groupdict().items() if v}
        seconds = timedelta(**parts).total_seconds()
    else:
        raise BadRequest(
            f"Cannot read duration {value!r}: give seconds (e.g. 90) or ISO-8601 (e.g. PT90S, P15D).",
            code="INVALID_DURATION",
        )
    if seconds < 0:
        raise BadRequest("Time only moves forward: the duration must not be negative.",
                         code="CLOCK_BACKWARDS")
    return timedelta(seconds=seconds)


def parse_instant(value: object) -> datetime:
    """An ISO-8601 instant; naive values are taken as UTC."""
    if not isinstance(value, str):
        raise BadRequest("An instant must be an ISO-8601 string.", code="INVALID_INSTANT")
    try:
        return as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        raise BadRequest(f"Cannot read instant {value!r}; use e.g. 2026-01-01T00:00:00Z.",
                         code="INVALID_INSTANT") from None


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return as_utc(value).isoformat().replace("+00:00", "Z")
