"""Control plane for support (C7, C8): list tickets, resolve one (fix and complete, or reject)."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from fake_tiktok_app.services import accounts
from sandbox.kernel.fields import text_field
from sandbox.services import account_sync, tickets
from sandbox.services.shops import get_shop
from sandbox.web.auth import control_blueprint, seller_center
from sandbox.web.models.control import TicketResolution
from sandbox.web_shared.requests import accepts, body_dict

bp = control_blueprint("support_control", __name__, url_prefix="/_sandbox/v1")


@bp.get("/worlds/<world_id>/tickets")
def list_tickets(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    rows = tickets.list_tickets(g.db, world_id, text_field(request.args, "shop_id") or None)
    return jsonify({"tickets": [tickets.ticket_view(t) for t in rows]})


@bp.get("/worlds/<world_id>/tickets/<ticket_id>")
def get_ticket(world_id: str, ticket_id: str) -> Any:
    return jsonify(tickets.ticket_view(tickets.get_ticket(g.db, world_id, ticket_id)))


@bp.post("/worlds/<world_id>/tickets/<ticket_id>/resolve")
@accepts(TicketResolution)
def resolve_ticket(world_id: str, ticket_id: str) -> Any:
    """Resolve as support: `fix` corrects the account and completes a link in progress;
    `reject` ends it."""
    body = body_dict(TicketResolution)
    now = g.runtime.now(g.db, world_id)
    ticket = tickets.get_ticket(g.db, world_id, ticket_id)
    if body.get("decision") == "fix":
        fix = tickets.account_fix(ticket, get_shop(g.db, world_id, ticket.shop_id).market)
        if fix:
            accounts.update_account(g.db, world_id, ticket.open_id, now, fix)
    completed = tickets.resolve(g.db, ticket, body.get("decision"), body.get("note"), now)
    g.db.commit()
    view = tickets.ticket_view(ticket)
    g.db.close()  # release the connection before the first-party call into the app
    account_sync.after_link(seller_center(), world_id, completed)
    return jsonify(view)
