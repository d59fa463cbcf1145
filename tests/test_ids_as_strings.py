"""Ids as strings: no webhook the sandbox sends nor answer of a journey holds a number above 2**53 - 1."""

from __future__ import annotations

import pytest
from json_numbers import JsonAnswers, assert_no_big_numbers, big_numbers, webhook_payloads
from shop_support import REDIRECT, params, signed, tokens
from test_oauth_edges import WEB, authorize_url, refresh, tokens_for, user_info
from test_open_api_products import MARKET, OPEN, PRODUCTS, SEARCH, SHOWCASE, Api, create_body, creator
from test_selling import link_official

from sandbox.services.shop_webhooks import SANDBOX_SENT

LOGIN_KIT_EVENTS = {"authorization.removed"}
SCOPE = "user.info.basic,user.info.profile,video.list"


@pytest.mark.parametrize(("value", "found"), [
    ({"product_id": 1729582718312380123}, ["$.product_id = 1729582718312380123"]),
    ([{"ids": [1, -(2**53)]}], ["$[0].ids[1] = -9007199254740992"]),
    ({"f": 1e20, "ok": 2**53 - 1, "flag": True, "id": "1729582718312380123"}, ["$.f = 1e+20"]),
])
def test_the_walker_finds_every_number_a_javascript_client_would_round(value, found):
    assert list(big_numbers(value)) == found
    with pytest.raises(AssertionError, match="ids must be strings"):
        assert_no_big_numbers(value, "here")


def _shop_journey(sandbox, world, control_http, app, shop):
    """Shop authorization, tokens, products (16, 5), an open collaboration, a creator's
    showcase and deauthorization (20), a linked and an unlinked account (9001, 9002)."""
    first = tokens(control_http, shop, app)
    fresh = control_http.get("/api/v2/token/refresh", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"],
        "refresh_token": first["refresh_token"], "grant_type": "refresh_token"}).json()["data"]
    token = fresh["access_token"]
    cipher = signed(control_http, world, app, "/authorization/202309/shops", token).json()[
        "data"]["shops"][0]["cipher"]
    seller = Api(control_http, world, app, token, cipher)
    made = seller.ok("POST", PRODUCTS, create_body())
    seller.ok("GET", f"{PRODUCTS}/{made['product_id']}")
    seller.ok("POST", SEARCH, query={"page_size": "10"})
    seller.ok("POST", f"{PRODUCTS}/deactivate", {"product_ids": [made["product_id"]]})
    seller.ok("POST", f"{PRODUCTS}/activate", {"product_ids": [made["product_id"]]})
    seller.ok("POST", OPEN, {"product_id": made["product_id"], "commission_rate": 1500})
    seller.ok("GET", "/event/202309/webhooks")
    shop.create_product("Mug", "8.00", commission_rate=1000)
    aff = world.create_account(username="aff", age=30, region="US", followers=5000,
                               affiliate=True)
    api = creator(sandbox, world, control_http, app, aff)
    api.ok("POST", MARKET, query={"page_size": "10"})
    api.ok("POST", f"{SHOWCASE}/add", {"add_type": "PRODUCT_ID",
                                       "product_ids": [made["product_id"]]})
    api.ok("GET", SHOWCASE, query={"page_size": "10", "origin": "SHOWCASE"})
    aff.app.creator_deauthorize(f"{sandbox.url}/alliance/creator/auth?app_key={app['app_key']}")
    official = world.create_account(username="acme_official", age=30, region="US")
    link = link_official(shop, official)
    seller.ok("GET", "/sandbox/202309/linked_accounts")
    world.clock.advance(hours=24)
    shop.seller.unlink(link.link_id)


def _login_kit_journey(sandbox, app_http, web, alice):
    """Tokens, user info, videos, a refresh, a revocation (reason 5), a removal (reason 1)."""
    alice.app.post_video("Clip", description="one")
    got = tokens_for(sandbox.app_url, app_http, web, alice)
    user_info(app_http, got["access_token"], "open_id,union_id,display_name,username")
    bearer = {"Authorization": f"Bearer {got['access_token']}"}
    app_http.post("/v2/video/list/", params={"fields": "id,title,create_time"},
                  json={"max_count": 5}, headers=bearer)
    again = refresh(app_http, web, got["refresh_token"]).json()
    app_http.post("/v2/oauth/revoke/", data={"client_key": web["client_key"],
                                             "client_secret": web["client_secret"],
                                             "token": again["access_token"]})
    params(alice.app.approve(authorize_url(sandbox.app_url, web, redirect_uri=WEB)))
    tokens_for(sandbox.app_url, app_http, web, alice)
    alice.app.remove_authorization(web["client_key"])


def test_every_webhook_type_sent_and_every_answer_of_a_journey_holds_ids_as_strings(
        sandbox, world, control_http, app_http, receiver):
    app = world.create_client(kind="shop_app", name="Ids ERP", redirect_url=REDIRECT,
                              webhook_url=receiver.url)
    web = world.create_client(name="Ids Web", redirect_uris=[WEB], scopes=SCOPE,
                              webhook_url=receiver.url)
    shop = world.create_shop(name="Acme", market="US")
    alice = world.create_account(username="alice", age=27, region="US")
    answers = JsonAnswers()
    with answers.watching(sandbox._pool, control_http, app_http):
        _shop_journey(sandbox, world, control_http, app, shop)
        _login_kit_journey(sandbox, app_http, web, alice)
        world.clock.advance(days=336)  # webhook 7: the seller's year ends in 30 days
        shop.seller.deauthorize(app["app_key"])  # webhook 6
        payloads = list(webhook_payloads(world.deliveries()))
    answers.check()
    for where, body in payloads:
        assert_no_big_numbers(body, where)
    assert set(SANDBOX_SENT) <= {body.get("type") for _, body in payloads}
    assert LOGIN_KIT_EVENTS <= {body.get("event") for _, body in payloads}
    assert {"GET /api/v2/token/get", "GET /api/v2/token/refresh", f"POST {PRODUCTS}",
            "GET /authorization/202309/shops", f"POST {SEARCH}", f"POST {SHOWCASE}/add",
            "POST /v2/oauth/token/", "GET /v2/user/info/", "POST /v2/video/list/",
            f"GET /_sandbox/v1/worlds/{world.id}/webhooks/deliveries"} <= answers.paths()
