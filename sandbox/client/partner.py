"""The partner in Partner Center (sandbox /api/v1/partner): what it clicks, and what it watches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Polled

if TYPE_CHECKING:
    from .control import World


class Partner:
    """A Partner Center partner (MCN or TAP) as the operator sees it; `center` is the person
    signed in to its Partner Center."""

    def __init__(self, world: World, data: dict[str, Any]) -> None:
        self.world, self.data = world, data
        self.id: str = data["id"]
        self.name: str = data["name"]
        self.kind: str = data["kind"]
        self.login: dict[str, str] = data.get("login") or {}
        self.center = PartnerCenter(self, self.login.get("token", ""))

    def refresh(self) -> dict[str, Any]:
        self.data = {**self.data, **self.world._cp("GET", f"/partners/{self.id}")}
        return self.data

    def unlink(self) -> dict[str, Any]:
        """I3: the account manager unlinks the partner's TikTok account (an operator action)."""
        return self.world._cp("POST", f"/partners/{self.id}/unlink")


class PartnerCenter:
    """What the partner clicks in Partner Center, as calls."""

    def __init__(self, partner: Partner, token: str) -> None:
        self.partner = partner
        sandbox = partner.world.sandbox
        self._http = sandbox.http(sandbox.url, token)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._http.call(method, f"/api/v1/partner{path}", **kwargs)

    def me(self) -> dict[str, Any]:
        return self.call("GET", "/me")

    def start_tiktok_link(self) -> PartnerLinkRequest:
        """I1: My Account → Link TikTok Account → Get Started: a QR code."""
        return PartnerLinkRequest(self, self.call("POST", "/tiktok-links"))

    def invite_creator(self, username: str, *, attach_profile: bool = False,
                       kind: str = "binding", message: str = "") -> PartnerInvitation:
        """I4: Manage Partnerships → Add New Creator (`binding`) or Find Creators → Invite
        (`collaboration`), optionally with Attach TikTok profile."""
        return PartnerInvitation(self, self.call("POST", "/invitations", json={
            "username": username, "kind": kind, "attach_profile": attach_profile,
            "message": message}))

    def invitations(self) -> list[PartnerInvitation]:
        return [PartnerInvitation(self, d) for d in self.call("GET", "/invitations")["invitations"]]

    def create_campaign(self, name: str, *, attach_profile: bool = False,
                        **fields: Any) -> dict[str, Any]:
        """I4: Partner Campaigns → Create Campaign (Social Account → Attach TikTok profile)."""
        return self.call("POST", "/campaigns", json={"name": name,
                                                     "attach_profile": attach_profile, **fields})

    def campaigns(self) -> list[dict[str, Any]]:
        return self.call("GET", "/campaigns")["campaigns"]


class PartnerLinkRequest(Polled):
    """A "Get Started" QR code as Partner Center shows it; ``refresh()`` polls it once."""

    PATH = "/tiktok-links/{id}"
    SETTLED = frozenset({"linked", "refused", "expired", "denied", "failed"})
    NOUN = "TikTok link request"
    CODE = "PARTNER_LINK"

    def _set(self, data: dict[str, Any]) -> None:
        super()._set(data)
        self.qr_url: str = data["qr_url"]
        self.link_id: str | None = data.get("link_id")
        self.account: dict[str, Any] | None = data.get("account")


class PartnerInvitation(Polled):
    """A creator invitation from Partner Center; ``refresh()`` asks the app once."""

    PATH = "/invitations/{id}"
    SETTLED = frozenset({"accepted", "declined", "expired", "failed"})
    NOUN = "partner invitation"
    CODE = "PARTNER_INVITATION"

    def _set(self, data: dict[str, Any]) -> None:
        super()._set(data)
        self.username: str = data["username"]
        self.handle: str | None = data.get("handle")
