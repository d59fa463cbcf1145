"""Unlinking (F1–F6): by the seller, or on the creator's request from the app (F5); never on a
Douyin shop (J5)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.domain import douyin, link_limits
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.events import append_event
from sandbox.rules.registry import RuleValues
from sandbox.services import account_sync
from sandbox.services.links import deactivate_link, link_view, lock_shop
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop, shop_rules
from sandbox.services.tiktok_app import TikTokAppError
from sandbox.store.links import Link


def get_active_link(session: Session, world_id: str, shop_id: str, link_id: str) -> Link:
    link = session.get(Link, link_id)
    if link is None or link.world_id != world_id or link.shop_id != shop_id or not link.active:
        raise NotFound(f"No active link {link_id!r} in this shop.", code="LINK_NOT_FOUND")
    return link


def _past_official_unlinks(session: Session, world_id: str, shop_id: str) -> int:
    return session.execute(select(func.count()).select_from(Link).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.role == "official",
        Link.status == "unlinked")).scalar_one()


def _marketing_unlink_times(session: Session, world_id: str, shop_id: str) -> list[datetime]:
    return list(session.scalars(select(Link.unlinked_at).where(
        Link.world_id == world_id, Link.shop_id == shop_id,
        Link.role == "marketing", Link.status == "unlinked")))


def _shop_rules(session: Session, link: Link, now: datetime, rules: RuleValues) -> None:
    """F1, and F2 or F3 by role: what the shop's own history allows."""
    refusals = [link_limits.cooldown_refusal(link.linked_at, now, rules)]
    if link.role == "official":
        past = _past_official_unlinks(session, link.world_id, link.shop_id)
        refusals.append(link_limits.official_unlinks_refusal(past, rules))
    else:
        times = _marketing_unlink_times(session, link.world_id, link.shop_id)
        refusals.append(link_limits.marketing_unlinks_refusal(times, now, rules))
    for refusal in refusals:
        if refusal is not None:
            raise refusal


def unlinks_left(session: Session, world_id: str, shop_id: str, role: str, now: datetime,
                 rules: RuleValues) -> dict[str, Any]:
    """What F2 (official: the shop's whole history) or F3 (marketing: the last `window_days`)
    still allows, counted as `_shop_rules` counts: `{rule, max, used, left, window_days}`."""
    if role == "official":
        used, limit, days = _past_official_unlinks(session, world_id, shop_id), rules.F2.max, None
        rule = "F2"
    else:
        days, limit, rule = rules.F3.window_days, rules.F3.max, "F3"
        used = len(link_limits.in_window(_marketing_unlink_times(session, world_id, shop_id),
                                         now, days))
    return {"rule": rule, "max": limit, "used": used, "left": max(limit - used, 0),
            "window_days": days}


def unlink(sc: SellerCenter, world_id: str, shop_id: str, link_id: str,
           by: str = "seller", unlink_request_id: str = "") -> dict[str, Any]:
    """F1–F4 checked, then the link ends; the account and the shop are free again (F6)."""
    with sc.runtime.session() as session:
        link = get_active_link(session, world_id, shop_id, link_id)
        shop = get_shop(session, world_id, shop_id)
        if (refusal := douyin.unlink_refusal(shop.market)) is not None:
            raise refusal  # J5: rebind, or the operator
        rules = shop_rules(session, shop)
        _shop_rules(session, link, sc.runtime.now(session, world_id), rules)
        client, open_id = credentials(session, world_id), link.open_id
    standing = sc.tiktok.account_by_open_id(client, open_id)
    with sc.runtime.session() as session:
        lock_shop(session, world_id, shop_id)  # F3 counted under the shop's lock
        link = get_active_link(session, world_id, shop_id, link_id)
        now = sc.runtime.now(session, world_id)
        _shop_rules(session, link, now, rules)
        if (refusal := link_limits.creator_standing_refusal(standing, now, rules)) is not None:
            raise refusal
        deactivate_link(session, link, now, by=by)
        session.commit()
        view = {**link_view(link), "unlinked_at": iso(link.unlinked_at), "unlinked_by": by}
    account_sync.after_unlink(sc, world_id, open_id, link_id, unlink_request_id)
    return view


def list_unlink_requests(sc: SellerCenter, world_id: str, shop_id: str) -> list[dict[str, Any]]:
    """F5: the creators' requests the shop has received (kept by the app, read first-party)."""
    with sc.runtime.session() as session:
        get_shop(session, world_id, shop_id)
        client = credentials(session, world_id)
    return sc.tiktok.unlink_requests(client, shop_id)


def pending_request_for(sc: SellerCenter, world_id: str, shop_id: str,
                        link_id: str) -> dict[str, Any] | None:
    """F5: the creator's pending request to end this link, if any (None too when the app is
    away: the page shows the link without it)."""
    try:
        requests = list_unlink_requests(sc, world_id, shop_id)
    except TikTokAppError:
        return None
    return next((r for r in requests if r["link_id"] == link_id and r["status"] == "pending"),
                None)


def get_unlink_request(sc: SellerCenter, world_id: str, shop_id: str,
                       request_id: str) -> dict[str, Any]:
    """F5: one request the shop has received, whatever its status."""
    found = next((r for r in list_unlink_requests(sc, world_id, shop_id)
                  if r["id"] == request_id), None)
    if found is None:
        raise NotFound(f"No unlink request {request_id!r} for this shop.",
                       code="UNLINK_REQUEST_NOT_FOUND")
    return found


def decide_unlink_request(sc: SellerCenter, world_id: str, shop_id: str, request_id: str,
                          decision: Any) -> dict[str, Any]:
    """F5: approve (F1–F4 still apply: a refusal leaves the request pending) or decline."""
    if decision not in ("approve", "decline"):
        raise BadRequest("'decision' must be approve or decline.", code="INVALID_FIELD",
                         details={"field": "decision"})
    found = get_unlink_request(sc, world_id, shop_id, request_id)
    if found["status"] != "pending":
        return found
    with sc.runtime.session() as session:
        client = credentials(session, world_id)
    if decision == "approve":  # the app approves the request when told the link ended
        unlink(sc, world_id, shop_id, found["link_id"], by="creator_request",
               unlink_request_id=request_id)
        answer = next((r for r in list_unlink_requests(sc, world_id, shop_id)
                       if r["id"] == request_id), {**found, "status": "approved"})
    else:
        answer = sc.tiktok.resolve_unlink_request(client, request_id, "declined")
    with sc.runtime.session() as session:
        now = sc.runtime.now(session, world_id)
        append_event(session, world_id, now, f"unlink_request.{answer['status']}", request_id,
                     {"shop_id": shop_id, "link_id": found["link_id"], "rule": "F5"})
        session.commit()
    return answer
