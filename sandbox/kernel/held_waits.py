"""The ceiling on long polls one process holds at once, so waits never take the working threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# Re-polls per second of all held waits together, for commits of other processes (commits of
# this process wake them at once): with many held, each re-polls less often.
REPOLLS_PER_SECOND = 32.0
REPOLL_MIN_SECONDS = 0.25
RETRY_AFTER_SECONDS = 1  # what a declined wait tells its caller to wait before asking again
# Held waits looking again at once (each takes a database connection): a commit that wakes all
# of them must not take the pool that every other request needs.
FETCHING_MAX = 4


@dataclass
class PollResult:
    """What a long poll found, and whether it was declined (no held slot was free, so it
    answered at once with what there was)."""

    found: list[Any] = field(default_factory=list)
    declined: bool = False


class HeldWaits:
    """A counter of held waits with a ceiling (0: no wait is ever held)."""

    def __init__(self, limit: int) -> None:
        self.limit = max(0, limit)
        self._lock = threading.Lock()
        self._held = 0
        self.fetching = threading.BoundedSemaphore(FETCHING_MAX)  # around a held wait's look

    @property
    def held(self) -> int:
        return self._held

    @contextmanager
    def hold(self) -> Iterator[bool]:
        """Yields whether a slot was free (and holds it until the block ends)."""
        with self._lock:
            granted = self._held < self.limit
            if granted:
                self._held += 1
        try:
            yield granted
        finally:
            if granted:
                with self._lock:
                    self._held -= 1

    def repoll_seconds(self) -> float:
        """How long a held wait sleeps between looks for other processes' commits."""
        return max(REPOLL_MIN_SECONDS, self._held / REPOLLS_PER_SECOND)
