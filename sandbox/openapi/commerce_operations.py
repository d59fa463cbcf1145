"""Words and answers of the app's selling faces, keyed by Flask endpoint: the app user's
commerce actions (/app/api/v1: shop page, showcase, affiliate, videos, LIVE) and Seller Center's
first-party catalogue push and showcases (/sandbox/v1, a sandbox extension)."""

from __future__ import annotations

from sandbox.openapi.shapes import APP, BOOL, FIRST, INT, OBJ, STR, Op, array, null_or, obj, op

_PRODUCT = obj({"product_id": STR, "shop_id": STR, "shop_name": STR, "title": STR,
                "price": {"type": "string", "description": "decimal, e.g. 24.50"},
                "currency": STR, "status": STR, "affiliate_open": BOOL,
                "commission_rate": {"type": "integer", "description": "ten-thousandths"}})
_PRODUCTS = obj({"products": array(_PRODUCT)})
_PROFILE = obj({"kind": {"enum": ["shop_page", "showcase"]}, "shop_id": null_or(STR),
                "affiliate": BOOL, "products": array(_PRODUCT), "showcase": array(_PRODUCT)},
               description="The profile's Shop tab (official account, B1: `products` synced, "
                           "`showcase` added by hand) or Showcase (B3, A4)")
_STATUS = obj({"affiliate": BOOL, "affiliate_since": null_or(STR), "agreement_signed": BOOL,
               "identity": null_or(OBJ), "accepted_documents": array(STR), "followers": INT,
               "follower_minimum": INT})
_VIDEO = obj({"id": STR, "title": STR, "description": STR, "duration": INT,
              "product_ids": array(STR), "shoppable": BOOL, "created_at": STR})
_LIVE = obj({"id": STR, "title": STR, "product_ids": array(STR), "started_at": STR,
             "ended_at": null_or(STR), "live": BOOL})
_SHOWCASE = obj({"open_id": STR, "role": null_or(STR), "shop_id": null_or(STR),
                 "affiliate": BOOL, "followers": INT, "products": array(_PRODUCT)})

_PROMOTE = ("OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY PRODUCT_NOT_OPEN_TO_AFFILIATES "
            "AFFILIATE_PERMISSION_REQUIRED SHOWCASE_NOT_AVAILABLE")
_ADD = {404: "PRODUCT_NOT_FOUND", 409: "PRODUCT_NOT_ON_SALE",
        422: _PROMOTE}
_FIRST_NOTE = ("Sandbox extension. Authenticated with Seller Center's client credentials "
               "(HTTP Basic).")


def _first(summary: str, ok: object, errors: dict[int, str] | None = None) -> Op:
    return op(summary, ok, 200, {401: "CLIENT_AUTH_FAILED", 403: "FIRST_PARTY_ONLY",
                                 **(errors or {})},
              tag=FIRST, security=[{"first_party": []}], description=_FIRST_NOTE)


OPERATIONS: dict[str, Op] = {
    "commerce_api.my_products": op("The profile's Shop tab (B1) or Showcase (B3, A4)", _PROFILE),
    "commerce_api.shop_products": op("\"Add from shop\": the own shop's products on sale (B1, B3)",
                                     _PRODUCTS),
    "commerce_api.marketplace": op("The affiliate marketplace: every shop's products open to "
                                   "affiliates (A4)", _PRODUCTS),
    "commerce_api.add_to_showcase": op("Add products to the showcase (\"Add from shop\": "
                                       "B1 official and B3 marketing accounts, their own "
                                       "shop's; A4 affiliate products); adding twice is a no-op",
                                       _PROFILE, errors=_ADD),
    "commerce_api.remove_from_showcase": op("Remove a product from the showcase", _PROFILE,
                                            errors={404: "SHOWCASE_PRODUCT_NOT_FOUND"}),
    "commerce_api.affiliate_status": op("Becoming an affiliate creator, step by step (A4)",
                                        _STATUS),
    "commerce_api.verify_identity": op(
        "Verify identity with a personal ID document of the account's market (A4; M2 for GB "
        "links). The sandbox accepts it at once.", _STATUS,
        errors={400: "ID_DOCUMENT_TYPE_NOT_ACCEPTED", 422: "ID_DOCUMENT_WRONG_MARKET"}),
    "commerce_api.sign_agreement": op("Sign the affiliate commission agreement (A4)", _STATUS),
    "commerce_api.apply_affiliate": op(
        "Apply as an affiliate creator (A4): the first unmet condition is the refusal",
        _STATUS, errors={409: "AFFILIATE_ALREADY_APPROVED",
                         422: "AFFILIATE_OFFICIAL_ACCOUNT AFFILIATE_AGREEMENT_NOT_SIGNED "
                              "AFFILIATE_ID_NOT_VERIFIED AFFILIATE_TOO_FEW_FOLLOWERS"}),
    "commerce_api.my_videos": op("The account's videos, newest first",
                                 obj({"videos": array(_VIDEO)})),
    "commerce_api.post_video": op(
        "Post a video; with products it is shoppable (B6)", _VIDEO, 201, {
            404: "PRODUCT_NOT_FOUND", 409: "PRODUCT_NOT_ON_SALE",
            422: f"SHOPPABLE_VIDEO_NOT_ALLOWED SHOPPABLE_VIDEO_TOO_FEW_FOLLOWERS {_PROMOTE}"}),
    "commerce_api.my_live": op("The LIVE under way, or null", obj({"live": null_or(_LIVE)})),
    "commerce_api.start_live": op(
        "Go LIVE with products (B6); one LIVE at a time", _LIVE, 201, {
            404: "PRODUCT_NOT_FOUND", 409: "PRODUCT_NOT_ON_SALE ALREADY_LIVE",
            422: f"LIVE_NOT_ALLOWED LIVE_TOO_FEW_FOLLOWERS {_PROMOTE}"}),
    "commerce_api.end_live": op("End the LIVE under way", _LIVE, errors={404: "NOT_LIVE"}),
    "first_party_commerce.replace_catalogue": _first(
        "Replace the shop's whole catalogue in the app (idempotent; keeps shop pages in sync, "
        "B1)", obj({"shop_id": STR, "products": INT})),
    "first_party_commerce.showcase": _first("An account's showcase, role and affiliate status "
                                            "(Affiliate Creator API)", _SHOWCASE,
                                            {404: "ACCOUNT_NOT_FOUND"}),
    "first_party_commerce.add_products": _first(
        "Add products to an account's showcase (B3, A4)", _SHOWCASE,
        {404: "ACCOUNT_NOT_FOUND PRODUCT_NOT_FOUND", 409: _ADD[409], 422: _PROMOTE}),
}
for _name, _op in OPERATIONS.items():
    if _name.startswith("commerce_api."):
        _op.tag = APP
