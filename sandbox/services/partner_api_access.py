"""The Affiliate Partner API (TikTok Shop's `/affiliate_partner/202405/…`) for a TAP partner's app.

How the app gets its token is a sandbox extension: the operator authorizes an existing shop app
for a TAP partner (`authorize`), which answers an access token and the partner's
`category_asset_cipher`. The signed calls are then verified like every Open API call (app_key,
sign, timestamp, `x-tts-access-token`, then the cipher) and act on that partner's Partner Center
campaigns, so what the API creates, Partner Center shows."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.signing import OpenApiError, check_timestamp
from sandbox.kernel.errors import Forbidden
from sandbox.kernel.events import append_event
from sandbox.kernel.fields import int_field, text_field, text_list_field
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.services import partner_outreach
from sandbox.services.open_api_gateway import check_sign_explained, signature_clocks
from sandbox.services.partner_apps import find_app, get_app
from sandbox.services.partners import get_partner
from sandbox.services.seller_center import SellerCenter
from sandbox.store.open_api import ShopApp
from sandbox.store.partner_api import PartnerApiCampaign, PartnerApiGrant
from sandbox.store.partners import Partner, PartnerCampaign
from sandbox.store.shops import Shop

READY = "ready"  # PartnerCampaign.status of a campaign created through the API, until published
PUBLISHED = "published"
STATUSES = ("READY", "UPCOMING", "ONGOING", "CLOSED")
TYPES = ("MY_CAMPAIGNS", "GS_SELLING_CAMPAIGNS", "SELLER_CAMPAIGNS", "EXCLUSIVE_TIKTOK_SHOP")
SELLER_TYPES = ("LOCAL", "CROSS_BORDER")
CONTACTS = ("whatsapp", "email", "phone", "zalo", "viber", "line")
MAX_DAYS = 360
LAST_SECOND = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())  # the calendar's end


def bad(message: str, status: int = 400) -> OpenApiError:
    return OpenApiError(36009004, f"Invalid parameter. {message}", status)


def authorize(session: Session, world_id: str, partner_id: str, app_key: str, now: datetime,
              settings: Settings) -> PartnerApiGrant:
    """Sandbox extension: the TAP partner authorizes the app; only TAPs have this API."""
    partner = get_partner(session, world_id, partner_id)
    if partner.kind != "tap":
        raise Forbidden("Only a TikTok Shop Affiliate Partner (TAP) can authorize an app for the "
                        "Affiliate Partner API; this partner is an MCN.", code="PARTNER_NOT_TAP")
    app = get_app(session, world_id, app_key)
    grant = session.scalars(select(PartnerApiGrant).where(
        PartnerApiGrant.app_key == app.app_key, PartnerApiGrant.partner_id == partner.id)).first()
    if grant is None:
        grant = PartnerApiGrant(world_id=world_id, app_key=app.app_key, partner_id=partner.id,
                                category_asset_cipher="ROW_" + secrets.token_urlsafe(24))
        session.add(grant)
    grant.access_token = "TTP_" + secrets.token_urlsafe(32)
    grant.granted_at = now
    grant.expires_at = now + timedelta(seconds=settings.shop_access_token_ttl_seconds)
    session.flush()
    append_event(session, world_id, now, "partner_api.authorized", partner.id,
                 {"app_key": app.app_key})
    return grant


def grant_view(grant: PartnerApiGrant, now: datetime) -> dict[str, Any]:
    return {"access_token": grant.access_token,
            "category_asset_cipher": grant.category_asset_cipher,
            "expires_in": int((grant.expires_at - now).total_seconds())}


@dataclass
class PartnerCaller:
    """A verified Affiliate Partner call: the app, the world's now, the grant and the partner."""

    app: ShopApp
    now: datetime
    grant: PartnerApiGrant
    partner: Partner


def verify(session: Session, runtime: Runtime, *, path: str, query: Mapping[str, str],
           body: bytes, content_type: str, access_token: str | None,
           cipher: bool = True, known_paths: Sequence[str] = ()) -> PartnerCaller:
    """The gateway's checks in its order and words, for a partner's token and cipher."""
    app = find_app(session, text_field(query, "app_key"))
    if app is None:
        raise OpenApiError(36009004, "Invalid credentials. Invalid `app_key` query parameter.",
                           400)
    now = runtime.now(session, app.world_id)
    if not text_field(query, "sign"):
        raise OpenApiError(36009004, "Missing credentials. The request does not include a "
                                     "required signature in the query.", 401)
    check_timestamp(text_field(query, "timestamp"), signature_clocks(session, app.world_id, now))
    check_sign_explained(session, app, query, path, body, content_type, known_paths)
    grant = session.scalars(select(PartnerApiGrant).where(
        PartnerApiGrant.access_token == access_token,
        PartnerApiGrant.app_key == app.app_key)).first() if access_token else None
    partner = session.get(Partner, grant.partner_id) if grant is not None else None
    if grant is None or partner is None:
        raise OpenApiError(36009004, "Invalid credentials. The `x-tts-access-token` header is "
                                     "invalid.", 401)
    if now >= grant.expires_at:
        raise OpenApiError(105002, "Expired credentials. The `x-tts-access-token` header has "
                                   "expired.", 401)
    given = text_field(query, "category_asset_cipher")
    if cipher and not given:
        raise OpenApiError(106013, "Missing identifier. The `category_asset_cipher` query "
                                   "parameter is required to identify the partner.", 400)
    if cipher and given != grant.category_asset_cipher:
        raise OpenApiError(36009004, "Invalid identifier. The `category_asset_cipher` query "
                                     "parameter is invalid.", 400)
    return PartnerCaller(app, now, grant, partner)


def category_assets(caller: PartnerCaller) -> dict[str, Any]:
    """GetAuthorizedCategoryAssets: here one asset per grant, in the partner's market."""
    return {"category_assets": [{"cipher": caller.grant.category_asset_cipher,
                                 "target_market": caller.partner.market,
                                 "category": {"id": 1, "name": "Affiliate Partner"}}]}


def _campaign_fields(body: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """CreateAffiliatePartnerCampaign's body, checked by the documented limits."""
    name, description = text_field(body, "name", ""), text_field(body, "description", "")
    if not name.strip() or len(name) >= 50:
        raise bad("`name` is required and must be less than 50 characters.")
    if len(description) >= 1000:
        raise bad("`description` must be a string of less than 1000 characters.")
    rate = int_field(body, "commission_rate", 1000)
    if not 100 < rate < 8000:
        raise bad("`commission_rate` must be greater than 100 and less than 8000.")
    start = int_field(body, "campaign_start_time", int(now.timestamp()), low=0, high=LAST_SECOND)
    end = int_field(body, "campaign_end_time", start + 30 * 86400, low=0, high=LAST_SECOND)
    reg_start = int_field(body, "registration_start_time", start, low=0, high=LAST_SECOND)
    reg_end = int_field(body, "registration_end_time", end, low=0, high=LAST_SECOND)
    if not start < end <= LAST_SECOND or end - start >= MAX_DAYS * 86400:
        raise bad("`campaign_end_time` must be after `campaign_start_time` and less than 360 "
                  "days from it.")
    if not 0 <= reg_start < reg_end <= end:
        raise bad("The registration period must end after it starts and no later than the "
                  "campaign.")
    contact = body.get("contact_info", {})
    if not isinstance(contact, dict) or any(k not in CONTACTS or not isinstance(v, str)
                                            for k, v in contact.items()):
        raise bad(f"`contact_info` takes strings for {', '.join(CONTACTS)}.")
    types = text_list_field(body, "target_seller_types", [])
    codes = text_list_field(body, "target_shop_codes", [])
    if any(t not in SELLER_TYPES for t in types):
        raise bad("`target_seller_types` is a list of LOCAL and CROSS_BORDER.")
    if len(codes) >= 100:
        raise bad("`target_shop_codes` is a list of less than 100 shop codes.")
    at = lambda ts: datetime.fromtimestamp(ts, UTC)  # noqa: E731
    return {"name": name.strip(), "description": description, "commission_rate": rate,
            "starts_at": at(start), "ends_at": at(end), "registration_starts_at": at(reg_start),
            "registration_ends_at": at(reg_end), "contact_info": contact,
            "target_seller_types": list(dict.fromkeys(types)), "target_shop_codes": codes}


def create_campaign(sc: SellerCenter, session: Session, caller: PartnerCaller,
                    body: Any) -> PartnerCampaign:
    """A Partner Center campaign (so Partner Center shows it), READY until published."""
    if not isinstance(body, dict):
        raise bad("The request body must be a JSON object.")
    fields = _campaign_fields(body, caller.now)
    made = partner_outreach.create_campaign(sc, caller.partner.world_id, caller.partner.id, {
        "name": fields["name"], "description": fields["description"],
        "commission_rate": fields["commission_rate"]})
    campaign = session.get(PartnerCampaign, made.id)
    assert campaign is not None  # just committed
    campaign.status, campaign.starts_at, campaign.ends_at = (READY, fields["starts_at"],
                                                             fields["ends_at"])
    session.add(PartnerApiCampaign(
        world_id=campaign.world_id, campaign_id=campaign.id,
        registration_starts_at=fields["registration_starts_at"],
        registration_ends_at=fields["registration_ends_at"],
        contact_info=fields["contact_info"], target_seller_types=fields["target_seller_types"],
        target_shop_codes=fields["target_shop_codes"], published_at=None))
    append_event(session, campaign.world_id, caller.now, "partner_api.campaign_created",
                 campaign.id, {"partner_id": caller.partner.id, "app_key": caller.app.app_key})
    return campaign


def own_campaign(session: Session, caller: PartnerCaller, campaign_id: str) -> PartnerCampaign:
    campaign = session.get(PartnerCampaign, campaign_id)
    if campaign is None or campaign.world_id != caller.partner.world_id \
            or campaign.partner_id != caller.partner.id:
        raise bad(f"No campaign {campaign_id!r} of this partner.", 404)
    return campaign


def wire_status(campaign: PartnerCampaign, now: datetime) -> str:
    if campaign.status == READY:
        return "READY"
    if now >= campaign.ends_at:
        return "CLOSED"
    return "UPCOMING" if now < campaign.starts_at else "ONGOING"


def publish(session: Session, caller: PartnerCaller, campaign_id: str) -> None:
    campaign = own_campaign(session, caller, campaign_id)
    if campaign.status != READY:
        raise bad(f"Campaign {campaign_id} is {wire_status(campaign, caller.now)}; only a "
                  "READY campaign can be published.")
    campaign.status = PUBLISHED
    extra = session.get(PartnerApiCampaign, campaign.id)
    if extra is not None:
        extra.published_at = caller.now
    append_event(session, campaign.world_id, caller.now, "partner_api.campaign_published",
                 campaign.id, {"partner_id": caller.partner.id})


def _ts(value: datetime) -> int:
    return int(value.timestamp())


def summary(session: Session, campaign: PartnerCampaign, now: datetime) -> dict[str, Any]:
    """GetAffiliatePartnerCampaignList's row; a Partner Center campaign registers all along."""
    extra = session.get(PartnerApiCampaign, campaign.id)
    return {"id": campaign.id, "name": campaign.name, "status": wire_status(campaign, now),
            "registration_start_time": _ts(extra.registration_starts_at if extra
                                           else campaign.starts_at),
            "registration_end_time": _ts(extra.registration_ends_at if extra
                                         else campaign.ends_at),
            "campaign_start_time": _ts(campaign.starts_at),
            "campaign_end_time": _ts(campaign.ends_at)}


def detail(session: Session, caller: PartnerCaller, campaign_id: str) -> dict[str, Any]:
    """GetAffiliatePartnerCampaignDetail's data."""
    campaign = own_campaign(session, caller, campaign_id)
    extra = session.get(PartnerApiCampaign, campaign.id)
    codes = extra.target_shop_codes if extra else []
    names = {s.id[-12:].upper(): s.name for s in session.scalars(
        select(Shop).where(Shop.world_id == campaign.world_id))} if codes else {}
    return {**summary(session, campaign, caller.now), "description": campaign.description,
            "commission_rate": campaign.commission_rate,
            "contact_info": extra.contact_info if extra else {},
            "region": caller.partner.market,
            "target_seller_types": extra.target_seller_types if extra else [],
            "target_shops": [{"code": c, "name": names.get(c, "")} for c in codes]}


def page_size(query: Mapping[str, str]) -> int:
    size = int_field(query, "page_size", low=1, high=100)
    if size is None:
        raise bad("`page_size` is required and must be between 1 and 100.")
    return size


def _offset(token: str | None) -> int:
    if not token:
        return 0
    if not token.startswith("o") or not token[1:].isdigit() or len(token) > 12:
        raise bad("`page_token` is not one this API returned.")
    return int(token[1:])


def campaign_list(session: Session, caller: PartnerCaller,
                  query: Mapping[str, str]) -> dict[str, Any]:
    """MY_CAMPAIGNS are the partner's own; the sandbox has no seller or TikTok campaigns."""
    size, start = page_size(query), _offset(text_field(query, "page_token"))
    status = text_field(query, "status") or "UNSPECIFIED"
    kind = text_field(query, "type") or "MY_CAMPAIGNS"
    if status not in (*STATUSES, "UNSPECIFIED"):
        raise bad(f"`status` must be one of {', '.join(STATUSES)} or UNSPECIFIED.")
    if kind not in TYPES:
        raise bad(f"`type` must be one of {', '.join(TYPES)}.")
    rows = [] if kind != "MY_CAMPAIGNS" else [
        summary(session, c, caller.now) for c in partner_outreach.list_campaigns(
            session, caller.partner.world_id, caller.partner.id)]
    rows = [r for r in rows if status in ("UNSPECIFIED", r["status"])]
    more = start + size < len(rows)
    return {"campaigns": rows[start:start + size], "total_count": len(rows),
            "next_page_token": f"o{start + size}" if more else ""}


REVIEW_STATUSES = ("PENDING", "APPROVED", "REJECTED", "PENDING_CLOSED", "CLOSED")


def campaign_products(session: Session, caller: PartnerCaller, campaign_id: str,
                      query: Mapping[str, str]) -> dict[str, Any]:
    """Products sellers submitted: none yet, as the sandbox has no product catalogue."""
    own_campaign(session, caller, campaign_id)
    page_size(query)
    _offset(text_field(query, "page_token"))
    if (text_field(query, "review_status") or REVIEW_STATUSES[0]) not in REVIEW_STATUSES:
        raise bad(f"`review_status` must be one of {', '.join(REVIEW_STATUSES)}.")
    return {"products": [], "total_count": 0, "next_page_token": ""}
