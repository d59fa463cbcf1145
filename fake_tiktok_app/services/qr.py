"""QR authorization use cases: get_qrcode, check_qrcode, and the phone's scan/authorize/deny."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import qr as machine
from fake_tiktok_app.domain.accounts import KNOWN_SCOPES
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import AuthorizationCode, OAuthClient, QrTicket
from sandbox.kernel import jobs
from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.models import Job
from sandbox.kernel.world_facts import held, hold

EXPIRE_JOB = "qr.expire"


def _oauth_error(code: str, message: str) -> BadRequest:
    return BadRequest(message, code=code)


def parse_scope(scope: str | None, client: OAuthClient) -> str:
    requested = [s.strip() for s in (scope or "").split(",") if s.strip()]
    if not requested:
        raise _oauth_error("invalid_request", "The request parameters are malformed: "
                                              "'scope' is required.")
    allowed = set(client.scopes.split(","))
    bad = [s for s in requested if s not in KNOWN_SCOPES or s not in allowed]
    if bad:
        raise _oauth_error("invalid_scope", f"Scope(s) not available to this client: "
                                            f"{', '.join(bad)}.")
    return ",".join(dict.fromkeys(requested))


def create_ticket(
    session: Session, client: OAuthClient, scope: str | None, state: str | None, now: datetime,
    ttl_seconds: int, app_url: str, display_name: str | None = None, token: str | None = None,
    user_code: str | None = None,
) -> tuple[QrTicket, str]:
    """get_qrcode: a new ticket and the scan URL with `client_ticket=tobefilled`."""
    scope = parse_scope(scope, client)
    if state is not None and len(state) > 512:
        raise _oauth_error("invalid_request", "'state' must be at most 512 characters.")
    token = token or secrets.token_hex(20).upper()
    ticket = QrTicket(user_code=user_code,
        world_id=client.world_id, token=token, client_key=client.client_key, scope=scope,
        state=state or "", display_name=(display_name or "")[:100], status=machine.NEW,
        client_ticket="", created_at=now,
        expires_at=now + timedelta(seconds=ttl_seconds))
    session.add(ticket)
    jobs.schedule(session, client.world_id, EXPIRE_JOB, ticket.expires_at, token)
    append_event(session, client.world_id, now, "qr.created", token,
                 {"client_key": client.client_key, "scope": scope,
                  "display_name": display_name or client.name})
    query = {"authType": "100", "client_key": client.client_key, "token": token,
             "scope": scope, "client_ticket": machine.TICKET_PLACEHOLDER}
    return ticket, f"{app_url}/phone/authorize?{urlencode(query)}"


def _ticket(session: Session, world_id: str, token: str | None) -> QrTicket:
    """The ticket with its client in one statement (the client held for `ticket_client`)."""
    row = session.execute(select(QrTicket, OAuthClient)
                          .outerjoin(OAuthClient, OAuthClient.client_key == QrTicket.client_key)
                          .where(QrTicket.token == (token or ""))).first()
    ticket = row[0] if row is not None else None
    if ticket is not None:
        hold(session, "qr_client", ticket.token, row[1])
    if ticket is None or ticket.world_id != world_id:
        # A ticket of another world is as unknown as one that never existed (DESIGN §2).
        raise NotFound("No such QR code in this world: it may belong to another world, or the "
                       "world was deleted.", code="QR_NOT_FOUND")
    return ticket


def ticket_client(session: Session, ticket: QrTicket) -> OAuthClient | None:
    """The client that asked for the ticket: the one `_ticket` loaded with it, else one read."""
    client = held(session, "qr_client", ticket.token)
    return client if client is not None else session.get(OAuthClient, ticket.client_key)


def _settle_expiry(session: Session, ticket: QrTicket, now: datetime) -> str:
    status = machine.effective_status(ticket.status, ticket.expires_at, now)
    if status != ticket.status:
        ticket.status = status
        append_event(session, ticket.world_id, now, "qr.expired", ticket.token, {})
    return status


def check_ticket(session: Session, client: OAuthClient, token: str | None,
                 now: datetime) -> dict[str, Any]:
    """check_qrcode: report the status; the first `confirmed` poll hands out the code."""
    if not token:
        raise _oauth_error("invalid_request", "The request parameters are malformed: 'token' "
                                              "is required.")
    ticket = session.get(QrTicket, token)
    if ticket is None or ticket.client_key != client.client_key:
        raise _oauth_error("invalid_request", "The QR token is invalid for this client_key.")
    status = _settle_expiry(session, ticket, now)
    body: dict[str, Any] = {"client_ticket": ticket.client_ticket if status != machine.EXPIRED
                            else "", "status": status}
    if status == machine.CONFIRMED:
        # Both shapes TikTok documents: top-level code/state and a redirect_uri carrying them.
        query = {"code": ticket.code, "state": ticket.state, "scopes": ticket.scope}
        sep = "&" if "?" in (ticket.redirect_uri or "") else "?"
        body.update(code=ticket.code, state=ticket.state, scopes=ticket.scope,
                    redirect_uri=f"{ticket.redirect_uri}{sep}{urlencode(query)}")
        ticket.status = machine.check_response(status)
        append_event(session, ticket.world_id, now, "qr.utilised", ticket.token, {})
    elif status == machine.EXPIRED and ticket.decided_at is not None and ticket.code is None:
        body["sandbox_reason"] = "denied"  # sandbox extension: the phone tapped Cancel
    return body


def scan(session: Session, account: Account, token: str | None, client_ticket: str | None,
         now: datetime, for_username: str | None = None) -> QrTicket:
    """The phone opened the scan URL: new → scanned, remembering the client's ticket. A Seller
    app deep link names the account it is for (`for_username`, D5): another is refused."""
    machine.check_deep_link_account(for_username, account.username)
    ticket = _ticket(session, account.world_id, token)
    status = _settle_expiry(session, ticket, now)
    machine.check_can_scan(status, ticket.open_id, account.open_id)
    if status == machine.NEW:
        ticket.status = machine.SCANNED
        ticket.open_id = account.open_id
        ticket.scanned_at = now
        if client_ticket and client_ticket != machine.TICKET_PLACEHOLDER:
            ticket.client_ticket = client_ticket[:512]
        append_event(session, ticket.world_id, now, "qr.scanned", ticket.token,
                     {"open_id": account.open_id, "username": account.username})
    return ticket


def peek(session: Session, account: Account, token: str | None, now: datetime) -> QrTicket:
    """What the phone would scan, without scanning (a GET shows it; a POST scans)."""
    ticket = _ticket(session, account.world_id, token)
    status = machine.effective_status(ticket.status, ticket.expires_at, now)
    machine.check_can_scan(status, ticket.open_id, account.open_id)
    return ticket


def authorize(session: Session, account: Account, token: str | None, now: datetime,
              code_ttl_seconds: int) -> QrTicket:
    """The phone tapped Authorize: scanned → confirmed, with a fresh authorization code."""
    ticket = _ticket(session, account.world_id, token)
    status = _settle_expiry(session, ticket, now)
    machine.check_can_decide(status, ticket.open_id, account.open_id)
    client = ticket_client(session, ticket)
    assert client is not None
    code = AuthorizationCode(
        world_id=ticket.world_id, code=secrets.token_urlsafe(36), client_key=client.client_key,
        open_id=account.open_id, redirect_uri=client.redirect_uris[0], scope=ticket.scope,
        created_at=now, expires_at=now + timedelta(seconds=code_ttl_seconds))
    session.add(code)
    ticket.status, ticket.code, ticket.redirect_uri = machine.CONFIRMED, code.code, code.redirect_uri
    ticket.decided_at = now
    jobs.cancel(session, ticket.world_id, EXPIRE_JOB, ticket.token, now)
    append_event(session, ticket.world_id, now, "qr.confirmed", ticket.token,
                 {"open_id": account.open_id, "client_key": client.client_key})
    return ticket


def deny(session: Session, account: Account, token: str | None, now: datetime) -> QrTicket:
    ticket = _ticket(session, account.world_id, token)
    status = _settle_expiry(session, ticket, now)
    machine.check_can_decide(status, ticket.open_id, account.open_id)
    ticket.status, ticket.decided_at = machine.EXPIRED, now
    jobs.cancel(session, ticket.world_id, EXPIRE_JOB, ticket.token, now)
    append_event(session, ticket.world_id, now, "qr.denied", ticket.token,
                 {"open_id": account.open_id})
    return ticket


def get_ticket(session: Session, world_id: str, token: str | None) -> QrTicket:
    return _ticket(session, world_id, token)


def displayed_tickets(session: Session, world_id: str, now: datetime) -> list[QrTicket]:
    """QR codes a phone in this world could scan right now (the simulator's picker). A screen
    shows one code at a time: a newer code of the same client for the same shop (display name)
    replaces the older one, which stays valid but is no longer on screen."""
    shown: dict[tuple[str, str], QrTicket] = {}
    for ticket in session.scalars(
            select(QrTicket).where(QrTicket.world_id == world_id, QrTicket.status == machine.NEW,
                                   QrTicket.expires_at > now)
            .order_by(QrTicket.created_at.desc(), QrTicket.token)):
        shown.setdefault((ticket.client_key, ticket.display_name), ticket)
    return list(shown.values())


def expire_job(session: Session, job: Job, now: datetime) -> None:
    ticket = session.get(QrTicket, job.subject)
    if ticket is not None:
        _settle_expiry(session, ticket, now)
