"""Words and answers of orders (S1-S4), keyed by Flask endpoint: the control plane's orders,
the seller's actor API (Seller Center → Orders), the buyer's actor API on the app, and the
first-party calls between the app and TikTok Shop (sandbox extension)."""

from __future__ import annotations

from sandbox.openapi.shapes import (
    APP,
    CONTROL,
    FIRST,
    INT,
    OBJ,
    SELLER,
    STR,
    Op,
    Schema,
    array,
    null_or,
    obj,
    op,
)

_MONEY = {"type": "string", "description": "decimal string, e.g. \"24.50\""}
_STATUS = {"enum": ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING",
                    "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"]}
_COMMISSION = obj({"rate": {"type": "integer", "description": "hundredths of a percent: "
                                                                "1500 = 15 %"},
                   "amount": _MONEY}, ["rate", "amount"])
_ITEM = obj({"product_id": STR, "sku_id": STR, "product_name": STR, "seller_sku": STR,
             "price": _MONEY, "quantity": INT, "line_item_ids": array(STR),
             "commission": _COMMISSION},
            ["product_id", "sku_id", "quantity", "price", "commission"])
_REQUEST = obj({"id": STR, "kind": {"enum": ["cancellation", "return"]}, "type": STR,
                "status": {"enum": ["PENDING", "APPROVED", "REJECTED"]}, "reason": STR,
                "answer_reason": STR, "answered_by": null_or(STR), "refund_total": _MONEY,
                "created_at": STR, "answer_due_at": STR, "answered_at": null_or(STR)})
_TIME = null_or(INT)
ORDER: Schema = obj({
    "id": STR, "status": _STATUS, "shop_id": STR,
    "buyer": obj({"open_id": STR, "name": STR}, ["open_id"]),
    "items": array(_ITEM),
    "attribution": obj({"channel": {"enum": ["SHOP_PAGE", "SHOWCASE", "LIVE", "VIDEO",
                                             "PRODUCT_PAGE"]},
                        "open_id": null_or(STR), "username": null_or(STR),
                        "relation": {"enum": ["OFFICIAL", "MARKETING", "AFFILIATE", "NONE"]}},
                       ["channel", "open_id", "relation"]),
    "commission": obj({"status": {"enum": ["NONE", "PENDING", "PAYABLE", "REVERSED"]},
                       "amount": _MONEY}),
    "payment": obj({"currency": STR, "sub_total": _MONEY, "shipping_fee": _MONEY,
                    "total_amount": _MONEY}, ["currency", "sub_total", "shipping_fee",
                                              "total_amount"]),
    "payment_status": {"enum": ["PAID", "UNPAID", "DECLINED"]},
    "recipient_address": OBJ, "buyer_message": STR,
    "shipping": obj({"provider": null_or(STR), "tracking_number": null_or(STR),
                     "package_id": null_or(STR)}),
    "cancel_reason": null_or(STR), "cancellation_initiator": null_or(STR),
    "requests": array(_REQUEST),
    "next": null_or(obj({"to": STR, "at": STR, "why": STR})),
    "steps": array(STR),
    "create_time": INT, "update_time": INT, "paid_time": _TIME, "rts_time": _TIME,
    "collection_time": _TIME, "delivery_time": _TIME, "cancel_time": _TIME,
    "created_at": STR, "updated_at": STR},
    ["id", "status", "shop_id", "buyer", "items", "attribution", "payment", "create_time",
     "update_time"])
_PAGE = obj({"orders": array(ORDER), "next_page_token": STR, "after": INT}, ["orders"])
_CREATED = {"oneOf": [ORDER, obj({"orders": array(ORDER), "count": INT},
                                 ["orders", "count"])]}
_EARNINGS = obj({"open_id": STR, "orders": array(ORDER), "currency": null_or(STR),
                 "totals": obj({"pending": _MONEY, "payable": _MONEY, "reversed": _MONEY})})
_BUY = {400: "INVALID_FIELD ORDER_QUANTITY_INVALID ORDER_MIXED_SHOPS CHANNEL_NOT_AVAILABLE",
        404: "ACCOUNT_NOT_FOUND PRODUCT_NOT_FOUND SKU_NOT_FOUND",
        409: "OUT_OF_STOCK PRODUCT_NOT_FOR_SALE PRODUCT_NOT_ON_SURFACE"}
_ONE = {404: "ORDER_NOT_FOUND"}
_MOVE = "ORDER_TRANSITION_NOT_ALLOWED ORDER_TRANSITION_NOT_YOURS"
_SHIP = {**_ONE, 409: f"{_MOVE} ORDER_ON_HOLD ORDER_ALREADY_SHIPPED ORDER_IS_CANCELLED "
                      "ORDER_NOT_SHIPPABLE ORDER_REQUEST_PENDING"}
_CANCEL = {**_ONE, 409: f"{_MOVE} ORDER_IS_CANCELLED ORDER_NOT_CANCELLABLE "
                        "ORDER_REQUEST_PENDING"}
_RETURN = {**_ONE, 400: "INVALID_FIELD", 409: "ORDER_IS_CANCELLED RETURN_BEFORE_DELIVERY "
                                              "RETURN_WINDOW_CLOSED ORDER_REQUEST_PENDING"}
_ANSWER = {404: "ORDER_NOT_FOUND ORDER_REQUEST_NOT_FOUND", 409: f"{_MOVE} ORDER_REQUEST_ANSWERED"}
_LIST_QUERY = {
    "status": {"type": "string", "description": "one of TikTok's statuses"},
    "buyer": {"type": "string", "description": "the buyer's open_id"},
    "via": {"type": "string", "description": "the content account's open_id"},
    "page_size": {"type": "integer", "description": "1-100, default 50"},
    "page_token": {"type": "string", "description": "`next_page_token` of the previous page"},
    "after": {"type": "integer", "description": "an event seq: the orders changed since "
                                                "(oldest change first) and the new `after`"},
    "wait": {"type": "number", "description": "with `after`: seconds (max 60) to wait for a "
                                              "change"}}
_LIFECYCLE = ("Every move has its side effects in the same transaction: stock back on a "
              "cancellation or refund (S4), commission fixed at payment, payable at "
              "completion, reversed by a cancellation or refund (S2), the clock's next move "
              "(S3, `next`), and an `order.*` event.")
_FIRST_NOTE = ("Sandbox extension: the TikTok app's calls into TikTok Shop, authenticated "
               "with the world's first-party client credentials (HTTP Basic).")


def _control(summary: str, ok: object, errors: dict[int, str] | None = None, status: int = 200,
             **kw: object) -> Op:
    return op(summary, ok, status, {**(errors or {}), 404: " ".join(
        filter(None, ["WORLD_NOT_FOUND", (errors or {}).get(404, "")]))},
        tag=CONTROL, description=_LIFECYCLE, **kw)


def _seller(summary: str, ok: object, errors: dict[int, str] | None = None, **kw: object) -> Op:
    return op(summary, ok, 200, errors, tag=SELLER, description=_LIFECYCLE, **kw)


def _buyer(summary: str, ok: object, errors: dict[int, str] | None = None, status: int = 200,
           **kw: object) -> Op:
    return op(summary, ok, status, {**(errors or {}), 502: "TIKTOK_SHOP_ERROR"}, tag=APP, **kw)


def _first(summary: str, ok: object, errors: dict[int, str] | None = None,
           status: int = 200, *, in_path: bool = True, **kw: object) -> Op:
    """`in_path`: TikTok Shop's faces name the world in the path (an unknown one is a 404);
    the app's know it from the client that calls."""
    errors = {**(errors or {})}
    if in_path:
        errors[404] = " ".join(filter(None, ["WORLD_NOT_FOUND FIRST_PARTY_CLIENT_MISSING",
                                             errors.get(404, "")]))
    return op(summary, ok, status, {401: "CLIENT_AUTH_FAILED", **errors}, tag=FIRST,
              security=[{"first_party": []}], description=_FIRST_NOTE, **kw)


OPERATIONS: dict[str, Op] = {
    "control_orders.create_order": _control(
        "An account buys, as on the phone: the app checks the surface shows the products "
        "(S1), TikTok Shop takes the stock (S4), attributes the sale and fixes the commission "
        "(S2); paid at once unless `paid` is false or the buyer's payment persona says "
        "otherwise. `count` > 1: that many orders at once ({orders, count}).", _CREATED,
        {**_BUY, 502: "TIKTOK_APP_ERROR"}, 201, ok_text="Created"),
    "control_orders.list_orders": _control("The world's orders, or those changed since `after`",
                                           _PAGE, {400: "INVALID_FIELD INVALID_PARAMETER"},
                                           query={**_LIST_QUERY, "shop_id": {"type": "string"}}),
    "control_orders.get_one": _control("One order, with what the clock does to it next",
                                       ORDER, _ONE),
    "control_orders.transition": _control(
        "Move an order to any later status (or CANCELLED), each step with its side effects; "
        "`steps` lists the statuses passed", ORDER,
        {**_ONE, 400: "INVALID_FIELD", 409: _SHIP[409]}),
    "control_orders.carrier": _control("The carrier collects (→ IN_TRANSIT) or delivers "
                                       "(→ DELIVERED)", ORDER,
                                       {**_ONE, 400: "INVALID_FIELD", 409: _SHIP[409]}),
    "control_orders.buyer_address": _control("As the buyer: change the address until the order "
                                             "is shipped (webhook 3)", ORDER,
                                             {**_ONE, 400: "INVALID_FIELD",
                                              409: "ORDER_ADDRESS_LOCKED"}),
    "control_orders.ship": _control("As the seller: ship the order's package", ORDER, _SHIP),
    "control_orders.buyer_cancel": _control("As the buyer: cancel (UNPAID, ON_HOLD) or ask the "
                                            "seller to (AWAITING_SHIPMENT)", ORDER, _CANCEL),
    "control_orders.buyer_return": _control("As the buyer: ask for a refund or return after "
                                            "delivery", ORDER, _RETURN),
    "control_orders.buyer_receipt": _control("As the buyer: confirm receipt (IN_TRANSIT → "
                                             "DELIVERED)", ORDER, {**_ONE, 409: _MOVE}),
    "seller_orders_api.list_orders": _seller("The shop's orders, or those changed since `after`",
                                             _PAGE, {400: "INVALID_FIELD INVALID_PARAMETER"},
                                             query=_LIST_QUERY),
    "seller_orders_api.get_order": _seller("One of the shop's orders", ORDER, _ONE),
    "seller_orders_api.ship": _seller("Ship the order's package (AWAITING_SHIPMENT → "
                                      "AWAITING_COLLECTION)", ORDER, _SHIP),
    "seller_orders_api.cancel": _seller("Cancel the order with a reason", ORDER, _CANCEL),
    "seller_orders_api.approve_request": _seller("Approve the buyer's open request (cancel, "
                                                 "or refund)", ORDER, _ANSWER),
    "seller_orders_api.reject_request": _seller("Reject the buyer's open request", ORDER,
                                                _ANSWER),
    "seller_orders_api.affiliate_orders": _seller(
        "Affiliate → orders: per creator, their orders and commission totals (S2)",
        obj({"creators": array(obj({"open_id": STR, "username": STR, "currency": STR,
                                    "order_count": INT, "orders": array(ORDER),
                                    "totals": obj({"pending": _MONEY, "payable": _MONEY,
                                                   "reversed": _MONEY})})),
             "order_count": INT, "shown": INT})),
    "buyer_orders_api.buy": _buyer(
        "Buy: from a product's page, or through an account's shop page, showcase, LIVE or "
        "videos (`via`, S1); `payment_status` says what the payment persona did", ORDER,
        {**_BUY, 402: "PAYMENT_DECLINED"}, 201, ok_text="Created"),
    "buyer_orders_api.my_orders": _buyer("My orders, newest first", _PAGE,
                                         query={"page_token": _LIST_QUERY["page_token"]}),
    "buyer_orders_api.my_order": _buyer("One of my orders", ORDER, _ONE),
    "buyer_orders_api.cancel": _buyer("Cancel (UNPAID, ON_HOLD) or ask the seller to", ORDER,
                                      _CANCEL),
    "buyer_orders_api.request_return": _buyer("Ask for a refund or return after delivery",
                                              ORDER, _RETURN),
    "buyer_orders_api.receipt": _buyer("Confirm receipt (IN_TRANSIT → DELIVERED)", ORDER,
                                       {**_ONE, 409: _MOVE}),
    "buyer_orders_api.change_address": _buyer("Change the address until the order is shipped",
                                              ORDER, {**_ONE, 400: "INVALID_FIELD",
                                                      409: "ORDER_ADDRESS_LOCKED"}),
    "buyer_orders_api.pay": _buyer("Pay an UNPAID order again", ORDER,
                                   {**_ONE, 402: "PAYMENT_DECLINED", 409: _MOVE}),
    "buyer_orders_api.my_earnings": _buyer("A creator's commission, order by order (S2)",
                                           _EARNINGS),
    "first_party_commerce.purchase_check": _first(
        "Who the buyer is (name, address, payment persona) and whether the surface shows the "
        "products (S1)", obj({"buyer": OBJ, "via": OBJ}),
        {403: "FIRST_PARTY_ONLY", 404: "ACCOUNT_NOT_FOUND", 409: "PRODUCT_NOT_ON_SURFACE"},
        in_path=False),
    "first_party_orders.place": _first("Place a buyer's order", ORDER,
                                       {**_BUY, 402: "PAYMENT_DECLINED"}, 201,
                                       ok_text="Created"),
    "first_party_orders.buyer_orders": _first("A buyer's orders", _PAGE,
                                              query={"buyer": _LIST_QUERY["buyer"]}),
    "first_party_orders.buyer_order": _first("One of a buyer's orders", ORDER, _ONE,
                                             query={"buyer": _LIST_QUERY["buyer"]}),
    "first_party_orders.cancel": _first("The buyer cancels or asks to", ORDER, _CANCEL),
    "first_party_orders.request_return": _first("The buyer asks for a return", ORDER, _RETURN),
    "first_party_orders.receipt": _first("The buyer confirms receipt", ORDER,
                                         {**_ONE, 409: _MOVE}),
    "first_party_orders.change_address": _first("The buyer changes the address", ORDER,
                                                {**_ONE, 400: "INVALID_FIELD",
                                                 409: "ORDER_ADDRESS_LOCKED"}),
    "first_party_orders.pay": _first("The buyer pays again", ORDER,
                                     {**_ONE, 402: "PAYMENT_DECLINED", 409: _MOVE}),
    "first_party_orders.creator_earnings": _first("A creator's commission (S2)", _EARNINGS,
                                                  query={"buyer": _LIST_QUERY["via"]}),
}
