"""Webhook outbox per world: queue signed deliveries, POST them outside transactions, retry on the clock."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from sandbox.kernel.clock import iso
from sandbox.kernel.errors import NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.jobs import schedule
from sandbox.kernel.models import Job, World
from sandbox.kernel.store import Base, WorldScoped
from sandbox.kernel.world_config import settings_for
from sandbox.kernel.world_facts import world_for_update

if TYPE_CHECKING:
    from sandbox.kernel.runtime import Runtime

log = logging.getLogger(__name__)
RETRY_JOB = "webhook.retry"
# The receiver acknowledged: TikTok Shop counts 200 and 401 as received (configuration-guide).
ACK_STATUSES = (200, 401)
QUEUED = "outbox_worlds"
QUEUED_ROWS = "outbox_rows"
# What TikTok's senders put in User-Agent is not documented; naming the sandbox is our choice.
USER_AGENT = "TikTokShopSandbox-Webhook/0.1"


class WebhookDelivery(WorldScoped, Base):
    """One notification to one URL, with every attempt in `log`."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(20))  # shop_app | login_kit
    app_key: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(1000))
    event: Mapped[str] = mapped_column(String(60))
    notification_id: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # pending (due now) | held | waiting (retry job scheduled) | sending | delivered | failed
    status: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    created_at: Mapped[datetime]
    log: Mapped[list[Any]] = mapped_column(default=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "app_key": self.app_key, "url": self.url,
                "event": self.event, "notification_id": self.notification_id, "body": self.body,
                "headers": self.headers, "status": self.status, "attempts": self.attempts,
                "next_attempt_at": iso(self.next_attempt_at), "created_at": iso(self.created_at),
                "log": self.log}


def _settings(world: World) -> dict[str, Any]:
    return dict(world.settings or {})


def enqueue(session: Session, world_id: str, now: datetime, *, source: str, app_key: str,
            url: str, event: str, notification_id: str, body: bytes,
            headers: dict[str, str]) -> WebhookDelivery:
    """Queue a delivery in the caller's transaction; held if the world's webhooks are held."""
    world = session.get(World, world_id)
    held = bool(world is not None and _settings(world).get("webhooks_held"))
    row = WebhookDelivery(world_id=world_id, source=source, app_key=app_key, url=url, event=event,
                          notification_id=notification_id, body=body.decode(), headers=headers,
                          status="held" if held else "pending", attempts=0, next_attempt_at=now,
                          created_at=now, log=[])
    session.add(row)
    session.flush()
    session.info.setdefault(QUEUED, set()).add(world_id)
    session.info.setdefault(QUEUED_ROWS, []).append(row)
    append_event(session, world_id, now, "webhook.queued", str(row.id),
                 {"event": event, "app_key": app_key, "url": url, "held": held})
    return row


def forget_queued(session: Session) -> set[str]:
    """The worlds this session queued deliveries for since its last commit (and forget them)."""
    session.info.pop(QUEUED_ROWS, None)
    return session.info.pop(QUEUED, set())


def queued_rows(session: Session) -> list[WebhookDelivery]:
    """The deliveries this session queued since its last commit, in order."""
    return list(session.info.get(QUEUED_ROWS, ()))


@dataclass
class Triggered:
    """What a webhook trigger did: the deliveries of its type it queued, the object their
    payload is about (`{kind, id, …}`), and the objects it had to create first."""

    deliveries: list[WebhookDelivery]
    about: dict[str, Any]
    created: list[dict[str, Any]] = field(default_factory=list)
    shop_id: str | None = None


def retry_job(session: Session, job: Job, now: datetime) -> None:
    """A retry fell due: the delivery is pending again (the delivery pass sends it)."""
    session.execute(update(WebhookDelivery).where(
        WebhookDelivery.world_id == job.world_id, WebhookDelivery.id == int(job.subject),
        WebhookDelivery.status == "waiting").values(status="pending"))


def _claim(runtime: Runtime, world_id: str) -> tuple[WebhookDelivery, bool, float] | None:
    """The next pending delivery, claimed; whether to drop it; the world's POST timeout."""
    with runtime.session() as session:
        row = session.scalars(select(WebhookDelivery).where(
            WebhookDelivery.world_id == world_id, WebhookDelivery.status == "pending")
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(1)).first()
        if row is None:
            return None
        claimed = session.execute(update(WebhookDelivery).where(
            WebhookDelivery.world_id == world_id, WebhookDelivery.id == row.id,
            WebhookDelivery.status == "pending")
            .values(status="sending")).rowcount
        if claimed != 1:
            session.rollback()
            return _claim(runtime, world_id)
        world = session.get(World, world_id)
        drop = False
        if world is not None and _settings(world).get("webhooks_drop_next", 0) > 0:
            world = world_for_update(session, world_id)  # read again under the row's lock
        if world is not None and _settings(world).get("webhooks_drop_next", 0) > 0:
            settings = _settings(world)
            settings["webhooks_drop_next"] -= 1
            world.settings, drop = settings, True
        timeout = settings_for(session, world_id).webhook_timeout_seconds
        session.commit()
        return row, drop, timeout


def _post(row: WebhookDelivery, timeout: float) -> tuple[int | None, str]:
    try:
        resp = httpx.post(row.url, content=row.body.encode(),
                          headers={"User-Agent": USER_AGENT, **row.headers},
                          timeout=timeout)
        return resp.status_code, ""
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"


def _record(runtime: Runtime, row: WebhookDelivery, status: int | None, error: str) -> None:
    at = row.next_attempt_at
    with runtime.session() as session:
        fresh = session.get(WebhookDelivery, row.id)
        if fresh is None:
            return
        retries = settings_for(session, row.world_id).webhook_retry_seconds
        fresh.attempts += 1
        fresh.log = [*fresh.log, {"attempt": fresh.attempts, "at": iso(at), "status": status,
                                  "error": error or None}]
        if status in ACK_STATUSES:
            fresh.status, kind = "delivered", "webhook.delivered"
        elif fresh.attempts <= len(retries):
            fresh.status, kind = "waiting", "webhook.retry_scheduled"
            fresh.next_attempt_at = at + timedelta(seconds=retries[fresh.attempts - 1])
            schedule(session, row.world_id, RETRY_JOB, fresh.next_attempt_at, str(row.id))
        else:
            fresh.status, kind = "failed", "webhook.failed"
        append_event(session, row.world_id, at, kind, str(row.id),
                     {"event": row.event, "attempt": fresh.attempts, "status": status,
                      "error": error or None})
        session.commit()


def deliver_pending(runtime: Runtime, world_id: str) -> int:
    """POST every pending delivery of the world, each outside any DB transaction."""
    sent = 0
    while (claimed := _claim(runtime, world_id)) is not None:
        row, drop, timeout = claimed
        status, error = (None, "dropped by the control plane") if drop else _post(row, timeout)
        _record(runtime, row, status, error)
        sent += 1
    return sent


def get_delivery(session: Session, world_id: str, delivery_id: int) -> WebhookDelivery:
    row = session.get(WebhookDelivery, delivery_id)
    if row is None or row.world_id != world_id:
        raise NotFound(f"No webhook delivery {delivery_id} in this world.",
                       code="DELIVERY_NOT_FOUND")
    return row


def list_deliveries(session: Session, world_id: str, after: int = 0,
                    limit: int = 200) -> list[WebhookDelivery]:
    return list(session.scalars(select(WebhookDelivery).where(
        WebhookDelivery.world_id == world_id, WebhookDelivery.id > after)
        .order_by(WebhookDelivery.id).limit(limit)))


def redeliver(session: Session, world_id: str, delivery_id: int, now: datetime) -> WebhookDelivery:
    row = get_delivery(session, world_id, delivery_id)
    row.status, row.next_attempt_at = "pending", now
    session.info.setdefault(QUEUED, set()).add(world_id)
    append_event(session, world_id, now, "webhook.redeliver", str(row.id), {"event": row.event})
    return row


def duplicate(session: Session, world_id: str, delivery_id: int, now: datetime) -> WebhookDelivery:
    """A second delivery of the same notification (same id and body): at-least-once."""
    row = get_delivery(session, world_id, delivery_id)
    return enqueue(session, world_id, now, source=row.source, app_key=row.app_key, url=row.url,
                   event=row.event, notification_id=row.notification_id, body=row.body.encode(),
                   headers=dict(row.headers))


def set_hold(session: Session, world_id: str, held: bool, now: datetime) -> int:
    """Hold new deliveries, or release: every held delivery becomes pending. Returns count."""
    world = world_for_update(session, world_id)
    if world is None:
        raise NotFound(f"World {world_id!r} does not exist.", code="WORLD_NOT_FOUND")
    settings = _settings(world)
    settings["webhooks_held"] = held
    world.settings = settings
    released = 0
    if not held:
        released = session.execute(update(WebhookDelivery).where(
            WebhookDelivery.world_id == world_id, WebhookDelivery.status == "held")
            .values(status="pending", next_attempt_at=now)).rowcount
        session.info.setdefault(QUEUED, set()).add(world_id)
    append_event(session, world_id, now, "webhook.held" if held else "webhook.released",
                 world_id, {"released": released})
    return released


def drop_next(session: Session, world_id: str, count: int, now: datetime) -> None:
    world = world_for_update(session, world_id)
    if world is None:
        raise NotFound(f"World {world_id!r} does not exist.", code="WORLD_NOT_FOUND")
    settings = _settings(world)
    settings["webhooks_drop_next"] = count
    world.settings = settings
    append_event(session, world_id, now, "webhook.drop_next", world_id, {"count": count})


def install(runtime: Runtime) -> None:
    """Register the retry job and the after-jobs delivery pass (idempotent)."""
    runtime.register_job(RETRY_JOB, retry_job)
    runtime.after_jobs(deliver_pending)

