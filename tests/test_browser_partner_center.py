"""Real browser: Partner Center links a TikTok business account by QR code (My QR code → Connect
Now), then invites a creator with the handle attached; the creator accepts in the phone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
WAIT = 15_000  # ms: the pages poll every second


def test_I1_I4_link_by_my_qr_code_and_invite_with_the_handle(sandbox, world, chromium):
    partner = world.create_partner("Star MCN", kind="mcn", email="star@mcn-browser.test",
                                   password="browser1")
    business = world.create_account(username="starmcn", nickname="Star MCN Official", age=30,
                                    kind="business", business_entity="Star MCN")
    bob = world.create_account(username="bob", nickname="Bob Creates", age=30)
    contexts = [chromium.new_context() for _ in range(3)]
    center, phone, bob_phone = (ctx.new_page() for ctx in contexts)
    try:
        center.goto(f"{sandbox.url}/partner/login?world={world.id}")
        center.fill("input[name=email]", "star@mcn-browser.test")
        center.fill("input[name=password]", "browser1")
        center.click("button[type=submit]")
        center.wait_for_url("**/partner/account")
        center.click("#link-tiktok")
        center.wait_for_selector("#sign-up:has-text('Sign Up for TikTok')")
        center.click("#get-started")
        center.wait_for_selector("#qr")
        center.wait_for_selector("#status[data-status=qr_shown]")

        phone.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
        phone.fill("input[name=username]", "starmcn")
        phone.fill("input[name=password]", business.password)
        phone.click("button[type=submit]")
        phone.click("#open-profile-menu")  # the top right button
        phone.click("#open-my-qr")
        phone.click("#displayed button.qr-tile:has-text('Star MCN')")
        connect = phone.wait_for_selector("#consent-authorize")
        assert connect.inner_text() == "Connect Now"
        connect.click()
        phone.wait_for_selector("text=Authorized")

        center.wait_for_selector("#status[data-status=linked]", timeout=WAIT)
        assert center.inner_text("#acc-user") == "@starmcn"
        center.click("#back")
        assert center.inner_text("#linked-username") == "@starmcn"
        assert "contact your account manager" in center.inner_text("#contact-manager")
        phone.goto(f"{sandbox.app_url}/phone/")
        assert "Star MCN" in phone.inner_text("#partner-badge")

        center.click("#nav-creators")
        center.fill("#invite-username", "bob")
        center.check("#attach-profile")
        center.fill("#invite-message", "Join Star MCN")
        center.click("#send-invitation")
        center.wait_for_selector("#notice")
        center.wait_for_selector("li.invitation[data-username=bob][data-status=sent]")

        bob_phone.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
        bob_phone.fill("input[name=username]", "bob")
        bob_phone.fill("input[name=password]", bob.password)
        bob_phone.click("button[type=submit]")
        bob_phone.click("#open-inbox")
        row = "li.invitation[data-status=pending]"
        assert "Partner: Star MCN (MCN)" in bob_phone.inner_text(f"{row} .inv-partner")
        assert bob_phone.get_attribute(f"{row} a.handle", "href") == "/phone/@starmcn"
        bob_phone.click(f"{row} button[value=accept]")
        bob_phone.wait_for_selector("li.invitation[data-status=accepted]")

        # Partner Center's row follows by itself (no reload).
        center.wait_for_selector("li.invitation[data-username=bob][data-status=accepted]",
                                 timeout=WAIT)
        bob_phone.click("li.invitation a.handle")
        bob_phone.wait_for_selector("#public-profile[data-username=starmcn] #partner-badge")
    finally:
        for ctx in contexts:
            ctx.close()
    (invitation,) = partner.center.invitations()
    assert invitation.status == "accepted" and invitation.handle == "starmcn"


def test_an_invitation_expiring_during_an_advance_is_listed_by_the_widget(sandbox, world, chromium):
    """I4: invitation_hours is 72; after +48 h twice the widget lists the expiry in words."""
    partner = world.create_partner("Star MCN", kind="mcn", email="star@mcn-clock.test",
                                   password="browser1")
    world.create_account(username="bob", nickname="Bob Creates", age=30)
    partner.center.invite_creator("bob")
    ctx = chromium.new_context()
    center = ctx.new_page()
    try:
        center.goto(f"{sandbox.url}/partner/login?world={world.id}")
        center.fill("input[name=email]", "star@mcn-clock.test")
        center.fill("input[name=password]", "browser1")
        center.click("button[type=submit]")
        center.wait_for_url("**/partner/account")
        center.click("#nav-creators")
        center.wait_for_selector("li.invitation[data-username=bob][data-status=sent]")
        fired = center.locator("#world-clock-fired")
        center.click("#world-clock [data-advance=PT48H]")
        center.wait_for_function("!/…/.test(document.getElementById('world-clock-fired').textContent)"
                                 " && document.getElementById('world-clock-fired').textContent")
        assert "Partner Center invitation" not in fired.inner_text()
        center.click("#world-clock [data-advance=PT48H]")
        center.wait_for_selector("#world-clock-fired li:has-text('Partner Center invitation to @bob "
                                 "expired (rule I4)')", timeout=WAIT)
        assert "Nothing fell due" not in fired.inner_text()
        assert fired.locator(".wc-fired-count").inner_text().endswith("changes:")
        center.wait_for_selector("li.invitation[data-username=bob][data-status=expired]",
                                 timeout=WAIT)
    finally:
        ctx.close()
