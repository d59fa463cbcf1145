"""Operations of TikTok Shop's order side of the Open API (protocols.md §4): Order 202309
(and its 202507 alias), Fulfillment/Logistics, Return and Refund, affiliate orders 202410 and
an order's statement transactions 202501, keyed by Flask endpoint."""

from __future__ import annotations

from typing import Any

from sandbox.openapi.product_operations import (
    _CIPHER,
    _CREATOR,
    _ERRORS,
    _NOTE,
    _SELLER,
    _SIGNED,
    _envelope,
    _json,
    _q,
)
from sandbox.openapi.shapes import BOOL, INT, OBJ, SHOP, STR, Op, Schema, array, obj, op

MONEY = {"type": "string", "description": "decimal string"}
_STATUS = {"enum": ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING",
                    "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"]}
_LINE = obj({"id": STR, "sku_id": STR, "product_id": STR, "product_name": STR, "sku_name": STR,
             "seller_sku": STR, "sku_image": STR, "sale_price": MONEY, "original_price": MONEY,
             "platform_discount": MONEY, "seller_discount": MONEY, "currency": STR,
             "display_status": STR, "package_id": STR, "package_status": STR,
             "tracking_number": STR, "shipping_provider_id": STR,
             "shipping_provider_name": STR, "rts_time": INT, "is_gift": BOOL,
             "is_dangerous_good": BOOL, "cancel_reason": STR, "cancel_user": STR,
             "sku_type": STR}, ["id", "sku_id", "product_id", "sale_price", "display_status"])
ORDER: Schema = obj({
    "id": STR, "status": _STATUS, "user_id": STR, "buyer_email": STR, "buyer_message": STR,
    "seller_note": STR, "create_time": INT, "update_time": INT, "paid_time": INT,
    "rts_time": INT, "collection_time": INT, "delivery_time": INT, "cancel_time": INT,
    "request_cancel_time": INT, "payment": obj({k: MONEY for k in (
        "currency", "sub_total", "shipping_fee", "seller_discount", "platform_discount",
        "total_amount", "original_total_product_price", "original_shipping_fee",
        "shipping_fee_seller_discount", "shipping_fee_platform_discount",
        "shipping_fee_cofunded_discount", "tax", "product_tax", "shipping_fee_tax")}),
    "recipient_address": OBJ, "line_items": array(_LINE), "packages": array(obj({"id": STR})),
    "fulfillment_type": STR, "shipping_type": STR, "delivery_type": STR,
    "delivery_option_id": STR, "delivery_option_name": STR, "shipping_provider": STR,
    "shipping_provider_id": STR, "tracking_number": STR, "warehouse_id": STR,
    "split_or_combine_tag": STR, "has_updated_recipient_address": BOOL,
    "is_on_hold_order": BOOL, "is_buyer_request_cancel": BOOL,
    "cancellation_initiator": STR, "cancel_reason": STR, "is_cod": BOOL,
    "is_sample_order": BOOL, "is_replacement_order": BOOL, "is_exchange_order": BOOL,
    "commerce_platform": STR, "order_type": STR, "payment_method_name": STR,
    "payment_method_code": STR, "payment_card_type": STR, "payment_auth_code": STR},
    ["id", "status", "create_time", "update_time", "payment", "line_items"])
_REFUND = obj({k: MONEY for k in ("currency", "refund_total", "refund_subtotal",
                                  "refund_shipping_fee", "refund_tax")})
_NEXT = array(obj({"action": STR, "deadline": INT}))
_CANCELLATION = obj({
    "order_id": STR, "cancel_id": STR, "cancel_type": {"enum": ["CANCEL", "BUYER_CANCEL"]},
    "cancel_status": STR, "role": STR, "cancel_reason": STR, "cancel_reason_text": STR,
    "create_time": INT, "update_time": INT, "seller_next_action_response": _NEXT,
    "refund_amount": _REFUND, "cancel_line_items": array(OBJ)},
    ["order_id", "cancel_id", "cancel_status"])
_RETURN = obj({
    "order_id": STR, "return_id": STR, "return_type": STR, "return_status": STR, "role": STR,
    "return_reason": STR, "return_reason_text": STR, "create_time": INT, "update_time": INT,
    "seller_next_action_response": _NEXT, "refund_amount": _REFUND,
    "return_line_items": array(OBJ), "can_buyer_keep_item": BOOL},
    ["order_id", "return_id", "return_status"])
_PRICE = obj({"amount": MONEY, "currency": STR})
_AFFILIATE_ORDER = obj({"id": STR, "create_time": INT, "delivery_time": INT, "status": STR,
                        "skus": array(obj({"product_id": STR, "price": _PRICE,
                                           "quantity": INT, "content_type": STR}))},
                       ["id", "status", "skus"])
_PAGED = {"next_page_token": STR, "total_count": INT}
SCHEMAS: dict[str, Schema] = {
    "ShopOrderList": _envelope(obj({"orders": array(ORDER), **_PAGED}, ["orders"])),
    "ShopOrderDetail": _envelope(obj({"orders": array(ORDER)}, ["orders"])),
    "ShopOrderShipped": _envelope(obj({"order_id": STR, "order_line_item_ids": array(STR),
                                       "package_id": STR}, ["order_id", "package_id"])),
    "ShopEmpty": _envelope(obj({})),
    "ShopPackage": _envelope(obj({"package_id": STR, "package_status": STR,
                                  "orders": array(OBJ), "tracking_number": STR,
                                  "shipping_provider_id": STR, "order_line_item_ids":
                                      array(STR)}, ["package_id", "package_status"])),
    "ShopPackageList": _envelope(obj({"packages": array(obj({
        "id": STR, "status": STR, "orders": array(OBJ), "create_time": INT,
        "update_time": INT, "tracking_number": STR})), **_PAGED}, ["packages"])),
    "ShopTracking": _envelope(obj({"tracking": array(obj({
        "description": STR, "update_time_millis": INT}))}, ["tracking"])),
    "ShopProviders": _envelope(obj({"shipping_providers": array(obj({"id": STR,
                                                                     "name": STR}))})),
    "ShopWarehouses": _envelope(obj({"warehouses": array(OBJ)})),
    "ShopDeliveryOptions": _envelope(obj({"delivery_options": array(OBJ)})),
    "ShopCancellations": _envelope(obj({"cancellations": array(_CANCELLATION), **_PAGED})),
    "ShopReturns": _envelope(obj({"return_orders": array(_RETURN), **_PAGED})),
    "ShopCancelled": _envelope(obj({"cancel_id": STR, "cancel_status": STR})),
    "ShopRejectReasons": _envelope(obj({"reasons": array(obj({"name": STR, "text": STR}))})),
    "ShopEligibility": _envelope(obj({"sku_eligibility": array(OBJ)})),
    "ShopAffiliateOrders": _envelope(obj({"orders": array(_AFFILIATE_ORDER), **_PAGED})),
    "ShopStatementTransactions": _envelope(obj({
        "order_id": STR, "currency": STR, "revenue_amount": MONEY, "fee_and_tax_amount": MONEY,
        "shipping_cost_amount": MONEY, "settlement_amount": MONEY,
        "sku_transactions": array(OBJ), "total_count": INT})),
}
_PAGE = {"page_size!": _q("1-100 (packages, cancellations, returns: 1-50)", "integer"),
         "page_token": _q("`next_page_token` of the previous page"),
         "sort_field": _q("create_time or update_time"), "sort_order": _q("ASC or DESC")}
_TIMES = {f"{n}_{e}": INT for n in ("create_time", "update_time") for e in ("ge", "lt")}


def _op(summary: str, ok: str, *, creator: bool = False, query: dict[str, Schema] | None = None,
        **kw: Any) -> Op:
    return op(summary, ok, 200, _ERRORS, tag=SHOP, security=[], error_schema="ShopEnvelope",
              query={**_SIGNED, **({} if creator else _CIPHER), **(query or {})},
              headers=_CREATOR if creator else _SELLER, description=_NOTE, **kw)


_SHIP_BODY = _json(obj({"tracking_number": STR, "shipping_provider_id": STR,
                        "order_line_item_ids": array(STR)},
                       ["tracking_number", "shipping_provider_id"]))
_REASON = _json(obj({"reject_reason": STR, "comment": STR}, ["reject_reason"]))
OPERATIONS: dict[str, Op] = {
    "open_api_orders.search": _op(
        "Get Order List (scope seller.order.info): one line item per unit, money as strings",
        "ShopOrderList", query=_PAGE, body=_json(obj({
            "order_status": STR, **_TIMES, "shipping_type": STR, "buyer_user_id": STR,
            "is_buyer_request_cancel": BOOL}), required=False)),
    "open_api_orders.detail": _op("Get Order Detail: up to 50 comma-joined `ids`",
                                  "ShopOrderDetail", query={"ids!": _q("comma-joined ids")}),
    "open_api_orders.mark_shipped": _op(
        "Mark Package As Shipped: 21011044 ON_HOLD, 21011006 already shipped, 21011041 "
        "cancelled, 21011022 unknown provider", "ShopOrderShipped", body=_SHIP_BODY),
    "open_api_orders.mark_shipped_202610": _op(
        "Mark Package As Shipped 202610: `shipping_info_list` (one entry) and `order_line_list`",
        "ShopOrderShipped", body=_json(obj({"shipping_info_list": array(obj({
            "tracking_number": STR, "shipping_provider_id": STR, "note": STR})),
            "order_line_list": array(obj({"order_line_id": STR, "sub_item_id": STR}))},
            ["shipping_info_list"]))),
    "open_api_orders.update_package_info_202610": _op(
        "Update Package Shipping Info 202610: `shipping_info_list` (one entry)", "ShopEmpty",
        body=_json(obj({"shipping_info_list": array(obj({
            "tracking_number": STR, "shipping_provider_id": STR}))}, ["shipping_info_list"]))),
    "open_api_orders.ship_package": _op(
        "Ship Package with `self_shipment` (the package exists from payment outside the US)",
        "ShopEmpty", body=_json(obj({"self_shipment": obj({
            "tracking_number": STR, "shipping_provider_id": STR})}))),
    "open_api_orders.package_detail": _op("Get Package Detail", "ShopPackage"),
    "open_api_orders.package_search": _op("Search Package", "ShopPackageList", query=_PAGE,
                                          body=_json(obj({**_TIMES, "package_status": STR}),
                                                     required=False)),
    "open_api_orders.tracking": _op("Get Tracking", "ShopTracking"),
    "open_api_orders.update_package_info": _op(
        "Update Package Shipping Info: once, within 72 h, before delivery", "ShopEmpty",
        body=_SHIP_BODY),
    "open_api_orders.update_order_info": _op("Update Shipping Info", "ShopEmpty",
                                             body=_SHIP_BODY),
    "open_api_orders.shipping_providers": _op("Get Shipping Providers", "ShopProviders"),
    "open_api_orders.warehouses": _op("Get Warehouse List", "ShopWarehouses"),
    "open_api_orders.delivery_options": _op("Get Warehouse Delivery Options",
                                            "ShopDeliveryOptions"),
    "open_api_return_refund.search_cancellations": _op(
        "Search Cancellations (both CANCELLATION_REQUEST_CANCEL spellings accepted)",
        "ShopCancellations", query=_PAGE, body=_json(OBJ, required=False)),
    "open_api_return_refund.search_returns": _op("Search Returns", "ShopReturns", query=_PAGE,
                                                 body=_json(OBJ, required=False)),
    "open_api_return_refund.approve_cancellation": _op("Approve Cancellation", "ShopEmpty"),
    "open_api_return_refund.reject_cancellation": _op("Reject Cancellation", "ShopEmpty",
                                                      body=_REASON),
    "open_api_return_refund.approve_return": _op(
        "Approve Return (`decision` APPROVE_REFUND or APPROVE_RETURN; 25020004 on a mismatch)",
        "ShopEmpty", body=_json(obj({"decision": STR}, ["decision"]))),
    "open_api_return_refund.reject_return": _op(
        "Reject Return", "ShopEmpty", body=_json(obj({"decision": STR, "reject_reason": STR},
                                                     ["decision", "reject_reason"]))),
    "open_api_return_refund.cancel_order": _op(
        "Cancel Order (seller-initiated)", "ShopCancelled",
        body=_json(obj({"order_id": STR, "cancel_reason": STR},
                       ["order_id", "cancel_reason"]))),
    "open_api_return_refund.reject_reasons": _op("Get Reject Reasons", "ShopRejectReasons"),
    "open_api_return_refund.aftersale_eligibility": _op("Get Aftersale Eligibility",
                                                        "ShopEligibility"),
    "open_api_affiliate_orders.seller_orders": _op(
        "Search Seller Affiliate Orders (a showcase sale's content_type is SHOP)",
        "ShopAffiliateOrders", query=_PAGE, body=_json(OBJ, required=False)),
    "open_api_affiliate_orders.creator_orders": _op(
        "Search Creator Affiliate Orders (creator token)", "ShopAffiliateOrders", creator=True,
        query=_PAGE, body=_json(OBJ, required=False)),
    "open_api_affiliate_orders.statement_transactions": _op(
        "Get Order Statement Transactions (completed orders; the fee is the affiliate "
        "commission)", "ShopStatementTransactions"),
}
