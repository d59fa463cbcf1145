"""Live pages: `/live/events` and `/phone/live/events` long-poll the logged-in user's world."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from support import browser_seller, submit_form


def _seller_http(sandbox, world):
    shop = world.create_shop(name="Acme Live", email="seller@acme-live.test", password="live1234")
    http = httpx.Client(base_url=sandbox.url, timeout=30)
    browser_seller(http, world.id, "seller@acme-live.test", "live1234")
    return shop, http


def _phone_http(sandbox, world, username):
    world.create_account(username=username, age=30, password="pw123456")
    http = httpx.Client(base_url=sandbox.app_url, timeout=30)
    submit_form(http, f"/phone/login?world={world.id}", to="/phone/login", world=world.id,
                username=username, password="pw123456")
    return http


def _last(http, path):
    return http.get(path, params={"after": 0}).json()["last_seq"]


def test_without_a_login_both_feeds_answer_401(control_http, app_http):
    assert control_http.get("/live/events").status_code == 401
    assert app_http.get("/phone/live/events").status_code == 401


def test_the_feed_lists_only_the_callers_world_after_the_cursor(sandbox, world):
    shop, http = _seller_http(sandbox, world)
    other = sandbox.create_world(name="tlive-other", frozen=True)
    try:
        cursor = _last(http, "/live/events")
        other.create_account(username="elsewhere", age=30)
        world.create_account(username="here", age=30)
        body = http.get("/live/events", params={"after": cursor}).json()
        assert [e["type"] for e in body["events"]] == ["account.created"]
        assert set(body["events"][0]) == {"seq", "type", "subject"}  # no data
        assert body["last_seq"] == body["events"][0]["seq"] > cursor
        mine = {e["seq"] for e in world.events(after=cursor)}
        assert {e["seq"] for e in body["events"]} <= mine
        again = http.get("/live/events", params={"after": body["last_seq"]}).json()
        assert again == {"events": [], "last_seq": body["last_seq"]}
        assert _last(http, "/live/events") == body["last_seq"]  # a GET changes nothing
    finally:
        other.delete()
        http.close()


def test_types_filter_families_and_the_cursor_still_moves(sandbox, world):
    _, http = _seller_http(sandbox, world)
    cursor = _last(http, "/live/events")
    world.create_account(username="filtered", age=30)
    body = http.get("/live/events", params={"after": cursor, "types": "invitation.,link."}).json()
    assert body["events"] == [] and body["last_seq"] > cursor
    http.close()


@pytest.mark.parametrize("bad", ["x", "-1", "nan"])
def test_bad_numbers_are_400(sandbox, world, bad):
    _, http = _seller_http(sandbox, world)
    assert http.get("/live/events", params={"after": bad}).status_code == 400
    http.close()


def _poll_in_thread(http, path, params):
    started, result = threading.Event(), {}

    def run():
        started.set()
        t0 = time.monotonic()
        result["body"] = http.get(path, params=params).json()
        result["elapsed"] = time.monotonic() - t0

    thread = threading.Thread(target=run)
    thread.start()
    started.wait(5)
    return thread, result


def test_the_seller_long_poll_wakes_on_a_new_event(sandbox, world):
    _, http = _seller_http(sandbox, world)
    cursor = _last(http, "/live/events")
    thread, result = _poll_in_thread(http, "/live/events",
                                     {"after": cursor, "wait": 20, "types": "account."})
    world.create_account(username="wakes", age=30)
    thread.join(15)
    assert not thread.is_alive() and result["elapsed"] < 15
    assert [e["type"] for e in result["body"]["events"]] == ["account.created"]
    http.close()


def test_the_phone_long_poll_wakes_on_an_invitation(sandbox, world):
    shop = world.create_shop(name="Acme Phone")
    phone = _phone_http(sandbox, world, "lily")
    cursor = _last(phone, "/phone/live/events")
    thread, result = _poll_in_thread(phone, "/phone/live/events",
                                     {"after": cursor, "wait": 20, "types": "app.invitation_"})
    shop.seller.invite("lily")
    thread.join(15)
    assert not thread.is_alive() and result["elapsed"] < 15
    assert [e["type"] for e in result["body"]["events"]] == ["app.invitation_received"]
    phone.close()


def test_live_pages_carry_the_script_and_their_cursor(sandbox, world):
    _, http = _seller_http(sandbox, world)
    page = http.get("/seller/account/linked-accounts/marketing").text
    cursor = _last(http, "/live/events")
    assert "/static/live.js" in page and f'data-live-after="{cursor}"' in page
    assert "app.invitation_" in page
    assert "/static/live.js" in http.get("/seller/account/linked-accounts").text
    assert http.get("/static/live.js").status_code == 200
    http.close()
