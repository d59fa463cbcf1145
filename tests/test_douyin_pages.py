"""The Douyin Shop (抖店) backend pages and the phone in Douyin mode, driven like a browser
(cookies, CSRF tokens) over HTTP: Chinese by default, English by the switch (J1–J7)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import httpx
import pytest
from support import csrf_token, submit_form

EMAIL, PASSWORD = "seller@douyin-shop.test", "dy-pass1"
ENTITY = "杭州某某科技有限公司"


@pytest.fixture
def shop(world):
    return world.create_shop(name="抖音小店", market="DOUYIN", business_entity=ENTITY,
                             email=EMAIL, password=PASSWORD)


@pytest.fixture
def backend(sandbox, world, shop):
    """A browser logged in to the Douyin Shop backend."""
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        resp = submit_form(http, f"/douyin/login?world={world.id}", to="/douyin/login",
                           world=world.id, email=EMAIL, password=PASSWORD)
        assert resp.status_code == 302, resp.text[:300]
        assert resp.headers["location"] == "/douyin/shop/official-account"
        yield http


@pytest.fixture
def phone(sandbox):
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as http:
        yield http


def scan_and_settle(backend, account, purpose: str = "bind"):
    """立即绑定 → benefits → QR (or 换绑 → QR); the phone scans and confirms; the page's poll
    settles the request. Returns the request id and the view the page last saw."""
    if purpose == "rebind":
        resp = submit_form(backend, "/douyin/shop/official-account",
                           to="/douyin/shop/official-account/rebind")
    else:
        resp = submit_form(backend, "/douyin/shop/official-account/bind",
                           benefit="shop_entry")
    assert resp.status_code == 302, resp.text[:500]
    request_id = resp.headers["location"].rsplit("/", 1)[1]
    page = backend.get(resp.headers["location"])
    assert page.status_code == 200 and "使用抖音扫码" in page.text
    scan_url = re.search(r'id="scan-link" href="([^"]+)"', page.text).group(1)
    account.app.scan(html.unescape(scan_url)).authorize()
    seen = []
    for _ in range(20):  # what live.js does: the page again, each time the event log moves
        view = shown(backend.get(f"/douyin/links/{request_id}").text, request_id)
        seen.append(view["status"])
        if view["status"] not in ("qr_shown", "scanned", "checking"):
            assert seen[0] == "checking", seen  # the check shows for one poll
            return request_id, view
    raise AssertionError(f"the request did not settle: {seen}")


def shown(page: str, request_id: str) -> dict:
    """What the QR page shows: its status, the refusal's code and rule, the account's case."""
    def found(pattern: str) -> str | None:
        match = re.search(pattern, page)
        return html.unescape(match.group(1)) if match else None

    view = {"id": request_id, "status": found(r'id="status"[^>]* data-status="([^"]+)"')}
    if (code := found(r'<code id="refusal-code">([^<]*)</code>')) is not None:
        view["error"] = {"code": code, "rule": found(r'<span id="refusal-rule">([^<]*)</span>')}
    if (case := found(r'<div id="account" class="card" data-case="(\d*)"')) is not None:
        view["account"] = {"douyin_case": int(case) if case else None}
    return view


def redirected(http, resp, to: str):
    """A form's answer is a redirect to a GET page (never a page rendered at the POST address);
    the page it leads to, opened once (its outcome is shown once)."""
    assert resp.status_code == 302, resp.text[:300]
    assert resp.headers["location"].split("?")[0] == to
    page = http.get(resp.headers["location"])
    assert page.status_code == 200
    return page


def confirm(backend, request_id: str):
    page = f"/douyin/links/{request_id}"
    resp = submit_form(backend, page, to=f"{page}/confirm")
    assert resp.status_code == 302
    return backend.get(resp.headers["location"])


def test_the_pages_are_chinese_by_default_and_english_by_the_switch(backend, shop):
    page = backend.get("/douyin/shop/official-account")
    assert page.status_code == 200
    for words in ("店铺官方账号", "经营账号管理", "营业执照主体", ENTITY, "立即绑定", "抖音小店"):
        assert words in page.text
    assert 'lang="zh-CN"' in page.text
    english = backend.get("/douyin/shop/official-account?lang=en")
    assert "Shop official account" in english.text and "Business licence entity" in english.text
    assert "立即绑定" not in english.text and 'lang="en"' in english.text
    # the choice is kept in a cookie for the next pages
    assert "Choose the binding benefits" in backend.get("/douyin/shop/official-account/bind").text
    assert "选择绑定权益" in backend.get("/douyin/shop/official-account/bind?lang=zh").text
    assert "选择绑定权益" in backend.get("/douyin/shop/official-account/bind").text


def test_login_refuses_a_seller_whose_shop_is_not_douyin(sandbox, world):
    world.create_shop(name="US Shop", market="US", email="us@shop.test", password="us-pass1")
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        resp = submit_form(http, f"/douyin/login?world={world.id}", to="/douyin/login",
                           world=world.id, email="us@shop.test", password="us-pass1")
        assert "tts_seller_session" not in resp.cookies
        page = redirected(http, resp, "/douyin/login")
        assert "该店铺不是抖店" in page.text and f'value="{world.id}"' in page.text
        assert "该店铺不是抖店" not in http.get(resp.headers["location"]).text  # shown once
        assert http.get("/douyin/shop/official-account").status_code == 302


def test_the_catalogue_po_and_mo_agree_and_cover_every_message():
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    from sandbox.web.douyin import i18n

    base = f"{i18n.TRANSLATIONS}/zh/LC_MESSAGES/messages"
    with open(f"{base}.po", "rb") as po, open(f"{base}.mo", "rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    strings = {m.id: m.string for m in source if m.id}
    assert strings == {m.id: m.string for m in compiled if m.id}, "run python -m sandbox.web.douyin.i18n"
    assert all(strings.values())
    faces = Path(i18n.__file__).parent.parent
    used = set()
    for path in [*sorted(faces.glob("templates/douyin/*.html")), faces / "douyin" / "pages.py"]:
        used |= set(re.findall(r"""_\(\s*"([^"]+)"|_\(\s*'([^']+)'""", path.read_text()))
    used = {a or b for a, b in used}
    assert used <= set(strings), sorted(used - set(strings))
    from sandbox.presenter.world_clock import WORDS  # the world-clock bar on the Douyin pages

    assert set(WORDS.values()) <= set(strings), sorted(set(WORDS.values()) - set(strings))


def test_benefits_are_required_before_the_qr_code(backend):
    resp = submit_form(backend, "/douyin/shop/official-account/bind")
    page = redirected(backend, resp, "/douyin/shop/official-account/bind")
    assert "请至少选择一项绑定权益" in page.text and "DOUYIN_BENEFITS_REQUIRED" in page.text
    assert 'id="scan-link"' not in page.text


def test_a_refusal_is_shown_with_its_code_and_rule(backend, world):
    unverified = world.create_account("dy_unverified", region="CN", age=30)
    _, view = scan_and_settle(backend, unverified)
    assert view["status"] == "refused"
    assert (view["error"]["code"], view["error"]["rule"]) == ("DOUYIN_REAL_NAME_REQUIRED", "J2")
    page = backend.get(f"/douyin/links/{view['id']}")
    assert "DOUYIN_REAL_NAME_REQUIRED" in page.text  # the translated refusal
    assert "该抖音账号未完成实名认证" in page.text


def test_a_mismatched_entity_is_refused_and_the_phone_offers_to_cancel_it(backend, world, phone):
    other = world.create_account("dy_other_corp", region="CN", age=30, real_name_verified=True,
                                 kind="enterprise", enterprise_verified=True,
                                 verified_entity="深圳另一家公司", password="other-pass1")
    _, view = scan_and_settle(backend, other)
    assert (view["error"]["code"], view["error"]["rule"]) == ("DOUYIN_ENTITY_MISMATCH", "J3")
    resp = submit_form(phone, f"/phone/login?world={world.id}", to="/phone/login",
                       world=world.id, username="dy_other_corp", password="other-pass1")
    assert resp.status_code == 302
    home = phone.get("/phone/")
    assert '<span class="logo"><svg class="icon icon-note"' in home.text
    assert "</svg> 抖音</span>" in home.text and "TikTok</span>" not in home.text
    assert "已实名" in home.text and 'id="douyin-kind">蓝V<' in home.text
    assert "深圳另一家公司" in home.text and 'id="open-cancel-enterprise"' in home.text
    resp = submit_form(phone, "/phone/douyin/cancel-enterprise")
    assert resp.status_code == 200 and "已注销企业号身份" in resp.text
    assert 'id="douyin-kind">个人号<' in phone.get("/phone/").text
    assert 'id="open-cancel-enterprise"' not in phone.get("/phone/").text
    # the account now binds as a regular Douyin account (case 4)
    request_id, view = scan_and_settle(backend, other)
    assert view["status"] == "ready" and view["account"]["douyin_case"] == 4


def test_bind_then_rebind_and_upgrade_buttons_follow_the_status(backend, world):
    first = world.create_account("dy_first", region="CN", age=30, real_name_verified=True)
    page = backend.get("/douyin/shop/official-account")
    assert 'id="bind-now"' in page.text and 'id="upgrade-reminder"' not in page.text
    request_id, view = scan_and_settle(backend, first)
    assert view["status"] == "ready" and view["account"]["douyin_case"] == 4
    page = backend.get(f"/douyin/links/{request_id}")
    assert "自动发起蓝V认证" in page.text and "确认绑定" in page.text
    page = confirm(backend, request_id)
    assert 'id="notice" data-case="4"' in page.text and "已自动发起蓝V认证" in page.text
    assert 'id="rebind"' in page.text and 'id="upgrade"' in page.text and "@dy_first" in page.text
    # J7: from 2022-12-16 a bound, not upgraded account is reminded, with its deadline
    assert 'id="upgrade-reminder"' in page.text and "请完成官方账号升级" in page.text
    status = backend.get("/douyin/shop/official-account")
    assert "官方账号升级" in status.text
    # 换绑 once: the replacement account takes over, and the button is gone
    second = world.create_account("dy_second", region="CN", age=30, real_name_verified=True,
                                  kind="enterprise")
    request_id, view = scan_and_settle(backend, second, purpose="rebind")
    assert view["account"]["douyin_case"] == 3
    assert "主体变更确认" in backend.get(f"/douyin/links/{request_id}").text
    page = confirm(backend, request_id)
    assert "@dy_second" in page.text and 'id="rebind"' not in page.text
    assert "已发起企业号主体变更确认" in page.text
    # J6: the upgrade waits for the entity change, then succeeds; the upgrade button is gone
    resp = submit_form(backend, "/douyin/shop/official-account",
                       to="/douyin/shop/official-account/upgrade")
    page = redirected(backend, resp, "/douyin/shop/official-account")
    assert "DOUYIN_UPGRADE_WAITS_FOR_VERIFICATION" in page.text
    assert '<span class="rule">J6</span>' in page.text and 'id="upgrade"' in page.text
    world.clock.advance("P2D")
    resp = submit_form(backend, "/douyin/shop/official-account",
                       to="/douyin/shop/official-account/upgrade")
    assert resp.status_code == 302
    page = backend.get(resp.headers["location"])
    assert "官方账号已升级" in page.text and 'id="upgrade"' not in page.text
    assert 'id="upgrade-reminder"' not in page.text and 'id="rebind"' not in page.text


def test_listing_is_refused_with_J7_after_the_missed_deadline(backend, world):
    account = world.create_account("dy_late", region="CN", age=30, real_name_verified=True)
    resp = submit_form(backend, "/douyin/products", title="茶叶礼盒")
    assert "已发布：茶叶礼盒" in redirected(backend, resp, "/douyin/products").text
    request_id, _ = scan_and_settle(backend, account)
    confirm(backend, request_id)
    world.clock.advance("P31D")
    resp = submit_form(backend, "/douyin/products", title="第二件商品")
    page = redirected(backend, resp, "/douyin/products")
    assert "DOUYIN_UPGRADE_OVERDUE" in page.text and "J7" in page.text
    assert 'id="listing-restricted"' in backend.get("/douyin/shop/official-account").text


def test_authorized_accounts_list_and_the_official_account_cannot_be_one(backend, world):
    world.create_account("dy_promoter", region="CN", age=30, real_name_verified=True)
    resp = submit_form(backend, "/douyin/shop/authorized-accounts", username="@dy_promoter")
    page = redirected(backend, resp, "/douyin/shop/authorized-accounts")
    assert "已授权：@dy_promoter" in page.text and 'data-username="dy_promoter"' in page.text
    resp = submit_form(backend, "/douyin/shop/authorized-accounts", username="dy_promoter")
    assert "DOUYIN_ALREADY_AUTHORIZED" in redirected(
        backend, resp, "/douyin/shop/authorized-accounts").text


def test_the_douyin_consent_page_asks_to_confirm_shop_and_account(backend, world, phone):
    world.create_account("dy_consent", region="CN", age=30, real_name_verified=True,
                         password="consent-pass1")
    resp = submit_form(backend, "/douyin/shop/official-account/bind", benefit="official_badge")
    page = backend.get(resp.headers["location"])
    assert "官方账号身份标识" in page.text  # the chosen benefit
    scan_url = html.unescape(re.search(r'id="scan-link" href="([^"]+)"', page.text).group(1))
    submit_form(phone, f"/phone/login?world={world.id}", to="/phone/login", world=world.id,
                username="dy_consent", password="consent-pass1")
    scanned = phone.post("/phone/scan", data={"url": scan_url,
                                              "csrf_token": csrf_token(phone.get("/phone/scan").text)})
    consent = phone.get(scanned.headers["location"])
    assert "确认店铺名称" in consent.text and "确认当前账号" in consent.text
    assert "同意" in consent.text and 'value="authorize"' in consent.text and "抖音小店" in consent.text


def test_J1_a_ready_request_can_give_way_to_another_account(backend, world, shop):
    first = world.create_account("dy_wrong", region="CN", age=30, real_name_verified=True)
    second = world.create_account("dy_right", region="CN", age=31, real_name_verified=True)
    request_id, view = scan_and_settle(backend, first)
    assert view["status"] == "ready"
    page = f"/douyin/links/{request_id}"
    assert 'id="bind-another"' in backend.get(page).text
    bind_page = redirected(backend, submit_form(backend, page, to=f"{page}/another"),
                           "/douyin/shop/official-account/bind")
    assert 'name="benefit"' in bind_page.text
    assert shown(backend.get(page).text, request_id)["status"] == "cancelled"
    assert shop.links() == []  # nothing was bound
    request_id, view = scan_and_settle(backend, second)
    assert view["status"] == "ready"
    assert 'id="notice" data-case="4"' in confirm(backend, request_id).text
    assert [lk["open_id"] for lk in shop.links()] == [second.open_id]
