"""The creator's phone (fake TikTok app /app/api/v1): logins, QR scans, inbox, consent pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import _Http
from .consent import account_login, walk_consent
from .orders import BuyerOrders

if TYPE_CHECKING:
    from .control import Account


class AppActor(BuyerOrders):
    """The phone in this account's hand (fake app /app/api/v1). Logs in on first use."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self._http: _Http | None = None

    # -- logging in (password, one-time password G4, phone, e-mail) -----------------------
    def login(self, password: str | None = None) -> AppActor:
        sandbox = self.account.world.sandbox
        http = sandbox.http(sandbox.app_url)
        data = http.call("POST", "/app/api/v1/login", json={
            "world": self.account.world.id, "username": self.account.username,
            "password": password or self.account.password})
        http.authorize(data["session_token"])
        self._http = http
        return self

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

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        if self._http is None:
            self.login()
        assert self._http is not None
        return self._http.call(method, f"/app/api/v1{path}", **kwargs)

    # -- QR codes, profile, inbox, shop link (D2, E1, F5) ---------------------------------
    def scan(self, qr_url: str) -> ScannedQr:
        """Open the QR code's link: the ticket becomes `scanned`, the consent screen shows."""
        return ScannedQr(self, self.call("POST", "/scan", json={"url": qr_url}))

    def open_link(self, url: str) -> ScannedQr:
        """D5: the Seller app opened the TikTok app with this link (a request's ``app_link``);
        the consent screen shows, for the account the link names only."""
        return self.scan(url)

    def displayed_qr_codes(self) -> list[dict[str, Any]]:
        return self.call("GET", "/qr/displayed")["qr_codes"]

    def me(self) -> dict[str, Any]:
        return self.call("GET", "/me")

    def switch_to_business_account(self) -> dict[str, Any]:
        """Settings → Account → Switch to Business Account (A2; what Partner Center links, I1)."""
        return self.call("POST", "/me/business-account")

    def switch_to_personal_account(self) -> dict[str, Any]:
        """Settings → Account → Switch to Personal Account (A2 back to A1)."""
        return self.call("POST", "/me/personal-account")

    def inbox(self) -> list[InboxInvitation]:
        """E1: shops' invitations to become their marketing account."""
        return [InboxInvitation(self, i) for i in self.call("GET", "/inbox")["invitations"]]

    def link_info(self) -> dict[str, Any]:
        """Shop → View link info."""
        return self.call("GET", "/shop/link")

    def request_unlink(self) -> dict[str, Any]:
        """F5: Shop → View link info → Send unlink request."""
        return self.call("POST", "/shop/unlink-request")

    # -- organization account and earnings (G6, H2, H3) -----------------------------------
    def organization(self) -> dict[str, Any]:
        return self.call("GET", "/me/organization")

    def withdraw_earnings(self) -> dict[str, Any]:
        """H3: withdraw every earning."""
        return self.call("POST", "/earnings/withdraw")

    # -- selling: shop page, showcase, affiliate creators, videos, LIVE (A4 B1 B3 B6) --------
    def profile_products(self) -> dict[str, Any]:
        """The profile's Shop tab (official account, B1) or Showcase (B3, A4)."""
        return self.call("GET", "/me/products")

    def shop_products(self) -> list[dict[str, Any]]:
        """"Add from shop": the own shop's products on sale (B3)."""
        return self.call("GET", "/me/shop-products")["products"]

    def marketplace(self) -> list[dict[str, Any]]:
        """Every shop's products open to affiliates (A4)."""
        return self.call("GET", "/marketplace")["products"]

    def add_to_showcase(self, *product_ids: str) -> dict[str, Any]:
        return self.call("POST", "/me/showcase", json={"product_ids": list(product_ids)})

    def remove_from_showcase(self, product_id: str) -> dict[str, Any]:
        return self.call("DELETE", f"/me/showcase/{product_id}")

    def verify_identity(self, document_type: str, country: str) -> dict[str, Any]:
        """A4/M2: verify identity with a personal ID document (passport, green card, …)."""
        return self.call("POST", "/me/identity",
                         json={"document_type": document_type, "country": country})

    def affiliate_status(self) -> dict[str, Any]:
        return self.call("GET", "/me/affiliate")

    def sign_affiliate_agreement(self) -> dict[str, Any]:
        return self.call("POST", "/me/affiliate/agreement")

    def apply_as_affiliate(self) -> dict[str, Any]:
        """A4: agreement signed, identity verified, enough followers — or the refusal's code."""
        return self.call("POST", "/me/affiliate/application")

    def post_video(self, title: str = "", *, product_ids: tuple[str, ...] | list[str] = (),
                   description: str = "", duration: int = 15) -> dict[str, Any]:
        """A video; with products it is shoppable (B6)."""
        return self.call("POST", "/me/videos", json={
            "title": title, "description": description, "duration": duration,
            "product_ids": list(product_ids)})

    def videos(self) -> list[dict[str, Any]]:
        return self.call("GET", "/me/videos")["videos"]

    def go_live(self, title: str = "", *, product_ids: tuple[str, ...] | list[str] = ()
                ) -> dict[str, Any]:
        """B6: start a LIVE with products."""
        return self.call("POST", "/me/live", json={"title": title,
                                                   "product_ids": list(product_ids)})

    def end_live(self) -> dict[str, Any]:
        return self.call("POST", "/me/live/end")

    def current_live(self) -> dict[str, Any] | None:
        """The LIVE under way, or None."""
        return self.call("GET", "/me/live")["live"]

    # -- partner apps: consent pages and authorizations -----------------------------------
    def authorized_apps(self) -> list[dict[str, Any]]:
        return self.call("GET", "/authorizations")["apps"]

    def creator_deauthorize(self, auth_url: str) -> None:
        """Open the app's creator authorization link and press Deauthorize (webhook 20)."""
        self.approve(auth_url, decision="deauthorize")

    def remove_authorization(self, client_key: str) -> dict[str, Any]:
        """Manage app permissions → Remove (webhook authorization.removed follows)."""
        return self.call("DELETE", f"/authorizations/{client_key}")

    def approve(self, url: str, *, decision: str = "authorize") -> str:
        """Play the person at a Login Kit or standard OAuth consent page: open `url`, log in
        as this account, press Authorize (or Cancel with decision="deny"), and return the
        redirect URL carrying the code (or the error)."""
        account = self.account
        return walk_consent(url, account_login(account.username, account.password), decision)


class ScannedQr:
    """A QR code the phone has scanned: the consent screen, waiting for Authorize or Deny (D2)."""

    def __init__(self, app: AppActor, data: dict[str, Any]) -> None:
        self.app, self.data = app, data
        self.token: str = data["token"]

    def authorize(self) -> dict[str, Any]:
        """D2: tap Authorize."""
        return self.app.call("POST", f"/qr/{self.token}/authorize")

    def deny(self) -> dict[str, Any]:
        return self.app.call("POST", f"/qr/{self.token}/deny")


class InboxInvitation:
    """An invitation in the creator's app inbox: accept or decline it (E1)."""

    def __init__(self, app: AppActor, data: dict[str, Any]) -> None:
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
