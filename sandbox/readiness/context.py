"""What every case is given: the world (a client `World`), the app as the control plane
describes it, the watch on its calls, the stimulus, and the world's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.readiness.observe import Watch
from sandbox.readiness.plane import Plane
from sandbox.readiness.results import FAIL, PASS, SKIP, Result
from sandbox.readiness.stimulus import Stimulus


@dataclass
class LoginSide:
    """The app's Login Kit client: its key, the watch on its calls, the URL that starts its
    TikTok login, and the TikTok user the check plays (made on first use)."""

    client_key: str
    watch: Watch
    url: str | None
    user: dict[str, Any] | None = None


@dataclass
class Context:
    world: Plane
    app: dict[str, Any]
    watch: Watch
    stimulus: Stimulus
    settings: dict[str, Any]
    frozen: bool
    start_seq: int
    start_url: str | None = None
    login: LoginSide | None = None
    changes: list[str] = field(default_factory=list)  # what the check did to the world

    @property
    def app_key(self) -> str:
        return str(self.app["app_key"])


def passed(case: str, reason: str, *evidence: str) -> Result:
    return Result(case, PASS, reason, evidence=list(evidence))


def failed(case: str, reason: str, *evidence: str) -> Result:
    return Result(case, FAIL, reason, evidence=list(evidence))


def skipped(case: str, reason: str) -> Result:
    return Result(case, SKIP, reason)
