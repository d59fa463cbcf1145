"""Words and answers of a shop's catalogue: the seller's actor API (/api/v1/products) and the
control plane's products (/_sandbox/v1/worlds/{world_id}/shops/{shop_id}/products)."""

from __future__ import annotations

from sandbox.openapi.shapes import BOOL, CONTROL, INT, SELLER, STR, Op, array, obj, op

_PRODUCT = obj({
    "id": STR, "shop_id": STR, "title": STR, "description": STR,
    "price": {"type": "string", "description": "decimal with two places, e.g. \"24.50\""},
    "currency": {"type": "string", "description": "the market's: USD, GBP or CNY (M1)"},
    "status": {"enum": ["DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED",
                        "PLATFORM_DEACTIVATED", "FREEZE", "DELETED"]},
    "sku_id": STR, "seller_sku": STR, "inventory": INT, "affiliate_open": BOOL,
    "commission_rate": {"type": "integer", "description": "ten-thousandths: 1000 = 10%"},
    "created_at": STR, "updated_at": STR}, ["id", "shop_id", "title", "price", "status"])
_PRODUCTS = obj({"products": array(_PRODUCT)})
_VALUES = ("INVALID_FIELD CURRENCY_MISMATCH INVALID_COMMISSION_RATE")
_CREATE = {400: _VALUES, 409: "PRODUCT_NOT_ON_SALE@A4", 502: "TIKTOK_APP_ERROR"}
_ONE = {404: "PRODUCT_NOT_FOUND"}
_CHANGE = {**_ONE, 400: "INVALID_FIELD", 409: "PRODUCT_DELETED"}
_AFFILIATE = {**_ONE, 400: "INVALID_COMMISSION_RATE",
              409: "PRODUCT_DELETED PRODUCT_NOT_ON_SALE@A4"}
_SYNC = ("Every change is told to the TikTok app after the commit: an official account's shop "
         "page follows the catalogue (B1), showcases drop what is no longer on sale (B3, A4).")


def _seller(summary: str, ok: object, status: int = 200, errors: dict[int, str] | None = None,
            **kw: object) -> Op:
    return op(summary, ok, status, errors, tag=SELLER, description=_SYNC, **kw)


OPERATIONS: dict[str, Op] = {
    "products_api.list_products": _seller("The shop's products (not deleted ones unless "
                                          "?status=DELETED)", _PRODUCTS),
    "products_api.create_product": _seller("Add a product (on sale unless `status` says "
                                           "otherwise)", _PRODUCT, 201, _CREATE,
                                           ok_text="Created"),
    "products_api.get_product": _seller("One product of the shop", _PRODUCT, errors=_ONE),
    "products_api.change_product": _seller("Change title, description, price, status or "
                                           "inventory", _PRODUCT, errors=_CHANGE),
    "products_api.delete_product": _seller("Delete a product (TikTok keeps it as DELETED)",
                                           _PRODUCT, errors=_ONE),
    "products_api.open_to_affiliates": _seller(
        "Open to affiliate creators of any shop at a commission (A4)", _PRODUCT,
        errors=_AFFILIATE),
    "products_api.close_to_affiliates": _seller("Close to affiliates", _PRODUCT,
                                                errors={**_ONE, 409: "PRODUCT_DELETED"}),
    "control_products.create_product": op(
        "A product of the shop (as the seller would add it)", _PRODUCT, 201,
        {**_CREATE, 404: "SHOP_NOT_FOUND"}, tag=CONTROL, ok_text="Created", description=_SYNC),
    "control_products.list_products": op("The shop's products", _PRODUCTS,
                                         errors={404: "SHOP_NOT_FOUND"}, tag=CONTROL),
    "control_products.delete_product": op("Delete a product (status DELETED)", _PRODUCT,
                                          errors=_ONE, tag=CONTROL, description=_SYNC),
}
