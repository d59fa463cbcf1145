"""The poll → claim → exchange machine shared by link requests, invitations and upgrades.

A poll that sees the app hand out a code claims the request with a conditional UPDATE (so of
many concurrent pollers, in threads or processes, exactly one goes on) and records the code and
the claim time in the same statement. Whatever happens next (code exchange, user info, the
rules) either settles the request or dies with its process. A claim older than the lease
(`claim_lease_seconds`, world time) is therefore a dead poller's: the next poll takes it over
and retries with the recorded code (an exchange that already used the code fails with the app's
code, and the request fails with it), and a due job fails it if nobody polls. A code the app
handed out that was never recorded (the process died between the app's answer and the claim)
shows as a QR code the app reports `utilised` while the request still waits: it is settled as
failed with `AUTHORIZATION_CODE_LOST`, never left waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from sandbox.kernel.errors import SandboxError
from sandbox.kernel.jobs import schedule
from sandbox.kernel.models import Job

CHECKING = "checking"
# Settles a claim nobody resumed: due two leases after the claim, so a poll after one lease
# still gets to retry it first.
LEASES_BEFORE_FAILING = 2
Fail = Callable[[Session, Any, SandboxError, datetime], None]


def code_lost() -> SandboxError:
    return SandboxError("The TikTok app handed out this request's authorization code, but Seller "
                        "Center never recorded it (its server stopped in between). Start again "
                        "with a new QR code.", code="AUTHORIZATION_CODE_LOST", status=409)


def lease_expired() -> SandboxError:
    return SandboxError("The check of this request was interrupted (its server stopped) and no "
                        "poll resumed it within the claim lease. Start again.",
                        code="CLAIM_LEASE_EXPIRED", status=409)


@dataclass(frozen=True)
class ClaimMachine:
    """One kind of request: its table and the statuses it waits in."""

    model: Any
    waiting: tuple[str, ...]
    job_kind: str
    fail: Fail  # records a failure with its code (and event) in the caller's session
    checking: str = CHECKING

    def take(self, session: Session, row: Any, code: str, now: datetime,
             lease: timedelta) -> bool:
        """The first claim: waiting → checking, recording the code. True if this caller won."""
        m, attempt = self.model, row.claim_attempts + 1  # read before the UPDATE syncs the row
        won = session.execute(
            update(m).where(m.world_id == row.world_id, m.id == row.id, m.status.in_(self.waiting))
            .values(status=self.checking, claimed_at=now, claim_code=code,
                    claim_attempts=m.claim_attempts + 1)).rowcount == 1
        if won:  # only claims raise the counter, and none returns to waiting: ours + 1 it is
            self._schedule_settlement(session, row, attempt, now, lease)
        return won

    def park(self, session: Session, row: Any, code: str, now: datetime,
             lease: timedelta) -> bool:
        """Like `take`, but nobody works on the code yet: waiting → checking with the code and
        no claim time, so a page shows "Checking…" and its next poll `resume`s. True if won."""
        m, attempt = self.model, row.claim_attempts
        won = session.execute(
            update(m).where(m.world_id == row.world_id, m.id == row.id, m.status.in_(self.waiting))
            .values(status=self.checking, claimed_at=None, claim_code=code)).rowcount == 1
        if won:  # settled with CLAIM_LEASE_EXPIRED if no poll ever resumes it
            self._schedule_settlement(session, row, attempt, now, lease)
        return won

    def resume(self, session: Session, row: Any, now: datetime, lease: timedelta) -> str | None:
        """A parked claim: the first poller takes it (one winner, by the attempt counter) and
        gets the recorded code; None if it is not parked or another poller won."""
        if row.status != self.checking or row.claimed_at is not None or not row.claim_code:
            return None
        return self._reclaim(session, row, now, lease, self.model.claimed_at.is_(None))

    def is_stale(self, row: Any, now: datetime, lease: timedelta) -> bool:
        return (row.status == self.checking and row.claimed_at is not None
                and now - row.claimed_at >= lease)

    def take_over(self, session: Session, row: Any, now: datetime,
                  lease: timedelta) -> str | None:
        """A claim older than the lease: take it over (one winner, by the attempt counter) and
        return the recorded code to retry; None if the claim is live or another poller won."""
        if not self.is_stale(row, now, lease) or not row.claim_code:
            return None
        return self._reclaim(session, row, now, lease)

    def _reclaim(self, session: Session, row: Any, now: datetime, lease: timedelta,
                 *also: Any) -> str | None:
        """Claim a checking row again, `also` holding: one winner by the attempt counter, who
        gets the recorded code (None for the others)."""
        m, attempt = self.model, row.claim_attempts + 1
        won = session.execute(
            update(m).where(m.world_id == row.world_id, m.id == row.id, m.status == self.checking,
                            m.claim_attempts == attempt - 1, *also)
            .values(claimed_at=now, claim_attempts=m.claim_attempts + 1)).rowcount == 1
        if not won:
            return None
        self._schedule_settlement(session, row, attempt, now, lease)
        return row.claim_code

    def code_lost(self, session: Session, row: Any, now: datetime, lease: timedelta) -> bool:
        """The app says the code went out while this request still waits. Another poller may be
        about to claim it, so the first sighting only marks the time; one lease later the
        request fails with AUTHORIZATION_CODE_LOST. True when it failed."""
        if row.status not in self.waiting:
            return False
        if row.claimed_at is None:
            row.claimed_at = now
            return False
        if now - row.claimed_at < lease:
            return False
        self.fail(session, row, code_lost(), now)
        return True

    def _schedule_settlement(self, session: Session, row: Any, attempt: int, now: datetime,
                             lease: timedelta) -> None:
        schedule(session, row.world_id, self.job_kind, now + lease * LEASES_BEFORE_FAILING,
                 f"{row.id}:{attempt}")

    def settle_job(self, session: Session, job: Job, now: datetime) -> None:
        """Due job: a claim still held by the same attempt after two leases fails with a code."""
        row_id, _, attempts = job.subject.rpartition(":")
        row = session.get(self.model, row_id)
        if row is not None and row.status == self.checking and str(row.claim_attempts) == attempts:
            self.fail(session, row, lease_expired(), now)
