"""Learn what the app decided on its own clock: organization-account creations (G3) and upgrade
trials that ended (H5). One entry point, so both are learnt wherever either is."""

from __future__ import annotations

from sandbox.services import org_accounts, upgrades
from sandbox.services.seller_center import SellerCenter


def sync(sc: SellerCenter, world_id: str, shop_id: str | None = None) -> int:
    """Outcomes that fell due, recorded; returns how many requests changed."""
    return (org_accounts.sync_creations(sc, world_id, shop_id)
            + upgrades.sync_trials(sc, world_id, shop_id))
