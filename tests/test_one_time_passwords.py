"""One-time passwords (G4): RFC 6238 vectors through the project's own code path on a frozen
world clock, single use, expiry, lockout of wrong passwords and wrong SMS codes."""

from __future__ import annotations

import base64

import pytest

from sandbox.client import SandboxAPIError

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
# RFC 6238 appendix B, SHA-1, 8 digits, 30-second steps.
RFC_VECTORS = [
    ("1970-01-01T00:00:59Z", "94287082"),
    ("2005-03-18T01:58:29Z", "07081804"),
    ("2005-03-18T01:58:31Z", "14050471"),
    ("2009-02-13T23:31:30Z", "89005924"),
    ("2033-05-18T03:33:20Z", "69279037"),
    ("2603-10-11T11:33:20Z", "65353130"),
]


def org_account(world, username="acme_org"):
    return world.create_account(username=username, kind="organization", age=30)


@pytest.mark.parametrize(("instant", "expected"), RFC_VECTORS, ids=[v[1] for v in RFC_VECTORS])
def test_G4_rfc6238_vectors_through_the_projects_otp_path(sandbox, instant, expected):
    world = sandbox.create_world(now=instant)
    try:
        assert world.clock.now() == instant
        account = org_account(world)
        state = account.set_totp(RFC_SECRET, digits=8, interval=30)
        assert state["current_otp"] == expected
        assert account.totp()["current_otp"] == expected
        account.app.login_with_otp(expected)
        assert account.app.me()["open_id"] == account.open_id
    finally:
        world.delete()


@pytest.mark.parametrize("interval", [121, 3600, 86400])
def test_G4_time_steps_longer_than_two_minutes_make_passwords_too(world, interval):
    """RFC 6238 sets no longest step, the G4 rule allows an hour and the control plane a day
    (pyotp's TOTP stops at 120 s: it was a 500)."""
    account = org_account(world)
    current = account.set_totp(RFC_SECRET, digits=8, interval=interval)["current_otp"]
    assert len(current) == 8 and current.isdigit()
    account.app.login_with_otp(current)
    assert account.app.me()["open_id"] == account.open_id


def test_G4_a_one_time_password_is_single_use(world):
    account = org_account(world)
    current = account.set_totp(RFC_SECRET, digits=8, interval=30)["current_otp"]
    account.app.login_with_otp(current)
    with pytest.raises(SandboxAPIError) as err:
        account.app.login_with_otp(current)
    assert (err.value.status, err.value.code, err.value.rule) == (401, "OTP_ALREADY_USED", "G4")
    world.clock.advance(seconds=30)
    account.app.login_with_otp(account.totp()["current_otp"])


def test_G4_a_one_time_password_expires_after_its_window(world):
    account = org_account(world)
    current = account.set_totp(RFC_SECRET, digits=6, interval=60)["current_otp"]
    # valid in its step and the next one (otp_valid_window = 1), refused after
    world.clock.advance(seconds=120)
    with pytest.raises(SandboxAPIError) as err:
        account.app.login_with_otp(current)
    assert (err.value.code, err.value.rule) == ("OTP_INVALID", "G4")


def test_G4_five_wrong_passwords_lock_for_15_minutes_then_unlock(world):
    account = org_account(world)
    account.set_totp(RFC_SECRET)
    for _ in range(5):
        with pytest.raises(SandboxAPIError) as err:
            account.app.login_with_otp("000000" if account.totp()["current_otp"] != "000000"
                                       else "111111")
        assert err.value.code == "OTP_INVALID"
    good = account.totp()["current_otp"]
    with pytest.raises(SandboxAPIError) as locked:
        account.app.login_with_otp(good)
    assert (locked.value.code, locked.value.rule) == ("OTP_LOCKED", "G4")
    assert account.totp()["last_used_step"] == -1  # the refusal logged nobody in
    world.clock.advance(minutes=14)
    with pytest.raises(SandboxAPIError):
        account.app.login_with_otp(account.totp()["current_otp"])
    world.clock.advance(minutes=1)
    account.app.login_with_otp(account.totp()["current_otp"])


def test_G4_only_otp_only_accounts_log_in_with_one_time_passwords(world):
    alice = world.create_account(username="alice", age=30)
    with pytest.raises(SandboxAPIError) as err:
        alice.app.login_with_otp("123456")
    assert err.value.code == "OTP_LOGIN_NOT_AVAILABLE"


@pytest.fixture
def created(world):
    """A shop with a phone and its organization account, created and linked."""
    shop = world.create_shop(name="Acme Official", phone="+12025550199")
    org = shop.seller.create_organization_account()
    world.clock.advance(seconds=150)
    return shop, org.refresh()


def test_G4_sms_code_then_one_time_password_then_login(world, created):
    shop, org = created
    sent = shop.seller.send_sms_code()
    assert sent["sent_to"].endswith("99")
    [sms] = world.sms(phone=shop.phone)
    assert sms["code"] in sms["body"] and sms["phone"] == "+12025550199"
    otp = shop.seller.one_time_password(sms_code=sms["code"])
    assert otp.username == org.username and len(otp.password) == 6
    world.account(org.open_id).app.login_with_otp(otp)
    with pytest.raises(SandboxAPIError) as err:  # the SMS code is single-use too
        shop.seller.one_time_password(sms_code=sms["code"])
    assert err.value.code == "SMS_CODE_INVALID"


def test_G4_an_sms_code_expires(world, created):
    shop, _ = created
    shop.seller.send_sms_code()
    code = world.sms(phone=shop.phone)[-1]["code"]
    world.clock.advance(minutes=5)
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.one_time_password(sms_code=code)
    assert (err.value.code, err.value.rule) == ("SMS_CODE_EXPIRED", "G4")


def test_G4_five_wrong_sms_codes_lock_for_15_minutes(world, created):
    shop, _ = created
    shop.seller.send_sms_code()
    code = world.sms(phone=shop.phone)[-1]["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(SandboxAPIError) as err:
            shop.seller.one_time_password(sms_code=wrong)
        assert err.value.code == "SMS_CODE_INVALID"
    with pytest.raises(SandboxAPIError) as locked:
        shop.seller.one_time_password(sms_code=code)
    assert (locked.value.code, locked.value.rule) == ("SMS_VERIFICATION_LOCKED", "G4")
    with pytest.raises(SandboxAPIError):
        shop.seller.send_sms_code()
    assert len(world.sms(phone=shop.phone)) == 1  # the refusal sent nothing
    world.clock.advance(minutes=15)
    shop.seller.send_sms_code()
    shop.seller.one_time_password(sms_code=world.sms(phone=shop.phone)[-1]["code"])


def test_G4_sms_outbox_long_polls_and_filters_by_phone(world, created):
    shop, _ = created
    assert world.sms(phone=shop.phone, wait=0.1) == []
    shop.seller.send_sms_code()
    assert len(world.sms(phone=shop.phone, wait=5)) == 1
    assert world.sms(phone="+10000000000") == []
    first = world.sms()[0]["id"]
    assert world.sms(after=first) == []


def test_G4_a_shop_without_a_phone_gets_no_code(world):
    shop = world.create_shop(name="No Phone")
    shop.seller.create_organization_account()
    world.clock.advance(seconds=150)
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.send_sms_code()
    assert err.value.code == "SHOP_PHONE_MISSING"
    assert world.sms() == []


def _fresh_password(world, shop):
    shop.seller.send_sms_code()
    return shop.seller.one_time_password(sms_code=world.sms(phone=shop.phone)[-1]["code"])


def test_G4_two_passwords_in_one_step_both_log_in(world, created):
    shop, org = created
    first = _fresh_password(world, shop)
    second = _fresh_password(world, shop)  # same 60-second step
    assert first.password != second.password  # the second is the next step's password
    app = world.account(org.open_id).app
    app.login_with_otp(second)  # in either order
    app.login_with_otp(first)
    with pytest.raises(SandboxAPIError) as err:  # each stays single-use
        app.login_with_otp(first)
    assert err.value.code == "OTP_ALREADY_USED"


def test_G4_a_third_password_in_one_step_says_how_long_to_wait(world, created):
    shop, _ = created
    _fresh_password(world, shop)
    _fresh_password(world, shop)
    now = world.clock.now()
    seconds = int(now[17:19])  # 60-second steps start on the minute
    shop.seller.send_sms_code()
    code = world.sms(phone=shop.phone)[-1]["code"]
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.one_time_password(sms_code=code)
    assert (err.value.code, err.value.rule, err.value.status) == ("OTP_WAIT", "G4", 429)
    wait = err.value.details["retry_after_seconds"]
    assert wait == 60 - seconds if seconds else wait == 60
    assert f"wait {wait} s" in err.value.message
    world.clock.advance(seconds=wait)  # the SMS code was not spent on the refusal
    shop.seller.one_time_password(sms_code=code)
