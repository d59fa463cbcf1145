"""Due jobs: durations become rows that fire at a world instant, in time order."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sandbox.kernel.errors import SandboxError
from sandbox.kernel.events import take_appended
from sandbox.kernel.models import Event, Job

log = logging.getLogger(__name__)

JobHandler = Callable[[Session, Job, datetime], None]


def schedule(
    session: Session, world_id: str, kind: str, due_at: datetime, subject: str = "",
    payload: dict[str, Any] | None = None,
) -> Job:
    job = Job(world_id=world_id, kind=kind, due_at=due_at, subject=subject, payload=payload or {})
    session.add(job)
    return job


def cancel(session: Session, world_id: str, kind: str, subject: str, now: datetime) -> None:
    """Mark pending jobs of `kind` for `subject` as done without running them.

    "fetch" syncs the session from the rows the UPDATE matched: the default ("evaluate")
    tests every job object the session holds, which made a transaction of 1,000 orders
    quadratic (each order replaces its own clock job)."""
    session.execute(
        update(Job).where(Job.world_id == world_id, Job.kind == kind, Job.subject == subject,
                          Job.fired_at.is_(None))
        .values(fired_at=now).execution_options(synchronize_session="fetch")
    )


def next_due(session: Session, world_id: str, until: datetime, kinds: list[str]) -> Job | None:
    return session.scalars(
        select(Job).where(Job.world_id == world_id, Job.fired_at.is_(None), Job.due_at <= until,
                          Job.kind.in_(kinds))
        .order_by(Job.due_at, Job.id).limit(1)
    ).first()


@dataclass
class Fired:
    """What one caller fired: how many jobs, and the events those jobs appended (in order)."""

    jobs: int = 0
    events: list[Event] = field(default_factory=list)

    def add(self, other: Fired) -> None:
        self.jobs += other.jobs
        self.events.extend(other.events)


def fire_due(
    sessions: Callable[[], Session], handlers: dict[str, JobHandler], world_id: str,
    until: datetime,
) -> Fired:
    """Fire every job of this world due by `until`, earliest first, each in its own transaction.

    A job is claimed by a conditional UPDATE, so the ticker and an `advance` (or two processes)
    never fire it twice; the caller gets only the jobs it claimed. Each handler sees `now` = the
    job's due instant."""
    fired = Fired()
    kinds = list(handlers)
    while True:
        with sessions() as session:
            job = next_due(session, world_id, until, kinds)
            if job is None:
                return fired
            claimed = session.execute(
                update(Job).where(Job.world_id == world_id, Job.id == job.id,
                                  Job.fired_at.is_(None)).values(fired_at=job.due_at)
            ).rowcount
            if claimed != 1:
                session.rollback()
                continue
            take_appended(session)
            try:
                handlers[job.kind](session, job, job.due_at)
                events = take_appended(session)
                session.commit()
            except SandboxError as exc:
                # A job whose subject changed meanwhile is done, not retried forever.
                log.info("job %s %s skipped: %s", job.kind, job.subject, exc)
                session.rollback()
                take_appended(session)
                events = []
                session.execute(update(Job).where(Job.world_id == world_id, Job.id == job.id)
                                .values(fired_at=job.due_at))
                session.commit()
            fired.jobs += 1
            fired.events.extend(events)


def worlds_with_due_jobs(session: Session, kinds: list[str]) -> list[str]:
    return list(session.scalars(
        select(Job.world_id).where(Job.fired_at.is_(None), Job.kind.in_(kinds)).distinct()
    ))
