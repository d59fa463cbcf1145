"""The operator's control plane (/_sandbox/v1): the sandbox, its worlds, clocks, shops and accounts."""

from __future__ import annotations

from typing import Any

import httpx

from .app import AppActor
from .base import _Http
from .catalogue import ShopCatalogue
from .checks import WorldChecks
from .clock import Clock
from .faults import Diagnostics
from .orders import WorldOrders
from .partner import Partner
from .seller import SellerActor, Ticket
from .webhooks import WorldWebhooks
from .world_config import WorldConfig


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
        # Lazy on purpose: importing the client must not import the server (Flask).
        from sandbox.kernel.settings import Settings
        from sandbox.serve import start

        base = dict(db="memory", seller_port=0, app_port=0, seed_demo=False)
        running = start(Settings(**{**base, **settings}), transport=transport, ticker=ticker)
        return LocalSandbox(running)

    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._http.call(method, f"/_sandbox/v1{path}", **kwargs)

    def create_world(self, name: str | None = None, *, seed: str | None = None,
                     frozen: bool = False, now: str | None = None, world_id: str | None = None,
                     rules: dict[str, Any] | None = None,
                     settings: dict[str, Any] | None = None) -> World:
        """A new world; `rules` and `settings` override the defaults in it alone."""
        body = {"name": name, "seed": seed, "frozen": frozen or None, "now": now, "id": world_id,
                "rules": rules, "settings": settings}
        return World(self, self.control("POST", "/worlds", json={k: v for k, v in body.items()
                                                                 if v is not None}))

    def fork_world(self, source: str | World, *, world_id: str | None = None,
                   name: str | None = None) -> World:
        """A copy of `source` (every row, its clock and event log); its `keys` map each of
        the source's keys and secrets to the fork's re-issued one."""
        body = {"from_world": source.id if isinstance(source, World) else source,
                "id": world_id, "name": name}
        return World(self, self.control("POST", "/worlds", json={k: v for k, v in body.items()
                                                                 if v is not None}))

    def snapshot(self, world_id: str | World) -> dict[str, Any]:
        """The world as a portable JSON bundle (`format_version`)."""
        wid = world_id.id if isinstance(world_id, World) else world_id
        return self.control("GET", f"/worlds/{wid}/snapshot")

    def load_snapshot(self, bundle: dict[str, Any], *, world_id: str | None = None,
                      name: str | None = None) -> World:
        """A new world from a bundle (all or nothing; keys re-issued, see `World.keys`)."""
        body = {"snapshot": bundle, "id": world_id, "name": name}
        return World(self, self.control("POST", "/worlds", json={k: v for k, v in body.items()
                                                                 if v is not None}))

    def reset_demo(self) -> World:
        """Delete world demo if there is one, and create it again with seed demo."""
        if any(w.id == "demo" for w in self.worlds()):
            self.world("demo").delete()
        return self.create_world("Demo", seed="demo", world_id="demo")

    def rules(self) -> list[dict[str, Any]]:
        """Every rule as the registry declares it (GET /_sandbox/v1/rules)."""
        return list(self.control("GET", "/rules")["rules"])

    def errors(self) -> list[dict[str, Any]]:
        """The error catalogue: every refusal code with its status, rule and faces."""
        return self.control("GET", "/errors")["errors"]

    def sign(self, app_key: str, method: str, url: str, body: bytes | str = b"", *,
             content_type: str = "application/json") -> dict[str, Any]:
        """What the sandbox signs for a request to `url` by `app_key` (`string_to_sign`, the
        secret shown as `<app_secret>`) and the `sign` it expects (sandbox extension)."""
        text = body.decode() if isinstance(body, bytes) else body
        return dict(self.control("POST", "/sign", json={
            "app_key": app_key, "method": method, "url": url, "body": text,
            "content_type": content_type}))

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


class World(Diagnostics, WorldConfig, WorldWebhooks, WorldOrders, WorldChecks):
    """An isolated world: its shops, accounts, clients, events, tickets, SMS and webhooks."""

    def __init__(self, sandbox: Sandbox, data: dict[str, Any]) -> None:
        self.sandbox, self.data = sandbox, data
        self.id: str = data["id"]
        self.name: str = data["name"]
        self.clock = Clock(self)
        # A fork or a loaded snapshot: each of the source's keys → this world's re-issued one.
        self.keys: dict[str, str] = data.get("keys") or {}

    def __repr__(self) -> str:
        return f"<World {self.id} {self.name!r}>"

    def fork(self, *, world_id: str | None = None, name: str | None = None) -> World:
        return self.sandbox.fork_world(self, world_id=world_id, name=name)

    def snapshot(self) -> dict[str, Any]:
        return self.sandbox.snapshot(self)

    def _cp(self, method: str, path: str = "", **kwargs: Any) -> Any:
        return self.sandbox.control(method, f"/worlds/{self.id}{path}", **kwargs)

    def _poll(self, path: str, key: str, params: dict[str, Any], wait: float | None) -> list[Any]:
        """A control-plane long poll of this world, asked again while the sandbox declines."""
        return self.sandbox._http.poll(f"/_sandbox/v1/worlds/{self.id}{path}", key, params, wait)

    def create_shop(self, name: str, market: str = "US", **fields: Any) -> Shop:
        return Shop(self, self._cp("POST", "/shops", json={"name": name, "market": market,
                                                            **fields}))

    def create_partner(self, name: str, kind: str = "mcn", **fields: Any) -> Partner:
        """A Partner Center partner (I1–I4): `kind` "mcn" or "tap"; `partner.center` acts."""
        return Partner(self, self._cp("POST", "/partners", json={"name": name, "kind": kind,
                                                                 **fields}))

    def partners(self) -> list[dict[str, Any]]:
        return self._cp("GET", "/partners")["partners"]

    def create_account(self, username: str, **fields: Any) -> Account:
        fields.setdefault("region", "US")
        return Account(self, self._cp("POST", "/accounts", json={"username": username,
                                                                  **fields}))

    def account(self, open_id: str) -> Account:
        """An existing TikTok account (e.g. a created organization account) by open_id."""
        return Account(self, self._cp("GET", f"/accounts/{open_id}"))

    def create_client(self, kind: str = "login_kit", **fields: Any) -> dict[str, Any]:
        return self._cp("POST", "/clients", json={"kind": kind, **fields})

    def events(self, after: int = 0, type: str | None = None,
               wait: float | None = None) -> list[dict[str, Any]]:
        return self._poll("/events", "events", {"after": after, **({"type": type} if type else {})},
                          wait)

    def sms(self, phone: str | None = None, *, after: int = 0,
            wait: float | None = None) -> list[dict[str, Any]]:
        """The world's SMS outbox (to `phone`, after message id `after`); `wait` long-polls."""
        return self._poll("/sms", "messages", {"after": after, **({"phone": phone} if phone else {})},
                          wait)

    def links(self) -> list[dict[str, Any]]:
        return self._cp("GET", "/links")["links"]

    def unlink(self, link_id: str) -> dict[str, Any]:
        """Operator unlink (no F-rule checks)."""
        return self._cp("POST", f"/links/{link_id}/deactivate")

    def tickets(self, shop_id: str | None = None) -> list[Ticket]:
        """Support tickets of this world, for an operator to resolve (C7, C8)."""
        params = {"shop_id": shop_id} if shop_id else {}
        return [Ticket(self, t) for t in self._cp("GET", "/tickets", params=params)["tickets"]]

    def delete(self) -> None:
        self._cp("DELETE")


class Shop(ShopCatalogue):
    """A shop as the operator sees it; `seller` is the person signed in to its Seller Center."""

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

class Account:
    """A TikTok account as the operator sees it; `app` is the phone in its owner's hand."""

    def __init__(self, world: World, data: dict[str, Any]) -> None:
        self.world, self.data = world, data
        self.open_id: str = data["open_id"]
        self.username: str = data["username"]
        self.password: str = data.get("password", "")
        self.app = AppActor(self)

    def refresh(self) -> dict[str, Any]:
        self.data = {**self.data, **self.world._cp("GET", f"/accounts/{self.open_id}")}
        return self.data

    def update(self, **fields: Any) -> dict[str, Any]:
        self.data = {**self.data, **self.world._cp("PATCH", f"/accounts/{self.open_id}",
                                                   json=fields)}
        return self.data

    # -- sandbox extensions: TOTP, earnings, organization facts (G6, H2) -----------------
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
