"""The published TikTok signing vectors (protocols.md §3.3, §3.6, §1.5) as unit tests."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from fake_tiktok_app.domain.login_kit import signature_header
from sandbox.domain import signing


def test_open_api_sign_matches_the_official_vector():
    params = {"app_key": "29a39d", "timestamp": "1623812664"}
    assert signing.sign_base("/authorization/202309/shops", params) == (
        b"/authorization/202309/shopsapp_key29a39dtimestamp1623812664")
    assert signing.sign("e59af819cc", "/authorization/202309/shops", {
        **params, "sign": "ignored", "access_token": "ignored"}) == (
        "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8")


def test_body_is_signed_unless_multipart():
    base = signing.sign_base("/event/202309/webhooks", {"app_key": "k", "timestamp": "1"},
                             b'{"a":1}', "application/json")
    assert base == b'/event/202309/webhooksapp_keyktimestamp1{"a":1}'
    assert signing.sign_base("/p", {}, b"file", "multipart/form-data; boundary=x") == b"/p"


def test_shop_webhook_signature_matches_the_official_vector():
    body = (b'{"type":1,"tts_notification_id":"7380066284010030890","shop_id":'
            b'"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,'
            b'"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}')
    assert signing.shop_webhook_signature("abcdef", "123", body) == (
        "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05")


def test_login_kit_webhook_signature_format():
    body = b'{"event":"authorization.removed"}'
    header = signature_header("secret", 1633174587, body)
    expected = hmac.new(b"secret", b"1633174587." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1633174587,s={expected}"


@pytest.mark.parametrize("offset, ok", [(0, True), (-300, True), (-301, False), (30, True),
                                        (31, False)])
def test_timestamp_window(offset, ok):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    raw = str(int(now.timestamp()) + offset)
    if ok:
        assert signing.check_timestamp(raw, {"world": now}) == int(raw)
    else:
        with pytest.raises(signing.OpenApiError) as info:
            signing.check_timestamp(raw, {"world": now})
        assert info.value.api_code == 36009004


def test_bad_and_missing_signatures_have_tiktok_codes():
    with pytest.raises(signing.OpenApiError) as info:
        signing.check_sign("s", None, "/p", {})
    assert info.value.api_code == 36009004
    with pytest.raises(signing.OpenApiError) as info:
        signing.check_sign("s", "00", "/p", {})
    assert info.value.api_code == 106001


@pytest.mark.parametrize("registered, given, ok", [
    ("http://127.0.0.1:*/cb/", "http://127.0.0.1:53682/cb/", True),
    ("http://localhost:*/cb/", "http://localhost:1/cb/", True),
    ("http://127.0.0.1:*/cb/", "http://127.0.0.1/cb/", False),
    ("http://127.0.0.1:*/cb/", "http://evil.test:53682/cb/", False),
    ("http://127.0.0.1:*/cb/", "http://127.0.0.1:53682/other/", False),
    ("http://127.0.0.1:*/cb/", "http://127.0.0.1:53682/cb/?x=1", False),
    ("https://a.example/cb", "https://a.example/cb", True),
    ("https://a.example/cb", "https://a.example/cb/", False),
    ("http://127.0.0.1:*/cb/", "http://127.0.0.1:99999/cb/", False),
])
def test_desktop_redirect_uri_wildcard_port(registered, given, ok):
    from fake_tiktok_app.domain.login_kit import redirect_uri_matches

    assert redirect_uri_matches(registered, given) is ok
