"""Partner Center pages that attach the handle (I4): Manage Partnerships, Find Creators,
Partner Campaigns."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, request, url_for

from sandbox.kernel.errors import BadRequest, SandboxError
from sandbox.kernel.fields import text_field
from sandbox.services import partner_outreach
from sandbox.services.partner_outreach import BINDING, COLLABORATION
from sandbox.store.partners import Partner, PartnerInvitation
from sandbox.web.auth import seller_center
from sandbox.web.live import feed as live
from sandbox.web.outcomes import after_post, flashed, refusal
from sandbox.web.partner_center.pages import page, partner_or_login

bp = Blueprint("partner_outreach_pages", __name__, url_prefix="/partner")
PLACES = {BINDING: ("partner/creators.html", "partner_outreach_pages.creators"),
          COLLABORATION: ("partner/find_creators.html", "partner_outreach_pages.find_creators")}


def _invitations(partner: Partner, kind: str) -> list[dict[str, Any]]:
    """This kind's invitations; on a GET, each still `sent` asks the app once whether the
    creator answered (what live.js fetches again when the world's event log moves)."""
    live.live_after()  # the page's event cursor, read before what it shows
    found = [i for i in partner_outreach.list_invitations(g.db, partner.world_id, partner.id)
             if i.kind == kind]
    if request.method == "GET" and any(partner_outreach.waiting(i) for i in found):
        found = [_refreshed(partner, i) if partner_outreach.waiting(i) else i for i in found]
        g.db.rollback()  # what the refreshes committed, in their own sessions
    return [partner_outreach.invitation_view(i) for i in found]


def _refreshed(partner: Partner, inv: PartnerInvitation) -> PartnerInvitation:
    try:
        return partner_outreach.refresh_invitation(seller_center(), partner.world_id, inv.id,
                                                   partner.id)
    except SandboxError:
        return inv  # shown as it stood; the next event or reload asks again


def _invite_page(kind: str) -> Any:
    """GET lists this kind's invitations; POST sends one (a refusal is shown on the GET that
    follows, with what was entered; nothing sent)."""
    partner, to_login = partner_or_login()
    if to_login:
        return to_login
    template, endpoint = PLACES[kind]
    if request.method == "POST":
        try:
            inv = partner_outreach.invite_creator(
                seller_center(), partner.world_id, partner.id, text_field(request.form, "username", ""),
                kind, text_field(request.form, "attach_profile") == "yes",
                text_field(request.form, "message", ""))
        except SandboxError as exc:
            return after_post(endpoint, refusal(exc), {"form": _entered(INVITE_FIELDS)})
        return redirect(url_for(endpoint, sent=inv.id), code=303)
    error, entered = flashed()
    return page(template, partner, error=error, form=entered.get("form", {}),
                invitations=_invitations(partner, kind), sent=text_field(request.args, "sent"))


INVITE_FIELDS = ("username", "message", "attach_profile")
CAMPAIGN_FIELDS = ("name", "description", "commission", "duration_days", "attach_profile")


def _entered(fields: tuple[str, ...]) -> dict[str, str]:
    """What the form held, to fill it again on the GET after a refusal."""
    return {name: text_field(request.form, name, "") for name in fields
            if text_field(request.form, name)}


@bp.route("/creators", methods=["GET", "POST"])
def creators() -> Any:
    """Manage Partnerships → Add New Creator: a binding invitation."""
    return _invite_page(BINDING)


@bp.route("/find-creators", methods=["GET", "POST"])
def find_creators() -> Any:
    """Find Creators → Invite: a product collaboration invitation."""
    return _invite_page(COLLABORATION)


def _number(name: str, default: float, low: float, high: float) -> float:
    raw = (text_field(request.form, name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # NaN fails too
        raise BadRequest(f"'{name}' must be a number from {low:g} to {high:g}.",
                         code="INVALID_FIELD", details={"field": name})
    return value


@bp.route("/campaigns", methods=["GET", "POST"])
def campaigns() -> Any:
    """Partner Campaigns → Create Campaign (Social Account → Attach TikTok profile)."""
    partner, to_login = partner_or_login()
    if to_login:
        return to_login
    if request.method == "POST":
        try:
            campaign = partner_outreach.create_campaign(seller_center(), partner.world_id,
                                                        partner.id, _campaign_body())
        except SandboxError as exc:
            return after_post("partner_outreach_pages.campaigns", refusal(exc),
                              {"form": _entered(CAMPAIGN_FIELDS)})
        return redirect(url_for("partner_outreach_pages.campaigns", created=campaign.id),
                        code=303)
    error, entered = flashed()
    app_url = g.runtime.settings.app_url
    listed = [partner_outreach.campaign_view(g.db, c, app_url) for c in
              partner_outreach.list_campaigns(g.db, partner.world_id, partner.id)]
    return page("partner/campaigns.html", partner, error=error, form=entered.get("form", {}),
                campaigns=listed, created=text_field(request.args, "created"))


def _campaign_body() -> dict[str, Any]:
    return {"name": text_field(request.form, "name", ""),
            "description": text_field(request.form, "description", ""),
            "commission_rate": round(_number("commission", 10, 1, 80) * 100),
            "duration_days": int(_number("duration_days", 30, 1, 365)),
            "attach_profile": text_field(request.form, "attach_profile") == "yes"}
