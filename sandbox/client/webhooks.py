"""Client side of a world's webhook outbox: deliveries, their controls, and triggers."""

from __future__ import annotations

from typing import Any


class WorldWebhooks:
    """Mixin of the client's World: `world.deliveries()`, `redeliver`, `hold_webhooks()`…,
    `trigger_webhook(type)`."""

    def _cp(self, method: str, path: str = "", **kwargs: Any) -> Any:
        raise NotImplementedError

    def _poll(self, path: str, key: str, params: dict[str, Any], wait: float | None) -> list[Any]:
        raise NotImplementedError

    def deliveries(self, after: int = 0, wait: float = 0) -> list[dict[str, Any]]:
        return self._poll("/webhooks/deliveries", "deliveries", {"after": after}, wait)

    def redeliver(self, delivery_id: int) -> dict[str, Any]:
        return self._cp("POST", f"/webhooks/deliveries/{delivery_id}/redeliver")

    def duplicate_delivery(self, delivery_id: int) -> dict[str, Any]:
        return self._cp("POST", f"/webhooks/deliveries/{delivery_id}/duplicate")

    def hold_webhooks(self) -> dict[str, Any]:
        return self._cp("POST", "/webhooks/hold")

    def release_webhooks(self) -> dict[str, Any]:
        return self._cp("POST", "/webhooks/release")

    def drop_next_webhooks(self, count: int = 1) -> dict[str, Any]:
        return self._cp("POST", "/webhooks/drop", json={"count": count})

    def trigger_webhook(self, type: int | str, shop_id: str | None = None,
                        app_key: str | None = None) -> dict[str, Any]:
        """Send one webhook of `type` (16, "PRODUCT_CREATION", "authorization.removed") now,
        about a real object (made when missing): `{type, name, deliveries, payload, created…}`."""
        body = {"type": type, "shop_id": shop_id, "app_key": app_key}
        return self._cp("POST", "/webhooks/trigger",
                        json={k: v for k, v in body.items() if v is not None})
