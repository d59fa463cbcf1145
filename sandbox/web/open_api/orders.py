"""TikTok Shop's Order API and Fulfillment/Logistics API (202309; newer version segments of
the same shape are aliases): search and read orders, ship, packages, tracking, providers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.domain import carriers
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.fields import text_field, text_list_field
from sandbox.services import open_api_fulfillment as fulfil
from sandbox.services import open_api_orders as wire
from sandbox.services import order_actions
from sandbox.services.open_api_gateway import Caller
from sandbox.services.orders import get_order
from sandbox.store.orders import Order
from sandbox.store.shops import Shop
from sandbox.web.open_api.api import signed
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api_orders", __name__)
ORDER_READ, FULFIL, LOGISTICS = "seller.order.info", "seller.fulfillment.basic", \
    "seller.logistics.info"
DETAIL_MAX = 50


def _shop(scope: str) -> tuple[Caller, Shop]:
    caller = signed(scope, "required")
    assert caller.shop is not None  # cipher "required" guarantees it
    return caller, caller.shop


def _body() -> dict[str, Any]:
    body = json_value()
    if body is not None and not isinstance(body, dict):
        raise wire.bad("The body must be a JSON object.")
    return body or {}


@bp.post("/order/202309/orders/search")
@bp.post("/order/202507/orders/search")
def search() -> Any:
    """Get Order List: paging and sorting in the query, filters in the body (§4.1.1)."""
    caller, shop = _shop(ORDER_READ)
    size = wire.page_size(request.args, 100)
    field, newest_first = wire.sort_args(request.args)
    column = Order.created_at if field == "create_time" else Order.updated_at
    rows, token, total = wire.keyset_page(g.db, wire.search_query(shop, _body()), column,
                                          Order.id, size, newest_first,
                                          text_field(request.args, "page_token") or "")
    return envelope({"next_page_token": token, "total_count": total,
                     "orders": wire.objects(g.db, rows, shop, detail=False, now=caller.now)})


@bp.get("/order/202309/orders")
@bp.get("/order/202507/orders")
def detail() -> Any:
    """Get Order Detail: up to 50 comma-joined `ids`; unknown or other shops' ids are left
    out (TikTok does not document which; §4.1.2)."""
    caller, shop = _shop(ORDER_READ)
    ids = [i for i in (text_field(request.args, "ids") or "").split(",") if i]
    if not ids:
        raise wire.bad("`ids` is required: up to 50 order ids, comma-joined.")
    if len(ids) > DETAIL_MAX:
        raise wire.bad(f"`ids` takes at most {DETAIL_MAX} order ids.")
    rows = {o.id: o for o in g.db.scalars(wire.search_query(shop, {}).where(Order.id.in_(ids)))}
    found = [rows[i] for i in dict.fromkeys(ids) if i in rows]
    return envelope({"orders": wire.objects(g.db, found, shop, detail=True, now=caller.now)})


def _order(shop: Shop, order_id: str) -> Order:
    with fulfil.tiktok_codes(fulfil.SHIP_CODES):
        return get_order(g.db, shop.world_id, order_id, shop_id=shop.id, lock=True)


@bp.post("/fulfillment/202309/orders/<order_id>/packages")
def mark_shipped(order_id: str) -> Any:
    """Mark Package As Shipped (US/EMEA seller shipping): the whole order, one package."""
    caller, shop = _shop(FULFIL)
    body = _body()
    tracking, provider = fulfil.check_shipping_info(body.get("tracking_number"),
                                                    body.get("shipping_provider_id"))
    order = _order(shop, order_id)
    wanted = text_list_field(body, "order_line_item_ids")
    if wanted and sorted(wanted) != sorted(fulfil.line_ids(g.db, order)):
        raise OpenApiError(36009004, "Invalid parameter. The sandbox ships whole orders: omit "
                                     "`order_line_item_ids` or list every line item.", 400)
    with fulfil.tiktok_codes(fulfil.SHIP_CODES):
        order_actions.ship(g.db, order, caller.now, provider=provider, tracking=tracking)
    g.db.commit()
    return envelope({"order_id": order.id, "order_line_item_ids": fulfil.line_ids(g.db, order),
                     "package_id": order.package_id})


def _shipping_info_202610(body: dict[str, Any]) -> tuple[str, str]:
    """202610's `shipping_info_list`: one tracking number at a time (several are for
    allow-listed sellers' split shipments only, which the sandbox does not do)."""
    infos = body.get("shipping_info_list")
    if not isinstance(infos, list) or len(infos) != 1 or not isinstance(infos[0], dict):
        raise OpenApiError(36009004, "Invalid parameter. `shipping_info_list` takes one "
                                     "`{tracking_number, shipping_provider_id}` (several are for "
                                     "allow-listed split shipments only).", 400)
    return fulfil.check_shipping_info(infos[0].get("tracking_number"),
                                      infos[0].get("shipping_provider_id"))


@bp.post("/fulfillment/202610/orders/<order_id>/packages")
def mark_shipped_202610(order_id: str) -> Any:
    """Mark Package As Shipped 202610: `order_line_list` and `shipping_info_list` (its own
    shape, published SDKs call it)."""
    caller, shop = _shop(FULFIL)
    body = _body()
    tracking, provider = _shipping_info_202610(body)
    order = _order(shop, order_id)
    lines = body.get("order_line_list")
    wanted = ([str(x.get("order_line_id")) for x in lines if isinstance(x, dict)]
              if isinstance(lines, list) else [])
    if wanted and sorted(wanted) != sorted(fulfil.line_ids(g.db, order)):
        raise OpenApiError(36009004, "Invalid parameter. The sandbox ships whole orders: omit "
                                     "`order_line_list` or list every line item.", 400)
    with fulfil.tiktok_codes(fulfil.SHIP_CODES):
        order_actions.ship(g.db, order, caller.now, provider=provider, tracking=tracking)
    g.db.commit()
    return envelope({"order_id": order.id, "order_line_item_ids": fulfil.line_ids(g.db, order),
                     "package_id": order.package_id})


@bp.post("/fulfillment/202309/packages/<package_id>/ship")
def ship_package(package_id: str) -> Any:
    """Ship Package with `self_shipment` (SEA/LATAM seller shipping; the package exists from
    payment outside the US)."""
    caller, shop = _shop(FULFIL)
    own = _body().get("self_shipment")
    if not isinstance(own, dict):
        raise OpenApiError(36009004, "Invalid parameter. The sandbox ships by the seller: send "
                                     "`self_shipment {tracking_number, shipping_provider_id}`.",
                           400)
    tracking, provider = fulfil.check_shipping_info(own.get("tracking_number"),
                                                    own.get("shipping_provider_id"))
    order = _package_order(shop, package_id, any_status=True)
    codes = {**fulfil.SHIP_CODES, "ORDER_ALREADY_SHIPPED": (21011040, "Package has been "
                                                                      "shipped.")}
    with fulfil.tiktok_codes(codes):
        order_actions.ship(g.db, order, caller.now, provider=provider, tracking=tracking)
    g.db.commit()
    return envelope({})


def _package_order(shop: Shop, package_id: str, any_status: bool = False) -> Order:
    order = g.db.scalars(wire.search_query(shop, {}).where(Order.package_id == package_id)
                         .with_for_update()).first()
    if order is None or (not any_status and not wire.has_package(order, shop)) or \
            (any_status and order.paid_at is None):
        raise OpenApiError(21011028, "The package does not belong to the current shop.")
    return order


@bp.get("/fulfillment/202309/packages/<package_id>")
def package_detail(package_id: str) -> Any:
    caller, shop = _shop(FULFIL)
    return envelope(fulfil.package_detail(g.db, _package_order(shop, package_id), shop,
                                          caller.now))


@bp.post("/fulfillment/202309/packages/search")
def package_search() -> Any:
    """Search Package: the shop's packages (shipped ones in the US), newest first."""
    _caller, shop = _shop(FULFIL)
    size = wire.page_size(request.args, 50)
    field = text_field(request.args, "sort_field") or "create_time"
    if field not in ("create_time", "update_time", "order_pay_time"):
        raise wire.bad("`sort_field` must be create_time, update_time or order_pay_time.")
    _f, newest_first = wire.sort_args({"sort_order": text_field(request.args, "sort_order")
                                       or "DESC"})
    body = _body()
    query = wire.search_query(shop, {k: body[k] for k in ("create_time_ge", "create_time_lt",
                                                          "update_time_ge", "update_time_lt")
                                     if k in body})
    query = query.where(Order.rts_at.is_not(None) if shop.market == "US"
                        else Order.paid_at.is_not(None))
    status = text_field(body, "package_status")
    if status:
        wanted = [s for s in wire.lifecycle.STATUSES if wire.package_status(s) == status]
        if not wanted:
            raise wire.bad("`package_status` must be PROCESSING, FULFILLING, COMPLETED or "
                           "CANCELLED.")
        query = query.where(Order.status.in_(wanted))
    column = Order.updated_at if field == "update_time" else Order.paid_at \
        if field == "order_pay_time" else Order.created_at
    rows, token, total = wire.keyset_page(g.db, query, column, Order.id, size, newest_first,
                                          text_field(request.args, "page_token") or "")
    return envelope({"next_page_token": token, "total_count": total, "packages": [
        fulfil.package_row(o, fulfil.line_ids(g.db, o)) for o in rows]})


@bp.get("/fulfillment/202309/orders/<order_id>/tracking")
@bp.get("/logistics/202604/orders/<order_id>/tracking")
def tracking(order_id: str) -> Any:
    _caller, shop = _shop(FULFIL)
    return envelope({"tracking": fulfil.tracking(_order(shop, order_id))})


def _update_info(order: Order, now: Any) -> Any:
    body = _body()
    tracking_number, provider = fulfil.check_shipping_info(body.get("tracking_number"),
                                                           body.get("shipping_provider_id"))
    fulfil.update_shipping_info(g.db, order, tracking_number, provider, now)
    g.db.commit()
    return envelope({})


@bp.post("/fulfillment/202309/packages/<package_id>/shipping_info/update")
def update_package_info(package_id: str) -> Any:
    caller, shop = _shop(FULFIL)
    return _update_info(_package_order(shop, package_id), caller.now)


@bp.post("/fulfillment/202610/packages/<package_id>/shipping_info/update")
def update_package_info_202610(package_id: str) -> Any:
    caller, shop = _shop(FULFIL)
    order = _package_order(shop, package_id)
    tracking_number, provider = _shipping_info_202610(_body())
    fulfil.update_shipping_info(g.db, order, tracking_number, provider, caller.now)
    g.db.commit()
    return envelope({})


@bp.post("/fulfillment/202309/orders/<order_id>/shipping_info/update")
def update_order_info(order_id: str) -> Any:
    caller, shop = _shop(FULFIL)
    return _update_info(_order(shop, order_id), caller.now)


@bp.get("/logistics/202309/delivery_options/<delivery_option_id>/shipping_providers")
def shipping_providers(delivery_option_id: str) -> Any:
    _shop(LOGISTICS)
    if delivery_option_id != carriers.DELIVERY_OPTION["id"]:
        raise OpenApiError(21008116, "No Subscription without specified delivery option.")
    return envelope({"shipping_providers": [{"id": pid, "name": name}
                                            for pid, name in carriers.PROVIDERS.items()]})


@bp.get("/logistics/202309/warehouses")
def warehouses() -> Any:
    _caller, shop = _shop(LOGISTICS)
    return envelope({"warehouses": [{
        "id": wire.WAREHOUSE_ID, "entity_id": shop.id, "name": f"{shop.name} warehouse",
        "effect_status": "ENABLED", "type": "SALES_WAREHOUSE",
        "sub_type": "DOMESTIC_WAREHOUSE", "is_default": True,
        "address": {"region_code": shop.market, "full_address": f"{shop.name} warehouse",
                    "contact_person": shop.name, "phone_number": shop.phone or ""}}]})


@bp.get("/logistics/202309/warehouses/<warehouse_id>/delivery_options")
def delivery_options(warehouse_id: str) -> Any:
    _shop(LOGISTICS)
    if warehouse_id != wire.WAREHOUSE_ID:
        raise wire.bad("`warehouse_id` is not one of the shop's warehouses.")
    return envelope({"delivery_options": [{**carriers.DELIVERY_OPTION,
                                           "description": "The seller ships with a carrier "
                                                          "of its choice", "platform": []}]})

