"""What the check sees of the app, through the control plane only: its rows in the world's
request log (every call it makes to the sandbox) and the webhook deliveries to it.

"Nothing happened" is bounded by a wall-clock window the runner owns (`Watch.window`): the
app runs on real time, so after a stimulus the check looks at the log until the calls it
waits for came, or the window has passed."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sandbox.readiness.plane import Plane

POLL_S = 0.05  # between two reads of the log while a window is open
Row = dict[str, Any]


def at_of(row: Row) -> float:
    return datetime.fromisoformat(row["at"].replace("Z", "+00:00")).timestamp()


class Watch:
    """The app's requests and deliveries in one world, as the control plane reports them."""

    def __init__(self, world: Plane, app_key: str, window: float, reaction: float,
                 faces: tuple[str, ...] = ("open_api",)) -> None:
        self.world, self.app_key, self.faces = world, app_key, faces  # a client_key for Login Kit
        self.window = window  # how long "no call" is watched for
        self.reaction = reaction  # how long the first call in reaction is waited for
        self.seen_at: dict[int, float] = {}  # seq → the check's monotonic time it first saw it
        self._last = 0

    # -- the request log -------------------------------------------------------------------
    def _rows(self, after: int) -> list[Row]:
        rows: list[Row] = []
        while True:
            page = self.world.requests(after=after)
            if not page:
                break
            now = time.monotonic()
            for row in page:
                self.seen_at.setdefault(row["seq"], now)
            rows.extend(page)
            after = page[-1]["seq"]
        self._last = max(self._last, after)
        return rows

    def mark(self) -> int:
        """The last seq of the log now: what comes after it comes after this moment."""
        self._rows(self._last)
        return self._last

    def calls(self, after: int) -> list[Row]:
        """The app's calls (its key presented, to the watched faces) after seq `after`."""
        return [r for r in self._rows(after) if r.get("key") == self.app_key
                and r["face"] in self.faces]

    def until(self, after: int, done: Callable[[list[Row]], bool],
              limit: float | None = None) -> list[Row]:
        """The app's calls after `after` once `done(calls)` holds, or when `limit` seconds
        (default: the window) have passed."""
        deadline = time.monotonic() + (self.window if limit is None else limit)
        while True:
            found = self.calls(after)
            if done(found) or time.monotonic() >= deadline:
                return found
            time.sleep(POLL_S)  # the app runs on real time; the check waits for it

    def quiet(self, after: int) -> list[Row]:
        """Every call after `after` during the whole window (for "made no call")."""
        return self.until(after, lambda _rows: False)

    def reacted(self, after: int) -> list[Row]:
        """The app's calls after `after`, as soon as there is one (at most `reaction` s)."""
        return self.until(after, bool, self.reaction)

    def gap(self, first: Row, then: Row, frozen: bool) -> float:
        """Seconds between two rows: the world's instants when its clock runs, else when the
        check first saw each row (good to a poll, POLL_S)."""
        if not frozen:
            return at_of(then) - at_of(first)
        return self.seen_at[then["seq"]] - self.seen_at[first["seq"]]

    # -- webhook deliveries ----------------------------------------------------------------
    def deliveries(self, after: int = 0) -> list[Row]:
        return [d for d in self.world.deliveries(after=after) if d["app_key"] == self.app_key]

    def last_delivery_id(self) -> int:
        found = self.world.deliveries()
        while len(found) >= 200:
            more = self.world.deliveries(after=found[-1]["id"])
            if not more:
                break
            found = more
        return found[-1]["id"] if found else 0


def described(row: Row) -> str:
    """`GET /order/202309/orders` (and its refusal, if any)."""
    said = f" → {row['code']}" if row.get("code") else ""
    return f"{row['method']} {row['path']}{said}"


def listed(rows: list[Row], most: int = 3) -> str:
    shown = ", ".join(described(r) for r in rows[:most])
    return shown + (f" and {len(rows) - most} more" if len(rows) > most else "")
