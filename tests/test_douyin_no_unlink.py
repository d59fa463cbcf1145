"""Seed 003 audit (issue 27): a Douyin shop's official account is changed only by its one
rebind (J5); TikTok's ordinary unlink (F rules) is refused on the actor API, the client and the
Seller Center page with a J5 code naming the rebind, changing nothing; the operator may unlink."""

from __future__ import annotations

import pytest
from support import browser_seller, submit_form

from sandbox.client import SandboxAPIError

ENTITY = "杭州某某科技有限公司"
LINKED = "/seller/account/linked-accounts"
NO_UNLINK = ("DOUYIN_UNLINK_NOT_AVAILABLE", "J5")


@pytest.fixture
def shop(world):
    return world.create_shop(name="抖音小店", market="DOUYIN", business_entity=ENTITY)


def bind(world, shop, username="first"):
    acct = world.create_account(username, region="CN", age=30, real_name_verified=True)
    req = shop.seller.start_official_link()
    acct.app.scan(req.qr_url).authorize()
    req.wait_until("ready").confirm()
    world.clock.advance(days=2)  # past TikTok's 24 hours (F1): only J5 can refuse
    [link] = shop.links()
    return link


def test_J5_the_actor_api_and_client_refuse_the_ordinary_unlink_on_a_douyin_shop(world, shop):
    link = bind(world, shop)
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.unlink(link["id"])
    assert (err.value.status, err.value.code, err.value.rule) == (422, *NO_UNLINK)
    assert "rebind" in err.value.message and err.value.details["instead"] == "rebind"
    assert world.events(after=before[-1]["seq"]) == []
    assert shop.links() == [link]
    assert shop.seller.douyin_status()["rebind_available"] is True  # the one way still open


def test_J5_the_seller_center_page_offers_no_unlink_and_refuses_a_posted_one(world, shop,
                                                                             control_http):
    link = bind(world, shop)
    seller = shop.data["seller"]
    http = browser_seller(control_http, world.id, seller["email"], seller["password"])
    page = http.get(LINKED).text
    assert 'id="unlink-official"' not in page and 'id="douyin-no-unlink"' in page
    before = world.events()
    resp = submit_form(http, LINKED, to=f"{LINKED}/links/{link['id']}/unlink", back="linked",
                       confirm="yes")
    assert resp.status_code == 302
    assert "Douyin Shop has no unlink" in http.get(resp.headers["location"]).text
    assert world.events(after=before[-1]["seq"]) == [] and shop.links() == [link]


def test_J5_the_operator_can_still_unlink_a_douyin_official_account(world, shop):
    link = bind(world, shop)
    world.unlink(link["id"])
    assert shop.links() == []
    assert [e["data"].get("by") for e in world.events(type="link.unlinked")] == ["operator"]


def test_F_rules_still_unlink_on_a_tiktok_shop(world):
    tiktok = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    req = tiktok.seller.start_official_link()
    bob.app.scan(req.qr_url).authorize()
    link_id = req.wait_until("ready").confirm().link_id
    world.clock.advance(days=2)
    assert tiktok.seller.unlink(link_id)["status"] == "unlinked" and tiktok.links() == []
