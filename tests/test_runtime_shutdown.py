"""A closing runtime ends its long polls at once (a page's live poll must not outlive the
server and touch a database that is being removed)."""

from __future__ import annotations

import threading

from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings


def test_closing_the_runtime_ends_a_long_poll_that_waits_for_nothing():
    runtime = Runtime(Settings(db="memory", seed_demo=False))
    started, answers = threading.Event(), []

    def fetch(_session):
        started.set()
        return []

    poller = threading.Thread(
        target=lambda: answers.append(runtime.poll("w_nothing", fetch, 60).found))
    poller.start()
    assert started.wait(10)
    runtime.close()
    poller.join(10)  # without the fix it waits the full 60 s
    assert not poller.is_alive() and answers == [[]]
