"""The phone in Douyin mode (抖音, a CN account) is Chinese on every screen, English by the
`?lang=en` switch (remembered); a TikTok account's phone stays English; its catalogue's `.po`
and `.mo` agree (issue 27)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import httpx
import pytest
from support import submit_form
from test_douyin_pages import EMAIL, PASSWORD, backend, shop  # noqa: F401 (fixtures)

# Words that may stay in Latin letters on a Chinese screen: the language switch,
# country codes, the world time's month and zone (human_time), and ISO-8601 in the clock bar.
ALLOWED = {"English", "CN", "GB", "UTC", "ISO-8601", "PT90M", "Jan", "Feb", "Mar", "Apr", "May",
           "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
RULE_ID = re.compile(r"[A-Z]\d+")  # rule badges: A4, B6, M2…
DOUYIN_USER, DOUYIN_PASS = "dy_walker", "dy-walk-pass1"


def visible_text(page: str) -> str:
    """What a person reads: text between tags, alt/placeholder/aria-label and the title."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    said = re.findall(r'\b(?:alt|placeholder|aria-label)="([^"]*)"', page)
    said += re.findall(r"<title>(.*?)</title>", page, flags=re.S)
    text = html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page), *said]))
    return re.sub(r"\S+://\S*", " ", text)  # an example link is no sentence


def english_words(page: str, allowed: set[str]) -> set[str]:
    words = re.findall(r"[A-Za-z][\w-]*", visible_text(page), flags=re.ASCII)
    return {w for w in words if len(w) > 1 and w not in allowed and not RULE_ID.fullmatch(w)}


@pytest.fixture
def douyin_phone(sandbox, world):
    """A CN account logged in on the phone through its login form."""
    world.create_account(DOUYIN_USER, region="CN", age=30, real_name_verified=True,
                         nickname="抖音用户", password=DOUYIN_PASS)
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as http:
        resp = submit_form(http, f"/phone/login?world={world.id}", to="/phone/login",
                           world=world.id, username=DOUYIN_USER, password=DOUYIN_PASS)
        assert resp.status_code == 302, resp.text[:300]
        yield http


def screens(http) -> dict[str, str]:
    """Every screen a Douyin account reaches without a shop link."""
    paths = ["/phone/", "/phone/?tab=videos", "/phone/scan", "/phone/inbox", "/phone/shop",
             "/phone/settings", "/phone/my-qr", f"/phone/@{DOUYIN_USER}", "/phone/videos/new",
             "/phone/live", "/phone/douyin/cancel-enterprise", "/phone/affiliate", "/phone/identity"]
    pages = {}
    for path in paths:
        resp = http.get(path)
        assert resp.status_code == 200, (path, resp.status_code)
        pages[path] = resp.text
    return pages


def test_every_douyin_phone_screen_is_chinese_and_english_by_the_switch(douyin_phone, world,
                                                                       backend):  # noqa: F811
    allowed = ALLOWED | {DOUYIN_USER, world.id, world.name}
    pages = screens(douyin_phone)
    assert {path: english_words(page, allowed) for path, page in pages.items()} == dict.fromkeys(
        pages, set())
    assert all('lang="zh-CN"' in page for page in pages.values())
    home = douyin_phone.get("/phone/").text
    for words in ("扫一扫", "消息", "店铺", "作品", "粉丝", "个人号", "已实名", "退出登录"):
        assert words in home, words

    # the backend shows a QR code; the phone scans it, confirms, and reads the result
    resp = submit_form(backend, "/douyin/shop/official-account/bind", benefit="shop_entry")
    assert resp.status_code == 302, resp.text[:300]
    scan = douyin_phone.get("/phone/scan").text
    assert "抖音小店" in scan and english_words(scan, allowed) == set()
    link = html.unescape(re.search(r'name="url" value="([^"]+)"', scan).group(1))
    resp = submit_form(douyin_phone, "/phone/scan", url=link)
    consent = douyin_phone.get(resp.headers["location"]).text
    assert "确认店铺名称" in consent and english_words(consent, allowed) == set()
    token = re.search(r'name="token" value="([^"]+)"', consent).group(1)
    resp = submit_form(douyin_phone, resp.headers["location"], to="/phone/authorize",
                       token=token, agree="yes", decision="authorize")
    assert resp.status_code == 200 and "已完成" in resp.text and "已授权" in resp.text
    assert english_words(resp.text, allowed) == set()

    # a refusal keeps the rule registry's words; its rule badge is Chinese
    resp = submit_form(douyin_phone, "/phone/affiliate", to="/phone/affiliate/apply")
    refused = douyin_phone.get(resp.headers["location"]).text
    assert re.search(r'id="refusal-rule">规则 [A-Z]\d+<', refused), refused

    # English by the switch, remembered by a cookie; Chinese again by ?lang=zh
    english = douyin_phone.get("/phone/?lang=en").text
    assert 'lang="zh-CN"' in english  # still the 抖音 phone, read in English
    for words in ("Scan", "Inbox", "followers", "Personal account", "Log out"):
        assert words in english, words
    assert "扫一扫" not in english
    assert "Settings and privacy" in douyin_phone.get("/phone/settings").text
    assert "Real-name verification" in douyin_phone.get("/phone/").text
    assert "扫一扫" in douyin_phone.get("/phone/?lang=zh").text


def test_a_tiktok_account_phone_stays_english(sandbox, world):
    world.create_account("us_user", region="US", age=30, password="us-user-pass1")
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as http:
        submit_form(http, f"/phone/login?world={world.id}", to="/phone/login",
                    world=world.id, username="us_user", password="us-user-pass1")
        for path in ("/phone/", "/phone/?lang=zh", "/phone/settings"):
            page = http.get(path).text
            assert "扫一扫" not in page and "设置与隐私" not in page and 'lang="en"' in page
        assert ">Settings and privacy<" in http.get("/phone/settings").text


def test_the_phone_catalogue_po_and_mo_agree_and_cover_every_message():
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    from fake_tiktok_app.domain.commerce import DEFAULT_ID_DOCUMENTS, ID_DOCUMENTS
    from fake_tiktok_app.domain.scopes import SCOPE_WORDS

    def documents() -> set[str]:
        return {d for docs in [DEFAULT_ID_DOCUMENTS, *ID_DOCUMENTS.values()] for d in docs}
    from fake_tiktok_app.web import i18n
    from fake_tiktok_app.web.phone_douyin import VERIFYING
    from sandbox.presenter.world_clock import WORDS

    base = f"{i18n.TRANSLATIONS}/zh/LC_MESSAGES/messages"
    with open(f"{base}.po", "rb") as po, open(f"{base}.mo", "rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    strings = {m.id: m.string for m in source if m.id}
    assert strings == {m.id: m.string for m in compiled if m.id}, "run python -m fake_tiktok_app.web.i18n"
    assert all(strings.values())
    web = Path(i18n.__file__).parent
    used = set()
    for path in [*sorted(web.glob("templates/**/*.html")), *sorted(web.glob("phone*.py"))]:
        text = re.sub(r'"\s*\n\s*"', "", path.read_text())  # Python's implicit concatenation
        used |= set(re.findall(r"""_\(\s*"([^"]+)"|_\(\s*'([^']+)'""", text))
    used = {a or b for a, b in used}
    needed = used | set(i18n.APP_NAMES) | {d.replace("_", " ") for d in documents()}
    needed |= set(SCOPE_WORDS.values()) | set(VERIFYING.values())
    needed |= set(WORDS.values())
    assert needed <= set(strings), sorted(needed - set(strings))


def test_the_login_page_is_english_until_chinese_is_asked_for(sandbox, world):
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as http:
        assert ">Log in<" in http.get(f"/phone/login?world={world.id}").text
        assert ">登录<" in http.get(f"/phone/login?world={world.id}&lang=zh").text
        assert ">登录<" in http.get(f"/phone/login?world={world.id}").text  # remembered
