"""Forms need the page's CSRF token and a same-origin Origin; GETs change nothing; pages refuse
framing; a browser session cookie is not an API bearer token, nor the reverse."""

from __future__ import annotations

import httpx
from support import browser_seller, csrf_token, submit_form

from sandbox.app import create_app
from sandbox.web_shared.boundary import face_for


def _form_routes(app):
    """Every state-changing route of the app that a browser form reaches (a face with forms)."""
    faces, default = app.extensions["sandbox.web"]
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}):
            path = rule.rule
            for arg in rule.arguments:
                path = path.replace(f"<{arg}>", "x")
            if face_for(faces, default, path, rule.endpoint).forms:
                yield method, path


def test_every_form_route_of_both_apps_refuses_a_post_without_the_pages_token(sandbox, world):
    from fake_tiktok_app import create_app as create_fake_app

    apps = [create_app(runtime=sandbox.runtime), create_fake_app(runtime=sandbox.runtime)]
    before = len(world.events())
    checked = []
    for app in apps:
        client = app.test_client()
        for method, path in _form_routes(app):
            resp = client.open(path, method=method, data={"world": world.id, "x": "1"})
            assert resp.status_code == 403 and b"CSRF_TOKEN_INVALID" in resp.data, (method, path)
            checked.append(path)
    assert {"/phone/authorize", "/phone/scan", "/v2/auth/authorize/", "/oauth/authorize",
            "/seller/links/x/confirm", "/seller/login", "/open/authorize"} <= set(checked)
    assert len(world.events()) == before


def test_a_form_posted_with_another_origin_is_refused_even_with_the_token(sandbox, world,
                                                                          control_http):
    seller = world.create_shop(name="Acme").data["seller"]
    page = control_http.get(f"/seller/login?world={world.id}")
    other = sandbox.url.rsplit(":", 1)[0] + ":1"
    resp = control_http.post("/seller/login", headers={"Origin": other}, data={
        "world": world.id, "email": seller["email"], "password": seller["password"],
        "csrf_token": csrf_token(page.text)})
    assert resp.status_code == 403 and "CROSS_ORIGIN_REQUEST" in resp.text
    same = control_http.post("/seller/login", headers={"Origin": sandbox.url}, data={
        "world": world.id, "email": seller["email"], "password": seller["password"],
        "csrf_token": csrf_token(page.text)})
    assert same.status_code == 302


def test_opening_a_scan_link_does_not_scan_until_the_phone_posts(sandbox, world, app_http):
    shop = world.create_shop(name="Acme")
    world.create_account(username="vic", age=30, password="pw123456")
    request = shop.seller.start_official_link()
    submit_form(app_http, f"/phone/login?world={world.id}", world=world.id, username="vic",
                password="pw123456")
    shown = app_http.get(request.qr_url)
    assert shown.status_code == 200 and 'id="scan-code"' in shown.text
    assert world.events(type="qr.scanned") == [] and request.refresh().status == "qr_shown"
    scanned = app_http.post("/phone/scan", data={"url": request.qr_url,
                                                 "csrf_token": csrf_token(shown.text)})
    assert scanned.status_code == 303
    assert app_http.get(scanned.headers["location"]).text.count('value="authorize"') == 1
    assert len(world.events(type="qr.scanned")) == 1


def test_pages_of_both_apps_refuse_to_be_framed(sandbox, control_http, app_http):
    for resp in (control_http.get("/seller/login"), app_http.get("/phone/login"),
                 app_http.get("/v2/auth/authorize/")):
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]


def test_a_browser_session_is_not_a_bearer_token_and_an_api_token_is_not_a_cookie(
        sandbox, world, control_http):
    seller = world.create_shop(name="Acme").data["seller"]
    browser_seller(control_http, world.id, seller["email"], seller["password"])
    cookie = control_http.cookies["tts_seller_session"]
    as_bearer = httpx.get(f"{sandbox.url}/api/v1/shop",
                          headers={"Authorization": f"Bearer {cookie}"})
    assert as_bearer.status_code == 401
    assert as_bearer.json()["error"]["code"] == "SELLER_LOGIN_REQUIRED"
    with httpx.Client(base_url=sandbox.url) as other:
        other.cookies.set("tts_seller_session", seller["token"])
        page = other.get("/seller/account/linked-accounts")
        assert page.status_code == 302 and "/seller/login" in page.headers["location"]


def test_a_phone_session_cookie_is_not_an_app_api_bearer_token(sandbox, world, app_http):
    world.create_account(username="vic", age=30, password="pw123456")
    submit_form(app_http, f"/phone/login?world={world.id}", world=world.id, username="vic",
                password="pw123456")
    cookie = app_http.cookies["tts_app_session"]
    resp = httpx.get(f"{sandbox.app_url}/app/api/v1/me",
                     headers={"Authorization": f"Bearer {cookie}"})
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "APP_LOGIN_REQUIRED"
