"""What the check does to provoke the app: an order status change in a shop the app serves
(webhook 1 ORDER_STATUS_CHANGE, which an order app answers by reading the order), made from the
control plane with fixtures it names in the report."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.readiness.observe import Row, Watch
from sandbox.readiness.plane import Plane

ORDER_STATUS_CHANGE = "1"
ORDER_SCOPE = "seller.order.info"
FIXTURE_PRODUCT = {"title": "Readiness check product", "price": "1.00"}


class NoStimulus(Exception):
    """The check cannot provoke the app (no shop authorized it with the order scope, no
    webhook URL): the cases that need it are skipped with this reason."""


@dataclass
class Stimulus:
    world: Plane
    app: dict[str, Any]  # GET /worlds/{id}/clients/{app_key}
    watch: Watch
    created: list[dict[str, Any]] = field(default_factory=list)
    _product: str | None = None
    _buyer: str | None = None

    @property
    def shop_id(self) -> str:
        if not self.app.get("webhook_url"):
            raise NoStimulus("the app has no webhook URL registered in the world")
        for auth in self.app.get("authorizations") or ():
            if (auth["status"] == "active" and auth["user_type"] == 0
                    and ORDER_SCOPE in auth["granted_scopes"]):
                return str(auth["shop_id"])
        raise NoStimulus(f"no shop has authorized the app with {ORDER_SCOPE} (authorize it and "
                         "exchange the code first)")

    def fixtures(self) -> tuple[str, str]:
        shop = self.shop_id
        if self._product is None:
            listed = self.world.cp("GET", f"/shops/{shop}/products")["products"]
            if listed:
                self._product = listed[-1]["id"]
            else:
                made = self.world.cp("POST", f"/shops/{shop}/products", json=FIXTURE_PRODUCT)
                self._product = made["id"]
                self.created.append({"kind": "product", "id": made["id"], "shop_id": shop})
        if self._buyer is None:
            name = f"readiness_buyer_{secrets.token_hex(3)}"
            account = self.world.create_account(name)
            self._buyer = str(account["open_id"])
            self.created.append({"kind": "account", "id": self._buyer, "username": name})
        return self._product, self._buyer

    def order(self) -> tuple[str, Row]:
        """Place an unpaid order in the shop: one webhook 1 (UNPAID) to the app, delivered
        before this returns. The order id and that delivery."""
        product, buyer = self.fixtures()
        after = self.watch.last_delivery_id()
        order = self.world.create_order(buyer, product)
        self.created.append({"kind": "order", "id": order["id"], "shop_id": self.shop_id})
        return str(order["id"]), self.delivery_about(str(order["id"]), after)

    def delivery_about(self, order_id: str, after: int) -> Row:
        found = [d for d in self.watch.deliveries(after) if d["event"] == ORDER_STATUS_CHANGE
                 and json.loads(d["body"])["data"].get("order_id") == order_id]
        if not found:
            raise NoStimulus(f"order {order_id} sent the app no ORDER_STATUS_CHANGE webhook")
        return found[-1]


def first_status(delivery: Row) -> int | None:
    """The HTTP status the app answered a delivery's first attempt with (None: no answer)."""
    log = delivery.get("log") or []
    return log[0]["status"] if log else None


def first_error(delivery: Row) -> str | None:
    log = delivery.get("log") or []
    return log[0].get("error") if log else None
