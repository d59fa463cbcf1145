"""What the order lifecycle tests share: a shop with a mug sold through an affiliate's
showcase (so commission moves too), and helpers to read stock, moves and refusals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from test_selling import refused

STOCK = 10
JUST_BEFORE = timedelta(seconds=1)


@dataclass
class Cast:
    world: Any
    acme: Any
    mug: Any
    bea: Any
    amy: Any

    def buy(self, quantity: int = 1, paid: bool = True) -> Any:
        """Bea buys through Amy's showcase (an affiliate sale: commission PENDING once paid)."""
        return self.world.create_order(self.bea, self.mug, quantity, via=self.amy,
                                       channel="SHOWCASE", paid=paid)

    def stock(self) -> int:
        return next(p["inventory"] for p in self.acme.products() if p["id"] == self.mug["id"])

    def advance(self, delta: timedelta) -> None:
        self.world.clock.advance(delta)

    def moves(self, order: Any) -> list[tuple[str, str, str]]:
        """(from, to, by) of every status change of `order`, in order."""
        return [(e["data"]["from"], e["data"]["to"], e["data"]["by"])
                for e in self.world.events(type="order.status_changed")
                if e["subject"] == order.id]

    def shipped(self, quantity: int = 1) -> Any:
        """A paid order the seller shipped (AWAITING_COLLECTION)."""
        return self.buy(quantity).transition("AWAITING_SHIPMENT").ship()

    def delivered(self, quantity: int = 1) -> Any:
        order = self.shipped(quantity)
        self.world.carrier.deliver(order)
        assert order.status == "DELIVERED"
        return order


def make_cast(world) -> Cast:
    acme = world.create_shop(name="Acme", market="US")
    mug = acme.create_product("Mug", "10.00", inventory=STOCK, commission_rate=1500)
    bea = world.create_account(username="bea", age=30)
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    return Cast(world, acme, mug, bea, amy)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def refused_unchanged(cast: Cast, order: Any, call, code: str, rule: str | None = "S3",
                      status: int = 409):
    """`call` is refused with `code` and `rule`, and the order, the stock and the world's
    events are as they were."""
    before = (order.refresh().data, cast.stock(), len(cast.world.events()))
    err = refused(call, code)
    assert (err.status, err.rule) == (status, rule), err
    assert (order.refresh().data, cast.stock(), len(cast.world.events())) == before
    return err


def requested_cancellation(cast: Cast) -> Any:
    order = cast.buy(quantity=3).transition("AWAITING_SHIPMENT")
    order.cancel("changed my mind")
    assert order.status == "AWAITING_SHIPMENT"
    [request] = order["requests"]
    assert (request["kind"], request["type"], request["status"]) == ("cancellation",
                                                                     "BUYER_CANCEL", "PENDING")
    assert at(request["answer_due_at"]) - at(request["created_at"]) == timedelta(hours=48)
    assert cast.stock() == STOCK - 3
    return order


def requested_return(cast: Cast, quantity: int = 2) -> Any:
    order = cast.delivered(quantity)
    order.request_return("Broken handle", type="RETURN_AND_REFUND")
    assert order.status == "DELIVERED"
    [request] = order["requests"]
    assert (request["kind"], request["type"], request["status"]) == ("return",
                                                                     "RETURN_AND_REFUND",
                                                                     "PENDING")
    assert request["refund_total"] == order["payment"]["total_amount"]
    assert order["next"] is None  # the after-sales clock waits for the answer
    return order
