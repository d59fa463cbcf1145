"""Helpers for the order Open API tests: an app authorized by a US shop, signed calls."""

from __future__ import annotations

import json

from shop_support import REDIRECT, signed, tokens

ORDERS = "/order/202309/orders"
SEARCH = f"{ORDERS}/search"
RR = "/return_refund/202309"
SHIP = "/fulfillment/202309/orders/{}/packages"
USPS = "7117858858072016686"


class Api:
    """One app's signed calls with the shop's cipher (or none)."""

    def __init__(self, http, world, app, token, cipher=None):
        self.http, self.world, self.app, self.token, self.cipher = http, world, app, token, cipher

    def raw(self, method, path, body=None, query=None, **kw):
        data = json.dumps(body).encode() if body is not None else b""
        kw.setdefault("cipher", self.cipher)
        return signed(self.http, self.world, self.app, path, self.token, method=method,
                      query=query, body=data, **kw)

    def call(self, method, path, body=None, query=None, **kw):
        resp = self.raw(method, path, body, query, **kw)
        assert resp.status_code < 500, resp.text
        return resp.json()

    def ok(self, method, path, body=None, query=None):
        got = self.call(method, path, body, query)
        assert got["code"] == 0, got
        return got["data"]

    def search(self, body=None, **query):
        return self.ok("POST", SEARCH, body or {}, {"page_size": "100", **query})

    def ids(self, body=None, **query):
        return [o["id"] for o in self.search(body, **query)["orders"]]

    def detail(self, *ids, version="202309"):
        return self.ok("GET", f"/order/{version}/orders", query={"ids": ",".join(ids)})["orders"]

    def order(self, order_id):
        (found,) = self.detail(order_id)
        return found


def seller_api(http, world, app, shop):
    data = tokens(http, shop, app)
    token = data["access_token"]
    cipher = signed(http, world, app, "/authorization/202309/shops", token).json()[
        "data"]["shops"][0]["cipher"]
    api = Api(http, world, app, token, cipher)
    api.refresh = data["refresh_token"]
    return api


def new_app(world, webhook_url=None, scopes=None, name="Acme ERP"):
    fields = {"webhook_url": webhook_url} if webhook_url else {}
    if scopes is not None:
        fields["scopes"] = scopes
    return world.create_client(kind="shop_app", name=name, redirect_url=REDIRECT, **fields)


def ship(api, order_id, provider=USPS, tracking="9400111206213"):
    """Mark Package As Shipped: the whole order, one package (§4.2.2)."""
    return api.call("POST", SHIP.format(order_id),
                    {"tracking_number": tracking, "shipping_provider_id": provider})
