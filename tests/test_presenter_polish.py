"""What presenters see: a favicon on both ports, human dates, notices shown once, a confirm step
(with the unlinks left) before any unlink, the open ticket on the official card, shop names (not
ids) on the phone."""

from __future__ import annotations

import re

from support import browser_seller, csrf_token, submit_form
from test_unlinking import invite_and_accept, link_official

from sandbox.web_shared.humane import human_time

DATA_ATTR = re.compile(r'\s(?:data-[a-z-]+|datetime)="[^"]*"')
RAW_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^<\s]*Z?")
LINKED = "/seller/account/linked-accounts"
MARKETING = f"{LINKED}/marketing"


def _seller(world, http, name="Polish Shop", **kw):
    shop = world.create_shop(name=name, market="US", **kw)
    seller = shop.data["seller"]
    browser_seller(http, world.id, seller["email"], seller["password"])
    return shop


def _official(world, shop, username="ann"):
    account = world.create_account(username=username, age=30, region="US")
    return link_official(shop, account)


def test_human_time_reads_datetimes_iso_strings_and_text():
    assert human_time("2026-12-02T19:48:50.129517Z") == "2 Dec 2026, 19:48 UTC"
    assert human_time("2026-12-05") == "5 Dec 2026"
    assert human_time("unlinked from 2026-12-02T19:48:50Z.") == "unlinked from 2 Dec 2026, 19:48 UTC."
    assert human_time(None) == ""


def test_favicon_on_both_ports(control_http, app_http):
    for http in (control_http, app_http):
        resp = http.get("/favicon.ico")
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("image/")
        assert b"<svg" in resp.content


def test_no_raw_iso_times_on_the_marketing_and_linked_pages_after_an_unlink(world, control_http):
    shop = _seller(world, control_http)
    link = _official(world, shop)
    too_soon = submit_form(control_http, LINKED, to=f"{LINKED}/links/{link.link_id}/unlink",
                           back="linked", confirm="yes")
    assert too_soon.status_code == 302
    for page in (LINKED, MARKETING):
        text = control_http.get(page).text if page == MARKETING else None
        if text is None:
            text = control_http.get(page).text
            assert "can be unlinked from" in text and " UTC" in text  # the F1 refusal, flashed
        visible = DATA_ATTR.sub("", text)  # machine-readable instants (the clock's data-now) aside
        assert not RAW_ISO.search(visible), RAW_ISO.search(visible).group(0)
    world.clock.advance(hours=24)
    done = submit_form(control_http, LINKED, to=f"{LINKED}/links/{link.link_id}/unlink",
                       back="linked", confirm="yes")
    assert done.status_code == 302 and shop.links() == []
    for page in (LINKED, MARKETING):
        text = control_http.get(page).text
        assert not RAW_ISO.search(DATA_ATTR.sub("", text))


def test_a_notice_is_flashed_once_not_carried_in_the_url(world, control_http):
    _seller(world, control_http)
    world.create_account(username="bob", age=30, region="US")
    sent = submit_form(control_http, MARKETING, to=f"{MARKETING}/invite", username="bob")
    assert sent.status_code == 302 and "notice" not in sent.headers["location"]
    first = control_http.get(MARKETING).text
    assert 'id="notice"' in first and "Invitation sent to @bob" in first
    again = control_http.get(MARKETING).text
    assert 'id="notice"' not in again and "Invitation sent" not in again


def test_unlinking_the_official_account_asks_for_confirmation_first(world, control_http):
    shop = _seller(world, control_http)
    link = _official(world, shop)
    world.clock.advance(hours=24)
    page = control_http.get(LINKED).text
    assert 'id="unlink-official"' in page and 'id="open-ticket"' not in page
    assert 'id="unlink-official"' not in control_http.get(MARKETING).text  # moved
    posted = control_http.post(f"{LINKED}/links/{link.link_id}/unlink",
                               data={"csrf_token": csrf_token(page), "back": "linked"})
    assert posted.status_code == 303  # POST → redirect → GET: the confirm step changes nothing
    asked = control_http.get(posted.headers["location"])
    assert asked.status_code == 200 and 'id="confirm-unlink"' in asked.text
    assert "cannot be undone" in asked.text and "3 of 3 unlinks left in this period" in asked.text
    assert [lk["role"] for lk in shop.links()] == ["official"]  # nothing unlinked yet
    done = control_http.post(f"{LINKED}/links/{link.link_id}/unlink",
                             data={"csrf_token": csrf_token(asked.text), "back": "linked",
                                   "confirm": "yes"})
    assert done.status_code == 302 and done.headers["location"].endswith(LINKED)
    assert shop.links() == []
    assert "Official account unlinked." in control_http.get(LINKED).text


def test_an_in_progress_link_says_linking_in_progress_since(world, control_http):
    shop = _seller(world, control_http)
    paul = world.create_account(username="paul_ca", age=30, region="CA", network_region="US")
    link = shop.seller.start_official_link()
    paul.app.scan(link.qr_url).authorize()
    link.wait_until("in_progress")
    page = control_http.get(LINKED).text
    assert "Linking in progress since" in page and "Linked at" not in page
    opened = submit_form(control_http, LINKED, to=f"{LINKED}/tickets", back="linked",
                         link_id=shop.links()[0]["id"])
    assert opened.status_code == 302, opened.text[:800]
    assert opened.headers["location"].endswith(LINKED)
    tickets = control_http.get(MARKETING).text
    assert "LINK_PENDING_REGISTERED_OUTSIDE_MARKET ·" not in tickets
    assert "Official account stuck in" in tickets and "Open, waiting for support" in tickets


def test_C7_the_official_card_shows_its_open_ticket_instead_of_the_button(world, control_http):
    shop = _seller(world, control_http)
    paul = world.create_account(username="paul_ca", age=30, region="CA", network_region="US")
    link = shop.seller.start_official_link()
    paul.app.scan(link.qr_url).authorize()
    link.wait_until("in_progress")
    before = control_http.get(LINKED).text
    assert 'id="open-ticket-official"' in before and 'id="official-ticket"' not in before
    opened = submit_form(control_http, LINKED, to=f"{LINKED}/tickets", back="linked",
                         link_id=shop.links()[0]["id"])
    assert opened.status_code == 302
    card = control_http.get(LINKED).text
    ticket_id = re.search(r'id="official-ticket" data-ticket-id="(tk_[^"]+)" data-status="open"',
                          card).group(1)
    assert f"Support ticket <b>{ticket_id}</b> · open, waiting for support" in card
    assert 'id="open-ticket-official"' not in card  # one open ticket at a time


def test_F2_the_unlink_confirmation_counts_the_unlinks_left_from_the_world_rules(world,
                                                                               control_http):
    world.set_rules(F2={"max": 5})
    shop = _seller(world, control_http)
    first = _official(world, shop)
    world.clock.advance(hours=24)
    shop.seller.unlink(first.link_id)
    second = _official(world, shop, username="bea")
    world.clock.advance(hours=24)
    asked = control_http.get(f"{LINKED}/links/{second.link_id}/unlink", params={"back": "linked"})
    assert asked.status_code == 200
    assert "4 of 5 unlinks left in this period" in asked.text and "whole history" in asked.text
    assert 'data-left="4" data-max="5" data-rule="F2"' in asked.text
    assert [lk["role"] for lk in shop.links()] == ["official"]  # the GET changed nothing


def test_F3_unlinking_a_marketing_account_has_a_confirm_step_not_a_native_confirm(world,
                                                                               control_http):
    shop = _seller(world, control_http)
    bob = world.create_account(username="bob", age=30, region="US")
    link = invite_and_accept(shop, bob)
    world.clock.advance(hours=24)
    page = control_http.get(MARKETING).text
    assert "confirm(" not in page and f'id="unlink-{link.link_id}"' in page
    posted = control_http.post(f"{LINKED}/links/{link.link_id}/unlink",
                               data={"csrf_token": csrf_token(page), "back": "marketing"})
    assert posted.status_code == 303 and len(shop.links()) == 1
    asked = control_http.get(posted.headers["location"])
    assert asked.status_code == 200 and 'data-role="marketing"' in asked.text
    assert "Unlink marketing account @bob?" in asked.text
    assert "10 of 10 unlinks left in this period" in asked.text and "last 180 days" in asked.text
    assert f'href="{MARKETING}"' in asked.text  # "Keep it linked" goes back to Marketing
    done = control_http.post(f"{LINKED}/links/{link.link_id}/unlink",
                             data={"csrf_token": csrf_token(asked.text), "back": "marketing",
                                   "confirm": "yes"})
    assert done.status_code == 302 and done.headers["location"].endswith(MARKETING)
    assert shop.links() == [] and "Unlinked @bob." in control_http.get(MARKETING).text


def test_an_unlink_without_a_csrf_token_is_refused(world, control_http):
    shop = _seller(world, control_http)
    link = _official(world, shop)
    world.clock.advance(hours=24)
    resp = control_http.post(f"{LINKED}/links/{link.link_id}/unlink",
                             data={"back": "linked", "confirm": "yes"})
    assert resp.status_code in (400, 403) and len(shop.links()) == 1


def test_the_phone_shows_the_owner_shops_name_not_its_id(world, app_http):
    shop = world.create_shop(name="Acme Official", phone="+12025550199")
    org = shop.seller.create_organization_account()
    world.clock.advance(seconds=150)
    org = org.refresh()
    shop.seller.send_sms_code()
    otp = shop.seller.one_time_password(sms_code=world.sms(phone=shop.phone)[-1]["code"])
    resp = submit_form(app_http, f"/phone/login?world={world.id}", world=world.id, method="otp",
                       username=otp.username, one_time_password=otp.password)
    assert resp.status_code == 302, resp.text[:300]
    home = app_http.get("/phone/").text
    assert 'id="org-owner"' in home and "Acme Official" in home
    assert shop.id not in home
