"""Client objects for marketing invitations, inbox items and support tickets (httpx only)."""

from __future__ import annotations

import time
from typing import Any

INVITATION_SETTLED = {"linked", "declined", "expired", "refused"}


class Invitation:
    """A marketing invitation as Seller Center shows it; ``refresh()`` asks the app once."""

    def __init__(self, seller: Any, data: dict[str, Any]) -> None:
        self.seller = seller
        self._set(data)

    def _set(self, data: dict[str, Any]) -> None:
        self.data = data
        self.id: str = data["id"]
        self.status: str = data["status"]
        self.username: str = data["username"]
        self.link_id: str | None = data.get("link_id")
        self.error: dict[str, Any] | None = data.get("error")

    def __repr__(self) -> str:
        return f"<Invitation {self.id} @{self.username} {self.status}>"

    def refresh(self) -> Invitation:
        self._set(self.seller.call("GET", f"/invitations/{self.id}"))
        return self

    def wait_until(self, *statuses: str, timeout: float = 10.0) -> Invitation:
        """Poll until one of `statuses`; settling elsewhere raises SandboxAPIError (its rule)."""
        from .client import SandboxAPIError, SandboxTimeout

        wanted = set(statuses) or INVITATION_SETTLED
        deadline = time.monotonic() + timeout
        while True:
            self.refresh()
            if self.status in wanted:
                return self
            if self.status in INVITATION_SETTLED:
                err = self.error or {}
                raise SandboxAPIError(409, err.get("code", f"INVITATION_{self.status.upper()}"),
                                      err.get("message", f"The invitation is {self.status}."),
                                      err.get("rule"), {"status": self.status})
            if time.monotonic() > deadline:
                raise SandboxTimeout(f"invitation {self.id} still {self.status} after {timeout}s")
            time.sleep(0.02)


class InboxInvitation:
    """An invitation in the creator's app inbox: accept or decline it (E1)."""

    def __init__(self, app: Any, data: dict[str, Any]) -> None:
        self.app, self.data = app, data
        self.id: str = data["id"]
        self.status: str = data["status"]
        self.from_shop: str = data["from"]

    def __repr__(self) -> str:
        return f"<InboxInvitation {self.id} from {self.from_shop!r} {self.status}>"

    def accept(self) -> dict[str, Any]:
        self.data = self.app.call("POST", f"/invitations/{self.id}/accept")
        self.status = self.data["status"]
        return self.data

    def decline(self) -> dict[str, Any]:
        self.data = self.app.call("POST", f"/invitations/{self.id}/decline")
        self.status = self.data["status"]
        return self.data


class Ticket:
    """A support ticket; the operator resolves it through the control plane (C7, C8)."""

    def __init__(self, world: Any, data: dict[str, Any]) -> None:
        self.world = world
        self._set(data)

    def _set(self, data: dict[str, Any]) -> None:
        self.data = data
        self.id: str = data["id"]
        self.status: str = data["status"]
        self.cause: dict[str, Any] = data.get("cause") or {}

    def __repr__(self) -> str:
        return f"<Ticket {self.id} {self.data.get('subject')} {self.status}>"

    def resolve(self, decision: str = "fix", note: str | None = None) -> Ticket:
        """Operator: ``fix`` (correct the account, complete the link) or ``reject``."""
        body = {"decision": decision, **({"note": note} if note else {})}
        self._set(self.world._cp("POST", f"/tickets/{self.id}/resolve", json=body))
        return self

    def refresh(self) -> Ticket:
        self._set(self.world._cp("GET", f"/tickets/{self.id}"))
        return self
