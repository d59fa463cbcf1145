"""Logging out ends the session on the server: a copy of the old cookie is refused afterwards on
every face (Seller Center, Seller app, Douyin backend, Partner Center, phone), while the user's
other sessions stay valid."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest
from support import csrf_token, submit_form

EMAIL, PASSWORD = "owner@logout.test", "logout-pass1"


@dataclass(frozen=True)
class Face:
    """Where a face logs in and out, the cookie it keeps, and a page only a login may see (the
    page whose form holds the Log out button)."""

    name: str
    app: str  # "seller" (sandbox) or "app" (fake TikTok app)
    login: str
    logout: str
    cookie: str
    page: str


FACES = [
    Face("seller_center", "seller", "/seller/login", "/seller/logout", "tts_seller_session",
         "/seller/account/linked-accounts"),
    Face("seller_app", "seller", "/seller-app/login", "/seller-app/logout",
         "tts_seller_app_session", "/seller-app/"),
    Face("douyin_backend", "seller", "/douyin/login", "/douyin/logout", "tts_seller_session",
         "/douyin/shop/official-account"),
    Face("partner_center", "seller", "/partner/login", "/partner/logout", "tts_partner_session",
         "/partner/account"),
    Face("phone", "app", "/phone/login", "/phone/logout", "tts_app_session", "/phone/"),
]


def base_url(sandbox, face: Face) -> str:
    return sandbox.url if face.app == "seller" else sandbox.app_url


@pytest.fixture
def user(world, request):
    """The person who logs in to `face` (a shop's seller, a partner or a TikTok account), as the
    login form's fields."""
    face: Face = request.param
    if face.name == "partner_center":
        world.create_partner("Logout MCN", kind="mcn", email=EMAIL, password=PASSWORD)
    elif face.name == "phone":
        account = world.create_account(username="logoutuser", age=30)
        return face, {"username": account.username, "password": account.password}
    else:
        market = "DOUYIN" if face.name == "douyin_backend" else "US"
        world.create_shop(name="Logout Shop", market=market, email=EMAIL, password=PASSWORD)
    return face, {"email": EMAIL, "password": PASSWORD}


def log_in(http: httpx.Client, world_id: str, face: Face, fields: dict[str, str]) -> str:
    """Log in through the face's login page; the session cookie it set."""
    resp = submit_form(http, f"{face.login}?world={world_id}", to=face.login, world=world_id,
                       **fields)
    assert resp.status_code == 302, resp.text[:300]
    token = http.cookies.get(face.cookie)
    assert token
    return token


def shows_login(resp: httpx.Response, face: Face) -> bool:
    return resp.status_code == 302 and resp.headers["location"].startswith(face.login)


@pytest.mark.parametrize("user", FACES, indirect=True, ids=[f.name for f in FACES])
def test_after_logout_a_copy_of_the_old_cookie_is_logged_out_and_other_sessions_survive(
        sandbox, world, user):
    face, fields = user
    url = base_url(sandbox, face)
    with httpx.Client(base_url=url, timeout=30) as first, \
            httpx.Client(base_url=url, timeout=30) as second, \
            httpx.Client(base_url=url, timeout=30) as thief:
        old = log_in(first, world.id, face, fields)
        log_in(second, world.id, face, fields)
        copy = {"Cookie": f"{face.cookie}={old}"}
        assert thief.get(face.page, headers=copy).status_code == 200  # before the logout, the copy works

        resp = submit_form(first, face.page, to=face.logout)
        assert shows_login(resp, face)
        assert first.cookies.get(face.cookie) is None  # the browser drops it

        assert shows_login(thief.get(face.page, headers=copy), face)  # the server forgot it too
        assert second.get(face.page).status_code == 200  # the other session is untouched


def test_a_copied_seller_app_cookie_gets_a_401_from_the_pages_json_after_logout(sandbox, world):
    world.create_shop(name="Logout Shop", email=EMAIL, password=PASSWORD)
    face = FACES[1]
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        old = log_in(http, world.id, face, {"email": EMAIL, "password": PASSWORD})
        submit_form(http, face.page, to=face.logout)
    resp = httpx.get(f"{sandbox.url}/seller-app/links/slr_x/status",
                     headers={"Cookie": f"{face.cookie}={old}"}, timeout=30)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "SELLER_LOGIN_REQUIRED"


def test_seller_logout_leaves_the_sellers_api_token_working(sandbox, world):
    shop = world.create_shop(name="Logout Shop", email=EMAIL, password=PASSWORD)
    api_token = shop.data["seller"]["token"]
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        log_in(http, world.id, FACES[0], {"email": EMAIL, "password": PASSWORD})
        submit_form(http, FACES[0].page, to=FACES[0].logout)
        resp = http.get("/api/v1/shop", headers={"Authorization": f"Bearer {api_token}"})
    assert resp.status_code == 200 and resp.json()["id"] == shop.id


def post_logout_with(http: httpx.Client, world_id: str, face: Face, token: str | None):
    """A browser that holds `token` (or nothing) in the face's cookie posts its Log out form."""
    login = http.get(f"{face.login}?world={world_id}")  # the form's CSRF token; no session
    if token is not None:
        http.cookies.set(face.cookie, token)
    return http.post(face.logout, data={"csrf_token": csrf_token(login.text)})


def test_a_bearer_token_put_in_the_cookie_is_not_ended_by_a_logout(sandbox, world):
    """Logout ends cookie (browser) sessions only: an actor-API token in the cookie is none."""
    shop = world.create_shop(name="Logout Shop", email=EMAIL, password=PASSWORD)
    api_token = shop.data["seller"]["token"]
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        assert shows_login(post_logout_with(http, world.id, FACES[0], api_token), FACES[0])
    resp = httpx.get(f"{sandbox.url}/api/v1/shop", timeout=30,
                     headers={"Authorization": f"Bearer {api_token}"})
    assert resp.status_code == 200 and resp.json()["id"] == shop.id


def test_logging_out_without_a_session_just_redirects_to_the_login(sandbox, world):
    for face in FACES:
        for token in (None, "no-such-session"):
            with httpx.Client(base_url=base_url(sandbox, face), timeout=30) as http:
                resp = post_logout_with(http, world.id, face, token)
                assert shows_login(resp, face), (face.name, token, resp.status_code)


def test_phone_logout_is_an_account_logged_out_event(sandbox, world):
    account = world.create_account(username="logoutuser", age=30)
    face = FACES[4]
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as http:
        log_in(http, world.id, face, {"username": account.username, "password": account.password})
        submit_form(http, face.page, to=face.logout)
    [event] = world.events(type="account.logged_out")
    assert (event["subject"], event["data"]) == (account.open_id, {"username": "logoutuser"})

