"""Client objects for marketing invitations, inbox items and support tickets (httpx only)."""

from __future__ import annotations

from typing import Any

from .client_base import Polled

INVITATION_SETTLED = frozenset({"linked", "declined", "expired", "refused"})


class Invitation(Polled):
    """A marketing invitation as Seller Center shows it; ``refresh()`` asks the app once."""

    PATH = "/invitations/{id}"
    SETTLED = INVITATION_SETTLED
    NOUN = "invitation"
    CODE = "INVITATION"

    def _set(self, data: dict[str, Any]) -> None:
        super()._set(data)
        self.username: str = data["username"]
        self.link_id: str | None = data.get("link_id")

    def __repr__(self) -> str:
        return f"<Invitation {self.id} @{self.username} {self.status}>"


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
