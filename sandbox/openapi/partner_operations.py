"""Words and answers of Partner Center's operations (I1–I4): the control plane's partners and
the partner's actor API (/api/v1/partner), keyed by Flask endpoint."""

from __future__ import annotations

from sandbox.openapi.shapes import BOOL, CONTROL, STR, Op, array, obj, op, ref

PARTNER = "Partner Center actor API"
_I2 = ("PARTNER_HOLDER_UNDER_18 PARTNER_ACCOUNT_NOT_ACTIVE PARTNER_ACCOUNT_HAS_VIOLATIONS "
       "PARTNER_ACCOUNT_REGISTERED_BUSINESS PARTNER_ACCOUNT_WITH_OTHER_AGENCY "
       "PARTNER_ACCOUNT_IN_CREATOR_NETWORK PARTNER_ALREADY_LINKED")
_JOURNEY = ("I1: Get Started → QR shown (`qr_shown`) → the phone's My QR code scanner scans it "
            "(`scanned`) → Connect Now → Partner Center reads the account and applies I2/I3: "
            "`linked` or `refused` (with `error` naming the rule). Also `expired`, `denied`, "
            "`failed`. There is no confirmation step.")
_ATTACH = {422: "PARTNER_TIKTOK_NOT_LINKED"}

SCHEMAS = {
    "PartnerAccount": obj({"id": STR, "open_id": STR, "username": STR, "display_name": STR,
                           "avatar_url": STR, "linked_at": STR}),
    "Partner": obj({"id": STR, "name": STR, "kind": {"enum": ["mcn", "tap"]}, "kind_name": STR,
                    "market": STR, "business_entity": STR, "email": STR,
                    "tiktok_account": {"anyOf": [ref("PartnerAccount"), {"type": "null"}]},
                    "login": obj({"email": STR, "password": STR, "token": STR}),
                    "created_at": STR}, ["id", "name", "kind"]),
    "PartnerLinkRequest": obj({"id": STR, "partner_id": STR, "status": STR, "qr_url": STR,
                               "qr_png_url": STR, "link_id": {"type": ["string", "null"]},
                               "account": {"type": ["object", "null"]},
                               "error": ref("ErrorBody")}, ["id", "status", "qr_url"]),
    "PartnerInvitation": obj({"id": STR, "partner_id": STR,
                              "kind": {"enum": ["binding", "collaboration"]},
                              "username": STR, "handle": {"type": ["string", "null"]},
                              "attached_profile": BOOL, "status": STR, "bound": BOOL},
                             ["id", "kind", "username", "status"]),
    "PartnerCampaign": obj({"id": STR, "partner_id": STR, "name": STR, "status": STR,
                            "handle": {"type": ["string", "null"]},
                            "profile_url": {"type": ["string", "null"]}},
                           ["id", "name", "status"]),
}

OPERATIONS: dict[str, Op] = {
    "control_partners.create_partner": op(
        "Create a Partner Center partner (MCN or TAP) and its login", "Partner", 201,
        {409: "PARTNER_EMAIL_TAKEN"}, ok_text="Created", tag=CONTROL),
    "control_partners.list_partners": op("List partners", obj({"partners": array(ref("Partner"))}),
                                         tag=CONTROL),
    "control_partners.get_partner": op("A partner, with its linked TikTok account",
                                       "Partner", errors={404: "PARTNER_NOT_FOUND"}, tag=CONTROL),
    "control_partners.unlink_partner": op(
        "The account manager unlinks the partner's TikTok account (I3); it may link again",
        obj({"id": STR, "partner_id": STR, "open_id": STR, "status": STR}),
        errors={404: "PARTNER_NOT_FOUND PARTNER_NOT_LINKED"}, tag=CONTROL),
    "control_partners.list_campaigns": op(
        "Every partner campaign of the world (what sellers see)",
        obj({"campaigns": array(ref("PartnerCampaign"))}), tag=CONTROL),
    "partner_api.login": op("Log a partner in; returns a bearer token",
                            obj({"token": STR, "world": STR}),
                            errors={401: "PARTNER_LOGIN_FAILED", 404: "WORLD_NOT_FOUND"},
                            tag=PARTNER),
    "partner_api.me": op("The partner and its linked TikTok account", "Partner", tag=PARTNER),
    "partner_api.start_link": op(
        "Link TikTok Account → Get Started: a QR code (I1)", "PartnerLinkRequest", 201,
        {422: "PARTNER_ALREADY_LINKED", 502: "TIKTOK_APP_ERROR"}, ok_text="QR shown",
        description=_JOURNEY, tag=PARTNER),
    "partner_api.link_status": op(
        "The link request: polls the QR code once and, after Connect Now, applies I2/I3",
        "PartnerLinkRequest", errors={404: "PARTNER_LINK_REQUEST_NOT_FOUND"},
        description=_JOURNEY + f" Refusals (in `error`): {_I2}.", tag=PARTNER),
    "partner_api.invite": op(
        "Add New Creator (binding) or Find Creators → Invite (collaboration), optionally with "
        "the TikTok profile attached (I4)", "PartnerInvitation", 201,
        {**_ATTACH, 404: "ACCOUNT_NOT_FOUND"}, ok_text="Sent", tag=PARTNER),
    "partner_api.invitations": op("The partner's invitations",
                                  obj({"invitations": array(ref("PartnerInvitation"))}),
                                  tag=PARTNER),
    "partner_api.invitation": op(
        "One invitation; asks the app once whether the creator answered",
        "PartnerInvitation", errors={404: "PARTNER_INVITATION_NOT_FOUND"}, tag=PARTNER),
    "partner_api.create_campaign": op(
        "Create Campaign; Social Account → Attach TikTok profile (I4)", "PartnerCampaign", 201,
        _ATTACH, ok_text="Created", tag=PARTNER),
    "partner_api.campaigns": op("The partner's campaigns",
                                obj({"campaigns": array(ref("PartnerCampaign"))}), tag=PARTNER),
}
