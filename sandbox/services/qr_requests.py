"""The QR leg every first-party journey shares (Seller Center's official link, its upgrade to an
organization account, Partner Center's link): poll the app's check_qrcode once and move the
request along — scanned, expired or denied, or claimed (the claim machine) and handed on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

from sandbox.kernel.world_facts import world_now
from sandbox.services.claims import CHECKING, ClaimMachine
from sandbox.services.seller_center import SellerCenter, credentials

QR_SHOWN, SCANNED, EXPIRED, DENIED = "qr_shown", "scanned", "expired", "denied"
WAITING = (QR_SHOWN, SCANNED)


@dataclass(frozen=True)
class QrJourney:
    """One kind of QR request: how to find it, record a status, and use a claimed code:
    `on_code` in sessions of its own, or `on_claimed` in the poll's session (the request row
    already loaded, nothing held open: the poll committed its claim)."""

    machine: ClaimMachine
    get: Callable[[Session, str, str, str | None], Any]  # (session, world, request, owner)
    set_status: Callable[[Session, Any, str], None]
    on_code: Callable[[SellerCenter, str, str, str], Any] | None = None  # (sc, world, req, code)
    client: str = "seller_center_client"
    on_claimed: Callable[[SellerCenter, Session, Any, str], Any] | None = None

    def use(self, sc: SellerCenter, session: Session, req: Any, code: str) -> Any:
        if self.on_claimed is not None:
            return self.on_claimed(sc, session, req, code)
        assert self.on_code is not None, "a QrJourney needs on_code or on_claimed"
        return self.on_code(sc, req.world_id, req.id, code)


def reread(session: Session, row: Any, fields: list[str],
           get: Callable[[Session, str, str], Any]) -> None:
    """Read again (one statement) what another writer may have changed while the app was
    asked, e.g. a request's status. A row gone meanwhile (its world deleted) is `get`'s
    NotFound."""
    try:
        session.refresh(row, fields)
    except InvalidRequestError:
        session.rollback()
        get(session, row.world_id, row.id)
        raise


def refresh(journey: QrJourney, sc: SellerCenter, world_id: str, request_id: str,
            owner: str | None = None, park: bool = False) -> Any:
    """Poll once (what the page does every second). One session for the use case, committed
    before each call to the app, so no transaction is held open while the app is asked; of
    concurrent pollers, the claim lets exactly one use the code. With `park` (a page's poll,
    setting `pages_show_checking`) a confirmed code is only recorded: the request shows
    `checking` until the next poll, which exchanges it and reads the rules."""
    with sc.runtime.session() as session:
        req = journey.get(session, world_id, request_id, owner)
        if req.status == CHECKING:  # parked, or a claim whose poller died (after the lease)
            now, lease = world_now(session, world_id), sc.claim_lease(session, world_id)
            code = (journey.machine.resume(session, req, now, lease)
                    or journey.machine.take_over(session, req, now, lease))
            session.commit()
            return journey.use(sc, session, req, code) if code else req
        if req.status not in WAITING:
            return req
        key, secret = credentials(session, world_id, journey.client)
        session.commit()  # ends the read: nothing is held while the app answers
        polled = sc.tiktok.check_qrcode(key, secret, req.qr_token)
        status = polled.get("status")
        # another poller may have moved it meanwhile (`code_lost` reads the claim time)
        reread(session, req, ["status", "claimed_at"], lambda s, w, r: journey.get(s, w, r, None))
        now, lease = world_now(session, world_id), sc.claim_lease(session, world_id)
        if status == "scanned" and req.status == QR_SHOWN:
            journey.set_status(session, req, SCANNED)
        elif status == "expired" and req.status in WAITING:
            denied = polled.get("sandbox_reason") == "denied"
            journey.set_status(session, req, DENIED if denied else EXPIRED)
        elif status == "confirmed" and park:
            if journey.machine.park(session, req, polled["code"], now, lease):
                journey.set_status(session, req, CHECKING)  # the event live pages follow
        elif status == "confirmed":
            claimed = journey.machine.take(session, req, polled["code"], now, lease)
            session.commit()
            if claimed:
                return journey.use(sc, session, req, polled["code"])
        elif status == "utilised":
            journey.machine.code_lost(session, req, now, lease)
        session.commit()
        return req
