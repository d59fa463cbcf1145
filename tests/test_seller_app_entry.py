"""D5, the Seller app's entry: type the username, agree, the TikTok app opens for that account and
authorizes, back in the Seller app tap "Link" — the QR journey's request, claim machine and C
rules, with the app switch instead of a scan."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError


def refused(call, code, rule=None):
    with pytest.raises(SandboxAPIError) as err:
        call()
    assert err.value.code == code, err.value
    assert rule is None or err.value.rule == rule
    return err.value


def link_types(world):
    return [e["type"] for e in world.events(type="link.")]


def test_D5_the_seller_app_links_the_official_account(world):
    shop = world.create_shop(name="Acme Official", market="US")
    alice = world.create_account(username="alice", nickname="Alice", age=27, region="US")
    link = shop.seller.start_official_link_in_app("@alice")
    assert (link.status, link.entry) == ("qr_shown", "seller_app")
    assert link.data["username"] == "alice" and "for_username=alice" in link.app_link
    opened = alice.app.open_link(link.app_link)
    assert opened.data["status"] == "scanned" and link.refresh().status == "scanned"
    opened.authorize()
    link.wait_until("ready")
    assert link.account["username"] == "alice" and shop.links() == []
    link.confirm()  # back in the Seller app: "Link"
    assert link.status == "linked"
    [official] = shop.links()
    assert (official["role"], official["open_id"]) == ("official", alice.open_id)
    assert link_types(world) == ["link.requested", "link.scanned", "link.ready", "link.linked"]
    assert world.events(type="link.requested")[0]["data"]["entry"] == "seller_app"


def test_D5_another_account_on_the_phone_is_refused_and_nothing_changes(world):
    shop = world.create_shop(name="Acme", market="US")
    world.create_account(username="alice", age=27, region="US")
    bob = world.create_account(username="bob", age=30, region="US")
    link = shop.seller.start_official_link_in_app("alice")
    refused(lambda: bob.app.open_link(link.app_link), "SELLER_APP_ACCOUNT_MISMATCH", "D5")
    assert link.refresh().status == "qr_shown"  # the code was not even scanned
    assert bob.app.displayed_qr_codes() is not None and shop.links() == []


def test_D5_seller_center_checks_the_account_again_if_the_link_was_stripped(world):
    """The app's check reads the link; Seller Center's reads who authorized (authoritative)."""
    shop = world.create_shop(name="Acme", market="US")
    world.create_account(username="alice", age=27, region="US")
    bob = world.create_account(username="bob", age=30, region="US")
    link = shop.seller.start_official_link_in_app("alice")
    bob.app.scan(link.qr_url).authorize()  # the bare scan link, without for_username
    link.wait_until("refused")
    assert (link.data["error"]["code"], link.data["error"]["rule"]) == (
        "SELLER_APP_ACCOUNT_MISMATCH", "D5")
    refused(link.confirm, "LINK_REQUEST_NOT_READY")
    assert shop.links() == []


@pytest.mark.parametrize(("attrs", "code", "rule"), [
    pytest.param({"age": 17}, "LINK_HOLDER_UNDER_18", "C1", id="C1_under_18"),
    pytest.param({"age": 30, "status": "restricted"}, "LINK_ACCOUNT_STATUS_ABNORMAL", "C3",
                 id="C3_abnormal_status"),
])
def test_D5_every_C_rule_still_applies(world, attrs, code, rule):
    shop = world.create_shop(name="Acme", market="US")
    carol = world.create_account(username="carol", region="US", **attrs)
    link = shop.seller.start_official_link_in_app("carol")
    carol.app.open_link(link.app_link).authorize()
    link.wait_until("refused")
    assert (link.data["error"]["code"], link.data["error"]["rule"]) == (code, rule)
    assert shop.links() == []


def test_D5_C6_an_account_linked_elsewhere_is_refused(world):
    first = world.create_shop(name="First", market="US")
    second = world.create_shop(name="Second", market="US")
    dana = world.create_account(username="dana", age=30, region="US")
    one = first.seller.start_official_link_in_app("dana")
    dana.app.open_link(one.app_link).authorize()
    one.wait_until("ready").confirm()
    two = second.seller.start_official_link_in_app("dana")
    dana.app.open_link(two.app_link).authorize()
    two.wait_until("refused")
    assert two.data["error"]["rule"] == "C6" and second.links() == []


def test_D5_needs_the_agreement_and_a_username(world):
    shop = world.create_shop(name="Acme", market="US")
    refused(lambda: shop.seller.start_official_link_in_app("alice", agreed=False),
            "AGREEMENT_REQUIRED", "D1")
    refused(lambda: shop.seller.start_official_link_in_app("  @ "), "INVALID_FIELD")
    assert link_types(world) == []


def test_B1_the_seller_app_cannot_start_a_second_official_link(world):
    shop = world.create_shop(name="Acme", market="US")
    erin = world.create_account(username="erin", age=30, region="US")
    link = shop.seller.start_official_link_in_app("erin")
    erin.app.open_link(link.app_link).authorize()
    link.wait_until("ready").confirm()
    refused(lambda: shop.seller.start_official_link_in_app("frank"),
            "LINK_SHOP_HAS_OFFICIAL_ACCOUNT", "B1")


# -- the Seller app's pages (HTTP, like a browser) ------------------------------------------

def _app_seller(world, http, shop):
    from support import submit_form

    seller = shop.data["seller"]
    resp = submit_form(http, f"/seller-app/login?world={world.id}", to="/seller-app/login",
                       world=world.id, email=seller["email"], password=seller["password"])
    assert resp.status_code == 302, resp.text[:300]


def test_D5_the_seller_app_pages_walk_settings_to_link(world, control_http):
    from support import refused_form, submit_form

    shop = world.create_shop(name="Pocket Shop", market="US")
    gina = world.create_account(username="gina", age=30, region="US")
    assert control_http.get("/seller-app/").status_code == 302  # log in first
    _app_seller(world, control_http, shop)
    assert "Settings" in control_http.get("/seller-app/").text
    assert "Linked TikTok Accounts" in control_http.get("/seller-app/settings").text
    assert 'id="open-official"' in control_http.get("/seller-app/settings/linked-accounts").text
    form = "/seller-app/settings/linked-accounts/official"
    unticked = refused_form(control_http, form, username="gina")
    assert "AGREEMENT" not in unticked and 'value="gina"' in unticked
    assert "agree" in unticked and link_types(world) == []
    started = submit_form(control_http, form, username="@gina", agree="yes")
    assert started.status_code == 302
    page = control_http.get(started.headers["location"])
    assert 'id="open-tiktok"' in page.text and "for_username=gina" in page.text
    [req] = [e["subject"] for e in world.events(type="link.requested")]
    link = shop.seller.link_request(req)
    gina.app.open_link(link.app_link).authorize()
    status = f"/seller-app/links/{req}/status"
    for _ in range(20):
        if control_http.get(status).json()["status"] == "ready":
            break
    page = control_http.get(f"/seller-app/links/{req}")
    assert 'id="app-link"' in page.text
    done = submit_form(control_http, f"/seller-app/links/{req}", to=f"/seller-app/links/{req}/link")
    assert done.status_code == 302
    shown = control_http.get("/seller-app/settings/linked-accounts").text
    assert 'data-username="gina"' in shown and "Linked" in shown
    assert [lk["open_id"] for lk in shop.links()] == [gina.open_id]


def test_D5_the_seller_app_page_shows_a_refusal_with_its_rule(world, control_http):
    from support import submit_form

    shop = world.create_shop(name="Pocket Shop", market="US")
    teen = world.create_account(username="teen", age=16, region="US")
    _app_seller(world, control_http, shop)
    started = submit_form(control_http, "/seller-app/settings/linked-accounts/official",
                          username="teen", agree="yes")
    req = started.headers["location"].rsplit("/", 1)[1]
    teen.app.open_link(shop.seller.link_request(req).app_link).authorize()
    for _ in range(20):
        if control_http.get(f"/seller-app/links/{req}/status").json()["status"] == "refused":
            break
    page = control_http.get(f"/seller-app/links/{req}").text
    assert 'id="app-refusal"' in page and "LINK_HOLDER_UNDER_18" in page and "C1" in page
    assert 'id="app-link"' not in page and shop.links() == []


def test_D5_the_phone_refuses_a_seller_app_link_for_another_account(world, app_http):
    from support import submit_form

    shop = world.create_shop(name="Pocket Shop", market="US")
    world.create_account(username="alice", age=27, region="US")
    bob = world.create_account(username="bob", age=30, region="US")
    link = shop.seller.start_official_link_in_app("alice")
    submit_form(app_http, f"/phone/login?world={world.id}", username="bob",
                password=bob.password)
    path = link.app_link.split("/phone/", 1)[1]
    shown = app_http.get(f"/phone/{path}")
    assert shown.status_code == 422 and "SELLER_APP_ACCOUNT_MISMATCH" in shown.text
    scanned = submit_form(app_http, "/phone/scan", url=link.app_link)
    assert scanned.status_code == 422 and "@alice" in scanned.text
    assert link.refresh().status == "qr_shown"


@pytest.mark.browser
def test_D5_the_seller_app_entry_in_the_browser(sandbox, world, chromium):
    shop = world.create_shop(name="Pocket Browser", market="US", email="seller@pocket.test",
                             password="browser1")
    hana = world.create_account(username="hana", nickname="Hana", age=29, region="US")
    ctx = chromium.new_context()  # one phone: the Seller app and the TikTok app side by side
    app = ctx.new_page()
    try:
        app.goto(f"{sandbox.url}/seller-app/login?world={world.id}")
        app.fill("input[name=email]", "seller@pocket.test")
        app.fill("input[name=password]", "browser1")
        app.click("#seller-app-login")
        app.click("#open-settings")
        app.click("#open-linked-accounts")
        app.click("#open-official")
        app.fill("#app-username", "hana")
        app.check("#app-agree")
        app.click("#app-continue")
        app.wait_for_selector("#open-tiktok")
        with ctx.expect_page() as opened:
            app.click("#open-tiktok")
        tiktok = opened.value
        tiktok.wait_for_selector("input[name=username]")  # the TikTok app asks to log in
        tiktok.fill("input[name=username]", "hana")
        tiktok.fill("input[name=password]", hana.password)
        tiktok.click("button[type=submit]")
        tiktok.click("#scan-code")
        tiktok.click("#consent-authorize")
        tiktok.wait_for_selector(".result")
        app.bring_to_front()
        app.wait_for_selector("#app-link", timeout=15000)  # the page follows by itself
        app.click("#app-link")
        app.wait_for_selector("#official-linked[data-username=hana]")
    finally:
        ctx.close()
    assert [lk["open_id"] for lk in shop.links()] == [hana.open_id]
