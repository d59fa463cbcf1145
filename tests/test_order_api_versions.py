"""Newer versions of the order API (protocols.md §4.8): 202507's Get Order Detail is 202309's
shape; fulfillment 202610 ships and updates tracking with its own `shipping_info_list`."""

from __future__ import annotations

import json

import httpx
import pytest
from shop_support import REDIRECT, signed, tokens

USPS, UPS = "7117858858072016686", "7117859084333745966"


@pytest.fixture
def partner(sandbox, world):
    shop = world.create_shop(name="Acme", market="US")
    app = world.create_client(kind="shop_app", redirect_url=REDIRECT)
    http = httpx.Client(base_url=sandbox.url, timeout=30)
    token = tokens(http, shop, app)["access_token"]
    cipher = signed(http, world, app, "/authorization/202309/shops", token).json()["data"][
        "shops"][0]["cipher"]

    def call(path, method="GET", query=None, body=None):
        raw = json.dumps(body).encode() if body is not None else b""
        return signed(http, world, app, path, token, method=method, query=query, body=raw,
                      cipher=cipher).json()

    yield shop, call
    http.close()


def test_S3_202507_order_detail_is_202309s_shape(world, partner):
    shop, call = partner
    bea = world.create_account(username="bea", age=30)
    order = bea.app.buy(shop.create_product("Mug", "8.00"), quantity=2)
    old = call("/order/202309/orders", query={"ids": order.id})["data"]["orders"][0]
    new = call("/order/202507/orders", query={"ids": order.id})["data"]["orders"][0]
    assert set(old) == set(new) and old["id"] == new["id"] == order.id
    assert len(new["line_items"]) == 2 and "quantity" not in new["line_items"][0]


def test_S3_fulfillment_202610_ships_with_one_shipping_info(world, partner):
    shop, call = partner
    bea = world.create_account(username="bea", age=30)
    order = bea.app.buy(shop.create_product("Mug", "8.00"))
    world.clock.advance(hours=1)
    path = f"/fulfillment/202610/orders/{order.id}/packages"
    two = {"shipping_info_list": [{"tracking_number": "1Z1", "shipping_provider_id": USPS},
                                  {"tracking_number": "1Z2", "shipping_provider_id": USPS}]}
    assert call(path, "POST", body=two)["code"] == 36009004
    assert order.refresh().status == "AWAITING_SHIPMENT"
    one = {"shipping_info_list": [{"tracking_number": "1Z1", "shipping_provider_id": USPS}]}
    shipped = call(path, "POST", body=one)
    assert shipped["code"] == 0 and shipped["data"]["order_id"] == order.id
    package = shipped["data"]["package_id"]
    update = {"shipping_info_list": [{"tracking_number": "1Z9", "shipping_provider_id": UPS}]}
    answer = call(f"/fulfillment/202610/packages/{package}/shipping_info/update", "POST",
                  body=update)
    assert answer["code"] == 0
    assert order.refresh()["shipping"]["tracking_number"] == "1Z9"
    again = call(f"/fulfillment/202610/packages/{package}/shipping_info/update", "POST",
                 body=update)
    assert again["code"] == 21011051  # once only
