"""Selling content (B6): LIVEs with products and shoppable videos; plain videos for anyone."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import commerce
from fake_tiktok_app.services.catalogue import as_offer, offer, seller_of
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.commerce import LiveSession, Video
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import Conflict, NotFound
from sandbox.kernel.events import append_event


def _numeric_id() -> str:
    """TikTok's video ids are 19-digit numbers (sent as strings)."""
    return "7" + "".join(secrets.choice("0123456789") for _ in range(18))


def _check_products(session: Session, account: Account, product_ids: list[str], what: str,
                    follower_minimum: int) -> None:
    seller = seller_of(session, account)
    commerce.check_selling_content(seller, what, follower_minimum)
    for product_id in product_ids:
        commerce.check_promotable(seller, as_offer(offer(session, account.world_id, product_id)))


def post_video(session: Session, account: Account, title: str, description: str, duration: int,
               product_ids: list[str], follower_minimum: int, now: datetime) -> Video:
    """A video; with products it is shoppable and B6 decides who may post it."""
    product_ids = list(dict.fromkeys(product_ids))
    if product_ids:
        _check_products(session, account, product_ids, "shoppable_video", follower_minimum)
    video = Video(world_id=account.world_id, id=_numeric_id(), open_id=account.open_id,
                  title=title, description=description, duration=duration,
                  product_ids=product_ids, created_at=now)
    session.add(video)
    account.videos += 1
    append_event(session, account.world_id, now, "app.video_posted", video.id,
                 {"open_id": account.open_id, "shoppable": bool(product_ids),
                  "product_ids": product_ids})
    return video


def current_live(session: Session, account: Account) -> LiveSession | None:
    return session.scalars(select(LiveSession).where(
        LiveSession.world_id == account.world_id, LiveSession.open_id == account.open_id,
        LiveSession.ended_at.is_(None))).first()


def start_live(session: Session, account: Account, title: str, product_ids: list[str],
               follower_minimum: int, now: datetime) -> LiveSession:
    """B6: a LIVE selling products; one LIVE at a time per account."""
    product_ids = list(dict.fromkeys(product_ids))
    _check_products(session, account, product_ids, "live", follower_minimum)
    if current_live(session, account) is not None:
        raise Conflict("This account is already LIVE; end that LIVE first.", code="ALREADY_LIVE")
    live = LiveSession(world_id=account.world_id, id=_numeric_id(), open_id=account.open_id,
                       title=title, product_ids=product_ids, started_at=now)
    session.add(live)
    append_event(session, account.world_id, now, "app.live_started", live.id,
                 {"open_id": account.open_id, "product_ids": product_ids})
    return live


def lives_of(session: Session, account: Account) -> list[LiveSession]:
    """The account's LIVEs, newest first."""
    return list(session.scalars(select(LiveSession).where(
        LiveSession.world_id == account.world_id, LiveSession.open_id == account.open_id)
        .order_by(LiveSession.started_at.desc())))


def end_live(session: Session, account: Account, now: datetime) -> LiveSession:
    live = current_live(session, account)
    if live is None:
        raise NotFound("This account is not LIVE.", code="NOT_LIVE")
    live.ended_at = now
    append_event(session, account.world_id, now, "app.live_ended", live.id,
                 {"open_id": account.open_id})
    return live


def videos_of(session: Session, account: Account) -> list[Video]:
    """Newest first, as /v2/video/list/ pages them."""
    return list(session.scalars(select(Video).where(
        Video.world_id == account.world_id, Video.open_id == account.open_id)
        .order_by(Video.created_at.desc(), Video.id.desc())))


def video_of(session: Session, account: Account, video_id: str) -> Video | None:
    """`account`'s video `video_id` (its share page), None if it is not theirs."""
    video = session.get(Video, video_id)
    if video is None or video.world_id != account.world_id or video.open_id != account.open_id:
        return None
    return video


def video_view(video: Video) -> dict[str, Any]:
    return {"id": video.id, "title": video.title, "description": video.description,
            "duration": video.duration, "product_ids": list(video.product_ids),
            "shoppable": bool(video.product_ids), "created_at": iso(video.created_at)}


def live_view(live: LiveSession) -> dict[str, Any]:
    return {"id": live.id, "title": live.title, "product_ids": list(live.product_ids),
            "started_at": iso(live.started_at), "ended_at": iso(live.ended_at),
            "live": live.ended_at is None}
