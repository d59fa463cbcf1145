"""Sandbox extension: first-party faces Seller Center calls (organization accounts, one-time
passwords, upgrades). TikTok does not publish these; every call authenticates Seller Center's
client credentials through authlib, and only first-party clients get in."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from fake_tiktok_app.services import organization as org
from fake_tiktok_app.services import otp
from fake_tiktok_app.web.first_party_auth import first_party_client
from fake_tiktok_app.web.models import OrgAccountCreation, ShopOwner, UpgradeTrialStart
from sandbox.kernel.errors import SandboxError
from sandbox.web_shared.requests import accepts, body_dict, validated_body

bp = Blueprint("first_party", __name__, url_prefix="/sandbox/v1")



def _client() -> Any:
    return first_party_client()


def _now(world_id: str) -> Any:
    return g.runtime.now(g.db, world_id)


@bp.post("/organization-accounts")
@accepts(OrgAccountCreation)
def create() -> Any:
    client = _client()
    creation = org.request_creation(g.db, client, body_dict(OrgAccountCreation),
                                    _now(client.world_id))
    g.db.commit()
    return jsonify(org.creation_view(g.db, creation, g.runtime.settings.app_url)), 201


@bp.post("/organization-accounts/<creation_id>/status")
def status(creation_id: str) -> Any:
    client = _client()
    return jsonify(org.creation_view(g.db, org.get_creation(g.db, client, creation_id),
                                     g.runtime.settings.app_url))


@bp.post("/accounts/<open_id>/one-time-password")
@accepts(ShopOwner)
def one_time_password(open_id: str) -> Any:
    """G4: Seller Center checked the shop's phone; hand out the current one-time password."""
    client = _client()
    account = org.owned_account(g.db, client, open_id, validated_body(ShopOwner).shop_id)
    issued = otp.issue(g.db, account, _now(client.world_id))
    g.db.commit()
    return jsonify(issued)


@bp.post("/upgrades")
@accepts(UpgradeTrialStart)
def start_upgrade() -> Any:
    client = _client()
    body = validated_body(UpgradeTrialStart)
    upgrade = org.start_upgrade(g.db, client, body.access_token, body.shop_id,
                                _now(client.world_id))
    g.db.commit()
    return jsonify(org.upgrade_view(upgrade)), 201


@bp.post("/upgrades/<upgrade_id>/status")
def upgrade_status(upgrade_id: str) -> Any:
    client = _client()
    return jsonify(org.upgrade_view(org.get_upgrade(g.db, client, upgrade_id)))


@bp.post("/upgrades/<upgrade_id>/<action>")
def finish_upgrade(upgrade_id: str, action: str) -> Any:
    """H4: "Upgrade now" (complete) or "Cancel"."""
    client = _client()
    outcomes = {"complete": org.COMPLETED, "cancel": org.CANCELLED}
    if action not in outcomes:
        raise SandboxError("Use /complete or /cancel.", code="NOT_FOUND", status=404)
    upgrade = org.finish_upgrade(g.db, org.get_upgrade(g.db, client, upgrade_id),
                                 _now(client.world_id), outcomes[action])
    g.db.commit()
    return jsonify(org.upgrade_view(upgrade))
