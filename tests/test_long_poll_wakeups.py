"""A long poll wakes for commits of its own world only: an event appended there wakes it; link
flows, webhook deliveries and job firings in another world leave it asleep (with many polls
held, waking all of them on every commit made a link flow 6x slower)."""

from __future__ import annotations

import threading

from receiver import start_receiver


def test_an_event_of_the_world_wakes_its_poll(sandbox):
    changes, world = sandbox.runtime.changes, sandbox.create_world()
    since = changes.mark(world.id)
    woken = threading.Event()
    waiter = threading.Thread(target=lambda: (changes.wait(world.id, since, 60), woken.set()))
    waiter.start()
    world.create_account(username="wakes", age=30, region="US")  # appends account.created
    waiter.join(30)  # without the wakeup it sleeps the whole 60 s
    assert woken.is_set()
    world.delete()


def test_link_flows_deliveries_and_jobs_of_another_world_leave_a_poll_asleep(sandbox):
    changes = sandbox.runtime.changes
    quiet, busy = sandbox.create_world(), sandbox.create_world(frozen=True)
    since = changes.mark(quiet.id)
    waiter = threading.Thread(target=lambda: changes.wait(quiet.id, since, 60))
    waiter.start()
    receiver, server = start_receiver()
    try:
        shop = busy.create_shop(name="Acme Official", market="US")
        busy.create_client(kind="shop_app", name="ERP", redirect_url="https://erp.example/cb",
                           webhook_url=receiver.url)
        alice = busy.create_account(username="alice", age=27, region="US")
        link = shop.seller.start_official_link()
        alice.app.scan(link.qr_url).authorize()
        link.wait_until("ready").confirm()
        busy.trigger_webhook(16)  # a delivery, claimed and sent
        busy.clock.advance(hours=48)  # fires jobs
        assert busy.deliveries() and changes.mark(quiet.id) == since
        assert waiter.is_alive()
    finally:
        server.shutdown()
        quiet.delete()  # a delete is a commit of that world: the wait ends
        waiter.join(30)
        busy.delete()
    assert not waiter.is_alive()
