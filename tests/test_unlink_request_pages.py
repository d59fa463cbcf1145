"""F5 on Seller Center pages (seed 002): the creator's unlink request shows beside the account it
concerns, with "View details"; the details page says who asked, when, the account, its link date
and what agreeing does; Agree ends the link, Decline keeps it (both POST with CSRF)."""

from __future__ import annotations

from support import browser_seller, csrf_token
from test_unlinking import invite_and_accept, link_official

from sandbox.web_shared.humane import human_time

LINKED = "/seller/account/linked-accounts"
MARKETING = f"{LINKED}/marketing"


def _shop_with_request(world, http, official=False):
    shop = world.create_shop(name="Request Shop", market="US")
    seller = shop.data["seller"]
    browser_seller(http, world.id, seller["email"], seller["password"])
    bob = world.create_account(username="bob", nickname="Bob Sells", age=30, region="US")
    if official:
        link_id = link_official(shop, bob).data["link_id"]
    else:
        link_id = invite_and_accept(shop, bob).link_id
    request = bob.app.request_unlink()
    return shop, bob, link_id, request


def _details_url(request):
    return f"{LINKED}/unlink-requests/{request['id']}"


def _row(page, link_id):
    start = page.index(f'data-link-id="{link_id}" data-username=')
    return page[start:page.index("</li>", start)]


def test_F5_a_pending_request_shows_beside_its_marketing_account_with_a_details_link(
        world, control_http):
    _, _, link_id, request = _shop_with_request(world, control_http)
    page = control_http.get(MARKETING).text
    row = _row(page, link_id)
    assert "Unlink requested by <b>@bob</b>" in row
    assert human_time(request["created_at"]) in row
    assert f'href="{_details_url(request)}?back=marketing"' in row and "View details" in row
    assert f"for link {link_id}" not in page and f"Request {request['id']}" not in page


def test_F5_an_official_accounts_request_shows_on_its_card_of_the_marketing_page(
        world, control_http):
    _, _, _, request = _shop_with_request(world, control_http, official=True)
    page = control_http.get(MARKETING).text
    card = page[page.index('id="official-actions"'):]
    card = card[:card.index("</section>")]
    assert "Unlink requested by <b>@bob</b>" in card and _details_url(request) in card


def test_F5_F3_the_details_page_shows_who_asked_when_the_account_and_what_agreeing_does(
        world, control_http):
    shop, _, link_id, request = _shop_with_request(world, control_http)
    [link] = shop.links()
    resp = control_http.get(_details_url(request))
    assert resp.status_code == 200
    page = resp.text
    assert 'data-status="pending"' in page and f'data-link-id="{link_id}"' in page
    assert "<b>@bob</b> (Bob Sells)" in page
    assert human_time(request["created_at"]) in page
    assert "Marketing account of <b>Request Shop</b>" in page
    assert human_time(link["linked_at"]) in page
    assert "The link ends" in page and "F3" in page and "10 of 10 unlinks left" in page
    assert 'id="agree-unlink-request"' in page and 'id="decline-unlink-request"' in page
    assert len(shop.links()) == 1  # GET changes nothing
    assert shop.seller.unlink_requests()[0]["status"] == "pending"


def test_F5_F2_the_details_page_of_an_official_accounts_request_counts_toward_F2(
        world, control_http):
    _, _, _, request = _shop_with_request(world, control_http, official=True)
    page = control_http.get(_details_url(request)).text
    assert "Official account of <b>Request Shop</b>" in page
    assert 'data-rule="F2"' in page and "link a new official account" in page


def test_F5_agreeing_from_the_details_page_ends_the_link(world, control_http):
    shop, bob, _, request = _shop_with_request(world, control_http)
    world.clock.advance(hours=24)  # F1
    page = control_http.get(_details_url(request) + "?back=marketing").text
    resp = control_http.post(f"{_details_url(request)}/approve",
                             data={"csrf_token": csrf_token(page), "back": "marketing"})
    assert resp.status_code == 302 and resp.headers["location"].endswith(MARKETING)
    assert shop.links() == [] and bob.app.link_info() == {"linked": False}
    assert shop.seller.unlink_requests()[0]["status"] == "approved"
    after = control_http.get(MARKETING).text
    assert "Unlink request approved." in after and "Unlink requested by" not in after
    done = control_http.get(_details_url(request)).text  # the request stays readable
    assert 'data-status="approved"' in done and 'id="agree-unlink-request"' not in done


def test_F5_F1_agreeing_too_soon_is_refused_and_the_request_stays_pending(world, control_http):
    shop, _, link_id, request = _shop_with_request(world, control_http)
    page = control_http.get(_details_url(request)).text
    resp = control_http.post(f"{_details_url(request)}/approve",
                             data={"csrf_token": csrf_token(page), "back": "marketing"})
    assert resp.status_code == 302
    after = control_http.get(MARKETING).text
    assert "can be unlinked from" in after  # the F1 refusal, flashed
    assert len(shop.links()) == 1 and "Unlink requested by" in _row(after, link_id)


def test_F5_declining_from_the_details_page_keeps_the_link(world, control_http):
    shop, bob, link_id, request = _shop_with_request(world, control_http)
    page = control_http.get(_details_url(request)).text
    resp = control_http.post(f"{_details_url(request)}/decline",
                             data={"csrf_token": csrf_token(page), "back": "marketing"})
    assert resp.status_code == 302 and resp.headers["location"].endswith(MARKETING)
    assert len(shop.links()) == 1 and bob.app.link_info()["linked"] is True
    assert shop.seller.unlink_requests()[0]["status"] == "declined"
    after = control_http.get(MARKETING).text
    assert "Unlink request declined." in after and "Unlink requested by" not in _row(after, link_id)


def test_F5_deciding_without_the_csrf_token_is_refused(world, control_http):
    shop, _, _, request = _shop_with_request(world, control_http)
    world.clock.advance(hours=24)
    resp = control_http.post(f"{_details_url(request)}/approve", data={"back": "marketing"})
    assert resp.status_code in (400, 403)
    assert len(shop.links()) == 1


def test_F5_an_unknown_request_redirects_back_with_the_error(world, control_http):
    _shop_with_request(world, control_http)
    resp = control_http.get(f"{LINKED}/unlink-requests/nope")
    assert resp.status_code == 302 and resp.headers["location"].endswith(MARKETING)
    assert "No unlink request" in control_http.get(MARKETING).text


def test_F5_an_official_accounts_request_shows_on_its_card_of_the_linked_accounts_page(
        world, control_http):
    _, _, link_id, request = _shop_with_request(world, control_http, official=True)
    page = control_http.get(LINKED).text
    card = page[page.index('id="official-card"'):page.index('id="official-actions"')]
    assert "Unlink requested by <b>@bob</b>" in card
    assert f'href="{_details_url(request)}?back=linked"' in card
    assert f'data-link-id="{link_id}"' in card
