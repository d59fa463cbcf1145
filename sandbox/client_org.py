"""The client's organization-account half (G1-G6, H1-H6): mixins that give World, SellerActor,
Account and AppActor their story methods, and the objects those methods return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .client_base import Polled

if TYPE_CHECKING:
    from .client import Account, AppActor


class OrgWorldMixin:
    """World: the SMS outbox, accounts by open_id, operator unlink."""

    def sms(self, phone: str | None = None, *, after: int = 0,
            wait: float | None = None) -> list[dict[str, Any]]:
        """The world's SMS outbox (to `phone`, after message id `after`); `wait` long-polls."""
        params: dict[str, Any] = {"after": after}
        if phone:
            params["phone"] = phone
        if wait:
            params["wait"] = wait
        return self._cp("GET", "/sms", params=params)["messages"]

    def account(self, open_id: str) -> Account:
        """An existing TikTok account (e.g. a created organization account) by open_id."""
        from .client import Account

        return Account(self, self._cp("GET", f"/accounts/{open_id}"))

    def unlink(self, link_id: str) -> dict[str, Any]:
        """Operator unlink (no F-rule checks)."""
        return self._cp("POST", f"/links/{link_id}/deactivate")


class OrgSellerMixin:
    """SellerActor: Official account → Create / One-time password / Use existing / Upgrade."""

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
            from .client import SandboxError

            raise SandboxError("This shop has no organization account yet (still pending?).")
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


class OrgAccountMixin:
    """Account: TOTP secret, earnings and organization facts (control-plane extensions)."""

    world: Any
    open_id: str
    data: dict[str, Any]

    def refresh(self) -> dict[str, Any]:
        self.data = {**self.data, **self.world._cp("GET", f"/accounts/{self.open_id}")}
        return self.data

    def set_totp(self, secret: str | None = None, **fields: Any) -> dict[str, Any]:
        """Sandbox extension: a known TOTP secret (base32), digits and interval."""
        body = {**({"secret": secret} if secret else {}), **fields}
        return self.world._cp("PUT", f"/accounts/{self.open_id}/totp", json=body)

    def totp(self) -> dict[str, Any]:
        return self.world._cp("GET", f"/accounts/{self.open_id}/totp")

    def set_earnings(self, cents: int) -> dict[str, Any]:
        return self.world._cp("PUT", f"/accounts/{self.open_id}/earnings", json={"cents": cents})

    def organization(self) -> dict[str, Any]:
        """G6/H2: kind, badge, music library, muted videos, login methods, trial."""
        return self.world._cp("GET", f"/accounts/{self.open_id}/organization")


class OrgAppMixin:
    """AppActor: one-time-password, phone and e-mail logins; organization facts; earnings."""

    account: Account
    _http: Any

    def _session(self, path: str, body: dict[str, Any]) -> AppActor:
        """Log in through `path`, over the sandbox's shared connection pool."""
        sandbox = self.account.world.sandbox
        http = self._http or sandbox.http(sandbox.app_url)
        data = http.call("POST", f"/app/api/v1{path}", json={"world": self.account.world.id, **body})
        http.authorize(data["session_token"])
        self._http = http
        return self

    def login_with_otp(self, one_time_password: Any, *, surface: str = "app") -> AppActor:
        """G4: username + one-time password (a OneTimePassword or its digits)."""
        return self._session("/login/otp", {"username": self.account.username,
                                            "one_time_password": str(one_time_password),
                                            "surface": surface})

    def login_with_phone(self, phone: str, password: str | None = None) -> AppActor:
        return self._session("/login/phone", {"phone": phone,
                                              "password": password or self.account.password})

    def login_with_email(self, email: str, password: str | None = None) -> AppActor:
        return self._session("/login/email", {"email": email,
                                              "password": password or self.account.password})

    def organization(self) -> dict[str, Any]:
        return self.call("GET", "/me/organization")

    def withdraw_earnings(self) -> dict[str, Any]:
        """H3: withdraw every earning."""
        return self.call("POST", "/earnings/withdraw")


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
