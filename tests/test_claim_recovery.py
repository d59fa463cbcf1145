"""The shared claim machine recovers from a poller that died (issue: no request stays in an
intermediate state): a claim older than the lease is retried or fails with a code, and a code
the app handed out but Seller Center never recorded settles the request as failed.

A dead poller is simulated exactly: the test does, against the real app over HTTP and the real
database, what the poll had done when its process was killed, and nothing after."""

from __future__ import annotations

import httpx
import pytest

from sandbox.kernel.world_facts import world_now
from sandbox.services import linking
from sandbox.services.seller_center import credentials

LEASE = 30  # Settings.claim_lease_seconds


@pytest.fixture
def confirmed(world, sandbox):
    """A link request whose QR code the creator scanned and authorized; nobody polled yet."""
    shop = world.create_shop(name="Crashy Shop", market="US")
    alice = world.create_account(username="alice", age=27, region="US")
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    return link


def _app_hands_out_code(sandbox, world_id: str, link_id: str) -> str:
    """check_qrcode as Seller Center's poll makes it: the app hands out the code (once)."""
    runtime = sandbox.runtime
    with runtime.session() as session:
        key, secret = credentials(session, world_id)
        token = linking.get_request(session, world_id, link_id).qr_token
    body = httpx.post(f"{sandbox.app_url}/v2/oauth/check_qrcode/",
                      data={"client_key": key, "client_secret": secret, "token": token}).json()
    assert body["status"] == "confirmed"
    return body["code"]


def _claim_then_die(sandbox, world_id: str, link_id: str, code: str) -> None:
    """The poll's claim, committed; the process dies before anything else."""
    runtime = sandbox.runtime
    with runtime.session() as session:
        req = linking.get_request(session, world_id, link_id)
        lease = linking.SellerCenter(runtime, None).claim_lease(session, world_id)  # type: ignore[arg-type]
        assert linking.MACHINE.take(session, req, code, world_now(session, world_id), lease)
        session.commit()


def test_a_claim_whose_poller_died_is_retried_after_the_lease_and_gets_ready(world, sandbox,
                                                                            confirmed):
    code = _app_hands_out_code(sandbox, world.id, confirmed.id)
    _claim_then_die(sandbox, world.id, confirmed.id, code)
    assert confirmed.refresh().status == "checking"  # the lease is still live: hands off
    world.clock.advance(seconds=LEASE + 1)
    assert confirmed.refresh().status == "ready"
    confirmed.confirm()
    assert confirmed.status == "linked"


def test_a_claim_that_died_after_using_its_code_fails_with_the_apps_code(world, sandbox,
                                                                        confirmed):
    code = _app_hands_out_code(sandbox, world.id, confirmed.id)
    _claim_then_die(sandbox, world.id, confirmed.id, code)
    with sandbox.runtime.session() as session:
        key, secret = credentials(session, world.id)
    exchanged = httpx.post(f"{sandbox.app_url}/v2/oauth/token/", data={
        "client_key": key, "client_secret": secret, "code": code,
        "grant_type": "authorization_code",
        "redirect_uri": "https://seller.tiktok-sandbox.local/oauth/qr-callback"}).json()
    assert exchanged["access_token"]  # the dead poller got this far
    world.clock.advance(seconds=LEASE + 1)
    assert confirmed.refresh().status == "failed"
    assert confirmed.error["code"] == "TIKTOK_APP_ERROR"
    assert "invalid_grant" in confirmed.error["message"]


def test_a_claim_nobody_resumes_is_failed_by_a_due_job(world, sandbox, confirmed):
    code = _app_hands_out_code(sandbox, world.id, confirmed.id)
    _claim_then_die(sandbox, world.id, confirmed.id, code)
    fired = world.clock.advance(seconds=2 * LEASE + 1)
    assert "link.failed" in [e["type"] for e in fired.fired]
    with sandbox.runtime.session() as session:
        req = linking.get_request(session, world.id, confirmed.id)
        assert (req.status, req.refusal["code"]) == ("failed", "CLAIM_LEASE_EXPIRED")


def test_a_code_handed_out_but_never_recorded_settles_as_failed(world, sandbox, confirmed):
    _app_hands_out_code(sandbox, world.id, confirmed.id)  # ...and the process died
    assert confirmed.refresh().status == "qr_shown"  # a live poller may still be claiming it
    world.clock.advance(seconds=LEASE)
    assert confirmed.refresh().status == "failed"
    assert confirmed.error["code"] == "AUTHORIZATION_CODE_LOST"


def test_two_pollers_after_the_lease_retry_exactly_once(world, sandbox, confirmed):
    code = _app_hands_out_code(sandbox, world.id, confirmed.id)
    _claim_then_die(sandbox, world.id, confirmed.id, code)
    world.clock.advance(seconds=LEASE + 1)
    with sandbox.runtime.session() as session:
        req = linking.get_request(session, world.id, confirmed.id)
        lease = linking.SellerCenter(sandbox.runtime, None).claim_lease(session, world.id)  # type: ignore[arg-type]
        now = world_now(session, world.id)
        first = linking.MACHINE.take_over(session, req, now, lease)
        session.commit()
    with sandbox.runtime.session() as session:
        stale_copy = linking.get_request(session, world.id, confirmed.id)
        stale_copy.claim_attempts -= 1  # what a second poller read before the first won
        second = linking.MACHINE.take_over(session, stale_copy, now, lease)
        session.rollback()
    assert first == code and second is None
