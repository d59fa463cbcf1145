"""Real browser: a page on another local port cannot scan, authorize, consent or confirm for the
logged-in user, nor frame the sandbox's pages (DESIGN §6; the hardening issue's probe)."""

from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
WEB = "https://partner.example/callback/"


def _auto_post(action: str, fields: dict[str, str]) -> str:
    inputs = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                     for k, v in fields.items())
    return (f'<form id="f" method="post" action="{html.escape(action)}">{inputs}</form>'
            "<script>document.getElementById('f').submit()</script>")


@pytest.fixture
def attacker():
    """Another web server on 127.0.0.1 (another port: same site, other origin)."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield pages, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def victim(sandbox, world, chromium):
    """One browser logged in to the phone simulator (as vic) and Seller Center (Acme's seller)."""
    shop = world.create_shop(name="Acme", market="US", email="seller@acme-xs.test",
                             password="xsite123")
    vic = world.create_account(username="vic", nickname="Vic Tim", age=30, password="xsite123")
    ctx = chromium.new_context()
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    page.goto(f"{sandbox.url}/seller/login?world={world.id}")
    page.fill("input[name=email]", "seller@acme-xs.test")
    page.fill("input[name=password]", "xsite123")
    page.click("button[type=submit]")
    page.wait_for_url("**/seller/account/linked-accounts")
    page.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
    page.fill("input[name=username]", "vic")
    page.fill("input[name=password]", "xsite123")
    page.click("button[type=submit]")
    page.wait_for_url("**/phone/")
    yield page, shop, vic
    ctx.close()


def _attack(page, pages, base, name, body) -> None:
    pages[f"/{name}"] = body
    page.goto(f"{base}/{name}")


def test_a_page_on_another_port_cannot_scan_authorize_or_confirm(sandbox, world, victim,
                                                                  attacker):
    page, shop, vic = victim
    pages, base = attacker
    request = shop.seller.start_official_link()
    token = dict(p.split("=", 1) for p in request.qr_url.split("?", 1)[1].split("&"))["token"]

    # A link to the scan URL (a GET) shows the scan page but scans nothing.
    _attack(page, pages, base, "scan", f"<script>location = {request.qr_url!r}</script>")
    expect(page.locator("#scan-code")).to_be_visible()
    assert world.events(type="qr.scanned") == []

    # Scanned for real (by vic's own app), the consent cannot be answered from elsewhere.
    vic.app.scan(request.qr_url)
    _attack(page, pages, base, "authorize", _auto_post(
        f"{sandbox.app_url}/phone/authorize", {"token": token, "decision": "authorize"}))
    expect(page.locator("main")).to_contain_text("CROSS_ORIGIN_REQUEST")
    assert world.events(type="qr.confirmed") == []

    # Authorized for real, Seller Center's confirm cannot be posted from elsewhere.
    vic.app.scan(request.qr_url).authorize()
    assert request.wait_until("ready").status == "ready"
    _attack(page, pages, base, "confirm", _auto_post(
        f"{sandbox.url}/seller/links/{request.id}/confirm", {}))
    expect(page.locator("main")).to_contain_text("CROSS_ORIGIN_REQUEST")
    assert world.links() == [] and request.refresh().status == "ready"


def test_a_page_on_another_port_cannot_consent_for_login_kit_or_frame_pages(
        sandbox, world, victim, attacker):
    page, _shop, _vic = victim
    pages, base = attacker
    client = world.create_client(name="Partner Web", redirect_uris=[WEB],
                                 scopes="user.info.basic,user.info.profile")
    query = urlencode({"client_key": client["client_key"], "scope": "user.info.basic",
                       "redirect_uri": WEB, "state": "s", "response_type": "code",
                       "disable_auto_auth": "1"})
    before = len(world.events())
    for path in ("/v2/auth/authorize/", "/oauth/authorize"):
        _attack(page, pages, base, "consent", _auto_post(
            f"{sandbox.app_url}{path}?{query}", {"action": "authorize"}))
        expect(page.locator("main")).to_contain_text("CROSS_ORIGIN_REQUEST")
        assert not page.url.startswith(WEB)
    assert len(world.events()) == before

    # Framed, the consent page and Seller Center refuse to render (X-Frame-Options/CSP).
    consent = f"{sandbox.app_url}/v2/auth/authorize/?{query}"
    pages["/frame"] = (f'<iframe id="a" src="{html.escape(consent)}"></iframe>'
                       f'<iframe id="b" src="{sandbox.url}/seller/account/linked-accounts">'
                       "</iframe>")
    page.goto(f"{base}/frame")
    page.wait_for_load_state("load")
    framed = [f for f in page.frames if f != page.main_frame]
    assert len(framed) == 2
    for frame in framed:  # a refused frame is Chromium's error page, with none of ours
        assert frame.evaluate("document.querySelector('form, .consent-app, nav')") is None, frame.url
