"""Learn what the app decided on its own clock: organization-account creations (G3) and upgrade
trials that ended (H5). One entry point, so both are learnt wherever either is.

Learning happens when the outcome falls due, never on a read: Seller Center schedules a due job
at the instant the app will decide (`org_accounts.schedule_outcome`); whoever fires it (an
`advance`, or the ticker of any process) then runs `sync` as an after-jobs hook, outside any
transaction, since it asks the app over HTTP."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sandbox.kernel.models import Job
from sandbox.kernel.runtime import Runtime
from sandbox.services import org_accounts, upgrades
from sandbox.services.seller_center import SellerCenter


def _outcome_due(_session: Session, _job: Job, _now: datetime) -> None:
    """The due job only marks the instant; the after-jobs hook does the learning."""


def install(runtime: Runtime, sc: SellerCenter) -> None:
    runtime.register_job(org_accounts.OUTCOME_JOB, _outcome_due)
    runtime.after_jobs(lambda _runtime, world_id: sync(sc, world_id))


def sync(sc: SellerCenter, world_id: str, shop_id: str | None = None) -> int:
    """Outcomes that fell due, recorded; returns how many requests changed."""
    return (org_accounts.sync_creations(sc, world_id, shop_id)
            + upgrades.sync_trials(sc, world_id, shop_id))
