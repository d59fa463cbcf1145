"""Python client of the sandbox: the control plane and the actor APIs as a story (DESIGN §7).

httpx only; no Flask import (``Sandbox.local()`` imports the server lazily)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from .client_base import Polled, SandboxAPIError, SandboxError, _Http
from .client_marketing import InboxInvitation, Invitation, Ticket
from .client_org import (
    OneTimePassword,
    OrgAccountMixin,
    OrganizationAccount,
    OrgAppMixin,
    OrgSellerMixin,
    OrgWorldMixin,
    UpgradeRequest,
)

__all__ = ["Sandbox", "SandboxAPIError", "SandboxError", "World", "Shop", "Account",
           "LinkRequest", "Clock", "Invitation", "InboxInvitation", "Ticket",
           "OrganizationAccount", "OneTimePassword", "UpgradeRequest"]


class Sandbox:
    """A sandbox over HTTP: ``Sandbox("http://127.0.0.1:8700")`` or ``Sandbox.local()``."""

    def __init__(self, url: str = "http://127.0.0.1:8700", *, token: str | None = None,
                 timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._pool = httpx.Client(timeout=timeout)  # shared by every actor of this sandbox
        self._http = _Http(self.url, token, client=self._pool)
        self._app_url: str | None = None

    @classmethod
    def local(cls, *, transport: str = "inprocess", ticker: bool = True,
              **settings: Any) -> LocalSandbox:
        """Start both apps in this process on ephemeral ports, sharing one runtime."""
        from sandbox.kernel.settings import Settings
        from sandbox.serve import start

        base = dict(db="memory", seller_port=0, app_port=0, seed_demo=False)
        running = start(Settings(**{**base, **settings}), transport=transport, ticker=ticker)
        return LocalSandbox(running)

    # -- control plane -------------------------------------------------------------------
    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._http.call(method, f"/_sandbox/v1{path}", **kwargs)

    def create_world(self, name: str | None = None, *, seed: str | None = None,
                     frozen: bool = False, now: str | None = None) -> World:
        body: dict[str, Any] = {"name": name, "seed": seed, "frozen": frozen or None, "now": now}
        data = self.control("POST", "/worlds", json={k: v for k, v in body.items()
                                                     if v is not None})
        return World(self, data)

    def world(self, world_id: str) -> World:
        return World(self, self.control("GET", f"/worlds/{world_id}"))

    def worlds(self) -> list[World]:
        return [World(self, w) for w in self.control("GET", "/worlds")["worlds"]]

    @property
    def app_url(self) -> str:
        """The fake TikTok app's base URL, learnt from the sandbox's health page."""
        if self._app_url is None:
            self._app_url = self._http.call("GET", "/_sandbox/v1/info")["app_url"]
        return self._app_url

    def http(self, base_url: str, token: str | None = None) -> _Http:
        """An actor's HTTP calls to `base_url` over this sandbox's shared connection pool."""
        return _Http(base_url, token, client=self._pool)

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# Pages of the sandbox and the fake app a consent journey passes through; a redirect anywhere
# else is the partner's redirect URI, carrying the code (or the error).
_JOURNEY_PATHS = ("/v2/auth/authorize", "/oauth/authorize", "/open/authorize",
                  "/alliance/creator/")


def _consent(url: str, login: dict[str, str], decision: str) -> str:
    """Drive consent pages as a browser would (cookies, redirects, form posts): log in where a
    login form shows, answer the consent page with `decision`, return the final redirect."""
    from urllib.parse import urljoin, urlparse

    with httpx.Client(timeout=30, follow_redirects=False) as http:
        method, current, data = "GET", url, None
        logged_in = False
        for _ in range(16):
            resp = http.request(method, current, data=data)
            if resp.status_code in (301, 302, 303, 307):
                target = urljoin(current, resp.headers["location"])
                if not urlparse(target).path.startswith(_JOURNEY_PATHS):
                    return target
                method, current, data = "GET", target, None
                continue
            if resp.status_code != 200:
                raise SandboxAPIError(resp.status_code, "AUTHORIZE_PAGE_ERROR", resp.text[:300])
            if 'value="login"' in resp.text:
                if logged_in:
                    raise SandboxAPIError(401, "LOGIN_FAILED", "The page refused the login.")
                method, data, logged_in = "POST", login, True
            elif 'value="authorize"' in resp.text and data != {"action": decision}:
                method, data = "POST", {"action": decision}
            else:
                return current  # a page with no redirect, e.g. after deauthorizing
        raise SandboxAPIError(508, "AUTHORIZE_LOOP", f"Too many steps at {current}.")


class LocalSandbox(Sandbox):
    """A sandbox running inside this process; ``stop()`` shuts it down."""

    def __init__(self, running: Any) -> None:
        super().__init__(running.seller_url)
        self.running = running
        self._app_url = running.app_url

    @property
    def runtime(self) -> Any:
        return self.running.runtime

    def close(self) -> None:
        super().close()
        self.running.stop()

    stop = close


@dataclass
class ClockResult:
    now: str
    frozen: bool
    fired: list[dict[str, Any]]
    raw: dict[str, Any] = field(repr=False)


class Clock:
    def __init__(self, world: World) -> None:
        self.world = world

    def _path(self) -> str:
        return f"/worlds/{self.world.id}/clock"

    def get(self) -> dict[str, Any]:
        return self.world.sandbox.control("GET", self._path())

    def now(self) -> str:
        return self.get()["now"]

    def advance(self, duration: float | str | timedelta | None = None, **parts: float) -> ClockResult:
        """``advance(90)``, ``advance("PT24H")`` or ``advance(hours=24)``; fires due jobs."""
        if isinstance(duration, timedelta):
            duration = duration.total_seconds()
        if parts:
            duration = (duration or 0) + timedelta(**parts).total_seconds()
        raw = self.world.sandbox.control("POST", self._path(), json={"advance": duration or 0})
        return ClockResult(raw["now"], raw["frozen"], raw["fired"], raw)

    def set(self, instant: str) -> ClockResult:
        raw = self.world.sandbox.control("POST", self._path(), json={"set": instant})
        return ClockResult(raw["now"], raw["frozen"], raw["fired"], raw)

    def freeze(self) -> dict[str, Any]:
        return self.world.sandbox.control("POST", self._path(), json={"freeze": True})

    def unfreeze(self) -> dict[str, Any]:
        return self.world.sandbox.control("POST", self._path(), json={"freeze": False})


class World(OrgWorldMixin):
    def __init__(self, sandbox: Sandbox, data: dict[str, Any]) -> None:
        self.sandbox, self.data = sandbox, data
        self.id: str = data["id"]
        self.name: str = data["name"]
        self.clock = Clock(self)

    def __repr__(self) -> str:
        return f"<World {self.id} {self.name!r}>"

    def _cp(self, method: str, path: str = "", **kwargs: Any) -> Any:
        return self.sandbox.control(method, f"/worlds/{self.id}{path}", **kwargs)

    def create_shop(self, name: str, market: str = "US", **fields: Any) -> Shop:
        return Shop(self, self._cp("POST", "/shops", json={"name": name, "market": market,
                                                            **fields}))

    def create_account(self, username: str, **fields: Any) -> Account:
        fields.setdefault("region", "US")
        return Account(self, self._cp("POST", "/accounts", json={"username": username,
                                                                  **fields}))

    def create_client(self, kind: str = "login_kit", **fields: Any) -> dict[str, Any]:
        return self._cp("POST", "/clients", json={"kind": kind, **fields})

    def events(self, after: int = 0, type: str | None = None,
               wait: float | None = None) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"after": after}
        if type:
            params["type"] = type
        if wait:
            params["wait"] = wait
        return self._cp("GET", "/events", params=params)["events"]

    def links(self) -> list[dict[str, Any]]:
        return self._cp("GET", "/links")["links"]

    def tickets(self, shop_id: str | None = None) -> list[Ticket]:
        """Support tickets of this world, for an operator to resolve (C7, C8)."""
        params = {"shop_id": shop_id} if shop_id else {}
        return [Ticket(self, t) for t in self._cp("GET", "/tickets", params=params)["tickets"]]

    # -- webhook deliveries (control plane) ----------------------------------------------
    def deliveries(self, after: int = 0, wait: float = 0) -> list[dict[str, Any]]:
        return self._cp("GET", "/webhooks/deliveries",
                        params={"after": after, "wait": wait})["deliveries"]

    def redeliver(self, delivery_id: int) -> dict[str, Any]:
        return self._cp("POST", f"/webhooks/deliveries/{delivery_id}/redeliver")

    def duplicate_delivery(self, delivery_id: int) -> dict[str, Any]:
        return self._cp("POST", f"/webhooks/deliveries/{delivery_id}/duplicate")

    def hold_webhooks(self) -> dict[str, Any]:
        return self._cp("POST", "/webhooks/hold")

    def release_webhooks(self) -> dict[str, Any]:
        return self._cp("POST", "/webhooks/release")

    def drop_next_webhooks(self, count: int = 1) -> dict[str, Any]:
        return self._cp("POST", "/webhooks/drop", json={"count": count})

    def delete(self) -> None:
        self._cp("DELETE")


class Shop:
    def __init__(self, world: World, data: dict[str, Any]) -> None:
        self.world, self.data = world, data
        self.id: str = data["id"]
        self.name: str = data["name"]
        self.market: str = data["market"]
        self.phone: str | None = data.get("phone")
        self.seller = SellerActor(self, data["seller"]["token"])

    def refresh(self) -> dict[str, Any]:
        return self.world._cp("GET", f"/shops/{self.id}")

    def links(self) -> list[dict[str, Any]]:
        return self.refresh()["links"]

    def update(self, **fields: Any) -> dict[str, Any]:
        """Control plane: change the shop's status, phone or name (B2)."""
        return self.world._cp("PATCH", f"/shops/{self.id}", json=fields)


class SellerActor(OrgSellerMixin):
    """What the seller clicks in Seller Center, as calls (sandbox /api/v1)."""

    def __init__(self, shop: Shop, token: str) -> None:
        self.shop = shop
        self._http = shop.world.sandbox.http(shop.world.sandbox.url, token)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._http.call(method, f"/api/v1{path}", **kwargs)

    def start_official_link(self, *, agreed: bool = True) -> LinkRequest:
        """D1: read the rules, agree, get a QR code."""
        return LinkRequest(self, self.call("POST", "/links/official", json={"agreed": agreed}))

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
        """F1–F4 apply; afterwards account and shop are free (F6)."""
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

    def approve(self, url: str, *, decision: str = "authorize") -> str:
        """Play the seller at a TikTok Shop authorization page (`/open/authorize?service_id=`):
        log in, press Authorize (or Cancel: decision="deny"), return the redirect URL."""
        seller = self.shop.data["seller"]
        return _consent(url, {"action": "login", "email": seller["email"],
                              "password": seller["password"]}, decision)

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

    def confirm(self) -> LinkRequest:
        """D3: "Link this account"."""
        return self._act("POST", "/confirm")

    def cancel(self) -> LinkRequest:
        return self._act("POST", "/cancel")


class Account(OrgAccountMixin):
    def __init__(self, world: World, data: dict[str, Any]) -> None:
        self.world, self.data = world, data
        self.open_id: str = data["open_id"]
        self.username: str = data["username"]
        self.password: str = data.get("password", "")
        self.app = AppActor(self)

    def update(self, **fields: Any) -> dict[str, Any]:
        self.data = {**self.data, **self.world._cp("PATCH", f"/accounts/{self.open_id}",
                                                   json=fields)}
        return self.data



class AppActor(OrgAppMixin):
    """The phone in this account's hand (fake app /app/api/v1). Logs in on first use."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self._http: _Http | None = None

    def login(self, password: str | None = None) -> AppActor:
        sandbox = self.account.world.sandbox
        http = sandbox.http(sandbox.app_url)
        data = http.call("POST", "/app/api/v1/login", json={
            "world": self.account.world.id, "username": self.account.username,
            "password": password or self.account.password})
        http.authorize(data["session_token"])
        self._http = http
        return self

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        if self._http is None:
            self.login()
        assert self._http is not None
        return self._http.call(method, f"/app/api/v1{path}", **kwargs)

    def scan(self, qr_url: str) -> ScannedQr:
        """Open the QR code's link: the ticket becomes `scanned`, the consent screen shows."""
        return ScannedQr(self, self.call("POST", "/scan", json={"url": qr_url}))

    def displayed_qr_codes(self) -> list[dict[str, Any]]:
        return self.call("GET", "/qr/displayed")["qr_codes"]

    def me(self) -> dict[str, Any]:
        return self.call("GET", "/me")

    def inbox(self) -> list[InboxInvitation]:
        """E1: shops' invitations to become their marketing account."""
        return [InboxInvitation(self, i) for i in self.call("GET", "/inbox")["invitations"]]

    def link_info(self) -> dict[str, Any]:
        """Shop → View link info."""
        return self.call("GET", "/shop/link")

    def request_unlink(self) -> dict[str, Any]:
        """F5: Shop → View link info → Send unlink request."""
        return self.call("POST", "/shop/unlink-request")

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
        return _consent(url, {"action": "login", "username": account.username,
                              "password": account.password}, decision)


class ScannedQr:
    def __init__(self, app: AppActor, data: dict[str, Any]) -> None:
        self.app, self.data = app, data
        self.token: str = data["token"]

    def authorize(self) -> dict[str, Any]:
        """D2: tap Authorize."""
        return self.app.call("POST", f"/qr/{self.token}/authorize")

    def deny(self) -> dict[str, Any]:
        return self.app.call("POST", f"/qr/{self.token}/deny")
