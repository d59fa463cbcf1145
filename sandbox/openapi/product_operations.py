"""Operations of TikTok Shop's Product API 202309, the Affiliate Seller open collaborations
(seller token, `shop_cipher`) and the Affiliate Creator showcase and marketplace (creator token,
no cipher), keyed by Flask endpoint."""

from __future__ import annotations

from typing import Any

from sandbox.openapi.shapes import BOOL, INT, SHOP, STR, Op, Schema, array, null_or, obj, op


def _q(description: str, kind: str = "string") -> Schema:
    return {"type": kind, "description": description}


_SIGNED = {"app_key!": _q("the app's key"), "timestamp!": _q("Unix seconds, within -300/+30 s"),
           "sign!": _q("hex HMAC-SHA256 of secret + path + sorted params + body + secret")}
_CIPHER = {"shop_cipher!": _q("the shop's cipher from GET /authorization/202309/shops")}
_SELLER = {"x-tts-access-token": _q("the seller's access token")}
_CREATOR = {"x-tts-access-token": _q("the creator's access token (creator authorization)")}
_PAGE = {"page_size!": _q("1-100", "integer"),
         "page_token": _q("`next_page_token` of the previous page")}
_ERRORS = {400: "", 401: "", 403: "", 404: "", 409: "", 422: ""}
_NOTE = ("Refusals are TikTok Shop's envelope with a numeric `code`: 36009004 (parameters and "
         "credentials; a sandbox refusal appends `[sandbox: CODE, rule R]` to the message), "
         "106001 (sign), 106013 (missing shop_cipher), 105005 (scope or token kind), 105002 "
         "(expired token).")


def _envelope(data: Schema) -> Schema:
    return obj({"code": INT, "message": STR, "request_id": STR, "data": null_or(data)},
               ["code", "message", "request_id", "data"])


def _json(schema: Schema, required: bool = True) -> Schema:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


_ERROR_ITEM = obj({"code": INT, "message": STR, "detail": obj({"product_id": STR}),
                   "sandbox": obj({"code": STR, "rule": null_or(STR)},
                                  description="Sandbox extension: the refusal's own code and "
                                              "rule")})
_BATCH = _envelope(obj({"errors": array(_ERROR_ITEM)}))
_PRICE = obj({"currency": STR, "sale_price": STR, "tax_exclusive_price": STR})
_SKU = obj({"id": STR, "seller_sku": STR, "price": _PRICE,
            "inventory": array(obj({"warehouse_id": STR, "quantity": INT}))})
_PRODUCT = {"id": STR, "title": STR, "status": STR, "skus": array(_SKU),
            "sales_regions": array(STR), "create_time": INT, "update_time": INT,
            "is_not_for_sale": BOOL}
_MONEY = obj({"currency": STR, "minimum_amount": STR, "maximum_amount": STR})
_NAME = obj({"name": STR})
SCHEMAS: dict[str, Schema] = {
    "ShopProductList": _envelope(obj({"products": array(obj(_PRODUCT)), "total_count": INT,
                                      "next_page_token": STR}, ["products", "total_count"])),
    "ShopProduct": _envelope(obj({**_PRODUCT, "description": STR})),
    "ShopProductCreated": _envelope(obj({"product_id": STR, "skus": array(obj(
        {"id": STR, "seller_sku": STR})), "warnings": array({"type": "object"})},
        ["product_id", "skus"])),
    "ShopProductBatch": _BATCH,
    "OpenCollaborationCreated": _envelope(obj({"open_collaboration": obj(
        {"id": STR, "product_id": STR, "effective_time": INT})})),
    "OpenCollaborationRemoved": _envelope(obj({"terminated_effective_time": INT})),
    "ShowcaseProducts": _envelope(obj({"products": array(obj({
        "id": STR, "title": STR, "shop": _NAME, "price": obj({"original_price": _MONEY}),
        "source": {"enum": ["TIKTOK_STORE", "AFFILIATE", "THIRD_PARTY"]},
        "commission": obj({"rate": INT, "reward_rate": INT}),
        "status": obj({"inventory_status": STR, "review_status": STR, "is_hidden": BOOL,
                       "added_status": STR})})), "next_page_token": STR, "total_count": INT})),
    "OpenCollaborationProducts": _envelope(obj({"products": array(obj({
        "id": STR, "title": STR, "shop": _NAME, "has_inventory": BOOL, "units_sold": INT,
        "sale_region": STR, "original_price": _MONEY, "sales_price": _MONEY,
        "commission": obj({"rate": INT, "currency": STR, "amount": STR})})),
        "next_page_token": STR, "total_count": INT})),
}


def _op(summary: str, ok: str, *, creator: bool = False, query: dict[str, Schema] | None = None,
        **kw: Any) -> Op:
    return op(summary, ok, 200, _ERRORS, tag=SHOP, security=[], error_schema="ShopEnvelope",
              query={**_SIGNED, **({} if creator else _CIPHER), **(query or {})},
              headers=_CREATOR if creator else _SELLER, description=_NOTE, **kw)


_IDS = _json(obj({"product_ids": array(STR)}, ["product_ids"]))
_CREATE = _json(obj({
    "title": STR, "description": STR, "category_id": _q("accepted and ignored"),
    "save_mode": {"enum": ["LISTING", "AS_DRAFT"]},
    "skus": array(obj({"seller_sku": STR, "price": obj({
        "amount": STR, "sale_price": STR, "currency": STR}, ["currency"]),
        "inventory": array(obj({"warehouse_id": STR, "quantity": INT}))}, ["price"]))},
    ["title", "skus"]))
_RANGE = obj({"rate_ge": INT, "rate_lt": INT})

OPERATIONS: dict[str, Op] = {
    "open_api_products.search": _op(
        "Search Products (body `status`: ALL or a product status; DELETED lists deleted ones)",
        "ShopProductList", query=_PAGE,
        body=_json(obj({"status": STR}), required=False)),
    "open_api_products.detail": _op("Get Product", "ShopProduct"),
    "open_api_products.create": _op(
        "Create Product (one SKU; on sale at once, or a draft with save_mode AS_DRAFT)",
        "ShopProductCreated", body=_CREATE),
    "open_api_products.activate": _op("Activate Products (per-product `errors`)",
                                      "ShopProductBatch", body=_IDS),
    "open_api_products.deactivate": _op("Deactivate Products (per-product `errors`)",
                                        "ShopProductBatch", body=_IDS),
    "open_api_products.delete": _op("Delete Products (status DELETED; per-product `errors`)",
                                    "ShopProductBatch", body=_IDS),
    "open_api_affiliate.create_open_collaboration": _op(
        "Create Open Collaboration: open a product to every shop's affiliates (A4)",
        "OpenCollaborationCreated", body=_json(obj(
            {"product_id": STR, "commission_rate": _q("hundredths of a percent, 100-8000",
                                                      "integer")},
            ["product_id", "commission_rate"]))),
    "open_api_affiliate.remove_open_collaboration": _op(
        "Remove Open Collaboration (ends at once in the sandbox)", "OpenCollaborationRemoved"),
    "open_api_affiliate.showcase": _op(
        "Get Showcase Products (the creator's showcase in the app)", "ShowcaseProducts",
        creator=True, query={**_PAGE, "origin!": _q("SHOWCASE or LIVE")}),
    "open_api_affiliate.add_to_showcase": _op(
        "Add Showcase Products (the app's B1/B3/A4 refusals are entries of `errors`)",
        "ShopProductBatch", creator=True, body=_json(obj(
            {"add_type": {"enum": ["PRODUCT_ID", "PRODUCT_LINK"]}, "product_ids": array(STR)},
            ["add_type"]))),
    "open_api_affiliate.open_collaboration_products": _op(
        "Search Open Collaboration Products (A4: every shop's products open to affiliates)",
        "OpenCollaborationProducts", creator=True, query={
            **_PAGE, "sort_field": _q("commission, commission_rate, product_sales_price or "
                                      "units_sold"), "sort_order": _q("ASC or DESC")},
        body=_json(obj({"title_keywords": array(STR),
                        "sales_price_range": obj({"amount_ge": STR, "amount_lt": STR}),
                        "commission_rate_range": _RANGE}), required=False)),
}
