"""Words and answers of Douyin Shop's seller operations (J1, J5–J7), keyed by Flask endpoint.
Binding itself is the seller's `POST /api/v1/links/official` (J2–J4 apply to DOUYIN shops)."""

from __future__ import annotations

from sandbox.openapi.shapes import BOOL, INT, SELLER, STR, Op, array, obj, op, ref

_SHOP = {400: "NOT_A_DOUYIN_SHOP"}
SCHEMAS = {
    "DouyinStatus": obj({
        "shop_id": STR, "business_entity": STR,
        "official_account": {"anyOf": [ref("Link"), {"type": "null"}]},
        "upgraded": BOOL, "upgraded_at": {"type": ["string", "null"]}, "rebinds_used": INT,
        "rebind_available": BOOL, "reminder": BOOL,
        "upgrade_deadline": {"type": ["string", "null"]}, "listing_restricted": BOOL},
        ["shop_id", "upgraded", "rebind_available", "reminder", "listing_restricted"]),
    "DouyinAuthorizedAccount": obj({"id": STR, "open_id": STR, "username": STR,
                                    "created_at": STR}, ["id", "open_id", "username"]),
}

OPERATIONS: dict[str, Op] = {
    "douyin_api.status": op(
        "The Douyin shop's official account: rebind and upgrade, the J7 reminder and deadline",
        "DouyinStatus", errors=_SHOP, tag=SELLER),
    "douyin_api.rebind": op(
        "换绑: a QR code for the account replacing the official one (J5: once, not after the "
        "upgrade)", "LinkRequest", 201, {**_SHOP, 422: "DOUYIN_REBIND_USED "
                                          "DOUYIN_REBIND_AFTER_UPGRADE "
                                          "DOUYIN_NOTHING_TO_REBIND"},
        ok_text="QR shown", tag=SELLER),
    "douyin_api.upgrade": op(
        "官方账号升级: the account's name becomes the shop's (J6)", "DouyinStatus",
        errors={**_SHOP, 409: "DOUYIN_ALREADY_UPGRADED",
                422: "DOUYIN_NOTHING_TO_UPGRADE DOUYIN_UPGRADE_WAITS_FOR_VERIFICATION"},
        tag=SELLER),
    "douyin_api.authorize": op(
        "授权账号: authorize an account for promotion (J1: never the official account)",
        "DouyinAuthorizedAccount", 201, {**_SHOP, 409: "DOUYIN_ALREADY_AUTHORIZED",
                                         422: "DOUYIN_AUTHORIZED_NOT_OFFICIAL "
                                              "DOUYIN_AUTHORIZED_LIMIT"},
        ok_text="Authorized", tag=SELLER),
    "douyin_api.authorized": op(
        "The shop's authorized accounts",
        obj({"authorized_accounts": array(ref("DouyinAuthorizedAccount"))}), tag=SELLER),
    "douyin_api.list_product": op(
        "List a product (refused after a missed upgrade deadline, J7): a catalogue product "
        "in CNY (also in GET /api/v1/products)",
        obj({"id": STR, "title": STR, "price": STR, "currency": {"const": "CNY"}, "status": STR,
             "created_at": STR}, ["id", "title", "price", "currency"]), 201,
        {**_SHOP, 422: "DOUYIN_UPGRADE_OVERDUE"}, ok_text="Listed", tag=SELLER),
}
