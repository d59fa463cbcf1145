"""What Seller Center's use cases share besides a session: the runtime, its door to the TikTok
app, and the first-party client credentials each world registered for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from sandbox.kernel.errors import NotFound
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.world_config import settings_for
from sandbox.kernel.world_facts import world_settings
from sandbox.services.tiktok_app import TikTokAppClient


@dataclass
class SellerCenter:
    """The runtime and the door to the app."""

    runtime: Runtime
    tiktok: TikTokAppClient

    def claim_lease(self, session: Session, world_id: str) -> timedelta:
        """How old a claim may get before another poller takes it over (world setting)."""
        return timedelta(seconds=settings_for(session, world_id).claim_lease_seconds)


def credentials(session: Session, world_id: str,
                client: str = "seller_center_client") -> tuple[str, str]:
    """Seller Center's (or Partner Center's, `partner_center_client`) client_key and
    client_secret in this world."""
    creds = world_settings(session, world_id).get(client)
    if not creds:
        raise NotFound(f"This world has no {client.replace('_', ' ')} registered.",
                       code="FIRST_PARTY_CLIENT_MISSING")
    return creds["client_key"], creds["client_secret"]
