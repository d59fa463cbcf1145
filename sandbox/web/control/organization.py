"""Control plane for organization accounts: the world's SMS outbox (long-poll), an account's
TOTP secret and earnings (sandbox extensions for tests), and an operator unlink."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from fake_tiktok_app.services import accounts, otp
from fake_tiktok_app.services.profile import organization_view
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.events import append_event
from sandbox.kernel.fields import text_field
from sandbox.services import links, org_accounts
from sandbox.services import one_time_passwords as otps
from sandbox.web.auth import control_blueprint, number_arg
from sandbox.web.models.control import Earnings, TotpSettings
from sandbox.web_shared.requests import accepts, body_dict, validated_body
from sandbox.web_shared.waits import held_poll

bp = control_blueprint("control_org", __name__, url_prefix="/_sandbox/v1")




@bp.get("/worlds/<world_id>/sms")
def sms(world_id: str) -> Any:
    """Messages sent to `phone` (all phones if absent) after id `after`; `wait` long-polls up
    to that many seconds (max 60) for the first one."""
    after = int(number_arg("after", 0, 2**62))
    wait = number_arg("wait", 0, 60)
    phone = text_field(request.args, "phone") or None
    g.runtime.world(g.db, world_id)
    found = held_poll(world_id, lambda session: otps.list_sms(session, world_id, phone, after), wait)
    return jsonify({"messages": [otps.sms_view(m) for m in found]})


@bp.route("/worlds/<world_id>/accounts/<open_id>/totp", methods=["GET", "PUT"])
@accepts(TotpSettings)
def totp(world_id: str, open_id: str) -> Any:
    """Sandbox extension: read or set an account's TOTP secret, digits and interval, so a test
    can check known vectors (RFC 6238). Reading shows the password of the world's now."""
    now = g.runtime.now(g.db, world_id)
    account = accounts.get_account(g.db, world_id, open_id)
    if request.method == "PUT":
        prof = otp.set_secret(g.db, account, body_dict(TotpSettings))
        append_event(g.db, world_id, now, "account.totp_set", open_id, {})
        g.db.commit()
    else:
        prof = otp.profile_of(g.db, account)
        g.db.commit()
    return jsonify(otp.otp_state(prof, now))


@bp.put("/worlds/<world_id>/accounts/<open_id>/earnings")
@accepts(Earnings)
def earnings(world_id: str, open_id: str) -> Any:
    """Sandbox extension: set the earnings (cents) a creator could withdraw (H3)."""
    cents = validated_body(Earnings).cents
    if cents < 0:
        raise BadRequest("'cents' must be a whole number ≥ 0.", code="INVALID_FIELD",
                         details={"field": "cents"})
    now = g.runtime.now(g.db, world_id)
    account = accounts.get_account(g.db, world_id, open_id)
    otp.profile_of(g.db, account).earnings_cents = cents
    append_event(g.db, world_id, now, "account.earnings_set", open_id, {"cents": cents})
    g.db.commit()
    return jsonify(organization_view(g.db, account, now))


@bp.get("/worlds/<world_id>/accounts/<open_id>/organization")
def organization(world_id: str, open_id: str) -> Any:
    """G6/H2: kind, badge, music library, muted videos, login methods, trial, earnings."""
    now = g.runtime.now(g.db, world_id)
    return jsonify(organization_view(g.db, accounts.get_account(g.db, world_id, open_id), now))


@bp.post("/worlds/<world_id>/links/<link_id>/deactivate")
def deactivate(world_id: str, link_id: str) -> Any:
    """Operator unlink (no F-rule checks): ends the link at once."""
    now = g.runtime.now(g.db, world_id)
    link = links.deactivate_link(g.db, links.find_link(g.db, world_id, link_id), now,
                                 by="operator")
    g.db.commit()
    return jsonify(links.link_view(link))


@bp.get("/worlds/<world_id>/shops/<shop_id>/organization-accounts")
def shop_orgs(world_id: str, shop_id: str) -> Any:
    """The shop's organization accounts (outcomes are learnt when they fall due)."""
    g.runtime.world(g.db, world_id)
    with g.runtime.session() as session:
        return jsonify({"organization_accounts": [
            org_accounts.org_view(session, o)
            for o in org_accounts.shop_org_accounts(session, world_id, shop_id)]})
