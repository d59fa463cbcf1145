"""Operations of TikTok Shop's Affiliate Partner API (signed, `category_asset_cipher`) and the
control plane's partner authorize (a sandbox extension), keyed by Flask endpoint."""

from __future__ import annotations

from typing import Any

from sandbox.openapi.shapes import (
    CONTROL,
    INT,
    SHOP,
    STR,
    Op,
    Schema,
    array,
    null_or,
    obj,
    op,
)


def _q(description: str, kind: str = "string") -> Schema:
    return {"type": kind, "description": description}


_SIGNED = {"app_key!": _q("the app's key"), "timestamp!": _q("Unix seconds, within -300/+30 s"),
           "sign!": _q("hex HMAC-SHA256 of secret + path + sorted params + body + secret")}
_CIPHER = {"category_asset_cipher!": _q("the partner's cipher, from the authorize answer or "
                                        "GET /authorization/202405/category_assets")}
_ACCESS = {"x-tts-access-token": _q("the partner's access token (sandbox extension: "
                                    "POST /_sandbox/v1/worlds/{world_id}/partners/"
                                    "{partner_id}/authorize)")}
_PAGE = {"page_size!": _q("1-100", "integer"),
         "page_token": _q("`next_page_token` of the previous page")}
_ERRORS = {400: "", 401: "", 403: ""}
_NOTE = ("Refusals are TikTok Shop's envelope with a numeric `code`: 36009004 (parameters and "
         "credentials), 106001 (sign), 106013 (missing cipher), 105002 (expired token).")


def _envelope(data: Schema) -> Schema:
    return obj({"code": INT, "message": STR, "request_id": STR, "data": null_or(data)},
               ["code", "message", "request_id", "data"])


_SUMMARY = {"id": STR, "name": STR, "status": {"enum": ["READY", "UPCOMING", "ONGOING",
                                                        "CLOSED"]},
            "registration_start_time": INT, "registration_end_time": INT,
            "campaign_start_time": INT, "campaign_end_time": INT}
SCHEMAS: dict[str, Schema] = {
    "AffiliatePartnerCampaignCreated": _envelope(obj({"campaign_id": STR}, ["campaign_id"])),
    "AffiliatePartnerCampaignList": _envelope(obj({
        "campaigns": array(obj(_SUMMARY, list(_SUMMARY))), "next_page_token": STR,
        "total_count": INT}, ["campaigns", "total_count"])),
    "AffiliatePartnerCampaign": _envelope(obj({
        **_SUMMARY, "description": STR, "commission_rate": INT, "region": STR,
        "contact_info": {"type": "object", "additionalProperties": STR},
        "target_seller_types": array({"enum": ["LOCAL", "CROSS_BORDER"]}),
        "target_shops": array(obj({"code": STR, "name": STR}))}, list(_SUMMARY))),
    "AffiliatePartnerCampaignProducts": _envelope(obj({
        "products": array({"type": "object"}), "next_page_token": STR, "total_count": INT},
        ["products", "total_count"])),
    "CategoryAssets": _envelope(obj({"category_assets": array(obj({
        "cipher": STR, "target_market": STR, "category": obj({"id": INT, "name": STR})}))},
        ["category_assets"])),
}


def _signed(summary: str, ok: str, *, cipher: bool = True, query: dict[str, Schema] | None = None,
            not_found: bool = False, **kw: Any) -> Op:
    errors = {**_ERRORS, **({404: ""} if not_found else {})}
    return op(summary, ok, 200, errors, tag=SHOP, security=[], error_schema="ShopEnvelope",
              query={**_SIGNED, **(_CIPHER if cipher else {}), **(query or {})},
              headers=_ACCESS, description=_NOTE, **kw)


_CREATE_BODY = obj({
    "name": _q("less than 50 characters"), "description": _q("less than 1000 characters"),
    "campaign_start_time": _q("Unix seconds (default: now)", "integer"),
    "campaign_end_time": _q("Unix seconds, less than 360 days after the start (default: "
                            "start + 30 days)", "integer"),
    "registration_start_time": _q("Unix seconds (default: the campaign's start)", "integer"),
    "registration_end_time": _q("Unix seconds, not after the campaign's end", "integer"),
    "commission_rate": _q("0.01 % units, greater than 100 and less than 8000 (default 1000)",
                          "integer"),
    "contact_info": obj({k: STR for k in ("whatsapp", "email", "phone", "zalo", "viber",
                                          "line")}),
    "target_shop_codes": array(STR),
    "target_seller_types": array({"enum": ["LOCAL", "CROSS_BORDER"]})}, ["name"])

OPERATIONS: dict[str, Op] = {
    "affiliate_partner.category_assets": _signed(
        "Get authorized category assets: the partner's category_asset_cipher (signed)",
        "CategoryAssets", cipher=False),
    "affiliate_partner.create_campaign": _signed(
        "Create an Affiliate Partner campaign (READY: sellers see it once published)",
        "AffiliatePartnerCampaignCreated",
        body={"required": True, "content": {"application/json": {"schema": _CREATE_BODY}}}),
    "affiliate_partner.campaigns": _signed(
        "List the partner's campaigns (type MY_CAMPAIGNS; the sandbox has no seller or TikTok "
        "campaigns)", "AffiliatePartnerCampaignList", query={
            **_PAGE, "status": _q("READY, UPCOMING, ONGOING, CLOSED or UNSPECIFIED"),
            "type": _q("MY_CAMPAIGNS, GS_SELLING_CAMPAIGNS, SELLER_CAMPAIGNS or "
                       "EXCLUSIVE_TIKTOK_SHOP")}),
    "affiliate_partner.campaign": _signed("Get an Affiliate Partner campaign's detail",
                                          "AffiliatePartnerCampaign", not_found=True),
    "affiliate_partner.publish": _signed(
        "Publish a READY campaign (it is then shown to sellers)", "ShopEnvelope",
        not_found=True),
    "affiliate_partner.products": _signed(
        "List the products sellers submitted to the campaign (none: the sandbox has no product "
        "catalogue yet)", "AffiliatePartnerCampaignProducts", not_found=True, query={
            **_PAGE, "review_status": _q("PENDING, APPROVED, REJECTED, PENDING_CLOSED or "
                                         "CLOSED")}),
    "control_partner_api.authorize": op(
        "Sandbox extension: a TAP partner authorizes a shop app for the Affiliate Partner API",
        obj({"access_token": STR, "category_asset_cipher": STR, "expires_in": INT},
            ["access_token", "category_asset_cipher", "expires_in"]),
        errors={403: "PARTNER_NOT_TAP", 404: "PARTNER_NOT_FOUND SHOP_APP_NOT_FOUND"},
        tag=CONTROL, description=(
            "Stands in for TikTok's partner authorization: answers the `x-tts-access-token` "
            "and `category_asset_cipher` the app signs its /affiliate_partner calls with. "
            "Re-authorizing rotates the token; MCN partners are refused.")),
}
