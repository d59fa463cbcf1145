"""The app user's actor API for shop links: the invitation inbox (E1) and unlink requests (F5)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from fake_tiktok_app.services import shop_links
from fake_tiktok_app.web.session import api_account
from sandbox.kernel.clock import iso

bp = Blueprint("app_inbox_api", __name__, url_prefix="/app/api/v1")



@bp.get("/inbox")
def inbox() -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    return jsonify({"invitations": [shop_links.invitation_view(i, now)
                                    for i in shop_links.inbox(g.db, account)]})


def _answer(invitation_id: str, accept: bool) -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    invitation = shop_links.answer_invitation(g.db, account, invitation_id, accept, now)
    g.db.commit()
    return jsonify(shop_links.invitation_view(invitation, now))


@bp.post("/invitations/<invitation_id>/accept")
def accept(invitation_id: str) -> Any:
    return _answer(invitation_id, True)


@bp.post("/invitations/<invitation_id>/decline")
def decline(invitation_id: str) -> Any:
    return _answer(invitation_id, False)


@bp.get("/shop/link")
def link_info() -> Any:
    """Shop → View link info."""
    account = api_account()
    info = shop_links.link_info(g.db, account)
    if info is None:
        return jsonify({"linked": False})
    return jsonify({"linked": True, "shop_id": info.shop_id, "shop_name": info.shop_name,
                    "role": info.role, "link_id": info.link_id, "linked_at": iso(info.linked_at)})


@bp.post("/shop/unlink-request")
def request_unlink() -> Any:
    """F5: "Send unlink request"."""
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    req = shop_links.request_unlink(g.db, account, now)
    g.db.commit()
    return jsonify(shop_links.unlink_request_view(req)), 201
