"""The use cases every face of orders shares (control plane, the app's first-party calls, the
seller's actor API and pages): place, act on one order as its buyer, seller or the operator,
commit, and answer the order as it now is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sandbox.domain.checkout import Item
from sandbox.kernel.errors import BadRequest, RuleViolation
from sandbox.services import order_actions
from sandbox.services.order_views import one_view, views
from sandbox.services.orders import Buyer, Via, get_order, pay_order, place_order
from sandbox.store.orders import Order

PAYMENTS = ("succeed", "decline", "unpaid")


def items_of(body_items: list[Any]) -> list[Item]:
    return [Item(product_id=i.product_id, quantity=i.quantity, sku_id=i.sku_id)
            for i in body_items]


def place(session: Session, world_id: str, buyer: Buyer, items: list[Item], via: Via,
          now: datetime, *, payment: str = "succeed", address: dict[str, Any] | None = None,
          message: str = "", count: int = 1) -> list[dict[str, Any]]:
    """Place (and, as the buyer's payment persona says, pay) the orders; commit; their views.
    A declined payment leaves the order UNPAID and says so (`payment_status`)."""
    if payment not in PAYMENTS:
        raise BadRequest(f"payment must be one of {', '.join(PAYMENTS)}.", code="INVALID_FIELD",
                         details={"field": "payment"})
    orders = place_order(session, world_id, buyer, items, via, now, address=address,
                         pay=payment == "succeed", message=message, copies=count,
                         declined=payment == "decline")
    session.commit()
    return views(session, orders, with_next=count == 1)


def view(session: Session, world_id: str, order_id: str, *, shop_id: str | None = None,
         buyer: str | None = None) -> dict[str, Any]:
    """One order as its shop or buyer sees it (a read: nothing locked, nothing written)."""
    return one_view(session, get_order(session, world_id, order_id, shop_id=shop_id,
                                       buyer=buyer))


def act(session: Session, world_id: str, order_id: str, do: Callable[[Order], Any], *,
        shop_id: str | None = None, buyer: str | None = None) -> dict[str, Any]:
    """Do one thing to one order (locked against concurrent moves), commit, answer it."""
    order = get_order(session, world_id, order_id, shop_id=shop_id, buyer=buyer, lock=True)
    do(order)
    session.commit()
    return one_view(session, order)


def buyer_action(session: Session, world_id: str, order_id: str, buyer: str, action: str,
                 now: datetime, *, reason: str = "", kind: str = "RETURN_AND_REFUND",
                 payment: str = "succeed", address: dict[str, Any] | None = None
                 ) -> dict[str, Any]:
    """What the buyer does on the phone: cancel, return, receipt, pay, address."""

    def do(order: Order) -> None:
        if action == "cancel":
            order_actions.buyer_cancel(session, order, now, reason)
        elif action == "return":
            order_actions.request_return(session, order, now, reason, kind)
        elif action == "receipt":
            order_actions.receipt(session, order, now)
        elif action == "address":
            order_actions.change_address(session, order, address or {}, now)
        elif action == "pay":
            if payment != "succeed":
                raise RuleViolation("The sandbox's payment was declined for this buyer (its "
                                    f"payment persona is {payment!r}); the order stays UNPAID.",
                                    code="PAYMENT_DECLINED", rule="S3", status=402,
                                    details={"order_id": order.id, "payment": payment})
            pay_order(session, order, now)
        else:
            raise BadRequest(f"Unknown action {action!r}.", code="INVALID_FIELD")

    return act(session, world_id, order_id, do, buyer=buyer)
