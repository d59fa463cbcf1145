"""Orders from a script (S1-S4): the operator's (control plane), the buyer's phone, the
seller's Orders page, and the simulated carrier."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .base import SandboxAPIError, SandboxTimeout

FINAL = ("COMPLETED", "CANCELLED")


def _id(thing: Any, key: str = "id") -> str:
    """An id from an id, a dict with `key`/`id`, or an object with `.id`/`.open_id`."""
    if isinstance(thing, str):
        return thing
    if isinstance(thing, dict):
        return str(thing.get(key) or thing["id"])
    return str(getattr(thing, key, None) or thing.id)


def items_of(product: Any, quantity: int = 1) -> list[dict[str, Any]]:
    """[{product_id, quantity}] from one product (id, dict or object) or a ready list."""
    if isinstance(product, list):
        return product
    return [{"product_id": _id(product), "quantity": quantity}]


def via_of(via: Any, channel: str | None) -> dict[str, Any] | None:
    if via is None:
        return {"channel": channel} if channel else None
    return {"open_id": _id(via, "open_id"), "channel": channel or "SHOWCASE"}


class Order:
    """An order as the operator sees it: `status`, `attribution`, `items` (with commission),
    `payment`; moves through the control plane, the seller or the buyer."""

    def __init__(self, world: Any, data: dict[str, Any]) -> None:
        self.world = world
        self._set(data)

    def _set(self, data: dict[str, Any]) -> None:
        self.data = data
        self.id: str = data["id"]
        self.status: str = data["status"]
        self.shop_id: str = data["shop_id"]

    def __repr__(self) -> str:
        return f"<Order {self.id} {self.status}>"

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def _cp(self, method: str, suffix: str = "", **kwargs: Any) -> Order:
        self._set(self.world._cp(method, f"/orders/{self.id}{suffix}", **kwargs))
        return self

    def refresh(self) -> Order:
        return self._cp("GET")

    def wait_until(self, *statuses: str, timeout: float = 10.0) -> Order:
        """Until the order is in one of `statuses`; SandboxAPIError if it ends elsewhere
        (COMPLETED or CANCELLED). Time moves only with the world's clock (advance it)."""
        deadline = time.monotonic() + timeout
        while True:
            self.refresh()
            if self.status in statuses:
                return self
            if self.status in FINAL:
                raise SandboxAPIError(409, f"ORDER_{self.status}", f"Order {self.id} is "
                                      f"{self.status}, not {' or '.join(statuses)}.", "S3",
                                      {"status": self.status})
            if time.monotonic() > deadline:
                raise SandboxTimeout(f"order {self.id} still {self.status} after {timeout}s")
            time.sleep(0.02)  # a client polling a server; tests never call sleep themselves

    # -- the operator -----------------------------------------------------------------------
    def transition(self, to: str, reason: str = "") -> Order:
        """Any later status, with every side effect of the steps between (S3)."""
        return self._cp("POST", "/transition", json={"to": to, "reason": reason})

    def ship(self, provider: str = "", tracking: str = "") -> Order:
        """As the seller: ship (AWAITING_SHIPMENT → AWAITING_COLLECTION)."""
        return self._cp("POST", "/ship", json={"provider": provider, "tracking": tracking})

    # -- the buyer (as the control plane does it for them) ----------------------------------
    def cancel(self, reason: str = "") -> Order:
        return self._cp("POST", "/cancel", json={"reason": reason})

    def request_return(self, reason: str = "Damaged", type: str = "RETURN_AND_REFUND") -> Order:
        return self._cp("POST", "/return", json={"reason": reason, "type": type})

    def confirm_receipt(self) -> Order:
        return self._cp("POST", "/receipt")

    def change_address(self, **address: str) -> Order:
        """As the buyer, until shipped (the seller's apps get webhook 3)."""
        return self._cp("POST", "/address", json=address)


class Carrier:
    """The simulated carrier of a world: collects and delivers shipped orders."""

    def __init__(self, world: Any) -> None:
        self.world = world

    def event(self, order: Any, event: str) -> Order:
        """`collected`, `in_transit` or `delivered` for a shipped order."""
        found = Order(self.world, self.world._cp("POST", f"/orders/{_id(order)}/carrier",
                                                  json={"event": event}))
        if isinstance(order, Order):
            order._set(found.data)
        return found

    def collect(self, order: Any) -> Order:
        return self.event(order, "collected")

    def deliver(self, order: Any) -> Order:
        return self.event(order, "delivered")


class WorldOrders:
    """Control plane: a world's orders (`World` mixes this in; it has `_cp` and `_poll`)."""

    _cp: Callable[..., Any]

    @property
    def carrier(self) -> Carrier:
        return Carrier(self)

    def create_order(self, buyer: Any, product: Any = None, quantity: int = 1, *,
                     via: Any = None, channel: str | None = None, paid: bool = True,
                     items: list[dict[str, Any]] | None = None, count: int = 1,
                     **fields: Any) -> Any:
        """`buyer` buys `quantity` of `product` (or `items`), through `via`'s `channel`; with
        `count` > 1, that many orders at once (a list)."""
        wanted = items if items is not None else items_of(product, quantity)
        body = {"buyer": _id(buyer, "open_id"), "items": wanted, "paid": paid, "count": count,
                **fields}
        if (found := via_of(via, channel)) is not None:
            body["via"] = found
        data = self._cp("POST", "/orders", json=body)
        if count > 1:
            return [Order(self, o) for o in data["orders"]]
        return Order(self, data)

    def order(self, order_id: str) -> Order:
        return Order(self, self._cp("GET", f"/orders/{order_id}"))

    def orders(self, **filters: Any) -> list[Order]:
        """Every order (newest first) with `status`, `shop_id`, `buyer`, `via` filters."""
        found: list[Order] = []
        params = {k: _id(v, "open_id") if k in ("buyer", "via") else v
                  for k, v in filters.items() if v is not None}
        token = ""
        while True:
            page = self._cp("GET", "/orders", params={**params, "page_size": 100,
                                                      **({"page_token": token} if token else {})})
            found.extend(Order(self, o) for o in page["orders"])
            token = page.get("next_page_token") or ""
            if not token:
                return found

    def order_changes(self, after: int = 0, wait: float | None = None,
                      **filters: Any) -> tuple[list[Order], int]:
        """Orders changed since event `after` (long-polls `wait` seconds) and the next
        `after` to pass."""
        params = {"after": after, **({"wait": wait} if wait else {}),
                  **{k: v for k, v in filters.items() if v is not None}}
        page = self._cp("GET", "/orders", params=params)
        return [Order(self, o) for o in page["orders"]], page["after"]


class BuyerOrders:
    """The phone's shopping (`AppActor` mixes this in; it has `call` and `account`)."""

    account: Any
    call: Callable[..., Any]

    def buy(self, product: Any, quantity: int = 1, *, via: Any = None,
            channel: str | None = None, address: dict[str, Any] | None = None,
            message: str = "") -> Order:
        """Buy from the product's page, or through `via`'s `channel` (SHOP_PAGE, SHOWCASE,
        LIVE, VIDEO; S1)."""
        body: dict[str, Any] = {"items": items_of(product, quantity), "message": message}
        if (found := via_of(via, channel)) is not None:
            body["via"] = found
        if address:
            body["address"] = address
        return Order(self.account.world, self.call("POST", "/orders", json=body))

    def orders(self) -> list[dict[str, Any]]:
        return self.call("GET", "/orders")["orders"]

    def cancel_order(self, order: Any, reason: str = "") -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/cancel", json={"reason": reason})

    def request_return(self, order: Any, reason: str = "Damaged",
                       type: str = "RETURN_AND_REFUND") -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/return",
                         json={"reason": reason, "type": type})

    def confirm_receipt(self, order: Any) -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/receipt")

    def change_address(self, order: Any, **address: str) -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/address", json=address)

    def pay(self, order: Any) -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/pay")

    def earnings(self) -> dict[str, Any]:
        """A creator's commission, order by order (S2)."""
        return self.call("GET", "/me/earnings")


class SellerOrders:
    """Seller Center → Orders (`SellerActor` mixes this in; it has `call`)."""

    call: Callable[..., Any]

    def orders(self, status: str | None = None, **filters: Any) -> list[dict[str, Any]]:
        params = {k: v for k, v in {"status": status, **filters}.items() if v is not None}
        return self.call("GET", "/orders", params=params)["orders"]

    def order(self, order: Any) -> dict[str, Any]:
        return self.call("GET", f"/orders/{_id(order)}")

    def ship(self, order: Any, provider: str = "", tracking: str = "") -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/ship",
                         json={"provider": provider, "tracking": tracking})

    def cancel_order(self, order: Any, reason: str = "") -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/cancel", json={"reason": reason})

    def approve_request(self, order: Any, reason: str = "") -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/request/approve", json={"reason": reason})

    def affiliate_orders(self) -> dict[str, Any]:
        """Affiliate → orders: per creator, their orders and commission totals (S2)."""
        return self.call("GET", "/affiliate/orders")

    def reject_request(self, order: Any, reason: str = "") -> dict[str, Any]:
        return self.call("POST", f"/orders/{_id(order)}/request/reject", json={"reason": reason})
