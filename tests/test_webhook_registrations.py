"""Per-event-type webhook registrations of the Open API (`/event/202309/webhooks`), over HTTP:
PUT registers one event type's address, GET lists one row per type, DELETE removes one type,
and deliveries go to the address registered for their event's type."""

from __future__ import annotations

import json

import pytest
from receiver import start_receiver
from shop_support import REDIRECT, signed, tokens

from sandbox.domain.signing import shop_webhook_signature

pytestmark = pytest.mark.usefixtures("no_big_numbers")

PATH = "/event/202309/webhooks"
SANDBOX_SENT = ["PRODUCT_STATUS_CHANGE", "SELLER_DEAUTHORIZATION",
                "UPCOMING_AUTHORIZATION_EXPIRATION", "PRODUCT_CREATION", "CREATOR_DEAUTHORIZATION",
                "SANDBOX_ACCOUNT_LINKED", "SANDBOX_ACCOUNT_UNLINKED"]


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme Official", market="US")


@pytest.fixture
def other():
    rec, server = start_receiver()
    yield rec
    server.shutdown()


class Api:
    """The app's signed calls to the webhook endpoints for one shop."""

    def __init__(self, http, world, app, shop):
        self.http, self.world, self.app = http, world, app
        self.token = tokens(http, shop, app)["access_token"]
        self.cipher = signed(http, world, app, "/authorization/202309/shops", self.token).json()[
            "data"]["shops"][0]["cipher"]

    def call(self, method, body=None):
        raw = json.dumps(body).encode() if body is not None else b""
        return signed(self.http, self.world, self.app, PATH, self.token, method=method,
                      body=raw, cipher=self.cipher)

    def put(self, event_type, address):
        return self.call("PUT", {"address": address, "event_type": event_type}).json()

    def delete(self, event_type):
        return self.call("DELETE", {"event_type": event_type}).json()

    def listed(self):
        body = self.call("GET").json()
        assert body["code"] == 0, body
        return body["data"]

    def by_type(self):
        return {row["event_type"]: row for row in self.listed()["webhooks"]}


def app_with(world, webhook_url=None):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT,
                               webhook_url=webhook_url)


def test_get_lists_one_row_per_event_type_never_all(world, control_http, shop, receiver):
    app = app_with(world, receiver.url)
    data = Api(control_http, world, app, shop).listed()
    rows = data["webhooks"]
    assert [row["event_type"] for row in rows] == SANDBOX_SENT
    assert data["total_count"] == len(rows)
    for row in rows:
        assert set(row) == {"event_type", "address", "create_time", "update_time"}
        assert row["address"] == receiver.url
        assert isinstance(row["create_time"], int) and isinstance(row["update_time"], int)


def test_without_an_app_address_nothing_is_registered_until_put(world, control_http, shop,
                                                                receiver):
    app = app_with(world)
    api = Api(control_http, world, app, shop)
    assert api.listed() == {"webhooks": [], "total_count": 0}
    assert api.put("ORDER_STATUS_CHANGE", receiver.url)["code"] == 0
    (row,) = api.listed()["webhooks"]
    assert row["event_type"] == "ORDER_STATUS_CHANGE" and row["address"] == receiver.url
    shop.seller.deauthorize(app["app_key"])  # type 6: SELLER_DEAUTHORIZATION is not registered
    assert world.deliveries() == [] and receiver.empty()


def test_deliveries_go_to_the_address_of_their_event_type(world, control_http, shop, receiver,
                                                          other):
    app = app_with(world, receiver.url)
    api = Api(control_http, world, app, shop)
    assert api.put("UPCOMING_AUTHORIZATION_EXPIRATION", other.url)["code"] == 0
    rows = api.by_type()
    assert rows["UPCOMING_AUTHORIZATION_EXPIRATION"]["address"] == other.url
    assert rows["SELLER_DEAUTHORIZATION"]["address"] == receiver.url
    shop.seller.deauthorize(app["app_key"])
    got = receiver.next()
    assert got.headers["Authorization"] == shop_webhook_signature(
        app["app_key"], app["app_secret"], got.body)
    assert json.loads(got.body)["type"] == 6 and other.empty()


def test_type_7_goes_to_its_registered_address(world, control_http, shop, receiver, other):
    app = app_with(world)
    api = Api(control_http, world, app, shop)
    api.put("UPCOMING_AUTHORIZATION_EXPIRATION", other.url)
    api.put("SELLER_DEAUTHORIZATION", receiver.url)
    world.clock.advance(days=336)
    assert json.loads(other.next().body)["type"] == 7 and receiver.empty()


def test_delete_removes_one_event_type(world, control_http, shop, receiver):
    app = app_with(world, receiver.url)
    api = Api(control_http, world, app, shop)
    assert api.delete("SELLER_DEAUTHORIZATION")["code"] == 0
    rows = api.by_type()
    assert "SELLER_DEAUTHORIZATION" not in rows
    assert rows["UPCOMING_AUTHORIZATION_EXPIRATION"]["address"] == receiver.url
    shop.seller.deauthorize(app["app_key"])
    assert world.deliveries() == [] and receiver.empty()


def test_put_again_moves_the_address_and_keeps_create_time(world, control_http, shop, receiver,
                                                           other):
    app = app_with(world)
    api = Api(control_http, world, app, shop)
    api.put("SELLER_DEAUTHORIZATION", receiver.url)
    first = api.by_type()["SELLER_DEAUTHORIZATION"]
    world.clock.advance(hours=1)
    api = Api(control_http, world, app, shop)  # a fresh signature timestamp
    api.put("SELLER_DEAUTHORIZATION", other.url)
    moved = api.by_type()["SELLER_DEAUTHORIZATION"]
    assert moved["address"] == other.url and moved["create_time"] == first["create_time"]
    assert moved["update_time"] >= first["update_time"] + 3600


@pytest.mark.parametrize("body", [
    {"address": "https://erp.example/hook"},
    {"address": "https://erp.example/hook", "event_type": "ALL"},
    {"address": "https://erp.example/hook", "event_type": "NOT_A_TYPE"},
    {"address": "ftp://erp.example/hook", "event_type": "PACKAGE_UPDATE"},
])
def test_put_refuses_a_bad_event_type_or_address(world, control_http, shop, body):
    api = Api(control_http, world, app_with(world), shop)
    resp = api.call("PUT", body)
    assert resp.status_code == 400 and resp.json()["code"] == 36009004
    assert api.listed()["webhooks"] == []


def test_delete_needs_a_known_event_type(world, control_http, shop, receiver):
    api = Api(control_http, world, app_with(world, receiver.url), shop)
    for body in (None, {}, {"event_type": "ALL"}):
        resp = api.call("DELETE", body)
        assert resp.status_code == 400 and resp.json()["code"] == 36009004
    assert len(api.listed()["webhooks"]) == len(SANDBOX_SENT)


def test_webhooks_name_the_sandbox_in_their_user_agent(world, control_http, shop, receiver):
    app = app_with(world, receiver.url)
    tokens(control_http, shop, app)
    shop.seller.deauthorize(app["app_key"])
    agent = receiver.next().headers["User-Agent"]
    assert agent.startswith("TikTokShopSandbox-Webhook/") and "httpx" not in agent
