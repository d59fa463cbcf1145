"""The shipping providers a seller ships with (Get Shipping Providers, protocols.md §4.2.8),
and the simulated carrier's tracking lines (Get Tracking, §4.2.6), pure."""

from __future__ import annotations

from datetime import datetime

# TikTok's sample gives USPS this id; the others are the sandbox's, of the same shape.
PROVIDERS: dict[str, str] = {
    "7117858858072016686": "USPS", "7117859084333745966": "UPS",
    "7117858858072033070": "FedEx", "7129720299146184490": "DHL eCommerce",
    "7000000000000000001": "Sandbox Express",
}
SANDBOX_PROVIDER_ID = "7000000000000000001"
BY_NAME = {name.lower(): pid for pid, name in PROVIDERS.items()}
# The one delivery option every sandbox shop's logistics template has (seller shipping).
DELIVERY_OPTION = {"id": "7091146663229654785", "name": "Standard shipping",
                   "type": "SEND_BY_SELLER"}


def provider_id_for(name_or_id: str) -> str | None:
    """The id of a provider given by id or (case-insensitive) name; None if unknown."""
    if name_or_id in PROVIDERS:
        return name_or_id
    return BY_NAME.get(name_or_id.strip().lower())


def tracking_lines(rts: datetime | None, collected: datetime | None,
                   delivered: datetime | None) -> list[tuple[str, datetime]]:
    """Newest first, as Get Tracking lists them."""
    lines = [("Shipping label created, the seller has shipped the package", rts),
             ("Picked up by the carrier, in transit", collected),
             ("Your package was delivered!", delivered)]
    return [(text, at) for text, at in reversed(lines) if at is not None]
