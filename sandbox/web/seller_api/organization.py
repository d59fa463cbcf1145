"""The seller's actor API for organization accounts (G1-G5) and upgrades (H1-H6): what the
seller clicks on Linked TikTok accounts → Official account, a script can call."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from sandbox.kernel.errors import SandboxError
from sandbox.services import one_time_passwords as otps
from sandbox.services import org_accounts, upgrades
from sandbox.web.auth import api_seller, seller_center
from sandbox.web.models.seller import OrganizationAccountRequest, SmsCode, UpgradeStart
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("org_api", __name__, url_prefix="/api/v1")




def _orgs(world_id: str, shop_id: str) -> Any:
    with g.runtime.session() as session:
        return [org_accounts.org_view(session, o)
                for o in org_accounts.shop_org_accounts(session, world_id, shop_id)]


@bp.post("/organization-accounts")
@accepts(OrganizationAccountRequest)
def create() -> Any:
    """G1: the account arrives after the market's creation delay (G3)."""
    seller = api_seller()
    username = validated_body(OrganizationAccountRequest).username
    org = org_accounts.create(seller_center(), seller.world_id, seller.shop_id, username)
    with g.runtime.session() as session:
        return jsonify(org_accounts.org_view(session, org)), 201


@bp.get("/organization-accounts")
def list_orgs() -> Any:
    """The shop's organization accounts (the "Use existing account" list), outcomes learnt."""
    seller = api_seller()
    return jsonify({"organization_accounts": _orgs(seller.world_id, seller.shop_id)})


@bp.get("/organization-accounts/<org_id>")
def get_org(org_id: str) -> Any:
    seller = api_seller()
    for view in _orgs(seller.world_id, seller.shop_id):
        if org_id in (view["id"], view["open_id"]):
            return jsonify(view)
    raise SandboxError(f"No organization account {org_id!r} of this shop.",
                       code="ORG_ACCOUNT_NOT_FOUND", status=404)


@bp.post("/organization-accounts/<open_id>/link")
def relink(open_id: str) -> Any:
    """G5: "Use existing account" → link this organization account again, without a QR."""
    seller = api_seller()
    org = org_accounts.relink(seller_center(), seller.world_id, seller.shop_id, open_id)
    with g.runtime.session() as session:
        return jsonify(org_accounts.org_view(session, org))


@bp.post("/organization-accounts/<open_id>/sms-code")
def send_sms(open_id: str) -> Any:
    """G4: send a verification code to the shop's phone."""
    seller = api_seller()
    sms = otps.send_sms_code(seller_center(), seller.world_id, seller.shop_id, open_id)
    return jsonify({"sent_to": sms.phone[:3] + "****" + sms.phone[-2:],
                    "expires_at": otps.sms_view(sms)["expires_at"]}), 201


@bp.post("/organization-accounts/<open_id>/one-time-password")
@accepts(SmsCode)
def one_time_password(open_id: str) -> Any:
    """G4: the SMS code → {username, one_time_password, expires_at}."""
    seller = api_seller()
    sms_code = validated_body(SmsCode).sms_code
    return jsonify(otps.one_time_password(seller_center(), seller.world_id, seller.shop_id, open_id,
                                          sms_code))


def _upgrade_view(req: Any) -> Any:
    return jsonify(upgrades.request_view(req, g.runtime.settings.seller_url))


@bp.post("/upgrades")
@accepts(UpgradeStart)
def start_upgrade() -> Any:
    """H1: body {agreed: true} — the seller read the upgrade terms; a QR code is shown."""
    seller = api_seller()
    return _upgrade_view(upgrades.start(seller_center(), seller.world_id, seller.shop_id,
                                        validated_body(UpgradeStart).agreed)), 201


@bp.get("/upgrades/<request_id>")
def get_upgrade(request_id: str) -> Any:
    seller = api_seller()
    return _upgrade_view(upgrades.refresh(seller_center(), seller.world_id, request_id, seller.shop_id))


@bp.post("/upgrades/<request_id>/complete")
def upgrade_now(request_id: str) -> Any:
    """H4: "Upgrade now"."""
    seller = api_seller()
    return _upgrade_view(upgrades.finish(seller_center(), seller.world_id, seller.shop_id, request_id,
                                         "complete"))


@bp.post("/upgrades/<request_id>/cancel")
def cancel_upgrade(request_id: str) -> Any:
    """H4: "Cancel": the account is personal again (password login back), nothing linked."""
    seller = api_seller()
    return _upgrade_view(upgrades.finish(seller_center(), seller.world_id, seller.shop_id, request_id,
                                         "cancel"))
