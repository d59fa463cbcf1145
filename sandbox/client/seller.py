"""The seller in Seller Center (sandbox /api/v1): what it clicks, and the records it watches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .base import Polled, SandboxClientError
from .catalogue import SellerProducts
from .consent import seller_login, walk_consent
from .orders import SellerOrders

if TYPE_CHECKING:
    from .control import Shop, World


class SellerActor(SellerProducts, SellerOrders):
    """What the seller clicks in Seller Center, as calls (sandbox /api/v1)."""

    def __init__(self, shop: Shop, token: str) -> None:
        self.shop = shop
        self._http = shop.world.sandbox.http(shop.world.sandbox.url, token)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._http.call(method, f"/api/v1{path}", **kwargs)

    def start_official_link(self, *, agreed: bool = True) -> LinkRequest:
        """D1: read the rules, agree, get a QR code."""
        return LinkRequest(self, self.call("POST", "/links/official", json={"agreed": agreed}))

    def start_official_link_in_app(self, username: str, *, agreed: bool = True) -> LinkRequest:
        """D5: in the Seller app, Settings → Linked TikTok Accounts → Official Account, type
        the username and agree; the returned request's ``app_link`` opens the TikTok app
        (``account.app.open_link(link.app_link).authorize()``), then ``confirm()`` is "Link"."""
        return LinkRequest(self, self.call("POST", "/links/official",
                                           json={"agreed": agreed, "username": username}))

    def link_request(self, request_id: str) -> LinkRequest:
        return LinkRequest(self, self.call("GET", f"/links/{request_id}"))

    def my_shop(self) -> dict[str, Any]:
        return self.call("GET", "/shop")

    # -- marketing accounts, unlinking, tickets (E1–E2, F1–F6, C7–C8, B2) -------------------
    def invite(self, username: str) -> Invitation:
        """E1: Marketing accounts → invite by username (C8 is checked first)."""
        return Invitation(self, self.call("POST", "/invitations", json={"username": username}))

    def invitations(self) -> list[Invitation]:
        return [Invitation(self, i) for i in self.call("GET", "/invitations")["invitations"]]

    def unlink(self, link_id: str) -> dict[str, Any]:
        """F1–F4 apply; afterwards account and shop are free (F6). A Douyin shop has no unlink
        (J5, `DOUYIN_UNLINK_NOT_AVAILABLE`): use `rebind()`."""
        return self.call("POST", f"/links/{link_id}/unlink")

    def unlink_requests(self) -> list[dict[str, Any]]:
        """F5: creators' requests to be unlinked."""
        return self.call("GET", "/unlink-requests")["unlink_requests"]

    def approve_unlink_request(self, request_id: str) -> dict[str, Any]:
        return self.call("POST", f"/unlink-requests/{request_id}/approve")

    def decline_unlink_request(self, request_id: str) -> dict[str, Any]:
        return self.call("POST", f"/unlink-requests/{request_id}/decline")

    def open_ticket(self, *, link_id: str | None = None, username: str | None = None) -> Ticket:
        """C7: about a link in progress; C8: about an ineligible invitee."""
        body = {"link_id": link_id} if link_id else {"username": username}
        return Ticket(self.shop.world, self.call("POST", "/tickets", json=body))

    def tickets(self) -> list[Ticket]:
        return [Ticket(self.shop.world, t) for t in self.call("GET", "/tickets")["tickets"]]

    def rename_shop(self, name: str) -> dict[str, Any]:
        """B2: the official account is renamed at the same moment."""
        return self.call("PATCH", "/shop", json={"name": name})

    # -- organization accounts and upgrades (G1–G6, H1) ------------------------------------
    def create_organization_account(self, username: str | None = None) -> OrganizationAccount:
        """G1: Official account → Create. Pending until the creation delay has passed."""
        body = {"username": username} if username else {}
        return OrganizationAccount(self, self.call("POST", "/organization-accounts", json=body))

    def organization_accounts(self) -> list[OrganizationAccount]:
        """The shop's organization accounts ("Use existing account" lists the created ones)."""
        return [OrganizationAccount(self, o) for o in
                self.call("GET", "/organization-accounts")["organization_accounts"]]

    def _org_open_id(self, open_id: str | None) -> str:
        if open_id:
            return open_id
        usable = [o for o in self.organization_accounts() if o.status in ("created", "trial")]
        if not usable:
            raise SandboxClientError("This shop has no organization account yet (still pending?).")
        return usable[-1].open_id or ""

    def send_sms_code(self, open_id: str | None = None) -> dict[str, Any]:
        """G4: One-time password → verify by phone: a code goes to the shop's phone."""
        return self.call("POST", f"/organization-accounts/{self._org_open_id(open_id)}/sms-code")

    def one_time_password(self, sms_code: str, open_id: str | None = None) -> OneTimePassword:
        """G4: enter the SMS code; Seller Center shows the username and a one-time password."""
        data = self.call("POST", f"/organization-accounts/{self._org_open_id(open_id)}"
                                 "/one-time-password", json={"sms_code": sms_code})
        return OneTimePassword(data)

    def link_existing(self, open_id: str) -> OrganizationAccount:
        """G5: "Use existing account": link one of the shop's organization accounts again."""
        return OrganizationAccount(self, self.call("POST",
                                                   f"/organization-accounts/{open_id}/link"))

    def start_upgrade(self, *, agreed: bool = True) -> UpgradeRequest:
        """H1: read the upgrade terms, agree, get a QR code."""
        return UpgradeRequest(self, self.call("POST", "/upgrades", json={"agreed": agreed}))

    # -- partner apps (TikTok Shop Open API authorization) ---------------------------------
    # -- Douyin Shop (J1, J5–J7; binding is start_official_link) ------------------------------
    def douyin_status(self) -> dict[str, Any]:
        return self.call("GET", "/douyin/status")

    def rebind(self) -> LinkRequest:
        """J5: 换绑 — a QR code for the account that replaces the official one (once)."""
        return LinkRequest(self, self.call("POST", "/douyin/rebind"))

    def upgrade_official_account(self) -> dict[str, Any]:
        """J6: 官方账号升级."""
        return self.call("POST", "/douyin/upgrade")

    def authorize_account(self, username: str) -> dict[str, Any]:
        """J1: 授权账号 — an account authorized for promotion (never the official one)."""
        return self.call("POST", "/douyin/authorized-accounts", json={"username": username})

    def list_product(self, title: str) -> dict[str, Any]:
        """A product listing; refused with J7 after a missed upgrade deadline."""
        return self.call("POST", "/douyin/products", json={"title": title})

    def approve(self, url: str, *, decision: str = "authorize") -> str:
        """Play the seller at a TikTok Shop authorization page (`/open/authorize?service_id=`):
        log in, press Authorize (or Cancel: decision="deny"), return the redirect URL."""
        seller = self.shop.data["seller"]
        return walk_consent(url, seller_login(seller["email"], seller["password"]), decision)

    def authorized_apps(self) -> list[dict[str, Any]]:
        return self.call("GET", "/authorized_apps")["apps"]

    def deauthorize(self, app_key: str) -> dict[str, Any]:
        """Seller Center → Authorized apps → Deauthorize (webhook type 6 follows)."""
        return self.call("POST", f"/authorized_apps/{app_key}/deauthorize")


class LinkRequest(Polled):
    """A QR link attempt as Seller Center shows it; ``refresh()`` polls the QR code once."""

    PATH = "/links/{id}"
    SETTLED = frozenset({"ready", "refused", "in_progress", "linked", "expired", "denied",
                         "cancelled", "failed"})
    NOUN = "link request"
    CODE = "LINK"

    def _set(self, data: dict[str, Any]) -> None:
        super()._set(data)
        self.qr_url: str = data["qr_url"]
        self.link_id: str | None = data.get("link_id")
        self.account: dict[str, Any] | None = data.get("account")
        self.entry: str = data.get("entry", "qr")
        self.app_link: str | None = data.get("app_link")  # D5: the Seller app's entry

    def confirm(self) -> LinkRequest:
        """D3: "Link this account"."""
        return self._act("POST", "/confirm")

    def cancel(self) -> LinkRequest:
        return self._act("POST", "/cancel")


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


class Ticket:
    """A support ticket the seller opens; the operator resolves it through the control plane (C7, C8)."""

    def __init__(self, world: World, data: dict[str, Any]) -> None:
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


class OrganizationAccount(Polled):
    """An organization account as Seller Center shows it: pending → created | failed."""

    PATH = "/organization-accounts/{id}"
    SETTLED = frozenset({"created", "failed"})
    NOUN = "organization account"
    CODE = "ORG_ACCOUNT"

    def _set(self, data: dict[str, Any]) -> None:
        super()._set(data)
        self.open_id: str | None = data.get("open_id")
        self.username: str | None = data.get("username")
        self.failure: dict[str, Any] | None = data.get("failure")
        self.error = self.error or self.failure
        self.linked: bool = bool(data.get("linked"))

    def __repr__(self) -> str:
        return f"<OrganizationAccount {self.id} {self.status} @{self.username}>"

    def send_sms_code(self) -> dict[str, Any]:
        return self.seller.send_sms_code(self.refresh().open_id)

    def one_time_password(self, sms_code: str) -> OneTimePassword:
        return self.seller.one_time_password(sms_code, self.refresh().open_id)


@dataclass
class OneTimePassword:
    """What Seller Center shows after the phone check: the login username and the password."""

    raw: dict[str, Any] = field(repr=False)

    @property
    def username(self) -> str:
        return self.raw["username"]

    @property
    def password(self) -> str:
        return self.raw["one_time_password"]

    @property
    def expires_at(self) -> str:
        return self.raw["expires_at"]

    def __str__(self) -> str:
        return self.password


class UpgradeRequest(Polled):
    """Upgrading a personal account (H1-H5): QR → trial → completed | cancelled."""

    PATH = "/upgrades/{id}"
    SETTLED = frozenset({"trial", "completed", "cancelled", "refused", "expired", "denied",
                         "failed"})
    NOUN = "upgrade"
    CODE = "UPGRADE"

    def _set(self, data: dict[str, Any]) -> None:
        super()._set(data)
        self.qr_url: str = data["qr_url"]
        self.open_id: str | None = data.get("open_id")

    def upgrade_now(self) -> UpgradeRequest:
        """H4: "Upgrade now"."""
        return self._act("POST", "/complete")

    def cancel(self) -> UpgradeRequest:
        """H4: "Cancel"."""
        return self._act("POST", "/cancel")
