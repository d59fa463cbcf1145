"""A shop's catalogue from a script: the operator's (control plane) and the seller's (actor API)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class ShopCatalogue:
    """Control plane: products of a shop (`Shop` mixes this in; it has `world` and `id`)."""

    world: Any
    id: str

    def create_product(self, title: str, price: str = "9.99", **fields: Any) -> dict[str, Any]:
        """Control plane: a product of this shop (on sale unless `status` says otherwise; open
        to affiliates with `commission_rate`, ten-thousandths)."""
        return self.world._cp("POST", f"/shops/{self.id}/products",
                              json={"title": title, "price": price, **fields})

    def products(self) -> list[dict[str, Any]]:
        return self.world._cp("GET", f"/shops/{self.id}/products")["products"]

    def delete_product(self, product_id: str) -> dict[str, Any]:
        return self.world._cp("DELETE", f"/shops/{self.id}/products/{product_id}")


class SellerProducts:
    """Seller Center → Products (`SellerActor` mixes this in; it has `call`)."""

    call: Callable[..., Any]

    def add_product(self, title: str, price: str = "9.99", **fields: Any) -> dict[str, Any]:
        return self.call("POST", "/products", json={"title": title, "price": price, **fields})

    def products(self, status: str | None = None) -> list[dict[str, Any]]:
        return self.call("GET", "/products", params={"status": status} if status else None
                         )["products"]

    def update_product(self, product_id: str, **fields: Any) -> dict[str, Any]:
        return self.call("PATCH", f"/products/{product_id}", json=fields)

    def delete_product(self, product_id: str) -> dict[str, Any]:
        return self.call("DELETE", f"/products/{product_id}")

    def open_to_affiliates(self, product_id: str, commission_rate: int = 1000) -> dict[str, Any]:
        """A4: affiliate creators may promote it, at `commission_rate` ten-thousandths."""
        return self.call("PUT", f"/products/{product_id}/affiliate",
                         json={"commission_rate": commission_rate})

    def close_to_affiliates(self, product_id: str) -> dict[str, Any]:
        return self.call("DELETE", f"/products/{product_id}/affiliate")
