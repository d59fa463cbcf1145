"""Scenario actions of selling (S1-S4): products, showcases, buying on the phone, the seller's
and the carrier's moves, the buyer's requests, a creator's earnings."""

from __future__ import annotations

from typing import Any

from .context import RunContext

Args = dict[str, Any]


def create_product(ctx: RunContext, a: Args) -> Any:
    """`title`, `price`, `inventory`, `commission_rate` (open to affiliates, ten-thousandths)."""
    fields = {k: a[k] for k in ("inventory", "commission_rate", "status") if k in a}
    return ctx.shop(a).create_product(str(a.get("title", "Product")), str(a.get("price", "9.99")),
                                      **fields)


def _product_id(ctx: RunContext, a: Args) -> str:
    product = ctx.ref(a, "product", "product")
    return str(product["id"])


def add_to_showcase(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).app.add_to_showcase(_product_id(ctx, a))


def buy(ctx: RunContext, a: Args) -> Any:
    """The `account` buys `quantity` of `product`, through `via:` (an account) `channel:`."""
    via = ctx.accounts[a["via"]] if a.get("via") else None
    return ctx.account(a).app.buy(_product_id(ctx, a), int(a.get("quantity", 1)), via=via,
                                  channel=a.get("channel"))


def _order(ctx: RunContext, a: Args) -> Any:
    """The order saved with `as:` (or the latest bought): a client Order."""
    return ctx.ref(a, "order", "order")


def order_step(verb: str) -> Any:
    """An order's move: refresh, ship, transition (`to:`), carrier (`event:`), the buyer's
    cancel / request_return / confirm_receipt, the seller's cancel and request answers."""

    def act(ctx: RunContext, a: Args) -> Any:
        order = _order(ctx, a)
        seller = next((s.seller for s in ctx.shops.values() if s.id == order.shop_id), None)
        if verb == "ship":
            return order.ship(str(a.get("provider", "")), str(a.get("tracking", "")))
        if verb == "transition":
            return order.transition(str(a["to"]), str(a.get("reason", "")))
        if verb == "carrier":
            return ctx.world.carrier.event(order, str(a.get("event", "delivered")))
        if verb == "cancel_order":
            return order.cancel(str(a.get("reason", "")))
        if verb == "request_return":
            return order.request_return(str(a.get("reason", "Damaged")),
                                        str(a.get("type", "RETURN_AND_REFUND")))
        if verb == "confirm_receipt":
            return order.confirm_receipt()
        if seller is not None and verb in ("seller_cancel_order", "approve_request",
                                           "reject_request"):
            method = {"seller_cancel_order": seller.cancel_order,
                      "approve_request": seller.approve_request,
                      "reject_request": seller.reject_request}[verb]
            method(order.id, str(a.get("reason", "")))
        return order.refresh()

    return act


def earnings(ctx: RunContext, a: Args) -> Any:
    return ctx.account(a).app.earnings()


ORDER_VERBS = ("ship", "transition", "carrier", "cancel_order", "request_return",
               "confirm_receipt", "seller_cancel_order", "approve_request", "reject_request")
