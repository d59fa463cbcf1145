"""The Runtime both apps share: settings, store, job handlers, world hooks and the ticker."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar, Token
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from sandbox.kernel import jobs as jobs_mod
from sandbox.kernel import outbox
from sandbox.kernel.changes import Changes
from sandbox.kernel.clock import wall_now
from sandbox.kernel.events import install_numbering
from sandbox.kernel.held_waits import HeldWaits, PollResult
from sandbox.kernel.models import World
from sandbox.kernel.request_log import RequestLogWriter
from sandbox.kernel.settings import Settings
from sandbox.kernel.store import Store, resolve_db_url
from sandbox.kernel.world_config import DEPLOYMENT
from sandbox.kernel.world_facts import REQUEST_WORLDS, WorldFacts, forget_rows, world_now, world_of
from sandbox.kernel.world_lock import Lease

log = logging.getLogger(__name__)

WorldHook = Callable[[Session, World, datetime], None]
# Work done after due jobs fired, outside their transactions (e.g. webhook HTTP deliveries).
AfterJobsHook = Callable[["Runtime", str], int]


TICKER_LEASE = "ticker"


class Runtime:
    """One per process (or per test sandbox). Holds no per-world state: that lives in the store."""

    def __init__(self, settings: Settings | None = None, *, store: Store | None = None) -> None:
        self.settings = settings or Settings()
        self.store = store or Store(resolve_db_url(self.settings.db, self.settings.home))
        install_numbering(self.store.sessions)  # events get their numbers at flush
        # Every session knows the deployment's settings: a world's rules and settings are
        # these with the world's overrides on top (kernel/world_config.py).
        self.store.sessions.configure(info={DEPLOYMENT: self.settings})
        # A rolled-back session forgets the World rows it held (they may be gone).
        event.listen(self.store.sessions, "after_soft_rollback", forget_rows)
        self.job_handlers: dict[str, jobs_mod.JobHandler] = {}
        self.world_initializers: list[WorldHook] = []
        self.seeders: dict[str, WorldHook] = {}
        self.after_jobs_hooks: list[AfterJobsHook] = []
        self.changes = Changes(self.store.sessions)  # which worlds each commit changed
        self._request_worlds: ContextVar[dict[str, WorldFacts] | None] = ContextVar(
            f"sandbox-request-worlds-{id(self)}", default=None)
        self._ticker: threading.Thread | None = None
        self._stop = threading.Event()
        self._closing = threading.Event()  # long polls give up at once when the runtime closes
        self.held_waits = HeldWaits(self.settings.held_waits_max)
        event.listen(self.store.sessions, "after_commit", self._after_commit)
        event.listen(self.store.sessions, "after_rollback", outbox.forget_queued)
        outbox.install(self)
        flush_every = self.settings.request_log_flush_seconds
        self.request_log = RequestLogWriter(self.store.sessions, flush_every)  # batched rows

    # -- sessions and time -------------------------------------------------------------------
    def session(self) -> Session:
        session = self.store.session()
        known = self._request_worlds.get()
        if known is not None:
            session.info[REQUEST_WORLDS] = known
        return session

    def open_request_scope(self) -> Token[dict[str, WorldFacts] | None]:
        """A request begins: its sessions share one read of each world's clock (a move of the
        clock inside the request updates it, see `forget_clock`)."""
        return self._request_worlds.set({})

    def close_request_scope(self, token: Token[dict[str, WorldFacts] | None]) -> None:
        try:
            self._request_worlds.reset(token)
        except ValueError:  # closed in another context than it was opened in
            self._request_worlds.set(None)

    def forget_clock(self, world_id: str) -> None:
        known = self._request_worlds.get()
        if known is not None:
            known.pop(world_id, None)

    def world(self, session: Session, world_id: str) -> World:
        return world_of(session, world_id)

    def now(self, session: Session, world_id: str) -> datetime:
        return world_now(session, world_id)

    # -- extension points the apps fill in their factories ----------------------------------
    def register_job(self, kind: str, handler: jobs_mod.JobHandler) -> None:
        self.job_handlers[kind] = handler

    def on_world_created(self, hook: WorldHook) -> None:
        if hook not in self.world_initializers:
            self.world_initializers.append(hook)

    def register_seed(self, name: str, hook: WorldHook) -> None:
        self.seeders[name] = hook

    def after_jobs(self, hook: AfterJobsHook) -> None:
        if hook not in self.after_jobs_hooks:
            self.after_jobs_hooks.append(hook)

    def run_after_jobs(self, world_id: str) -> int:
        """Run the after-jobs hooks for a world (call it after committing); returns work done."""
        done = 0
        for hook in self.after_jobs_hooks:
            try:
                done += hook(self, world_id)
            except Exception:  # one failing hook must not break a request or the ticker
                log.exception("after-jobs hook %s failed", hook)
        return done

    def fire_due(self, world_id: str, until: datetime) -> jobs_mod.Fired:
        """Fire due jobs, then the after-jobs hooks, until neither has anything left to do
        (a delivery that fails may schedule a retry that is itself due by `until`)."""
        fired = jobs_mod.Fired()
        for _ in range(1000):
            now_fired = jobs_mod.fire_due(self.session, self.job_handlers, world_id, until)
            fired.add(now_fired)
            if not self.run_after_jobs(world_id) and not now_fired.jobs:
                break
        return fired

    # -- change notification for long polls ---------------------------------------------------
    def _after_commit(self, session: Session) -> None:
        """Deliveries queued in a committed transaction go out now, outside it."""
        for world_id in outbox.forget_queued(session):
            self.run_after_jobs(world_id)

    def poll(self, world_id: str, fetch: Callable[[Session], list[Any]],
             wait: float) -> PollResult:
        """`fetch` in a fresh session until it finds something or `wait` seconds pass; woken by
        this process's commits that changed `world_id`, re-polling for
        commits of other processes. Only `held_waits_max` waits are held at once: beyond that
        a wait answers at once with what there is, `declined`, so no number of waiting callers
        takes the threads that every other request needs (kernel/held_waits.py)."""
        deadline = time.monotonic() + wait
        mark = self.changes.mark(world_id)
        with self.session() as session:
            found = fetch(session)
        if found or wait <= 0 or self._closing.is_set():
            return PollResult(found)
        with self.held_waits.hold() as held:
            if not held:
                return PollResult(found, declined=True)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closing.is_set():
                    return PollResult(found)
                self.changes.wait(world_id, mark,
                                  min(remaining, self.held_waits.repoll_seconds()))
                mark = self.changes.mark(world_id)
                with self.held_waits.fetching, self.session() as session:
                    found = fetch(session)
                if found:
                    return PollResult(found)

    # -- ticker: fires due jobs of real-time worlds as wall time passes -----------------------
    def start_ticker(self) -> None:
        if self._ticker is not None:
            return
        self._stop.clear()
        self._ticker = threading.Thread(target=self._tick_loop, name="sandbox-ticker", daemon=True)
        self._ticker.start()

    def stop_ticker(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=5)
        self._ticker = None

    def tick(self) -> int:
        """One pass: fire what is due in every real-time world that has pending jobs.

        Frozen worlds are skipped: their time moves only by `advance`, which fires their jobs
        itself; a pass here could only race it (claiming a delivery mid-advance)."""
        fired = 0
        with self.session() as session:
            world_ids = jobs_mod.worlds_with_due_jobs(session, list(self.job_handlers))
        for world_id in world_ids:
            # A world whose clock is being moved (or which is being deleted) is skipped: the
            # mover fires its jobs, in time order, and says which it fired.
            with self.store.world_locks.try_hold(world_id) as mine:
                if not mine:
                    continue
                with self.session() as session:
                    world = session.get(World, world_id)
                    if world is None or world.clock.frozen:
                        continue
                    now = world.clock.now(wall_now())
                fired += self.fire_due(world_id, now).jobs
        return fired

    def _tick_loop(self) -> None:
        """Tick while this process holds the ticker lease: of every process on the database
        (gunicorn workers, other hosts) one ticks; when it dies another takes over. The lease
        saves work, it is not what makes a job fire once: the world lock and each job's
        conditional claim are (`tick`, `jobs.fire_due`)."""
        lease = Lease(self.store.world_locks, TICKER_LEASE)
        try:
            while not self._stop.wait(self.settings.ticker_interval):
                try:
                    if lease.held():
                        self.tick()
                except Exception:  # the ticker must outlive one bad pass; the error is logged
                    log.exception("ticker pass failed")
        finally:
            lease.release()

    def close(self) -> None:
        self._closing.set()
        self.changes.close()  # wake the long polls, which now return
        self.stop_ticker()
        self.request_log.close()
        self.store.dispose()
