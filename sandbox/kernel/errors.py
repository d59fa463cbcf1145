"""One error tree for every refusal, so each face can render it in its own wire format."""

from __future__ import annotations

import secrets
from typing import Any

from sandbox.rules.registry import declared


class SandboxError(Exception):
    """A refusal with a stable code, an optional rule ID and a message saying what to fix."""

    code = "SANDBOX_ERROR"
    status = 400
    # A refusal relayed from the other app was checked against the registry where it was
    # raised; the relay passes its code and rule on as they came.
    relayed = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        rule: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or type(self).code
        self.rule = rule
        self.status = status or type(self).status
        self.details = details or {}
        if rule is not None and not self.relayed:
            _check_declared(self.code, rule, self.status)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.rule:
            body["rule"] = self.rule
        if self.details:
            body["details"] = self.details
        return {"error": body}


class UndeclaredRefusal(AssertionError):
    """A refusal names a rule that does not declare its code (or declares another status):
    a bug of the sandbox. Every rule's codes are declared once, in sandbox.rules."""


def _check_declared(code: str, rule: str, status: int) -> None:
    found = declared(code, rule)
    if found is None:
        raise UndeclaredRefusal(f"rule {rule} does not declare the code {code}: add "
                                f"Code({code!r}, {status}) to its declaration in sandbox/rules/")
    if found.status != status:
        raise UndeclaredRefusal(f"{code} ({rule}) is declared with HTTP {found.status}, raised "
                                f"with {status}")


class BadRequest(SandboxError):
    code = "INVALID_REQUEST"
    status = 400


class Unauthorized(SandboxError):
    code = "UNAUTHORIZED"
    status = 401


class Forbidden(SandboxError):
    code = "FORBIDDEN"
    status = 403


class NotFound(SandboxError):
    code = "NOT_FOUND"
    status = 404


class Conflict(SandboxError):
    code = "CONFLICT"
    status = 409


class RuleViolation(SandboxError):
    """A business rule from RULES.md refused the action; `rule` names it."""

    code = "RULE_VIOLATION"
    status = 422


def log_id(now: Any) -> str:
    """TikTok's 34-character log/request id: UTC YYYYMMDDHHMMSS + 20 hex digits."""
    return now.strftime("%Y%m%d%H%M%S") + secrets.token_hex(10).upper()
