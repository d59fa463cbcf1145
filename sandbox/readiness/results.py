"""What a readiness run found: one result per case (pass, fail or skip, with the reason naming
what the app did) and the report that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.readiness.cases import BY_ID

PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass
class Result:
    case: str
    status: str
    reason: str
    seconds: float = 0.0
    evidence: list[str] = field(default_factory=list)  # log ids / delivery ids behind it

    def to_dict(self) -> dict[str, Any]:
        case = BY_ID[self.case]
        return {"id": self.case, "title": case.title, "status": self.status,
                "reason": self.reason, "requires": case.requires, "doc": case.doc,
                "applies_to": case.applies_to, "seconds": round(self.seconds, 3),
                "evidence": self.evidence}


@dataclass
class Report:
    world: str
    app_key: str
    results: list[Result] = field(default_factory=list)
    created: list[dict[str, Any]] = field(default_factory=list)  # fixtures the check made
    seconds: float = 0.0

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == FAIL]

    @property
    def ok(self) -> bool:
        return not self.failed

    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.results) for s in (PASS, FAIL, SKIP)}

    def result(self, case_id: str) -> Result:
        return next(r for r in self.results if r.case == case_id)

    def to_dict(self) -> dict[str, Any]:
        return {"world": self.world, "app_key": self.app_key, "ok": self.ok,
                "counts": self.counts(), "seconds": round(self.seconds, 3),
                "created": self.created, "cases": [r.to_dict() for r in self.results]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """A report as the control plane answers it (`POST /worlds/{id}/checks`)."""
        return cls(data["world"], data["app_key"],
                   [Result(c["id"], c["status"], c["reason"], c.get("seconds", 0.0),
                           list(c.get("evidence") or [])) for c in data["cases"]],
                   list(data.get("created") or []), data.get("seconds", 0.0))
